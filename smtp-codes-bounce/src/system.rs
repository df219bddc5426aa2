//! Which mail system wrote a message, from the sentences each one's bounces open with.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::bounce::MailSystem;

/// The opening sentences of each system's bounce text: for Postfix, Exim, OpenSMTPD,
/// Sendmail and Courier as the bounces they sent to the capture harness show them
/// (`tests/corpus/bounces/`), for qmail as its bounce format (QSBMF) specifies, for the
/// others as the sources named in their modules under `text/` show them. These name the
/// system of a DSN too, whose machine part says nothing of who wrote it.
const SIGNATURES: &[(MailSystem, &str)] = &[
    (MailSystem::Postfix, "This is the mail system at host"),
    (
        MailSystem::Exim,
        "This message was created automatically by mail delivery software",
    ),
    (
        MailSystem::OpenSmtpd,
        "This is the MAILER-DAEMON, please DO NOT REPLY",
    ),
    (MailSystem::Qmail, "Hi. This is the qmail-send program"),
    (MailSystem::Sendmail, "The original message was received at"),
    (MailSystem::Courier, "running the Courier mail server"),
    (
        MailSystem::Exchange,
        "Delivery has failed to these recipients or groups",
    ),
    (
        MailSystem::Exchange,
        "Delivery is delayed to these recipients or groups",
    ),
    // Exchange 2003-2007's DSN (tt_bounce_13.eml among the real bounces of the `bounced`
    // package on PyPI, from a server named LVAEI-EXCH): listed before Gmail's opening, which
    // it starts with, so that it wins there.
    (
        MailSystem::Exchange,
        "Delivery to the following recipients failed",
    ),
    (MailSystem::Gmail, "Delivery to the following recipient"),
    (MailSystem::Gmail, "Your message wasn't delivered to "),
    (
        MailSystem::Gmail,
        "There was a temporary problem delivering your message to ",
    ),
    (
        MailSystem::Yahoo,
        "Sorry, we were unable to deliver your message to the following address",
    ),
    (
        MailSystem::AmazonSes,
        "An error occurred while trying to deliver the mail to the following recipients",
    ),
    (MailSystem::Domino, "was not delivered to:"),
    (MailSystem::InterScan, crate::text::INTERSCAN_BANNER),
    (MailSystem::GroupWise, crate::text::GROUPWISE_OPENING),
    // Dovecot's default `rejection_reason`, `Your message to <%t> was automatically
    // rejected:%n%r` (tests/corpus/bounces/dovecot/).
    (MailSystem::Dovecot, "> was automatically rejected:"),
];

/// How far into the text a signature is looked for: each opens the text, within its first
/// three lines in every captured bounce.
const OPENING: usize = 1024;

/// Every signature in one automaton: a single pass over the opening finds the first that
/// stands in it (searching for each in turn took a fifth of reading a bounce).
static SEARCH: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(SIGNATURES.iter().map(|(_, sentence)| sentence))
        .ok()
});

/// The system whose signature the human-readable text's opening holds first (of two that
/// start at the same place, the one listed first).
pub(crate) fn recognise(human: &str) -> Option<MailSystem> {
    let end = human.len().min(OPENING);
    let found = SEARCH.as_ref()?.find(&human.as_bytes()[..end])?;
    SIGNATURES
        .get(found.pattern().as_usize())
        .map(|(system, _)| *system)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_signature_names_its_system_and_the_first_in_the_text_wins() {
        for (system, sentence) in SIGNATURES {
            let text = format!("Hello.\n{sentence} mx.example.com.\n");
            assert_eq!(recognise(&text), Some(*system), "{sentence}");
        }
        let both = "This is the mail system at host mx.example.com.\n\
                    The original message was received at Tue, 1 Dec 2026";
        assert_eq!(recognise(both), Some(MailSystem::Postfix));
        assert_eq!(recognise("Nothing we know."), None);
        // Gmail's opening is the start of Exchange's; each keeps its own.
        let exchange = "This is an automatically generated Delivery Status Notification.\n\n\
                        Delivery to the following recipients failed.\n";
        assert_eq!(recognise(exchange), Some(MailSystem::Exchange));
        let gmail = "Delivery to the following recipient failed permanently:\n";
        assert_eq!(recognise(gmail), Some(MailSystem::Gmail));
    }

    #[test]
    fn only_the_opening_is_read() {
        let far = format!("{}{}", "é".repeat(OPENING), SIGNATURES[0].1);
        assert_eq!(recognise(&far), None);
        let near = format!("{}{}", "é".repeat(10), SIGNATURES[0].1);
        assert_eq!(recognise(&near), Some(SIGNATURES[0].0));
    }
}
