//! `spotify artist <ID|URI|URL> [--include-groups ...] [--market XX]`.

use std::io::Write;

use spotify_web_api::api::artists::IncludeGroup;

use crate::cli::{AlbumGroupArg, ArtistArgs};
use crate::commands::{Context, Optional};
use crate::output;
use crate::output::catalog::TopTracks;

/// Prints an artist, their top tracks and every one of their albums.
///
/// Top tracks are gone for development-mode apps since 2026-02 (`EndpointRemoved`): the rest
/// is printed, with one line saying so. With `--json`, the artist object alone.
pub(crate) async fn run(
    ctx: &Context,
    args: &ArtistArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.catalog_client().await?;
    let market = args.market.as_deref();
    let artist = api.get_artist(&args.artist).await?;
    if !ctx.print.is_table() {
        // The JSON formats print Spotify's object alone: no need for the rest.
        return ctx.print.data(out, &artist);
    }
    #[allow(deprecated)] // removed for development-mode apps only: handled below
    let top = api
        .get_artist_top_tracks(&artist.id)
        .optional(market, |r, m| r.market(m));
    let albums = api
        .get_artist_albums(&artist.id)
        .include_groups(args.include_groups.iter().map(|g| include_group(*g)))
        .optional(market, |r, m| r.market(m))
        .fetch_all();
    let (top, albums) = tokio::join!(top.into_future(), albums);
    let top = match top {
        Ok(tracks) => TopTracks::Shown(tracks),
        Err(e) if e.is_endpoint_removed() => TopTracks::Unavailable(e.to_string()),
        Err(e) => return Err(e.into()),
    };
    output::catalog::artist(out, &artist, &top, &albums?, ctx.print.width)
}

fn include_group(group: AlbumGroupArg) -> IncludeGroup {
    match group {
        AlbumGroupArg::Album => IncludeGroup::Album,
        AlbumGroupArg::Single => IncludeGroup::Single,
        AlbumGroupArg::AppearsOn => IncludeGroup::AppearsOn,
        AlbumGroupArg::Compilation => IncludeGroup::Compilation,
    }
}
