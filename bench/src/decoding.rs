//! Each client's way of decoding a body, exactly as it does after a request.
//!
//! - **Ours**: the pipeline's own entry points (`spotify_web_api::__bench`, a hidden hook):
//!   `decode::<T>` (straight from the bytes, the JSON path tracked only on a second pass when
//!   the first fails) for a track, an album and a search; `decode_page` for a playlist page,
//!   which is how `.await`, `stream()` and `fetch_all()` read a page that is the whole body.
//! - **rspotify**: `serde_json::from_str` on the body as a `String` (its `convert_result`,
//!   after reqwest's `text()`), into its models.
//!
//! Each function returns how many items the body gave (1 for a track, the album's tracks, the
//! page's items that have content, the search's results), so a decode that "works" but drops
//! content shows.

use std::fmt;

use anyhow::Context as _;
use serde::de::DeserializeOwned;
use spotify_web_api::__bench as ours;
use spotify_web_api::model as our_model;

/// What a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `GET /tracks/{id}`: one full track.
    Track,
    /// `GET /albums/{id}`: a full album with its first page of tracks.
    Album,
    /// `GET /playlists/{id}/items?limit=50`: 50 playlist items.
    PlaylistPage,
    /// `GET /search`: a page of tracks, albums and artists.
    Search,
}

impl Kind {
    /// Every kind, in table order.
    pub const ALL: [Kind; 4] = [Kind::Track, Kind::Album, Kind::PlaylistPage, Kind::Search];
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Track => "track",
            Kind::Album => "album",
            Kind::PlaylistPage => "playlist page (50)",
            Kind::Search => "search",
        })
    }
}

/// Decodes `body` as our library does; the count of items it gave.
///
/// # Errors
///
/// The library's decode error.
pub fn ours(kind: Kind, body: &[u8]) -> anyhow::Result<usize> {
    Ok(match kind {
        Kind::Track => usize::from(!ours::decode::<our_model::Track>(body)?.name.is_empty()),
        Kind::Album => ours::decode::<our_model::Album>(body)?.tracks.items.len(),
        Kind::PlaylistPage => ours::decode_page::<our_model::PlaylistItem>(body)?
            .items
            .iter()
            .filter(|item| item.content().is_some())
            .count(),
        Kind::Search => {
            let results = ours::decode::<our_model::SearchResults>(body)?;
            results.tracks.map_or(0, |p| p.items.len())
                + results.albums.map_or(0, |p| p.items.len())
                + results.artists.map_or(0, |p| p.items.len())
        }
    })
}

/// Decodes `body` as rspotify does; the count of items it gave.
///
/// # Errors
///
/// rspotify's models refuse the body (a missing or `null` field it requires...).
pub fn rspotify(kind: Kind, body: &[u8]) -> anyhow::Result<usize> {
    use rspotify::model as theirs;
    Ok(match kind {
        Kind::Track => usize::from(!rspotify_decode::<theirs::FullTrack>(body)?.name.is_empty()),
        Kind::Album => rspotify_decode::<theirs::FullAlbum>(body)?
            .tracks
            .items
            .len(),
        Kind::PlaylistPage => rspotify_decode::<theirs::Page<theirs::PlaylistItem>>(body)?
            .items
            .iter()
            .filter(|item| item.item.is_some())
            .count(),
        Kind::Search => {
            let results = rspotify_decode::<theirs::SearchMultipleResult>(body)?;
            results.tracks.map_or(0, |p| p.items.len())
                + results.albums.map_or(0, |p| p.items.len())
                + results.artists.map_or(0, |p| p.items.len())
        }
    })
}

/// rspotify's `convert_result`: the body as text, then `serde_json::from_str`.
fn rspotify_decode<T: DeserializeOwned>(body: &[u8]) -> anyhow::Result<T> {
    let text = std::str::from_utf8(body).context("the body is not UTF-8")?;
    serde_json::from_str(text).context("rspotify's model refused the body")
}
