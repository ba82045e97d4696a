//! The tables of `spotify library list`, one per kind, laid out before the first page arrives
//! (the lists stream): the fixed columns (when saved, durations, counts, the 22-character ID)
//! keep their width, the names share the rest.

use spotify_web_api::model::{
    Artist, SavedAlbum, SavedAudiobook, SavedEpisode, SavedShow, SavedTrack, SimplifiedPlaylist,
};

use super::catalog::{names, year};
use super::playlists;
use super::table::{Column, Layout};
use super::{duration, thousands};

/// Width of `2014-10-26`, how [`added`] prints `added_at`.
const ADDED: usize = 10;
/// Width of a Spotify ID.
const ID: usize = 22;

/// The day of `added_at` (`2014-10-26T14:22:34Z` as `2014-10-26`, UTC); anything else as
/// sent. The lists come newest first, and `--json` has the whole time.
pub(crate) fn added(added_at: &str) -> String {
    match (added_at.get(..10), added_at.get(10..11)) {
        (Some(date), Some("T")) => date.to_owned(),
        _ => added_at.to_owned(),
    }
}

/// Saved tracks.
pub(crate) fn tracks(width: usize) -> Layout {
    Layout::streaming(
        vec![
            Column::fixed("ADDED"),
            Column::text("TITLE", 3),
            Column::text("ARTISTS", 2),
            Column::text("ALBUM", 2),
            Column::number("DURATION"),
            Column::fixed("ID"),
        ],
        &[ADDED, 0, 0, 0, 8, ID],
        width,
    )
}

pub(crate) fn track_cells(s: &SavedTrack) -> Vec<String> {
    let t = &s.track;
    vec![
        added(&s.added_at),
        t.name.clone(),
        names(&t.artists),
        t.album.name.clone(),
        duration(t.duration_ms.into()),
        t.id.as_deref().unwrap_or_default().to_owned(),
    ]
}

/// Saved albums.
pub(crate) fn albums(width: usize) -> Layout {
    Layout::streaming(
        vec![
            Column::fixed("ADDED"),
            Column::text("ALBUM", 3),
            Column::text("ARTISTS", 2),
            Column::fixed("YEAR"),
            Column::number("TRACKS"),
            Column::fixed("ID"),
        ],
        &[ADDED, 0, 0, 4, 6, ID],
        width,
    )
}

pub(crate) fn album_cells(s: &SavedAlbum) -> Vec<String> {
    let a = &s.album;
    vec![
        added(&s.added_at),
        a.name.clone(),
        names(&a.artists),
        year(&a.release_date).to_owned(),
        a.total_tracks.to_string(),
        a.id.to_string(),
    ]
}

/// Saved podcast episodes.
pub(crate) fn episodes(width: usize) -> Layout {
    Layout::streaming(
        vec![
            Column::fixed("ADDED"),
            Column::text("EPISODE", 3),
            Column::text("SHOW", 2),
            Column::fixed("RELEASED"),
            Column::number("DURATION"),
            Column::fixed("ID"),
        ],
        &[ADDED, 0, 0, 10, 8, ID],
        width,
    )
}

pub(crate) fn episode_cells(s: &SavedEpisode) -> Vec<String> {
    let e = &s.episode;
    vec![
        added(&s.added_at),
        e.name.clone(),
        e.show.name.clone(),
        e.release_date.clone(),
        duration(e.duration_ms.into()),
        e.id.to_string(),
    ]
}

/// Saved podcast shows.
pub(crate) fn shows(width: usize) -> Layout {
    Layout::streaming(
        vec![
            Column::fixed("ADDED"),
            Column::text("SHOW", 3),
            Column::text("PUBLISHER", 2),
            Column::number("EPISODES"),
            Column::fixed("ID"),
        ],
        &[ADDED, 0, 0, 8, ID],
        width,
    )
}

pub(crate) fn show_cells(s: &SavedShow) -> Vec<String> {
    let show = &s.show;
    vec![
        added(&s.added_at),
        show.name.clone(),
        show.publisher.clone().unwrap_or_default(),
        show.total_episodes
            .map(|n| n.to_string())
            .unwrap_or_default(),
        show.id.to_string(),
    ]
}

/// Saved audiobooks.
pub(crate) fn audiobooks(width: usize) -> Layout {
    Layout::streaming(
        vec![
            Column::fixed("ADDED"),
            Column::text("AUDIOBOOK", 3),
            Column::text("AUTHORS", 2),
            Column::number("CHAPTERS"),
            Column::fixed("ID"),
        ],
        &[ADDED, 0, 0, 8, ID],
        width,
    )
}

pub(crate) fn audiobook_cells(s: &SavedAudiobook) -> Vec<String> {
    let b = &s.audiobook;
    let authors: Vec<&str> = b.authors.iter().map(|a| a.name.as_str()).collect();
    vec![
        s.added_at.as_deref().map(added).unwrap_or_default(),
        b.name.clone(),
        authors.join(", "),
        b.total_chapters.map(|n| n.to_string()).unwrap_or_default(),
        b.id.to_string(),
    ]
}

/// Followed artists (Spotify gives no time for a follow).
pub(crate) fn artists(width: usize) -> Layout {
    Layout::streaming(
        vec![
            Column::text("ARTIST", 3),
            Column::text("GENRES", 2),
            Column::number("FOLLOWERS"),
            Column::fixed("ID"),
        ],
        &[0, 0, 11, ID],
        width,
    )
}

pub(crate) fn artist_cells(a: &Artist) -> Vec<String> {
    vec![
        a.name.clone(),
        a.genres.join(", "),
        a.followers
            .as_ref()
            .map(|f| thousands(f.total))
            .unwrap_or_default(),
        a.id.to_string(),
    ]
}

/// The user's playlists, their own and those they follow (in Spotify's order: no time).
pub(crate) fn playlists(width: usize) -> Layout {
    Layout::streaming(
        vec![
            Column::text("PLAYLIST", 3),
            Column::text("OWNER", 2),
            Column::number("ITEMS"),
            Column::fixed("VISIBILITY"),
            Column::fixed("ID"),
        ],
        &[0, 0, 6, 13, ID],
        width,
    )
}

/// The cells of one of the user's playlists, as `spotify playlist list` shows them (without
/// its position).
pub(crate) fn playlist_cells(p: &SimplifiedPlaylist) -> Vec<String> {
    vec![
        p.name.clone(),
        playlists::owner(p),
        playlists::item_count(p),
        playlists::visibility(p.collaborative, p.public).to_owned(),
        p.id.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_at_reads_as_its_day() {
        assert_eq!(added("2014-10-26T14:22:34Z"), "2014-10-26");
        assert_eq!(added("2014-10-26"), "2014-10-26");
        assert_eq!(added(""), "");
    }
}
