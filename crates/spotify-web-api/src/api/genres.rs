//! Genres:
//!
//! - `get-recommendation-genres` (`GET /recommendations/available-genre-seeds`):
//!   [`SpotifyWebApi::get_genre_seeds`].

use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::ApiRequest;
use crate::quota::Removal;

/// # Genres
impl SpotifyWebApi {
    /// Get the genres that [`get_recommendations`](SpotifyWebApi::get_recommendations) takes as
    /// seeds (`acoustic`, `afrobeat`, ...).
    ///
    /// Spec: `get-recommendation-genres` · `GET /recommendations/available-genre-seeds` ·
    /// scopes: none · apps with extended access granted before 2024-11-27 only.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// # #[allow(deprecated)]
    /// let genres = api.get_genre_seeds().await?;
    /// println!("{}", genres.join(", "));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for an app without extended
    /// access granted before 2024-11-27: Spotify removed the endpoint for them, with no
    /// replacement.
    #[deprecated(
        since = "0.1.0",
        note = "removed on 2024-11-27 for apps without extended access granted before then, with no replacement"
    )]
    pub fn get_genre_seeds(&self) -> GetGenreSeeds {
        GetGenreSeeds { api: self.clone() }
    }
}

/// Builder for [`SpotifyWebApi::get_genre_seeds`]; `.await` returns `Result<Vec<String>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetGenreSeeds {
    api: SpotifyWebApi,
}

impl GetGenreSeeds {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get("/recommendations/available-genre-seeds")
            .removed(Removal::nov_2024("get-recommendation-genres")))
    }
}

impl_into_future!(GetGenreSeeds => Vec<String>, in "genres");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(deprecated)]
    fn genre_seeds_are_marked_as_removed_in_2024() {
        let req = SpotifyWebApi::new()
            .get_genre_seeds()
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/recommendations/available-genre-seeds");
        assert!(req.query.is_empty());
        let removal = req.removal.unwrap();
        assert_eq!(
            (removal.operation, removal.change),
            ("get-recommendation-genres", crate::ApiChange::November2024)
        );
    }
}
