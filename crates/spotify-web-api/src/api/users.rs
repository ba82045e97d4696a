//! Users:
//!
//! - `get-current-users-profile` (`GET /me`): [`SpotifyWebApi::me`];
//! - `get-users-profile` (`GET /users/{user_id}`, removed for development mode in 2026-02):
//!   [`SpotifyWebApi::get_user`].
//!
//! A user's playlists (`get-list-users-playlists`) are with the playlists
//! ([`SpotifyWebApi::get_user_playlists`]).

use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::ApiRequest;
use crate::id::{IntoId, UserId};
use crate::model::{PrivateUser, PublicUser};
use crate::quota::Removal;

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

    /// Get a user's public profile: display name, images and (for extended-quota apps)
    /// followers.
    ///
    /// Spec: `get-users-profile` · `GET /users/{user_id}` · scopes: none · extended quota only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let user = api.get_user("spotify:user:wizzler").await?;
    /// println!("{}", user.display_name.as_deref().unwrap_or(user.id.as_str()));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for a development-mode app:
    /// Spotify removed the endpoint for them in 2026-02 with no replacement for other users;
    /// the current user's own profile remains ([`SpotifyWebApi::me`]).
    /// [`Error::Api`](crate::Error::Api) 404 for a user Spotify does not know.
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-08, with no replacement; use me for the current user"
    )]
    pub fn get_user(&self, user: impl IntoId<UserId>) -> GetUser {
        GetUser {
            api: self.clone(),
            id: user.into_id(),
        }
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

/// Builder for [`SpotifyWebApi::get_user`]; `.await` returns `Result<PublicUser>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetUser {
    api: SpotifyWebApi,
    id: Result<UserId>,
}

impl GetUser {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(format!("/users/{}", self.id?))
            .removed(Removal::feb_2026("get-users-profile").instead("SpotifyWebApi::me")))
    }
}

impl_into_future!(GetUser => PublicUser);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_is_get_me() {
        let req = SpotifyWebApi::new().me().into_request().unwrap();
        assert_eq!(req.path, "/me");
        assert!(req.query.is_empty());
    }

    #[test]
    #[allow(deprecated)]
    fn user_profile_request_names_me_as_the_alternative() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_user("https://open.spotify.com/user/smedjan?si=1")
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/users/smedjan");
        let removal = req.removal.unwrap();
        assert_eq!(removal.operation, "get-users-profile");
        assert_eq!(removal.replacement, Some("SpotifyWebApi::me"));
        assert!(api.get_user("two words").into_request().is_err());
        assert!(api.get_user("").into_request().is_err());
    }
}
