//! `spotify episode <ID|URI|URL> [--market XX]`.

use std::io::Write;

use crate::commands::{Context, Optional, hint_market};
use crate::output;

/// Prints a podcast episode. Spotify offers episodes only in a market: without `--market` (and
/// without a user's country), a "not found" says so.
pub(crate) async fn run(
    ctx: &Context,
    episode: &str,
    market: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.catalog_client().await?;
    let request = api
        .get_episode(episode)
        .optional(market, |r, m| r.market(m));
    let episode = hint_market(request.await, market, "episode", None)?;
    ctx.print.object(out, &episode, |out, width| {
        output::catalog::episode(out, &episode, width)
    })
}
