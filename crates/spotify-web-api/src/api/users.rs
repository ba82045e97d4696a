//! Users:
//!
//! - `get-current-users-profile` (`GET /me`): [`SpotifyWebApi::me`];
//! - `get-users-profile` (`GET /users/{user_id}`, removed for development mode in 2026-02):
//!   [`SpotifyWebApi::get_user`];
//! - `get-users-top-artists` (`GET /me/top/artists`): [`SpotifyWebApi::get_my_top_artists`];
//! - `get-users-top-tracks` (`GET /me/top/tracks`): [`SpotifyWebApi::get_my_top_tracks`].
//!
//! PHP's `getMyTop(type)` is two typed methods here, each with a [`TimeRange`].
//!
//! A user's playlists (`get-list-users-playlists`) are with the playlists
//! ([`SpotifyWebApi::get_user_playlists`]).

use std::fmt;

use crate::api::api_path;
use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::{ApiRequest, PageBounds};
use crate::id::{IntoId, UserId};
use crate::model::{Artist, PrivateUser, PublicUser, Track};
use crate::paging::PageQuery;
use crate::quota::Removal;
use crate::scope::Scope;

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

    /// Get the user's top artists, by Spotify's affinity over a [`TimeRange`] (default
    /// [`TimeRange::MediumTerm`]), best first, one page at a time. Spotify ranks at most 50:
    /// `total` is at most 50 and pages past offset 49 are empty.
    ///
    /// Spec: `get-users-top-artists` · `GET /me/top/artists` · scopes: `user-top-read`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::TimeRange;
    ///
    /// let page = api.get_my_top_artists().time_range(TimeRange::ShortTerm).limit(10).await?;
    /// for artist in &page {
    ///     println!("{}", artist.name);
    /// }
    /// let all = api.get_my_top_artists().fetch_all().await?;
    /// # let _ = all;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50.
    pub fn get_my_top_artists(&self) -> GetMyTopArtists {
        GetMyTopArtists {
            api: self.clone(),
            top: TopQuery::default(),
        }
    }

    /// Get the user's top tracks, by Spotify's affinity over a [`TimeRange`] (default
    /// [`TimeRange::MediumTerm`]), best first, one page at a time. Spotify ranks at most 50:
    /// `total` is at most 50 and pages past offset 49 are empty.
    ///
    /// Spec: `get-users-top-tracks` · `GET /me/top/tracks` · scopes: `user-top-read`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use futures_util::TryStreamExt;
    /// use spotify_web_api::TimeRange;
    ///
    /// let lately: Vec<_> = api
    ///     .get_my_top_tracks()
    ///     .time_range(TimeRange::ShortTerm)
    ///     .stream()
    ///     .try_collect()
    ///     .await?;
    /// for (rank, track) in lately.iter().enumerate() {
    ///     println!("{}. {}", rank + 1, track.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50.
    pub fn get_my_top_tracks(&self) -> GetMyTopTracks {
        GetMyTopTracks {
            api: self.clone(),
            top: TopQuery::default(),
        }
    }
}

/// Over what time Spotify computes the user's top items (`time_range`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeRange {
    /// `short_term`: about the last four weeks.
    ShortTerm,
    /// `medium_term`: about the last six months (Spotify's default).
    #[default]
    MediumTerm,
    /// `long_term`: about a year, and all new data as it comes.
    LongTerm,
}

impl TimeRange {
    /// The wire name: `short_term`, `medium_term` or `long_term`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeRange::ShortTerm => "short_term",
            TimeRange::MediumTerm => "medium_term",
            TimeRange::LongTerm => "long_term",
        }
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the two top-items builders share: the range and the page.
#[derive(Debug, Default)]
struct TopQuery {
    time_range: Option<TimeRange>,
    page: PageQuery,
}

impl TopQuery {
    fn into_request(self, path: &'static str) -> Result<ApiRequest> {
        let request = ApiRequest::get(path)
            .query("time_range", self.time_range)
            .scopes([Scope::UserTopRead]);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

/// Builder for [`SpotifyWebApi::get_my_top_artists`]; `.await` returns
/// `Result<Page<Artist>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMyTopArtists {
    api: SpotifyWebApi,
    top: TopQuery,
}

impl GetMyTopArtists {
    /// Over what time the ranking is computed. Default: [`TimeRange::MediumTerm`] (nothing
    /// sent).
    pub fn time_range(mut self, range: TimeRange) -> Self {
        self.top.time_range = Some(range);
        self
    }

    /// Artists per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.top.page.limit = Some(limit);
        self
    }

    /// The index of the first artist (past 49 Spotify has none). Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.top.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        self.top.into_request("/me/top/artists")
    }
}

impl_into_future!(GetMyTopArtists => page Artist);

/// Builder for [`SpotifyWebApi::get_my_top_tracks`]; `.await` returns `Result<Page<Track>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMyTopTracks {
    api: SpotifyWebApi,
    top: TopQuery,
}

impl GetMyTopTracks {
    /// Over what time the ranking is computed. Default: [`TimeRange::MediumTerm`] (nothing
    /// sent).
    pub fn time_range(mut self, range: TimeRange) -> Self {
        self.top.time_range = Some(range);
        self
    }

    /// Tracks per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.top.page.limit = Some(limit);
        self
    }

    /// The index of the first track (past 49 Spotify has none). Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.top.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        self.top.into_request("/me/top/tracks")
    }
}

impl_into_future!(GetMyTopTracks => page Track);

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
        Ok(ApiRequest::get(api_path!("/users/", self.id?))
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
    fn top_items_requests_carry_the_range_the_page_and_the_scope() {
        let api = SpotifyWebApi::new();
        let req = api.get_my_top_artists().into_request().unwrap();
        assert_eq!(req.path, "/me/top/artists");
        assert!(
            req.query.is_empty(),
            "medium_term is the default: nothing sent"
        );
        assert_eq!(req.scopes, [Scope::UserTopRead]);
        let req = api
            .get_my_top_tracks()
            .time_range(TimeRange::ShortTerm)
            .limit(50)
            .offset(10)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/me/top/tracks");
        assert_eq!(
            req.query_pairs(),
            [
                ("time_range", "short_term"),
                ("limit", "50"),
                ("offset", "10")
            ]
        );
        assert_eq!(req.scopes, [Scope::UserTopRead]);
        for limit in [0, 51] {
            assert!(api.get_my_top_tracks().limit(limit).into_request().is_err());
            assert!(
                api.get_my_top_artists()
                    .limit(limit)
                    .into_request()
                    .is_err()
            );
        }
        assert_eq!(TimeRange::LongTerm.to_string(), "long_term");
        assert_eq!(TimeRange::default(), TimeRange::MediumTerm);
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
