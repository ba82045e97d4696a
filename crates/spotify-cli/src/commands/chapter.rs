//! `spotify chapter <ID|URI|URL> [--market XX]`.

use std::io::Write;

use crate::commands::{AUDIOBOOK_MARKETS, Context, Optional, hint_market};
use crate::output;

/// Prints a chapter of an audiobook. Spotify offers chapters only in a market: without `--market` (and
/// without a user's country), a "not found" says so.
pub(crate) async fn run(
    ctx: &Context,
    chapter: &str,
    market: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.catalog_client().await?;
    let request = api
        .get_chapter(chapter)
        .optional(market, |r, m| r.market(m));
    let chapter = hint_market(request.await, market, "chapter", Some(AUDIOBOOK_MARKETS))?;
    ctx.print.object(out, &chapter, |out, width| {
        output::catalog::chapter(out, &chapter, width)
    })
}
