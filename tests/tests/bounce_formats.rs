//! The hand-written bounces in `tests/bounces-formats/`, one per free-text format
//! module of `smtp_codes_bounce` (and two that come as DSNs), written after each mail
//! system's documented format (see that folder's README): each must read as the format
//! says. Unlike `tests/corpus/bounces/`, no real server sent these.

use std::fs;
use std::path::PathBuf;

use smtp_codes_bounce::{Kind, Recipient};

/// File, kind, mail system, then per recipient: address, specific status, reply code, reason.
type Expected = (
    &'static str,
    Kind,
    &'static str,
    &'static [(
        &'static str,
        Option<&'static str>,
        Option<u16>,
        &'static str,
    )],
);

const FIXTURES: &[Expected] = &[
    (
        "exchange/userunknown.eml",
        Kind::Text,
        "exchange",
        &[("bob@example.com", Some("5.1.1"), Some(550), "userunknown")],
    ),
    (
        "gmail/failed_permanently.eml",
        Kind::Text,
        "gmail",
        &[("carol@example.net", Some("5.1.1"), Some(550), "userunknown")],
    ),
    (
        "gmail/address_not_found.eml",
        Kind::Dsn,
        "gmail",
        &[("dave@example.com", Some("5.1.1"), Some(550), "userunknown")],
    ),
    (
        "yahoo/invalid_recipient.eml",
        Kind::Text,
        "yahoo",
        &[("erin@example.com", None, Some(554), "userunknown")],
    ),
    (
        "amazonses/userunknown.eml",
        Kind::Dsn,
        "amazonses",
        &[("frank@example.com", Some("5.1.1"), Some(550), "userunknown")],
    ),
    (
        "domino/userunknown.eml",
        Kind::Text,
        "domino",
        &[("grace@example.com", None, None, "userunknown")],
    ),
];

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bounces-formats")
}

#[test]
fn every_fixture_reads_as_its_format_says() {
    let mut wrong = Vec::new();
    for (file, kind, system, expected) in FIXTURES {
        let bytes = fs::read(folder().join(file)).unwrap();
        let bounce = smtp_codes_bounce::parse(&bytes);
        let got_system = bounce.mail_system().map(|s| s.token());
        if bounce.kind() != *kind || got_system != Some(system) {
            wrong.push(format!("{file}: {} by {got_system:?}", bounce.kind()));
        }
        if !bounce.problems().is_empty() {
            wrong.push(format!("{file}: problems {:?}", bounce.problems()));
        }
        let got: Vec<(String, Option<String>, Option<u16>, &str)> = bounce
            .recipients()
            .iter()
            .map(|r: &Recipient| {
                (
                    r.address().to_owned(),
                    r.specific_status().map(|s| s.to_string()),
                    r.reply().map(|reply| reply.code()),
                    r.reason().token(),
                )
            })
            .collect();
        let want: Vec<(String, Option<String>, Option<u16>, &str)> = expected
            .iter()
            .map(|(address, status, code, reason)| {
                (
                    (*address).to_owned(),
                    status.map(str::to_owned),
                    *code,
                    *reason,
                )
            })
            .collect();
        if got != want {
            wrong.push(format!("{file}: {got:?} not {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every file in the folder is in the table above, so that none goes untested.
#[test]
fn every_file_is_tested() {
    let mut files = Vec::new();
    for system in fs::read_dir(folder()).unwrap() {
        let system = system.unwrap().path();
        if !system.is_dir() {
            continue;
        }
        for file in fs::read_dir(&system).unwrap() {
            let path = file.unwrap().path();
            let name = path
                .strip_prefix(folder())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.push(name);
        }
    }
    files.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|f| f.0.to_owned()).collect();
    listed.sort();
    assert_eq!(files, listed);
}
