//! Any Web API request by method and path, for what the typed operations do not cover (a new
//! endpoint, a parameter the builders lack, a script that wants Spotify's JSON as it is).
//!
//! [`SpotifyWebApi::request`] sends through the same pipeline as every operation: the managed
//! token (renewed first if it is about to expire, replayed once after a 401), the retry policy,
//! the client's limits and the typed errors. Only the decoding is left to the caller.

use std::borrow::Cow;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::base_url::BaseUrl;
use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::{ApiRequest, decode};

/// # Any request
impl SpotifyWebApi {
    /// A request of any Web API path, in the manner of `gh api`: `method` is `GET`, `POST`,
    /// `PUT` or `DELETE` (any case); `path` is a path under the API base URL, with or without
    /// the base's own path (`/me`, `me`, `/v1/me`), and may carry a query
    /// (`/search?q=surfin&type=track`), or a full URL under the API base URL (a paging
    /// object's `next`).
    ///
    /// `.await` sends it through the client's one pipeline (token, retries, limits) and gives
    /// the successful answer (status, headers, body); an error answer is the same typed [`Error`] the
    /// operations return (`Error::Api` with its status for a 404). A `GET` is retried as the
    /// operations' are; a write (`POST`, `PUT`, `DELETE`), whose meaning the client cannot
    /// know, is sent again only when it surely was not applied (a connection refused, a
    /// `429`), never after an answer that leaves it unclear.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let me: serde_json::Value = api.request("GET", "/me").await?.json()?;
    /// let created = api
    ///     .request("POST", "/me/playlists")
    ///     .json(&serde_json::json!({"name": "Road trip", "public": false}))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// Before anything is sent: [`Error::InvalidArgument`] for another method or a path that
    /// leaves the API base (`/v1/../x`), [`Error::UntrustedUrl`] for a full URL on another
    /// host, so the token never goes there.
    pub fn request(&self, method: impl AsRef<str>, path: impl AsRef<str>) -> RawRequest {
        let base = self.inner.pipeline.base();
        let request = target(base, path.as_ref()).and_then(|(path, query)| {
            let mut request = match method.as_ref().to_ascii_uppercase().as_str() {
                "GET" => ApiRequest::get(path),
                "POST" => ApiRequest::post(path),
                // What a raw write means is unknown here (a `PUT` may move playlist items, a
                // `DELETE` remove them by position), so none is sent twice.
                "PUT" => ApiRequest::put(path).not_idempotent(),
                "DELETE" => ApiRequest::delete(path).not_idempotent(),
                _ => return Err(invalid("method", "GET, POST, PUT or DELETE")),
            };
            request.query = query.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect();
            Ok(request)
        });
        RawRequest {
            api: self.clone(),
            request,
        }
    }
}

fn invalid(name: &'static str, expected: &'static str) -> Error {
    Error::InvalidArgument {
        name,
        problem: ArgumentProblem::Expected(expected),
    }
}

/// The path (under `base`, from `/`) and query of what the user gave: a full URL under the
/// base, or a path with or without the base's own path.
fn target(base: &BaseUrl, input: &str) -> Result<(String, Vec<(String, String)>)> {
    let input = input.trim();
    // Only an absolute URL (`https://...`) is taken as one; a path may carry a URL in its
    // query (`/search?q=https://open.spotify.com`).
    if url::Url::parse(input).is_ok() {
        return base.relative_or_refuse(input);
    }
    let rooted = if input.starts_with('/') {
        Cow::Borrowed(input)
    } else {
        Cow::Owned(format!("/{input}"))
    };
    // `/v1/me` on `https://api.spotify.com/v1` is `/me`.
    let base_path = url::Url::parse(base.as_str())
        .map(|u| u.path().trim_end_matches('/').to_owned())
        .unwrap_or_default();
    let under = match rooted.strip_prefix(base_path.as_str()) {
        Some(rest)
            if !base_path.is_empty() && (rest.is_empty() || rest.starts_with(['/', '?'])) =>
        {
            rest
        }
        _ => &rooted,
    };
    let under = if under.is_empty() || under.starts_with('?') {
        format!("/{under}")
    } else {
        under.to_owned()
    };
    // Through the URL parser, as a paging URL is: a path that climbs out of the base
    // (`/../x`) is refused.
    base.relative(&format!("{}{under}", base.as_str()))
        .ok_or_else(|| invalid("path", "a path under the API base URL"))
}

/// Builder for [`SpotifyWebApi::request`]; `.await` returns `Result<RawResponse>` (and so
/// does `send()`, with the feature `blocking`).
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct RawRequest {
    api: SpotifyWebApi,
    request: Result<ApiRequest>,
}

impl RawRequest {
    /// Adds a query parameter (after those of the path). Default: none.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        if let Ok(request) = &mut self.request {
            request.query.push((Cow::Owned(name.into()), value.into()));
        }
        self
    }

    /// Sends `body` as JSON (`Content-Type: application/json`). Default: no body.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.request = self.request.and_then(|r| r.json(body));
        self
    }

    /// Sends `bytes` as they are, with `content_type` (a JSON file as `application/json`, a
    /// playlist cover as `image/jpeg`). Default: no body.
    pub fn body(mut self, content_type: &'static str, bytes: impl Into<Vec<u8>>) -> Self {
        self.request = self.request.map(|r| r.raw_body(content_type, bytes.into()));
        self
    }
}

impl IntoFuture for RawRequest {
    type Output = Result<RawResponse>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'static>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let request = self.request?;
            let reply = self.api.execute_reply(&request.keep_head()).await?;
            let (version, headers) = match reply.head {
                Some(head) => (head.version, head.headers),
                None => (http::Version::default(), http::HeaderMap::new()),
            };
            Ok(RawResponse {
                status: reply.status,
                version,
                headers,
                body: reply.body.to_vec(),
            })
        })
    }
}

#[cfg(feature = "blocking")]
impl RawRequest {
    /// Sends the request and waits for the answer, without async code (feature `blocking`):
    /// the same result as `.await`, through the same client.
    ///
    /// # Errors
    ///
    /// As `.await` (see [`SpotifyWebApi::request`]).
    ///
    /// # Panics
    ///
    /// When called from async code (see [`blocking`](crate::blocking)).
    pub fn send(self) -> Result<RawResponse> {
        let api = self.api.clone();
        crate::blocking::wait(&api, self.into_future())
    }
}

/// The successful answer of a [`SpotifyWebApi::request`]: its status, headers and body, as
/// Spotify sent them (the body is empty for a `204 No Content`).
///
/// ```no_run
/// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
/// let response = api.request("GET", "/me").await?;
/// assert_eq!(response.status(), 200);
/// let kind = response.headers().get("content-type");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    status: u16,
    version: http::Version,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl RawResponse {
    /// The HTTP status code: `2xx`, or `304` when the client sent the `ETag` of a `GET` it
    /// had cached and Spotify answered that nothing changed (the body is then the cached one).
    /// An error status is an [`Error`] instead.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The HTTP version of the answer (`HTTP/2` with Spotify, `HTTP/1.1` with a local server).
    pub fn version(&self) -> http::Version {
        self.version
    }

    /// The answer's headers, as Spotify sent them (names are lowercase). After a `304`, those
    /// of the `304`.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// The body's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.body
    }

    /// The body.
    pub fn into_bytes(self) -> Vec<u8> {
        self.body
    }

    /// The body decoded as `T` (`serde_json::Value` for any JSON); an empty body decodes as
    /// `null`.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] with the JSON path and an excerpt of the body.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        decode(&self.body, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str) -> Result<ApiRequest> {
        let api = SpotifyWebApi::builder()
            .api_url("http://127.0.0.1:9/v1")
            .build()
            .unwrap();
        api.request("get", path).request
    }

    #[test]
    fn paths_with_or_without_the_base_path_or_as_full_urls_name_the_same_request() {
        for input in [
            "/me/playlists?limit=5",
            "me/playlists?limit=5",
            "/v1/me/playlists?limit=5",
            "v1/me/playlists?limit=5",
            "http://127.0.0.1:9/v1/me/playlists?limit=5",
        ] {
            let r = request(input).unwrap();
            assert_eq!(r.path, "/me/playlists", "{input}");
            assert_eq!(r.query_pairs(), [("limit", "5")], "{input}");
        }
        // A path that only starts like the base path is not cut.
        assert_eq!(request("/v1x").unwrap().path, "/v1x");
    }

    #[test]
    fn a_url_in_the_query_of_a_path_leaves_it_a_path() {
        for input in [
            "/search?q=https://open.spotify.com&type=track",
            "search?q=https://open.spotify.com&type=track",
            "/v1/search?q=https://open.spotify.com&type=track",
        ] {
            let r = request(input).unwrap();
            assert_eq!(r.path, "/search", "{input}");
            assert_eq!(
                r.query_pairs(),
                [("q", "https://open.spotify.com"), ("type", "track")],
                "{input}"
            );
        }
    }

    #[test]
    fn a_request_outside_the_base_is_refused_before_sending() {
        let elsewhere = request("https://example.com/v1/me").unwrap_err();
        assert!(matches!(elsewhere, Error::UntrustedUrl { .. }));
        // The text fits a request as well as a paging link.
        assert_eq!(
            elsewhere.to_string(),
            "refusing to send the token outside the API base URL: \"https://example.com/v1/me\""
        );
        assert!(matches!(
            request("/v1/../../admin"),
            Err(Error::InvalidArgument { name: "path", .. })
        ));
        let api = SpotifyWebApi::new();
        assert!(matches!(
            api.request("PATCH", "/me").request,
            Err(Error::InvalidArgument { name: "method", .. })
        ));
    }

    #[test]
    fn a_raw_write_is_never_sent_again_after_an_unclear_answer() {
        let api = SpotifyWebApi::new();
        for method in ["POST", "PUT", "DELETE"] {
            let r = api.request(method, "/playlists/x/tracks").request.unwrap();
            assert!(!r.retries_server_error(503), "{method}");
        }
        let get = api.request("GET", "/me").request.unwrap();
        assert!(get.retries_server_error(503));
    }

    #[test]
    fn a_refused_url_is_shown_without_its_password() {
        let err = request("https://user:hunter2@example.com/v1/me").unwrap_err();
        assert!(matches!(err, Error::UntrustedUrl { .. }));
        assert!(!format!("{err} {err:?}").contains("hunter2"), "{err}");
    }

    #[test]
    fn fields_and_bodies_are_added() {
        let api = SpotifyWebApi::new();
        let r = api
            .request("post", "/me/playlists")
            .query("a", "b")
            .json(&serde_json::json!({"name": "x"}))
            .request
            .unwrap();
        assert_eq!(r.method, crate::http::Method::Post);
        assert_eq!(r.query_pairs(), [("a", "b")]);
        assert_eq!(r.body.unwrap().bytes, br#"{"name":"x"}"#);
    }
}
