//! Albums: `get-an-album` (`GET /albums/{id}`), `get-multiple-albums` (`GET /albums`),
//! `get-an-albums-tracks` (`GET /albums/{id}/tracks`), `get-new-releases`
//! (`GET /browse/new-releases`).
//!
//! In the user's library (`library.rs` has the rules): `get-users-saved-albums` (`GET /me/albums`),
//! and, removed for development-mode apps in 2026-02, `save-albums-user`, `remove-albums-user`,
//! `check-users-saved-albums` (`PUT`/`DELETE /me/albums`, `GET /me/albums/contains`).

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Serialize;
use serde_json::{Value, json};

use super::library::{IdsBody, IdsParam, contains, remove, save, saved_page};
use crate::errors::{ApiError, NON_EXISTING_ID};
use crate::extract::IfNoneMatch;
use crate::extract::JsonBody;
use crate::extract::{
    Base62Id, Caller, IdsQuery, MarketQuery, PageBounds, PageQuery, Path, Query, max_ids,
};
use crate::render;
use crate::state::{AppState, Saved};

/// The albums routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/albums", get(get_multiple_albums))
        .route("/albums/{id}", get(get_an_album))
        .route("/albums/{id}/tracks", get(get_an_albums_tracks))
        .route("/browse/new-releases", get(get_new_releases))
        .route(
            "/me/albums",
            get(get_users_saved_albums)
                .put(save_albums_user)
                .delete(remove_albums_user),
        )
        .route("/me/albums/contains", get(check_users_saved_albums))
}

/// `get-an-album`
async fn get_an_album(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<MarketQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    let album = state
        .catalog()
        .album(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    Ok(render::catalog_response(
        &if_none_match,
        &render::AlbumView::full(&ctx, album),
    ))
}

/// `get-multiple-albums`
async fn get_multiple_albums(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-multiple-albums")?;
    let ids = query.ids(max_ids::ALBUMS)?;
    let market = caller.market(query.market.as_deref())?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    let albums: Vec<Option<render::AlbumView<'_>>> = ids
        .iter()
        .map(|id| {
            let album = state.catalog().album(id.as_str())?;
            Some(render::AlbumView::full(&ctx, album))
        })
        .collect();
    Ok(render::catalog_response(&if_none_match, &Albums { albums }))
}

/// The body of `get-multiple-albums`: `null` for an unknown id.
#[derive(Serialize)]
struct Albums<'a> {
    albums: Vec<Option<render::AlbumView<'a>>>,
}

/// `get-an-albums-tracks`
async fn get_an_albums_tracks(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<PageQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let page = query.page(PageBounds::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    let album = state
        .catalog()
        .album(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let items: Vec<render::TrackView<'_>> = page
        .slice(&album.tracks)
        .iter()
        .filter_map(|track| state.catalog().tracks.get(track))
        .map(|track| render::TrackView::simplified(&ctx, track))
        .collect();
    let params: Vec<(&str, &str)> = market
        .as_deref()
        .map(|m| ("market", m))
        .into_iter()
        .collect();
    let path = format!("/albums/{}/tracks", album.id);
    let body = render::PageView::new(ctx.base, &path, &params, page, album.tracks.len(), items);
    Ok(render::catalog_response(&if_none_match, &body))
}

/// `get-new-releases`
async fn get_new_releases(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PageQuery>,
    if_none_match: IfNoneMatch,
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
        &if_none_match,
        &json!({ "albums": body }),
    ))
}

// --- in the user's library (see `library.rs`) ---------------------------------------------------

/// `get-users-saved-albums`
async fn get_users_saved_albums(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    saved_page(&state, &caller, &query, Saved::Album, "/me/albums")
}

/// `save-albums-user`
async fn save_albums_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    save(
        &state,
        &caller,
        "save-albums-user",
        Saved::Album,
        query,
        body,
    )
}

/// `remove-albums-user`
async fn remove_albums_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    remove(
        &state,
        &caller,
        "remove-albums-user",
        Saved::Album,
        query,
        body,
    )
}

/// `check-users-saved-albums`
async fn check_users_saved_albums(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
) -> Result<Json<Vec<bool>>, ApiError> {
    contains(
        &state,
        &caller,
        "check-users-saved-albums",
        Saved::Album,
        query,
    )
}
