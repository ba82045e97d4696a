//! `spotify album <ID|URI|URL> [--market XX]`.

use std::io::Write;

use crate::commands::{Context, Optional};
use crate::output;

/// Prints an album and every one of its tracks (the album holds the first page; the others
/// are fetched after it).
pub(crate) async fn run(
    ctx: &Context,
    album: &str,
    market: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.catalog_client().await?;
    let album = api
        .get_album(album)
        .optional(market, |r, m| r.market(m))
        .await?;
    if !ctx.print.is_table() {
        // The JSON formats print Spotify's object alone: no need for the rest.
        return ctx.print.data(out, &album);
    }
    let mut tracks = album.tracks.items.clone();
    let mut page = api.next_page(&album.tracks).await?;
    while let Some(next) = page {
        page = api.next_page(&next).await?;
        tracks.extend(next.items);
    }
    output::catalog::album(out, &album, &tracks, ctx.print.width)
}
