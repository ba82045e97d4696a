//! Episodes (of podcasts):
//!
//! - `get-an-episode` (`GET /episodes/{id}`): [`SpotifyWebApi::get_episode`];
//! - `get-multiple-episodes` (`GET /episodes`): [`SpotifyWebApi::get_episodes`].
//!
//! Like shows, episodes are available per market, and unavailable when Spotify knows neither a
//! market nor a user country: with a client-credentials token, give a `market`.

use crate::api::{ids, impl_into_future};
use crate::chunk::MultiGet;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::ApiRequest;
use crate::id::{EpisodeId, IntoId};
use crate::market::{IntoMarket, Market};
use crate::model::Episode;
use crate::quota::Removal;

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
        Ok(ApiRequest::get(format!("/episodes/{}", self.id?))
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
}
