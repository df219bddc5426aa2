//! A real session: the example server (`examples/reply_server.rs`) on 127.0.0.1, driven by
//! Python's `smtplib` and by lettre, which must read its replies as they were built.

#[path = "../examples/reply_server.rs"]
#[allow(dead_code)]
mod reply_server;

use std::net::{Ipv4Addr, TcpListener};
use std::process::Command;
use std::thread;

use lettre::{Message, SmtpTransport, Transport};
use smtp_codes::Disposition;

/// A server for `sessions` sessions on a free port; gives the port and the thread.
fn start(sessions: usize) -> (u16, thread::JoinHandle<()>) {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = thread::spawn(move || {
        for stream in listener.incoming().take(sessions) {
            reply_server::serve(stream.unwrap()).unwrap();
        }
    });
    (port, server)
}

#[test]
fn smtplib_reads_the_replies_as_built() {
    let (port, server) = start(1);
    let script = r#"
import json, smtplib, sys
s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="client.test")
ehlo = s.ehlo()
out = {
    "ehlo": [ehlo[0], ehlo[1].decode()],
    "features": sorted(s.esmtp_features),
    "help": list(s.docmd("HELP")),
    "mail": list(s.mail("sender@client.test")),
    "rcpt": list(s.rcpt("nobody@mail.test")),
    "quit": list(s.quit()),
}
for k in ("help", "mail", "rcpt", "quit"):
    out[k][1] = out[k][1].decode()
print(json.dumps(out))
"#;
    let output = Command::new("python3")
        .args(["-c", script, &port.to_string()])
        .output()
        .expect("python3 must be installed for the smtplib session");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    server.join().unwrap();
    let got: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();

    assert_eq!(
        got["ehlo"],
        serde_json::json!([
            250,
            "mail.test greets you\nSIZE 10240000\nENHANCEDSTATUSCODES\nSMTPUTF8"
        ])
    );
    assert_eq!(
        got["features"],
        serde_json::json!(["enhancedstatuscodes", "size", "smtputf8"])
    );
    // The long help line came folded into several lines, every word kept.
    assert_eq!(got["help"][0], 214);
    let help = got["help"][1].as_str().unwrap();
    assert!(help.lines().count() > 1, "{help}");
    assert_eq!(help.replace('\n', " "), reply_server::help_text());
    assert_eq!(got["mail"], serde_json::json!([250, "2.1.0 OK"]));
    assert_eq!(
        got["rcpt"],
        serde_json::json!([
            550,
            "5.1.1 no such user here\n5.1.1 see https://postmaster.mail.test/"
        ])
    );
    assert_eq!(got["quit"][0], 221);
}

#[test]
fn lettre_reports_the_refusal() {
    let (port, server) = start(1);
    let message = Message::builder()
        .from("Sender <sender@client.test>".parse().unwrap())
        .to("Nobody <nobody@mail.test>".parse().unwrap())
        .subject("Hello")
        .body(String::from("This recipient does not exist."))
        .unwrap();
    let mailer = SmtpTransport::builder_dangerous("127.0.0.1")
        .port(port)
        .build();
    let error = mailer.send(&message).unwrap_err();
    drop(mailer);
    server.join().unwrap();
    assert!(error.is_permanent(), "{error}");
    assert_eq!(error.status().map(u16::from), Some(550));
    assert_eq!(
        Disposition::of_lettre_error(&error),
        Some(Disposition::GiveUp)
    );
    let text = std::error::Error::source(&error).unwrap().to_string();
    assert!(text.contains("5.1.1 no such user here"), "{text}");
}
