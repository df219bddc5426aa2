//! Checks the generated table against facts taken independently from the RFCs, and checks that
//! every accessor answers for every code. Nothing here restates the table's text.

use std::collections::HashSet;

use smtp_codes::{Category, Command, EnhancedStatus, ReplyCode};

/// RFC 5321 section 4.2.3 (and 4.2.2): the reply codes of the base protocol.
const RFC_5321_CODES: [u16; 24] = [
    211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500, 501, 502, 503, 504, 550,
    551, 552, 553, 554, 555,
];

/// Codes added or used by the extensions the table covers, with the RFC that adds or uses each.
const EXTENSION_CODES: &[(u16, u16)] = &[
    (235, 4954),
    (334, 4954),
    (432, 4954),
    (454, 4954),
    (530, 4954),
    (534, 4954),
    (535, 4954),
    (538, 4954),
    (454, 3207),
    (530, 3207),
    // RFC 3207 section 4.1: refusing every command after a weak TLS negotiation.
    (554, 3207),
    (253, 1985),
    (458, 1985),
    (459, 1985),
    (453, 2645),
    (521, 7504),
    // RFC 7504 standardised the code that the experimental RFC 1846 proposed.
    (521, 1846),
    (556, 7504),
    // RFC 7505: a relay that meets a null MX answers 556 5.1.10.
    (556, 7505),
    // RFC 4468 section 6: example replies to BURL.
    (250, 4468),
    (451, 4468),
    (503, 4468),
    (552, 4468),
    (554, 4468),
    // RFC 6531: refused non-ASCII addresses (550, 553) and the VRFY/EXPN 252 of X.6.8.
    (550, 6531),
    (553, 6531),
    (252, 6531),
    // The registry pairs these replies with codes defined by these RFCs.
    (550, 7372),
    (451, 7372),
    (550, 7505),
    (550, 8617),
    (550, 8689),
];

/// Command-reply pairs from RFC 5321 section 4.3.2 and the extension RFCs.
const PAIRS: &[(Command, u16)] = &[
    (Command::Greeting, 220),
    (Command::Greeting, 554),
    (Command::Greeting, 421),
    (Command::Ehlo, 250),
    (Command::Ehlo, 504),
    (Command::Ehlo, 550),
    (Command::Ehlo, 502),
    (Command::Helo, 250),
    (Command::Helo, 504),
    (Command::Helo, 550),
    (Command::Mail, 250),
    (Command::Mail, 552),
    (Command::Mail, 451),
    (Command::Mail, 452),
    (Command::Mail, 550),
    (Command::Mail, 553),
    (Command::Mail, 503),
    (Command::Mail, 455),
    (Command::Mail, 555),
    (Command::Rcpt, 250),
    (Command::Rcpt, 251),
    (Command::Rcpt, 550),
    (Command::Rcpt, 551),
    (Command::Rcpt, 552),
    (Command::Rcpt, 553),
    (Command::Rcpt, 450),
    (Command::Rcpt, 451),
    (Command::Rcpt, 452),
    (Command::Rcpt, 503),
    (Command::Rcpt, 455),
    (Command::Rcpt, 555),
    (Command::Data, 354),
    (Command::Data, 503),
    (Command::Data, 554),
    (Command::DataEnd, 250),
    (Command::DataEnd, 552),
    (Command::DataEnd, 554),
    (Command::DataEnd, 451),
    (Command::DataEnd, 452),
    (Command::DataEnd, 450),
    (Command::DataEnd, 550),
    (Command::Rset, 250),
    (Command::Vrfy, 250),
    (Command::Vrfy, 251),
    (Command::Vrfy, 252),
    (Command::Vrfy, 550),
    (Command::Vrfy, 551),
    (Command::Vrfy, 553),
    (Command::Vrfy, 502),
    (Command::Vrfy, 504),
    (Command::Expn, 250),
    (Command::Expn, 252),
    (Command::Expn, 550),
    (Command::Expn, 500),
    (Command::Expn, 502),
    (Command::Expn, 504),
    (Command::Help, 211),
    (Command::Help, 214),
    (Command::Help, 502),
    (Command::Help, 504),
    (Command::Noop, 250),
    (Command::Quit, 221),
    (Command::StartTls, 220),
    (Command::StartTls, 454),
    (Command::StartTls, 501),
    (Command::Auth, 235),
    (Command::Auth, 334),
    (Command::Auth, 432),
    (Command::Auth, 454),
    (Command::Auth, 500),
    (Command::Auth, 501),
    (Command::Auth, 504),
    (Command::Auth, 534),
    (Command::Auth, 535),
    (Command::Auth, 538),
    (Command::Etrn, 250),
    (Command::Etrn, 251),
    (Command::Etrn, 252),
    (Command::Etrn, 253),
    (Command::Etrn, 458),
    (Command::Etrn, 459),
    (Command::Atrn, 250),
    (Command::Atrn, 450),
    (Command::Atrn, 451),
    (Command::Atrn, 453),
    (Command::Bdat, 250),
    (Command::Greeting, 521),
    // RFC 4468 section 6.
    (Command::Burl, 250),
    (Command::Burl, 451),
    (Command::Burl, 503),
    (Command::Burl, 552),
    (Command::Burl, 554),
];

/// The commands of the table (not the two session events) other than `except`.
fn commands_except(except: &[Command]) -> impl Iterator<Item = Command> + '_ {
    Command::ALL
        .iter()
        .copied()
        .filter(move |command| !command.is_pseudo() && !except.contains(command))
}

/// Checks that `number` lists every command of the table but `except` as a trigger.
fn answers_every_command_but(number: u16, except: &[Command], rule: &str) {
    let code = code(number);
    for command in commands_except(except) {
        assert!(
            code.triggers().contains(&command),
            "{rule}: {number} should list {command} as a trigger"
        );
    }
}

fn code(number: u16) -> ReplyCode {
    ReplyCode::from_u16(number).unwrap_or_else(|| panic!("{number} is missing from the table"))
}

#[test]
fn every_base_and_extension_code_is_present_and_standard() {
    for number in RFC_5321_CODES {
        let code = code(number);
        assert!(code.is_standard(), "{number}");
        assert!(code.rfcs().contains(&5321), "{number} should cite RFC 5321");
    }
    for &(number, rfc) in EXTENSION_CODES {
        let code = code(number);
        assert!(code.is_standard(), "{number}");
        assert!(code.rfcs().contains(&rfc), "{number} should cite RFC {rfc}");
    }
}

#[test]
fn the_contract_variants_exist() {
    assert_eq!(ReplyCode::Ok.code(), 250);
    assert_eq!(ReplyCode::HelpMessage.code(), 214);
    assert_eq!(ReplyCode::ServiceReady.code(), 220);
    assert_eq!(ReplyCode::Ok.name(), "OK");
    assert_eq!(ReplyCode::HelpMessage.name(), "Help Message");
    assert_eq!(ReplyCode::ServiceReady.name(), "Service Ready");
}

#[test]
fn rfc_command_reply_pairs_are_in_both_directions() {
    for &(command, number) in PAIRS {
        let code = code(number);
        assert!(
            code.triggers().contains(&command),
            "{number} should list {command} as a trigger"
        );
        assert!(
            command.replies().contains(&code),
            "{command} should list {number} as a reply"
        );
    }
}

#[test]
fn triggers_and_replies_are_inverse() {
    for &code in ReplyCode::ALL {
        for &command in code.triggers() {
            assert!(command.replies().contains(&code), "{code} / {command}");
        }
    }
    for &command in Command::ALL {
        assert!(
            command.replies().windows(2).all(|w| w[0] < w[1]),
            "{command}"
        );
        for &code in command.replies() {
            assert!(code.triggers().contains(&command), "{command} / {code}");
        }
    }
}

#[test]
fn all_is_ascending_and_complete() {
    assert!(ReplyCode::ALL.windows(2).all(|w| w[0].code() < w[1].code()));
    assert!(
        ReplyCode::ALL.windows(2).all(|w| w[0] < w[1]),
        "Ord follows the number"
    );
    for number in 0..=u16::MAX {
        let found = ReplyCode::from_u16(number);
        assert_eq!(
            found.is_some(),
            ReplyCode::ALL.iter().any(|c| c.code() == number),
            "{number}"
        );
        assert_eq!(found.map(ReplyCode::code).unwrap_or(number), number);
        assert_eq!(ReplyCode::try_from(number).ok(), found, "{number}");
        if let Some(code) = found {
            assert_eq!(u16::from(code), number);
            assert_eq!(code, number);
        }
    }
}

#[test]
fn every_code_round_trips_through_display_and_from_str() {
    for &code in ReplyCode::ALL {
        let shown = code.to_string();
        assert_eq!(shown, format!("{} {}", code.code(), code.name()));
        assert_eq!(shown.parse::<ReplyCode>(), Ok(code));
        assert_eq!(code.code().to_string().parse::<ReplyCode>(), Ok(code));
        assert_eq!(
            format!("{}-continued", code.code()).parse::<ReplyCode>(),
            Ok(code)
        );
    }
}

#[test]
fn category_is_the_first_digit() {
    for &code in ReplyCode::ALL {
        assert_eq!(
            u16::from(code.category().digit()),
            code.code() / 100,
            "{code}"
        );
        assert_eq!(Category::from_code(code.code()), Some(code.category()));
    }
    let digits: Vec<u8> = Category::ALL.iter().map(|c| c.digit()).collect();
    assert_eq!(digits, [2, 3, 4, 5]);
}

#[test]
fn every_accessor_answers_with_real_text() {
    let mut names = HashSet::new();
    for &code in ReplyCode::ALL {
        for (what, text) in [
            ("name", code.name()),
            ("description", code.description()),
            ("when_seen", code.when_seen()),
            ("remediation", code.remediation()),
        ] {
            assert!(!text.trim().is_empty(), "{code}: empty {what}");
            assert_eq!(text.trim(), text, "{code}: {what} has stray white space");
        }
        // Sentences, not placeholders.
        for text in [code.description(), code.when_seen(), code.remediation()] {
            assert!(
                text.split_whitespace().count() >= 8,
                "{code}: too short: {text}"
            );
        }
        assert!(
            names.insert(code.name().to_lowercase()),
            "{code}: duplicate name"
        );
        let mut rfcs = code.rfcs().to_vec();
        rfcs.sort_unstable();
        rfcs.dedup();
        assert_eq!(rfcs.len(), code.rfcs().len(), "{code}: repeated RFC");
        if code.is_standard() {
            assert!(
                !code.rfcs().is_empty(),
                "{code}: a standard code cites its RFC"
            );
        } else {
            // Non-standard codes must say so in their own text.
            assert!(
                code.description().contains("RFC"),
                "{code}: say that no RFC defines it"
            );
        }
    }
}

#[test]
fn the_text_differs_from_code_to_code() {
    let descriptions: HashSet<&str> = ReplyCode::ALL.iter().map(|c| c.description()).collect();
    let remediations: HashSet<&str> = ReplyCode::ALL.iter().map(|c| c.remediation()).collect();
    assert_eq!(descriptions.len(), ReplyCode::ALL.len());
    assert_eq!(remediations.len(), ReplyCode::ALL.len());
}

#[test]
fn commands_know_their_verbs_and_events() {
    for &command in Command::ALL {
        assert_eq!(command.to_string(), command.verb());
        assert_eq!(command.verb().parse::<Command>(), Ok(command));
        assert_eq!(
            command.is_pseudo(),
            command.verb().starts_with('<'),
            "{command}"
        );
        assert!(!command.rfcs().is_empty(), "{command}");
    }
    assert!(Command::Greeting.is_pseudo() && Command::DataEnd.is_pseudo());
    assert_eq!(Command::StartTls.to_string(), "STARTTLS");
}

#[test]
fn reply_code_macro_is_a_constant() {
    const OK: ReplyCode = smtp_codes::reply_code!(250);
    assert_eq!(OK, ReplyCode::Ok);
    assert_eq!(smtp_codes::reply_code!(550), ReplyCode::MailboxUnavailable);
}

#[test]
fn a_server_that_requires_tls_answers_530_to_all_but_four_commands() {
    // RFC 3207 section 4: 530 to every command other than NOOP, EHLO, STARTTLS or QUIT.
    answers_every_command_but(
        530,
        &[
            Command::Noop,
            Command::Ehlo,
            Command::StartTls,
            Command::Quit,
        ],
        "RFC 3207 section 4",
    );
    assert!(code(530).rfcs().contains(&3207));
}

#[test]
fn a_server_that_requires_authentication_answers_530_to_all_but_six_commands() {
    // RFC 4954 section 6: 530 5.7.0 to any command other than AUTH, EHLO, HELO, NOOP, RSET
    // or QUIT.
    answers_every_command_but(
        530,
        &[
            Command::Auth,
            Command::Ehlo,
            Command::Helo,
            Command::Noop,
            Command::Rset,
            Command::Quit,
        ],
        "RFC 4954 section 6",
    );
    assert!(code(530).rfcs().contains(&4954));
}

#[test]
fn a_server_that_finds_tls_too_weak_answers_554_to_all_but_quit() {
    // RFC 3207 section 4.1: after STARTTLS, 554 to every command other than QUIT.
    answers_every_command_but(554, &[Command::Quit], "RFC 3207 section 4.1");
}

#[test]
fn after_a_554_greeting_the_server_answers_503_to_all_but_quit() {
    // RFC 5321 section 3.1: after a 554 greeting the server waits for QUIT and answers the
    // commands in between with 503.
    assert!(code(554).triggers().contains(&Command::Greeting));
    answers_every_command_but(503, &[Command::Quit], "RFC 5321 section 3.1");
}

#[test]
fn a_host_that_takes_no_mail_may_answer_521_to_the_greeting_and_to_commands() {
    // RFC 7504 section 3: 521 as the greeting, and, if the server keeps the connection open,
    // to the commands that follow; QUIT still gets its 221.
    assert!(code(521).triggers().contains(&Command::Greeting));
    answers_every_command_but(521, &[Command::Quit], "RFC 7504 section 3");
}

/// The RFC numbers a text cites as `RFC NNNN`.
fn cited_rfcs(text: &str) -> Vec<u16> {
    text.match_indices("RFC ")
        .filter_map(|(at, prefix)| {
            let rest = &text[at + prefix.len()..];
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            rest[..end].parse().ok()
        })
        .collect()
}

#[test]
fn cited_rfcs_finds_every_number_and_nothing_else() {
    assert_eq!(
        cited_rfcs("RFC 5321 section 3.1, no RFC defines it, see RFC 7504."),
        [5321, 7504]
    );
    assert_eq!(cited_rfcs("RFCs and RFC-like text"), [] as [u16; 0]);
}

#[test]
fn every_rfc_a_reply_text_cites_is_in_its_rfcs() {
    let mut missing = Vec::new();
    for &code in ReplyCode::ALL {
        for text in [code.description(), code.when_seen(), code.remediation()] {
            for rfc in cited_rfcs(text) {
                if !code.rfcs().contains(&rfc) {
                    missing.push(format!("{}: RFC {rfc}", code.code()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "cited but not in rfcs: {missing:?}");
}

#[test]
fn every_rfc_an_enhanced_text_cites_is_in_its_rfcs() {
    let mut missing = Vec::new();
    for &status in EnhancedStatus::ALL {
        for text in [
            status.name(),
            status.description(),
            status.when_seen(),
            status.remediation(),
        ] {
            for rfc in cited_rfcs(text) {
                if !status.rfcs().contains(&rfc) {
                    missing.push(format!(
                        "X.{}.{}: RFC {rfc}",
                        status.subject(),
                        status.detail()
                    ));
                }
            }
        }
    }
    assert!(missing.is_empty(), "cited but not in rfcs: {missing:?}");
}

#[test]
fn the_421_text_agrees_with_its_enhanced_codes() {
    // Every enhanced code the registry pairs with 421 is named in its text, and a code the
    // text names that the registry does not pair with 421 is said to be outside the registry.
    let code = code(421);
    let text = code.when_seen();
    for status in code.enhanced_codes() {
        let written = format!("4.{}.{}", status.subject(), status.detail());
        assert!(text.contains(&written), "421 should name {written}");
    }
    for sentence in text.split(". ") {
        for word in sentence.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            let Ok(enhanced) = word
                .trim_end_matches('.')
                .parse::<smtp_codes::EnhancedCode>()
            else {
                continue;
            };
            let paired = enhanced
                .status()
                .is_some_and(|status| code.enhanced_codes().contains(&status));
            assert!(
                paired || sentence.contains("registry"),
                "421 names {enhanced} as if the registry paired them: {sentence}"
            );
        }
    }
}

/// `true` when `text` holds `code` (such as `4.1.2`) as a whole code, not inside a longer one.
fn mentions_code(text: &str, code: &str) -> bool {
    text.match_indices(code).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + code.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[test]
fn mentions_code_finds_whole_codes_only() {
    assert!(mentions_code("answers `450 4.1.2 <addr>`", "4.1.2"));
    assert!(mentions_code("a 4.1.2.", "4.1.2"));
    assert!(!mentions_code("14.1.2 and 4.1.20", "4.1.2"));
}

#[test]
fn a_use_outside_the_registry_classes_is_called_so() {
    // `classes` keeps the registry's statement; where the text reports servers sending the
    // code in another class, the same text must say that the registry (or RFC 3463, whose
    // wording the registry repeats) means it otherwise, so readers do not take either for a
    // mistake.
    for &status in EnhancedStatus::ALL {
        let text = status.when_seen();
        for class in [2, 4, 5] {
            let written = format!("{class}.{}.{}", status.subject(), status.detail());
            if status.is_used_with(class) || !mentions_code(text, &written) {
                continue;
            }
            assert!(
                text.contains("registry") || text.contains("RFC 3463"),
                "{status}: the text reports {written} without saying the registry means it for other classes"
            );
        }
    }
}

/// The reasons are Sisimai's vocabulary, as issue 13 lists it: the tokens are a contract that
/// bounce processors compare across tools, so a rename must fail here.
#[test]
fn the_reasons_are_sisimais_vocabulary() {
    use smtp_codes::{Disposition, Reason};
    let tokens: Vec<&str> = Reason::ALL.iter().map(|r| r.token()).collect();
    assert_eq!(
        tokens,
        [
            "userunknown",
            "hostunknown",
            "mailboxfull",
            "suspend",
            "hasmoved",
            "notaccept",
            "norelaying",
            "blocked",
            "badreputation",
            "requireptr",
            "authfailure",
            "spamdetected",
            "virusdetected",
            "policyviolation",
            "filtered",
            "contenterror",
            "notcompliantrfc",
            "rejected",
            "mesgtoobig",
            "exceedlimit",
            "speeding",
            "toomanyconn",
            "securityerror",
            "failedstarttls",
            "syntaxerror",
            "systemerror",
            "systemfull",
            "networkerror",
            "expired",
            "mailererror",
            "suppressed",
            "feedback",
            "vacation",
            "delivered",
            "onhold",
            "undefined",
        ]
    );
    // A hard bounce is a permanent failure of the address: never something to retry.
    for &reason in Reason::ALL {
        if reason.is_hard_bounce() {
            assert_eq!(reason.disposition(), Disposition::GiveUp, "{reason}");
        }
        assert!(!reason.description().is_empty() && !reason.remediation().is_empty());
    }
    assert_eq!(Reason::Delivered.disposition(), Disposition::Success);
}

/// Every code's default reason fits its class: a success is `delivered`, and a failure is never.
#[test]
fn default_reasons_fit_the_class() {
    use smtp_codes::{EnhancedStatus, Reason, ReplyCode};
    for &code in ReplyCode::ALL {
        let delivered = code.reason() == Reason::Delivered;
        assert_eq!(delivered, code.code() / 100 == 2, "{code}");
    }
    for &status in EnhancedStatus::ALL {
        // Codes the registry means only for success are `delivered`; others name a failure.
        let success_only = status.classes().iter().all(|c| c.digit() == 2);
        assert_eq!(
            status.reason() == Reason::Delivered,
            success_only,
            "{status}"
        );
    }
}

/// `--short` prints one line for every code and reason: the built-in data gives each its few
/// words, although the format lets a row leave them out.
#[test]
fn every_entry_has_its_one_line_texts() {
    for code in ReplyCode::ALL {
        assert!(code.summary().is_some(), "{} has no summary", code.code());
        assert!(
            code.quick_fix().is_some(),
            "{} has no quick_fix",
            code.code()
        );
    }
    for status in EnhancedStatus::ALL {
        assert!(status.summary().is_some(), "{status} has no summary");
        assert!(status.quick_fix().is_some(), "{status} has no quick_fix");
    }
    for reason in smtp_codes::Reason::ALL {
        assert!(reason.summary().is_some(), "{reason} has no summary");
        assert!(reason.quick_fix().is_some(), "{reason} has no quick_fix");
    }
}

/// The comparison pages of the web reference are the related pairs: each pair is listed from
/// both sides, no code is related to itself, and the pairs issue 15 names are there.
#[test]
fn related_codes_are_pairs() {
    for code in ReplyCode::ALL {
        for other in code.related() {
            assert_ne!(other, code, "{} is related to itself", code.code());
            assert!(
                other.related().contains(code),
                "{} lists {} but not the other way",
                code.code(),
                other.code()
            );
        }
    }
    for (a, b) in [
        (214, 250),
        (450, 550),
        (451, 452),
        (550, 554),
        (421, 450),
        (452, 552),
    ] {
        assert!(code(a).related().contains(&code(b)), "{a} and {b}");
    }
}
