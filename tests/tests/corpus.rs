//! Replays the committed corpus of real server replies (`tests/corpus/<server>/<session>.bin`,
//! captured from Postfix, Exim, OpenSMTPD and aiosmtpd on 127.0.0.1 by `scripts/capture/run`).
//!
//! Every reply must parse, end where Python's `smtplib` (`SMTP.getreply`) ended it, and carry
//! the code and line texts `smtplib` read from the same bytes (recorded in the `.json` beside
//! each capture). The one difference on purpose: `smtplib` strips spaces, tabs, CR and LF from
//! both ends of each line's text, while `Reply` keeps the text exactly as sent, so our text is
//! compared after the same stripping, and the test counts the lines where that mattered.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use smtp_codes::{Reply, ReplyCode};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `smtplib`'s `line[4:].strip(b' \t\r\n')`.
fn smtplib_strip(text: &[u8]) -> &[u8] {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let start = text.iter().position(|b| !is_space(b)).unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |i| i + 1);
    &text[start..end]
}

/// The recorded text: `smtplib`'s bytes, stored as latin-1 so each byte is one character.
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1 text"))
        .collect()
}

#[test]
fn every_captured_reply_parses_as_smtplib_read_it() {
    let mut servers = Vec::new();
    let mut replies = 0;
    let mut stripped_lines = 0;
    let mut codes = std::collections::BTreeSet::new();
    for server in fs::read_dir(corpus_dir()).expect("tests/corpus exists") {
        let server = server.unwrap().path();
        // bounces/ holds bounce messages (expected.toml), not a server's sessions.
        if !server.is_dir() || server.ends_with("bounces") {
            continue;
        }
        servers.push(server.file_name().unwrap().to_string_lossy().into_owned());
        let mut sessions: Vec<PathBuf> = fs::read_dir(&server)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        sessions.sort();
        assert!(!sessions.is_empty(), "{}: no sessions", server.display());
        for json in sessions {
            let name = json.display().to_string();
            let expected: Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
            let bytes = fs::read(json.with_extension("bin")).unwrap();
            let mut pos = 0;
            for (i, want) in expected["replies"].as_array().unwrap().iter().enumerate() {
                let at = format!("{name}, reply {i} (after {})", want["after"]);
                assert_eq!(
                    want["offset"].as_u64().unwrap() as usize,
                    pos,
                    "{at}: offset"
                );
                let (reply, used) = Reply::parse(&bytes[pos..])
                    .unwrap_or_else(|e| panic!("{at}: does not parse: {e}"));
                assert_eq!(
                    used as u64,
                    want["length"].as_u64().unwrap(),
                    "{at}: length"
                );
                assert_eq!(
                    i64::from(reply.code()),
                    want["code"].as_i64().unwrap(),
                    "{at}: code"
                );
                let want_lines: Vec<Vec<u8>> = want["lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| latin1(l.as_str().unwrap()))
                    .collect();
                let ours: Vec<&[u8]> = reply.lines().collect();
                assert_eq!(ours.len(), want_lines.len(), "{at}: line count");
                for (our, theirs) in ours.iter().zip(&want_lines) {
                    assert_eq!(smtplib_strip(our), &theirs[..], "{at}: line text");
                    if our != &&theirs[..] {
                        stripped_lines += 1;
                    }
                }
                // The reply written back in wire form parses to the same reply.
                if ours.iter().all(|l| std::str::from_utf8(l).is_ok()) {
                    let shown = reply.to_string();
                    assert_eq!(Reply::parse(shown.as_bytes()).unwrap().0, reply, "{at}");
                }
                codes.insert(reply.code());
                pos += used;
                replies += 1;
            }
            assert_eq!(pos, bytes.len(), "{name}: bytes left after the last reply");
        }
    }
    servers.sort();
    assert!(
        servers.len() >= 2,
        "the corpus needs at least two real servers: {servers:?}"
    );
    assert!(replies > 100, "only {replies} replies in the corpus");
    // The corpus is meant to exercise many codes, most of them in the table.
    let known = codes
        .iter()
        .filter(|&&c| ReplyCode::from_u16(c).is_some())
        .count();
    assert!(
        codes.len() >= 15 && known == codes.len(),
        "codes seen: {codes:?}"
    );
    println!(
        "{replies} replies from {servers:?}; {} distinct codes; {stripped_lines} lines where smtplib's stripping mattered",
        codes.len()
    );
}
