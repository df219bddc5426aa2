//! Enhanced status codes: the registry is complete, the basic↔enhanced map works both ways, and
//! bad text is an error, never a panic.

use proptest::prelude::*;
use smtp_codes::{
    Disposition, EnhancedClass, EnhancedCode, EnhancedStatus, EnhancedSubject,
    ParseEnhancedCodeErrorKind, Part, ReplyCode,
};

/// The highest detail number registered under each subject in the IANA registry
/// (X.0.0, X.1.0–X.1.10, X.2.0–X.2.4, X.3.0–X.3.6, X.4.0–X.4.7, X.5.0–X.5.6, X.6.0–X.6.10,
/// X.7.0–X.7.30): 81 codes.
const HIGHEST_DETAIL: [(u16, u16); 8] = [
    (0, 0),
    (1, 10),
    (2, 4),
    (3, 6),
    (4, 7),
    (5, 6),
    (6, 10),
    (7, 30),
];

/// Associations taken from the registry and the RFCs that registered the codes.
const REGISTRY_PAIRS: &[((u16, u16), u16)] = &[
    ((1, 1), 550),
    ((1, 3), 501),
    ((1, 10), 556),
    ((2, 2), 552),
    ((3, 4), 552),
    ((4, 1), 451),
    ((4, 2), 421),
    ((5, 3), 451),
    ((5, 6), 500),
    ((6, 7), 553),
    ((7, 1), 550),
    ((7, 8), 535),
    ((7, 9), 534),
    ((7, 10), 523),
    ((7, 11), 538),
    ((7, 12), 432),
    ((7, 13), 525),
    ((7, 26), 550),
    ((7, 30), 550),
];

#[test]
fn every_registered_code_is_present_and_nothing_else() {
    let mut expected = Vec::new();
    for (subject, highest) in HIGHEST_DETAIL {
        for detail in 0..=highest {
            expected.push((subject, detail));
        }
    }
    let found: Vec<(u16, u16)> = EnhancedCode::REGISTERED
        .iter()
        .map(|s| (s.subject(), s.detail()))
        .collect();
    assert_eq!(
        found, expected,
        "REGISTERED ascends by subject, then detail"
    );
    assert_eq!(found.len(), 81);
    for subject in 0..=999 {
        for detail in 0..=40 {
            let registered = EnhancedStatus::from_parts(subject, detail);
            assert_eq!(registered.is_some(), expected.contains(&(subject, detail)));
        }
    }
}

#[test]
fn the_registry_pairs_hold_both_ways() {
    for &((subject, detail), basic) in REGISTRY_PAIRS {
        let status = EnhancedStatus::from_parts(subject, detail).unwrap();
        let basic = ReplyCode::from_u16(basic).unwrap();
        assert!(
            status.basic_codes().contains(&basic),
            "X.{subject}.{detail} / {basic}"
        );
        assert!(
            basic.enhanced_codes().contains(&status),
            "{basic} / X.{subject}.{detail}"
        );
        let code = status.with_class(basic.category().digit()).unwrap();
        assert!(code.basic_codes().contains(&basic), "{code} / {basic}");
        assert!(basic.agrees_with(code));
    }
}

#[test]
fn the_map_is_consistent_for_every_code() {
    for &status in EnhancedCode::REGISTERED {
        assert!(!status.classes().is_empty(), "{status}");
        assert_eq!(status.subject_entry().number(), status.subject());
        for &basic in status.basic_codes() {
            assert!(
                basic.enhanced_codes().contains(&status),
                "{status} / {basic}"
            );
            assert!(
                status.is_used_with(basic.category().digit()),
                "{status}: basic code {basic} has a class the entry does not list"
            );
        }
        for &class in status.classes() {
            let code = status.with_class(class.digit()).unwrap();
            assert_eq!(code.status(), Some(status));
            assert_eq!(code.to_string().parse::<EnhancedCode>(), Ok(code));
            assert!(
                code.basic_codes()
                    .iter()
                    .all(|b| b.category().digit() == class.digit())
            );
            assert_eq!(code.class_entry(), class);
        }
        for text in [
            status.name(),
            status.description(),
            status.when_seen(),
            status.remediation(),
        ] {
            assert!(!text.trim().is_empty(), "{status}");
        }
        for text in [
            status.description(),
            status.when_seen(),
            status.remediation(),
        ] {
            assert!(text.split_whitespace().count() >= 8, "{status}: {text}");
        }
        assert!(
            !status.rfcs().is_empty() || status.reference().is_some(),
            "{status} cites its source"
        );
    }
    for &basic in ReplyCode::ALL {
        for &status in basic.enhanced_codes() {
            assert!(status.basic_codes().contains(&basic), "{basic} / {status}");
        }
    }
}

#[test]
fn registered_text_is_distinct() {
    let mut seen = std::collections::HashSet::new();
    for &status in EnhancedCode::REGISTERED {
        assert!(
            seen.insert(status.description()),
            "{status}: repeated description"
        );
        assert!(
            seen.insert(status.remediation()),
            "{status}: repeated remediation"
        );
    }
}

#[test]
fn classes_and_subjects_come_from_rfc_3463() {
    let classes: Vec<u8> = EnhancedClass::ALL.iter().map(|c| c.digit()).collect();
    assert_eq!(classes, [2, 4, 5]);
    let subjects: Vec<u16> = EnhancedSubject::ALL.iter().map(|s| s.number()).collect();
    assert_eq!(subjects, [0, 1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(
        EnhancedCode::new(5, 1, 99).unwrap().subject_name(),
        "Addressing Status"
    );
    assert_eq!(
        EnhancedCode::new(4, 7, 999).unwrap().subject_name(),
        "Security or Policy Status"
    );
    assert_eq!(
        EnhancedCode::new(5, 42, 1).unwrap().subject_name(),
        "Undefined Subject"
    );
}

#[test]
fn a_class_alone_says_what_a_client_does() {
    // RFC 3463 section 3.1: 2 success, 4 persistent transient failure (the same message may
    // succeed later), 5 permanent failure (it will not, as it is).
    let expected = [
        (2, Disposition::Success),
        (4, Disposition::RetryLater),
        (5, Disposition::GiveUp),
    ];
    let found: Vec<(u8, Disposition)> = EnhancedClass::ALL
        .iter()
        .map(|c| (c.digit(), c.disposition()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn registered_codes_are_read_and_written_without_their_class() {
    let status: EnhancedStatus = "X.7.26".parse().unwrap();
    assert_eq!(status.name(), "Multiple authentication checks failed");
    assert_eq!(status.any_class().to_string(), "X.7.26");
    assert_eq!("x.7.26".parse::<EnhancedStatus>(), Ok(status));
    let kind = |s: &str| s.parse::<EnhancedStatus>().unwrap_err().kind();
    assert_eq!(
        kind("X.7.99"),
        ParseEnhancedCodeErrorKind::NotRegistered {
            subject: 7,
            detail: 99
        }
    );
    assert!(matches!(
        kind("5.7.26"),
        ParseEnhancedCodeErrorKind::ClassNotX { index: 0, .. }
    ));
    assert!(matches!(
        kind("X.7.26 text"),
        ParseEnhancedCodeErrorKind::NotADigit { index: 6, .. }
    ));
}

#[test]
fn unregistered_codes_have_no_text_but_keep_their_parts() {
    let code: EnhancedCode = "5.1.99".parse().unwrap();
    assert!(!code.is_registered());
    assert_eq!(code.name(), None);
    assert_eq!(code.description(), None);
    assert_eq!(code.remediation(), None);
    assert!(code.basic_codes().is_empty());
    assert_eq!(code.to_string(), "5.1.99");
}

/// Tells whether an error kind is the one a case expects.
type Expect = fn(ParseEnhancedCodeErrorKind) -> bool;

#[test]
fn the_listed_bad_inputs_are_errors_with_messages() {
    use ParseEnhancedCodeErrorKind as Kind;
    let cases: [(&str, Expect); 9] = [
        ("", |k| k == Kind::Empty),
        ("5.1", |k| matches!(k, Kind::MissingParts { found: 2 })),
        ("6.1.1", |k| matches!(k, Kind::BadClass { class: 6 })),
        ("5.01.1", |k| matches!(k, Kind::LeadingZero { .. })),
        ("5.1.1.1", |k| k == Kind::TooManyParts),
        ("5.1000.1", |k| matches!(k, Kind::TooLarge { .. })),
        ("5..1", |k| matches!(k, Kind::EmptyPart { .. })),
        ("5.1.1 ", |k| {
            matches!(
                k,
                Kind::NotADigit {
                    index: 5,
                    found: ' '
                }
            )
        }),
        ("５.1.1", |k| {
            matches!(
                k,
                Kind::NotADigit {
                    index: 0,
                    found: '５'
                }
            )
        }),
    ];
    for (text, expected) in cases {
        let err = text.parse::<EnhancedCode>().expect_err(text);
        assert!(expected(err.kind()), "{text:?}: {:?}", err.kind());
        assert!(err.to_string().len() > 40, "{text:?}: {err}");
    }
}

#[test]
fn basic_and_enhanced_must_share_the_class() {
    let permanent: EnhancedCode = "5.7.1".parse().unwrap();
    let transient: EnhancedCode = "4.7.1".parse().unwrap();
    assert!(ReplyCode::MailboxUnavailable.agrees_with(permanent));
    assert!(!ReplyCode::MailboxUnavailable.agrees_with(transient));
    assert!(transient.agrees_with(451));
    assert!(!transient.agrees_with(354));
    assert!(!permanent.agrees_with(5));
    // 4.7.1 keeps only the 4yz codes of X.7.1's list.
    assert!(
        transient
            .basic_codes()
            .iter()
            .all(|c| c.category().is_transient())
    );
    assert!(!transient.basic_codes().is_empty());
}

#[test]
fn enhanced_code_macro_is_a_constant() {
    const BAD_MAILBOX: EnhancedCode = smtp_codes::enhanced_code!("5.1.1");
    assert_eq!(BAD_MAILBOX.to_string(), "5.1.1");
    assert!(BAD_MAILBOX.is_registered());
}

#[test]
fn serde_uses_the_text_form() {
    let code: EnhancedCode = "4.7.26".parse().unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"4.7.26\"");
    assert_eq!(
        serde_json::from_str::<EnhancedCode>("\"5.999.999\"")
            .unwrap()
            .to_string(),
        "5.999.999"
    );
    let err = serde_json::from_str::<EnhancedCode>("\"5.01.1\"")
        .unwrap_err()
        .to_string();
    assert!(err.contains("leading zero"), "{err}");
    assert!(serde_json::from_str::<EnhancedCode>("511").is_err());
}

#[test]
fn parse_prefix_reads_every_digit_of_each_number() {
    // One, two and three digits in the subject and the detail, followed by the ends a code
    // can have: nothing, whitespace, punctuation.
    let cases = [
        ("5.1.1", (5, 1, 1), ""),
        (
            "5.7.26 Unauthenticated email",
            (5, 7, 26),
            " Unauthenticated email",
        ),
        ("5.7.2 list", (5, 7, 2), " list"),
        (
            "4.4.316 Connection refused",
            (4, 4, 316),
            " Connection refused",
        ),
        ("5.7.606 Access denied", (5, 7, 606), " Access denied"),
        ("5.10.1 x", (5, 10, 1), " x"),
        ("4.12.34", (4, 12, 34), ""),
        ("2.100.0\tok", (2, 100, 0), "\tok"),
        ("5.999.999", (5, 999, 999), ""),
        ("5.1.1; user unknown", (5, 1, 1), "; user unknown"),
        ("5.1.1,", (5, 1, 1), ","),
        ("5.1.1) at RCPT", (5, 1, 1), ") at RCPT"),
        ("5.1.10:", (5, 1, 10), ":"),
        ("5.0.0 caf\u{e9}", (5, 0, 0), " caf\u{e9}"),
    ];
    for (text, (class, subject, detail), rest) in cases {
        let (code, after) = EnhancedCode::parse_prefix(text).unwrap_or_else(|| panic!("{text:?}"));
        assert_eq!(
            (code.class(), code.subject(), code.detail(), after),
            (class, subject, detail, rest),
            "{text:?}"
        );
    }
}

#[test]
fn parse_prefix_refuses_text_that_only_starts_like_a_code() {
    for text in [
        "",
        "5.1.1.",   // a dot may start a fourth number
        "5.1.1.4",  // an address, not a code
        "5.1.1x",   // a letter goes on with the word
        "5.1.1234", // four digits are not a detail of three
        "5.1000.1",
        "5.7.26\u{e9}",
        "5.01.1", // no leading zeros, as in `parse`
        "05.1.1",
        "6.1.1 x",
        "55.1.1 x",
        "5.1 x",
        "5..1",
        " 5.1.1",
        "x5.1.1",
        "mail.test ESMTP",
    ] {
        assert_eq!(EnhancedCode::parse_prefix(text), None, "{text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        if let Ok(code) = s.parse::<EnhancedCode>() {
            prop_assert_eq!(code.to_string(), s);
        }
    }

    #[test]
    fn parse_prefix_gives_back_all_of_the_text(s in "([245]\\.[0-9]{1,4}\\.[0-9]{1,4})?[ -~\u{e9}]{0,8}") {
        // Nothing is lost or changed: the code as written, then the rest, is the text; and a
        // code alone is read exactly when `parse` reads it.
        if let Some((code, rest)) = EnhancedCode::parse_prefix(&s) {
            prop_assert_eq!(format!("{code}{rest}"), s.clone());
        }
        if let Ok(code) = s.parse::<EnhancedCode>() {
            prop_assert_eq!(EnhancedCode::parse_prefix(&s), Some((code, "")));
        }
    }

    #[test]
    fn parse_prefix_reads_any_code_before_any_end(
        class in prop::sample::select(vec![2u8, 4, 5]),
        subject in 0u16..1000,
        detail in 0u16..1000,
        end in "[ \t;,):!?/][ -~]{0,10}|",
    ) {
        let code = EnhancedCode::new(class, subject, detail).unwrap();
        let text = format!("{code}{end}");
        prop_assert_eq!(EnhancedCode::parse_prefix(&text), Some((code, end.as_str())));
    }

    #[test]
    fn class_less_text_never_panics(s in "([Xx]\\.)?[0-9.]{0,9}|\\PC{0,12}") {
        // What parses is written back as it was given, but for the case of the `X`.
        if let Ok(status) = s.parse::<EnhancedStatus>() {
            prop_assert_eq!(status.any_class().to_string(), s.replacen('x', "X", 1));
        }
    }

    #[test]
    fn class_less_numbers_parse_exactly_when_registered(
        subject in 0u16..1200, detail in 0u16..1200, x in prop::sample::select(vec!["X", "x"]),
    ) {
        let text = format!("{x}.{subject}.{detail}");
        let parsed = text.parse::<EnhancedStatus>();
        match EnhancedStatus::from_parts(subject, detail) {
            Some(status) => prop_assert_eq!(parsed, Ok(status)),
            None => {
                let kind = parsed.unwrap_err().kind();
                if subject > 999 || detail > 999 {
                    let part = if subject > 999 { Part::Subject } else { Part::Detail };
                    prop_assert_eq!(kind, ParseEnhancedCodeErrorKind::TooLarge { part });
                } else {
                    prop_assert_eq!(kind, ParseEnhancedCodeErrorKind::NotRegistered { subject, detail });
                }
            }
        }
    }

    #[test]
    fn dotted_numbers_parse_exactly_when_well_formed(
        class in 0u16..12, subject in 0u16..1200, detail in 0u16..1200,
    ) {
        let text = format!("{class}.{subject}.{detail}");
        let well_formed = matches!(class, 2 | 4 | 5) && subject <= 999 && detail <= 999;
        let parsed = text.parse::<EnhancedCode>();
        prop_assert_eq!(parsed.is_ok(), well_formed, "{}", text);
        if let Ok(code) = parsed {
            prop_assert_eq!((u16::from(code.class()), code.subject(), code.detail()), (class, subject, detail));
            prop_assert_eq!(code.to_string(), text);
        }
    }
}
