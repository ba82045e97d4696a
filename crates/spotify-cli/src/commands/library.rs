//! `spotify library list|save|remove|contains`: the user's saved items and follows.
//!
//! Items are parsed into the library's typed [`LibraryItemId`] (from a `spotify:` URI, an
//! open.spotify.com link or `kind:ID`) before anything is sent; a bad one is a usage error
//! that names it. The library splits long lists into requests (40 URIs each on
//! `/me/library`) and picks the endpoints the app's quota mode allows.

use std::io::Write;

use futures_util::TryStreamExt;
use serde::Serialize;
use spotify_web_api::{
    AlbumId, ArtistId, AudiobookId, EpisodeId, Error, IdKind, IdProblem, LibraryItemId, PageStream,
    PlaylistId, ShowId, SpotifyWebApi, TrackId, UserId,
};

use crate::cli::{LibraryCommand, LibraryKind};
use crate::commands::{Context, UsageError};
use crate::output;
use crate::output::library as view;
use crate::output::printer::{Printer, Rows};
use crate::output::table::Layout;

/// Runs a `spotify library` verb.
pub(crate) async fn run(
    ctx: &Context,
    command: &LibraryCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        LibraryCommand::List { kind } => list(ctx, *kind, out).await,
        LibraryCommand::Save(args) => write(ctx, Change::Save, &args.items, out).await,
        LibraryCommand::Remove(args) => write(ctx, Change::Remove, &args.items, out).await,
        LibraryCommand::Contains(args) => contains(ctx, &args.items, out).await,
    }
}

/// The kinds a library holds, as `kind:ID` spells them.
const KINDS: &str = "track, album, episode, show, audiobook, artist, user, playlist";

/// Splits `kind:ID` (an ID with its kind: `track:7EjyzZcbLxW7PaaLua9Ksb`) into its kind and
/// ID. `None` for anything else, `spotify:` URIs and links included.
pub(crate) fn kind_prefixed(input: &str) -> Option<(&str, &str)> {
    let (kind, id) = input.trim().split_once(':')?;
    let is_word = !kind.is_empty() && kind.chars().all(|c| c.is_ascii_lowercase());
    (is_word && kind != "spotify" && !id.starts_with("//") && !kind.starts_with("http"))
        .then_some((kind, id))
}

/// Why `input` is not an item, as a usage error that names it; `holds` says what is expected
/// ("a library holds ..."), `error` is the library's refusal.
pub(crate) fn bad_item(input: &str, error: &Error, holds: &str) -> UsageError {
    let why = match error {
        Error::InvalidId {
            problem: IdProblem::KindNeeded,
            ..
        } => "a bare ID does not say its kind: give its spotify: URI, its open.spotify.com link or KIND:ID".to_owned(),
        Error::InvalidId {
            problem: IdProblem::WrongKind(kind),
            ..
        } => format!("it is {}, and {holds}", a_kind(*kind)),
        Error::InvalidId { problem, .. } => problem.to_string(),
        other => other.to_string(),
    };
    UsageError(format!("bad item {input:?}: {why}"))
}

/// `a track`, `an album`.
pub(crate) fn a_kind(kind: IdKind) -> String {
    let name = kind.as_str();
    // album, artist, audiobook, episode (not user).
    let article = if name.starts_with(['a', 'e']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// Parses one item of the library: a URI, a link or `kind:ID`.
pub(crate) fn library_item(input: &str) -> Result<LibraryItemId, UsageError> {
    let holds = format!("a library holds: {KINDS}");
    let parsed = match kind_prefixed(input) {
        None => LibraryItemId::parse(input),
        Some((kind, id)) => match kind {
            "track" => TrackId::parse(id).map(Into::into),
            "album" => AlbumId::parse(id).map(Into::into),
            "episode" => EpisodeId::parse(id).map(Into::into),
            "show" => ShowId::parse(id).map(Into::into),
            "audiobook" => AudiobookId::parse(id).map(Into::into),
            "artist" => ArtistId::parse(id).map(Into::into),
            "user" => UserId::parse(id).map(Into::into),
            "playlist" => PlaylistId::parse(id).map(Into::into),
            other => {
                return Err(UsageError(format!(
                    "bad item {input:?}: {other:?} is not a kind of item; {holds}"
                )));
            }
        },
    };
    parsed.map_err(|e| bad_item(input, &e, &holds))
}

/// Parses every item before anything is sent.
fn library_items(inputs: &[String]) -> Result<Vec<LibraryItemId>, UsageError> {
    inputs.iter().map(|i| library_item(i)).collect()
}

/// A library write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Save,
    Remove,
}

impl Change {
    fn past(self) -> &'static str {
        match self {
            Change::Save => "saved",
            Change::Remove => "removed",
        }
    }
}

/// Saves or removes the items, in the order given. Artists are followed and unfollowed
/// through `/me/following` (`/me/library` does not take them); the rest go to
/// `/me/library`, 40 a request. On a failure part way, says exactly how many items, from
/// the first, were written.
async fn write(
    ctx: &Context,
    action: Change,
    inputs: &[String],
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let items = library_items(inputs)?;
    let api = ctx.user_client().await?;
    let total = items.len();
    let mut done = 0;
    for run in runs(&items) {
        if let Err(e) = write_run(&api, action, run).await {
            return Err(partial(action, inputs, done, total, e));
        }
        done += run.len();
    }
    let noun = if total == 1 { "item" } else { "items" };
    let verb = match action {
        Change::Save => "Saved",
        Change::Remove => "Removed",
    };
    ctx.print.message(out, &format!("{verb} {total} {noun}."))
}

/// The items cut into runs of artists and runs of everything else, in order.
fn runs(items: &[LibraryItemId]) -> Vec<&[LibraryItemId]> {
    items
        .chunk_by(|a, b| is_artist(a) == is_artist(b))
        .collect()
}

fn is_artist(item: &LibraryItemId) -> bool {
    matches!(item, LibraryItemId::Artist(_))
}

/// One run: artists through the follow endpoints, the rest through `/me/library`.
async fn write_run(
    api: &SpotifyWebApi,
    action: Change,
    run: &[LibraryItemId],
) -> spotify_web_api::Result<()> {
    let artists: Vec<&ArtistId> = run
        .iter()
        .filter_map(|i| match i {
            LibraryItemId::Artist(id) => Some(id),
            _ => None,
        })
        .collect();
    match (action, artists.is_empty()) {
        (Change::Save, true) => api.add_my_library(run).await,
        (Change::Remove, true) => api.delete_my_library(run).await,
        (Change::Save, false) => api.follow_artists_or_users(artists).await,
        (Change::Remove, false) => api.unfollow_artists_or_users(artists).await,
    }
}

/// The error of a write that failed after `done` items (the run before it) landed: how many
/// were written, from the first, and why the rest were not.
fn partial(
    action: Change,
    inputs: &[String],
    done: usize,
    total: usize,
    e: Error,
) -> anyhow::Error {
    let (done, may_have_landed, cause) = match e {
        Error::PartialWrite {
            completed,
            may_have_landed,
            source,
            ..
        } => (done + completed, may_have_landed, *source),
        other => (done, other.may_have_landed(), other),
    };
    if done == 0 && !may_have_landed {
        return cause.into();
    }
    let past = action.past();
    let mut message = if done == 0 {
        format!("no item is known to be {past}")
    } else {
        format!(
            "{past} the first {done} of {total} items (up to {}); the rest were not",
            inputs[done - 1]
        )
    };
    if may_have_landed {
        let request = if done == 0 {
            "the request"
        } else {
            "the request after them"
        };
        message.push_str(&format!(
            ", though {request} may have been applied (sending the items again is harmless)"
        ));
    }
    anyhow::Error::new(cause).context(message)
}

/// Prints `yes` or `no` and the item, one line per item in the order given; with `--json`, an
/// array of booleans.
async fn contains(ctx: &Context, inputs: &[String], out: &mut dyn Write) -> anyhow::Result<()> {
    let items = library_items(inputs)?;
    let api = ctx.user_client().await?;
    let answers = api.my_library_contains(&items).await?;
    ctx.print.object(out, &answers, |out, _| {
        for (input, saved) in inputs.iter().zip(&answers) {
            writeln!(out, "{:<3}  {}", output::yes_no(*saved), input.trim())?;
        }
        Ok(())
    })
}

/// Lists one kind, printing each page as it arrives, in the output format asked for.
async fn list(ctx: &Context, kind: LibraryKind, out: &mut dyn Write) -> anyhow::Result<()> {
    let api = ctx.user_client().await?;
    let (print, width) = (&ctx.print, ctx.print.width);
    match kind {
        LibraryKind::Tracks => {
            let rows = api.get_my_saved_tracks().stream();
            print_rows(print, out, rows, view::tracks(width), view::track_cells).await
        }
        LibraryKind::Albums => {
            let rows = api.get_my_saved_albums().stream();
            print_rows(print, out, rows, view::albums(width), view::album_cells).await
        }
        LibraryKind::Episodes => {
            let rows = api.get_my_saved_episodes().stream();
            print_rows(print, out, rows, view::episodes(width), view::episode_cells).await
        }
        LibraryKind::Shows => {
            let rows = api.get_my_saved_shows().stream();
            print_rows(print, out, rows, view::shows(width), view::show_cells).await
        }
        LibraryKind::Audiobooks => {
            let rows = api.get_my_saved_audiobooks().stream();
            let layout = view::audiobooks(width);
            print_rows(print, out, rows, layout, view::audiobook_cells).await
        }
        LibraryKind::Artists => {
            let rows = api.get_user_followed_artists().stream();
            print_rows(print, out, rows, view::artists(width), view::artist_cells).await
        }
        LibraryKind::Playlists => {
            let rows = api.get_my_playlists().stream();
            let layout = view::playlists(width);
            print_rows(print, out, rows, layout, view::playlist_cells).await
        }
    }
}

/// Prints the rows of a stream as they arrive.
async fn print_rows<T: Serialize>(
    print: &Printer,
    out: &mut dyn Write,
    mut rows: PageStream<T>,
    layout: Layout,
    cells: fn(&T) -> Vec<String>,
) -> anyhow::Result<()> {
    let mut list = print.list(out, Rows::Stream(layout), cells);
    while let Some(row) = rows.try_next().await? {
        list.push(&row)?;
    }
    list.finish("(none)")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "7EjyzZcbLxW7PaaLua9Ksb";

    #[test]
    fn items_are_uris_links_or_ids_with_their_kind() {
        let track = LibraryItemId::Track(TrackId::parse(ID).unwrap());
        for input in [
            format!("spotify:track:{ID}"),
            format!("https://open.spotify.com/track/{ID}?si=x"),
            format!("track:{ID}"),
        ] {
            assert_eq!(library_item(&input).unwrap(), track, "{input}");
        }
        assert!(matches!(
            library_item(&format!("audiobook:{ID}")).unwrap(),
            LibraryItemId::Audiobook(_)
        ));
        assert!(matches!(
            library_item("user:wizzler").unwrap(),
            LibraryItemId::User(_)
        ));
        assert!(matches!(
            library_item("spotify:user:wizzler").unwrap(),
            LibraryItemId::User(_)
        ));
    }

    #[test]
    fn a_bad_item_is_named_with_what_is_wrong() {
        let e = library_item(ID).unwrap_err().0;
        assert!(e.starts_with(&format!("bad item {ID:?}: a bare ID")), "{e}");
        let e = library_item(&format!("spotify:chapter:{ID}"))
            .unwrap_err()
            .0;
        assert!(
            e.contains("it is a chapter, and a library holds: track,"),
            "{e}"
        );
        let e = library_item(&format!("song:{ID}")).unwrap_err().0;
        assert!(e.contains("\"song\" is not a kind of item"), "{e}");
        let e = library_item("track:short").unwrap_err().0;
        assert!(
            e.starts_with("bad item \"track:short\": an id is 22"),
            "{e}"
        );
    }

    #[test]
    fn writes_keep_the_order_in_runs_of_artists_and_the_rest() {
        let items = library_items(&[
            format!("track:{ID}"),
            format!("album:{ID}"),
            format!("artist:{ID}"),
            format!("artist:{ID}"),
            "playlist:0EmuP1aylist250Items0a".to_owned(),
        ])
        .unwrap();
        let lens: Vec<usize> = runs(&items).iter().map(|r| r.len()).collect();
        assert_eq!(lens, [2, 2, 1]);
    }
}
