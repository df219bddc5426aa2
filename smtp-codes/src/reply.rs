//! Parsing server replies from the wire: [`Reply`], its limits ([`ReplyParser`]) and
//! [`ReplyError`].

use core::fmt;

use crate::{Category, EnhancedCode, ReplyCode};

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
            [a, b, c, ..] => code_of(*a, *b, *c),
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

/// The line texts of a [`Reply`]; see [`Reply::lines`].
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    /// The lines not yet read, line ends included.
    rest: &'a [u8],
    /// How many lines `rest` holds.
    left: u32,
    /// The lengths of the next lines, as in [`Reply`].
    lens: LineLens,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let known = (self.lens & 0xff) as usize;
        self.lens >>= 8;
        if known == 0 {
            return self.next_unknown();
        }
        // A remembered line is a whole line of a multi-line reply, `NNN-text` and its line
        // end, so it is at least five bytes long and ends in `\n`.
        self.left = self.left.saturating_sub(1);
        let line = self.rest.get(..known)?;
        self.rest = self.rest.get(known..)?;
        let text = line.get(4..known - 1)?;
        Some(match text {
            [text @ .., b'\r'] => text,
            _ => text,
        })
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.left as usize;
        (left, Some(left))
    }
}

impl<'a> Lines<'a> {
    /// The next line when its length was not remembered: the last line, a line after the
    /// eighth, or one longer than 255 bytes.
    #[inline]
    fn next_unknown(&mut self) -> Option<&'a [u8]> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        // The parser checked every line, so each has a code and ends in `\n`; the last line
        // ends where the reply does, and needs no search.
        let len = if self.left == 0 {
            self.rest.len()
        } else {
            let text = self.rest.get(4..).unwrap_or_default();
            5 + find_newline(text).unwrap_or(text.len())
        };
        let (line, rest) = self.rest.split_at_checked(len).unwrap_or((self.rest, &[]));
        self.rest = rest;
        // The text runs from after the separator to before the line end (empty for `NNN\n`
        // and `NNN\r\n`), or to the end for a line read without its line end.
        Some(match line {
            [_, _, _, _, text @ .., b'\r', b'\n'] | [_, _, _, _, text @ .., b'\n'] => text,
            [_, _, _, _, text @ ..] => text,
            _ => &[],
        })
    }
}

impl ExactSizeIterator for Lines<'_> {}

impl core::iter::FusedIterator for Lines<'_> {}

/// `true` when three bytes are a reply code: a digit from 2 to 5, then two digits.
#[inline(always)]
fn is_code(a: u8, b: u8, c: u8) -> bool {
    (b'2'..=b'5').contains(&a) & b.is_ascii_digit() & c.is_ascii_digit()
}

/// The number written by three ASCII digits.
#[inline(always)]
const fn code_of(a: u8, b: u8, c: u8) -> u16 {
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

/// How many bytes [`block_mask`] looks at: one bit of its mask for each. Four SSE2 compares;
/// against blocks of 16 and 32 bytes it was as fast on short replies and a little faster on
/// long lines.
const BLOCK: usize = 64;

/// A mask of [`BLOCK`] bits.
type Mask = u64;

/// One bit for each `\n` among the [`BLOCK`] bytes of `input` from `base`, from the lowest;
/// bytes past the end of `input` count as no newline.
#[inline(always)]
fn block_mask(input: &[u8], base: usize) -> Mask {
    if let Some(block) = input.get(base..base + BLOCK) {
        return full_block_mask(block);
    }
    let rest = input.len().saturating_sub(base);
    if rest == 0 {
        return 0;
    }
    // Fewer than BLOCK bytes are left: take the BLOCK bytes that end the input, and drop the
    // flags of those before `base`.
    if let Some(block) = input
        .len()
        .checked_sub(BLOCK)
        .and_then(|start| input.get(start..))
    {
        return full_block_mask(block) >> (BLOCK - rest);
    }
    // The whole input is shorter than a block.
    let mut mask = 0;
    for i in 0..BLOCK / 16 {
        mask |= Mask::from(part_mask(input, base + 16 * i)) << (16 * i);
    }
    mask
}

/// One bit for each `\n` among the first [`BLOCK`] bytes of `block`, which has at least that
/// many.
#[inline(always)]
fn full_block_mask(block: &[u8]) -> Mask {
    let mut mask = 0;
    for (i, part) in block.chunks_exact(16).take(BLOCK / 16).enumerate() {
        mask |= Mask::from(newline_mask(part)) << (16 * i);
    }
    mask
}

/// One bit for each `\n` among the sixteen bytes of `input` from `base`, from the lowest;
/// bytes past the end of `input` count as no newline.
#[inline(always)]
fn part_mask(input: &[u8], base: usize) -> u32 {
    if let Some(block) = input.get(base..base + 16) {
        return newline_mask(block);
    }
    let rest = input.len().saturating_sub(base);
    if rest == 0 {
        return 0;
    }
    // Fewer than sixteen bytes are left: take the sixteen that end the input, and drop the
    // flags of those before `base`.
    match input
        .len()
        .checked_sub(16)
        .and_then(|start| input.get(start..))
    {
        Some(block) => newline_mask(block) >> (16 - rest),
        None => {
            let mut block = [0; 16];
            if let (Some(to), Some(from)) = (block.get_mut(..rest), input.get(base..)) {
                to.copy_from_slice(from);
            }
            newline_mask(&block)
        }
    }
}

/// One bit for each `\n` in the first sixteen bytes of `block`, from the lowest (none if
/// `block` is shorter): SSE2, always there on x86-64.
#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(smtp_codes_portable)
))]
#[inline(always)]
fn newline_mask(block: &[u8]) -> u32 {
    use safe_arch::{
        cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };
    match block.first_chunk::<16>() {
        Some(bytes) => {
            let newlines = set_splat_i8_m128i(b'\n' as i8);
            let equal = cmp_eq_mask_i8_m128i(load_unaligned_m128i(bytes), newlines);
            move_mask_i8_m128i(equal) as u32
        }
        None => 0,
    }
}

/// [`newline_mask`] without SIMD, a word at a time, for other targets.
#[cfg(not(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(smtp_codes_portable)
)))]
#[inline(always)]
fn newline_mask(block: &[u8]) -> u32 {
    newline_mask_words(block)
}

/// [`newline_mask`] two words at a time; compiled everywhere so that the tests compare it
/// with the SIMD one.
#[cfg_attr(
    all(
        target_arch = "x86_64",
        target_feature = "sse2",
        not(smtp_codes_portable)
    ),
    allow(dead_code)
)]
#[inline(always)]
fn newline_mask_words(block: &[u8]) -> u32 {
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    // Gathers the top bit of each byte into the top byte, lowest byte's bit lowest.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let word = |bytes: Option<&[u8; 8]>| -> u32 {
        let Some(bytes) = bytes else { return 0 };
        let x = u64::from_le_bytes(*bytes) ^ NEWLINES;
        // The top bit of each byte set exactly where the byte of `x` is zero.
        let zero = !(((x & LOW7) + LOW7) | x | LOW7);
        ((zero >> 7).wrapping_mul(GATHER) >> 56) as u32
    };
    match block.first_chunk::<16>() {
        Some(bytes) => {
            let (low, high) = bytes.split_at(8);
            word(low.first_chunk()) | word(high.first_chunk()) << 8
        }
        None => 0,
    }
}

/// The position of the first `\n` in `hay`, a block at a time; for the lines whose length a
/// [`Reply`] did not remember.
#[inline]
fn find_newline(hay: &[u8]) -> Option<usize> {
    let mut base = 0;
    while base < hay.len() {
        let mask = block_mask(hay, base);
        if mask != 0 {
            return Some(base + mask.trailing_zeros() as usize);
        }
        base += BLOCK;
    }
    None
}

/// Bytes shown as UTF-8 text, with U+FFFD for each invalid sequence.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Lossy<'a>(pub &'a [u8]);

impl<'a> Lossy<'a> {
    /// The text, if it is valid UTF-8.
    #[must_use]
    pub fn as_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.0).ok()
    }
}

impl fmt::Display for Lossy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.0.utf8_chunks() {
            f.write_str(chunk.valid())?;
            if !chunk.invalid().is_empty() {
                f.write_str("\u{FFFD}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Lossy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.0.escape_ascii())
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
        let [a, b, c, _] = first.to_le_bytes();
        let line = lines as usize;
        match line_head(input, pos) {
            Some(head) if head & 0x00ff_ffff == first => Ok((head >> 24) as u8),
            Some(_) => Err(self.code_error(input, pos, line, Some(code_of(a, b, c)))),
            // Fewer than four bytes: the code may still be right, waiting for more.
            None => Err(match input.get(pos..) {
                Some(rest) if first.to_le_bytes().starts_with(rest) => self.incomplete(input, line),
                _ => self.code_error(input, pos, line, Some(code_of(a, b, c))),
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
    /// not the first line's code; `Incomplete` when the bytes so far could still be right.
    #[cold]
    fn code_error(&self, input: &[u8], pos: usize, line: usize, first: Option<u16>) -> ReplyError {
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
                first: first.unwrap_or(code),
                found: code,
            },
            offset: pos,
            line,
        }
    }

    /// The input ends inside a reply: more bytes are needed, unless the input already holds
    /// as many as the reply limit allows (the parser reads no more than that).
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

/// Why bytes are not (yet) a reply, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyError {
    kind: ReplyErrorKind,
    offset: usize,
    line: usize,
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
    /// Input follows the line end of a line given to [`Reply::parse_line`], which reads one
    /// line; [`Reply::parse`] reads a reply of several lines. The offset is where it starts.
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

    /// The mask a byte-at-a-time loop makes of `bytes` from `base`, for [`block_mask`].
    fn mask_by_bytes(bytes: &[u8], base: usize, width: usize) -> Mask {
        (0..width)
            .filter(|&i| bytes.get(base + i) == Some(&b'\n'))
            .fold(0, |mask, i| mask | 1 << i)
    }

    #[test]
    fn newline_masks_flag_exactly_the_newlines() {
        // Every byte value in every position, with neighbours that trip naive tests (0x0b
        // and 0x8a differ from `\n` in one bit; 0x00 and 0xff are the extremes).
        for fill in [b'a', 0x0b, 0x8a, 0x00, 0xff, b'\n'] {
            for at in 0..16 {
                for byte in 0..=u8::MAX {
                    let mut block = [fill; 16];
                    block[at] = byte;
                    let expected = mask_by_bytes(&block, 0, 16) as u32;
                    assert_eq!(newline_mask(&block), expected, "{fill} {at} {byte}");
                    assert_eq!(newline_mask_words(&block), expected, "{fill} {at} {byte}");
                }
            }
        }
        assert_eq!(newline_mask(b"short\n"), 0);
        assert_eq!(newline_mask_words(b"short\n"), 0);
    }

    #[test]
    fn block_masks_stop_at_the_end_of_the_input() {
        // Inputs shorter than, as long as and longer than a block, read from every base, with
        // newlines in a pattern that differs from block to block.
        for len in 0..3 * BLOCK + 5 {
            let input: Vec<u8> = (0..len)
                .map(|i| {
                    if i % 7 == 3 || i % 11 == 0 {
                        b'\n'
                    } else {
                        b'x'
                    }
                })
                .collect();
            for base in 0..=len + 1 {
                assert_eq!(
                    block_mask(&input, base),
                    mask_by_bytes(&input, base, BLOCK),
                    "{len} {base}"
                );
            }
        }
    }

    #[test]
    fn find_newline_finds_the_first_in_any_position() {
        for len in 0..2 * BLOCK + 20 {
            let mut hay = std::vec![b'a'; len];
            assert_eq!(find_newline(&hay), None);
            for at in 0..len {
                hay[at] = b'\n';
                assert_eq!(find_newline(&hay), Some(at), "{len} {at}");
                // A later newline, and bytes that trip a naive zero-byte test, change nothing.
                if at + 1 < len {
                    hay[at + 1] = 0x0b;
                    assert_eq!(find_newline(&hay), Some(at));
                    hay[at + 1] = b'\n';
                    assert_eq!(find_newline(&hay), Some(at));
                    hay[at + 1] = b'a';
                }
                hay[at] = 0x8a;
                assert_eq!(find_newline(&hay), None);
                hay[at] = b'a';
            }
        }
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
    fn lines_are_found_past_the_remembered_lengths() {
        // Twelve lines, some longer than a remembered length can be, in both line-end forms.
        let texts: Vec<std::string::String> = (0..12)
            .map(|i| "x".repeat(if i % 3 == 1 { 300 + i } else { i }))
            .collect();
        let mut wire = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let separator = if i == texts.len() - 1 { ' ' } else { '-' };
            let end = if i % 2 == 0 { "\r\n" } else { "\n" };
            wire.extend_from_slice(std::format!("451{separator}{text}{end}").as_bytes());
        }
        let (reply, used) = parse(&wire).unwrap();
        assert_eq!(used, wire.len());
        let got: Vec<&[u8]> = reply.lines().collect();
        let want: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        assert_eq!(got, want);
        let mut lines = reply.lines();
        assert_eq!(lines.len(), 12);
        lines.next();
        assert_eq!(lines.size_hint(), (11, Some(11)));
        assert_eq!(lines.by_ref().count(), 11);
        assert_eq!(lines.next(), None);
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
