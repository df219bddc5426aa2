//! Read bounce messages: RFC 3464 delivery status notifications (and RFC 6533's UTF-8 form),
//! the free-text bounces of mail systems that send no DSN, RFC 8098 disposition
//! notifications that report a refusal (Dovecot's Sieve `reject`), RFC 5965 feedback reports
//! and RFC 3834 automatic replies. For each recipient, [`parse`] says what happened, the reply
//! the remote server gave, and why delivery failed in Sisimai's vocabulary of reasons, with
//! the [`Diagnosis`](smtp_codes::Diagnosis) of the [`smtp_codes`] rules: whether the address
//! is bad, whether to retry, and what the reply means.
//!
//! ```
//! use smtp_codes::Reason;
//! use smtp_codes_bounce::{Action, Kind};
//!
//! let message = b"From: MAILER-DAEMON@mx.example.org\r\n\
//! Subject: Undelivered Mail Returned to Sender\r\n\
//! MIME-Version: 1.0\r\n\
//! Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\
//! \r\n\
//! --b\r\n\
//! Content-Type: text/plain\r\n\
//! \r\n\
//! Your message could not be delivered to <bob@example.com>.\r\n\
//! --b\r\n\
//! Content-Type: message/delivery-status\r\n\
//! \r\n\
//! Reporting-MTA: dns; mx.example.org\r\n\
//! \r\n\
//! Final-Recipient: rfc822; bob@example.com\r\n\
//! Action: failed\r\n\
//! Status: 5.1.1\r\n\
//! Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected:\r\n\
//! \tUser unknown in local recipient table\r\n\
//! --b--\r\n";
//!
//! let bounce = smtp_codes_bounce::parse(message);
//! assert_eq!(bounce.kind(), Kind::Dsn);
//! let bob = &bounce.recipients()[0];
//! assert_eq!(bob.address(), "bob@example.com");
//! assert_eq!(bob.action(), Some(Action::Failed));
//! assert_eq!(bob.reply().map(|r| r.code()), Some(550));
//! assert_eq!(bob.reason(), Reason::UserUnknown);
//! assert!(bob.is_hard_bounce()); // stop sending to this address
//! assert!(bounce.problems().is_empty());
//! ```
//!
//! Any bytes are read without a panic: what cannot be read is a [`Problem`], and a message
//! that no format module understands is reported with the replies a plain scan of its text
//! finds ([`Bounce::codes`]).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod bounce;
mod command;
mod dsn;
mod fields;
mod judge;
mod local;
mod mdn;
mod message;
mod problem;
mod quote;
mod reply;
mod returned;
mod scan;
mod system;
mod text;

pub use bounce::{Action, Bounce, Kind, MailSystem, Original, Recipient, Typed};
pub use problem::Problem;

/// Reads one message: its kind, the original message, and a record per recipient. It never
/// fails: bytes that are no message give [`Kind::NotABounce`] with [`Problem::NotAMessage`].
#[must_use]
pub fn parse(bytes: &[u8]) -> Bounce {
    message::read(bytes, judge::RuleSet::BuiltIn)
}

/// Reads one message as [`parse`] does, but diagnoses its replies with `rules`: a user's
/// rules ([`smtp_codes::Rules`], read from a file in the format of the built-in
/// `rules.toml`), tried before the built-in ones or in their place as the rules say
/// ([`Rules::before_built_in`](smtp_codes::Rules::before_built_in),
/// [`Rules::instead_of_built_in`](smtp_codes::Rules::instead_of_built_in)). The rules live as
/// long as the program, as the recipients' diagnoses borrow their notes: keep them in a
/// `static` (a `std::sync::OnceLock`) or leak them once (`Box::leak`).
///
/// ```
/// use smtp_codes::{Reason, Rules};
///
/// let rules = r#"
/// [[rule]]
/// id = "mine-full-is-over-quota"
/// reason = "mailboxfull"
/// code = 550
/// text = ["no room here"]
/// example = "550 no room here"
/// source = "https://postmaster.example.net/"
/// "#;
/// let rules: &'static Rules =
///     Box::leak(Box::new(Rules::parse(rules, "mine.toml")?.before_built_in()));
/// let message = b"From: MAILER-DAEMON@mx.example.org\r\n\
/// Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\
/// \r\n\
/// --b\r\n\
/// Content-Type: message/delivery-status\r\n\
/// \r\n\
/// Reporting-MTA: dns; mx.example.org\r\n\
/// \r\n\
/// Final-Recipient: rfc822; bob@example.com\r\n\
/// Action: failed\r\n\
/// Status: 5.0.0\r\n\
/// Diagnostic-Code: smtp; 550 no room here\r\n\
/// --b--\r\n";
/// assert_eq!(smtp_codes_bounce::parse(message).recipients()[0].reason(), Reason::OnHold);
/// let bounce = smtp_codes_bounce::parse_with(message, rules);
/// assert_eq!(bounce.recipients()[0].reason(), Reason::MailboxFull);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "rules")]
#[must_use]
pub fn parse_with(bytes: &[u8], rules: &'static smtp_codes::Rules) -> Bounce {
    message::read(bytes, judge::RuleSet::User(rules))
}
