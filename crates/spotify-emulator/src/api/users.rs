//! Users: `get-current-users-profile` (`GET /me`), `get-users-profile` (`GET
//! /users/{user_id}`, removed for development mode in 2026-02), and the user's top items,
//! `get-users-top-artists` and `get-users-top-tracks` (`GET /me/top/{type}`, ranked in
//! `state/top.rs`). A user's playlists are in `playlists.rs` (the spec's first tag).

use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::Value;

use crate::catalog::model::PublicUser;
use crate::errors::{ApiError, INVALID_TIME_RANGE, NON_EXISTING_ID};
use crate::extract::IfNoneMatch;
use crate::extract::{Caller, PageBounds, Path, Query};
use crate::render;
use crate::state::{AppState, TimeRange};

/// The scope of the top items.
const TOP_READ: &str = "user-top-read";

/// The users routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/me", get(get_current_users_profile))
        .route("/users/{user_id}", get(get_users_profile))
        .route("/me/top/artists", get(get_users_top_artists))
        .route("/me/top/tracks", get(get_users_top_tracks))
}

/// `?time_range=&limit=&offset=` of `/me/top/{type}`, as sent.
#[derive(Debug, Default, Deserialize)]
struct TopQuery {
    time_range: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

/// Which top list.
#[derive(Clone, Copy, Debug)]
enum TopKind {
    Artists,
    Tracks,
}

/// `get-users-top-artists`
async fn get_users_top_artists(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<TopQuery>,
) -> Result<Json<Value>, ApiError> {
    top_page(&state, &caller, &query, TopKind::Artists)
}

/// `get-users-top-tracks`
async fn get_users_top_tracks(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<TopQuery>,
) -> Result<Json<Value>, ApiError> {
    top_page(&state, &caller, &query, TopKind::Tracks)
}

/// One page of the user's top artists or tracks: full objects, at most 50 in all (a page past
/// them is empty), `time_range` kept in the links as sent.
fn top_page(
    state: &AppState,
    caller: &Caller,
    query: &TopQuery,
    kind: TopKind,
) -> Result<Json<Value>, ApiError> {
    let user = caller.require_scope(TOP_READ)?;
    let sent_range = query.time_range.as_deref().filter(|r| !r.is_empty());
    let range = match sent_range {
        Some(text) => TimeRange::parse(text).ok_or(ApiError::bad_request(INVALID_TIME_RANGE))?,
        None => TimeRange::default(),
    };
    let page = PageBounds::DEFAULT.page(query.limit.as_deref(), query.offset.as_deref())?;
    let catalog = state.catalog();
    let ctx = caller.render(catalog, None);
    let (path, ids) = match kind {
        TopKind::Artists => ("/me/top/artists", state.top_artists(user, range)),
        TopKind::Tracks => ("/me/top/tracks", state.top_tracks(user, range)),
    };
    let items = page
        .slice(&ids)
        .iter()
        .filter_map(|id| match kind {
            TopKind::Artists => catalog.artists.get(id).map(|a| render::artist(&ctx, a)),
            TopKind::Tracks => catalog.tracks.get(id).map(|t| render::track(&ctx, t)),
        })
        .collect();
    let params: Vec<(&str, &str)> = sent_range.map(|r| ("time_range", r)).into_iter().collect();
    Ok(Json(render::paging(
        ctx.base,
        path,
        &params,
        page,
        ids.len(),
        items,
    )))
}

/// `get-current-users-profile`
async fn get_current_users_profile(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let user = caller.require_user()?;
    let email = caller.has_scope("user-read-email");
    let private = caller.has_scope("user-read-private");
    let ctx = caller.render(state.catalog(), None);
    Ok(Json(render::private_user(&ctx, user, email, private)))
}

/// `get-users-profile`
async fn get_users_profile(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-users-profile")?;
    // A catalogue user (playlist owners), else one of the emulator's account holders.
    let mut user = match state.catalog().user(&user_id) {
        Some(user) => user.clone(),
        None => {
            let account = state
                .user(&user_id)
                .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
            PublicUser {
                id: account.id.clone(),
                display_name: account.display_name.clone(),
                images: Vec::new(),
                followers: account.followers,
            }
        }
    };
    // The emulator's users who follow this one count too.
    user.followers = user
        .followers
        .saturating_add(state.library().user_followers(&user.id));
    let ctx = caller.render(state.catalog(), None);
    Ok(render::catalog_response(
        &if_none_match,
        &render::public_user(&ctx, &user),
    ))
}
