//! Markets: the ISO 3166-1 alpha-2 codes (plus `XK`, Kosovo, which Spotify uses), and a
//! compact set of them for `available_markets` (a 256-bit set, so 100,000 tracks cost 3 MB).

/// Every code a `market` parameter may name, sorted (as Spotify lists `available_markets`).
pub(crate) const MARKETS: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

/// The markets where Spotify sells audiobooks, and so serves audiobooks and chapters: the US,
/// the UK, Canada, Ireland, New Zealand and Australia (the spec's descriptions of the audiobook
/// and chapter operations).
pub(crate) const AUDIOBOOK_MARKETS: &[&str] = &["AU", "CA", "GB", "IE", "NZ", "US"];

/// The index of `code` in [`MARKETS`]: one look in [`BY_LETTERS`]. Reading the fixtures looks
/// up tens of thousands of codes (every `available_markets` list), and a binary search of the
/// list cost a string comparison per step.
fn index(code: &str) -> Option<usize> {
    let &[first, second] = code.as_bytes() else {
        return None;
    };
    let letter = |byte: u8| byte.is_ascii_uppercase().then(|| usize::from(byte - b'A'));
    let slot = BY_LETTERS[letter(first)? * 26 + letter(second)?];
    (slot != NOT_A_MARKET).then_some(usize::from(slot))
}

/// A slot of [`BY_LETTERS`] whose two letters are not a market.
const NOT_A_MARKET: u8 = u8::MAX;

/// Every pair of capital letters (`AA` at 0, `AB` at 1, … `ZZ` at 675) → its index in
/// [`MARKETS`], or [`NOT_A_MARKET`]. Made at compile time.
const BY_LETTERS: [u8; 26 * 26] = {
    assert!(MARKETS.len() < NOT_A_MARKET as usize);
    let mut table = [NOT_A_MARKET; 26 * 26];
    let mut i = 0;
    while i < MARKETS.len() {
        let code = MARKETS[i].as_bytes();
        table[(code[0] - b'A') as usize * 26 + (code[1] - b'A') as usize] = i as u8;
        i += 1;
    }
    table
};

/// Whether `code` is a market code (upper case, in [`MARKETS`]).
pub(crate) fn is_market(code: &str) -> bool {
    index(code).is_some()
}

/// A set of markets.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct MarketSet([u64; 4]);

impl MarketSet {
    /// Every market.
    pub(crate) const fn all() -> Self {
        Self::ALL
    }

    /// Every market, worked out once at compile time (most content is sold everywhere, and a
    /// rendered list compares its set with this one).
    const ALL: Self = {
        let mut words = [0_u64; 4];
        let mut i = 0;
        while i < MARKETS.len() {
            words[i / 64] |= 1 << (i % 64);
            i += 1;
        }
        Self(words)
    };

    /// The markets of [`AUDIOBOOK_MARKETS`].
    pub(crate) fn audiobooks() -> Self {
        Self::from_codes(AUDIOBOOK_MARKETS.iter().copied())
    }

    /// The markets among `codes` (unknown codes are ignored).
    pub(crate) fn from_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = Self::default();
        for code in codes {
            set.insert(code);
        }
        set
    }

    /// Adds `code` (ignored if it is not a market).
    pub(crate) fn insert(&mut self, code: &str) {
        if let Some(i) = index(code) {
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    /// Removes `code`.
    pub(crate) fn remove(&mut self, code: &str) {
        if let Some(i) = index(code) {
            self.0[i / 64] &= !(1 << (i % 64));
        }
    }

    /// Whether `code` is in the set.
    pub(crate) fn contains(&self, code: &str) -> bool {
        index(code).is_some_and(|i| self.0[i / 64] & (1 << (i % 64)) != 0)
    }

    /// Whether the set is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }

    /// Every market in either set.
    pub(crate) fn union(self, other: Self) -> Self {
        let mut out = self;
        for (a, b) in out.0.iter_mut().zip(other.0) {
            *a |= b;
        }
        out
    }

    /// Every market in both sets.
    pub(crate) fn intersection(self, other: Self) -> Self {
        let mut out = self;
        for (a, b) in out.0.iter_mut().zip(other.0) {
            *a &= b;
        }
        out
    }

    /// Every market not in the set.
    pub(crate) fn complement(self) -> Self {
        let all = Self::all();
        let mut out = self;
        for (a, b) in out.0.iter_mut().zip(all.0) {
            *a = !*a & b;
        }
        out
    }

    /// The codes, sorted.
    pub(crate) fn codes(&self) -> Codes {
        Codes {
            left: self.0,
            word: 0,
        }
    }
}

/// The codes of a [`MarketSet`], sorted: its set bits, lowest first, one step per code (not
/// one per market of the world).
#[derive(Clone, Debug)]
pub(crate) struct Codes {
    /// The bits not yet given.
    left: [u64; 4],
    /// The word of `left` being read.
    word: usize,
}

impl Iterator for Codes {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        while let Some(bits) = self.left.get_mut(self.word) {
            if *bits == 0 {
                self.word += 1;
                continue;
            }
            let bit = bits.trailing_zeros() as usize;
            *bits &= *bits - 1;
            // Only bits of `MARKETS` indices are ever set, so the lookup always succeeds.
            return MARKETS.get(self.word * 64 + bit).copied();
        }
        None
    }
}

impl std::fmt::Debug for MarketSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.codes()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markets_are_sorted_and_fit_the_set() {
        assert!(MARKETS.windows(2).all(|w| w[0] < w[1]));
        assert!(MARKETS.len() <= 256);
        assert!(is_market("SE") && is_market("XK"));
        assert!(!is_market("se") && !is_market("XX") && !is_market("SWE") && !is_market("É"));
    }

    /// Every two-byte text (and a few others): the table finds a code exactly where the sorted
    /// list has it.
    #[test]
    fn the_table_agrees_with_the_list() {
        for first in 0..=u8::MAX {
            for second in 0..=u8::MAX {
                let bytes = [first, second];
                let Ok(code) = std::str::from_utf8(&bytes) else {
                    continue;
                };
                assert_eq!(index(code), MARKETS.binary_search(&code).ok(), "{code:?}");
            }
        }
        for other in ["", "S", "SEE", "ÉS"] {
            assert_eq!(index(other), None);
        }
    }

    #[test]
    fn sets() {
        let mut set = MarketSet::from_codes(["SE", "GB", "nope", "AD"]);
        assert_eq!(set.codes().collect::<Vec<_>>(), ["AD", "GB", "SE"]);
        set.remove("GB");
        assert!(!set.contains("GB") && set.contains("SE"));
        assert!(MarketSet::all().codes().eq(MARKETS.iter().copied()));
        // The first and last code of each 64-bit word, and the very last market.
        let edges = [0, 63, 64, 127, 128, 191, 192, MARKETS.len() - 1].map(|i| MARKETS[i]);
        assert!(MarketSet::from_codes(edges).codes().eq(edges));
        assert!(set.complement().contains("GB") && !set.complement().contains("SE"));
        assert!(MarketSet::default().is_empty());
        assert_eq!(set.union(set.complement()), MarketSet::all());
        assert!(set.intersection(set.complement()).is_empty());
        let books = MarketSet::audiobooks();
        assert_eq!(
            books.codes().collect::<Vec<_>>(),
            ["AU", "CA", "GB", "IE", "NZ", "US"]
        );
        assert_eq!(
            MarketSet::all().intersection(books),
            books,
            "every audiobook market is a market"
        );
    }
}
