//! The run-time switches (`PUT /__emulator/config`), the virtual clock and the counters.
//!
//! The clock and the counters are atomics: a Web API request bumps a counter and reads the clock
//! without taking a lock.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::config::{Config, MessageEra, Rotation};

/// The virtual clock is never moved further than this (100 years), so time arithmetic cannot
/// overflow whatever the control plane is sent.
pub(crate) const MAX_CLOCK_OFFSET: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);
/// Distinct `grant_type` strings counted by name; past this, they count as `"other"`.
pub(crate) const MAX_GRANT_KEYS: usize = 32;

/// The switches that `PUT /__emulator/config` changes at run time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Settings {
    pub(crate) auto_approve_user: Option<String>,
    pub(crate) refresh_rotation: Rotation,
    pub(crate) refresh_token_lifetime_secs: u64,
    pub(crate) message_era: MessageEra,
    pub(crate) player_restriction_reason: RestrictionReason,
}

/// The `reason` of a player command the player's state forbids (403 `Restriction violated`):
/// see the player section of `errors.rs` for why there are two.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RestrictionReason {
    /// The documented reason of each case: `ALREADY_PAUSED`, `NOT_PAUSED`, `NO_NEXT_TRACK`...
    #[default]
    Specific,
    /// `UNKNOWN` for every case, as captured from Spotify (spotify/web-api #1433).
    Unknown,
}

impl Settings {
    /// The settings `config` starts with.
    pub(crate) fn new(config: &Config) -> Self {
        Self {
            auto_approve_user: config.auto_approve_user.clone(),
            refresh_rotation: config.refresh_rotation,
            refresh_token_lifetime_secs: config.refresh_token_lifetime.as_secs(),
            message_era: config.message_era,
            player_restriction_reason: RestrictionReason::default(),
        }
    }

    /// The maximum refresh-token lifetime.
    pub(crate) fn refresh_token_lifetime(&self) -> Duration {
        Duration::from_secs(self.refresh_token_lifetime_secs)
    }
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
    pub(crate) player_restriction_reason: Option<RestrictionReason>,
}

/// Tells a field sent as `null` (`Some(None)`) from an absent one (`None`).
pub(super) fn present<'de, D: serde::Deserializer<'de>>(
    de: D,
) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(de).map(Some)
}

/// The virtual clock: real time plus an offset that only moves forward.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    /// Nanoseconds ahead of real time (at most [`MAX_CLOCK_OFFSET`], which fits a `u64`).
    offset_nanos: AtomicU64,
}

impl Clock {
    /// Now on the virtual clock, as time since the Unix epoch.
    pub(crate) fn now(&self) -> Duration {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        real.saturating_add(self.offset())
    }

    /// How far ahead of real time the clock is.
    pub(crate) fn offset(&self) -> Duration {
        Duration::from_nanos(self.offset_nanos.load(Ordering::Relaxed))
    }

    /// Moves the clock forward by `by`, in total at most [`MAX_CLOCK_OFFSET`].
    pub(crate) fn advance(&self, by: Duration) {
        let max = u64::try_from(MAX_CLOCK_OFFSET.as_nanos()).unwrap_or(u64::MAX);
        let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        let _ = self
            .offset_nanos
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                Some(offset.saturating_add(by).min(max))
            });
    }

    /// Back to real time.
    pub(crate) fn reset(&self) {
        self.offset_nanos.store(0, Ordering::Relaxed);
    }
}

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
    /// TCP connections accepted (by [`Emulator`](crate::Emulator)'s server; a router served
    /// by the caller counts none). Clients that reuse their connections keep this low.
    #[serde(default)]
    pub connections: u64,
}

/// The live counters behind [`Stats`]: atomics, plus a small map for the grant types.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    token_requests: AtomicU64,
    api_requests: AtomicU64,
    authorize_requests: AtomicU64,
    not_modified_responses: AtomicU64,
    connections: AtomicU64,
    by_grant: Mutex<BTreeMap<String, u64>>,
}

/// Which counter to bump.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Counter {
    Api,
    Authorize,
    NotModified,
    Connection,
}

impl Counters {
    /// Adds one to `counter`.
    pub(crate) fn bump(&self, counter: Counter) {
        let cell = match counter {
            Counter::Api => &self.api_requests,
            Counter::Authorize => &self.authorize_requests,
            Counter::NotModified => &self.not_modified_responses,
            Counter::Connection => &self.connections,
        };
        cell.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a `POST /api/token` with this `grant_type` (if one was sent).
    pub(crate) fn token_request(&self, grant_type: Option<&str>) {
        self.token_requests.fetch_add(1, Ordering::Relaxed);
        if let Some(grant) = grant_type {
            let mut by_grant = self.by_grant.lock().unwrap_or_else(PoisonError::into_inner);
            let key = if by_grant.contains_key(grant) || by_grant.len() < MAX_GRANT_KEYS {
                grant.chars().take(64).collect()
            } else {
                "other".to_owned()
            };
            *by_grant.entry(key).or_default() += 1;
        }
    }

    /// A copy of every counter.
    pub(crate) fn snapshot(&self) -> Stats {
        Stats {
            token_requests: self.token_requests.load(Ordering::Relaxed),
            token_requests_by_grant: self
                .by_grant
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
            api_requests: self.api_requests.load(Ordering::Relaxed),
            authorize_requests: self.authorize_requests.load(Ordering::Relaxed),
            not_modified_responses: self.not_modified_responses.load(Ordering::Relaxed),
            connections: self.connections.load(Ordering::Relaxed),
        }
    }

    /// Every counter back to zero.
    pub(crate) fn reset(&self) {
        for cell in [
            &self.token_requests,
            &self.api_requests,
            &self.authorize_requests,
            &self.not_modified_responses,
            &self.connections,
        ] {
            cell.store(0, Ordering::Relaxed);
        }
        self.by_grant
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}
