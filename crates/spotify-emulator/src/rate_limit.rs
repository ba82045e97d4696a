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
//!
//! With [`RateLimit::escalating`], an app that keeps calling while it should be waiting is
//! punished as Spotify punishes long abuse (§2.6: "penalties growing to ~80,000 s"). Its first
//! 429 carries the plain `Retry-After` (the time until the window has room) and opens a
//! penalty of that length; each request inside the penalty is refused (the window is not
//! consulted) with twice the previous `Retry-After`, capped at [`MAX_PENALTY`] (24 hours), and
//! the penalty now runs that long from this request. An app that stays quiet until its
//! penalty is over starts afresh: it is served if the window has room, and its next 429 is a
//! plain one again.

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

/// The longest penalty an escalating limit gives ([`RateLimit::escalating`]): 24 hours, a
/// little above the ~80,000 s reported from Spotify.
pub const MAX_PENALTY: Duration = Duration::from_secs(86_400);

/// An app's request budget over a rolling window.
///
/// JSON (`PUT /__emulator/apps/{client_id}`):
/// `{"budget": 100, "window_secs": 30, "empty_body": false, "escalating": false}` (only
/// `budget` is required).
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
    /// Double the `Retry-After` for each request made during a penalty, up to
    /// [`MAX_PENALTY`] (see [`RateLimit::escalating`]). Default: `false`.
    #[serde(default)]
    pub escalating: bool,
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
            escalating: false,
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

    /// Whether an app that calls again before its `Retry-After` has passed is punished: each
    /// such request is a 429 with twice the previous `Retry-After` (at most [`MAX_PENALTY`],
    /// 24 hours), and the penalty runs that long from then. Waiting out a penalty forgives
    /// everything. Default: `false` (a 429 says only when the window has room).
    ///
    /// ```
    /// # use spotify_emulator::RateLimit;
    /// let limit = RateLimit::new(100).escalating(true);
    /// # assert!(limit.escalating);
    /// ```
    pub fn escalating(mut self, on: bool) -> Self {
        self.escalating = on;
        self
    }

    fn window_len(self) -> Duration {
        Duration::from_secs(self.window_secs.max(1))
    }
}

/// The sliding logs (and penalties) of the apps that have a limit.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    /// Whether any app has a limit: the only thing a request reads when none does.
    any: AtomicBool,
    windows: Mutex<HashMap<String, AppWindow>>,
}

/// One app's requests served in the window, and its penalty under an escalating limit.
#[derive(Debug, Default)]
struct AppWindow {
    served: VecDeque<Duration>,
    penalty: Option<Penalty>,
}

/// A penalty: refused until `until` (virtual clock); the last `Retry-After` given.
#[derive(Clone, Copy, Debug)]
struct Penalty {
    until: Duration,
    retry_after: Duration,
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

    /// Forgets one app's requests and penalty: a new limit starts afresh.
    pub(crate) fn forget(&self, client_id: &str) {
        self.windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(client_id);
    }

    /// Counts a request of `client_id` at `now` if its window has room (and, under an
    /// escalating limit, it is not in a penalty); otherwise the time to wait.
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
        let app = match windows.get_mut(client_id) {
            Some(app) => app,
            None => windows.entry(client_id.to_owned()).or_default(),
        };
        if limit.escalating
            && let Some(penalty) = app.penalty.take()
            && now < penalty.until
        {
            // Called again while it should wait: twice the last wait, from now.
            let retry_after = penalty.retry_after.saturating_mul(2).min(MAX_PENALTY);
            app.penalty = Some(Penalty {
                until: now.saturating_add(retry_after),
                retry_after,
            });
            return Err(retry_after);
        }
        let log = &mut app.served;
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
        let wait = oldest.saturating_add(window).saturating_sub(now);
        if !limit.escalating {
            return Err(wait);
        }
        // The penalty opens with the wait in whole seconds, as `Retry-After` gives it.
        let retry_after = Duration::from_secs(retry_after_secs(wait)).min(MAX_PENALTY);
        app.penalty = Some(Penalty {
            until: now.saturating_add(retry_after),
            retry_after,
        });
        Err(retry_after)
    }
}

/// `wait` as `Retry-After` gives it: the ceiling in seconds, at least 1 (the window frees
/// strictly later).
fn retry_after_secs(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

/// Spotify's 429 for a request over budget, with `Retry-After` the ceiling of `wait` in
/// seconds (at least 1: the window frees strictly later).
pub(crate) fn too_many_requests(limit: RateLimit, wait: Duration) -> Response {
    let secs = retry_after_secs(wait);
    let mut response = if limit.empty_body {
        StatusCode::TOO_MANY_REQUESTS.into_response()
    } else {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, RATE_LIMIT_EXCEEDED).into_response()
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
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
    fn an_escalating_penalty_doubles_while_the_app_keeps_calling_and_forgives_a_wait() {
        let limiter = RateLimiter::default();
        let limit = RateLimit::new(1).escalating(true);
        let at = |ms: u64| Duration::from_millis(1_000_000 + ms);
        let secs = Duration::from_secs;
        assert!(limiter.admit("app", limit, at(0)).is_ok());
        // The first refusal: the plain wait, rounded up to whole seconds (29.5 s → 30 s).
        assert_eq!(limiter.admit("app", limit, at(500)), Err(secs(30)));
        // Each call inside the penalty doubles it, counted from that call.
        let mut expected = 30;
        let mut now = 500;
        for _ in 0..15 {
            now += 1_000;
            expected = (expected * 2).min(86_400);
            assert_eq!(limiter.admit("app", limit, at(now)), Err(secs(expected)));
        }
        assert_eq!(expected, 86_400, "capped at a day");
        assert!(limiter.admit("other", limit, at(now)).is_ok(), "per app");
        // One millisecond early is still inside: doubled again (at the cap).
        let until = now + 86_400_000;
        assert_eq!(
            limiter.admit("app", limit, at(until - 1)),
            Err(secs(86_400))
        );
        // Waited out: served, and the next refusal is a plain one again.
        let until = until - 1 + 86_400_000;
        assert!(limiter.admit("app", limit, at(until)).is_ok());
        assert_eq!(
            limiter.admit("app", limit, at(until + 1_000)),
            Err(secs(29))
        );
        assert_eq!(
            limiter.admit("app", limit, at(until + 2_000)),
            Err(secs(58))
        );
        // Without the switch, calling during the wait changes nothing.
        let plain = RateLimit::new(1);
        let limiter = RateLimiter::default();
        assert!(limiter.admit("app", plain, at(0)).is_ok());
        assert_eq!(
            limiter.admit("app", plain, at(500)),
            Err(Duration::from_millis(29_500))
        );
        assert_eq!(
            limiter.admit("app", plain, at(1_500)),
            Err(Duration::from_millis(28_500))
        );
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
