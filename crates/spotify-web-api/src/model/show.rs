//! Podcast shows: [`Show`] (`ShowObject`, from `GET /shows/{id}`), [`SimplifiedShow`]
//! (`SimplifiedShowObject`, embedded in episodes and listed by multi-gets, search and saved
//! shows) and [`SavedShow`] (`SavedShowObject`, from `GET /me/shows`).
//!
//! Older bodies lack `html_description`, `total_episodes` and sometimes `languages`
//! (SPEC-GAPS.md); since 2026-02 development-mode apps get no `available_markets` or
//! `publisher`.

use crate::id::ShowId;
use crate::lenient::model;
use crate::market::CountryCode;

use super::common::{Copyright, ExternalUrls, ItemType, MediaType};
use super::episode::SimplifiedEpisode;
use super::image::Image;
use super::page::Page;

model! {
    /// A show as embedded in an episode or listed by multi-gets, search and saved shows
    /// (`SimplifiedShowObject`).
    pub struct SimplifiedShow {
        /// The ISO 3166-1 alpha-2 codes of the markets where the show can be played. Removed for
        /// development-mode apps in 2026-02; empty when missing.
        pub available_markets: Vec<CountryCode>,
        /// The copyright statements of the show; empty when missing.
        pub copyrights: Vec<Copyright>,
        /// The description of the show, HTML tags stripped; empty if Spotify sends none.
        pub description: String,
        /// The description of the show with its HTML tags; `None` in older bodies, which lack it.
        pub html_description: Option<String>,
        /// Whether the show has explicit content (`false` also means unknown).
        pub explicit: bool,
        /// Known external URLs of the show.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the full show.
        pub href: String,
        /// The Spotify ID of the show.
        pub id: ShowId,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// Whether all of the show's episodes are hosted outside Spotify's CDN; `None` when Spotify
        /// sends `null` or leaves it out, which the spec allows.
        pub is_externally_hosted: Option<bool>,
        /// The languages of the show, as ISO 639 codes (`en`, `en-US`); empty when missing (older
        /// bodies).
        pub languages: Vec<String>,
        /// The kind of media of the show (usually `audio`).
        pub media_type: MediaType,
        /// The name of the show; empty if Spotify sends none.
        pub name: String,
        /// The publisher of the show. Removed for development-mode apps in 2026-02: then `None`.
        pub publisher: Option<String>,
        /// The object type: `show`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Show,
        /// The Spotify URI of the show (`spotify:show:...`).
        pub uri: String,
        /// The number of episodes of the show; `None` in older bodies, which lack it.
        pub total_episodes: Option<u32>,
    }
}

model! {
    /// A show with full details (`ShowObject`), from `GET /shows/{id}`: a [`SimplifiedShow`] plus
    /// the first page of its episodes.
    pub struct Show {
        /// The ISO 3166-1 alpha-2 codes of the markets where the show can be played. Removed for
        /// development-mode apps in 2026-02; empty when missing.
        pub available_markets: Vec<CountryCode>,
        /// The copyright statements of the show; empty when missing.
        pub copyrights: Vec<Copyright>,
        /// The description of the show, HTML tags stripped; empty if Spotify sends none.
        pub description: String,
        /// The description of the show with its HTML tags; `None` in older bodies, which lack it.
        pub html_description: Option<String>,
        /// Whether the show has explicit content (`false` also means unknown).
        pub explicit: bool,
        /// Known external URLs of the show.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the show.
        pub href: String,
        /// The Spotify ID of the show.
        pub id: ShowId,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// Whether all of the show's episodes are hosted outside Spotify's CDN; `None` when Spotify
        /// sends `null` or leaves it out.
        pub is_externally_hosted: Option<bool>,
        /// The languages of the show, as ISO 639 codes; empty when missing (older bodies).
        pub languages: Vec<String>,
        /// The kind of media of the show (usually `audio`).
        pub media_type: MediaType,
        /// The name of the show; empty if Spotify sends none.
        pub name: String,
        /// The publisher of the show. Removed for development-mode apps in 2026-02: then `None`.
        pub publisher: Option<String>,
        /// The object type: `show`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Show,
        /// The Spotify URI of the show (`spotify:show:...`).
        pub uri: String,
        /// The number of episodes of the show; `None` in older bodies, which lack it.
        pub total_episodes: Option<u32>,
        /// The first page of the show's episodes, newest first; an empty page if Spotify sends
        /// none.
        pub episodes: Page<SimplifiedEpisode>,
    }
}

model! {
    /// A show in the user's library (`SavedShowObject`), from `GET /me/shows`.
    pub struct SavedShow {
        /// When the show was saved, as an ISO 8601 UTC timestamp (`2019-12-08T21:14:30Z`); empty
        /// if Spotify sends none.
        pub added_at: String,
        /// The saved show.
        pub show: SimplifiedShow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_show_without_required_fields_deserializes() {
        let show: SimplifiedShow = serde_json::from_str(
            r#"{"copyrights":[],"description":"d","explicit":false,"external_urls":{},
                "href":"h","id":"38bS44xjbVVZ3No3ByF1dJ","images":[],"media_type":"audio",
                "name":"Historia","type":"show","uri":"spotify:show:38bS44xjbVVZ3No3ByF1dJ"}"#,
        )
        .unwrap();
        assert_eq!(show.html_description, None);
        assert_eq!(show.total_episodes, None);
        assert_eq!(show.publisher, None);
        assert_eq!(show.is_externally_hosted, None);
        assert!(show.languages.is_empty());
        assert_eq!(show.media_type, MediaType::Audio);
        assert_eq!(show.id, "38bS44xjbVVZ3No3ByF1dJ");
    }

    #[test]
    fn show_with_episodes_page_and_unknown_media_type_round_trips() {
        let show: Show = serde_json::from_str(
            r#"{"id":"38bS44xjbVVZ3No3ByF1dJ","name":"s","media_type":"hologram",
                "total_episodes":520.0,"is_externally_hosted":null,
                "episodes":{"href":"h","items":[{"id":"4d237GqKH4NP1jtgwy6bP3","name":"e",
                "type":"episode","release_date":"2018","release_date_precision":"year"}],
                "limit":50,"next":null,"offset":0,"previous":null,"total":520}}"#,
        )
        .unwrap();
        assert_eq!(show.total_episodes, Some(520));
        assert_eq!(show.media_type, MediaType::Unknown("hologram".into()));
        assert_eq!(show.episodes.items[0].name, "e");
        assert_eq!(show.kind, ItemType::Show);
        let again: Show = serde_json::from_value(serde_json::to_value(&show).unwrap()).unwrap();
        assert_eq!(again, show);
    }
}
