//! A small SMTP server that answers with `ReplyBuf` replies: blocking sockets on 127.0.0.1,
//! one session at a time, refusing every recipient. `HELP` answers with a line too long for
//! one reply line, which `ReplyBuf` folds.
//!
//! ```text
//! cargo run -p smtp-codes-tests --example reply_server -- 2525
//! swaks --server 127.0.0.1:2525 --to nobody@mail.test   # or python3 -m smtplib, or lettre
//! ```
//!
//! `tests/tests/reply_server.rs` drives it with smtplib and lettre.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};

use smtp_codes::{ReplyBuf, ReplyCode, WriteReplyError, enhanced_code};

/// The answer to one command line.
fn answer(line: &str) -> Result<ReplyBuf, WriteReplyError> {
    let verb = line.split(' ').next().unwrap_or("").to_ascii_uppercase();
    match verb.as_str() {
        "EHLO" => ReplyBuf::new(ReplyCode::Ok)
            .line("mail.test greets you")?
            .line("SIZE 10240000")?
            .line("ENHANCEDSTATUSCODES")?
            .line("SMTPUTF8"),
        "HELO" => ReplyBuf::new(ReplyCode::Ok).line("mail.test"),
        "MAIL" => ReplyBuf::new(ReplyCode::Ok)
            .enhanced(enhanced_code!("2.1.0"))
            .build(),
        "RCPT" => ReplyBuf::new(ReplyCode::MailboxUnavailable)
            .enhanced(enhanced_code!("5.1.1"))
            .line("no such user here")?
            .line("see https://postmaster.mail.test/"),
        "HELP" => ReplyBuf::new(ReplyCode::HelpMessage).line(help_text()),
        "RSET" | "NOOP" => ReplyBuf::new(ReplyCode::Ok)
            .enhanced(enhanced_code!("2.0.0"))
            .build(),
        "QUIT" => ReplyBuf::new(ReplyCode::ServiceClosing)
            .enhanced(enhanced_code!("2.0.0"))
            .build(),
        _ => ReplyBuf::new(ReplyCode::SyntaxError)
            .enhanced(enhanced_code!("5.5.1"))
            .build(),
    }
}

/// One line of help, far longer than RFC 5321's 512 octets.
pub fn help_text() -> String {
    let commands = "EHLO HELO MAIL RCPT RSET NOOP HELP QUIT";
    [commands; 20].join(" ")
}

/// Serves one session on `stream`, until the client quits or hangs up.
pub fn serve(stream: TcpStream) -> io::Result<()> {
    let mut out = stream.try_clone()?;
    let greeting = ReplyBuf::new(ReplyCode::ServiceReady).line("mail.test ESMTP");
    out.write_all(greeting.map_err(io::Error::other)?.as_str().as_bytes())?;
    for line in BufReader::new(stream).lines() {
        let line = line?;
        let reply = answer(line.trim_end()).map_err(io::Error::other)?;
        out.write_all(reply.as_str().as_bytes())?;
        if reply.code() == 221 {
            break;
        }
    }
    Ok(())
}

#[allow(dead_code)] // The test includes this file for `serve` and has its own `main`.
fn main() -> io::Result<()> {
    let port = std::env::args()
        .nth(1)
        .map_or(Ok(2525), |p| p.parse())
        .map_err(io::Error::other)?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
    println!("listening on {}", listener.local_addr()?);
    for stream in listener.incoming() {
        if let Err(e) = serve(stream?) {
            eprintln!("session ended: {e}");
        }
    }
    Ok(())
}
