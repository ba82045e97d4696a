//! `spotify track <ID|URI|URL>`.

use std::io::Write;

use crate::commands::Context;
use crate::output;

/// Fetches and prints one track.
pub(crate) async fn run(
    ctx: &Context,
    track: &str,
    market: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.catalog_client().await?;
    let mut request = api.get_track(track);
    if let Some(market) = market {
        request = request.market(market);
    }
    let track = request.await?;
    if ctx.json {
        output::json(out, &track)
    } else {
        output::track(out, &track)
    }
}
