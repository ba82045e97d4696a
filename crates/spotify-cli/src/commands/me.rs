//! `spotify me` (also `spotify whoami`): the logged-in user's profile.

use std::io::Write;

use crate::commands::Context;
use crate::output;

/// Prints the user's profile; with `--json`, Spotify's `/me` object.
pub(crate) async fn run(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let api = ctx.user_client().await?;
    let me = api.me().await?;
    ctx.print
        .object(out, &me, |out, width| output::me::profile(out, &me, width))
}
