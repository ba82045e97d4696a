//! Readable views of the catalogue's objects: a [`Details`] block for the object, then a
//! table per list.

use std::io::Write;

use spotify_web_api::model::{
    Album, Artist, Audiobook, Chapter, Episode, Page, PlayableItem, Playlist, PlaylistItem, Show,
    SimplifiedAlbum, SimplifiedArtist, SimplifiedTrack, Track,
};

use super::table::{Column, Layout, Table};
use super::{Details, duration, one_line, section, thousands, yes_no};

/// `A, B and C` as Spotify lists artists: `A, B, C`.
pub(super) fn names(artists: &[SimplifiedArtist]) -> String {
    artists
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A year from a release date (`1987-06-30`, `1987-06`, `1987`).
pub(super) fn year(date: &str) -> &str {
    date.get(..4).unwrap_or(date)
}

/// Prints a blank line, a section title and the table (or only the title when it is empty).
fn print_section(
    out: &mut dyn Write,
    title: &str,
    table: &Table,
    width: usize,
) -> anyhow::Result<()> {
    writeln!(out)?;
    writeln!(out, "{title}")?;
    if !table.is_empty() {
        table.print(out, width)?;
    }
    Ok(())
}

/// A track, readably.
pub(crate) fn track(out: &mut dyn Write, t: &Track, width: usize) -> anyhow::Result<()> {
    let album = match year(&t.album.release_date) {
        "" => t.album.name.clone(),
        year => format!("{} ({year})", t.album.name),
    };
    Details::new(&t.name)
        .field("artists", names(&t.artists))
        .field("album", album)
        .field("duration", duration(t.duration_ms.into()))
        .field_opt("playable", t.is_playable.map(yes_no))
        .field_opt(
            "relinked",
            t.linked_from.as_ref().map(|l| format!("from {}", l.uri)),
        )
        .field("uri", &t.uri)
        .print(out, width)
}

/// An album and its tracks.
pub(crate) fn album(
    out: &mut dyn Write,
    a: &Album,
    tracks: &[SimplifiedTrack],
    width: usize,
) -> anyhow::Result<()> {
    let length: u64 = tracks.iter().map(|t| u64::from(t.duration_ms)).sum();
    Details::new(&a.name)
        .field("artists", names(&a.artists))
        .field("type", a.album_type.as_str())
        .field("released", &a.release_date)
        .field("label", a.label.clone().unwrap_or_default())
        .field_opt("popularity", a.popularity.map(|p| p.to_string()))
        .field("genres", a.genres.join(", "))
        .field("length", duration(length))
        .field("uri", &a.uri)
        .print(out, width)?;
    let discs = tracks.iter().map(|t| t.disc_number).max().unwrap_or(1) > 1;
    let mut table = Table::new(vec![
        Column::number("DISC").optional(),
        Column::number("#"),
        Column::text("TITLE", 3),
        Column::text("ARTISTS", 2),
        Column::number("DURATION"),
        Column::fixed("ID"),
    ]);
    for t in tracks {
        table.row(vec![
            if discs {
                t.disc_number.to_string()
            } else {
                String::new()
            },
            t.track_number.to_string(),
            t.name.clone(),
            names(&t.artists),
            duration(t.duration_ms.into()),
            t.id.as_ref().map(ToString::to_string).unwrap_or_default(),
        ]);
    }
    let total = a.tracks.total.max(a.total_tracks);
    print_section(
        out,
        &section("Tracks", 0, tracks.len(), total),
        &table,
        width,
    )
}

/// What became of an artist's top tracks.
#[derive(Debug)]
pub(crate) enum TopTracks {
    Shown(Vec<Track>),
    /// The app cannot have them: the reason, in one line.
    Unavailable(String),
}

/// An artist, their top tracks and their albums.
pub(crate) fn artist(
    out: &mut dyn Write,
    a: &Artist,
    top: &TopTracks,
    albums: &[SimplifiedAlbum],
    width: usize,
) -> anyhow::Result<()> {
    Details::new(&a.name)
        .field("genres", a.genres.join(", "))
        .field_opt(
            "followers",
            a.followers.as_ref().map(|f| thousands(f.total)),
        )
        .field_opt("popularity", a.popularity.map(|p| p.to_string()))
        .field("uri", &a.uri)
        .print(out, width)?;
    match top {
        TopTracks::Shown(tracks) => {
            let mut table = Table::new(vec![
                Column::number("#"),
                Column::text("TITLE", 3),
                Column::text("ALBUM", 2),
                Column::number("DURATION"),
                Column::fixed("ID"),
            ]);
            for (i, t) in tracks.iter().enumerate() {
                table.row(vec![
                    (i + 1).to_string(),
                    t.name.clone(),
                    t.album.name.clone(),
                    duration(t.duration_ms.into()),
                    t.id.as_ref().map(ToString::to_string).unwrap_or_default(),
                ]);
            }
            let total = u32::try_from(tracks.len()).unwrap_or(u32::MAX);
            print_section(
                out,
                &section("Top tracks", 0, tracks.len(), total),
                &table,
                width,
            )?;
        }
        TopTracks::Unavailable(reason) => {
            writeln!(out)?;
            writeln!(out, "Top tracks: not shown: {}", one_line(reason))?;
        }
    }
    let mut table = Table::new(vec![
        Column::number("#"),
        Column::text("NAME", 3),
        Column::fixed("GROUP"),
        Column::fixed("RELEASED"),
        Column::number("TRACKS"),
        Column::fixed("ID"),
    ]);
    for (i, album) in albums.iter().enumerate() {
        table.row(vec![
            (i + 1).to_string(),
            album.name.clone(),
            album_group(a, album),
            album.release_date.clone(),
            album.total_tracks.to_string(),
            album
                .id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ]);
    }
    let total = u32::try_from(albums.len()).unwrap_or(u32::MAX);
    print_section(
        out,
        &section("Albums", 0, albums.len(), total),
        &table,
        width,
    )
}

/// How an album belongs to an artist's discography: Spotify's `album_group`, or, for a
/// development-mode app that no longer gets it (2026-02), the album's type when the artist is
/// one of its artists and `appears_on` otherwise.
fn album_group(artist: &Artist, album: &SimplifiedAlbum) -> String {
    if let Some(group) = &album.album_group {
        return group.as_str().to_owned();
    }
    let own = album
        .artists
        .iter()
        .any(|a| a.id.as_ref() == Some(&artist.id));
    match (&album.album_type, own) {
        (_, false) => "appears_on".to_owned(),
        (Some(kind), true) => kind.as_str().to_owned(),
        (None, true) => String::new(),
    }
}

/// The columns of a playlist's items, the same in `spotify playlist` and `playlist items`.
fn item_columns() -> Vec<Column> {
    vec![
        Column::number("#"),
        Column::text("TITLE", 3),
        Column::text("BY", 2),
        Column::number("DURATION"),
        Column::fixed("TYPE"),
        Column::fixed("ID"),
    ]
}

/// The cells of a playlist's item at `position` (from 1).
pub(crate) fn item_cells(position: u64, entry: &PlaylistItem) -> Vec<String> {
    let Some(item) = entry.content() else {
        // Spotify sends `null` for an item that is no longer available.
        return vec![
            position.to_string(),
            "(unavailable)".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
    };
    let (by, kind) = match item {
        PlayableItem::Track(t) if t.is_local => (names(&t.artists), "local".to_owned()),
        PlayableItem::Track(t) => (names(&t.artists), "track".to_owned()),
        PlayableItem::Episode(e) => (e.show.name.clone(), "episode".to_owned()),
        PlayableItem::Chapter(c) => (c.audiobook.name.clone(), "chapter".to_owned()),
        other => (String::new(), other.kind().as_str().to_owned()),
    };
    vec![
        position.to_string(),
        item.name().to_owned(),
        by,
        duration(item.duration_ms().into()),
        kind,
        item.id().unwrap_or_default().to_owned(),
    ]
}

/// The layout of `spotify playlist items`, fixed before the first row arrives: the text
/// columns share the width left by `#` (five digits: a playlist holds at most 10,000
/// items), the duration, the type and the 22-character ID.
pub(crate) fn items_layout(width: usize) -> Layout {
    Layout::streaming(item_columns(), &[5, 0, 0, 8, 7, 22], width)
}

/// How much of a playlist's items `spotify playlist` can show.
#[derive(Debug)]
pub(crate) enum PlaylistItems<'a> {
    /// The first page (from the playlist object or `GET /playlists/{id}/items`).
    Page(&'a Page<PlaylistItem>),
    /// The app may not read them: the reason, in one line.
    Unreadable(String),
}

/// A playlist and its first items; when there are more, `every_item` is the command that
/// lists them all (`spotify playlist items ID`, with the profile in use).
pub(crate) fn playlist(
    out: &mut dyn Write,
    p: &Playlist,
    items: &PlaylistItems<'_>,
    every_item: &str,
    width: usize,
) -> anyhow::Result<()> {
    let owner = match &p.owner.display_name {
        Some(name) if !name.is_empty() && name != p.owner.id.as_str() => {
            format!("{name} ({})", p.owner.id)
        }
        _ => p.owner.id.to_string(),
    };
    let visibility = match (p.collaborative, p.public) {
        (true, _) => "collaborative",
        (false, Some(true)) => "public",
        (false, Some(false)) => "private",
        (false, None) => "",
    };
    let total = match items {
        PlaylistItems::Page(page) => Some(page.total),
        PlaylistItems::Unreadable(_) => None,
    };
    Details::new(&p.name)
        .field("owner", owner)
        .field("description", p.description.clone().unwrap_or_default())
        .field("visibility", visibility)
        .field_opt(
            "followers",
            p.followers.as_ref().map(|f| thousands(f.total)),
        )
        .field_opt("items", total.map(|t| thousands(t.into())))
        .field("uri", &p.uri)
        .print(out, width)?;
    match items {
        PlaylistItems::Page(page) => {
            let mut table = Table::new(item_columns());
            for (i, entry) in page.items.iter().enumerate() {
                table.row(item_cells(u64::from(page.offset) + i as u64 + 1, entry));
            }
            print_section(
                out,
                &section("Items", page.offset, page.items.len(), page.total),
                &table,
                width,
            )?;
            if (page.offset as usize + page.items.len()) < page.total as usize {
                writeln!(out, "(every item: {every_item})")?;
            }
        }
        PlaylistItems::Unreadable(reason) => {
            writeln!(out)?;
            writeln!(out, "Items: not shown: {}", one_line(reason))?;
        }
    }
    Ok(())
}

/// A show and its first episodes.
pub(crate) fn show(out: &mut dyn Write, s: &Show, width: usize) -> anyhow::Result<()> {
    let total = s
        .total_episodes
        .unwrap_or(s.episodes.total)
        .max(s.episodes.total);
    Details::new(&s.name)
        .field("publisher", s.publisher.clone().unwrap_or_default())
        .field("description", &s.description)
        .field("languages", s.languages.join(", "))
        .field("media", s.media_type.as_str())
        .field("explicit", yes_no(s.explicit))
        .field("episodes", thousands(total.into()))
        .field("uri", &s.uri)
        .print(out, width)?;
    let mut table = Table::new(vec![
        Column::number("#"),
        Column::text("TITLE", 1),
        Column::fixed("RELEASED"),
        Column::number("DURATION"),
        Column::fixed("ID"),
    ]);
    let page = &s.episodes;
    for (i, e) in page.items.iter().enumerate() {
        table.row(vec![
            (u64::from(page.offset) + i as u64 + 1).to_string(),
            e.name.clone(),
            e.release_date.clone(),
            duration(e.duration_ms.into()),
            e.id.to_string(),
        ]);
    }
    print_section(
        out,
        &section("Episodes", page.offset, page.items.len(), total),
        &table,
        width,
    )
}

/// Where an episode or chapter was left: `fully played` or `at 12:34`.
fn resume(point: Option<&spotify_web_api::model::ResumePoint>) -> Option<String> {
    point.map(|p| {
        if p.fully_played {
            "fully played".to_owned()
        } else {
            format!("at {}", duration(p.resume_position_ms))
        }
    })
}

/// An episode, readably.
pub(crate) fn episode(out: &mut dyn Write, e: &Episode, width: usize) -> anyhow::Result<()> {
    let show = match &e.show.publisher {
        Some(publisher) if !publisher.is_empty() => format!("{} ({publisher})", e.show.name),
        _ => e.show.name.clone(),
    };
    Details::new(&e.name)
        .field("show", show)
        .field("released", &e.release_date)
        .field("duration", duration(e.duration_ms.into()))
        .field("description", &e.description)
        .field_opt("playable", e.is_playable.map(yes_no))
        .field_opt("resume", resume(e.resume_point.as_ref()))
        .field("uri", &e.uri)
        .print(out, width)
}

/// An audiobook and its first chapters.
pub(crate) fn audiobook(out: &mut dyn Write, b: &Audiobook, width: usize) -> anyhow::Result<()> {
    let total = b
        .total_chapters
        .unwrap_or(b.chapters.total)
        .max(b.chapters.total);
    let people = |list: Vec<&str>| list.join(", ");
    Details::new(&b.name)
        .field(
            "authors",
            people(b.authors.iter().map(|a| a.name.as_str()).collect()),
        )
        .field(
            "narrators",
            people(b.narrators.iter().map(|n| n.name.as_str()).collect()),
        )
        .field("publisher", b.publisher.clone().unwrap_or_default())
        .field("edition", b.edition.clone().unwrap_or_default())
        .field("languages", b.languages.join(", "))
        .field("description", &b.description)
        .field("chapters", thousands(total.into()))
        .field("uri", &b.uri)
        .print(out, width)?;
    let mut table = Table::new(vec![
        Column::number("#"),
        Column::text("TITLE", 1),
        Column::number("DURATION"),
        Column::fixed("ID"),
    ]);
    let page = &b.chapters;
    for (i, c) in page.items.iter().enumerate() {
        table.row(vec![
            (u64::from(page.offset) + i as u64 + 1).to_string(),
            c.name.clone(),
            duration(c.duration_ms.into()),
            c.id.to_string(),
        ]);
    }
    print_section(
        out,
        &section("Chapters", page.offset, page.items.len(), total),
        &table,
        width,
    )
}

/// A chapter, readably.
pub(crate) fn chapter(out: &mut dyn Write, c: &Chapter, width: usize) -> anyhow::Result<()> {
    let authors: Vec<&str> = c
        .audiobook
        .authors
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let audiobook = if authors.is_empty() {
        c.audiobook.name.clone()
    } else {
        format!("{} ({})", c.audiobook.name, authors.join(", "))
    };
    Details::new(&c.name)
        .field("audiobook", audiobook)
        .field("released", &c.release_date)
        .field("duration", duration(c.duration_ms.into()))
        .field("description", &c.description)
        .field_opt("playable", c.is_playable.map(yes_no))
        .field_opt("resume", resume(c.resume_point.as_ref()))
        .field("uri", &c.uri)
        .print(out, width)
}
