//! Library: the user's saved items, any kind at once, and what the per-kind routes share.
//!
//! - `save-library-items`, `remove-library-items`, `check-library-contains`
//!   (`PUT`/`DELETE /me/library`, `GET /me/library/contains`): URIs of any kind, at most 40;
//!   artists only in `contains` (API-CHANGES.md, "`/me/library` semantics"). Following a user
//!   or a playlist is saving its URI (the same state as `follows.rs`).
//! - Per kind, in the kind's file (`tracks.rs`, `albums.rs`, `episodes.rs`, `shows.rs`,
//!   `audiobooks.rs`), built on [`save`], [`remove`], [`contains`] and [`saved_page`] here:
//!   the saved list (`get-users-saved-tracks`…, `GET /me/{kind}`, paged, newest first), and the
//!   writes and check removed for development-mode apps in 2026-02 (`save-tracks-user`,
//!   `remove-tracks-user`, `check-users-saved-tracks`…, `PUT`/`DELETE /me/{kind}`,
//!   `GET /me/{kind}/contains`): ids, at most 50, in the query or (for the writes) a JSON body
//!   `{"ids": [...]}`; the query wins. `save-tracks-user` also takes
//!   `{"timestamped_ids": [{"id", "added_at"}]}`, which wins over both.
//!
//! Scopes: `user-library-read` for the lists and checks, `user-library-modify` for the writes;
//! through `/me/library`, each URI's kind asks its own (`user-follow-*` for users and artists,
//! `playlist-modify-*` / `playlist-read-private` for playlists). A development-mode app gets
//! 403 `Forbidden` from the removed operations before anything else is checked. Saving an item
//! that does not exist is a 400 for the whole request; removing or checking one is not.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use serde::Deserialize;
use serde_json::Value;

use crate::catalog::model::{Id, parse_timestamp};
use crate::config::User;
use crate::errors::{
    ApiError, INVALID_ADDED_AT, INVALID_ID, INVALID_URI, MISSING_URIS, NON_EXISTING_ID_IN_PAYLOAD,
    TOO_MANY_IDS, UNSUPPORTED_URI,
};
use crate::extract::{Caller, PageBounds, PageQuery, Query, max_ids, parse_ids};
use crate::render;
use crate::state::{AppState, Item, Saved, UriProblem};

/// Reading the saved items.
const LIBRARY_READ: &str = "user-library-read";
/// Saving and removing items.
const LIBRARY_MODIFY: &str = "user-library-modify";

/// The library routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/me/library",
            put(save_library_items).delete(remove_library_items),
        )
        .route("/me/library/contains", get(check_library_contains))
}

// --- /me/library ---------------------------------------------------------------------------------

/// `?uris=` of `/me/library`.
#[derive(Debug, Default, Deserialize)]
struct UrisQuery {
    uris: Option<String>,
}

/// What a `/me/library` request does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    Save,
    Remove,
    Contains,
}

/// The items of `uris`: 400 if it is absent or empty, holds more than 40, a malformed URI or
/// one of a kind the operation does not take (artists are only checked, never saved).
fn library_items(uris: Option<&str>, what: Use) -> Result<Vec<Item>, ApiError> {
    let uris = uris
        .filter(|u| !u.is_empty())
        .ok_or(ApiError::bad_request(MISSING_URIS))?;
    if uris.split(',').count() > max_ids::LIBRARY_URIS {
        return Err(ApiError::bad_request(TOO_MANY_IDS));
    }
    uris.split(',')
        .map(|uri| match Item::from_uri(uri) {
            Ok(Item::Artist(_)) if what != Use::Contains => {
                Err(ApiError::bad_request(UNSUPPORTED_URI))
            }
            Ok(item) => Ok(item),
            Err(UriProblem::Malformed) => Err(ApiError::bad_request(INVALID_URI)),
            Err(UriProblem::Unsupported) => Err(ApiError::bad_request(UNSUPPORTED_URI)),
        })
        .collect()
}

/// The scopes that allow `what` on `item` (any one of them).
fn scopes_for(item: &Item, what: Use) -> &'static [&'static str] {
    match (item, what) {
        (Item::Saved(Saved::Playlist, _), Use::Contains) => &["playlist-read-private"],
        (Item::Saved(Saved::Playlist, _), _) => {
            &["playlist-modify-public", "playlist-modify-private"]
        }
        (Item::Saved(..), Use::Contains) => &[LIBRARY_READ],
        (Item::Saved(..), _) => &[LIBRARY_MODIFY],
        (Item::Artist(_) | Item::User(_), Use::Contains) => &["user-follow-read"],
        (Item::Artist(_) | Item::User(_), _) => &["user-follow-modify"],
    }
}

/// The caller's user, if the token has a scope for every item: 403 `Insufficient client scope`
/// otherwise.
fn require_scopes_for<'c>(
    caller: &'c Caller,
    items: &[Item],
    what: Use,
) -> Result<&'c User, ApiError> {
    let user = caller.require_user()?;
    let allowed = items
        .iter()
        .all(|item| scopes_for(item, what).iter().any(|s| caller.has_scope(s)));
    if allowed {
        Ok(user)
    } else {
        Err(ApiError::insufficient_scope())
    }
}

/// 400 `Payload contains a non-existing ID` unless every item exists.
pub(super) fn require_existing<'i>(
    state: &AppState,
    mut items: impl Iterator<Item = &'i Item>,
) -> Result<(), ApiError> {
    if items.all(|item| state.library_item_exists(item)) {
        Ok(())
    } else {
        Err(ApiError::bad_request(NON_EXISTING_ID_IN_PAYLOAD))
    }
}

/// `save-library-items`
async fn save_library_items(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<UrisQuery>,
) -> Result<StatusCode, ApiError> {
    caller.require_user()?;
    let items = library_items(query.uris.as_deref(), Use::Save)?;
    let user = require_scopes_for(&caller, &items, Use::Save)?;
    require_existing(&state, items.iter())?;
    let items: Vec<(Item, Option<i64>)> = items.into_iter().map(|item| (item, None)).collect();
    state.library_save(&user.id, &items);
    Ok(StatusCode::OK)
}

/// `remove-library-items`
async fn remove_library_items(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<UrisQuery>,
) -> Result<StatusCode, ApiError> {
    caller.require_user()?;
    let items = library_items(query.uris.as_deref(), Use::Remove)?;
    let user = require_scopes_for(&caller, &items, Use::Remove)?;
    state.library_remove(&user.id, &items);
    Ok(StatusCode::OK)
}

/// `check-library-contains`
async fn check_library_contains(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<UrisQuery>,
) -> Result<Json<Vec<bool>>, ApiError> {
    caller.require_user()?;
    let items = library_items(query.uris.as_deref(), Use::Contains)?;
    let user = require_scopes_for(&caller, &items, Use::Contains)?;
    Ok(Json(state.library().contains(&user.id, &items)))
}

// --- per type: what the handlers in tracks.rs, albums.rs… share -------------------------------------------------------------

/// `?ids=` of the per-type writes and checks (their `market` is ignored).
#[derive(Debug, Default, Deserialize)]
pub(super) struct IdsParam {
    ids: Option<String>,
}

/// The JSON body of a per-type write: `{"ids": [...]}`, or for `save-tracks-user`
/// `{"timestamped_ids": [{"id": .., "added_at": ..}]}`.
#[derive(Debug, Default, Deserialize)]
pub(super) struct IdsBody {
    #[serde(default)]
    ids: Option<Vec<String>>,
    #[serde(default)]
    timestamped_ids: Option<Vec<TimestampedId>>,
}

/// One entry of `timestamped_ids`.
#[derive(Debug, Deserialize)]
pub(super) struct TimestampedId {
    id: String,
    added_at: String,
}

/// The ids of a per-type request, as items of `kind`: `ids` in the query, else in the body;
/// 400 `invalid id` if there are none or one is malformed, `too many ids requested` past 50.
fn per_type_items(
    kind: Saved,
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
    parse_ids(raw, max_ids::DEFAULT)?
        .iter()
        .map(|id| {
            Id::parse(id.as_str())
                .map(|id| Item::Saved(kind, id))
                .ok_or(ApiError::bad_request(INVALID_ID))
        })
        .collect()
}

/// `timestamped_ids` as tracks with their `added_at` (`YYYY-MM-DDTHH:MM:SSZ`, with or without
/// fractions of a second, which are dropped).
fn timestamped_tracks(entries: &[TimestampedId]) -> Result<Vec<(Item, Option<i64>)>, ApiError> {
    if entries.is_empty() {
        return Err(ApiError::bad_request(INVALID_ID));
    }
    if entries.len() > max_ids::DEFAULT {
        return Err(ApiError::bad_request(TOO_MANY_IDS));
    }
    entries
        .iter()
        .map(|entry| {
            let id = Id::parse(&entry.id).ok_or(ApiError::bad_request(INVALID_ID))?;
            let added_at =
                parse_added_at(&entry.added_at).ok_or(ApiError::bad_request(INVALID_ADDED_AT))?;
            Ok((Item::Saved(Saved::Track, id), Some(added_at)))
        })
        .collect()
}

/// Unix seconds of an ISO 8601 UTC time, whole (`…:00Z`) or with a fraction (`…:00.123Z`).
fn parse_added_at(text: &str) -> Option<i64> {
    match text.split_once('.') {
        None => parse_timestamp(text),
        Some((whole, fraction)) => {
            let digits = fraction.strip_suffix('Z')?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            parse_timestamp(&format!("{whole}Z"))
        }
    }
}

/// A per-type save: gated, scoped, every item existing.
pub(super) fn save(
    state: &AppState,
    caller: &Caller,
    operation: &str,
    kind: Saved,
    query: IdsParam,
    body: IdsBody,
) -> Result<StatusCode, ApiError> {
    caller.require_operation(operation)?;
    let user = caller.require_scope(LIBRARY_MODIFY)?;
    let items = match (kind, &body.timestamped_ids) {
        (Saved::Track, Some(entries)) => timestamped_tracks(entries)?,
        _ => per_type_items(kind, query.ids.as_deref(), body.ids.as_deref())?
            .into_iter()
            .map(|item| (item, None))
            .collect(),
    };
    require_existing(state, items.iter().map(|(item, _)| item))?;
    state.library_save(&user.id, &items);
    Ok(StatusCode::OK)
}

/// A per-type removal.
pub(super) fn remove(
    state: &AppState,
    caller: &Caller,
    operation: &str,
    kind: Saved,
    query: IdsParam,
    body: IdsBody,
) -> Result<StatusCode, ApiError> {
    caller.require_operation(operation)?;
    let user = caller.require_scope(LIBRARY_MODIFY)?;
    let items = per_type_items(kind, query.ids.as_deref(), body.ids.as_deref())?;
    state.library_remove(&user.id, &items);
    Ok(StatusCode::OK)
}

/// A per-type check: one boolean per id, in order.
pub(super) fn contains(
    state: &AppState,
    caller: &Caller,
    operation: &str,
    kind: Saved,
    query: IdsParam,
) -> Result<Json<Vec<bool>>, ApiError> {
    caller.require_operation(operation)?;
    let user = caller.require_scope(LIBRARY_READ)?;
    let items = per_type_items(kind, query.ids.as_deref(), None)?;
    Ok(Json(state.library().contains(&user.id, &items)))
}

/// One page of the caller's saved items of `kind`, newest first, each as
/// `{"added_at": .., key: item}` (`SavedTrackObject`…) on the request's base URL.
pub(super) fn saved_page(
    state: &AppState,
    caller: &Caller,
    query: &PageQuery,
    kind: Saved,
    path: &str,
) -> Result<Json<Value>, ApiError> {
    let user = caller.require_scope(LIBRARY_READ)?;
    let page = query.page(PageBounds::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let catalog = state.catalog();
    let ctx = caller.render(catalog, market.as_deref());
    let (saved, total) = state
        .library()
        .saved_page(&user.id, kind, page.offset, page.limit);
    let items = saved
        .iter()
        .filter_map(|(id, added_at)| {
            let id = id.as_str();
            let item = match kind {
                Saved::Track => render::track_by_request(&ctx, id).map(render::value),
                Saved::Album => catalog.album(id).map(|a| render::album(&ctx, a)),
                Saved::Episode => catalog.episode(id).map(|e| render::episode(&ctx, e)),
                Saved::Show => catalog.show(id).map(|s| render::simplified_show(&ctx, s)),
                Saved::Audiobook => catalog.audiobook(id).map(|b| render::audiobook(&ctx, b)),
                Saved::Playlist => None,
            }?;
            Some(render::saved(*added_at, kind.as_str(), item))
        })
        .collect();
    // The links ask again for the market as it was sent (`from_token` stays `from_token`).
    let params: Vec<(&str, &str)> = query
        .market
        .as_deref()
        .filter(|m| !m.is_empty())
        .map(|m| ("market", m))
        .into_iter()
        .collect();
    Ok(Json(render::paging(
        ctx.base, path, &params, page, total, items,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_at_takes_whole_seconds_and_fractions() {
        assert_eq!(parse_added_at("1970-01-01T00:01:00Z"), Some(60));
        assert_eq!(parse_added_at("1970-01-01T00:01:00.250Z"), Some(60));
        for bad in [
            "1970-01-01T00:01:00.Z",
            "1970-01-01T00:01:00.5",
            "yesterday",
            "",
        ] {
            assert_eq!(parse_added_at(bad), None, "{bad}");
        }
    }

    #[test]
    fn library_uris_follow_the_2026_rules() {
        let track = "spotify:track:7EjyzZcbLxW7PaaLua9Ksb";
        let artist = "spotify:artist:0OdUWJ0sBjDrqHygGUXeCF";
        let message = |r: Result<Vec<Item>, ApiError>| r.map(|v| v.len()).map_err(|e| e.message());
        assert_eq!(message(library_items(Some(track), Use::Save)), Ok(1));
        assert_eq!(message(library_items(Some(artist), Use::Contains)), Ok(1));
        assert_eq!(
            message(library_items(Some(artist), Use::Save)),
            Err(UNSUPPORTED_URI)
        );
        assert_eq!(
            message(library_items(Some(artist), Use::Remove)),
            Err(UNSUPPORTED_URI)
        );
        assert_eq!(message(library_items(None, Use::Save)), Err(MISSING_URIS));
        assert_eq!(
            message(library_items(Some(""), Use::Save)),
            Err(MISSING_URIS)
        );
        assert_eq!(
            message(library_items(Some("spotify:track:x"), Use::Save)),
            Err(INVALID_URI)
        );
        let forty_one = vec![track; 41].join(",");
        assert_eq!(
            message(library_items(Some(&forty_one), Use::Contains)),
            Err(TOO_MANY_IDS)
        );
        let forty = vec![track; 40].join(",");
        assert_eq!(message(library_items(Some(&forty), Use::Save)), Ok(40));
    }

    #[test]
    fn per_type_ids_come_from_the_query_else_the_body() {
        let a = "7EjyzZcbLxW7PaaLua9Ksb".to_owned();
        let b = "4iV5W9uYEdYUVa79Axb7Rh".to_owned();
        let items = per_type_items(Saved::Album, Some(&a), Some(std::slice::from_ref(&b))).unwrap();
        assert_eq!(items, [Item::Saved(Saved::Album, Id::parse(&a).unwrap())]);
        let items = per_type_items(Saved::Album, None, Some(&[a.clone(), b])).unwrap();
        assert_eq!(items.len(), 2);
        assert!(per_type_items(Saved::Album, None, None).is_err());
        let fifty_one = vec![a; 51];
        assert_eq!(
            per_type_items(Saved::Track, None, Some(&fifty_one))
                .unwrap_err()
                .message(),
            TOO_MANY_IDS
        );
    }
}
