//! Typed, documented SMTP reply codes.
//!
//! Every code a mail server can answer with — from RFC 5321 and its extensions, and the
//! non-standard ones met in the wild — is a variant of [`ReplyCode`], generated at compile time
//! from the crate's `codes.toml`. Each one knows its name, what it means, when servers send it,
//! what to do about it, its [`Category`], the [`Command`]s that provoke it and its RFCs.
//!
//! ```
//! use smtp_codes::{Category, Command, ReplyCode};
//!
//! // A line as a server sends it: the code comes first.
//! let code: ReplyCode = "550 5.1.1 <bob@example.com>: Recipient address rejected".parse()?;
//! assert_eq!(code, ReplyCode::MailboxUnavailable);
//! assert_eq!(code.code(), 550);
//! assert_eq!(code.category(), Category::PermanentNegative);
//! assert!(code.category().is_permanent()); // do not retry as is
//! assert!(code.triggers().contains(&Command::Rcpt));
//! println!("{code}: {}", code.description());
//! println!("What to do: {}", code.remediation());
//!
//! // Known at compile time: `reply_code!(299)` would not build.
//! assert_eq!(smtp_codes::reply_code!(250), ReplyCode::Ok);
//! assert_eq!(ReplyCode::Ok.to_string(), "250 OK");
//! # Ok::<(), smtp_codes::ParseReplyCodeError>(())
//! ```
//!
//! Codes that are well formed but not in the table are never lost: parsing `"299"` is an error
//! that keeps the number ([`ParseReplyCodeError::code`]), and [`Category::from_code`] still
//! answers for it.
//!
//! # Basic and enhanced codes
//!
//! A reply starts with a three-digit *basic* code (RFC 5321). Servers that announce
//! `ENHANCEDSTATUSCODES` (RFC 2034) follow it with an *enhanced* code (RFC 3463), such as
//! `5.1.1` in `550 5.1.1 <bob@example.com>: Recipient address rejected`. The basic code says
//! what the client should do next; the enhanced code says why, far more precisely: a 550 can
//! mean a missing mailbox (5.1.1), a full one (5.2.2) or a policy refusal (5.7.1).
//!
//! An enhanced code has three numbers: the *class* (2 success, 4 persistent transient failure,
//! 5 permanent failure), which must equal the basic code's first digit; the *subject*
//! ([`EnhancedSubject`]: addressing, mailbox, mail system, network, protocol, content,
//! security); and the *detail*. IANA keeps the registry of subjects and details, with the
//! basic codes each is normally sent with: [`EnhancedStatus`] has one variant per registered
//! code, and [`EnhancedCode`] holds any code, registered or not.
//!
//! ```
//! use smtp_codes::{Reply, ReplyCode};
//!
//! // A line as a log or a bounce message shows it: Gmail refusing unauthenticated mail.
//! let line = "550 5.7.26 Unauthenticated email from example.com is not accepted";
//! let reply = Reply::parse_line(line.as_bytes())?;
//! let basic = reply.reply_code().unwrap();
//! let enhanced = reply.enhanced().unwrap(); // 5.7.26, every digit read
//!
//! assert_eq!(basic, ReplyCode::MailboxUnavailable);
//! assert!(basic.category().is_permanent()); // do not retry
//! assert!(basic.agrees_with(enhanced)); // both say "permanent": class 5 with a 5yz code
//! assert_eq!(enhanced.subject_name(), "Security or Policy Status");
//! assert_eq!(enhanced.name(), Some("Multiple authentication checks failed"));
//! assert!(enhanced.basic_codes().contains(&basic)); // the registry pairs X.7.26 with 550
//! assert!(basic.enhanced_codes().contains(&enhanced.status().unwrap()));
//! println!("{}: {}", enhanced, enhanced.remediation().unwrap());
//! # Ok::<(), Box<dyn core::error::Error>>(())
//! ```
//!
//! An enhanced code found elsewhere, such as in a field of a delivery report, is read with
//! [`EnhancedCode::parse_prefix`] from where it starts, which also gives the text after it:
//!
//! ```
//! use smtp_codes::EnhancedCode;
//!
//! let (code, rest) = EnhancedCode::parse_prefix("4.4.316 Message expired, connection refused")
//!     .expect("an enhanced code");
//! assert_eq!((code.class(), code.subject(), code.detail()), (4, 4, 316));
//! assert_eq!(rest, " Message expired, connection refused");
//! ```
//!
//! # Why a reply failed
//!
//! The number rarely says enough: one `550` is a missing mailbox, a blocklisted IP or a DMARC
//! failure. [`Reply::diagnose`] gives the [`Reason`] (in Sisimai's vocabulary, so that results
//! can be compared across tools), whether the address itself is bad, what to do and, when one
//! of the built-in rules knows the reply, the [`Provider`] and its own notes and links. The
//! rules are compiled from the crate's `rules.toml` into a matcher that needs no allocator;
//! [`Reply::diagnose_with`] adds what the caller knows ([`Context`]: the command answered, the
//! remote host, the recipient's domain).
//!
//! ```
//! use smtp_codes::{Reason, Reply};
//!
//! let reply = Reply::parse_line(b"550 5.7.26 Unauthenticated email from example.com is not accepted")?;
//! let diagnosis = reply.diagnose();
//! assert_eq!(diagnosis.reason(), Reason::AuthFailure);
//! assert!(!diagnosis.is_hard_bounce()); // fix SPF, DKIM and DMARC; the address is fine
//! println!("{}", diagnosis.remediation());
//! # Ok::<(), smtp_codes::ReplyError>(())
//! ```
//!
//! # Features
//!
//! - `serde`: `ReplyCode` serialises as its number, and deserialises from a number or, in
//!   human-readable formats such as JSON and TOML, a string such as `"250"`; `Category` and
//!   `Command` serialise as their digit and verb, `EnhancedCode` as its text such as `"5.1.1"`.
//!   All of them round-trip through binary formats such as postcard too. With `alloc`,
//!   `ReplyBuf` serialises as `{"code": 550, "enhanced": "5.1.1", "lines": [...]}` and is
//!   checked like the builder when deserialised.
//!
//! - `alloc`: `ReplyBuf`, an owned reply that a server builds and writes and a client keeps,
//!   and `ReplyFailure`, the error a client returns with the server's whole reply in it.
//!   Without it, [`write_reply`] still writes a reply into any `core::fmt::Write`.
//!
//! - `lettre`: lettre's SMTP `Response` to `ReplyBuf`, its `Code` to `ReplyCode`, and
//!   `Disposition::of_lettre_error` for its `Error`.
//! - `smtp-proto`: `smtp_proto::Response` to `ReplyBuf` and back.
//! - `rules`: `Rules`, bounce rules of your own read at run time from a file in the format of
//!   `rules.toml`, with the same checks as the built-in ones (needs `std`).
//!
//! The crate is `#![no_std]`, and needs no allocator unless `alloc` is on.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// Keeps the `sse2` items where the sixteen-byte kernels use SSE2 (x86-64, which always has it),
/// and the `portable` items everywhere else and under `--cfg smtp_codes_portable`, which lets
/// the tests run the portable kernels on x86-64 too. The one place that choice is written, for
/// the line search, the pattern comparison and the writer's printable test.
macro_rules! by_kernel {
    (sse2 { $($sse2:item)* } portable { $($portable:item)* }) => {
        $(
            #[cfg(all(
                target_arch = "x86_64",
                target_feature = "sse2",
                not(smtp_codes_portable)
            ))]
            $sse2
        )*
        $(
            #[cfg(not(all(
                target_arch = "x86_64",
                target_feature = "sse2",
                not(smtp_codes_portable)
            )))]
            $portable
        )*
    };
}

mod category;
mod command;
mod diagnose;
mod disposition;
mod enhanced;
#[cfg(feature = "alloc")]
mod failure;
#[cfg(feature = "lettre")]
mod lettre_impls;
mod reader;
mod reason;
mod reply;
#[cfg(feature = "alloc")]
mod reply_buf;
mod reply_code;
#[cfg(feature = "serde")]
mod serde_impls;
#[cfg(feature = "smtp-proto")]
mod smtp_proto_impls;
mod write;

pub use command::ParseCommandError;
pub use diagnose::{Context, DecidedBy, Diagnosis, Provider};
#[cfg(feature = "rules")]
pub use diagnose::{RuleProblem, Rules, RulesError};
pub use disposition::Disposition;
pub use enhanced::{
    AnyClass, EnhancedCode, ParseEnhancedCodeError, ParseEnhancedCodeErrorKind, Part,
};
#[cfg(feature = "alloc")]
pub use failure::ReplyFailure;
pub use reader::ReplyReader;
pub use reason::ParseReasonError;
pub use reply::{Lines, Lossy, Reply, ReplyError, ReplyErrorKind, ReplyParser};
#[cfg(feature = "alloc")]
pub use reply_buf::{PendingReply, ReplyBuf};
pub use reply_code::{ParseReplyCodeError, ParseReplyCodeErrorKind};
pub use write::{WriteReplyError, write_reply};

smtp_codes_derive::codes! {
    file = "codes.toml";

    /// The category of a reply, given by the first digit of its code (RFC 5321 section 4.2.1).
    ///
    /// The category alone decides what a client does next: carry on (2), send more (3), try
    /// again later (4) or give up (5). It is defined for every well-formed code, including codes
    /// that are not in the table:
    ///
    /// ```
    /// use smtp_codes::Category;
    ///
    /// assert_eq!(Category::from_code(299), Some(Category::PositiveCompletion));
    /// assert!(Category::from_code(451).unwrap().is_transient());
    /// assert_eq!(Category::from_code(650), None);
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    pub enum Category {}

    /// A command a client sends, or an event of the session, that a server answers with a reply.
    ///
    /// [`Display`](core::fmt::Display) writes the verb as sent on the wire, and
    /// [`FromStr`](core::str::FromStr) reads it back, ignoring ASCII case:
    ///
    /// ```
    /// use smtp_codes::{Command, ReplyCode};
    ///
    /// let rcpt: Command = "rcpt".parse()?;
    /// assert_eq!(rcpt, Command::Rcpt);
    /// assert_eq!(rcpt.to_string(), "RCPT");
    /// assert!(rcpt.replies().contains(&ReplyCode::MailboxUnavailable));
    /// // The two events that are not commands have labels in angle brackets.
    /// assert_eq!(Command::Greeting.to_string(), "<greeting>");
    /// # Ok::<(), smtp_codes::ParseCommandError>(())
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    #[non_exhaustive]
    pub enum Command {}

    /// An SMTP reply code, one variant per code in the table.
    ///
    /// Variants are ordered by number, so `Ord` sorts codes numerically. Each variant's
    /// documentation says what the code means, when you see it and what to do about it.
    ///
    /// ```
    /// use smtp_codes::ReplyCode;
    ///
    /// assert_eq!(ReplyCode::from_u16(214), Some(ReplyCode::HelpMessage));
    /// assert_eq!(u16::from(ReplyCode::ServiceReady), 220);
    /// assert_eq!(ReplyCode::try_from(250), Ok(ReplyCode::Ok));
    /// assert!(ReplyCode::ALL.windows(2).all(|w| w[0] < w[1]));
    ///
    /// let err = "299".parse::<ReplyCode>().unwrap_err();
    /// assert_eq!(err.code(), Some(299));
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    #[non_exhaustive]
    pub enum ReplyCode {}

    /// The class of an enhanced status code: its first number (RFC 3463 section 3.1).
    ///
    /// [`EnhancedCode::class`] gives the number; this enum names and explains it.
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    pub enum EnhancedClass {}

    /// The subject of an enhanced status code: its middle number, which says what part of the
    /// mail system the status is about (RFC 3463 section 3.2).
    ///
    /// ```
    /// use smtp_codes::EnhancedSubject;
    ///
    /// assert_eq!(EnhancedSubject::from_number(1).map(|s| s.name()), Some("Addressing Status"));
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    #[non_exhaustive]
    pub enum EnhancedSubject {}

    /// A registered enhanced status code, without its class: one entry of the IANA "SMTP
    /// Enhanced Status Codes" registry, written X.1.1.
    ///
    /// The class is left out because the registry lists each subject and detail once; use
    /// [`with_class`](Self::with_class) for a concrete [`EnhancedCode`], and
    /// [`classes`](Self::classes) for the classes the registry means it for (servers do not
    /// always keep to them; see [`is_used_with`](Self::is_used_with)).
    ///
    /// ```
    /// use smtp_codes::{EnhancedStatus, ReplyCode};
    ///
    /// let status = EnhancedStatus::from_parts(1, 1).unwrap();
    /// assert_eq!(status.to_string(), "X.1.1 Bad destination mailbox address");
    /// assert!(status.basic_codes().contains(&ReplyCode::MailboxUnavailable));
    /// assert!(ReplyCode::MailboxUnavailable.enhanced_codes().contains(&status));
    /// assert_eq!(status.with_class(5).unwrap().to_string(), "5.1.1");
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    #[non_exhaustive]
    pub enum EnhancedStatus {}

    /// Why a message was not delivered (or that it was): a bounce reason, in the vocabulary of
    /// [Sisimai](https://libsisimai.org/en/reason/), so that results compare across tools.
    ///
    /// Each reason says whether it is a hard bounce (the address itself is bad: suppress it)
    /// and what a sender does next. [`Display`](core::fmt::Display) writes the token, and
    /// [`FromStr`](core::str::FromStr) and serde read it back. Every reply code and every
    /// registered enhanced code names the reason it has when nothing more is known:
    ///
    /// ```
    /// use smtp_codes::{Disposition, EnhancedStatus, Reason, ReplyCode};
    ///
    /// let reason: Reason = "mailboxfull".parse()?;
    /// assert_eq!(reason, Reason::MailboxFull);
    /// assert!(!reason.is_hard_bounce());
    /// assert!(Reason::UserUnknown.is_hard_bounce());
    /// assert_eq!(Reason::UserUnknown.disposition(), Disposition::GiveUp);
    /// assert_eq!(EnhancedStatus::from_parts(1, 1).unwrap().reason(), Reason::UserUnknown);
    /// assert_eq!(ReplyCode::Ok.reason(), Reason::Delivered);
    /// # Ok::<(), smtp_codes::ParseReasonError>(())
    /// ```
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    #[non_exhaustive]
    pub enum Reason {}
}

/// The [`ReplyCode`] for a number, checked at compile time: an unknown number fails to build.
///
/// ```
/// use smtp_codes::{reply_code, ReplyCode};
///
/// const GREETING: ReplyCode = reply_code!(220);
/// assert_eq!(GREETING, ReplyCode::ServiceReady);
/// ```
///
/// ```compile_fail
/// let _ = smtp_codes::reply_code!(299); // not in the table
/// ```
#[macro_export]
macro_rules! reply_code {
    ($code:literal) => {
        const {
            match $crate::ReplyCode::from_u16($code) {
                ::core::option::Option::Some(code) => code,
                ::core::option::Option::None => ::core::panic!(::core::concat!(
                    "reply_code!: ",
                    ::core::stringify!($code),
                    " is not a reply code in smtp-codes' table"
                )),
            }
        }
    };
}

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(test)]
extern crate std;

/// The [`EnhancedCode`] for a string, checked at compile time: a malformed or unregistered code
/// fails to build.
///
/// ```
/// use smtp_codes::{enhanced_code, EnhancedCode};
///
/// const NO_SUCH_USER: EnhancedCode = enhanced_code!("5.1.1");
/// assert_eq!(NO_SUCH_USER.name(), Some("Bad destination mailbox address"));
/// ```
///
/// ```compile_fail
/// let _ = smtp_codes::enhanced_code!("5.1.99"); // well formed, but not registered
/// ```
#[macro_export]
macro_rules! enhanced_code {
    ($code:literal) => {
        const {
            match $crate::EnhancedCode::parse($code) {
                ::core::result::Result::Ok(code) if code.is_registered() => code,
                _ => ::core::panic!(::core::concat!(
                    "enhanced_code!: ",
                    $code,
                    " is not a well-formed, registered enhanced status code"
                )),
            }
        }
    };
}
