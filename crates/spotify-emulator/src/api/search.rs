//! Search: `search` (`GET /search`).
//!
//! The matching, the field filters and the ranking live in `catalog/search.rs`; this parses
//! the request (SPOTIFY-PROTOCOL.md §2.4: `q` required, `type` a comma-separated list, the
//! 2026 bounds `limit` 1..=10 and `offset` ≤ 1000) and shapes one paging object per type.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::catalog::search::{Kind, Query as SearchQuery};
use crate::errors::{ApiError, BAD_SEARCH_TYPE, MISSING_SEARCH_TYPE, NO_SEARCH_QUERY};
use crate::extract::IfNoneMatch;
use crate::extract::{Caller, PageBounds, Query};
use crate::render::{self, Ctx};
use crate::state::AppState;

/// The search routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/search", get(search))
}

/// `?q=&type=&market=&limit=&offset=&include_external=`, as sent.
#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    /// What Spotify's own paging links send instead of `q` (§2.4): following `next` works.
    query: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    market: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
    include_external: Option<String>,
}

/// The kinds of a `type=` list, in the order given, each once: 400 `Missing parameter type`
/// if there is none, 400 `Bad search type field` for a value outside the spec's seven.
fn kinds(raw: Option<&str>) -> Result<Vec<Kind>, ApiError> {
    let raw = raw
        .filter(|raw| !raw.trim().is_empty())
        .ok_or(ApiError::bad_request(MISSING_SEARCH_TYPE))?;
    let mut kinds = Vec::new();
    for name in raw.split(',') {
        let kind = Kind::parse(name.trim()).ok_or(ApiError::bad_request(BAD_SEARCH_TYPE))?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    Ok(kinds)
}

/// `search`
async fn search(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<SearchParams>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let q = params
        .q
        .as_deref()
        .or(params.query.as_deref())
        .filter(|q| !q.trim().is_empty())
        .ok_or(ApiError::bad_request(NO_SEARCH_QUERY))?;
    let kinds = kinds(params.kind.as_deref())?;
    let page = PageBounds::SEARCH.page(params.limit.as_deref(), params.offset.as_deref())?;
    let market = caller.market(params.market.as_deref())?;
    let include_external = params.include_external.as_deref().filter(|v| *v == "audio");
    let ctx = caller.render(state.catalog(), market.as_deref());
    let query = SearchQuery::parse(q);
    let now = i64::try_from(state.now().as_secs()).unwrap_or(i64::MAX);
    let mut body = Map::new();
    for kind in kinds {
        let hits = state.catalog().search().search(
            &query,
            kind,
            market.as_deref(),
            now,
            page.offset,
            page.limit,
        );
        let items = hits
            .ids
            .iter()
            .filter_map(|id| item(&state, &ctx, kind, id.as_str()))
            .collect();
        let object = render::search_page(&ctx, kind, q, include_external, page, hits.total, items);
        body.insert(kind.key().to_owned(), object);
    }
    Ok(render::catalog_response(
        &if_none_match,
        &Value::Object(body),
    ))
}

/// One search result as Spotify shapes it for its type: full tracks and artists, simplified
/// albums, playlists (as the playlist store has them now), shows, episodes and audiobooks.
fn item(state: &AppState, ctx: &Ctx<'_>, kind: Kind, id: &str) -> Option<Value> {
    let catalog = state.catalog();
    Some(match kind {
        Kind::Album => render::simplified_album(ctx, catalog.album(id)?),
        Kind::Artist => render::artist(ctx, catalog.artist(id)?),
        Kind::Playlist => render::simplified_playlist(ctx, &*state.playlists().get(id)?),
        Kind::Track => render::track(ctx, catalog.track(id)?),
        Kind::Show => render::simplified_show(ctx, catalog.show(id)?),
        Kind::Episode => render::simplified_episode(ctx, catalog.episode(id)?),
        Kind::Audiobook => render::simplified_audiobook(ctx, catalog.audiobook(id)?),
    })
}
