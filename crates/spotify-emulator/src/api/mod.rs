//! The Web API, nested under `/v1`: one file per spec tag, and what every endpoint shares.
//!
//! One middleware ([`web_api_layer`]) wraps the whole `/v1` router, so it runs before routing:
//! it logs the request as sent (`GET /__emulator/requests`), counts it (`Stats::api_requests`),
//! serves a path with a trailing slash as the path without it (`/v1/me/` is `/v1/me`, as on
//! Spotify), answers CORS preflights, applies the caller's app's rate limit (`rate_limit.rs`)
//! and then injected faults (`faults.rs`), and adds the standard headers
//! of `SPOTIFY-PROTOCOL.md` §2.7. Unknown paths are a 404 `Service not found`, a wrong method a
//! 405, both in the error envelope.

mod albums;
mod artists;
mod audiobooks;
mod categories;
mod chapters;
mod episodes;
mod follows;
mod genres;
mod library;
mod markets;
mod player;
mod playlist_writes;
mod playlists;
mod search;
mod shows;
mod tracks;
mod users;

use axum::Router;
use axum::extract::{OriginalUri, Request, State};
use axum::http::uri::PathAndQuery;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub(crate) use playlist_writes::serve_image;

use futures_util::StreamExt as _;

use crate::errors::{ApiError, CACHE_PRIVATE, JSON_UTF8, METHOD_NOT_ALLOWED, SERVICE_NOT_FOUND};
use crate::faults::FaultKind;
use crate::state::{AppState, Counter, MAX_LOGGED_BODY};

/// The `/v1` routes (paths without the `/v1` prefix). [`crate::router`] wraps them in
/// [`web_api_layer`].
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .merge(albums::routes())
        .merge(artists::routes())
        .merge(genres::routes())
        .merge(tracks::routes())
        .merge(users::routes())
        .merge(player::routes())
        .merge(search::routes())
        .merge(categories::routes())
        .merge(markets::routes())
        .merge(shows::routes())
        .merge(episodes::routes())
        .merge(audiobooks::routes())
        .merge(chapters::routes())
        .merge(playlists::routes())
        .merge(playlist_writes::routes())
        .merge(library::routes())
        .merge(follows::routes())
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(service_not_found)
}

/// 404 `Service not found`.
pub(crate) async fn service_not_found() -> ApiError {
    ApiError::not_found(SERVICE_NOT_FOUND)
}

/// 405 in the error envelope.
pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, METHOD_NOT_ALLOWED)
}

/// Runs before routing: logs and counts the request, drops a trailing slash, answers
/// preflights, applies the rate limit and faults, and adds the standard headers to every
/// response.
pub(crate) async fn web_api_layer(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    state.count(Counter::Api);
    // The log and the faults see the path as sent (before the trailing slash is dropped),
    // borrowed from the request: nothing is copied unless a fault applies.
    let preflight = request.method() == Method::OPTIONS;
    let (seq, limited, fault) = {
        let sent = request
            .extensions()
            .get::<OriginalUri>()
            .map_or_else(|| request.uri(), |u| &u.0);
        let path = sent.path();
        let method = request.method().as_str();
        let seq = state.log_request(method, path, sent.query());
        // The app's rate limit comes first (Spotify's own limiter sits in front of the
        // service); a refused request does not use up a fault.
        let limited = if preflight {
            None
        } else {
            state.rate_limited(request.headers().get(header::AUTHORIZATION))
        };
        let fault = if preflight || limited.is_some() {
            None
        } else {
            state.take_fault(method, path)
        };
        (seq, limited, fault)
    };
    strip_trailing_slash(&mut request);
    let mut streamed = false;
    let mut response = if preflight {
        StatusCode::NO_CONTENT.into_response()
    } else if let Some(limited) = limited {
        limited
    } else if let Some(fault) = fault {
        tracing::debug!(status = ?fault.status(), kind = ?fault.kind, delay = ?fault.delay, "injected fault");
        if let Some(delay) = fault.delay {
            tokio::time::sleep(delay).await;
        }
        match (fault.kind, fault.response()) {
            (_, Some(response)) => response,
            (Some(FaultKind::Reset), None) => {
                // Never answered: the log keeps no status for it.
                return reset_connection();
            }
            (Some(FaultKind::Truncated), None) => {
                streamed = true;
                truncate(next.run(request).await).await
            }
            (Some(FaultKind::RevokeToken), None) => {
                if let Some(token) =
                    crate::extract::bearer_of(request.headers().get(header::AUTHORIZATION))
                {
                    state.revoke_access_tokens(Some(token));
                }
                next.run(request).await
            }
            (_, None) => next.run(request).await,
        }
    } else {
        next.run(request).await
    };
    if response.status() == StatusCode::NOT_MODIFIED {
        state.count(Counter::NotModified);
    }
    standard_headers(response.headers_mut());
    let status = response.status().as_u16();
    let small = axum::body::HttpBody::size_hint(response.body())
        .exact()
        .is_some_and(|len| len <= MAX_LOGGED_BODY as u64);
    if !state.logs_bodies() || !small || streamed {
        state.log_answer(seq, status, None);
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_LOGGED_BODY).await {
        Ok(bytes) => {
            state.log_answer(
                seq,
                status,
                Some(String::from_utf8_lossy(&bytes).into_owned()),
            );
            Response::from_parts(parts, axum::body::Body::from(bytes))
        }
        Err(_) => {
            state.log_answer(seq, status, None);
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// An answer whose body fails before its first byte: hyper drops the connection without
/// sending the head it had only buffered, so the client sees the connection closed with no
/// answer, as after a reset.
fn reset_connection() -> Response {
    let failed = futures_util::stream::once(async {
        Err::<axum::body::Bytes, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "injected connection reset",
        ))
    });
    Response::new(axum::body::Body::from_stream(failed))
}

/// `response` with its full `Content-Length` but only the first half of its body: the half
/// is sent, then (once it has left) the body fails and the connection is closed, so the
/// client sees a body error.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_LOGGED_BODY).await else {
        return reset_connection();
    };
    let half = bytes.slice(..bytes.len() / 2);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let cut = futures_util::stream::iter([Ok::<_, std::io::Error>(half)]).chain(
        futures_util::stream::once(async {
            // Long enough for hyper to flush the half before the failure drops the connection.
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "injected truncated body",
            ))
        }),
    );
    Response::from_parts(parts, axum::body::Body::from_stream(cut))
}

/// Serves `/albums/{id}/tracks/` as `/albums/{id}/tracks` (the request seen by the router; the
/// log and the faults see the path as sent).
fn strip_trailing_slash(request: &mut Request) {
    let uri = request.uri();
    let path = uri.path();
    if path.len() <= 1 || !path.ends_with('/') {
        return;
    }
    let trimmed = match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    let path_and_query = match uri.query() {
        Some(query) => format!("{trimmed}?{query}"),
        None => trimmed.to_owned(),
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = path_and_query.parse::<PathAndQuery>().ok();
    if let Ok(uri) = Uri::from_parts(parts) {
        *request.uri_mut() = uri;
    }
}

/// The headers every Web API response carries (§2.7). `content-type` gets its charset and
/// `cache-control` defaults to `private, max-age=0` (user-specific and error responses).
fn standard_headers(headers: &mut HeaderMap) {
    if headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|ct| ct == "application/json")
    {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_PRIVATE),
        );
    }
    const STANDARD_HEADERS: [(HeaderName, &str); 10] = [
        (HeaderName::from_static("x-robots-tag"), "noindex, nofollow"),
        (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        (
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            "Accept, App-Platform, Authorization, Content-Type, Origin, Retry-After, \
             Spotify-App-Version, X-Cloud-Trace-Context, client-token, content-access-token",
        ),
        (
            header::ACCESS_CONTROL_ALLOW_METHODS,
            "GET, POST, OPTIONS, PUT, DELETE, PATCH",
        ),
        (header::ACCESS_CONTROL_ALLOW_CREDENTIALS, "true"),
        (header::ACCESS_CONTROL_MAX_AGE, "604800"),
        (header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::SERVER, "envoy"),
        (header::VIA, "HTTP/2 edgeproxy, 1.1 google"),
    ];
    headers.reserve(STANDARD_HEADERS.len());
    for (name, value) in STANDARD_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
}
