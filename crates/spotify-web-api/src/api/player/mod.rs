//! Player:
//!
//! - `get-information-about-the-users-current-playback` (`GET /me/player`):
//!   [`SpotifyWebApi::get_my_current_playback_info`];
//! - `transfer-a-users-playback` (`PUT /me/player`): [`SpotifyWebApi::change_my_device`];
//! - `get-a-users-available-devices` (`GET /me/player/devices`):
//!   [`SpotifyWebApi::get_my_devices`];
//! - `get-the-users-currently-playing-track` (`GET /me/player/currently-playing`):
//!   [`SpotifyWebApi::get_my_current_track`];
//! - `start-a-users-playback` (`PUT /me/player/play`): [`SpotifyWebApi::play`];
//! - `pause-a-users-playback` (`PUT /me/player/pause`): [`SpotifyWebApi::pause`];
//! - `skip-users-playback-to-next-track` (`POST /me/player/next`): [`SpotifyWebApi::next`];
//! - `skip-users-playback-to-previous-track` (`POST /me/player/previous`):
//!   [`SpotifyWebApi::previous`];
//! - `seek-to-position-in-currently-playing-track` (`PUT /me/player/seek`):
//!   [`SpotifyWebApi::seek`];
//! - `set-repeat-mode-on-users-playback` (`PUT /me/player/repeat`): [`SpotifyWebApi::repeat`];
//! - `set-volume-for-users-playback` (`PUT /me/player/volume`):
//!   [`SpotifyWebApi::change_volume`];
//! - `toggle-shuffle-for-users-playback` (`PUT /me/player/shuffle`): [`SpotifyWebApi::shuffle`];
//! - `get-recently-played` (`GET /me/player/recently-played`):
//!   [`SpotifyWebApi::get_my_recent_tracks`];
//! - `get-queue` (`GET /me/player/queue`): [`SpotifyWebApi::get_my_queue`];
//! - `add-to-queue` (`POST /me/player/queue`): [`SpotifyWebApi::queue`].
//!
//! Every player operation needs a user token. The commands need a Premium user: for a Free
//! one Spotify answers 403 with the reason `PREMIUM_REQUIRED`. A command that Spotify refuses
//! carries a [`PlayerErrorReason`](crate::PlayerErrorReason) (`error.player_reason()`), e.g.
//! `NO_ACTIVE_DEVICE` (404) when no device is active and none was named. Commands succeed on
//! any 2xx (Spotify sends 204, sometimes 202), whatever the body.

mod commands;
mod reads;

pub use commands::{
    AddToQueue, ChangeMyDevice, ChangeVolume, Next, Pause, Play, Previous, Repeat, Seek, Shuffle,
};
pub use reads::{
    GetMyCurrentPlaybackInfo, GetMyCurrentTrack, GetMyDevices, GetMyQueue, GetMyRecentTracks,
};

use crate::client::SpotifyWebApi;
use crate::id::{IntoItem, PlayableId};
use crate::model::RepeatState;
use reads::ReadOptions;

/// # Player
impl SpotifyWebApi {
    /// Get the user's playback state: the active device, shuffle and repeat, and what is
    /// playing, `None` when nothing is (Spotify answers 204).
    ///
    /// Spec: `get-information-about-the-users-current-playback` · `GET /me/player` · scopes:
    /// `user-read-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::AdditionalType;
    ///
    /// match api
    ///     .get_my_current_playback_info()
    ///     .additional_types([AdditionalType::Episode])
    ///     .await?
    /// {
    ///     Some(state) => println!("{} on {}", state.is_playing, state.device.name),
    ///     None => println!("nothing is playing"),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn get_my_current_playback_info(&self) -> GetMyCurrentPlaybackInfo {
        GetMyCurrentPlaybackInfo {
            api: self.clone(),
            options: ReadOptions::default(),
        }
    }

    /// Transfer playback to another device: what plays moves there, paused or playing as it
    /// was, unless [`ChangeMyDevice::play`] says to play.
    ///
    /// Spec: `transfer-a-users-playback` · `PUT /me/player` · scopes:
    /// `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let devices = api.get_my_devices().await?;
    /// if let Some(id) = devices.iter().find(|d| !d.is_active).and_then(|d| d.id.clone()) {
    ///     api.change_my_device(id).play(true).await?;
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for an empty device ID;
    /// [`Error::Api`](crate::Error::Api) 404 for a device the user does not have.
    pub fn change_my_device(&self, device_id: impl Into<String>) -> ChangeMyDevice {
        ChangeMyDevice {
            api: self.clone(),
            device_id: device_id.into(),
            play: None,
        }
    }

    /// Get the user's Spotify Connect devices.
    ///
    /// Spec: `get-a-users-available-devices` · `GET /me/player/devices` · scopes:
    /// `user-read-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for device in api.get_my_devices().await?.devices {
    ///     println!("{} ({})", device.name, if device.is_active { "active" } else { "idle" });
    /// }
    /// # Ok(()) }
    /// ```
    pub fn get_my_devices(&self) -> GetMyDevices {
        GetMyDevices { api: self.clone() }
    }

    /// Get what the user is playing: the item, its progress and its context, `None` when
    /// nothing is (Spotify answers 204).
    ///
    /// Spec: `get-the-users-currently-playing-track` · `GET /me/player/currently-playing` ·
    /// scopes: `user-read-currently-playing`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// if let Some(playing) = api.get_my_current_track().market("SE").await? {
    ///     if let Some(item) = &playing.item {
    ///         println!("{} at {:?} ms", item.name(), playing.progress_ms);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn get_my_current_track(&self) -> GetMyCurrentTrack {
        GetMyCurrentTrack {
            api: self.clone(),
            options: ReadOptions::default(),
        }
    }

    /// Start playback of a context ([`Play::context`]) or of items ([`Play::uris`]), or, with
    /// neither, resume what is paused.
    ///
    /// Spec: `start-a-users-playback` · `PUT /me/player/play` · scopes:
    /// `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::{AlbumId, TrackId};
    ///
    /// // An album from its sixth track, 10 seconds in.
    /// let album = AlbumId::parse("spotify:album:5ht7ItJgpBH7W6vJ5BqpPr")?;
    /// api.play().context(album).offset(5).position_ms(10_000).await?;
    /// // Two tracks, no context.
    /// let tracks = ["4iV5W9uYEdYUVa79Axb7Rh", "1301WleyT98MSxVHPZCA6M"].map(TrackId::parse);
    /// api.play().uris(tracks.into_iter().collect::<Result<Vec<_>, _>>()?).await?;
    /// // Resume.
    /// api.play().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for an item that is not a
    /// track or an episode, or a context that is not an album, artist, playlist, show or
    /// audiobook; [`Error::InvalidArgument`](crate::Error::InvalidArgument) for empty `uris`, or an offset without a context
    /// or items. Spotify's refusals carry a reason: `NOT_PAUSED` when resuming while playing,
    /// `NO_SPECIFIC_TRACK` for an offset outside the context.
    pub fn play(&self) -> Play {
        Play {
            api: self.clone(),
            device_id: None,
            what: None,
            offset: None,
            position_ms: None,
        }
    }

    /// Pause playback.
    ///
    /// Spec: `pause-a-users-playback` · `PUT /me/player/pause` · scopes:
    /// `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::PlayerErrorReason;
    ///
    /// match api.pause().await {
    ///     Ok(()) => println!("paused"),
    ///     Err(e) if e.player_reason() == Some(&PlayerErrorReason::AlreadyPaused) => {}
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Api`](crate::Error::Api) 403 with the reason `ALREADY_PAUSED` when nothing plays
    /// (Spotify has also been seen to send `UNKNOWN` for it).
    pub fn pause(&self) -> Pause {
        Pause {
            api: self.clone(),
            device_id: None,
        }
    }

    /// Skip to the next item: the first one queued, else the context's next one.
    ///
    /// Spec: `skip-users-playback-to-next-track` · `POST /me/player/next` · scopes:
    /// `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.next().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Api`](crate::Error::Api) 403 with the reason `NO_NEXT_TRACK` at the end of the
    /// context.
    pub fn next(&self) -> Next {
        Next {
            api: self.clone(),
            device_id: None,
        }
    }

    /// Skip to the previous item (Spotify restarts the current one instead when it has played
    /// for a few seconds).
    ///
    /// Spec: `skip-users-playback-to-previous-track` · `POST /me/player/previous` · scopes:
    /// `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.previous().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Api`](crate::Error::Api) 403 with the reason `NO_PREV_TRACK` at the start of
    /// the context.
    pub fn previous(&self) -> Previous {
        Previous {
            api: self.clone(),
            device_id: None,
        }
    }

    /// Seek to `position_ms` in the current item; a position past its end starts the next one.
    ///
    /// Spec: `seek-to-position-in-currently-playing-track` · `PUT /me/player/seek` · scopes:
    /// `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.seek(25_000).await?;
    /// # Ok(()) }
    /// ```
    pub fn seek(&self, position_ms: u32) -> Seek {
        Seek {
            api: self.clone(),
            position_ms,
            device_id: None,
        }
    }

    /// Set the repeat mode: the current track, the context, or off.
    ///
    /// Spec: `set-repeat-mode-on-users-playback` · `PUT /me/player/repeat` · scopes:
    /// `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::model::RepeatState;
    ///
    /// api.repeat(RepeatState::Context).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for [`RepeatState::Unknown`].
    pub fn repeat(&self, state: RepeatState) -> Repeat {
        Repeat {
            api: self.clone(),
            state,
            device_id: None,
        }
    }

    /// Set the volume, in percent, of the active device (or the one named).
    ///
    /// Spec: `set-volume-for-users-playback` · `PUT /me/player/volume` · scopes:
    /// `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.change_volume(40).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a volume above 100;
    /// [`Error::Api`](crate::Error::Api) 403 with the reason `VOLUME_CONTROL_DISALLOW` for a
    /// device whose volume cannot be set ([`Device::supports_volume`](crate::model::Device)).
    pub fn change_volume(&self, volume_percent: u32) -> ChangeVolume {
        ChangeVolume {
            api: self.clone(),
            volume_percent,
            device_id: None,
        }
    }

    /// Turn shuffle on or off.
    ///
    /// Spec: `toggle-shuffle-for-users-playback` · `PUT /me/player/shuffle` · scopes:
    /// `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.shuffle(true).await?;
    /// # Ok(()) }
    /// ```
    pub fn shuffle(&self, state: bool) -> Shuffle {
        Shuffle {
            api: self.clone(),
            state,
            device_id: None,
        }
    }

    /// Get the tracks the user played recently, newest first, one page at a time (cursor
    /// paging: [`stream`](GetMyRecentTracks::stream) follows the pages back in time).
    ///
    /// Spec: `get-recently-played` · `GET /me/player/recently-played` · scopes:
    /// `user-read-recently-played`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use std::time::{Duration, SystemTime};
    /// use futures_util::TryStreamExt;
    ///
    /// let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    /// let page = api.get_my_recent_tracks().after(hour_ago).limit(50).await?;
    /// println!("{} tracks in the last hour", page.items.len());
    /// let all: Vec<_> = api.get_my_recent_tracks().stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit` outside 1..=50 or a time
    /// before 1970.
    pub fn get_my_recent_tracks(&self) -> GetMyRecentTracks {
        GetMyRecentTracks {
            api: self.clone(),
            limit: None,
            cursor: None,
        }
    }

    /// Get the user's queue: the current item and the ones coming next (the items queued, then
    /// the context's).
    ///
    /// Spec: `get-queue` · `GET /me/player/queue` · scopes: `user-read-currently-playing`,
    /// `user-read-playback-state` (either).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for item in api.get_my_queue().await?.queue {
    ///     println!("{}", item.name());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn get_my_queue(&self) -> GetMyQueue {
        GetMyQueue { api: self.clone() }
    }

    /// Add a track or an episode to the user's queue: it plays after the current item (and
    /// the ones queued before it).
    ///
    /// Spec: `add-to-queue` · `POST /me/player/queue` · scopes: `user-modify-playback-state`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.queue("spotify:track:4iV5W9uYEdYUVa79Axb7Rh").await?;
    /// api.queue(spotify_web_api::EpisodeId::parse("512ojhOuo1ktJprKbVcKyQ")?).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for anything but a track
    /// or an episode (and for a bare ID given as text, whose kind is unknown).
    pub fn queue(&self, item: impl IntoItem<PlayableId>) -> AddToQueue {
        AddToQueue {
            api: self.clone(),
            item: item.into_item(),
            device_id: None,
        }
    }
}
