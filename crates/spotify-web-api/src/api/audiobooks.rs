//! Audiobooks:
//!
//! - `get-an-audiobook` (`GET /audiobooks/{id}`): [`SpotifyWebApi::get_audiobook`];
//! - `get-multiple-audiobooks` (`GET /audiobooks`): [`SpotifyWebApi::get_audiobooks`];
//! - `get-audiobook-chapters` (`GET /audiobooks/{id}/chapters`):
//!   [`SpotifyWebApi::get_audiobook_chapters`].
//! - in the user's library: `save-audiobooks-user`, `remove-audiobooks-user`,
//!   `check-users-saved-audiobooks` (`PUT`/`DELETE /me/audiobooks`, `GET /me/audiobooks/contains`;
//!   removed for development-mode apps in 2026-02, which the client serves through `/me/library`):
//!   [`SpotifyWebApi::add_my_audiobooks`], [`SpotifyWebApi::delete_my_audiobooks`],
//!   [`SpotifyWebApi::my_audiobooks_contains`];
//! - `get-users-saved-audiobooks` (`GET /me/audiobooks`): [`SpotifyWebApi::get_my_saved_audiobooks`].
//!
//! Spotify sells audiobooks only in the US, the UK, Canada, Ireland, New Zealand and
//! Australia. In any other market, and with a client-credentials token and no market, an
//! audiobook is a 404 (`None` in a multi-get). With a user token and no market, the user's
//! country applies.

use crate::api::api_path;
use crate::api::library::per_type;
use crate::api::{ids, impl_into_future};
use crate::chunk::MultiGet;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::{ApiRequest, PageBounds};
use crate::id::{AudiobookId, IntoId};
use crate::library_ops::{Action, IdsIn, LibraryCall};
use crate::market::{IntoMarket, Market};
use crate::model::{Audiobook, SavedAudiobook, SimplifiedChapter};
use crate::paging::PageQuery;
use crate::quota::Removal;
use crate::scope::Scope;

/// # Audiobooks
impl SpotifyWebApi {
    /// Get an audiobook: its authors, narrators, description and first page of chapters.
    ///
    /// Spec: `get-an-audiobook` · `GET /audiobooks/{id}` · scopes: none.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let book = api.get_audiobook("7iHfbu1YPACw6oZPAFJtqe").market("US").await?;
    /// println!("{} by {}", book.name, book.authors[0].name);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID or a URI
    /// of another kind (an audiobook's own `spotify:show:` URI is accepted);
    /// [`Error::Api`](crate::Error::Api) 404 for an audiobook Spotify does not know or does not
    /// sell in the market (only US, GB, CA, IE, NZ and AU), and for every audiobook with a
    /// client-credentials token and no market.
    pub fn get_audiobook(&self, audiobook: impl IntoId<AudiobookId>) -> GetAudiobook {
        GetAudiobook {
            api: self.clone(),
            id: audiobook.into_id(),
            market: None,
        }
    }

    /// Get several audiobooks by ID, in the order given, `None` for those Spotify does not
    /// know or does not sell in the market. Any number of IDs: they are sent 50 per request,
    /// concurrently, or (for a development-mode app, which lacks this endpoint since 2026-02)
    /// as concurrent single gets. The result is the same list either way.
    ///
    /// Spec: `get-multiple-audiobooks` · `GET /audiobooks` · scopes: none · extended quota
    /// only (the client falls back on `get-an-audiobook`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let books = api
    ///     .get_audiobooks(["18yVqkdbdRvS24c0Ilj2ci", "1HGw3J3NxZO1TP1BTtVhpZ"])
    ///     .market("GB")
    ///     .await?;
    /// for book in books.iter().flatten() {
    ///     println!("{} ({:?} chapters)", book.name, book.total_chapters);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed.
    pub fn get_audiobooks<I>(&self, audiobooks: I) -> GetAudiobooks
    where
        I: IntoIterator,
        I::Item: IntoId<AudiobookId>,
    {
        GetAudiobooks {
            api: self.clone(),
            ids: ids(audiobooks),
            market: None,
        }
    }

    /// Get an audiobook's chapters, in order, one page at a time.
    ///
    /// Spec: `get-audiobook-chapters` · `GET /audiobooks/{id}/chapters` · scopes: none.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let chapters = api
    ///     .get_audiobook_chapters("7iHfbu1YPACw6oZPAFJtqe")
    ///     .market("US")
    ///     .fetch_all()
    ///     .await?;
    /// for chapter in &chapters {
    ///     println!("{}. {}", chapter.chapter_number, chapter.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50; [`Error::Api`](crate::Error::Api) 404 as for
    /// [`get_audiobook`](SpotifyWebApi::get_audiobook).
    pub fn get_audiobook_chapters(
        &self,
        audiobook: impl IntoId<AudiobookId>,
    ) -> GetAudiobookChapters {
        GetAudiobookChapters {
            api: self.clone(),
            id: audiobook.into_id(),
            market: None,
            page: PageQuery::default(),
        }
    }
}

/// Builder for [`SpotifyWebApi::get_audiobook`]; `.await` returns `Result<Audiobook>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAudiobook {
    api: SpotifyWebApi,
    id: Result<AudiobookId>,
    market: Option<Result<Market>>,
}

impl GetAudiobook {
    /// The market to get the audiobook in: a country code (audiobooks are sold in US, GB, CA,
    /// IE, NZ and AU) or [`Market::FromToken`]. Default: none, which means the user's country
    /// with a user token, and no audiobook at all (404) with a client-credentials token.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!("/audiobooks/", self.id?))
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetAudiobook => Audiobook);

/// Builder for [`SpotifyWebApi::get_audiobooks`]; `.await` returns
/// `Result<Vec<Option<Audiobook>>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAudiobooks {
    api: SpotifyWebApi,
    ids: Result<Vec<AudiobookId>>,
    market: Option<Result<Market>>,
}

impl GetAudiobooks {
    /// The market to get the audiobooks in, as for [`GetAudiobook::market`]. Default: none
    /// (only `None`s with a client-credentials token).
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_multi_get(self) -> Result<MultiGet> {
        let removal = Removal::feb_2026("get-multiple-audiobooks");
        Ok(
            MultiGet::new("/audiobooks", "audiobooks", 50, removal, self.ids?)?
                .query("market", self.market.transpose()?),
        )
    }
}

impl_into_future!(GetAudiobooks => several Audiobook);

/// Builder for [`SpotifyWebApi::get_audiobook_chapters`]; `.await` returns
/// `Result<Page<SimplifiedChapter>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAudiobookChapters {
    api: SpotifyWebApi,
    id: Result<AudiobookId>,
    market: Option<Result<Market>>,
    page: PageQuery,
}

impl GetAudiobookChapters {
    /// The market to get the chapters in, as for [`GetAudiobook::market`]. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    /// Chapters per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first chapter. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get(api_path!("/audiobooks/", self.id?, "/chapters"))
            .query("market", self.market.transpose()?);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetAudiobookChapters => page SimplifiedChapter);

/// # Audiobooks in the user's library
///
/// Saving, removing and checking, and the saved list. Development-mode apps lost the
/// per-type writes and checks in 2026-02: the client sends those through `/me/library` for
/// them, with the same result (see [`library`](super::library)).
impl SpotifyWebApi {
    /// Save audiobooks to the user's library, any number.
    ///
    /// Spec: `save-audiobooks-user` · `PUT /me/audiobooks` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_my_audiobooks(["18yVqkdbdRvS24c0Ilj2ci"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn add_my_audiobooks<I>(&self, audiobooks: I) -> AddMyAudiobooks
    where
        I: IntoIterator,
        I::Item: IntoId<AudiobookId>,
    {
        AddMyAudiobooks {
            api: self.clone(),
            ids: ids(audiobooks),
        }
    }

    /// Remove audiobooks from the user's library, any number.
    ///
    /// Spec: `remove-audiobooks-user` · `DELETE /me/audiobooks` · scopes:
    /// `user-library-modify` · extended quota only (the client falls back on
    /// `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_audiobooks(["18yVqkdbdRvS24c0Ilj2ci"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn delete_my_audiobooks<I>(&self, audiobooks: I) -> DeleteMyAudiobooks
    where
        I: IntoIterator,
        I::Item: IntoId<AudiobookId>,
    {
        DeleteMyAudiobooks {
            api: self.clone(),
            ids: ids(audiobooks),
        }
    }

    /// Check whether the user saved each audiobook: one answer per audiobook, in order.
    ///
    /// Spec: `check-users-saved-audiobooks` · `GET /me/audiobooks/contains` · scopes:
    /// `user-library-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let saved = api.my_audiobooks_contains(["18yVqkdbdRvS24c0Ilj2ci"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::my_tracks_contains`].
    pub fn my_audiobooks_contains<I>(&self, audiobooks: I) -> MyAudiobooksContains
    where
        I: IntoIterator,
        I::Item: IntoId<AudiobookId>,
    {
        MyAudiobooksContains {
            api: self.clone(),
            ids: ids(audiobooks),
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

/// Builder for [`SpotifyWebApi::add_my_audiobooks`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyAudiobooks {
    api: SpotifyWebApi,
    ids: Result<Vec<AudiobookId>>,
}

impl AddMyAudiobooks {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Save,
            self.ids,
            "save-audiobooks-user",
            "/me/audiobooks",
            IdsIn::Query,
        )
    }
}

impl_into_future!(AddMyAudiobooks => library write);

/// Builder for [`SpotifyWebApi::delete_my_audiobooks`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyAudiobooks {
    api: SpotifyWebApi,
    ids: Result<Vec<AudiobookId>>,
}

impl DeleteMyAudiobooks {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Remove,
            self.ids,
            "remove-audiobooks-user",
            "/me/audiobooks",
            IdsIn::Query,
        )
    }
}

impl_into_future!(DeleteMyAudiobooks => library write);

/// Builder for [`SpotifyWebApi::my_audiobooks_contains`]; `.await` returns
/// `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyAudiobooksContains {
    api: SpotifyWebApi,
    ids: Result<Vec<AudiobookId>>,
}

impl MyAudiobooksContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Contains,
            self.ids,
            "check-users-saved-audiobooks",
            "/me/audiobooks/contains",
            IdsIn::Query,
        )
    }
}

impl_into_future!(MyAudiobooksContains => library contains);

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

    const BOOK: &str = "7iHfbu1YPACw6oZPAFJtqe";

    #[test]
    fn audiobook_request_takes_its_show_uri() {
        for input in [
            BOOK.to_owned(),
            format!("spotify:audiobook:{BOOK}"),
            format!("spotify:show:{BOOK}"),
            format!("https://open.spotify.com/show/{BOOK}"),
        ] {
            let req = SpotifyWebApi::new()
                .get_audiobook(input.as_str())
                .market("gb")
                .into_request()
                .unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(
                (req.method, req.path.as_str()),
                (Method::Get, "/audiobooks/7iHfbu1YPACw6oZPAFJtqe")
            );
            assert_eq!(req.query_pairs(), [("market", "GB")]);
        }
        assert!(matches!(
            SpotifyWebApi::new()
                .get_audiobook(format!("spotify:album:{BOOK}"))
                .into_request(),
            Err(crate::Error::InvalidId { .. })
        ));
    }

    #[test]
    fn several_audiobooks_go_fifty_per_request() {
        let multi = SpotifyWebApi::new()
            .get_audiobooks(vec![BOOK; 150])
            .market("US")
            .into_multi_get()
            .unwrap();
        let chunks = multi.chunk_requests();
        assert_eq!(chunks.len(), 3);
        assert!(chunks.iter().all(|c| c.path == "/audiobooks"
            && c.query_value("ids").map(|ids| ids.split(',').count()) == Some(50)
            && c.query_value("market") == Some("US")));
        assert_eq!(
            (multi.key, multi.removal.operation),
            ("audiobooks", "get-multiple-audiobooks")
        );
        assert_eq!(
            multi.single_request(BOOK).path,
            "/audiobooks/7iHfbu1YPACw6oZPAFJtqe"
        );
    }

    #[test]
    fn audiobook_chapters_request_and_limits() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_audiobook_chapters(BOOK)
            .market("US")
            .limit(1)
            .offset(39)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/audiobooks/7iHfbu1YPACw6oZPAFJtqe/chapters");
        assert_eq!(
            req.query_pairs(),
            [("market", "US"), ("limit", "1"), ("offset", "39")]
        );
        assert!(matches!(
            api.get_audiobook_chapters(BOOK).limit(51).into_request(),
            Err(crate::Error::InvalidArgument { name: "limit", .. })
        ));
    }

    #[test]
    fn saved_audiobook_requests() {
        use crate::library_ops::{IdsIn, assert_per_type};
        let api = SpotifyWebApi::new();
        let id = "18yVqkdbdRvS24c0Ilj2ci";
        // An audiobook's own URI kind, though Spotify also names audiobooks `spotify:show:`.
        let uri = "spotify:audiobook:18yVqkdbdRvS24c0Ilj2ci";
        let call = api
            .add_my_audiobooks([format!("spotify:show:{id}")])
            .into_library_call()
            .unwrap();
        assert_per_type(
            &call,
            "save-audiobooks-user",
            (Method::Put, "/me/audiobooks"),
            IdsIn::Query,
            uri,
        );
        let call = api.delete_my_audiobooks([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "remove-audiobooks-user",
            (Method::Delete, "/me/audiobooks"),
            IdsIn::Query,
            uri,
        );
        let call = api
            .my_audiobooks_contains([id])
            .into_library_call()
            .unwrap();
        assert_per_type(
            &call,
            "check-users-saved-audiobooks",
            (Method::Get, "/me/audiobooks/contains"),
            IdsIn::Query,
            uri,
        );
        let list = api.get_my_saved_audiobooks().into_request().unwrap();
        assert_eq!(list.path, "/me/audiobooks");
        assert!(list.query.is_empty());
    }
}
