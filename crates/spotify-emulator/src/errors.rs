//! Spotify's exact error bodies, and every message text the emulator sends.
//!
//! Three shapes exist (`SPOTIFY-PROTOCOL.md` §1.1, §1.2, §2.2):
//! - [`ApiError`]: the Web API envelope `{"error":{"status":..,"message":..}}`, with an optional
//!   `reason` (player endpoints);
//! - [`OAuthError`]: the accounts service's RFC 6749 body `{"error":..,"error_description":..}`,
//!   always HTTP 400;
//! - [`ErrorPage`]: the plain HTML page `/authorize` renders when it cannot trust the client or
//!   the redirect URI (it never redirects then).
//!
//! All message texts are constants here [stripe-mock], so a test, a handler and the docs name one
//! string each.

use std::borrow::Cow;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::config::MessageEra;

// --- Web API messages (SPOTIFY-PROTOCOL.md §2.3) ---------------------------------------------

/// 401, current wording for a missing, unknown or expired token (verified live 2026-07-16).
pub(crate) const MISSING_INVALID_EXPIRED_TOKEN: &str = "Missing/invalid/expired access token";
/// 401, pre-2026 wording: no `Authorization` header.
pub(crate) const NO_TOKEN_PROVIDED: &str = "No token provided";
/// 401, pre-2026 wording: unknown or garbled token.
pub(crate) const INVALID_ACCESS_TOKEN: &str = "Invalid access token";
/// 401, pre-2026 wording: expired token.
pub(crate) const ACCESS_TOKEN_EXPIRED: &str = "The access token expired";
/// 400: an `Authorization` header that is not `Bearer <token>`.
pub(crate) const ONLY_BEARER_SUPPORTED: &str = "Only valid bearer authentication supported";
/// 403: missing scope, or a user endpoint called with a client-credentials token.
pub(crate) const INSUFFICIENT_CLIENT_SCOPE: &str = "Insufficient client scope";
/// 403: an operation this app's quota mode does not include (Feb-2026 and Nov-2024 removals),
/// or the items of a playlist a development-mode caller neither owns nor collaborates on.
pub(crate) const FORBIDDEN: &str = "Forbidden";
/// 400: `limit` not a number in the endpoint's range (e.g. search `limit=50` since 2026-02).
pub(crate) const INVALID_LIMIT: &str = "Invalid limit";
/// 400: `offset` not a number in the endpoint's range (e.g. search past 1000).
pub(crate) const INVALID_OFFSET: &str = "Invalid offset";
/// 400: more ids than the endpoint takes (`SPOTIFY-PROTOCOL.md` §2.5).
pub(crate) const TOO_MANY_IDS: &str = "too many ids requested";
/// 400: a malformed id in the path.
pub(crate) const INVALID_ID: &str = "invalid id";
/// 404: a well-formed id that does not exist (lower case, as captured).
pub(crate) const NON_EXISTING_ID: &str = "non existing id";
/// 502, record mode: the upstream (its Web API or accounts service) cannot be reached, or its
/// answer was cut short. The emulator's own wording.
pub(crate) const UPSTREAM_UNREACHABLE: &str = "Record mode: the upstream cannot be reached";
/// 502, record mode: the upstream accounts service refused the app credentials the emulator
/// gets its upstream token with, or the upstream Web API refused a fresh token of it (a 401
/// twice). The emulator's own wording.
pub(crate) const UPSTREAM_REFUSED_CREDENTIALS: &str =
    "Record mode: the upstream accounts service refused the app credentials";
/// 400: a `market` that is neither an ISO 3166-1 alpha-2 code nor `from_token`.
pub(crate) const INVALID_MARKET: &str = "Invalid market code";
/// 400: `GET /recommendations` without any of `seed_artists`, `seed_genres`, `seed_tracks`
/// (the spec marks none required, but one is; SPEC-GAPS.md). Wording not verified.
pub(crate) const MISSING_SEEDS: &str =
    "Missing seed: give seed_artists, seed_genres or seed_tracks";
/// 400: more than 5 seeds in all (the spec: "Up to 5 seed values"). Wording not verified.
pub(crate) const TOO_MANY_SEEDS: &str = "Too many seeds: at most 5 in all";
/// 400: a `min_*`, `max_*` or `target_*` of `GET /recommendations` that is not a number.
/// Wording not verified.
pub(crate) const INVALID_TUNABLE: &str = "Invalid tunable track attribute";
/// 400: `GET /search` with no `q`, or an empty one (spotify/web-api #645).
pub(crate) const NO_SEARCH_QUERY: &str = "No search query";
/// 400: `GET /search` with no `type`, or an empty one (wording from reports, not verified).
pub(crate) const MISSING_SEARCH_TYPE: &str = "Missing parameter type";
/// 400: `GET /search` with a `type` outside the spec's seven. Spotify appends the value it
/// refused (`Bad search type field tracks`); the emulator's messages are constants.
pub(crate) const BAD_SEARCH_TYPE: &str = "Bad search type field";
/// 404: no route for the path.
pub(crate) const SERVICE_NOT_FOUND: &str = "Service not found";
/// 405: a known path with the wrong method.
pub(crate) const METHOD_NOT_ALLOWED: &str = "Method not allowed";
/// 400: a query string that does not fit the endpoint's parameters; also a `fields` filter
/// that breaks its syntax (Spotify's wording for that case is not verified).
pub(crate) const BAD_REQUEST: &str = "Bad request.";
/// 404: a Spotify-owned (editorial or algorithmic) playlist asked for by an app the
/// November 2024 rules cover (API-CHANGES.md; Chimildic/goofy #261, fondberg/spotcast #570).
pub(crate) const RESOURCE_NOT_FOUND: &str = "Resource not found";
// --- Playlist writes (wordings marked "not verified" are the emulator's own) ------------------

/// 400: a JSON request body that does not parse (wording from reports).
pub(crate) const ERROR_PARSING_JSON: &str = "Error parsing JSON.";
/// 413: a request body too large to read (wording not verified).
pub(crate) const REQUEST_TOO_LARGE: &str = "Request entity too large";
/// 408: a request body that did not arrive within the body timeout (the emulator's wording).
pub(crate) const REQUEST_TIMEOUT: &str = "Request timeout";
/// 400: more than 100 URIs in one playlist write (wording from reports).
pub(crate) const TOO_MANY_PLAYLIST_ITEMS: &str = "You can add a maximum of 100 tracks per request.";
/// 400: more than 100 items in one playlist removal (wording by analogy with the add's).
pub(crate) const TOO_MANY_TO_REMOVE: &str = "You can remove a maximum of 100 tracks per request.";
/// 400: a playlist add without any URI (wording not verified).
pub(crate) const NO_URIS: &str = "No uris provided";
/// 400: a URI that is not `spotify:track:{id}` or `spotify:episode:{id}` (wording not verified;
/// Spotify appends the URI, the emulator's messages are constants).
pub(crate) const INVALID_PLAYLIST_URI: &str = "Invalid track uri";
/// 400: a well-formed track or episode URI the catalogue does not have (wording from reports
/// of the library endpoints).
pub(crate) const NON_EXISTING_ITEM: &str = "Payload contains a non-existing ID";
/// 400: an add `position` past the end of the playlist (wording not verified).
pub(crate) const INDEX_OUT_OF_BOUNDS: &str = "Index out of bounds";
/// 400: a reorder whose `range_start`, `range_length` or `insert_before` falls outside the
/// playlist (as the `snapshot_id` names it); wording not verified.
pub(crate) const INVALID_RANGE: &str = "Invalid range";
/// 400: a removal whose `positions` do not hold the URI given (wording from reports).
pub(crate) const COULD_NOT_REMOVE: &str = "Could not remove tracks, please check parameters.";
/// 400: a `snapshot_id` that is not one of the playlist's (recent) versions (wording not verified).
pub(crate) const INVALID_SNAPSHOT_ID: &str = "Invalid snapshot id";
/// 400: a `PUT .../items` with both `uris` and a range, or neither (wording not verified).
pub(crate) const REORDER_OR_REPLACE: &str =
    "Give either uris (replace) or range_start and insert_before (reorder)";
/// 400: a playlist created or changed without a usable `name` (wording not verified).
pub(crate) const MISSING_NAME: &str = "Missing required field: name";
/// 400: a collaborative playlist that would be public (wording from reports).
pub(crate) const COLLABORATIVE_PRIVATE: &str = "Collaborative playlists can only be private.";
/// 403: a write to a playlist the user neither owns nor collaborates on (wording from reports
/// of the add endpoint, used for every item write).
pub(crate) const NOT_YOUR_PLAYLIST: &str = "You cannot add tracks to a playlist you don't own.";
/// 403: a details change or cover upload by someone other than the owner (wording not
/// verified).
pub(crate) const NOT_THE_OWNER: &str = "Only the owner can change a playlist's details.";
/// 403: `POST /users/{id}/playlists` for another user (wording from reports).
pub(crate) const OTHER_USERS_PLAYLIST: &str = "You cannot create a playlist for another user.";
/// 400: a cover body that is not base64 of a JPEG image, or a content type other than
/// `image/jpeg` (wording not verified).
pub(crate) const INVALID_IMAGE: &str = "Invalid image data: expected base64-encoded JPEG";
/// 413: a cover body over 256 KB (wording not verified).
pub(crate) const IMAGE_TOO_LARGE: &str = "Image too large: at most 256 KB of base64 text";

/// 500: something the emulator did not expect (a bug in the emulator).
pub(crate) const SERVER_ERROR: &str = "Server error";
/// 429 body message (§2.3).
pub(crate) const RATE_LIMIT_EXCEEDED: &str = "API rate limit exceeded";
/// An injected 502 (wording not verified; §2.3).
pub(crate) const BAD_GATEWAY: &str = "Bad gateway";
/// An injected 503 (wording not verified; §2.3).
pub(crate) const SERVICE_UNAVAILABLE: &str = "Service unavailable";
/// An injected fault of another status.
pub(crate) const INJECTED_FAULT: &str = "Injected fault";
/// 400: a library write naming an item that does not exist (wording from reports of
/// `PUT /me/tracks`, not verified).
pub(crate) const NON_EXISTING_ID_IN_PAYLOAD: &str = "Payload contains a non-existing ID";
/// 400: `/me/library` without `uris`, or with an empty one (the spec lists the case; wording
/// not verified).
pub(crate) const MISSING_URIS: &str = "Missing required parameter: uris";
/// 400: a `/me/library` URI that is not `spotify:{kind}:{id}` with a valid id (wording not
/// verified).
pub(crate) const INVALID_URI: &str = "Invalid URI format";
/// 400: a `/me/library` URI of a kind the operation does not take: chapters and local files
/// anywhere, artists when saving or removing (API-CHANGES.md; wording not verified).
pub(crate) const UNSUPPORTED_URI: &str = "Unsupported URI type";
/// 400: `/me/following` without `type`, or with one the operation does not take (`artist`,
/// and `user` for the writes; wording not verified).
pub(crate) const INVALID_TYPE: &str = "Invalid or missing parameter type";
/// 400: a `timestamped_ids` entry whose `added_at` is not an ISO 8601 UTC time (wording not
/// verified).
pub(crate) const INVALID_ADDED_AT: &str = "Invalid added_at timestamp";
/// 400: `/me/top/{type}` with a `time_range` other than `short_term`, `medium_term` or
/// `long_term` (wording not verified).
pub(crate) const INVALID_TIME_RANGE: &str = "Invalid time range";
/// A fault rule with a count of 0.
pub(crate) const FAULT_ZERO_COUNT: &str = "A fault needs a count above 0";
/// A fault rule with a status it cannot answer.
pub(crate) const FAULT_BAD_STATUS: &str =
    "A fault's status is 400..=599 (200..=599 with a body or for non_json)";
/// A fault rule with neither a status, a kind nor a delay.
pub(crate) const FAULT_NOTHING_TO_DO: &str =
    "A fault needs a status, a kind (reset, truncated, non_json, revoke_token) or a delay";
/// A reset, truncated or revoke_token fault with a status or a body of its own.
pub(crate) const FAULT_BAD_KIND_STATUS: &str =
    "A reset, truncated or revoke_token fault takes no status or body";
/// A fault rule whose delay is out of range.
pub(crate) const FAULT_BAD_DELAY: &str =
    "A fault's delay is at most 60000 ms, and delay_max_ms is at least delay_ms";
/// A fault rule with an option that nothing in it would use.
pub(crate) const FAULT_UNUSED_OPTION: &str = "A fault option would do nothing: retry_after goes with status 429, empty_body with a status (not non_json), seed with a probability or a delay range";
/// A fault rule whose probability is not in (0, 1].
pub(crate) const FAULT_BAD_PROBABILITY: &str = "A fault's probability is above 0 and at most 1";
/// A fault rule with a path that does not start with `/`, or a method that is not a word.
pub(crate) const FAULT_BAD_PATH: &str =
    "A fault's path_prefix and route start with /, and its method is a word such as POST";
/// `PUT /__emulator/apps/{id}` with a rate limit of 0 requests.
pub(crate) const RATE_LIMIT_ZERO: &str = "A rate limit allows at least 1 request per window";

// --- Player messages (SPOTIFY-PROTOCOL.md §2.3) ----------------------------------------------
//
// Every player refusal carries a `reason` (`PlayerErrorReason` on the library side). Three
// messages are Spotify's own, from §2.3: no active device (404 `NO_ACTIVE_DEVICE`), a free
// account (403 `PREMIUM_REQUIRED`), and `Restriction violated` (403) for a command the player's
// state forbids.
//
// Restrictions, decided: Spotify's documentation gives a specific reason for each (pausing
// while paused is `ALREADY_PAUSED`, resuming while playing `NOT_PAUSED`, skipping past either
// end `NO_NEXT_TRACK` / `NO_PREV_TRACK`...), but the one body captured in the wild
// (spotify/web-api #1433) is `Player command failed: Restriction violated` with reason
// `UNKNOWN`. The emulator sends Spotify's captured message with the documented reason by
// default, so clients can be tested on each reason, and sends `UNKNOWN` instead when
// `PUT /__emulator/config {"player_restriction_reason": "unknown"}` asks for what was captured
// (`RestrictionReason` in `state/settings.rs`). A client that must work against both matches the
// status 403 and treats `UNKNOWN` like the specific reason.

/// 404 `NO_ACTIVE_DEVICE`: a player command with no active device and no `device_id`.
pub(crate) const PLAYER_NO_ACTIVE_DEVICE: &str = "Player command failed: No active device found";
/// 403 `PREMIUM_REQUIRED`: a player command from a user on the Free plan.
pub(crate) const PLAYER_PREMIUM_REQUIRED: &str = "Player command failed: Premium required";
/// 403: a command the player's state forbids (`ALREADY_PAUSED`, `NOT_PAUSED`, `NO_NEXT_TRACK`,
/// `NO_PREV_TRACK`, `NOT_PLAYING_TRACK`, `NO_SPECIFIC_TRACK`, or `UNKNOWN`; see above).
pub(crate) const PLAYER_RESTRICTION_VIOLATED: &str = "Player command failed: Restriction violated";
/// 403 `VOLUME_CONTROL_DISALLOW`: a volume command to a device whose volume cannot be set
/// (wording from reports, not verified).
pub(crate) const PLAYER_VOLUME_DISALLOWED: &str =
    "Player command failed: Cannot control device volume";
/// 404: a `device_id` (or transfer target) the user has no device with. Reports show it
/// without a `reason`.
pub(crate) const DEVICE_NOT_FOUND: &str = "Device not found";
/// 400: a player body that is not JSON (wording not verified).
pub(crate) const MALFORMED_JSON: &str = "Malformed json";
/// 400: `PUT /me/player` without `device_ids`, or with an empty list (wording not verified).
pub(crate) const MISSING_DEVICE_IDS: &str = "Required field device_ids is missing";
/// 400: `PUT /me/player` with more than one device id; the spec says only one is supported
/// (wording not verified).
pub(crate) const ONE_DEVICE_ONLY: &str = "Only a single device_id is supported";
/// 400: `PUT /me/player/play` with both `context_uri` and `uris` (wording not verified).
pub(crate) const CONTEXT_AND_URIS: &str = "Only one of context_uri and uris may be given";
/// 400: a `context_uri` that is not the URI of an album, artist, playlist, show or audiobook
/// (wording not verified).
pub(crate) const INVALID_CONTEXT_URI: &str = "Invalid context uri";
/// 400: a `uris` element, `offset.uri` or `uri` that is not a track or episode URI (Spotify's
/// reports show `Invalid track uri: ...` with the URI appended; the emulator's messages are
/// constants).
pub(crate) const INVALID_TRACK_URI: &str = "Invalid track uri";
/// 400: `PUT /me/player/play` with an empty `uris` list (wording not verified).
pub(crate) const EMPTY_URIS: &str = "uris must not be empty";
/// 400: `position_ms` missing from `PUT /me/player/seek` (wording from reports, not verified).
pub(crate) const MISSING_POSITION_MS: &str =
    "Required integer parameter 'position_ms' is not present";
/// 400: a `position_ms` that is not a number of 0 or more (wording not verified).
pub(crate) const INVALID_POSITION_MS: &str = "position_ms must be a positive integer";
/// 400: `volume_percent` missing from `PUT /me/player/volume` (wording as for `position_ms`).
pub(crate) const MISSING_VOLUME_PERCENT: &str =
    "Required integer parameter 'volume_percent' is not present";
/// 400: a `volume_percent` outside 0..=100 (wording not verified).
pub(crate) const INVALID_VOLUME_PERCENT: &str = "volume_percent must be from 0 to 100";
/// 400: `state` missing from `PUT /me/player/repeat` or `/shuffle` (wording not verified).
pub(crate) const MISSING_STATE: &str = "Required parameter 'state' is not present";
/// 400: a repeat `state` other than `track`, `context` or `off` (wording not verified).
pub(crate) const INVALID_REPEAT_STATE: &str = "state must be one of track, context or off";
/// 400: a shuffle `state` other than `true` or `false` (wording not verified).
pub(crate) const INVALID_SHUFFLE_STATE: &str = "state must be true or false";
/// 400: `uri` missing from `POST /me/player/queue` (wording not verified).
pub(crate) const MISSING_URI: &str = "Required parameter 'uri' is not present";
/// 400: `GET /me/player/recently-played` with both `before` and `after` (the spec: "If `after`
/// is specified, `before` must not be specified"; wording not verified).
pub(crate) const BEFORE_AND_AFTER: &str = "Only one of before and after may be given";
/// 400: a `before` or `after` that is not a Unix time in milliseconds (wording not verified).
pub(crate) const INVALID_CURSOR: &str = "Invalid cursor";

// --- Control plane messages (emulator only) ---------------------------------------------------

/// 400: a control-plane body that is not the expected JSON.
pub(crate) const INVALID_JSON_BODY: &str = "Invalid JSON body";
/// 404: a control-plane call naming a user the emulator does not know.
pub(crate) const UNKNOWN_USER: &str = "Unknown user";
/// 404: a control-plane call naming a device the user does not have.
pub(crate) const UNKNOWN_DEVICE: &str = "Unknown device";
/// 404: a control-plane call naming an app the emulator does not know.
pub(crate) const UNKNOWN_APP: &str = "Unknown app";
/// 400: `/tokens/revoke` with neither `access_token` nor `"all": true`.
pub(crate) const REVOKE_WHAT: &str = "Give access_token or \"all\": true";

// --- Accounts service: POST /api/token (SPOTIFY-PROTOCOL.md §1.2) ------------------------------

/// `error` code: client authentication failed.
pub(crate) const E_INVALID_CLIENT: &str = "invalid_client";
/// `error` code: bad code, redirect URI, verifier or refresh token.
pub(crate) const E_INVALID_GRANT: &str = "invalid_grant";
/// `error` code: a required parameter is missing.
pub(crate) const E_INVALID_REQUEST: &str = "invalid_request";
/// `error` code: no or unknown `grant_type`.
pub(crate) const E_UNSUPPORTED_GRANT_TYPE: &str = "unsupported_grant_type";

/// Unknown `client_id`, or missing or garbled client authentication.
pub(crate) const INVALID_CLIENT: &str = "Invalid client";
/// Known client, wrong secret.
pub(crate) const INVALID_CLIENT_SECRET: &str = "Invalid client secret";
/// Unknown, reused or foreign authorization code.
pub(crate) const INVALID_AUTHORIZATION_CODE: &str = "Invalid authorization code";
/// Authorization code older than its lifetime.
pub(crate) const AUTHORIZATION_CODE_EXPIRED: &str = "Authorization code expired";
/// `redirect_uri` differs from the one sent to `/authorize`.
pub(crate) const INVALID_REDIRECT_URI: &str = "Invalid redirect URI";
/// PKCE verifier does not hash to the challenge.
pub(crate) const CODE_VERIFIER_INCORRECT: &str = "code_verifier was incorrect";
/// Unknown refresh token (or one replaced by rotation).
pub(crate) const INVALID_REFRESH_TOKEN: &str = "Invalid refresh token";
/// Revoked refresh token, or (2026) one past its maximum lifetime.
pub(crate) const REFRESH_TOKEN_REVOKED: &str = "Refresh token revoked";
/// The code was issued with a PKCE challenge but no verifier was sent.
pub(crate) const CODE_VERIFIER_REQUIRED: &str = "code_verifier required";
/// `authorization_code` grant without `code`.
pub(crate) const CODE_MUST_BE_SUPPLIED: &str = "code must be supplied";
/// `refresh_token` grant without `refresh_token` (wording by analogy with the `code` row).
pub(crate) const REFRESH_TOKEN_MUST_BE_SUPPLIED: &str = "refresh_token must be supplied";
/// No `grant_type`, or a body that is not form-encoded.
pub(crate) const GRANT_TYPE_MISSING: &str = "grant_type parameter is missing";

// --- Accounts service: /authorize (SPOTIFY-PROTOCOL.md §1.1) ----------------------------------

/// Error page: no `client_id`.
pub(crate) const PAGE_MISSING_CLIENT_ID: &str = "Missing required parameter: client_id";
/// Error page: no `redirect_uri`.
pub(crate) const PAGE_MISSING_REDIRECT_URI: &str = "Missing required parameter: redirect_uri";
/// Error page: unknown `client_id`.
pub(crate) const PAGE_INVALID_CLIENT: &str = "INVALID_CLIENT: Invalid client";
/// Error page: redirect URI not registered for the app.
pub(crate) const PAGE_INVALID_REDIRECT_URI: &str = "INVALID_CLIENT: Invalid redirect URI";
/// Error page: `localhost`, or plain `http` to a host that is not a loopback IP literal.
pub(crate) const PAGE_INSECURE_REDIRECT_URI: &str = "INVALID_CLIENT: Insecure redirect URI";
/// Error page: the consent form named a user the emulator does not know.
pub(crate) const PAGE_UNKNOWN_USER: &str = "Unknown user";
/// Error page: the consent form was posted without `action=accept|cancel`.
pub(crate) const PAGE_MISSING_ACTION: &str = "Missing required parameter: action";

/// Redirect error: `response_type` other than `code`.
pub(crate) const R_UNSUPPORTED_RESPONSE_TYPE: &str = "unsupported_response_type";
/// Redirect error: a scope Spotify does not know.
pub(crate) const R_INVALID_SCOPE: &str = "invalid_scope";
/// Redirect error: bad PKCE parameters.
pub(crate) const R_INVALID_REQUEST: &str = "invalid_request";
/// Redirect error: the user pressed Cancel.
pub(crate) const R_ACCESS_DENIED: &str = "access_denied";

// --- Web API error envelope --------------------------------------------------------------------

/// A Web API error: `{"error":{"status":..,"message":..[,"reason":..]}}` with
/// `content-type: application/json; charset=utf-8` and `cache-control: private, max-age=0`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: &'static str,
    reason: Option<&'static str>,
    www_authenticate: bool,
}

impl ApiError {
    /// An error with this status and message.
    pub(crate) const fn new(status: StatusCode, message: &'static str) -> Self {
        Self {
            status,
            message,
            reason: None,
            www_authenticate: false,
        }
    }

    /// 400 with `message`.
    pub(crate) const fn bad_request(message: &'static str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 403 `Insufficient client scope`.
    pub(crate) const fn insufficient_scope() -> Self {
        Self::new(StatusCode::FORBIDDEN, INSUFFICIENT_CLIENT_SCOPE)
    }

    /// 403 `Forbidden`: the quota mode lacks the operation (or the playlist is not the caller's).
    pub(crate) const fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, FORBIDDEN)
    }

    /// 404 with `message`.
    pub(crate) const fn not_found(message: &'static str) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 500: a bug in the emulator.
    pub(crate) const fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, SERVER_ERROR)
    }

    /// Adds the player `reason` field.
    pub(crate) const fn with_reason(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }

    /// The 401/400 for a request whose bearer token could not be used, worded per `era`.
    pub(crate) const fn bearer(problem: BearerProblem, era: MessageEra) -> Self {
        let message = match (problem, era) {
            (BearerProblem::NotBearer, _) => return Self::bad_request(ONLY_BEARER_SUPPORTED),
            (_, MessageEra::Current) => MISSING_INVALID_EXPIRED_TOKEN,
            (BearerProblem::Missing, MessageEra::Legacy) => NO_TOKEN_PROVIDED,
            (BearerProblem::Unknown, MessageEra::Legacy) => INVALID_ACCESS_TOKEN,
            (BearerProblem::Expired, MessageEra::Legacy) => ACCESS_TOKEN_EXPIRED,
        };
        let mut error = Self::new(StatusCode::UNAUTHORIZED, message);
        // Captures show the challenge header on the expired-token 401 (§2.3).
        error.www_authenticate = matches!(problem, BearerProblem::Expired);
        error
    }

    /// The HTTP status.
    #[cfg(test)]
    pub(crate) const fn status(&self) -> StatusCode {
        self.status
    }

    /// The message text.
    #[cfg(test)]
    pub(crate) const fn message(&self) -> &'static str {
        self.message
    }

    /// The player `reason`, if any.
    #[cfg(test)]
    pub(crate) const fn reason(&self) -> Option<&'static str> {
        self.reason
    }
}

/// Why a bearer token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BearerProblem {
    /// No `Authorization` header.
    Missing,
    /// A header that is not `Bearer <token>`.
    NotBearer,
    /// A token the emulator never issued, or one that was revoked.
    Unknown,
    /// A token past its expiry on the virtual clock.
    Expired,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({ "status": self.status.as_u16(), "message": self.message });
        if let Some(reason) = self.reason {
            error["reason"] = reason.into();
        }
        let body = json!({ "error": error }).to_string();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8));
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_PRIVATE),
        );
        if self.www_authenticate {
            let challenge = format!(
                "Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\"{}\"",
                self.message
            );
            if let Ok(value) = HeaderValue::from_str(&challenge) {
                headers.insert(header::WWW_AUTHENTICATE, value);
            }
        }
        response
    }
}

/// `content-type` of every Web API JSON response (§2.7).
pub(crate) const JSON_UTF8: &str = "application/json; charset=utf-8";
/// `cache-control` of user-specific and error responses (§2.7).
pub(crate) const CACHE_PRIVATE: &str = "private, max-age=0";
/// `cache-control` of catalog GETs (§2.7).
pub(crate) const CACHE_PUBLIC: &str = "public, max-age=0";
/// `cache-control` of every `POST /api/token` response (§1.2).
pub(crate) const CACHE_NO_STORE: &str = "no-cache, no-store, must-revalidate";

// --- Accounts service error body ---------------------------------------------------------------

/// An accounts-service error: HTTP 400, `{"error":..,"error_description":..}`,
/// `content-type: application/json`, `cache-control: no-cache, no-store, must-revalidate`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OAuthError {
    error: &'static str,
    description: Cow<'static, str>,
}

impl OAuthError {
    /// `error` with a fixed description.
    pub(crate) const fn new(error: &'static str, description: &'static str) -> Self {
        Self {
            error,
            description: Cow::Borrowed(description),
        }
    }

    /// `invalid_client` with `description`.
    pub(crate) const fn invalid_client(description: &'static str) -> Self {
        Self::new(E_INVALID_CLIENT, description)
    }

    /// `invalid_grant` with `description`.
    pub(crate) const fn invalid_grant(description: &'static str) -> Self {
        Self::new(E_INVALID_GRANT, description)
    }

    /// `invalid_request` with `description`.
    pub(crate) const fn invalid_request(description: &'static str) -> Self {
        Self::new(E_INVALID_REQUEST, description)
    }

    /// `unsupported_grant_type`: `grant_type parameter is missing`.
    pub(crate) const fn grant_type_missing() -> Self {
        Self::new(E_UNSUPPORTED_GRANT_TYPE, GRANT_TYPE_MISSING)
    }

    /// `unsupported_grant_type`: `grant_type <x> is not supported`.
    pub(crate) fn grant_type_not_supported(grant_type: &str) -> Self {
        // Bound the echo: a hostile client must not make us send megabytes back.
        let shown: String = grant_type.chars().take(100).collect();
        Self {
            error: E_UNSUPPORTED_GRANT_TYPE,
            description: Cow::Owned(format!("grant_type {shown} is not supported")),
        }
    }

    /// The `error` code.
    #[cfg(test)]
    pub(crate) const fn error(&self) -> &'static str {
        self.error
    }

    /// The `error_description`.
    #[cfg(test)]
    pub(crate) fn description(&self) -> &str {
        &self.description
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.error, "error_description": self.description });
        accounts_response(
            StatusCode::BAD_REQUEST,
            "application/json",
            body.to_string(),
        )
    }
}

// --- /authorize error page ---------------------------------------------------------------------

/// The plain 400 page `/authorize` shows when the client or redirect URI cannot be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ErrorPage(pub(crate) &'static str);

impl IntoResponse for ErrorPage {
    fn into_response(self) -> Response {
        let body = format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <title>Error - Spotify Emulator</title></head>\n<body>\n<h1>Oops! Something went wrong</h1>\n\
             <p id=\"error\">{}</p>\n</body></html>\n",
            self.0
        );
        html_page(StatusCode::BAD_REQUEST, body)
    }
}

/// An HTML page of the accounts service (consent or error), never cached.
pub(crate) fn html_page(status: StatusCode, body: String) -> Response {
    accounts_response(status, "text/html; charset=utf-8", body)
}

/// A response of the accounts service: its content type, and
/// `cache-control: no-cache, no-store, must-revalidate` as captured (§1.2).
pub(crate) fn accounts_response(
    status: StatusCode,
    content_type: &'static str,
    body: String,
) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_NO_STORE),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_messages_follow_the_era() {
        use BearerProblem::*;
        let current: Vec<_> = [Missing, Unknown, Expired]
            .map(|p| ApiError::bearer(p, MessageEra::Current).message())
            .into();
        assert_eq!(current, [MISSING_INVALID_EXPIRED_TOKEN; 3]);
        let legacy: Vec<_> = [Missing, Unknown, Expired]
            .map(|p| ApiError::bearer(p, MessageEra::Legacy).message())
            .into();
        assert_eq!(
            legacy,
            [
                NO_TOKEN_PROVIDED,
                INVALID_ACCESS_TOKEN,
                ACCESS_TOKEN_EXPIRED
            ]
        );
        let not_bearer = ApiError::bearer(NotBearer, MessageEra::Legacy);
        assert_eq!(not_bearer.status(), StatusCode::BAD_REQUEST);
        assert_eq!(not_bearer.message(), ONLY_BEARER_SUPPORTED);
    }

    #[test]
    fn unsupported_grant_type_echo_is_bounded() {
        let long = "x".repeat(10_000);
        let error = OAuthError::grant_type_not_supported(&long);
        assert!(error.description().len() < 200);
        assert_eq!(error.error(), E_UNSUPPORTED_GRANT_TYPE);
    }
}
