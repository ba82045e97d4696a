//! The player's shapes: `DeviceObject`, `DevicesObject`, `ContextObject`,
//! `CurrentlyPlayingContextObject`, `CurrentlyPlayingObject`, `QueueObject`,
//! `PlayHistoryObject` and its cursor page (`CursorPagingPlayHistoryObject`).
//!
//! `actions` is sent as real bodies have it, `{"disallows": {...}}` with only the `true` flags;
//! the spec puts the flags directly under `actions`, which real bodies never do.

use serde_json::{Map, Value, json};

use super::{Ctx, OPEN_SPOTIFY, SPOTIFY_API, chapter, episode, track};
use crate::catalog::model::format_timestamp;
use crate::config::Device;
use crate::state::{
    ContextKind, ContextRef, HistoryCursor, HistoryPage, Playable, PlaybackView, QueueView,
};

/// `DeviceObject`.
pub(crate) fn device(device: &Device) -> Value {
    json!({
        "id": device.id,
        "is_active": device.is_active,
        "is_private_session": device.is_private_session,
        "is_restricted": device.is_restricted,
        "name": device.name,
        "supports_volume": device.supports_volume,
        "type": device.kind,
        "volume_percent": device.volume_percent,
    })
}

/// `DevicesObject`: `{"devices": [...]}`.
pub(crate) fn devices(devices: &[Device]) -> Value {
    json!({ "devices": devices.iter().map(device).collect::<Vec<_>>() })
}

/// `ContextObject`: `type`, `href`, `external_urls` and `uri` of what playback started from.
pub(crate) fn context(context: &ContextRef) -> Value {
    // The wire `type`, the API collection, and the open.spotify.com kind (an audiobook's
    // links are `show` ones, as in `render::audiobook`).
    let (kind, path, open) = match context.kind {
        ContextKind::Album => ("album", "albums", "album"),
        ContextKind::Artist => ("artist", "artists", "artist"),
        ContextKind::Playlist => ("playlist", "playlists", "playlist"),
        ContextKind::Show => ("show", "shows", "show"),
        ContextKind::Audiobook => ("audiobook", "audiobooks", "show"),
    };
    let id = context.id;
    json!({
        "type": kind,
        "href": format!("{SPOTIFY_API}/{path}/{id}"),
        "external_urls": { "spotify": format!("{OPEN_SPOTIFY}/{open}/{id}") },
        "uri": context.uri(),
    })
}

/// The full object of a track (`TrackObject`), an episode (`EpisodeObject`) or a chapter
/// (`ChapterObject`); `null` if the catalogue lacks it.
pub(crate) fn playable(ctx: &Ctx<'_>, item: Playable) -> Value {
    let catalog = ctx.catalog;
    let object = match item {
        Playable::Track(id) => catalog.tracks.get(&id).map(|t| track(ctx, t)),
        Playable::Episode(id) => catalog.episodes.get(&id).map(|e| episode(ctx, e)),
        Playable::Chapter(id) => catalog.chapters.get(&id).map(|c| chapter(ctx, c)),
    };
    object.unwrap_or(Value::Null)
}

/// The current item and `currently_playing_type`. An episode (or chapter) is `null` unless
/// the caller asked for episodes (`additional_types=episode`), as on Spotify.
fn current_item(ctx: &Ctx<'_>, item: Playable, episodes: bool) -> (Value, &'static str) {
    match item {
        Playable::Track(_) => (playable(ctx, item), "track"),
        Playable::Episode(_) | Playable::Chapter(_) if episodes => (playable(ctx, item), "episode"),
        Playable::Episode(_) | Playable::Chapter(_) => (Value::Null, "episode"),
    }
}

/// `actions`: `{"disallows": {flag: true, ...}}`.
fn actions(view: &PlaybackView) -> Value {
    let disallows: Map<String, Value> = view
        .disallows
        .iter()
        .map(|flag| ((*flag).to_owned(), Value::Bool(true)))
        .collect();
    json!({ "disallows": disallows })
}

/// `CurrentlyPlayingObject` (`GET /me/player/currently-playing`); `timestamp` is when the
/// playback last changed, as Spotify sends it.
pub(crate) fn currently_playing(ctx: &Ctx<'_>, view: &PlaybackView, episodes: bool) -> Value {
    let (item, kind) = current_item(ctx, view.item, episodes);
    json!({
        "timestamp": view.changed_ms,
        "context": view.context.as_ref().map(context),
        "progress_ms": view.progress_ms,
        "item": item,
        "currently_playing_type": kind,
        "actions": actions(view),
        "is_playing": view.is_playing,
    })
}

/// `CurrentlyPlayingContextObject` (`GET /me/player`): [`currently_playing`] with the device
/// and the modes.
pub(crate) fn playback_state(ctx: &Ctx<'_>, view: &PlaybackView, episodes: bool) -> Value {
    let mut object = currently_playing(ctx, view, episodes);
    if let Value::Object(map) = &mut object {
        map.insert("device".into(), device(&view.device));
        map.insert("shuffle_state".into(), view.shuffle.into());
        map.insert("smart_shuffle".into(), false.into());
        map.insert("repeat_state".into(), view.repeat.as_str().into());
    }
    object
}

/// `QueueObject`: the current item and the upcoming ones, episodes in full.
pub(crate) fn queue(ctx: &Ctx<'_>, view: &QueueView) -> Value {
    json!({
        "currently_playing": view.current.map_or(Value::Null, |item| playable(ctx, item)),
        "queue": view.upcoming.iter().map(|item| playable(ctx, *item)).collect::<Vec<_>>(),
    })
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` of Unix milliseconds, as `played_at` is written.
pub(crate) fn format_timestamp_ms(ms: u64) -> String {
    let secs = i64::try_from(ms / 1000).unwrap_or(i64::MAX);
    let text = format_timestamp(secs);
    let date_time = text.strip_suffix('Z').unwrap_or(&text);
    format!("{date_time}.{:03}Z", ms % 1000)
}

/// `CursorPagingPlayHistoryObject`: `href` is the request (its cursor and `limit`), `next`
/// goes on in the cursor's direction (older with `before` or none, newer with `after`) while
/// there is more, `cursors` name the newest (`after`) and oldest (`before`) entries of the page
/// (`null` for an empty page, as Spotify sends it). Spotify leaves `total` out here.
pub(crate) fn recently_played(
    ctx: &Ctx<'_>,
    page: &HistoryPage,
    limit: usize,
    cursor: Option<HistoryCursor>,
) -> Value {
    let url = |cursor: Option<HistoryCursor>| {
        let base = format!("{}/me/player/recently-played?", ctx.base);
        match cursor {
            Some(HistoryCursor::Before(t)) => format!("{base}before={t}&limit={limit}"),
            Some(HistoryCursor::After(t)) => format!("{base}after={t}&limit={limit}"),
            None => format!("{base}limit={limit}"),
        }
    };
    let newest = page.items.first().map(|p| p.played_at_ms);
    let oldest = page.items.last().map(|p| p.played_at_ms);
    let next = match (cursor, newest, oldest) {
        (_, _, _) if !page.more => None,
        (Some(HistoryCursor::After(_)), Some(newest), _) => {
            Some(url(Some(HistoryCursor::After(newest))))
        }
        (_, _, Some(oldest)) => Some(url(Some(HistoryCursor::Before(oldest)))),
        _ => None,
    };
    let cursors = match (newest, oldest) {
        (Some(newest), Some(oldest)) => {
            json!({ "after": newest.to_string(), "before": oldest.to_string() })
        }
        _ => Value::Null,
    };
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|played| {
            let track = ctx
                .catalog
                .tracks
                .get(&played.track)
                .map_or(Value::Null, |t| track(ctx, t));
            json!({
                "track": track,
                "played_at": format_timestamp_ms(played.played_at_ms),
                "context": played.context.as_ref().map(context),
            })
        })
        .collect();
    json!({
        "href": url(cursor),
        "items": items,
        "limit": limit,
        "next": next,
        "cursors": cursors,
    })
}
