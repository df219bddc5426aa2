//! The `lettre` and `smtp-proto` features against the real crates, both ways where both exist.
//! `reply_server.rs` has lettre as a real client.

use std::str::FromStr;

use lettre::transport::smtp::response::Response as LettreResponse;
use smtp_codes::{Reply, ReplyBuf, ReplyCode, WriteReplyError, enhanced_code};
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
        .enhanced(smtp_codes::EnhancedCode::new(5, 4, 316).unwrap())
        .build()
        .unwrap();
    assert_eq!(
        smtp_proto::Response::<String>::try_from(&wide),
        Err(smtp_codes::EnhancedCode::new(5, 4, 316).unwrap())
    );
}
