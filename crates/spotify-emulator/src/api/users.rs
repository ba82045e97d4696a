//! Users: `get-current-users-profile` (`GET /me`).

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::config::User;
use crate::errors::ApiError;
use crate::extract::Caller;
use crate::state::AppState;

/// The users routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/me", get(get_current_users_profile))
}

/// `get-current-users-profile`
async fn get_current_users_profile(caller: Caller) -> Result<Json<Value>, ApiError> {
    let user = caller.require_user()?;
    let email = caller.has_scope("user-read-email");
    let private = caller.has_scope("user-read-private");
    Ok(Json(private_user(user, email, private)))
}

/// A `PrivateUserObject`: `email` only with `user-read-email`; `country`, `product` and
/// `explicit_content` only with `user-read-private`.
fn private_user(user: &User, email: bool, private: bool) -> Value {
    let mut body = json!({
        "account_id": user.account_id,
        "display_name": user.display_name,
        "external_urls": { "spotify": format!("https://open.spotify.com/user/{}", user.id) },
        "followers": { "href": null, "total": user.followers },
        "href": format!("https://api.spotify.com/v1/users/{}", user.id),
        "id": user.id,
        "images": [],
        "type": "user",
        "uri": format!("spotify:user:{}", user.id),
    });
    if email {
        body["email"] = user.email.clone().into();
    }
    if private {
        body["country"] = user.country.clone().into();
        body["product"] = user.product.as_str().into();
        body["explicit_content"] = json!({
            "filter_enabled": user.explicit_filter_enabled,
            "filter_locked": user.explicit_filter_locked,
        });
    }
    body
}
