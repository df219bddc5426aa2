//! `ReplyBuf` and `write_reply`: what the builder accepts always writes one reply that
//! `Reply::parse` and Python's `smtplib` read back the same way; what it refuses holds a byte
//! that would break the framing.

use std::io::Write;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use smtp_codes::{EnhancedCode, Reply, ReplyBuf, ReplyCode, WriteReplyError, enhanced_code};

/// A control character other than the tab: what the writer refuses.
fn breaks_framing(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && c != '\t')
}

/// Checks that `reply` wrote exactly one reply that reads back to its code, enhanced code and
/// lines, each given line folded into pieces that rejoin to it.
fn check_round_trip(reply: &ReplyBuf, given: &[String]) {
    let wire = reply.to_string();
    let (parsed, used) = Reply::parse(wire.as_bytes()).expect("the wire form parses");
    assert_eq!(used, wire.len(), "one reply, nothing after it: {wire:?}");
    assert_eq!(parsed.code(), reply.code());
    assert_eq!(parsed, reply.as_reply());
    for line in wire.split_terminator("\r\n") {
        assert!(line.len() + 2 <= 512, "line of {} octets", line.len() + 2);
    }
    let enhanced = reply.enhanced_code();
    if let Some(code) = enhanced {
        assert_eq!(parsed.enhanced(), Some(code));
    }
    let prefix = enhanced.map(|e| e.to_string());
    let mut pieces = parsed.lines().map(|text| {
        let text = std::str::from_utf8(text).expect("UTF-8 in, UTF-8 out");
        match &prefix {
            // The enhanced code is on every line, then a space unless the text is empty.
            Some(p) => {
                let rest = text
                    .strip_prefix(p.as_str())
                    .expect("enhanced code on every line");
                rest.strip_prefix(' ').unwrap_or(rest)
            }
            None => text,
        }
    });
    if given.is_empty() {
        let name = ReplyCode::from_u16(reply.code()).map_or("", |c| c.name());
        assert_eq!(pieces.next(), Some(name));
    }
    for text in given {
        // Each piece continues the text; one space is dropped where a fold was made at it.
        let mut pos = 0;
        loop {
            let piece = pieces.next().expect("a piece for every part of the text");
            assert!(
                text[pos..].starts_with(piece),
                "{piece:?} is not next in {text:?}"
            );
            pos += piece.len();
            if pos == text.len() {
                break;
            }
            if text.as_bytes()[pos] == b' ' {
                pos += 1;
            }
        }
    }
    assert_eq!(pieces.next(), None, "no line the caller did not give");
}

/// Text without control characters but with what folding must handle: runs of spaces, tabs,
/// long words and multi-byte UTF-8.
fn clean_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-z<>@.:]{1,12}",
        "[a-z]{400,700}",
        "[é€😀x]{1,200}",
        Just(" ".to_string()),
        Just("\t".to_string()),
    ];
    proptest::collection::vec(word, 0..60).prop_map(|words| words.join(" "))
}

/// Any text, with control characters far more often than `any::<String>()` has them.
fn any_text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        any::<char>(),
        proptest::char::range('\0', '\u{1f}'),
        Just('\u{7f}'),
        proptest::char::range('\u{80}', '\u{9f}'),
    ];
    proptest::collection::vec(c, 0..40).prop_map(String::from_iter)
}

fn reply_parts() -> impl Strategy<Value = (u16, Option<EnhancedCode>, Vec<String>)> {
    (200u16..600, any::<bool>(), 0u16..1000, 0u16..1000).prop_flat_map(
        |(code, with_enhanced, subject, detail)| {
            let enhanced = with_enhanced
                .then(|| EnhancedCode::new((code / 100) as u8, subject, detail))
                .flatten();
            (
                Just(code),
                Just(enhanced),
                proptest::collection::vec(clean_text(), 0..5),
            )
        },
    )
}

fn build(code: u16, enhanced: Option<EnhancedCode>, lines: &[String]) -> ReplyBuf {
    let mut reply = ReplyBuf::with_code(code).unwrap();
    if let Some(e) = enhanced {
        reply = reply.enhanced(e).build().unwrap();
    }
    for text in lines {
        reply = reply.line(text.as_str()).unwrap();
    }
    reply
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn accepted_replies_read_back((code, enhanced, lines) in reply_parts()) {
        let reply = build(code, enhanced, &lines);
        check_round_trip(&reply, &lines);
        // The parts and the builder agree, and so does the writer without an allocator.
        let from_parts = ReplyBuf::from_parts(code, enhanced, lines.clone()).unwrap();
        prop_assert_eq!(from_parts.to_string(), reply.to_string());
        if !lines.is_empty() {
            let mut out = String::new();
            smtp_codes::write_reply(&mut out, code, enhanced, &lines).unwrap();
            prop_assert_eq!(out, reply.to_string());
        }
    }

    #[test]
    fn refused_text_breaks_framing(text in any_text(), prefix in clean_text()) {
        let text = prefix + &text;
        match ReplyBuf::new(ReplyCode::Ok).line(text.as_str()) {
            Ok(reply) => {
                prop_assert!(!breaks_framing(&text));
                check_round_trip(&reply, std::slice::from_ref(&text));
            }
            Err(WriteReplyError::ControlCharacter { line, offset, found }) => {
                prop_assert_eq!(line, 0);
                prop_assert!(breaks_framing(&text));
                prop_assert_eq!(text[offset..].chars().next(), Some(found));
                prop_assert!(!breaks_framing(&text[..offset]), "the first one is named");
            }
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
    }
}

#[test]
fn the_issue_example_byte_for_byte() -> Result<(), WriteReplyError> {
    let reply = ReplyBuf::new(ReplyCode::MailboxUnavailable)
        .enhanced(enhanced_code!("5.1.1"))
        .line("<bob@example.com>: no such user here")?
        .line("see https://postmaster.example.net/")?;
    assert_eq!(
        reply.to_string(),
        "550-5.1.1 <bob@example.com>: no such user here\r\n550 5.1.1 see https://postmaster.example.net/\r\n"
    );
    Ok(())
}

#[test]
fn a_mismatched_enhanced_code_is_reported_by_the_next_line_or_build() {
    let err = ReplyBuf::new(ReplyCode::Ok)
        .enhanced(enhanced_code!("5.1.1"))
        .line("fine")
        .unwrap_err();
    assert_eq!(
        err,
        WriteReplyError::ClassMismatch {
            code: 250,
            enhanced: enhanced_code!("5.1.1")
        }
    );
    // Without a line, the only way to the reply is `build`, which reports it too: no chain
    // ends in a `250 OK` with the enhanced code silently dropped.
    assert_eq!(
        ReplyBuf::new(ReplyCode::Ok)
            .enhanced(enhanced_code!("5.1.1"))
            .build(),
        Err(err)
    );
    // Set after the lines, the same.
    let lines = ReplyBuf::new(ReplyCode::Ok)
        .line("a")
        .unwrap()
        .line("b")
        .unwrap();
    assert_eq!(
        lines.clone().enhanced(enhanced_code!("5.1.1")).build(),
        Err(err)
    );
    assert_eq!(
        lines
            .enhanced(enhanced_code!("2.0.0"))
            .build()
            .unwrap()
            .to_string(),
        "250-2.0.0 a\r\n250 2.0.0 b\r\n"
    );
    assert_eq!(
        ReplyBuf::from_parts(250, Some(enhanced_code!("5.1.1")), vec![]),
        Err(err)
    );
}

#[test]
fn every_name_in_the_table_is_a_default_text() {
    for &code in ReplyCode::ALL {
        let reply = ReplyBuf::new(code);
        assert_eq!(reply.to_string(), format!("{code}\r\n"));
        check_round_trip(&reply, &[]);
    }
}

#[test]
fn a_parsed_reply_is_copied_and_written_back() {
    for wire in [
        &b"250-mail.test\n250-SIZE 1000\n250 STARTTLS\n"[..],
        b"550 5.1.1 <bob@example.com>: no such user\r\n",
        b"250\r\n",
        b"299-unknown\r\n299 code\r\n",
    ] {
        let (reply, _) = Reply::parse(wire).unwrap();
        let copy = ReplyBuf::from(reply);
        assert_eq!(copy.as_reply(), reply);
        assert_eq!(copy.as_reply().enhanced(), reply.enhanced());
        assert_eq!(copy.to_string(), reply.to_string());
        assert_eq!(ReplyBuf::try_from_reply(reply).as_ref(), Ok(&copy));
    }
    let (bad, _) = Reply::parse(b"250 a\rb\r\n").unwrap();
    assert_eq!(
        ReplyBuf::try_from_reply(bad),
        Err(WriteReplyError::ControlCharacter {
            line: 0,
            offset: 1,
            found: '\r'
        })
    );
    let (bad, _) = Reply::parse(b"250-ok\r\n250 caf\xff\r\n").unwrap();
    assert_eq!(
        ReplyBuf::try_from_reply(bad),
        Err(WriteReplyError::NotUtf8 { line: 1, offset: 3 })
    );
}

/// Reads `wire` with smtplib's `getreply`, through the same function that checks the corpus
/// (`derive_replies` in scripts/capture/check_corpus.py), and gives each reply's code and
/// lines. That function decodes bytes as Latin-1, one character a byte; the lines are turned
/// back into bytes and read as the UTF-8 a `ReplyBuf` writes.
fn smtplib_replies(wire: &[u8]) -> Vec<(u16, Vec<String>)> {
    let capture = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/capture");
    let script = r#"
import json, sys
sys.path.insert(0, sys.argv[1])
from check_corpus import derive_replies
replies = derive_replies(sys.stdin.buffer.read())
print(json.dumps([
    [r["code"], [line.encode("latin-1").decode("utf-8") for line in r["lines"]]]
    for r in replies
]))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script, capture])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be installed for the smtplib check");
    child.stdin.take().unwrap().write_all(wire).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "smtplib failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn smtplib_reads_what_replybuf_writes() -> Result<(), WriteReplyError> {
    let long = ["a-rather-long-word"; 60].join(" ");
    let replies = [
        ReplyBuf::new(ReplyCode::Ok),
        ReplyBuf::new(ReplyCode::MailboxUnavailable)
            .enhanced(enhanced_code!("5.1.1"))
            .line(long.as_str())?,
        ReplyBuf::new(ReplyCode::Ok)
            .line("mail.test greets you")?
            .line("SIZE 10240000")?
            .line("SMTPUTF8")?
            .line("ENHANCEDSTATUSCODES")?,
        ReplyBuf::new(ReplyCode::Ok)
            .enhanced(enhanced_code!("2.1.5"))
            .line("<jörg@bücher.example>: recipient ok ✓")?,
        ReplyBuf::with_code(299)?.line("x".repeat(1500))?,
    ];
    let wire: String = replies.iter().map(ToString::to_string).collect();
    let read = smtplib_replies(wire.as_bytes());
    assert_eq!(read.len(), replies.len());
    for (reply, (code, lines)) in replies.iter().zip(read) {
        assert_eq!(code, reply.code());
        // smtplib strips spaces and tabs around each line's text.
        let ours: Vec<String> = reply
            .as_reply()
            .lines_lossy()
            .map(|l| l.to_string().trim_matches([' ', '\t']).to_string())
            .collect();
        assert_eq!(lines, ours);
    }
    // The long line was folded, and its words all came through.
    let (_, folded) = &smtplib_replies(replies[1].to_string().as_bytes())[0];
    assert!(folded.len() > 1);
    let words: Vec<&str> = folded
        .iter()
        .flat_map(|l| l.strip_prefix("5.1.1 ").unwrap().split(' '))
        .collect();
    assert_eq!(words.join(" "), long);
    Ok(())
}

#[test]
fn a_failure_shows_the_whole_reply() -> Result<(), WriteReplyError> {
    use smtp_codes::{Command, Disposition, ReplyFailure};

    let reply = ReplyBuf::new(ReplyCode::MailboxUnavailable)
        .enhanced(enhanced_code!("5.1.1"))
        .line("<bob@example.com>: no such user")?;
    let err = ReplyFailure::new(reply.clone(), Some(Command::Rcpt));
    assert_eq!(
        err.to_string(),
        "server answered RCPT with 550 5.1.1 <bob@example.com>: no such user"
    );
    assert_eq!(err.disposition(), Disposition::GiveUp);
    assert_eq!(err.command(), Some(Command::Rcpt));
    assert_eq!(err.reply(), &reply);

    // Several lines, each without its repeated enhanced code; no command known.
    let reply = ReplyBuf::new(ReplyCode::MailboxTemporarilyUnavailable)
        .enhanced(enhanced_code!("4.2.1"))
        .line("mailbox busy,")?
        .line("try again later")?;
    let err = ReplyFailure::from(reply);
    assert_eq!(
        err.to_string(),
        "server answered with 450 4.2.1 mailbox busy, try again later"
    );
    assert_eq!(err.disposition(), Disposition::RetryLater);

    // A copy of a parsed reply keeps its enhanced code in its text; it is shown once too.
    let (parsed, _) = Reply::parse(b"554-5.7.1 no\r\n554 5.7.1 relaying\r\n").unwrap();
    let err = ReplyFailure::new(ReplyBuf::from(parsed), Some(Command::Data));
    assert_eq!(
        err.to_string(),
        "server answered DATA with 554 5.7.1 no relaying"
    );
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(err);
    assert!(boxed.source().is_none());
    Ok(())
}
