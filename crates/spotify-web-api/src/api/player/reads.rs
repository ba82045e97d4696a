//! The player's reads: playback state, devices, what is playing, recently played tracks and
//! the queue.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::api::impl_into_future;
use crate::api::playlists::{AdditionalType, additional_types};
use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::{ApiRequest, PageBounds};
use crate::market::{IntoMarket, Market};
use crate::model::{CurrentlyPlaying, Devices, PlayHistory, PlaybackState, Queue};
use crate::paging::PageQuery;
use crate::scope::Scope;

/// `market` and `additional_types` of the two playback reads.
#[derive(Debug, Default)]
pub(super) struct ReadOptions {
    pub(super) market: Option<Result<Market>>,
    pub(super) additional_types: Option<String>,
}

impl ReadOptions {
    fn apply(self, request: ApiRequest) -> Result<ApiRequest> {
        Ok(request
            .query("market", self.market.transpose()?)
            .query("additional_types", self.additional_types))
    }
}

/// Builder for [`SpotifyWebApi::get_my_current_playback_info`]; `.await` returns
/// `Result<Option<PlaybackState>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMyCurrentPlaybackInfo {
    pub(super) api: SpotifyWebApi,
    pub(super) options: ReadOptions,
}

impl GetMyCurrentPlaybackInfo {
    /// The market to relink the current track for: a country code or [`Market::FromToken`].
    /// Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.options.market = Some(market.into_market());
        self
    }

    /// The kinds of item the client takes besides tracks. Default: tracks only; then an
    /// episode playing is `item: None` with `currently_playing_type` episode.
    pub fn additional_types(mut self, types: impl IntoIterator<Item = AdditionalType>) -> Self {
        self.options.additional_types = Some(additional_types(types));
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/me/player").scopes([Scope::UserReadPlaybackState]);
        self.options.apply(request)
    }
}

impl_into_future!(GetMyCurrentPlaybackInfo => Option<PlaybackState>);

/// Builder for [`SpotifyWebApi::get_my_devices`]; `.await` returns `Result<Devices>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMyDevices {
    pub(super) api: SpotifyWebApi,
}

impl GetMyDevices {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get("/me/player/devices").scopes([Scope::UserReadPlaybackState]))
    }
}

impl_into_future!(GetMyDevices => Devices);

/// Builder for [`SpotifyWebApi::get_my_current_track`]; `.await` returns
/// `Result<Option<CurrentlyPlaying>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMyCurrentTrack {
    pub(super) api: SpotifyWebApi,
    pub(super) options: ReadOptions,
}

impl GetMyCurrentTrack {
    /// The market to relink the current track for: a country code or [`Market::FromToken`].
    /// Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.options.market = Some(market.into_market());
        self
    }

    /// The kinds of item the client takes besides tracks. Default: tracks only; then an
    /// episode playing is `item: None` with `currently_playing_type` episode.
    pub fn additional_types(mut self, types: impl IntoIterator<Item = AdditionalType>) -> Self {
        self.options.additional_types = Some(additional_types(types));
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/me/player/currently-playing")
            .scopes([Scope::UserReadCurrentlyPlaying]);
        self.options.apply(request)
    }
}

impl_into_future!(GetMyCurrentTrack => Option<CurrentlyPlaying>);

/// Where a page of recently played tracks starts. Spotify takes one of the two, never both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TimeCursor {
    Before(u64),
    After(u64),
}

/// A time as Unix milliseconds, as the cursors are written.
fn unix_ms(time: SystemTime) -> Result<u64> {
    time.duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|since| u64::try_from(since.as_millis()).ok())
        .ok_or(Error::InvalidArgument {
            name: "cursor",
            problem: ArgumentProblem::Expected("a time after 1970-01-01"),
        })
}

/// Builder for [`SpotifyWebApi::get_my_recent_tracks`]; `.await` returns
/// `Result<CursorPage<PlayHistory>>`.
///
/// [`before`](GetMyRecentTracks::before) and [`after`](GetMyRecentTracks::after) exclude each
/// other, as they do on Spotify: the one set last is sent.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMyRecentTracks {
    pub(super) api: SpotifyWebApi,
    pub(super) limit: Option<u32>,
    pub(super) cursor: Option<Result<TimeCursor>>,
}

impl GetMyRecentTracks {
    /// Tracks per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Only tracks played before `time` (the newest of them first). Replaces
    /// [`after`](GetMyRecentTracks::after). Default: up to now.
    pub fn before(mut self, time: SystemTime) -> Self {
        self.cursor = Some(unix_ms(time).map(TimeCursor::Before));
        self
    }

    /// Only tracks played after `time`. Replaces [`before`](GetMyRecentTracks::before).
    /// Default: as far back as Spotify keeps (the last 50 tracks).
    pub fn after(mut self, time: SystemTime) -> Self {
        self.cursor = Some(unix_ms(time).map(TimeCursor::After));
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let (before, after) = match self.cursor.transpose()? {
            Some(TimeCursor::Before(ms)) => (Some(ms), None),
            Some(TimeCursor::After(ms)) => (None, Some(ms)),
            None => (None, None),
        };
        let request = ApiRequest::get("/me/player/recently-played")
            .query("before", before)
            .query("after", after)
            .scopes([Scope::UserReadRecentlyPlayed]);
        let page = PageQuery {
            limit: self.limit,
            offset: None,
        };
        page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetMyRecentTracks => cursor PlayHistory);

/// Builder for [`SpotifyWebApi::get_my_queue`]; `.await` returns `Result<Queue>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMyQueue {
    pub(super) api: SpotifyWebApi,
}

impl GetMyQueue {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get("/me/player/queue").scopes([
            Scope::UserReadCurrentlyPlaying,
            Scope::UserReadPlaybackState,
        ]))
    }
}

impl_into_future!(GetMyQueue => Queue);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;
    use std::time::Duration;

    fn api() -> SpotifyWebApi {
        SpotifyWebApi::new()
    }

    #[test]
    fn playback_reads_take_market_and_additional_types() {
        let req = api()
            .get_my_current_playback_info()
            .market("se")
            .additional_types([AdditionalType::Episode, AdditionalType::Track])
            .into_request()
            .unwrap();
        assert_eq!((req.method, req.path.as_str()), (Method::Get, "/me/player"));
        assert_eq!(
            req.query_pairs(),
            [("market", "SE"), ("additional_types", "episode,track")]
        );
        assert_eq!(req.scopes, [Scope::UserReadPlaybackState]);
        let req = api().get_my_current_track().into_request().unwrap();
        assert_eq!(req.path, "/me/player/currently-playing");
        assert_eq!(req.scopes, [Scope::UserReadCurrentlyPlaying]);
    }

    #[test]
    fn recently_played_sends_one_cursor_in_milliseconds() {
        let time = UNIX_EPOCH + Duration::from_millis(1_484_811_043_508);
        let req = api()
            .get_my_recent_tracks()
            .before(time)
            .after(time)
            .limit(50)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/me/player/recently-played");
        assert_eq!(
            req.query_pairs(),
            [("after", "1484811043508"), ("limit", "50")]
        );
        assert_eq!(req.scopes, [Scope::UserReadRecentlyPlayed]);
        let req = api().get_my_recent_tracks().after(time).before(time);
        assert_eq!(
            req.into_request().unwrap().query_pairs(),
            [("before", "1484811043508")]
        );
        assert!(
            api()
                .get_my_recent_tracks()
                .limit(51)
                .into_request()
                .is_err()
        );
        let before_1970 = UNIX_EPOCH - Duration::from_secs(1);
        assert!(
            api()
                .get_my_recent_tracks()
                .before(before_1970)
                .into_request()
                .is_err()
        );
    }

    #[test]
    fn the_queue_takes_either_read_scope() {
        let req = api().get_my_queue().into_request().unwrap();
        assert_eq!(req.path, "/me/player/queue");
        assert_eq!(
            req.scopes,
            [
                Scope::UserReadCurrentlyPlaying,
                Scope::UserReadPlaybackState
            ]
        );
    }
}
