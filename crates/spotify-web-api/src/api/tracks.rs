//! Tracks:
//!
//! - `get-track` (`GET /tracks/{id}`): [`SpotifyWebApi::get_track`].

use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::ApiRequest;
use crate::id::{IntoId, TrackId};
use crate::market::{IntoMarket, Market};
use crate::model::Track;

/// # Tracks
impl SpotifyWebApi {
    /// Get a track: its name, artists, album, duration, and where it can be played.
    ///
    /// Spec: `get-track` · `GET /tracks/{id}` · scopes: none (a client-credentials token is
    /// enough).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::Market;
    ///
    /// let track = api.get_track("spotify:track:7EjyzZcbLxW7PaaLua9Ksb").await?;
    /// let in_sweden = api.get_track(&track.uri).market("SE").await?;
    /// println!("playable in SE: {:?}", in_sweden.is_playable);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID or a URI
    /// of another kind; [`Error::Api`](crate::Error::Api) 404 for an ID Spotify does not know.
    pub fn get_track(&self, track: impl IntoId<TrackId>) -> GetTrack {
        GetTrack {
            api: self.clone(),
            id: track.into_id(),
            market: None,
        }
    }
}

/// Builder for [`SpotifyWebApi::get_track`]; `.await` returns `Result<Track>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetTrack {
    api: SpotifyWebApi,
    id: Result<TrackId>,
    market: Option<Result<Market>>,
}

impl GetTrack {
    /// The market to check availability in and relink for: a country code or
    /// [`Market::FromToken`]. Default: none (Spotify lists `available_markets` instead).
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(format!("/tracks/{}", self.id?))
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetTrack => Track);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    #[test]
    fn request_has_path_and_market() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_track("https://open.spotify.com/track/7EjyzZcbLxW7PaaLua9Ksb?si=1")
            .market("se")
            .into_request()
            .unwrap();
        assert_eq!(req.method, Method::Get);
        assert_eq!(req.path, "/tracks/7EjyzZcbLxW7PaaLua9Ksb");
        assert_eq!(req.query_pairs(), [("market", "SE")]);
        assert!(req.body.is_none());
    }

    #[test]
    fn bad_input_fails_before_sending() {
        let api = SpotifyWebApi::new();
        assert!(matches!(
            api.get_track("spotify:album:4aawyAB9vmqN3uQ7FjRGTy")
                .into_request(),
            Err(crate::Error::InvalidId { .. })
        ));
        assert!(matches!(
            api.get_track("7EjyzZcbLxW7PaaLua9Ksb")
                .market("Sweden")
                .into_request(),
            Err(crate::Error::InvalidArgument { name: "market", .. })
        ));
    }
}
