//! Follows: artists, users and playlists the user follows.
//!
//! - `get-followed` (`GET /me/following?type=artist`): the followed artists, cursor-paged by
//!   id, wrapped as `{"artists": {...}}`; `after` is the last id of the previous page.
//! - `follow-artists-users`, `unfollow-artists-users`, `check-current-user-follows`
//!   (`PUT`/`DELETE /me/following`, `GET /me/following/contains`, `type=artist|user`, ids at
//!   most 50 in the query or, for the writes, a JSON body `{"ids": [...]}`): removed for
//!   development-mode apps in 2026-02.
//! - `follow-playlist`, `unfollow-playlist`, `check-if-user-follows-playlist`
//!   (`PUT`/`DELETE /playlists/{id}/followers`, `GET /playlists/{id}/followers/contains`):
//!   removed for development-mode apps in 2026-02. The body's `public` is read and has no
//!   other effect.
//!
//! Follows are the same state as `/me/library`'s user, artist and playlist URIs
//! (`state/library.rs`), and they move the follower counts: an artist's `followers.total` (in
//! `get-an-artist`, `get-multiple-artists` and here), a user's (`get-users-profile`) and a
//! playlist's (`get-playlist`).

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use serde::Deserialize;
use serde_json::{Value, json};

use super::library::require_existing;
use crate::catalog::model::Id;
use crate::errors::{ApiError, INVALID_ID, INVALID_TYPE, NON_EXISTING_ID, TOO_MANY_IDS};
use crate::extract::{Base62Id, Caller, JsonBody, PageBounds, Path, Query, max_ids, parse_ids};
use crate::state::{AppState, Item, Saved, is_username};

/// Reading whom the user follows.
const FOLLOW_READ: &str = "user-follow-read";
/// Following and unfollowing artists and users.
const FOLLOW_MODIFY: &str = "user-follow-modify";
/// Following and unfollowing playlists (either one).
const PLAYLIST_MODIFY: [&str; 2] = ["playlist-modify-public", "playlist-modify-private"];

/// The follows routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/me/following",
            get(get_followed)
                .put(follow_artists_users)
                .delete(unfollow_artists_users),
        )
        .route("/me/following/contains", get(check_current_user_follows))
        .route(
            "/playlists/{playlist_id}/followers",
            put(follow_playlist).delete(unfollow_playlist),
        )
        .route(
            "/playlists/{playlist_id}/followers/contains",
            get(check_if_user_follows_playlist),
        )
}

/// `?type=&after=&limit=` of `get-followed`.
#[derive(Debug, Default, Deserialize)]
struct FollowedQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
    after: Option<String>,
    limit: Option<String>,
}

/// `?type=&ids=` of the artist and user follows.
#[derive(Debug, Default, Deserialize)]
struct FollowQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
    ids: Option<String>,
}

/// `{"ids": [...]}` of the artist and user follow writes.
#[derive(Debug, Default, Deserialize)]
struct IdsBody {
    #[serde(default)]
    ids: Option<Vec<String>>,
}

/// `{"public": bool}` of `follow-playlist`.
#[derive(Debug, Default, Deserialize)]
struct FollowPlaylistBody {
    #[serde(default)]
    #[allow(dead_code)] // read for its shape; the emulator keeps no public/private flag
    public: Option<bool>,
}

/// `?ids=` of `check-if-user-follows-playlist` (deprecated: the current user's id).
#[derive(Debug, Default, Deserialize)]
struct UserIdsQuery {
    ids: Option<String>,
}

/// Whom `type` names: `artist` or `user`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Followed {
    Artist,
    User,
}

fn followed_type(kind: Option<&str>) -> Result<Followed, ApiError> {
    match kind {
        Some("artist") => Ok(Followed::Artist),
        Some("user") => Ok(Followed::User),
        _ => Err(ApiError::bad_request(INVALID_TYPE)),
    }
}

/// The artists or users of `ids` (the query's, else the body's): at most 50; artists by
/// base62 id, users by username.
fn follow_items(
    followed: Followed,
    query: Option<&str>,
    body: Option<&[String]>,
) -> Result<Vec<Item>, ApiError> {
    let joined;
    let raw = match (query.filter(|q| !q.is_empty()), body) {
        (Some(query), _) => Some(query),
        (None, Some(body)) => {
            joined = body.join(",");
            Some(joined.as_str())
        }
        (None, None) => None,
    };
    match followed {
        Followed::Artist => parse_ids(raw, max_ids::DEFAULT)?
            .iter()
            .map(|id| {
                Id::parse(id.as_str())
                    .map(Item::Artist)
                    .ok_or(ApiError::bad_request(INVALID_ID))
            })
            .collect(),
        Followed::User => {
            let raw = raw
                .filter(|r| !r.is_empty())
                .ok_or(ApiError::bad_request(INVALID_ID))?;
            if raw.split(',').count() > max_ids::DEFAULT {
                return Err(ApiError::bad_request(TOO_MANY_IDS));
            }
            raw.split(',')
                .map(|id| match is_username(id) {
                    true => Ok(Item::User(id.to_owned())),
                    false => Err(ApiError::bad_request(INVALID_ID)),
                })
                .collect()
        }
    }
}

/// The user, if the token has one of `scopes`.
fn require_any_scope<'c>(
    caller: &'c Caller,
    scopes: &[&str],
) -> Result<&'c crate::config::User, ApiError> {
    let user = caller.require_user()?;
    if scopes.iter().any(|s| caller.has_scope(s)) {
        Ok(user)
    } else {
        Err(ApiError::insufficient_scope())
    }
}

/// `get-followed`
async fn get_followed(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<FollowedQuery>,
) -> Result<Json<Value>, ApiError> {
    let user = caller.require_scope(FOLLOW_READ)?;
    if query.kind.as_deref() != Some("artist") {
        return Err(ApiError::bad_request(INVALID_TYPE));
    }
    let limit = PageBounds::DEFAULT
        .page(query.limit.as_deref(), None)?
        .limit;
    let after = match query.after.as_deref().filter(|a| !a.is_empty()) {
        None => None,
        Some(after) => Some(Id::parse(after).ok_or(ApiError::bad_request(INVALID_ID))?),
    };
    let followed = state.library().followed_artists(&user.id);
    let total = followed.len();
    let rest: Vec<Id> = followed
        .into_iter()
        .filter(|id| after.is_none_or(|after| *id > after))
        .collect();
    let page = &rest[..rest.len().min(limit)];
    let catalog = state.catalog();
    let ctx = caller.render(catalog, None);
    let items: Vec<Value> = page
        .iter()
        .filter_map(|id| catalog.artists.get(id))
        .map(|artist| {
            let mut artist = artist.clone();
            artist.followers = artist
                .followers
                .saturating_add(state.library().artist_followers(artist.id));
            crate::render::artist(&ctx, &artist)
        })
        .collect();
    let url = |after: Option<&str>| {
        let after = after.map(|a| format!("&after={a}")).unwrap_or_default();
        format!("{}/me/following?type=artist{after}&limit={limit}", ctx.base)
    };
    let last = (rest.len() > limit)
        .then(|| page.last().map(Id::as_str))
        .flatten();
    Ok(Json(json!({
        "artists": {
            "href": url(query.after.as_deref().filter(|a| !a.is_empty())),
            "items": items,
            "limit": limit,
            "next": last.map(|last| url(Some(last))),
            "cursors": { "after": last },
            "total": total,
        }
    })))
}

/// `follow-artists-users`
async fn follow_artists_users(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<FollowQuery>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    caller.require_operation("follow-artists-users")?;
    let user = caller.require_scope(FOLLOW_MODIFY)?;
    let followed = followed_type(query.kind.as_deref())?;
    let items = follow_items(followed, query.ids.as_deref(), body.ids.as_deref())?;
    require_existing(&state, items.iter())?;
    let items: Vec<(Item, Option<i64>)> = items.into_iter().map(|item| (item, None)).collect();
    state.library_save(&user.id, &items);
    Ok(StatusCode::NO_CONTENT)
}

/// `unfollow-artists-users`
async fn unfollow_artists_users(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<FollowQuery>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    caller.require_operation("unfollow-artists-users")?;
    let user = caller.require_scope(FOLLOW_MODIFY)?;
    let followed = followed_type(query.kind.as_deref())?;
    let items = follow_items(followed, query.ids.as_deref(), body.ids.as_deref())?;
    state.library_remove(&user.id, &items);
    Ok(StatusCode::NO_CONTENT)
}

/// `check-current-user-follows`
async fn check_current_user_follows(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<FollowQuery>,
) -> Result<Json<Vec<bool>>, ApiError> {
    caller.require_operation("check-current-user-follows")?;
    let user = caller.require_scope(FOLLOW_READ)?;
    let followed = followed_type(query.kind.as_deref())?;
    let items = follow_items(followed, query.ids.as_deref(), None)?;
    Ok(Json(state.library().contains(&user.id, &items)))
}

/// The playlist `id` as a library item: 404 `non existing id` if there is no such playlist.
fn playlist_item(state: &AppState, id: &Base62Id) -> Result<Item, ApiError> {
    let item = Item::Saved(
        Saved::Playlist,
        Id::parse(id.as_str()).ok_or(ApiError::bad_request(INVALID_ID))?,
    );
    if state.library_item_exists(&item) {
        Ok(item)
    } else {
        Err(ApiError::not_found(NON_EXISTING_ID))
    }
}

/// `follow-playlist`
async fn follow_playlist(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    JsonBody(_body): JsonBody<FollowPlaylistBody>,
) -> Result<StatusCode, ApiError> {
    caller.require_operation("follow-playlist")?;
    let user = require_any_scope(&caller, &PLAYLIST_MODIFY)?;
    let item = playlist_item(&state, &id)?;
    state.library_save(&user.id, &[(item, None)]);
    Ok(StatusCode::OK)
}

/// `unfollow-playlist`
async fn unfollow_playlist(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
) -> Result<StatusCode, ApiError> {
    caller.require_operation("unfollow-playlist")?;
    let user = require_any_scope(&caller, &PLAYLIST_MODIFY)?;
    let item = playlist_item(&state, &id)?;
    state.library_remove(&user.id, &[item]);
    Ok(StatusCode::OK)
}

/// `check-if-user-follows-playlist`: for the current user, or the one user the deprecated
/// `ids` names (a client-credentials token may ask about a user that way).
async fn check_if_user_follows_playlist(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<UserIdsQuery>,
) -> Result<Json<Vec<bool>>, ApiError> {
    caller.require_operation("check-if-user-follows-playlist")?;
    let user_id = match query.ids.as_deref().filter(|i| !i.is_empty()) {
        None => caller.require_user()?.id.clone(),
        Some(ids) if ids.contains(',') => return Err(ApiError::bad_request(TOO_MANY_IDS)),
        Some(id) if is_username(id) => id.to_owned(),
        Some(_) => return Err(ApiError::bad_request(INVALID_ID)),
    };
    let item = playlist_item(&state, &id)?;
    Ok(Json(state.library().contains(&user_id, &[item])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_ids_by_type() {
        let artist = "0OdUWJ0sBjDrqHygGUXeCF";
        assert!(matches!(
            follow_items(Followed::Artist, Some(artist), None).unwrap()[..],
            [Item::Artist(_)]
        ));
        assert_eq!(
            follow_items(Followed::User, None, Some(&["wizzler".into()])).unwrap(),
            [Item::User("wizzler".into())]
        );
        assert!(follow_items(Followed::Artist, Some("wizzler"), None).is_err());
        assert!(follow_items(Followed::User, Some("two words"), None).is_err());
        let many = vec!["wizzler"; 51].join(",");
        assert_eq!(
            follow_items(Followed::User, Some(&many), None)
                .unwrap_err()
                .message(),
            TOO_MANY_IDS
        );
        assert_eq!(
            followed_type(Some("album")).unwrap_err().message(),
            INVALID_TYPE
        );
        assert_eq!(followed_type(None).unwrap_err().message(), INVALID_TYPE);
    }
}
