//! Injected faults: the next N Web API requests (optionally only under a path) answer with an
//! error status instead of being served, as Spotify does under load or rate limiting.
//!
//! Set through `POST /__emulator/faults`:
//!
//! ```json
//! {"status": 429, "count": 2, "retry_after": 1, "path_prefix": "/v1/tracks"}
//! ```
//!
//! `status` is 400..=599, or 200..=599 together with a raw `body` (to serve a broken or hostile
//! body). A 429 carries `Retry-After` when `retry_after` is given, and can be sent with no body
//! at all (`"empty_body": true`), as Spotify sometimes does (§2.6). `delay_ms` holds the answer
//! back (up to 60 s); with no `status`, the request is then served normally, which is how a
//! slow server is emulated. `after` lets that many matching requests through first, so a rule
//! can fail, say, the third request of a batch (`{"status": 500, "after": 2, "path_prefix":
//! "/v1/playlists/{id}/items"}`). Rules are tried in the order they were added; each is used
//! `count` times, then dropped.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::errors::{
    ApiError, BAD_GATEWAY, INJECTED_FAULT, MISSING_INVALID_EXPIRED_TOKEN, RATE_LIMIT_EXCEEDED,
    SERVER_ERROR, SERVICE_UNAVAILABLE,
};

/// One rule of injected faults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FaultRule {
    /// The status to answer with (400..=599; 200..=599 with `body`). None: serve the request
    /// normally, after `delay_ms`.
    #[serde(default)]
    pub(crate) status: Option<u16>,
    /// How many requests get it. Default: 1.
    #[serde(default = "one")]
    pub(crate) count: u32,
    /// `Retry-After` seconds, for a 429.
    #[serde(default)]
    pub(crate) retry_after: Option<u64>,
    /// Only requests whose path starts with this (e.g. `/v1/me`). Default: every `/v1` request.
    #[serde(default)]
    pub(crate) path_prefix: Option<String>,
    /// Answer with no body at all.
    #[serde(default)]
    pub(crate) empty_body: bool,
    /// Answer with this body, as it is (`content-type: application/json`).
    #[serde(default)]
    pub(crate) body: Option<String>,
    /// Milliseconds to wait before answering (at most 60 000).
    #[serde(default)]
    pub(crate) delay_ms: Option<u64>,
    /// How many matching requests to let through, served normally, before the rule applies.
    /// Default: 0.
    #[serde(default)]
    pub(crate) after: u32,
}

/// The longest delay a rule may ask for.
const MAX_DELAY_MS: u64 = 60_000;

fn one() -> u32 {
    1
}

impl FaultRule {
    /// Whether the rule is usable: a positive count, a delay of at most a minute, and an
    /// error status (any status with a body), or no status but a delay.
    pub(crate) fn is_valid(&self) -> bool {
        let status_ok = match (self.status, &self.body) {
            (Some(status), Some(_)) => (200..=599).contains(&status),
            (Some(status), None) => (400..=599).contains(&status),
            (None, _) => self.delay_ms.is_some() && self.body.is_none(),
        };
        status_ok && self.count > 0 && self.delay_ms.is_none_or(|d| d <= MAX_DELAY_MS)
    }

    /// How long to hold the answer back.
    pub(crate) fn delay(&self) -> Option<std::time::Duration> {
        self.delay_ms.map(std::time::Duration::from_millis)
    }

    fn matches(&self, path: &str) -> bool {
        self.path_prefix
            .as_deref()
            .is_none_or(|prefix| path.starts_with(prefix))
    }

    /// The response this fault gives (in Spotify's error envelope unless `body` is set), or
    /// None when the request is to be served normally.
    pub(crate) fn response(&self) -> Option<Response> {
        let code = self.status?;
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = match code {
            401 => MISSING_INVALID_EXPIRED_TOKEN,
            429 => RATE_LIMIT_EXCEEDED,
            500 => SERVER_ERROR,
            502 => BAD_GATEWAY,
            503 => SERVICE_UNAVAILABLE,
            _ => INJECTED_FAULT,
        };
        let mut response = match (&self.body, self.empty_body) {
            (_, true) => status.into_response(),
            (Some(body), false) => (
                status,
                [(header::CONTENT_TYPE, "application/json")],
                body.clone(),
            )
                .into_response(),
            (None, false) => ApiError::new(status, message).into_response(),
        };
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        Some(response)
    }
}

/// The rules in force.
#[derive(Clone, Debug, Default)]
pub(crate) struct Faults {
    rules: Vec<FaultRule>,
}

impl Faults {
    /// Adds a rule after the others.
    pub(crate) fn add(&mut self, rule: FaultRule) {
        self.rules.push(rule);
    }

    /// Drops every rule.
    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// The rules, for the control plane.
    pub(crate) fn rules(&self) -> &[FaultRule] {
        &self.rules
    }

    /// Uses up one application of the first rule matching `path` that is not still letting
    /// requests through (`after`), if any; every rule still letting them through counts this one.
    pub(crate) fn take(&mut self, path: &str) -> Option<FaultRule> {
        let mut found = None;
        for (index, rule) in self.rules.iter_mut().enumerate() {
            if !rule.matches(path) {
                continue;
            }
            if rule.after > 0 {
                rule.after -= 1;
                continue;
            }
            found = Some(index);
            break;
        }
        let index = found?;
        let rule = &mut self.rules[index];
        rule.count -= 1;
        let taken = rule.clone();
        if rule.count == 0 {
            self.rules.remove(index);
        }
        Some(taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(status: u16, count: u32, prefix: Option<&str>) -> FaultRule {
        FaultRule {
            status: Some(status),
            count,
            retry_after: None,
            path_prefix: prefix.map(str::to_owned),
            empty_body: false,
            body: None,
            delay_ms: None,
            after: 0,
        }
    }

    #[test]
    fn rules_are_used_count_times_in_order() {
        let mut faults = Faults::default();
        faults.add(rule(503, 2, Some("/v1/me")));
        faults.add(rule(429, 1, None));
        assert_eq!(faults.take("/v1/tracks/x").unwrap().status, Some(429));
        assert!(faults.take("/v1/tracks/x").is_none());
        assert_eq!(faults.take("/v1/me").unwrap().status, Some(503));
        assert_eq!(faults.take("/v1/me/player").unwrap().status, Some(503));
        assert!(faults.take("/v1/me").is_none());
    }

    #[test]
    fn after_lets_matching_requests_through_first() {
        let mut faults = Faults::default();
        faults.add(FaultRule {
            after: 2,
            ..rule(500, 1, Some("/v1/playlists/x/items"))
        });
        assert!(
            faults.take("/v1/tracks/y").is_none(),
            "not matching: not counted"
        );
        assert!(faults.take("/v1/playlists/x/items").is_none());
        assert!(faults.take("/v1/playlists/x/items").is_none());
        assert_eq!(
            faults.take("/v1/playlists/x/items").unwrap().status,
            Some(500)
        );
        assert!(faults.take("/v1/playlists/x/items").is_none(), "used up");
        assert!(faults.rules().is_empty());
    }

    #[test]
    fn only_error_statuses_are_valid() {
        assert!(rule(500, 1, None).is_valid());
        assert!(!rule(200, 1, None).is_valid());
        assert!(!rule(429, 0, None).is_valid());
        let body = FaultRule {
            body: Some("{".into()),
            ..rule(200, 1, None)
        };
        assert!(body.is_valid());
        let slow = FaultRule {
            status: None,
            delay_ms: Some(100),
            ..rule(200, 1, None)
        };
        assert!(slow.is_valid());
        assert!(slow.response().is_none());
        let too_slow = FaultRule {
            delay_ms: Some(3_600_000),
            ..slow
        };
        assert!(!too_slow.is_valid());
    }
}
