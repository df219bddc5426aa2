//! Which mail system wrote a message, from the sentences each one's bounces open with.

use mail_parser::Message;

use crate::bounce::MailSystem;

/// The opening sentences of each system's bounce text, as their own bounce templates write
/// them (Postfix's `bounce` templates, Exim's `bounce_message_text` default, OpenSMTPD's
/// `bounce.c`, qmail's QSBMF).
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
];

/// The system whose signature the human-readable text holds first.
pub(crate) fn recognise(_message: &Message<'_>, human: &str) -> Option<MailSystem> {
    SIGNATURES
        .iter()
        .filter_map(|(system, sentence)| human.find(sentence).map(|at| (at, *system)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, system)| system)
}
