//! Per-user players: each user's Spotify Connect devices, what plays on the active one, the
//! user's queue, shuffle and repeat, and the history of what was played.
//!
//! One `Mutex` over every user's [`Player`]: reading a player changes it too, because every
//! access first brings it up to the virtual clock ([`Player::catch_up`]): the current item's
//! progress grows while it plays, and an item that reached its end is recorded in the history
//! and followed by the next one (the user's queue first, then the context, as repeat and
//! shuffle say). Sections are short and synchronous; rendering happens outside the lock, from
//! the views ([`PlaybackView`], [`QueueView`], [`HistoryPage`]) taken under it.
//!
//! The rules, where Spotify leaves room (each one is what Spotify's clients do):
//!
//! - A player starts (and restarts on reset) with the user's configured devices, the first one
//!   marked active being the active device, and nothing loaded: `GET /me/player` answers 204.
//! - A command that names a `device_id` makes that device the active one first (the playback
//!   moves to it, as a transfer would); without one it goes to the active device, and without
//!   an active device it is refused with `NO_ACTIVE_DEVICE`. Volume is the exception: it is a
//!   property of the device named, which need not be active.
//! - `next` and `previous` start playing; `previous` three seconds or more into an item
//!   ([`RESTART_AFTER_MS`](playback::RESTART_AFTER_MS)) restarts that item instead of going
//!   back.
//! - Queued items (`POST /me/player/queue`) play after the current item, in the order they were
//!   added, before the context goes on; they stay queued when a new context starts.
//! - At the end of the context with repeat off, the player goes back to the context's first
//!   item, paused. Repeat `track` replays an item that ends by itself (a skip still moves on);
//!   repeat `context` wraps around both ways.
//! - The history (`GET /me/player/recently-played`) records tracks (Spotify leaves episodes
//!   out) when they end or are skipped, with the context they were played from (none for a
//!   queued item), the last 50 only ([`HISTORY_CAPACITY`](playback::HISTORY_CAPACITY)), as on
//!   Spotify. Each entry's time is unique and increasing, so the millisecond cursors never
//!   tie.
//!
//! Files: `items.rs` (what plays, contexts, modes, the views), `playback.rs` (the player and
//! its commands), `refusal.rs` (why a command is refused, in Spotify's words), and this file
//! (the store, context resolution, the control plane).

mod items;
mod playback;
mod refusal;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

pub(crate) use items::{
    ContextKind, ContextRef, HistoryCursor, HistoryPage, Offset, Playable, PlaybackView, QueueView,
    Repeat, Start,
};
pub(crate) use playback::Player;
pub(crate) use refusal::Refusal;

use super::settings::present;
use super::{AppState, lock};
use crate::catalog::Catalog;
use crate::catalog::model::{Id, ItemRef};
use crate::config::{Product, User};
use crate::errors::{
    ApiError, INVALID_CONTEXT_URI, NON_EXISTING_ID, PLAYER_PREMIUM_REQUIRED, UNKNOWN_DEVICE,
    UNKNOWN_USER,
};
use items::split_uri;

/// A user's player as `GET`/`PUT /__emulator/users/{id}/player` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct PlayerSnapshot {
    /// The id of the active device, if any.
    pub(crate) active_device: Option<String>,
    /// The URI of the item loaded, if any.
    pub(crate) item: Option<String>,
    /// The URI of the context it plays from, if any.
    pub(crate) context: Option<String>,
    pub(crate) is_playing: bool,
    pub(crate) progress_ms: Option<u64>,
    pub(crate) shuffle: bool,
    pub(crate) repeat: Repeat,
    /// The user's queue, as URIs.
    pub(crate) queue: Vec<String>,
    /// How many entries the history holds.
    pub(crate) history: usize,
}

/// What `PUT /__emulator/users/{id}/player` changes; absent fields stay as they are.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlayerPatch {
    /// A device id makes it the active device (the playback moves to it); `null` leaves the
    /// user with no active device, and so nothing playing.
    #[serde(default, deserialize_with = "present")]
    pub(crate) active_device: Option<Option<String>>,
    /// Unloads what plays (`GET /me/player` answers 204 again); the devices stay.
    #[serde(default)]
    pub(crate) stop: bool,
    /// Empties the user's queue.
    #[serde(default)]
    pub(crate) clear_queue: bool,
    /// Empties the history.
    #[serde(default)]
    pub(crate) clear_history: bool,
}

/// Every user's player, made from the user's configuration on first use.
#[derive(Debug, Default)]
pub(crate) struct PlayerStore {
    players: Mutex<HashMap<String, Player>>,
}

impl PlayerStore {
    /// Runs `f` on `user`'s player, brought up to `now` first.
    fn with<T>(
        &self,
        user: &User,
        now: u64,
        catalog: &Catalog,
        f: impl FnOnce(&mut Player) -> T,
    ) -> T {
        let mut players = lock(&self.players);
        let player = players
            .entry(user.id.clone())
            .or_insert_with(|| Player::new(user));
        player.catch_up(now, catalog);
        f(player)
    }

    /// Forgets every player (reset): each starts again from its user's configuration.
    pub(crate) fn clear(&self) {
        lock(&self.players).clear();
    }

    /// Every player in use, by user id (for a state file).
    pub(crate) fn to_saved(&self) -> BTreeMap<String, Player> {
        lock(&self.players)
            .iter()
            .map(|(user, player)| (user.clone(), player.clone()))
            .collect()
    }

    /// Puts back the players a state file kept.
    pub(crate) fn restore(&self, saved: BTreeMap<String, Player>) {
        lock(&self.players).extend(saved);
    }
}

/// A player's devices in a state file: every field of [`Device`] (a public type, which the
/// file format does not tie down).
mod saved_devices {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::config::Device;

    #[derive(Serialize, Deserialize)]
    struct SavedDevice {
        id: String,
        name: String,
        kind: String,
        is_active: bool,
        is_private_session: bool,
        is_restricted: bool,
        volume_percent: Option<u8>,
        supports_volume: bool,
    }

    pub(super) fn serialize<S: Serializer>(devices: &[Device], s: S) -> Result<S::Ok, S::Error> {
        let saved: Vec<SavedDevice> = devices
            .iter()
            .map(|d| SavedDevice {
                id: d.id.clone(),
                name: d.name.clone(),
                kind: d.kind.clone(),
                is_active: d.is_active,
                is_private_session: d.is_private_session,
                is_restricted: d.is_restricted,
                volume_percent: d.volume_percent,
                supports_volume: d.supports_volume,
            })
            .collect();
        saved.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Device>, D::Error> {
        let saved = Vec::<SavedDevice>::deserialize(d)?;
        Ok(saved
            .into_iter()
            .map(|d| Device {
                id: d.id,
                name: d.name,
                kind: d.kind,
                is_active: d.is_active,
                is_private_session: d.is_private_session,
                is_restricted: d.is_restricted,
                volume_percent: d.volume_percent,
                supports_volume: d.supports_volume,
            })
            .collect())
    }
}

impl AppState {
    /// Now on the virtual clock, in Unix milliseconds.
    pub(crate) fn now_ms(&self) -> u64 {
        u64::try_from(self.now().as_millis()).unwrap_or(u64::MAX)
    }

    /// Reads `user`'s player (brought up to the clock) with `f`, which gets the time too.
    pub(crate) fn read_player<T>(&self, user: &User, f: impl FnOnce(&Player, u64) -> T) -> T {
        let now = self.now_ms();
        self.shared
            .player
            .with(user, now, &self.shared.catalog, |player| f(player, now))
    }

    /// Runs a player command for `user`: 403 `PREMIUM_REQUIRED` for a Free user; else `command`
    /// on the player (brought up to the clock), its refusal in Spotify's words.
    pub(crate) fn player_command(
        &self,
        user: &User,
        command: impl FnOnce(&mut Player, u64, &Catalog) -> Result<(), Refusal>,
    ) -> Result<(), ApiError> {
        if user.product == Product::Free {
            return Err(
                ApiError::new(StatusCode::FORBIDDEN, PLAYER_PREMIUM_REQUIRED)
                    .with_reason("PREMIUM_REQUIRED"),
            );
        }
        let now = self.now_ms();
        let catalog = &self.shared.catalog;
        let result = self
            .shared
            .player
            .with(user, now, catalog, |player| command(player, now, catalog));
        result.map_err(|refusal| refusal.into_api_error(self.settings().player_restriction_reason))
    }

    /// The items of a context URI (`spotify:album:`, `artist:`, `playlist:`, `show:` for a show
    /// or an audiobook, `audiobook:`): 400 `Invalid context uri` for another kind or a
    /// malformed one, 404 `non existing id` for one the emulator lacks. An artist's context is
    /// their top tracks in `market`.
    pub(crate) fn context_items(
        &self,
        uri: &str,
        market: Option<&str>,
    ) -> Result<(ContextRef, Vec<Playable>), ApiError> {
        let catalog = self.catalog();
        let (kind, id) = split_uri(uri).ok_or(ApiError::bad_request(INVALID_CONTEXT_URI))?;
        let missing = || ApiError::not_found(NON_EXISTING_ID);
        let tracks = |ids: &[Id]| ids.iter().map(|id| Playable::Track(*id)).collect();
        let (kind, items) = match kind {
            "album" => (
                ContextKind::Album,
                tracks(&catalog.albums.get(&id).ok_or_else(missing)?.tracks),
            ),
            "artist" => {
                let artist = catalog.artists.get(&id).ok_or_else(missing)?;
                let top = catalog.top_tracks(artist, market);
                (
                    ContextKind::Artist,
                    top.iter().map(|t| Playable::Track(t.id)).collect(),
                )
            }
            "playlist" => {
                let playlist = self.playlists().get(id.as_str()).ok_or_else(missing)?;
                let items = playlist
                    .items
                    .iter()
                    .filter_map(|item| match item.item {
                        ItemRef::Track(id) => Some(Playable::Track(id)),
                        ItemRef::Episode(id) => Some(Playable::Episode(id)),
                        ItemRef::Local(_) => None,
                    })
                    .collect();
                (ContextKind::Playlist, items)
            }
            "show" | "audiobook" => {
                if let Some(show) = catalog.shows.get(&id).filter(|_| kind == "show") {
                    let items = show.episodes.iter().map(|id| Playable::Episode(*id));
                    (ContextKind::Show, items.collect())
                } else {
                    let book = catalog.audiobooks.get(&id).ok_or_else(missing)?;
                    let items = book.chapters.iter().map(|id| Playable::Chapter(*id));
                    (ContextKind::Audiobook, items.collect())
                }
            }
            _ => return Err(ApiError::bad_request(INVALID_CONTEXT_URI)),
        };
        Ok((ContextRef { kind, id }, items))
    }

    /// The control plane's view of `user_id`'s player (404 `Unknown user`).
    pub(crate) fn player_snapshot(&self, user_id: &str) -> Result<PlayerSnapshot, ApiError> {
        let user = self
            .user(user_id)
            .ok_or(ApiError::not_found(UNKNOWN_USER))?;
        Ok(self.read_player(&user, |player, now| player.snapshot(now)))
    }

    /// Applies a control-plane `patch` to `user_id`'s player (404 `Unknown user` or `Unknown
    /// device`) and returns its new view.
    pub(crate) fn patch_player(
        &self,
        user_id: &str,
        patch: PlayerPatch,
    ) -> Result<PlayerSnapshot, ApiError> {
        let user = self
            .user(user_id)
            .ok_or(ApiError::not_found(UNKNOWN_USER))?;
        let now = self.now_ms();
        let catalog = &self.shared.catalog;
        self.shared.player.with(&user, now, catalog, |player| {
            match patch.active_device {
                Some(Some(id)) => {
                    player
                        .transfer(&id, false, now)
                        .map_err(|_| ApiError::not_found(UNKNOWN_DEVICE))?;
                }
                Some(None) => {
                    player.active = None;
                    player.playback = None;
                }
                None => {}
            }
            if patch.stop {
                player.playback = None;
            }
            if patch.clear_queue {
                player.queue.clear();
            }
            if patch.clear_history {
                player.history.clear();
            }
            Ok(player.snapshot(now))
        })
    }
}
