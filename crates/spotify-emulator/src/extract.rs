//! Our extractors. Their rejections are Spotify-shaped errors ([`ApiError`]), never axum's plain
//! text [axum `customize-path-rejection`]; the accounts-service ones never fail at all, because a
//! missing or unreadable parameter is itself an answer there (`grant_type parameter is missing`).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use axum::body::{Body, Bytes, HttpBody as _};
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::uri::Authority;
use axum::http::{HeaderValue, StatusCode, header};
use futures_util::StreamExt as _;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};

use crate::catalog::Catalog;
use crate::catalog::markets::is_market;
use crate::catalog::model::Id;
use crate::config::{MessageEra, User};
use crate::errors::{
    ApiError, BAD_REQUEST, BearerProblem, ERROR_PARSING_JSON, IMAGE_TOO_LARGE, INVALID_ID,
    INVALID_JSON_BODY, INVALID_LIMIT, INVALID_MARKET, INVALID_OFFSET, REQUEST_TIMEOUT,
    REQUEST_TOO_LARGE, TOO_MANY_IDS,
};
use crate::quota::QuotaMode;
use crate::render::{Ctx, Page};
use crate::serve::MAX_BODY_BYTES;
use crate::state::{AppState, Grant};

/// At most this many parameters are read from a query string or form body.
const MAX_PARAMS: usize = 100;

/// Path parameters; any value that does not parse is a 400 `invalid id` (every path parameter of
/// the Web API is an id).
#[derive(Debug)]
pub(crate) struct Path<T>(pub(crate) T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::path::ErrorKind;
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(PathRejection::FailedToDeserializePathParams(error)) => match error.kind() {
                // Route and type disagree: a bug in the emulator, not in the request.
                ErrorKind::WrongNumberOfParameters { .. } | ErrorKind::UnsupportedType { .. } => {
                    Err(ApiError::internal())
                }
                _ => Err(ApiError::bad_request(INVALID_ID)),
            },
            Err(_) => Err(ApiError::internal()),
        }
    }
}

/// A 22-character base62 Spotify id; anything else fails with `invalid id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Base62Id(String);

impl Base62Id {
    /// The id.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Base62Id {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let id = String::deserialize(de)?;
        if Id::parse(&id).is_some() {
            Ok(Self(id))
        } else {
            Err(D::Error::custom(INVALID_ID))
        }
    }
}

/// The bounds of `limit` and `offset` of one endpoint (`SPOTIFY-PROTOCOL.md` §2.4). A value
/// outside them is a 400 `Invalid limit` / `Invalid offset`, never clamped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PageBounds {
    /// `limit` is 1..=`max_limit`.
    pub(crate) max_limit: usize,
    /// `limit` when none is sent.
    pub(crate) default_limit: usize,
    /// `offset` is 0..=`max_offset`.
    pub(crate) max_offset: usize,
}

/// No offset cap in the spec: anything a `u32` holds.
const NO_OFFSET_CAP: usize = u32::MAX as usize;

#[allow(dead_code)]
impl PageBounds {
    /// Most list endpoints: `limit` 1..=50, default 20 (spec `QueryLimit`).
    pub(crate) const DEFAULT: Self = Self::new(50, 20, NO_OFFSET_CAP);
    /// `GET /search`: `limit` 1..=10, default 5 (2026-02), `offset` at most 1000.
    pub(crate) const SEARCH: Self = Self::new(10, 5, 1000);
    /// `GET /artists/{id}/albums`: `limit` up to 10, default 5 (spec since 2026-02; the spec's
    /// minimum of 0 is not taken: a page of 0 items could never advance).
    pub(crate) const ARTIST_ALBUMS: Self = Self::new(10, 5, NO_OFFSET_CAP);
    /// `GET /playlists/{id}/items`: `limit` 1..=50, default 20.
    pub(crate) const PLAYLIST_ITEMS: Self = Self::new(50, 20, NO_OFFSET_CAP);
    /// `GET /playlists/{id}/tracks` (legacy): `limit` 1..=100, default 20.
    pub(crate) const PLAYLIST_TRACKS: Self = Self::new(100, 20, NO_OFFSET_CAP);
    /// `GET /me/playlists`: `limit` 1..=50, default 20, `offset` at most 100,000.
    pub(crate) const ME_PLAYLISTS: Self = Self::new(50, 20, 100_000);
    /// `GET /recommendations`: `limit` 1..=100, default 20.
    pub(crate) const RECOMMENDATIONS: Self = Self::new(100, 20, NO_OFFSET_CAP);

    const fn new(max_limit: usize, default_limit: usize, max_offset: usize) -> Self {
        Self {
            max_limit,
            default_limit,
            max_offset,
        }
    }

    /// The page that `limit` and `offset` (as sent, absent or empty for the defaults) select.
    pub(crate) fn page(&self, limit: Option<&str>, offset: Option<&str>) -> Result<Page, ApiError> {
        let number = |text: Option<&str>| text.filter(|t| !t.is_empty()).map(str::parse::<u32>);
        let limit = match number(limit) {
            None => self.default_limit,
            Some(Ok(n)) if (1..=self.max_limit).contains(&(n as usize)) => n as usize,
            Some(_) => return Err(ApiError::bad_request(INVALID_LIMIT)),
        };
        let offset = match number(offset) {
            None => 0,
            Some(Ok(n)) if n as usize <= self.max_offset => n as usize,
            Some(_) => return Err(ApiError::bad_request(INVALID_OFFSET)),
        };
        Ok(Page { offset, limit })
    }
}

/// `?limit=&offset=&market=` of a list endpoint, as sent. Endpoints with more parameters
/// flatten it into their own query type, or call [`PageBounds::page`] with their strings.
///
/// ```text
/// Query(q): Query<PageQuery>  →  let page = q.page(PageBounds::DEFAULT)?;
/// ```
#[derive(Debug, Default, Deserialize)]
#[allow(dead_code)]
pub(crate) struct PageQuery {
    pub(crate) limit: Option<String>,
    pub(crate) offset: Option<String>,
    pub(crate) market: Option<String>,
}

#[allow(dead_code)]
impl PageQuery {
    /// The page selected, within `bounds`; 400 `Invalid limit` / `Invalid offset` otherwise.
    pub(crate) fn page(&self, bounds: PageBounds) -> Result<Page, ApiError> {
        bounds.page(self.limit.as_deref(), self.offset.as_deref())
    }
}

/// `?market=` of a single-item endpoint, as sent.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MarketQuery {
    pub(crate) market: Option<String>,
}

/// The most ids an `ids=` list may hold, per endpoint (`SPOTIFY-PROTOCOL.md` §2.5).
#[allow(dead_code)]
pub(crate) mod max_ids {
    /// `GET /albums`.
    pub(crate) const ALBUMS: usize = 20;
    /// `GET /artists`, `/tracks`, `/episodes`, `/shows`, `/audiobooks`, `/chapters`, the
    /// per-type library endpoints and `/me/following`.
    pub(crate) const DEFAULT: usize = 50;
    /// `GET /audio-features`.
    pub(crate) const AUDIO_FEATURES: usize = 100;
    /// `uris=` of `/me/library` and `/me/library/contains`.
    pub(crate) const LIBRARY_URIS: usize = 40;
    /// `uris` of `/playlists/{id}/items`.
    pub(crate) const PLAYLIST_URIS: usize = 100;
}

/// `?ids=a,b,c&market=` of a multi-get, as sent.
#[derive(Debug, Default, Deserialize)]
#[allow(dead_code)]
pub(crate) struct IdsQuery {
    pub(crate) ids: Option<String>,
    pub(crate) market: Option<String>,
}

#[allow(dead_code)]
impl IdsQuery {
    /// The ids, in order (duplicates kept), at most `max` ([`max_ids`]).
    pub(crate) fn ids(&self, max: usize) -> Result<Vec<Base62Id>, ApiError> {
        parse_ids(self.ids.as_deref(), max)
    }
}

/// A comma-separated id list (§2.8): more than `max` → 400 `too many ids requested`; absent,
/// empty, or any malformed id → 400 `invalid id` for the whole request. A well-formed id the
/// catalogue lacks is the handler's business: a `null` slot in the answer.
pub(crate) fn parse_ids(raw: Option<&str>, max: usize) -> Result<Vec<Base62Id>, ApiError> {
    let raw = raw
        .filter(|r| !r.is_empty())
        .ok_or(ApiError::bad_request(INVALID_ID))?;
    if raw.split(',').count() > max {
        return Err(ApiError::bad_request(TOO_MANY_IDS));
    }
    raw.split(',')
        .map(|id| match Id::parse(id) {
            Some(_) => Ok(Base62Id(id.to_owned())),
            None => Err(ApiError::bad_request(INVALID_ID)),
        })
        .collect()
}

/// Query parameters deserialized into `T`; a query that does not fit is a 400 `Bad request.`.
#[derive(Debug)]
pub(crate) struct Query<T>(pub(crate) T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map(|axum::extract::Query(value)| Self(value))
            .map_err(|_| ApiError::bad_request(BAD_REQUEST))
    }
}

/// A JSON body (control plane); anything else, or a body over [`MAX_BODY_BYTES`], is a 400
/// `Invalid JSON body`, and a body not all there within the body timeout a 408. The
/// `Content-Type` is not checked.
#[derive(Debug)]
pub(crate) struct Json<T>(pub(crate) T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|unreadable| match unreadable {
                Unreadable::TimedOut => unreadable.into_error(INVALID_JSON_BODY),
                _ => ApiError::bad_request(INVALID_JSON_BODY),
            })?;
        serde_json::from_slice(&bytes)
            .map(Self)
            .map_err(|_| ApiError::bad_request(INVALID_JSON_BODY))
    }
}

/// The most base64 text a cover upload may send (the spec: "maximum payload size is 256 KB").
pub(crate) const MAX_COVER_BASE64: usize = 256 * 1024;

/// Why a request body could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unreadable {
    /// Longer than the limit (by its `Content-Length`, or as it arrived).
    TooLarge,
    /// Not all there within the body timeout (`serve::body_deadline`).
    TimedOut,
    /// Broken off, or a broken chunked encoding.
    Broken,
}

impl Unreadable {
    /// The answer: 413 with `too_large`, 408 `Request timeout`, or 400 `Bad request.`.
    fn into_error(self, too_large: &'static str) -> ApiError {
        match self {
            Self::TooLarge => ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, too_large),
            Self::TimedOut => ApiError::new(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT),
            Self::Broken => ApiError::bad_request(BAD_REQUEST),
        }
    }
}

/// Reads a request body of at most `limit` bytes. A `Content-Length` over the limit is refused
/// before a byte is read; a body without one is read only up to the limit. Either way the
/// connection is then closed (hyper does not keep a connection whose body was left unread).
async fn read_body(body: Body, limit: usize) -> Result<Bytes, Unreadable> {
    if body.size_hint().lower() > limit as u64 {
        return Err(Unreadable::TooLarge);
    }
    let mut chunks = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.map_err(|error| {
            if crate::serve::is_body_timeout(&error) {
                Unreadable::TimedOut
            } else {
                Unreadable::Broken
            }
        })?;
        if bytes.len() + chunk.len() > limit {
            return Err(Unreadable::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(bytes))
}

/// A JSON body of a Web API write: an empty body is `T::default()` (the parameters may be in
/// the query instead); one that does not parse as `T` (a nesting deeper than 128 included) is
/// a 400 `Error parsing JSON.`. One over [`MAX_BODY_BYTES`] is a 413 `Request entity too
/// large`, one that does not arrive in time a 408 ([`read_body`]).
#[derive(Debug)]
pub(crate) struct JsonBody<T>(pub(crate) T);

impl<T, S> FromRequest<S> for JsonBody<T>
where
    T: DeserializeOwned + Default,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|why| why.into_error(REQUEST_TOO_LARGE))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(T::default()));
        }
        serde_json::from_slice(&bytes)
            .map(Self)
            .map_err(|_| ApiError::bad_request(ERROR_PARSING_JSON))
    }
}

/// The body of a playlist cover upload as it was sent (base64 JPEG text), with its content
/// type. One over [`MAX_COVER_BASE64`] (256 KB) is a 413 `Image too large...`, read no
/// further than that ([`read_body`]).
#[derive(Debug)]
pub(crate) struct RawBody {
    /// The `Content-Type` header without parameters, if any.
    pub(crate) content_type: Option<String>,
    pub(crate) bytes: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .map(|mime| mime.trim().to_ascii_lowercase());
        let bytes = read_body(req.into_body(), MAX_COVER_BASE64)
            .await
            .map_err(|why| why.into_error(IMAGE_TOO_LARGE))?;
        Ok(Self {
            content_type,
            bytes,
        })
    }
}

/// URL-encoded parameters in order, decoded leniently (invalid UTF-8 becomes U+FFFD).
#[derive(Clone, Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// Parses `application/x-www-form-urlencoded` bytes.
    pub(crate) fn parse(bytes: &[u8]) -> Self {
        Self(
            url::form_urlencoded::parse(bytes)
                .into_owned()
                .take(MAX_PARAMS)
                .collect(),
        )
    }

    /// The first value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The raw query string as [`Params`]; never fails.
#[derive(Debug)]
pub(crate) struct QueryParams(pub(crate) Params);

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(Params::parse(
            parts.uri.query().unwrap_or_default().as_bytes(),
        )))
    }
}

/// A form body as [`Params`]; never fails. A body that is not
/// `application/x-www-form-urlencoded` (JSON, say), or cannot be read, gives no parameters, as
/// on Spotify, where such a body makes `grant_type` look absent (§1.2).
#[derive(Debug)]
pub(crate) struct FormParams(pub(crate) Params);

impl<S: Send + Sync> FromRequest<S> for FormParams {
    type Rejection = std::convert::Infallible;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| {
                mime.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !is_form {
            return Ok(Self(Params::default()));
        }
        match read_body(req.into_body(), MAX_BODY_BYTES).await {
            Ok(body) => Ok(Self(Params::parse(&body))),
            Err(_) => Ok(Self(Params::default())),
        }
    }
}

/// The `If-None-Match` header of a catalogue GET, and nothing else of the request's headers
/// (copying them all would cost every request an allocation per header). Never fails.
#[derive(Clone, Debug, Default)]
pub(crate) struct IfNoneMatch(Vec<HeaderValue>);

impl<S: Send + Sync> FromRequestParts<S> for IfNoneMatch {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .headers
                .get_all(header::IF_NONE_MATCH)
                .iter()
                .cloned()
                .collect(),
        ))
    }
}

impl IfNoneMatch {
    /// Whether the header names `etag` (weak or strong, in a comma-separated list) or is `*`.
    pub(crate) fn matches(&self, etag: &str) -> bool {
        self.0
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == etag || tag == "*")
    }
}

/// The caller of a Web API endpoint: a checked bearer token. Extracting it fails with Spotify's
/// 400/401 (§2.3), worded per the [`MessageEra`] in force.
#[derive(Clone, Debug)]
pub(crate) struct Caller {
    grant: Grant,
    /// The request's `Host` header and URI authority, from which [`Caller::base`] is made.
    host: Option<HeaderValue>,
    authority: Option<Authority>,
    /// `http://host/v1`: the request's own base URL, for paging links; made on first use, since
    /// an answer served from the render cache needs none.
    base: OnceLock<String>,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let grant = state.authenticate(parts.headers.get(header::AUTHORIZATION))?;
        Ok(Self {
            grant,
            host: parts.headers.get(header::HOST).cloned(),
            authority: parts.uri.authority().cloned(),
            base: OnceLock::new(),
        })
    }
}

/// `http://{Host}/v1` of a request: the `Host` header (or the URI's authority), if it is a
/// plausible host and port; else `http://localhost/v1`.
fn request_base(host: Option<&HeaderValue>, authority: Option<&Authority>) -> String {
    let host = host
        .and_then(|h| h.to_str().ok())
        .or_else(|| authority.map(Authority::as_str))
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
                })
        })
        .unwrap_or("localhost");
    format!("http://{host}/v1")
}

/// The token of an `Authorization: Bearer <token>` header (the scheme in any case), if the
/// header holds one: for the checks made before a request is authenticated (the rate limiter,
/// faults), which must see the same token authentication will.
pub(crate) fn bearer_of(header: Option<&HeaderValue>) -> Option<&str> {
    bearer_token(header, MessageEra::Current).ok()
}

/// The token of an `Authorization: Bearer <token>` header.
pub(crate) fn bearer_token(
    header: Option<&HeaderValue>,
    era: MessageEra,
) -> Result<&str, BearerProblem> {
    let value = header
        .ok_or(BearerProblem::Missing)?
        .to_str()
        .map_err(|_| BearerProblem::NotBearer)?;
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(BearerProblem::NotBearer);
    }
    match token.trim() {
        // An empty bearer: 400 on older stacks, the generic 401 since 2026 (§2.3).
        "" => Err(match era {
            MessageEra::Legacy => BearerProblem::NotBearer,
            MessageEra::Current => BearerProblem::Unknown,
        }),
        token => Ok(token),
    }
}

impl Caller {
    /// The user behind the token; 403 `Insufficient client scope` for a client-credentials token.
    pub(crate) fn require_user(&self) -> Result<&User, ApiError> {
        self.grant
            .user
            .as_deref()
            .ok_or(ApiError::insufficient_scope())
    }

    /// The user behind the token, if any (none for client credentials).
    #[allow(dead_code)]
    pub(crate) fn user(&self) -> Option<&User> {
        self.grant.user.as_deref()
    }

    /// The quota mode of the caller's app, as it is now.
    pub(crate) fn quota_mode(&self) -> QuotaMode {
        self.grant.app.quota_mode
    }

    /// `Ok` if the caller's app may call `operation_id` (a spec operationId); 403 `Forbidden`
    /// if its quota mode lost that operation ([`crate::quota::REMOVED_OPERATIONS`]). One line
    /// at the top of a handler: `caller.require_operation("get-several-tracks")?;`.
    #[allow(dead_code)]
    pub(crate) fn require_operation(&self, operation_id: &str) -> Result<(), ApiError> {
        crate::quota::check_operation(self.quota_mode(), operation_id)
    }

    /// The user, if the token was granted `scope`; else 403 `Insufficient client scope`.
    pub(crate) fn require_scope(&self, scope: &str) -> Result<&User, ApiError> {
        let user = self.require_user()?;
        if self.has_scope(scope) {
            Ok(user)
        } else {
            Err(ApiError::insufficient_scope())
        }
    }

    /// Whether the token was granted `scope`.
    pub(crate) fn has_scope(&self, scope: &str) -> bool {
        self.grant.scopes.contains(scope)
    }

    /// The render context of this request: the caller's quota mode and user, `market` (already
    /// resolved with [`Caller::market`]) and the request's base URL.
    pub(crate) fn render<'a>(&'a self, catalog: &'a Catalog, market: Option<&'a str>) -> Ctx<'a> {
        Ctx {
            catalog,
            mode: self.quota_mode(),
            market,
            user: self.grant.user.as_deref().map(|u| u.id.as_str()),
            playback_position: self.grant.user.is_some()
                && self.has_scope("user-read-playback-position"),
            base: self.base(),
        }
    }

    /// `http://host/v1`: the request's own base URL (made once per request, on first use).
    pub(crate) fn base(&self) -> &str {
        self.base
            .get_or_init(|| request_base(self.host.as_ref(), self.authority.as_ref()))
    }

    /// The scopes granted.
    #[allow(dead_code)]
    pub(crate) fn scopes(&self) -> &BTreeSet<String> {
        &self.grant.scopes
    }

    /// The client id of the app the token was issued to.
    #[allow(dead_code)]
    pub(crate) fn client_id(&self) -> &str {
        &self.grant.app.client_id
    }

    /// The market a `market` parameter selects (§2.1): an ISO 3166-1 alpha-2 code as given;
    /// `from_token`, the user's country (no market for a client-credentials token); absent or
    /// empty, no market. Anything else is a 400 `Invalid market code`.
    pub(crate) fn market(&self, market: Option<&str>) -> Result<Option<String>, ApiError> {
        match market {
            None | Some("") => Ok(None),
            Some("from_token") => Ok(self.grant.user.as_ref().map(|user| user.country.clone())),
            Some(code) if is_market(code) => Ok(Some(code.to_owned())),
            Some(_) => Err(ApiError::bad_request(INVALID_MARKET)),
        }
    }

    /// The market that decides whether market-bound content (shows, episodes, audiobooks,
    /// chapters) is available: `market` (already resolved with [`Caller::market`]) if given,
    /// else the user's country. None for a client-credentials token without a market: Spotify
    /// then considers such content unavailable (spec `QueryMarket`: "If neither market or user
    /// country are provided, the content is considered unavailable for the client").
    pub(crate) fn availability_market<'a>(&'a self, market: Option<&'a str>) -> Option<&'a str> {
        market.or_else(|| self.grant.user.as_deref().map(|user| user.country.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_bounds() {
        let page =
            |b: PageBounds, l: Option<&str>, o: Option<&str>| b.page(l, o).map_err(|e| e.message());
        let d = PageBounds::DEFAULT;
        assert_eq!(
            page(d, None, None),
            Ok(Page {
                offset: 0,
                limit: 20
            })
        );
        assert_eq!(
            page(d, Some(""), Some("")),
            Ok(Page {
                offset: 0,
                limit: 20
            })
        );
        assert_eq!(
            page(d, Some("50"), Some("7")),
            Ok(Page {
                offset: 7,
                limit: 50
            })
        );
        for bad in ["0", "51", "-1", "abc", "1e3", "99999999999", " 5"] {
            assert_eq!(page(d, Some(bad), None), Err(INVALID_LIMIT), "{bad}");
        }
        for bad in ["-1", "x", "4294967296"] {
            assert_eq!(page(d, None, Some(bad)), Err(INVALID_OFFSET), "{bad}");
        }
        let s = PageBounds::SEARCH;
        assert_eq!(
            page(s, None, None),
            Ok(Page {
                offset: 0,
                limit: 5
            })
        );
        assert_eq!(page(s, Some("50"), None), Err(INVALID_LIMIT));
        assert_eq!(
            page(s, Some("10"), Some("1000")),
            Ok(Page {
                offset: 1000,
                limit: 10
            })
        );
        assert_eq!(page(s, None, Some("1001")), Err(INVALID_OFFSET));
        assert_eq!(
            page(PageBounds::ARTIST_ALBUMS, None, None).unwrap().limit,
            5
        );
        assert_eq!(
            page(PageBounds::ARTIST_ALBUMS, Some("11"), None),
            Err(INVALID_LIMIT)
        );
        assert_eq!(
            page(PageBounds::PLAYLIST_TRACKS, Some("100"), None)
                .unwrap()
                .limit,
            100
        );
        assert_eq!(
            page(PageBounds::PLAYLIST_ITEMS, Some("100"), None),
            Err(INVALID_LIMIT)
        );
        assert_eq!(
            page(PageBounds::ME_PLAYLISTS, None, Some("100001")),
            Err(INVALID_OFFSET)
        );
    }

    #[test]
    fn id_lists() {
        let ids = |raw: Option<&str>, max| {
            parse_ids(raw, max)
                .map(|v| v.len())
                .map_err(|e| e.message())
        };
        let one = "7EjyzZcbLxW7PaaLua9Ksb";
        assert_eq!(ids(Some(one), 20), Ok(1));
        let twenty = vec![one; 20].join(",");
        assert_eq!(ids(Some(&twenty), max_ids::ALBUMS), Ok(20));
        let twenty_one = vec![one; 21].join(",");
        assert_eq!(ids(Some(&twenty_one), max_ids::ALBUMS), Err(TOO_MANY_IDS));
        assert_eq!(ids(Some(&twenty_one), max_ids::DEFAULT), Ok(21));
        for bad in [
            "",
            "abc",
            "7EjyzZcbLxW7PaaLua9Ksb,",
            "7EjyzZcbLxW7PaaLua9Ksb,nope",
            ",,,",
        ] {
            assert_eq!(ids(Some(bad), 50), Err(INVALID_ID), "{bad:?}");
        }
        assert_eq!(ids(None, 50), Err(INVALID_ID));
        let unknown = "0000000000000000000000";
        assert_eq!(
            ids(Some(&format!("{one},{unknown}")), 50),
            Ok(2),
            "well-formed: kept"
        );
        let hostile = "a,".repeat(100_000);
        assert_eq!(ids(Some(&hostile), 50), Err(TOO_MANY_IDS));
    }

    #[test]
    fn bearer_header_parsing() {
        let parse = |v: &str, era| {
            let header = HeaderValue::from_str(v).unwrap();
            bearer_token(Some(&header), era).map(str::to_owned)
        };
        assert_eq!(
            parse("Bearer abc", MessageEra::Current),
            Ok("abc".to_owned())
        );
        assert_eq!(
            parse("bearer abc", MessageEra::Current),
            Ok("abc".to_owned())
        );
        assert_eq!(
            parse("Basic abc", MessageEra::Current),
            Err(BearerProblem::NotBearer)
        );
        assert_eq!(
            parse("abc", MessageEra::Current),
            Err(BearerProblem::NotBearer)
        );
        assert_eq!(
            parse("Bearer ", MessageEra::Current),
            Err(BearerProblem::Unknown)
        );
        assert_eq!(
            parse("Bearer", MessageEra::Legacy),
            Err(BearerProblem::NotBearer)
        );
        assert_eq!(
            bearer_token(None, MessageEra::Legacy),
            Err(BearerProblem::Missing)
        );
        let opaque = HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap();
        assert_eq!(
            bearer_token(Some(&opaque), MessageEra::Current),
            Err(BearerProblem::NotBearer)
        );
    }

    #[test]
    fn params_take_the_first_value_and_survive_garbage() {
        let params = Params::parse(b"a=1&a=2&b=%ff%fe&c&=x&scope=a+b%20c");
        assert_eq!(params.get("a"), Some("1"));
        assert_eq!(params.get("b"), Some("\u{fffd}\u{fffd}"));
        assert_eq!(params.get("c"), Some(""));
        assert_eq!(params.get("scope"), Some("a b c"));
        assert_eq!(params.get("missing"), None);
    }
}
