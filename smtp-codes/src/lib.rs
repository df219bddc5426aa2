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
//! # Features
//!
//! - `serde`: `ReplyCode` serialises as its number and deserialises from a number or a string
//!   such as `"250"`; `Category` and `Command` serialise as their digit and verb.
//!
//! The crate is `#![no_std]` and needs no allocator.

#![no_std]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod category;
mod command;
mod reply_code;
#[cfg(feature = "serde")]
mod serde_impls;

pub use command::ParseCommandError;
pub use reply_code::{ParseReplyCodeError, ParseReplyCodeErrorKind};

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

#[cfg(test)]
extern crate std;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
