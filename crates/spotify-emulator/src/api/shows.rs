//! Shows: `get-a-show` (`GET /shows/{id}`), `get-multiple-shows` (`GET /shows`, removed for
//! development-mode apps in 2026-02) and `get-a-shows-episodes` (`GET /shows/{id}/episodes`).
//!
//! A show is market-bound: without a `market` and without a user country (a client-credentials
//! token), Spotify considers it unavailable, so it answers 404 `non existing id` (a `null`
//! slot in a multi-get), as for a show it does not know (`catalog/available.rs`).
//!
//! In the user's library (`library.rs` has the rules): `get-users-saved-shows` (`GET /me/shows`),
//! and, removed for development-mode apps in 2026-02, `save-shows-user`, `remove-shows-user`,
//! `check-users-saved-shows` (`PUT`/`DELETE /me/shows`, `GET /me/shows/contains`).

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
use crate::extract::JsonBody;
use crate::extract::{Base62Id, Caller, IdsQuery, PageBounds, PageQuery, Path, Query, max_ids};
use crate::render;
use crate::state::{AppState, Saved};

/// The shows routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/shows", get(get_multiple_shows))
        .route("/shows/{id}", get(get_a_show))
        .route("/shows/{id}/episodes", get(get_a_shows_episodes))
        .route(
            "/me/shows",
            get(get_users_saved_shows)
                .put(save_shows_user)
                .delete(remove_shows_user),
        )
        .route("/me/shows/contains", get(check_users_saved_shows))
}

/// `?market=`.
#[derive(Debug, Deserialize)]
struct MarketQuery {
    market: Option<String>,
}

/// `get-a-show`
async fn get_a_show(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<MarketQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let show = catalog
        .show_in(id.as_str(), caller.availability_market(market.as_deref()))
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let ctx = caller.render(catalog, market.as_deref());
    Ok(render::catalog_response(
        &if_none_match,
        &render::show(&ctx, show),
    ))
}

/// `get-multiple-shows`
async fn get_multiple_shows(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-multiple-shows")?;
    let ids = query.ids(max_ids::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let available_in = caller.availability_market(market.as_deref());
    let ctx = caller.render(catalog, market.as_deref());
    let shows: Vec<Value> = ids
        .iter()
        .map(|id| {
            catalog
                .show_in(id.as_str(), available_in)
                .map_or(Value::Null, |show| render::simplified_show(&ctx, show))
        })
        .collect();
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "shows": shows }),
    ))
}

/// `get-a-shows-episodes`
async fn get_a_shows_episodes(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<PageQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let page = query.page(PageBounds::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let show = catalog
        .show_in(id.as_str(), caller.availability_market(market.as_deref()))
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let ctx = caller.render(catalog, market.as_deref());
    let items = page
        .slice(&show.episodes)
        .iter()
        .filter_map(|episode| catalog.episodes.get(episode))
        .map(|episode| render::simplified_episode(&ctx, episode))
        .collect();
    let params: Vec<(&str, &str)> = market
        .as_deref()
        .map(|m| ("market", m))
        .into_iter()
        .collect();
    let path = format!("/shows/{}/episodes", show.id);
    let body = render::paging(ctx.base, &path, &params, page, show.episodes.len(), items);
    Ok(render::catalog_response(&if_none_match, &body))
}

// --- in the user's library (see `library.rs`) ---------------------------------------------------

/// `get-users-saved-shows`
async fn get_users_saved_shows(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    saved_page(&state, &caller, &query, Saved::Show, "/me/shows")
}

/// `save-shows-user`
async fn save_shows_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    save(&state, &caller, "save-shows-user", Saved::Show, query, body)
}

/// `remove-shows-user`
async fn remove_shows_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    remove(
        &state,
        &caller,
        "remove-shows-user",
        Saved::Show,
        query,
        body,
    )
}

/// `check-users-saved-shows`
async fn check_users_saved_shows(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
) -> Result<Json<Vec<bool>>, ApiError> {
    contains(
        &state,
        &caller,
        "check-users-saved-shows",
        Saved::Show,
        query,
    )
}
