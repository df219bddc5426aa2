//! The sixteen-byte printable test with SSE2, which every x86-64 processor has.

use safe_arch::{
    bitor_m128i, cmp_eq_mask_i8_m128i, cmp_lt_mask_i8_m128i, load_unaligned_m128i,
    move_mask_i8_m128i, set_splat_i8_m128i,
};

/// Whether none of the sixteen bytes is a control character, DEL or not ASCII.
#[inline(always)]
pub(super) fn block_is_printable(block: &[u8; 16]) -> bool {
    let x = load_unaligned_m128i(block);
    // As signed bytes, everything from 0x80 up is negative, so "below 0x20" catches the
    // bytes that are not ASCII too; DEL is the one other byte to refuse.
    let below = cmp_lt_mask_i8_m128i(x, set_splat_i8_m128i(0x20));
    let del = cmp_eq_mask_i8_m128i(x, set_splat_i8_m128i(0x7f));
    move_mask_i8_m128i(bitor_m128i(below, del)) == 0
}
