//! The state file (`EmulatorBuilder::state_file`, the binary's `--state FILE`): what users
//! changed survives a restart, so a standalone emulator serves a demo across runs.
//!
//! **What is kept**: the libraries and follows, every playlist that differs from the
//! catalogue's (created, edited, followed, given a cover: whole, with its recent versions, so a
//! `snapshot_id` from before the restart still names its version), the uploaded images, the
//! players (devices, playback, queue, history), the access tokens not yet expired and every
//! refresh token (with their expiry and the original authorisation time), the remembered
//! approvals, the apps' quota modes that differ from the configuration, and the virtual clock's
//! offset. Not kept: the catalogue (rebuilt from the configuration and seed; the file records
//! which catalogue it was made with and refuses another), authorization codes, settings,
//! counters, faults, rate limits (configuration, like the settings) and the request log.
//!
//! **Format**: one JSON object, `{"format": "spotify-emulator-state", "version": 1,
//! "catalog": "...", "saved_at": ..., "clock_offset_ms": ..., "quota_modes": {..}, "auth": {..},
//! "libraries": {..}, "playlists": {..}, "images": {..}, "players": {..}}`. The types each part
//! is read into (`SavedAuth`, `UserLibrary`, `SavedPlaylists`, `Player`...) are the format:
//! changing one means a new [`FORMAT_VERSION`]. A file of another version, of another
//! catalogue, or that does not parse is a start-up error naming the file; it is never
//! overwritten. A missing file starts fresh and is created at once.
//!
//! **Writing** never happens on the request path. A request that may change the state (any
//! method but `GET`/`HEAD`/`OPTIONS`, on any path: Web API, accounts, control plane) marks it
//! dirty after it is answered, as do [`Emulator::advance_clock`](crate::Emulator::advance_clock)
//! and [`Emulator::set_quota_mode`](crate::Emulator::set_quota_mode); a background task wakes,
//! waits [`COALESCE`] so a burst becomes one write, copies the state (each part under its own
//! lock, briefly) and writes it on a blocking thread. A write goes to a temporary file in the
//! same directory, is flushed to disk (`fsync`), then renamed over the file (and the directory
//! synced): a crash loses at most the last moment, and never leaves a half-written file.
//! Stopping the emulator ([`Emulator::shutdown`](crate::Emulator::shutdown), dropping it, or
//! SIGINT/SIGTERM for the binary) writes a last time. Writes are serialised, each of the state
//! as it is when it starts, so an older copy never replaces a newer one.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use super::auth::SavedAuth;
use super::library::UserLibrary;
use super::player::Player;
use super::playlists::SavedPlaylists;
use super::{AppState, lock};
use crate::catalog::Catalog;
use crate::quota::QuotaMode;

/// What the file says it is.
const FORMAT: &str = "spotify-emulator-state";
/// The version of the file's format this emulator reads and writes.
pub(crate) const FORMAT_VERSION: u32 = 1;
/// How long the writer waits after a change before it copies the state: a burst of changes in
/// that time is one write.
pub(crate) const COALESCE: Duration = Duration::from_millis(50);

/// The file.
#[derive(Debug, Serialize, Deserialize)]
struct StateFile {
    format: String,
    version: u32,
    /// Which catalogue the ids refer to ([`catalog_fingerprint`]).
    catalog: String,
    /// When it was written, Unix seconds on the virtual clock (for people reading the file).
    saved_at: u64,
    clock_offset_ms: u64,
    #[serde(default)]
    quota_modes: BTreeMap<String, QuotaMode>,
    #[serde(default)]
    auth: SavedAuth,
    #[serde(default)]
    libraries: BTreeMap<String, UserLibrary>,
    #[serde(default)]
    playlists: SavedPlaylists,
    #[serde(default)]
    images: BTreeMap<String, String>,
    #[serde(default)]
    players: BTreeMap<String, Player>,
}

/// The first fields, read before the rest so that a file of another version says so rather
/// than failing to parse.
#[derive(Debug, Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
    catalog: Option<String>,
}

/// The state file of a running emulator and its writer's flags.
#[derive(Debug)]
pub(crate) struct Persister {
    path: PathBuf,
    dirty: AtomicBool,
    wake: Notify,
    /// Held while a copy is taken and written: writes never overlap.
    writing: Mutex<()>,
    /// Numbers the temporary files.
    writes: AtomicU64,
}

/// A start-up error about the state file at `path`.
fn invalid(path: &Path, problem: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("state file {}: {problem}", path.display()),
    )
}

/// Names a catalogue: its sizes and a hash of its track and playlist ids. The same seed and
/// sizes give the same fingerprint.
pub(crate) fn catalog_fingerprint(catalog: &Catalog) -> String {
    let hash = catalog
        .tracks
        .keys()
        .chain(catalog.playlists.keys())
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, id| {
            (h ^ id.hash()).wrapping_mul(0x0100_0000_01b3)
        });
    format!(
        "{} tracks, {} albums, {} artists, {} playlists, ids {hash:016x}",
        catalog.tracks.len(),
        catalog.albums.len(),
        catalog.artists.len(),
        catalog.playlists.len()
    )
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, `fsync`,
/// rename, then the directory synced.
fn write_atomically(path: &Path, bytes: &[u8], n: u64) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".to_owned());
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
        return written;
    }
    // The rename itself survives a crash once the directory is synced (where that is possible).
    #[cfg(unix)]
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

impl AppState {
    /// Loads the state file at `path` into this (fresh) state, or creates it if there is none,
    /// then keeps it: from now on changes mark the state dirty for [`AppState::spawn_writer`].
    pub(crate) fn open_state_file(&self, path: &Path) -> io::Result<()> {
        match fs::read(path) {
            Ok(bytes) => self.import(path, &bytes)?,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(invalid(path, error)),
        }
        let persister = Arc::new(Persister {
            path: path.to_owned(),
            dirty: AtomicBool::new(false),
            wake: Notify::new(),
            writing: Mutex::new(()),
            writes: AtomicU64::new(0),
        });
        if self.shared.persister.set(persister).is_err() {
            return Err(invalid(path, "this emulator already keeps a state file"));
        }
        // Created (or rewritten in this version's form) now, so a mistake shows at start.
        self.save_state().map_err(|error| invalid(path, error))
    }

    /// The state file kept, if any.
    pub(crate) fn state_file(&self) -> Option<&Path> {
        self.shared.persister.get().map(|p| p.path.as_path())
    }

    /// Notes that the state may have changed: the writer will write it soon. Nothing without
    /// a state file.
    pub(crate) fn mark_dirty(&self) {
        if let Some(persister) = self.shared.persister.get() {
            persister.dirty.store(true, Ordering::Release);
            persister.wake.notify_one();
        }
    }

    /// Writes the state file now with the state as it is (waiting for a write in progress).
    /// Nothing without a state file.
    pub(crate) fn save_state(&self) -> io::Result<()> {
        let Some(persister) = self.shared.persister.get() else {
            return Ok(());
        };
        let _writing = lock(&persister.writing);
        persister.dirty.store(false, Ordering::Release);
        let bytes = serde_json::to_vec(&self.export()).map_err(io::Error::other)?;
        let n = persister.writes.fetch_add(1, Ordering::Relaxed);
        let written = write_atomically(&persister.path, &bytes, n);
        if written.is_err() {
            // Try again with the next change (or at stop).
            persister.dirty.store(true, Ordering::Release);
        }
        written
    }

    /// The last write, when the emulator stops: waits for a write in progress, then writes if
    /// anything changed since.
    pub(crate) fn save_state_at_stop(&self) {
        let Some(persister) = self.shared.persister.get() else {
            return;
        };
        drop(lock(&persister.writing));
        if persister.dirty.load(Ordering::Acquire)
            && let Err(error) = self.save_state()
        {
            tracing::warn!(%error, path = %persister.path.display(), "could not write the state file");
        }
    }

    /// Starts the background writer (none without a state file): it writes the state
    /// [`COALESCE`] after it is marked dirty.
    pub(crate) fn spawn_writer(&self) -> Option<JoinHandle<()>> {
        let persister = Arc::clone(self.shared.persister.get()?);
        let state = self.clone();
        Some(tokio::spawn(async move {
            loop {
                persister.wake.notified().await;
                tokio::time::sleep(COALESCE).await;
                if !persister.dirty.load(Ordering::Acquire) {
                    continue;
                }
                let state = state.clone();
                let written = tokio::task::spawn_blocking(move || state.save_state()).await;
                match written {
                    Ok(Ok(())) => {}
                    Ok(Err(error)) => tracing::warn!(
                        %error,
                        path = %persister.path.display(),
                        "could not write the state file; trying again at the next change"
                    ),
                    Err(error) => tracing::warn!(%error, "the state file's writer failed"),
                }
            }
        }))
    }

    /// A copy of what the file keeps.
    fn export(&self) -> StateFile {
        let now = self.now();
        let shared = &self.shared;
        let quota_modes = {
            let auth = self.auth();
            shared
                .initial
                .apps
                .iter()
                .filter_map(|configured| {
                    let app = auth.apps.get(&configured.client_id)?;
                    (app.quota_mode != configured.quota_mode)
                        .then(|| (app.client_id.clone(), app.quota_mode))
                })
                .collect()
        };
        StateFile {
            format: FORMAT.to_owned(),
            version: FORMAT_VERSION,
            catalog: catalog_fingerprint(&shared.catalog),
            saved_at: now.as_secs(),
            clock_offset_ms: u64::try_from(shared.clock.offset().as_millis()).unwrap_or(u64::MAX),
            quota_modes,
            auth: self.auth().to_saved(now),
            libraries: shared.library.to_saved(),
            playlists: shared.playlists.to_saved(),
            images: shared.images.to_saved(),
            players: shared.player.to_saved(),
        }
    }

    /// Puts the file's state into this one, or says why it cannot (naming the file).
    fn import(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let header: Header = serde_json::from_slice(bytes)
            .map_err(|error| invalid(path, format!("not a state file ({error})")))?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(invalid(
                path,
                format!("not a state file (no \"format\": \"{FORMAT}\")"),
            ));
        }
        if header.version != Some(FORMAT_VERSION) {
            return Err(invalid(
                path,
                format!(
                    "format version {}; this emulator reads version {FORMAT_VERSION}",
                    header
                        .version
                        .map_or_else(|| "missing".to_owned(), |v| v.to_string())
                ),
            ));
        }
        let ours = catalog_fingerprint(&self.shared.catalog);
        if header.catalog.as_deref() != Some(ours.as_str()) {
            return Err(invalid(
                path,
                format!(
                    "made with another catalogue ({}); this emulator serves {ours} (start it \
                     with the same --seed, --synthetic-tracks and --large-playlist-items, or \
                     use another state file)",
                    header.catalog.as_deref().unwrap_or("none named")
                ),
            ));
        }
        let file: StateFile = serde_json::from_slice(bytes)
            .map_err(|error| invalid(path, format!("cannot be read ({error})")))?;
        let shared = &self.shared;
        shared
            .clock
            .advance(Duration::from_millis(file.clock_offset_ms));
        {
            let mut auth = self.auth_mut();
            for (client_id, mode) in file.quota_modes {
                if let Some(app) = auth.apps.get_mut(&client_id) {
                    Arc::make_mut(app).quota_mode = mode;
                }
            }
            auth.restore(file.auth);
        }
        shared.library.restore(file.libraries);
        shared
            .playlists
            .restore(file.playlists)
            .map_err(|problem| invalid(path, problem))?;
        shared
            .images
            .restore(file.images)
            .map_err(|problem| invalid(path, problem))?;
        shared.player.restore(file.players);
        Ok(())
    }
}

/// Middleware over the whole router: a request that may change the state (any method but
/// `GET`, `HEAD` and `OPTIONS`) marks it dirty once answered.
pub(crate) async fn mark_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let response = next.run(request).await;
    if writes {
        state.mark_dirty();
    }
    response
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::catalog::ids;
    use crate::catalog::model::{Id, ItemRef, PlaylistItem};
    use crate::config::DEFAULT_USER_ID;
    use crate::state::{Item, Saved};

    fn temp_path(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("spotify-emulator-{}-{name}", std::process::id()))
    }

    /// A state file written from a busy state (a 10,000-track library, the 10,000-item
    /// playlist edited 40 times, 2,000 tokens) reads back the same, and how long it takes.
    #[test]
    fn a_busy_state_round_trips_through_its_file() {
        let path = temp_path("busy.json");
        let _ = fs::remove_file(&path);
        let state = AppState::default();
        let catalog = state.catalog();
        let tracks: Vec<Id> = catalog.tracks.keys().copied().collect();
        let saved: Vec<(Item, Option<i64>)> = (0..10_000)
            .map(|n| {
                let id = Id::derived(&format!("busy:{n}"));
                let id = if n < tracks.len() { tracks[n] } else { id };
                (
                    Item::Saved(Saved::Track, id),
                    Some(1_700_000_000 + n as i64),
                )
            })
            .collect();
        state.library_save(DEFAULT_USER_ID, &saved);
        for (n, track) in tracks.iter().enumerate().take(40) {
            state
                .playlists()
                .edit(ids::LARGE_PLAYLIST, |draft| {
                    draft.insert(
                        Some(n),
                        vec![PlaylistItem {
                            item: ItemRef::Track(*track),
                            added_at: Some(1_800_000_000),
                            added_by: Some(DEFAULT_USER_ID.to_owned()),
                        }],
                    )
                })
                .unwrap();
        }
        {
            let mut auth = state.auth_mut();
            let now = state.now();
            for _ in 0..2_000 {
                auth.issue_access_token(now, "emulator-client-id", Some(DEFAULT_USER_ID), &[]);
            }
        }
        state.open_state_file(&path).unwrap();
        let started = Instant::now();
        state.save_state().unwrap();
        let wrote = started.elapsed();
        let size = fs::metadata(&path).unwrap().len();

        let again = AppState::default();
        let started = Instant::now();
        again.open_state_file(&path).unwrap();
        let read = started.elapsed();
        eprintln!("busy state: {size} bytes, written in {wrote:?}, read back in {read:?}");
        let (ours, total) = again
            .library()
            .saved_page(DEFAULT_USER_ID, Saved::Track, 0, 5);
        assert_eq!(total, 10_000);
        assert_eq!(
            ours,
            state
                .library()
                .saved_page(DEFAULT_USER_ID, Saved::Track, 0, 5)
                .0
        );
        let before = state.playlists().get(ids::LARGE_PLAYLIST).unwrap();
        let after = again.playlists().get(ids::LARGE_PLAYLIST).unwrap();
        assert_eq!(after.items, before.items);
        assert_eq!(after.snapshot_id, before.snapshot_id);
        assert_eq!(again.auth().access_tokens.len(), 2_000);
        // The next edit gets a snapshot never seen before.
        let (_, next) = again
            .playlists()
            .edit(ids::LARGE_PLAYLIST, |_| Ok(()))
            .unwrap();
        assert_ne!(next.snapshot_id, before.snapshot_id);
        let _ = fs::remove_file(&path);
    }

    #[test]
    fn a_catalogue_of_another_size_is_refused() {
        let path = temp_path("other-catalogue.json");
        let _ = fs::remove_file(&path);
        AppState::default().open_state_file(&path).unwrap();
        let small = Catalog::builder().synthetic_tracks(10).build();
        let config = crate::config::Config {
            catalog: Some(Arc::new(small)),
            ..Default::default()
        };
        let error = AppState::new(config).open_state_file(&path).unwrap_err();
        assert!(
            error.to_string().contains("made with another catalogue"),
            "{error}"
        );
        let _ = fs::remove_file(&path);
    }
}
