//! [`ReplyFailure`]: the owned error an SMTP client returns when a server refuses a command.

use core::fmt;

use crate::{Command, Disposition, ReplyBuf};

/// A server's refusal, kept whole: the reply it sent and the command it answered, if known.
///
/// A parsed [`Reply`](crate::Reply) borrows the client's read buffer, so it cannot travel in
/// an error; this carries an owned copy ([`ReplyBuf`]) instead. Its message shows the reply,
/// since the code alone rarely says enough:
///
/// ```
/// use smtp_codes::{Command, Disposition, Reply, ReplyBuf, ReplyFailure};
///
/// let (reply, _) = Reply::parse(b"550 5.1.1 <bob@example.com>: no such user\r\n")?;
/// let err = ReplyFailure::new(ReplyBuf::from(reply), Some(Command::Rcpt));
/// assert_eq!(err.to_string(), "server answered RCPT with 550 5.1.1 <bob@example.com>: no such user");
/// assert_eq!(err.disposition(), Disposition::GiveUp);
/// let boxed: Box<dyn core::error::Error> = Box::new(err);
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReplyFailure {
    reply: ReplyBuf,
    command: Option<Command>,
}

impl ReplyFailure {
    /// The error for `reply`, sent in answer to `command` when the client knows which.
    #[must_use]
    pub fn new(reply: ReplyBuf, command: Option<Command>) -> Self {
        ReplyFailure { reply, command }
    }

    /// The server's whole reply.
    #[must_use]
    pub fn reply(&self) -> &ReplyBuf {
        &self.reply
    }

    /// The reply, taken out of the error.
    #[must_use]
    pub fn into_reply(self) -> ReplyBuf {
        self.reply
    }

    /// The command the reply answered, if known.
    #[must_use]
    pub fn command(&self) -> Option<Command> {
        self.command
    }

    /// What the client should do: the reply's [`Disposition`].
    #[must_use]
    pub fn disposition(&self) -> Disposition {
        self.reply.as_reply().disposition()
    }
}

/// `server answered RCPT with 550 5.1.1 <bob@example.com>: no such user`: the code, the
/// enhanced code once, and the text of every line, joined by spaces.
impl fmt::Display for ReplyFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reply = self.reply.as_reply();
        match self.command {
            Some(command) => write!(f, "server answered {command} with {}", reply.code())?,
            None => write!(f, "server answered with {}", reply.code())?,
        }
        // The enhanced code starts every line of the wire form; show it once.
        let enhanced = reply.enhanced();
        if let Some(code) = enhanced {
            write!(f, " {code}")?;
        }
        for text in reply.lines() {
            // The wire form is a `String` cut at line ends, so every line is UTF-8.
            let text = core::str::from_utf8(text).unwrap_or_default();
            let text = match enhanced {
                Some(code) => strip_enhanced(text, code),
                None => text,
            };
            if !text.is_empty() {
                write!(f, " {text}")?;
            }
        }
        Ok(())
    }
}

/// `text` without the enhanced code and the space that start it, when they do.
fn strip_enhanced(text: &str, code: crate::EnhancedCode) -> &str {
    match crate::EnhancedCode::parse_prefix(text) {
        Some((found, rest)) if found == code => rest.strip_prefix(' ').unwrap_or(rest),
        _ => text,
    }
}

impl core::error::Error for ReplyFailure {}

impl From<ReplyBuf> for ReplyFailure {
    fn from(reply: ReplyBuf) -> Self {
        ReplyFailure::new(reply, None)
    }
}
