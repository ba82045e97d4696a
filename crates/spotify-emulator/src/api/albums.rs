//! Albums: `get-an-album` (`GET /albums/{id}`), `get-multiple-albums` (`GET /albums`),
//! `get-an-albums-tracks` (`GET /albums/{id}/tracks`), `get-new-releases`
//! (`GET /browse/new-releases`).

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

use crate::errors::{ApiError, NON_EXISTING_ID};
use crate::extract::{
    Base62Id, Caller, IdsQuery, MarketQuery, PageBounds, PageQuery, Path, Query, max_ids,
};
use crate::render;
use crate::state::AppState;

/// The albums routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/albums", get(get_multiple_albums))
        .route("/albums/{id}", get(get_an_album))
        .route("/albums/{id}/tracks", get(get_an_albums_tracks))
        .route("/browse/new-releases", get(get_new_releases))
}

/// `get-an-album`
async fn get_an_album(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<MarketQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    let album = state
        .catalog()
        .album(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    Ok(render::catalog_response(
        &headers,
        &render::album(&ctx, album),
    ))
}

/// `get-multiple-albums`
async fn get_multiple_albums(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    caller.require_operation("get-multiple-albums")?;
    let ids = query.ids(max_ids::ALBUMS)?;
    let market = caller.market(query.market.as_deref())?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    let albums: Vec<Value> = ids
        .iter()
        .map(|id| {
            state
                .catalog()
                .album(id.as_str())
                .map_or(Value::Null, |album| render::album(&ctx, album))
        })
        .collect();
    Ok(render::catalog_response(
        &headers,
        &json!({ "albums": albums }),
    ))
}

/// `get-an-albums-tracks`
async fn get_an_albums_tracks(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let page = query.page(PageBounds::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    let album = state
        .catalog()
        .album(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let items = page
        .slice(&album.tracks)
        .iter()
        .filter_map(|track| state.catalog().tracks.get(track))
        .map(|track| render::simplified_track(&ctx, track))
        .collect();
    let params: Vec<(&str, &str)> = market
        .as_deref()
        .map(|m| ("market", m))
        .into_iter()
        .collect();
    let path = format!("/albums/{}/tracks", album.id);
    let body = render::paging(ctx.base, &path, &params, page, album.tracks.len(), items);
    Ok(render::catalog_response(&headers, &body))
}

/// `get-new-releases`
async fn get_new_releases(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    caller.require_operation("get-new-releases")?;
    let page = query.page(PageBounds::DEFAULT)?;
    let catalog = state.catalog();
    let ctx = caller.render(catalog, None);
    let items = page
        .slice(&catalog.new_releases)
        .iter()
        .filter_map(|id| catalog.albums.get(id))
        .map(|album| render::simplified_album(&ctx, album))
        .collect();
    let body = render::paging(
        ctx.base,
        "/browse/new-releases",
        &[],
        page,
        catalog.new_releases.len(),
        items,
    );
    Ok(render::catalog_response(
        &headers,
        &json!({ "albums": body }),
    ))
}
