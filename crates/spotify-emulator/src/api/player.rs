//! Player: `get-a-users-available-devices` (`GET /me/player/devices`).

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::config::Device;
use crate::errors::ApiError;
use crate::extract::Caller;
use crate::state::AppState;

/// The player routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/me/player/devices", get(get_a_users_available_devices))
}

/// `get-a-users-available-devices`
async fn get_a_users_available_devices(caller: Caller) -> Result<Json<Value>, ApiError> {
    let user = caller.require_scope("user-read-playback-state")?;
    let devices: Vec<Value> = user.devices.iter().map(device_object).collect();
    Ok(Json(json!({ "devices": devices })))
}

/// A `DeviceObject`.
fn device_object(device: &Device) -> Value {
    json!({
        "id": device.id,
        "is_active": device.is_active,
        "is_private_session": device.is_private_session,
        "is_restricted": device.is_restricted,
        "name": device.name,
        "supports_volume": device.supports_volume,
        "type": device.kind,
        "volume_percent": device.volume_percent,
    })
}
