//! The bytes of a log line that a quoted reply or a `dsn=` can follow: `:`, `(`, `"` and `=`,
//! found sixteen at a time.
//!
//! Finding the reply in a line means stopping at each of these bytes. Searching for the first
//! three with `memchr3` and then for `dsn=` with `memmem` made two passes over every line and
//! a call per stop; here one pass over the line gives a mask of all four per sixteen bytes,
//! and the stops are the mask's set bits. On x86-64 the mask comes from four SSE2 compares
//! (every x86-64 has SSE2); elsewhere from a loop over the bytes, which the tests hold to the
//! same answers.

/// The positions of `:`, `(`, `"` and `=` in a line, from a given offset, in order.
#[derive(Debug, Clone)]
pub struct Marks<'l> {
    line: &'l [u8],
    /// Where the sixteen bytes of `mask` start.
    base: usize,
    /// One bit for each mark among the sixteen bytes from `base` not yet given out.
    mask: u32,
}

/// How many bytes one mask covers.
const PART: usize = 16;

impl<'l> Marks<'l> {
    /// The marks of `line` at `from` and after it.
    #[inline]
    pub fn new(line: &'l [u8], from: usize) -> Marks<'l> {
        Marks {
            line,
            base: from,
            mask: part_mask(line, from),
        }
    }
}

impl Iterator for Marks<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.base += PART;
            if self.base >= self.line.len() {
                return None;
            }
            self.mask = part_mask(self.line, self.base);
        }
        let at = self.base + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

/// The marks among the sixteen bytes of `line` from `base` (fewer at its end). No load reaches
/// past the line: near its end the last sixteen bytes are read and the bits of those before
/// `base` are shifted out; a line shorter than sixteen bytes is read byte by byte.
#[inline]
fn part_mask(line: &[u8], base: usize) -> u32 {
    if let Some(part) = line.get(base..).and_then(<[u8]>::first_chunk::<PART>) {
        return mask16(part);
    }
    let rest = line.len().saturating_sub(base);
    if rest == 0 {
        return 0;
    }
    match line.last_chunk::<PART>() {
        Some(last) => mask16(last) >> (PART - rest),
        None => portable_mask(&line[base..]),
    }
}

/// Whether `byte` is one of the marks.
fn is_mark(byte: u8) -> bool {
    matches!(byte, b':' | b'(' | b'"' | b'=')
}

/// The marks among up to sixteen bytes, one by one.
fn portable_mask(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(PART)
        .enumerate()
        .fold(0, |mask, (i, &b)| mask | (u32::from(is_mark(b)) << i))
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn mask16(part: &[u8; PART]) -> u32 {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    let bytes = load_unaligned_m128i(part);
    let equal = |mark: u8| cmp_eq_mask_i8_m128i(bytes, set_splat_i8_m128i(mark as i8));
    let marks = bitor_m128i(
        bitor_m128i(equal(b':'), equal(b'(')),
        bitor_m128i(equal(b'"'), equal(b'=')),
    );
    move_mask_i8_m128i(marks) as u32
}

#[cfg(not(target_arch = "x86_64"))]
fn mask16(part: &[u8; PART]) -> u32 {
    portable_mask(part)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn marks_one_by_one(line: &[u8], from: usize) -> Vec<usize> {
        (from..line.len()).filter(|&i| is_mark(line[i])).collect()
    }

    #[test]
    fn finds_every_mark_in_order() {
        let line = b"Nov 29 07:10:01 mail postfix/smtp[811]: 3F2A1: to=<bob@remote.test>, \
                     dsn=5.1.1, status=bounced (host x said: 550 \"5.1.1\")";
        for from in [0, 1, 15, 16, 17, 40, line.len() - 1, line.len()] {
            assert_eq!(
                Marks::new(line, from).collect::<Vec<_>>(),
                marks_one_by_one(line, from),
                "from {from}"
            );
        }
    }

    proptest! {
        #[test]
        fn the_sixteen_byte_kernel_agrees_with_looking_at_each_byte(
            line in proptest::collection::vec(
                prop_oneof![Just(b':'), Just(b'('), Just(b'"'), Just(b'='), any::<u8>()],
                0..80,
            ),
            from in 0usize..90,
        ) {
            let from = from.min(line.len());
            prop_assert_eq!(Marks::new(&line, from).collect::<Vec<_>>(), marks_one_by_one(&line, from));
            if let Some(part) = line.first_chunk::<PART>() {
                prop_assert_eq!(mask16(part), portable_mask(part));
            }
        }
    }
}
