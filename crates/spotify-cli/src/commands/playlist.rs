//! `spotify playlist <ID|URI|URL>` and `spotify playlist items <ID|URI|URL>`.

use std::io::Write;

use futures_util::TryStreamExt;
use spotify_web_api::AdditionalType;

use crate::commands::{Context, Optional};
use crate::output;
use crate::output::catalog::PlaylistItems;

/// Episodes come in their own shape only when asked for.
const BOTH: [AdditionalType; 2] = [AdditionalType::Track, AdditionalType::Episode];

/// Prints a playlist and its first items, or says in one line why they cannot be read (a
/// development-mode app reads the items only of the user's own and collaborative playlists).
/// With `--json`, the playlist object alone.
pub(crate) async fn show(
    ctx: &Context,
    playlist: &str,
    market: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.playlist_client().await?;
    let playlist = api
        .get_playlist(playlist)
        .additional_types(BOTH)
        .optional(market, |r, m| r.market(m))
        .await?;
    if ctx.json {
        return output::json(out, &playlist);
    }
    if let Some(page) = playlist.items_page() {
        return output::catalog::playlist(out, &playlist, &PlaylistItems::Page(page), ctx.width);
    }
    // Spotify left the items out: ask for them, to tell an empty answer from a refusal.
    let page = api
        .get_playlist_items(&playlist.id)
        .additional_types(BOTH)
        .optional(market, |r, m| r.market(m))
        .await;
    match page {
        Ok(page) => {
            output::catalog::playlist(out, &playlist, &PlaylistItems::Page(&page), ctx.width)
        }
        Err(e) if e.is_foreign_playlist() => output::catalog::playlist(
            out,
            &playlist,
            &PlaylistItems::Unreadable(e.to_string()),
            ctx.width,
        ),
        Err(e) => Err(e.into()),
    }
}

/// Prints every item of a playlist as the pages arrive (`stream()`): one row per item, in
/// columns fixed before the first page, so memory stays flat however long the playlist.
/// With `--json`, a JSON array of the items, also printed as they arrive.
pub(crate) async fn items(
    ctx: &Context,
    playlist: &str,
    market: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.playlist_client().await?;
    let mut items = api
        .get_playlist_items(playlist)
        .additional_types(BOTH)
        .optional(market, |r, m| r.market(m))
        .stream();
    if ctx.json {
        let mut array = output::JsonArray::new(out);
        while let Some(entry) = items.try_next().await? {
            array.push(&entry)?;
        }
        return array.finish();
    }
    let layout = output::catalog::items_layout(ctx.width);
    let mut position: u64 = 0;
    while let Some(entry) = items.try_next().await? {
        if position == 0 {
            // After the first page: a refusal prints nothing but the error.
            layout.header(out)?;
        }
        position += 1;
        let cells = output::catalog::item_cells(position, &entry);
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        layout.line(out, &cells)?;
    }
    if position == 0 {
        writeln!(out, "(no items)")?;
    }
    Ok(())
}
