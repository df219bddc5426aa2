//! Whether the text at a hit starts with the pattern entered there: the comparison every hit of
//! the scan ends with.
//!
//! Patterns are stored in lower case, and the text is compared with them ignoring the case of
//! its ASCII letters, where it lies or as it was copied into the buffer. Sixteen bytes at a
//! time, with the kernel for the target chosen below and nowhere else: SSE2 lowers and compares
//! the sixteen bytes at once, the portable kernel does two 64-bit words. A pattern of sixteen
//! bytes or more is compared part by part, its last part read where it ends, overlapping the
//! one before it; a shorter one eight bytes at a time, then byte by byte.

mod portable;

// The kernel: SSE2 where the target has it (every x86-64 does), else the portable one, which
// `--cfg smtp_codes_portable` also picks, so that the tests can run it on x86-64.
by_kernel! {
    sse2 {
        mod sse2;
        use sse2::same16;
    }
    portable {
        use portable::same16;
    }
}

use portable::lower8;

/// Whether `text` starts with `pattern`, which is in lower case, ignoring the case of the text's
/// ASCII letters.
#[inline]
pub(super) fn starts_with(text: &[u8], pattern: &[u8]) -> bool {
    let n = pattern.len();
    let Some(text) = text.get(..n) else {
        return false;
    };
    if n >= 16 {
        let mut texts = text.chunks_exact(16);
        let mut patterns = pattern.chunks_exact(16);
        for (t, p) in (&mut texts).zip(&mut patterns) {
            if let (Some(t), Some(p)) = (t.first_chunk(), p.first_chunk()) {
                if !same16(t, p) {
                    return false;
                }
            }
        }
        if texts.remainder().is_empty() {
            return true;
        }
        // The last sixteen bytes, overlapping the part before them.
        return match (text.last_chunk(), pattern.last_chunk()) {
            (Some(t), Some(p)) => same16(t, p),
            _ => false,
        };
    }
    let mut texts = text.chunks_exact(8);
    let mut patterns = pattern.chunks_exact(8);
    for (t, p) in (&mut texts).zip(&mut patterns) {
        if let (Some(&t), Some(&p)) = (t.first_chunk(), p.first_chunk()) {
            if lower8(u64::from_le_bytes(t)) != u64::from_le_bytes(p) {
                return false;
            }
        }
    }
    texts
        .remainder()
        .iter()
        .zip(patterns.remainder())
        .all(|(t, p)| t.to_ascii_lowercase() == *p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn eight_bytes_are_lowered_as_each_would_be() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"AbZ@[`z{";
                bytes[at] = b;
                let lowered = bytes.map(|c| c.to_ascii_lowercase());
                assert_eq!(
                    lower8(u64::from_le_bytes(bytes)).to_le_bytes(),
                    lowered,
                    "{b:#x}"
                );
            }
        }
    }

    #[test]
    fn the_kernels_agree_on_every_byte_at_every_place() {
        for b in 0..=255u8 {
            for at in 0..16 {
                let mut text = *b"AbZ@[`z{0123456~";
                text[at] = b;
                let lowered = text.map(|c| c.to_ascii_lowercase());
                for pattern in [lowered, text, *b"abz@[`z{0123456~"] {
                    let expected = lowered == pattern;
                    assert_eq!(same16(&text, &pattern), expected, "{b:#x} at {at}");
                    assert_eq!(
                        portable::same16(&text, &pattern),
                        expected,
                        "{b:#x} at {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn folding_ignores_the_case_of_the_text_only() {
        let pattern = b"is not accepted due to domain's dmarc policy. contact the administrator";
        for len in 0..=pattern.len() {
            let pattern = &pattern[..len];
            let upper = pattern.to_ascii_uppercase();
            assert!(starts_with(&upper, pattern));
            assert!(starts_with(&[&upper[..], b" and more"].concat(), pattern));
            for at in 0..len {
                // One byte changed, or the `0x20` bit of a byte that is not a letter.
                let mut other = upper.clone();
                other[at] = if other[at].is_ascii_alphabetic() {
                    b'#'
                } else {
                    other[at] ^ 0x20
                };
                assert!(
                    !starts_with(&other, pattern),
                    "{:?}",
                    core::str::from_utf8(&other)
                );
            }
            if len > 0 {
                assert!(!starts_with(&upper[..len - 1], pattern));
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_comparing_byte_by_byte(
            text in proptest::collection::vec(
                prop_oneof![Just(b'a'), Just(b'A'), Just(b'!'), Just(b'\x01'), any::<u8>()],
                0..70,
            ),
            pattern in proptest::collection::vec(
                prop_oneof![Just(b'a'), Just(b'!'), Just(b'\x21'), any::<u8>()],
                0..70,
            ),
            share in 0usize..70,
        ) {
            // Most pairs differ at once: let the text start with some of the pattern.
            let share = share.min(pattern.len()).min(text.len());
            let mut text = text;
            text[..share].copy_from_slice(&pattern[..share]);
            let folded = text.len() >= pattern.len()
                && text.iter().zip(&pattern).all(|(t, p)| t.to_ascii_lowercase() == *p);
            prop_assert_eq!(starts_with(&text, &pattern), folded);
        }
    }
}
