//! The sixteen-byte kernel with SSE2, which every x86-64 processor has.

use safe_arch::{
    cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i,
};

/// One bit for each `\n` among the sixteen bytes, from the lowest: one compare of all sixteen
/// bytes with sixteen newlines, and the top bit of each result byte gathered into a mask.
#[inline(always)]
pub(super) fn newline_mask(bytes: &[u8; 16]) -> u32 {
    let newlines = set_splat_i8_m128i(b'\n' as i8);
    let equal = cmp_eq_mask_i8_m128i(load_unaligned_m128i(bytes), newlines);
    move_mask_i8_m128i(equal) as u32
}
