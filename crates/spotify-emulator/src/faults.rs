//! Injected faults: Web API requests that answer as Spotify does on a bad day instead of being
//! served normally. What a rule selects and answers, its JSON and the compact syntax of
//! `--fault` are documented on [`Fault`].

use std::str::FromStr;
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::errors::{
    ApiError, BAD_GATEWAY, FAULT_BAD_DELAY, FAULT_BAD_KIND_STATUS, FAULT_BAD_PATH,
    FAULT_BAD_PROBABILITY, FAULT_BAD_STATUS, FAULT_NOTHING_TO_DO, FAULT_UNUSED_OPTION,
    FAULT_ZERO_COUNT, INJECTED_FAULT, MISSING_INVALID_EXPIRED_TOKEN, RATE_LIMIT_EXCEEDED,
    SERVER_ERROR, SERVICE_UNAVAILABLE,
};

/// The longest delay a rule may ask for.
const MAX_DELAY_MS: u64 = 60_000;

/// What a [`Fault`] does besides (or instead of) answering with a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FaultKind {
    /// Close the connection without an answer (the client sees a connection error).
    Reset,
    /// Serve the request, but cut its body off halfway, with the full `Content-Length`.
    Truncated,
    /// Answer an HTML error page (`text/html`), as a proxy in front of Spotify does.
    NonJson,
    /// Revoke the caller's access token, then serve the request (which gets 401).
    RevokeToken,
}

/// One rule of injected faults: Web API requests that answer as Spotify does on a bad day
/// (429 with a `Retry-After`, 5xx, a reset connection, a slow or broken answer, a revoked
/// token) instead of being served normally.
///
/// A rule **selects** requests: optionally only one method
/// (`"method": "POST"`), a path prefix (`"path_prefix": "/v1/me"`) or a route pattern
/// (`"route": "/v1/playlists/{id}/items"`, where `{..}` stands for any one segment; a prefix
/// may hold such segments too); after letting `after` matching requests through, it takes the
/// next `count` of them, or, with a `probability`, each one with that probability, drawn from
/// the rule's own random generator seeded with `seed` (the same seed and order of requests
/// give the same faults). It then gives its **kind** of fault:
///
/// | rule | answer |
/// | --- | --- |
/// | `"status": 429, "retry_after": 1` | 429 `API rate limit exceeded` with `Retry-After: 1`; `"empty_body": true` sends no body (`Content-Length: 0`), as Spotify sometimes does (§2.6) |
/// | `"status": 500` / `502` / `503` | Spotify's envelope: `Server error`, `Bad gateway`, `Service unavailable` (any 400..=599 works) |
/// | `"status": 200, "body": ".."` | that body as it is (`application/json`): a broken or hostile answer (any 200..=599) |
/// | `"kind": "reset"` | the connection is closed without an answer: the client sees a connection error |
/// | `"kind": "truncated"` | the real answer, with its full `Content-Length`, cut off after half its body: the client sees a body error |
/// | `"kind": "non_json"` | an HTML error page (`text/html`), status 502 unless `status` says otherwise, as a proxy in front of Spotify sends |
/// | `"kind": "revoke_token"` | the caller's access token is revoked: this request and later ones get 401 until the client gets a new token |
/// | `"delay_ms": 50` (no status, no kind) | the request is served normally after 50 ms; with `"delay_max_ms": 200`, after a delay drawn uniformly from 50..=200 ms |
///
/// A delay (at most 60 s) can be added to any kind. Rules are tried in the order they were
/// added; a rule that has been used `count` times is dropped. `count` defaults to 1, or to
/// unlimited (`4294967295`) for a rule with a `probability`.
///
/// The same rules come from the control plane (`POST /__emulator/faults` with the JSON above),
/// from the builder ([`EmulatorBuilder::fault`](crate::EmulatorBuilder::fault) with
/// [`Fault::status`], [`Fault::reset`]...) and from the binary's `--fault` flag, whose compact
/// syntax [`FromStr`] reads: a kind, then `key=value` options, all
/// separated by commas:
///
/// ```text
/// --fault 429,retry_after=1,count=2            the next two requests get 429, Retry-After: 1
/// --fault 503,p=0.1,seed=7,method=POST,route=/v1/playlists/{id}/items
/// --fault reset,p=0.05,seed=1                  5% of requests lose their connection
/// --fault delay,ms=20..200,count=max           every request waits 20 to 200 ms
/// --fault truncated,path=/v1/tracks            the next track read is cut off
/// --fault non_json --fault revoke_token,after=3
/// ```
///
/// Kinds: a status (`400`..`599`), `reset`, `truncated`, `non_json` (or `html`),
/// `revoke_token`, `delay`. Options: `count=N|max`, `after=N`, `p=P` with P in (0, 1]
/// (`probability`),
/// `seed=N`, `method=M`, `path=PREFIX` (`path_prefix`), `route=PATTERN`, `retry_after=SECS`,
/// `empty_body`, `ms=N` or `ms=MIN..MAX` (`delay_ms`, or a uniform delay), `status=N` (for
/// `non_json`).
///
/// # In Rust
///
/// Build one from [`Fault::status`], [`Fault::reset`],
/// [`Fault::truncated`], [`Fault::non_json`], [`Fault::revoke_token`] or [`Fault::delay`],
/// then narrow it down:
///
/// ```
/// use spotify_emulator::Fault;
///
/// let flaky = Fault::status(503).probability(0.1, 7).method("POST").route("/v1/playlists/{id}/items");
/// let slow = Fault::delay(20).delay_max(200).count(u32::MAX);
/// let limited: Fault = "429,retry_after=1,count=2".parse().unwrap();
/// assert_eq!(limited, Fault::status(429).retry_after(1).count(2));
/// # let _ = (flaky, slow);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// The status to answer with (400..=599; 200..=599 with `body`). None: serve the request
    /// normally, after the delay, unless `kind` says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    /// A fault other than a plain status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<FaultKind>,
    /// How many requests get it. Default: 1, or unlimited with a `probability`.
    #[serde(default)]
    count: Option<u32>,
    /// How many matching requests to let through, served normally, before the rule applies.
    #[serde(default)]
    after: u32,
    /// With this, each matching request gets the fault with this probability (0 < p <= 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    probability: Option<f64>,
    /// The seed of the rule's random draws (probability, delay). Default: 0.
    #[serde(default)]
    seed: u64,
    /// Only requests with this method (any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    method: Option<String>,
    /// Only requests whose path starts with this (e.g. `/v1/me`); `{..}` matches any one segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path_prefix: Option<String>,
    /// Only requests whose path is this route (e.g. `/v1/playlists/{id}/items`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    route: Option<String>,
    /// `Retry-After` seconds (for a 429, or any status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_after: Option<u64>,
    /// Answer with no body at all.
    #[serde(default)]
    empty_body: bool,
    /// Answer with this body, as it is (`content-type: application/json`; `text/html` for
    /// `non_json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    /// Milliseconds to wait before answering (at most 60 000); the least delay when
    /// `delay_max_ms` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delay_ms: Option<u64>,
    /// With this, the delay is drawn uniformly from `delay_ms..=delay_max_ms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delay_max_ms: Option<u64>,
    /// The state of the rule's random generator.
    #[serde(skip)]
    rng: Option<SplitMix64>,
}

impl Fault {
    fn empty() -> Self {
        Self {
            status: None,
            kind: None,
            count: None,
            after: 0,
            probability: None,
            seed: 0,
            method: None,
            path_prefix: None,
            route: None,
            retry_after: None,
            empty_body: false,
            body: None,
            delay_ms: None,
            delay_max_ms: None,
            rng: None,
        }
    }

    /// Answer with `status` in Spotify's error envelope (429 `API rate limit exceeded`, 500
    /// `Server error`, 502 `Bad gateway`, 503 `Service unavailable`...): 400..=599, or
    /// 200..=599 with [`Fault::body`].
    pub fn status(status: u16) -> Self {
        Self {
            status: Some(status),
            ..Self::empty()
        }
    }

    /// Close the connection without an answer.
    pub fn reset() -> Self {
        Self::of_kind(FaultKind::Reset)
    }

    /// Serve the request with its body cut off halfway (and the full `Content-Length`).
    pub fn truncated() -> Self {
        Self::of_kind(FaultKind::Truncated)
    }

    /// Answer an HTML error page, 502 (change it with [`Fault::with_status`]).
    pub fn non_json() -> Self {
        Self::of_kind(FaultKind::NonJson)
    }

    /// Revoke the caller's access token: this request and later ones get 401 until it is
    /// renewed.
    pub fn revoke_token() -> Self {
        Self::of_kind(FaultKind::RevokeToken)
    }

    /// Serve the request normally after `ms` milliseconds (at most 60 000).
    pub fn delay(ms: u64) -> Self {
        Self {
            delay_ms: Some(ms),
            ..Self::empty()
        }
    }

    fn of_kind(kind: FaultKind) -> Self {
        Self {
            kind: Some(kind),
            ..Self::empty()
        }
    }

    /// Sets the status (e.g. of a [`Fault::non_json`] page).
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// How many requests get the fault. Default: 1, or unlimited with a probability.
    pub fn count(mut self, count: u32) -> Self {
        self.count = Some(count);
        self
    }

    /// Lets `n` matching requests through first. Default: 0.
    pub fn after(mut self, n: u32) -> Self {
        self.after = n;
        self
    }

    /// Gives each matching request the fault with probability `p` (0 < p <= 1), drawn from a
    /// generator seeded with `seed`: deterministic for a given seed and order of requests.
    pub fn probability(mut self, p: f64, seed: u64) -> Self {
        self.probability = Some(p);
        self.seed = seed;
        self
    }

    /// Only requests with this method (`GET`, `POST`...).
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into());
        self
    }

    /// Only requests whose path starts with `prefix` (`{..}` matches any one segment).
    pub fn path_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.path_prefix = Some(prefix.into());
        self
    }

    /// Only requests to this route, e.g. `/v1/playlists/{id}/items`.
    pub fn route(mut self, pattern: impl Into<String>) -> Self {
        self.route = Some(pattern.into());
        self
    }

    /// Adds `Retry-After: secs`.
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs);
        self
    }

    /// Sends no body at all.
    pub fn empty_body(mut self) -> Self {
        self.empty_body = true;
        self
    }

    /// Sends this body as it is.
    pub fn body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// Waits `ms` milliseconds before answering.
    pub fn delay_ms(mut self, ms: u64) -> Self {
        self.delay_ms = Some(ms);
        self
    }

    /// Draws the delay uniformly from `delay_ms..=max_ms` (`delay_ms` defaults to 0).
    pub fn delay_max(mut self, max_ms: u64) -> Self {
        self.delay_ms.get_or_insert(0);
        self.delay_max_ms = Some(max_ms);
        self
    }

    /// Checks the rule: a positive count; a status of 400..=599 (200..=599 with a body), or a
    /// kind, or a delay; delays of at most a minute; a probability in (0, 1]; paths starting
    /// with `/`. The error is the reason, in words.
    pub fn validate(&self) -> Result<(), &'static str> {
        if self.count == Some(0) {
            return Err(FAULT_ZERO_COUNT);
        }
        match (self.kind, self.status) {
            (None, Some(status)) => {
                let range = if self.body.is_some() {
                    200..=599
                } else {
                    400..=599
                };
                if !range.contains(&status) {
                    return Err(FAULT_BAD_STATUS);
                }
            }
            (None, None) if self.delay_ms.is_none() || self.body.is_some() => {
                return Err(FAULT_NOTHING_TO_DO);
            }
            (Some(FaultKind::NonJson), Some(status)) if !(200..=599).contains(&status) => {
                return Err(FAULT_BAD_STATUS);
            }
            (Some(FaultKind::NonJson), _) | (None, None) => {}
            (Some(_), status) => {
                if status.is_some() || self.body.is_some() || self.empty_body {
                    return Err(FAULT_BAD_KIND_STATUS);
                }
            }
        }
        let unused = (self.retry_after.is_some() && self.status != Some(429))
            || (self.empty_body && (self.status.is_none() || self.kind.is_some()))
            || (self.seed != 0 && self.probability.is_none() && self.delay_max_ms.is_none());
        if unused {
            return Err(FAULT_UNUSED_OPTION);
        }
        let delay_ok = self.delay_ms.is_none_or(|d| d <= MAX_DELAY_MS)
            && self
                .delay_max_ms
                .is_none_or(|max| max <= MAX_DELAY_MS && max >= self.delay_ms.unwrap_or(0));
        if !delay_ok {
            return Err(FAULT_BAD_DELAY);
        }
        if self
            .probability
            .is_some_and(|p| !(p.is_finite() && p > 0.0 && p <= 1.0))
        {
            return Err(FAULT_BAD_PROBABILITY);
        }
        let paths = [&self.path_prefix, &self.route];
        if paths
            .iter()
            .any(|p| p.as_ref().is_some_and(|p| !p.starts_with('/')))
            || self
                .method
                .as_ref()
                .is_some_and(|m| m.is_empty() || !m.bytes().all(|b| b.is_ascii_alphabetic()))
        {
            return Err(FAULT_BAD_PATH);
        }
        Ok(())
    }

    /// Fills in what the rule leaves to defaults (its count, its generator).
    fn arm(&mut self) {
        let unlimited = self.probability.is_some();
        self.count
            .get_or_insert(if unlimited { u32::MAX } else { 1 });
        self.rng = Some(SplitMix64(self.seed));
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self
                .path_prefix
                .as_deref()
                .is_none_or(|prefix| matches_pattern(prefix, path, true))
            && self
                .route
                .as_deref()
                .is_none_or(|route| matches_pattern(route, path, false))
    }

    /// Draws whether this request gets the fault, and the delay it gets.
    fn draw(&mut self) -> Option<Applied> {
        let rng = self.rng.get_or_insert(SplitMix64(self.seed));
        if let Some(p) = self.probability
            && rng.next_f64() >= p
        {
            return None;
        }
        let delay = match (self.delay_ms, self.delay_max_ms) {
            (Some(min), Some(max)) if max > min => Some(min + rng.next_u64() % (max - min + 1)),
            (delay, _) => delay,
        };
        Some(Applied {
            status: self.status,
            kind: self.kind,
            retry_after: self.retry_after,
            empty_body: self.empty_body,
            body: self.body.clone(),
            delay: delay.map(Duration::from_millis),
        })
    }
}

/// Whether `path` matches `pattern` segment by segment, `{..}` standing for any one non-empty
/// segment; as a prefix, `path` may go on (a pattern without `{` is a plain string prefix, as
/// it always was). A trailing slash is ignored on the pattern, and on the path for a whole
/// route.
pub(crate) fn matches_pattern(pattern: &str, path: &str, prefix: bool) -> bool {
    if prefix && !pattern.contains('{') {
        return path.starts_with(pattern);
    }
    let path = if prefix {
        path
    } else {
        path.strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path)
    };
    // A trailing slash on the pattern is ignored too, for a route as for a prefix.
    let pattern = pattern
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(pattern);
    let mut wanted = pattern.split('/');
    let mut got = path.split('/');
    loop {
        match (wanted.next(), got.next()) {
            (None, None) => return true,
            (None, Some(_)) => return prefix,
            (Some(_), None) => return false,
            (Some(w), Some(g)) => {
                let any = w.starts_with('{') && w.ends_with('}');
                if !(any && !g.is_empty() || w == g) {
                    return false;
                }
            }
        }
    }
}

/// A fault as it applies to one request.
#[derive(Clone, Debug)]
pub(crate) struct Applied {
    status: Option<u16>,
    pub(crate) kind: Option<FaultKind>,
    retry_after: Option<u64>,
    empty_body: bool,
    body: Option<String>,
    /// How long to hold the answer back.
    pub(crate) delay: Option<Duration>,
}

/// The HTML page of a [`FaultKind::NonJson`] fault, in the style of a proxy's error page.
const HTML_ERROR_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>envoy</center>\r\n</body>\r\n</html>\r\n";

impl Applied {
    /// The status, for the log.
    pub(crate) fn status(&self) -> Option<u16> {
        self.status
    }

    /// The answer this fault gives in place of the request's (in Spotify's error envelope
    /// unless a body is set), or None when the request is to be served (after the delay,
    /// and with the kind's treatment).
    pub(crate) fn response(&self) -> Option<Response> {
        if self.kind == Some(FaultKind::NonJson) {
            let status = self.status.unwrap_or(502);
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            let body = self
                .body
                .clone()
                .unwrap_or_else(|| HTML_ERROR_PAGE.to_owned());
            let mut response =
                (status, [(header::CONTENT_TYPE, "text/html")], body).into_response();
            self.add_retry_after(&mut response);
            return Some(response);
        }
        if self.kind.is_some() {
            return None;
        }
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
        self.add_retry_after(&mut response);
        Some(response)
    }

    fn add_retry_after(&self, response: &mut Response) {
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
    }
}

/// A rule's generator: [`crate::rng`] from the rule's seed, with a draw in [0, 1) besides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        crate::rng::next(&mut self.0)
    }

    /// A draw in [0, 1).
    fn next_f64(&mut self) -> f64 {
        // The top 53 bits, as many as an f64 holds exactly.
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }
}

/// The rules in force.
#[derive(Clone, Debug, Default)]
pub(crate) struct Faults {
    rules: Vec<Fault>,
}

impl Faults {
    /// Adds a rule after the others (checked with [`Fault::validate`] first).
    pub(crate) fn add(&mut self, mut rule: Fault) {
        rule.arm();
        self.rules.push(rule);
    }

    /// Drops every rule.
    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// The rules, for the control plane (`count` and `after` as they stand now).
    pub(crate) fn rules(&self) -> &[Fault] {
        &self.rules
    }

    /// Uses up one application of the first rule matching `method` and `path` that is not
    /// still letting requests through (`after`) and whose draw (with a probability) hits, if
    /// any. Every rule still letting requests through counts this one; every rule with a
    /// probability that is tried draws once.
    pub(crate) fn take(&mut self, method: &str, path: &str) -> Option<Applied> {
        if self.rules.is_empty() {
            return None;
        }
        let mut found = None;
        for (index, rule) in self.rules.iter_mut().enumerate() {
            if !rule.matches(method, path) {
                continue;
            }
            if rule.after > 0 {
                rule.after -= 1;
                continue;
            }
            if let Some(applied) = rule.draw() {
                found = Some((index, applied));
                break;
            }
        }
        let (index, applied) = found?;
        let rule = &mut self.rules[index];
        let count = rule.count.get_or_insert(1);
        *count = count.saturating_sub(1);
        if *count == 0 {
            self.rules.remove(index);
        }
        Some(applied)
    }
}

impl FromStr for Fault {
    type Err = String;

    /// Reads the compact syntax of `--fault` (see [`Fault`]): a kind, then
    /// comma-separated options.
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let mut parts = spec.split(',').map(str::trim);
        let kind = parts.next().unwrap_or_default();
        let mut rule = match kind {
            "reset" => Fault::reset(),
            "truncated" | "truncate" => Fault::truncated(),
            "non_json" | "non-json" | "html" => Fault::non_json(),
            "revoke_token" | "revoke-token" | "revoke" => Fault::revoke_token(),
            "delay" => Fault::empty(),
            status => match status.parse::<u16>() {
                Ok(status) => Fault::status(status),
                Err(_) => {
                    return Err(format!(
                        "unknown fault kind {kind:?} (a status such as 429 or 503, reset, \
                         truncated, non_json, revoke_token or delay)"
                    ));
                }
            },
        };
        for option in parts {
            let (key, value) = option.split_once('=').unwrap_or((option, ""));
            let number = |what: &str| -> Result<u64, String> {
                value
                    .parse::<u64>()
                    .map_err(|_| format!("{what} needs a whole number, not {value:?}"))
            };
            match key {
                "count" if value == "max" => rule.count = Some(u32::MAX),
                "count" => {
                    let n = number("count")?;
                    rule.count = Some(u32::try_from(n).map_err(|_| "count is too large")?);
                }
                "after" => {
                    let n = number("after")?;
                    rule.after = u32::try_from(n).map_err(|_| "after is too large")?;
                }
                "p" | "probability" => {
                    let p = value
                        .parse::<f64>()
                        .map_err(|_| format!("p needs a number in (0, 1], not {value:?}"))?;
                    rule.probability = Some(p);
                }
                "seed" => rule.seed = number("seed")?,
                "method" => rule.method = Some(value.to_ascii_uppercase()),
                "path" | "path_prefix" => rule.path_prefix = Some(value.to_owned()),
                "route" => rule.route = Some(value.to_owned()),
                "retry_after" | "retry-after" => rule.retry_after = Some(number("retry_after")?),
                "empty_body" | "empty-body" | "empty" if value.is_empty() => {
                    rule.empty_body = true;
                }
                "status" => {
                    let n = number("status")?;
                    rule.status = Some(u16::try_from(n).map_err(|_| "status is too large")?);
                }
                "ms" | "delay" | "delay_ms" => match value.split_once("..") {
                    Some((min, max)) => {
                        let parse = |v: &str| {
                            v.parse::<u64>().map_err(|_| {
                                format!("{key} needs milliseconds N or MIN..MAX, not {value:?}")
                            })
                        };
                        rule.delay_ms = Some(parse(min)?);
                        rule.delay_max_ms = Some(parse(max.trim_start_matches('='))?);
                    }
                    None => rule.delay_ms = Some(number(key)?),
                },
                _ => {
                    return Err(format!(
                        "unknown fault option {option:?} (count, after, p, seed, method, path, \
                         route, retry_after, empty_body, ms, status)"
                    ));
                }
            }
        }
        if kind == "delay" && rule.delay_ms.is_none() {
            return Err("delay needs ms=N or ms=MIN..MAX".to_owned());
        }
        rule.validate().map_err(str::to_owned)?;
        Ok(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(status: u16, count: u32, prefix: Option<&str>) -> Fault {
        let mut rule = Fault::status(status).count(count);
        rule.path_prefix = prefix.map(str::to_owned);
        rule
    }

    fn faults(rules: impl IntoIterator<Item = Fault>) -> Faults {
        let mut faults = Faults::default();
        for rule in rules {
            rule.validate().unwrap();
            faults.add(rule);
        }
        faults
    }

    #[test]
    fn rules_are_used_count_times_in_order() {
        let mut faults = faults([rule(503, 2, Some("/v1/me")), rule(429, 1, None)]);
        assert_eq!(
            faults.take("GET", "/v1/tracks/x").unwrap().status,
            Some(429)
        );
        assert!(faults.take("GET", "/v1/tracks/x").is_none());
        assert_eq!(faults.take("GET", "/v1/me").unwrap().status, Some(503));
        assert_eq!(
            faults.take("GET", "/v1/me/player").unwrap().status,
            Some(503)
        );
        assert!(faults.take("GET", "/v1/me").is_none());
    }

    #[test]
    fn after_lets_matching_requests_through_first() {
        let mut faults = faults([rule(500, 1, Some("/v1/playlists/x/items")).after(2)]);
        assert!(
            faults.take("GET", "/v1/tracks/y").is_none(),
            "not matching: not counted"
        );
        assert!(faults.take("GET", "/v1/playlists/x/items").is_none());
        assert!(faults.take("GET", "/v1/playlists/x/items").is_none());
        assert_eq!(
            faults.take("GET", "/v1/playlists/x/items").unwrap().status,
            Some(500)
        );
        assert!(
            faults.take("GET", "/v1/playlists/x/items").is_none(),
            "used up"
        );
        assert!(faults.rules().is_empty());
    }

    #[test]
    fn methods_prefixes_and_routes_select() {
        let route = Fault::status(503)
            .count(u32::MAX)
            .method("post")
            .route("/v1/playlists/{id}/items");
        let prefix = Fault::status(500)
            .count(u32::MAX)
            .path_prefix("/v1/users/{id}/");
        let mut faults = faults([route, prefix]);
        let status = |f: &mut Faults, m: &str, p: &str| f.take(m, p).and_then(|a| a.status);
        assert_eq!(
            status(&mut faults, "POST", "/v1/playlists/abc/items"),
            Some(503)
        );
        assert_eq!(
            status(&mut faults, "POST", "/v1/playlists/abc/items/"),
            Some(503)
        );
        assert_eq!(status(&mut faults, "GET", "/v1/playlists/abc/items"), None);
        assert_eq!(status(&mut faults, "POST", "/v1/playlists/abc"), None);
        assert_eq!(status(&mut faults, "POST", "/v1/playlists//items"), None);
        assert_eq!(status(&mut faults, "POST", "/v1/playlists/a/items/x"), None);
        assert_eq!(
            status(&mut faults, "GET", "/v1/users/bob/playlists"),
            Some(500)
        );
        assert_eq!(status(&mut faults, "GET", "/v1/users"), None);
        // A route written with a trailing slash matches with or without one.
        let mut slashed =
            self::faults([Fault::status(502).count(u32::MAX).route("/v1/tracks/{id}/")]);
        assert_eq!(status(&mut slashed, "GET", "/v1/tracks/abc"), Some(502));
        assert_eq!(status(&mut slashed, "GET", "/v1/tracks/abc/"), Some(502));
        assert_eq!(status(&mut slashed, "GET", "/v1/tracks"), None);
    }

    #[test]
    fn probabilities_are_deterministic_per_seed() {
        let sequence = |seed: u64| {
            let mut faults = faults([Fault::status(503).probability(0.3, seed)]);
            (0..200)
                .map(|_| faults.take("GET", "/v1/tracks/x").is_some())
                .collect::<Vec<bool>>()
        };
        let first = sequence(42);
        assert_eq!(first, sequence(42), "same seed, same faults");
        assert_ne!(first, sequence(43), "another seed, other faults");
        let hits = first.iter().filter(|hit| **hit).count();
        assert!((40..=80).contains(&hits), "about 30% of 200: {hits}");
        let mut all = faults([Fault::status(500).probability(1.0, 0)]);
        assert!(
            (0..50).all(|_| all.take("GET", "/v1/me").is_some()),
            "p=1: unlimited"
        );
    }

    #[test]
    fn uniform_delays_stay_in_range_and_repeat() {
        let draws = |seed| {
            let mut faults = faults([Fault::delay(10)
                .delay_max(30)
                .count(u32::MAX)
                .probability(1.0, seed)]);
            (0..100)
                .map(|_| {
                    faults
                        .take("GET", "/v1/me")
                        .unwrap()
                        .delay
                        .unwrap()
                        .as_millis()
                })
                .collect::<Vec<_>>()
        };
        let first = draws(9);
        assert_eq!(first, draws(9));
        assert!(first.iter().all(|ms| (10..=30).contains(ms)));
        assert!(
            first.contains(&10) && first.contains(&30),
            "both ends reached"
        );
    }

    #[test]
    fn validation_explains_what_is_wrong() {
        assert!(rule(500, 1, None).validate().is_ok());
        assert_eq!(rule(200, 1, None).validate(), Err(FAULT_BAD_STATUS));
        assert_eq!(rule(429, 0, None).validate(), Err(FAULT_ZERO_COUNT));
        assert!(Fault::status(200).body("{").validate().is_ok());
        let slow = Fault::delay(100);
        assert!(slow.validate().is_ok());
        assert!(slow.draw_once().response().is_none());
        assert_eq!(Fault::delay(3_600_000).validate(), Err(FAULT_BAD_DELAY));
        assert_eq!(
            Fault::delay(50).delay_max(10).validate(),
            Err(FAULT_BAD_DELAY)
        );
        assert_eq!(
            Fault::status(500).probability(1.5, 0).validate(),
            Err(FAULT_BAD_PROBABILITY)
        );
        assert_eq!(
            Fault::reset().with_status(500).validate(),
            Err(FAULT_BAD_KIND_STATUS)
        );
        assert!(Fault::non_json().with_status(503).validate().is_ok());
        assert_eq!(
            Fault::status(500).route("v1/x").validate(),
            Err(FAULT_BAD_PATH)
        );
        assert_eq!(Fault::empty().validate(), Err(FAULT_NOTHING_TO_DO));
    }

    impl Fault {
        fn draw_once(mut self) -> Applied {
            self.arm();
            self.draw().unwrap()
        }
    }

    #[test]
    fn the_compact_syntax_reads_every_kind_and_option() {
        let parse = |s: &str| s.parse::<Fault>();
        assert_eq!(
            parse("429,retry_after=1,count=2"),
            Ok(Fault::status(429).retry_after(1).count(2))
        );
        assert_eq!(
            parse("503, p=0.1, seed=7, method=post, route=/v1/playlists/{id}/items"),
            Ok(Fault::status(503)
                .probability(0.1, 7)
                .method("POST")
                .route("/v1/playlists/{id}/items"))
        );
        assert_eq!(
            parse("delay,ms=20..200,count=max"),
            Ok(Fault::delay(20).delay_max(200).count(u32::MAX))
        );
        assert_eq!(parse("delay,ms=50"), Ok(Fault::delay(50)));
        assert_eq!(parse("reset,after=3"), Ok(Fault::reset().after(3)));
        assert_eq!(
            parse("truncated,path=/v1/tracks"),
            Ok(Fault::truncated().path_prefix("/v1/tracks"))
        );
        assert_eq!(
            parse("html,status=503"),
            Ok(Fault::non_json().with_status(503))
        );
        assert_eq!(parse("revoke_token"), Ok(Fault::revoke_token()));
        assert_eq!(
            parse("429,empty_body,retry_after=0"),
            Ok(Fault::status(429).empty_body().retry_after(0))
        );
    }

    #[test]
    fn bad_flags_say_what_is_wrong() {
        let error = |s: &str| s.parse::<Fault>().unwrap_err();
        assert!(error("teapot").contains("unknown fault kind \"teapot\""));
        assert!(error("429,colour=red").contains("unknown fault option \"colour=red\""));
        assert!(error("429,count=two").contains("count needs a whole number"));
        assert!(error("delay,ms=5..x").contains("MIN..MAX"));
        // A rule that parses but cannot be used says which rule it breaks.
        for (flag, why) in [
            ("503,p=2", FAULT_BAD_PROBABILITY),
            ("delay", "delay needs ms=N or ms=MIN..MAX"),
            ("delay,ms=5,retry_after=3", FAULT_UNUSED_OPTION),
            ("non_json,empty_body", FAULT_UNUSED_OPTION),
            ("429,seed=3", FAULT_UNUSED_OPTION),
            ("200", FAULT_BAD_STATUS),
            ("reset,status=500", FAULT_BAD_KIND_STATUS),
            ("429,count=0", FAULT_ZERO_COUNT),
        ] {
            assert!(error(flag).contains(why), "{flag}: {}", error(flag));
        }
    }
}
