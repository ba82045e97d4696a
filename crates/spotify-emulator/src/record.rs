//! Record mode: catalogue reads the emulator cannot answer go to an upstream (the real Web
//! API, or another emulator), and what comes back is written to the catalogue directory
//! (`catalog/dir.rs`), to be served offline from the next start on.
//!
//! One middleware ([`forward_unknown`]) sits on the `/v1` routes when an [`Upstream`] is
//! configured. For a `GET` of a catalogue entity (see [`plan`]) that the catalogue lacks, it
//! sends the request upstream with the emulator's own upstream token, answers the caller with
//! the upstream's status, body, `Content-Type` and `Retry-After` (the body unchanged but for
//! page links, moved to the emulator's base URL by [`rewrite_page_links`]), and, on a 200,
//! writes each entity to `DIR/{collection}/{id}.json` (a temporary file, then a rename). Every
//! other request is answered by the emulator as without record mode. The caller's token never
//! leaves the emulator; the upstream token and the app's secret are never written or logged.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts as _, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use serde::Deserialize;
use serde_json::Value;

use crate::catalog::Catalog;
use crate::catalog::dir::{COLLECTIONS, entity_file};
use crate::catalog::model::Id;
use crate::errors::{ApiError, UPSTREAM_REFUSED_CREDENTIALS, UPSTREAM_UNREACHABLE};
use crate::extract::Caller;
use crate::state::AppState;

/// How long one upstream request may take before the caller gets a 502.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest list (album tracks, show episodes, audiobook chapters) recorded with its entity.
const MAX_LIST_ITEMS: u64 = 5_000;

/// A token is renewed this long before the upstream says it expires.
const TOKEN_MARGIN: Duration = Duration::from_secs(60);

/// Where record mode forwards what the emulator does not know: a Web API base URL and the app
/// credentials the emulator gets its own upstream token with (client credentials).
///
/// `Debug` never shows the client secret.
///
/// ```
/// use spotify_emulator::Upstream;
///
/// let upstream = Upstream::new("https://api.spotify.com", "my-client-id", "my-client-secret");
/// assert!(!format!("{upstream:?}").contains("my-client-secret"));
/// ```
#[derive(Clone)]
pub struct Upstream {
    base_url: String,
    accounts_url: Option<String>,
    client_id: String,
    client_secret: String,
}

impl fmt::Debug for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upstream")
            .field("base_url", &self.base_url)
            .field("accounts_url", &self.accounts_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .finish()
    }
}

impl Upstream {
    /// The Web API at `base_url` (`https://api.spotify.com`, or an emulator's
    /// [`Emulator::base_url`](crate::Emulator::base_url); a trailing `/v1` is accepted), with
    /// the app `client_id` / `client_secret`.
    pub fn new(
        base_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self {
            base_url: base_url.into(),
            accounts_url: None,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }

    /// The accounts service the token comes from (its `/api/token`). Default:
    /// `https://accounts.spotify.com` for `api.spotify.com`, else the base URL itself (an
    /// emulator serves both on one port).
    pub fn accounts_url(mut self, url: impl Into<String>) -> Self {
        self.accounts_url = Some(url.into());
        self
    }
}

/// An upstream token and when to stop using it.
struct UpstreamToken {
    value: String,
    until: Instant,
}

/// The running side of record mode: the upstream, its token, and the directory it writes.
pub(crate) struct Recorder {
    /// `{base}/v1`, with no trailing slash.
    api: String,
    /// `{accounts}/api/token`.
    token_url: String,
    client_id: String,
    client_secret: String,
    http: reqwest::Client,
    token: tokio::sync::Mutex<Option<UpstreamToken>>,
    dir: PathBuf,
    /// The files written since start: each is written (and fetched for recording) at most
    /// once; a caller's miss is still forwarded, to answer it.
    written: Mutex<HashSet<PathBuf>>,
    /// One lock per file being recorded, so concurrent misses write it (and fetch what only
    /// the recording needs) once.
    flights: Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>,
}

impl fmt::Debug for Recorder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder")
            .field("api", &self.api)
            .field("token_url", &self.token_url)
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// An upstream answer, as passed on to the caller.
struct Upstreamed {
    status: StatusCode,
    content_type: Option<HeaderValue>,
    retry_after: Option<HeaderValue>,
    body: Bytes,
}

impl Upstreamed {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        if let Some(value) = self.content_type {
            headers.insert(header::CONTENT_TYPE, value);
        }
        if let Some(value) = self.retry_after {
            headers.insert(header::RETRY_AFTER, value);
        }
        response
    }
}

impl Recorder {
    /// A recorder for `upstream` that writes into `dir`.
    ///
    /// # Errors
    ///
    /// A base or accounts URL that is not an `http`/`https` URL (kind `InvalidInput`).
    pub(crate) fn new(upstream: Upstream, dir: PathBuf) -> std::io::Result<Self> {
        let base = base_url(&upstream.base_url)?;
        let base = base.strip_suffix("/v1").unwrap_or(&base).to_owned();
        let accounts = match &upstream.accounts_url {
            Some(url) => base_url(url)?,
            None if url::Url::parse(&base)
                .ok()
                .and_then(|url| url.host_str().map(|h| h == "api.spotify.com"))
                .unwrap_or(false) =>
            {
                "https://accounts.spotify.com".to_owned()
            }
            None => base.clone(),
        };
        let http = reqwest::Client::builder()
            .timeout(UPSTREAM_TIMEOUT)
            .build()
            .map_err(|error| {
                std::io::Error::other(format!("record mode: no HTTP client: {error}"))
            })?;
        Ok(Self {
            api: format!("{base}/v1"),
            token_url: format!("{accounts}/api/token"),
            client_id: upstream.client_id,
            client_secret: upstream.client_secret,
            http,
            token: tokio::sync::Mutex::new(None),
            dir,
            written: Mutex::new(HashSet::new()),
            flights: Mutex::new(HashMap::new()),
        })
    }

    /// A valid upstream token: the one kept, or a new one (`fresh`: always a new one).
    async fn token(&self, fresh: bool) -> Result<String, ApiError> {
        let mut kept = self.token.lock().await;
        if !fresh
            && let Some(token) = kept.as_ref()
            && Instant::now() < token.until
        {
            return Ok(token.value.clone());
        }
        let answer = self
            .http
            .post(&self.token_url)
            .basic_auth(&self.client_id, Some(&self.client_secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .map_err(|error| {
                tracing::warn!(url = %self.token_url, error = %error.without_url(), "record mode: accounts service unreachable");
                ApiError::new(StatusCode::BAD_GATEWAY, UPSTREAM_UNREACHABLE)
            })?;
        let status = answer.status();
        let body = answer.bytes().await.unwrap_or_default();
        #[derive(Deserialize)]
        struct Granted {
            access_token: String,
            expires_in: u64,
        }
        match serde_json::from_slice::<Granted>(&body) {
            Ok(granted) if status.is_success() => {
                let lifetime = Duration::from_secs(granted.expires_in);
                *kept = Some(UpstreamToken {
                    value: granted.access_token.clone(),
                    until: Instant::now() + lifetime.saturating_sub(TOKEN_MARGIN),
                });
                Ok(granted.access_token)
            }
            _ => {
                // The OAuth error code names the problem (`invalid_client`) and holds no secret.
                let code = serde_json::from_slice::<Value>(&body)
                    .ok()
                    .and_then(|v| v.get("error").and_then(Value::as_str).map(str::to_owned));
                tracing::warn!(%status, error = ?code, "record mode: the accounts service refused the app's credentials");
                Err(ApiError::new(
                    StatusCode::BAD_GATEWAY,
                    UPSTREAM_REFUSED_CREDENTIALS,
                ))
            }
        }
    }

    /// `GET {api}{path_and_query}` with the upstream token (renewed once on a 401; a second
    /// 401 is a 502, as the caller's token is not the one refused).
    async fn get(&self, path_and_query: &str) -> Result<Upstreamed, ApiError> {
        let url = format!("{}{path_and_query}", self.api);
        let mut fresh = false;
        loop {
            let token = self.token(fresh).await?;
            let answer = self
                .http
                .get(&url)
                .bearer_auth(token)
                .send()
                .await
                .map_err(|error| {
                    tracing::warn!(%url, error = %error.without_url(), "record mode: upstream unreachable");
                    ApiError::new(StatusCode::BAD_GATEWAY, UPSTREAM_UNREACHABLE)
                })?;
            let status = answer.status();
            if status == StatusCode::UNAUTHORIZED {
                if !fresh {
                    fresh = true;
                    continue;
                }
                // A fresh token refused too: the upstream does not take the tokens this
                // accounts service issues (another service, or the app is barred). Passing the
                // 401 on would tell the caller that its own token is bad.
                tracing::warn!(%url, token_url = %self.token_url, "record mode: the upstream refused a fresh token from the accounts service");
                return Err(ApiError::new(
                    StatusCode::BAD_GATEWAY,
                    UPSTREAM_REFUSED_CREDENTIALS,
                ));
            }
            let content_type = answer.headers().get(header::CONTENT_TYPE).cloned();
            let retry_after = answer.headers().get(header::RETRY_AFTER).cloned();
            let body = answer.bytes().await.map_err(|error| {
                tracing::warn!(%url, error = %error.without_url(), "record mode: upstream body cut short");
                ApiError::new(StatusCode::BAD_GATEWAY, UPSTREAM_UNREACHABLE)
            })?;
            tracing::debug!(%url, %status, "record mode: forwarded");
            return Ok(Upstreamed {
                status,
                content_type,
                retry_after,
                body,
            });
        }
    }

    /// Answers `plan` from the upstream and records what a 200 brings.
    async fn forward(&self, catalog: &Catalog, plan: Plan) -> Response {
        let mut answer = match self.get(&plan.forward).await {
            Ok(answer) => answer,
            Err(error) => return error.into_response(),
        };
        if answer.status == StatusCode::OK {
            self.record(catalog, &plan, &answer.body).await;
            if let Some(body) = rewrite_page_links(&answer.body, &self.api, &plan.own_base) {
                answer.body = body;
            }
        }
        answer.into_response()
    }

    /// Records each entity of `plan`: taken from the caller's answer where it was asked for
    /// as it is recorded, else fetched on its own.
    async fn record(&self, catalog: &Catalog, plan: &Plan, answer: &[u8]) {
        let from_answer: Vec<Value> = if plan.answer_is_recording {
            match (plan.shape, serde_json::from_slice::<Value>(answer)) {
                (Shape::One, Ok(value)) => vec![value],
                (Shape::Many, Ok(mut value)) => match value.get_mut(plan.collection) {
                    Some(Value::Array(items)) => std::mem::take(items),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let market = plan.market.as_deref();
        for id in &plan.record {
            let entity = from_answer
                .iter()
                .find(|item| item.get("id").and_then(Value::as_str) == Some(id));
            match entity {
                Some(entity) => {
                    let _one = self.flight(plan.collection, id).await;
                    if !self.was_written(plan.collection, id) {
                        self.keep(catalog, plan.collection, id, entity.clone(), market)
                            .await;
                    }
                }
                None => {
                    self.fetch_and_keep(catalog, plan.collection, id, market)
                        .await;
                }
            }
        }
    }

    /// The lock of one entity's file: held while it is fetched and written, so concurrent
    /// misses record it once.
    async fn flight(&self, collection: &str, id: &str) -> tokio::sync::OwnedMutexGuard<()> {
        let lock = {
            let mut flights = self.flights.lock().unwrap_or_else(PoisonError::into_inner);
            flights
                .entry(entity_file(&self.dir, collection, id))
                .or_default()
                .clone()
        };
        lock.lock_owned().await
    }

    /// Fetches the entity `id` of `collection` on its own and keeps it, once per run.
    fn fetch_and_keep<'a>(
        &'a self,
        catalog: &'a Catalog,
        collection: &'static str,
        id: &'a str,
        market: Option<&'a str>,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(async move {
            let _one = self.flight(collection, id).await;
            if self.was_written(collection, id) {
                return;
            }
            let path = recording_path(collection, id, market);
            match self.get(&path).await {
                Ok(answer) if answer.status == StatusCode::OK => {
                    if let Ok(entity) = serde_json::from_slice::<Value>(&answer.body) {
                        self.keep(catalog, collection, id, entity, market).await;
                    }
                }
                Ok(answer) => {
                    tracing::debug!(status = %answer.status, %path, "record mode: not recorded");
                }
                Err(_) => {}
            }
        })
    }

    /// Writes the entity `id` of `collection` (its list completed first), then records the
    /// entity it belongs to, if the catalogue lacks it: a track's album, an episode's show, a
    /// chapter's audiobook. Their counts (`total_tracks`, `total_episodes`...) come from
    /// their full lists, so without them the offline answer would count one item.
    async fn keep(
        &self,
        catalog: &Catalog,
        collection: &'static str,
        id: &str,
        mut entity: Value,
        market: Option<&str>,
    ) {
        if entity.get("id").and_then(Value::as_str) != Some(id) {
            return;
        }
        if !self
            .complete_list(collection, id, &mut entity, market)
            .await
        {
            // Written now, the entity would count a part of its list for ever: the next miss
            // records it.
            tracing::warn!(%collection, %id, "record mode: not recorded, its list came back cut short");
            return;
        }
        self.write(collection, id, &entity).await;
        let parent = match collection {
            "tracks" => Some(("albums", "album")),
            "episodes" => Some(("shows", "show")),
            "chapters" => Some(("audiobooks", "audiobook")),
            _ => None,
        };
        if let Some((parent, field)) = parent
            && let Some(parent_id) = entity[field].get("id").and_then(Value::as_str)
            && Id::parse(parent_id).is_some()
            && !known(catalog, parent, parent_id)
        {
            self.fetch_and_keep(catalog, parent, parent_id, market)
                .await;
        }
    }

    /// Fetches the rest of an album's tracks, a show's episodes or an audiobook's chapters
    /// where the entity's own page stops short (it holds 50 at most), and adds them to it.
    /// False if a page failed (an upstream error, or a body that is not a page), so the list
    /// is not whole; true when it is, or stops where the upstream's pages end or at
    /// [`MAX_LIST_ITEMS`], or when the entity has no list.
    async fn complete_list(
        &self,
        collection: &str,
        id: &str,
        entity: &mut Value,
        market: Option<&str>,
    ) -> bool {
        let list = match collection {
            "albums" => "tracks",
            "shows" => "episodes",
            "audiobooks" => "chapters",
            _ => return true,
        };
        let Some(page) = entity.get_mut(list) else {
            return true;
        };
        let total = page.get("total").and_then(Value::as_u64).unwrap_or(0);
        let mut items = match page.get_mut("items") {
            Some(Value::Array(items)) => std::mem::take(items),
            _ => return true,
        };
        while (items.len() as u64) < total.min(MAX_LIST_ITEMS) {
            let mut path = format!("/{collection}/{id}/{list}?limit=50&offset={}", items.len());
            if let Some(market) = market.filter(|_| market_bound(collection)) {
                path.push_str(&format!("&market={market}"));
            }
            let more = match self.get(&path).await {
                Ok(answer) if answer.status == StatusCode::OK => {
                    serde_json::from_slice::<Value>(&answer.body).ok()
                }
                Ok(answer) => {
                    tracing::debug!(status = %answer.status, %path, "record mode: page refused");
                    None
                }
                Err(_) => None,
            };
            match more.and_then(|mut page| page.get_mut("items").map(Value::take)) {
                // An empty page before `total`: the upstream has no more to give.
                Some(Value::Array(more)) if more.is_empty() => break,
                Some(Value::Array(more)) => items.extend(more),
                _ => return false,
            }
        }
        let count = items.len();
        page["items"] = Value::Array(items);
        if count > 50 {
            // The page now holds the whole list: one page, nothing after it.
            page["limit"] = Value::from(count);
            page["next"] = Value::Null;
        }
        true
    }

    fn was_written(&self, collection: &str, id: &str) -> bool {
        self.written
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&entity_file(&self.dir, collection, id))
    }

    /// Writes `entity` to its file, pretty-printed, through a temporary file and a rename, so
    /// a reader never sees half of it.
    async fn write(&self, collection: &str, id: &str, entity: &Value) {
        let file = &entity_file(&self.dir, collection, id);
        let Ok(mut text) = serde_json::to_vec_pretty(entity) else {
            return;
        };
        text.push(b'\n');
        let target = file.to_owned();
        let written = tokio::task::spawn_blocking(move || write_atomically(&target, &text)).await;
        match written {
            Ok(Ok(())) => {
                tracing::info!(file = %file.display(), "record mode: recorded");
                self.written
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(file.to_owned());
            }
            Ok(Err(error)) => {
                tracing::warn!(file = %file.display(), %error, "record mode: cannot write");
            }
            Err(error) => tracing::warn!(%error, "record mode: writer failed"),
        }
    }
}

/// `body` with the links of its pages (`href`, `next`, `previous` of the objects with
/// `items`) moved from the upstream's base `from` to the emulator's `to`, as the emulator
/// makes them, so that a caller that follows `next` stays with the emulator. `None` if there
/// is nothing to move. Only those strings change: the rest of the body stays as it came.
fn rewrite_page_links(body: &[u8], from: &str, to: &str) -> Option<Bytes> {
    fn collect(value: &Value, from: &str, links: &mut Vec<String>, depth: usize) {
        if depth > 32 {
            return;
        }
        match value {
            Value::Object(map) => {
                if map.get("items").is_some_and(Value::is_array) {
                    for key in ["href", "next", "previous"] {
                        if let Some(Value::String(link)) = map.get(key)
                            && link.starts_with(from)
                            && !links.contains(link)
                        {
                            links.push(link.clone());
                        }
                    }
                }
                map.values()
                    .for_each(|child| collect(child, from, links, depth + 1));
            }
            Value::Array(items) => items
                .iter()
                .for_each(|item| collect(item, from, links, depth + 1)),
            _ => {}
        }
    }
    let value: Value = serde_json::from_slice(body).ok()?;
    let mut links = Vec::new();
    collect(&value, from, &mut links, 0);
    if links.is_empty() || from == to {
        return None;
    }
    let mut text = String::from_utf8(body.to_vec()).ok()?;
    for link in links {
        let moved = format!("{to}{}", &link[from.len()..]);
        let (old, new) = (
            serde_json::to_string(&link).ok()?,
            serde_json::to_string(&moved).ok()?,
        );
        text = text.replace(&old, &new);
    }
    Some(Bytes::from(text))
}

/// `url` without a trailing slash, if it is an `http` or `https` URL.
fn base_url(url: &str) -> std::io::Result<String> {
    match url::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => {
            Ok(url.trim_end_matches('/').to_owned())
        }
        _ => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("record mode: not an http(s) URL: {url}"),
        )),
    }
}

/// Writes `bytes` to a temporary file beside `target`, flushes it, and renames it over
/// `target`.
fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("entity.json");
    let temporary = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// The request that records the entity `id` of `collection`: no market for music (the body
/// then lists its markets, and the catalogue applies them), the caller's market for
/// market-bound content (which has no body without one).
fn recording_path(collection: &str, id: &str, market: Option<&str>) -> String {
    match market.filter(|_| market_bound(collection)) {
        Some(market) => format!("/{collection}/{id}?market={market}"),
        None => format!("/{collection}/{id}"),
    }
}

/// Shows, episodes, audiobooks and chapters exist only in a market.
fn market_bound(collection: &str) -> bool {
    matches!(collection, "shows" | "episodes" | "audiobooks" | "chapters")
}

/// What a request asks of the catalogue, as record mode sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `/{collection}/{id}`: the answer is the entity.
    One,
    /// `/{collection}?ids=`: the answer is `{"{collection}": [..]}`.
    Many,
    /// `/{collection}/{id}/{list}`: a list of the entity's (album tracks, show episodes,
    /// audiobook chapters, an artist's albums or top tracks); the entity is recorded.
    SubList,
}

/// A request record mode forwards.
#[derive(Debug)]
struct Plan {
    collection: &'static str,
    shape: Shape,
    /// The path and query sent upstream (after `/v1`).
    forward: String,
    /// The ids to record.
    record: Vec<String>,
    /// The market of the forwarded request, if any.
    market: Option<String>,
    /// Whether the answer holds the entities as they are recorded (same market rule).
    answer_is_recording: bool,
    /// The emulator's own `http://host/v1`, as the caller reached it: page links point there.
    own_base: String,
}

/// The plan for a `GET` of `uri` by `caller`, if it reads catalogue entities the catalogue
/// lacks; `None` leaves the request to the emulator (including every malformed one, which
/// gets the emulator's own 400).
fn plan(uri: &Uri, caller: &Caller, catalog: &Catalog) -> Option<Plan> {
    let path = uri.path();
    let path = path.strip_prefix("/v1").unwrap_or(path);
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let params: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let param = |name: &str| {
        params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let (collection, shape, ids): (&str, Shape, Vec<&str>) = match segments.as_slice() {
        [collection, id] => (collection, Shape::One, vec![*id]),
        [collection] => (collection, Shape::Many, param("ids")?.split(',').collect()),
        ["albums", id, "tracks"] => ("albums", Shape::SubList, vec![*id]),
        ["shows", id, "episodes"] => ("shows", Shape::SubList, vec![*id]),
        ["audiobooks", id, "chapters"] => ("audiobooks", Shape::SubList, vec![*id]),
        ["artists", id, "albums" | "top-tracks"] => ("artists", Shape::SubList, vec![*id]),
        _ => return None,
    };
    let collection = COLLECTIONS.into_iter().find(|c| *c == collection)?;
    if ids.iter().any(|id| Id::parse(id).is_none()) {
        return None;
    }
    // What a development-mode app may not call is refused by the emulator's own handler,
    // never forwarded (the upstream's app may be in another mode).
    crate::quota::check_get(caller.quota_mode(), path).ok()?;
    let mut unknown: Vec<String> = Vec::new();
    for id in ids {
        if !known(catalog, collection, id) && !unknown.iter().any(|u| u == id) {
            unknown.push(id.to_owned());
        }
    }
    if unknown.is_empty() {
        return None;
    }
    let market = caller.market(param("market")).ok()?;
    let market = if market_bound(collection) {
        caller
            .availability_market(market.as_deref())
            .map(str::to_owned)
    } else {
        market
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in params.iter().filter(|(key, _)| key != "market") {
        query.append_pair(key, value);
    }
    if let Some(market) = &market {
        query.append_pair("market", market);
    }
    let query = query.finish();
    let forward = if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    };
    Some(Plan {
        collection,
        shape,
        forward,
        record: unknown,
        answer_is_recording: shape != Shape::SubList
            && (market_bound(collection) || market.is_none()),
        market,
        own_base: caller.base().to_owned(),
    })
}

/// Whether the emulator answers for the entity `id` of `collection` itself: recorded in its
/// own right, or in the catalogue and not only mentioned by a recorded body.
fn known(catalog: &Catalog, collection: &str, id: &str) -> bool {
    if catalog.recorded.has(collection, id) {
        return true;
    }
    let kind = collection.strip_suffix('s').unwrap_or(collection);
    catalog.name(kind, id).is_some() && !catalog.recorded.mentioned(id)
}

/// The record-mode middleware on the `/v1` routes (see the module docs): a `GET` of catalogue
/// entities the catalogue lacks, by an authenticated caller, goes upstream; everything else
/// goes on to the emulator's handlers.
pub(crate) async fn forward_unknown(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(recorder) = state.recorder().cloned() else {
        return next.run(request).await;
    };
    // A cheap look at the path first: most requests are not for the catalogue at all.
    let catalogue_path = {
        let path = request.uri().path();
        let first = path
            .strip_prefix("/v1")
            .unwrap_or(path)
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        COLLECTIONS.contains(&first)
    };
    if request.method() != Method::GET || !catalogue_path {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let plan = match Caller::from_request_parts(&mut parts, &state).await {
        Ok(caller) => plan(&parts.uri, &caller, state.catalog()),
        Err(_) => None,
    };
    match plan {
        Some(plan) => recorder.forward(state.catalog(), plan).await,
        None => next.run(Request::from_parts(parts, body)).await,
    }
}
