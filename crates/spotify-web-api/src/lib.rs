//! A complete, typed client for the Spotify Web API, with token management built in.
//!
//! The front door has two parts, as in the PHP library it takes its names from:
//!
//! - a [`Session`] gets tokens from Spotify's accounts service (client credentials, the
//!   authorization code flow with or without PKCE, refresh);
//! - a [`SpotifyWebApi`] calls the Web API's operations with a token.
//!
//! ```no_run
//! use spotify_web_api::{Session, SpotifyWebApi};
//!
//! # async fn f() -> spotify_web_api::Result<()> {
//! // Step 1: get a token (client credentials: no user, catalogue data only).
//! let mut session = Session::new("CLIENT_ID", "CLIENT_SECRET");
//! session.request_credentials_token().await?;
//! let access_token = session.access_token().unwrap().to_owned(); // store it somewhere
//!
//! // Step 2: use it.
//! let api = SpotifyWebApi::new();
//! api.set_access_token(access_token);
//! let track = api.get_track("7EjyzZcbLxW7PaaLua9Ksb").await?;
//! println!("{} by {}", track.name, track.artists[0].name);
//! # Ok(()) }
//! ```
//!
//! Unlike the PHP library, the client can also manage tokens for you:
//! [`SpotifyWebApi::with_session`] requests and refreshes them before they expire (one request
//! for many concurrent callers), replays a call once after a 401, and keeps tokens in a
//! [`TokenStore`] between runs.
//!
//! # A tour
//!
//! - Operations: methods of [`SpotifyWebApi`], one builder each; optional parameters are
//!   builder methods and `.await` sends. Their docs name the spec's operationId.
//! - Any other request ([`SpotifyWebApi::request`]): a method and a path, fields and a body,
//!   through the same pipeline; the status, headers and body come back as Spotify sent them
//!   ([`RawResponse`]).
//! - IDs ([`id`]): [`TrackId`] and friends accept a bare ID, a `spotify:` URI or an
//!   `open.spotify.com` URL; a wrong kind is an error before any request is sent.
//! - Errors ([`Error`]): one enum; ask it questions with [`Error::status`],
//!   [`Error::is_expired_token`], [`Error::is_reauthorization_required`]...
//! - Models ([`model`]): Spotify's objects as it really sends them, tolerant of nulls, missing
//!   fields and new enum values.
//! - The user's library ([`api::library`], each kind's module, [`api::follows`]): saving,
//!   checking and following any number of items, the same for development-mode and
//!   extended-quota apps; a write that fails part way says how far it got
//!   ([`Error::PartialWrite`]).
//! - Retries ([`RetryPolicy`]): 429 with `Retry-After`, 5xx and transport errors, never
//!   repeating a write that may have landed, within a total time bound per call if you set one.
//! - Limits ([`RequestLimits`]), shared by all clones of a client: a cap on requests in flight,
//!   an optional budget of requests per rolling window, and after a 429 the whole client waits
//!   out the `Retry-After`.
//! - Tracing: one `spotify_request` span per attempt (method, path template, attempt, wait,
//!   status, bytes), never a token.
//! - Secrets: client secrets and tokens never appear in `Debug` output, errors or logs.
//! - Blocking code (feature `blocking`, module `blocking`): the same operations without
//!   `async`, as `api.get_track(id).send()?`, in the manner of `reqwest::blocking`.
//!
//! # Testing without a network
//!
//! The `spotify-emulator` crate serves the accounts service and the Web API on loopback.
//! Point a session and a client at it with [`SessionBuilder::accounts_url`] and
//! [`SpotifyWebApiBuilder::api_url`].

pub mod api;
mod auth;
mod base_url;
mod batch;
#[cfg(feature = "blocking")]
pub mod blocking;
mod chunk;
mod client;
mod error;
mod fields;
mod http;
pub mod id;
mod kind;
mod lenient;
mod library_ops;
mod limit;
mod market;
pub mod model;
mod paging;
mod quota;
mod raw;
mod reader;
#[cfg(feature = "redis")]
mod redis_shared;
mod retry;
mod runtime;
pub mod scope;
mod session;
pub mod store;
mod swar;
mod tls;
mod token;

pub use api::artists::IncludeGroup;
pub use api::playlists::AdditionalType;
pub use api::recommendations::{Modality, TrackAttribute};
pub use api::search::{IncludeExternal, SearchItem, SearchQuery, SearchType};
pub use api::users::TimeRange;
pub use base_url::UrlRole;
pub use client::{DEFAULT_API_URL, SpotifyWebApi, SpotifyWebApiBuilder};
pub use error::{
    ApiChange, ArgumentProblem, ConfigError, Error, IdProblem, PlayerErrorReason,
    RedirectUriProblem, Result, SessionError, TransportError,
};
pub use fields::{Fields, IntoFields};
pub use id::{
    AlbumId, ArtistId, ArtistOrUserId, AudiobookId, ChapterId, ContextId, EpisodeId, Id, IdKind,
    IntoId, IntoItem, LibraryItemId, PlayableId, PlaylistId, ShowId, TrackId, UserId,
};
pub use limit::{DEFAULT_MAX_IN_FLIGHT, RequestBudget, RequestLimits};
pub use market::{CountryCode, IntoMarket, Market};
pub use paging::PageStream;
pub use quota::QuotaMode;
pub use raw::{RawRequest, RawResponse};
#[cfg(feature = "redis")]
pub use redis_shared::{DEFAULT_LOCK_TTL, DEFAULT_PREFIX, RedisConfig, RedisTokenStore};
pub use retry::RetryPolicy;
pub use scope::Scope;
pub use session::{AuthorizeUrl, DEFAULT_ACCOUNTS_URL, Session, SessionBuilder};
#[cfg(feature = "sqlite")]
pub use store::SqliteTokenStore;
pub use store::{CallbackTokenStore, FileTokenStore, MemoryTokenStore, RenewalTurn, TokenStore};
pub use token::Token;

/// The README's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The authorization guide's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/authorization.md")]
pub struct AuthorizationDoctests;

/// The catalogue guide's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/catalogue.md")]
pub struct CatalogueDoctests;

/// The playlists guide's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/playlists.md")]
pub struct PlaylistsDoctests;

/// The player guide's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/player.md")]
pub struct PlayerDoctests;

/// The library guide's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/library.md")]
pub struct LibraryDoctests;

/// Not part of the API: the pipeline's own decoding steps, public only so that the benchmark
/// suite (`bench/`) can time them on fixed bytes and the fixture tests (`tests/api/fixtures.rs`)
/// can hold the fast path to serde's result. Hidden from the docs; may change at any time.
#[doc(hidden)]
pub mod __bench {
    /// Decodes a body as the pipeline does for an operation that answers `T`.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode), as the operation would give.
    pub fn decode<T: serde::de::DeserializeOwned + crate::model::Lenient>(
        body: &[u8],
    ) -> crate::Result<T> {
        crate::http::decode_model(body)
    }

    /// The fast path alone of [`decode`]: `T` read straight from the body, or `None` where
    /// the reader leaves the body to serde_json. For the fixture tests, which hold it to
    /// serde's result: whenever this is a value, serde gives the same value.
    pub fn read_fast<T: serde::de::DeserializeOwned + crate::model::Lenient>(
        body: &[u8],
    ) -> Option<T> {
        fast(body, crate::reader::Strict::<T>::new())
    }

    /// The fast path alone of an envelope's member `key` (`{"tracks": [...]}`), as multi-gets
    /// and keyed pages read it; `None` where the reader leaves the body to serde_json.
    pub fn read_member_fast<V: crate::model::Lenient + Default>(
        body: &[u8],
        key: &'static str,
    ) -> Option<V> {
        fast(body, crate::paging::Member::<V>::new(key))
    }

    fn fast<'de, S: crate::reader::ReadSeed<'de>>(body: &'de [u8], seed: S) -> Option<S::Value> {
        crate::reader::read_whole(simdutf8::basic::from_utf8(body).ok()?, seed)
    }

    /// Decodes one page as `.await`, `stream()` and `fetch_all()` do for a paged operation
    /// whose body is the page itself (e.g. a playlist's items).
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode), as the operation would give.
    pub fn decode_page<T: crate::model::Lenient>(
        body: &[u8],
    ) -> crate::Result<crate::model::Page<T>> {
        crate::paging::decode_page(body, None)
    }
}

/// Not part of the API: the library's parsers of untrusted input, public only to the fuzz
/// targets under `fuzz/` (the `fuzzing` feature). Each function runs the code the library runs
/// on that input, not a copy of it. Hidden from the docs; may change at any time.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod __fuzz {
    use crate::model::{CursorPage, Lenient, Page};
    use crate::{Result, Token, UrlRole};

    /// The error the pipeline returns for an answer outside 2xx: `status`, the bytes of its
    /// `Retry-After` header (if any) and its body, from the Web API or (`accounts`) the
    /// accounts service. Before the request-specific naming of a 403 (`MissingScope`...).
    pub fn error_response(
        accounts: bool,
        status: u16,
        retry_after: Option<&[u8]>,
        body: &[u8],
    ) -> crate::Error {
        let service = if accounts {
            crate::http::Service::Accounts
        } else {
            crate::http::Service::Api
        };
        let retry_after = crate::http::parse_retry_after(status, retry_after);
        crate::http::answer_error(service, status, retry_after, body)
    }

    /// A base URL as the builders check it, as the string the client then uses.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config), as the builder would give.
    pub fn base_url(input: &str, role: UrlRole) -> Result<String> {
        crate::base_url::BaseUrl::parse(input, role).map(|base| base.as_str().to_owned())
    }

    /// The URL the client would fetch for a paging object's `next` link under the API base
    /// `base` (a base that [`base_url`] accepts).
    ///
    /// # Errors
    ///
    /// The base's [`Error::Config`](crate::Error::Config), or
    /// [`Error::UntrustedUrl`](crate::Error::UntrustedUrl) for a link outside it.
    pub fn next_url(base: &str, next: &str) -> Result<String> {
        let base = crate::base_url::BaseUrl::parse(base, UrlRole::Api)?;
        let request = crate::http::ApiRequest::get_url(&base, next)?;
        Ok(request.url(&base).into())
    }

    /// Runs `f` with every decode going the serde way only (no fast path), to compare a decode
    /// path with itself both ways.
    pub fn serde_only<R>(f: impl FnOnce() -> R) -> R {
        struct Reset(bool);
        impl Drop for Reset {
            fn drop(&mut self) {
                crate::http::SERDE_ONLY.with(|on| on.set(self.0));
            }
        }
        let _reset = Reset(crate::http::SERDE_ONLY.with(|on| on.replace(true)));
        f()
    }

    /// Decodes a body as an operation answering `T` does (`.await` of a plain operation).
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode).
    pub fn decode<T: serde::de::DeserializeOwned + Lenient>(body: &[u8]) -> Result<T> {
        crate::http::decode_model(body)
    }

    /// Decodes a top-level array leniently (a playlist's cover images).
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode).
    pub fn decode_list<T: Lenient>(body: &[u8]) -> Result<Vec<T>> {
        crate::http::decode_list(body)
    }

    /// Decodes one page of a paged operation: the body, or its member `key`.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode).
    pub fn decode_page<T: Lenient>(body: &[u8], key: Option<&'static str>) -> Result<Page<T>> {
        crate::paging::decode_page(body, key)
    }

    /// Decodes one page of a cursor-paged operation: the body, or its member `key`.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode).
    pub fn decode_cursor_page<T: Lenient>(
        body: &[u8],
        key: Option<&'static str>,
    ) -> Result<CursorPage<T>> {
        crate::paging::decode_page(body, key)
    }

    /// Decodes the answer to a page's `next` link, whose envelope is not named.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode).
    pub fn decode_next_page<T: Lenient>(body: &[u8]) -> Result<Page<T>> {
        crate::paging::decode_page_anywhere(body)
    }

    /// Decodes the member `key` of an envelope of one list (`{"tracks": [...]}`).
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode).
    pub fn decode_member<V: Lenient + Default>(body: &[u8], key: &'static str) -> Result<V> {
        crate::paging::decode_member(body, key)
    }

    /// Decodes one chunk's answer of a multi-get (`{"tracks": [...]}`) for `expected` IDs.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode).
    pub fn decode_several<T: Lenient>(
        body: &[u8],
        key: &'static str,
        expected: usize,
    ) -> Result<Vec<Option<T>>> {
        crate::chunk::chunk_items(body, key, expected)
    }

    /// Decodes the answer of a library check (`contains`) for `expected` items.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode), or a wrong count.
    pub fn decode_contains(body: &[u8], expected: usize) -> Result<Vec<bool>> {
        crate::library_ops::answers(body, expected)
    }

    /// Decodes the accounts service's token response as a session does.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`](crate::Error::Decode), quoting none of the body.
    pub fn decode_token(body: &[u8]) -> Result<Token> {
        let response: crate::token::TokenResponse = crate::http::decode(body, true)?;
        Ok(response.into_token(std::time::SystemTime::now()))
    }
}
