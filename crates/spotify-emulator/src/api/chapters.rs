//! Chapters: `get-a-chapter` (`GET /chapters/{id}`) and `get-several-chapters`
//! (`GET /chapters`, removed for development-mode apps in 2026-02).
//!
//! Chapters are sold where their audiobooks are: the US, the UK, Canada, Ireland, New Zealand
//! and Australia (the spec's descriptions). Elsewhere, and without a `market` or a user country
//! (a client-credentials token), a chapter is unavailable: 404 `non existing id`, or a `null`
//! slot in a multi-get (`catalog/available.rs`).

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{ApiError, NON_EXISTING_ID};
use crate::extract::IfNoneMatch;
use crate::extract::{Base62Id, Caller, IdsQuery, Path, Query, max_ids};
use crate::render;
use crate::state::AppState;

/// The chapters routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/chapters", get(get_several_chapters))
        .route("/chapters/{id}", get(get_a_chapter))
}

/// `?market=`.
#[derive(Debug, Deserialize)]
struct MarketQuery {
    market: Option<String>,
}

/// `get-a-chapter`
async fn get_a_chapter(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<MarketQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let chapter = catalog
        .chapter_in(id.as_str(), caller.availability_market(market.as_deref()))
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let ctx = caller.render(catalog, market.as_deref());
    Ok(render::catalog_response(
        &if_none_match,
        &render::chapter(&ctx, chapter),
    ))
}

/// `get-several-chapters`
async fn get_several_chapters(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-several-chapters")?;
    let ids = query.ids(max_ids::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let available_in = caller.availability_market(market.as_deref());
    let ctx = caller.render(catalog, market.as_deref());
    let chapters: Vec<Value> = ids
        .iter()
        .map(|id| {
            catalog
                .chapter_in(id.as_str(), available_in)
                .map_or(Value::Null, |chapter| render::chapter(&ctx, chapter))
        })
        .collect();
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "chapters": chapters }),
    ))
}
