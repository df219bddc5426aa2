//! The search for line ends: a mask of the newlines in a block of bytes, and the first newline.

/// How many bytes [`block_mask`] looks at: one bit of its mask for each. Four SSE2 compares;
/// against blocks of 16 and 32 bytes it was as fast on short replies and a little faster on
/// long lines.
pub(super) const BLOCK: usize = 64;

/// A mask of [`BLOCK`] bits.
pub(super) type Mask = u64;

/// One bit for each `\n` among the [`BLOCK`] bytes of `input` from `base`, from the lowest;
/// bytes past the end of `input` count as no newline.
#[inline(always)]
pub(super) fn block_mask(input: &[u8], base: usize) -> Mask {
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
/// [`Reply`](super::Reply) did not remember.
#[inline]
pub(super) fn find_newline(hay: &[u8]) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

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
}
