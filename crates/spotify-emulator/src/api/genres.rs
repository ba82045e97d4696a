//! Genres: `get-recommendation-genres` (`GET /recommendations/available-genre-seeds`).

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

/// The genres routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route(
        "/recommendations/available-genre-seeds",
        get(get_recommendation_genres),
    )
}

/// `get-recommendation-genres`
async fn get_recommendation_genres(
    State(state): State<AppState>,
    caller: Caller,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-recommendation-genres")?;
    let body = json!({ "genres": state.catalog().genre_seeds() });
    Ok(render::catalog_response(&if_none_match, &body))
}
