//! Tracks: [`Track`] (`TrackObject`), [`SimplifiedTrack`] (`SimplifiedTrackObject`, the tracks
//! of an album), [`LinkedTrack`] (`LinkedTrackObject`, track relinking) and [`SavedTrack`]
//! (`SavedTrackObject`, the user's saved tracks).
//!
//! Local files (`is_local: true`, e.g. in playlists) have no Spotify ID: their `id`, `href`,
//! album fields and artist IDs come as `null`, and their `uri` is `spotify:local:...`.

use crate::id::TrackId;
use crate::lenient::model;
use crate::market::CountryCode;

use super::album::SimplifiedAlbum;
use super::artist::SimplifiedArtist;
use super::common::{ExternalIds, ExternalUrls, ItemType, Restrictions};

model! {
    /// A track with full details (`TrackObject`), from `GET /tracks/{id}`, search, saved tracks,
    /// playlists and the player.
    pub struct Track {
        /// The album on which the track appears. For a local file most of its fields are empty;
        /// some older bodies (recently played, recommendations) leave it out, and then it is
        /// [`SimplifiedAlbum::default`].
        pub album: SimplifiedAlbum,
        /// The artists who performed the track; empty if Spotify sends none.
        pub artists: Vec<SimplifiedArtist>,
        /// The ISO 3166-1 alpha-2 codes of the markets where the track can be played. Deprecated,
        /// and removed for development-mode apps in 2026-02; empty when missing.
        pub available_markets: Vec<CountryCode>,
        /// The disc number, usually 1; 0 for local files.
        pub disc_number: u32,
        /// The track length in milliseconds; 0 if Spotify sends none.
        pub duration_ms: u32,
        /// Whether the track has explicit lyrics (`false` also means unknown).
        pub explicit: bool,
        /// Known external IDs (usually `isrc`); empty for local files. Its removal for
        /// development-mode apps, announced in 2026-02, was reverted in 2026-03.
        pub external_ids: ExternalIds,
        /// Known external URLs of the track; empty for local files.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the track; empty for local files.
        pub href: String,
        /// The Spotify ID of the track; `None` for local files.
        pub id: Option<TrackId>,
        /// Whether the track is playable in the requested market; present only when track relinking
        /// applies (a `market` was given).
        pub is_playable: Option<bool>,
        /// The originally requested track, when track relinking replaced it with another one.
        /// Deprecated, and removed for development-mode apps in 2026-02.
        pub linked_from: Option<LinkedTrack>,
        /// The content restriction applied to the track, if any.
        pub restrictions: Option<Restrictions>,
        /// The name of the track; empty if Spotify sends none.
        pub name: String,
        /// The popularity of the track, 0 to 100. Deprecated, and removed for development-mode apps
        /// in 2026-02: then `None`.
        pub popularity: Option<u32>,
        /// A URL to a 30-second MP3 preview. Deprecated by Spotify in 2024-12; usually `null`.
        pub preview_url: Option<String>,
        /// The number of the track on its disc; 0 for local files.
        pub track_number: u32,
        /// The object type: `track`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Track,
        /// The Spotify URI of the track: `spotify:track:...`, or `spotify:local:...` for local files.
        pub uri: String,
        /// Whether the track is a local file; `false` when Spotify leaves it out.
        pub is_local: bool,
    }
}

model! {
    /// A track as listed in an album (`SimplifiedTrackObject`), e.g. from `GET /albums/{id}/tracks`.
    pub struct SimplifiedTrack {
        /// The artists who performed the track; empty if Spotify sends none.
        pub artists: Vec<SimplifiedArtist>,
        /// The ISO 3166-1 alpha-2 codes of the markets where the track can be played. Deprecated,
        /// and removed for development-mode apps in 2026-02; empty when missing.
        pub available_markets: Vec<CountryCode>,
        /// The disc number, usually 1.
        pub disc_number: u32,
        /// The track length in milliseconds; 0 if Spotify sends none.
        pub duration_ms: u32,
        /// Whether the track has explicit lyrics (`false` also means unknown).
        pub explicit: bool,
        /// Known external URLs of the track; empty for local files.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the track; empty for local files.
        pub href: String,
        /// The Spotify ID of the track; `None` for local files.
        pub id: Option<TrackId>,
        /// Whether the track is playable in the requested market; present only when track relinking
        /// applies (a `market` was given).
        pub is_playable: Option<bool>,
        /// The originally requested track, when track relinking replaced it with another one.
        /// Deprecated, and removed for development-mode apps in 2026-02.
        pub linked_from: Option<LinkedTrack>,
        /// The content restriction applied to the track, if any.
        pub restrictions: Option<Restrictions>,
        /// The name of the track; empty if Spotify sends none.
        pub name: String,
        /// A URL to a 30-second MP3 preview. Deprecated by Spotify in 2024-12; usually `null`.
        pub preview_url: Option<String>,
        /// The number of the track on its disc.
        pub track_number: u32,
        /// The object type: `track`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Track,
        /// The Spotify URI of the track: `spotify:track:...`, or `spotify:local:...` for local files.
        pub uri: String,
        /// Whether the track is a local file; `false` when Spotify leaves it out.
        pub is_local: bool,
    }
}

model! {
    /// The originally requested track when track relinking replaced it (`LinkedTrackObject`).
    ///
    /// Deprecated by Spotify, and removed for development-mode apps in 2026-02.
    pub struct LinkedTrack {
        /// Known external URLs of the requested track.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the requested track.
        pub href: String,
        /// The Spotify ID of the requested track.
        pub id: TrackId,
        /// The object type: `track`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Track,
        /// The Spotify URI of the requested track.
        pub uri: String,
    }
}

model! {
    /// A track in the user's library (`SavedTrackObject`), from `GET /me/tracks`.
    pub struct SavedTrack {
        /// When the track was saved, as an ISO 8601 UTC timestamp (`2014-10-26T14:22:34Z`).
        pub added_at: String,
        /// The saved track.
        pub track: Track,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::common::RestrictionReason;

    /// A track as a development-mode app sees it since 2026-02: no `available_markets`,
    /// `popularity` or `linked_from`.
    const DEV_MODE_TRACK: &str = r#"{
        "album": {
            "album_type": "single", "total_tracks": 1,
            "external_urls": {"spotify": "https://open.spotify.com/album/2up3OPMp9Tb4dAKM2erWXQ"},
            "href": "https://api.spotify.com/v1/albums/2up3OPMp9Tb4dAKM2erWXQ",
            "id": "2up3OPMp9Tb4dAKM2erWXQ",
            "images": [{"url": "https://i.scdn.co/image/ab67616d0000b273", "height": 640, "width": 640}],
            "name": "Single", "release_date": "1981-12", "release_date_precision": "month",
            "type": "album", "uri": "spotify:album:2up3OPMp9Tb4dAKM2erWXQ",
            "artists": [{"external_urls": {"spotify": "https://open.spotify.com/artist/1"},
                         "href": "https://api.spotify.com/v1/artists/1", "id": "1",
                         "name": "Someone", "type": "artist", "uri": "spotify:artist:1"}]
        },
        "artists": [{"external_urls": {"spotify": "https://open.spotify.com/artist/1"},
                     "href": "https://api.spotify.com/v1/artists/1", "id": "1",
                     "name": "Someone", "type": "artist", "uri": "spotify:artist:1"}],
        "disc_number": 1, "duration_ms": 207959, "explicit": false,
        "external_ids": {"isrc": "USUM71703861"},
        "external_urls": {"spotify": "https://open.spotify.com/track/11dFghVXANMlKmJXsNCbNl"},
        "href": "https://api.spotify.com/v1/tracks/11dFghVXANMlKmJXsNCbNl",
        "id": "11dFghVXANMlKmJXsNCbNl", "is_playable": true,
        "restrictions": {"reason": "market"},
        "name": "Cut To The Feeling", "preview_url": null, "track_number": 1,
        "type": "track", "uri": "spotify:track:11dFghVXANMlKmJXsNCbNl", "is_local": false
    }"#;

    /// A local file in a playlist, in the shape real bodies have it.
    const LOCAL_TRACK: &str = r#"{
        "album": {
            "album_type": null, "artists": [], "available_markets": [], "external_urls": {},
            "href": null, "id": null, "images": [], "name": "", "release_date": null,
            "release_date_precision": null, "type": "album", "uri": null
        },
        "artists": [{"external_urls": {}, "href": null, "id": null, "name": "Local Band",
                     "type": "artist", "uri": null}],
        "available_markets": [], "disc_number": 0, "duration_ms": 0, "episode": false,
        "explicit": false, "external_ids": {}, "external_urls": {}, "href": null, "id": null,
        "is_local": true, "name": "Demo Tape", "popularity": 0, "preview_url": null,
        "track": true, "track_number": 0, "type": "track",
        "uri": "spotify:local:Local+Band::Demo+Tape:0"
    }"#;

    #[test]
    fn dev_mode_track_without_removed_fields_deserializes() {
        let track: Track = serde_json::from_str(DEV_MODE_TRACK).unwrap();
        assert!(track.available_markets.is_empty());
        assert_eq!(track.popularity, None);
        assert_eq!(track.linked_from, None);
        assert_eq!(track.name, "Cut To The Feeling");
        assert_eq!(
            track.id.as_ref().map(TrackId::as_str),
            Some("11dFghVXANMlKmJXsNCbNl")
        );
        assert_eq!(track.duration_ms, 207_959);
        assert_eq!(track.album.name, "Single");
        assert_eq!(track.artists[0].name, "Someone");
        assert_eq!(
            track.restrictions.and_then(|r| r.reason),
            Some(RestrictionReason::Market)
        );
    }

    #[test]
    fn local_track_with_null_fields_deserializes() {
        let track: Track = serde_json::from_str(LOCAL_TRACK).unwrap();
        assert!(track.is_local);
        assert_eq!(track.id, None);
        assert_eq!(track.href, "");
        assert_eq!(track.name, "Demo Tape");
        assert_eq!(track.uri, "spotify:local:Local+Band::Demo+Tape:0");
        assert_eq!(track.album.id, None);
        assert_eq!(track.album.album_type, None);
        assert_eq!(track.album.release_date, "");
        assert_eq!(track.album.release_date_precision, None);
        assert_eq!(track.artists[0].id, None);
        assert_eq!(track.artists[0].name, "Local Band");
        let again: Track = serde_json::from_value(serde_json::to_value(&track).unwrap()).unwrap();
        assert_eq!(again, track);
    }

    #[test]
    fn track_with_nulls_everywhere_deserializes() {
        let track: Track = serde_json::from_str(
            r#"{"album":null,"artists":null,"available_markets":null,"disc_number":null,
                "duration_ms":null,"explicit":null,"external_ids":null,"external_urls":null,
                "href":null,"id":null,"is_playable":null,"linked_from":null,"restrictions":null,
                "name":null,"popularity":null,"preview_url":null,"track_number":null,
                "type":"track","uri":null,"is_local":null}"#,
        )
        .unwrap();
        assert_eq!(track.name, "");
        assert!(track.artists.is_empty());
        assert_eq!(track.kind, ItemType::Track);
    }

    #[test]
    fn track_without_album_gets_an_empty_one() {
        let track: Track =
            serde_json::from_str(r#"{"name":"Only a name","type":"track"}"#).unwrap();
        assert_eq!(track.album, SimplifiedAlbum::default());
        assert_eq!(track.album.kind, ItemType::Album);
    }

    #[test]
    fn markets_are_country_codes_and_anything_else_is_left_out() {
        let track: Track = serde_json::from_str(
            r#"{"available_markets":["SE","us",null,"SWE",5,"","GB"],
                "album":{"available_markets":["JP"]}}"#,
        )
        .unwrap();
        assert_eq!(track.available_markets, ["SE", "US", "GB"]);
        assert_eq!(track.album.available_markets, ["JP"]);
        let value = serde_json::to_value(&track).unwrap();
        assert_eq!(
            value["available_markets"],
            serde_json::json!(["SE", "US", "GB"])
        );
    }

    #[test]
    fn simplified_track_serializes_spotify_names() {
        let track: SimplifiedTrack = serde_json::from_str(
            r#"{"id":"4uLU6hMCjMI75M1A2tKUQC","name":"n","type":"track",
                "uri":"spotify:track:4uLU6hMCjMI75M1A2tKUQC","is_local":false}"#,
        )
        .unwrap();
        let value = serde_json::to_value(&track).unwrap();
        assert_eq!(value["type"], "track");
        assert!(value.get("kind").is_none());
        assert_eq!(value["id"], "4uLU6hMCjMI75M1A2tKUQC");
    }

    #[test]
    fn linked_track_deserializes() {
        let track: Track = serde_json::from_str(
            r#"{"id":"4uLU6hMCjMI75M1A2tKUQC","name":"n","is_playable":true,
                "linked_from":{"external_urls":{"spotify":"https://open.spotify.com/track/6kLCHFM39wkFjOuyPGLGeQ"},
                "href":"https://api.spotify.com/v1/tracks/6kLCHFM39wkFjOuyPGLGeQ",
                "id":"6kLCHFM39wkFjOuyPGLGeQ","type":"track",
                "uri":"spotify:track:6kLCHFM39wkFjOuyPGLGeQ"}}"#,
        )
        .unwrap();
        assert_eq!(
            track.linked_from.map(|l| l.id),
            Some(TrackId::parse("6kLCHFM39wkFjOuyPGLGeQ").unwrap())
        );
        assert_eq!(track.is_playable, Some(true));
    }
}
