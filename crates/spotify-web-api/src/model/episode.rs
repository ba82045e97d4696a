//! Podcast episodes: [`Episode`] (`EpisodeObject`, from `GET /episodes/{id}`, the player and
//! playlists), [`SimplifiedEpisode`] (`SimplifiedEpisodeObject`, the episodes of a show and
//! search results) and [`SavedEpisode`] (`SavedEpisodeObject`, from `GET /me/episodes`).
//!
//! Older bodies lack `html_description`, `languages` and `is_playable` (SPEC-GAPS.md);
//! `audio_preview_url` is deprecated since 2024-12 and `language` is replaced by `languages`.

use crate::id::EpisodeId;
use crate::lenient::model;

use super::common::{ExternalUrls, ItemType, ReleaseDatePrecision, Restrictions, ResumePoint};
use super::image::Image;
use super::show::SimplifiedShow;

model! {
    /// An episode as listed in a show or by search (`SimplifiedEpisodeObject`).
    pub struct SimplifiedEpisode {
        /// A URL to a 30-second MP3 preview; `None` if not available. Deprecated by Spotify in
        /// 2024-12.
        pub audio_preview_url: Option<String>,
        /// The description of the episode, HTML tags stripped; empty if Spotify sends none.
        pub description: String,
        /// The description of the episode with its HTML tags; `None` in older bodies, which lack
        /// it.
        pub html_description: Option<String>,
        /// The episode length in milliseconds; 0 if Spotify sends none.
        pub duration_ms: u32,
        /// Whether the episode has explicit content (`false` also means unknown).
        pub explicit: bool,
        /// Known external URLs of the episode.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the full episode.
        pub href: String,
        /// The Spotify ID of the episode.
        pub id: EpisodeId,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// Whether the episode is hosted outside Spotify's CDN; `false` when Spotify leaves it out.
        pub is_externally_hosted: bool,
        /// Whether the episode is playable in the given market; `None` when Spotify leaves it out
        /// (older bodies).
        pub is_playable: Option<bool>,
        /// The language of the episode, as an ISO 639 code. Deprecated in favour of `languages`;
        /// `None` when missing.
        pub language: Option<String>,
        /// The languages of the episode, as ISO 639-1 codes; empty when missing (older bodies).
        pub languages: Vec<String>,
        /// The name of the episode; empty if Spotify sends none.
        pub name: String,
        /// The date the episode was first released, as precise as `release_date_precision` says
        /// (`1981`, `1981-12` or `1981-12-15`); empty when Spotify sends none.
        pub release_date: String,
        /// How precisely `release_date` is known; `None` when Spotify sends none.
        pub release_date_precision: Option<ReleaseDatePrecision>,
        /// Where the user stopped in the episode; `None` unless the token is a user's with the
        /// `user-read-playback-position` scope.
        pub resume_point: Option<ResumePoint>,
        /// The object type: `episode`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Episode,
        /// The Spotify URI of the episode (`spotify:episode:...`).
        pub uri: String,
        /// The content restriction applied to the episode, if any.
        pub restrictions: Option<Restrictions>,
    }
}

model! {
    /// An episode with full details (`EpisodeObject`): a [`SimplifiedEpisode`] plus its show. From
    /// `GET /episodes/{id}`, saved episodes, the player, the queue and playlists.
    pub struct Episode {
        /// A URL to a 30-second MP3 preview; `None` if not available. Deprecated by Spotify in
        /// 2024-12.
        pub audio_preview_url: Option<String>,
        /// The description of the episode, HTML tags stripped; empty if Spotify sends none.
        pub description: String,
        /// The description of the episode with its HTML tags; `None` in older bodies, which lack
        /// it.
        pub html_description: Option<String>,
        /// The episode length in milliseconds; 0 if Spotify sends none.
        pub duration_ms: u32,
        /// Whether the episode has explicit content (`false` also means unknown).
        pub explicit: bool,
        /// Known external URLs of the episode.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the episode.
        pub href: String,
        /// The Spotify ID of the episode.
        pub id: EpisodeId,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// Whether the episode is hosted outside Spotify's CDN; `false` when Spotify leaves it out.
        pub is_externally_hosted: bool,
        /// Whether the episode is playable in the given market; `None` when Spotify leaves it out
        /// (older bodies).
        pub is_playable: Option<bool>,
        /// The language of the episode, as an ISO 639 code. Deprecated in favour of `languages`;
        /// `None` when missing.
        pub language: Option<String>,
        /// The languages of the episode, as ISO 639-1 codes; empty when missing (older bodies).
        pub languages: Vec<String>,
        /// The name of the episode; empty if Spotify sends none.
        pub name: String,
        /// The date the episode was first released, as precise as `release_date_precision` says
        /// (`1981`, `1981-12` or `1981-12-15`); empty when Spotify sends none.
        pub release_date: String,
        /// How precisely `release_date` is known; `None` when Spotify sends none.
        pub release_date_precision: Option<ReleaseDatePrecision>,
        /// Where the user stopped in the episode; `None` unless the token is a user's with the
        /// `user-read-playback-position` scope.
        pub resume_point: Option<ResumePoint>,
        /// The object type: `episode`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Episode,
        /// The Spotify URI of the episode (`spotify:episode:...`).
        pub uri: String,
        /// The content restriction applied to the episode, if any.
        pub restrictions: Option<Restrictions>,
        /// The show the episode belongs to; [`SimplifiedShow::default`] if Spotify leaves it out
        /// (episodes in playlists may come in a track-like shape without it).
        pub show: SimplifiedShow,
    }
}

model! {
    /// An episode in the user's library (`SavedEpisodeObject`), from `GET /me/episodes`.
    pub struct SavedEpisode {
        /// When the episode was saved, as an ISO 8601 UTC timestamp (`2021-02-24T14:13:23Z`);
        /// empty if Spotify sends none.
        pub added_at: String,
        /// The saved episode.
        pub episode: Episode,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_episode_with_only_language_deserializes() {
        let episode: SimplifiedEpisode = serde_json::from_str(
            r#"{"audio_preview_url":null,"description":"d","duration_ms":2685023,
                "explicit":false,"external_urls":{"spotify":"https://open.spotify.com/episode/1spUiev4ggXPq95a7KKHjW"},
                "href":"h","id":"1spUiev4ggXPq95a7KKHjW","images":[],"is_externally_hosted":false,
                "language":"sv","name":"n","release_date":"2019-08-27",
                "release_date_precision":"day","type":"episode",
                "uri":"spotify:episode:1spUiev4ggXPq95a7KKHjW"}"#,
        )
        .unwrap();
        assert_eq!(episode.language.as_deref(), Some("sv"));
        assert!(episode.languages.is_empty());
        assert_eq!(episode.html_description, None);
        assert_eq!(episode.is_playable, None);
        assert_eq!(episode.resume_point, None);
        assert_eq!(episode.audio_preview_url, None);
        assert_eq!(
            episode.release_date_precision,
            Some(ReleaseDatePrecision::Day)
        );
    }

    #[test]
    fn episode_keeps_resume_point_and_show() {
        let episode: Episode = serde_json::from_str(
            r#"{"id":"512ojhOuo1ktJprKbVcKyQ","name":"n","type":"episode",
                "resume_point":{"fully_played":true,"resume_position_ms":1000.0},
                "show":{"id":"38bS44xjbVVZ3No3ByF1dJ","name":"Historia","type":"show"}}"#,
        )
        .unwrap();
        assert_eq!(
            episode.resume_point,
            Some(ResumePoint {
                fully_played: true,
                resume_position_ms: 1000
            })
        );
        assert_eq!(episode.show.name, "Historia");
        assert_eq!(episode.show.kind, ItemType::Show);
    }
}
