//! The player's commands: transfer, play, pause, skip, seek, repeat, volume, shuffle, and
//! adding to the queue. Each answers `()`: any success status, whatever the body.

use serde::Serialize;

use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::ApiRequest;
use crate::id::{ContextId, IntoItem, PlayableId};
use crate::model::RepeatState;
use crate::scope::Scope;

/// A `device_id` given by the caller: not empty.
fn device(device_id: Option<String>) -> Result<Option<String>> {
    match device_id {
        Some(id) if id.is_empty() => Err(Error::InvalidArgument {
            name: "device_id",
            problem: ArgumentProblem::Empty,
        }),
        other => Ok(other),
    }
}

/// The body of `PUT /me/player`.
#[derive(Serialize)]
struct TransferBody<'a> {
    device_ids: [&'a str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    play: Option<bool>,
}

/// Builder for [`SpotifyWebApi::change_my_device`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct ChangeMyDevice {
    pub(super) api: SpotifyWebApi,
    pub(super) device_id: String,
    pub(super) play: Option<bool>,
}

impl ChangeMyDevice {
    /// `true`: play on the new device; `false`: keep the current state. Default: keep it.
    pub fn play(mut self, play: bool) -> Self {
        self.play = Some(play);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let device_id = device(Some(self.device_id))?.unwrap_or_default();
        ApiRequest::put("/me/player")
            .scopes([Scope::UserModifyPlaybackState])
            .json(&TransferBody {
                device_ids: [&device_id],
                play: self.play,
            })
    }
}

impl_into_future!(ChangeMyDevice => ());

/// What [`Play`] starts.
#[derive(Debug)]
pub(super) enum PlayWhat {
    Context(ContextId),
    Items(Vec<PlayableId>),
}

/// Where in the context or items [`Play`] starts.
#[derive(Debug)]
pub(super) enum PlayOffset {
    Position(u32),
    Item(PlayableId),
}

/// The body of `PUT /me/player/play`.
#[derive(Serialize)]
struct PlayBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    context_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uris: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<OffsetBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position_ms: Option<u32>,
}

/// `offset`: `{"position": 5}` or `{"uri": "spotify:track:..."}`.
#[derive(Serialize)]
#[serde(untagged)]
enum OffsetBody {
    Position { position: u32 },
    Uri { uri: String },
}

/// Builder for [`SpotifyWebApi::play`]; `.await` returns `Result<()>`.
///
/// [`Play::context`] and [`Play::uris`] exclude each other, as they do on Spotify: the one
/// set last is sent.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Play {
    pub(super) api: SpotifyWebApi,
    pub(super) device_id: Option<String>,
    pub(super) what: Option<Result<PlayWhat>>,
    pub(super) offset: Option<Result<PlayOffset>>,
    pub(super) position_ms: Option<u32>,
}

impl Play {
    /// Play this context: an album, an artist (their top tracks), a playlist, a show or an
    /// audiobook; a typed ID ([`AlbumId`](crate::AlbumId)...), a [`ContextId`], or a URI or
    /// URL. Replaces [`Play::uris`]. Default: resume instead.
    pub fn context(mut self, context: impl IntoItem<ContextId>) -> Self {
        self.what = Some(context.into_item().map(PlayWhat::Context));
        self
    }

    /// Play these tracks and episodes, in order, with no context. Replaces [`Play::context`].
    /// Default: resume instead.
    pub fn uris<I>(mut self, items: I) -> Self
    where
        I: IntoIterator,
        I::Item: IntoItem<PlayableId>,
    {
        let items: Result<Vec<PlayableId>> = items.into_iter().map(IntoItem::into_item).collect();
        self.what = Some(items.map(PlayWhat::Items));
        self
    }

    /// Start at this position (zero-based) in the context or items. Replaces
    /// [`Play::offset_item`]. Default: the first (or, with shuffle, any).
    pub fn offset(mut self, position: u32) -> Self {
        self.offset = Some(Ok(PlayOffset::Position(position)));
        self
    }

    /// Start at this item of the context or items. Replaces [`Play::offset`].
    pub fn offset_item(mut self, item: impl IntoItem<PlayableId>) -> Self {
        self.offset = Some(item.into_item().map(PlayOffset::Item));
        self
    }

    /// Where to start in the first item, in milliseconds; past its end, the next item starts.
    /// Default: 0 (or, resuming, where it was paused).
    pub fn position_ms(mut self, position_ms: u32) -> Self {
        self.position_ms = Some(position_ms);
        self
    }

    /// The device to play on (playback moves there). Default: the active device.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let (context_uri, uris) = match self.what.transpose()? {
            Some(PlayWhat::Context(context)) => (Some(context.uri()), None),
            Some(PlayWhat::Items(items)) if items.is_empty() => {
                return Err(Error::InvalidArgument {
                    name: "uris",
                    problem: ArgumentProblem::Empty,
                });
            }
            Some(PlayWhat::Items(items)) => {
                (None, Some(items.iter().map(PlayableId::uri).collect()))
            }
            None => (None, None),
        };
        let offset = match self.offset.transpose()? {
            Some(_) if context_uri.is_none() && uris.is_none() => {
                return Err(Error::InvalidArgument {
                    name: "offset",
                    problem: ArgumentProblem::Conflict(
                        "an offset needs a context or items to start in",
                    ),
                });
            }
            Some(PlayOffset::Position(position)) => Some(OffsetBody::Position { position }),
            Some(PlayOffset::Item(item)) => Some(OffsetBody::Uri { uri: item.uri() }),
            None => None,
        };
        ApiRequest::put("/me/player/play")
            .query("device_id", device(self.device_id)?)
            .scopes([Scope::UserModifyPlaybackState])
            .json(&PlayBody {
                context_uri,
                uris,
                offset,
                position_ms: self.position_ms,
            })
    }
}

impl_into_future!(Play => ());

/// Builder for [`SpotifyWebApi::pause`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Pause {
    pub(super) api: SpotifyWebApi,
    pub(super) device_id: Option<String>,
}

impl Pause {
    /// The device to pause. Default: the active device.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::put("/me/player/pause")
            .query("device_id", device(self.device_id)?)
            .scopes([Scope::UserModifyPlaybackState]))
    }
}

impl_into_future!(Pause => ());

/// Builder for [`SpotifyWebApi::next`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Next {
    pub(super) api: SpotifyWebApi,
    pub(super) device_id: Option<String>,
}

impl Next {
    /// The device to skip on. Default: the active device.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::post("/me/player/next")
            .query("device_id", device(self.device_id)?)
            .scopes([Scope::UserModifyPlaybackState]))
    }
}

impl_into_future!(Next => ());

/// Builder for [`SpotifyWebApi::previous`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Previous {
    pub(super) api: SpotifyWebApi,
    pub(super) device_id: Option<String>,
}

impl Previous {
    /// The device to skip on. Default: the active device.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::post("/me/player/previous")
            .query("device_id", device(self.device_id)?)
            .scopes([Scope::UserModifyPlaybackState]))
    }
}

impl_into_future!(Previous => ());

/// Builder for [`SpotifyWebApi::seek`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Seek {
    pub(super) api: SpotifyWebApi,
    pub(super) position_ms: u32,
    pub(super) device_id: Option<String>,
}

impl Seek {
    /// The device to seek on. Default: the active device.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::put("/me/player/seek")
            .query("position_ms", Some(self.position_ms))
            .query("device_id", device(self.device_id)?)
            .scopes([Scope::UserModifyPlaybackState]))
    }
}

impl_into_future!(Seek => ());

/// Builder for [`SpotifyWebApi::repeat`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Repeat {
    pub(super) api: SpotifyWebApi,
    pub(super) state: RepeatState,
    pub(super) device_id: Option<String>,
}

impl Repeat {
    /// The device to set the mode on. Default: the active device.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        if let RepeatState::Unknown(_) = self.state {
            return Err(Error::InvalidArgument {
                name: "state",
                problem: ArgumentProblem::Expected("track, context or off"),
            });
        }
        Ok(ApiRequest::put("/me/player/repeat")
            .query("state", Some(self.state.as_str()))
            .query("device_id", device(self.device_id)?)
            .scopes([Scope::UserModifyPlaybackState]))
    }
}

impl_into_future!(Repeat => ());

/// Builder for [`SpotifyWebApi::change_volume`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct ChangeVolume {
    pub(super) api: SpotifyWebApi,
    pub(super) volume_percent: u32,
    pub(super) device_id: Option<String>,
}

impl ChangeVolume {
    /// The device to set the volume of (it need not be active). Default: the active device.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        if self.volume_percent > 100 {
            return Err(Error::InvalidArgument {
                name: "volume_percent",
                problem: ArgumentProblem::OutOfRange {
                    value: self.volume_percent.into(),
                    min: 0,
                    max: 100,
                },
            });
        }
        Ok(ApiRequest::put("/me/player/volume")
            .query("volume_percent", Some(self.volume_percent))
            .query("device_id", device(self.device_id)?)
            .scopes([Scope::UserModifyPlaybackState]))
    }
}

impl_into_future!(ChangeVolume => ());

/// Builder for [`SpotifyWebApi::shuffle`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Shuffle {
    pub(super) api: SpotifyWebApi,
    pub(super) state: bool,
    pub(super) device_id: Option<String>,
}

impl Shuffle {
    /// The device to set shuffle on. Default: the active device.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::put("/me/player/shuffle")
            .query("state", Some(self.state))
            .query("device_id", device(self.device_id)?)
            .scopes([Scope::UserModifyPlaybackState]))
    }
}

impl_into_future!(Shuffle => ());

/// Builder for [`SpotifyWebApi::queue`]; `.await` returns `Result<()>`. (Named after the
/// operation, `add-to-queue`: [`Queue`](crate::model::Queue) is the queue itself.)
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddToQueue {
    pub(super) api: SpotifyWebApi,
    pub(super) item: Result<PlayableId>,
    pub(super) device_id: Option<String>,
}

impl AddToQueue {
    /// The device whose queue to add to. Default: the active device.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::post("/me/player/queue")
            .query("uri", Some(self.item?.uri()))
            .query("device_id", device(self.device_id)?)
            .scopes([Scope::UserModifyPlaybackState]))
    }
}

impl_into_future!(AddToQueue => ());

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;
    use crate::id::{AlbumId, TrackId};

    const TRACK: &str = "4iV5W9uYEdYUVa79Axb7Rh";
    const ALBUM: &str = "5ht7ItJgpBH7W6vJ5BqpPr";

    fn body(req: &ApiRequest) -> serde_json::Value {
        serde_json::from_slice(&req.body.as_ref().unwrap().bytes).unwrap()
    }

    fn api() -> SpotifyWebApi {
        SpotifyWebApi::new()
    }

    #[test]
    fn play_sends_a_context_or_items_with_an_offset() {
        let album = AlbumId::parse(ALBUM).unwrap();
        let req = api()
            .play()
            .context(&album)
            .offset(5)
            .position_ms(1_000)
            .device_id("dev")
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Put, "/me/player/play")
        );
        assert_eq!(req.query_pairs(), [("device_id", "dev")]);
        assert_eq!(
            body(&req),
            serde_json::json!({"context_uri": format!("spotify:album:{ALBUM}"),
                "offset": {"position": 5}, "position_ms": 1000})
        );
        let track = TrackId::parse(TRACK).unwrap();
        let req = api()
            .play()
            .context(&album)
            .uris([&track])
            .offset_item(&track)
            .into_request()
            .unwrap();
        assert_eq!(
            body(&req),
            serde_json::json!({"uris": [format!("spotify:track:{TRACK}")],
                "offset": {"uri": format!("spotify:track:{TRACK}")}})
        );
        // Resume: an empty JSON object.
        assert_eq!(
            body(&api().play().into_request().unwrap()),
            serde_json::json!({})
        );
    }

    #[test]
    fn play_refuses_what_spotify_would_before_sending() {
        let no_items: [TrackId; 0] = [];
        for (play, name) in [
            (api().play().uris(no_items), "uris"),
            (api().play().offset(3), "offset"),
            (api().play().device_id(""), "device_id"),
        ] {
            match play.into_request() {
                Err(Error::InvalidArgument { name: n, .. }) => assert_eq!(n, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        // A bare ID does not say whether it is a track or an episode.
        assert!(matches!(
            api().play().uris([TRACK]).into_request(),
            Err(Error::InvalidId { .. })
        ));
        assert!(matches!(
            api()
                .play()
                .context(format!("spotify:track:{TRACK}"))
                .into_request(),
            Err(Error::InvalidId { .. })
        ));
    }

    #[test]
    fn commands_have_their_method_path_and_query() {
        type Case<'a> = (ApiRequest, Method, &'a str, Vec<(&'a str, &'a str)>);
        let cases: Vec<Case> = vec![
            (
                api().pause().into_request().unwrap(),
                Method::Put,
                "/me/player/pause",
                vec![],
            ),
            (
                api().next().device_id("d").into_request().unwrap(),
                Method::Post,
                "/me/player/next",
                vec![("device_id", "d")],
            ),
            (
                api().previous().into_request().unwrap(),
                Method::Post,
                "/me/player/previous",
                vec![],
            ),
            (
                api().seek(25_000).into_request().unwrap(),
                Method::Put,
                "/me/player/seek",
                vec![("position_ms", "25000")],
            ),
            (
                api().repeat(RepeatState::Track).into_request().unwrap(),
                Method::Put,
                "/me/player/repeat",
                vec![("state", "track")],
            ),
            (
                api().change_volume(100).into_request().unwrap(),
                Method::Put,
                "/me/player/volume",
                vec![("volume_percent", "100")],
            ),
            (
                api().shuffle(false).into_request().unwrap(),
                Method::Put,
                "/me/player/shuffle",
                vec![("state", "false")],
            ),
            (
                api()
                    .queue(format!("spotify:track:{TRACK}"))
                    .into_request()
                    .unwrap(),
                Method::Post,
                "/me/player/queue",
                vec![("uri", "spotify:track:4iV5W9uYEdYUVa79Axb7Rh")],
            ),
        ];
        for (req, method, path, query) in cases {
            assert_eq!((req.method, req.path.as_str()), (method, path));
            assert_eq!(req.query_pairs(), query, "{path}");
            assert_eq!(req.scopes, [Scope::UserModifyPlaybackState], "{path}");
        }
    }

    #[test]
    fn volume_and_repeat_are_checked_before_sending() {
        assert!(matches!(
            api().change_volume(101).into_request(),
            Err(Error::InvalidArgument {
                name: "volume_percent",
                problem: ArgumentProblem::OutOfRange {
                    value: 101,
                    min: 0,
                    max: 100
                }
            })
        ));
        assert!(
            api()
                .repeat(RepeatState::from("sometimes"))
                .into_request()
                .is_err()
        );
        assert!(api().queue(ALBUM).into_request().is_err());
    }

    #[test]
    fn transfer_sends_one_device() {
        let req = api()
            .change_my_device("dev")
            .play(true)
            .into_request()
            .unwrap();
        assert_eq!((req.method, req.path.as_str()), (Method::Put, "/me/player"));
        assert_eq!(
            body(&req),
            serde_json::json!({"device_ids": ["dev"], "play": true})
        );
        let req = api().change_my_device("dev").into_request().unwrap();
        assert_eq!(body(&req), serde_json::json!({"device_ids": ["dev"]}));
        assert!(api().change_my_device("").into_request().is_err());
    }
}
