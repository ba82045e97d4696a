//! The emulator's state and behaviour. Handlers parse a request, call a method here and shape
//! the answer.
//!
//! Each part has its own lock (or none), so requests do not queue behind one another:
//!
//! | part | where | guarded by |
//! | --- | --- | --- |
//! | configuration, catalogue, users | [`Shared`] | nothing: read-only after start (`Arc<User>`) |
//! | settings (`/__emulator/config`) | `settings.rs` | `RwLock` |
//! | virtual clock, counters | `settings.rs` | atomics |
//! | apps (with their quota mode), tokens, codes, approvals | `auth.rs` | one `RwLock` |
//! | injected faults (each rule with its own seeded generator) | `faults.rs` | `Mutex` |
//! | apps' sliding request logs, for their rate limits (read only when some app has one) | `rate_limit.rs` | an atomic, `Mutex` |
//! | playlists (seeded from the catalogue, created and changed by the write endpoints, with their recent versions: `versions.rs`) | `playlists.rs` | `RwLock` over `Arc<Playlist>`s |
//! | uploaded images (playlist covers) | `images.rs` | `RwLock` |
//! | per-user libraries: saved items, follows | `library.rs` | `RwLock` |
//! | per-user players: devices, playback, queue, history | `player.rs` | `Mutex` |
//! | top items: derived from the libraries, players and playlists on each request (`top.rs`); the catalogue's most popular entries | – | `OnceLock` |
//! | request log | `requests.rs` | `Mutex` |
//! | rendered catalogue bodies (`render/cache.rs`) | – | `RwLock` |
//! | the state file (`persist.rs`): a dirty flag and a writer's lock | `persist.rs` | atomics, `Mutex` |
//!
//! A Web API request takes the settings read lock once (for the 401 wording) and the auth read
//! lock once (token, app and user in one go, see [`AppState::authenticate`]); a second time
//! only when some app has a rate limit, to charge the request to its app. Locks are held
//! only for short, synchronous sections (never across an `.await`). A poisoned lock is
//! recovered: no section leaves data half-changed in a way that matters for an emulator.
//!
//! [`AppState::reset`] puts each part back in turn; a request racing a reset may see some parts
//! reset and others not yet.
//!
//! With a state file (`persist.rs`) the parts users change are copied to disk by a background
//! writer soon after a change, never on the request path, and put back at start.

mod auth;
mod authorize;
mod images;
mod library;
mod persist;
mod player;
mod playlists;
mod requests;
mod settings;
mod token;
mod top;
mod versions;

use std::collections::HashMap;
use std::fmt;
use std::sync::{
    Arc, Mutex, MutexGuard, OnceLock, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard,
};
use std::time::Duration;

use axum::http::HeaderValue;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore as _;

pub(crate) use auth::Grant;
pub(crate) use authorize::{AuthorizeError, AuthorizeParams, AuthorizeRequest, VALID_SCOPES};
pub(crate) use images::jpeg_size;
pub(crate) use playlists::NewPlaylist;
pub(crate) use requests::MAX_LOGGED_BODY;
pub use requests::{LoggedRequest, REQUEST_LOG_CAPACITY};
pub use settings::Stats;
pub(crate) use settings::{Counter, RestrictionReason, Settings, SettingsPatch};
pub(crate) use token::{ClientAuth, TokenParams};
pub(crate) use versions::Draft;

use crate::catalog::Catalog;
use crate::config::{App, Config, MessageEra, User};
use crate::errors::{ApiError, RATE_LIMIT_ZERO, UNKNOWN_APP, UNKNOWN_USER};
use crate::faults::{Applied, Fault, Faults};
use crate::quota::QuotaMode;
use crate::rate_limit::{RateLimit, RateLimiter};
use crate::render::RenderCache;
use auth::Auth;
use images::ImageStore;
use library::LibraryStore;
pub(crate) use library::{Item, Saved, UriProblem, is_username};
pub(crate) use persist::mark_writes;
use player::PlayerStore;
pub(crate) use player::{
    ContextKind, ContextRef, HistoryCursor, HistoryPage, Offset, Playable, PlaybackView,
    PlayerPatch, PlayerSnapshot, QueueView, Repeat, Start,
};
use playlists::PlaylistStore;
use requests::RequestLog;
use settings::{Clock, Counters, MAX_CLOCK_OFFSET};
pub(crate) use top::TimeRange;
use top::TopPool;

/// Lifetime of an access token (`expires_in`).
pub(crate) const ACCESS_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);
/// Lifetime of an authorization code ("a few minutes" in reports; 10 minutes here).
pub(crate) const CODE_LIFETIME: Duration = Duration::from_secs(600);

/// The shared state of one emulator: cheap to clone (one [`Arc`]).
///
/// Make one with [`AppState::new`] and pass it to [`router`](crate::router).
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

/// Everything behind the [`AppState`] handle.
struct Shared {
    /// What [`AppState::reset`] goes back to.
    initial: Config,
    catalog: Arc<Catalog>,
    /// Users never change at run time, so they need no lock.
    users: HashMap<String, Arc<User>>,
    settings: RwLock<Settings>,
    clock: Clock,
    counters: Counters,
    auth: RwLock<Auth>,
    faults: Mutex<Faults>,
    /// The apps' sliding request logs, for their rate limits (`rate_limit.rs`).
    limiter: RateLimiter,
    requests: RequestLog,
    playlists: PlaylistStore,
    library: LibraryStore,
    images: ImageStore,
    player: PlayerStore,
    /// The catalogue's most popular tracks and artists, for top items (made on first use).
    top_pool: OnceLock<TopPool>,
    /// The state file, if one is kept (`persist.rs`).
    persister: OnceLock<Arc<persist::Persister>>,
    /// Record mode's upstream and directory, if on (`record.rs`).
    #[cfg(feature = "record")]
    recorder: OnceLock<Arc<crate::record::Recorder>>,
    /// Rendered catalogue bodies (`render/cache.rs`): never stale, since their inputs never
    /// change, so nothing here ever needs to empty it.
    rendered: RenderCache,
}

impl fmt::Debug for AppState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppState")
            .field("config", &self.shared.initial)
            .finish_non_exhaustive()
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Config::default())
    }
}

/// Reads `lock`, recovering it if poisoned.
fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

/// Writes `lock`, recovering it if poisoned.
fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

/// Locks `lock`, recovering it if poisoned.
fn lock<T>(lock: &Mutex<T>) -> MutexGuard<'_, T> {
    lock.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AppState {
    /// State for `config`: no tokens yet, the clock at real time, counters at zero.
    ///
    /// If `config.users` lacks `config.default_user_id`, the first user becomes the default; if
    /// there are no users or apps at all, the defaults are added.
    pub fn new(mut config: Config) -> Self {
        if config.apps.is_empty() {
            config.apps.push(App::default());
        }
        if config.users.is_empty() {
            config.users = Config::default().users;
        }
        let default_known = config.users.iter().any(|u| u.id == config.default_user_id);
        if let Some(first) = config.users.first()
            && !default_known
        {
            config.default_user_id = first.id.clone();
        }
        let catalog = config.catalog.clone().unwrap_or_else(Catalog::builtin);
        let users = config
            .users
            .iter()
            .map(|u| (u.id.clone(), Arc::new(u.clone())))
            .collect();
        let state = Self {
            shared: Arc::new(Shared {
                settings: RwLock::new(Settings::new(&config)),
                auth: RwLock::new(Auth::new(&config.apps)),
                clock: Clock::default(),
                counters: Counters::default(),
                faults: Mutex::new(Faults::default()),
                limiter: RateLimiter::default(),
                requests: RequestLog::new(config.log_response_bodies),
                playlists: PlaylistStore::new(&catalog),
                library: LibraryStore::default(),
                images: ImageStore::default(),
                player: PlayerStore::default(),
                top_pool: OnceLock::new(),
                persister: OnceLock::new(),
                #[cfg(feature = "record")]
                recorder: OnceLock::new(),
                rendered: RenderCache::default(),
                users,
                catalog,
                initial: config,
            }),
        };
        state.note_rate_limits();
        state
    }

    /// The catalog served under `/v1`.
    pub(crate) fn catalog(&self) -> &Catalog {
        &self.shared.catalog
    }

    /// Record mode's recorder, if it is on.
    #[cfg(feature = "record")]
    pub(crate) fn recorder(&self) -> Option<&Arc<crate::record::Recorder>> {
        self.shared.recorder.get()
    }

    /// Turns record mode on (once; before the router is made).
    #[cfg(feature = "record")]
    pub(crate) fn set_recorder(&self, recorder: crate::record::Recorder) {
        let _ = self.shared.recorder.set(Arc::new(recorder));
    }

    /// The rendered catalogue bodies kept for reuse.
    pub(crate) fn render_cache(&self) -> &RenderCache {
        &self.shared.rendered
    }

    /// The configuration the state started with (and returns to on reset).
    pub(crate) fn config(&self) -> &Config {
        &self.shared.initial
    }

    /// The id of the user preselected on the consent page.
    pub(crate) fn default_user_id(&self) -> &str {
        &self.shared.initial.default_user_id
    }

    fn auth(&self) -> RwLockReadGuard<'_, Auth> {
        read(&self.shared.auth)
    }

    fn auth_mut(&self) -> RwLockWriteGuard<'_, Auth> {
        write(&self.shared.auth)
    }

    // --- clock, counters, settings -------------------------------------------------------------

    /// Now on the virtual clock, as time since the Unix epoch.
    pub(crate) fn now(&self) -> Duration {
        self.shared.clock.now()
    }

    /// Moves the virtual clock forward by `by` (in total at most 100 years).
    pub(crate) fn advance_clock(&self, by: Duration) {
        self.shared.clock.advance(by);
        self.mark_dirty();
        tracing::debug!(
            offset_secs = self.shared.clock.offset().as_secs(),
            "virtual clock advanced"
        );
    }

    /// A copy of the counters.
    pub(crate) fn stats(&self) -> Stats {
        self.shared.counters.snapshot()
    }

    /// Sets every counter to zero.
    pub(crate) fn reset_stats(&self) {
        self.shared.counters.reset();
    }

    /// Counts a `POST /api/token`.
    pub(crate) fn count_token_request(&self, grant_type: Option<&str>) {
        self.shared.counters.token_request(grant_type);
    }

    /// Counts a request.
    pub(crate) fn count(&self, counter: Counter) {
        self.shared.counters.bump(counter);
    }

    /// Adds an injected-fault rule (400 with the reason if it cannot be used).
    pub(crate) fn add_fault(&self, rule: Fault) -> Result<(), &'static str> {
        rule.validate()?;
        lock(&self.shared.faults).add(rule);
        Ok(())
    }

    /// Drops every injected-fault rule.
    pub(crate) fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// The injected-fault rules in force.
    pub(crate) fn faults(&self) -> Vec<Fault> {
        lock(&self.shared.faults).rules().to_vec()
    }

    /// The fault a `method` request to `path` gets, if a rule applies (and uses it up).
    pub(crate) fn take_fault(&self, method: &str, path: &str) -> Option<Applied> {
        lock(&self.shared.faults).take(method, path)
    }

    /// The 429 a request with this `Authorization` header gets if its app is over its rate
    /// limit (and otherwise counts it against the app's budget). Reads one atomic when no app
    /// has a limit.
    pub(crate) fn rate_limited(
        &self,
        header: Option<&HeaderValue>,
    ) -> Option<axum::response::Response> {
        if !self.shared.limiter.is_on() {
            return None;
        }
        let token = crate::extract::bearer_of(header)?;
        let now = self.now();
        let (client_id, limit) = {
            let auth = self.auth();
            let record = auth
                .access_tokens
                .get(token)
                .filter(|t| now < t.expires_at)?;
            let limit = auth.apps.get(&record.client_id)?.rate_limit?;
            (record.client_id.clone(), limit)
        };
        let wait = self.shared.limiter.admit(&client_id, limit, now).err()?;
        tracing::debug!(%client_id, ?wait, "rate limited");
        Some(crate::rate_limit::too_many_requests(limit, wait))
    }

    /// Sets (or with `None` lifts) the rate limit of app `client_id`, forgetting the requests
    /// and penalty counted under the old one. 404 `Unknown app` for a client id that is not
    /// registered, 400 for a budget of 0.
    pub(crate) fn set_rate_limit(
        &self,
        client_id: &str,
        limit: Option<RateLimit>,
    ) -> Result<Arc<App>, ApiError> {
        if limit.is_some_and(|l| l.budget == 0) {
            return Err(ApiError::bad_request(RATE_LIMIT_ZERO));
        }
        let app = {
            let mut auth = self.auth_mut();
            let app = auth
                .apps
                .get_mut(client_id)
                .ok_or(ApiError::not_found(UNKNOWN_APP))?;
            Arc::make_mut(app).rate_limit = limit;
            Arc::clone(app)
        };
        self.shared.limiter.forget(client_id);
        self.note_rate_limits();
        Ok(app)
    }

    /// Switches the limiter on when some app has a limit (off when none has).
    fn note_rate_limits(&self) {
        let any = self.auth().apps.values().any(|a| a.rate_limit.is_some());
        self.shared.limiter.set_on(any);
    }

    /// Logs a Web API request as it was sent; returns its number in the log.
    pub(crate) fn log_request(&self, method: &str, path: &str, query: Option<&str>) -> u64 {
        self.shared.requests.record(method, path, query, self.now())
    }

    /// Adds the answer to logged request `seq`.
    pub(crate) fn log_answer(&self, seq: u64, status: u16, body: Option<String>) {
        self.shared.requests.complete(seq, status, body);
    }

    /// Whether the request log keeps answers' bodies.
    pub(crate) fn logs_bodies(&self) -> bool {
        self.shared.requests.logs_bodies()
    }

    /// Keeps (or stops keeping) answers' bodies in the request log.
    pub(crate) fn set_log_bodies(&self, on: bool) {
        self.shared.requests.set_log_bodies(on);
    }

    /// The request log, oldest first.
    pub(crate) fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.requests.snapshot()
    }

    /// Empties the request log.
    pub(crate) fn clear_requests(&self) {
        self.shared.requests.clear();
    }

    /// Back to the start: settings, apps (quota modes), tokens, codes, approvals, faults,
    /// counters, request log, playlists (as the catalogue has them), libraries, uploaded images,
    /// players and clock offset.
    pub(crate) fn reset(&self) {
        let initial = &self.shared.initial;
        *write(&self.shared.settings) = Settings::new(initial);
        *self.auth_mut() = Auth::new(&initial.apps);
        lock(&self.shared.faults).clear();
        self.shared.limiter.clear();
        self.note_rate_limits();
        self.shared.counters.reset();
        self.shared.requests.clear();
        self.shared.playlists.seed(&self.shared.catalog);
        self.shared.library.clear();
        self.shared.images.clear();
        self.shared.player.clear();
        self.shared.clock.reset();
        self.mark_dirty();
        tracing::debug!("emulator state reset");
    }

    /// The current settings.
    pub(crate) fn settings(&self) -> Settings {
        read(&self.shared.settings).clone()
    }

    /// Applies `patch`; an `auto_approve_user` that names no user is refused (404).
    pub(crate) fn update_settings(&self, patch: SettingsPatch) -> Result<Settings, ApiError> {
        if let Some(Some(user)) = &patch.auto_approve_user
            && !self.shared.users.contains_key(user)
        {
            return Err(ApiError::not_found(UNKNOWN_USER));
        }
        let mut settings = write(&self.shared.settings);
        if let Some(user) = patch.auto_approve_user {
            settings.auto_approve_user = user;
        }
        if let Some(rotation) = patch.refresh_rotation {
            settings.refresh_rotation = rotation;
        }
        if let Some(secs) = patch.refresh_token_lifetime_secs {
            settings.refresh_token_lifetime_secs = secs.min(MAX_CLOCK_OFFSET.as_secs());
        }
        if let Some(era) = patch.message_era {
            settings.message_era = era;
        }
        if let Some(reason) = patch.player_restriction_reason {
            settings.player_restriction_reason = reason;
        }
        Ok(settings.clone())
    }

    /// Sets (or with `None` clears) the user `/authorize` approves for without asking.
    pub(crate) fn set_auto_approve(&self, user: Option<&str>) {
        write(&self.shared.settings).auto_approve_user = user.map(str::to_owned);
    }

    /// The 401 wording in force.
    pub(crate) fn message_era(&self) -> MessageEra {
        read(&self.shared.settings).message_era
    }

    /// The playlist store (reads clone an `Arc<Playlist>`; see `playlists.rs`).
    pub(crate) fn playlists(&self) -> &PlaylistStore {
        &self.shared.playlists
    }

    /// The per-user libraries.
    pub(crate) fn library(&self) -> &LibraryStore {
        &self.shared.library
    }

    /// The playlists `user_id` follows (saved to their library), `(id, followed_at)`, in the
    /// order followed.
    pub(crate) fn followed_playlists(
        &self,
        user_id: &str,
    ) -> Vec<(crate::catalog::model::Id, i64)> {
        let (mut newest_first, _) =
            self.shared
                .library
                .saved_page(user_id, library::Saved::Playlist, 0, usize::MAX);
        newest_first.reverse();
        newest_first
    }

    /// The uploaded images (playlist covers).
    pub(crate) fn images(&self) -> &ImageStore {
        &self.shared.images
    }

    // --- apps and users ------------------------------------------------------------------------

    /// The registered app with this client id.
    pub(crate) fn app(&self, client_id: &str) -> Option<Arc<App>> {
        self.auth().apps.get(client_id).cloned()
    }

    /// Every registered app, by client id.
    pub(crate) fn apps(&self) -> Vec<Arc<App>> {
        let mut apps: Vec<Arc<App>> = self.auth().apps.values().cloned().collect();
        apps.sort_by(|a, b| a.client_id.cmp(&b.client_id));
        apps
    }

    /// Switches an app's quota mode; tokens already issued follow at once. 404 `Unknown app`
    /// for a client id that is not registered.
    pub(crate) fn set_quota_mode(
        &self,
        client_id: &str,
        mode: QuotaMode,
    ) -> Result<Arc<App>, ApiError> {
        let mut auth = self.auth_mut();
        let app = auth
            .apps
            .get_mut(client_id)
            .ok_or(ApiError::not_found(UNKNOWN_APP))?;
        Arc::make_mut(app).quota_mode = mode;
        tracing::debug!(%client_id, mode = mode.as_str(), "quota mode changed");
        let app = Arc::clone(app);
        drop(auth);
        self.mark_dirty();
        Ok(app)
    }

    /// The user with this id.
    pub(crate) fn user(&self, id: &str) -> Option<Arc<User>> {
        self.shared.users.get(id).cloned()
    }

    /// Every user, by id.
    pub(crate) fn users(&self) -> Vec<Arc<User>> {
        let mut users: Vec<Arc<User>> = self.shared.users.values().cloned().collect();
        users.sort_by(|a, b| a.id.cmp(&b.id));
        users
    }

    // --- bearer tokens -------------------------------------------------------------------------

    /// Checks a Web API request's `Authorization` header: Spotify's 400/401 (worded per the
    /// [`MessageEra`] in force) or what the token grants. Reads the settings once and the auth
    /// state once.
    pub(crate) fn authenticate(&self, header: Option<&HeaderValue>) -> Result<Grant, ApiError> {
        let era = self.message_era();
        let token = crate::extract::bearer_token(header, era)
            .map_err(|problem| ApiError::bearer(problem, era))?;
        let now = self.now();
        self.auth()
            .grant(token, now, &self.shared.users)
            .map_err(|problem| ApiError::bearer(problem, era))
    }

    /// Forgets one access token (or all of them with `None`); returns how many were dropped.
    pub(crate) fn revoke_access_tokens(&self, token: Option<&str>) -> usize {
        let mut auth = self.auth_mut();
        match token {
            Some(token) => usize::from(auth.access_tokens.remove(token).is_some()),
            None => {
                let count = auth.access_tokens.len();
                auth.access_tokens.clear();
                count
            }
        }
    }

    /// Revokes every refresh token of `user_id` (they then get `Refresh token revoked`).
    pub(crate) fn revoke_user(&self, user_id: &str) -> Result<usize, ApiError> {
        if !self.shared.users.contains_key(user_id) {
            return Err(ApiError::not_found(UNKNOWN_USER));
        }
        let mut auth = self.auth_mut();
        let mut count = 0;
        for token in auth
            .refresh_tokens
            .values_mut()
            .filter(|t| t.user_id == user_id && !t.revoked)
        {
            token.revoked = true;
            count += 1;
        }
        Ok(count)
    }
}

/// `Some(value)` unless it is absent or empty.
fn non_empty(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// `prefix` followed by `bytes` random bytes in unpadded base64url: opaque, URL- and form-safe.
fn random_token(prefix: &str, bytes: usize) -> String {
    let mut buf = vec![0_u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(&buf))
}

#[cfg(test)]
mod tests {
    use super::settings::MAX_GRANT_KEYS;
    use super::*;

    #[test]
    fn clock_offset_is_bounded() {
        let state = AppState::default();
        state.advance_clock(Duration::MAX);
        state.advance_clock(Duration::MAX);
        let now = state.now();
        assert!(now > MAX_CLOCK_OFFSET);
        assert!(state.shared.clock.offset() <= MAX_CLOCK_OFFSET);
    }

    #[test]
    fn grant_counter_keys_are_bounded() {
        let state = AppState::default();
        for n in 0..100 {
            state.count_token_request(Some(&format!("grant-{n}")));
        }
        state.count_token_request(None);
        let stats = state.stats();
        assert_eq!(stats.token_requests, 101);
        assert_eq!(stats.token_requests_by_grant.len(), MAX_GRANT_KEYS + 1);
        assert_eq!(
            stats.token_requests_by_grant["other"],
            100 - MAX_GRANT_KEYS as u64
        );
    }

    #[test]
    fn tokens_are_opaque_and_distinct() {
        let a = random_token("BQ", 96);
        assert_eq!(a.len(), 2 + 128);
        assert_ne!(a, random_token("BQ", 96));
        assert!(
            a.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }

    #[test]
    fn playlists_are_seeded_and_reset() {
        let state = AppState::default();
        let id = crate::catalog::ids::PLAYLIST_250_ITEMS;
        let before = state.playlists().get(id).unwrap();
        state
            .playlists()
            .update(id, |p| p.items.truncate(1))
            .unwrap();
        assert_eq!(state.playlists().get(id).unwrap().items.len(), 1);
        assert_eq!(before.items.len(), 250, "a reader's copy never changes");
        // The store seeds from the catalogue's own playlists without copying them; an edit
        // copies first, so the catalogue (shared by every emulator of the process) keeps its.
        assert!(Arc::ptr_eq(&before, &state.catalog().playlists[&before.id]));
        assert_eq!(state.catalog().playlist_item_count(id), Some(250));
        let ((), edited) = state.playlists().edit(id, |_| Ok(())).unwrap();
        assert!(!Arc::ptr_eq(
            &edited,
            &state.catalog().playlists[&before.id]
        ));
        assert_eq!(state.catalog().playlist_item_count(id), Some(250));
        state
            .library()
            .update("emulator-user", |l| l.users.insert("x".into()));
        state.reset();
        assert_eq!(state.playlists().get(id).unwrap().items.len(), 250);
        assert!(state.library().get("emulator-user").users.is_empty());
        assert!(!state.playlists().owned_by("emulator-user").is_empty());
    }

    #[test]
    fn my_playlists_hide_spotifys_own_behind_null_for_development_apps() {
        use crate::render::{Ctx, Page, my_playlists_page};
        let state = AppState::default();
        let user = crate::config::DEFAULT_USER_ID;
        let spotify_owned = state
            .catalog()
            .playlists
            .values()
            .find(|p| p.is_spotify_owned())
            .map(|p| p.id)
            .unwrap();
        state.library_save(
            user,
            &[(
                library::Item::Saved(library::Saved::Playlist, spotify_owned),
                Some(1_800_000_000),
            )],
        );
        let listed =
            state
                .playlists()
                .listed_for_me(user, &state.followed_playlists(user), true, true);
        assert_eq!(listed[0].id, spotify_owned, "followed most recently: first");
        for (mode, hidden) in [(QuotaMode::Development, true), (QuotaMode::Extended, false)] {
            let ctx = Ctx {
                catalog: state.catalog(),
                mode,
                market: None,
                user: Some(user),
                playback_position: false,
                base: "http://localhost/v1",
            };
            let page = my_playlists_page(&ctx, Page::first(50), &listed);
            assert_eq!(page["items"][0].is_null(), hidden, "{mode:?}");
            assert_eq!(page["total"], listed.len());
        }
    }

    #[test]
    fn quota_mode_changes_and_resets() {
        let state = AppState::default();
        let id = crate::config::DEFAULT_CLIENT_ID;
        assert_eq!(state.app(id).unwrap().quota_mode, QuotaMode::Development);
        state.set_quota_mode(id, QuotaMode::Extended).unwrap();
        assert_eq!(state.app(id).unwrap().quota_mode, QuotaMode::Extended);
        assert!(state.set_quota_mode("nobody", QuotaMode::Extended).is_err());
        state.reset();
        assert_eq!(state.app(id).unwrap().quota_mode, QuotaMode::Development);
    }
}
