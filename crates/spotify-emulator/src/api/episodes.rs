//! Episodes: `get-an-episode` (`GET /episodes/{id}`) and `get-multiple-episodes`
//! (`GET /episodes`, removed for development-mode apps in 2026-02).
//!
//! Episodes are market-bound like their shows: without a `market` and without a user country
//! (a client-credentials token), an episode is unavailable: 404 `non existing id`, or a `null`
//! slot in a multi-get (`catalog/available.rs`).
//!
//! In the user's library (`library.rs` has the rules): `get-users-saved-episodes` (`GET /me/episodes`),
//! and, removed for development-mode apps in 2026-02, `save-episodes-user`, `remove-episodes-user`,
//! `check-users-saved-episodes` (`PUT`/`DELETE /me/episodes`, `GET /me/episodes/contains`).

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use super::library::{IdsBody, IdsParam, contains, remove, save, saved_page};
use crate::errors::{ApiError, NON_EXISTING_ID};
use crate::extract::IfNoneMatch;
use crate::extract::{Base62Id, Caller, IdsQuery, Path, Query, max_ids};
use crate::extract::{JsonBody, PageQuery};
use crate::render;
use crate::state::{AppState, Saved};

/// The episodes routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/episodes", get(get_multiple_episodes))
        .route("/episodes/{id}", get(get_an_episode))
        .route(
            "/me/episodes",
            get(get_users_saved_episodes)
                .put(save_episodes_user)
                .delete(remove_episodes_user),
        )
        .route("/me/episodes/contains", get(check_users_saved_episodes))
}

/// `?market=`.
#[derive(Debug, Deserialize)]
struct MarketQuery {
    market: Option<String>,
}

/// `get-an-episode`
async fn get_an_episode(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<MarketQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let episode = catalog
        .episode_in(id.as_str(), caller.availability_market(market.as_deref()))
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let ctx = caller.render(catalog, market.as_deref());
    Ok(render::catalog_response(
        &if_none_match,
        &render::episode(&ctx, episode),
    ))
}

/// `get-multiple-episodes`
async fn get_multiple_episodes(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-multiple-episodes")?;
    let ids = query.ids(max_ids::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let available_in = caller.availability_market(market.as_deref());
    let ctx = caller.render(catalog, market.as_deref());
    let episodes: Vec<Value> = ids
        .iter()
        .map(|id| {
            catalog
                .episode_in(id.as_str(), available_in)
                .map_or(Value::Null, |episode| render::episode(&ctx, episode))
        })
        .collect();
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "episodes": episodes }),
    ))
}

// --- in the user's library (see `library.rs`) ---------------------------------------------------

/// `get-users-saved-episodes`
async fn get_users_saved_episodes(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    saved_page(&state, &caller, &query, Saved::Episode, "/me/episodes")
}

/// `save-episodes-user`
async fn save_episodes_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    save(
        &state,
        &caller,
        "save-episodes-user",
        Saved::Episode,
        query,
        body,
    )
}

/// `remove-episodes-user`
async fn remove_episodes_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    remove(
        &state,
        &caller,
        "remove-episodes-user",
        Saved::Episode,
        query,
        body,
    )
}

/// `check-users-saved-episodes`
async fn check_users_saved_episodes(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
) -> Result<Json<Vec<bool>>, ApiError> {
    contains(
        &state,
        &caller,
        "check-users-saved-episodes",
        Saved::Episode,
        query,
    )
}
