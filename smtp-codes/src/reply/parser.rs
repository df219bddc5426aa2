//! [`ReplyParser`]: the limits a reply must keep to, and the parser that applies them.

use super::error::{ReplyError, ReplyErrorKind};
use super::newline::{BLOCK, block_mask, find_newline};
use super::{LineLens, Reply};

/// How far an attempt to parse a reply got before its input ran out, so that an attempt on
/// more of the same input goes on from there: the line it stopped in, the line lengths
/// remembered so far, and where the search for that line's end is to go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Where the line starts.
    pos: usize,
    /// Its number, from 1.
    lines: u32,
    /// The lengths of the lines before it, as in [`Reply`].
    lens: LineLens,
    /// The line has no newline before this offset, at least `pos`.
    base: usize,
}

impl Progress {
    /// Nothing read yet.
    pub(crate) const START: Progress = Progress {
        pos: 0,
        lines: 1,
        lens: 0,
        base: 0,
    };

    /// How many bytes the attempts so far have read, for the tests: each byte of a reply fed
    /// in many pieces should be read once, not once per piece.
    #[cfg(test)]
    pub(crate) const fn searched(&self) -> usize {
        self.base
    }
}

/// `true` when three bytes are a reply code: a digit from 2 to 5, then two digits.
#[inline(always)]
pub(super) fn is_code(a: u8, b: u8, c: u8) -> bool {
    (b'2'..=b'5').contains(&a) & b.is_ascii_digit() & c.is_ascii_digit()
}

/// The number written by three ASCII digits.
#[inline(always)]
pub(super) const fn code_of(a: u8, b: u8, c: u8) -> u16 {
    (a.wrapping_sub(b'0') as u16) * 100
        + (b.wrapping_sub(b'0') as u16) * 10
        + c.wrapping_sub(b'0') as u16
}

/// The four bytes at `pos` (a line's code and separator) as a little-endian word.
#[inline(always)]
fn line_head(input: &[u8], pos: usize) -> Option<u32> {
    match input.get(pos..pos + 4) {
        Some(&[a, b, c, d]) => Some(u32::from_le_bytes([a, b, c, d])),
        _ => None,
    }
}

/// The limits a reply must stay within, and the parser that applies them.
///
/// RFC 5321 section 4.5.3.1.5 caps a reply line at 512 octets, code and CRLF included, but real
/// servers send longer ones (long EHLO lines, verbose rejections), and Python's `smtplib` reads
/// lines of up to 8192 bytes. The default accepts what `smtplib` accepts, while still bounding
/// how much of the input one reply may hold; [`strict`](Self::strict) applies the RFC's 512.
///
/// ```
/// use smtp_codes::{ReplyErrorKind, ReplyParser};
///
/// let long = [&b"250 "[..], &[b'x'; 600], b"\r\n"].concat();
/// assert!(ReplyParser::new().parse(&long).is_ok());
/// let err = ReplyParser::strict().parse(&long).unwrap_err();
/// assert_eq!(err.kind(), ReplyErrorKind::LineTooLong { limit: 512 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyParser {
    max_line_len: usize,
    max_lines: usize,
    max_reply_len: usize,
}

impl Default for ReplyParser {
    fn default() -> Self {
        ReplyParser::new()
    }
}

impl ReplyParser {
    /// The default longest line, code and line end included: `smtplib`'s limit.
    pub const DEFAULT_MAX_LINE_LEN: usize = 8192;
    /// The default greatest number of lines in one reply.
    pub const DEFAULT_MAX_LINES: usize = 512;
    /// The default greatest size of one reply, in bytes.
    pub const DEFAULT_MAX_REPLY_LEN: usize = 64 * 1024;
    /// RFC 5321's longest reply line, code and CRLF included.
    pub const RFC_MAX_LINE_LEN: usize = 512;

    /// A parser with the default limits.
    #[must_use]
    pub const fn new() -> Self {
        ReplyParser {
            max_line_len: Self::DEFAULT_MAX_LINE_LEN,
            max_lines: Self::DEFAULT_MAX_LINES,
            max_reply_len: Self::DEFAULT_MAX_REPLY_LEN,
        }
    }

    /// A parser that holds servers to RFC 5321's 512-octet reply lines.
    #[must_use]
    pub const fn strict() -> Self {
        Self::new().max_line_len(Self::RFC_MAX_LINE_LEN)
    }

    /// Sets the longest line accepted, in bytes, code and line end included (at least 4).
    #[must_use]
    pub const fn max_line_len(mut self, bytes: usize) -> Self {
        self.max_line_len = if bytes < 4 { 4 } else { bytes };
        self
    }

    /// Sets the greatest number of lines in one reply (at least 1, at most `u32::MAX`).
    #[must_use]
    pub const fn max_lines(mut self, lines: usize) -> Self {
        self.max_lines = if lines < 1 {
            1
        } else if lines > u32::MAX as usize {
            u32::MAX as usize
        } else {
            lines
        };
        self
    }

    /// Sets the greatest size of one reply, in bytes (at least 4).
    #[must_use]
    pub const fn max_reply_len(mut self, bytes: usize) -> Self {
        self.max_reply_len = if bytes < 4 { 4 } else { bytes };
        self
    }

    /// The longest line accepted.
    #[must_use]
    pub const fn line_limit(&self) -> usize {
        self.max_line_len
    }

    /// The greatest size of one reply.
    #[must_use]
    pub const fn reply_limit(&self) -> usize {
        self.max_reply_len
    }

    /// Parses one complete reply from the start of `input`; see [`Reply::parse`].
    ///
    /// Only the first [`reply_limit`](Self::reply_limit) bytes of `input` are read: a reply
    /// that is neither complete nor found wrong within them is
    /// [`ReplyTooLong`](ReplyErrorKind::ReplyTooLong), whatever follows. So the result never
    /// depends on bytes that a [`ReplyReader`](crate::ReplyReader) with a buffer of that size
    /// could not hold, and reading a stream gives the same results as parsing it whole.
    // Inlined into the caller, the limits are usually constants and the result need not go
    // through memory; `scripts/bench` shows the difference most on one-line replies.
    #[inline(always)]
    pub fn parse<'a>(&self, input: &'a [u8]) -> Result<(Reply<'a>, usize), ReplyError> {
        let mut progress = Progress::START;
        self.resume(input, &mut progress)
    }

    /// [`parse`](Self::parse), going on from where an attempt on a shorter start of the same
    /// input stopped as `Incomplete`, as `progress` records; it records where this attempt
    /// stops, so that a reader fed a byte at a time reads each byte once, not once per feed.
    #[inline(always)]
    pub(crate) fn resume<'a>(
        &self,
        input: &'a [u8],
        progress: &mut Progress,
    ) -> Result<(Reply<'a>, usize), ReplyError> {
        // Nothing past the reply limit decides anything (see `parse`); it also means that no
        // reply found below can be larger than the limit.
        let input = input.get(..self.max_reply_len).unwrap_or(input);
        // The first line's code; every later line must repeat its three bytes. Anything
        // unusual goes to `code_error` or `separator_error`, which find the exact problem.
        let Some(head) = line_head(input, 0) else {
            return Err(self.short_input(input));
        };
        let [a, b, c, _] = head.to_le_bytes();
        if !is_code(a, b, c) {
            return Err(self.code_error(input, 0, 1, None));
        }
        let first = head & 0x00ff_ffff;
        // Where the current line starts, and its number from 1; the lengths remembered so
        // far; where the search for the line's end goes on (see `newlines`).
        let Progress {
            mut pos,
            mut lines,
            mut lens,
            mut base,
        } = *progress;
        let mut separator = if pos == 0 {
            (head >> 24) as u8
        } else {
            // Resumed at a later line, whose code is still to be checked.
            self.next_head(input, pos, first, lines)?
        };
        // The newlines of the input are read a block at a time, whatever the lines: `newlines`
        // holds one bit for each newline from `pos` to the end of the block at `base`. So
        // finding a line's end does not wait for the line before, and each bit is used once.
        let mut newlines = block_mask(input, base);
        let end = loop {
            let last = if separator == b'-' {
                false
            } else if separator == b' ' {
                true
            } else if separator == b'\n' {
                // A bare code ends the reply, its line end right after it.
                break pos + 4;
            } else if separator == b'\r' && input.get(pos + 4).is_none_or(|&b| b == b'\n') {
                // `NNN\r\n`, or its start: the line end is found, or waited for, and held to
                // the limit like any other.
                true
            } else {
                return Err(self.separator_error(input, pos, lines));
            };
            // The line's code and separator are no newlines, so the lowest bit is its end.
            while newlines == 0 {
                base += BLOCK;
                if (base >= input.len()) | (base - pos >= self.max_line_len) {
                    // No line end up to the input's end: a later attempt searches on from there.
                    *progress = Progress {
                        pos,
                        lines,
                        lens,
                        base: input.len(),
                    };
                    return Err(self.no_line_end(input, pos, lines));
                }
                newlines = block_mask(input, base);
            }
            let newline = base + newlines.trailing_zeros() as usize;
            newlines &= newlines - 1;
            let next = newline + 1;
            if next - pos > self.max_line_len {
                return Err(self.no_line_end(input, pos, lines));
            }
            if last {
                break next;
            }
            if lines as usize >= self.max_lines {
                return Err(self.too_many_lines(next, lines));
            }
            // Remembered if it fits in its byte; a shift past the word's end remembers nothing.
            let len = next - pos;
            let len = if len <= 0xff { len as LineLens } else { 0 };
            lens |= len.checked_shl(8 * (lines - 1)).unwrap_or(0);
            pos = next;
            lines += 1;
            separator = match self.next_head(input, pos, first, lines) {
                Ok(separator) => separator,
                Err(err) => {
                    // Perhaps only too short yet: a later attempt starts with this line.
                    *progress = Progress {
                        pos,
                        lines,
                        lens,
                        base: pos,
                    };
                    return Err(err);
                }
            };
        };
        let reply = Reply {
            bytes: &input[..end],
            lines,
            lens,
        };
        Ok((reply, end))
    }

    /// The separator of the line at `pos`, line number `lines`, whose code must be the first
    /// line's, `first`; else the error, or `Incomplete` while the code may still be right.
    #[inline(always)]
    fn next_head(
        &self,
        input: &[u8],
        pos: usize,
        first: u32,
        lines: u32,
    ) -> Result<u8, ReplyError> {
        let line = lines as usize;
        match line_head(input, pos) {
            Some(head) if head & 0x00ff_ffff == first => Ok((head >> 24) as u8),
            Some(_) => Err(self.code_error(input, pos, line, Some(first))),
            // Fewer than four bytes: the code may still be right, waiting for more.
            None => Err(match input.get(pos..) {
                Some(rest) if first.to_le_bytes().starts_with(rest) => self.incomplete(input, line),
                _ => self.code_error(input, pos, line, Some(first)),
            }),
        }
    }

    /// Parses one reply line on its own; see [`Reply::parse_line`]. The limits apply as in
    /// [`parse`](Self::parse), to the line's bytes as given.
    pub fn parse_line<'a>(&self, line: &'a [u8]) -> Result<Reply<'a>, ReplyError> {
        let (body, after) = match find_newline(line) {
            Some(newline) => line.split_at(newline + 1),
            None => (line, &[][..]),
        };
        let reply = if body.last() == Some(&b'\n') {
            // A whole line, which `parse` reads as it reads any first line; allowed one line,
            // it reports a line that announces more as too many lines, once the line is read.
            match self.max_lines(1).parse(body) {
                Ok((reply, _)) => reply,
                Err(err) if matches!(err.kind, ReplyErrorKind::TooManyLines { .. }) => Reply {
                    bytes: body,
                    lines: 1,
                    lens: 0,
                },
                Err(err) => return Err(err),
            }
        } else {
            self.unended_line(body)?
        };
        if !after.is_empty() {
            return Err(ReplyError {
                kind: ReplyErrorKind::TrailingInput,
                offset: body.len(),
                line: 2,
            });
        }
        Ok(reply)
    }

    /// A line without a line end, which ends where the input does: the code and separator
    /// follow the rules of [`parse`](Self::parse), a CR being a line end only before an LF.
    fn unended_line<'a>(&self, line: &'a [u8]) -> Result<Reply<'a>, ReplyError> {
        match line {
            [a, b, c, rest @ ..] if is_code(*a, *b, *c) => {
                if !matches!(rest.first(), None | Some(b' ' | b'-')) {
                    return Err(self.separator_error(line, 0, 1));
                }
            }
            // A bad code byte, or `Incomplete` for a line that ends inside its code.
            _ => return Err(self.code_error(line, 0, 1, None)),
        }
        // As `parse` would on the first `max_reply_len` bytes: a line over its limit within
        // them is too long, else a line over the reply limit makes the reply too long.
        if line.len() > self.max_line_len && self.max_reply_len > self.max_line_len {
            return Err(ReplyError {
                kind: ReplyErrorKind::LineTooLong {
                    limit: self.max_line_len,
                },
                offset: 0,
                line: 1,
            });
        }
        if line.len() > self.max_reply_len {
            return Err(self.incomplete(&line[..self.max_reply_len], 1));
        }
        Ok(Reply {
            bytes: line,
            lines: 1,
            lens: 0,
        })
    }

    /// The error for input of fewer than four bytes: a bad code byte, or `Incomplete`.
    #[cold]
    #[inline(never)]
    fn short_input(&self, input: &[u8]) -> ReplyError {
        match input {
            [a, b, c, ..] if is_code(*a, *b, *c) => self.separator_error(input, 0, 1),
            _ => self.code_error(input, 0, 1, None),
        }
    }

    /// The error for a reply whose line `lines` ends at `next` without ending the reply when
    /// it may have no more lines.
    #[cold]
    #[inline(never)]
    fn too_many_lines(&self, next: usize, lines: u32) -> ReplyError {
        ReplyError {
            kind: ReplyErrorKind::TooManyLines {
                limit: self.max_lines,
            },
            offset: next,
            line: lines as usize + 1,
        }
    }

    /// The error for the byte after a code at `pos` that is not `-`, a space or a line end
    /// (`Incomplete` if the input ends before it).
    #[cold]
    #[inline(never)]
    fn separator_error(&self, input: &[u8], pos: usize, lines: u32) -> ReplyError {
        let line = lines as usize;
        match input.get(pos + 3) {
            None => self.incomplete(input, line),
            Some(&found) => ReplyError {
                kind: ReplyErrorKind::BadSeparator { found },
                offset: pos + 3,
                line,
            },
        }
    }

    /// The error for a line starting at `pos` whose end was not found within the line limit:
    /// too long if the input already holds more than the limit from `pos`, else `Incomplete`.
    /// A line that so far is a code and a CR waits for its next byte, which makes it either a
    /// line end or a bad separator, whatever the limit.
    #[cold]
    #[inline(never)]
    fn no_line_end(&self, input: &[u8], pos: usize, lines: u32) -> ReplyError {
        let code_and_cr = input.len() == pos + 4 && input.get(pos + 3) == Some(&b'\r');
        if input.len() - pos >= self.max_line_len && !code_and_cr {
            ReplyError {
                kind: ReplyErrorKind::LineTooLong {
                    limit: self.max_line_len,
                },
                offset: pos,
                line: lines as usize,
            }
        } else {
            self.incomplete(input, lines as usize)
        }
    }

    /// The error for a code that is not three valid digits at `pos`, or (after the first line)
    /// not the first line's code, `first` (its three bytes, lowest first, as `resume` keeps
    /// them); `Incomplete` when the bytes so far could still be right.
    // The first code is turned into a number only here, so that the parse of a good reply
    // does not compute it in case of an error.
    #[cold]
    #[inline(never)]
    fn code_error(&self, input: &[u8], pos: usize, line: usize, first: Option<u32>) -> ReplyError {
        let mut code = 0u16;
        for i in 0..3 {
            let Some(&b) = input.get(pos + i) else {
                return self.incomplete(input, line);
            };
            let valid = if i == 0 {
                (b'2'..=b'5').contains(&b)
            } else {
                b.is_ascii_digit()
            };
            if !valid {
                return ReplyError {
                    kind: ReplyErrorKind::InvalidCode { found: b },
                    offset: pos + i,
                    line,
                };
            }
            code = code * 10 + u16::from(b - b'0');
        }
        ReplyError {
            kind: ReplyErrorKind::MismatchedCode {
                first: first.map_or(code, |first| {
                    let [a, b, c, _] = first.to_le_bytes();
                    code_of(a, b, c)
                }),
                found: code,
            },
            offset: pos,
            line,
        }
    }

    /// The input ends inside a reply: more bytes are needed, unless the input already holds
    /// as many as the reply limit allows (the parser reads no more than that).
    // Out of line, as the other errors are, so that a good parse does not choose its kind
    // ahead of time.
    #[cold]
    #[inline(never)]
    fn incomplete(&self, input: &[u8], line: usize) -> ReplyError {
        let kind = if input.len() >= self.max_reply_len {
            ReplyErrorKind::ReplyTooLong {
                limit: self.max_reply_len,
            }
        } else {
            ReplyErrorKind::Incomplete
        };
        ReplyError {
            kind,
            offset: input.len(),
            line,
        }
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
    fn every_proper_prefix_is_incomplete() {
        let wire = b"250-mail.test\r\n250-SIZE 1000\r\n250 8BITMIME\r\n";
        for end in 0..wire.len() {
            let err = parse(&wire[..end]).unwrap_err();
            assert!(err.is_incomplete(), "{end}: {err}");
            assert_eq!(err.offset(), end);
        }
        assert!(parse(wire).is_ok());
    }

    #[test]
    fn errors_say_what_and_where() {
        use ReplyErrorKind::*;
        let cases: [(&[u8], ReplyErrorKind, usize, usize); 9] = [
            (b"abc\r\n", InvalidCode { found: b'a' }, 0, 1),
            (b"650 no\r\n", InvalidCode { found: b'6' }, 0, 1),
            (b"199 no\r\n", InvalidCode { found: b'1' }, 0, 1),
            (b"2x0 no\r\n", InvalidCode { found: b'x' }, 1, 1),
            (b"\r\n", InvalidCode { found: b'\r' }, 0, 1),
            (b"250x\r\n", BadSeparator { found: b'x' }, 3, 1),
            (b"2500\r\n", BadSeparator { found: b'0' }, 3, 1),
            (b"250\rx\n", BadSeparator { found: b'\r' }, 3, 1),
            (
                b"250-a\r\n251 b\r\n",
                MismatchedCode {
                    first: 250,
                    found: 251,
                },
                7,
                2,
            ),
        ];
        for (wire, kind, offset, line) in cases {
            let err = parse(wire).unwrap_err();
            assert_eq!(
                (err.kind(), err.offset(), err.line()),
                (kind, offset, line),
                "{wire:?}"
            );
            assert!(!err.is_incomplete());
        }
        let message = parse(b"250-a\r\n251 b\r\n").unwrap_err().to_string();
        assert!(
            message.contains("251") && message.contains("250") && message.contains("line 2"),
            "{message}"
        );
        // Messages count bytes from 1, as they count lines: the '1' of "251" is the 8th byte.
        assert!(message.starts_with("line 2, byte 8:"), "{message}");
        let message = parse(b"2x0 no\r\n").unwrap_err().to_string();
        assert!(message.starts_with("line 1, byte 2:"), "{message}");
        let message = parse(b"250-a\r\n25").unwrap_err().to_string();
        assert!(message.contains("after 9 bytes"), "{message}");
    }

    #[test]
    fn bad_bytes_fail_before_the_line_ends() {
        // No need to wait for more input to know these are wrong.
        assert_eq!(
            parse(b"x").unwrap_err().kind(),
            ReplyErrorKind::InvalidCode { found: b'x' }
        );
        assert_eq!(parse(b"25").unwrap_err().kind(), ReplyErrorKind::Incomplete);
        assert_eq!(
            parse(b"250x").unwrap_err().kind(),
            ReplyErrorKind::BadSeparator { found: b'x' }
        );
    }

    #[test]
    fn limits_bound_lines_and_replies() {
        let parser = ReplyParser::new()
            .max_line_len(10)
            .max_lines(2)
            .max_reply_len(20);
        assert!(parser.parse(b"250 1234\r\n").is_ok()); // exactly 10 bytes
        let err = parser.parse(b"250 12345\r\n").unwrap_err();
        assert_eq!(err.kind(), ReplyErrorKind::LineTooLong { limit: 10 });
        // A long line is refused before its end arrives.
        let err = parser.parse(b"250 1234567890").unwrap_err();
        assert_eq!(err.kind(), ReplyErrorKind::LineTooLong { limit: 10 });
        let err = parser.parse(b"250-a\r\n250-b\r\n250 c\r\n").unwrap_err();
        assert_eq!(
            (err.kind(), err.line()),
            (ReplyErrorKind::TooManyLines { limit: 2 }, 3)
        );
        let parser = ReplyParser::new().max_reply_len(12);
        let err = parser.parse(b"250-abc\r\n250 d\r\n").unwrap_err();
        assert_eq!(err.kind(), ReplyErrorKind::ReplyTooLong { limit: 12 });
        let err = parser.parse(b"250-abc\r\n250").unwrap_err();
        assert_eq!(err.kind(), ReplyErrorKind::ReplyTooLong { limit: 12 });
    }

    #[test]
    fn a_bare_code_with_crlf_is_held_to_the_line_limit() {
        let tight = ReplyParser::new().max_line_len(4);
        let err = tight.parse(b"250\r\n").unwrap_err();
        assert_eq!(
            (err.kind(), err.offset()),
            (ReplyErrorKind::LineTooLong { limit: 4 }, 0)
        );
        // Until the byte after the CR arrives, the line may yet be a bad separator instead.
        assert!(tight.parse(b"250\r").unwrap_err().is_incomplete());
        let err = tight.parse(b"250\rx").unwrap_err();
        assert_eq!(err.kind(), ReplyErrorKind::BadSeparator { found: b'\r' });
        assert!(tight.parse(b"250\n").is_ok());
        assert!(parse(b"250\r").unwrap_err().is_incomplete());
        let (reply, used) = parse(b"250-a\r\n250\r\n221 x").unwrap();
        assert_eq!((used, texts(&reply)), (12, std::vec![&b"a"[..], b""]));
    }

    #[test]
    fn strict_follows_rfc_5321() {
        let mut line = std::vec![b'x'; 512 - 6];
        line.splice(0..0, *b"250 ");
        line.extend_from_slice(b"\r\n");
        assert_eq!(line.len(), 512);
        assert!(ReplyParser::strict().parse(&line).is_ok());
        line.insert(5, b'x');
        assert!(ReplyParser::strict().parse(&line).is_err());
        assert!(ReplyParser::new().parse(&line).is_ok());
    }
}
