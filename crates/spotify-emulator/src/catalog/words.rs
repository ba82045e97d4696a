//! Small word lists for synthetic names: real words, so a search by word finds things. And the
//! two helpers that put names and codes together ([`concat`], [`push_decimal`]).

pub(super) const ADJECTIVES: &[&str] = &[
    "Golden",
    "Silver",
    "Quiet",
    "Electric",
    "Midnight",
    "Velvet",
    "Broken",
    "Hidden",
    "Wild",
    "Gentle",
    "Crimson",
    "Frozen",
    "Burning",
    "Distant",
    "Lonely",
    "Bright",
    "Restless",
    "Secret",
    "Endless",
    "Hollow",
    "Northern",
    "Southern",
    "Summer",
    "Winter",
    "Paper",
    "Neon",
    "Blue",
    "Scarlet",
    "Falling",
    "Rising",
    "Sleeping",
    "Dancing",
    "Wandering",
    "Ancient",
    "Modern",
    "Little",
    "Great",
    "Lost",
    "Brave",
    "Sweet",
];

pub(super) const NOUNS: &[&str] = &[
    "River",
    "Mountain",
    "Garden",
    "Ocean",
    "City",
    "Heart",
    "Shadow",
    "Light",
    "Storm",
    "Harbor",
    "Forest",
    "Window",
    "Mirror",
    "Engine",
    "Lantern",
    "Meadow",
    "Highway",
    "Island",
    "Canyon",
    "Letter",
    "Promise",
    "Echo",
    "Dream",
    "Signal",
    "Compass",
    "Horizon",
    "Valley",
    "Tide",
    "Feather",
    "Thunder",
    "Orchard",
    "Station",
    "Bridge",
    "Candle",
    "Circus",
    "Desert",
    "Glacier",
    "Lighthouse",
    "Moon",
    "Sparrow",
];

pub(super) const FIRST_NAMES: &[&str] = &[
    "Anna", "Erik", "Maya", "Jonas", "Lena", "Oskar", "Clara", "Hugo", "Ida", "Felix", "Nora",
    "Axel", "Elsa", "Leo", "Alma", "Viktor", "Iris", "Sam", "Ruth", "Tomas",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Berg", "Lind", "Holm", "Strand", "Dahl", "Wood", "Rivers", "Stone", "Marsh", "Fields",
    "Brook", "Hale", "Frost", "Lake", "Moore", "Reed", "Shaw", "Vale", "West", "Young",
];

pub(super) const GENRES: &[&str] = &[
    "pop",
    "rock",
    "indie",
    "jazz",
    "folk",
    "electronic",
    "hip hop",
    "classical",
    "soul",
    "blues",
    "country",
    "metal",
    "ambient",
    "disco",
    "reggae",
    "punk",
];

pub(super) const LABELS: &[&str] = &[
    "Emulator Records",
    "Loopback Music",
    "Base62 Recordings",
    "Offline Sound",
    "Harbor Light Music",
    "North Star Records",
    "Paper Moon Music",
    "Velvet Tide Records",
];

pub(super) const PUBLISHERS: &[&str] = &[
    "Emulator Media",
    "Loopback Audio",
    "Quiet Harbor Productions",
    "Northern Light Press",
    "Compass Stories",
    "Lantern House",
];

pub(super) const CATEGORY_NAMES: &[&str] = &[
    "Focus", "Chill", "Workout", "Party", "Sleep", "Travel", "Dinner", "Mood",
];

/// The pieces one after another, in one allocation of the right size. The synthetic part makes
/// thousands of names, descriptions, labels and codes, and `format!` (which parses its template
/// and grows its buffer as it goes) was a quarter of its instructions. Inline, as the
/// generator's loops call it from another module.
#[inline]
pub(super) fn concat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|piece| piece.len()).sum());
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

/// 10^0 to 10^19: every power of ten a `u64` holds.
const POWERS_OF_TEN: [u64; 20] = {
    let mut powers = [1; 20];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// Appends `n` in decimal, zero-padded to at least `width` digits (at most 20): what
/// `{n:0width$}` writes, without the formatting machinery. For the codes derived from ids
/// (every track has an ISRC), where a `format!` was a synthetic track's largest cost.
#[inline]
pub(super) fn push_decimal(out: &mut String, n: u64, width: usize) {
    let digits = 1 + POWERS_OF_TEN[1..]
        .iter()
        .take_while(|&&power| power <= n)
        .count();
    for power in POWERS_OF_TEN[..digits.max(width.min(20))].iter().rev() {
        // A digit: below 10, so the cast keeps it.
        out.push(char::from(b'0' + (n / power % 10) as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_decimal_writes_what_format_writes() {
        let numbers = [0, 1, 9, 10, 42, 99_999, 100_000, 123_456_789_012, u64::MAX];
        for n in numbers {
            for width in [0, 1, 2, 5, 12, 20] {
                let mut out = "x".to_owned();
                push_decimal(&mut out, n, width);
                assert_eq!(out, format!("x{n:0width$}"), "{n} {width}");
            }
        }
        assert_eq!(concat(&["a", "", "bc"]), "abc");
        assert_eq!(concat(&[]), "");
    }
}
