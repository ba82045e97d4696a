//! The rate limiter: Spotify counts each app's requests over a rolling 30-second window and
//! answers 429 past a budget it does not publish (`SPOTIFY-PROTOCOL.md` §2.6). Off by default;
//! each app may get a [`RateLimit`] ([`App::rate_limit`](crate::App::rate_limit),
//! [`EmulatorBuilder::rate_limit`](crate::EmulatorBuilder::rate_limit), `--rate-limit N`, or
//! `PUT /__emulator/apps/{client_id}` with `{"rate_limit": {"budget": N}}`).
//!
//! The limiter keeps a sliding log of the times (on the virtual clock) of each app's requests
//! that were served. A request that would make more than `budget` in the window answers 429
//! `API rate limit exceeded` (or, with `empty_body`, a 429 with `Content-Length: 0`, as Spotify
//! sometimes sends) with `Retry-After` set to the ceiling, in seconds, of the time until the
//! oldest request in the window leaves it: a client that waits that long is served. A refused
//! request does not count against the budget. Requests are attributed to an app by their
//! access token; a request without a valid token is never limited (it gets its 401 anyway).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::errors::{ApiError, RATE_LIMIT_EXCEEDED};

/// Spotify's window: 30 seconds, rolling.
pub const DEFAULT_RATE_LIMIT_WINDOW: Duration = Duration::from_secs(30);

/// An app's request budget over a rolling window.
///
/// JSON (`PUT /__emulator/apps/{client_id}`):
/// `{"budget": 100, "window_secs": 30, "empty_body": false}` (only `budget` is required).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    /// Requests allowed in any window.
    pub budget: u32,
    /// The window's length in seconds. Default: 30, as on Spotify.
    #[serde(default = "default_window_secs")]
    pub window_secs: u64,
    /// Answer the 429 with no body at all. Default: `false` (Spotify's JSON envelope).
    #[serde(default)]
    pub empty_body: bool,
}

fn default_window_secs() -> u64 {
    DEFAULT_RATE_LIMIT_WINDOW.as_secs()
}

impl RateLimit {
    /// `budget` requests per rolling 30 seconds, answered past it with a JSON 429.
    pub fn new(budget: u32) -> Self {
        Self {
            budget,
            window_secs: default_window_secs(),
            empty_body: false,
        }
    }

    /// Another window length (in whole seconds, at least 1). Default: 30 s.
    pub fn window(mut self, window: Duration) -> Self {
        self.window_secs = window.as_secs().max(1);
        self
    }

    /// Whether the 429 has no body (as Spotify sometimes answers). Default: `false`.
    pub fn empty_body(mut self, empty: bool) -> Self {
        self.empty_body = empty;
        self
    }

    fn window_len(self) -> Duration {
        Duration::from_secs(self.window_secs.max(1))
    }
}

/// The sliding logs of the apps that have a limit.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    /// Whether any app has a limit: the only thing a request reads when none does.
    any: AtomicBool,
    windows: Mutex<HashMap<String, VecDeque<Duration>>>,
}

impl RateLimiter {
    /// Whether any app may be limited.
    pub(crate) fn is_on(&self) -> bool {
        self.any.load(Ordering::Relaxed)
    }

    /// Notes that some app has (or no app has) a limit now.
    pub(crate) fn set_on(&self, on: bool) {
        self.any.store(on, Ordering::Relaxed);
    }

    /// Forgets every app's requests.
    pub(crate) fn clear(&self) {
        self.windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// Counts a request of `client_id` at `now` if its window has room; otherwise the time
    /// until it has.
    pub(crate) fn admit(
        &self,
        client_id: &str,
        limit: RateLimit,
        now: Duration,
    ) -> Result<(), Duration> {
        let window = limit.window_len();
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let log = match windows.get_mut(client_id) {
            Some(log) => log,
            None => windows.entry(client_id.to_owned()).or_default(),
        };
        while log.front().is_some_and(|t| t.saturating_add(window) <= now) {
            log.pop_front();
        }
        let budget = usize::try_from(limit.budget).unwrap_or(usize::MAX);
        if log.len() < budget {
            log.push_back(now);
            return Ok(());
        }
        // Over budget: room comes when the request `budget` places back leaves the window
        // (the oldest one, unless the budget was lowered meanwhile).
        let oldest = log[log.len() - budget.max(1)];
        Err(oldest.saturating_add(window).saturating_sub(now))
    }
}

/// Spotify's 429 for a request over budget, with `Retry-After` the ceiling of `wait` in
/// seconds (at least 1: the window frees strictly later).
pub(crate) fn too_many_requests(limit: RateLimit, wait: Duration) -> Response {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let mut response = if limit.empty_body {
        StatusCode::TOO_MANY_REQUESTS.into_response()
    } else {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, RATE_LIMIT_EXCEEDED).into_response()
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_rolls_and_says_when_it_has_room() {
        let limiter = RateLimiter::default();
        let limit = RateLimit::new(3);
        let at = |ms: u64| Duration::from_millis(1_000_000 + ms);
        assert!(limiter.admit("app", limit, at(0)).is_ok());
        assert!(limiter.admit("app", limit, at(10_000)).is_ok());
        assert!(limiter.admit("app", limit, at(20_000)).is_ok());
        assert_eq!(
            limiter.admit("app", limit, at(25_500)),
            Err(Duration::from_millis(4_500))
        );
        assert!(limiter.admit("other", limit, at(25_500)).is_ok(), "per app");
        assert_eq!(
            limiter.admit("app", limit, at(29_999)),
            Err(Duration::from_millis(1)),
            "refusals do not count"
        );
        assert!(
            limiter.admit("app", limit, at(30_000)).is_ok(),
            "the first left"
        );
        assert_eq!(
            limiter.admit("app", limit, at(30_001)),
            Err(Duration::from_millis(9_999))
        );
        limiter.clear();
        assert!(limiter.admit("app", limit, at(30_001)).is_ok());
    }

    #[test]
    fn retry_after_is_the_ceiling_in_seconds() {
        let retry_after = |wait| {
            too_many_requests(RateLimit::new(1), wait).headers()[header::RETRY_AFTER]
                .to_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(retry_after(Duration::from_millis(4_500)), "5");
        assert_eq!(retry_after(Duration::from_secs(2)), "2");
        assert_eq!(retry_after(Duration::from_millis(1)), "1");
        assert_eq!(retry_after(Duration::ZERO), "1");
    }
}
