//! `spotify audiobook <ID|URI|URL> [--market XX]`.

use std::io::Write;

use crate::commands::{AUDIOBOOK_MARKETS, Context, Optional, hint_market};
use crate::output;

/// Prints an audiobook and its first chapters. Spotify offers audiobooks only in a market: without `--market` (and
/// without a user's country), a "not found" says so.
pub(crate) async fn run(
    ctx: &Context,
    audiobook: &str,
    market: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.catalog_client().await?;
    let request = api
        .get_audiobook(audiobook)
        .optional(market, |r, m| r.market(m));
    let audiobook = hint_market(request.await, market, "audiobook", Some(AUDIOBOOK_MARKETS))?;
    ctx.print.object(out, &audiobook, |out, width| {
        output::catalog::audiobook(out, &audiobook, width)
    })
}
