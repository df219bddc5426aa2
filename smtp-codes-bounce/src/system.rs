//! Which mail system wrote a message, from the sentences each one's bounces open with.

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
    (MailSystem::Gmail, "Delivery to the following recipient"),
    (MailSystem::Gmail, "Your message wasn't delivered to "),
    (
        MailSystem::Yahoo,
        "Sorry, we were unable to deliver your message to the following address",
    ),
    (
        MailSystem::AmazonSes,
        "An error occurred while trying to deliver the mail to the following recipients",
    ),
    (MailSystem::Domino, "was not delivered to:"),
];

/// How far into the text a signature is looked for: each opens the text, within its first
/// three lines in every captured bounce.
const OPENING: usize = 1024;

/// The system whose signature the human-readable text's opening holds first.
pub(crate) fn recognise(human: &str) -> Option<MailSystem> {
    let mut end = human.len().min(OPENING);
    while !human.is_char_boundary(end) {
        end -= 1;
    }
    let human = &human[..end];
    SIGNATURES
        .iter()
        .filter_map(|(system, sentence)| human.find(sentence).map(|at| (at, *system)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, system)| system)
}
