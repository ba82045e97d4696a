//! Chapters (of audiobooks):
//!
//! - `get-a-chapter` (`GET /chapters/{id}`): [`SpotifyWebApi::get_chapter`];
//! - `get-several-chapters` (`GET /chapters`): [`SpotifyWebApi::get_chapters`].
//!
//! Chapters are sold where their audiobooks are: the US, the UK, Canada, Ireland, New Zealand
//! and Australia. In any other market, and with a client-credentials token and no market, a
//! chapter is a 404 (`None` in a multi-get).

use crate::api::api_path;
use crate::api::{ids, impl_into_future};
use crate::chunk::MultiGet;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::ApiRequest;
use crate::id::{ChapterId, IntoId};
use crate::market::{IntoMarket, Market};
use crate::model::Chapter;
use crate::quota::Removal;

/// # Chapters
impl SpotifyWebApi {
    /// Get a chapter of an audiobook: its number, duration, description and audiobook.
    ///
    /// Spec: `get-a-chapter` · `GET /chapters/{id}` · scopes: none
    /// (`user-read-playback-position` adds its `resume_point`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let chapter = api.get_chapter("0D5wENdkdwbqlrHoaJ9g29").market("GB").await?;
    /// println!("{} of {}", chapter.name, chapter.audiobook.name);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID or a URI
    /// of another kind (a chapter's own `spotify:episode:` URI is accepted);
    /// [`Error::Api`](crate::Error::Api) 404 for a chapter Spotify does not know or does not
    /// sell in the market (only US, GB, CA, IE, NZ and AU), and for every chapter with a
    /// client-credentials token and no market.
    pub fn get_chapter(&self, chapter: impl IntoId<ChapterId>) -> GetChapter {
        GetChapter {
            api: self.clone(),
            id: chapter.into_id(),
            market: None,
        }
    }

    /// Get several chapters by ID, in the order given, `None` for those Spotify does not know
    /// or does not sell in the market. Any number of IDs: they are sent 50 per request,
    /// concurrently, or (for a development-mode app, which lacks this endpoint since 2026-02)
    /// as concurrent single gets. The result is the same list either way.
    ///
    /// Spec: `get-several-chapters` · `GET /chapters` · scopes: none · extended quota only
    /// (the client falls back on `get-a-chapter`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let chapters = api
    ///     .get_chapters(["0IsXVP0JmcB2adSE338GkK", "3ZXb8FKZGU0EHALYX6uCzU"])
    ///     .market("US")
    ///     .await?;
    /// for chapter in chapters.iter().flatten() {
    ///     println!("{}", chapter.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed.
    pub fn get_chapters<I>(&self, chapters: I) -> GetChapters
    where
        I: IntoIterator,
        I::Item: IntoId<ChapterId>,
    {
        GetChapters {
            api: self.clone(),
            ids: ids(chapters),
            market: None,
        }
    }
}

/// Builder for [`SpotifyWebApi::get_chapter`]; `.await` returns `Result<Chapter>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetChapter {
    api: SpotifyWebApi,
    id: Result<ChapterId>,
    market: Option<Result<Market>>,
}

impl GetChapter {
    /// The market to get the chapter in: a country code (chapters are sold in US, GB, CA, IE,
    /// NZ and AU) or [`Market::FromToken`]. Default: none, which means the user's country with
    /// a user token, and no chapter at all (404) with a client-credentials token.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!("/chapters/", self.id?))
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetChapter => Chapter);

/// Builder for [`SpotifyWebApi::get_chapters`]; `.await` returns
/// `Result<Vec<Option<Chapter>>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetChapters {
    api: SpotifyWebApi,
    ids: Result<Vec<ChapterId>>,
    market: Option<Result<Market>>,
}

impl GetChapters {
    /// The market to get the chapters in, as for [`GetChapter::market`]. Default: none (only
    /// `None`s with a client-credentials token).
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_multi_get(self) -> Result<MultiGet> {
        let removal = Removal::feb_2026("get-several-chapters");
        Ok(
            MultiGet::new("/chapters", "chapters", 50, removal, self.ids?)?
                .query("market", self.market.transpose()?),
        )
    }
}

impl_into_future!(GetChapters => several Chapter);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    const CHAPTER: &str = "0D5wENdkdwbqlrHoaJ9g29";

    #[test]
    fn chapter_request_takes_its_episode_uri() {
        for input in [
            CHAPTER.to_owned(),
            format!("spotify:chapter:{CHAPTER}"),
            format!("spotify:episode:{CHAPTER}"),
            format!("https://open.spotify.com/episode/{CHAPTER}"),
        ] {
            let req = SpotifyWebApi::new()
                .get_chapter(input.as_str())
                .market("nz")
                .into_request()
                .unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(
                (req.method, req.path.as_str()),
                (Method::Get, "/chapters/0D5wENdkdwbqlrHoaJ9g29")
            );
            assert_eq!(req.query_pairs(), [("market", "NZ")]);
        }
        assert!(matches!(
            SpotifyWebApi::new()
                .get_chapter(format!("spotify:show:{CHAPTER}"))
                .into_request(),
            Err(crate::Error::InvalidId { .. })
        ));
    }

    #[test]
    fn several_chapters_go_fifty_per_request() {
        let multi = SpotifyWebApi::new()
            .get_chapters(vec![CHAPTER; 60])
            .into_multi_get()
            .unwrap();
        let chunks = multi.chunk_requests();
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].path, "/chapters");
        assert_eq!(
            chunks[1]
                .query_value("ids")
                .map(|ids| ids.split(',').count()),
            Some(10)
        );
        assert_eq!(chunks[0].query_value("market"), None);
        assert_eq!(
            (multi.key, multi.removal.operation),
            ("chapters", "get-several-chapters")
        );
        assert_eq!(
            multi.single_request(CHAPTER).path,
            "/chapters/0D5wENdkdwbqlrHoaJ9g29"
        );
    }
}
