//! A data export, from blocking code (feature `blocking`): the user's saved tracks and every
//! item of their playlists, written to one CSV file. No async code and no Tokio item.
//!
//! ```sh
//! cargo run -p spotify-web-api --example export            # writes spotify-export.csv in the temp dir
//! cargo run -p spotify-web-api --example export -- out.csv
//! ```

mod support;

use std::io::Write as _;

use spotify_emulator::{Emulator, catalog_ids};
use spotify_web_api::Scope;
use spotify_web_api::model::PlayableItem;

fn main() -> support::Result<()> {
    let path = std::env::args().nth(1).map_or_else(
        || std::env::temp_dir().join("spotify-export.csv"),
        Into::into,
    );
    let emu = Emulator::start_blocking();
    let api = support::user_client(
        &emu,
        &[
            Scope::UserLibraryRead,
            Scope::UserLibraryModify,
            Scope::PlaylistReadPrivate,
        ],
    )?;
    // Something to export: a few saved tracks (the emulator's user starts with playlists).
    let album = api
        .get_album_tracks(catalog_ids::ALBUM_30_TRACKS)
        .limit(5)
        .send()?;
    api.add_my_tracks(album.items.iter().map(|t| t.uri.as_str()))
        .send()?;

    let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    writeln!(file, "source,added_at,name,artists,uri")?;
    let mut rows = 0;
    for saved in api.get_my_saved_tracks().iter() {
        let saved = saved?;
        let artists: Vec<&str> = saved
            .track
            .artists
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        let row = [
            "saved tracks",
            &saved.added_at,
            &saved.track.name,
            &artists.join("; "),
            &saved.track.uri,
        ];
        write_row(&mut file, &row)?;
        rows += 1;
    }
    let mut playlists = 0;
    for playlist in api.get_my_playlists().iter() {
        let playlist = playlist?;
        playlists += 1;
        // Each playlist's items, pages fetched concurrently.
        let items = api.get_playlist_items(&playlist.id).send_all()?;
        println!("{:>6} items  {}", items.len(), playlist.name);
        for item in items {
            let (name, artists, uri) = match item.content() {
                Some(PlayableItem::Track(track)) => {
                    let artists: Vec<&str> =
                        track.artists.iter().map(|a| a.name.as_str()).collect();
                    (track.name.as_str(), artists.join("; "), track.uri.as_str())
                }
                Some(other) => (other.name(), String::new(), other.uri()),
                None => continue, // no longer available
            };
            let added_at = item.added_at.as_deref().unwrap_or("");
            write_row(&mut file, &[&playlist.name, added_at, name, &artists, uri])?;
            rows += 1;
        }
    }
    file.flush()?;
    println!(
        "wrote {rows} rows (saved tracks and {playlists} playlists) to {}",
        path.display()
    );
    Ok(())
}

/// One CSV row, each field quoted (RFC 4180).
fn write_row(out: &mut impl std::io::Write, fields: &[&str]) -> std::io::Result<()> {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
        .collect();
    writeln!(out, "{}", quoted.join(","))
}
