//! Episodes (of podcasts):
//!
//! - `get-an-episode` (`GET /episodes/{id}`): [`SpotifyWebApi::get_episode`];
//! - `get-multiple-episodes` (`GET /episodes`): [`SpotifyWebApi::get_episodes`].
//! - in the user's library: `save-episodes-user`, `remove-episodes-user`,
//!   `check-users-saved-episodes` (`PUT`/`DELETE /me/episodes`, `GET /me/episodes/contains`; removed
//!   for development-mode apps in 2026-02, which the client serves through `/me/library`):
//!   [`SpotifyWebApi::add_my_episodes`], [`SpotifyWebApi::delete_my_episodes`],
//!   [`SpotifyWebApi::my_episodes_contains`];
//! - `get-users-saved-episodes` (`GET /me/episodes`): [`SpotifyWebApi::get_my_saved_episodes`].
//!
//! Like shows, episodes are available per market, and unavailable when Spotify knows neither a
//! market nor a user country: with a client-credentials token, give a `market`.

use crate::api::api_path;
use crate::api::library::per_type;
use crate::api::{ids, impl_into_future};
use crate::chunk::MultiGet;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::{ApiRequest, PageBounds};
use crate::id::{EpisodeId, IntoId};
use crate::library_ops::{Action, IdsIn, LibraryCall};
use crate::market::{IntoMarket, Market};
use crate::model::{Episode, SavedEpisode};
use crate::paging::PageQuery;
use crate::quota::Removal;
use crate::scope::Scope;

/// # Episodes
impl SpotifyWebApi {
    /// Get an episode: its description, duration, release date and show.
    ///
    /// Spec: `get-an-episode` · `GET /episodes/{id}` · scopes: none
    /// (`user-read-playback-position` adds its `resume_point`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let episode = api.get_episode("512ojhOuo1ktJprKbVcKyQ").market("SE").await?;
    /// println!("{} ({} ms) from {}", episode.name, episode.duration_ms, episode.show.name);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID or a URI
    /// of another kind; [`Error::Api`](crate::Error::Api) 404 for an episode Spotify does not
    /// know or does not offer in the market, which is every episode for a client-credentials
    /// token without a market.
    pub fn get_episode(&self, episode: impl IntoId<EpisodeId>) -> GetEpisode {
        GetEpisode {
            api: self.clone(),
            id: episode.into_id(),
            market: None,
        }
    }

    /// Get several episodes by ID, in the order given, `None` for those Spotify does not know
    /// or does not offer in the market. Any number of IDs: they are sent 50 per request,
    /// concurrently, or (for a development-mode app, which lacks this endpoint since 2026-02)
    /// as concurrent single gets. The result is the same list either way.
    ///
    /// Spec: `get-multiple-episodes` · `GET /episodes` · scopes: none
    /// (`user-read-playback-position` adds each `resume_point`) · extended quota only (the
    /// client falls back on `get-an-episode`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let episodes = api
    ///     .get_episodes(["77o6BIVlYM3msb4MMIL1jH", "0Q86acNRm6V9GYx55SXKwf"])
    ///     .market("SE")
    ///     .await?;
    /// for episode in episodes.iter().flatten() {
    ///     println!("{}", episode.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed.
    pub fn get_episodes<I>(&self, episodes: I) -> GetEpisodes
    where
        I: IntoIterator,
        I::Item: IntoId<EpisodeId>,
    {
        GetEpisodes {
            api: self.clone(),
            ids: ids(episodes),
            market: None,
        }
    }
}

/// Builder for [`SpotifyWebApi::get_episode`]; `.await` returns `Result<Episode>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetEpisode {
    api: SpotifyWebApi,
    id: Result<EpisodeId>,
    market: Option<Result<Market>>,
}

impl GetEpisode {
    /// The market to get the episode in: a country code or [`Market::FromToken`]. Default:
    /// none, which means the user's country with a user token, and no episode at all (404)
    /// with a client-credentials token.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!("/episodes/", self.id?))
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetEpisode => Episode);

/// Builder for [`SpotifyWebApi::get_episodes`]; `.await` returns
/// `Result<Vec<Option<Episode>>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetEpisodes {
    api: SpotifyWebApi,
    ids: Result<Vec<EpisodeId>>,
    market: Option<Result<Market>>,
}

impl GetEpisodes {
    /// The market to get the episodes in: a country code or [`Market::FromToken`]. Default:
    /// none, which means the user's country with a user token, and only `None`s with a
    /// client-credentials token.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_multi_get(self) -> Result<MultiGet> {
        let removal = Removal::feb_2026("get-multiple-episodes");
        Ok(
            MultiGet::new("/episodes", "episodes", 50, removal, self.ids?)?
                .query("market", self.market.transpose()?),
        )
    }
}

impl_into_future!(GetEpisodes => several Episode);

/// # Episodes in the user's library
///
/// Saving, removing and checking, and the saved list. Development-mode apps lost the
/// per-type writes and checks in 2026-02: the client sends those through `/me/library` for
/// them, with the same result (see [`library`](super::library)).
impl SpotifyWebApi {
    /// Save podcast episodes to the user's library, any number.
    ///
    /// Spec: `save-episodes-user` · `PUT /me/episodes` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_my_episodes(["512ojhOuo1ktJprKbVcKyQ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn add_my_episodes<I>(&self, episodes: I) -> AddMyEpisodes
    where
        I: IntoIterator,
        I::Item: IntoId<EpisodeId>,
    {
        AddMyEpisodes {
            api: self.clone(),
            ids: ids(episodes),
        }
    }

    /// Remove podcast episodes from the user's library, any number.
    ///
    /// Spec: `remove-episodes-user` · `DELETE /me/episodes` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_episodes(["512ojhOuo1ktJprKbVcKyQ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn delete_my_episodes<I>(&self, episodes: I) -> DeleteMyEpisodes
    where
        I: IntoIterator,
        I::Item: IntoId<EpisodeId>,
    {
        DeleteMyEpisodes {
            api: self.clone(),
            ids: ids(episodes),
        }
    }

    /// Check whether the user saved each episode: one answer per episode, in order.
    ///
    /// Spec: `check-users-saved-episodes` · `GET /me/episodes/contains` · scopes:
    /// `user-library-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let saved = api.my_episodes_contains(["512ojhOuo1ktJprKbVcKyQ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::my_tracks_contains`].
    pub fn my_episodes_contains<I>(&self, episodes: I) -> MyEpisodesContains
    where
        I: IntoIterator,
        I::Item: IntoId<EpisodeId>,
    {
        MyEpisodesContains {
            api: self.clone(),
            ids: ids(episodes),
        }
    }

    /// Get the podcast episodes the user saved, newest first, one page at a time.
    ///
    /// Spec: `get-users-saved-episodes` · `GET /me/episodes` · scopes: `user-library-read`,
    /// `user-read-playback-position` (for each episode's `resume_point`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for saved in api.get_my_saved_episodes().await? {
    ///     println!("{}", saved.episode.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::get_my_saved_tracks`].
    pub fn get_my_saved_episodes(&self) -> GetMySavedEpisodes {
        GetMySavedEpisodes {
            api: self.clone(),
            market: None,
            page: PageQuery::default(),
        }
    }
}

/// Builder for [`SpotifyWebApi::add_my_episodes`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyEpisodes {
    api: SpotifyWebApi,
    ids: Result<Vec<EpisodeId>>,
}

impl AddMyEpisodes {
    fn into_library_call(self) -> Result<LibraryCall> {
        // The spec wants the IDs in both the query and the body (SPEC-GAPS.md).
        per_type(
            Action::Save,
            self.ids,
            "save-episodes-user",
            "/me/episodes",
            IdsIn::QueryAndBody,
        )
    }
}

impl_into_future!(AddMyEpisodes => library write);

/// Builder for [`SpotifyWebApi::delete_my_episodes`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyEpisodes {
    api: SpotifyWebApi,
    ids: Result<Vec<EpisodeId>>,
}

impl DeleteMyEpisodes {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Remove,
            self.ids,
            "remove-episodes-user",
            "/me/episodes",
            IdsIn::Query,
        )
    }
}

impl_into_future!(DeleteMyEpisodes => library write);

/// Builder for [`SpotifyWebApi::my_episodes_contains`]; `.await` returns
/// `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyEpisodesContains {
    api: SpotifyWebApi,
    ids: Result<Vec<EpisodeId>>,
}

impl MyEpisodesContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Contains,
            self.ids,
            "check-users-saved-episodes",
            "/me/episodes/contains",
            IdsIn::Query,
        )
    }
}

impl_into_future!(MyEpisodesContains => library contains);

/// Builder for [`SpotifyWebApi::get_my_saved_episodes`]; `.await` returns
/// `Result<Page<SavedEpisode>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMySavedEpisodes {
    api: SpotifyWebApi,
    market: Option<Result<Market>>,
    page: PageQuery,
}

impl GetMySavedEpisodes {
    /// The market to check availability in: a country code or [`Market::FromToken`].
    /// Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    /// Episodes per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first episode. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/me/episodes")
            .query("market", self.market.transpose()?)
            .scopes([Scope::UserLibraryRead]);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetMySavedEpisodes => page SavedEpisode);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    const EPISODE: &str = "512ojhOuo1ktJprKbVcKyQ";

    #[test]
    fn episode_request() {
        let req = SpotifyWebApi::new()
            .get_episode(format!("spotify:episode:{EPISODE}"))
            .market("us")
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Get, "/episodes/512ojhOuo1ktJprKbVcKyQ")
        );
        assert_eq!(req.query_pairs(), [("market", "US")]);
        assert!(matches!(
            SpotifyWebApi::new()
                .get_episode(format!("spotify:track:{EPISODE}"))
                .into_request(),
            Err(crate::Error::InvalidId { .. })
        ));
    }

    #[test]
    fn several_episodes_go_fifty_per_request() {
        let multi = SpotifyWebApi::new()
            .get_episodes(vec![EPISODE; 51])
            .market("SE")
            .into_multi_get()
            .unwrap();
        let chunks = multi.chunk_requests();
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].path, "/episodes");
        assert_eq!(chunks[1].query_value("ids"), Some(EPISODE));
        assert_eq!(chunks[1].query_value("market"), Some("SE"));
        assert_eq!(
            (multi.key, multi.removal.operation),
            ("episodes", "get-multiple-episodes")
        );
        assert_eq!(
            multi.single_request(EPISODE).path,
            "/episodes/512ojhOuo1ktJprKbVcKyQ"
        );
        assert!(matches!(
            SpotifyWebApi::new()
                .get_episodes([EPISODE, "x"])
                .into_multi_get(),
            Err(crate::Error::InvalidId { .. })
        ));
        let none = SpotifyWebApi::new()
            .get_episodes(Vec::<&str>::new())
            .into_multi_get()
            .unwrap();
        assert!(none.chunk_requests().is_empty());
    }

    #[test]
    fn saved_episode_requests() {
        use crate::library_ops::{IdsIn, assert_per_type};
        let api = SpotifyWebApi::new();
        let id = "512ojhOuo1ktJprKbVcKyQ";
        let uri = "spotify:episode:512ojhOuo1ktJprKbVcKyQ";
        // The spec wants a save's IDs in both the query and the body (SPEC-GAPS.md).
        let call = api.add_my_episodes([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "save-episodes-user",
            (Method::Put, "/me/episodes"),
            IdsIn::QueryAndBody,
            uri,
        );
        let call = api.delete_my_episodes([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "remove-episodes-user",
            (Method::Delete, "/me/episodes"),
            IdsIn::Query,
            uri,
        );
        let call = api.my_episodes_contains([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "check-users-saved-episodes",
            (Method::Get, "/me/episodes/contains"),
            IdsIn::Query,
            uri,
        );
        let list = api.get_my_saved_episodes().limit(5).into_request().unwrap();
        assert_eq!(
            (list.path.as_str(), list.query_pairs()),
            ("/me/episodes", vec![("limit", "5")])
        );
    }
}
