//! Albums: [`Album`] (`AlbumObject`, from `GET /albums/{id}`), [`SimplifiedAlbum`]
//! (`SimplifiedAlbumObject` and `ArtistDiscographyAlbumObject`, embedded in tracks and listed by
//! search, new releases and artist albums) and [`SavedAlbum`] (`SavedAlbumObject`).

use crate::id::AlbumId;
use crate::lenient::model;
use crate::market::CountryCode;

use super::artist::SimplifiedArtist;
use super::common::{
    Copyright, ExternalIds, ExternalUrls, ItemType, ReleaseDatePrecision, Restrictions, string_enum,
};
use super::image::Image;
use super::page::Page;
use super::track::SimplifiedTrack;

string_enum! {
    /// The type of an album (`album_type`). Real bodies sometimes spell it in upper case
    /// (`"ALBUM"`); any case is accepted.
    pub enum AlbumType {
        /// `album`.
        Album = "album",
        /// `single`.
        Single = "single",
        /// `compilation`.
        Compilation = "compilation",
    }
}

string_enum! {
    /// How an album relates to the artist whose albums were listed (`album_group`, in
    /// `GET /artists/{id}/albums`).
    pub enum AlbumGroup {
        /// `album`.
        Album = "album",
        /// `single`.
        Single = "single",
        /// `compilation`.
        Compilation = "compilation",
        /// `appears_on`: the artist appears on an album of someone else.
        AppearsOn = "appears_on",
    }
}

model! {
    /// An album as embedded in a track or listed by search, new releases, artist albums and
    /// `GET /albums/{id}` multi-gets (`SimplifiedAlbumObject`, `ArtistDiscographyAlbumObject`).
    ///
    /// The album of a local file has `null` for most fields: then `album_type`, `id` and
    /// `release_date_precision` are `None` and the strings are empty. Older embedded albums lack
    /// `total_tracks`, `release_date`, `release_date_precision` and `artists` (SPEC-GAPS.md).
    pub struct SimplifiedAlbum {
        /// The type of the album; `None` for the album of a local file.
        pub album_type: Option<AlbumType>,
        /// The number of tracks in the album; 0 when Spotify leaves it out.
        pub total_tracks: u32,
        /// The ISO 3166-1 alpha-2 codes of the markets where at least one track of the album is
        /// available. Deprecated, and removed for development-mode apps in 2026-02; empty when
        /// missing.
        pub available_markets: Vec<CountryCode>,
        /// Known external URLs of the album; empty for the album of a local file.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the full album; empty for the album of a local file.
        pub href: String,
        /// The Spotify ID of the album; `None` for the album of a local file.
        pub id: Option<AlbumId>,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// The name of the album; may be empty after a takedown and for local files.
        pub name: String,
        /// The date the album was first released, as precise as `release_date_precision` says
        /// (`1981`, `1981-12` or `1981-12-15`); empty when Spotify sends none.
        pub release_date: String,
        /// How precisely `release_date` is known; `None` when Spotify sends none.
        pub release_date_precision: Option<ReleaseDatePrecision>,
        /// The content restriction applied to the album, if any.
        pub restrictions: Option<Restrictions>,
        /// The object type: `album`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Album,
        /// The Spotify URI of the album (`spotify:album:...`); empty for the album of a local file.
        pub uri: String,
        /// The artists of the album; empty when Spotify leaves them out (older embedded albums).
        pub artists: Vec<SimplifiedArtist>,
        /// How the album relates to the artist, in `GET /artists/{id}/albums` only. Deprecated in
        /// 2026-02 and removed for development-mode apps: then `None`.
        pub album_group: Option<AlbumGroup>,
    }
}

model! {
    /// An album with full details (`AlbumObject`), from `GET /albums/{id}` and saved albums.
    pub struct Album {
        /// The type of the album.
        pub album_type: AlbumType,
        /// The number of tracks in the album; 0 when Spotify leaves it out.
        pub total_tracks: u32,
        /// The ISO 3166-1 alpha-2 codes of the markets where at least one track of the album is
        /// available. Deprecated, and removed for development-mode apps in 2026-02; empty when
        /// missing.
        pub available_markets: Vec<CountryCode>,
        /// Known external URLs of the album.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the album.
        pub href: String,
        /// The Spotify ID of the album.
        pub id: AlbumId,
        /// The cover art, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// The name of the album; may be empty after a takedown.
        pub name: String,
        /// The date the album was first released, as precise as `release_date_precision` says
        /// (`1981`, `1981-12` or `1981-12-15`); empty when Spotify sends none.
        pub release_date: String,
        /// How precisely `release_date` is known; `None` when Spotify sends none.
        pub release_date_precision: Option<ReleaseDatePrecision>,
        /// The content restriction applied to the album, if any.
        pub restrictions: Option<Restrictions>,
        /// The object type: `album`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Album,
        /// The Spotify URI of the album (`spotify:album:...`).
        pub uri: String,
        /// The artists of the album; empty if Spotify sends none.
        pub artists: Vec<SimplifiedArtist>,
        /// The first page of the album's tracks; an empty page if Spotify sends none.
        pub tracks: Page<SimplifiedTrack>,
        /// The copyright statements of the album; empty when missing (some older albums).
        pub copyrights: Vec<Copyright>,
        /// Known external IDs of the album (usually `upc`). Its removal for development-mode apps,
        /// announced in 2026-02, was reverted in 2026-03.
        pub external_ids: ExternalIds,
        /// Deprecated by Spotify in 2024-12: always empty.
        pub genres: Vec<String>,
        /// The label of the album. Deprecated, and removed for development-mode apps in 2026-02
        /// (also missing from some older albums): then `None`.
        pub label: Option<String>,
        /// The popularity of the album, 0 to 100. Deprecated, and removed for development-mode apps
        /// in 2026-02: then `None`.
        pub popularity: Option<u32>,
    }
}

model! {
    /// An album in the user's library (`SavedAlbumObject`), from `GET /me/albums`.
    pub struct SavedAlbum {
        /// When the album was saved, as an ISO 8601 UTC timestamp (`2014-07-08T18:18:33Z`).
        pub added_at: String,
        /// The saved album.
        pub album: Album,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn album_type_is_case_insensitive_and_keeps_unknown_values() {
        let album: SimplifiedAlbum = serde_json::from_str(
            r#"{"album_type":"ALBUM","id":"a","name":"n","type":"album","album_group":"appears_on"}"#,
        )
        .unwrap();
        assert_eq!(album.album_type, Some(AlbumType::Album));
        assert_eq!(album.album_group, Some(AlbumGroup::AppearsOn));
        assert_eq!(serde_json::to_value(&album).unwrap()["album_type"], "album");

        let album: SimplifiedAlbum =
            serde_json::from_str(r#"{"album_type":"ep","id":"a","name":"n","type":"album"}"#)
                .unwrap();
        assert_eq!(album.album_type, Some(AlbumType::Unknown("ep".into())));
        let value = serde_json::to_value(&album).unwrap();
        assert_eq!(value["album_type"], "ep");
        let again: SimplifiedAlbum = serde_json::from_value(value).unwrap();
        assert_eq!(again, album);
    }

    #[test]
    fn old_embedded_album_without_required_fields_deserializes() {
        let album: SimplifiedAlbum = serde_json::from_str(
            r#"{"album_type":"album","external_urls":{"spotify":"https://open.spotify.com/album/x"},
                "href":"https://api.spotify.com/v1/albums/x","id":"x","images":[],"name":"Old",
                "type":"album","uri":"spotify:album:x"}"#,
        )
        .unwrap();
        assert_eq!(album.total_tracks, 0);
        assert_eq!(album.release_date, "");
        assert_eq!(album.release_date_precision, None);
        assert!(album.artists.is_empty());
        assert!(album.available_markets.is_empty());
    }

    #[test]
    fn dev_mode_full_album_without_removed_fields_deserializes() {
        let album: Album = serde_json::from_str(
            r#"{"album_type":"compilation","total_tracks":2,"external_urls":{},"href":"h",
                "id":"x","images":[{"url":"u"}],"name":"Hits","release_date":"1981",
                "release_date_precision":"year","type":"album","uri":"spotify:album:x",
                "artists":[],"copyrights":[{"text":"(P) 1981","type":"P"}],
                "external_ids":{"upc":"1"},"genres":[],
                "tracks":{"href":"h","items":[{"id":"t","name":"One","track_number":1}],
                          "limit":50,"next":null,"offset":0,"previous":null,"total":1}}"#,
        )
        .unwrap();
        assert_eq!(album.label, None);
        assert_eq!(album.popularity, None);
        assert!(album.available_markets.is_empty());
        assert_eq!(
            album.release_date_precision,
            Some(ReleaseDatePrecision::Year)
        );
        assert_eq!(album.tracks.items[0].name, "One");
        assert_eq!(album.images[0].height, None);
    }
}
