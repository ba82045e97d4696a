//! Limits above one request, shared by every clone of a client: how many requests may be in
//! flight at once, how many may start per rolling window, and the pause the whole client keeps
//! after Spotify answers 429.
//!
//! Spotify counts each app's requests over a rolling 30-second window and publishes no numbers
//! (`SPOTIFY-PROTOCOL.md` §2.6). A budget a little under the app's real limit makes a large job
//! slow down before Spotify says 429; when a 429 comes anyway, every request of the client waits
//! out its `Retry-After`, not only the one that got it, so that the others do not earn 429s of
//! their own (and a longer penalty) meanwhile.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};
use tokio::time::Instant;

/// How many requests a client has in flight at most, unless configured otherwise: 100, the
/// parallelism that HTTP/2 (RFC 9113, `SETTINGS_MAX_CONCURRENT_STREAMS`) recommends a server
/// allow on one connection.
///
/// Over HTTP/2, which Spotify serves, the cap then holds back no request that one connection
/// could carry; over HTTP/1.1 (a proxy, the emulator), where each request in flight holds a
/// connection, it still keeps a runaway burst (a `join_all` over thousands of IDs) from
/// opening thousands of connections. How fast requests start is the budget's business
/// ([`RequestLimits::budget`]): Spotify counts requests per window, not requests at once.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 100;

/// The limits a client keeps on its own requests, shared by all its clones (set with
/// [`SpotifyWebApiBuilder::limits`](crate::SpotifyWebApiBuilder::limits) or its shortcuts
/// [`max_in_flight`](crate::SpotifyWebApiBuilder::max_in_flight) and
/// [`request_budget`](crate::SpotifyWebApiBuilder::request_budget)).
///
/// ```
/// use std::time::Duration;
/// use spotify_web_api::RequestLimits;
///
/// // At most 8 requests at once, and at most 150 started in any 30 seconds.
/// let limits = RequestLimits::default()
///     .max_in_flight(8)
///     .budget(150, Duration::from_secs(30));
/// assert_eq!(limits.max_in_flight, 8);
/// ```
///
/// A request holds its place in flight for one attempt only: not while it waits to retry, nor
/// while a stale or refused token is renewed (that happens before it waits for a start; a
/// token that turns stale during the wait is sent as it is, and renewed by the next request). The
/// budget counts attempts (a retry is a request to Spotify too); token requests to the
/// accounts service are not counted, but they do wait out the client's pause after a 429.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestLimits {
    /// The most requests in flight at once, over all clones of the client; at least 1.
    /// Default: [`DEFAULT_MAX_IN_FLIGHT`] (100), which leaves the concurrency a caller asks
    /// for alone up to what one HTTP/2 connection carries, and stops a runaway burst.
    pub max_in_flight: usize,
    /// At most this many requests start in any rolling window, or none. Default: none.
    pub budget: Option<RequestBudget>,
}

/// A request budget: at most [`requests`](RequestBudget::requests) start in any
/// [`window`](RequestBudget::window) (Spotify's window is 30 s).
///
/// Requests over the budget wait their turn, first come first served: each is given the
/// earliest start that keeps every window within the budget, so waiting requests start one
/// by one as the window frees, not all at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestBudget {
    /// How many requests may start per window; at least 1.
    pub requests: u32,
    /// The length of the rolling window.
    pub window: Duration,
}

impl RequestBudget {
    /// At most `requests` (at least 1) starts in any `window`.
    pub fn new(requests: u32, window: Duration) -> RequestBudget {
        RequestBudget {
            requests: requests.max(1),
            window,
        }
    }
}

impl Default for RequestLimits {
    fn default() -> Self {
        RequestLimits {
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            budget: None,
        }
    }
}

impl RequestLimits {
    /// Sets [`RequestLimits::max_in_flight`] (0 counts as 1).
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.max_in_flight = n.max(1);
        self
    }

    /// Sets [`RequestLimits::budget`]: at most `requests` (at least 1) starts in any `window`.
    pub fn budget(mut self, requests: u32, window: Duration) -> Self {
        self.budget = Some(RequestBudget::new(requests, window));
        self
    }

    /// Removes the budget.
    pub fn no_budget(mut self) -> Self {
        self.budget = None;
        self
    }
}

/// The longest pause kept (Spotify has asked for ~80,000 s; a larger `Retry-After` is kept
/// as this).
const MAX_PAUSE: Duration = Duration::from_secs(7 * 24 * 3600);

/// A budget and a pause kept outside the process, shared by every client of the app (Redis,
/// with the `redis` feature). `None` from either method means it cannot be reached now: the
/// client then keeps to its own budget and pause until it can.
pub(crate) trait SharedLimits: Send + Sync + std::fmt::Debug {
    /// Takes a start within `budget` (`None`: no budget, only the shared pause is asked).
    fn take(
        &self,
        budget: Option<RequestBudget>,
    ) -> crate::store::BoxFuture<'_, Option<SharedStart>>;
    /// Holds every client of the app back for `wait` from now (a pause already longer is
    /// kept).
    fn pause_for(&self, wait: Duration) -> crate::store::BoxFuture<'_, ()>;
}

/// What [`SharedLimits::take`] gives.
// Only the `redis` feature's back end makes one.
#[cfg_attr(not(feature = "redis"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SharedStart {
    /// This request's start, this long from now.
    After(Duration),
    /// The app is paused after a 429 for this long yet; no start was taken.
    Paused(Duration),
}

/// The limits in force for one client and its clones (and the session it manages).
#[derive(Debug)]
pub(crate) struct Limiter {
    in_flight: Semaphore,
    budget: Option<Window>,
    /// Until when the whole client holds back after a 429.
    paused_until: Mutex<Option<Instant>>,
    /// The app's budget and pause shared with other processes, when configured; the local
    /// ones above stand in while it cannot be reached.
    shared: Option<Arc<dyn SharedLimits>>,
}

/// The start times handed out, newest last: at most `requests` of them, so the oldest is the
/// one a new start must be a window after.
#[derive(Debug)]
struct Window {
    requests: usize,
    length: Duration,
    starts: Mutex<VecDeque<Instant>>,
}

impl Limiter {
    pub(crate) fn new(limits: &RequestLimits, shared: Option<Arc<dyn SharedLimits>>) -> Limiter {
        Limiter {
            in_flight: Semaphore::new(limits.max_in_flight.clamp(1, Semaphore::MAX_PERMITS)),
            budget: limits.budget.map(|b| Window {
                requests: b.requests.max(1) as usize,
                length: b.window,
                starts: Mutex::new(VecDeque::new()),
            }),
            paused_until: Mutex::new(None),
            shared,
        }
    }

    /// What is left of the client's pause after a 429, if it is paused.
    pub(crate) fn pause_remaining(&self) -> Option<Duration> {
        let mut until = lock(&self.paused_until);
        // Read three times a request: with no pause, the clock is not read.
        let end = (*until)?;
        let now = Instant::now();
        if end > now {
            Some(end - now)
        } else {
            *until = None;
            None
        }
    }

    /// Holds the whole client back for `wait` from now (a pause already longer is kept), and
    /// with shared limits every other client of the app too.
    pub(crate) async fn pause_for(&self, wait: Duration) {
        self.pause_here(wait);
        if let Some(shared) = &self.shared
            && !wait.is_zero()
        {
            shared.pause_for(wait.min(MAX_PAUSE)).await;
        }
    }

    /// Holds this client back for `wait` from now (a pause already longer is kept).
    fn pause_here(&self, wait: Duration) {
        if wait.is_zero() {
            return;
        }
        let end = Instant::now() + wait.min(MAX_PAUSE);
        let mut until = lock(&self.paused_until);
        if until.is_none_or(|current| current < end) {
            *until = Some(end);
        }
    }

    /// Waits for this request's start within the budget, if there is one. Each caller is given
    /// its own start, in the order they asked, and sleeps until it: no herd wakes at once.
    ///
    /// With shared limits the start is taken from the app's shared budget instead, unless the
    /// app is paused: the pause is then this client's too (and no start is taken). A pause
    /// that began while this request slept to its start is this client's too.
    pub(crate) async fn wait_for_start(&self) {
        if let Some(shared) = &self.shared {
            let budget = self.budget.as_ref().map(|w| RequestBudget {
                requests: u32::try_from(w.requests).unwrap_or(u32::MAX),
                window: w.length,
            });
            match shared.take(budget).await {
                Some(SharedStart::After(wait)) => {
                    tokio::time::sleep(wait).await;
                    // Another worker may have had a 429 while this one slept: its pause holds
                    // this start back too (read without taking another start).
                    if !wait.is_zero()
                        && let Some(SharedStart::Paused(left)) = shared.take(None).await
                    {
                        self.pause_here(left);
                    }
                    return;
                }
                Some(SharedStart::Paused(left)) => return self.pause_here(left),
                // Out of reach: this client's own budget stands in.
                None => {}
            }
        }
        let Some(window) = &self.budget else {
            return;
        };
        let start = {
            let mut starts = lock(&window.starts);
            let now = Instant::now();
            let start = if starts.len() < window.requests {
                now
            } else {
                // The log is sorted; a start a window after the oldest of the last `requests`
                // keeps every window within the budget.
                let oldest = starts.pop_front().unwrap_or(now);
                (oldest + window.length).max(now)
            };
            // Starts are handed out in order, so the log stays sorted.
            let start = starts.back().map_or(start, |last| start.max(*last));
            starts.push_back(start);
            start
        };
        tokio::time::sleep_until(start).await;
    }

    /// A place in flight, held for one attempt.
    pub(crate) async fn in_flight(&self) -> SemaphorePermit<'_> {
        // The semaphore is never closed.
        self.in_flight
            .acquire()
            .await
            .unwrap_or_else(|_| unreachable!("the in-flight semaphore is never closed"))
    }
}

/// Locks `mutex`, poisoned or not.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A poisoned lock only means another thread panicked while holding a few instants.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Tokio's clock is paused: it moves only when every task waits, straight to the next
    // timer, so each start is observed exactly when it was handed out, however loaded the
    // machine running the test is.
    #[tokio::test(start_paused = true)]
    async fn no_window_holds_more_than_the_budget() {
        let window = Duration::from_millis(200);
        let limiter = std::sync::Arc::new(Limiter::new(
            &RequestLimits::default().budget(5, window),
            None,
        ));
        let begin = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..12 {
            let limiter = limiter.clone();
            tasks.push(tokio::spawn(async move {
                limiter.wait_for_start().await;
                Instant::now()
            }));
        }
        let mut starts = Vec::new();
        for task in tasks {
            starts.push(task.await.unwrap() - begin);
        }
        starts.sort();
        // Start i is in window i / 5: the first five at once, each next five a window later.
        let due: Vec<Duration> = (0..12).map(|i| window * (i / 5)).collect();
        // So any six starts span a whole window.
        assert_eq!(starts, due);
    }

    #[test]
    fn a_pause_is_kept_at_its_longest() {
        let limiter = Limiter::new(&RequestLimits::default(), None);
        assert_eq!(limiter.pause_remaining(), None);
        limiter.pause_here(Duration::from_secs(10));
        limiter.pause_here(Duration::from_secs(2));
        let left = limiter.pause_remaining().unwrap();
        assert!(left > Duration::from_secs(9) && left <= Duration::from_secs(10));
        limiter.pause_here(Duration::MAX);
        assert!(limiter.pause_remaining().unwrap() >= MAX_PAUSE - Duration::from_secs(1));
        let limiter = Limiter::new(&RequestLimits::default(), None);
        limiter.pause_here(Duration::from_millis(1));
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(limiter.pause_remaining(), None);
    }

    #[test]
    fn limits_are_at_least_one() {
        let limits = RequestLimits::default()
            .max_in_flight(0)
            .budget(0, Duration::ZERO);
        assert_eq!(limits.max_in_flight, 1);
        assert_eq!(limits.budget.unwrap().requests, 1);
    }
}
