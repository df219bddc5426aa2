//! The fields of a delivery status notification (RFC 3464 section 2, and RFC 6533 for its
//! UTF-8 form): the per-message group, then one group per recipient.

use std::borrow::Cow;

use smtp_codes::EnhancedCode;

use crate::bounce::Facts;
use crate::bounce::{Action, Recipient, Typed};
use crate::command::answered;
use crate::fields::{Field, groups, typed, without_angles, without_comment};
use crate::judge::{RuleSet, judge_explained};
use crate::problem::Problem;
use crate::quote::{Human, explanation};
use crate::reply::reply_of;

/// What a delivery-status part says.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub(crate) reporting_mta: Option<String>,
    pub(crate) arrival_date: Option<String>,
    pub(crate) envelope_id: Option<String>,
    pub(crate) extensions: Vec<(String, String)>,
    pub(crate) recipients: Vec<Recipient>,
}

/// Reads a delivery-status body, noting each problem and reading on. `human` is the report's
/// human-readable text, where some MTAs quote the reply that the machine part leaves out.
pub(crate) fn read(
    body: &str,
    human: &Human<'_>,
    rules: RuleSet,
    problems: &mut Vec<Problem>,
) -> Report {
    let read = groups(body);
    problems.extend(
        read.stray
            .into_iter()
            .map(|(line, text)| Problem::StrayLine { line, text }),
    );
    let mut report = Report::default();
    let mut groups = read.groups.into_iter().peekable();
    let names_recipient = |group: &[Field<'_>]| {
        group
            .iter()
            .any(|f| f.is("Final-Recipient") || f.is("Original-Recipient"))
    };
    // The first group is the per-message one, unless it already names a recipient: then
    // the per-message fields it opens with, if any, are split off (Dovecot 2.3 writes its
    // Reporting-MTA and the recipient's fields with no blank line between them).
    let mut first_recipient = None;
    match groups.next() {
        Some(first) if !names_recipient(&first) => per_message(&mut report, first),
        Some(mut first) => {
            let split = first
                .iter()
                .take_while(|f| !known(f.name, PER_MESSAGE).is_empty())
                .count();
            let recipient = first.split_off(split);
            match recipient.first() {
                Some(field) if split > 0 => {
                    problems.push(Problem::NoBlankLineBeforeRecipient { line: field.line })
                }
                _ => problems.push(Problem::NoPerMessageFields),
            }
            per_message(&mut report, first);
            first_recipient = Some(recipient);
        }
        None => {}
    }
    for group in first_recipient.into_iter().chain(groups) {
        if let Some(mut facts) = per_recipient(group, problems) {
            // What the text says under the address, read once: it tells the command, and the
            // reply where the machine part gives none.
            let said = explanation(human, &facts.address);
            facts.command = answered(human, &facts.address, said.as_deref());
            let explained = if facts.diagnostic.is_none() {
                said
            } else {
                None
            };
            report
                .recipients
                .push(judge_explained(facts, explained, rules));
        }
    }
    if report.recipients.is_empty() {
        problems.push(Problem::NoRecipients);
    }
    report
}

/// The per-message fields RFC 3464 defines (section 2.2), in lower case.
const PER_MESSAGE: &[&str] = &[
    "reporting-mta",
    "arrival-date",
    "original-envelope-id",
    "dsn-gateway",
    "received-from-mta",
];

fn per_message(report: &mut Report, group: Vec<Field<'_>>) {
    for field in group {
        match known(field.name, PER_MESSAGE) {
            "reporting-mta" => report.reporting_mta = Some(typed(&field.value).1.to_owned()),
            "arrival-date" => report.arrival_date = Some(field.value.into_owned()),
            "original-envelope-id" => report.envelope_id = Some(field.value.into_owned()),
            _ => report
                .extensions
                .push((field.name.to_owned(), field.value.into_owned())),
        }
    }
}

/// One recipient's group; `None`, with a problem, for a group that names no recipient.
fn per_recipient(group: Vec<Field<'_>>, problems: &mut Vec<Problem>) -> Option<Facts> {
    let line = group.first().map_or(0, |f| f.line);
    let mut facts = Facts::default();
    // Both address fields as written, types and all: which one is the recipient depends on
    // their types.
    let mut final_recipient: Option<Cow<'_, str>> = None;
    let mut original_value: Option<Cow<'_, str>> = None;
    // A Status that holds a reply in place of an enhanced code (NTMail's `Status: 553
    // Exceeded maximum inbound message size`, dsn_03.txt).
    let mut status_reply: Option<String> = None;
    const NAMES: &[&str] = &[
        "final-recipient",
        "original-recipient",
        "action",
        "status",
        "remote-mta",
        "diagnostic-code",
        "last-attempt-date",
        "will-retry-until",
        "final-log-id",
    ];
    for field in group {
        match known(field.name, NAMES) {
            "final-recipient" => final_recipient = Some(field.value),
            "original-recipient" => original_value = Some(field.value),
            "action" => match Action::from_token(without_comment(&field.value)) {
                Some(action) => facts.action = Some(action),
                None if says_failed(without_comment(&field.value)) => {
                    facts.action = Some(Action::Failed);
                    problems.push(Problem::NonstandardAction {
                        value: field.value.into_owned(),
                        line: field.line,
                    });
                }
                None => problems.push(bad(field)),
            },
            "status" => match without_comment(&field.value).parse::<EnhancedCode>() {
                Ok(status) => facts.status = Some(status),
                Err(_) => {
                    if reply_of(&field.value).is_some() {
                        status_reply = Some(field.value.to_string());
                    }
                    problems.push(bad(field));
                }
            },
            "remote-mta" => facts.remote_mta = Some(typed(&field.value).1.to_owned()),
            "diagnostic-code" => {
                let (kind, text) = typed(&field.value);
                facts.diagnostic = Some(Typed {
                    kind: kind.map(str::to_owned),
                    text: text.to_owned(),
                });
            }
            "last-attempt-date" => facts.last_attempt = Some(field.value.into_owned()),
            "will-retry-until" => facts.will_retry_until = Some(field.value.into_owned()),
            "final-log-id" => facts.final_log_id = Some(field.value.into_owned()),
            _ => facts
                .extensions
                .push((field.name.to_owned(), field.value.into_owned())),
        }
    }
    // Such a reply is what the report says of the failure: where no Diagnostic-Code says
    // it, it stands for one, untyped (the problem above says where it came from).
    if facts.diagnostic.is_none() {
        facts.diagnostic = status_reply.map(|text| Typed { kind: None, text });
    }
    for (field, missing) in [
        ("Action", facts.action.is_none()),
        ("Status", facts.status.is_none()),
    ] {
        if missing {
            problems.push(Problem::MissingField { field, line });
        }
    }
    // An X.400 or other non-Internet Final-Recipient (Exchange and Domino gateways write
    // them) is no address to act on when the sender's own, Original-Recipient, is there:
    // that one is the recipient, and the final one is kept among the extension fields.
    facts.original_address = original_value.as_deref().map(address);
    let original_is_internet = original_value.as_deref().is_some_and(is_internet);
    let final_recipient = match final_recipient {
        Some(value) if !is_internet(&value) && original_is_internet => {
            facts
                .extensions
                .push(("Final-Recipient".to_owned(), value.into_owned()));
            None
        }
        value => value.map(|v| address(&v)),
    };
    match final_recipient.or_else(|| facts.original_address.clone()) {
        Some(address) => {
            facts.address = address;
            Some(facts)
        }
        None => {
            problems.push(Problem::MissingField {
                field: "Final-Recipient",
                line,
            });
            None
        }
    }
}

/// The one of `names` (in lower case) that `name` is, in any case, without copying it.
fn known<'n>(name: &str, names: &[&'n str]) -> &'n str {
    names
        .iter()
        .copied()
        .find(|known| known.eq_ignore_ascii_case(name))
        .unwrap_or("")
}

fn bad(field: Field<'_>) -> Problem {
    Problem::BadField {
        field: field.name.to_owned(),
        value: field.value.into_owned(),
        line: field.line,
    }
}

/// Whether a nonstandard `Action` value says the delivery failed, as `failure` (dsn_03.txt
/// among flufl.bounce's test messages) and `error` (dsn_18.txt, from OpenSMTPD) do.
fn says_failed(value: &str) -> bool {
    ["failure", "error"]
        .iter()
        .any(|word| value.trim().eq_ignore_ascii_case(word))
}

/// Whether an address field's type is an Internet one, `rfc822` or RFC 6533's `utf-8` (a
/// field without a type is taken as one).
fn is_internet(value: &str) -> bool {
    typed(value).0.is_none_or(|kind| {
        kind.eq_ignore_ascii_case("rfc822") || kind.eq_ignore_ascii_case("utf-8")
    })
}

/// An address field's address: `rfc822; <bob@example.com>` is `bob@example.com`. For the
/// `utf-8` type of RFC 6533, `\x{HHHH}` escapes become the characters they name.
pub(crate) fn address(value: &str) -> String {
    let (kind, text) = typed(value);
    let text = without_angles(text);
    match kind {
        Some(k) if k.eq_ignore_ascii_case("utf-8") => unescape_unicode(text),
        _ => text.to_owned(),
    }
}

/// RFC 6533's `embedded-unicode-char`, `\x{HHHH}`, decoded; anything that is not a valid
/// escape of a Unicode scalar value stays as written.
fn unescape_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\\x{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let decoded = after.find('}').and_then(|end| {
            let hex = &after[..end];
            let valid = (1..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit());
            valid
                .then(|| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32))
                .flatten()
                .map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("\\x{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_codes::Reason;

    const POSTFIX: &str = "Reporting-MTA: dns; mx.example.org\r\n\
        X-Postfix-Queue-ID: 4F2B1C0A1B\r\n\
        Arrival-Date: Tue,  1 Dec 2026 10:00:00 +0000 (UTC)\r\n\
        \r\n\
        Final-Recipient: rfc822; bob@example.com\r\n\
        Original-Recipient: rfc822;bob@example.com\r\n\
        Action: failed\r\n\
        Status: 5.1.1\r\n\
        Remote-MTA: dns; mx.example.com\r\n\
        Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected:\r\n    User unknown in local recipient table\r\n\
        \r\n\
        Final-Recipient: rfc822; carol@example.net\r\n\
        Action: delayed\r\n\
        Status: 4.4.1\r\n\
        Diagnostic-Code: X-Postfix; connect to mx.example.net[192.0.2.1]:25: Connection\r\n    refused\r\n\
        Will-Retry-Until: Sun, 6 Dec 2026 10:00:00 +0000\r\n";

    #[test]
    fn a_report_with_two_recipients() {
        let mut problems = Vec::new();
        let report = read(POSTFIX, &Human::new(""), RuleSet::BuiltIn, &mut problems);
        assert_eq!(problems, []);
        assert_eq!(report.reporting_mta.as_deref(), Some("mx.example.org"));
        assert_eq!(
            report.extensions,
            [("X-Postfix-Queue-ID".to_owned(), "4F2B1C0A1B".to_owned())]
        );
        let [bob, carol] = &report.recipients[..] else {
            panic!("two recipients: {:?}", report.recipients)
        };
        assert_eq!(bob.address(), "bob@example.com");
        assert_eq!(bob.action(), Some(Action::Failed));
        assert_eq!(
            bob.status().map(|s| s.to_string()).as_deref(),
            Some("5.1.1")
        );
        assert_eq!(bob.remote_mta(), Some("mx.example.com"));
        assert_eq!(
            bob.reply().map(|r| r.to_string()).as_deref(),
            Some(
                "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table\r\n"
            )
        );
        assert_eq!(bob.reason(), Reason::UserUnknown);
        assert!(bob.is_hard_bounce());

        assert_eq!(carol.action(), Some(Action::Delayed));
        assert!(carol.reply().is_none());
        assert_eq!(carol.diagnostic().and_then(Typed::kind), Some("X-Postfix"));
        assert_eq!(
            carol.will_retry_until(),
            Some("Sun, 6 Dec 2026 10:00:00 +0000")
        );
        assert!(!carol.is_hard_bounce());
        assert_eq!(carol.reason(), Reason::NetworkError);
    }

    #[test]
    fn a_gateways_x400_final_recipient_gives_way_to_the_original() {
        let body = "Reporting-MTA: dns; gw.example.org\n\n\
            Original-Recipient: rfc822; bob@example.org\n\
            Final-Recipient: x400; /S=bob/OU=example/ADMD= /C=GB/\n\
            Action: failed\nStatus: 5.1.1\n\n\
            Original-Recipient: rfc822; carol@example.org\n\
            Final-Recipient: rfc822; carol@mail.example.org\n\
            Action: failed\nStatus: 5.1.1\n";
        let mut problems = Vec::new();
        let report = read(body, &Human::new(""), RuleSet::BuiltIn, &mut problems);
        let [bob, carol] = &report.recipients[..] else {
            panic!("two recipients: {:?}", report.recipients);
        };
        assert_eq!(bob.address(), "bob@example.org");
        assert_eq!(
            bob.extensions(),
            [(
                "Final-Recipient".to_owned(),
                "x400; /S=bob/OU=example/ADMD= /C=GB/".to_owned()
            )]
        );
        // An Internet final address stays the recipient, forwarded or not.
        assert_eq!(carol.address(), "carol@mail.example.org");
        assert_eq!(carol.original_address(), Some("carol@example.org"));
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_reply_quoted_in_an_x_postfix_diagnostic() {
        let body = "Reporting-MTA: dns; mx.example.org\n\n\
            Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.0.0\n\
            Diagnostic-Code: X-Postfix; host mx.example.com[192.0.2.1] said: 550\n\
            \tunknown user <bob@example.com> (in reply to RCPT TO command)\n";
        let report = read(body, &Human::new(""), RuleSet::BuiltIn, &mut Vec::new());
        let bob = &report.recipients[0];
        assert_eq!(bob.reply().map(|r| r.code()), Some(550));
        assert_eq!(bob.reason(), Reason::UserUnknown);
    }

    #[test]
    fn an_action_that_says_failure_in_other_words() {
        let body = "Reporting-MTA: dns; mx.example.org\n\n\
            Final-Recipient: rfc822; bob@example.com\nAction: failure\nStatus: 5.3.4\n";
        let mut problems = Vec::new();
        let report = read(body, &Human::new(""), RuleSet::BuiltIn, &mut problems);
        assert_eq!(report.recipients[0].action(), Some(Action::Failed));
        assert_eq!(
            problems,
            [Problem::NonstandardAction {
                value: "failure".into(),
                line: 4
            }]
        );
    }

    #[test]
    fn a_status_that_holds_a_reply() {
        // NTMail (flufl.bounce's dsn_03.txt) writes the reply where the enhanced code goes.
        let body = "Reporting-MTA: dns; mx.example.org\n\n\
            Final-Recipient: rfc822;bob@example.com\nAction: failed\n\
            Status: 553 Exceeded maximum inbound message size\n";
        let mut problems = Vec::new();
        let report = read(body, &Human::new(""), RuleSet::BuiltIn, &mut problems);
        let bob = &report.recipients[0];
        assert_eq!(bob.status(), None);
        assert_eq!(bob.reply().map(|r| r.code()), Some(553));
        assert_eq!(
            bob.diagnostic().map(|d| (d.kind(), d.text())),
            Some((None, "553 Exceeded maximum inbound message size"))
        );
        assert_eq!(bob.reason(), Reason::MesgTooBig);
        assert_eq!(
            problems,
            [
                Problem::BadField {
                    field: "Status".into(),
                    value: "553 Exceeded maximum inbound message size".into(),
                    line: 5
                },
                Problem::MissingField {
                    field: "Status",
                    line: 3
                },
            ]
        );
        // A Diagnostic-Code, where there is one, stays the diagnostic.
        let body = format!("{body}Diagnostic-Code: smtp; 552 5.3.4 too big\n");
        let report = read(&body, &Human::new(""), RuleSet::BuiltIn, &mut Vec::new());
        assert_eq!(
            report.recipients[0].diagnostic().map(|d| d.text()),
            Some("552 5.3.4 too big")
        );
    }

    #[test]
    fn an_mtas_words_say_more_than_a_status_of_its_subject_alone() {
        let body = |status: &str| {
            format!(
                "Reporting-MTA: dns; mx.example.org\n\n\
                 Final-Recipient: rfc822; bob@example.com\nAction: delayed\nStatus: {status}\n\
                 Diagnostic-Code: X-Local; Quota exceeded message delivery failed to /mail/INBOX\n"
            )
        };
        let reason = |status: &str| {
            read(
                &body(status),
                &Human::new(""),
                RuleSet::BuiltIn,
                &mut Vec::new(),
            )
            .recipients[0]
                .reason()
        };
        // 4.3.0 says only "mail system": the words name a full mailbox (dsn_17.txt).
        assert_eq!(reason("4.3.0"), Reason::MailboxFull);
        // 4.3.1 says "mail system full" itself, and decides.
        assert_eq!(reason("4.3.1"), Reason::SystemFull);
    }

    #[test]
    fn missing_and_bad_fields_are_problems() {
        let mut problems = Vec::new();
        let report = read(
            "Final-Recipient: rfc822; a@example.com\nAction: exploded\nStatus: 9.9.9\n\nAction: failed\n",
            &Human::new(""),
            RuleSet::BuiltIn,
            &mut problems,
        );
        assert_eq!(report.recipients.len(), 1);
        assert_eq!(
            problems,
            [
                Problem::NoPerMessageFields,
                Problem::BadField {
                    field: "Action".into(),
                    value: "exploded".into(),
                    line: 2
                },
                Problem::BadField {
                    field: "Status".into(),
                    value: "9.9.9".into(),
                    line: 3
                },
                Problem::MissingField {
                    field: "Action",
                    line: 1
                },
                Problem::MissingField {
                    field: "Status",
                    line: 1
                },
                Problem::MissingField {
                    field: "Status",
                    line: 5
                },
                Problem::MissingField {
                    field: "Final-Recipient",
                    line: 5
                },
            ]
        );
    }

    #[test]
    fn per_message_fields_without_a_blank_line_after_them_are_kept() {
        // As Dovecot 2.3's LDA writes its quota refusal (tests/corpus/bounces/dovecot/).
        let mut problems = Vec::new();
        let report = read(
            "Reporting-MTA: dns; mail.test\nFinal-Recipient: rfc822; carol@mail.test\n\
             Action: failed\nStatus: 5.2.2\n",
            &Human::new(""),
            RuleSet::BuiltIn,
            &mut problems,
        );
        assert_eq!(report.reporting_mta.as_deref(), Some("mail.test"));
        let [carol] = &report.recipients[..] else {
            panic!("one recipient")
        };
        assert_eq!(carol.address(), "carol@mail.test");
        assert_eq!(
            carol.status().map(|s| s.to_string()).as_deref(),
            Some("5.2.2")
        );
        assert!(carol.extensions().is_empty());
        assert_eq!(problems, [Problem::NoBlankLineBeforeRecipient { line: 2 }]);
    }

    #[test]
    fn utf8_addresses() {
        assert_eq!(
            address("utf-8; j\\x{F6}rg@b\\x{FC}cher.example"),
            "jörg@bücher.example"
        );
        assert_eq!(
            address("utf-8; a\\x{110000}b\\x{zz}"),
            "a\\x{110000}b\\x{zz}"
        );
        assert_eq!(address("rfc822; <bob@example.com>"), "bob@example.com");
        assert_eq!(
            address("rfc822;b\\x{F6}b@example.com"),
            "b\\x{F6}b@example.com"
        );
    }
}
