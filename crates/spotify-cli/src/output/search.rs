//! Search results: a table per type asked for.

use std::io::Write;

use spotify_web_api::api::search::SearchType;
use spotify_web_api::model::{
    Artist, Page, SearchResults, SimplifiedAlbum, SimplifiedAudiobook, SimplifiedEpisode,
    SimplifiedPlaylist, SimplifiedShow, Track,
};

use super::catalog::{names, year};
use super::table::{Column, Table};
use super::{duration, section, thousands};

/// Search results: a table per type, in the order asked.
pub(crate) fn results(
    out: &mut dyn Write,
    results: &SearchResults,
    types: &[SearchType],
    width: usize,
) -> anyhow::Result<()> {
    for (n, kind) in types.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let (title, table) = match kind {
            SearchType::Track => search_tracks(results.tracks.as_ref()),
            SearchType::Album => search_albums(results.albums.as_ref()),
            SearchType::Artist => search_artists(results.artists.as_ref()),
            SearchType::Playlist => search_playlists(results.playlists.as_ref()),
            SearchType::Show => search_shows(results.shows.as_ref()),
            SearchType::Episode => search_episodes(results.episodes.as_ref()),
            SearchType::Audiobook => search_audiobooks(results.audiobooks.as_ref()),
            _ => continue,
        };
        writeln!(out, "{title}")?;
        if !table.is_empty() {
            table.print(out, width)?;
        }
    }
    Ok(())
}

/// A result page's title and a table of its rows, numbered from the page's offset.
fn page_table<T>(
    label: &str,
    page: Option<&Page<T>>,
    columns: Vec<Column>,
    cells: impl Fn(&T) -> Vec<String>,
) -> (String, Table) {
    let mut table = Table::new(columns);
    let Some(page) = page else {
        return (format!("{label}: none"), table);
    };
    for (i, item) in page.items.iter().enumerate() {
        let mut row = vec![(u64::from(page.offset) + i as u64 + 1).to_string()];
        row.extend(cells(item));
        table.row(row);
    }
    let title = section(label, page.offset, page.items.len(), page.total);
    (title, table)
}

fn search_tracks(page: Option<&Page<Track>>) -> (String, Table) {
    page_table(
        "Tracks",
        page,
        vec![
            Column::number("#"),
            Column::text("TITLE", 3),
            Column::text("ARTISTS", 2),
            Column::text("ALBUM", 2),
            Column::number("DURATION"),
            Column::fixed("ID"),
        ],
        |t| {
            vec![
                t.name.clone(),
                names(&t.artists),
                t.album.name.clone(),
                duration(t.duration_ms.into()),
                t.id.as_ref().map(ToString::to_string).unwrap_or_default(),
            ]
        },
    )
}

fn search_albums(page: Option<&Page<SimplifiedAlbum>>) -> (String, Table) {
    page_table(
        "Albums",
        page,
        vec![
            Column::number("#"),
            Column::text("NAME", 3),
            Column::text("ARTISTS", 2),
            Column::fixed("TYPE"),
            Column::fixed("YEAR"),
            Column::fixed("ID"),
        ],
        |a| {
            vec![
                a.name.clone(),
                names(&a.artists),
                a.album_type
                    .as_ref()
                    .map(|t| t.as_str().to_owned())
                    .unwrap_or_default(),
                year(&a.release_date).to_owned(),
                a.id.as_ref().map(ToString::to_string).unwrap_or_default(),
            ]
        },
    )
}

fn search_artists(page: Option<&Page<Artist>>) -> (String, Table) {
    page_table(
        "Artists",
        page,
        vec![
            Column::number("#"),
            Column::text("NAME", 2),
            Column::text("GENRES", 2).optional(),
            Column::number("FOLLOWERS").optional(),
            Column::fixed("ID"),
        ],
        |a| {
            vec![
                a.name.clone(),
                a.genres.join(", "),
                a.followers
                    .as_ref()
                    .map(|f| thousands(f.total))
                    .unwrap_or_default(),
                a.id.to_string(),
            ]
        },
    )
}

fn search_playlists(page: Option<&Page<SimplifiedPlaylist>>) -> (String, Table) {
    page_table(
        "Playlists",
        page,
        vec![
            Column::number("#"),
            Column::text("NAME", 3),
            Column::text("OWNER", 1),
            Column::number("ITEMS"),
            Column::fixed("ID"),
        ],
        |p| {
            vec![
                p.name.clone(),
                super::playlists::owner(p),
                super::playlists::item_count(p),
                p.id.to_string(),
            ]
        },
    )
}

fn search_shows(page: Option<&Page<SimplifiedShow>>) -> (String, Table) {
    page_table(
        "Shows",
        page,
        vec![
            Column::number("#"),
            Column::text("NAME", 3),
            Column::text("PUBLISHER", 2),
            Column::number("EPISODES").optional(),
            Column::fixed("ID"),
        ],
        |s| {
            vec![
                s.name.clone(),
                s.publisher.clone().unwrap_or_default(),
                s.total_episodes
                    .map(|t| thousands(t.into()))
                    .unwrap_or_default(),
                s.id.to_string(),
            ]
        },
    )
}

fn search_episodes(page: Option<&Page<SimplifiedEpisode>>) -> (String, Table) {
    page_table(
        "Episodes",
        page,
        vec![
            Column::number("#"),
            Column::text("TITLE", 1),
            Column::fixed("RELEASED"),
            Column::number("DURATION"),
            Column::fixed("ID"),
        ],
        |e| {
            vec![
                e.name.clone(),
                e.release_date.clone(),
                duration(e.duration_ms.into()),
                e.id.to_string(),
            ]
        },
    )
}

fn search_audiobooks(page: Option<&Page<SimplifiedAudiobook>>) -> (String, Table) {
    page_table(
        "Audiobooks",
        page,
        vec![
            Column::number("#"),
            Column::text("NAME", 3),
            Column::text("AUTHORS", 2),
            Column::number("CHAPTERS").optional(),
            Column::fixed("ID"),
        ],
        |b| {
            vec![
                b.name.clone(),
                b.authors
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                b.total_chapters
                    .map(|t| thousands(t.into()))
                    .unwrap_or_default(),
                b.id.to_string(),
            ]
        },
    )
}
