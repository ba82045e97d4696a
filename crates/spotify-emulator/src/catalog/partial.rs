//! What the fixtures say about an entity, before the gaps are filled (`complete.rs`): every
//! field a body may leave out is an `Option` (or an empty list) here.

use std::collections::BTreeMap;

use super::markets::MarketSet;
use super::model::{AlbumType, Copyright, ExternalIds, Id, Image, ReleaseDate};

/// All partial records of one normalisation.
#[derive(Debug, Default)]
pub(super) struct Partials {
    pub(super) tracks: BTreeMap<Id, PartialTrack>,
    pub(super) albums: BTreeMap<Id, PartialAlbum>,
    pub(super) artists: BTreeMap<Id, PartialArtist>,
    pub(super) shows: BTreeMap<Id, PartialShow>,
    pub(super) episodes: BTreeMap<Id, PartialEpisode>,
    pub(super) audiobooks: BTreeMap<Id, PartialAudiobook>,
    pub(super) chapters: BTreeMap<Id, PartialChapter>,
    /// (artist, album) pairs from `/artists/{id}/albums` pages.
    pub(super) artist_albums: Vec<(Id, Id)>,
    /// Playlist id → the `total` its body declared (to fill playlists whose items are not in
    /// any body).
    pub(super) playlist_totals: BTreeMap<Id, u64>,
}

#[derive(Debug)]
pub(super) struct PartialTrack {
    pub(super) name: String,
    pub(super) album: Option<Id>,
    pub(super) artists: Vec<Id>,
    pub(super) disc_number: Option<u32>,
    pub(super) track_number: Option<u32>,
    /// 1-based position in the list it was found in, when `track_number` is missing.
    pub(super) position: Option<u32>,
    pub(super) duration_ms: Option<u32>,
    pub(super) explicit: Option<bool>,
    pub(super) external_ids: ExternalIds,
    pub(super) popularity: Option<u32>,
    pub(super) preview_url: Option<String>,
    pub(super) markets: Option<MarketSet>,
}

#[derive(Debug)]
pub(super) struct PartialAlbum {
    pub(super) name: String,
    /// `total_tracks` as the body declared it (for albums whose tracks no body lists).
    pub(super) total_tracks: Option<u32>,
    pub(super) album_type: Option<AlbumType>,
    pub(super) artists: Vec<Id>,
    pub(super) images: Vec<Image>,
    pub(super) release_date: Option<ReleaseDate>,
    pub(super) label: Option<String>,
    pub(super) copyrights: Option<Vec<Copyright>>,
    pub(super) external_ids: ExternalIds,
    pub(super) genres: Vec<String>,
    pub(super) popularity: Option<u32>,
    pub(super) markets: Option<MarketSet>,
}

#[derive(Debug)]
pub(super) struct PartialArtist {
    pub(super) name: String,
    pub(super) genres: Vec<String>,
    pub(super) images: Vec<Image>,
    pub(super) followers: Option<u64>,
    pub(super) popularity: Option<u32>,
}

#[derive(Debug)]
pub(super) struct PartialShow {
    pub(super) name: String,
    pub(super) publisher: Option<String>,
    pub(super) description: Option<String>,
    pub(super) html_description: Option<String>,
    pub(super) explicit: Option<bool>,
    pub(super) images: Vec<Image>,
    pub(super) languages: Vec<String>,
    pub(super) media_type: Option<String>,
    pub(super) is_externally_hosted: Option<bool>,
    pub(super) copyrights: Option<Vec<Copyright>>,
    pub(super) markets: Option<MarketSet>,
}

#[derive(Debug)]
pub(super) struct PartialEpisode {
    pub(super) name: String,
    pub(super) show: Option<Id>,
    pub(super) description: Option<String>,
    pub(super) html_description: Option<String>,
    pub(super) duration_ms: Option<u32>,
    pub(super) explicit: Option<bool>,
    pub(super) images: Vec<Image>,
    pub(super) languages: Vec<String>,
    pub(super) language: Option<String>,
    pub(super) release_date: Option<ReleaseDate>,
    pub(super) audio_preview_url: Option<String>,
    pub(super) is_externally_hosted: Option<bool>,
    pub(super) markets: Option<MarketSet>,
}

#[derive(Debug)]
pub(super) struct PartialAudiobook {
    pub(super) name: String,
    pub(super) authors: Vec<String>,
    pub(super) narrators: Vec<String>,
    pub(super) publisher: Option<String>,
    pub(super) description: Option<String>,
    pub(super) html_description: Option<String>,
    pub(super) edition: Option<String>,
    pub(super) explicit: Option<bool>,
    pub(super) images: Vec<Image>,
    pub(super) languages: Vec<String>,
    pub(super) media_type: Option<String>,
    pub(super) copyrights: Option<Vec<Copyright>>,
    pub(super) markets: Option<MarketSet>,
}

#[derive(Debug)]
pub(super) struct PartialChapter {
    pub(super) name: String,
    pub(super) audiobook: Option<Id>,
    pub(super) chapter_number: Option<u32>,
    pub(super) position: Option<u32>,
    pub(super) description: Option<String>,
    pub(super) html_description: Option<String>,
    pub(super) duration_ms: Option<u32>,
    pub(super) explicit: Option<bool>,
    pub(super) images: Vec<Image>,
    pub(super) languages: Vec<String>,
    pub(super) release_date: Option<ReleaseDate>,
    pub(super) audio_preview_url: Option<String>,
    pub(super) markets: Option<MarketSet>,
}
