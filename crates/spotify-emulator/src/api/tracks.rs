//! Tracks: `get-track` (`GET /tracks/{id}`).

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use crate::errors::{ApiError, NON_EXISTING_ID};
use crate::extract::{Base62Id, Caller, Path, Query};
use crate::render;
use crate::state::AppState;

/// The tracks routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/tracks/{id}", get(get_track))
}

/// `?market=`.
#[derive(Debug, Deserialize)]
struct MarketQuery {
    market: Option<String>,
}

/// `get-track`
async fn get_track(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<MarketQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    let track =
        render::track_by_request(&ctx, id.as_str()).ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    Ok(render::catalog_response(&headers, &track))
}
