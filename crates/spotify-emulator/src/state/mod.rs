//! The emulator's state and behaviour: apps, users, tokens, codes, the virtual clock and the
//! counters. Handlers parse a request, call a method here and shape the answer.
//!
//! Everything mutable sits behind one [`Mutex`], held only for short, synchronous sections (never
//! across an `.await`). A poisoned lock is recovered: the data has no invariants a panic halfway
//! could break badly enough to matter in an emulator.

mod authorize;
mod token;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore as _;
use serde::{Deserialize, Serialize};

pub(crate) use authorize::{AuthorizeError, AuthorizeParams, AuthorizeRequest, VALID_SCOPES};
pub(crate) use token::{ClientAuth, TokenParams};

use crate::catalog::Catalog;
use crate::config::{App, Config, MessageEra, Rotation, User};
use crate::errors::{ApiError, BearerProblem, INVALID_FAULT, UNKNOWN_USER};
use crate::faults::{FaultRule, Faults};

/// Lifetime of an access token (`expires_in`).
pub(crate) const ACCESS_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);
/// Lifetime of an authorization code ("a few minutes" in reports; 10 minutes here).
pub(crate) const CODE_LIFETIME: Duration = Duration::from_secs(600);
/// The virtual clock is never moved further than this (100 years), so time arithmetic cannot
/// overflow whatever the control plane is sent.
const MAX_CLOCK_OFFSET: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);
/// Distinct `grant_type` strings counted by name; past this, they count as `"other"`.
const MAX_GRANT_KEYS: usize = 32;

/// Request counters, as `GET /__emulator/stats` returns them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Every `POST /api/token`, successful or not.
    pub token_requests: u64,
    /// `POST /api/token` by the `grant_type` sent (not counted when none was sent).
    pub token_requests_by_grant: BTreeMap<String, u64>,
    /// Every request under `/v1`, successful or not.
    pub api_requests: u64,
    /// Every request to `/authorize` (GET and POST).
    pub authorize_requests: u64,
    /// Web API responses that were `304 Not Modified` (an `If-None-Match` hit).
    #[serde(default)]
    pub not_modified_responses: u64,
}

/// The switches that `PUT /__emulator/config` changes at run time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Settings {
    pub(crate) auto_approve_user: Option<String>,
    pub(crate) refresh_rotation: Rotation,
    pub(crate) refresh_token_lifetime_secs: u64,
    pub(crate) message_era: MessageEra,
}

/// A change to [`Settings`]; absent fields stay as they are.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SettingsPatch {
    /// `Some(None)` (JSON `null`) switches auto-approval off.
    #[serde(default, deserialize_with = "present")]
    pub(crate) auto_approve_user: Option<Option<String>>,
    pub(crate) refresh_rotation: Option<Rotation>,
    pub(crate) refresh_token_lifetime_secs: Option<u64>,
    pub(crate) message_era: Option<MessageEra>,
}

/// Tells a field sent as `null` (`Some(None)`) from an absent one (`None`).
fn present<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(de).map(Some)
}

/// What a valid bearer token grants: the app, the user (none for client credentials) and the
/// scopes.
#[derive(Clone, Debug)]
pub(crate) struct Grant {
    pub(crate) client_id: String,
    pub(crate) user: Option<User>,
    pub(crate) scopes: BTreeSet<String>,
}

/// An issued access token.
#[derive(Clone, Debug)]
struct AccessToken {
    client_id: String,
    user_id: Option<String>,
    scopes: Vec<String>,
    expires_at: Duration,
}

/// An issued refresh token.
#[derive(Clone, Debug)]
struct RefreshToken {
    client_id: String,
    user_id: String,
    scopes: Vec<String>,
    /// When the user approved at `/authorize`: refreshing never moves this.
    authorized_at: Duration,
    /// Issued through PKCE: may be refreshed with `client_id` alone.
    pkce: bool,
    revoked: bool,
}

/// An issued authorization code.
#[derive(Clone, Debug)]
struct AuthCode {
    client_id: String,
    user_id: String,
    redirect_uri: String,
    scopes: Vec<String>,
    code_challenge: Option<String>,
    issued_at: Duration,
    expires_at: Duration,
}

/// Everything `POST /__emulator/reset` puts back.
#[derive(Debug)]
struct Runtime {
    settings: Settings,
    apps: BTreeMap<String, App>,
    users: BTreeMap<String, User>,
    clock_offset: Duration,
    access_tokens: HashMap<String, AccessToken>,
    refresh_tokens: HashMap<String, RefreshToken>,
    codes: HashMap<String, AuthCode>,
    stats: Stats,
    faults: Faults,
    /// (user id, client id) → the scopes the user approved for that app.
    approvals: HashMap<(String, String), BTreeSet<String>>,
}

impl Runtime {
    fn new(config: &Config) -> Self {
        Self {
            settings: Settings {
                auto_approve_user: config.auto_approve_user.clone(),
                refresh_rotation: config.refresh_rotation,
                refresh_token_lifetime_secs: config.refresh_token_lifetime.as_secs(),
                message_era: config.message_era,
            },
            apps: config
                .apps
                .iter()
                .map(|a| (a.client_id.clone(), a.clone()))
                .collect(),
            users: config
                .users
                .iter()
                .map(|u| (u.id.clone(), u.clone()))
                .collect(),
            clock_offset: Duration::ZERO,
            access_tokens: HashMap::new(),
            refresh_tokens: HashMap::new(),
            codes: HashMap::new(),
            stats: Stats::default(),
            faults: Faults::default(),
            approvals: HashMap::new(),
        }
    }

    /// Now on the virtual clock, as time since the Unix epoch.
    fn now(&self) -> Duration {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        real.saturating_add(self.clock_offset)
    }

    fn refresh_token_lifetime(&self) -> Duration {
        Duration::from_secs(self.settings.refresh_token_lifetime_secs)
    }

    /// Issues an access token; drops expired ones now and then so memory stays bounded.
    fn issue_access_token(
        &mut self,
        client_id: &str,
        user_id: Option<&str>,
        scopes: &[String],
    ) -> String {
        let now = self.now();
        if self.access_tokens.len() >= 10_000 {
            self.access_tokens.retain(|_, t| t.expires_at > now);
        }
        let token = random_token("BQ", 96);
        self.access_tokens.insert(
            token.clone(),
            AccessToken {
                client_id: client_id.to_owned(),
                user_id: user_id.map(str::to_owned),
                scopes: scopes.to_vec(),
                expires_at: now.saturating_add(ACCESS_TOKEN_LIFETIME),
            },
        );
        token
    }
}

/// The shared state of one emulator: cheap to clone (one [`Arc`]).
///
/// Make one with [`AppState::new`] and pass it to [`router`](crate::router).
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

struct Shared {
    /// What [`AppState::reset`] goes back to.
    initial: Config,
    catalog: Arc<Catalog>,
    runtime: Mutex<Runtime>,
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
        let runtime = Mutex::new(Runtime::new(&config));
        Self {
            shared: Arc::new(Shared {
                initial: config,
                catalog,
                runtime,
            }),
        }
    }

    fn runtime(&self) -> MutexGuard<'_, Runtime> {
        self.shared
            .runtime
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The catalog served under `/v1`.
    pub(crate) fn catalog(&self) -> &Catalog {
        &self.shared.catalog
    }

    /// The configuration the state started with (and returns to on reset).
    pub(crate) fn config(&self) -> &Config {
        &self.shared.initial
    }

    /// The id of the user preselected on the consent page.
    pub(crate) fn default_user_id(&self) -> &str {
        &self.shared.initial.default_user_id
    }

    // --- clock, counters, settings -------------------------------------------------------------

    /// Now on the virtual clock, as time since the Unix epoch.
    pub(crate) fn now(&self) -> Duration {
        self.runtime().now()
    }

    /// Moves the virtual clock forward by `by` (in total at most 100 years).
    pub(crate) fn advance_clock(&self, by: Duration) {
        let mut rt = self.runtime();
        rt.clock_offset = rt.clock_offset.saturating_add(by).min(MAX_CLOCK_OFFSET);
        tracing::debug!(
            offset_secs = rt.clock_offset.as_secs(),
            "virtual clock advanced"
        );
    }

    /// A copy of the counters.
    pub(crate) fn stats(&self) -> Stats {
        self.runtime().stats.clone()
    }

    /// Sets every counter to zero.
    pub(crate) fn reset_stats(&self) {
        self.runtime().stats = Stats::default();
    }

    /// Counts a `POST /api/token`.
    pub(crate) fn count_token_request(&self, grant_type: Option<&str>) {
        let mut rt = self.runtime();
        rt.stats.token_requests += 1;
        if let Some(grant) = grant_type {
            let by_grant = &mut rt.stats.token_requests_by_grant;
            let key = if by_grant.contains_key(grant) || by_grant.len() < MAX_GRANT_KEYS {
                grant.chars().take(64).collect()
            } else {
                "other".to_owned()
            };
            *by_grant.entry(key).or_default() += 1;
        }
    }

    /// Counts a request under `/v1`.
    pub(crate) fn count_api_request(&self) {
        self.runtime().stats.api_requests += 1;
    }

    /// Counts a `304 Not Modified` answer.
    pub(crate) fn count_not_modified(&self) {
        self.runtime().stats.not_modified_responses += 1;
    }

    /// Adds an injected-fault rule.
    pub(crate) fn add_fault(&self, rule: FaultRule) -> Result<(), ApiError> {
        if !rule.is_valid() {
            return Err(ApiError::bad_request(INVALID_FAULT));
        }
        self.runtime().faults.add(rule);
        Ok(())
    }

    /// Drops every injected-fault rule.
    pub(crate) fn clear_faults(&self) {
        self.runtime().faults.clear();
    }

    /// The injected-fault rules in force.
    pub(crate) fn faults(&self) -> Vec<FaultRule> {
        self.runtime().faults.rules().to_vec()
    }

    /// The fault a request to `path` gets, if a rule applies (and uses it up).
    pub(crate) fn take_fault(&self, path: &str) -> Option<FaultRule> {
        self.runtime().faults.take(path)
    }

    /// Counts a request to `/authorize`.
    pub(crate) fn count_authorize_request(&self) {
        self.runtime().stats.authorize_requests += 1;
    }

    /// Back to the start: settings, tokens, codes, counters and clock offset.
    pub(crate) fn reset(&self) {
        *self.runtime() = Runtime::new(&self.shared.initial);
        tracing::debug!("emulator state reset");
    }

    /// The current settings.
    pub(crate) fn settings(&self) -> Settings {
        self.runtime().settings.clone()
    }

    /// Applies `patch`; an `auto_approve_user` that names no user is refused (404).
    pub(crate) fn update_settings(&self, patch: SettingsPatch) -> Result<Settings, ApiError> {
        let mut rt = self.runtime();
        if let Some(Some(user)) = &patch.auto_approve_user
            && !rt.users.contains_key(user)
        {
            return Err(ApiError::not_found(UNKNOWN_USER));
        }
        let settings = &mut rt.settings;
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
        Ok(settings.clone())
    }

    /// Sets (or with `None` clears) the user `/authorize` approves for without asking.
    pub(crate) fn set_auto_approve(&self, user: Option<&str>) {
        self.runtime().settings.auto_approve_user = user.map(str::to_owned);
    }

    /// The 401 wording in force.
    pub(crate) fn message_era(&self) -> MessageEra {
        self.runtime().settings.message_era
    }

    // --- apps and users ------------------------------------------------------------------------

    /// The registered app with this client id.
    pub(crate) fn app(&self, client_id: &str) -> Option<App> {
        self.runtime().apps.get(client_id).cloned()
    }

    /// The user with this id.
    pub(crate) fn user(&self, id: &str) -> Option<User> {
        self.runtime().users.get(id).cloned()
    }

    /// Every user, by id.
    pub(crate) fn users(&self) -> Vec<User> {
        self.runtime().users.values().cloned().collect()
    }

    // --- bearer tokens -------------------------------------------------------------------------

    /// What `token` grants, or why it cannot be used.
    pub(crate) fn check_access_token(&self, token: &str) -> Result<Grant, BearerProblem> {
        let rt = self.runtime();
        let record = rt.access_tokens.get(token).ok_or(BearerProblem::Unknown)?;
        if rt.now() >= record.expires_at {
            return Err(BearerProblem::Expired);
        }
        let user = match &record.user_id {
            Some(id) => Some(rt.users.get(id).cloned().ok_or(BearerProblem::Unknown)?),
            None => None,
        };
        Ok(Grant {
            client_id: record.client_id.clone(),
            user,
            scopes: record.scopes.iter().cloned().collect(),
        })
    }

    /// Forgets one access token (or all of them with `None`); returns how many were dropped.
    pub(crate) fn revoke_access_tokens(&self, token: Option<&str>) -> usize {
        let mut rt = self.runtime();
        match token {
            Some(token) => usize::from(rt.access_tokens.remove(token).is_some()),
            None => {
                let count = rt.access_tokens.len();
                rt.access_tokens.clear();
                count
            }
        }
    }

    /// Revokes every refresh token of `user_id` (they then get `Refresh token revoked`).
    pub(crate) fn revoke_user(&self, user_id: &str) -> Result<usize, ApiError> {
        let mut rt = self.runtime();
        if !rt.users.contains_key(user_id) {
            return Err(ApiError::not_found(UNKNOWN_USER));
        }
        let mut count = 0;
        for token in rt
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
    use super::*;

    #[test]
    fn clock_offset_is_bounded() {
        let state = AppState::default();
        state.advance_clock(Duration::MAX);
        state.advance_clock(Duration::MAX);
        let now = state.now();
        assert!(now > MAX_CLOCK_OFFSET);
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
}
