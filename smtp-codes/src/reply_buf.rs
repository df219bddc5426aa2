//! [`ReplyBuf`]: an owned reply that a server builds and writes, or a client keeps.

#[cfg(feature = "serde")]
mod serde_impls;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use crate::write::{self, Framer, Heads, WriteReplyError};
use crate::{EnhancedCode, Reply, ReplyCode, ReplyParser};

/// An owned reply: a code from 200 to 599 (in the table or not), an optional enhanced code and
/// lines of text, kept with its wire form, which is always correct.
///
/// The wire form follows the rules of [`write_reply`](crate::write_reply):
///
/// - CRLF line ends; `NNN-` on every line but the last, `NNN ` on the last;
/// - the enhanced code on every line, as RFC 2034 asks of servers that announce
///   `ENHANCEDSTATUSCODES`; its class must be the basic code's first digit;
/// - a line longer than RFC 5321's 512 octets (code, enhanced code and CRLF included) is
///   folded at the last space that fits, the space becoming the line break; a word too long
///   for a line is split, never truncated;
/// - control characters (CR, LF, NUL, DEL, escapes; not the tab) are refused with
///   [`WriteReplyError::ControlCharacter`], so text cannot end the reply early or inject a
///   second one. Any other UTF-8 is allowed, as SMTPUTF8 (RFC 6531) allows.
///
/// Without any line the text is the code's name (`250 OK`), or nothing for a code the table
/// does not know. Everything a parsed [`Reply`] answers, a `ReplyBuf` answers through
/// [`as_reply`](Self::as_reply), a view of its wire form.
///
/// ```
/// use smtp_codes::{enhanced_code, Disposition, ReplyBuf, ReplyCode};
///
/// let reply = ReplyBuf::new(ReplyCode::MailboxUnavailable)
///     .enhanced(enhanced_code!("5.1.1"))
///     .line("<bob@example.com>: no such user here")?
///     .line("see https://postmaster.example.net/")?;
/// assert_eq!(reply.to_string(),
///     "550-5.1.1 <bob@example.com>: no such user here\r\n550 5.1.1 see https://postmaster.example.net/\r\n");
/// assert_eq!(reply.as_reply().disposition(), Disposition::GiveUp);
///
/// assert_eq!(ReplyBuf::new(ReplyCode::Ok).to_string(), "250 OK\r\n");
/// assert!(ReplyBuf::new(ReplyCode::Ok).line("OK\r\n550 injected").is_err());
/// # Ok::<(), smtp_codes::WriteReplyError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ReplyBuf {
    code: u16,
    enhanced: Option<EnhancedCode>,
    /// The lines as given, before folding.
    lines: Vec<String>,
    /// The wire form of the lines so far.
    wire: String,
    /// Where the last given line's wire form starts, so that the next line rewrites only it.
    last_start: usize,
}

impl ReplyBuf {
    /// A reply with a code from the table, no enhanced code and, until a line is added, the
    /// code's name as its text.
    #[must_use]
    pub fn new(code: ReplyCode) -> Self {
        Self::build(code.code(), None, Vec::new())
    }

    /// A reply with any code from 200 to 599, also one the table does not know.
    ///
    /// ```
    /// use smtp_codes::{ReplyBuf, WriteReplyError};
    ///
    /// assert_eq!(ReplyBuf::with_code(299)?.line("fine")?.to_string(), "299 fine\r\n");
    /// assert_eq!(ReplyBuf::with_code(299)?.to_string(), "299\r\n");
    /// assert_eq!(ReplyBuf::with_code(600), Err(WriteReplyError::CodeOutOfRange { code: 600 }));
    /// # Ok::<(), WriteReplyError>(())
    /// ```
    pub fn with_code(code: u16) -> Result<Self, WriteReplyError> {
        write::check::<&str>(code, None, &[])?;
        Ok(Self::build(code, None, Vec::new()))
    }

    /// A reply from its parts, checked as the builder checks them: what serde and
    /// [`try_from_reply`](Self::try_from_reply) use.
    ///
    /// ```
    /// use smtp_codes::{EnhancedCode, ReplyBuf};
    ///
    /// let reply = ReplyBuf::from_parts(451, EnhancedCode::new(4, 7, 1), vec!["try later".into()])?;
    /// assert_eq!(reply.to_string(), "451 4.7.1 try later\r\n");
    /// # Ok::<(), smtp_codes::WriteReplyError>(())
    /// ```
    pub fn from_parts(
        code: u16,
        enhanced: Option<EnhancedCode>,
        lines: Vec<String>,
    ) -> Result<Self, WriteReplyError> {
        write::check(code, enhanced, &lines)?;
        Ok(Self::build(code, enhanced, lines))
    }

    /// Sets the enhanced code, written on every line, to be checked by the next call: a
    /// [`PendingReply`]'s [`line`](PendingReply::line) or [`build`](PendingReply::build)
    /// gives the reply, or [`WriteReplyError::ClassMismatch`] when the code's class is not
    /// the basic code's first digit (a `250` with `5.1.1`). So a chain of builder calls ends
    /// in one `?`, and no chain can end with the enhanced code silently dropped.
    /// [`try_enhanced`](Self::try_enhanced) checks at once.
    ///
    /// ```
    /// use smtp_codes::{enhanced_code, ReplyBuf, ReplyCode, WriteReplyError};
    ///
    /// let reply = ReplyBuf::new(ReplyCode::Ok).enhanced(enhanced_code!("2.1.5")).build()?;
    /// assert_eq!(reply.to_string(), "250 2.1.5 OK\r\n");
    ///
    /// let err = ReplyBuf::new(ReplyCode::Ok).enhanced(enhanced_code!("5.1.1")).build().unwrap_err();
    /// assert!(matches!(err, WriteReplyError::ClassMismatch { code: 250, .. }));
    /// # Ok::<(), WriteReplyError>(())
    /// ```
    pub fn enhanced(self, code: EnhancedCode) -> PendingReply {
        PendingReply {
            result: self.try_enhanced(code).map_err(|(_, err)| err),
        }
    }

    /// Sets the enhanced code, or gives the reply back unchanged with the error when its class
    /// disagrees with the basic code.
    ///
    /// ```
    /// use smtp_codes::{enhanced_code, ReplyBuf, ReplyCode, WriteReplyError};
    ///
    /// let (reply, err) = ReplyBuf::new(ReplyCode::Ok).try_enhanced(enhanced_code!("5.1.1")).unwrap_err();
    /// assert!(matches!(err, WriteReplyError::ClassMismatch { code: 250, .. }));
    /// assert_eq!(reply.to_string(), "250 OK\r\n");
    /// ```
    pub fn try_enhanced(self, code: EnhancedCode) -> Result<Self, (Self, WriteReplyError)> {
        if !code.agrees_with(self.code) {
            let err = WriteReplyError::ClassMismatch {
                code: self.code,
                enhanced: code,
            };
            return Err((self, err));
        }
        Ok(Self::build(self.code, Some(code), self.lines))
    }

    /// Adds a line of text, or refuses it when it holds a control character.
    pub fn line(mut self, text: impl Into<String>) -> Result<Self, WriteReplyError> {
        let text = text.into();
        write::check_text(self.lines.len(), &text)?;
        let mut heads = Heads::default();
        // One or two lines are written: the apart form costs less.
        let framer = Framer::new(self.code, self.enhanced, false, &mut heads);
        // Only the previous last line changes: its `NNN ` becomes `NNN-`.
        self.wire.truncate(self.last_start);
        if let Some(previous) = self.lines.last() {
            write_infallibly(&framer, &mut self.wire, previous, false);
        }
        self.last_start = self.wire.len();
        write_infallibly(&framer, &mut self.wire, &text, true);
        self.lines.push(text);
        Ok(self)
    }

    /// A copy of a parsed reply that keeps its text exactly, or the error for the first text
    /// a `ReplyBuf` would refuse: a control character, or bytes that are not UTF-8
    /// ([`WriteReplyError::NotUtf8`]). The enhanced code, if any, stays part of the text, so
    /// the copy writes the same lines back, with CRLF line ends.
    ///
    /// ```
    /// use smtp_codes::{Reply, ReplyBuf};
    ///
    /// let (reply, _) = Reply::parse(b"250-mail.test\n250 SIZE 1000\n")?;
    /// let copy = ReplyBuf::try_from_reply(reply).unwrap();
    /// assert_eq!(copy.to_string(), "250-mail.test\r\n250 SIZE 1000\r\n");
    /// assert_eq!(copy.as_reply(), reply);
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn try_from_reply(reply: Reply<'_>) -> Result<Self, WriteReplyError> {
        let mut lines = Vec::with_capacity(reply.line_count());
        for (line, text) in reply.lines().enumerate() {
            let text = core::str::from_utf8(text).map_err(|err| WriteReplyError::NotUtf8 {
                line,
                offset: err.valid_up_to(),
            })?;
            lines.push(String::from(text));
        }
        Self::from_parts(reply.code(), None, lines)
    }

    /// The basic code.
    #[must_use]
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The enhanced code set with [`enhanced`](Self::enhanced), if any. (The [`Reply`] view
    /// reads one from the text too, as a client would.)
    #[must_use]
    pub fn enhanced_code(&self) -> Option<EnhancedCode> {
        self.enhanced
    }

    /// The lines as given, before folding; empty when the text is the code's name.
    #[must_use]
    pub fn texts(&self) -> &[String] {
        &self.lines
    }

    /// The wire form, CRLF line ends included.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.wire
    }

    /// The reply as a parsed [`Reply`] over its wire form, for everything a `Reply` answers:
    /// code, category, enhanced code, disposition and the lines as written (after folding).
    #[must_use]
    pub fn as_reply(&self) -> Reply<'_> {
        // No limit but the RFC's line length, which the folding keeps to.
        let parser = ReplyParser::strict()
            .max_lines(usize::MAX)
            .max_reply_len(usize::MAX);
        match parser.parse(self.wire.as_bytes()) {
            Ok((reply, _)) => reply,
            // The wire form is made by the writer, whose output always parses (the property
            // test in tests/ checks it); this is a bug in this crate, not bad input.
            Err(err) => unreachable!("ReplyBuf wrote a reply that does not parse: {err}"),
        }
    }

    /// The wire form for checked parts.
    fn build(code: u16, enhanced: Option<EnhancedCode>, lines: Vec<String>) -> Self {
        let mut heads = Heads::default();
        let framer = Framer::new(code, enhanced, lines.len() > 1, &mut heads);
        let mut wire = String::new();
        let mut last_start = 0;
        match lines.split_last() {
            None => {
                // The table's names are plain ASCII words; `tests/` checks that each passes
                // the writer's checks.
                let name = ReplyCode::from_u16(code).map_or("", |c| c.name());
                write_infallibly(&framer, &mut wire, name, true);
            }
            Some((last, rest)) => {
                for text in rest {
                    write_infallibly(&framer, &mut wire, text, false);
                }
                last_start = wire.len();
                write_infallibly(&framer, &mut wire, last, true);
            }
        }
        ReplyBuf {
            code,
            enhanced,
            lines,
            wire,
            last_start,
        }
    }
}

/// A [`ReplyBuf`] with an enhanced code still to be checked, from
/// [`ReplyBuf::enhanced`]: the next [`line`](Self::line) or [`build`](Self::build) gives the
/// reply or the error.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a pending reply is nothing until `line` or `build` gives the ReplyBuf, or the error"]
pub struct PendingReply {
    result: Result<ReplyBuf, WriteReplyError>,
}

impl PendingReply {
    /// The reply with one more line of text, or the error: a class that disagrees with the
    /// basic code, or a control character in the text.
    pub fn line(self, text: impl Into<String>) -> Result<ReplyBuf, WriteReplyError> {
        self.result?.line(text)
    }

    /// The reply as it is, or the error for an enhanced code whose class disagrees with the
    /// basic code.
    pub fn build(self) -> Result<ReplyBuf, WriteReplyError> {
        self.result
    }
}

/// Writing to a `String` cannot fail.
fn write_infallibly(framer: &Framer<'_>, wire: &mut String, text: &str, last: bool) {
    let _ = framer.line(wire, text, last);
    debug_assert!(wire.ends_with("\r\n"));
}

/// A copy of a parsed reply that writes the same reply back, with CRLF line ends. What a
/// `ReplyBuf` cannot hold is replaced by U+FFFD, as [`Reply`]'s `Display` shows it: bytes
/// that are not UTF-8, and control characters (a bare CR or a NUL inside a line), which would
/// break the framing if written back. [`ReplyBuf::try_from_reply`] refuses them instead.
///
/// ```
/// use smtp_codes::{Reply, ReplyBuf};
///
/// let (reply, _) = Reply::parse(b"550 5.1.1 no such user\r\n")?;
/// let copy = ReplyBuf::from(reply);
/// assert_eq!(copy.to_string(), "550 5.1.1 no such user\r\n");
/// assert_eq!(copy.as_reply().enhanced(), reply.enhanced());
///
/// let (odd, _) = Reply::parse(b"250 a\rb\xff\r\n")?;
/// assert_eq!(ReplyBuf::from(odd).to_string(), "250 a\u{FFFD}b\u{FFFD}\r\n");
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
impl From<Reply<'_>> for ReplyBuf {
    fn from(reply: Reply<'_>) -> Self {
        let lines = reply
            .lines_lossy()
            .map(|text| {
                let mut line = String::new();
                let _ = write!(line, "{text}");
                line.chars()
                    .map(|c| {
                        if c.is_control() && c != '\t' {
                            char::REPLACEMENT_CHARACTER
                        } else {
                            c
                        }
                    })
                    .collect()
            })
            .collect();
        // The parser only makes replies with codes from 200 to 599, and no control character
        // is left, so the check passes; the fallback is never taken.
        Self::from_parts(reply.code(), None, lines)
            .unwrap_or_else(|_| Self::build(reply.code(), None, Vec::new()))
    }
}

/// Writes the wire form, CRLF line ends included.
impl fmt::Display for ReplyBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.wire)
    }
}

impl fmt::Debug for ReplyBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReplyBuf")
            .field("code", &self.code)
            .field("enhanced", &self.enhanced)
            .field("lines", &self.lines)
            .finish()
    }
}
