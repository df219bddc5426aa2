//! Whether text is all printable ASCII (0x20 to 0x7E), the writer's common case: sixteen
//! bytes at a time with SSE2 where the target has it, eight at a time otherwise.

/// Whether every byte is printable ASCII.
#[inline]
pub(super) fn is_printable_ascii(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        if !block_is_printable(block.first_chunk().unwrap_or(&[0; 16])) {
            return false;
        }
    }
    let rest = blocks.remainder();
    if rest.is_empty() {
        return true;
    }
    // The last sixteen bytes, overlapping bytes already seen, when there are that many.
    match bytes.last_chunk::<16>() {
        Some(last) => block_is_printable(last),
        None => words_are_printable(rest),
    }
}

// The sixteen-byte test: SSE2 where the target has it, else the portable words.
by_kernel! {
    sse2 {
        mod sse2;
        use sse2::block_is_printable;
    }
    portable {
        #[inline(always)]
        fn block_is_printable(block: &[u8; 16]) -> bool {
            words_are_printable(block)
        }
    }
}

/// The portable test, eight bytes at a time, then byte by byte.
fn words_are_printable(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let x = u64::from_ne_bytes(*word.first_chunk().unwrap_or(&[0; 8]));
        // A byte below 0x20 borrows through its high bit when 0x20 is taken from it, and a
        // byte above 0x7E sets its high bit when 1 is added to it (or has it set already).
        // Both are exact for bytes whose high bit is clear, and the second catches the rest.
        let below = x.wrapping_sub(ONES * 0x20) & !x;
        let above = x.wrapping_add(ONES) | x;
        if (below | above) & HIGH != 0 {
            return false;
        }
    }
    words
        .remainder()
        .iter()
        .all(|b| b.wrapping_sub(0x20) < 0x5f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position of texts of every length up to 40 bytes, against
    /// the plain definition.
    #[test]
    fn agrees_with_the_definition() {
        for len in 0..40 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut text = [b'a'; 40];
                    text[at] = b;
                    let text = &text[..len];
                    let expected = text.iter().all(|b| (0x20..0x7f).contains(b));
                    assert_eq!(is_printable_ascii(text), expected, "{len} {at} {b:#x}");
                    assert_eq!(words_are_printable(text), expected, "{len} {at} {b:#x}");
                }
            }
        }
        assert!(is_printable_ascii(b""));
    }
}
