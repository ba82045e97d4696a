//! The one error type of the library.
//!
//! Every fallible call returns [`Result<T>`], whose error is [`Error`]. Variants carry data, not
//! pre-formatted strings, and callers ask questions through predicates such as
//! [`Error::is_expired_token`] and [`Error::status`], which look at the status code and the error
//! code, never at Spotify's message text (Spotify changed its 401 wording in 2026).

use std::fmt;
use std::time::Duration;

use crate::base_url::UrlRole;
use crate::kind::IdKind;

/// The result type of every fallible operation in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when talking to Spotify.
///
/// `Display` is one lowercase line; `Debug` never shows a secret (the client secret, an access
/// token or a refresh token), because none is ever stored in an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The Web API answered with an error status and Spotify's error envelope
    /// `{"error": {"status", "message", "reason"?}}`.
    #[error("spotify api error {status}: {message}{}", fmt_reason(reason))]
    Api {
        /// The HTTP status code (400, 401, 403, 404, 5xx...).
        status: u16,
        /// Spotify's message, e.g. `invalid id` or `Insufficient client scope`. For display
        /// only: its wording changes over time, so match on [`Error::status`] and the predicates.
        message: String,
        /// The `reason` code that player endpoints add, e.g. `NO_ACTIVE_DEVICE`.
        reason: Option<PlayerErrorReason>,
    },

    /// The accounts service refused a token request, with an OAuth error body
    /// `{"error", "error_description"}` (for example `invalid_client` / `Invalid client secret`).
    #[error(
        "spotify accounts error {status}: {error}{}",
        fmt_description(error_description)
    )]
    Auth {
        /// The HTTP status code (Spotify uses 400 for every refusal it has been seen to make).
        status: u16,
        /// The OAuth error code: `invalid_client`, `invalid_grant`, `invalid_request`,
        /// `unsupported_grant_type`...
        error: String,
        /// Spotify's human-readable description, e.g. `Invalid client secret`.
        error_description: Option<String>,
    },

    /// The refresh token was refused (`invalid_grant`): it expired (Spotify's refresh tokens
    /// live six months since 2026), or the user revoked the app. The user must log in again;
    /// retrying cannot help, so the library never retries this.
    #[error("the refresh token was refused ({}); the user must authorize the app again", error_description.as_deref().unwrap_or("invalid_grant"))]
    ReauthorizationRequired {
        /// Spotify's description, e.g. `Refresh token revoked` or `Invalid refresh token`.
        error_description: Option<String>,
    },

    /// Spotify answered 429 and the retry budget is spent, or it asked for a wait longer than
    /// the configured maximum ([`crate::RetryPolicy::max_retry_after`]).
    #[error("rate limited by spotify{}", fmt_retry_after(retry_after))]
    RateLimited {
        /// How long Spotify asked the caller to wait (`Retry-After`), if it said.
        retry_after: Option<Duration>,
    },

    /// The request did not reach Spotify, or its response did not arrive (connect failure,
    /// timeout, TLS, a broken connection). Its message names the server (scheme, host and
    /// port, never a path) and the root cause, once.
    #[error(transparent)]
    Transport(TransportError),

    /// A request did not finish within its total time bound, retries included
    /// ([`RetryPolicy::total_timeout`](crate::RetryPolicy::total_timeout)): an attempt was
    /// still in flight, or waiting for its turn, when the bound passed. A write cut off this
    /// way may have landed.
    #[error("the request did not finish within its time bound of {}", fmt_duration(*limit))]
    CallTimeout {
        /// The bound that passed.
        limit: Duration,
    },

    /// A response body did not match the expected shape.
    #[error("cannot decode the response at `{path}`: {source} (body starts: {excerpt})")]
    Decode {
        /// The JSON path where decoding failed, e.g. `album.artists[0].name`.
        path: String,
        /// The first characters of the body, for diagnosis. Empty for bodies that may hold
        /// secrets (token responses).
        excerpt: String,
        /// The underlying JSON error.
        #[source]
        source: serde_json::Error,
    },

    /// An ID, URI or URL given by the caller is malformed or of the wrong kind. Raised before
    /// any request is sent.
    #[error("invalid {expected} id {input:?}: {problem}")]
    InvalidId {
        /// What the caller passed (cut to 100 characters).
        input: String,
        /// The kind of ID the operation needs.
        expected: IdKind,
        /// What is wrong with it.
        problem: IdProblem,
    },

    /// An argument other than an ID is invalid (a market code, a limit out of range...).
    /// Raised before any request is sent.
    #[error("invalid argument `{name}`: {problem}")]
    InvalidArgument {
        /// The parameter's name, as in the API (`market`, `limit`...).
        name: &'static str,
        /// What is wrong with it.
        problem: ArgumentProblem,
    },

    /// A URL outside the client's API base URL: a paging URL in a response (`next`,
    /// `previous`), or the full URL given to [`SpotifyWebApi::request`](crate::SpotifyWebApi::request).
    /// It is not requested, so the bearer token never goes to another host.
    #[error("refusing to send the token outside the API base URL: {url:?}")]
    UntrustedUrl {
        /// The URL (from Spotify, something posing as it, or the caller), cut to 200
        /// characters, with anything secret-looking in it (a password, a `token` or `secret`
        /// query parameter, the fragment) replaced by `redacted`; `(not a URL)` for a string
        /// that does not parse.
        url: String,
    },

    /// The operation was removed for this app by one of Spotify's dated API changes, and the
    /// library has no replacement to fall back on (for example `GET /artists/{id}/top-tracks`
    /// for a development-mode app since 2026-02).
    #[error(
        "{operation} is not available to this app: {change}{}",
        fmt_replacement(replacement)
    )]
    EndpointRemoved {
        /// The spec's operationId, e.g. `get-an-artists-top-tracks`.
        operation: &'static str,
        /// The change that removed it.
        change: ApiChange,
        /// What to call instead, when Spotify names a replacement the library does not use
        /// itself.
        replacement: Option<&'static str>,
    },

    /// The token lacks the scope the operation needs (Spotify's 403 `Insufficient client
    /// scope`), or it is a client-credentials token, which has no user, on a user's endpoint.
    /// Log in again asking for one of `scopes` (see [`Scope`](crate::Scope)).
    #[error(
        "the token lacks a scope this operation needs ({}): log in again asking for it; a client-credentials token has no user (spotify api error 403: {message})",
        fmt_scopes(scopes)
    )]
    MissingScope {
        /// The scopes the operation takes; any one of them is enough when there are several
        /// (`playlist-modify-public` or `playlist-modify-private`).
        scopes: Vec<crate::scope::Scope>,
        /// Spotify's message, for display only.
        message: String,
    },

    /// The items of a playlist the caller may not read: since 2026-02 a development-mode app
    /// reads the items only of playlists the user owns or collaborates on, and Spotify answers
    /// `GET /playlists/{id}/items` on any other with 403 (`API-CHANGES.md`, "Playlist
    /// renames"). With a client-credentials token there is no user, so every playlist is
    /// someone else's. The playlist's details stay readable
    /// ([`SpotifyWebApi::get_playlist`](crate::SpotifyWebApi::get_playlist), without items).
    #[error(
        "the items of playlist {playlist} are not readable by this app: a development-mode app reads only the items of playlists the user owns or collaborates on (spotify api error 403: {message})"
    )]
    ForeignPlaylist {
        /// The playlist's ID.
        playlist: String,
        /// Spotify's message (`Forbidden`), for display only.
        message: String,
    },

    /// A write split into several requests (more than 100 playlist items, more than 40 or 50
    /// library items) stopped part way: the requests before the one that failed were applied,
    /// in order, and nothing after it was sent. The first `completed` of the `total` items
    /// given were written; resume with the items after them (for a playlist add at a position,
    /// at `position + completed`), and nothing is written twice.
    ///
    /// For a playlist, `snapshot_id` is its version after the last request that was applied.
    /// If `may_have_landed` is true, the failed request got no clear answer (a server error, a
    /// timeout, an unreadable answer) and may have been applied all the same: it was not sent
    /// again. A playlist's `snapshot_id` tells (if it is still `snapshot_id`, it was not); a
    /// library write is idempotent, so sending its items again saves nothing twice.
    #[error(
        "the write stopped after {completed} of {total} items{}",
        if *may_have_landed { "; the failed request may have been applied" } else { "" }
    )]
    PartialWrite {
        /// How many items, from the start of the caller's list, were written (for a playlist
        /// removal by position, counted in the order the library sent them: highest position
        /// first).
        completed: usize,
        /// How many items the call was given.
        total: usize,
        /// For a playlist, its `snapshot_id` after the last request that was applied.
        snapshot_id: Option<String>,
        /// Whether the request that failed may have been applied all the same.
        may_have_landed: bool,
        /// Why the request failed.
        #[source]
        source: Box<Error>,
    },

    /// The authorization redirect did not complete the flow: the user refused
    /// (`error=access_denied`), Spotify reported another error, or the redirect is unusable.
    #[error("authorization failed: {error}{}", authorization_hint(error))]
    Authorization {
        /// The `error` parameter of the redirect (`access_denied`, `invalid_scope`...), or a
        /// short description of what is missing.
        error: String,
    },

    /// The `state` of the authorization redirect is not the one this app sent: the redirect
    /// may be forged (cross-site request forgery), so its code must not be used.
    #[error("the state of the authorization redirect does not match the one sent (possible CSRF)")]
    StateMismatch,

    /// No access token is available: none was set with
    /// [`crate::SpotifyWebApi::set_access_token`], and no session can get one.
    #[error("no access token: set one, or build the client with a session")]
    NoToken,

    /// The session cannot do what was asked with what it holds (no refresh token, no redirect
    /// URI...).
    #[error("session cannot do this: {0}")]
    Session(SessionError),

    /// A token store failed to load or save a token.
    #[error("token store error: {0}")]
    TokenStore(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// The client or session was configured wrongly (e.g. a plain-http base URL that is not a
    /// loopback address).
    #[error("invalid configuration: {0}")]
    Config(ConfigError),
}

fn authorization_hint(error: &str) -> &'static str {
    match error {
        "access_denied" => " (the user did not agree)",
        "invalid_scope" => " (a requested scope is unknown to Spotify)",
        _ => "",
    }
}

fn fmt_reason(reason: &Option<PlayerErrorReason>) -> String {
    reason
        .as_ref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default()
}

fn fmt_description(description: &Option<String>) -> String {
    description
        .as_ref()
        .map(|d| format!(": {d}"))
        .unwrap_or_default()
}

fn fmt_scopes(scopes: &[crate::scope::Scope]) -> String {
    let names: Vec<&str> = scopes.iter().map(crate::scope::Scope::as_str).collect();
    match names.as_slice() {
        [one] => (*one).to_owned(),
        many => format!("one of {}", many.join(", ")),
    }
}

fn fmt_replacement(replacement: &Option<&'static str>) -> String {
    replacement
        .map(|r| format!("; use {r} instead"))
        .unwrap_or_default()
}

fn fmt_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{:.3}s", d.as_secs_f64())
    }
}

fn fmt_retry_after(retry_after: &Option<Duration>) -> String {
    retry_after
        .map(|d| format!("; retry after {}s", d.as_secs()))
        .unwrap_or_default()
}

impl Error {
    /// The HTTP status of an error that came from Spotify (API, accounts or rate limiting).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Auth { status, .. } => Some(*status),
            Error::RateLimited { .. } => Some(429),
            Error::ReauthorizationRequired { .. } => Some(400),
            Error::ForeignPlaylist { .. } | Error::MissingScope { .. } => Some(403),
            Error::PartialWrite { source, .. } => source.status(),
            _ => None,
        }
    }

    /// How many items a write split into several requests wrote before it failed
    /// ([`Error::PartialWrite`]): the caller resumes after them.
    pub fn completed(&self) -> Option<usize> {
        match self {
            Error::PartialWrite { completed, .. } => Some(*completed),
            _ => None,
        }
    }

    /// Whether a write that failed with this error may have been applied all the same: Spotify
    /// gave no clear answer (a server error, a connection lost once the request was sent, an
    /// answer cut off or unreadable, the total time bound passing: a write may have been in
    /// flight then, so it counts even when the request was still waiting its turn). For
    /// [`Error::PartialWrite`], whether the request that failed may have been applied.
    ///
    /// The client never sends such a write again by itself when a second sending would do
    /// something else (a `POST` that adds playlist items, a reorder, a removal at positions).
    /// For those writes, any other error (a 4xx, a 429 whose wait ran out, a connection that
    /// never opened) means the write was not applied: the client sent it once at most, and
    /// Spotify refused it. A write that is safe to repeat (a save, a follow, a replace) may
    /// have been applied by an earlier attempt whatever the last error says, and sending it
    /// again is harmless.
    ///
    /// Before sending an add again, look: a playlist's `snapshot_id` is still the one the last
    /// write returned if nothing landed.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi, before: String) -> spotify_web_api::Result<()> {
    /// let playlist = "3cEYpjA9oz9GiPac4AsH4n";
    /// let track = "spotify:track:7EjyzZcbLxW7PaaLua9Ksb";
    /// if let Err(error) = api.add_playlist_items(playlist, [track]).await {
    ///     if !error.may_have_landed() {
    ///         return Err(error); // refused: sending it again would be refused too
    ///     }
    ///     let now = api.get_playlist(playlist).fields("snapshot_id").await?.snapshot_id;
    ///     if now == before {
    ///         api.add_playlist_items(playlist, [track]).await?; // it did not land
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn may_have_landed(&self) -> bool {
        match self {
            Error::PartialWrite {
                may_have_landed, ..
            } => *may_have_landed,
            Error::Api { status, .. } => *status >= 500,
            Error::Transport(transport) => !transport.is_connect(),
            Error::Decode { .. } | Error::CallTimeout { .. } => true,
            _ => false,
        }
    }

    /// Whether Spotify refused the access token as missing, invalid or expired (a 401 from
    /// the Web API). Spotify uses one message for all three since 2026, so they are one case.
    pub fn is_expired_token(&self) -> bool {
        matches!(self, Error::Api { status: 401, .. })
    }

    /// Whether the token lacks a scope the operation needs, or is a client-credentials token
    /// used on a user endpoint (403 `Insufficient client scope`), or the app may not use the
    /// endpoint, or the playlist's items are not the user's to read ([`Error::ForeignPlaylist`]).
    /// Spotify uses 403 for all of these.
    pub fn is_forbidden(&self) -> bool {
        matches!(
            self,
            Error::Api { status: 403, .. }
                | Error::ForeignPlaylist { .. }
                | Error::MissingScope { .. }
        )
    }

    /// The scopes the operation needs, when Spotify refused the token for lacking them
    /// ([`Error::MissingScope`]).
    pub fn missing_scopes(&self) -> Option<&[crate::scope::Scope]> {
        match self {
            Error::MissingScope { scopes, .. } => Some(scopes),
            Error::PartialWrite { source, .. } => source.missing_scopes(),
            _ => None,
        }
    }

    /// Whether the caller may not read the items of this playlist, someone else's
    /// ([`Error::ForeignPlaylist`]).
    pub fn is_foreign_playlist(&self) -> bool {
        matches!(self, Error::ForeignPlaylist { .. })
    }

    /// Whether the requested item does not exist (404).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Api { status: 404, .. })
    }

    /// Whether Spotify rate limited the call (429).
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, Error::RateLimited { .. })
    }

    /// Whether the user must log in again: the refresh token expired or was revoked.
    pub fn is_reauthorization_required(&self) -> bool {
        matches!(self, Error::ReauthorizationRequired { .. })
    }

    /// Whether the caller's input was rejected before sending (a bad ID or argument).
    pub fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            Error::InvalidId { .. } | Error::InvalidArgument { .. }
        )
    }

    /// Whether the request did not reach Spotify or its answer did not arrive
    /// ([`Error::Transport`], a request timeout included); see [`Error::is_timeout`] for the
    /// total time bound too.
    pub fn is_transport(&self) -> bool {
        matches!(self, Error::Transport(_))
    }

    /// Whether a request timed out (see [`crate::SpotifyWebApiBuilder::timeout`]), or passed
    /// its total time bound ([`Error::CallTimeout`]).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(e) if e.is_timeout())
            || matches!(self, Error::CallTimeout { .. })
    }

    /// Whether the operation was removed for this app by a dated Spotify change (see
    /// [`Error::EndpointRemoved`]).
    pub fn is_endpoint_removed(&self) -> bool {
        matches!(self, Error::EndpointRemoved { .. })
    }

    /// The player `reason` code, for player errors.
    pub fn player_reason(&self) -> Option<&PlayerErrorReason> {
        match self {
            Error::Api { reason, .. } => reason.as_ref(),
            _ => None,
        }
    }

    /// The OAuth `error` code of an accounts-service refusal (`invalid_client`...).
    pub fn auth_error(&self) -> Option<&str> {
        match self {
            Error::Auth { error, .. } => Some(error),
            Error::ReauthorizationRequired { .. } => Some("invalid_grant"),
            _ => None,
        }
    }
}

/// A transport failure: the request did not reach Spotify or its answer did not arrive.
///
/// Opaque on purpose (the HTTP stack is an implementation detail); ask it questions with
/// [`TransportError::is_timeout`], [`TransportError::is_connect`] and
/// [`TransportError::is_body`]. Its message is one line that names the server it was talking
/// to (`scheme://host:port`, never a path or a query, so no token or ID leaks through it) and
/// the root cause, once, e.g. `cannot connect to http://127.0.0.1:9: connection refused (os
/// error 111)`. Since the message includes the cause, [`source`](std::error::Error::source)
/// returns none, and an error chain printed with its causes does not repeat it.
pub struct TransportError {
    inner: reqwest::Error,
    /// `scheme://host:port` of the server, when the request had a URL.
    origin: Option<String>,
}

impl TransportError {
    pub(crate) fn new(error: reqwest::Error) -> TransportError {
        let origin = error.url().map(origin_of);
        TransportError {
            inner: error.without_url(),
            origin,
        }
    }

    /// Whether the request timed out (see [`crate::SpotifyWebApiBuilder::timeout`]).
    pub fn is_timeout(&self) -> bool {
        self.inner.is_timeout()
    }

    /// Whether the connection could not be opened (so nothing was sent).
    pub fn is_connect(&self) -> bool {
        self.inner.is_connect()
    }

    /// Whether the response body broke off or could not be read.
    pub fn is_body(&self) -> bool {
        self.inner.is_body() || self.inner.is_decode()
    }

    /// The innermost cause, as one lowercase phrase (`connection refused (os error 111)`).
    fn root_cause(&self) -> String {
        let mut root: &(dyn std::error::Error + 'static) = &self.inner;
        while let Some(next) = root.source() {
            root = next;
        }
        let text = root.to_string();
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            // `Connection refused` reads as `connection refused`; `TLS ...` keeps its case.
            (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
                first.to_lowercase().chain(text.chars().skip(1)).collect()
            }
            _ => text,
        }
    }
}

/// `scheme://host:port` of `url`: what a transport error may name of it.
fn origin_of(url: &url::Url) -> String {
    let host = url
        .host()
        .map(|h| h.to_string())
        .unwrap_or_else(|| "?".to_owned());
    match url.port_or_known_default() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("timeout", &self.is_timeout())
            .field("connect", &self.is_connect())
            .field("message", &self.to_string())
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let root = self.root_cause();
        match (&self.origin, self.is_connect(), self.is_timeout()) {
            (Some(origin), true, _) => write!(f, "cannot connect to {origin}: {root}"),
            (Some(origin), false, true) => write!(f, "no answer from {origin} in time: {root}"),
            (Some(origin), false, false) if self.is_body() => {
                write!(f, "cannot read the answer of {origin}: {root}")
            }
            (Some(origin), false, false) => write!(f, "the request to {origin} failed: {root}"),
            (None, _, _) => f.write_str(&root),
        }
    }
}

impl std::error::Error for TransportError {}

/// What is wrong with the configuration of a client or session.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A base URL that does not parse as an absolute URL with a host.
    #[error("the {role} {url:?} is not a URL")]
    NotAUrl {
        /// Which base URL.
        role: UrlRole,
        /// What was given (cut to 200 characters).
        url: String,
    },
    /// A base URL that is neither `https` nor `http` on a loopback address.
    #[error("the {role} {url:?} must use https (plain http is allowed only on a loopback address)")]
    InsecureUrl {
        /// Which base URL.
        role: UrlRole,
        /// What was given (cut to 200 characters).
        url: String,
    },
    /// A redirect URI Spotify refuses since 2025-11-27.
    #[error("the redirect URI {uri:?} {problem}")]
    RedirectUri {
        /// The URI given.
        uri: String,
        /// Why Spotify would refuse it.
        problem: RedirectUriProblem,
    },
    /// A token store was given without a session to renew tokens with.
    #[error("a token store needs a session to renew tokens with")]
    StoreWithoutSession,
    /// A user agent that an HTTP header cannot carry (control characters, say).
    #[error("the user agent {agent:?} cannot be sent in an HTTP header")]
    UserAgent {
        /// What was given (cut to 200 characters).
        agent: String,
    },
    /// A default header whose name or value an HTTP header cannot carry, or that the library
    /// sets itself (`Authorization`, `Accept`, `Content-Type`, `Content-Length`, `Host`,
    /// `Transfer-Encoding`, `If-None-Match`, and `User-Agent`, which has its own setting).
    #[error("the default header {name:?} cannot be sent: {problem}")]
    Header {
        /// The header's name, as given (cut to 200 characters).
        name: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// A proxy URL that is not an `http` or `https` URL.
    #[error("the proxy {url:?} is not an http or https URL")]
    Proxy {
        /// What was given, without any password (cut to 200 characters).
        url: String,
    },
    /// The HTTP client could not be built (no TLS backend, say).
    #[error("cannot build the http client: {0}")]
    HttpClient(TransportError),
    /// The runtime of blocking calls (feature `blocking`) could not be started: the system
    /// refused a thread or an I/O driver.
    #[cfg(feature = "blocking")]
    #[error("cannot start the runtime of blocking calls: {0}")]
    Runtime(std::io::Error),
    /// A Redis URL ([`RedisConfig`](crate::RedisConfig)) that is not a `redis://` URL.
    #[cfg(feature = "redis")]
    #[error("the redis URL {url:?} is not a redis:// URL")]
    RedisUrl {
        /// What was given, without any password (cut to 200 characters).
        url: String,
    },
    /// A session holding a user's refresh token shares its token through Redis with no
    /// [`RedisConfig::user`](crate::RedisConfig::user): it would be kept under the app's key,
    /// where app workers and other users' sessions would read it and overwrite it.
    #[cfg(feature = "redis")]
    #[error(
        "the session holds a user's token: call RedisConfig::user(NAME) with a name of that user, \
         so that it is not shared under the app's key"
    )]
    RedisUserWithoutName,
    /// [`RedisConfig::user`](crate::RedisConfig::user) was given an empty or blank name (an unset
    /// variable, say): every worker so configured would share one key whoever its user is.
    #[cfg(feature = "redis")]
    #[error(
        "RedisConfig::user was given an empty or blank name: name the user (their Spotify user ID, say)"
    )]
    RedisEmptyUserName,
}

/// Why a redirect URI is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectUriProblem {
    /// It does not parse as a URL.
    NotAUrl,
    /// It names `localhost`, which Spotify refuses since 2025-11.
    Localhost,
    /// It uses plain `http` on a host that is not a loopback IP literal.
    InsecureHttp,
}

impl fmt::Display for RedirectUriProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RedirectUriProblem::NotAUrl => "is not a URL",
            RedirectUriProblem::Localhost => {
                "uses `localhost`, which Spotify refuses since 2025-11; use http://127.0.0.1:PORT or http://[::1]:PORT"
            }
            RedirectUriProblem::InsecureHttp => {
                "uses plain http on a host that is not a loopback IP; Spotify requires https, or http://127.0.0.1 / http://[::1]"
            }
        })
    }
}

/// What a session lacks for the flow it was asked to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The flow needs the client secret (client credentials, the authorization code flow
    /// without PKCE) and the session has none.
    #[error("the flow needs a client secret")]
    NoClientSecret,
    /// Refreshing needs a refresh token and the session has none.
    #[error("there is no refresh token")]
    NoRefreshToken,
    /// The authorize URL and the code exchange need a redirect URI.
    #[error("the flow needs a redirect URI")]
    NoRedirectUri,
    /// The token cannot be renewed: no refresh token and no client secret.
    #[error("cannot renew the token: no refresh token and no client secret")]
    CannotRenew,
    /// The token store keeps only a user's token
    /// ([`TokenStore::refuses_app_tokens`](crate::TokenStore::refuses_app_tokens), as a
    /// Redis store under `RedisConfig::user` does), it holds
    /// none, and the session has no refresh token to get one. No token request is sent (an
    /// app's token would be refused by the store); the next call reads the store again.
    #[error(
        "no user token: the token store keeps only a user's token and holds none, and the session has no refresh token (log the user in and save their token in the store, or give the session their refresh token)"
    )]
    NoUserToken,
}

/// What is wrong with an argument (see [`Error::InvalidArgument`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArgumentProblem {
    /// A number outside the range the endpoint accepts.
    OutOfRange {
        /// The value given.
        value: i64,
        /// The smallest value accepted.
        min: i64,
        /// The largest value accepted.
        max: i64,
    },
    /// Not an ISO 3166-1 alpha-2 country code (nor `from_token`).
    NotACountryCode,
    /// The value is empty and must not be.
    Empty,
    /// Too many values for one call.
    TooMany {
        /// How many were given.
        count: usize,
        /// The most the call takes.
        max: usize,
    },
    /// Two arguments that exclude each other were both given, or a required one is missing;
    /// the text names them.
    Conflict(&'static str),
    /// A value the parameter does not take (a number that is not finite, or outside a range
    /// of non-integers); the text says what it takes, e.g. `a number in 0.0..=1.0`.
    Expected(&'static str),
    /// A request body that cannot be serialised.
    NotSerializable,
    /// Data larger than the operation takes (a cover image).
    TooLarge {
        /// How many bytes were given.
        bytes: usize,
        /// The most the operation takes.
        max: usize,
    },
    /// Text that does not follow the parameter's syntax (a `fields` filter, a category ID).
    Malformed {
        /// The byte offset of the first problem.
        position: usize,
        /// What was expected there.
        expected: &'static str,
    },
}

impl fmt::Display for ArgumentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgumentProblem::OutOfRange { value, min, max } => {
                write!(f, "{value} is outside {min}..={max}")
            }
            ArgumentProblem::NotACountryCode => {
                f.write_str("expected an ISO 3166-1 alpha-2 country code or from_token")
            }
            ArgumentProblem::Empty => f.write_str("it is empty"),
            ArgumentProblem::TooMany { count, max } => {
                write!(f, "{count} values given, at most {max} allowed")
            }
            ArgumentProblem::Conflict(what) => f.write_str(what),
            ArgumentProblem::Expected(what) => write!(f, "expected {what}"),
            ArgumentProblem::NotSerializable => f.write_str("the body cannot be serialised"),
            ArgumentProblem::TooLarge { bytes, max } => {
                write!(f, "{bytes} bytes given, at most {max} allowed")
            }
            ArgumentProblem::Malformed { position, expected } => {
                write!(f, "expected {expected} at byte {position}")
            }
        }
    }
}

/// A dated change of Spotify's Web API that removed operations for some apps
/// (`API-CHANGES.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiChange {
    /// 2024-11-27: related artists, recommendations, audio features and analysis, featured and
    /// category playlists, for apps without extended access granted before that date.
    November2024,
    /// 2026-02: multi-gets, top tracks, browse, markets, other users' profiles and playlists,
    /// and the per-type library writes, for development-mode apps.
    February2026,
}

impl fmt::Display for ApiChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ApiChange::November2024 => {
                "Spotify removed it on 2024-11-27 for apps without extended access granted before then"
            }
            ApiChange::February2026 => {
                "Spotify removed it for development-mode apps in the February 2026 changes"
            }
        })
    }
}

/// What is wrong with an ID, URI or URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdProblem {
    /// The input is empty.
    Empty,
    /// The ID part is not 22 base62 characters.
    Malformed,
    /// The URI or URL names another kind of item (e.g. an album where a track is needed).
    WrongKind(IdKind),
    /// The text is neither an ID, a `spotify:` URI nor an `open.spotify.com` URL.
    Unrecognised,
    /// A bare ID where the kind of item must be known (a track or an episode?): give its URI
    /// or URL, or a typed ID.
    KindNeeded,
}

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdProblem::Empty => f.write_str("it is empty"),
            IdProblem::Malformed => f.write_str("an id is 22 characters of [0-9A-Za-z]"),
            IdProblem::WrongKind(kind) => write!(f, "it is for another kind of item ({kind})"),
            IdProblem::Unrecognised => {
                f.write_str("expected an id, a spotify: uri or an open.spotify.com url")
            }
            IdProblem::KindNeeded => f.write_str(
                "a bare id does not say which kind of item it is; give its spotify: uri or url",
            ),
        }
    }
}

/// The `reason` code of a player error (SPOTIFY-PROTOCOL.md §2.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PlayerErrorReason {
    /// There is no previous track in the context.
    NoPrevTrack,
    /// There is no next track in the context.
    NoNextTrack,
    /// The requested track does not exist.
    NoSpecificTrack,
    /// Playback is already paused.
    AlreadyPaused,
    /// Playback is not paused.
    NotPaused,
    /// Playback is not on the local device.
    NotPlayingLocally,
    /// No track is playing.
    NotPlayingTrack,
    /// No context is playing.
    NotPlayingContext,
    /// The context cannot be shuffled or repeated because it never ends.
    EndlessContext,
    /// The context forbids the action.
    ContextDisallow,
    /// The item is already playing.
    AlreadyPlaying,
    /// The player is rate limited.
    RateLimited,
    /// Remote control is disallowed for the device.
    RemoteControlDisallow,
    /// The device cannot be controlled.
    DeviceNotControllable,
    /// The device's volume cannot be set.
    VolumeControlDisallow,
    /// No device is active and none was named.
    NoActiveDevice,
    /// The user needs Spotify Premium.
    PremiumRequired,
    /// Spotify gave no more precise reason.
    Unknown,
    /// A code this version of the library does not know.
    Other(String),
}

impl PlayerErrorReason {
    /// Maps Spotify's code to a variant; unknown codes are kept in [`PlayerErrorReason::Other`].
    pub fn from_code(code: &str) -> Self {
        use PlayerErrorReason::*;
        match code {
            "NO_PREV_TRACK" => NoPrevTrack,
            "NO_NEXT_TRACK" => NoNextTrack,
            "NO_SPECIFIC_TRACK" => NoSpecificTrack,
            "ALREADY_PAUSED" => AlreadyPaused,
            "NOT_PAUSED" => NotPaused,
            "NOT_PLAYING_LOCALLY" => NotPlayingLocally,
            "NOT_PLAYING_TRACK" => NotPlayingTrack,
            "NOT_PLAYING_CONTEXT" => NotPlayingContext,
            "ENDLESS_CONTEXT" => EndlessContext,
            "CONTEXT_DISALLOW" => ContextDisallow,
            "ALREADY_PLAYING" => AlreadyPlaying,
            "RATE_LIMITED" => RateLimited,
            "REMOTE_CONTROL_DISALLOW" => RemoteControlDisallow,
            "DEVICE_NOT_CONTROLLABLE" => DeviceNotControllable,
            "VOLUME_CONTROL_DISALLOW" => VolumeControlDisallow,
            "NO_ACTIVE_DEVICE" => NoActiveDevice,
            "PREMIUM_REQUIRED" => PremiumRequired,
            "UNKNOWN" => Unknown,
            other => Other(other.to_owned()),
        }
    }

    /// Spotify's code for this reason, e.g. `NO_ACTIVE_DEVICE`.
    pub fn as_code(&self) -> &str {
        use PlayerErrorReason::*;
        match self {
            NoPrevTrack => "NO_PREV_TRACK",
            NoNextTrack => "NO_NEXT_TRACK",
            NoSpecificTrack => "NO_SPECIFIC_TRACK",
            AlreadyPaused => "ALREADY_PAUSED",
            NotPaused => "NOT_PAUSED",
            NotPlayingLocally => "NOT_PLAYING_LOCALLY",
            NotPlayingTrack => "NOT_PLAYING_TRACK",
            NotPlayingContext => "NOT_PLAYING_CONTEXT",
            EndlessContext => "ENDLESS_CONTEXT",
            ContextDisallow => "CONTEXT_DISALLOW",
            AlreadyPlaying => "ALREADY_PLAYING",
            RateLimited => "RATE_LIMITED",
            RemoteControlDisallow => "REMOTE_CONTROL_DISALLOW",
            DeviceNotControllable => "DEVICE_NOT_CONTROLLABLE",
            VolumeControlDisallow => "VOLUME_CONTROL_DISALLOW",
            NoActiveDevice => "NO_ACTIVE_DEVICE",
            PremiumRequired => "PREMIUM_REQUIRED",
            Unknown => "UNKNOWN",
            Other(code) => code,
        }
    }
}

impl fmt::Display for PlayerErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_lowercase_line() {
        let e = Error::Api {
            status: 404,
            message: "Player command failed: No active device found".into(),
            reason: Some(PlayerErrorReason::from_code("NO_ACTIVE_DEVICE")),
        };
        assert_eq!(
            e.to_string(),
            "spotify api error 404: Player command failed: No active device found (NO_ACTIVE_DEVICE)"
        );
        let e = Error::Auth {
            status: 400,
            error: "invalid_client".into(),
            error_description: Some("Invalid client secret".into()),
        };
        assert_eq!(
            e.to_string(),
            "spotify accounts error 400: invalid_client: Invalid client secret"
        );
        assert_eq!(e.auth_error(), Some("invalid_client"));
    }

    #[test]
    fn authorization_errors_say_what_happened() {
        let denied = Error::Authorization {
            error: "access_denied".into(),
        };
        assert_eq!(
            denied.to_string(),
            "authorization failed: access_denied (the user did not agree)"
        );
        let other = Error::Authorization {
            error: "server_error".into(),
        };
        assert_eq!(other.to_string(), "authorization failed: server_error");
    }

    #[test]
    fn predicates_use_status_not_message() {
        for message in [
            "The access token expired",
            "Missing/invalid/expired access token",
        ] {
            let e = Error::Api {
                status: 401,
                message: message.into(),
                reason: None,
            };
            assert!(e.is_expired_token());
            assert_eq!(e.status(), Some(401));
        }
        let e = Error::RateLimited {
            retry_after: Some(Duration::from_secs(3)),
        };
        assert!(e.is_rate_limited());
        assert_eq!(e.to_string(), "rate limited by spotify; retry after 3s");
    }

    #[test]
    fn a_partial_write_says_what_was_written_and_keeps_its_cause() {
        let e = Error::PartialWrite {
            completed: 200,
            total: 250,
            snapshot_id: Some("s2".into()),
            may_have_landed: true,
            source: Box::new(Error::Api {
                status: 500,
                message: "Server error".into(),
                reason: None,
            }),
        };
        assert_eq!(
            e.to_string(),
            "the write stopped after 200 of 250 items; the failed request may have been applied"
        );
        assert_eq!(e.status(), Some(500));
        assert_eq!(e.completed(), Some(200));
        let source = std::error::Error::source(&e).map(ToString::to_string);
        assert_eq!(
            source.as_deref(),
            Some("spotify api error 500: Server error")
        );
        let e = Error::PartialWrite {
            completed: 80,
            total: 95,
            snapshot_id: None,
            may_have_landed: false,
            source: Box::new(Error::MissingScope {
                scopes: vec![crate::scope::Scope::PlaylistModifyPublic],
                message: "Insufficient client scope".into(),
            }),
        };
        assert_eq!(e.to_string(), "the write stopped after 80 of 95 items");
        assert_eq!(e.status(), Some(403));
        assert_eq!(
            e.missing_scopes(),
            Some(&[crate::scope::Scope::PlaylistModifyPublic][..])
        );
        assert_eq!(Error::NoToken.completed(), None);
    }

    #[test]
    fn unknown_player_reason_is_kept() {
        let r = PlayerErrorReason::from_code("SOMETHING_NEW");
        assert_eq!(r, PlayerErrorReason::Other("SOMETHING_NEW".into()));
        assert_eq!(r.as_code(), "SOMETHING_NEW");
        assert_eq!(
            PlayerErrorReason::from_code("PREMIUM_REQUIRED").as_code(),
            "PREMIUM_REQUIRED"
        );
    }
}

/// `url` as messages and `Debug` may show it: anything secret-looking replaced by `redacted`
/// (its password in `user:pass@`; the value of a query parameter whose name holds `pass`,
/// `token` or `secret`, as `redis+unix:///sock?pass=...` or `?access_token=...`; the fragment,
/// where the implicit grant puts a token), cut to 200 characters. A string that is not a URL
/// may hold a secret we cannot find: none of it is shown.
pub(crate) fn redacted_url(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return "(not a URL)".to_owned();
    };
    if parsed.password().is_some() {
        let _ = parsed.set_password(Some("redacted"));
    }
    if parsed.fragment().is_some() {
        parsed.set_fragment(Some("redacted"));
    }
    let is_secret = |key: &str| {
        let key = key.to_ascii_lowercase();
        ["pass", "token", "secret"]
            .iter()
            .any(|word| key.contains(word))
    };
    if parsed.query_pairs().any(|(key, _)| is_secret(&key)) {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(key, value)| {
                let value = if is_secret(&key) {
                    "redacted".into()
                } else {
                    value
                };
                (key.into_owned(), value.into_owned())
            })
            .collect();
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    parsed.to_string().chars().take(200).collect()
}

#[cfg(test)]
mod redaction_tests {
    use super::redacted_url;

    #[test]
    fn passwords_in_urls_are_redacted() {
        for (given, shown) in [
            (
                "redis://:s3cret@host:6379/0",
                "redis://:redacted@host:6379/0",
            ),
            (
                "http://user:s3cret@proxy:8080",
                "http://user:redacted@proxy:8080/",
            ),
            (
                "redis+unix:///run/redis.sock?db=2&pass=s3cret",
                "redis+unix:///run/redis.sock?db=2&pass=redacted",
            ),
            (
                "unix:///run/redis.sock?PASSWORD=s3cret",
                "unix:///run/redis.sock?PASSWORD=redacted",
            ),
            (
                "https://x.example/cb?code=1&refresh_token=s3cret&Client_Secret=s3cret#access_token=s3cret",
                "https://x.example/cb?code=1&refresh_token=redacted&Client_Secret=redacted#redacted",
            ),
            ("redis://host:6379", "redis://host:6379"),
            ("s3cret@not a url", "(not a URL)"),
        ] {
            assert_eq!(redacted_url(given), shown);
        }
    }
}
