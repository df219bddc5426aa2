//! The `smtp-proto` feature: `smtp_proto::Response` to [`ReplyBuf`] and back.
//!
//! smtp-proto keeps a reply's lines joined by `\n` in one message, and its enhanced code as
//! three single digits (`[0, 0, 0]` for none).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Display;

use smtp_proto::Response;

use crate::{EnhancedCode, ReplyBuf, WriteReplyError};

/// An owned reply from an smtp-proto `Response`: its lines are the message split at `\n`, its
/// enhanced code `esc` unless that is `[0, 0, 0]`; checked like the builder, so a control
/// character in the message or an enhanced code of the wrong class is an error.
///
/// ```
/// use smtp_codes::ReplyBuf;
///
/// let response = smtp_proto::Response::new(550, 5, 1, 1, "no such user\nsee the FAQ");
/// let reply = ReplyBuf::try_from(&response)?;
/// assert_eq!(reply.to_string(), "550-5.1.1 no such user\r\n550 5.1.1 see the FAQ\r\n");
/// # Ok::<(), smtp_codes::WriteReplyError>(())
/// ```
impl<T: Display> TryFrom<&Response<T>> for ReplyBuf {
    type Error = WriteReplyError;

    fn try_from(response: &Response<T>) -> Result<Self, Self::Error> {
        let message = response.message.to_string();
        let lines: Vec<String> = message.split('\n').map(String::from).collect();
        let enhanced = match response.esc {
            [0, 0, 0] => None,
            [class, subject, detail] => Some(
                EnhancedCode::new(class, subject.into(), detail.into()).ok_or(
                    WriteReplyError::NotAnEnhancedCode {
                        class,
                        subject: subject.into(),
                        detail: detail.into(),
                    },
                )?,
            ),
        };
        ReplyBuf::from_parts(response.code, enhanced, lines)
    }
}

/// An smtp-proto `Response` for a reply: the code, the enhanced code as `esc` (`[0, 0, 0]`
/// without one) and the lines as written, after folding and without their enhanced code,
/// joined by `\n`: what smtp-proto's own parser makes of the reply's wire form. An enhanced
/// code whose subject or detail is above 255 does not fit `esc` and is an error.
///
/// smtp-proto's `Response::write` writes its message on one line, so write a reply of several
/// lines with the `ReplyBuf` itself.
///
/// ```
/// use smtp_codes::{enhanced_code, ReplyBuf, ReplyCode};
///
/// let reply = ReplyBuf::new(ReplyCode::MailboxUnavailable).enhanced(enhanced_code!("5.1.1")).line("no such user")?;
/// let response = smtp_proto::Response::<String>::try_from(&reply).unwrap();
/// assert_eq!((response.code, response.esc, response.message.as_str()), (550, [5, 1, 1], "no such user"));
/// # Ok::<(), smtp_codes::WriteReplyError>(())
/// ```
impl TryFrom<&ReplyBuf> for Response<String> {
    type Error = EnhancedCode;

    fn try_from(reply: &ReplyBuf) -> Result<Self, EnhancedCode> {
        let esc = match reply.enhanced_code() {
            None => [0, 0, 0],
            Some(code) => match (u8::try_from(code.subject()), u8::try_from(code.detail())) {
                (Ok(subject), Ok(detail)) => [code.class(), subject, detail],
                _ => return Err(code),
            },
        };
        let prefix = reply.enhanced_code().map(|code| code.to_string());
        let mut message = String::new();
        for (i, text) in reply.as_reply().lines().enumerate() {
            // The wire form is a `String` cut at line ends, so every line is UTF-8.
            let text = core::str::from_utf8(text).unwrap_or_default();
            let text = match &prefix {
                Some(p) => text.strip_prefix(p.as_str()).unwrap_or(text),
                None => text,
            };
            if i > 0 {
                message.push('\n');
            }
            message.push_str(text.strip_prefix(' ').unwrap_or(text));
        }
        Ok(Response::new(reply.code(), esc[0], esc[1], esc[2], message))
    }
}
