//! The sixteen-byte kernel with SSE2, which every x86-64 processor has.

use safe_arch::{
    bitand_m128i, bitor_m128i, cmp_eq_mask_i8_m128i, cmp_gt_mask_i8_m128i, cmp_lt_mask_i8_m128i,
    load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i,
};

/// Whether the sixteen bytes of `text`, their ASCII capitals lowered, are those of `pattern`.
/// The bytes from `A` to `Z` are found with two signed compares (bytes from `0x80` up are
/// negative, so no capitals) and get their `0x20` bit set; then one compare of all sixteen.
#[inline(always)]
pub(super) fn same16(text: &[u8; 16], pattern: &[u8; 16]) -> bool {
    let bytes = load_unaligned_m128i(text);
    let capital = bitand_m128i(
        cmp_gt_mask_i8_m128i(bytes, set_splat_i8_m128i(b'A' as i8 - 1)),
        cmp_lt_mask_i8_m128i(bytes, set_splat_i8_m128i(b'Z' as i8 + 1)),
    );
    let lowered = bitor_m128i(bytes, bitand_m128i(capital, set_splat_i8_m128i(0x20)));
    let equal = cmp_eq_mask_i8_m128i(lowered, load_unaligned_m128i(pattern));
    move_mask_i8_m128i(equal) == 0xffff
}
