//! The `lettre` and `smtp-proto` features against the real crates, both ways where both exist,
//! and lettre as a real client of a small server that answers with `ReplyBuf` replies.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::str::FromStr;
use std::thread;

use lettre::transport::smtp::response::Response as LettreResponse;
use lettre::{Message, SmtpTransport, Transport};
use smtp_codes::{Disposition, Reply, ReplyBuf, ReplyCode, WriteReplyError, enhanced_code};
use smtp_proto::response::parser::ResponseReceiver;

fn samples() -> Vec<ReplyBuf> {
    let long = ["a-long-word"; 80].join(" ");
    vec![
        ReplyBuf::new(ReplyCode::Ok),
        ReplyBuf::new(ReplyCode::MailboxUnavailable)
            .enhanced(enhanced_code!("5.1.1"))
            .line("<bob@example.com>: no such user")
            .unwrap()
            .line("see the FAQ")
            .unwrap(),
        ReplyBuf::new(ReplyCode::Ok)
            .line("mail.test")
            .unwrap()
            .line("SIZE 1000")
            .unwrap(),
        ReplyBuf::new(ReplyCode::LocalError)
            .enhanced(enhanced_code!("4.3.0"))
            .line(long.as_str())
            .unwrap(),
    ]
}

#[test]
fn lettre_responses_become_replybufs() {
    for reply in samples() {
        let wire = reply.to_string();
        let response = LettreResponse::from_str(&wire).unwrap();
        let copy = ReplyBuf::try_from(&response).unwrap();
        // The same reply as smtp-codes' own parser reads from the wire.
        let (parsed, _) = Reply::parse(wire.as_bytes()).unwrap();
        assert_eq!(copy, ReplyBuf::from(parsed));
        assert_eq!(copy.to_string(), wire);
        assert_eq!(
            ReplyCode::try_from(response.code()).ok(),
            reply.as_reply().reply_code()
        );
    }
}

#[test]
fn smtp_proto_both_ways() {
    for reply in samples() {
        let wire = reply.to_string();
        let theirs = ResponseReceiver::default()
            .parse(&mut wire.as_bytes().iter())
            .unwrap();
        let ours = smtp_proto::Response::<String>::try_from(&reply).unwrap();
        assert_eq!(ours, theirs, "{wire:?}");
        let back = ReplyBuf::try_from(&theirs).unwrap();
        assert_eq!(back.to_string(), wire);
    }
    // What ReplyBuf refuses, it refuses from smtp-proto too.
    let bad = smtp_proto::Response::new(250, 0, 0, 0, "ok\r\n550 injected");
    assert!(matches!(
        ReplyBuf::try_from(&bad),
        Err(WriteReplyError::ControlCharacter { .. })
    ));
    let bad = smtp_proto::Response::new(250, 3, 1, 1, "ok");
    assert_eq!(
        ReplyBuf::try_from(&bad),
        Err(WriteReplyError::NotAnEnhancedCode {
            class: 3,
            subject: 1,
            detail: 1
        })
    );
    let bad = smtp_proto::Response::new(250, 5, 1, 1, "ok");
    assert!(matches!(
        ReplyBuf::try_from(&bad),
        Err(WriteReplyError::ClassMismatch { .. })
    ));
    let wide = ReplyBuf::with_code(550)
        .unwrap()
        .enhanced(smtp_codes::EnhancedCode::new(5, 4, 316).unwrap());
    assert_eq!(
        smtp_proto::Response::<String>::try_from(&wide),
        Err(smtp_codes::EnhancedCode::new(5, 4, 316).unwrap())
    );
}

/// One session on 127.0.0.1 answered with `ReplyBuf`s, refusing every recipient.
fn serve_one_session(listener: TcpListener) {
    let (stream, _) = listener.accept().unwrap();
    let mut out = stream.try_clone().unwrap();
    let mut send = |reply: ReplyBuf| out.write_all(reply.to_string().as_bytes()).unwrap();
    send(
        ReplyBuf::new(ReplyCode::ServiceReady)
            .line("mail.test ESMTP")
            .unwrap(),
    );
    for line in BufReader::new(stream).lines() {
        let line = line.unwrap();
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        let reply = match verb.as_str() {
            "EHLO" => ReplyBuf::new(ReplyCode::Ok)
                .line("mail.test greets you")
                .and_then(|r| r.line("ENHANCEDSTATUSCODES"))
                .and_then(|r| r.line("SMTPUTF8")),
            "MAIL" => Ok(ReplyBuf::new(ReplyCode::Ok).enhanced(enhanced_code!("2.1.0"))),
            "RCPT" => ReplyBuf::new(ReplyCode::MailboxUnavailable)
                .enhanced(enhanced_code!("5.1.1"))
                .line("<nobody@mail.test>: no such user here")
                .and_then(|r| r.line("see https://postmaster.mail.test/")),
            "QUIT" => {
                send(ReplyBuf::new(ReplyCode::ServiceClosing));
                return;
            }
            _ => Ok(ReplyBuf::new(ReplyCode::Ok)),
        };
        send(reply.unwrap());
    }
}

#[test]
fn lettre_reports_a_replybuf_refusal() {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = thread::spawn(move || serve_one_session(listener));

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
    assert!(error.is_permanent(), "{error}");
    assert_eq!(error.status().map(u16::from), Some(550));
    assert_eq!(
        Disposition::of_lettre_error(&error),
        Some(Disposition::GiveUp)
    );
    let text = std::error::Error::source(&error).unwrap().to_string();
    assert!(text.contains("no such user here"), "{text}");
    let _ = server.join();
}
