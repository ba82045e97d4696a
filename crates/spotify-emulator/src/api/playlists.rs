//! Playlists (reading): `get-playlist` (`GET /playlists/{playlist_id}`), `get-playlists-items`
//! (`GET /playlists/{playlist_id}/items`), `get-playlists-tracks` (`GET
//! /playlists/{playlist_id}/tracks`, removed 2026-02), `get-playlist-cover` (`GET
//! /playlists/{playlist_id}/images`), `get-list-users-playlists` (`GET
//! /users/{user_id}/playlists`, removed 2026-02), `get-featured-playlists` (`GET
//! /browse/featured-playlists`, removed 2024-11) and `get-a-categories-playlists` (`GET
//! /browse/categories/{category_id}/playlists`, removed 2024-11).
//!
//! Playlists live in the state's store. What a caller sees of one follows `API-CHANGES.md`:
//! a development-mode app reads the items only of playlists its user owns or collaborates on
//! (403 `Forbidden` on `/items` otherwise, metadata only from `GET /playlists/{id}`), and no
//! Spotify-owned playlist at all (404 `Resource not found`, the November 2024 rule).
//! `fields` filters the rendered body ([`FieldFilter`]); `additional_types` without `episode`
//! gives episodes in their track-like shape.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::catalog::model::Playlist;
use crate::errors::{ApiError, BAD_REQUEST, NON_EXISTING_ID, RESOURCE_NOT_FOUND};
use crate::extract::IfNoneMatch;
use crate::extract::{Base62Id, Caller, PageBounds, Path, Query};
use crate::render::{self, FieldFilter, ItemsQuery};
use crate::state::AppState;

/// The playlists routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/playlists/{playlist_id}", get(get_playlist))
        .route("/playlists/{playlist_id}/items", get(get_playlists_items))
        .route("/playlists/{playlist_id}/tracks", get(get_playlists_tracks))
        .route("/playlists/{playlist_id}/images", get(get_playlist_cover))
        .route("/users/{user_id}/playlists", get(get_list_users_playlists))
        .route("/browse/featured-playlists", get(get_featured_playlists))
        .route(
            "/browse/categories/{category_id}/playlists",
            get(get_a_categories_playlists),
        )
}

/// `?market=&fields=&additional_types=&limit=&offset=` of the playlist reads, as sent.
#[derive(Debug, Default, Deserialize)]
struct PlaylistQuery {
    market: Option<String>,
    fields: Option<String>,
    additional_types: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

impl PlaylistQuery {
    /// The `fields` filter; none when absent or empty, 400 when it breaks the syntax.
    fn filter(&self) -> Result<Option<FieldFilter>, ApiError> {
        match self.fields.as_deref() {
            None | Some("") => Ok(None),
            Some(text) => FieldFilter::parse(text)
                .map(Some)
                .ok_or(ApiError::bad_request(BAD_REQUEST)),
        }
    }

    fn items_query(&self) -> ItemsQuery<'_> {
        ItemsQuery {
            additional_types: self.additional_types.as_deref(),
            fields: self.fields.as_deref(),
        }
    }
}

/// `?limit=&offset=&locale=` of the playlist lists.
#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    limit: Option<String>,
    offset: Option<String>,
    locale: Option<String>,
}

/// The playlist `id` as this caller may see it: 404 `non existing id` if there is none, 404
/// `Resource not found` for a Spotify-owned one asked for by a development-mode app.
fn find(state: &AppState, caller: &Caller, id: &Base62Id) -> Result<Arc<Playlist>, ApiError> {
    let playlist = state
        .playlists()
        .get(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    if playlist.is_spotify_owned() && !caller.quota_mode().is_extended() {
        return Err(ApiError::not_found(RESOURCE_NOT_FOUND));
    }
    Ok(playlist)
}

/// The body with `filter` applied, as a catalogue answer (ETag, 304).
fn answer(if_none_match: &IfNoneMatch, mut body: Value, filter: Option<FieldFilter>) -> Response {
    if let Some(filter) = filter {
        filter.apply(&mut body);
    }
    render::catalog_response(if_none_match, &body)
}

/// `get-playlist`
async fn get_playlist(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<PlaylistQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let filter = query.filter()?;
    let playlist = find(&state, &caller, &id)?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    let body = render::playlist(&ctx, &playlist, query.items_query());
    Ok(answer(&if_none_match, body, filter))
}

/// `get-playlists-items`
async fn get_playlists_items(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<PlaylistQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    items_page(&state, &caller, &id, &query, &if_none_match, false)
}

/// `get-playlists-tracks`
async fn get_playlists_tracks(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<PlaylistQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-playlists-tracks")?;
    items_page(&state, &caller, &id, &query, &if_none_match, true)
}

/// One page of items, from `/items` or (with `legacy`) `/tracks`: 403 `Forbidden` when the
/// caller may not read them.
fn items_page(
    state: &AppState,
    caller: &Caller,
    id: &Base62Id,
    query: &PlaylistQuery,
    if_none_match: &IfNoneMatch,
    legacy: bool,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let filter = query.filter()?;
    let bounds = if legacy {
        PageBounds::PLAYLIST_TRACKS
    } else {
        PageBounds::PLAYLIST_ITEMS
    };
    let page = bounds.page(query.limit.as_deref(), query.offset.as_deref())?;
    let playlist = find(state, caller, id)?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    if !render::can_read_items(&ctx, &playlist) {
        return Err(ApiError::forbidden());
    }
    let body = render::playlist_items_page(&ctx, &playlist, page, legacy, query.items_query());
    Ok(match filter {
        // `fields` filters a `Value`; without it, the page is written straight to bytes.
        Some(filter) => answer(if_none_match, render::value(body), Some(filter)),
        None => render::catalog_response(if_none_match, &body),
    })
}

/// `get-playlist-cover`
async fn get_playlist_cover(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let playlist = find(&state, &caller, &id)?;
    let ctx = caller.render(state.catalog(), None);
    Ok(render::catalog_response(
        &if_none_match,
        &render::playlist_images(&ctx, &playlist.images),
    ))
}

/// `get-list-users-playlists`
async fn get_list_users_playlists(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
    Query(query): Query<ListQuery>,
) -> Result<axum::Json<Value>, ApiError> {
    caller.require_operation("get-list-users-playlists")?;
    let page = PageBounds::ME_PLAYLISTS.page(query.limit.as_deref(), query.offset.as_deref())?;
    if state.catalog().user(&user_id).is_none() && state.user(&user_id).is_none() {
        return Err(ApiError::not_found(NON_EXISTING_ID));
    }
    let viewer = caller.user().map(|u| u.id.as_str());
    let listed = state.playlists().listed_for(
        &user_id,
        viewer,
        caller.has_scope("playlist-read-private"),
        caller.has_scope("playlist-read-collaborative"),
    );
    let ctx = caller.render(state.catalog(), None);
    let items = page
        .slice(&listed)
        .iter()
        .map(|p| render::simplified_playlist(&ctx, p))
        .collect();
    let path = format!("/users/{user_id}/playlists");
    Ok(axum::Json(render::paging(
        ctx.base,
        &path,
        &[],
        page,
        listed.len(),
        items,
    )))
}

/// `get-featured-playlists`
async fn get_featured_playlists(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<ListQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-featured-playlists")?;
    let page = PageBounds::DEFAULT.page(query.limit.as_deref(), query.offset.as_deref())?;
    let catalog = state.catalog();
    let ctx = caller.render(catalog, None);
    let featured: Vec<Arc<Playlist>> = catalog
        .featured
        .iter()
        .filter_map(|id| state.playlists().get(id.as_str()))
        .collect();
    let items = page
        .slice(&featured)
        .iter()
        .map(|p| render::simplified_playlist(&ctx, p))
        .collect();
    let params: Vec<(&str, &str)> = query
        .locale
        .as_deref()
        .filter(|l| !l.is_empty())
        .map(|l| ("locale", l))
        .into_iter()
        .collect();
    let playlists = render::paging(
        ctx.base,
        "/browse/featured-playlists",
        &params,
        page,
        featured.len(),
        items,
    );
    let body = json!({ "message": catalog.featured_message, "playlists": playlists });
    Ok(render::catalog_response(&if_none_match, &body))
}

/// `get-a-categories-playlists`
async fn get_a_categories_playlists(
    State(state): State<AppState>,
    caller: Caller,
    Path(category_id): Path<String>,
    Query(query): Query<ListQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-a-categories-playlists")?;
    let page = PageBounds::DEFAULT.page(query.limit.as_deref(), query.offset.as_deref())?;
    let catalog = state.catalog();
    let category = catalog
        .category(&category_id)
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let ctx = caller.render(catalog, None);
    let listed: Vec<Arc<Playlist>> = category
        .playlists
        .iter()
        .filter_map(|id| state.playlists().get(id.as_str()))
        .collect();
    let items = page
        .slice(&listed)
        .iter()
        .map(|p| render::simplified_playlist(&ctx, p))
        .collect();
    let path = format!("/browse/categories/{category_id}/playlists");
    let playlists = render::paging(ctx.base, &path, &[], page, listed.len(), items);
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "playlists": playlists }),
    ))
}
