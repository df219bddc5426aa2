//! Parsing server replies from the wire: [`Reply`] and its accessors, with the parts in
//! modules of their own: the line iterator ([`Lines`]), the newline search, the parser and its
//! limits ([`ReplyParser`]), and the errors ([`ReplyError`]).

mod error;
mod lines;
mod newline;
mod parser;

use core::fmt;

use crate::{Category, EnhancedCode, ReplyCode};

pub use error::{ReplyError, ReplyErrorKind};
pub use lines::{Lines, Lossy};
pub(crate) use parser::Progress;
pub use parser::ReplyParser;

/// One complete server reply (RFC 5321 section 4.2): one or more lines that share a three-digit
/// code, every line but the last written `NNN-text`, the last `NNN text` or a bare `NNN`.
///
/// A `Reply` borrows the bytes it was parsed from and never allocates. Lines may end in CRLF or,
/// as real clients accept, a bare LF. The text of each line is kept exactly as sent, whatever
/// the bytes; [`lines_lossy`](Self::lines_lossy) gives a UTF-8 view.
///
/// ```
/// use smtp_codes::{Category, Disposition, Reply, ReplyCode};
///
/// let input = b"250-mail.test greets client.test\r\n250-SIZE 10240000\r\n250 STARTTLS\r\n354 more";
/// let (reply, used) = Reply::parse(input)?;
/// assert_eq!(used, 67); // the bytes of this reply; "354 more" is the start of the next one
/// assert_eq!(reply.code(), 250);
/// assert_eq!(reply.reply_code(), Some(ReplyCode::Ok));
/// assert!(reply.is_multiline());
/// let lines: Vec<&[u8]> = reply.lines().collect();
/// assert_eq!(lines, [&b"mail.test greets client.test"[..], b"SIZE 10240000", b"STARTTLS"]);
/// assert_eq!(reply.disposition(), Disposition::Success);
///
/// // The rest is not a whole reply yet: read more bytes and try again.
/// assert!(Reply::parse(&input[used..]).unwrap_err().is_incomplete());
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Reply<'a> {
    /// The reply as received, line ends included; it starts with the code, which is read from
    /// it when asked for, and ends in `\n` unless it is a line read by
    /// [`parse_line`](Reply::parse_line) without its line end.
    bytes: &'a [u8],
    /// At most [`ReplyParser::max_lines`], which fits in 32 bits.
    lines: u32,
    /// The lengths of the first lines, line ends included, one per byte from the lowest, found
    /// while parsing so that reading the lines need not search the bytes again; 0 where a
    /// line was longer than 255 bytes or came after the eighth.
    lens: LineLens,
}

/// Line lengths packed one per byte; see [`Reply`].
type LineLens = u64;

impl<'a> Reply<'a> {
    /// Parses one complete reply from the start of `input` with the default limits
    /// ([`ReplyParser::new`]). Returns the reply and the number of bytes it took; what follows
    /// is left for the next call. Input that ends inside a reply is an error for which
    /// [`ReplyError::is_incomplete`] is `true`.
    #[inline]
    pub fn parse(input: &'a [u8]) -> Result<(Reply<'a>, usize), ReplyError> {
        ReplyParser::new().parse(input)
    }

    /// Parses one reply line on its own, as logs, bounce messages and the `Diagnostic-Code:
    /// smtp; ...` field of a delivery status notification (RFC 3464) carry it: `NNN`,
    /// `NNN text`, or `NNN-text` (a line of a multi-line reply, read as a reply of one line),
    /// with its line end (CRLF or LF) or without; with the default limits
    /// ([`ReplyParser::parse_line`] takes others).
    ///
    /// The code and separator follow the rules of [`parse`](Self::parse); without a line end
    /// the text runs to the end of `line`, kept exactly, so a CR at the end is text, not half a
    /// line end. Input after the line end is a
    /// [`TrailingInput`](ReplyErrorKind::TrailingInput) error, and a line that ends inside
    /// its code, such as `"25"`, is [`Incomplete`](ReplyErrorKind::Incomplete).
    ///
    /// ```
    /// use smtp_codes::{Reply, ReplyErrorKind};
    ///
    /// let reply = Reply::parse_line(b"550 5.7.26 Unauthenticated email is not accepted")?;
    /// assert_eq!(reply.code(), 550);
    /// assert_eq!(reply.enhanced().map(|e| e.to_string()).as_deref(), Some("5.7.26"));
    /// assert_eq!(reply.lines().next(), Some(&b"5.7.26 Unauthenticated email is not accepted"[..]));
    ///
    /// // A line of a multi-line reply, and a line with its line end, read on their own.
    /// assert_eq!(Reply::parse_line(b"250-SIZE 10240000")?.lines().next(), Some(&b"SIZE 10240000"[..]));
    /// assert_eq!(Reply::parse_line(b"221 Bye\r\n")?.lines().next(), Some(&b"Bye"[..]));
    ///
    /// let err = Reply::parse_line(b"250-a\r\n250 b\r\n").unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (ReplyErrorKind::TrailingInput, 7));
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    #[inline]
    pub fn parse_line(line: &'a [u8]) -> Result<Reply<'a>, ReplyError> {
        ReplyParser::new().parse_line(line)
    }

    /// The three-digit code, also for codes the table does not know.
    #[must_use]
    pub const fn code(&self) -> u16 {
        match self.bytes {
            [a, b, c, ..] => parser::code_of(*a, *b, *c),
            // The parser only makes replies that start with a code.
            _ => 0,
        }
    }

    /// The code as a [`ReplyCode`], or `None` when the table does not know it.
    #[must_use]
    pub const fn reply_code(&self) -> Option<ReplyCode> {
        ReplyCode::from_u16(self.code())
    }

    /// The category given by the first digit.
    #[must_use]
    pub const fn category(&self) -> Category {
        match Category::from_code(self.code()) {
            Some(category) => category,
            // The parser only accepts codes from 200 to 599, which all have a category.
            None => Category::PermanentNegative,
        }
    }

    /// The enhanced status code (RFC 2034, RFC 3463) that starts the text of the first line,
    /// such as `5.1.1` in `550 5.1.1 User unknown` or `5.7.26` in `550 5.7.26 ...`, if there
    /// is a well-formed one; it is read as [`EnhancedCode::parse_prefix`] reads it.
    #[must_use]
    pub fn enhanced(&self) -> Option<EnhancedCode> {
        let text = self.lines().next()?;
        EnhancedCode::prefix_of(text).map(|(code, _)| code)
    }

    /// `Some(true)` when the reply carries an enhanced code of the same class as its basic code,
    /// `Some(false)` when the classes differ (RFC 3463 requires them to match), `None` without
    /// an enhanced code.
    #[must_use]
    pub fn enhanced_agrees(&self) -> Option<bool> {
        self.enhanced().map(|e| e.agrees_with(self.code()))
    }

    /// What a client should do about this reply; see [`Disposition`](crate::Disposition) for
    /// the rule.
    #[must_use]
    pub fn disposition(&self) -> crate::Disposition {
        crate::Disposition::decide(self.category(), self.code(), self.enhanced())
    }

    /// The text of each line after `NNN-` or `NNN `, without the line end. A bare `NNN` line has
    /// empty text.
    pub fn lines(&self) -> Lines<'a> {
        Lines {
            rest: self.bytes,
            left: self.lines,
            lens: self.lens,
        }
    }

    /// The lines as text, with invalid UTF-8 shown as U+FFFD.
    pub fn lines_lossy(&self) -> impl Iterator<Item = Lossy<'a>> + 'a {
        self.lines().map(Lossy)
    }

    /// How many lines the reply has.
    #[must_use]
    pub const fn line_count(&self) -> usize {
        self.lines as usize
    }

    /// `true` when the reply has more than one line.
    #[must_use]
    pub const fn is_multiline(&self) -> bool {
        self.lines > 1
    }

    /// The reply exactly as received, line ends included.
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }
}

/// Two replies are equal when they have the same code and the same line texts; how the lines
/// ended (CRLF or LF, bare `NNN` or `NNN `) does not matter.
impl PartialEq for Reply<'_> {
    fn eq(&self, other: &Reply<'_>) -> bool {
        self.code() == other.code() && self.lines == other.lines && self.lines().eq(other.lines())
    }
}

impl Eq for Reply<'_> {}

impl fmt::Debug for Reply<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reply")
            .field("code", &self.code())
            .field("lines", &DebugLines(*self))
            .finish()
    }
}

struct DebugLines<'a>(Reply<'a>);

impl fmt::Debug for DebugLines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.lines_lossy()).finish()
    }
}

/// Writes the reply in wire form with CRLF line ends: `NNN-text` for every line but the last,
/// `NNN text` for the last (a bare `NNN` when its text is empty). Text that is not UTF-8 is
/// written with U+FFFD in place of the invalid bytes; use [`Reply::as_bytes`] for the exact
/// bytes.
impl fmt::Display for Reply<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = self.line_count() - 1;
        for (i, text) in self.lines().enumerate() {
            if i == last && text.is_empty() {
                write!(f, "{}\r\n", self.code())?;
            } else {
                let separator = if i == last { ' ' } else { '-' };
                write!(f, "{}{separator}{}\r\n", self.code(), Lossy(text))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;
    use std::vec::Vec;

    fn parse(input: &[u8]) -> Result<(Reply<'_>, usize), ReplyError> {
        Reply::parse(input)
    }

    fn texts<'a>(reply: &Reply<'a>) -> Vec<&'a [u8]> {
        reply.lines().collect()
    }

    #[test]
    fn one_line_forms() {
        for (wire, text) in [
            (&b"250 OK\r\n"[..], &b"OK"[..]),
            (b"250 OK\n", b"OK"),
            (b"250\r\n", b""),
            (b"250\n", b""),
            (b"250 \r\n", b""),
            (b"250  two  spaces \r\n", b" two  spaces "),
            (b"250 a\rb\r\n", b"a\rb"),
            (b"250 caf\xc3\xa9 \xff\r\n", b"caf\xc3\xa9 \xff"),
        ] {
            let (reply, used) = parse(wire).unwrap();
            assert_eq!(used, wire.len());
            assert_eq!(reply.code(), 250);
            assert_eq!(texts(&reply), [text]);
            assert!(!reply.is_multiline());
            assert_eq!(reply.as_bytes(), wire);
        }
    }

    #[test]
    fn multi_line_replies_stop_at_the_last_line() {
        let wire = b"250-first\r\n250-\r\n250 last\r\n221 next\r\n";
        let (reply, used) = parse(wire).unwrap();
        assert_eq!(used, 27);
        assert_eq!(texts(&reply), [&b"first"[..], b"", b"last"]);
        assert_eq!(reply.line_count(), 3);
        let (next, _) = parse(&wire[used..]).unwrap();
        assert_eq!(next.code(), 221);
    }

    #[test]
    fn enhanced_code_comes_from_the_first_line() {
        let enhanced = |wire: &[u8]| parse(wire).unwrap().0.enhanced().map(|e| e.to_string());
        assert_eq!(
            enhanced(b"550 5.1.1 User unknown\r\n").as_deref(),
            Some("5.1.1")
        );
        assert_eq!(
            enhanced(b"250-2.0.0 a\r\n250 2.0.0 b\r\n").as_deref(),
            Some("2.0.0")
        );
        assert_eq!(enhanced(b"451 4.7.1\r\n").as_deref(), Some("4.7.1"));
        assert_eq!(enhanced(b"220 mail.test ESMTP\r\n"), None);
        assert_eq!(enhanced(b"250 1.2.3.4 is your address\r\n"), None);
        assert_eq!(enhanced(b"250\r\n"), None);
        let (reply, _) = parse(b"550 4.7.1 contradictory\r\n").unwrap();
        assert_eq!(reply.enhanced_agrees(), Some(false));
    }

    #[test]
    fn display_writes_wire_form_that_parses_back() {
        for wire in [
            &b"250 OK\n"[..],
            b"250\r\n",
            b"250-a\n250-\n250 c\n",
            b"354 End data with <CR><LF>.<CR><LF>\r\n",
        ] {
            let (reply, _) = parse(wire).unwrap();
            let shown = reply.to_string();
            assert!(shown.ends_with("\r\n"));
            let (again, used) = parse(shown.as_bytes()).unwrap();
            assert_eq!(used, shown.len());
            assert_eq!(again, reply);
        }
        let (reply, _) = parse(b"250-a\n250 \n").unwrap();
        assert_eq!(reply.to_string(), "250-a\r\n250\r\n");
        let (reply, _) = parse(b"250 caf\xff\r\n").unwrap();
        assert_eq!(reply.to_string(), "250 caf\u{FFFD}\r\n");
    }
}
