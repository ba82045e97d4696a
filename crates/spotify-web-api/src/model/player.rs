//! The player: [`PlaybackState`] (`CurrentlyPlayingContextObject`, from `GET /me/player`),
//! [`CurrentlyPlaying`] (`CurrentlyPlayingObject`, from `GET /me/player/currently-playing`),
//! [`Queue`] (`QueueObject`, from `GET /me/player/queue`), [`Device`] and [`Devices`]
//! (`DeviceObject`, `DevicesObject`, from `GET /me/player/devices`), [`Context`]
//! (`ContextObject`), [`Actions`] and [`Disallows`] (`DisallowsObject`), and [`PlayHistory`]
//! (`PlayHistoryObject`, from `GET /me/player/recently-played`).
//!
//! When nothing is playing, `GET /me/player` and `GET /me/player/currently-playing` answer 204
//! with no body: their operations return `Option`s. The current item is a
//! [`PlayableItem`]: a track, an episode (with `additional_types=episode`), or `None` during an
//! ad or for a private session.

use crate::lenient::model;

use super::common::{ExternalUrls, ItemType, string_enum};
use super::playable::PlayableItem;
use super::track::Track;

string_enum! {
    /// The kind of a Connect device (`DeviceObject.type`). Spotify spells these in CamelCase
    /// (`"Computer"`, `"TV"`), the spec's examples in lower case; any case is accepted.
    pub enum DeviceType {
        /// `Computer`.
        Computer = "Computer",
        /// `Tablet`.
        Tablet = "Tablet",
        /// `Smartphone`.
        Smartphone = "Smartphone",
        /// `Speaker`.
        Speaker = "Speaker",
        /// `TV`.
        Tv = "TV",
        /// `AVR`: an audio/video receiver.
        Avr = "AVR",
        /// `STB`: a set-top box.
        Stb = "STB",
        /// `AudioDongle`.
        AudioDongle = "AudioDongle",
        /// `GameConsole`.
        GameConsole = "GameConsole",
        /// `CastVideo`: a Chromecast video device.
        CastVideo = "CastVideo",
        /// `CastAudio`: a Chromecast audio device.
        CastAudio = "CastAudio",
        /// `Automobile`.
        Automobile = "Automobile",
    }
}

model! {
    /// A device the user can play on through Spotify Connect (`DeviceObject`).
    pub struct Device {
        /// The device ID, persistent to some extent only: refetch it now and then. `None` for some
        /// devices (restricted ones, for example).
        pub id: Option<String>,
        /// Whether this is the currently active device.
        pub is_active: bool,
        /// Whether the device is in a private session; `false` when Spotify leaves it out.
        pub is_private_session: bool,
        /// Whether controlling the device is restricted: then it accepts no Web API commands.
        pub is_restricted: bool,
        /// A human-readable name, e.g. "Kitchen speaker".
        pub name: String,
        /// The kind of device.
        #[json = "type"]
        pub kind: DeviceType,
        /// The current volume in percent, 0 to 100; `None` when unknown.
        pub volume_percent: Option<u32>,
        /// Whether the volume can be set on the device; `false` when Spotify leaves it out (older
        /// bodies).
        pub supports_volume: bool,
    }
}

model! {
    /// The user's available devices (`DevicesObject`), from `GET /me/player/devices`.
    pub struct Devices {
        /// The devices; empty when none is available.
        pub devices: Vec<Device>,
    }
}

impl Devices {
    /// Iterates over the devices by reference.
    pub fn iter(&self) -> std::slice::Iter<'_, Device> {
        self.devices.iter()
    }
}

impl IntoIterator for Devices {
    type Item = Device;
    type IntoIter = std::vec::IntoIter<Device>;

    fn into_iter(self) -> Self::IntoIter {
        self.devices.into_iter()
    }
}

impl<'a> IntoIterator for &'a Devices {
    type Item = &'a Device;
    type IntoIter = std::slice::Iter<'a, Device>;

    fn into_iter(self) -> Self::IntoIter {
        self.devices.iter()
    }
}

model! {
    /// What something was played from: an album, artist, playlist or show (`ContextObject`).
    pub struct Context {
        /// The object type of the context, e.g. `album`, `artist`, `playlist`, `show`; Spotify also
        /// sends values outside [`ItemType`]'s known ones (e.g. `collection`), kept as `Unknown`.
        #[json = "type"]
        pub kind: ItemType,
        /// The Web API URL of the context; empty if Spotify sends none.
        pub href: String,
        /// Known external URLs of the context.
        pub external_urls: ExternalUrls,
        /// The Spotify URI of the context.
        pub uri: String,
    }
}

model! {
    /// A track the user played (`PlayHistoryObject`), from `GET /me/player/recently-played`.
    pub struct PlayHistory {
        /// The track played.
        pub track: Track,
        /// When it was played, as an ISO 8601 UTC timestamp (`2017-03-05T10:07:38.946Z`).
        pub played_at: String,
        /// What it was played from; `None` when played outside a context.
        pub context: Option<Context>,
    }
}

string_enum! {
    /// The repeat mode of the player (`repeat_state`).
    pub enum RepeatState {
        /// `off`: no repeat.
        Off = "off",
        /// `track`: repeat the current track.
        Track = "track",
        /// `context`: repeat the current context (album, playlist...).
        Context = "context",
    }
}

string_enum! {
    /// What kind of item is playing (`currently_playing_type`). Spotify's own `unknown` value is
    /// kept as `Unknown("unknown")`, like any value this version does not know.
    pub enum CurrentlyPlayingType {
        /// `track`.
        Track = "track",
        /// `episode`.
        Episode = "episode",
        /// `ad`: an advertisement; the `item` is then `None`.
        Ad = "ad",
    }
}

model! {
    /// Which player actions are not allowed now (`DisallowsObject`): `true` means disallowed;
    /// a missing or `false` flag means allowed.
    pub struct Disallows {
        /// Interrupting playback.
        pub interrupting_playback: bool,
        /// Pausing.
        pub pausing: bool,
        /// Resuming.
        pub resuming: bool,
        /// Seeking to a position.
        pub seeking: bool,
        /// Skipping to the next item.
        pub skipping_next: bool,
        /// Skipping to the previous item.
        pub skipping_prev: bool,
        /// Toggling the repeat-context mode.
        pub toggling_repeat_context: bool,
        /// Toggling shuffle.
        pub toggling_shuffle: bool,
        /// Toggling the repeat-track mode.
        pub toggling_repeat_track: bool,
        /// Transferring playback to another device.
        pub transferring_playback: bool,
    }
}

model! {
    /// The player actions available now (`actions`).
    ///
    /// Real bodies nest the flags as `{"disallows": {"resuming": true, ...}}`, while the spec puts
    /// a `DisallowsObject` directly under `actions`; the real shape is the one read.
    pub struct Actions {
        /// The actions that are not allowed now; all `false` (allowed) when Spotify sends none.
        pub disallows: Disallows,
    }
}

model! {
    /// The state of the user's playback (`CurrentlyPlayingContextObject`), from `GET /me/player`:
    /// the device, the modes, and what is playing.
    pub struct PlaybackState {
        /// The active device; [`Device::default`] if Spotify sends none.
        pub device: Device,
        /// The repeat mode.
        pub repeat_state: RepeatState,
        /// Whether shuffle is on.
        pub shuffle_state: bool,
        /// Whether smart shuffle is on; not in the spec, and `None` in bodies without it.
        pub smart_shuffle: Option<bool>,
        /// What is being played from; `None` when played outside a context (Spotify sends `null`).
        pub context: Option<Context>,
        /// When the playback state last changed (play, pause, skip, seek, new item...), as a Unix
        /// time in milliseconds.
        pub timestamp: u64,
        /// The position in the current item, in milliseconds; `None` when Spotify sends `null`.
        pub progress_ms: Option<u64>,
        /// Whether something is playing now.
        pub is_playing: bool,
        /// The current track or episode; `None` when Spotify sends `null` (an ad, a private
        /// session, or an episode without `additional_types=episode`).
        pub item: Option<PlayableItem>,
        /// What kind of item is playing.
        pub currently_playing_type: CurrentlyPlayingType,
        /// Which actions are not allowed now.
        pub actions: Actions,
    }
}

/// The name of [`PlaybackState`] in the spec (`CurrentlyPlayingContextObject`).
pub type CurrentlyPlayingContext = PlaybackState;

model! {
    /// What the user is playing (`CurrentlyPlayingObject`), from
    /// `GET /me/player/currently-playing`: [`PlaybackState`] without the device and modes.
    pub struct CurrentlyPlaying {
        /// What is being played from; `None` when played outside a context (Spotify sends `null`).
        pub context: Option<Context>,
        /// When the data was fetched, as a Unix time in milliseconds.
        pub timestamp: u64,
        /// The position in the current item, in milliseconds; `None` when Spotify sends `null`.
        pub progress_ms: Option<u64>,
        /// Whether something is playing now.
        pub is_playing: bool,
        /// The current track or episode; `None` when Spotify sends `null` (an ad, a private
        /// session, or an episode without `additional_types=episode`).
        pub item: Option<PlayableItem>,
        /// What kind of item is playing.
        pub currently_playing_type: CurrentlyPlayingType,
        /// Which actions are not allowed now.
        pub actions: Actions,
    }
}

model! {
    /// The user's queue (`QueueObject`), from `GET /me/player/queue`.
    pub struct Queue {
        /// The current track or episode; `None` when nothing is playing (Spotify sends `null`).
        pub currently_playing: Option<PlayableItem>,
        /// The tracks and episodes coming next, in order; empty when the queue is.
        pub queue: Vec<PlayableItem>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_with_nulls_and_unknown_type_deserializes() {
        let devices: Devices = serde_json::from_str(
            r#"{"devices":[{"id":null,"is_active":true,"is_private_session":null,
                "is_restricted":true,"name":"Watch","type":"Smartwatch","volume_percent":null}]}"#,
        )
        .unwrap();
        let device = &devices.devices[0];
        assert_eq!(device.id, None);
        assert_eq!(device.volume_percent, None);
        assert!(!device.supports_volume);
        assert_eq!(device.kind, DeviceType::Unknown("Smartwatch".into()));
        let value = serde_json::to_value(&devices).unwrap();
        assert_eq!(value["devices"][0]["type"], "Smartwatch");
        assert_eq!(serde_json::from_value::<Devices>(value).unwrap(), devices);
    }

    #[test]
    fn device_type_is_case_insensitive() {
        let device: Device = serde_json::from_str(r#"{"id":"d","name":"n","type":"tv"}"#).unwrap();
        assert_eq!(device.kind, DeviceType::Tv);
        assert_eq!(serde_json::to_value(&device).unwrap()["type"], "TV");
    }

    #[test]
    fn playback_state_reads_the_real_shape() {
        let state: PlaybackState = serde_json::from_str(
            r#"{"device":{"id":"3f228e06c8562e2f439e22932da6c3231715ed53","is_active":true,
                "name":"Kitchen","type":"Speaker","volume_percent":54,"supports_volume":true},
                "shuffle_state":false,"smart_shuffle":false,"repeat_state":"context",
                "timestamp":1490252122574,"context":null,"progress_ms":44272.0,
                "item":{"type":"episode","id":"512ojhOuo1ktJprKbVcKyQ","name":"Ep",
                        "show":{"name":"Historia"}},
                "currently_playing_type":"episode",
                "actions":{"disallows":{"resuming":true,"skipping_prev":true}},
                "is_playing":true}"#,
        )
        .unwrap();
        assert_eq!(state.device.kind, DeviceType::Speaker);
        assert_eq!(state.repeat_state, RepeatState::Context);
        assert_eq!(state.smart_shuffle, Some(false));
        assert_eq!(state.context, None);
        assert_eq!(state.timestamp, 1_490_252_122_574);
        assert_eq!(state.progress_ms, Some(44_272));
        assert_eq!(state.currently_playing_type, CurrentlyPlayingType::Episode);
        assert!(state.actions.disallows.resuming && state.actions.disallows.skipping_prev);
        assert!(!state.actions.disallows.pausing);
        let episode = state
            .item
            .as_ref()
            .and_then(PlayableItem::as_episode)
            .unwrap();
        assert_eq!(episode.show.name, "Historia");
        let again: PlaybackState =
            serde_json::from_value(serde_json::to_value(&state).unwrap()).unwrap();
        assert_eq!(again, state);
    }

    #[test]
    fn an_ad_has_no_item_and_unknown_types_are_kept() {
        let playing: CurrentlyPlaying = serde_json::from_str(
            r#"{"timestamp":1,"progress_ms":null,"is_playing":true,"item":null,
                "currently_playing_type":"ad","actions":{}}"#,
        )
        .unwrap();
        assert_eq!(playing.item, None);
        assert_eq!(playing.progress_ms, None);
        assert_eq!(playing.currently_playing_type, CurrentlyPlayingType::Ad);
        let playing: CurrentlyPlaying =
            serde_json::from_str(r#"{"currently_playing_type":"unknown","repeat_state":"x"}"#)
                .unwrap();
        assert_eq!(
            playing.currently_playing_type,
            CurrentlyPlayingType::Unknown("unknown".into())
        );
    }

    #[test]
    fn queue_mixes_tracks_and_episodes() {
        let queue: Queue = serde_json::from_str(
            r#"{"currently_playing":null,"queue":[
                {"type":"track","name":"C-Walk","id":"6S1oHrwjeF66VRUl1b76P6"},
                {"type":"episode","name":"Ep","id":"512ojhOuo1ktJprKbVcKyQ"},null]}"#,
        )
        .unwrap();
        assert_eq!(queue.currently_playing, None);
        let names: Vec<_> = queue.queue.iter().map(PlayableItem::name).collect();
        assert_eq!(names, ["C-Walk", "Ep"]);
        assert!(queue.queue[1].as_episode().is_some());
    }

    #[test]
    fn play_history_without_context_deserializes() {
        let played: PlayHistory = serde_json::from_str(
            r#"{"track":{"id":"t","name":"n","type":"track"},"played_at":"2026-01-01T00:00:00Z",
                "context":null}"#,
        )
        .unwrap();
        assert_eq!(played.context, None);
        assert_eq!(played.track.name, "n");
    }
}
