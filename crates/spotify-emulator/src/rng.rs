//! The one seeded generator of the emulator (SplitMix64): small, fast, and giving the same
//! draws for the same seed on every platform and with every version of any crate, which the
//! synthetic catalogue, shuffles, top items and probabilistic faults all promise.

/// Advances `state` by one step and returns the draw.
pub(crate) fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    /// The reference sequence of SplitMix64 from seed 0 (Vigna's C code), so that no change
    /// of this function silently changes every seeded catalogue.
    #[test]
    fn the_sequence_is_splitmix64s() {
        let mut state = 0;
        let draws: Vec<u64> = (0..3).map(|_| super::next(&mut state)).collect();
        assert_eq!(
            draws,
            [
                0xe220_a839_7b1d_cdaf,
                0x6e78_9e6a_a1b9_65f4,
                0x06c4_5d18_8009_454f
            ]
        );
    }
}
