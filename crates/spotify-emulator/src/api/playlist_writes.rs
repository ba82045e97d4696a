//! Playlists (the user's own, and writing): `get-a-list-of-current-users-playlists` (`GET
//! /me/playlists`), `create-playlist` (`POST /me/playlists`), `create-playlist-for-user` (`POST
//! /users/{user_id}/playlists`, removed 2026-02), `change-playlist-details` (`PUT
//! /playlists/{playlist_id}`), `add-items-to-playlist`, `reorder-or-replace-playlists-items` and
//! `remove-items-playlist` (`POST`/`PUT`/`DELETE /playlists/{playlist_id}/items`), their
//! `/tracks` twins (`add-tracks-to-playlist`, `reorder-or-replace-playlists-tracks`,
//! `remove-tracks-playlist`, removed 2026-02) and `upload-custom-playlist-cover` (`PUT
//! /playlists/{playlist_id}/images`); and the uploaded covers themselves at `GET /image/{id}`.
//!
//! Rules (`SPOTIFY-PROTOCOL.md` §2.8, the spec's descriptions):
//!
//! - every change gives the playlist a new `snapshot_id`, which item writes answer with
//!   (`POST` 201, `PUT` and `DELETE` 200); an edit may name an older `snapshot_id`, and is then
//!   applied as `state/versions.rs` describes (positions read in that version, the change made
//!   to the current one);
//! - only the owner and collaborators edit items (403 otherwise); only the owner changes the
//!   details or the cover;
//! - scopes: `playlist-modify-public` for a public playlist, `playlist-modify-private` for a
//!   private or collaborative one (both to create a collaborative one), and `ugc-image-upload`
//!   too for a cover; 403 `Insufficient client scope` without them;
//! - at most 100 URIs a request, each `spotify:track:{id}` or `spotify:episode:{id}` of the
//!   catalogue; `uris` in the query wins over the body's;
//! - the cover is base64 JPEG text sent as `image/jpeg`, at most 256 KB of it (413 above); it
//!   becomes the playlist's one image, served at `http://{host}/image/{id}` with its size read
//!   from the JPEG;
//! - `GET /me/playlists` lists what the user created and follows (newest first), then what
//!   they own or collaborate on; private ones need `playlist-read-private`, collaborative ones
//!   `playlist-read-collaborative`; a Spotify-owned playlist is a `null` entry for an app the
//!   November 2024 rules cover, as Spotify sends it (the `total` counts it).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::catalog::model::{Id, Image, ItemRef, Playlist, PlaylistItem};
use crate::errors::{
    ApiError, COLLABORATIVE_PRIVATE, INDEX_OUT_OF_BOUNDS, INVALID_IMAGE, INVALID_PLAYLIST_URI,
    MISSING_NAME, NO_URIS, NON_EXISTING_ITEM, NOT_THE_OWNER, NOT_YOUR_PLAYLIST,
    OTHER_USERS_PLAYLIST, REORDER_OR_REPLACE, SERVICE_NOT_FOUND, TOO_MANY_PLAYLIST_ITEMS,
    TOO_MANY_TO_REMOVE,
};
use crate::extract::{Base62Id, Caller, JsonBody, PageBounds, Path, Query, RawBody, max_ids};
use crate::render::{self, ItemsQuery};
use crate::state::{AppState, Draft, NewPlaylist, jpeg_size};

/// The routes of the user's playlists and of playlist writes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/me/playlists",
            get(get_a_list_of_current_users_playlists).post(create_playlist),
        )
        .route("/users/{user_id}/playlists", post(create_playlist_for_user))
        .route("/playlists/{playlist_id}", put(change_playlist_details))
        .route(
            "/playlists/{playlist_id}/items",
            post(add_items_to_playlist)
                .put(reorder_or_replace_playlists_items)
                .delete(remove_items_playlist),
        )
        .route(
            "/playlists/{playlist_id}/tracks",
            post(add_tracks_to_playlist)
                .put(reorder_or_replace_playlists_tracks)
                .delete(remove_tracks_playlist),
        )
        .route(
            "/playlists/{playlist_id}/images",
            put(upload_custom_playlist_cover),
        )
}

/// `?limit=&offset=` of `GET /me/playlists`.
#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    limit: Option<String>,
    offset: Option<String>,
}

/// The body of `POST /me/playlists` and `PUT /playlists/{id}`.
#[derive(Debug, Default, Deserialize)]
struct DetailsBody {
    name: Option<String>,
    public: Option<bool>,
    collaborative: Option<bool>,
    description: Option<String>,
}

/// `?uris=&position=` of an add, as sent.
#[derive(Debug, Default, Deserialize)]
struct AddQuery {
    uris: Option<String>,
    position: Option<String>,
}

/// The body of an add.
#[derive(Debug, Default, Deserialize)]
struct AddBody {
    uris: Option<Vec<String>>,
    position: Option<i64>,
}

/// `?uris=` of a replace, as sent.
#[derive(Debug, Default, Deserialize)]
struct UrisQuery {
    uris: Option<String>,
}

/// The body of a reorder or a replace.
#[derive(Debug, Default, Deserialize)]
struct UpdateBody {
    uris: Option<Vec<String>>,
    range_start: Option<i64>,
    insert_before: Option<i64>,
    range_length: Option<i64>,
    snapshot_id: Option<String>,
}

/// The body of a removal: the items under `items` (`/items`) or `tracks` (`/tracks`).
#[derive(Debug, Default, Deserialize)]
struct RemoveBody {
    items: Option<Vec<RemoveEntry>>,
    tracks: Option<Vec<RemoveEntry>>,
    snapshot_id: Option<String>,
}

/// One item to remove: its URI, and the positions to remove it at (all of them if none).
#[derive(Debug, Deserialize)]
struct RemoveEntry {
    uri: String,
    positions: Option<Vec<i64>>,
}

/// `{"snapshot_id": ..}` of a playlist version, with `status`.
fn snapshot_answer(status: StatusCode, playlist: &Playlist) -> Response {
    (
        status,
        axum::Json(json!({ "snapshot_id": playlist.snapshot_id })),
    )
        .into_response()
}

/// The modify scope a playlist's visibility needs: `playlist-modify-public` for a public one,
/// `playlist-modify-private` for a private or collaborative one.
fn modify_scope(public: bool, collaborative: bool) -> &'static str {
    if public && !collaborative {
        "playlist-modify-public"
    } else {
        "playlist-modify-private"
    }
}

fn is_public(playlist: &Playlist) -> bool {
    playlist.public == Some(true)
}

/// 403 `Insufficient client scope` unless the token may modify `playlist`.
fn require_modify_scope(caller: &Caller, playlist: &Playlist) -> Result<(), ApiError> {
    caller
        .require_scope(modify_scope(is_public(playlist), playlist.collaborative))
        .map(drop)
}

/// The checks of an item write: the modify scope, then the owner or a collaborator.
fn require_editor(caller: &Caller, user: &str, playlist: &Playlist) -> Result<(), ApiError> {
    require_modify_scope(caller, playlist)?;
    if playlist.is_editable_by(user) {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, NOT_YOUR_PLAYLIST))
    }
}

/// The checks of a details change or cover upload: the modify scope, then the owner.
fn require_owner(caller: &Caller, user: &str, playlist: &Playlist) -> Result<(), ApiError> {
    require_modify_scope(caller, playlist)?;
    if playlist.owner == user {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, NOT_THE_OWNER))
    }
}

/// A playlist item URI: `spotify:track:{id}` or `spotify:episode:{id}`; with `known`, also one
/// the catalogue has (400 `Payload contains a non-existing ID` otherwise).
fn parse_uri(state: &AppState, uri: &str, known: bool) -> Result<ItemRef, ApiError> {
    let invalid = || ApiError::bad_request(INVALID_PLAYLIST_URI);
    let (kind, id) = uri
        .trim()
        .strip_prefix("spotify:")
        .and_then(|rest| rest.split_once(':'))
        .ok_or_else(invalid)?;
    let id = Id::parse(id).ok_or_else(invalid)?;
    let catalog = state.catalog();
    let (item, exists) = match kind {
        "track" => (ItemRef::Track(id), catalog.tracks.contains_key(&id)),
        "episode" => (ItemRef::Episode(id), catalog.episodes.contains_key(&id)),
        _ => return Err(invalid()),
    };
    if known && !exists {
        return Err(ApiError::bad_request(NON_EXISTING_ITEM));
    }
    Ok(item)
}

/// The URIs of a write: the query's (comma-separated) if given, else the body's. At most 100.
fn uris_of(
    query: Option<&str>,
    body: Option<Vec<String>>,
) -> Result<Option<Vec<String>>, ApiError> {
    let uris = match query {
        Some(list) => Some(
            list.split(',')
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>(),
        ),
        None => body,
    };
    if uris
        .as_ref()
        .is_some_and(|u| u.len() > max_ids::PLAYLIST_URIS)
    {
        return Err(ApiError::bad_request(TOO_MANY_PLAYLIST_ITEMS));
    }
    Ok(uris)
}

/// New playlist items for `uris`, added now by `user`.
fn new_items(state: &AppState, uris: &[String], user: &str) -> Result<Vec<PlaylistItem>, ApiError> {
    let added_at = i64::try_from(state.now().as_secs()).unwrap_or(i64::MAX);
    uris.iter()
        .map(|uri| {
            Ok(PlaylistItem {
                item: parse_uri(state, uri, true)?,
                added_at: Some(added_at),
                added_by: Some(user.to_owned()),
            })
        })
        .collect()
}

/// A non-negative integer of a body, or 400 with `message`.
fn index(value: i64, message: &'static str) -> Result<usize, ApiError> {
    usize::try_from(value).map_err(|_| ApiError::bad_request(message))
}

/// `get-a-list-of-current-users-playlists`
async fn get_a_list_of_current_users_playlists(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<ListQuery>,
) -> Result<axum::Json<Value>, ApiError> {
    let user = caller.require_user()?;
    let page = PageBounds::ME_PLAYLISTS.page(query.limit.as_deref(), query.offset.as_deref())?;
    let followed = state.followed_playlists(&user.id);
    let listed: Vec<Arc<Playlist>> = state.playlists().listed_for_me(
        &user.id,
        &followed,
        caller.has_scope("playlist-read-private"),
        caller.has_scope("playlist-read-collaborative"),
    );
    let ctx = caller.render(state.catalog(), None);
    Ok(axum::Json(render::my_playlists_page(&ctx, page, &listed)))
}

/// `create-playlist`
async fn create_playlist(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<DetailsBody>,
) -> Result<Response, ApiError> {
    create(&state, &caller, body)
}

/// `create-playlist-for-user`
async fn create_playlist_for_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
    JsonBody(body): JsonBody<DetailsBody>,
) -> Result<Response, ApiError> {
    caller.require_operation("create-playlist-for-user")?;
    if caller.require_user()?.id != user_id {
        return Err(ApiError::new(StatusCode::FORBIDDEN, OTHER_USERS_PLAYLIST));
    }
    create(&state, &caller, body)
}

/// Creates the caller's playlist: 201 and the playlist.
fn create(state: &AppState, caller: &Caller, body: DetailsBody) -> Result<Response, ApiError> {
    let user = caller.require_user()?;
    let name = body
        .name
        .filter(|n| !n.trim().is_empty())
        .ok_or(ApiError::bad_request(MISSING_NAME))?;
    let collaborative = body.collaborative.unwrap_or(false);
    let public = body.public.unwrap_or(!collaborative);
    if collaborative {
        // The spec: a collaborative playlist needs both modify scopes.
        caller.require_scope("playlist-modify-public")?;
        caller.require_scope("playlist-modify-private")?;
        if public {
            return Err(ApiError::bad_request(COLLABORATIVE_PRIVATE));
        }
    } else {
        caller.require_scope(modify_scope(public, false))?;
    }
    let now = i64::try_from(state.now().as_secs()).unwrap_or(i64::MAX);
    let playlist = state.playlists().create(
        NewPlaylist {
            owner: user.id.clone(),
            name,
            description: body.description.filter(|d| !d.is_empty()),
            public,
            collaborative,
        },
        now,
    );
    let ctx = caller.render(state.catalog(), None);
    let body = render::playlist(&ctx, &playlist, ItemsQuery::default());
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

/// `change-playlist-details`
async fn change_playlist_details(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    JsonBody(body): JsonBody<DetailsBody>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_user()?;
    if body.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(ApiError::bad_request(MISSING_NAME));
    }
    state
        .playlists()
        .edit(id.as_str(), |draft: &mut Draft<'_>| {
            let playlist = &mut *draft.playlist;
            require_owner(&caller, &user.id, playlist)?;
            let public = body.public.unwrap_or(is_public(playlist));
            let collaborative = body.collaborative.unwrap_or(playlist.collaborative);
            if collaborative && public {
                return Err(ApiError::bad_request(COLLABORATIVE_PRIVATE));
            }
            // Making it public or private needs the scope of what it becomes, too.
            caller.require_scope(modify_scope(public, collaborative))?;
            if let Some(name) = &body.name {
                playlist.name.clone_from(name);
            }
            if let Some(description) = &body.description {
                playlist.description = Some(description.clone()).filter(|d| !d.is_empty());
            }
            playlist.public = Some(public);
            playlist.collaborative = collaborative;
            Ok(())
        })?;
    Ok(StatusCode::OK)
}

/// `add-items-to-playlist`
async fn add_items_to_playlist(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<AddQuery>,
    JsonBody(body): JsonBody<AddBody>,
) -> Result<Response, ApiError> {
    add(&state, &caller, &id, query, body)
}

/// `add-tracks-to-playlist`
async fn add_tracks_to_playlist(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<AddQuery>,
    JsonBody(body): JsonBody<AddBody>,
) -> Result<Response, ApiError> {
    caller.require_operation("add-tracks-to-playlist")?;
    add(&state, &caller, &id, query, body)
}

/// Adds items: 201 and the new `snapshot_id`.
fn add(
    state: &AppState,
    caller: &Caller,
    id: &Base62Id,
    query: AddQuery,
    body: AddBody,
) -> Result<Response, ApiError> {
    let user = caller.require_user()?;
    let uris = uris_of(query.uris.as_deref(), body.uris)?
        .filter(|u| !u.is_empty())
        .ok_or(ApiError::bad_request(NO_URIS))?;
    let position = match query.position.filter(|p| !p.is_empty()) {
        Some(text) => Some(
            text.parse::<usize>()
                .map_err(|_| ApiError::bad_request(INDEX_OUT_OF_BOUNDS))?,
        ),
        None => body
            .position
            .map(|p| index(p, INDEX_OUT_OF_BOUNDS))
            .transpose()?,
    };
    let items = new_items(state, &uris, &user.id)?;
    let ((), playlist) = state.playlists().edit(id.as_str(), |draft| {
        require_editor(caller, &user.id, draft.playlist)?;
        draft.insert(position, items)
    })?;
    Ok(snapshot_answer(StatusCode::CREATED, &playlist))
}

/// `reorder-or-replace-playlists-items`
async fn reorder_or_replace_playlists_items(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<UrisQuery>,
    JsonBody(body): JsonBody<UpdateBody>,
) -> Result<Response, ApiError> {
    reorder_or_replace(&state, &caller, &id, query, body)
}

/// `reorder-or-replace-playlists-tracks`
async fn reorder_or_replace_playlists_tracks(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<UrisQuery>,
    JsonBody(body): JsonBody<UpdateBody>,
) -> Result<Response, ApiError> {
    caller.require_operation("reorder-or-replace-playlists-tracks")?;
    reorder_or_replace(&state, &caller, &id, query, body)
}

/// Replaces the items (`uris`) or moves a range of them: 200 and the new `snapshot_id`.
fn reorder_or_replace(
    state: &AppState,
    caller: &Caller,
    id: &Base62Id,
    query: UrisQuery,
    body: UpdateBody,
) -> Result<Response, ApiError> {
    let user = caller.require_user()?;
    let uris = uris_of(query.uris.as_deref(), body.uris)?;
    let range = match (body.range_start, body.insert_before) {
        (Some(start), Some(before)) => Some((start, before)),
        (None, None) if body.range_length.is_none() => None,
        _ => return Err(ApiError::bad_request(REORDER_OR_REPLACE)),
    };
    let ((), playlist) = match (uris, range) {
        (Some(uris), None) => {
            let items = new_items(state, &uris, &user.id)?;
            state.playlists().edit(id.as_str(), |draft| {
                require_editor(caller, &user.id, draft.playlist)?;
                draft.replace(items);
                Ok(())
            })?
        }
        (None, Some((start, before))) => {
            let invalid = crate::errors::INVALID_RANGE;
            let start = index(start, invalid)?;
            let before = index(before, invalid)?;
            let length = index(body.range_length.unwrap_or(1), invalid)?;
            let snapshot = body.snapshot_id.as_deref().filter(|s| !s.is_empty());
            state.playlists().edit(id.as_str(), |draft| {
                require_editor(caller, &user.id, draft.playlist)?;
                draft.reorder(start, before, length, snapshot)
            })?
        }
        _ => return Err(ApiError::bad_request(REORDER_OR_REPLACE)),
    };
    Ok(snapshot_answer(StatusCode::OK, &playlist))
}

/// `remove-items-playlist`
async fn remove_items_playlist(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    JsonBody(body): JsonBody<RemoveBody>,
) -> Result<Response, ApiError> {
    remove(&state, &caller, &id, body.items, body.snapshot_id)
}

/// `remove-tracks-playlist`
async fn remove_tracks_playlist(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    JsonBody(body): JsonBody<RemoveBody>,
) -> Result<Response, ApiError> {
    caller.require_operation("remove-tracks-playlist")?;
    remove(&state, &caller, &id, body.tracks, body.snapshot_id)
}

/// Removes items (every occurrence, or those at the positions given): 200 and the new
/// `snapshot_id`.
fn remove(
    state: &AppState,
    caller: &Caller,
    id: &Base62Id,
    entries: Option<Vec<RemoveEntry>>,
    snapshot_id: Option<String>,
) -> Result<Response, ApiError> {
    let user = caller.require_user()?;
    let entries = entries
        .filter(|e| !e.is_empty())
        .ok_or(ApiError::bad_request(NO_URIS))?;
    if entries.len() > max_ids::PLAYLIST_URIS {
        return Err(ApiError::bad_request(TOO_MANY_TO_REMOVE));
    }
    let targets = entries
        .into_iter()
        .map(|entry| {
            let item = parse_uri(state, &entry.uri, false)?;
            let positions = entry
                .positions
                .map(|ps| {
                    ps.into_iter()
                        .map(|p| index(p, crate::errors::COULD_NOT_REMOVE))
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?;
            Ok((item, positions))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let snapshot = snapshot_id.as_deref().filter(|s| !s.is_empty());
    let (_, playlist) = state.playlists().edit(id.as_str(), |draft| {
        require_editor(caller, &user.id, draft.playlist)?;
        draft.remove(&targets, snapshot)
    })?;
    Ok(snapshot_answer(StatusCode::OK, &playlist))
}

/// `upload-custom-playlist-cover`
async fn upload_custom_playlist_cover(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    body: RawBody,
) -> Result<StatusCode, ApiError> {
    let user = caller.require_user()?;
    if body.content_type.as_deref() != Some("image/jpeg") {
        return Err(ApiError::bad_request(INVALID_IMAGE));
    }
    let text: Vec<u8> = body
        .bytes
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let jpeg = STANDARD
        .decode(&text)
        .map_err(|_| ApiError::bad_request(INVALID_IMAGE))?;
    let (width, height) = jpeg_size(&jpeg).ok_or(ApiError::bad_request(INVALID_IMAGE))?;
    state.playlists().edit(id.as_str(), |draft| {
        require_owner(&caller, &user.id, draft.playlist)?;
        caller.require_scope("ugc-image-upload")?;
        let image = state.images().put(Bytes::from(jpeg));
        draft.playlist.images = vec![Image {
            // A path, made absolute on each request's base (`render::playlist_images`).
            url: format!("/image/{image}"),
            height: Some(height),
            width: Some(width),
        }];
        Ok(())
    })?;
    Ok(StatusCode::ACCEPTED)
}

/// `GET /image/{id}`: an uploaded cover, as Spotify's image CDN serves one (no token needed).
pub(crate) async fn serve_image(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, ApiError> {
    let bytes = state
        .images()
        .get(&id)
        .ok_or(ApiError::not_found(SERVICE_NOT_FOUND))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "public, max-age=31536000"),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_follows_visibility() {
        assert_eq!(modify_scope(true, false), "playlist-modify-public");
        assert_eq!(modify_scope(false, false), "playlist-modify-private");
        assert_eq!(modify_scope(true, true), "playlist-modify-private");
    }

    #[test]
    fn query_uris_win_and_are_counted() {
        let body = Some(vec!["b".to_owned()]);
        assert_eq!(
            uris_of(Some("a, c,"), body.clone()).unwrap(),
            Some(vec!["a".to_owned(), "c".to_owned()])
        );
        assert_eq!(uris_of(None, body.clone()).unwrap(), body);
        assert_eq!(uris_of(Some(""), None).unwrap(), Some(Vec::new()));
        let many = vec!["x"; 101].join(",");
        assert_eq!(
            uris_of(Some(&many), None).unwrap_err().message(),
            TOO_MANY_PLAYLIST_ITEMS
        );
    }
}
