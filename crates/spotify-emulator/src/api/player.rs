//! Player: the 15 operations of the spec's `Player` tag, over each user's player
//! (`state/player.rs`): the playback state, devices and transfer, play/pause/skip/seek, repeat,
//! shuffle and volume, the queue, and recently played tracks.
//!
//! Reads need `user-read-playback-state` (`/me/player`, devices), `user-read-currently-playing`
//! (`/currently-playing`), either of the two (the queue) or `user-read-recently-played`;
//! commands need `user-modify-playback-state` and a Premium user (403 `PREMIUM_REQUIRED`).
//! Commands answer 204 with no body; so do `GET /me/player` and `/currently-playing` when
//! nothing is loaded.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::Value;

use crate::errors::{
    ApiError, BEFORE_AND_AFTER, CONTEXT_AND_URIS, EMPTY_URIS, INVALID_CURSOR, INVALID_OFFSET,
    INVALID_POSITION_MS, INVALID_REPEAT_STATE, INVALID_SHUFFLE_STATE, INVALID_VOLUME_PERCENT,
    MALFORMED_JSON, MISSING_DEVICE_IDS, MISSING_POSITION_MS, MISSING_STATE, MISSING_URI,
    MISSING_VOLUME_PERCENT, ONE_DEVICE_ONLY,
};
use crate::extract::{Caller, PageBounds, Query};
use crate::render;
use crate::state::{AppState, HistoryCursor, Offset, Playable, Repeat, Start};

const READ_STATE: &str = "user-read-playback-state";
const READ_CURRENT: &str = "user-read-currently-playing";
const MODIFY: &str = "user-modify-playback-state";
const READ_RECENT: &str = "user-read-recently-played";

/// The player routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/me/player",
            get(get_information_about_the_users_current_playback).put(transfer_a_users_playback),
        )
        .route("/me/player/devices", get(get_a_users_available_devices))
        .route(
            "/me/player/currently-playing",
            get(get_the_users_currently_playing_track),
        )
        .route("/me/player/play", put(start_a_users_playback))
        .route("/me/player/pause", put(pause_a_users_playback))
        .route("/me/player/next", post(skip_users_playback_to_next_track))
        .route(
            "/me/player/previous",
            post(skip_users_playback_to_previous_track),
        )
        .route(
            "/me/player/seek",
            put(seek_to_position_in_currently_playing_track),
        )
        .route("/me/player/repeat", put(set_repeat_mode_on_users_playback))
        .route("/me/player/volume", put(set_volume_for_users_playback))
        .route("/me/player/shuffle", put(toggle_shuffle_for_users_playback))
        .route("/me/player/recently-played", get(get_recently_played))
        .route("/me/player/queue", get(get_queue).post(add_to_queue))
}

/// `?market=&additional_types=` of the playback reads.
#[derive(Debug, Default, Deserialize)]
struct PlaybackQuery {
    market: Option<String>,
    additional_types: Option<String>,
}

impl PlaybackQuery {
    /// Whether episodes are wanted as items (`additional_types` names `episode`).
    fn episodes(&self) -> bool {
        self.additional_types
            .as_deref()
            .is_some_and(|types| types.split(',').any(|t| t.trim() == "episode"))
    }
}

/// `?device_id=` of a command, and the command's own parameters, as sent.
#[derive(Debug, Default, Deserialize)]
struct CommandQuery {
    device_id: Option<String>,
    position_ms: Option<String>,
    state: Option<String>,
    volume_percent: Option<String>,
    uri: Option<String>,
}

impl CommandQuery {
    fn device(&self) -> Option<&str> {
        self.device_id.as_deref().filter(|id| !id.is_empty())
    }
}

/// A non-negative integer parameter: `missing` when absent, `invalid` when not a number ≥ 0.
fn number(
    text: Option<&str>,
    missing: &'static str,
    invalid: &'static str,
) -> Result<u64, ApiError> {
    text.filter(|t| !t.is_empty())
        .ok_or(ApiError::bad_request(missing))?
        .parse()
        .map_err(|_| ApiError::bad_request(invalid))
}

/// `get-information-about-the-users-current-playback`
async fn get_information_about_the_users_current_playback(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<PlaybackQuery>,
) -> Result<Response, ApiError> {
    let user = caller.require_scope(READ_STATE)?;
    let market = caller.market(q.market.as_deref())?;
    let Some(view) = state.read_player(user, |player, now| player.view(now)) else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let ctx = caller.render(state.catalog(), market.as_deref());
    Ok(Json(render::playback_state(&ctx, &view, q.episodes())).into_response())
}

/// The body of `PUT /me/player`.
#[derive(Debug, Deserialize)]
struct TransferBody {
    #[serde(default)]
    device_ids: Vec<String>,
    #[serde(default)]
    play: bool,
}

/// `transfer-a-users-playback`
async fn transfer_a_users_playback(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    let body: TransferBody =
        serde_json::from_slice(&body).map_err(|_| ApiError::bad_request(MALFORMED_JSON))?;
    let device = match body.device_ids.as_slice() {
        [] => return Err(ApiError::bad_request(MISSING_DEVICE_IDS)),
        [device] => device.clone(),
        _ => return Err(ApiError::bad_request(ONE_DEVICE_ONLY)),
    };
    state.player_command(user, |player, now, _| {
        player.transfer(&device, body.play, now)
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// `get-a-users-available-devices`
async fn get_a_users_available_devices(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let user = caller.require_scope(READ_STATE)?;
    let devices = state.read_player(user, |player, _| player.devices());
    Ok(Json(render::devices(&devices)))
}

/// `get-the-users-currently-playing-track`
async fn get_the_users_currently_playing_track(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<PlaybackQuery>,
) -> Result<Response, ApiError> {
    let user = caller.require_scope(READ_CURRENT)?;
    let market = caller.market(q.market.as_deref())?;
    let Some(view) = state.read_player(user, |player, now| player.view(now)) else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let ctx = caller.render(state.catalog(), market.as_deref());
    Ok(Json(render::currently_playing(&ctx, &view, q.episodes())).into_response())
}

/// The body of `PUT /me/player/play`; other members are ignored, as the spec allows them.
#[derive(Debug, Default, Deserialize)]
struct PlayBody {
    context_uri: Option<String>,
    uris: Option<Vec<String>>,
    offset: Option<PlayOffset>,
    position_ms: Option<i64>,
}

/// `offset`: `{"position": n}` or `{"uri": "spotify:track:..."}`.
#[derive(Debug, Default, Deserialize)]
struct PlayOffset {
    position: Option<i64>,
    uri: Option<String>,
}

/// `start-a-users-playback`
async fn start_a_users_playback(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CommandQuery>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    let body: PlayBody = if body.iter().all(u8::is_ascii_whitespace) {
        PlayBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|_| ApiError::bad_request(MALFORMED_JSON))?
    };
    let position_ms = match body.position_ms {
        None => None,
        Some(ms) => {
            Some(u64::try_from(ms).map_err(|_| ApiError::bad_request(INVALID_POSITION_MS))?)
        }
    };
    let catalog = state.catalog();
    let (context, items) = match (body.context_uri.as_deref(), body.uris.as_deref()) {
        (Some(_), Some(_)) => return Err(ApiError::bad_request(CONTEXT_AND_URIS)),
        (Some(uri), None) => {
            let (context, items) = state.context_items(uri, Some(&user.country))?;
            (Some(context), Some(items))
        }
        (None, Some([])) => return Err(ApiError::bad_request(EMPTY_URIS)),
        (None, Some(uris)) => {
            let items = uris
                .iter()
                .map(|uri| Playable::resolve(uri, catalog))
                .collect::<Result<Vec<_>, _>>()?;
            (None, Some(items))
        }
        (None, None) => (None, None),
    };
    let offset = match body.offset {
        None => Offset::First,
        Some(PlayOffset { uri: Some(uri), .. }) => Offset::Item(Playable::resolve(&uri, catalog)?),
        Some(PlayOffset {
            position: Some(position),
            ..
        }) => Offset::Position(
            usize::try_from(position).map_err(|_| ApiError::bad_request(INVALID_OFFSET))?,
        ),
        Some(_) => Offset::First,
    };
    let device = q.device();
    state.player_command(user, |player, now, catalog| match items {
        Some(items) => {
            let start = Start {
                context,
                items,
                offset,
                position_ms: position_ms.unwrap_or(0),
            };
            player.start(device, start, now, catalog)
        }
        None => player.resume(device, position_ms, now, catalog),
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// `pause-a-users-playback`
async fn pause_a_users_playback(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CommandQuery>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    state.player_command(user, |player, now, _| player.pause(q.device(), now))?;
    Ok(StatusCode::NO_CONTENT)
}

/// `skip-users-playback-to-next-track`
async fn skip_users_playback_to_next_track(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CommandQuery>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    state.player_command(user, |player, now, _| player.next(q.device(), now))?;
    Ok(StatusCode::NO_CONTENT)
}

/// `skip-users-playback-to-previous-track`
async fn skip_users_playback_to_previous_track(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CommandQuery>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    state.player_command(user, |player, now, _| player.previous(q.device(), now))?;
    Ok(StatusCode::NO_CONTENT)
}

/// `seek-to-position-in-currently-playing-track`
async fn seek_to_position_in_currently_playing_track(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CommandQuery>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    let position = number(
        q.position_ms.as_deref(),
        MISSING_POSITION_MS,
        INVALID_POSITION_MS,
    )?;
    state.player_command(user, |player, now, catalog| {
        player.seek(q.device(), position, now, catalog)
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// `set-repeat-mode-on-users-playback`
async fn set_repeat_mode_on_users_playback(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CommandQuery>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    let text = q
        .state
        .as_deref()
        .filter(|s| !s.is_empty())
        .ok_or(ApiError::bad_request(MISSING_STATE))?;
    let repeat = Repeat::parse(text).ok_or(ApiError::bad_request(INVALID_REPEAT_STATE))?;
    state.player_command(user, |player, now, _| {
        player.set_repeat(q.device(), repeat, now)
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// `set-volume-for-users-playback`
async fn set_volume_for_users_playback(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CommandQuery>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    let volume = number(
        q.volume_percent.as_deref(),
        MISSING_VOLUME_PERCENT,
        INVALID_VOLUME_PERCENT,
    )?;
    let volume = u8::try_from(volume)
        .ok()
        .filter(|v| *v <= 100)
        .ok_or(ApiError::bad_request(INVALID_VOLUME_PERCENT))?;
    state.player_command(user, |player, _, _| player.set_volume(q.device(), volume))?;
    Ok(StatusCode::NO_CONTENT)
}

/// `toggle-shuffle-for-users-playback`
async fn toggle_shuffle_for_users_playback(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CommandQuery>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    let on = match q.state.as_deref() {
        None | Some("") => return Err(ApiError::bad_request(MISSING_STATE)),
        Some("true") => true,
        Some("false") => false,
        Some(_) => return Err(ApiError::bad_request(INVALID_SHUFFLE_STATE)),
    };
    state.player_command(user, |player, now, _| {
        player.set_shuffle(q.device(), on, now)
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// `?limit=&before=&after=` of `GET /me/player/recently-played`, as sent.
#[derive(Debug, Default, Deserialize)]
struct RecentQuery {
    limit: Option<String>,
    before: Option<String>,
    after: Option<String>,
}

/// `get-recently-played`
async fn get_recently_played(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<RecentQuery>,
) -> Result<Json<Value>, ApiError> {
    let user = caller.require_scope(READ_RECENT)?;
    let page = PageBounds::DEFAULT.page(q.limit.as_deref(), None)?;
    let time = |text: &str| {
        text.parse::<u64>()
            .map_err(|_| ApiError::bad_request(INVALID_CURSOR))
    };
    let before = q.before.as_deref().filter(|t| !t.is_empty());
    let after = q.after.as_deref().filter(|t| !t.is_empty());
    let cursor = match (before, after) {
        (Some(_), Some(_)) => return Err(ApiError::bad_request(BEFORE_AND_AFTER)),
        (Some(before), None) => Some(HistoryCursor::Before(time(before)?)),
        (None, Some(after)) => Some(HistoryCursor::After(time(after)?)),
        (None, None) => None,
    };
    let history = state.read_player(user, |player, _| player.recently_played(page.limit, cursor));
    let ctx = caller.render(state.catalog(), None);
    Ok(Json(render::recently_played(
        &ctx, &history, page.limit, cursor,
    )))
}

/// `get-queue`: either read scope will do.
async fn get_queue(State(state): State<AppState>, caller: Caller) -> Result<Json<Value>, ApiError> {
    let user = match caller.require_scope(READ_CURRENT) {
        Ok(user) => user,
        Err(_) => caller.require_scope(READ_STATE)?,
    };
    let queue = state.read_player(user, |player, _| player.queue_view());
    let ctx = caller.render(state.catalog(), None);
    Ok(Json(render::queue(&ctx, &queue)))
}

/// `add-to-queue`
async fn add_to_queue(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CommandQuery>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_scope(MODIFY)?;
    let uri = q
        .uri
        .as_deref()
        .filter(|u| !u.is_empty())
        .ok_or(ApiError::bad_request(MISSING_URI))?;
    let item = Playable::resolve(uri, state.catalog())?;
    state.player_command(user, |player, _, _| player.enqueue(q.device(), item))?;
    Ok(StatusCode::NO_CONTENT)
}
