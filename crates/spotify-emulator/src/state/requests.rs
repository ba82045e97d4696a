//! The log of recent Web API requests (`GET /__emulator/requests`), so that tests can check which
//! requests a client sent.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

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
}

/// The last [`REQUEST_LOG_CAPACITY`] requests, oldest first.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: Mutex<VecDeque<LoggedRequest>>,
}

impl RequestLog {
    /// Appends a request, dropping the oldest past the capacity.
    pub(crate) fn record(&self, method: &str, path: &str, query: Option<&str>) {
        let entry = LoggedRequest {
            method: method.to_owned(),
            path: bounded(path),
            query: bounded(query.unwrap_or_default()),
        };
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= REQUEST_LOG_CAPACITY {
            entries.pop_front();
        }
        entries.push_back(entry);
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

/// `text`, cut to [`MAX_LOGGED_LEN`] bytes at a character boundary.
fn bounded(text: &str) -> String {
    if text.len() <= MAX_LOGGED_LEN {
        return text.to_owned();
    }
    let mut end = MAX_LOGGED_LEN;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_newest_and_bounds_sizes() {
        let log = RequestLog::default();
        for n in 0..REQUEST_LOG_CAPACITY + 5 {
            log.record("GET", &format!("/v1/{n}"), None);
        }
        let entries = log.snapshot();
        assert_eq!(entries.len(), REQUEST_LOG_CAPACITY);
        assert_eq!(entries[0].path, "/v1/5");
        log.record("GET", &"é".repeat(5000), Some("a=1"));
        let last = log.snapshot().pop().unwrap();
        assert!(last.path.len() <= MAX_LOGGED_LEN && last.query == "a=1");
        log.clear();
        assert!(log.snapshot().is_empty());
    }
}
