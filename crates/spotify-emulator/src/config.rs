//! What an emulator starts with: apps, users, and the switches for behaviours that changed over
//! time (refresh-token rotation and lifetime, 401 wording).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::catalog::Catalog;
use crate::quota::QuotaMode;
use crate::rate_limit::RateLimit;
use crate::serve::{DEFAULT_BODY_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT};

/// Client id of the default app.
pub const DEFAULT_CLIENT_ID: &str = "emulator-client-id";
/// Client secret of the default app.
pub const DEFAULT_CLIENT_SECRET: &str = "emulator-client-secret";
/// Id of the default (Premium) user.
pub const DEFAULT_USER_ID: &str = "emulator-user";
/// Id of the second default user, on the Free plan.
pub const FREE_USER_ID: &str = "emulator-free-user";
/// The default user's active device at start: "Emulator Desktop", a computer at 80% volume.
pub const DESKTOP_DEVICE_ID: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
/// The default user's inactive device: "Kitchen speaker", at 50% volume.
pub const SPEAKER_DEVICE_ID: &str = "5fbb3ba6aa454b5534c4ba43a8c7e8e45a63ad0e";
/// The default user's device whose volume cannot be set: "Car stereo" (`supports_volume:
/// false`; setting its volume is a 403 `VOLUME_CONTROL_DISALLOW`).
pub const FIXED_VOLUME_DEVICE_ID: &str = "ca7c0ffee0b1ade5d00d0000000000000000beef";
/// Redirect URIs registered for the default app (and for [`App::new`]): the two loopback IP
/// literals without a port, so any port matches at `/authorize` (`SPOTIFY-PROTOCOL.md` §1.1).
pub const DEFAULT_REDIRECT_URIS: [&str; 2] = ["http://127.0.0.1/callback", "http://[::1]/callback"];
/// Default maximum lifetime of a refresh token: 183 days (six months) after the original
/// authorisation, as Spotify does since 2026-06-18.
pub const DEFAULT_REFRESH_TOKEN_LIFETIME: Duration = Duration::from_secs(183 * 24 * 60 * 60);

/// Whether `POST /api/token` with `grant_type=refresh_token` returns a new refresh token.
///
/// When it does, the old refresh token stops working at once. The default, [`Rotation::None`],
/// is Spotify's behaviour since mid-2026: the original refresh token is returned by no refresh
/// and keeps working until it expires or is revoked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rotation {
    /// Never rotate (Spotify since 2026).
    #[default]
    None,
    /// Rotate refresh tokens that were issued through PKCE (Spotify before 2026).
    PkceOnly,
    /// Rotate every refresh token.
    Always,
}

/// Which wording the Web API uses for 401 responses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageEra {
    /// Before mid-2026: `No token provided`, `Invalid access token`, `The access token expired`.
    Legacy,
    /// Since mid-2026: `Missing/invalid/expired access token` for all three cases.
    #[default]
    Current,
}

/// A registered Spotify app (a client of the accounts service).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct App {
    /// The client id.
    pub client_id: String,
    /// The client secret.
    pub client_secret: String,
    /// Registered redirect URIs, matched exactly at `/authorize`, except that a loopback IP
    /// literal registered without a port matches any port.
    pub redirect_uris: Vec<String>,
    /// The name shown on the consent page.
    pub name: String,
    /// What the app may call and see. Default: [`QuotaMode::Development`], as for every new
    /// Spotify app since 2026-02.
    pub quota_mode: QuotaMode,
    /// The app's request budget over a rolling window, past which it gets 429s
    /// (`SPOTIFY-PROTOCOL.md` §2.6). Default: `None`, no limit.
    pub rate_limit: Option<RateLimit>,
}

impl App {
    /// An app named after its client id, with the [`DEFAULT_REDIRECT_URIS`] registered.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        let client_id = client_id.into();
        Self {
            name: client_id.clone(),
            client_id,
            client_secret: client_secret.into(),
            redirect_uris: DEFAULT_REDIRECT_URIS.map(String::from).to_vec(),
            quota_mode: QuotaMode::Development,
            rate_limit: None,
        }
    }

    /// Limits the app's requests (default: no limit).
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = Some(limit);
        self
    }

    /// Sets the quota mode (default [`QuotaMode::Development`]).
    pub fn quota_mode(mut self, mode: QuotaMode) -> Self {
        self.quota_mode = mode;
        self
    }

    /// Sets the name shown on the consent page.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Registers one more redirect URI.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uris.push(uri.into());
        self
    }

    /// Replaces the registered redirect URIs.
    pub fn redirect_uris<I, U>(mut self, uris: I) -> Self
    where
        I: IntoIterator<Item = U>,
        U: Into<String>,
    {
        self.redirect_uris = uris.into_iter().map(Into::into).collect();
        self
    }
}

impl Default for App {
    /// The default app: [`DEFAULT_CLIENT_ID`], [`DEFAULT_CLIENT_SECRET`], named
    /// "Spotify Emulator App", with the [`DEFAULT_REDIRECT_URIS`].
    fn default() -> Self {
        Self::new(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET).name("Spotify Emulator App")
    }
}

impl fmt::Debug for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("App")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("redirect_uris", &self.redirect_uris)
            .field("name", &self.name)
            .field("quota_mode", &self.quota_mode)
            .field("rate_limit", &self.rate_limit)
            .finish()
    }
}

/// A Spotify subscription level, as `product` in `GET /me`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Product {
    /// `"premium"`.
    #[default]
    Premium,
    /// `"free"`.
    Free,
}

impl Product {
    /// The wire value: `"premium"` or `"free"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Premium => "premium",
            Self::Free => "free",
        }
    }
}

/// A Spotify Connect device of a user (`DeviceObject` in the spec).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Device {
    /// The device id.
    pub id: String,
    /// A human-readable name.
    pub name: String,
    /// The device type as Spotify spells it: `"Computer"`, `"Smartphone"`, `"Speaker"`…
    pub kind: String,
    /// Whether this is the currently active device.
    pub is_active: bool,
    /// Whether the device is in a private session.
    pub is_private_session: bool,
    /// Whether the device refuses Web API commands.
    pub is_restricted: bool,
    /// Volume, 0..=100, if known.
    pub volume_percent: Option<u8>,
    /// Whether the volume can be set.
    pub supports_volume: bool,
}

impl Device {
    /// An inactive, unrestricted device at 50% volume.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            is_active: false,
            is_private_session: false,
            is_restricted: false,
            volume_percent: Some(50),
            supports_volume: true,
        }
    }

    /// Marks the device active (or not).
    pub fn active(mut self, is_active: bool) -> Self {
        self.is_active = is_active;
        self
    }

    /// Sets the volume (clamped to 100).
    pub fn volume(mut self, percent: u8) -> Self {
        self.volume_percent = Some(percent.min(100));
        self
    }

    /// Says whether the volume can be set through the Web API (default `true`); a device that
    /// cannot answers volume commands with 403 `VOLUME_CONTROL_DISALLOW`.
    pub fn supports_volume(mut self, supports: bool) -> Self {
        self.supports_volume = supports;
        self
    }
}

/// A Spotify user who can log in at `/authorize`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct User {
    /// The Spotify user id.
    pub id: String,
    /// The public, immutable, pseudonymous account id (`account_id`, added 2026-05).
    pub account_id: String,
    /// The display name, `null` on the wire when `None`.
    pub display_name: Option<String>,
    /// The e-mail address (sent only with scope `user-read-email`).
    pub email: String,
    /// ISO 3166-1 alpha-2 country (sent only with `user-read-private`; `market=from_token`).
    pub country: String,
    /// Subscription level (sent only with `user-read-private`).
    pub product: Product,
    /// Explicit-content filter switched on (sent only with `user-read-private`).
    pub explicit_filter_enabled: bool,
    /// Explicit-content setting locked (sent only with `user-read-private`).
    pub explicit_filter_locked: bool,
    /// Follower count.
    pub followers: u64,
    /// The user's Spotify Connect devices. The first one marked active is the player's active
    /// device at start (and after a reset); the others start inactive.
    pub devices: Vec<Device>,
}

impl User {
    /// A Premium user in Sweden with display name and e-mail derived from `id`, no devices, and
    /// an `account_id` derived from a hash of `id` (stable across runs).
    pub fn new(id: impl Into<String>) -> Self {
        let id = id.into();
        Self {
            account_id: account_id_for(&id),
            display_name: Some(id.clone()),
            email: format!("{id}@example.com"),
            country: "SE".to_owned(),
            product: Product::Premium,
            explicit_filter_enabled: false,
            explicit_filter_locked: false,
            followers: 0,
            devices: Vec::new(),
            id,
        }
    }

    /// Sets the display name.
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    /// Sets the e-mail address.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = email.into();
        self
    }

    /// Sets the country (an ISO 3166-1 alpha-2 code such as `"SE"`).
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.country = country.into();
        self
    }

    /// Sets the subscription level.
    pub fn product(mut self, product: Product) -> Self {
        self.product = product;
        self
    }

    /// Adds a Spotify Connect device.
    pub fn device(mut self, device: Device) -> Self {
        self.devices.push(device);
        self
    }

    /// The default Premium user, [`DEFAULT_USER_ID`]: "Emulator User", country `SE`, three
    /// devices: the active [`DESKTOP_DEVICE_ID`] (nothing playing on it yet), the inactive
    /// [`SPEAKER_DEVICE_ID`], and [`FIXED_VOLUME_DEVICE_ID`], whose volume cannot be set.
    pub fn default_premium() -> Self {
        Self::new(DEFAULT_USER_ID)
            .display_name("Emulator User")
            .email("emulator-user@example.com")
            .device(
                Device::new(DESKTOP_DEVICE_ID, "Emulator Desktop", "Computer")
                    .volume(80)
                    .active(true),
            )
            .device(Device::new(SPEAKER_DEVICE_ID, "Kitchen speaker", "Speaker"))
            .device(
                Device::new(FIXED_VOLUME_DEVICE_ID, "Car stereo", "Automobile")
                    .volume(100)
                    .supports_volume(false),
            )
    }

    /// The default Free user, [`FREE_USER_ID`]: "Emulator Free User", country `GB`, one phone.
    pub fn default_free() -> Self {
        Self::new(FREE_USER_ID)
            .display_name("Emulator Free User")
            .email("emulator-free-user@example.com")
            .country("GB")
            .product(Product::Free)
            .device(
                Device::new(
                    "0f1e2d3c4b5a69788796a5b4c3d2e1f0aabbccdd",
                    "Emulator Phone",
                    "Smartphone",
                )
                .volume(100),
            )
    }
}

/// A 10-character base62 id derived from the user id, like the spec's example `aB3dE5fG7h`.
fn account_id_for(user_id: &str) -> String {
    const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let digest = Sha256::digest(format!("account:{user_id}").as_bytes());
    digest
        .iter()
        .take(10)
        .map(|b| char::from(BASE62[usize::from(*b) % 62]))
        .collect()
}

/// Everything an emulator starts with, and returns to on `POST /__emulator/reset`.
///
/// Build one with [`Config::default`] and change the fields, or through
/// [`EmulatorBuilder`](crate::EmulatorBuilder).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Config {
    /// Registered apps. The first is the default app.
    pub apps: Vec<App>,
    /// Users who can log in. Must contain `default_user_id`.
    pub users: Vec<User>,
    /// The user preselected on the consent page.
    pub default_user_id: String,
    /// Refresh-token rotation. Default: [`Rotation::None`].
    pub refresh_rotation: Rotation,
    /// Maximum refresh-token lifetime after the original authorisation. Default: 183 days.
    pub refresh_token_lifetime: Duration,
    /// 401 wording. Default: [`MessageEra::Current`].
    pub message_era: MessageEra,
    /// When set, `GET /authorize` approves at once for this user instead of showing the consent
    /// page. Default: `None`.
    pub auto_approve_user: Option<String>,
    /// The catalog to serve. Default: `None`, the built-in catalog ([`Catalog::builtin`]).
    pub catalog: Option<Arc<Catalog>>,
    /// Whether the request log keeps each answer's body. Default: `false`.
    pub log_response_bodies: bool,
    /// The time a client has to send a request's header section, and the longest a
    /// keep-alive connection may sit idle. Default: [`DEFAULT_HEADER_READ_TIMEOUT`] (30 s).
    /// Used by [`EmulatorBuilder::start`](crate::EmulatorBuilder::start), not by [`router`](crate::router).
    pub header_read_timeout: Duration,
    /// The time a client has to send a request's body, from the end of its headers; past it,
    /// a 408. Default: [`DEFAULT_BODY_TIMEOUT`] (30 s).
    pub body_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            apps: vec![App::default()],
            users: vec![User::default_premium(), User::default_free()],
            default_user_id: DEFAULT_USER_ID.to_owned(),
            refresh_rotation: Rotation::None,
            refresh_token_lifetime: DEFAULT_REFRESH_TOKEN_LIFETIME,
            message_era: MessageEra::Current,
            auto_approve_user: None,
            catalog: None,
            log_response_bodies: false,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
        }
    }
}

impl Config {
    /// Adds `app`, replacing a registered app with the same client id.
    pub(crate) fn upsert_app(&mut self, app: App) {
        match self.apps.iter_mut().find(|a| a.client_id == app.client_id) {
            Some(slot) => *slot = app,
            None => self.apps.push(app),
        }
    }

    /// Adds `user`, replacing a user with the same id.
    pub(crate) fn upsert_user(&mut self, user: User) {
        match self.users.iter_mut().find(|u| u.id == user.id) {
            Some(slot) => *slot = user,
            None => self.users.push(user),
        }
    }

    /// The default app (the first registered one).
    pub(crate) fn default_app(&self) -> Option<&App> {
        self.apps.first()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_id_is_stable_and_base62() {
        let a = account_id_for("emulator-user");
        assert_eq!(a, account_id_for("emulator-user"));
        assert_eq!(a.len(), 10);
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(a, account_id_for("emulator-free-user"));
    }

    #[test]
    fn app_debug_hides_the_secret() {
        let shown = format!("{:?}", App::default());
        assert!(!shown.contains(DEFAULT_CLIENT_SECRET));
    }
}
