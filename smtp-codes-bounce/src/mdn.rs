//! Disposition notifications (RFC 8098, and RFC 6533's `message/global-disposition-notification`)
//! that report a message discarded by an automatic action at the recipient's mailbox: how
//! Dovecot's delivery agent sends a Sieve `reject`, and how it sent its refusal of a full
//! mailbox before version 2.3 (which sends a DSN for that). A read receipt, or any other
//! disposition, is no refusal and is left to the rest of the reader.

use smtp_codes::Reason;

use crate::bounce::{Action, Facts, Recipient};
use crate::dsn;
use crate::fields::groups;
use crate::judge::{RuleSet, judge_explained};
use crate::problem::Problem;
use crate::quote::{Human, explanation, paragraph};

/// What a disposition notification that reports a refusal says.
#[derive(Debug, Default)]
pub(crate) struct Refusal {
    /// The recipient, its action `failed`; the fields besides the addresses are among its
    /// extensions, as written.
    pub(crate) facts: Facts,
    /// The user agent or delivery agent that wrote it (`Reporting-UA`), as written.
    pub(crate) reporting_ua: Option<String>,
}

/// The refusal a disposition-notification body reports, or `None` when its disposition is
/// not one (`displayed`, `dispatched`, `processed` without an error, or any by a person's
/// hand) or it names no recipient.
pub(crate) fn refusal(body: &str, problems: &mut Vec<Problem>) -> Option<Refusal> {
    let read = groups(body);
    let fields: Vec<_> = read.groups.into_iter().flatten().collect();
    let disposition = fields.iter().find(|f| f.is("Disposition"))?;
    if !refuses(&disposition.value) {
        return None;
    }
    problems.extend(
        read.stray
            .into_iter()
            .map(|(line, text)| Problem::StrayLine { line, text }),
    );
    let mut refusal = Refusal::default();
    let mut final_recipient = None;
    for field in fields {
        if field.is("Final-Recipient") {
            final_recipient = Some(dsn::address(&field.value));
        } else if field.is("Original-Recipient") {
            refusal.facts.original_address = Some(dsn::address(&field.value));
        } else if field.is("Reporting-UA") {
            refusal.reporting_ua = Some(field.value.into_owned());
        } else {
            refusal
                .facts
                .extensions
                .push((field.name.to_owned(), field.value.into_owned()));
        }
    }
    refusal.facts.address = final_recipient.or_else(|| refusal.facts.original_address.clone())?;
    refusal.facts.action = Some(Action::Failed);
    Some(refusal)
}

/// The refused recipient, judged by what the human-readable text says for them: the lines
/// after Dovecot's `Your message to <bob@example.com> was automatically rejected:`, or
/// where the text does not name the address, its first paragraph (a Sieve script's own
/// reason). Words that no rule or MTA phrase explains leave the report's own statement:
/// a filter at the mailbox discarded the message, `filtered`.
pub(crate) fn judge(refusal: Refusal, human: &Human<'_>, rules: RuleSet) -> Recipient {
    let said = explanation(human, &refusal.facts.address).or_else(|| {
        let joined = paragraph(human.text());
        (!joined.is_empty()).then_some(joined)
    });
    let mut recipient = judge_explained(refusal.facts, said, rules);
    if recipient.reason == Reason::Undefined {
        recipient.reason = Reason::Filtered;
    }
    recipient
}

/// Whether a `Disposition` value (`automatic-action/MDN-sent-automatically; deleted`) says
/// that an automatic action discarded the message or failed on it: the type `deleted`, or
/// RFC 2298's `denied` and `failed`, or any type with the `error` modifier.
fn refuses(value: &str) -> bool {
    let Some((mode, disposition)) = value.split_once(';') else {
        return false;
    };
    let action_mode = mode.split('/').next().unwrap_or_default().trim();
    if !action_mode.eq_ignore_ascii_case("automatic-action") {
        return false;
    }
    let (kind, modifiers) = disposition.split_once('/').unwrap_or((disposition, ""));
    let kind = kind.trim();
    ["deleted", "denied", "failed"]
        .iter()
        .any(|k| kind.eq_ignore_ascii_case(k))
        || modifiers
            .split(',')
            .any(|m| m.trim().eq_ignore_ascii_case("error"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_as_a_refusal() {
        for value in [
            "automatic-action/MDN-sent-automatically; deleted",
            "Automatic-Action / MDN-sent-automatically ; DELETED",
            "automatic-action/MDN-sent-automatically; denied",
            "automatic-action/MDN-sent-automatically; processed/error",
            "automatic-action/MDN-sent-automatically; dispatched/warning, error",
        ] {
            assert!(refuses(value), "{value}");
        }
        for value in [
            "manual-action/MDN-sent-manually; displayed",
            "manual-action/MDN-sent-manually; deleted",
            "automatic-action/MDN-sent-automatically; displayed",
            "automatic-action/MDN-sent-automatically; processed",
            "automatic-action deleted",
            "",
        ] {
            assert!(!refuses(value), "{value}");
        }
    }

    #[test]
    fn dovecots_sieve_reject() {
        // The machine part of the rejection Dovecot 2.3.19's LDA sent for a Sieve `reject`
        // (tests/corpus/bounces/dovecot/sieve_reject.eml).
        let body = "Reporting-UA: mail.test; Dovecot Mail Delivery Agent\n\
            Final-Recipient: rfc822; bob@mail.test\n\
            Original-Message-ID: <bounce-sieve_reject@mail.test>\n\
            Disposition: automatic-action/MDN-sent-automatically; deleted\n";
        let mut problems = Vec::new();
        let refusal = refusal(body, &mut problems).unwrap();
        assert_eq!(refusal.facts.address, "bob@mail.test");
        assert_eq!(refusal.facts.action, Some(Action::Failed));
        assert_eq!(
            refusal.reporting_ua.as_deref(),
            Some("mail.test; Dovecot Mail Delivery Agent")
        );
        let names: Vec<&str> = refusal
            .facts
            .extensions
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(names, ["Original-Message-ID", "Disposition"]);
        assert!(problems.is_empty());
        // A read receipt is none; nor is a refusal that names nobody.
        let receipt = body.replace(
            "automatic-action/MDN-sent-automatically; deleted",
            "manual-action/MDN-sent-manually; displayed",
        );
        assert!(super::refusal(&receipt, &mut problems).is_none());
        let nobody = body.replace("Final-Recipient: rfc822; bob@mail.test\n", "");
        assert!(super::refusal(&nobody, &mut problems).is_none());
        // Original-Recipient stands in for a missing Final-Recipient.
        let original = body.replace("Final-Recipient", "Original-Recipient");
        assert_eq!(
            super::refusal(&original, &mut problems)
                .unwrap()
                .facts
                .address,
            "bob@mail.test"
        );
    }
}
