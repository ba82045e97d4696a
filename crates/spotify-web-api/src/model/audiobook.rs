//! Audiobooks: [`Audiobook`] (`AudiobookObject`, from `GET /audiobooks/{id}`),
//! [`SimplifiedAudiobook`] (`SimplifiedAudiobookObject`, embedded in chapters and listed by
//! search), their [`Author`]s and [`Narrator`]s, and [`SavedAudiobook`] (`SavedAudiobookObject`,
//! from `GET /me/audiobooks`).
//!
//! Real audiobook URIs are `spotify:show:...`; both are kept as Spotify sends them. Since
//! 2026-02 development-mode apps get no `available_markets` or `publisher`.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::id::AudiobookId;
use crate::lenient::{Bail, Lenient, Reader, model};
use crate::market::CountryCode;

use super::chapter::SimplifiedChapter;
use super::common::{Copyright, ExternalUrls, ItemType, MediaType};
use super::image::Image;
use super::page::Page;

model! {
    /// An author of an audiobook (`AuthorObject`).
    pub struct Author {
        /// The name of the author; empty if Spotify sends none.
        pub name: String,
    }
}

model! {
    /// A narrator of an audiobook (`NarratorObject`).
    pub struct Narrator {
        /// The name of the narrator; empty if Spotify sends none.
        pub name: String,
    }
}

model! {
    /// An audiobook as embedded in a chapter or listed by search and saved audiobooks
    /// (`SimplifiedAudiobookObject`).
    pub struct SimplifiedAudiobook {
        /// The authors of the audiobook; empty if Spotify sends none.
        pub authors: Vec<Author>,
        /// The ISO 3166-1 alpha-2 codes of the markets where the audiobook can be played. Removed
        /// for development-mode apps in 2026-02; empty when missing.
        pub available_markets: Vec<CountryCode>,
        /// The copyright statements of the audiobook; empty when missing.
        pub copyrights: Vec<Copyright>,
        /// The description of the audiobook, HTML tags stripped; empty if Spotify sends none.
        pub description: String,
        /// The description of the audiobook with its HTML tags; `None` when Spotify leaves it out.
        pub html_description: Option<String>,
        /// The edition of the audiobook (e.g. `Unabridged`); `None` when Spotify leaves it out.
        pub edition: Option<String>,
        /// Whether the audiobook has explicit content (`false` also means unknown).
        pub explicit: bool,
        /// Known external URLs of the audiobook.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the full audiobook.
        pub href: String,
        /// The Spotify ID of the audiobook.
        pub id: AudiobookId,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// The languages of the audiobook, as ISO 639 codes or, in real bodies, language names
        /// (`English`); empty when missing.
        pub languages: Vec<String>,
        /// The kind of media of the audiobook (usually `audio`).
        pub media_type: MediaType,
        /// The name of the audiobook; empty if Spotify sends none.
        pub name: String,
        /// The narrators of the audiobook; empty if Spotify sends none.
        pub narrators: Vec<Narrator>,
        /// The publisher of the audiobook. Removed for development-mode apps in 2026-02: then
        /// `None`.
        pub publisher: Option<String>,
        /// The object type: `audiobook`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Audiobook,
        /// The Spotify URI of the audiobook (real bodies say `spotify:show:...`).
        pub uri: String,
        /// The number of chapters of the audiobook; `None` when Spotify leaves it out.
        pub total_chapters: Option<u32>,
    }
}

model! {
    /// An audiobook with full details (`AudiobookObject`), from `GET /audiobooks/{id}`: a
    /// [`SimplifiedAudiobook`] plus the first page of its chapters.
    pub struct Audiobook {
        /// The authors of the audiobook; empty if Spotify sends none.
        pub authors: Vec<Author>,
        /// The ISO 3166-1 alpha-2 codes of the markets where the audiobook can be played. Removed
        /// for development-mode apps in 2026-02; empty when missing.
        pub available_markets: Vec<CountryCode>,
        /// The copyright statements of the audiobook; empty when missing.
        pub copyrights: Vec<Copyright>,
        /// The description of the audiobook, HTML tags stripped; empty if Spotify sends none.
        pub description: String,
        /// The description of the audiobook with its HTML tags; `None` when Spotify leaves it out.
        pub html_description: Option<String>,
        /// The edition of the audiobook (e.g. `Unabridged`); `None` when Spotify leaves it out.
        pub edition: Option<String>,
        /// Whether the audiobook has explicit content (`false` also means unknown).
        pub explicit: bool,
        /// Known external URLs of the audiobook.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the audiobook.
        pub href: String,
        /// The Spotify ID of the audiobook.
        pub id: AudiobookId,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// The languages of the audiobook, as ISO 639 codes or, in real bodies, language names
        /// (`English`); empty when missing.
        pub languages: Vec<String>,
        /// The kind of media of the audiobook (usually `audio`).
        pub media_type: MediaType,
        /// The name of the audiobook; empty if Spotify sends none.
        pub name: String,
        /// The narrators of the audiobook; empty if Spotify sends none.
        pub narrators: Vec<Narrator>,
        /// The publisher of the audiobook. Removed for development-mode apps in 2026-02: then
        /// `None`.
        pub publisher: Option<String>,
        /// The object type: `audiobook`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Audiobook,
        /// The Spotify URI of the audiobook (real bodies say `spotify:show:...`).
        pub uri: String,
        /// The number of chapters of the audiobook; `None` when Spotify leaves it out.
        pub total_chapters: Option<u32>,
        /// The first page of the audiobook's chapters; an empty page if Spotify sends none (as in
        /// saved audiobooks).
        pub chapters: Page<SimplifiedChapter>,
    }
}

/// An audiobook in the user's library (`SavedAudiobookObject`), from `GET /me/audiobooks`.
///
/// The spec wraps each saved audiobook as `{"added_at": ..., "audiobook": {...}}`, but bodies in
/// the wild (Spotify's own reference example among them) list the audiobooks themselves, with no
/// `added_at`. Both shapes decode: a page item without an `audiobook` member is read as the
/// audiobook, with `added_at` `None`. It serializes in the spec's shape.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct SavedAudiobook {
    /// When the audiobook was saved, as an ISO 8601 UTC timestamp; `None` when Spotify sends
    /// none (the unwrapped shape).
    pub added_at: Option<String>,
    /// The saved audiobook. Its `chapters` page is empty: saved audiobooks come without chapters.
    pub audiobook: Audiobook,
}

impl SavedAudiobook {
    /// Reads either shape from the members of one JSON object.
    fn from_object<E: serde::de::Error>(mut object: Map<String, Value>) -> Result<Self, E> {
        if object.contains_key("audiobook") {
            let added_at = match object.remove("added_at") {
                Some(Value::String(added_at)) => Some(added_at),
                _ => None,
            };
            let audiobook = match object.remove("audiobook") {
                Some(value) => Audiobook::lenient(value).map_err(E::custom)?,
                None => None,
            };
            Ok(SavedAudiobook {
                added_at,
                audiobook: audiobook.unwrap_or_default(),
            })
        } else {
            let audiobook = Audiobook::deserialize(Value::Object(object)).map_err(E::custom)?;
            Ok(SavedAudiobook {
                added_at: None,
                audiobook,
            })
        }
    }
}

impl Lenient for SavedAudiobook {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        match Value::deserialize(d)? {
            Value::Object(object) => Self::from_object(object).map(Some),
            _ => Ok(None),
        }
    }

    const OBJECT: bool = true;

    /// The rare item of a rare page: its text is captured and read the serde way, through a
    /// `Value` as above, so the two ways agree however odd the object (duplicate keys keep
    /// the last, as a `Value` does).
    fn read(reader: &mut Reader<'_>) -> Result<Option<Self>, Bail> {
        if reader.peek()? != b'{' {
            reader.skip()?;
            return Ok(None);
        }
        let text = reader.capture()?;
        Self::lenient(&mut serde_json::Deserializer::from_str(text)).map_err(|_| Bail)
    }
}

impl<'de> Deserialize<'de> for SavedAudiobook {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Object(object) => Self::from_object(object),
            _ => Err(serde::de::Error::custom("expected a SavedAudiobook object")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUDIOBOOK: &str = r#"{"authors":[{"name":"Douglas Adams"}],"edition":"Unabridged",
        "id":"5zv24ErpU3fmPU1SVuCmHC","name":"The Restaurant at the End of the Universe",
        "narrators":[{"name":"Martin Freeman"}],"type":"audiobook","total_chapters":36,
        "uri":"spotify:show:5zv24ErpU3fmPU1SVuCmHC","media_type":"audio"}"#;

    #[test]
    fn saved_audiobook_reads_the_spec_shape() {
        let saved: SavedAudiobook = serde_json::from_str(&format!(
            r#"{{"added_at":"2024-01-01T00:00:00Z","audiobook":{AUDIOBOOK}}}"#
        ))
        .unwrap();
        assert_eq!(saved.added_at.as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(saved.audiobook.narrators[0].name, "Martin Freeman");
        assert_eq!(saved.audiobook.total_chapters, Some(36));
    }

    #[test]
    fn saved_audiobook_reads_the_bare_shape_and_serializes_the_spec_one() {
        let saved: SavedAudiobook = serde_json::from_str(AUDIOBOOK).unwrap();
        assert_eq!(saved.added_at, None);
        assert_eq!(saved.audiobook.authors[0].name, "Douglas Adams");
        assert_eq!(saved.audiobook.id, "5zv24ErpU3fmPU1SVuCmHC");
        assert_eq!(saved.audiobook.uri, "spotify:show:5zv24ErpU3fmPU1SVuCmHC");
        let value = serde_json::to_value(&saved).unwrap();
        assert_eq!(value["audiobook"]["name"], saved.audiobook.name);
        let again: SavedAudiobook = serde_json::from_value(value).unwrap();
        assert_eq!(again, saved);
    }

    #[test]
    fn saved_audiobooks_in_a_page_tolerate_nulls_and_wrong_kinds() {
        let page: Page<SavedAudiobook> = serde_json::from_str(&format!(
            r#"{{"items":[null,3,{AUDIOBOOK},{{"added_at":null,"audiobook":null}}],"total":2}}"#
        ))
        .unwrap();
        assert_eq!(page.items.len(), 2);
        assert_eq!(
            page.items[0].audiobook.edition.as_deref(),
            Some("Unabridged")
        );
        assert_eq!(page.items[1], SavedAudiobook::default());
        assert!(serde_json::from_str::<SavedAudiobook>("[]").is_err());
        assert!(serde_json::from_str::<SavedAudiobook>(r#"{"name": }"#).is_err());
    }
}
