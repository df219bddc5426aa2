//! Sends a message with lettre to a local server that rejects a recipient, and explains the
//! rejection with smtp-codes.
//!
//! ```sh
//! cargo run -p smtp-codes-tests --example lettre_rejection
//! ```
//!
//! It starts a real aiosmtpd server on 127.0.0.1 (`scripts/capture/aiosmtpd_server.py`; needs
//! `pip install aiosmtpd`), which refuses unknown users with `550 5.1.1`.

use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use lettre::{Message, SmtpTransport, Transport};
use smtp_codes::{Disposition, Reply};

/// The project's one aiosmtpd server, which the capture harness runs too (its replies are
/// the corpus in `tests/corpus/aiosmtpd`), relative to this crate.
const SERVER: &str = "../scripts/capture/aiosmtpd_server.py";

fn main() -> ExitCode {
    let port = match TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).and_then(|l| l.local_addr()) {
        Ok(addr) => addr.port(),
        Err(e) => return fail(&format!("no free port on 127.0.0.1: {e}")),
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(SERVER);
    let mut server = match Command::new("python3")
        .arg(&script)
        .arg(port.to_string())
        .arg("--until-stdin-closes")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => return fail(&format!("cannot start python3 {}: {e}", script.display())),
    };
    let mut ready = String::new();
    if let Some(out) = server.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut ready);
    }
    if ready.trim() != "READY" {
        return fail("aiosmtpd did not start (pip install aiosmtpd==1.4.6)");
    }

    let message = Message::builder()
        .from(
            "Sender <sender@client.test>"
                .parse()
                .expect("a valid address"),
        )
        .to("Nobody <nobody@mail.test>"
            .parse()
            .expect("a valid address"))
        .subject("Hello")
        .body(String::from("This recipient does not exist."))
        .expect("a valid message");
    let mailer = SmtpTransport::builder_dangerous("127.0.0.1")
        .port(port)
        .build();
    let result = mailer.send(&message);
    drop(server.stdin.take()); // stops the server
    let _ = server.wait();

    let error = match result {
        Ok(_) => {
            return fail(
                "the server accepted the message; it should have refused nobody@mail.test",
            );
        }
        Err(error) => error,
    };
    println!("lettre says: {error}");

    // lettre keeps the code and the server's text; rebuild the reply line and let smtp-codes
    // explain both the basic and the enhanced code.
    let Some(code) = error.status() else {
        return fail("lettre reported no SMTP status code");
    };
    let text = error.to_string();
    let server_text = text
        .split_once(": ")
        .map_or(text.as_str(), |(_, rest)| rest);
    let line = format!("{code} {server_text}\r\n");
    let (reply, _) = match Reply::parse(line.as_bytes()) {
        Ok(parsed) => parsed,
        Err(e) => return fail(&format!("cannot parse {line:?}: {e}")),
    };
    println!();
    if let Some(basic) = reply.reply_code() {
        println!(
            "{basic} ({}yz {})",
            basic.category().digit(),
            basic.category()
        );
        println!("  {}", basic.description());
    }
    if let Some(enhanced) = reply.enhanced() {
        println!(
            "{enhanced} {}",
            enhanced.name().unwrap_or("(not registered)")
        );
        if let Some(description) = enhanced.description() {
            println!("  {description}");
        }
        if let Some(remediation) = enhanced.remediation() {
            println!("  What to do: {remediation}");
        }
    }
    let verdict = match reply.disposition() {
        Disposition::GiveUp => "give up: do not retry this recipient",
        Disposition::RetryLater => "retry later",
        Disposition::Success | Disposition::Intermediate => "not a failure",
    };
    println!("\nDisposition: {verdict}");
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
