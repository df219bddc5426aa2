//! The line texts of a reply, [`Lines`], and [`Lossy`], their UTF-8 view.

use core::fmt;

use super::LineLens;
use super::newline::find_newline;

/// The line texts of a [`Reply`](super::Reply); see [`Reply::lines`](super::Reply::lines).
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    /// The lines not yet read, line ends included.
    pub(super) rest: &'a [u8],
    /// How many lines `rest` holds.
    pub(super) left: u32,
    /// The lengths of the next lines, as in [`Reply`](super::Reply).
    pub(super) lens: LineLens,
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

#[cfg(test)]
mod tests {
    use crate::Reply;
    use std::vec::Vec;

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
        let (reply, used) = Reply::parse(&wire).unwrap();
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
}
