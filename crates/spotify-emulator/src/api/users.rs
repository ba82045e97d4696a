//! Users: `get-current-users-profile` (`GET /me`).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::errors::ApiError;
use crate::extract::Caller;
use crate::render;
use crate::state::AppState;

/// The users routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/me", get(get_current_users_profile))
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
