//! Markets: `get-available-markets` (`GET /markets`), removed for development-mode apps in
//! 2026-02.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde_json::json;

use crate::errors::ApiError;
use crate::extract::Caller;
use crate::extract::IfNoneMatch;
use crate::render;
use crate::state::AppState;

/// The markets routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/markets", get(get_available_markets))
}

/// `get-available-markets`: every market some content of the catalogue is available in,
/// sorted.
async fn get_available_markets(
    State(state): State<AppState>,
    caller: Caller,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-available-markets")?;
    let markets = state.catalog().markets();
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "markets": markets }),
    ))
}
