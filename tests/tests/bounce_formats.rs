//! The hand-written bounces and delay notices in `tests/bounces-formats/`, at least one per
//! free-text format module of `smtp_codes_bounce` (and three that come as DSNs), written
//! after each mail system's documented format (see that folder's README): each must read as
//! the format says. Unlike `tests/corpus/bounces/`, no real server sent these.

use std::fs;
use std::path::PathBuf;

use smtp_codes_bounce::{Kind, Recipient};

/// File, kind, mail system, then per recipient.
type Expected = (&'static str, Kind, &'static str, &'static [Want]);

/// One recipient as the fixture says: address, action, specific status, reply code, reason,
/// and whether it is a hard bounce.
type Want = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<u16>,
    &'static str,
    bool,
);

const FIXTURES: &[Expected] = &[
    (
        "exchange/userunknown.eml",
        Kind::Text,
        "exchange",
        &[(
            "bob@example.com",
            "failed",
            Some("5.1.1"),
            Some(550),
            "userunknown",
            true,
        )],
    ),
    (
        "exchange/delayed.eml",
        Kind::Text,
        "exchange",
        // Exchange's verdict gives the status; the last attempt's reply, the reason.
        &[(
            "heidi@example.com",
            "delayed",
            Some("4.4.7"),
            Some(441),
            "networkerror",
            false,
        )],
    ),
    (
        "gmail/failed_permanently.eml",
        Kind::Text,
        "gmail",
        &[(
            "carol@example.net",
            "failed",
            Some("5.1.1"),
            Some(550),
            "userunknown",
            true,
        )],
    ),
    (
        "gmail/address_not_found.eml",
        Kind::Dsn,
        "gmail",
        &[(
            "dave@example.com",
            "failed",
            Some("5.1.1"),
            Some(550),
            "userunknown",
            true,
        )],
    ),
    (
        "gmail/delayed.eml",
        Kind::Dsn,
        "gmail",
        &[(
            "ivan@example.net",
            "delayed",
            Some("4.2.2"),
            Some(452),
            "mailboxfull",
            false,
        )],
    ),
    (
        "yahoo/invalid_recipient.eml",
        Kind::Text,
        "yahoo",
        &[(
            "erin@example.com",
            "failed",
            None,
            Some(554),
            "userunknown",
            true,
        )],
    ),
    (
        "amazonses/userunknown.eml",
        Kind::Dsn,
        "amazonses",
        &[(
            "frank@example.com",
            "failed",
            Some("5.1.1"),
            Some(550),
            "userunknown",
            true,
        )],
    ),
    (
        "domino/userunknown.eml",
        Kind::Text,
        "domino",
        &[(
            "grace@example.com",
            "failed",
            None,
            None,
            "userunknown",
            true,
        )],
    ),
];

/// A recipient as read, in the order of [`Want`].
type Got = (
    String,
    Option<&'static str>,
    Option<String>,
    Option<u16>,
    &'static str,
    bool,
);

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
        let got: Vec<Got> = bounce
            .recipients()
            .iter()
            .map(|r: &Recipient| {
                (
                    r.address().to_owned(),
                    r.action().map(|a| a.token()),
                    r.specific_status().map(|s| s.to_string()),
                    r.reply().map(|reply| reply.code()),
                    r.reason().token(),
                    r.is_hard_bounce(),
                )
            })
            .collect();
        let want: Vec<Got> = expected
            .iter()
            .map(|(address, action, status, code, reason, hard)| {
                (
                    (*address).to_owned(),
                    Some(*action),
                    status.map(str::to_owned),
                    *code,
                    *reason,
                    *hard,
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
