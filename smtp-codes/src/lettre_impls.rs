//! The `lettre` feature: lettre's SMTP `Response` and `Code` as smtp-codes types, and what to
//! do about a lettre `Error` that carries a server's reply.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use lettre::transport::smtp::Error;
use lettre::transport::smtp::response::{Code, Response};

use crate::{Disposition, EnhancedCode, ParseReplyCodeError, ReplyBuf, ReplyCode, WriteReplyError};

/// The table's entry for a lettre `Code`, or the error for a code it does not know (which
/// keeps the number).
///
/// ```
/// use lettre::transport::smtp::response::Response;
/// use smtp_codes::ReplyCode;
///
/// let response: Response = "550 5.1.1 no such user\r\n".parse()?;
/// assert_eq!(ReplyCode::try_from(response.code()), Ok(ReplyCode::MailboxUnavailable));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TryFrom<Code> for ReplyCode {
    type Error = ParseReplyCodeError;

    fn try_from(code: Code) -> Result<Self, Self::Error> {
        ReplyCode::try_from(u16::from(code))
    }
}

/// An owned copy of a lettre `Response`, checked as the builder checks lines: a line with a
/// control character is an error, not a reply that would break the wire. The enhanced code,
/// if any, stays part of the text, as lettre keeps it.
///
/// ```
/// use lettre::transport::smtp::response::Response;
/// use smtp_codes::ReplyBuf;
///
/// let response: Response = "250-mail.test\r\n250 2.0.0 SIZE 1000\r\n".parse()?;
/// let reply = ReplyBuf::try_from(&response)?;
/// assert_eq!(reply.to_string(), "250-mail.test\r\n250 2.0.0 SIZE 1000\r\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TryFrom<&Response> for ReplyBuf {
    type Error = WriteReplyError;

    fn try_from(response: &Response) -> Result<Self, Self::Error> {
        let lines: Vec<String> = response.message().map(ToString::to_string).collect();
        ReplyBuf::from_parts(u16::from(response.code()), None, lines)
    }
}

impl Disposition {
    /// What to do about a lettre SMTP `Error` that carries a server's reply: from its code
    /// and, when the first line of its message starts with one, its enhanced code. `None` for
    /// an error that carries no reply (a network or TLS failure, a client error).
    ///
    /// ```
    /// use lettre::transport::smtp::response::Response;
    /// use smtp_codes::Disposition;
    ///
    /// // lettre builds such an error from a refusal; here it comes from a response's code.
    /// let response: Response = "451 4.7.1 try later\r\n".parse()?;
    /// assert_eq!(Disposition::of(u16::from(response.code()), None), Some(Disposition::RetryLater));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn of_lettre_error(error: &Error) -> Option<Disposition> {
        let code = u16::from(error.status()?);
        // lettre keeps the reply's text as the error's source.
        let enhanced = core::error::Error::source(error).and_then(|text| {
            let text = text.to_string();
            EnhancedCode::parse_prefix(&text).map(|(code, _)| code)
        });
        Disposition::of(code, enhanced)
    }
}
