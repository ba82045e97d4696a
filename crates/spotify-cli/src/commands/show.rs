//! `spotify show <ID|URI|URL> [--market XX]`.

use std::io::Write;

use crate::commands::{Context, Optional, hint_market};
use crate::output;

/// Prints a podcast show and its first episodes. Spotify offers shows only in a market: without `--market` (and
/// without a user's country), a "not found" says so.
pub(crate) async fn run(
    ctx: &Context,
    show: &str,
    market: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.catalog_client().await?;
    let request = api.get_show(show).optional(market, |r, m| r.market(m));
    let show = hint_market(request.await, market, "show", None)?;
    ctx.print.object(out, &show, |out, width| {
        output::catalog::show(out, &show, width)
    })
}
