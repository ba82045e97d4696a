//! Markets:
//!
//! - `get-available-markets` (`GET /markets`): [`SpotifyWebApi::get_markets`], removed for
//!   development-mode apps on 2026-02-08, with no replacement.

use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::ApiRequest;
use crate::quota::Removal;

/// # Markets
impl SpotifyWebApi {
    /// Get the markets where Spotify is available: ISO 3166-1 alpha-2 country codes.
    ///
    /// Spec: `get-available-markets` · `GET /markets` · scopes: none · extended quota only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let markets = api.get_markets().await?;
    /// println!("Spotify is available in {} markets", markets.len());
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
    pub fn get_markets(&self) -> GetMarkets {
        GetMarkets { api: self.clone() }
    }
}

/// Builder for [`SpotifyWebApi::get_markets`]; `.await` returns `Result<Vec<String>>`, the
/// country codes.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMarkets {
    api: SpotifyWebApi,
}

impl GetMarkets {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get("/markets").removed(Removal::feb_2026("get-available-markets")))
    }
}

impl_into_future!(GetMarkets => Vec<String>, in "markets");

#[cfg(test)]
#[allow(deprecated)]
mod tests {
    use super::*;

    #[test]
    fn markets_request_is_removed_in_2026() {
        let req = SpotifyWebApi::new().get_markets().into_request().unwrap();
        assert_eq!(req.path, "/markets");
        assert!(req.query.is_empty());
        assert_eq!(
            req.removal.map(|r| r.operation),
            Some("get-available-markets")
        );
    }
}
