//! `spotify playlist`: show a playlist and list its items (`show`, `items`), list the user's
//! playlists, create them, add and remove items (here), and export and import them
//! ([`export`], [`import`]).

mod export;
mod import;

use std::io::Write;

use futures_util::TryStreamExt;
use spotify_web_api::model::{Page, SimplifiedPlaylist};
use spotify_web_api::{AdditionalType, Error, IdProblem, PlayableId, PlaylistId, TrackId};

use crate::cli::{AddArgs, CreateArgs, ListArgs, PlaylistArgs, PlaylistCommand, RemoveArgs};
use crate::commands::library::kind_prefixed;
use crate::commands::{Context, Optional, UsageError};
use crate::output;
use crate::output::catalog::PlaylistItems;
use crate::output::printer::Rows;

/// Episodes come in their own shape only when asked for.
const BOTH: [AdditionalType; 2] = [AdditionalType::Track, AdditionalType::Episode];

/// Runs `spotify playlist ...`.
pub(crate) async fn run(
    ctx: &Context,
    args: &PlaylistArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match &args.command {
        Some(PlaylistCommand::Items { playlist, market }) => {
            items(ctx, playlist, market.as_deref(), out).await
        }
        Some(PlaylistCommand::List(args)) => list(ctx, args, out).await,
        Some(PlaylistCommand::Create(args)) => create(ctx, args, out).await,
        Some(PlaylistCommand::Add(args)) => add(ctx, args, out).await,
        Some(PlaylistCommand::Remove(args)) => remove(ctx, args, out).await,
        Some(PlaylistCommand::Export(args)) => export::run(ctx, args, out).await,
        Some(PlaylistCommand::Import(args)) => import::run(ctx, args, out).await,
        None => {
            let playlist = args.playlist.as_deref().unwrap_or_default();
            show(ctx, playlist, args.market.as_deref(), out).await
        }
    }
}

/// Prints a playlist and its first items, or says in one line why they cannot be read (a
/// development-mode app reads the items only of the user's own and collaborative playlists).
/// With `--json`, the playlist object alone.
pub(crate) async fn show(
    ctx: &Context,
    playlist: &str,
    market: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.user_or_app_client().await?;
    let playlist = api
        .get_playlist(playlist)
        .additional_types(BOTH)
        .optional(market, |r, m| r.market(m))
        .await?;
    if !ctx.print.is_table() {
        return ctx.print.data(out, &playlist);
    }
    let width = ctx.print.width;
    let every = ctx.command(&format!("playlist items {}", playlist.id));
    let print = |out: &mut dyn Write, items: &PlaylistItems<'_>| {
        output::catalog::playlist(out, &playlist, items, &every, width)
    };
    if let Some(page) = playlist.items_page() {
        return print(out, &PlaylistItems::Page(page));
    }
    // Spotify left the items out: ask for them, to tell an empty answer from a refusal.
    let page = api
        .get_playlist_items(&playlist.id)
        .additional_types(BOTH)
        .optional(market, |r, m| r.market(m))
        .await;
    match page {
        Ok(page) => print(out, &PlaylistItems::Page(&page)),
        Err(e) if e.is_foreign_playlist() => print(out, &PlaylistItems::Unreadable(e.to_string())),
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
    let api = ctx.user_or_app_client().await?;
    let mut items = api
        .get_playlist_items(playlist)
        .additional_types(BOTH)
        .optional(market, |r, m| r.market(m))
        .stream();
    let layout = output::catalog::items_layout(ctx.print.width);
    let mut position: u64 = 0;
    let mut list = ctx.print.list(out, Rows::Stream(layout), |entry| {
        position += 1;
        output::catalog::item_cells(position, entry)
    });
    while let Some(entry) = items.try_next().await? {
        list.push(&entry)?;
    }
    list.finish("(no items)")?;
    Ok(())
}

/// Lists the logged-in user's playlists (`--user`: a user's public ones) as the pages arrive.
///
/// Spotify sends `null` for the playlists it hides from the app (its own, for apps without
/// extended access); the library leaves them out of the pages, and the listing says how many
/// there were. With `--json`, a JSON array of the playlists.
async fn list(ctx: &Context, args: &ListArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let (api, first) = match &args.user {
        Some(user) => {
            let api = ctx.user_or_app_client().await?;
            // Removed for development-mode apps in 2026-02: the library says so for them.
            #[allow(deprecated)]
            let first = api
                .get_user_playlists(user.as_str())
                .limit(50)
                .await
                .map_err(|e| -> anyhow::Error {
                    if e.is_endpoint_removed() {
                        UsageError(format!(
                            "--user: Spotify removed other users' playlists for development-mode apps in 2026-02; without --user, `{}` lists your own",
                            ctx.command("playlist list")
                        ))
                        .into()
                    } else {
                        e.into()
                    }
                })?;
            (api, first)
        }
        None => {
            let api = ctx.user_client().await?;
            let first = api.get_my_playlists().limit(50).await?;
            (api, first)
        }
    };
    let total = first.total;
    let mut page: Option<Page<SimplifiedPlaylist>> = Some(first);
    let layout = output::playlists::list_layout(ctx.print.width);
    let mut position: u32 = 0;
    let mut list = ctx.print.list(out, Rows::Stream(layout), |playlist| {
        position += 1;
        output::playlists::list_cells(position, playlist)
    });
    while let Some(current) = page {
        for playlist in &current {
            list.push(playlist)?;
        }
        page = api.next_page(&current).await?;
    }
    let shown = u32::try_from(list.finish("(no playlists)")?).unwrap_or(u32::MAX);
    if total > shown && ctx.print.is_table() {
        let hidden = total - shown;
        let s = if hidden == 1 { "" } else { "s" };
        writeln!(
            out,
            "({hidden} more playlist{s} that Spotify does not show to this app)"
        )?;
    }
    Ok(())
}

/// Creates a playlist for the logged-in user and prints its ID and URI (`--json`: the playlist).
async fn create(ctx: &Context, args: &CreateArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let api = ctx.user_client().await?;
    let mut request = api
        .create_playlist(args.name.as_str())
        .optional(args.description.clone(), |r, d| r.description(d));
    if args.public {
        request = request.public(true);
    }
    if args.private {
        request = request.public(false);
    }
    if args.collaborative {
        request = request.collaborative(true);
    }
    let playlist = request.await?;
    ctx.print.object(out, &playlist, |out, width| {
        output::playlists::created(out, &playlist, width)
    })
}

/// Adds items, in order, in batches of 100 (the library's), and prints the new snapshot_id.
async fn add(ctx: &Context, args: &AddArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let playlist = PlaylistId::parse(&args.playlist)?;
    let items = parse_items(&args.items)?;
    let api = ctx.user_client().await?;
    let snapshot = api
        .add_playlist_items(&playlist, &items)
        .optional(args.position, |r, p| r.position(p))
        .await
        .map_err(|e| partial_add(ctx, e, &playlist, &items, args.position))?;
    let n = items.len();
    let title = format!("Added {} to playlist {playlist}", count(n, "item"));
    ctx.print.object(out, &snapshot, |out, width| {
        output::Details::new(title)
            .field("snapshot_id", &snapshot.snapshot_id)
            .print(out, width)
    })
}

/// Removes every copy of each item (against `--snapshot-id` if given), and prints the new
/// snapshot_id.
async fn remove(ctx: &Context, args: &RemoveArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let playlist = PlaylistId::parse(&args.playlist)?;
    let items = parse_items(&args.items)?;
    let api = ctx.user_client().await?;
    let snapshot = api
        .delete_playlist_items(&playlist, &items)
        .optional(args.snapshot_id.clone(), |r, s| r.snapshot_id(s))
        .await
        .map_err(|e| match e {
            Error::PartialWrite {
                completed, source, ..
            } => anyhow::Error::new(*source).context(format!(
                "removed {} of the {} given from playlist {playlist} before a request failed; run the same command again to remove the rest",
                count(completed, "item"),
                items.len()
            )),
            other => other.into(),
        })?;
    let title = format!(
        "Removed every copy of {} from playlist {playlist}",
        count(items.len(), "item")
    );
    ctx.print.object(out, &snapshot, |out, width| {
        output::Details::new(title)
            .field("snapshot_id", &snapshot.snapshot_id)
            .print(out, width)
    })
}

/// `1 item`, `250 items`.
pub(crate) fn count(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {what}{s}", output::thousands(n as u64))
}

/// One item as the user may give it: a `spotify:track:`/`spotify:episode:` URI, an
/// open.spotify.com link, `track:ID` or `episode:ID` (as `library` and `player` take them), or
/// a bare ID, which is a track's (Spotify's bare IDs do not say their kind; a track is what
/// people add).
pub(crate) fn parse_item(input: &str) -> spotify_web_api::Result<PlayableId> {
    if let Some((kind, id)) = kind_prefixed(input) {
        // As its URI, so that another kind (`album:ID`) is refused as the kind it is.
        return PlayableId::parse(&format!("spotify:{kind}:{id}"));
    }
    match PlayableId::parse(input) {
        Err(Error::InvalidId {
            problem: IdProblem::KindNeeded,
            ..
        }) => TrackId::parse(input).map(PlayableId::from),
        other => other,
    }
}

/// The items of the command line, each checked before anything is sent.
fn parse_items(inputs: &[String]) -> anyhow::Result<Vec<PlayableId>> {
    inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            parse_item(input).map_err(|e| {
                let what = format!("item {} of {}", i + 1, inputs.len());
                anyhow::Error::new(e).context(what)
            })
        })
        .collect()
}

/// Says exactly what an add that stopped part way wrote, and how to resume; other errors
/// pass through.
fn partial_add(
    ctx: &Context,
    error: Error,
    playlist: &PlaylistId,
    items: &[PlayableId],
    position: Option<u32>,
) -> anyhow::Error {
    let Error::PartialWrite {
        completed,
        total,
        snapshot_id,
        may_have_landed,
        source,
    } = error
    else {
        if error.may_have_landed() {
            let show = ctx.command(&format!("playlist {playlist}"));
            let message =
                format!("the add may have been applied: run `{show}` to see before adding again");
            return anyhow::Error::new(error).context(message);
        }
        return error.into();
    };
    let mut message = format!(
        "added the first {completed} of {} to playlist {playlist}, then a request failed",
        count(total, "item"),
    );
    if let Some(snapshot) = &snapshot_id {
        message.push_str(&format!(" (snapshot_id now {snapshot})"));
    }
    if let Some(next) = items.get(completed) {
        message.push_str(&format!(
            "; to resume, add the other {}, from item {} ({next}) on",
            count(total - completed, "item"),
            completed + 1,
        ));
        if let Some(position) = position {
            let at = u64::from(position) + completed as u64;
            message.push_str(&format!(", with --position {at}"));
        }
    }
    if may_have_landed {
        let show = ctx.command(&format!("playlist {playlist}"));
        message.push_str(&format!(
            "; the failed request may have been applied: resume only if `{show}` still shows that snapshot_id"
        ));
    }
    anyhow::Error::new(*source).context(message)
}
