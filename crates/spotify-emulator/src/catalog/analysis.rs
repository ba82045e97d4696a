//! The one audio analysis body the catalogue serves for every track, read on first use.
//!
//! The fixture `audio-analysis.json` is half of all the fixtures' bytes (590 KB of numbers), and
//! only `GET /audio-analysis/{id}` reads it. Parsing it into a `serde_json::Value` (and walking,
//! cloning and dropping that tree) was the largest single cost of building the catalogue, which
//! every emulator pays at start. So a body that is nothing but `{"audio_analysis": X}`, where
//! the text of `X` holds nothing the walk of `normalise.rs` reacts to ([`is_inert`]), is kept as
//! text and parsed the first time an analysis is asked for. Any other body is parsed and walked
//! as before; the analysis served is the same either way: the first `audio_analysis` object with
//! a `track` member, in the order the bodies were read.

use std::sync::{Arc, OnceLock};

use serde_json::Value;
use serde_json::value::RawValue;

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
                    Source::Deferred(text) => serde_json::from_str::<Value>(text)
                        .ok()
                        .filter(|value| value.get("track").is_some())
                        .map(Arc::new),
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

/// The text of `X` if `body` is exactly `{"audio_analysis": X}` (one member) and `X` is
/// [inert](is_inert): a body the walk would take nothing from but `X` as an analysis candidate.
pub(super) fn deferred(body: &str) -> Option<&str> {
    // A cheap look first: most bodies are not analyses.
    if !body.trim_start().starts_with('{') || !body.contains("\"audio_analysis\"") {
        return None;
    }
    let members: std::collections::BTreeMap<String, &RawValue> = serde_json::from_str(body).ok()?;
    let [(key, raw)] = <[_; 1]>::try_from(members.into_iter().collect::<Vec<_>>()).ok()?;
    (key == "audio_analysis" && is_inert(raw.get())).then(|| raw.get())
}

/// Whether walking this JSON text would find nothing: no member the walk looks at (`type`
/// for entities and audio features, `audio_analysis`, `genres`, `markets`, `message`, `href`,
/// `items`) and no escape that could spell one.
fn is_inert(text: &str) -> bool {
    const LOOKED_AT: [&str; 7] = [
        "\"type\"",
        "\"audio_analysis\"",
        "\"genres\"",
        "\"markets\"",
        "\"message\"",
        "\"href\"",
        "\"items\"",
    ];
    !text.contains('\\') && !LOOKED_AT.iter().any(|key| text.contains(key))
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
}
