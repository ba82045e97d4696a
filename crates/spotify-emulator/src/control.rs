//! The control plane, `/__emulator/*`: JSON in and out, no authentication. It exists only in the
//! emulator and lets tests move the clock, read counters, switch behaviours and revoke tokens.
//!
//! Its table of endpoints is in the crate docs (`lib.rs`).

use std::time::Duration;

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Router, extract::State};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::api::{method_not_allowed, service_not_found};
use crate::config::App;
use crate::errors::{ApiError, REVOKE_WHAT, UNKNOWN_APP};
use crate::extract::{Json, Path};
use crate::faults::Fault;
use crate::quota::QuotaMode;
use crate::rate_limit::RateLimit;
use crate::state::{AppState, LoggedRequest, PlayerPatch, PlayerSnapshot, SettingsPatch, Stats};

/// The control-plane routes (nested under `/__emulator`).
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/reset", post(reset))
        .route("/clock", get(clock))
        .route("/clock/advance", post(advance_clock))
        .route("/stats", get(stats))
        .route("/stats/reset", post(reset_stats))
        .route("/config", get(get_config).put(put_config))
        .route("/tokens/revoke", post(revoke_tokens))
        .route("/users/{id}/revoke", post(revoke_user))
        .route("/users/{id}/player", get(get_player).put(put_player))
        .route(
            "/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/apps", get(list_apps))
        .route("/apps/{client_id}", get(get_app).put(put_app))
        .route("/requests", get(list_requests).delete(clear_requests))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(service_not_found)
}

async fn reset(State(state): State<AppState>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

async fn clock(State(state): State<AppState>) -> axum::Json<Value> {
    axum::Json(json!({ "now": state.now().as_secs() }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    seconds: u64,
}

async fn advance_clock(
    State(state): State<AppState>,
    Json(body): Json<Advance>,
) -> axum::Json<Value> {
    state.advance_clock(Duration::from_secs(body.seconds));
    axum::Json(json!({ "now": state.now().as_secs() }))
}

async fn stats(State(state): State<AppState>) -> axum::Json<Stats> {
    axum::Json(state.stats())
}

async fn reset_stats(State(state): State<AppState>) -> StatusCode {
    state.reset_stats();
    StatusCode::NO_CONTENT
}

async fn get_config(State(state): State<AppState>) -> axum::Json<Value> {
    axum::Json(json!(state.settings()))
}

async fn put_config(
    State(state): State<AppState>,
    Json(patch): Json<SettingsPatch>,
) -> Result<axum::Json<Value>, ApiError> {
    Ok(axum::Json(json!(state.update_settings(patch)?)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Revoke {
    access_token: Option<String>,
    #[serde(default)]
    all: bool,
}

async fn revoke_tokens(
    State(state): State<AppState>,
    Json(body): Json<Revoke>,
) -> Result<axum::Json<Value>, ApiError> {
    let revoked = match (body.all, body.access_token.as_deref()) {
        (true, _) => state.revoke_access_tokens(None),
        (false, Some(token)) => state.revoke_access_tokens(Some(token)),
        (false, None) => return Err(ApiError::bad_request(REVOKE_WHAT)),
    };
    Ok(axum::Json(json!({ "revoked": revoked })))
}

async fn revoke_user(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, ApiError> {
    let revoked = state.revoke_user(&id)?;
    Ok(axum::Json(json!({ "revoked": revoked })))
}

async fn get_player(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<axum::Json<PlayerSnapshot>, ApiError> {
    Ok(axum::Json(state.player_snapshot(&id)?))
}

async fn put_player(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(patch): Json<PlayerPatch>,
) -> Result<axum::Json<PlayerSnapshot>, ApiError> {
    Ok(axum::Json(state.patch_player(&id, patch)?))
}

async fn list_faults(State(state): State<AppState>) -> axum::Json<Vec<Fault>> {
    axum::Json(state.faults())
}

async fn add_fault(
    State(state): State<AppState>,
    Json(rule): Json<Fault>,
) -> Result<axum::Json<Vec<Fault>>, ApiError> {
    state.add_fault(rule).map_err(ApiError::bad_request)?;
    Ok(axum::Json(state.faults()))
}

async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state.clear_faults();
    StatusCode::NO_CONTENT
}

/// An app as the control plane shows it (never its secret).
#[derive(Debug, Serialize)]
struct AppView {
    client_id: String,
    name: String,
    quota_mode: QuotaMode,
    rate_limit: Option<RateLimit>,
}

impl AppView {
    fn new(app: &App) -> Self {
        Self {
            client_id: app.client_id.clone(),
            name: app.name.clone(),
            quota_mode: app.quota_mode,
            rate_limit: app.rate_limit,
        }
    }
}

async fn list_apps(State(state): State<AppState>) -> axum::Json<Vec<AppView>> {
    axum::Json(state.apps().iter().map(|a| AppView::new(a)).collect())
}

async fn get_app(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
) -> Result<axum::Json<AppView>, ApiError> {
    let app = state
        .app(&client_id)
        .ok_or(ApiError::not_found(UNKNOWN_APP))?;
    Ok(axum::Json(AppView::new(&app)))
}

/// What `PUT /apps/{client_id}` may change (each optional; `"rate_limit": null` lifts it).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppPatch {
    #[serde(default)]
    quota_mode: Option<QuotaMode>,
    #[serde(default, deserialize_with = "present")]
    rate_limit: Option<Option<RateLimit>>,
}

/// A field that is present (even as `null`) deserializes to `Some`.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

async fn put_app(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    Json(patch): Json<AppPatch>,
) -> Result<axum::Json<AppView>, ApiError> {
    if state.app(&client_id).is_none() {
        return Err(ApiError::not_found(UNKNOWN_APP));
    }
    if let Some(limit) = patch.rate_limit {
        state.set_rate_limit(&client_id, limit)?;
    }
    if let Some(mode) = patch.quota_mode {
        state.set_quota_mode(&client_id, mode)?;
    }
    let app = state
        .app(&client_id)
        .ok_or(ApiError::not_found(UNKNOWN_APP))?;
    Ok(axum::Json(AppView::new(&app)))
}

async fn list_requests(State(state): State<AppState>) -> axum::Json<Vec<LoggedRequest>> {
    axum::Json(state.requests())
}

async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    state.clear_requests();
    StatusCode::NO_CONTENT
}
