//! The one request pipeline, and the only file that names `reqwest`.
//!
//! Every Web API operation becomes an [`ApiRequest`] (method, path, query, body) and goes
//! through [`Pipeline::send`], which adds the bearer token it gets from a [`Credentials`]
//! source (the token manager, which renews it first if it is about to expire), sends, maps the
//! response to a typed error, and applies the retry policy: 429 with `Retry-After`, 5xx and
//! transport errors for idempotent requests, and one renewal and replay on a 401. Token requests
//! to the accounts service go through [`Transport::token_request`] here too, under the same
//! retry policy; of the client's limits (`limit`) they keep only the pause after a Web API 429,
//! which every request waits out (they take no place in flight and no start of the request
//! budget, which count Web API requests). Each
//! attempt runs in a `spotify_request` span (method, path template, attempt, wait, status,
//! bytes; never a header).
//!
//! This module sits below the session and the token manager, which use it; it knows neither.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::time::Instant;
use tracing::Instrument;
use url::Url;

use crate::base_url::BaseUrl;
use crate::error::{
    ArgumentProblem, ConfigError, Error, PlayerErrorReason, Result, TransportError,
};
use crate::limit::{Limiter, RequestLimits, SharedLimits};
use crate::quota::{Refusal, Removal};
use crate::retry::RetryPolicy;
use crate::scope::Scope;
use crate::token::TokenResponse;

/// Bodies larger than this are refused instead of buffered (a hostile or broken server).
const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;
/// How much of a body a decode error quotes.
const EXCERPT_CHARS: usize = 160;
/// Responses larger than this are not kept in the ETag cache.
const MAX_CACHED_BODY_BYTES: usize = 1024 * 1024;
/// The most bytes of bodies the ETag cache holds in all.
const MAX_CACHED_BYTES: usize = 8 * 1024 * 1024;

/// An HTTP method of the Web API.
///
/// The catalogue only reads; the writes of the user's library, playlists and player use the
/// others, whose retry rules are unit-tested below already.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }

    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// A request body with its content type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Body {
    pub(crate) content_type: &'static str,
    pub(crate) bytes: Vec<u8>,
}

/// What an operation sends: built by the `api/` builders, with no I/O.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiRequest {
    pub(crate) method: Method,
    /// The path under the API base URL, starting with `/`.
    pub(crate) path: String,
    pub(crate) query: Vec<(Cow<'static, str>, String)>,
    pub(crate) body: Option<Body>,
    /// For a paged operation, its `limit` and `offset` bounds.
    pub(crate) paging: Option<PageBounds>,
    /// For an operation some apps lack, the change that removed it (see `quota`).
    pub(crate) removal: Option<Removal>,
    /// What a 403 means for this request, if the library can name it (see `quota`).
    pub(crate) refusal: Option<Refusal>,
    /// The scopes the operation needs (any one of them), named in [`Error::MissingScope`]
    /// when Spotify refuses the token for lacking a scope.
    pub(crate) scopes: Vec<Scope>,
    /// Whether sending the request twice does what sending it once does. `PUT` and `DELETE`
    /// are, unless the operation says otherwise ([`ApiRequest::not_idempotent`]); `POST` never.
    pub(crate) idempotent: bool,
    /// Whether the answer's version and headers are kept ([`Reply::head`]): only the raw
    /// call wants them, so no other request moves them along.
    pub(crate) keep_head: bool,
}

/// The `limit` and `offset` bounds of a paged operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageBounds {
    /// The smallest `limit` accepted.
    pub(crate) min_limit: u32,
    /// The largest `limit` accepted.
    pub(crate) max_limit: u32,
    /// The largest `offset` accepted, where Spotify caps it.
    pub(crate) max_offset: Option<u32>,
}

impl PageBounds {
    /// Most lists: `limit` 1..=50.
    pub(crate) const DEFAULT: PageBounds = PageBounds {
        min_limit: 1,
        max_limit: 50,
        max_offset: None,
    };

    /// Another largest `limit`.
    pub(crate) const fn max_limit(mut self, max: u32) -> PageBounds {
        self.max_limit = max;
        self
    }

    /// A cap on `offset`.
    pub(crate) const fn max_offset(mut self, max: u32) -> PageBounds {
        self.max_offset = Some(max);
        self
    }
}

impl ApiRequest {
    /// Marks the operation as removed for some apps by `removal`: the client then follows its
    /// quota mode for it.
    pub(crate) fn removed(mut self, removal: Removal) -> ApiRequest {
        self.removal = Some(removal);
        self
    }

    /// The scopes the operation needs (any one of them).
    pub(crate) fn scopes(mut self, scopes: impl IntoIterator<Item = Scope>) -> ApiRequest {
        self.scopes.extend(scopes);
        self
    }

    /// Marks a `PUT` or `DELETE` whose effect depends on the state it finds (moving the
    /// items at a position, removing the item at a position): like a `POST`, it is not sent
    /// again after a server error or a timeout, since it may have been applied.
    pub(crate) fn not_idempotent(mut self) -> ApiRequest {
        self.idempotent = false;
        self
    }

    /// Keeps the answer's version and headers in the [`Reply`] (for the raw call).
    pub(crate) fn keep_head(mut self) -> ApiRequest {
        self.keep_head = true;
        self
    }

    /// Whether the request may be sent again when its first sending may have been applied.
    fn is_idempotent(&self) -> bool {
        self.idempotent && self.method.is_idempotent()
    }

    /// Whether a server error may be retried: the server may have acted on the request, so
    /// only idempotent requests are repeated.
    pub(crate) fn retries_server_error(&self, status: u16) -> bool {
        matches!(status, 500 | 502 | 503 | 504) && self.is_idempotent()
    }

    /// Whether the request may be sent again after it failed in transport. A connection that
    /// never opened carried nothing, so any request is. Anything else (a timeout, a connection
    /// closed before the answer, an answer cut off) may have been received and applied, so only
    /// an idempotent request is repeated: a `POST` that adds items must not add them twice.
    fn retries_transport_error(&self, connect: bool) -> bool {
        connect || self.is_idempotent()
    }

    /// Says what a 403 answer to this request means: the client returns `refusal`'s error
    /// instead of a bare [`Error::Api`].
    pub(crate) fn refused_as(mut self, refusal: Refusal) -> ApiRequest {
        self.refusal = Some(refusal);
        self
    }
}

impl ApiRequest {
    fn new(method: Method, path: impl Into<String>) -> ApiRequest {
        ApiRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            paging: None,
            removal: None,
            refusal: None,
            scopes: Vec::new(),
            idempotent: true,
            keep_head: false,
        }
    }

    /// A `GET` of `path`.
    pub(crate) fn get(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Get, path)
    }

    /// A `POST` to `path`.
    pub(crate) fn post(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Post, path)
    }

    /// A `PUT` to `path`.
    pub(crate) fn put(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Put, path)
    }

    /// A `DELETE` of `path`.
    pub(crate) fn delete(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Delete, path)
    }

    /// A `GET` of an absolute URL from a response (a paging object's `next` or `previous`).
    /// It must lie under `base`; any other URL is refused with [`Error::UntrustedUrl`], so the
    /// token is never sent to another host.
    pub(crate) fn get_url(base: &BaseUrl, url: &str) -> Result<ApiRequest> {
        let (path, query) = base.relative_or_refuse(url)?;
        let mut req = ApiRequest::get(path);
        req.query = query.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect();
        Ok(req)
    }

    /// The URL this request is sent to: its path under `base`, with its query.
    pub(crate) fn url(&self, base: &BaseUrl) -> Url {
        let mut url = base.join(&self.path);
        if !self.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.query.iter().map(|(k, v)| (k.as_ref(), v.as_str())));
        }
        url
    }

    /// Adds a query parameter when `value` is present.
    pub(crate) fn query(mut self, name: &'static str, value: Option<impl ToString>) -> ApiRequest {
        if let Some(value) = value {
            self.query.push((Cow::Borrowed(name), value.to_string()));
        }
        self
    }

    /// Sets (or replaces) a query parameter.
    pub(crate) fn set_query(&mut self, name: &'static str, value: impl ToString) {
        let value = value.to_string();
        match self.query.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = value,
            None => self.query.push((Cow::Borrowed(name), value)),
        }
    }

    /// The value of a query parameter, if set.
    pub(crate) fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The query as string pairs, for tests.
    #[cfg(test)]
    pub(crate) fn query_pairs(&self) -> Vec<(&str, &str)> {
        self.query
            .iter()
            .map(|(k, v)| (k.as_ref(), v.as_str()))
            .collect()
    }

    /// Sets a JSON body.
    pub(crate) fn json(mut self, body: &impl Serialize) -> Result<ApiRequest> {
        let bytes = serde_json::to_vec(body).map_err(|_| Error::InvalidArgument {
            name: "body",
            problem: ArgumentProblem::NotSerializable,
        })?;
        self.body = Some(Body {
            content_type: "application/json",
            bytes,
        });
        Ok(self)
    }

    /// Sets a body of another content type (the cover upload sends base64 JPEG text as
    /// `image/jpeg`).
    pub(crate) fn raw_body(mut self, content_type: &'static str, bytes: Vec<u8>) -> ApiRequest {
        self.body = Some(Body {
            content_type,
            bytes,
        });
        self
    }
}

/// The HTTP client and its per-request settings, shared by the API client and sessions.
#[derive(Clone, Debug)]
pub(crate) struct Transport {
    client: reqwest::Client,
    /// Checked once, when the transport is built, not per request.
    user_agent: reqwest::header::HeaderValue,
    timeout: Option<Duration>,
    /// Sent with every request (`Accept-Language`...), checked once.
    headers: reqwest::header::HeaderMap,
    /// The client's limits and its pause after a 429, shared with the session it manages.
    pub(crate) limiter: Arc<Limiter>,
    /// The runtime that blocking calls run on: one per connection pool (`runtime.rs`).
    pub(crate) runtime: crate::runtime::RuntimeSlot,
}

/// Settings of a [`Transport`], gathered by the builders.
#[derive(Clone, Debug, Default)]
pub(crate) struct TransportConfig {
    pub(crate) user_agent: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    /// Default headers, as given (checked when the transport is built).
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) proxy: Option<String>,
    pub(crate) limits: RequestLimits,
    /// The app's budget and pause shared with other processes (Redis), if configured.
    pub(crate) shared: Option<Arc<dyn SharedLimits>>,
}

impl TransportConfig {
    /// Whether these settings need a connection pool of their own: a connect timeout or a
    /// proxy are settings of the pool, not of a request.
    pub(crate) fn needs_own_pool(&self) -> bool {
        self.connect_timeout.is_some() || self.proxy.is_some()
    }
}

/// `agent` as a header value, checked once.
fn user_agent_header(agent: &str) -> Result<reqwest::header::HeaderValue> {
    reqwest::header::HeaderValue::try_from(agent).map_err(|_| {
        Error::Config(ConfigError::UserAgent {
            agent: agent.chars().take(200).collect(),
        })
    })
}

/// Headers the pipeline sets itself, which a default header may not replace.
const OWN_HEADERS: [reqwest::header::HeaderName; 8] = [
    reqwest::header::ACCEPT,
    reqwest::header::AUTHORIZATION,
    reqwest::header::CONTENT_TYPE,
    reqwest::header::CONTENT_LENGTH,
    reqwest::header::HOST,
    reqwest::header::TRANSFER_ENCODING,
    // Set through `user_agent`, and by the ETag cache.
    reqwest::header::USER_AGENT,
    reqwest::header::IF_NONE_MATCH,
];

/// The default headers `given` add to `base`, checked once.
fn default_headers(
    mut base: reqwest::header::HeaderMap,
    given: &[(String, String)],
) -> Result<reqwest::header::HeaderMap> {
    for (name, value) in given {
        let refuse = |problem| {
            Error::Config(ConfigError::Header {
                name: name.chars().take(200).collect(),
                problem,
            })
        };
        let header = reqwest::header::HeaderName::try_from(name.as_str())
            .map_err(|_| refuse("not a header name"))?;
        if OWN_HEADERS.contains(&header) {
            return Err(refuse("the library sets it"));
        }
        let value = HeaderValue::try_from(value.as_str())
            .map_err(|_| refuse("the value cannot be sent in a header"))?;
        base.insert(header, value);
    }
    Ok(base)
}

/// The proxy for `url`, if it is an `http` or `https` URL.
fn proxy(url: &str) -> Result<reqwest::Proxy> {
    let refuse = || {
        Error::Config(ConfigError::Proxy {
            url: crate::error::redacted_url(url),
        })
    };
    let parsed = Url::parse(url).map_err(|_| refuse())?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(refuse());
    }
    reqwest::Proxy::all(parsed.as_str()).map_err(|_| refuse())
}

/// The user agent sent unless the caller sets one.
pub(crate) const DEFAULT_USER_AGENT: &str =
    concat!("spotify-web-api-rs/", env!("CARGO_PKG_VERSION"));

impl Transport {
    pub(crate) fn new(config: TransportConfig) -> Result<Transport> {
        let timeout = Some(config.timeout.unwrap_or(Duration::from_secs(30)));
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout.unwrap_or(Duration::from_secs(10)))
            .pool_idle_timeout(Duration::from_secs(60));
        // reqwest's own TLS set-up reads every root certificate of the system here, which a
        // client that only talks `http` to an emulator never needs: see `tls.rs`.
        if let Some(tls) = crate::tls::client_config() {
            builder = builder.tls_backend_preconfigured(tls);
        }
        if let Some(url) = &config.proxy {
            builder = builder.proxy(proxy(url)?);
        }
        let client = builder
            .build()
            .map_err(|e| Error::Config(ConfigError::HttpClient(TransportError::new(e))))?;
        let user_agent = match config.user_agent.as_deref() {
            Some(agent) => user_agent_header(agent)?,
            None => reqwest::header::HeaderValue::from_static(DEFAULT_USER_AGENT),
        };
        Ok(Transport {
            client,
            user_agent,
            timeout,
            headers: default_headers(reqwest::header::HeaderMap::new(), &config.headers)?,
            limiter: Arc::new(Limiter::new(&config.limits, config.shared.clone())),
            runtime: crate::runtime::RuntimeSlot::default(),
        })
    }

    /// A connection pool of its own for `config`'s pool settings (a connect timeout, a proxy),
    /// with this transport's per-request settings (user agent, timeout, default headers)
    /// wherever `config` leaves them unset: how a client that needs its own pool keeps its
    /// session's settings.
    pub(crate) fn with_own_pool(&self, config: TransportConfig) -> Result<Transport> {
        let inherit_agent = config.user_agent.is_none();
        let inherit_timeout = config.timeout.is_none();
        let headers = default_headers(self.headers.clone(), &config.headers)?;
        let mut fresh = Transport::new(config)?;
        if inherit_agent {
            fresh.user_agent = self.user_agent.clone();
        }
        if inherit_timeout {
            fresh.timeout = self.timeout;
        }
        fresh.headers = headers;
        Ok(fresh)
    }

    /// The same connection pool with other per-request settings (user agent, timeout, default
    /// headers) and limits of its own: how a client built with its own HTTP settings still
    /// shares its session's pool.
    pub(crate) fn with_settings(&self, config: &TransportConfig) -> Result<Transport> {
        let user_agent = match config.user_agent.as_deref() {
            Some(agent) => user_agent_header(agent)?,
            None => self.user_agent.clone(),
        };
        Ok(Transport {
            client: self.client.clone(),
            user_agent,
            timeout: config.timeout.or(self.timeout),
            headers: default_headers(self.headers.clone(), &config.headers)?,
            limiter: Arc::new(Limiter::new(&config.limits, config.shared.clone())),
            runtime: self.runtime.clone(),
        })
    }

    /// A request to `url` with what this transport puts on every request: its user agent,
    /// its default headers, its timeout, and `Accept: application/json`. Built in place (a
    /// builder would be moved whole at each step), with room for the headers added after.
    fn base_request(&self, method: reqwest::Method, url: Url) -> reqwest::Request {
        use reqwest::header::{ACCEPT, USER_AGENT};
        let mut request = reqwest::Request::new(method, url);
        let headers = request.headers_mut();
        headers.reserve(self.headers.len() + 6);
        headers.insert(USER_AGENT, self.user_agent.clone());
        // None of the default headers is one of these (`OWN_HEADERS`).
        for (name, value) in &self.headers {
            headers.insert(name, value.clone());
        }
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        *request.timeout_mut() = self.timeout;
        request
    }

    /// An API request: [`base_request`](Self::base_request) with `bearer` as its
    /// `Authorization`.
    fn api_request(
        &self,
        method: reqwest::Method,
        url: Url,
        bearer: HeaderValue,
    ) -> reqwest::Request {
        let mut request = self.base_request(method, url);
        request
            .headers_mut()
            .insert(reqwest::header::AUTHORIZATION, bearer);
        request
    }

    /// [`base_request`](Self::base_request) as a builder, for the token request's form and
    /// basic authentication.
    fn request(&self, method: reqwest::Method, url: Url) -> reqwest::RequestBuilder {
        reqwest::RequestBuilder::from_parts(self.client.clone(), self.base_request(method, url))
    }

    /// `POST {accounts}/api/token` with a form body, and client authentication by HTTP Basic
    /// when a secret is given. Refusals become [`Error::Auth`]. The body may hold tokens, so
    /// decode errors quote none of it. It waits out the client's pause after a 429 as API
    /// requests do, and keeps to the policy's total time bound.
    pub(crate) async fn token_request(
        &self,
        url: Url,
        form: &[(&str, &str)],
        basic: Option<(&str, &SecretString)>,
        retry: &RetryPolicy,
    ) -> Result<crate::token::Token> {
        let deadline = Deadline::new(retry);
        deadline
            .bound(self.token_request_until(url, form, basic, retry, deadline))
            .await
    }

    async fn token_request_until(
        &self,
        url: Url,
        form: &[(&str, &str)],
        basic: Option<(&str, &SecretString)>,
        retry: &RetryPolicy,
        deadline: Deadline,
    ) -> Result<crate::token::Token> {
        let mut attempt = 0;
        let mut last = None;
        let mut waiting = WaitClock::start();
        loop {
            wait_out_pause(&self.limiter, retry, deadline, &mut last).await?;
            let mut req = self.request(reqwest::Method::POST, url.clone()).form(form);
            if let Some((id, secret)) = basic {
                req = req.basic_auth(id, Some(secret.expose_secret()));
            }
            let span = request_span("POST", url.path(), attempt, waiting);
            let received = SystemTime::now();
            let answer = send_attempt(req.send(), false, false)
                .instrument(span)
                .await;
            waiting = WaitClock::start();
            let answer = match answer {
                Ok(answer) => answer,
                // A connection that never opened sent nothing: safe to try again.
                Err(Failure::Send(e)) if e.is_connect() && attempt < retry.max_retries => {
                    deadline
                        .sleep(retry.backoff(attempt), Error::Transport(e))
                        .await?;
                    attempt += 1;
                    continue;
                }
                Err(Failure::Send(e)) => return Err(Error::Transport(e)),
                Err(Failure::Body(e)) => return Err(e),
            };
            let (status, retry_after, body) = (answer.status, answer.retry_after, answer.body);
            if (200..300).contains(&status) {
                let parsed: TokenResponse = decode(&body, true)?;
                return Ok(parsed.into_token(received));
            }
            let error = answer_error(Service::Accounts, status, retry_after, &body);
            if status == 429 && attempt < retry.max_retries && retry.allows_wait(retry_after) {
                deadline
                    .sleep(retry.rate_limit_wait(retry_after, attempt), error)
                    .await?;
                attempt += 1;
                continue;
            }
            return Err(error);
        }
    }
}

/// When a call must be over: now plus the policy's total time bound, if it has one.
#[derive(Debug, Clone, Copy)]
struct Deadline {
    at: Option<(Instant, Duration)>,
}

impl Deadline {
    fn new(policy: &RetryPolicy) -> Deadline {
        Deadline {
            at: policy
                .total_timeout
                .and_then(|limit| Some((Instant::now().checked_add(limit)?, limit))),
        }
    }

    /// Whether a wait of `wait` from now would run to the deadline or past it.
    fn overrun_by(&self, wait: Duration) -> bool {
        self.at
            .is_some_and(|(at, _)| Instant::now().checked_add(wait).is_none_or(|end| end >= at))
    }

    /// Sleeps `wait` before a retry; if that would run past the deadline, returns `error` at
    /// once instead.
    async fn sleep(&self, wait: Duration, error: Error) -> Result<()> {
        if self.overrun_by(wait) {
            return Err(error);
        }
        tracing::debug!(?wait, %error, "retrying after");
        tokio::time::sleep(wait).await;
        Ok(())
    }

    /// `call`, cut off with [`Error::CallTimeout`] when the deadline passes.
    ///
    /// A plain function, not an `async fn`: an `async fn` would keep `call` twice in its
    /// state (as its argument and as awaited), and a call's future is boxed and copied per
    /// request (see `future_size` below). This one moves `call` into the future it returns.
    fn bound<T>(self, call: impl Future<Output = Result<T>>) -> impl Future<Output = Result<T>> {
        use futures_util::future::{Either, FutureExt};
        match self.at {
            None => Either::Left(call),
            Some((at, limit)) => Either::Right(
                tokio::time::timeout_at(at, call)
                    .map(move |done| done.unwrap_or(Err(Error::CallTimeout { limit }))),
            ),
        }
    }
}

/// Waits out the client's pause after a 429. A pause longer than the policy waits out fails
/// at once with what is left of it; one that outlasts the deadline fails with `last` (the
/// error the call is retrying after), or the same [`Error::RateLimited`].
async fn wait_out_pause(
    limiter: &Limiter,
    policy: &RetryPolicy,
    deadline: Deadline,
    last: &mut Option<Error>,
) -> Result<()> {
    while let Some(left) = limiter.pause_remaining() {
        let rate_limited = || Error::RateLimited {
            // Whole seconds, as Spotify says them, rounded up: waiting that long is enough.
            retry_after: Some(Duration::from_secs(
                left.as_secs() + u64::from(left.subsec_nanos() > 0),
            )),
        };
        if left > policy.max_retry_after {
            return Err(rate_limited());
        }
        if deadline.overrun_by(left) {
            return Err(last.take().unwrap_or_else(rate_limited));
        }
        tracing::debug!(wait = ?left, "the client is paused after a 429: waiting");
        tokio::time::sleep(left).await;
    }
    Ok(())
}

/// The span of one attempt of a request: its method, its path as a template (no ID, and so no
/// user's data), the attempt number and how long it waited before it (backoff, the client's
/// pause, the budget, a place in flight), then its status and the bytes of its body. It never
/// holds a header, so never a token.
fn request_span(
    method: &str,
    template: impl std::fmt::Display,
    attempt: u32,
    waiting: WaitClock,
) -> tracing::Span {
    tracing::debug_span!(
        "spotify_request",
        method = %method,
        path = %template,
        attempt,
        wait_ms = waiting.waited_ms(),
        status = tracing::field::Empty,
        bytes = tracing::field::Empty,
    )
}

/// When a request began to wait for its next attempt, for its span's `wait_ms`. The clock is
/// read only while request spans are recorded: with no subscriber listening, an attempt makes
/// no clock reads for its span.
#[derive(Debug, Clone, Copy)]
struct WaitClock(Option<Instant>);

impl WaitClock {
    /// Starts the wait now, if request spans are recorded.
    fn start() -> WaitClock {
        WaitClock(tracing::enabled!(tracing::Level::DEBUG).then(Instant::now))
    }

    /// The milliseconds waited since [`start`](Self::start), if the clock was read then (a
    /// subscriber that comes in the middle of a wait sees no `wait_ms` for it).
    fn waited_ms(self) -> Option<u64> {
        self.0
            .map(|since| u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX))
    }
}

/// What one attempt got back.
struct Answer {
    status: u16,
    /// The answer's version and headers, when the request keeps them.
    head: Option<Box<Head>>,
    /// The `ETag` of a successful `GET` that may be cached.
    etag: Option<HeaderValue>,
    /// `Retry-After`, on a 429.
    retry_after: Option<Duration>,
    body: Bytes,
}

/// A successful answer as the pipeline returns it.
#[derive(Debug)]
pub(crate) struct Reply {
    /// `2xx`, or `304` when the body is the one the client cached for the `ETag` it sent.
    pub(crate) status: u16,
    /// The version and headers, for a request that keeps them ([`ApiRequest::keep_head`]).
    pub(crate) head: Option<Box<Head>>,
    pub(crate) body: Bytes,
}

/// What an answer says besides its status and body.
#[derive(Debug)]
pub(crate) struct Head {
    pub(crate) version: ::http::Version,
    pub(crate) headers: ::http::HeaderMap,
}

impl Answer {
    fn into_reply(self) -> Reply {
        Reply {
            status: self.status,
            head: self.head,
            body: self.body,
        }
    }
}

/// Why an attempt got no answer.
enum Failure {
    /// The request was not sent, or its answer did not arrive whole (a connection closed
    /// before it or during its body): maybe retried.
    Send(TransportError),
    /// The answer's body is too large to read: returned as it is.
    Body(Error),
}

/// Sends one attempt and reads its answer, in the attempt's span.
async fn send_attempt(
    sent: impl Future<Output = reqwest::Result<reqwest::Response>>,
    cached_get: bool,
    keep_head: bool,
) -> std::result::Result<Answer, Failure> {
    tracing::debug!("spotify request");
    let mut resp = match sent.await {
        Ok(resp) => resp,
        Err(e) => {
            let error = TransportError::new(e);
            tracing::debug!(%error, "spotify request failed");
            return Err(Failure::Send(error));
        }
    };
    let status = resp.status().as_u16();
    // What the headers say, read before the body consumes the response.
    let etag = match status {
        200..=299 if cached_get => cacheable(resp.headers()),
        _ => None,
    };
    let retry_after = parse_retry_after(
        status,
        resp.headers()
            .get(reqwest::header::RETRY_AFTER)
            .map(HeaderValue::as_bytes),
    );
    let span = tracing::Span::current();
    span.record("status", status);
    // Moved out of the response, not copied, and boxed so that every request's future
    // holds a pointer, not a header map.
    let head = keep_head.then(|| {
        Box::new(Head {
            version: resp.version(),
            headers: std::mem::take(resp.headers_mut()),
        })
    });
    let body = match read_body(resp).await {
        Ok(body) => body,
        Err(error) => {
            tracing::debug!(status, %error, "spotify response unreadable");
            return Err(match error {
                // Cut off on the way: the same as an answer that never came.
                Error::Transport(error) => Failure::Send(error),
                other => Failure::Body(other),
            });
        }
    };
    span.record("bytes", body.len());
    tracing::debug!(status, bytes = body.len(), "spotify response");
    Ok(Answer {
        status,
        head,
        etag,
        retry_after,
        body,
    })
}

/// The spec's template of a path the library sends: `/tracks/7EjyzZcbLxW7PaaLua9Ksb` reads
/// `/tracks/{id}`, `/playlists/{id}/items` reads `/playlists/{playlist_id}/items`. By rule:
/// the segment after a collection that takes an ID is its ID, named as the spec names it;
/// every other segment is a word of the path. Tests check it against every operation.
///
/// It is written out only when shown: a span's field is formatted only by a subscriber that
/// records it, so a request that no subscriber listens to builds no template.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PathTemplate<'a>(pub(crate) &'a str);

impl std::fmt::Display for PathTemplate<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const TAKE_AN_ID: &[&str] = &[
            "albums",
            "artists",
            "audio-analysis",
            "audio-features",
            "audiobooks",
            "chapters",
            "episodes",
            "playlists",
            "shows",
            "tracks",
            "users",
        ];
        let path = self.0;
        // The words before the ID, the ID's name, and what follows the ID.
        let mut segments = path.trim_start_matches('/').splitn(3, '/');
        let (words, name, rest) = match (segments.next(), segments.next(), segments.next()) {
            (Some(collection), Some(_id), rest) if TAKE_AN_ID.contains(&collection) => {
                let name = match collection {
                    "playlists" => "playlist_id",
                    "users" => "user_id",
                    _ => "id",
                };
                (collection, name, rest)
            }
            (Some("browse"), Some("categories"), Some(after)) => {
                let mut after = after.splitn(2, '/');
                let _id = after.next();
                ("browse/categories", "category_id", after.next())
            }
            _ => return f.write_str(path),
        };
        write!(f, "/{words}/{{{name}}}")?;
        match rest {
            Some(rest) => write!(f, "/{rest}"),
            None => Ok(()),
        }
    }
}

/// Which service refused a request: each words its errors in its own envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Service {
    /// The Web API: `{"error": {"status", "message", "reason"?}}`.
    Api,
    /// The accounts service: `{"error", "error_description"?}`.
    Accounts,
}

/// The error an answer outside 2xx becomes: [`Error::RateLimited`] for a 429 (with the
/// `Retry-After` it carried), else what the body says, in the answering service's envelope.
/// Any status and any bytes give an error; a body that is not the envelope gives one too.
pub(crate) fn answer_error(
    service: Service,
    status: u16,
    retry_after: Option<Duration>,
    body: &[u8],
) -> Error {
    match (status, service) {
        (429, _) => Error::RateLimited { retry_after },
        (_, Service::Api) => api_error(status, body),
        (_, Service::Accounts) => auth_error(status, body),
    }
}

/// Spotify's OAuth error body.
#[derive(serde::Deserialize)]
struct OAuthErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

fn auth_error(status: u16, body: &[u8]) -> Error {
    match serde_json::from_slice::<OAuthErrorBody>(body) {
        Ok(e) => Error::Auth {
            status,
            error: e.error,
            error_description: e.error_description,
        },
        Err(_) => Error::Auth {
            status,
            error: format!("http_{status}"),
            error_description: None,
        },
    }
}

/// The API error envelope `{"error": {"status", "message", "reason"?}}`.
#[derive(serde::Deserialize)]
struct ApiErrorBody {
    error: ApiErrorInner,
}

#[derive(serde::Deserialize)]
struct ApiErrorInner {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

fn api_error(status: u16, body: &[u8]) -> Error {
    let (message, reason) = match serde_json::from_slice::<ApiErrorBody>(body) {
        Ok(b) => (b.error.message, b.error.reason),
        Err(_) => (None, None),
    };
    let message = message.unwrap_or_else(|| {
        reqwest::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("no message")
            .to_owned()
    });
    Error::Api {
        status,
        message,
        reason: reason.as_deref().map(PlayerErrorReason::from_code),
    }
}

/// Reads a body up to [`MAX_BODY_BYTES`]. A body that arrives in one chunk (most do) is
/// kept as it is, without a copy; a longer one is gathered into a buffer sized from its
/// `Content-Length`.
async fn read_body(mut resp: reqwest::Response) -> Result<Bytes> {
    let expected = resp.content_length();
    if expected.is_some_and(|len| len > MAX_BODY_BYTES as u64) {
        return Err(too_large());
    }
    let transport = |e| Error::Transport(TransportError::new(e));
    let Some(first) = resp.chunk().await.map_err(transport)? else {
        return Ok(Bytes::new());
    };
    if first.len() > MAX_BODY_BYTES {
        return Err(too_large());
    }
    let Some(second) = resp.chunk().await.map_err(transport)? else {
        return Ok(first);
    };
    let known = expected.map_or(0, |len| len as usize);
    let mut body = Vec::with_capacity(known.max(first.len() + second.len()));
    body.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
        next = resp.chunk().await.map_err(transport)?;
    }
    Ok(Bytes::from(body))
}

fn too_large() -> Error {
    Error::Decode {
        path: ".".to_owned(),
        excerpt: String::new(),
        source: serde::de::Error::custom(format!(
            "the response body is larger than {MAX_BODY_BYTES} bytes"
        )),
    }
}

/// Decodes a JSON body with `T`'s own `Deserialize`, the serde way only: for what is not a
/// model (a token response, a raw call's `T`, a list of booleans). An empty body reads as
/// `null`, so `()` and `Option<T>` accept it.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8], secret_body: bool) -> Result<T> {
    serde_decode(body, secret_body, || std::marker::PhantomData::<T>)
}

/// Decodes a body that is one model (or `Option` of one), on the fast path when it can.
pub(crate) fn decode_model<T: DeserializeOwned + crate::lenient::Lenient>(
    body: &[u8],
) -> Result<T> {
    decode_seed(body, crate::reader::Strict::<T>::new)
}

/// Decodes a top-level JSON array leniently (`lenient::ListSeed`): elements of the wrong kind
/// are left out, `null` or an empty body is an empty list, and anything but an array fails.
pub(crate) fn decode_list<T: crate::lenient::Lenient>(body: &[u8]) -> Result<Vec<T>> {
    decode_seed(body, crate::lenient::ListSeed::<T>::new)
}

/// An empty body (only whitespace) reads as `null`.
fn or_null(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    }
}

/// [`decode`] with a seed that has a fast path: the body is first read straight into the
/// models ([`crate::reader`]); only a body the reader leaves alone goes the serde way. Never
/// for a secret body (a token response): those go through [`decode`], serde only, and their
/// errors quote none of them.
pub(crate) fn decode_seed<'de, S, F>(body: &'de [u8], seed: F) -> Result<S::Value>
where
    S: crate::reader::ReadSeed<'de>,
    F: Fn() -> S,
{
    // The body's UTF-8 is checked once, up front (a whole-buffer pass, with SIMD where the
    // CPU has it); the reader then skips the check per string.
    if fast_path_on()
        && let Ok(text) = simdutf8::basic::from_utf8(or_null(body))
        && let Some(value) = crate::reader::read_whole(text, seed())
    {
        return Ok(value);
    }
    serde_decode(body, false, seed)
}

/// Whether [`decode_seed`] tries the reader first: always, except inside the fuzz targets'
/// `serde_only` (the `fuzzing` feature), which compare every decode path both ways.
#[cfg(not(feature = "fuzzing"))]
fn fast_path_on() -> bool {
    true
}

#[cfg(feature = "fuzzing")]
thread_local! {
    /// Set by `__fuzz::serde_only` for the closure it runs.
    pub(crate) static SERDE_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(feature = "fuzzing")]
fn fast_path_on() -> bool {
    !SERDE_ONLY.with(std::cell::Cell::get)
}

/// The serde way of [`decode_seed`]: straight from the text; only a body that fails is
/// decoded a second time with path tracking, to name where it failed.
fn serde_decode<'de, S, F>(body: &'de [u8], secret_body: bool, seed: F) -> Result<S::Value>
where
    S: serde::de::DeserializeSeed<'de>,
    F: Fn() -> S,
{
    let bytes = or_null(body);
    // A body that is not UTF-8 goes straight to the slow pass, which names where it breaks.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let mut de = serde_json::Deserializer::from_str(text);
        if let Ok(value) = seed().deserialize(&mut de)
            && de.end().is_ok()
        {
            return Ok(value);
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut track = serde_path_to_error::Track::new();
    let result = seed()
        .deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track))
        .and_then(|value| de.end().map(|()| value));
    result.map_err(|source| Error::Decode {
        path: track.path().to_string(),
        excerpt: if secret_body {
            String::new()
        } else {
            excerpt(body)
        },
        source,
    })
}

/// The first characters of a body, for an error message.
pub(crate) fn excerpt(body: &[u8]) -> String {
    String::from_utf8_lossy(body)
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The `Retry-After` header's value (its bytes) as whole seconds, read on a 429 only. Spotify
/// sends an integer; anything else (an HTTP date, a fraction, a number too large) is ignored.
pub(crate) fn parse_retry_after(status: u16, value: Option<&[u8]>) -> Option<Duration> {
    if status != 429 {
        return None;
    }
    let value = std::str::from_utf8(value?.trim_ascii()).ok()?;
    value.parse::<u64>().ok().map(Duration::from_secs)
}

/// Cached bodies of responses that carried an `ETag`, so a repeated `GET` can be answered by a
/// `304 Not Modified` without the body crossing the network again.
///
/// Bodies are shared (`Bytes`), so keeping one and handing one out copies nothing, and a client
/// whose cache is empty (the common case against an API that sends no `ETag`) never takes the
/// lock.
#[derive(Debug)]
pub(crate) struct EtagCache {
    capacity: usize,
    /// How many entries there are, readable without the lock.
    len: AtomicUsize,
    entries: Mutex<CacheEntries>,
}

#[derive(Debug, Default)]
struct CacheEntries {
    /// URL → (its `ETag`, ready to send as `If-None-Match`; its body).
    map: HashMap<Box<str>, (HeaderValue, Bytes)>,
    order: VecDeque<Box<str>>,
    /// The bytes of the bodies held, kept under [`MAX_CACHED_BYTES`].
    bytes: usize,
}

impl EtagCache {
    pub(crate) fn new(capacity: usize) -> EtagCache {
        EtagCache {
            capacity,
            len: AtomicUsize::new(0),
            entries: Mutex::new(CacheEntries::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CacheEntries> {
        // A poisoned lock only means another thread panicked mid-update of a cache.
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get(&self, key: &str) -> Option<(HeaderValue, Bytes)> {
        if self.capacity == 0 || self.len.load(Ordering::Relaxed) == 0 {
            return None;
        }
        self.lock().map.get(key).cloned()
    }

    fn put(&self, key: &str, etag: HeaderValue, body: Bytes) {
        if self.capacity == 0 || body.len() > MAX_CACHED_BODY_BYTES {
            return;
        }
        let mut entries = self.lock();
        entries.bytes += body.len();
        let old = match entries.map.get_mut(key) {
            Some(slot) => Some(std::mem::replace(slot, (etag, body))),
            None => {
                let key: Box<str> = key.into();
                entries.order.push_back(key.clone());
                entries.map.insert(key, (etag, body))
            }
        };
        if let Some((_, old)) = old {
            entries.bytes -= old.len();
        }
        // The oldest go first, until both the entry count and the byte budget hold: a long
        // stream of pages must not pile up its bodies here.
        while entries.map.len() > self.capacity || entries.bytes > MAX_CACHED_BYTES {
            let Some(old) = entries.order.pop_front() else {
                break;
            };
            if let Some((_, body)) = entries.map.remove(&old) {
                entries.bytes -= body.len();
            }
        }
        self.len.store(entries.map.len(), Ordering::Relaxed);
    }
}

/// The `ETag` of a response that may be kept in the shared cache (one that is not private).
fn cacheable(headers: &reqwest::header::HeaderMap) -> Option<HeaderValue> {
    let etag = headers.get(reqwest::header::ETAG)?;
    let private = headers
        .get(reqwest::header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("private") || v.contains("no-store"));
    (!private).then(|| etag.clone())
}

/// An `Authorization: Bearer …` header value, built once per token rather than per request,
/// and marked sensitive (HTTP/2 never indexes it). Cloning it copies no bytes.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Bearer(reqwest::header::HeaderValue);

impl Bearer {
    /// The header for `access_token`; `None` if the token holds bytes a header cannot carry.
    pub(crate) fn new(access_token: &str) -> Option<Bearer> {
        let mut value =
            reqwest::header::HeaderValue::try_from(format!("Bearer {access_token}")).ok()?;
        value.set_sensitive(true);
        Some(Bearer(value))
    }

    /// The error for a token that cannot be sent in a header.
    pub(crate) fn invalid() -> Error {
        Error::InvalidArgument {
            name: "access_token",
            problem: ArgumentProblem::Expected("visible ASCII characters"),
        }
    }
}

impl std::fmt::Debug for Bearer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Bearer([redacted])")
    }
}

/// Where the pipeline gets the bearer token to send: the token manager.
pub(crate) trait Credentials: Send + Sync {
    /// The token to send. `refused` is a token the API just answered 401 to, which must be
    /// replaced rather than sent again.
    fn bearer(&self, refused: Option<&Bearer>) -> impl Future<Output = Result<Bearer>> + Send;

    /// The token in place now, stale or not, unless it has expired outright; `None` if there
    /// is none to send. Never renews: for a request whose start has come, which must not wait.
    fn current(&self) -> Option<Result<Bearer>>;

    /// Whether a refused token can be replaced (worth one replay after a 401).
    fn can_renew(&self) -> bool;
}

/// The one request pipeline of the Web API: transport, base URL, retry policy, ETag cache.
#[derive(Debug)]
pub(crate) struct Pipeline {
    transport: Transport,
    base: BaseUrl,
    retry: RetryPolicy,
    etags: EtagCache,
}

impl Pipeline {
    pub(crate) fn new(
        transport: Transport,
        base: BaseUrl,
        retry: RetryPolicy,
        etag_entries: usize,
    ) -> Pipeline {
        Pipeline {
            transport,
            base,
            retry,
            etags: EtagCache::new(etag_entries),
        }
    }

    /// The API base URL.
    pub(crate) fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// The retry policy.
    pub(crate) fn retry(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The runtime slot of the client's connection pool, for blocking calls.
    #[cfg(feature = "blocking")]
    pub(crate) fn runtime(&self) -> &crate::runtime::RuntimeSlot {
        &self.transport.runtime
    }

    /// The client's limiter (for tests of the builder).
    #[cfg(test)]
    pub(crate) fn limiter(&self) -> Arc<Limiter> {
        self.transport.limiter.clone()
    }

    /// Sends `req` and returns the successful response, within the policy's total time
    /// bound.
    pub(crate) async fn send<C: Credentials>(
        &self,
        credentials: &C,
        req: &ApiRequest,
    ) -> Result<Reply> {
        let deadline = Deadline::new(&self.retry);
        deadline
            .bound(self.send_until(credentials, req, deadline))
            .await
    }

    async fn send_until<C: Credentials>(
        &self,
        credentials: &C,
        req: &ApiRequest,
        deadline: Deadline,
    ) -> Result<Reply> {
        let url = req.url(&self.base);
        let cached_get = req.method == Method::Get;
        let policy = &self.retry;
        let limiter = &self.transport.limiter;
        let mut attempt: u32 = 0;
        let mut replayed_after_401 = false;
        let mut refused: Option<Bearer> = None;
        // The error being retried after, returned if the deadline cuts the wait short.
        let mut last: Option<Error> = None;
        let mut waiting = WaitClock::start();
        loop {
            wait_out_pause(limiter, policy, deadline, &mut last).await?;
            // The token is made fresh before the wait for a start (a refused one replaced, a
            // stale one renewed), so that a renewal never holds back requests whose starts
            // have passed, which would then go out together, over the budget.
            credentials.bearer(refused.take().as_ref()).await?;
            // A place in flight first, then a start of the budget, so that a request sent back
            // to wait out a pause seldom leaves a start it never used in the window.
            let in_flight = limiter.in_flight().await;
            if limiter.pause_remaining().is_none() {
                limiter.wait_for_start().await;
            }
            if limiter.pause_remaining().is_some() {
                // A 429 came while this request waited for its turn: it waits the pause out.
                drop(in_flight);
                continue;
            }
            // And read again after the wait, without renewing: one renewed meanwhile (after
            // another request's 401) is sent, not the one that was refused, and one that
            // turned stale while this request waited is still sent (it has not expired; the
            // next request renews it before its wait). Only a token gone altogether is
            // renewed here.
            let bearer = match credentials.current() {
                Some(bearer) => bearer?,
                None => credentials.bearer(None).await?,
            };
            let mut request =
                self.transport
                    .api_request(req.method.to_reqwest(), url.clone(), bearer.0.clone());
            let cached = if cached_get {
                self.etags.get(url.as_str())
            } else {
                None
            };
            if let Some((etag, _)) = &cached {
                request
                    .headers_mut()
                    .insert(reqwest::header::IF_NONE_MATCH, etag.clone());
            }
            if let Some(body) = &req.body {
                request.headers_mut().insert(
                    reqwest::header::CONTENT_TYPE,
                    HeaderValue::from_static(body.content_type),
                );
                *request.body_mut() = Some(body.bytes.clone().into());
            }
            let span = request_span(
                req.method.as_str(),
                PathTemplate(&req.path),
                attempt,
                waiting,
            );
            let sent = self.transport.client.execute(request);
            let answer = send_attempt(sent, cached_get, req.keep_head)
                .instrument(span)
                .await;
            // The place in flight is for the attempt, not for the wait before a retry.
            drop(in_flight);
            waiting = WaitClock::start();
            let mut answer = match answer {
                Ok(answer) => answer,
                Err(Failure::Send(error)) => {
                    let retryable = req.retries_transport_error(error.is_connect());
                    let error = Error::Transport(error);
                    if retryable && attempt < policy.max_retries {
                        deadline.sleep(policy.backoff(attempt), error).await?;
                        attempt += 1;
                        continue;
                    }
                    return Err(error);
                }
                Err(Failure::Body(error)) => return Err(error),
            };
            let status = answer.status;
            if status == 304
                && let Some((_, body)) = cached
            {
                // The status says the body is the cached one.
                return Ok(Reply {
                    body,
                    ..answer.into_reply()
                });
            }
            match status {
                200..=299 => {
                    if let Some(etag) = answer.etag.take() {
                        self.etags.put(url.as_str(), etag, answer.body.clone());
                    }
                    return Ok(answer.into_reply());
                }
                401 if !replayed_after_401 && credentials.can_renew() => {
                    // One renewal and one replay; a second 401 is returned as it is.
                    tracing::debug!("401 from spotify: renewing the token once");
                    replayed_after_401 = true;
                    refused = Some(bearer);
                    continue;
                }
                _ => {}
            }
            let error = answer_error(Service::Api, status, answer.retry_after, &answer.body);
            if status == 429 {
                // The whole client holds back, not only this request: the others would
                // earn 429s of their own (and a longer penalty) meanwhile.
                let retry_after = answer.retry_after;
                let wait = policy.rate_limit_wait(retry_after, attempt);
                limiter.pause_for(wait).await;
                if attempt < policy.max_retries && policy.allows_wait(retry_after) {
                    tracing::debug!(?wait, "rate limited by spotify: the client waits");
                    // The pause is waited out at the top of the loop.
                    last = Some(error);
                    attempt += 1;
                    continue;
                }
                return Err(error);
            }
            if req.retries_server_error(status) && attempt < policy.max_retries {
                deadline.sleep(policy.backoff(attempt), error).await?;
                attempt += 1;
                continue;
            }
            return Err(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_error_names_the_path_and_quotes_the_body() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            album: A,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct A {
            name: String,
        }
        let err = decode::<T>(br#"{"album":{"name":42}}"#, false).unwrap_err();
        match err {
            Error::Decode { path, excerpt, .. } => {
                assert_eq!(path, "album.name");
                assert!(excerpt.starts_with(r#"{"album""#));
            }
            other => panic!("{other:?}"),
        }
        match decode::<T>(br#"{"access_token":"secret"}"#, true).unwrap_err() {
            Error::Decode { excerpt, .. } => assert!(excerpt.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn lists_decode_leniently_but_must_be_lists() {
        use crate::model::Image;
        let images: Vec<Image> =
            decode_list(br#"[null,{"url":"u","height":640.0,"width":null},3,{"url":"v"}]"#)
                .unwrap();
        assert_eq!(images.len(), 2);
        assert_eq!((images[0].height, images[0].width), (Some(640), None));
        assert_eq!(images[1].url, "v");
        assert!(decode_list::<Image>(b"null").unwrap().is_empty());
        assert!(decode_list::<Image>(b"").unwrap().is_empty());
        match decode_list::<Image>(br#"{"url":"u"}"#) {
            Err(Error::Decode { .. }) => {}
            other => panic!("{other:?}"),
        }
        assert!(decode_list::<Image>(b"[{").is_err());
    }

    #[test]
    fn empty_body_decodes_as_unit() {
        decode::<()>(b"", false).unwrap();
        assert_eq!(decode::<Option<u32>>(b"  ", false).unwrap(), None);
    }

    #[test]
    fn api_errors_keep_status_message_and_reason() {
        let e = api_error(
            404,
            br#"{"error":{"status":404,"message":"Player command failed: No active device found","reason":"NO_ACTIVE_DEVICE"}}"#,
        );
        assert!(matches!(
            e,
            Error::Api {
                status: 404,
                reason: Some(PlayerErrorReason::NoActiveDevice),
                ..
            }
        ));
        // A body that is not Spotify's envelope still gives a typed error.
        match api_error(502, b"<html>bad gateway</html>") {
            Error::Api {
                status, message, ..
            } => {
                assert_eq!(status, 502);
                assert_eq!(message, "Bad Gateway");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn writes_that_may_have_landed_are_not_repeated() {
        let (get, post) = (ApiRequest::get("/x"), ApiRequest::post("/x"));
        let (put, delete) = (ApiRequest::put("/x"), ApiRequest::delete("/x"));
        let reorder = ApiRequest::put("/x").not_idempotent();
        for status in [500, 502, 503, 504] {
            assert!(get.retries_server_error(status));
            assert!(put.retries_server_error(status));
            assert!(delete.retries_server_error(status));
            assert!(!post.retries_server_error(status), "POST {status}");
            assert!(!reorder.retries_server_error(status), "reorder {status}");
        }
        assert!(!get.retries_server_error(501));
        assert!(!get.retries_server_error(404));
        // A connect error sent nothing: even a POST is safe to send again. Any other
        // transport error (a timeout, a reset, a body cut off) repeats only idempotent ones.
        assert!(post.retries_transport_error(true));
        assert!(!post.retries_transport_error(false));
        assert!(get.retries_transport_error(false));
        assert!(ApiRequest::put("/x").retries_transport_error(false));
        assert!(
            !ApiRequest::put("/x")
                .not_idempotent()
                .retries_transport_error(false)
        );
        // A reorder moves what it finds at a position: a second sending moves something else.
        assert!(!reorder.is_idempotent());
        assert!(ApiRequest::delete("/x").is_idempotent());
        assert!(!ApiRequest::post("/x").is_idempotent());
    }

    #[test]
    fn a_json_body_is_serialised_once() {
        #[derive(Serialize)]
        struct Body {
            ids: Vec<&'static str>,
        }
        let req = ApiRequest::put("/me/tracks")
            .json(&Body {
                ids: vec!["a", "b"],
            })
            .unwrap();
        let body = req.body.unwrap();
        assert_eq!(body.bytes, br#"{"ids":["a","b"]}"#);
        assert_eq!(body.content_type, "application/json");
    }

    #[test]
    fn retry_after_accepts_only_integers() {
        let on_429 = |value: &str| parse_retry_after(429, Some(value.as_bytes()));
        assert_eq!(on_429("7"), Some(Duration::from_secs(7)));
        assert_eq!(on_429(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(on_429("soon"), None);
        assert_eq!(on_429("1.5"), None);
        assert_eq!(on_429("99999999999999999999999"), None);
        assert_eq!(parse_retry_after(429, None), None);
        assert_eq!(parse_retry_after(503, Some(b"7")), None);
    }

    #[test]
    fn refused_answers_become_the_error_of_their_service() {
        let body = br#"{"error":"invalid_client","error_description":"Invalid client secret"}"#;
        match answer_error(Service::Accounts, 400, None, body) {
            Error::Auth {
                status: 400, error, ..
            } => assert_eq!(error, "invalid_client"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            answer_error(Service::Api, 404, None, body),
            Error::Api { status: 404, .. }
        ));
        let wait = Some(Duration::from_secs(3));
        for service in [Service::Api, Service::Accounts] {
            match answer_error(service, 429, wait, b"") {
                Error::RateLimited { retry_after } => assert_eq!(retry_after, wait),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn paging_urls_are_followed_only_under_the_base() {
        let base = BaseUrl::parse("http://127.0.0.1:9/v1", crate::base_url::UrlRole::Api).unwrap();
        let req = ApiRequest::get_url(
            &base,
            "http://127.0.0.1:9/v1/albums/x/tracks?offset=20&limit=20",
        )
        .unwrap();
        assert_eq!(req.path, "/albums/x/tracks");
        assert_eq!(req.query_value("offset"), Some("20"));
        let err = ApiRequest::get_url(&base, "https://evil.example/v1/albums/x/tracks?pass=s3cret")
            .unwrap_err();
        assert!(
            matches!(&err, Error::UntrustedUrl { url } if !url.contains("s3cret")),
            "{err:?}"
        );
    }

    #[test]
    fn set_query_replaces_a_parameter() {
        let mut req = ApiRequest::get("/x")
            .query("offset", Some(0))
            .query("limit", Some(50));
        req.set_query("offset", 100);
        req.set_query("market", "SE");
        assert_eq!(req.query_value("offset"), Some("100"));
        assert_eq!(req.query_value("market"), Some("SE"));
        assert_eq!(req.query.len(), 3);
    }

    #[test]
    fn cache_evicts_the_oldest_entry() {
        let etag = HeaderValue::from_static;
        let c = EtagCache::new(2);
        assert!(c.get("a").is_none());
        c.put("a", etag("1"), Bytes::from_static(b"A"));
        c.put("b", etag("2"), Bytes::from_static(b"B"));
        c.put("c", etag("3"), Bytes::from_static(b"C"));
        assert!(c.get("a").is_none());
        assert_eq!(c.get("c").unwrap(), (etag("3"), Bytes::from_static(b"C")));
        assert!(EtagCache::new(0).get("a").is_none());
        // The byte budget holds whatever the entry count allows.
        let c = EtagCache::new(1000);
        for n in 0..20 {
            c.put(
                &format!("k{n}"),
                etag("e"),
                Bytes::from(vec![0; MAX_CACHED_BODY_BYTES]),
            );
        }
        let entries = c.lock();
        assert!(entries.bytes <= MAX_CACHED_BYTES);
        assert_eq!(entries.bytes, entries.map.len() * MAX_CACHED_BODY_BYTES);
        assert!(entries.map.contains_key("k19") && !entries.map.contains_key("k0"));
        let held = entries.map.len();
        drop(entries);
        // Replacing an entry keeps one entry per URL and counts only the new body.
        c.put("k19", etag("f"), Bytes::from(vec![1; 10]));
        assert_eq!(c.get("k19").unwrap().1, vec![1; 10]);
        let entries = c.lock();
        assert_eq!(entries.map.len(), held);
        assert_eq!(entries.order.len(), held);
        assert_eq!(entries.bytes, (held - 1) * MAX_CACHED_BODY_BYTES + 10);
    }

    #[test]
    fn path_templates_name_ids_as_the_spec_does() {
        for (path, template) in [
            ("/tracks/7EjyzZcbLxW7PaaLua9Ksb", "/tracks/{id}"),
            ("/albums/x/tracks", "/albums/{id}/tracks"),
            (
                "/playlists/p/followers/contains",
                "/playlists/{playlist_id}/followers/contains",
            ),
            ("/users/someone/playlists", "/users/{user_id}/playlists"),
            (
                "/browse/categories/pop/playlists",
                "/browse/categories/{category_id}/playlists",
            ),
            ("/browse/categories", "/browse/categories"),
            ("/me/tracks/contains", "/me/tracks/contains"),
            ("/me/top/artists", "/me/top/artists"),
            ("/tracks", "/tracks"),
            ("/search", "/search"),
        ] {
            assert_eq!(PathTemplate(path).to_string(), template, "{path}");
        }
    }

    #[test]
    fn a_bearer_header_is_sensitive_and_never_printed() {
        let bearer = Bearer::new("secret-token").unwrap();
        assert!(bearer.0.is_sensitive());
        assert_eq!(bearer.0, "Bearer secret-token");
        assert!(!format!("{bearer:?}").contains("secret"));
        assert!(Bearer::new("bad\ntoken").is_none());
    }
}

#[cfg(test)]
mod future_size {
    /// Every call's future is boxed (`IntoFuture`), so its size is copied and allocated per
    /// request. The token renewal's state is boxed apart and the deadline adds no second
    /// copy of the pipeline's future; inline, they made `get_track`'s future 10 KB. With
    /// rustc 1.95 it is 2.9 KB in both debug and release builds; the bound leaves room for
    /// other compilers' layouts.
    #[tokio::test]
    async fn a_calls_future_stays_small() {
        let api = crate::SpotifyWebApi::builder()
            .access_token("token")
            .api_url("http://127.0.0.1:9/v1")
            .build()
            .unwrap();
        let call = std::future::IntoFuture::into_future(api.get_track("7EjyzZcbLxW7PaaLua9Ksb"));
        let size = std::mem::size_of_val(&*call);
        assert!(size <= 4096, "get_track's future takes {size} bytes");
        let bearer = super::Credentials::bearer(&api.inner.auth, None);
        let size = std::mem::size_of_val(&bearer);
        assert!(size <= 128, "the bearer token's future takes {size} bytes");
    }
}
