//! Markets: the country whose catalogue rules apply to a request.

use std::fmt;
use std::str::FromStr;

use crate::error::{ArgumentProblem, Error, Result};

/// A market: an ISO 3166-1 alpha-2 country code, or the user's own country.
///
/// Giving a market turns on track relinking: Spotify then says whether each track
/// `is_playable` there, and replaces unplayable ones by playable copies (`linked_from`).
///
/// ```
/// use spotify_web_api::Market;
///
/// assert_eq!("se".parse::<Market>()?, Market::country("SE")?);
/// assert_eq!(Market::FromToken.as_str(), "from_token");
/// assert!("Sweden".parse::<Market>().is_err());
/// # Ok::<(), spotify_web_api::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Market {
    /// The country of the user whose token is used (`market=from_token`). With a
    /// client-credentials token, Spotify has no user country to use.
    FromToken,
    /// A country, as an upper-case ISO 3166-1 alpha-2 code.
    Country(CountryCode),
}

/// An upper-case ISO 3166-1 alpha-2 code, such as `SE`: two bytes, copied freely.
///
/// Models list markets with it (`available_markets`), so a track's 185 markets cost no
/// allocation each, and any of them can be passed on as a [`Market`]:
///
/// ```
/// use spotify_web_api::CountryCode;
///
/// let code: CountryCode = "se".parse()?;
/// assert_eq!(code, "SE");
/// assert_eq!(code.to_string(), "SE");
/// assert!("SWE".parse::<CountryCode>().is_err());
/// # Ok::<(), spotify_web_api::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// The code of two ASCII letters (either case), upper-cased; `None` for anything else.
    pub fn new(code: &str) -> Option<CountryCode> {
        match code.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Some(CountryCode([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
            ])),
            _ => None,
        }
    }

    /// The code, e.g. `"SE"`.
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for CountryCode {
    type Err = Error;
    /// Two ASCII letters, either case.
    fn from_str(code: &str) -> Result<CountryCode> {
        CountryCode::new(code).ok_or(Error::InvalidArgument {
            name: "market",
            problem: ArgumentProblem::NotACountryCode,
        })
    }
}

impl PartialEq<str> for CountryCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CountryCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl crate::lenient::Scalar for CountryCode {
    const EXPECTING: &'static str = "a country code";
    fn from_str(code: &str) -> Option<Self> {
        CountryCode::new(code)
    }
}

impl crate::lenient::Lenient for CountryCode {
    fn lenient<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<Self>, D::Error> {
        d.deserialize_any(crate::lenient::ScalarVisitor::<CountryCode>::new())
    }

    /// `available_markets` lists up to ~185 codes, twice in a track (its own and its
    /// album's): nearly half the work of decoding one. The list is captured as text and
    /// scanned in one tight loop; anything but plain `"XX"` strings (escapes, other kinds,
    /// `null` slots...) is decoded again the general way, with the same result.
    fn lenient_list<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<Vec<Self>>, D::Error> {
        use serde::Deserialize as _;
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        if let Some((codes, _)) = scan_codes(raw.get()) {
            return Ok(Some(codes));
        }
        let mut de = serde_json::Deserializer::from_str(raw.get());
        crate::lenient::general_list(&mut de).map_err(serde::de::Error::custom)
    }

    fn read(
        reader: &mut crate::lenient::Reader<'_>,
    ) -> std::result::Result<Option<Self>, crate::lenient::Bail> {
        reader.scalar()
    }

    /// The same scan, in place: a list it cannot take is read element by element.
    fn read_list(
        reader: &mut crate::lenient::Reader<'_>,
    ) -> std::result::Result<Option<Vec<Self>>, crate::lenient::Bail> {
        reader.can_enter()?;
        if let Some((codes, len)) = scan_codes(reader.rest()?) {
            reader.advance(len);
            return Ok(Some(codes));
        }
        reader.list()
    }
}

/// The two ASCII letters of `pair` (either case, the first in the low byte), upper-cased,
/// both checked at once; `None` unless both are letters.
#[inline(always)]
fn letters(pair: u16) -> Option<CountryCode> {
    let word = u64::from(pair);
    let upper = word & !0x2020;
    // Both ASCII, and both in `A..=Z` once upper-cased.
    if word & 0x8080 == 0 && crate::swar::within(upper, b'A', b'Z') & 0x8080 == 0x8080 {
        Some(CountryCode((upper as u16).to_le_bytes()))
    } else {
        None
    }
}

/// The masks of eight codes of the compact form, `"XX",` eight times (40 bytes), as five
/// little-endian words: where the quotes and commas are and what they must be, and where the
/// letters are.
const BLOCK: ([u64; 5], [u64; 5], [u64; 5]) = {
    let (mut marks, mut values, mut letters) = ([0; 5], [0; 5], [0; 5]);
    let mut at = 0;
    while at < 40 {
        let (word, shift) = (at / 8, (at % 8) * 8);
        match at % 5 {
            0 | 3 => {
                marks[word] |= 0xFF << shift;
                values[word] |= (b'"' as u64) << shift;
            }
            4 => {
                marks[word] |= 0xFF << shift;
                values[word] |= (b',' as u64) << shift;
            }
            _ => letters[word] |= 0xFF << shift,
        }
        at += 1;
    }
    (marks, values, letters)
};

/// Eight codes of the compact form at once (`"XX",` eight times), upper-cased; `None` unless
/// all forty bytes are exactly that, with ASCII letters of either case.
#[inline(always)]
fn eight_codes(block: &[u8; 40]) -> Option<[CountryCode; 8]> {
    use crate::swar::{HIGH, ONES, within};
    let (marks, values, letters) = BLOCK;
    let mut bad = 0;
    for (word, at) in block.as_chunks::<8>().0.iter().zip(0..5) {
        let word = u64::from_le_bytes(*word);
        bad |= (word & marks[at]) ^ values[at];
        // Per letter byte: ASCII, and in `A..=Z` once upper-cased (as in `letters`). The
        // other bytes are cleared, and a byte that is not ASCII fails already.
        let letter = word & letters[at];
        let high = letters[at] & HIGH;
        bad |= letter & HIGH;
        bad |= (within(letter & !(ONES * 0x20), b'A', b'Z') & high) ^ high;
    }
    if bad != 0 {
        return None;
    }
    let mut codes = [CountryCode([0; 2]); 8];
    for (code, at) in codes.iter_mut().zip((1..40).step_by(5)) {
        let pair = block.get(at..at + 2)?;
        *code = CountryCode([pair[0] & !0x20, pair[1] & !0x20]);
    }
    Some(codes)
}

/// A JSON array of two-letter strings at the start of `text`, read without a parser, and the
/// length of its text; `None` for anything else.
///
/// Spotify sends the compact form, `["AD","AR",...]`: each code is read in one step of five
/// bytes (the code and what follows it); JSON whitespace between tokens is accepted too. What
/// it takes is valid JSON: two letters between quotes need no escape.
fn scan_codes(text: &str) -> Option<(Vec<CountryCode>, usize)> {
    let bytes = text.as_bytes();
    let space = |byte: &u8| matches!(byte, b' ' | b'\n' | b'\r' | b'\t');
    let skip_space = |mut at: usize| {
        while bytes.get(at).is_some_and(space) {
            at += 1;
        }
        at
    };
    if bytes.first() != Some(&b'[') {
        return None;
    }
    // The codes are gathered on the stack and the list made at its end, exactly as long as it
    // is: `text` may go on after the list (the reader's rest of the body), so its length says
    // nothing. There are fewer than 256 countries; a longer list is left to the general path.
    let mut gathered = [CountryCode([0; 2]); 256];
    let mut count = 0;
    let mut at = skip_space(1);
    if bytes.get(at) == Some(&b']') {
        return Some((Vec::new(), at + 1));
    }
    // Eight codes at a time, while whole blocks of the compact form follow.
    while let Some(block) = bytes.get(at..).and_then(<[u8]>::first_chunk::<40>)
        && let Some(codes) = eight_codes(block)
    {
        gathered.get_mut(count..count + 8)?.copy_from_slice(&codes);
        count += 8;
        at += 40;
    }
    let mut push = |code: CountryCode| -> Option<()> {
        *gathered.get_mut(count)? = code;
        count += 1;
        Some(())
    };
    let end = loop {
        // The compact form, eight bytes at a time: `"XX",` and the start of the next code.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().ok()?);
            // Bytes 0 and 3 quotes, byte 4 a comma.
            if word & 0xFF_FF00_00FF != 0x2C_2200_0022 {
                break;
            }
            push(letters((word >> 8) as u16)?)?;
            at += 5;
        }
        // Whitespace may follow the comma of a code read above.
        at = skip_space(at);
        let [b'"', a, b, b'"', after] = *bytes.get(at..at + 5)? else {
            return None;
        };
        push(letters(u16::from_le_bytes([a, b]))?)?;
        at += 5;
        match after {
            b',' => {}
            b']' => break at,
            _ => {
                // Whitespace after the code, then the comma or the end.
                at = skip_space(at - 1);
                match bytes.get(at)? {
                    b',' => at += 1,
                    b']' => break at + 1,
                    _ => return None,
                }
            }
        }
        if bytes.get(at).is_some_and(space) {
            at = skip_space(at);
        }
    };
    Some((gathered.get(..count)?.to_vec(), end))
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Market {
    /// The market of a country code; lower case is accepted.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] unless `code` is two ASCII letters.
    pub fn country(code: &str) -> Result<Market> {
        code.parse().map(Market::Country)
    }

    /// The value sent on the wire: `SE` or `from_token`.
    pub fn as_str(&self) -> &str {
        match self {
            Market::FromToken => "from_token",
            Market::Country(code) => code.as_str(),
        }
    }
}

impl fmt::Display for Market {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Market {
    type Err = Error;
    fn from_str(s: &str) -> Result<Market> {
        if s.eq_ignore_ascii_case("from_token") {
            Ok(Market::FromToken)
        } else {
            Market::country(s)
        }
    }
}

/// Anything a `.market(..)` setter accepts: a [`Market`] or a string to parse. A parse error
/// waits in the builder until the request is awaited.
pub trait IntoMarket {
    /// Parses (or passes through) the market.
    fn into_market(self) -> Result<Market>;
}

impl IntoMarket for Market {
    fn into_market(self) -> Result<Market> {
        Ok(self)
    }
}

impl IntoMarket for &str {
    fn into_market(self) -> Result<Market> {
        self.parse()
    }
}

impl IntoMarket for String {
    fn into_market(self) -> Result<Market> {
        self.parse()
    }
}

impl IntoMarket for CountryCode {
    fn into_market(self) -> Result<Market> {
        Ok(Market::Country(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lenient::{Lenient, general_list};

    #[test]
    fn two_letters_are_checked_at_once_as_one_at_a_time() {
        for a in 0..=u8::MAX {
            for b in 0..=u8::MAX {
                let one_at_a_time = (a.is_ascii_alphabetic() && b.is_ascii_alphabetic())
                    .then(|| CountryCode([a.to_ascii_uppercase(), b.to_ascii_uppercase()]));
                assert_eq!(
                    letters(u16::from_le_bytes([a, b])),
                    one_at_a_time,
                    "{a:#04x} {b:#04x}"
                );
            }
        }
    }

    /// Eight codes one at a time, as the scan reads the last few of a list.
    fn one_code_at_a_time(block: &[u8; 40]) -> Option<Vec<CountryCode>> {
        block
            .chunks(5)
            .map(|code| match *code {
                [b'"', a, b, b'"', b','] => letters(u16::from_le_bytes([a, b])),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn eight_codes_are_checked_at_once_as_one_at_a_time() {
        let valid: [u8; 40] = *br#""AD","se","Zz","aZ","GB","US","UY","MX","#;
        assert_eq!(
            eight_codes(&valid).map(Vec::from),
            one_code_at_a_time(&valid)
        );
        assert!(eight_codes(&valid).is_some());
        // Every byte of the block, set to every value.
        for at in 0..40 {
            for byte in 0..=u8::MAX {
                let mut block = valid;
                block[at] = byte;
                assert_eq!(
                    eight_codes(&block).map(Vec::from),
                    one_code_at_a_time(&block),
                    "byte {at} = {byte:#04x}"
                );
            }
        }
    }

    #[test]
    fn a_bad_code_anywhere_in_a_long_list_leaves_it_to_the_general_path() {
        let codes: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    "\"{}{}\"",
                    char::from(b'A' + i % 26),
                    char::from(b'a' + i / 2)
                )
            })
            .collect();
        let good = format!("[{}]", codes.join(","));
        let (read, len) = scan_codes(&good).expect("a plain list");
        assert_eq!(len, good.len());
        assert_eq!(read.len(), 30);
        assert_eq!(read[29], "DO");
        for at in 0..30 {
            for bad in [
                "\"A1\"",
                "\"A\"",
                "\"AB \"",
                "null",
                r#""\u00c9A""#,
                "\"ÉA\"",
            ] {
                let mut codes = codes.clone();
                codes[at] = bad.to_owned();
                let text = format!("[{}]", codes.join(","));
                assert!(scan_codes(&text).is_none(), "{text}");
            }
            let mut spaced = codes.clone();
            spaced[at] = format!(" {} ", codes[at]);
            let text = format!("[{}]", spaced.join(","));
            assert_eq!(
                scan_codes(&text).map(|(read, _)| read),
                Some(read.clone()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_market_list_reads_the_same_fast_or_the_general_way() {
        let lists = [
            r#"["AD","AE","se"]"#,
            r#"[ "AD" , "AE"
                ,"SE" ]"#,
            r#"["AD" ]"#,
            "[\"AD\"\n]",
            "[\"AD\",\n\t\"SE\"]",
            r#"["zz","Zz"]"#,
            "[]",
            "[ ]",
            // Each of these leaves the fast path.
            r#"["AD",null,"SE"]"#,
            r#"["\u0053E","AD"]"#,
            r#"["SWE","AD",7,"s",{"x":"AD"},["AD"]]"#,
            r#"["A€","AD"]"#,
            r#"["A@","AD"]"#,
            r#"["a1","[]"]"#,
            "null",
            r#"{"AD":1}"#,
            r#""AD""#,
            "3",
        ];
        for text in lists {
            let fast =
                CountryCode::lenient_list(&mut serde_json::Deserializer::from_str(text)).unwrap();
            let general =
                general_list::<CountryCode, _>(&mut serde_json::Deserializer::from_str(text))
                    .unwrap();
            assert_eq!(fast, general, "{text}");
        }
        let from_value =
            <Vec<CountryCode> as Lenient>::lenient(serde_json::json!(["AD", "se", null, "SWE"]))
                .unwrap();
        assert_eq!(
            from_value.unwrap(),
            [CountryCode(*b"AD"), CountryCode(*b"SE")]
        );
        assert_eq!(
            CountryCode::lenient_list(&mut serde_json::Deserializer::from_str(r#"["AD","SE"]"#))
                .unwrap()
                .unwrap(),
            [CountryCode(*b"AD"), CountryCode(*b"SE")]
        );
        // In place (the reader's way), the scan stops after its list and says where; a bad
        // code anywhere in a long list leaves the whole list to the general path.
        let text = r#"["AD","AE","AF","se","SG","SH","SI"],"next":1"#;
        let (codes, len) = scan_codes(text).unwrap();
        assert_eq!(codes.len(), 7);
        assert_eq!(codes[3], "SE");
        assert_eq!(&text[len..], r#","next":1"#);
        assert_eq!(codes.capacity(), 7, "exactly as long as the list");
        let long = format!("[{}\"SE\"]", "\"AD\",".repeat(256));
        assert!(scan_codes(&long).is_none(), "more codes than countries");
        let full = format!("[{}\"SE\"]", "\"AD\",".repeat(255));
        assert_eq!(scan_codes(&full).map(|(codes, _)| codes.len()), Some(256));
        for bad in [
            r#"["AD","AE","AF","A1","SG","SH"]"#,
            r#"["AD","AE","AF","SG"."SH","SI"]"#,
            r#"["AD","AE","AF","SG","SH","S"]"#,
        ] {
            assert!(scan_codes(bad).is_none(), "{bad}");
        }
        // The scan itself takes the plain lists, with or without whitespace, and leaves
        // everything else to the general path.
        for plain in [
            r#"["AD","se"]"#,
            r#"[ "AD" , "SE" ]"#,
            "[\"AD\"\n]",
            "[]",
            "[ ]",
        ] {
            assert!(scan_codes(plain).is_some(), "{plain}");
        }
        for other in [
            r#"["AD" "SE"]"#,
            r#"["AD""SE"]"#,
            r#"["AD",]"#,
            r#"["AD""#,
            r#"["A@"]"#,
            r#"["\u0053E"]"#,
            r#"["AD",null]"#,
            r#"["SWE"]"#,
            "null",
        ] {
            assert!(scan_codes(other).is_none(), "{other}");
        }
        // Broken JSON is still an error.
        for broken in [
            r#"["AD","#,
            r#"["AD",]"#,
            r#"["AD""#,
            r#"["AD" "SE"]"#,
            r#"["AD""SE"]"#,
        ] {
            assert!(
                CountryCode::lenient_list(&mut serde_json::Deserializer::from_str(broken)).is_err(),
                "{broken}"
            );
        }
    }
}
