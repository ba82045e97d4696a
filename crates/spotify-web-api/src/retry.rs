//! How requests are retried: the policy users configure, and the backoff it implies.
//!
//! One [`RetryPolicy`] governs every request a client sends, Web API calls and token renewals
//! alike: the client hands its policy to the session it manages.

use std::time::Duration;

use rand::Rng;

/// How the client retries. Requests are retried on 429 (after the `Retry-After` Spotify asks
/// for), and idempotent requests (`GET`, `PUT`, `DELETE`) also on 500/502/503/504 and transport
/// errors, with exponential backoff and jitter. A `POST` is retried only when it surely was not
/// received (a connect error, a 429), so nothing is added twice.
///
/// The same policy applies to the token requests of a session the client manages.
///
/// Besides the attempt count, [`RetryPolicy::total_timeout`] bounds each request, waits and
/// retries included.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt. Default: 3.
    pub max_retries: u32,
    /// The first backoff delay. Default: 250 ms.
    pub base_delay: Duration,
    /// The longest backoff delay. Default: 8 s.
    pub max_delay: Duration,
    /// The longest `Retry-After` the client waits out; a longer one (Spotify has sent hours)
    /// returns [`Error::RateLimited`](crate::Error::RateLimited) at once. Default: 60 s.
    pub max_retry_after: Duration,
    /// The longest one request to Spotify may take, its retries and every wait included
    /// (backoff, `Retry-After`, the client's request budget): no retry is waited for past it
    /// (the last error is returned at once instead), and an attempt still in flight when it
    /// passes is cut off with [`Error::CallTimeout`](crate::Error::CallTimeout). A token
    /// renewal made for the request counts in its time. A call that sends several requests
    /// (the pages of `fetch_all`, the chunks of a multi-get, the batches of a write) gives each
    /// its own bound. Default: none (each attempt is still bounded by the request timeout, and
    /// the attempts by [`RetryPolicy::max_retries`]).
    pub total_timeout: Option<Duration>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            total_timeout: None,
        }
    }
}

impl RetryPolicy {
    /// No retries at all. A 429 still pauses the whole client (see
    /// [`RequestLimits`](crate::RequestLimits)): later calls wait out a `Retry-After` up to
    /// [`RetryPolicy::max_retry_after`] before they send, and fail at once for a longer one.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Sets [`RetryPolicy::max_retries`].
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// Sets [`RetryPolicy::base_delay`].
    pub fn base_delay(mut self, d: Duration) -> Self {
        self.base_delay = d;
        self
    }

    /// Sets [`RetryPolicy::max_delay`].
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// Sets [`RetryPolicy::max_retry_after`].
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }

    /// Sets [`RetryPolicy::total_timeout`].
    pub fn total_timeout(mut self, d: Duration) -> Self {
        self.total_timeout = Some(d);
        self
    }

    /// Whether a `Retry-After` of `retry_after` may be waited out (none given: back off).
    pub(crate) fn allows_wait(&self, retry_after: Option<Duration>) -> bool {
        retry_after.is_none_or(|d| d <= self.max_retry_after)
    }

    /// The wait before retry number `attempt + 1`: `base * 2^attempt`, capped, times a random
    /// factor in `[0.5, 1]` so that many clients do not retry in step.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.min(16)));
        let capped = exp.min(self.max_delay);
        capped.mul_f64(rand::rng().random_range(0.5..=1.0))
    }

    /// The wait after a 429: what Spotify asked for, or the backoff when it did not say.
    pub(crate) fn rate_limit_wait(&self, retry_after: Option<Duration>, attempt: u32) -> Duration {
        retry_after.unwrap_or_else(|| self.backoff(attempt))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        for attempt in 0..40 {
            // `base * 2^attempt`, capped, times a factor in [0.5, 1]: bounded on both sides, so
            // a zero (or a forgotten) delay fails as surely as an unbounded one.
            let full = (p.base_delay * 2u32.saturating_pow(attempt.min(16))).min(p.max_delay);
            for _ in 0..20 {
                let d = p.backoff(attempt);
                assert!(d <= full, "attempt {attempt}: {d:?} > {full:?}");
                assert!(d >= full / 2, "attempt {attempt}: {d:?} < {:?}", full / 2);
            }
        }
        assert!(p.backoff(0) >= Duration::from_millis(125));
        assert!(p.backoff(0) <= p.base_delay);
        assert!(p.backoff(3) >= p.base_delay * 4);
        assert!(p.backoff(3) <= p.base_delay * 8);
        assert!(p.backoff(39) >= p.max_delay / 2);
        // A 429 without `Retry-After` backs off as much.
        assert!(p.rate_limit_wait(None, 2) >= p.base_delay * 2);
        assert!(p.rate_limit_wait(None, 2) <= p.base_delay * 4);
    }

    #[test]
    fn long_retry_after_is_not_waited_out() {
        let p = RetryPolicy::default();
        assert!(p.allows_wait(None));
        assert!(p.allows_wait(Some(Duration::from_secs(60))));
        assert!(!p.allows_wait(Some(Duration::from_secs(61))));
        assert_eq!(
            p.rate_limit_wait(Some(Duration::from_secs(2)), 0),
            Duration::from_secs(2)
        );
    }
}
