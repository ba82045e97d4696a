//! [`SpotifyWebApi`], the client of every Web API operation, and its configuration.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::auth::TokenManager;
use crate::error::{Error, Result};
use crate::http::{EtagCache, Transport, TransportConfig};
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
    pub(crate) transport: Transport,
    pub(crate) api_url: Url,
    pub(crate) retry: RetryPolicy,
    pub(crate) auth: TokenManager,
    pub(crate) etags: EtagCache,
}

impl fmt::Debug for SpotifyWebApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpotifyWebApi")
            .field("api_url", &self.inner.api_url.as_str())
            .field("auth", &self.inner.auth)
            .field("retry", &self.inner.retry)
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
        self.inner.api_url.as_str()
    }
}

/// How the client retries. Requests are retried on 429 (after the `Retry-After` Spotify asks
/// for), and idempotent requests (`GET`, `PUT`, `DELETE`) also on 500/502/503/504 and transport
/// errors, with exponential backoff and jitter. A `POST` is retried only when it surely was not
/// received (a connect error, a 429), so nothing is added twice.
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
    /// returns [`Error::RateLimited`] at once. Default: 60 s.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
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

    pub(crate) fn allows_wait(&self, retry_after: Option<Duration>) -> bool {
        retry_after.is_none_or(|d| d <= self.max_retry_after)
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
    transport_set: bool,
    retry: RetryPolicy,
    session: Option<Session>,
    store: Option<Arc<dyn TokenStore>>,
    access_token: Option<String>,
    refresh_margin: Option<Duration>,
    etag_cache: Option<usize>,
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
        self.transport_set = true;
        self
    }

    /// The timeout of one attempt of a request, from sending to the end of the body.
    /// Default: 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.transport.timeout = Some(timeout);
        self.transport_set = true;
        self
    }

    /// The connect timeout. Default: 10 s. Ignored with [`SpotifyWebApiBuilder::http_client`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.transport.connect_timeout = Some(timeout);
        self.transport_set = true;
        self
    }

    /// A `reqwest::Client` of the caller's, to share its connection pool, proxy and TLS
    /// settings.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.transport.client = Some(client);
        self.transport_set = true;
        self
    }

    /// How requests are retried. Default: [`RetryPolicy::default`].
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// A session to get and renew tokens with.
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
    pub fn etag_cache(mut self, entries: usize) -> Self {
        self.etag_cache = Some(entries);
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a base URL that is not `https` (or `http` on loopback), or an
    /// HTTP client that cannot be built.
    pub fn build(self) -> Result<SpotifyWebApi> {
        let api_url = parse_base_url(
            self.api_url.as_deref().unwrap_or(DEFAULT_API_URL),
            "API URL",
        )?;
        let transport = match (&self.session, self.transport_set) {
            // Share the session's connection pool unless told otherwise.
            (Some(session), false) => session.transport.clone(),
            _ => Transport::new(self.transport)?,
        };
        let margin = self.refresh_margin.unwrap_or(Duration::from_secs(60));
        let auth = match self.session {
            Some(session) => {
                let auth = TokenManager::managed(session, self.store, margin);
                if let Some(token) = self.access_token {
                    auth.set_access_token(token);
                }
                auth
            }
            None if self.store.is_some() => {
                return Err(Error::Config(
                    "a token store needs a session to renew tokens with".to_owned(),
                ));
            }
            None => TokenManager::fixed(self.access_token),
        };
        Ok(SpotifyWebApi {
            inner: Arc::new(Inner {
                transport,
                api_url,
                retry: self.retry,
                auth,
                etags: EtagCache::new(self.etag_cache.unwrap_or(256)),
            }),
        })
    }
}

/// Parses a base URL: `https`, or `http` on a loopback address (tokens must not cross a
/// network in clear text).
pub(crate) fn parse_base_url(input: &str, what: &str) -> Result<Url> {
    let url = Url::parse(input.trim_end_matches('/'))
        .map_err(|e| Error::Config(format!("the {what} {input:?} is not a URL: {e}")))?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(Error::Config(format!(
            "the {what} {input:?} uses plain http; only https, or http on a loopback address, is allowed"
        ))),
        other => Err(Error::Config(format!(
            "the {what} {input:?} has the scheme {other:?}; expected https"
        ))),
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
    fn base_urls_must_be_https_or_loopback() {
        for ok in [
            "https://api.spotify.com/v1",
            "http://127.0.0.1:1234/v1",
            "http://[::1]:80/v1/",
            "http://localhost:8080",
        ] {
            parse_base_url(ok, "API URL").unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        for bad in ["http://api.spotify.com/v1", "ftp://127.0.0.1", "nonsense"] {
            assert!(
                matches!(parse_base_url(bad, "API URL"), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn debug_never_shows_the_token() {
        let api = SpotifyWebApi::new();
        api.set_access_token("BQ-very-secret");
        let debug = format!("{api:?}");
        assert!(!debug.contains("BQ-very-secret"), "{debug}");
    }

    #[test]
    fn a_store_needs_a_session() {
        let err = SpotifyWebApi::builder()
            .token_store(crate::MemoryTokenStore::new())
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config(_)));
    }
}
