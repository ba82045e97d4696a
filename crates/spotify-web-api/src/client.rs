//! [`SpotifyWebApi`], the client of every Web API operation, and its configuration.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::auth::TokenManager;
use crate::base_url::{BaseUrl, UrlRole};
use crate::error::{ConfigError, Error, Result};
use crate::http::{ApiRequest, Pipeline, Reply, Transport, TransportConfig};
use crate::limit::RequestLimits;
use crate::quota::{Availability, QuotaMode, QuotaState, Removal, is_refusal};
use crate::retry::RetryPolicy;
use crate::session::Session;
use crate::store::TokenStore;
use crate::token::Token;

/// The Web API's base URL.
pub const DEFAULT_API_URL: &str = "https://api.spotify.com/v1";

/// The client of the Spotify Web API.
///
/// Cloning is cheap (one `Arc`), and clones share the token, the connection pool and the
/// cache, so one client can serve a whole program. Every operation is a method that returns a
/// request builder; `.await` sends it.
///
/// Two ways to give it a token:
///
/// - the seed's way: [`SpotifyWebApi::new`] then [`SpotifyWebApi::set_access_token`], with a
///   token you got and store yourself;
/// - the managed way: [`SpotifyWebApi::with_session`] (or [`SpotifyWebApiBuilder::session`]),
///   and the client requests, refreshes and stores tokens itself.
///
/// ```no_run
/// use spotify_web_api::{Session, SpotifyWebApi};
///
/// # async fn f() -> spotify_web_api::Result<()> {
/// let api = SpotifyWebApi::with_session(Session::new("CLIENT_ID", "CLIENT_SECRET"));
/// let track = api.get_track("7EjyzZcbLxW7PaaLua9Ksb").await?; // a token is requested first
/// println!("{} by {}", track.name, track.artists[0].name);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct SpotifyWebApi {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) pipeline: Pipeline,
    pub(crate) auth: TokenManager,
    pub(crate) quota: QuotaState,
}

impl fmt::Debug for SpotifyWebApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpotifyWebApi")
            .field("api_url", &self.inner.pipeline.base().as_str())
            .field("auth", &self.inner.auth)
            .field("retry", self.inner.pipeline.retry())
            .field("quota_mode", &self.inner.quota.mode())
            .finish()
    }
}

impl Default for SpotifyWebApi {
    fn default() -> Self {
        SpotifyWebApi::new()
    }
}

impl SpotifyWebApi {
    /// A client for Spotify's Web API with no token yet; set one with
    /// [`SpotifyWebApi::set_access_token`].
    ///
    /// # Panics
    ///
    /// If the system's TLS backend cannot be initialised, as `reqwest::Client::new` does.
    /// [`SpotifyWebApi::builder`] returns that failure as an error instead.
    pub fn new() -> SpotifyWebApi {
        SpotifyWebApi::builder()
            .build()
            .unwrap_or_else(|e| panic!("cannot build an HTTP client: {e}"))
    }

    /// A client that gets and renews its own tokens through `session`: client credentials
    /// are requested again before they expire, user tokens are refreshed. It shares the
    /// session's connection pool, so it cannot fail.
    pub fn with_session(session: Session) -> SpotifyWebApi {
        SpotifyWebApi::builder()
            .session(session)
            .build()
            .unwrap_or_else(|e| panic!("the default configuration is valid: {e}"))
    }

    /// A builder for base URLs, HTTP settings, retries, sessions and token stores.
    pub fn builder() -> SpotifyWebApiBuilder {
        SpotifyWebApiBuilder::default()
    }

    /// Sets the access token to send. With a session, this token is used until it is refused
    /// or known to expire.
    pub fn set_access_token(&self, access_token: impl Into<String>) {
        self.inner.auth.set_access_token(access_token.into());
    }

    /// The token in use, when the client manages it through a session.
    pub fn token(&self) -> Option<Token> {
        self.inner.auth.token()
    }

    /// The base URL of the Web API this client talks to.
    pub fn api_url(&self) -> &str {
        self.inner.pipeline.base().as_str()
    }

    /// Sends `req` through the pipeline and decodes the response as `T`.
    pub(crate) async fn execute<T: DeserializeOwned + crate::lenient::Lenient>(
        &self,
        req: ApiRequest,
    ) -> Result<T> {
        let body = self.execute_raw(&req).await?;
        crate::http::decode_model(&body)
    }

    /// The app's quota mode as the client knows it: the configured one, or in
    /// [`QuotaMode::Auto`] what it has learned so far (`Auto` until it learns).
    pub fn quota_mode(&self) -> QuotaMode {
        self.inner.quota.mode()
    }

    /// Sends `req` through the pipeline and returns the body of the successful response,
    /// following the quota mode for an operation some apps lack.
    pub(crate) async fn execute_raw(&self, req: &ApiRequest) -> Result<bytes::Bytes> {
        self.execute_reply(req).await.map(|reply| reply.body)
    }

    /// As [`execute_raw`](Self::execute_raw), with the answer's status (and its version and
    /// headers for a request built with `keep_head`, as the raw call's are).
    pub(crate) async fn execute_reply(&self, req: &ApiRequest) -> Result<Reply> {
        let result = match req.removal {
            None => self.send_reply(req).await,
            Some(removal) => self.send_removable(req, removal).await,
        };
        result.map_err(|error| name_refusal(req, error))
    }

    /// Sends `req` and decodes a top-level JSON array leniently: elements of the wrong kind
    /// are left out, and a `null` body is an empty list.
    pub(crate) async fn execute_list<T: crate::lenient::Lenient>(
        &self,
        req: ApiRequest,
    ) -> Result<Vec<T>> {
        let body = self.execute_raw(&req).await?;
        crate::http::decode_list(&body)
    }

    /// Sends `req` through the pipeline, whatever it is.
    pub(crate) async fn send(&self, req: &ApiRequest) -> Result<bytes::Bytes> {
        self.send_reply(req).await.map(|reply| reply.body)
    }

    /// Sends `req` through the pipeline and returns the whole successful answer.
    async fn send_reply(&self, req: &ApiRequest) -> Result<Reply> {
        self.inner.pipeline.send(&self.inner.auth, req).await
    }

    /// An operation some apps lack and that has no replacement: refused without a request
    /// when the app is known to lack it; until that is known, such calls go one at a time and
    /// the first answer teaches it (the mode, for the February 2026 set).
    async fn send_removable(&self, req: &ApiRequest, removal: Removal) -> Result<Reply> {
        let quota = &self.inner.quota;
        match quota.availability(removal.change) {
            Availability::Removed => return Err(removal.error()),
            Availability::Available => {
                return self.send_reply(req).await.map_err(|e| refused(e, removal));
            }
            Availability::Unknown => {}
        }
        let _probe = quota.probe.lock().await;
        match quota.availability(removal.change) {
            Availability::Removed => return Err(removal.error()),
            Availability::Available => {
                return self.send_reply(req).await.map_err(|e| refused(e, removal));
            }
            Availability::Unknown => {}
        }
        match self.send_reply(req).await {
            Ok(reply) => {
                quota.learn_from(removal.change, true);
                Ok(reply)
            }
            Err(error) if is_refusal(&error) => {
                quota.learn_from(removal.change, false);
                Err(removal.error())
            }
            Err(error) => Err(error),
        }
    }
}

/// Names what a 403 means for `req`, where the library can: a missing scope, or what the
/// request said a refusal means (`ApiRequest::refused_as`).
pub(crate) fn name_refusal(req: &ApiRequest, error: Error) -> Error {
    let Error::Api {
        status: 403,
        message,
        reason,
    } = error
    else {
        return error;
    };
    // Spotify words a missing scope `Insufficient client scope`; its other 403s (`Forbidden`,
    // `User not registered in the Developer Dashboard`) do not mention scopes.
    if !req.scopes.is_empty() && message.to_ascii_lowercase().contains("scope") {
        return Error::MissingScope {
            scopes: req.scopes.clone(),
            message,
        };
    }
    match &req.refusal {
        Some(refusal) => refusal.error(message),
        None => Error::Api {
            status: 403,
            message,
            reason,
        },
    }
}

/// A 403 from an operation some apps lack means this app lacks it.
pub(crate) fn refused(error: Error, removal: Removal) -> Error {
    if is_refusal(&error) {
        removal.error()
    } else {
        error
    }
}

/// Builder for [`SpotifyWebApi`].
///
/// ```no_run
/// use std::time::Duration;
/// use spotify_web_api::{RetryPolicy, Session, SpotifyWebApi};
///
/// # fn f() -> spotify_web_api::Result<()> {
/// let session = Session::builder("CLIENT_ID")
///     .client_secret("CLIENT_SECRET")
///     .accounts_url("http://127.0.0.1:8080") // e.g. a local spotify-emulator
///     .build()?;
/// let api = SpotifyWebApi::builder()
///     .api_url("http://127.0.0.1:8080/v1")
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::default().max_retries(5))
///     .session(session)
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Debug, Default)]
#[must_use = "call .build() to get the client"]
pub struct SpotifyWebApiBuilder {
    api_url: Option<String>,
    transport: TransportConfig,
    retry: RetryPolicy,
    session: Option<Session>,
    store: Option<Arc<dyn TokenStore>>,
    access_token: Option<String>,
    refresh_margin: Option<Duration>,
    etag_cache: Option<usize>,
    quota_mode: QuotaMode,
    #[cfg(feature = "redis")]
    redis: Option<crate::RedisConfig>,
}

impl SpotifyWebApiBuilder {
    /// The Web API's base URL. Default: `https://api.spotify.com/v1`. Plain `http` is accepted
    /// only for loopback addresses, such as a local emulator (`http://127.0.0.1:PORT/v1`).
    pub fn api_url(mut self, url: impl Into<String>) -> Self {
        self.api_url = Some(url.into());
        self
    }

    /// The `User-Agent` header. Default: `spotify-web-api-rs/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.transport.user_agent = Some(user_agent.into());
        self
    }

    /// The timeout of one attempt of a request, from sending to the end of the body; a
    /// request that runs past it fails with a transport error for which
    /// [`Error::is_timeout`] holds (and a read is retried). To bound a request with its retries
    /// and waits, see [`RetryPolicy::total_timeout`]. Default: 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.transport.timeout = Some(timeout);
        self
    }

    /// The connect timeout: how long opening a connection (TCP, TLS) may take. Default: 10 s.
    /// A connection that did not open sent nothing, so any request is retried after it. It is
    /// a setting of the connection pool: with a session, the client and the session then use
    /// a new pool of their own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.transport.connect_timeout = Some(timeout);
        self
    }

    /// A header sent with every request (Web API calls and the managed session's token
    /// requests), e.g. `Accept-Language`. Checked by [`build`](Self::build): a name or value a
    /// header cannot carry, or a header the library sets itself (`Authorization`, `Accept`,
    /// `Content-Type`, `Content-Length`, `Host`, `Transfer-Encoding`, `If-None-Match`, and
    /// `User-Agent`: see [`user_agent`](Self::user_agent)), is an [`Error::Config`]. Setting a
    /// name again replaces its value. Default: none.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.transport.headers.push((name.into(), value.into()));
        self
    }

    /// `Accept-Language`, the language Spotify localises names and descriptions in (an
    /// ISO 639-1 code, optionally with a country: `de`, `es-MX`); a shortcut for
    /// [`default_header`](Self::default_header). Default: none (Spotify's default, English).
    pub fn accept_language(self, language: impl Into<String>) -> Self {
        self.default_header("accept-language", language)
    }

    /// Sends every request through an HTTP proxy (`http://` or `https://`, with
    /// `user:password@` if it needs them), Web API calls and the managed session's token
    /// requests alike. A URL that is not `http` or `https` is an [`Error::Config`] from
    /// [`build`](Self::build). Like the connect timeout, a proxy is a setting of the
    /// connection pool: with a session, the client and the session use a new pool of their
    /// own. Default: none.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.transport.proxy = Some(url.into());
        self
    }

    /// The limits the client keeps on its own requests, over all its clones and the session
    /// it manages: a cap on requests in flight and an optional budget per rolling window (see
    /// [`RequestLimits`]). After a 429 the whole client waits out the `Retry-After`, whatever
    /// the limits. Default: [`RequestLimits::default`] (100 in flight, no budget).
    pub fn limits(mut self, limits: RequestLimits) -> Self {
        self.transport.limits = limits;
        self
    }

    /// The most requests in flight at once, over all clones of the client (0 counts as 1).
    /// Default: [`DEFAULT_MAX_IN_FLIGHT`](crate::DEFAULT_MAX_IN_FLIGHT) (100).
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.transport.limits = self.transport.limits.max_in_flight(n);
        self
    }

    /// At most `requests` requests (at least 1) start in any rolling `window`, over all clones
    /// of the client: a large job slows down before Spotify answers 429. Spotify counts each
    /// app's requests over 30 s and publishes no numbers, so pick a budget under what your app
    /// is seen to get. Requests over it wait their turn, first come first served. Default: no
    /// budget.
    ///
    /// ```no_run
    /// # fn f() -> spotify_web_api::Result<()> {
    /// use std::time::Duration;
    /// let api = spotify_web_api::SpotifyWebApi::builder()
    ///     .request_budget(150, Duration::from_secs(30))
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    pub fn request_budget(mut self, requests: u32, window: Duration) -> Self {
        self.transport.limits = self.transport.limits.budget(requests, window);
        self
    }

    /// How requests are retried, token renewals of the session included. Default:
    /// [`RetryPolicy::default`].
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// A session to get and renew tokens with. The client and the session share one
    /// connection pool, and the client's HTTP settings and retry policy apply to the session's
    /// token requests too.
    pub fn session(mut self, session: Session) -> Self {
        self.session = Some(session);
        self
    }

    /// Where tokens are kept between runs (needs a session). The stored token is loaded on
    /// first use when the session has none; each renewed token is saved before it is used.
    pub fn token_store(mut self, store: impl TokenStore + 'static) -> Self {
        self.store = Some(Arc::new(store));
        self
    }

    /// Shares the token, the request budget and the pause after a 429 with every other
    /// worker of the app through Redis (needs a session; feature `redis`): see
    /// [`RedisConfig`](crate::RedisConfig) and `docs/scaling.md`. The token is kept in Redis
    /// unless [`token_store`](Self::token_store) gives another store (the workers then no
    /// longer renew it once for all: each renews its own, unless that store is shared and
    /// gives [renewal turns](crate::TokenStore::renewal_turn)); the budget is the one
    /// set with [`request_budget`](Self::request_budget) (the same in every worker), now for
    /// all of them together. Default: none (each client keeps its own).
    #[cfg(feature = "redis")]
    pub fn redis(mut self, config: crate::RedisConfig) -> Self {
        self.redis = Some(config);
        self
    }

    /// Opens the Redis back end, if configured: the shared limits go into the transport's
    /// settings, and the token store, unless another was given.
    #[cfg(feature = "redis")]
    fn share_through_redis(&mut self) -> Result<()> {
        let Some(config) = self.redis.take() else {
            return Ok(());
        };
        let Some(session) = &self.session else {
            return Err(Error::Config(ConfigError::StoreWithoutSession));
        };
        // A user's token under the app's key would be read by app workers and by other
        // users' sessions, and one renewal would install another's token.
        if self.store.is_none() && session.refresh_token().is_some() && !config.names_user() {
            return Err(Error::Config(ConfigError::RedisUserWithoutName));
        }
        let (store, limits) = config.open(session.client_id())?;
        self.transport.shared = Some(limits);
        if self.store.is_none() {
            self.store = Some(Arc::new(store));
        }
        Ok(())
    }

    /// A token to start with.
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.access_token = Some(token.into());
        self
    }

    /// How long before its expiry a token is renewed. Default: 60 s.
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = Some(margin);
        self
    }

    /// How many responses with an `ETag` are kept, so that repeating a `GET` costs a
    /// `304 Not Modified` instead of the whole body. `0` turns the cache off. Default: 256.
    /// Whatever the count, the cache holds at most 8 MiB of bodies (1 MiB each at most), the
    /// oldest going first, so streaming a long list does not pile its pages up in memory.
    pub fn etag_cache(mut self, entries: usize) -> Self {
        self.etag_cache = Some(entries);
        self
    }

    /// The app's quota mode. Default: [`QuotaMode::Auto`], which learns it from the first
    /// answer of an endpoint that development-mode apps lack.
    pub fn quota_mode(mut self, mode: QuotaMode) -> Self {
        self.quota_mode = mode;
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a base URL that is not `https` (or `http` on loopback), a user
    /// agent or default header a header cannot carry, a proxy URL that is not `http` or
    /// `https`, a Redis URL that is not `redis://`, an empty Redis user name, or an HTTP
    /// client that cannot be built.
    #[cfg_attr(not(feature = "redis"), allow(unused_mut))]
    pub fn build(mut self) -> Result<SpotifyWebApi> {
        #[cfg(feature = "redis")]
        self.share_through_redis()?;
        let base = BaseUrl::parse(
            self.api_url.as_deref().unwrap_or(DEFAULT_API_URL),
            UrlRole::Api,
        )?;
        let mut session = self.session;
        // One connection pool: the session's, with this builder's per-request settings, unless
        // a pool-level setting (the connect timeout, a proxy) asks for a new pool, which the
        // session then uses too. Either way the transport carries this client's limits, which
        // the session's token requests then share.
        let transport = match &session {
            Some(s) if !self.transport.needs_own_pool() => {
                s.transport.with_settings(&self.transport)?
            }
            Some(s) => s.transport.with_own_pool(self.transport)?,
            None => Transport::new(self.transport)?,
        };
        if let Some(session) = &mut session {
            session.adopt(transport.clone(), self.retry.clone());
        }
        let margin = self.refresh_margin.unwrap_or(Duration::from_secs(60));
        let auth = match session {
            Some(session) => {
                let auth = TokenManager::managed(session, self.store, margin);
                if let Some(token) = self.access_token {
                    auth.set_access_token(token);
                }
                auth
            }
            None if self.store.is_some() => {
                return Err(Error::Config(ConfigError::StoreWithoutSession));
            }
            None => TokenManager::fixed(self.access_token),
        };
        Ok(SpotifyWebApi {
            inner: Arc::new(Inner {
                pipeline: Pipeline::new(
                    transport,
                    base,
                    self.retry,
                    self.etag_cache.unwrap_or(256),
                ),
                auth,
                quota: QuotaState::new(self.quota_mode),
            }),
        })
    }
}

#[allow(dead_code)]
fn _assert_impls() {
    fn send_sync_clone<T: Send + Sync + Clone>() {}
    fn send_sync<T: Send + Sync>() {}
    send_sync_clone::<SpotifyWebApi>();
    send_sync::<Error>();
    send_sync::<Session>();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let api = SpotifyWebApi::new();
        api.set_access_token("BQ-very-secret");
        let debug = format!("{api:?}");
        assert!(!debug.contains("BQ-very-secret"), "{debug}");
    }

    #[test]
    fn the_clients_retry_policy_governs_the_sessions_token_requests() {
        let policy = RetryPolicy::default().max_retries(7);
        let api = SpotifyWebApi::builder()
            .retry_policy(policy.clone())
            .session(Session::new("id", "secret"))
            .build()
            .unwrap();
        assert_eq!(api.inner.auth.session_retry(), Some(policy));
    }

    #[test]
    fn the_managed_session_shares_the_clients_limits_and_pause() {
        for builder in [
            SpotifyWebApi::builder(),
            SpotifyWebApi::builder().proxy("http://127.0.0.1:3128"),
        ] {
            let api = builder
                .session(Session::new("id", "secret"))
                .build()
                .unwrap();
            let limiter = api.inner.auth.session_limiter().unwrap();
            assert!(Arc::ptr_eq(&limiter, &api.inner.pipeline.limiter()));
        }
    }

    #[test]
    fn a_store_needs_a_session() {
        let err = SpotifyWebApi::builder()
            .token_store(crate::MemoryTokenStore::new())
            .build()
            .unwrap_err();
        assert!(matches!(
            err,
            Error::Config(ConfigError::StoreWithoutSession)
        ));
    }

    #[test]
    fn a_user_agent_a_header_cannot_carry_is_refused_when_building() {
        for builder in [
            SpotifyWebApi::builder(),
            SpotifyWebApi::builder().session(crate::Session::new("id", "secret")),
        ] {
            let err = builder.user_agent("my-app\n1.0").build().unwrap_err();
            assert!(
                matches!(&err, Error::Config(ConfigError::UserAgent { agent }) if agent == "my-app\n1.0"),
                "{err:?}"
            );
        }
        assert!(
            SpotifyWebApi::builder()
                .user_agent("my-app/1.0")
                .build()
                .is_ok()
        );
    }
}
