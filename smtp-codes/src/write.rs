//! Writing replies in wire form without an allocator: [`write_reply`] and its error.
//!
//! The rules, which `ReplyBuf` follows too:
//!
//! - every line ends in CRLF; every line but the last starts `NNN-`, the last `NNN `;
//! - an enhanced code (RFC 2034, RFC 3463) is written on every line, and its class must be the
//!   basic code's first digit;
//! - a line longer than RFC 5321's 512 octets (code, separator, enhanced code and CRLF
//!   included) is folded into continuation lines at the last space that fits, and that space
//!   is the fold: it is not written. A word too long for one line is split between lines,
//!   with nothing dropped. So the folded texts, rejoined with a space where the original had
//!   one at the fold and with nothing where a word was split, give back the original text;
//! - control characters (CR, LF, NUL, DEL and the others, except the tab that RFC 5321's
//!   `textstring` allows) are refused before anything is written, so no text can end the
//!   reply early or inject a second one. Other UTF-8 text is written as it is, as RFC 6531
//!   (SMTPUTF8) allows.

mod printable;

use core::fmt;

use crate::EnhancedCode;
use printable::is_printable_ascii;

/// RFC 5321's longest reply line, code and CRLF included.
const MAX_LINE: usize = 512;

/// Why a reply was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WriteReplyError {
    /// The code is not a number from 200 to 599.
    CodeOutOfRange {
        /// The code given.
        code: u16,
    },
    /// The enhanced code's class is not the basic code's first digit (RFC 3463 section 3.1).
    ClassMismatch {
        /// The basic code.
        code: u16,
        /// The enhanced code.
        enhanced: EnhancedCode,
    },
    /// A line holds a control character, which could break the reply's framing.
    ControlCharacter {
        /// The line, from 0, among the lines given.
        line: usize,
        /// Where the character starts in that line's text, in bytes.
        offset: usize,
        /// The character.
        found: char,
    },
    /// A line's bytes are not UTF-8 (from `ReplyBuf::try_from_reply`).
    NotUtf8 {
        /// The line, from 0.
        line: usize,
        /// Where the first byte that is not UTF-8 is, in that line's text.
        offset: usize,
    },
    /// Three numbers given as an enhanced code are not one: the class is not 2, 4 or 5, or
    /// subject or detail is above 999 (from smtp-proto's `Response`, with the feature).
    NotAnEnhancedCode {
        /// The class given.
        class: u8,
        /// The subject given.
        subject: u16,
        /// The detail given.
        detail: u16,
    },
    /// The [`fmt::Write`] target failed; part of the reply may have been written.
    Fmt,
}

impl fmt::Display for WriteReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteReplyError::CodeOutOfRange { code } => {
                write!(f, "reply code {code} is not between 200 and 599")
            }
            WriteReplyError::ClassMismatch { code, enhanced } => write!(
                f,
                "enhanced code {enhanced} has class {}, but reply code {code} needs class {}",
                enhanced.class(),
                code / 100
            ),
            WriteReplyError::ControlCharacter {
                line,
                offset,
                found,
            } => write!(
                f,
                // Messages count from 1, as the parser's do; the fields stay indices from 0.
                "line {}, byte {}: control character {:?} is not allowed in reply text",
                line + 1,
                offset + 1,
                found
            ),
            WriteReplyError::NotUtf8 { line, offset } => {
                write!(
                    f,
                    "line {}, byte {}: the text is not UTF-8",
                    line + 1,
                    offset + 1
                )
            }
            WriteReplyError::NotAnEnhancedCode {
                class,
                subject,
                detail,
            } => write!(
                f,
                "{class}.{subject}.{detail} is not an enhanced code: the class must be 2, 4 or 5"
            ),
            WriteReplyError::Fmt => f.write_str("the output refused the reply"),
        }
    }
}

impl core::error::Error for WriteReplyError {}

impl From<fmt::Error> for WriteReplyError {
    fn from(_: fmt::Error) -> Self {
        WriteReplyError::Fmt
    }
}

/// Checks the code, the enhanced code and every line, so that nothing is written unless the
/// whole reply can be.
#[inline]
pub(crate) fn check<L: AsRef<str>>(
    code: u16,
    enhanced: Option<EnhancedCode>,
    lines: &[L],
) -> Result<(), WriteReplyError> {
    if !(200..=599).contains(&code) {
        return Err(WriteReplyError::CodeOutOfRange { code });
    }
    if let Some(enhanced) = enhanced {
        if !enhanced.agrees_with(code) {
            return Err(WriteReplyError::ClassMismatch { code, enhanced });
        }
    }
    for (line, text) in lines.iter().enumerate() {
        check_text(line, text.as_ref())?;
    }
    Ok(())
}

/// Refuses a control character other than the tab.
#[inline]
pub(crate) fn check_text(line: usize, text: &str) -> Result<(), WriteReplyError> {
    // The control characters (Unicode's Cc) are U+0000-U+001F, U+007F and U+0080-U+009F; in
    // UTF-8 the first two are single bytes, the last 0xC2 then 0x80-0x9F. Looking at bytes
    // spares decoding every character of text that is almost always clean.
    let bytes = text.as_bytes();
    if is_printable_ascii(bytes) {
        return Ok(());
    }
    let found = bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && b != b'\t')
            || b == 0x7f
            || (b == 0xc2 && matches!(bytes.get(i + 1), Some(0x80..=0x9f)))
    });
    match found {
        Some(offset) => Err(WriteReplyError::ControlCharacter {
            line,
            offset,
            found: text[offset..].chars().next().unwrap_or_default(),
        }),
        None => Ok(()),
    }
}

/// Writes a reply with `code` (200 to 599, in the table or not), an optional enhanced code and
/// `lines` of text into `out`, following the rules of this module: CRLF line ends, `NNN-` on
/// all lines but the last, the enhanced code on every line, long lines folded, control
/// characters refused. No lines write one line with no text (`250` or `250 2.0.0`).
///
/// Everything is checked before the first byte is written; only [`WriteReplyError::Fmt`]
/// comes after part of the reply has been written.
///
/// ```
/// use smtp_codes::{enhanced_code, write_reply, WriteReplyError};
///
/// // A fixed buffer would do as well as a String: any `core::fmt::Write`.
/// let mut out = String::new();
/// write_reply(&mut out, 550, Some(enhanced_code!("5.1.1")), &["<bob@example.com>: no such user", "bye"])?;
/// assert_eq!(out, "550-5.1.1 <bob@example.com>: no such user\r\n550 5.1.1 bye\r\n");
///
/// let err = write_reply(&mut out, 250, None, &["ok\r\n550 injected"]).unwrap_err();
/// assert_eq!(err, WriteReplyError::ControlCharacter { line: 0, offset: 2, found: '\r' });
/// let err = write_reply(&mut out, 250, Some(enhanced_code!("5.1.1")), &["ok"]).unwrap_err();
/// assert!(matches!(err, WriteReplyError::ClassMismatch { code: 250, .. }));
/// # Ok::<(), WriteReplyError>(())
/// ```
#[inline]
pub fn write_reply<W, L>(
    out: &mut W,
    code: u16,
    enhanced: Option<EnhancedCode>,
    lines: &[L],
) -> Result<(), WriteReplyError>
where
    W: fmt::Write + ?Sized,
    L: AsRef<str>,
{
    check(code, enhanced, lines)?;
    let mut heads = Heads::default();
    let framer = Framer::new(code, enhanced, lines.len() > 1, &mut heads);
    match lines.split_last() {
        None => framer.line(out, "", true)?,
        Some((last, rest)) => {
            for text in rest {
                framer.line(out, text.as_ref(), false)?;
            }
            framer.line(out, last.as_ref(), true)?;
        }
    }
    Ok(())
}

/// The starts of a reply's lines, `NNN-` or `NNN ` and the enhanced code with its space. They
/// come in one of two forms, whichever costs less for the reply at hand:
///
/// - apart: the code (`550-`) and the enhanced code (`5.7.1 `) are slices of strings made at
///   compile time, two writes per line but nothing to spell or check per reply: the form for
///   a reply of one line whose enhanced code has single digits, or none;
/// - joined: `550-5.7.1 ` and `550 5.7.1 ` are spelt once into a small buffer, one write per
///   line, at the price of one UTF-8 check per reply: the form for longer replies and for
///   enhanced codes with longer numbers (`5.7.26`), which are spelt anyway.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Heads {
    /// The start of a line that another follows, then the start of the last line, each of
    /// the same width: `550-5.7.1 550 5.7.1 `.
    bytes: [u8; 32],
}

/// `200-`, `200 `, `201-`, ...: every code 200 to 599 as the start of a line that another
/// follows and of a last line, made at compile time.
const CODE_PREFIXES: [&str; 800] = {
    const BYTES: [u8; 800 * 4] = {
        let mut table = [0; 800 * 4];
        let mut i = 0;
        while i < 800 {
            let n = 200 + i / 2;
            table[i * 4] = b'0' + (n / 100) as u8;
            table[i * 4 + 1] = b'0' + (n / 10 % 10) as u8;
            table[i * 4 + 2] = b'0' + (n % 10) as u8;
            table[i * 4 + 3] = if i % 2 == 0 { b'-' } else { b' ' };
            i += 1;
        }
        table
    };
    split::<800>(&BYTES, 4)
};

/// `2.0.0 `, `2.0.1 `, ...: every enhanced code of class 2, 4 and 5 with a single-digit
/// subject and detail, with its space, class by class, made at compile time.
const ENHANCED_PREFIXES: [&str; 300] = {
    const BYTES: [u8; 300 * 6] = {
        let mut table = [0; 300 * 6];
        let classes = [b'2', b'4', b'5'];
        let mut i = 0;
        while i < 300 {
            let at = i * 6;
            table[at] = classes[i / 100];
            table[at + 1] = b'.';
            table[at + 2] = b'0' + (i / 10 % 10) as u8;
            table[at + 3] = b'.';
            table[at + 4] = b'0' + (i % 10) as u8;
            table[at + 5] = b' ';
            i += 1;
        }
        table
    };
    split::<300>(&BYTES, 6)
};

/// ASCII `bytes` cut into `N` strings of `width` bytes, at compile time.
const fn split<const N: usize>(bytes: &'static [u8], width: usize) -> [&'static str; N] {
    let mut out = [""; N];
    let mut rest = bytes;
    let mut i = 0;
    while i < N {
        let (piece, tail) = rest.split_at(width);
        out[i] = match core::str::from_utf8(piece) {
            Ok(text) => text,
            Err(_) => panic!("the prefix tables are ASCII"),
        };
        rest = tail;
        i += 1;
    }
    out
}

/// The enhanced code and its space from [`ENHANCED_PREFIXES`], when its subject and detail
/// are single digits.
#[inline]
fn enhanced_prefix(e: EnhancedCode) -> Option<&'static str> {
    if e.subject() > 9 || e.detail() > 9 {
        return None;
    }
    let class = match e.class() {
        2 => 0,
        4 => 1,
        _ => 2,
    };
    ENHANCED_PREFIXES
        .get(class * 100 + usize::from(e.subject()) * 10 + usize::from(e.detail()))
        .copied()
}

/// The decimal digits of every number below 1000, packed from the lowest byte, with their
/// count in the top byte: made at compile time, so that a prefix costs no division.
const DECIMAL: [u32; 1000] = {
    let mut table = [0; 1000];
    let mut n = 0;
    while n < 1000 {
        let (a, b, c) = (
            b'0' as u32 + n / 100,
            b'0' as u32 + n / 10 % 10,
            b'0' as u32 + n % 10,
        );
        table[n as usize] = if n >= 100 {
            a | b << 8 | c << 16 | 3 << 24
        } else if n >= 10 {
            b | c << 8 | 2 << 24
        } else {
            c | 1 << 24
        };
        n += 1;
    }
    table
};

/// A number below 1000 as its ASCII digits, packed from the lowest byte, and their count.
#[inline(always)]
fn decimal(n: u16) -> (u32, usize) {
    let entry = DECIMAL.get(usize::from(n)).copied().unwrap_or_default();
    (entry & 0x00ff_ffff, (entry >> 24) as usize)
}

/// Writes checked lines of one reply: the start of each line, and the text folded to fit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Framer<'a> {
    /// The start of a line that another follows: `550-`, or `550-5.7.1 ` when joined.
    more: &'a str,
    /// The start of the reply's last line: `550 `, or `550 5.7.1 ` when joined.
    last: &'a str,
    /// The enhanced code and its space apart from the code, `5.7.1 `; empty when there is
    /// none or when it is joined to the code.
    enhanced: &'a str,
    /// Whether the reply has an enhanced code, apart or joined.
    has_enhanced: bool,
    /// The most text one line can hold.
    budget: usize,
}

impl<'a> Framer<'a> {
    /// The writer for a code from 200 to 599 and an enhanced code that agrees with it, as
    /// [`check`] makes sure; `joined` asks for the joined form of [`Heads`] where it is a
    /// choice, which pays off for more than one line. `heads` holds a joined form.
    #[inline]
    pub(crate) fn new(
        code: u16,
        enhanced: Option<EnhancedCode>,
        joined: bool,
        heads: &'a mut Heads,
    ) -> Self {
        let at = usize::from(code.saturating_sub(200)) * 2;
        let apart = match enhanced {
            None => Some(""),
            Some(e) => enhanced_prefix(e),
        };
        if let (Some(apart), false) = (apart, joined) {
            return Framer {
                more: CODE_PREFIXES.get(at).copied().unwrap_or_default(),
                last: CODE_PREFIXES.get(at + 1).copied().unwrap_or_default(),
                enhanced: apart,
                has_enhanced: enhanced.is_some(),
                // The start and CRLF take the rest of RFC 5321's 512 octets: at least 496
                // are left for text.
                budget: MAX_LINE - 4 - apart.len() - 2,
            };
        }
        let width = heads.spell(code, enhanced);
        let both = heads.bytes.get(..2 * width).unwrap_or_default();
        // Only ASCII digits, dots, a hyphen and spaces are ever spelt.
        let both = core::str::from_utf8(both).unwrap_or_default();
        let (more, last) = both.split_at_checked(width).unwrap_or_default();
        Framer {
            more,
            last,
            enhanced: "",
            has_enhanced: enhanced.is_some(),
            budget: MAX_LINE - width - 2,
        }
    }
}

impl Heads {
    /// Spells `550-5.7.26 550 5.7.26 ` and returns the width of one start, 4 to 14 bytes.
    #[inline]
    fn spell(&mut self, code: u16, enhanced: Option<EnhancedCode>) -> usize {
        // The digits go in as four-byte stores, for which the room after the longest start
        // (`550-5.123.456 `, 14 bytes) leaves space.
        let mut head = [0u8; 20];
        head[..4].copy_from_slice(&decimal(code).0.to_le_bytes());
        head[3] = b'-';
        let mut width = 4;
        if let Some(e) = enhanced {
            head[4] = b'0' + e.class();
            width = 5;
            for n in [e.subject(), e.detail()] {
                let (digits, len) = decimal(n);
                head[width] = b'.';
                head[width + 1..width + 5].copy_from_slice(&digits.to_le_bytes());
                width += 1 + len;
            }
            head[width] = b' ';
            width += 1;
        }
        self.bytes[..16].copy_from_slice(&head[..16]);
        self.bytes[width..width + 16].copy_from_slice(&head[..16]);
        self.bytes[width + 3] = b' ';
        width
    }
}

impl Framer<'_> {
    /// Writes one line of text that [`check_text`] accepted, folded into as many wire lines
    /// as it needs; `last` when it is the reply's last line.
    #[inline]
    pub(crate) fn line<W: fmt::Write + ?Sized>(
        &self,
        out: &mut W,
        text: &str,
        last: bool,
    ) -> fmt::Result {
        if text.len() <= self.budget {
            // Nearly every line fits: no folding to set up.
            return self.piece(out, text, last);
        }
        let mut pieces = Fold::new(text, self.budget).peekable();
        while let Some(piece) = pieces.next() {
            self.piece(out, piece, last && pieces.peek().is_none())?;
        }
        Ok(())
    }

    #[inline]
    fn piece<W: fmt::Write + ?Sized>(&self, out: &mut W, text: &str, last: bool) -> fmt::Result {
        let head = if last { self.last } else { self.more };
        if !text.is_empty() {
            write_fixed(out, head)?;
            if !self.enhanced.is_empty() {
                write_fixed(out, self.enhanced)?;
            }
            out.write_str(text)?;
        } else if self.has_enhanced {
            // No trailing space after the enhanced code.
            if self.enhanced.is_empty() {
                write_fixed(out, head.get(..head.len() - 1).unwrap_or(head))?;
            } else {
                write_fixed(out, head)?;
                write_fixed(out, &self.enhanced[..self.enhanced.len() - 1])?;
            }
        } else if last {
            // A bare `NNN` ends a reply with an empty line; `NNN-` stays, as it is the
            // separator.
            write_fixed(out, head.get(..3).unwrap_or(head))?;
        } else {
            write_fixed(out, head)?;
        }
        out.write_str("\r\n")
    }
}

/// Writes the start of a line with a copy of a length known when compiling, for every length
/// it can have (`550`, `550-`, `550-5.7.1` up to `550-5.123.456 `): where the output is a
/// `String`, that is a few moves instead of a call to `memmove`, and a start is written on
/// every line.
#[inline(always)]
fn write_fixed<W: fmt::Write + ?Sized>(out: &mut W, part: &str) -> fmt::Result {
    match part.len() {
        3 => out.write_str(part.get(..3).unwrap_or(part)),
        4 => out.write_str(part.get(..4).unwrap_or(part)),
        5 => out.write_str(part.get(..5).unwrap_or(part)),
        6 => out.write_str(part.get(..6).unwrap_or(part)),
        7 => out.write_str(part.get(..7).unwrap_or(part)),
        8 => out.write_str(part.get(..8).unwrap_or(part)),
        9 => out.write_str(part.get(..9).unwrap_or(part)),
        10 => out.write_str(part.get(..10).unwrap_or(part)),
        11 => out.write_str(part.get(..11).unwrap_or(part)),
        12 => out.write_str(part.get(..12).unwrap_or(part)),
        13 => out.write_str(part.get(..13).unwrap_or(part)),
        14 => out.write_str(part.get(..14).unwrap_or(part)),
        _ => out.write_str(part),
    }
}

/// The pieces of one line's text, each at most `budget` bytes: folded at the last space that
/// fits (the space itself is dropped), or split at a character boundary when no space fits.
/// An empty text is one empty piece.
#[derive(Debug, Clone)]
pub(crate) struct Fold<'a> {
    rest: Option<&'a str>,
    budget: usize,
}

impl<'a> Fold<'a> {
    pub(crate) fn new(text: &'a str, budget: usize) -> Self {
        Fold {
            rest: Some(text),
            budget,
        }
    }
}

impl<'a> Iterator for Fold<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        if rest.len() <= self.budget {
            self.rest = None;
            return Some(rest);
        }
        // A space at index 0 would make an empty line; fold only after some text.
        let window = &rest.as_bytes()[..=self.budget];
        if let Some(at) = window.iter().rposition(|&b| b == b' ').filter(|&at| at > 0) {
            self.rest = Some(&rest[at + 1..]);
            return Some(&rest[..at]);
        }
        // No space fits: split the word at the last character boundary that fits. The budget
        // is far more than one character's 4 bytes, so the piece is never empty.
        let mut at = self.budget;
        while !rest.is_char_boundary(at) {
            at -= 1;
        }
        self.rest = Some(&rest[at..]);
        Some(&rest[..at])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;
    use std::string::{String, ToString};
    use std::vec::Vec;

    fn write(code: u16, enhanced: Option<EnhancedCode>, lines: &[&str]) -> String {
        let mut out = String::new();
        write_reply(&mut out, code, enhanced, lines).unwrap();
        out
    }

    #[test]
    fn wire_forms() {
        let e = EnhancedCode::new(2, 0, 0);
        assert_eq!(write(250, None, &[]), "250\r\n");
        assert_eq!(write(250, e, &[]), "250 2.0.0\r\n");
        assert_eq!(
            write(250, None, &["a", "", "c"]),
            "250-a\r\n250-\r\n250 c\r\n"
        );
        assert_eq!(write(250, None, &["a", ""]), "250-a\r\n250\r\n");
        assert_eq!(write(250, e, &["a", ""]), "250-2.0.0 a\r\n250 2.0.0\r\n");
        assert_eq!(
            write(299, None, &["unknown\tcode"]),
            "299 unknown\tcode\r\n"
        );
        assert_eq!(write(250, None, &["café ünïcode"]), "250 café ünïcode\r\n");
        // Subjects and details of one, two and three digits, in every mix.
        for (subject, detail, text) in [
            (7, 26, "5.7.26"),
            (10, 1, "5.10.1"),
            (7, 606, "5.7.606"),
            (123, 45, "5.123.45"),
            (999, 999, "5.999.999"),
        ] {
            let e = EnhancedCode::new(5, subject, detail);
            assert_eq!(
                write(550, e, &["no", "go"]),
                format!("550-{text} no\r\n550 {text} go\r\n")
            );
            assert_eq!(write(550, e, &[]), format!("550 {text}\r\n"));
        }
    }

    /// The apart and the joined starts write the same bytes, for codes and enhanced codes
    /// of every width, and for texts that are empty, ordinary or folded, on last lines and
    /// others.
    #[test]
    fn apart_and_joined_starts_write_the_same() {
        let long = "word ".repeat(150);
        let texts = ["", "x", "some text", long.as_str()];
        let enhanced = [
            None,
            Some((0, 0)),
            Some((7, 1)),
            Some((9, 9)),
            Some((7, 26)),
            Some((10, 1)),
            Some((123, 45)),
            Some((999, 999)),
        ];
        for code in [200, 250, 299, 421, 450, 550, 554, 599] {
            for e in enhanced {
                let e = e.and_then(|(s, d)| EnhancedCode::new((code / 100) as u8, s, d));
                for text in texts {
                    for last in [false, true] {
                        let mut both = [String::new(), String::new()];
                        for (joined, out) in [false, true].into_iter().zip(&mut both) {
                            let mut heads = Heads::default();
                            let framer = Framer::new(code, e, joined, &mut heads);
                            framer.line(out, text, last).unwrap();
                        }
                        assert_eq!(both[0], both[1], "{code} {e:?} {text:?} last {last}");
                        for wire in both[1].split_terminator("\r\n") {
                            assert!(wire.len() + 2 <= MAX_LINE, "{wire:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn nothing_is_written_when_a_later_line_is_refused() {
        let mut out = String::new();
        let err = write_reply(&mut out, 250, None, &["fine", "bad\u{0}"]).unwrap_err();
        assert_eq!(
            err,
            WriteReplyError::ControlCharacter {
                line: 1,
                offset: 3,
                found: '\0'
            }
        );
        assert_eq!(out, "");
        // The message counts from 1: the NUL is the 4th byte of the 2nd line.
        assert!(err.to_string().starts_with("line 2, byte 4: "), "{err}");
        for code in [0, 199, 600, 999] {
            assert_eq!(
                write_reply(&mut out, code, None, &["x"]),
                Err(WriteReplyError::CodeOutOfRange { code })
            );
        }
        for bad in ["\r", "\n", "\u{7f}", "\u{1b}[31m", "\u{85}"] {
            assert!(write_reply(&mut out, 250, None, &[bad]).is_err(), "{bad:?}");
        }
        assert_eq!(out, "");
    }

    #[test]
    fn long_lines_fold_at_spaces_within_512_octets() {
        let e = EnhancedCode::new(5, 123, 456);
        let word = "abcdefghi"; // with its space, 10 bytes
        let text = [word; 120].join(" ");
        let out = write(550, e, &[&text]);
        let lines: Vec<&str> = out.split_terminator("\r\n").collect();
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.len() + 2 <= MAX_LINE, "{}", line.len());
            assert!(line.starts_with("550-5.123.456 ") || line.starts_with("550 5.123.456 "));
            assert!(!line.ends_with(' '));
        }
        let texts: Vec<&str> = lines.iter().map(|l| &l[14..]).collect();
        assert_eq!(texts.join(" "), text);
        // The fold fills each line: the next word would not have fitted.
        assert!(lines[0].len() + 2 + 10 > MAX_LINE);
    }

    #[test]
    fn long_words_are_split_not_truncated() {
        let word = "é".repeat(600); // 1200 bytes, no space
        let out = write(250, None, &[&word]);
        let lines: Vec<&str> = out.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.len() + 2 <= MAX_LINE));
        let texts: String = lines.iter().map(|l| &l[4..]).collect();
        assert_eq!(texts, word);
    }
}
