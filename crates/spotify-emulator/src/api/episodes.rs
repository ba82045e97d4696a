//! Episodes: `get-an-episode` (`GET /episodes/{id}`) and `get-multiple-episodes`
//! (`GET /episodes`, removed for development-mode apps in 2026-02).
//!
//! Episodes are market-bound like their shows: without a `market` and without a user country
//! (a client-credentials token), an episode is unavailable: 404 `non existing id`, or a `null`
//! slot in a multi-get (`catalog/available.rs`).

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{ApiError, NON_EXISTING_ID};
use crate::extract::{Base62Id, Caller, IdsQuery, Path, Query, max_ids};
use crate::render;
use crate::state::AppState;

/// The episodes routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/episodes", get(get_multiple_episodes))
        .route("/episodes/{id}", get(get_an_episode))
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
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let episode = catalog
        .episode_in(id.as_str(), caller.availability_market(market.as_deref()))
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let ctx = caller.render(catalog, market.as_deref());
    Ok(render::catalog_response(
        &headers,
        &render::episode(&ctx, episode),
    ))
}

/// `get-multiple-episodes`
async fn get_multiple_episodes(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    headers: HeaderMap,
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
        &headers,
        &json!({ "episodes": episodes }),
    ))
}
