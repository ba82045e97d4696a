//! The log of recent Web API requests (`GET /__emulator/requests`), so that tests can check which
//! requests a client sent.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// How many requests the log keeps; older ones are dropped first.
pub const REQUEST_LOG_CAPACITY: usize = 1000;
/// Longer paths and queries are cut to this many bytes (at a character boundary) in the log.
const MAX_LOGGED_LEN: usize = 2048;

/// One Web API request, as sent: before the trailing slash is removed, with the raw query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LoggedRequest {
    /// `GET`, `PUT`…
    pub method: String,
    /// The path as sent, e.g. `/v1/albums/4aawyAB9vmqN3uQ7FjRGTy/tracks/`.
    pub path: String,
    /// The raw query string without `?` (still percent-encoded), empty when there is none.
    pub query: String,
    /// The status of the answer; `None` while it is being answered, or when the connection
    /// was closed without one (an injected reset).
    #[serde(default)]
    pub status: Option<u16>,
    /// When the request arrived, in milliseconds since the Unix epoch on the emulator's
    /// virtual clock (real time plus any `/__emulator/clock/advance`).
    #[serde(default)]
    pub arrived_at_ms: u64,
    /// How long the emulator took to produce the answer's head (an injected delay included),
    /// in microseconds; `None` while it is being answered.
    #[serde(default)]
    pub duration_us: Option<u64>,
    /// The body of the answer, when the emulator logs bodies
    /// ([`EmulatorBuilder::log_response_bodies`](crate::EmulatorBuilder::log_response_bodies));
    /// bodies longer than 16 MiB are not kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The order of arrival, for completing the entry.
    #[serde(skip)]
    seq: u64,
    /// When it arrived, for its duration.
    #[serde(skip)]
    started: Option<Instant>,
}

impl LoggedRequest {
    /// An entry with nothing in it yet, for [`RequestLog::record`] to fill.
    fn empty() -> Self {
        Self {
            method: String::new(),
            path: String::new(),
            query: String::new(),
            status: None,
            arrived_at_ms: 0,
            duration_us: None,
            body: None,
            seq: 0,
            started: None,
        }
    }
}

/// The longest response body the log keeps.
pub(crate) const MAX_LOGGED_BODY: usize = 16 * 1024 * 1024;

/// The last [`REQUEST_LOG_CAPACITY`] requests, oldest first.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: Mutex<VecDeque<LoggedRequest>>,
    next_seq: AtomicU64,
    bodies: AtomicBool,
}

impl RequestLog {
    /// An empty log, keeping answers' bodies or not.
    pub(crate) fn new(bodies: bool) -> RequestLog {
        let log = RequestLog::default();
        log.set_log_bodies(bodies);
        log
    }

    /// Appends a request, dropping the oldest past the capacity; returns its number, for
    /// [`RequestLog::complete`]. Once the log is full, the oldest entry's strings are reused
    /// for the new one, so logging allocates nothing in the steady state.
    /// `now` is the virtual clock's time of arrival.
    pub(crate) fn record(
        &self,
        method: &str,
        path: &str,
        query: Option<&str>,
        now: Duration,
    ) -> u64 {
        let started = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        // Numbered under the lock, so the numbers in the log are consecutive (see `complete`).
        let seq = self.next_seq.fetch_add(1, Ordering::Relaxed);
        let mut entry = if entries.len() >= REQUEST_LOG_CAPACITY {
            entries.pop_front().unwrap_or_else(LoggedRequest::empty)
        } else {
            LoggedRequest::empty()
        };
        set(&mut entry.method, method);
        set_bounded(&mut entry.path, path);
        set_bounded(&mut entry.query, query.unwrap_or_default());
        entry.status = None;
        entry.arrived_at_ms = u64::try_from(now.as_millis()).unwrap_or(u64::MAX);
        entry.duration_us = None;
        entry.started = Some(started);
        entry.body = None;
        entry.seq = seq;
        entries.push_back(entry);
        seq
    }

    /// Adds the answer's status (and body) to request `seq`, if it is still in the log.
    pub(crate) fn complete(&self, seq: u64, status: u16, body: Option<String>) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        // The numbers run consecutively from the front, so the entry is found by subtraction.
        let Some(first) = entries.front().map(|e| e.seq) else {
            return;
        };
        let index = seq.checked_sub(first).and_then(|i| usize::try_from(i).ok());
        if let Some(entry) = index.and_then(|i| entries.get_mut(i))
            && entry.seq == seq
        {
            entry.status = Some(status);
            entry.duration_us = entry
                .started
                .map(|at| u64::try_from(at.elapsed().as_micros()).unwrap_or(u64::MAX));
            entry.body = body;
        }
    }

    /// Whether answers' bodies are kept.
    pub(crate) fn logs_bodies(&self) -> bool {
        self.bodies.load(Ordering::Relaxed)
    }

    /// Keeps (or stops keeping) answers' bodies.
    pub(crate) fn set_log_bodies(&self, on: bool) {
        self.bodies.store(on, Ordering::Relaxed);
    }

    /// A copy of the log, oldest first.
    pub(crate) fn snapshot(&self) -> Vec<LoggedRequest> {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }

    /// Forgets every request.
    pub(crate) fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

/// Replaces `slot`'s text with `text`, keeping its allocation.
fn set(slot: &mut String, text: &str) {
    slot.clear();
    slot.push_str(text);
}

/// [`set`] with `text` cut to [`MAX_LOGGED_LEN`] bytes at a character boundary.
fn set_bounded(slot: &mut String, text: &str) {
    let mut end = text.len().min(MAX_LOGGED_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    set(slot, &text[..end]);
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Duration = Duration::from_millis(1_800_000_000_123);

    #[test]
    fn the_log_keeps_the_newest_and_bounds_sizes() {
        let log = RequestLog::default();
        for n in 0..REQUEST_LOG_CAPACITY + 5 {
            log.record("GET", &format!("/v1/{n}"), None, NOW);
        }
        let entries = log.snapshot();
        assert_eq!(entries.len(), REQUEST_LOG_CAPACITY);
        assert_eq!(entries[0].path, "/v1/5");
        let seq = log.record("GET", &"é".repeat(5000), Some("a=1"), NOW);
        log.record("GET", "/v1/later", None, NOW);
        log.complete(seq, 200, Some("{}".to_owned()));
        let entries = log.snapshot();
        let long = &entries[entries.len() - 2];
        assert!(long.path.len() <= MAX_LOGGED_LEN && long.query == "a=1");
        assert_eq!((long.status, long.body.as_deref()), (Some(200), Some("{}")));
        assert_eq!(entries.last().unwrap().status, None);
        log.clear();
        assert!(log.snapshot().is_empty());
    }

    #[test]
    fn answers_find_their_request_after_the_log_wraps_and_is_cleared() {
        let log = RequestLog::default();
        let seqs: Vec<u64> = (0..REQUEST_LOG_CAPACITY + 3)
            .map(|n| log.record("GET", &format!("/v1/{n}"), Some("q=1"), NOW))
            .collect();
        log.complete(seqs[0], 500, None);
        log.complete(seqs[REQUEST_LOG_CAPACITY + 1], 201, None);
        let entries = log.snapshot();
        assert!(
            entries.iter().all(|e| e.path != "/v1/0"),
            "the oldest dropped"
        );
        let answered: Vec<_> = entries.iter().filter(|e| e.status.is_some()).collect();
        assert_eq!(answered.len(), 1);
        assert_eq!(
            answered[0].path,
            format!("/v1/{}", REQUEST_LOG_CAPACITY + 1)
        );
        assert_eq!(
            (answered[0].status, answered[0].query.as_str()),
            (Some(201), "q=1")
        );
        log.clear();
        log.complete(seqs[5], 200, None);
        let seq = log.record("POST", "/v1/me", None, NOW);
        log.complete(seq, 204, None);
        let entries = log.snapshot();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].arrived_at_ms, 1_800_000_000_123);
        assert!(entries[0].duration_us.is_some());
        assert_eq!(
            (
                entries[0].method.as_str(),
                entries[0].query.as_str(),
                entries[0].status
            ),
            ("POST", "", Some(204))
        );
    }
}
