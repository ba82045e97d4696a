//! Checks of eight bytes at once, as one `u64` read little-endian ("SIMD within a register"):
//! what the reader, the market scan and the ID check share.

/// `0x01` in every byte: times a byte, that byte in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of every byte.
pub(crate) const HIGH: u64 = ONES * 0x80;

/// Per byte of `word`, its high bit set when `low <= byte <= high` and every other bit clear.
/// Every byte of `word` must be ASCII (below 0x80), which the caller checks: then no sum
/// carries out of its byte. A zero byte is out of any range that starts above zero.
#[inline(always)]
pub(crate) const fn within(word: u64, low: u8, high: u8) -> u64 {
    let at_least = word.wrapping_add(ONES * (0x80 - low as u64));
    let above = word.wrapping_add(ONES * (0x7F - high as u64));
    at_least & !above & HIGH
}
