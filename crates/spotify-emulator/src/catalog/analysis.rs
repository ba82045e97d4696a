//! The one audio analysis body the catalogue serves for every track, read on first use.
//!
//! The fixture `audio-analysis.json` is half of all the fixtures' bytes (590 KB of numbers), and
//! only `GET /audio-analysis/{id}` reads it. Parsing it into a `serde_json::Value` (and walking,
//! cloning and dropping that tree) was the largest single cost of building the catalogue, which
//! every emulator pays at start. So a body that is nothing but `{"audio_analysis": X}`, where
//! the text of `X` holds nothing the walk of `normalise.rs` reacts to ([`Inert`]), is kept as
//! text and parsed the first time an analysis is asked for. Any other body is parsed and walked
//! as before; the analysis served is the same either way: the first `audio_analysis` object with
//! a `track` member, in the order the bodies were read.

use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::embedded;

/// Where the analysis may come from, in the order the bodies were read.
#[derive(Clone, Debug)]
pub(super) enum Source {
    /// An `audio_analysis` object found by the walk (it has a `track` member).
    Parsed(Arc<Value>),
    /// The text of `X` in a body `{"audio_analysis": X}`, not parsed yet: it is the analysis if
    /// it is an object with a `track` member.
    Deferred(Arc<str>),
}

/// The catalogue's audio analysis: its possible sources, resolved once on first use.
#[derive(Clone, Debug, Default)]
pub(crate) struct AudioAnalysis {
    sources: Vec<Source>,
    resolved: OnceLock<Option<Arc<Value>>>,
}

impl AudioAnalysis {
    /// An analysis taken from `sources`, in order (nothing is parsed yet).
    pub(super) fn new(sources: Vec<Source>) -> Self {
        Self {
            sources,
            resolved: OnceLock::new(),
        }
    }

    /// The analysis body, parsed on the first call: the first source that is an object with a
    /// `track` member. `None` if no body had one.
    pub(crate) fn get(&self) -> Option<&Value> {
        self.resolved
            .get_or_init(|| {
                self.sources.iter().find_map(|source| match source {
                    Source::Parsed(value) => Some(Arc::clone(value)),
                    Source::Deferred(text) => match serde_json::from_str::<Value>(text) {
                        Ok(value) => value.get("track").is_some().then(|| Arc::new(value)),
                        Err(error) => {
                            tracing::warn!(%error, "skipping an audio analysis that is not JSON");
                            None
                        }
                    },
                })
            })
            .as_deref()
    }

    /// Whether the analysis has been parsed yet (tests check that start-up leaves it as text).
    #[cfg(test)]
    pub(crate) fn is_parsed(&self) -> bool {
        self.resolved.get().is_some()
    }
}

/// The text of `X` if `body` is exactly `{"audio_analysis": X}` (one member) and `X` is an
/// object or array that is [inert](Inert): a body the walk would take nothing from but `X` as an
/// analysis candidate. One pass over the bytes, no parse: `X` is checked as JSON only when it is
/// parsed ([`AudioAnalysis::get`]), so a body that is not JSON there counts as no analysis (as a
/// body skipped for not being JSON did before).
///
/// The crate's own `audio-analysis.json` ([`embedded::AUDIO_ANALYSIS`]) is not scanned: it is
/// known to be inert (`the_embedded_analysis_is_inert` checks it), and its 590 KB were the
/// largest single piece of every emulator's start.
pub(super) fn deferred(body: &str) -> Option<&str> {
    if body == embedded::AUDIO_ANALYSIS {
        return lone_member(body);
    }
    scanned(body)
}

/// [`deferred`], with the scan whatever the body.
fn scanned(body: &str) -> Option<&str> {
    let bytes = body.as_bytes();
    let start = value_start(bytes)?;
    let end = Inert::end_of(bytes, start)?;
    let rest = skip_space(bytes, end);
    (bytes.get(rest) == Some(&b'}') && skip_space(bytes, rest + 1) == bytes.len())
        .then(|| body.get(start..end))
        .flatten()
}

/// The text of `X` in a body `{"audio_analysis": X}` known to be one, taken without looking
/// inside `X`: what [`scanned`] gives for such a body.
fn lone_member(body: &str) -> Option<&str> {
    let start = value_start(body.as_bytes())?;
    let end = body.trim_end().strip_suffix('}')?.trim_end().len();
    body.get(start..end)
}

/// Where `X` starts in a body that begins `{"audio_analysis": X`.
fn value_start(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for token in [&b"{"[..], b"\"audio_analysis\"", b":"] {
        at = skip_space(bytes, at);
        if !bytes.get(at..)?.starts_with(token) {
            return None;
        }
        at += token.len();
    }
    Some(skip_space(bytes, at))
}

/// The index of the first byte at or after `at` that is not JSON white space.
fn skip_space(bytes: &[u8], at: usize) -> usize {
    at + bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .count()
}

/// The scan of an inert object or array: one whose text holds no string the walk of
/// `normalise.rs` looks at (`type` for entities and audio features, `audio_analysis`, `genres`,
/// `markets`, `message`, `href`, `items`) and no escape that could spell one.
struct Inert;

impl Inert {
    const LOOKED_AT: [&'static [u8]; 7] = [
        b"type",
        b"audio_analysis",
        b"genres",
        b"markets",
        b"message",
        b"href",
        b"items",
    ];

    /// The next byte at or after `at` that [`Inert::end_of`] must look at: a bracket, a quote
    /// or a backslash (and now and then a `|`, which it passes over). Eight bytes at a time:
    /// most of an analysis is numbers and spaces, and a byte-by-byte search was most of the cost
    /// of reading the fixtures.
    fn next_that_matters(bytes: &[u8], at: usize) -> Option<usize> {
        let rest = bytes.get(at..)?;
        let (words, tail) = rest.as_chunks::<8>();
        for (n, word) in words.iter().enumerate() {
            let hits = Self::matters(u64::from_le_bytes(*word));
            if hits != 0 {
                // The lowest flagged byte is the first in the text (little-endian).
                return Some(at + n * 8 + (hits.trailing_zeros() / 8) as usize);
            }
        }
        let done = at + words.len() * 8;
        tail.iter()
            .position(|b| matches!(b, b'{' | b'[' | b']' | b'}' | b'"' | b'\\' | b'|'))
            .map(|n| done + n)
    }

    /// Per byte of `word`, its high bit set when the byte is one of `{ [ ] } " \ |`.
    ///
    /// Setting bit 5 turns `[ \ ]` into `{ | }` (0x7B to 0x7D), so one range check finds the
    /// four brackets and the backslash (and `|`); one more finds the quote. Both run on the low
    /// seven bits of each byte, where no sum carries into the next byte, and a byte with its
    /// high bit set (part of a UTF-8 sequence) is then cleared from the result.
    fn matters(word: u64) -> u64 {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = ONES * 0x80;
        /// High bit of each byte of `low7` (every byte below 0x80) set when in `from..=to`.
        fn in_range(low7: u64, from: u8, to: u8) -> u64 {
            let from_up = low7.wrapping_add(ONES * u64::from(0x80 - from));
            let past_to = low7.wrapping_add(ONES * u64::from(0x7F - to));
            from_up & !past_to & HIGH
        }
        let folded = (word | (ONES * 0x20)) & !HIGH;
        let quotes = (word ^ (ONES * u64::from(b'"'))) & !HIGH;
        (in_range(folded, b'{', b'}') | in_range(quotes, 0, 0)) & !word
    }

    /// Where the object or array starting at `start` ends (one past its closing bracket), if it
    /// is inert and its brackets balance.
    fn end_of(bytes: &[u8], start: usize) -> Option<usize> {
        if !matches!(bytes.get(start), Some(b'{' | b'[')) {
            return None;
        }
        let mut depth = 0_usize;
        let mut at = start;
        while let Some(next) = Self::next_that_matters(bytes, at) {
            at = next;
            let byte = bytes[at];
            match byte {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(at + 1);
                    }
                }
                b'"' => {
                    let len = bytes[at + 1..].iter().position(|b| *b == b'"')?;
                    let text = &bytes[at + 1..at + 1 + len];
                    if text.contains(&b'\\') || Self::LOOKED_AT.contains(&text) {
                        return None;
                    }
                    at += len + 1;
                }
                b'\\' => return None,
                _ => {}
            }
            at += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_lone_inert_analysis_is_deferred() {
        let body = r#" { "audio_analysis": {"track": {"duration": 1.5}, "bars": [1, 2]} } "#;
        assert_eq!(
            deferred(body),
            Some(r#"{"track": {"duration": 1.5}, "bars": [1, 2]}"#)
        );
        // Another member beside it, or something the walk reads inside: parsed as before.
        assert_eq!(
            deferred(r#"{"audio_analysis": {"track": {}}, "x": 1}"#),
            None
        );
        assert_eq!(
            deferred(r#"{"audio_analysis": {"track": {"type": "track"}}}"#),
            None
        );
        assert_eq!(
            deferred(r#"{"audio_analysis": {"track": {"\u0074ype": 1}}}"#),
            None
        );
        assert_eq!(deferred(r#"[{"audio_analysis": {"track": {}}}]"#), None);
        assert_eq!(deferred(r#"{"audio_analysis": "#), None);
        assert_eq!(deferred(r#"{"audio_analysis": {"track": {}}} x"#), None);
        assert_eq!(
            deferred(r#"{"audio_analysis": {"track": {"a": ["}"]}}}"#),
            Some(r#"{"track": {"a": ["}"]}}"#)
        );
        assert_eq!(deferred(r#"{"audio_analysis": 1}"#), None);
        assert_eq!(deferred(r#"{"audio_analysis": {"items": 1}}"#), None);
    }

    #[test]
    fn the_first_source_with_a_track_wins() {
        let first = AudioAnalysis::new(vec![
            Source::Deferred(Arc::from(r#"{"bars": []}"#)),
            Source::Deferred(Arc::from(r#"{"track": {"n": 1}}"#)),
            Source::Parsed(Arc::new(serde_json::json!({"track": {"n": 2}}))),
        ]);
        assert!(!first.is_parsed());
        assert_eq!(first.get().unwrap()["track"]["n"], 1);
        assert!(first.is_parsed());
        assert!(AudioAnalysis::default().get().is_none());
    }

    /// Every byte value, at every place in a word, among neighbours of every value: flagged
    /// exactly when it is one the scan stops at (the carries of the word-wide sums stay inside
    /// their byte), and the scan finds the first such byte wherever it is.
    #[test]
    fn the_word_check_flags_exactly_the_bytes_that_matter() {
        let stops = |b: u8| b"{[]}\"\\|".contains(&b);
        for byte in 0..=u8::MAX {
            for neighbour in 0..=u8::MAX {
                for place in 0..8 {
                    let mut word = [neighbour; 8];
                    word[place] = byte;
                    let hits = Inert::matters(u64::from_le_bytes(word));
                    for (n, b) in word.iter().enumerate() {
                        let flagged = hits & (0x80 << (8 * n)) != 0;
                        assert_eq!(flagged, stops(*b), "byte {b:#04x} at {n} in {word:02x?}");
                    }
                }
            }
        }
        let text = b"0123456789 0123456789, 0.5 \"x\" 1";
        for at in 0..text.len() {
            let expected = text[at..].iter().position(|b| stops(*b)).map(|n| n + at);
            assert_eq!(Inert::next_that_matters(text, at), expected, "from {at}");
        }
    }

    /// The crate's own analysis is what the scan says it is: inert, and the same text.
    #[test]
    fn the_embedded_analysis_is_inert() {
        let text = scanned(embedded::AUDIO_ANALYSIS).expect("the fixture is inert");
        assert_eq!(deferred(embedded::AUDIO_ANALYSIS), Some(text));
        assert!(text.starts_with('{') && text.ends_with('}') && text.len() > 500_000);
    }
}
