//! The sixteen-byte kernel for any target, two 64-bit words at a time.
// On SSE2 builds only the tests call its `same16`, to check it against the SSE2 kernel.
#![cfg_attr(not(test), allow(dead_code))]

/// Whether the sixteen bytes of `text`, their ASCII capitals lowered, are those of `pattern`.
#[inline(always)]
pub(super) fn same16(text: &[u8; 16], pattern: &[u8; 16]) -> bool {
    let word = |bytes: &[u8; 16], at: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    lower8(word(text, 0)) == word(pattern, 0) && lower8(word(text, 8)) == word(pattern, 8)
}

/// Eight bytes with their ASCII capitals lowered. A byte's top bit comes out set where its low
/// seven bits are at least `A` and not above `Z` and it is ASCII; that bit, moved to `0x20`,
/// lowers it.
#[inline]
pub(super) fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = x & (0x7f * ONES);
    let at_least_a = low7 + (0x80 - u64::from(b'A')) * ONES;
    let above_z = low7 + (0x7f - u64::from(b'Z')) * ONES;
    let capital = at_least_a & !above_z & !x & (0x80 * ONES);
    x | (capital >> 2)
}
