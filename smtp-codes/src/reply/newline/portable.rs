//! The sixteen-byte kernel for any target, two 64-bit words at a time.
// On SSE2 builds only the tests call it, to check it against the SSE2 kernel.
#![cfg_attr(not(test), allow(dead_code))]

/// One bit for each `\n` among the sixteen bytes, from the lowest.
#[inline(always)]
pub(super) fn newline_mask(bytes: &[u8; 16]) -> u32 {
    let (low, high) = bytes.split_at(8);
    word_mask(low.first_chunk()) | word_mask(high.first_chunk()) << 8
}

/// One bit for each `\n` among eight bytes (none if there are none to read).
#[inline(always)]
fn word_mask(bytes: Option<&[u8; 8]>) -> u32 {
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    // Gathers the top bit of each byte into the top byte, lowest byte's bit lowest.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let Some(bytes) = bytes else { return 0 };
    let x = u64::from_le_bytes(*bytes) ^ NEWLINES;
    // The top bit of each byte set exactly where the byte of `x` is zero.
    let zero = !(((x & LOW7) + LOW7) | x | LOW7);
    ((zero >> 7).wrapping_mul(GATHER) >> 56) as u32
}
