//! The player: [`Device`] and [`Devices`] (`DeviceObject`, `DevicesObject`, from
//! `GET /me/player/devices`), [`Context`] (`ContextObject`) and [`PlayHistory`]
//! (`PlayHistoryObject`, from `GET /me/player/recently-played`).

use crate::lenient::model;

use super::common::{ExternalUrls, ItemType, string_enum};
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
