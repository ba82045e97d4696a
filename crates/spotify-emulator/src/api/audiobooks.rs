//! Audiobooks: `get-an-audiobook` (`GET /audiobooks/{id}`), `get-multiple-audiobooks`
//! (`GET /audiobooks`, removed for development-mode apps in 2026-02) and
//! `get-audiobook-chapters` (`GET /audiobooks/{id}/chapters`).
//!
//! Spotify sells audiobooks only in the US, the UK, Canada, Ireland, New Zealand and Australia
//! (the spec's descriptions of these operations). Elsewhere, and without a `market` or a user
//! country (a client-credentials token), an audiobook is unavailable: 404 `non existing id`,
//! or a `null` slot in a multi-get (`catalog/available.rs`).
//!
//! In the user's library (`library.rs` has the rules): `get-users-saved-audiobooks` (`GET /me/audiobooks`),
//! and, removed for development-mode apps in 2026-02, `save-audiobooks-user`, `remove-audiobooks-user`,
//! `check-users-saved-audiobooks` (`PUT`/`DELETE /me/audiobooks`, `GET /me/audiobooks/contains`).

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

/// The audiobooks routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/audiobooks", get(get_multiple_audiobooks))
        .route("/audiobooks/{id}", get(get_an_audiobook))
        .route("/audiobooks/{id}/chapters", get(get_audiobook_chapters))
        .route(
            "/me/audiobooks",
            get(get_users_saved_audiobooks)
                .put(save_audiobooks_user)
                .delete(remove_audiobooks_user),
        )
        .route("/me/audiobooks/contains", get(check_users_saved_audiobooks))
}

/// `?market=`.
#[derive(Debug, Deserialize)]
struct MarketQuery {
    market: Option<String>,
}

/// `get-an-audiobook`
async fn get_an_audiobook(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<MarketQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let book = catalog
        .audiobook_in(id.as_str(), caller.availability_market(market.as_deref()))
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let ctx = caller.render(catalog, market.as_deref());
    Ok(render::catalog_response(
        &if_none_match,
        &render::audiobook(&ctx, book),
    ))
}

/// `get-multiple-audiobooks`
async fn get_multiple_audiobooks(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-multiple-audiobooks")?;
    let ids = query.ids(max_ids::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let available_in = caller.availability_market(market.as_deref());
    let ctx = caller.render(catalog, market.as_deref());
    let books: Vec<Value> = ids
        .iter()
        .map(|id| {
            catalog
                .audiobook_in(id.as_str(), available_in)
                .map_or(Value::Null, |book| render::audiobook(&ctx, book))
        })
        .collect();
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "audiobooks": books }),
    ))
}

/// `get-audiobook-chapters`
async fn get_audiobook_chapters(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<PageQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let page = query.page(PageBounds::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let book = catalog
        .audiobook_in(id.as_str(), caller.availability_market(market.as_deref()))
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let ctx = caller.render(catalog, market.as_deref());
    let items = page
        .slice(&book.chapters)
        .iter()
        .filter_map(|chapter| catalog.chapters.get(chapter))
        .map(|chapter| render::simplified_chapter(&ctx, chapter))
        .collect();
    let params: Vec<(&str, &str)> = market
        .as_deref()
        .map(|m| ("market", m))
        .into_iter()
        .collect();
    let path = format!("/audiobooks/{}/chapters", book.id);
    let body = render::paging(ctx.base, &path, &params, page, book.chapters.len(), items);
    Ok(render::catalog_response(&if_none_match, &body))
}

// --- in the user's library (see `library.rs`) ---------------------------------------------------

/// `get-users-saved-audiobooks`
async fn get_users_saved_audiobooks(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    saved_page(&state, &caller, &query, Saved::Audiobook, "/me/audiobooks")
}

/// `save-audiobooks-user`
async fn save_audiobooks_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    save(
        &state,
        &caller,
        "save-audiobooks-user",
        Saved::Audiobook,
        query,
        body,
    )
}

/// `remove-audiobooks-user`
async fn remove_audiobooks_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    remove(
        &state,
        &caller,
        "remove-audiobooks-user",
        Saved::Audiobook,
        query,
        body,
    )
}

/// `check-users-saved-audiobooks`
async fn check_users_saved_audiobooks(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
) -> Result<Json<Vec<bool>>, ApiError> {
    contains(
        &state,
        &caller,
        "check-users-saved-audiobooks",
        Saved::Audiobook,
        query,
    )
}
