//! [`ReplyError`]: why bytes are not (yet) a reply, and where.

use core::fmt;

/// Why bytes are not (yet) a reply, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyError {
    pub(super) kind: ReplyErrorKind,
    pub(super) offset: usize,
    pub(super) line: usize,
}

/// What is wrong with a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplyErrorKind {
    /// The input ends inside a reply: read more and parse again.
    Incomplete,
    /// A byte of the code is wrong: a reply starts with three digits from 200 to 599.
    InvalidCode {
        /// The byte found.
        found: u8,
    },
    /// The code is followed by something other than `-`, a space or the line end.
    BadSeparator {
        /// The byte found.
        found: u8,
    },
    /// A line of a multi-line reply has another code than the first line.
    MismatchedCode {
        /// The first line's code.
        first: u16,
        /// This line's code.
        found: u16,
    },
    /// A line is longer than the parser's limit, code and line end included.
    LineTooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The reply has more lines than the parser's limit.
    TooManyLines {
        /// The limit.
        limit: usize,
    },
    /// The reply is larger than the parser's limit: its first `limit` bytes are not a whole
    /// reply. The offset is the limit, where the first byte too many would be.
    ReplyTooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// Input follows the line end of a line given to [`Reply::parse_line`](crate::Reply::parse_line), which reads one
    /// line; [`Reply::parse`](crate::Reply::parse) reads a reply of several lines. The offset is where it starts.
    TrailingInput,
}

impl ReplyError {
    /// The error for a reply larger than `limit` bytes, found in line `line`.
    pub(crate) const fn reply_too_long(limit: usize, line: usize) -> ReplyError {
        ReplyError {
            kind: ReplyErrorKind::ReplyTooLong { limit },
            offset: limit,
            line,
        }
    }

    /// `true` when the input ended inside a reply: read more bytes and parse again.
    #[must_use]
    pub const fn is_incomplete(&self) -> bool {
        matches!(self.kind, ReplyErrorKind::Incomplete)
    }

    /// What is wrong.
    #[must_use]
    pub const fn kind(&self) -> ReplyErrorKind {
        self.kind
    }

    /// The byte offset in the input where the problem is (for `Incomplete`, the input's end).
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The line of the reply, counting from 1, where the problem is.
    #[must_use]
    pub const fn line(&self) -> usize {
        self.line
    }
}

impl fmt::Display for ReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages count from 1, lines and bytes alike; `offset()` stays an index from 0.
        let (line, byte) = (self.line, self.offset + 1);
        match self.kind {
            ReplyErrorKind::Incomplete => write!(
                f,
                "incomplete reply: the input ends in line {line}, after {} bytes; read more and parse again",
                self.offset
            ),
            ReplyErrorKind::InvalidCode { found } => write!(
                f,
                "line {line}, byte {byte}: expected a reply code from 200 to 599, found '{}'",
                found.escape_ascii()
            ),
            ReplyErrorKind::BadSeparator { found } => write!(
                f,
                "line {line}, byte {byte}: expected '-', ' ' or the line end after the code, found '{}'",
                found.escape_ascii()
            ),
            ReplyErrorKind::MismatchedCode { first, found } => write!(
                f,
                "line {line}, byte {byte}: this line has code {found} but the reply started with {first}"
            ),
            ReplyErrorKind::LineTooLong { limit } => write!(
                f,
                "line {line}, byte {byte}: the line is longer than the limit of {limit} bytes"
            ),
            ReplyErrorKind::TooManyLines { limit } => write!(
                f,
                "line {line}, byte {byte}: the reply has more than the limit of {limit} lines"
            ),
            ReplyErrorKind::ReplyTooLong { limit } => write!(
                f,
                "line {line}, byte {byte}: the reply is larger than the limit of {limit} bytes"
            ),
            ReplyErrorKind::TrailingInput => write!(
                f,
                "line {line}, byte {byte}: more input follows the line end; give one line, or parse a whole reply with Reply::parse"
            ),
        }
    }
}

impl core::error::Error for ReplyError {}
