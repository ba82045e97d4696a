//! Users: `get-current-users-profile` (`GET /me`) and `get-users-profile` (`GET
//! /users/{user_id}`, removed for development mode in 2026-02). A user's playlists are in
//! `playlists.rs` (the spec's first tag).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::catalog::model::PublicUser;
use crate::errors::{ApiError, NON_EXISTING_ID};
use crate::extract::{Caller, Path};
use crate::render;
use crate::state::AppState;

/// The users routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/me", get(get_current_users_profile))
        .route("/users/{user_id}", get(get_users_profile))
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
    headers: HeaderMap,
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
        &headers,
        &render::public_user(&ctx, &user),
    ))
}
