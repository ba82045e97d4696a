//! Audiobook chapters: [`Chapter`] (`ChapterObject`, from `GET /chapters/{id}`) and
//! [`SimplifiedChapter`] (`SimplifiedChapterObject`, the chapters of an audiobook).
//!
//! The spec says a chapter's `type` is `episode`; real chapter objects say `chapter`, and their
//! URIs are `spotify:episode:...` (SPEC-GAPS.md). Both are kept as Spotify sends them. Real
//! bodies also spell the restriction `restriction`, not `restrictions`: both are read.

use crate::id::ChapterId;
use crate::lenient::model;
use crate::market::CountryCode;

use super::audiobook::SimplifiedAudiobook;
use super::common::{ExternalUrls, ItemType, ReleaseDatePrecision, Restrictions, ResumePoint};
use super::image::Image;

model! {
    /// A chapter as listed in an audiobook (`SimplifiedChapterObject`), e.g. from
    /// `GET /audiobooks/{id}/chapters`.
    pub struct SimplifiedChapter {
        /// A URL to a 30-second MP3 preview; `None` if not available. Deprecated by Spotify in
        /// 2024-12.
        pub audio_preview_url: Option<String>,
        /// The ISO 3166-1 alpha-2 codes of the markets where the chapter can be played. Removed for
        /// development-mode apps in 2026-02; empty when missing.
        pub available_markets: Vec<CountryCode>,
        /// The number of the chapter in its audiobook (the opening credits are 0).
        pub chapter_number: u32,
        /// The description of the chapter, HTML tags stripped; empty if Spotify sends none.
        pub description: String,
        /// The description of the chapter with its HTML tags; `None` when Spotify leaves it out.
        pub html_description: Option<String>,
        /// The chapter length in milliseconds; 0 if Spotify sends none.
        pub duration_ms: u32,
        /// Whether the chapter has explicit content (`false` also means unknown).
        pub explicit: bool,
        /// Known external URLs of the chapter.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the full chapter.
        pub href: String,
        /// The Spotify ID of the chapter.
        pub id: ChapterId,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// Whether the chapter is playable in the given market; `None` when Spotify leaves it out.
        pub is_playable: Option<bool>,
        /// The languages of the chapter, as ISO 639-1 codes (real bodies may hold `""`); empty
        /// when missing.
        pub languages: Vec<String>,
        /// The name of the chapter; empty if Spotify sends none.
        pub name: String,
        /// The date the chapter was first released, as precise as `release_date_precision` says;
        /// real bodies often say `0000`. Empty when Spotify sends none.
        pub release_date: String,
        /// How precisely `release_date` is known; `None` when Spotify sends none.
        pub release_date_precision: Option<ReleaseDatePrecision>,
        /// Where the user stopped in the chapter; `None` unless the token is a user's with the
        /// `user-read-playback-position` scope.
        pub resume_point: Option<ResumePoint>,
        /// The object type: `chapter` in real bodies (`episode` in the spec).
        #[json = "type"]
        pub kind: ItemType = ItemType::Chapter,
        /// The Spotify URI of the chapter (real bodies say `spotify:episode:...`).
        pub uri: String,
        /// The content restriction applied to the chapter, as the spec spells it; see also
        /// `restriction` and [`SimplifiedChapter::content_restriction`].
        pub restrictions: Option<Restrictions>,
        /// The content restriction applied to the chapter, as real bodies spell it (e.g.
        /// `payment_required`); `None` when there is none.
        pub restriction: Option<Restrictions>,
    }
}

impl SimplifiedChapter {
    /// The content restriction, whichever of `restrictions` and `restriction` Spotify sent.
    pub fn content_restriction(&self) -> Option<&Restrictions> {
        self.restrictions.as_ref().or(self.restriction.as_ref())
    }
}

model! {
    /// A chapter with full details (`ChapterObject`), from `GET /chapters/{id}`: a
    /// [`SimplifiedChapter`] plus its audiobook.
    pub struct Chapter {
        /// A URL to a 30-second MP3 preview; `None` if not available. Deprecated by Spotify in
        /// 2024-12.
        pub audio_preview_url: Option<String>,
        /// The ISO 3166-1 alpha-2 codes of the markets where the chapter can be played. Removed for
        /// development-mode apps in 2026-02; empty when missing.
        pub available_markets: Vec<CountryCode>,
        /// The number of the chapter in its audiobook (the opening credits are 0).
        pub chapter_number: u32,
        /// The description of the chapter, HTML tags stripped; empty if Spotify sends none.
        pub description: String,
        /// The description of the chapter with its HTML tags; `None` when Spotify leaves it out.
        pub html_description: Option<String>,
        /// The chapter length in milliseconds; 0 if Spotify sends none.
        pub duration_ms: u32,
        /// Whether the chapter has explicit content (`false` also means unknown).
        pub explicit: bool,
        /// Known external URLs of the chapter.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the chapter.
        pub href: String,
        /// The Spotify ID of the chapter.
        pub id: ChapterId,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// Whether the chapter is playable in the given market; `None` when Spotify leaves it out.
        pub is_playable: Option<bool>,
        /// The languages of the chapter, as ISO 639-1 codes (real bodies may hold `""`); empty
        /// when missing.
        pub languages: Vec<String>,
        /// The name of the chapter; empty if Spotify sends none.
        pub name: String,
        /// The date the chapter was first released, as precise as `release_date_precision` says;
        /// real bodies often say `0000`. Empty when Spotify sends none.
        pub release_date: String,
        /// How precisely `release_date` is known; `None` when Spotify sends none.
        pub release_date_precision: Option<ReleaseDatePrecision>,
        /// Where the user stopped in the chapter; `None` unless the token is a user's with the
        /// `user-read-playback-position` scope.
        pub resume_point: Option<ResumePoint>,
        /// The object type: `chapter` in real bodies (`episode` in the spec).
        #[json = "type"]
        pub kind: ItemType = ItemType::Chapter,
        /// The Spotify URI of the chapter (real bodies say `spotify:episode:...`).
        pub uri: String,
        /// The content restriction applied to the chapter, as the spec spells it; see also
        /// `restriction` and [`Chapter::content_restriction`].
        pub restrictions: Option<Restrictions>,
        /// The content restriction applied to the chapter, as real bodies spell it (e.g.
        /// `payment_required`); `None` when there is none.
        pub restriction: Option<Restrictions>,
        /// The audiobook the chapter belongs to; [`SimplifiedAudiobook::default`] if Spotify
        /// leaves it out.
        pub audiobook: SimplifiedAudiobook,
    }
}

impl Chapter {
    /// The content restriction, whichever of `restrictions` and `restriction` Spotify sent.
    pub fn content_restriction(&self) -> Option<&Restrictions> {
        self.restrictions.as_ref().or(self.restriction.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::common::RestrictionReason;

    #[test]
    fn real_chapter_type_uri_and_restriction_spelling_are_kept() {
        let chapter: SimplifiedChapter = serde_json::from_str(
            r#"{"restriction":{"reason":"payment_required"},"id":"5HQIsy4eLtirwOw1rQ9ENK",
                "description":"","chapter_number":0,"duration_ms":26000,"explicit":false,
                "images":[],"languages":[""],"name":"Opening Credits","audio_preview_url":null,
                "release_date":"0000","release_date_precision":"year",
                "resume_point":{"fully_played":false,"resume_position_ms":0},
                "is_playable":false,"html_description":"","type":"chapter",
                "uri":"spotify:episode:5HQIsy4eLtirwOw1rQ9ENK"}"#,
        )
        .unwrap();
        assert_eq!(chapter.kind, ItemType::Chapter);
        assert_eq!(chapter.uri, "spotify:episode:5HQIsy4eLtirwOw1rQ9ENK");
        assert_eq!(chapter.id, "5HQIsy4eLtirwOw1rQ9ENK");
        assert_eq!(
            chapter.content_restriction().and_then(|r| r.reason.clone()),
            Some(RestrictionReason::PaymentRequired)
        );
        assert_eq!(chapter.is_playable, Some(false));
        assert_eq!(chapter.languages, [""]);
    }

    #[test]
    fn spec_chapter_with_episode_type_and_audiobook_deserializes() {
        let chapter: Chapter = serde_json::from_str(
            r#"{"id":"0D5wENdkdwbqlrHoaJ9g29","type":"episode","chapter_number":1,
                "restrictions":{"reason":"market"},
                "audiobook":{"id":"7iHfbu1YPACw6oZPAFJtqe","name":"Dune","type":"audiobook",
                             "authors":[{"name":"Frank Herbert"}]}}"#,
        )
        .unwrap();
        assert_eq!(chapter.kind, ItemType::Episode);
        assert_eq!(chapter.chapter_number, 1);
        assert_eq!(
            chapter.content_restriction().and_then(|r| r.reason.clone()),
            Some(RestrictionReason::Market)
        );
        assert_eq!(chapter.audiobook.authors[0].name, "Frank Herbert");
    }
}
