//! Player:
//!
//! - `get-a-users-available-devices` (`GET /me/player/devices`):
//!   [`SpotifyWebApi::get_my_devices`].

use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::ApiRequest;
use crate::model::Devices;
use crate::scope::Scope;

/// # Player
impl SpotifyWebApi {
    /// Get the user's Spotify Connect devices.
    ///
    /// Spec: `get-a-users-available-devices` · `GET /me/player/devices` · scopes:
    /// `user-read-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for device in api.get_my_devices().await?.devices {
    ///     println!("{} ({})", device.name, if device.is_active { "active" } else { "idle" });
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Api`](crate::Error::Api) 403 when the token lacks `user-read-playback-state`.
    pub fn get_my_devices(&self) -> GetMyDevices {
        GetMyDevices { api: self.clone() }
    }
}

/// Builder for [`SpotifyWebApi::get_my_devices`]; `.await` returns `Result<Devices>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMyDevices {
    api: SpotifyWebApi,
}

impl GetMyDevices {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get("/me/player/devices").scopes([Scope::UserReadPlaybackState]))
    }
}

impl_into_future!(GetMyDevices => Devices);
