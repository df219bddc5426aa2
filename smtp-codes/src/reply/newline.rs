//! The search for line ends: a mask of the newlines in a block of bytes, and the first newline.
//!
//! The parser wants to know where the newlines are, not to look at each byte: [`block_mask`]
//! gives one bit for each byte of a [`BLOCK`] of 64, set where the byte is `\n`, so a line end
//! is the lowest set bit and the next one is found by clearing it, however many lines the
//! block holds. A block is four sixteen-byte parts, and a part's mask comes from the kernel
//! for the target, chosen below and nowhere else: SSE2 compares the sixteen bytes at once, the
//! portable kernel tests two 64-bit words for zero bytes after an exclusive or with newlines.
//! No load reaches past the input: where fewer bytes are left than a block or a part holds,
//! the block or part that ends the input is read instead and the bits of the bytes before
//! `base` are shifted out; only an input shorter than one part is padded with zeros, which
//! are no newlines, read as two overlapping words ([`padded`]).

mod portable;

// The kernel: SSE2 where the target has it (every x86-64 does), else the portable one, which
// `--cfg smtp_codes_portable` also picks, so that the tests can run it on x86-64.
by_kernel! {
    sse2 {
        mod sse2;
        use sse2::newline_mask;
    }
    portable {
        use portable::newline_mask;
    }
}

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
    if let Some(block) = input.get(base..).and_then(<[u8]>::first_chunk) {
        return full_block_mask(block);
    }
    let rest = input.len().saturating_sub(base);
    if rest == 0 {
        return 0;
    }
    // Fewer than BLOCK bytes are left: take the BLOCK bytes that end the input, and drop the
    // flags of those before `base`.
    if let Some(block) = input.last_chunk() {
        return full_block_mask(block) >> (BLOCK - rest);
    }
    // The whole input is shorter than a block, so it is read by parts. Copying it into a
    // zeroed block instead, to share the full-block path, doubled the time of a one-line reply
    // (`scripts/bench one_line`: 14.6 to 16.8 ns against 6.5); reading every tail by parts,
    // not just this one, made the three-line reply take 28.7 ns against 16.8.
    let mut mask = 0;
    for i in 0..BLOCK / 16 {
        mask |= Mask::from(part_mask(input, base + 16 * i)) << (16 * i);
    }
    mask
}

/// One bit for each `\n` among the [`BLOCK`] bytes of `block`.
#[inline(always)]
fn full_block_mask(block: &[u8; BLOCK]) -> Mask {
    let mut mask = 0;
    for (i, part) in block.chunks_exact(16).enumerate() {
        if let Some(part) = part.first_chunk() {
            mask |= Mask::from(newline_mask(part)) << (16 * i);
        }
    }
    mask
}

/// One bit for each `\n` among the sixteen bytes of `input` from `base`, from the lowest;
/// bytes past the end of `input` count as no newline.
#[inline(always)]
fn part_mask(input: &[u8], base: usize) -> u32 {
    if let Some(part) = input.get(base..).and_then(<[u8]>::first_chunk) {
        return newline_mask(part);
    }
    let rest = input.len().saturating_sub(base);
    if rest == 0 {
        return 0;
    }
    // Fewer than sixteen bytes are left: take the sixteen that end the input, and drop the
    // flags of those before `base`.
    if let Some(part) = input.last_chunk() {
        return newline_mask(part) >> (16 - rest);
    }
    newline_mask(&padded(input.get(base..).unwrap_or_default()))
}

/// `bytes`, fewer than sixteen, followed by zeros to make sixteen. The bytes are read as two
/// overlapping words rather than copied: a copy of a variable length goes through `memcpy`,
/// and the sixteen-byte load after it stalls until the copy's stores are done, which made
/// `250 2.1.5 Ok\r\n` take twice as long as a reply of thirty-six bytes.
#[inline(always)]
fn padded(bytes: &[u8]) -> [u8; 16] {
    // The first bytes and the last ones, each read as one word, the last moved up to where
    // they are: the bytes read twice are the same in both words, and those past the end zero.
    let at = |word: u128, start: usize| word.checked_shl(8 * start as u32).unwrap_or(0);
    let n = bytes.len();
    let word = if let (Some(first), Some(last)) = (bytes.first_chunk(), bytes.last_chunk()) {
        u128::from(u64::from_le_bytes(*first)) | at(u64::from_le_bytes(*last).into(), n - 8)
    } else if let (Some(first), Some(last)) = (bytes.first_chunk(), bytes.last_chunk()) {
        u128::from(u32::from_le_bytes(*first)) | at(u32::from_le_bytes(*last).into(), n - 4)
    } else {
        bytes
            .iter()
            .rev()
            .fold(0, |word, &b| word << 8 | u128::from(b))
    };
    word.to_le_bytes()
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
                    // The portable kernel too, whichever one the build uses.
                    assert_eq!(
                        portable::newline_mask(&block),
                        expected,
                        "{fill} {at} {byte}"
                    );
                }
            }
        }
    }

    #[test]
    fn padded_keeps_every_byte_in_place_and_zeros_the_rest() {
        // Distinct bytes, none zero, so that a byte read from the wrong place shows.
        let bytes: Vec<u8> = (1..=15).collect();
        for n in 0..16 {
            let part = padded(&bytes[..n]);
            assert_eq!(&part[..n], &bytes[..n], "{n}");
            assert!(part[n..].iter().all(|&b| b == 0), "{n}: {part:?}");
        }
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
