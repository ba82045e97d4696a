//! Users:
//!
//! - `get-current-users-profile` (`GET /me`): [`SpotifyWebApi::me`].

use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::ApiRequest;
use crate::model::PrivateUser;

/// # Users
impl SpotifyWebApi {
    /// Get the profile of the user who authorized the token.
    ///
    /// Spec: `get-current-users-profile` · `GET /me` · scopes: `user-read-private` (country,
    /// product, explicit-content settings), `user-read-email` (email). Without them those
    /// fields are absent.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let me = api.me().await?;
    /// println!("logged in as {}", me.display_name.as_deref().unwrap_or(me.id.as_str()));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Api`](crate::Error::Api) 403 with a client-credentials token, which has no
    /// user.
    pub fn me(&self) -> GetMe {
        GetMe { api: self.clone() }
    }
}

/// Builder for [`SpotifyWebApi::me`]; `.await` returns `Result<PrivateUser>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMe {
    api: SpotifyWebApi,
}

impl GetMe {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get("/me"))
    }
}

impl_into_future!(GetMe => PrivateUser);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_is_get_me() {
        let req = SpotifyWebApi::new().me().into_request().unwrap();
        assert_eq!(req.path, "/me");
        assert!(req.query.is_empty());
    }
}
