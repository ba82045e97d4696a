//! `spotify search <QUERY> [--type ...] [--limit N] [--offset N] [--market XX]`.

use std::io::Write;

use spotify_web_api::api::search::SearchType;

use crate::cli::{SearchArgs, SearchKind};
use crate::commands::{Context, Optional};
use crate::output;

/// Searches and prints a table per type asked for, in the order asked.
///
/// The limit (1..=10 since 2026-02) and offset (at most 1000) are checked by the library
/// before anything is sent.
pub(crate) async fn run(
    ctx: &Context,
    args: &SearchArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut types: Vec<SearchType> = Vec::new();
    for kind in &args.types {
        let kind = search_type(*kind);
        if !types.contains(&kind) {
            types.push(kind);
        }
    }
    let api = ctx.catalog_client().await?;
    let results = api
        .search(args.query.join(" "))
        .types(types.iter().copied())
        .optional(args.limit, |r, l| r.limit(l))
        .optional(args.offset, |r, o| r.offset(o))
        .optional(args.market.as_deref(), |r, m| r.market(m))
        .await?;
    ctx.print.object(out, &results, |out, width| {
        output::search::results(out, &results, &types, width)
    })
}

fn search_type(kind: SearchKind) -> SearchType {
    match kind {
        SearchKind::Track => SearchType::Track,
        SearchKind::Album => SearchType::Album,
        SearchKind::Artist => SearchType::Artist,
        SearchKind::Playlist => SearchType::Playlist,
        SearchKind::Show => SearchType::Show,
        SearchKind::Episode => SearchType::Episode,
        SearchKind::Audiobook => SearchType::Audiobook,
    }
}
