//! Saved items: the user's library, one kind at a time, newest first, one page at a time.
//!
//! - `get-users-saved-tracks` (`GET /me/tracks`): [`SpotifyWebApi::get_my_saved_tracks`];
//! - `get-users-saved-albums` (`GET /me/albums`): [`SpotifyWebApi::get_my_saved_albums`];
//! - `get-users-saved-episodes` (`GET /me/episodes`): [`SpotifyWebApi::get_my_saved_episodes`];
//! - `get-users-saved-shows` (`GET /me/shows`): [`SpotifyWebApi::get_my_saved_shows`];
//! - `get-users-saved-audiobooks` (`GET /me/audiobooks`):
//!   [`SpotifyWebApi::get_my_saved_audiobooks`].
//!
//! Every app has these, development-mode ones included. Saving and removing are in
//! [`library`](crate::api::library).

use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::{ApiRequest, PageBounds};
use crate::market::{IntoMarket, Market};
use crate::model::{SavedAlbum, SavedAudiobook, SavedEpisode, SavedShow, SavedTrack};
use crate::paging::PageQuery;
use crate::scope::Scope;

/// # Saved items
impl SpotifyWebApi {
    /// Get the tracks the user saved ("Liked Songs"), newest first, each with the time it was
    /// saved, one page at a time.
    ///
    /// Spec: `get-users-saved-tracks` · `GET /me/tracks` · scopes: `user-library-read`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let page = api.get_my_saved_tracks().limit(50).await?;
    /// println!("{} saved tracks", page.total);
    /// let all: Vec<_> = api.get_my_saved_tracks().stream().try_collect().await?;
    /// for saved in &all {
    ///     println!("{} {}", saved.added_at, saved.track.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50.
    pub fn get_my_saved_tracks(&self) -> GetMySavedTracks {
        GetMySavedTracks {
            api: self.clone(),
            market: None,
            page: PageQuery::default(),
        }
    }

    /// Get the albums the user saved, newest first, one page at a time.
    ///
    /// Spec: `get-users-saved-albums` · `GET /me/albums` · scopes: `user-library-read`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for saved in api.get_my_saved_albums().market("SE").await? {
    ///     println!("{} ({} tracks)", saved.album.name, saved.album.total_tracks);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::get_my_saved_tracks`].
    pub fn get_my_saved_albums(&self) -> GetMySavedAlbums {
        GetMySavedAlbums {
            api: self.clone(),
            market: None,
            page: PageQuery::default(),
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

    /// Get the audiobooks the user saved, newest first, one page at a time. Items come in the
    /// spec's shape (`{added_at, audiobook}`) or, as some real bodies have them, as bare
    /// audiobooks without `added_at`: both decode ([`SavedAudiobook`]).
    ///
    /// Spec: `get-users-saved-audiobooks` · `GET /me/audiobooks` · scopes: `user-library-read`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for saved in api.get_my_saved_audiobooks().await? {
    ///     println!("{}", saved.audiobook.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::get_my_saved_tracks`].
    pub fn get_my_saved_audiobooks(&self) -> GetMySavedAudiobooks {
        GetMySavedAudiobooks {
            api: self.clone(),
            page: PageQuery::default(),
        }
    }
}

/// Builder for [`SpotifyWebApi::get_my_saved_tracks`]; `.await` returns
/// `Result<Page<SavedTrack>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMySavedTracks {
    api: SpotifyWebApi,
    market: Option<Result<Market>>,
    page: PageQuery,
}

impl GetMySavedTracks {
    /// The market to check availability in and relink tracks for: a country code or
    /// [`Market::FromToken`]. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    /// Tracks per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first track. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/me/tracks")
            .query("market", self.market.transpose()?)
            .scopes([Scope::UserLibraryRead]);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetMySavedTracks => page SavedTrack);

/// Builder for [`SpotifyWebApi::get_my_saved_albums`]; `.await` returns
/// `Result<Page<SavedAlbum>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMySavedAlbums {
    api: SpotifyWebApi,
    market: Option<Result<Market>>,
    page: PageQuery,
}

impl GetMySavedAlbums {
    /// The market to check availability in: a country code or [`Market::FromToken`].
    /// Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    /// Albums per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first album. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/me/albums")
            .query("market", self.market.transpose()?)
            .scopes([Scope::UserLibraryRead]);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetMySavedAlbums => page SavedAlbum);

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

/// Builder for [`SpotifyWebApi::get_my_saved_audiobooks`]; `.await` returns
/// `Result<Page<SavedAudiobook>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMySavedAudiobooks {
    api: SpotifyWebApi,
    page: PageQuery,
}

impl GetMySavedAudiobooks {
    /// Audiobooks per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first audiobook. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/me/audiobooks").scopes([Scope::UserLibraryRead]);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetMySavedAudiobooks => page SavedAudiobook);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    #[test]
    fn saved_lists_are_paged_gets_with_their_scope() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_my_saved_tracks()
            .market("se")
            .limit(50)
            .offset(100)
            .into_request()
            .unwrap();
        assert_eq!((req.method, req.path.as_str()), (Method::Get, "/me/tracks"));
        assert_eq!(
            req.query_pairs(),
            [("market", "SE"), ("limit", "50"), ("offset", "100")]
        );
        assert_eq!(req.scopes, [Scope::UserLibraryRead]);
        for (path, req) in [
            ("/me/albums", api.get_my_saved_albums().into_request()),
            ("/me/episodes", api.get_my_saved_episodes().into_request()),
            ("/me/shows", api.get_my_saved_shows().into_request()),
            (
                "/me/audiobooks",
                api.get_my_saved_audiobooks().into_request(),
            ),
        ] {
            let req = req.unwrap();
            assert_eq!(req.path, path);
            assert!(req.query.is_empty());
            assert_eq!(req.paging, Some(PageBounds::DEFAULT));
        }
        assert!(api.get_my_saved_shows().limit(51).into_request().is_err());
        assert!(
            api.get_my_saved_albums()
                .market("nowhere")
                .into_request()
                .is_err()
        );
    }
}
