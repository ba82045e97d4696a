//! Albums:
//!
//! - `get-an-album` (`GET /albums/{id}`): [`SpotifyWebApi::get_album`];
//! - `get-multiple-albums` (`GET /albums`): [`SpotifyWebApi::get_albums`];
//! - `get-an-albums-tracks` (`GET /albums/{id}/tracks`): [`SpotifyWebApi::get_album_tracks`];
//! - `get-new-releases` (`GET /browse/new-releases`): [`SpotifyWebApi::get_new_releases`].
//! - in the user's library: `save-albums-user`, `remove-albums-user`, `check-users-saved-albums`
//!   (`PUT`/`DELETE /me/albums`, `GET /me/albums/contains`; removed for development-mode apps in
//!   2026-02, which the client serves through `/me/library`): [`SpotifyWebApi::add_my_albums`],
//!   [`SpotifyWebApi::delete_my_albums`], [`SpotifyWebApi::my_albums_contains`];
//! - `get-users-saved-albums` (`GET /me/albums`): [`SpotifyWebApi::get_my_saved_albums`].

use crate::api::api_path;
use crate::api::library::per_type;
use crate::api::{ids, impl_into_future};
use crate::chunk::MultiGet;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::{ApiRequest, PageBounds};
use crate::id::{AlbumId, IntoId};
use crate::library_ops::{Action, IdsIn, LibraryCall};
use crate::market::{IntoMarket, Market};
use crate::model::{Album, SavedAlbum, SimplifiedAlbum, SimplifiedTrack};
use crate::paging::PageQuery;
use crate::quota::Removal;
use crate::scope::Scope;

/// # Albums
impl SpotifyWebApi {
    /// Get an album: its tracks (first page), artists, release date and cover art (and, for
    /// extended-quota apps, its label and popularity).
    ///
    /// Spec: `get-an-album` · `GET /albums/{id}` · scopes: none.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let album = api.get_album("spotify:album:4aawyAB9vmqN3uQ7FjRGTy").market("SE").await?;
    /// println!("{} ({} tracks)", album.name, album.total_tracks);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID or a URI
    /// of another kind; [`Error::Api`](crate::Error::Api) 404 for an album Spotify does not know.
    pub fn get_album(&self, album: impl IntoId<AlbumId>) -> GetAlbum {
        GetAlbum {
            api: self.clone(),
            id: album.into_id(),
            market: None,
        }
    }

    /// Get several albums by ID, in the order given, `None` for those Spotify does not know.
    /// Any number of IDs: they are sent 20 per request, concurrently, or (for a
    /// development-mode app, which lacks this endpoint since 2026-02) as concurrent single
    /// gets. The result is the same list either way.
    ///
    /// Spec: `get-multiple-albums` · `GET /albums` · scopes: none · extended quota only (the
    /// client falls back on `get-an-album`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let albums = api
    ///     .get_albums(["41MnTivkwTO3UUJ8DrqEJJ", "6JWc4iAiJ9FjyK0B59ABb4"])
    ///     .await?;
    /// for album in albums.iter().flatten() {
    ///     println!("{}", album.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed.
    pub fn get_albums<I>(&self, albums: I) -> GetAlbums
    where
        I: IntoIterator,
        I::Item: IntoId<AlbumId>,
    {
        GetAlbums {
            api: self.clone(),
            ids: ids(albums),
            market: None,
        }
    }

    /// Get an album's tracks, one page at a time.
    ///
    /// Spec: `get-an-albums-tracks` · `GET /albums/{id}/tracks` · scopes: none.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let page = api.get_album_tracks("4aawyAB9vmqN3uQ7FjRGTy").limit(20).await?;
    /// println!("{} of {} tracks", page.items.len(), page.total);
    /// let all: Vec<_> = api.get_album_tracks("4aawyAB9vmqN3uQ7FjRGTy").stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50.
    pub fn get_album_tracks(&self, album: impl IntoId<AlbumId>) -> GetAlbumTracks {
        GetAlbumTracks {
            api: self.clone(),
            id: album.into_id(),
            market: None,
            page: PageQuery::default(),
        }
    }

    /// Get the new album releases featured in Spotify's Browse tab, one page at a time.
    ///
    /// Spec: `get-new-releases` · `GET /browse/new-releases` · scopes: none · extended quota
    /// only.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// # #[allow(deprecated)]
    /// for album in api.get_new_releases().limit(10).await? {
    ///     println!("{}", album.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for a development-mode app:
    /// Spotify removed the endpoint for them in 2026-02, with no replacement.
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-08, with no replacement; extended-quota apps still have it"
    )]
    pub fn get_new_releases(&self) -> GetNewReleases {
        GetNewReleases {
            api: self.clone(),
            page: PageQuery::default(),
        }
    }
}

/// Builder for [`SpotifyWebApi::get_album`]; `.await` returns `Result<Album>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAlbum {
    api: SpotifyWebApi,
    id: Result<AlbumId>,
    market: Option<Result<Market>>,
}

impl GetAlbum {
    /// The market to check availability in and relink tracks for: a country code or
    /// [`Market::FromToken`]. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!("/albums/", self.id?))
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetAlbum => Album);

/// Builder for [`SpotifyWebApi::get_albums`]; `.await` returns `Result<Vec<Option<Album>>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAlbums {
    api: SpotifyWebApi,
    ids: Result<Vec<AlbumId>>,
    market: Option<Result<Market>>,
}

impl GetAlbums {
    /// The market to check availability in: a country code or [`Market::FromToken`].
    /// Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_multi_get(self) -> Result<MultiGet> {
        let removal = Removal::feb_2026("get-multiple-albums");
        Ok(MultiGet::new("/albums", "albums", 20, removal, self.ids?)?
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetAlbums => several Album);

/// Builder for [`SpotifyWebApi::get_album_tracks`]; `.await` returns
/// `Result<Page<SimplifiedTrack>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAlbumTracks {
    api: SpotifyWebApi,
    id: Result<AlbumId>,
    market: Option<Result<Market>>,
    page: PageQuery,
}

impl GetAlbumTracks {
    /// The market to check availability in and relink tracks for. Default: none.
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
        let request = ApiRequest::get(api_path!("/albums/", self.id?, "/tracks"))
            .query("market", self.market.transpose()?);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetAlbumTracks => page SimplifiedTrack);

/// Builder for [`SpotifyWebApi::get_new_releases`]; `.await` returns
/// `Result<Page<SimplifiedAlbum>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetNewReleases {
    api: SpotifyWebApi,
    page: PageQuery,
}

impl GetNewReleases {
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
        let request =
            ApiRequest::get("/browse/new-releases").removed(Removal::feb_2026("get-new-releases"));
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetNewReleases => page SimplifiedAlbum, in "albums");

/// # Albums in the user's library
///
/// Saving, removing and checking, and the saved list. Development-mode apps lost the
/// per-type writes and checks in 2026-02: the client sends those through `/me/library` for
/// them, with the same result (see [`library`](super::library)).
impl SpotifyWebApi {
    /// Save albums to the user's library, any number.
    ///
    /// Spec: `save-albums-user` · `PUT /me/albums` · scopes: `user-library-modify` · extended
    /// quota only (the client falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_my_albums(["4aawyAB9vmqN3uQ7FjRGTy"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn add_my_albums<I>(&self, albums: I) -> AddMyAlbums
    where
        I: IntoIterator,
        I::Item: IntoId<AlbumId>,
    {
        AddMyAlbums {
            api: self.clone(),
            ids: ids(albums),
        }
    }

    /// Remove albums from the user's library, any number.
    ///
    /// Spec: `remove-albums-user` · `DELETE /me/albums` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_albums(["4aawyAB9vmqN3uQ7FjRGTy"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn delete_my_albums<I>(&self, albums: I) -> DeleteMyAlbums
    where
        I: IntoIterator,
        I::Item: IntoId<AlbumId>,
    {
        DeleteMyAlbums {
            api: self.clone(),
            ids: ids(albums),
        }
    }

    /// Check whether the user saved each album: one answer per album, in order.
    ///
    /// Spec: `check-users-saved-albums` · `GET /me/albums/contains` · scopes:
    /// `user-library-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let saved = api.my_albums_contains(["4aawyAB9vmqN3uQ7FjRGTy"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::my_tracks_contains`].
    pub fn my_albums_contains<I>(&self, albums: I) -> MyAlbumsContains
    where
        I: IntoIterator,
        I::Item: IntoId<AlbumId>,
    {
        MyAlbumsContains {
            api: self.clone(),
            ids: ids(albums),
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
}

/// Builder for [`SpotifyWebApi::add_my_albums`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyAlbums {
    api: SpotifyWebApi,
    ids: Result<Vec<AlbumId>>,
}

impl AddMyAlbums {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Save,
            self.ids,
            "save-albums-user",
            "/me/albums",
            IdsIn::Query,
        )
    }
}

impl_into_future!(AddMyAlbums => library write);

/// Builder for [`SpotifyWebApi::delete_my_albums`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyAlbums {
    api: SpotifyWebApi,
    ids: Result<Vec<AlbumId>>,
}

impl DeleteMyAlbums {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Remove,
            self.ids,
            "remove-albums-user",
            "/me/albums",
            IdsIn::Query,
        )
    }
}

impl_into_future!(DeleteMyAlbums => library write);

/// Builder for [`SpotifyWebApi::my_albums_contains`]; `.await` returns `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyAlbumsContains {
    api: SpotifyWebApi,
    ids: Result<Vec<AlbumId>>,
}

impl MyAlbumsContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Contains,
            self.ids,
            "check-users-saved-albums",
            "/me/albums/contains",
            IdsIn::Query,
        )
    }
}

impl_into_future!(MyAlbumsContains => library contains);

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    const ALBUM: &str = "4aawyAB9vmqN3uQ7FjRGTy";

    #[test]
    fn album_request() {
        let req = SpotifyWebApi::new()
            .get_album(format!("spotify:album:{ALBUM}"))
            .market("se")
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Get, "/albums/4aawyAB9vmqN3uQ7FjRGTy")
        );
        assert_eq!(req.query_pairs(), [("market", "SE")]);
    }

    #[test]
    fn several_albums_go_twenty_per_request() {
        let ids = vec![ALBUM; 41];
        let multi = SpotifyWebApi::new()
            .get_albums(ids)
            .into_multi_get()
            .unwrap();
        let chunks = multi.chunk_requests();
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].path, "/albums");
        assert_eq!(chunks[2].query_value("ids"), Some(ALBUM));
        assert_eq!(
            multi.single_request(ALBUM).path,
            "/albums/4aawyAB9vmqN3uQ7FjRGTy"
        );
        assert!(matches!(
            SpotifyWebApi::new()
                .get_albums([ALBUM, "nope"])
                .into_multi_get(),
            Err(crate::Error::InvalidId { .. })
        ));
    }

    #[test]
    fn album_tracks_request_and_limits() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_album_tracks(ALBUM)
            .limit(50)
            .offset(100)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/albums/4aawyAB9vmqN3uQ7FjRGTy/tracks");
        assert_eq!(req.query_pairs(), [("limit", "50"), ("offset", "100")]);
        assert!(
            api.get_album_tracks(ALBUM)
                .limit(51)
                .into_request()
                .is_err()
        );
        assert!(api.get_album_tracks(ALBUM).limit(0).into_request().is_err());
    }

    #[test]
    #[allow(deprecated)]
    fn new_releases_are_marked_as_removed_in_2026() {
        let req = SpotifyWebApi::new()
            .get_new_releases()
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/browse/new-releases");
        assert_eq!(req.removal.map(|r| r.operation), Some("get-new-releases"));
    }

    #[test]
    fn saved_album_requests() {
        use crate::library_ops::{IdsIn, assert_per_type};
        let api = SpotifyWebApi::new();
        let uri = "spotify:album:4aawyAB9vmqN3uQ7FjRGTy";
        let call = api.add_my_albums([ALBUM]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "save-albums-user",
            (Method::Put, "/me/albums"),
            IdsIn::Query,
            uri,
        );
        let call = api.delete_my_albums([ALBUM]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "remove-albums-user",
            (Method::Delete, "/me/albums"),
            IdsIn::Query,
            uri,
        );
        let call = api.my_albums_contains([ALBUM]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "check-users-saved-albums",
            (Method::Get, "/me/albums/contains"),
            IdsIn::Query,
            uri,
        );
        let list = api
            .get_my_saved_albums()
            .market("SE")
            .into_request()
            .unwrap();
        assert_eq!(
            (list.path.as_str(), list.query_pairs()),
            ("/me/albums", vec![("market", "SE")])
        );
        assert!(
            api.get_my_saved_albums()
                .market("nowhere")
                .into_request()
                .is_err()
        );
    }
}
