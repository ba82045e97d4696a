//! Artists: `get-an-artist` (`GET /artists/{id}`), `get-multiple-artists` (`GET /artists`),
//! `get-an-artists-albums` (`GET /artists/{id}/albums`), `get-an-artists-top-tracks`
//! (`GET /artists/{id}/top-tracks`), `get-an-artists-related-artists`
//! (`GET /artists/{id}/related-artists`).

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::catalog::discovery::AlbumGroup;
use crate::catalog::model::Artist;
use crate::errors::{ApiError, NON_EXISTING_ID};
use crate::extract::IfNoneMatch;
use crate::extract::{Base62Id, Caller, IdsQuery, MarketQuery, PageBounds, Path, Query, max_ids};
use crate::render;
use crate::state::AppState;

/// The artists routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/artists", get(get_multiple_artists))
        .route("/artists/{id}", get(get_an_artist))
        .route("/artists/{id}/albums", get(get_an_artists_albums))
        .route("/artists/{id}/top-tracks", get(get_an_artists_top_tracks))
        .route(
            "/artists/{id}/related-artists",
            get(get_an_artists_related_artists),
        )
}

/// `?include_groups=&market=&limit=&offset=` of an artist's albums, as sent.
#[derive(Debug, Default, Deserialize)]
struct ArtistAlbumsQuery {
    include_groups: Option<String>,
    market: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

/// The artist with the emulator's users who follow it added to its followers.
fn with_follows(state: &AppState, artist: &Artist) -> Artist {
    let mut artist = artist.clone();
    artist.followers = artist
        .followers
        .saturating_add(state.library().artist_followers(artist.id));
    artist
}

/// `get-an-artist`
async fn get_an_artist(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let ctx = caller.render(state.catalog(), None);
    let artist = state
        .catalog()
        .artist(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    Ok(render::catalog_response(
        &if_none_match,
        &render::artist(&ctx, &with_follows(&state, artist)),
    ))
}

/// `get-multiple-artists`
async fn get_multiple_artists(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-multiple-artists")?;
    let ids = query.ids(max_ids::DEFAULT)?;
    let ctx = caller.render(state.catalog(), None);
    let artists: Vec<Value> = ids
        .iter()
        .map(|id| {
            state
                .catalog()
                .artist(id.as_str())
                .map_or(Value::Null, |artist| {
                    render::artist(&ctx, &with_follows(&state, artist))
                })
        })
        .collect();
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "artists": artists }),
    ))
}

/// `get-an-artists-albums`: grouped album, single, compilation, appears_on; `include_groups`
/// values other than those four are ignored (an emulator choice: Spotify's answer to them is
/// not recorded), and a list of none of them means every group.
async fn get_an_artists_albums(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<ArtistAlbumsQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let page = PageBounds::ARTIST_ALBUMS.page(query.limit.as_deref(), query.offset.as_deref())?;
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let ctx = caller.render(catalog, market.as_deref());
    let artist = catalog
        .artist(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let groups: Vec<AlbumGroup> = query
        .include_groups
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter_map(|g| AlbumGroup::parse(g.trim()))
        .collect();
    let albums = catalog.discography(artist, &groups, market.as_deref());
    let items = page
        .slice(&albums)
        .iter()
        .map(|album| render::discography_album(&ctx, album, artist.id))
        .collect();
    let groups_text = groups
        .iter()
        .map(|g| g.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let mut params = Vec::new();
    if !groups.is_empty() {
        params.push(("include_groups", groups_text.as_str()));
    }
    if let Some(market) = market.as_deref() {
        params.push(("market", market));
    }
    let path = format!("/artists/{}/albums", artist.id);
    let body = render::paging(ctx.base, &path, &params, page, albums.len(), items);
    Ok(render::catalog_response(&if_none_match, &body))
}

/// `get-an-artists-top-tracks`
async fn get_an_artists_top_tracks(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<MarketQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-an-artists-top-tracks")?;
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let ctx = caller.render(catalog, market.as_deref());
    let artist = catalog
        .artist(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let tracks: Vec<Value> = catalog
        .top_tracks(artist, market.as_deref())
        .into_iter()
        .map(|track| render::track(&ctx, track))
        .collect();
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "tracks": tracks }),
    ))
}

/// `get-an-artists-related-artists`
async fn get_an_artists_related_artists(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-an-artists-related-artists")?;
    let catalog = state.catalog();
    let ctx = caller.render(catalog, None);
    let artist = catalog
        .artist(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    let artists: Vec<Value> = catalog
        .related_artists(artist)
        .into_iter()
        .map(|other| render::artist(&ctx, other))
        .collect();
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "artists": artists }),
    ))
}
