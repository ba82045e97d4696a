//! Shows (podcasts):
//!
//! - `get-a-show` (`GET /shows/{id}`): [`SpotifyWebApi::get_show`];
//! - `get-multiple-shows` (`GET /shows`): [`SpotifyWebApi::get_shows`];
//! - `get-a-shows-episodes` (`GET /shows/{id}/episodes`): [`SpotifyWebApi::get_show_episodes`].
//! - in the user's library: `save-shows-user`, `remove-shows-user`, `check-users-saved-shows`
//!   (`PUT`/`DELETE /me/shows`, `GET /me/shows/contains`; removed for development-mode apps in
//!   2026-02, which the client serves through `/me/library`): [`SpotifyWebApi::add_my_shows`],
//!   [`SpotifyWebApi::delete_my_shows`], [`SpotifyWebApi::my_shows_contains`];
//! - `get-users-saved-shows` (`GET /me/shows`): [`SpotifyWebApi::get_my_saved_shows`].
//!
//! Shows and episodes are available per market, and Spotify considers them unavailable when it
//! knows neither a market nor a user country: with a client-credentials token, give a
//! `market`, or every show is a 404 (`None` in a multi-get). With a user token and no market,
//! the user's country applies.

use crate::api::api_path;
use crate::api::library::per_type;
use crate::api::{ids, impl_into_future};
use crate::chunk::MultiGet;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::{ApiRequest, PageBounds};
use crate::id::{IntoId, ShowId};
use crate::library_ops::{Action, IdsIn, LibraryCall};
use crate::market::{IntoMarket, Market};
use crate::model::{SavedShow, Show, SimplifiedEpisode, SimplifiedShow};
use crate::paging::PageQuery;
use crate::quota::Removal;
use crate::scope::Scope;

/// # Shows
impl SpotifyWebApi {
    /// Get a show (a podcast): its publisher, description, cover art and first page of
    /// episodes.
    ///
    /// Spec: `get-a-show` · `GET /shows/{id}` · scopes: none (`user-read-playback-position`
    /// adds each episode's `resume_point`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let show = api.get_show("spotify:show:38bS44xjbVVZ3No3ByF1dJ").market("SE").await?;
    /// println!("{}: {:?} episodes", show.name, show.total_episodes);
    /// let more = api.next_page(&show.episodes).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID or a URI
    /// of another kind; [`Error::Api`](crate::Error::Api) 404 for a show Spotify does not know
    /// or does not offer in the market, which is every show for a client-credentials token
    /// without a market.
    pub fn get_show(&self, show: impl IntoId<ShowId>) -> GetShow {
        GetShow {
            api: self.clone(),
            id: show.into_id(),
            market: None,
        }
    }

    /// Get several shows by ID, in the order given, `None` for those Spotify does not know or
    /// does not offer in the market. Any number of IDs: they are sent 50 per request,
    /// concurrently, or (for a development-mode app, which lacks this endpoint since 2026-02)
    /// as concurrent single gets. The result is the same list either way.
    ///
    /// Spec: `get-multiple-shows` · `GET /shows` · scopes: none · extended quota only (the
    /// client falls back on `get-a-show`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let shows = api
    ///     .get_shows(["5CfCWKI5pZ28U0uOzXkDHe", "5as3aKmN2k11yfDDDSrvaZ"])
    ///     .market("US")
    ///     .await?;
    /// for show in shows.iter().flatten() {
    ///     println!("{}", show.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed.
    pub fn get_shows<I>(&self, shows: I) -> GetShows
    where
        I: IntoIterator,
        I::Item: IntoId<ShowId>,
    {
        GetShows {
            api: self.clone(),
            ids: ids(shows),
            market: None,
        }
    }

    /// Get a show's episodes, newest first, one page at a time.
    ///
    /// Spec: `get-a-shows-episodes` · `GET /shows/{id}/episodes` · scopes: none
    /// (`user-read-playback-position` adds each episode's `resume_point`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let page = api.get_show_episodes("38bS44xjbVVZ3No3ByF1dJ").market("SE").limit(10).await?;
    /// println!("{} of {} episodes", page.items.len(), page.total);
    /// let all: Vec<_> = api
    ///     .get_show_episodes("38bS44xjbVVZ3No3ByF1dJ")
    ///     .market("SE")
    ///     .stream()
    ///     .try_collect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50; [`Error::Api`](crate::Error::Api) 404 as for
    /// [`get_show`](SpotifyWebApi::get_show).
    pub fn get_show_episodes(&self, show: impl IntoId<ShowId>) -> GetShowEpisodes {
        GetShowEpisodes {
            api: self.clone(),
            id: show.into_id(),
            market: None,
            page: PageQuery::default(),
        }
    }
}

/// Builder for [`SpotifyWebApi::get_show`]; `.await` returns `Result<Show>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetShow {
    api: SpotifyWebApi,
    id: Result<ShowId>,
    market: Option<Result<Market>>,
}

impl GetShow {
    /// The market to get the show in: a country code or [`Market::FromToken`]. Default: none,
    /// which means the user's country with a user token, and no show at all (404) with a
    /// client-credentials token.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!("/shows/", self.id?))
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetShow => Show);

/// Builder for [`SpotifyWebApi::get_shows`]; `.await` returns
/// `Result<Vec<Option<SimplifiedShow>>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetShows {
    api: SpotifyWebApi,
    ids: Result<Vec<ShowId>>,
    market: Option<Result<Market>>,
}

impl GetShows {
    /// The market to get the shows in: a country code or [`Market::FromToken`]. Default: none,
    /// which means the user's country with a user token, and only `None`s with a
    /// client-credentials token.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_multi_get(self) -> Result<MultiGet> {
        let removal = Removal::feb_2026("get-multiple-shows");
        Ok(MultiGet::new("/shows", "shows", 50, removal, self.ids?)?
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetShows => several SimplifiedShow);

/// Builder for [`SpotifyWebApi::get_show_episodes`]; `.await` returns
/// `Result<Page<SimplifiedEpisode>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetShowEpisodes {
    api: SpotifyWebApi,
    id: Result<ShowId>,
    market: Option<Result<Market>>,
    page: PageQuery,
}

impl GetShowEpisodes {
    /// The market to get the episodes in, as for [`GetShow::market`]. Default: none.
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
        let request = ApiRequest::get(api_path!("/shows/", self.id?, "/episodes"))
            .query("market", self.market.transpose()?);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetShowEpisodes => page SimplifiedEpisode);

/// # Shows in the user's library
///
/// Saving, removing and checking, and the saved list. Development-mode apps lost the
/// per-type writes and checks in 2026-02: the client sends those through `/me/library` for
/// them, with the same result (see [`library`](super::library)).
impl SpotifyWebApi {
    /// Save podcast shows to the user's library (follow them), any number.
    ///
    /// Spec: `save-shows-user` · `PUT /me/shows` · scopes: `user-library-modify` · extended
    /// quota only (the client falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_my_shows(["38bS44xjbVVZ3No3ByF1dJ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn add_my_shows<I>(&self, shows: I) -> AddMyShows
    where
        I: IntoIterator,
        I::Item: IntoId<ShowId>,
    {
        AddMyShows {
            api: self.clone(),
            ids: ids(shows),
        }
    }

    /// Remove podcast shows from the user's library, any number.
    ///
    /// Spec: `remove-shows-user` · `DELETE /me/shows` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_shows(["38bS44xjbVVZ3No3ByF1dJ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn delete_my_shows<I>(&self, shows: I) -> DeleteMyShows
    where
        I: IntoIterator,
        I::Item: IntoId<ShowId>,
    {
        DeleteMyShows {
            api: self.clone(),
            ids: ids(shows),
        }
    }

    /// Check whether the user saved each show: one answer per show, in order.
    ///
    /// Spec: `check-users-saved-shows` · `GET /me/shows/contains` · scopes:
    /// `user-library-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let saved = api.my_shows_contains(["38bS44xjbVVZ3No3ByF1dJ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::my_tracks_contains`].
    pub fn my_shows_contains<I>(&self, shows: I) -> MyShowsContains
    where
        I: IntoIterator,
        I::Item: IntoId<ShowId>,
    {
        MyShowsContains {
            api: self.clone(),
            ids: ids(shows),
        }
    }

    /// Get the podcast shows the user saved (follows), newest first, one page at a time.
    ///
    /// Spec: `get-users-saved-shows` · `GET /me/shows` · scopes: `user-library-read`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for saved in api.get_my_saved_shows().await? {
    ///     println!("{}", saved.show.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::get_my_saved_tracks`].
    pub fn get_my_saved_shows(&self) -> GetMySavedShows {
        GetMySavedShows {
            api: self.clone(),
            page: PageQuery::default(),
        }
    }
}

/// Builder for [`SpotifyWebApi::add_my_shows`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyShows {
    api: SpotifyWebApi,
    ids: Result<Vec<ShowId>>,
}

impl AddMyShows {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Save,
            self.ids,
            "save-shows-user",
            "/me/shows",
            IdsIn::Query,
        )
    }
}

impl_into_future!(AddMyShows => library write);

/// Builder for [`SpotifyWebApi::delete_my_shows`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyShows {
    api: SpotifyWebApi,
    ids: Result<Vec<ShowId>>,
}

impl DeleteMyShows {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Remove,
            self.ids,
            "remove-shows-user",
            "/me/shows",
            IdsIn::Query,
        )
    }
}

impl_into_future!(DeleteMyShows => library write);

/// Builder for [`SpotifyWebApi::my_shows_contains`]; `.await` returns `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyShowsContains {
    api: SpotifyWebApi,
    ids: Result<Vec<ShowId>>,
}

impl MyShowsContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Contains,
            self.ids,
            "check-users-saved-shows",
            "/me/shows/contains",
            IdsIn::Query,
        )
    }
}

impl_into_future!(MyShowsContains => library contains);

/// Builder for [`SpotifyWebApi::get_my_saved_shows`]; `.await` returns
/// `Result<Page<SavedShow>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMySavedShows {
    api: SpotifyWebApi,
    page: PageQuery,
}

impl GetMySavedShows {
    /// Shows per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first show. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/me/shows").scopes([Scope::UserLibraryRead]);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetMySavedShows => page SavedShow);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    const SHOW: &str = "38bS44xjbVVZ3No3ByF1dJ";

    #[test]
    fn show_request() {
        let req = SpotifyWebApi::new()
            .get_show(format!("https://open.spotify.com/show/{SHOW}?si=x"))
            .market("se")
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Get, "/shows/38bS44xjbVVZ3No3ByF1dJ")
        );
        assert_eq!(req.query_pairs(), [("market", "SE")]);
        let bare = SpotifyWebApi::new().get_show(SHOW).into_request().unwrap();
        assert!(bare.query_pairs().is_empty());
        assert!(matches!(
            SpotifyWebApi::new()
                .get_show(format!("spotify:episode:{SHOW}"))
                .into_request(),
            Err(crate::Error::InvalidId { .. })
        ));
        assert!(matches!(
            SpotifyWebApi::new()
                .get_show(SHOW)
                .market("Sweden")
                .into_request(),
            Err(crate::Error::InvalidArgument { name: "market", .. })
        ));
    }

    #[test]
    fn several_shows_go_fifty_per_request() {
        let ids = vec![SHOW; 101];
        let multi = SpotifyWebApi::new()
            .get_shows(ids)
            .market(Market::FromToken)
            .into_multi_get()
            .unwrap();
        let chunks = multi.chunk_requests();
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].path, "/shows");
        assert_eq!(
            chunks[0]
                .query_value("ids")
                .map(|ids| ids.split(',').count()),
            Some(50)
        );
        assert_eq!(chunks[2].query_value("ids"), Some(SHOW));
        assert!(
            chunks
                .iter()
                .all(|c| c.query_value("market") == Some("from_token"))
        );
        assert_eq!(multi.key, "shows");
        assert_eq!(multi.removal.operation, "get-multiple-shows");
        let single = multi.single_request(SHOW);
        assert_eq!(single.path, "/shows/38bS44xjbVVZ3No3ByF1dJ");
        assert_eq!(single.query_value("market"), Some("from_token"));
        assert!(matches!(
            SpotifyWebApi::new()
                .get_shows([SHOW, "nope"])
                .into_multi_get(),
            Err(crate::Error::InvalidId { .. })
        ));
    }

    #[test]
    fn show_episodes_request_and_limits() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_show_episodes(SHOW)
            .market("SE")
            .limit(50)
            .offset(10)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/shows/38bS44xjbVVZ3No3ByF1dJ/episodes");
        assert_eq!(
            req.query_pairs(),
            [("market", "SE"), ("limit", "50"), ("offset", "10")]
        );
        assert_eq!(req.paging, Some(PageBounds::DEFAULT));
        for limit in [0, 51] {
            assert!(matches!(
                api.get_show_episodes(SHOW).limit(limit).into_request(),
                Err(crate::Error::InvalidArgument { name: "limit", .. })
            ));
        }
    }

    #[test]
    fn saved_show_requests() {
        use crate::library_ops::{IdsIn, assert_per_type};
        let api = SpotifyWebApi::new();
        let id = "38bS44xjbVVZ3No3ByF1dJ";
        let uri = "spotify:show:38bS44xjbVVZ3No3ByF1dJ";
        let call = api.add_my_shows([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "save-shows-user",
            (Method::Put, "/me/shows"),
            IdsIn::Query,
            uri,
        );
        let call = api.delete_my_shows([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "remove-shows-user",
            (Method::Delete, "/me/shows"),
            IdsIn::Query,
            uri,
        );
        let call = api.my_shows_contains([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "check-users-saved-shows",
            (Method::Get, "/me/shows/contains"),
            IdsIn::Query,
            uri,
        );
        assert!(api.add_my_shows(["nope"]).into_library_call().is_err());
        let list = api.get_my_saved_shows().offset(20).into_request().unwrap();
        assert_eq!(
            (list.path.as_str(), list.query_pairs()),
            ("/me/shows", vec![("offset", "20")])
        );
    }
}
