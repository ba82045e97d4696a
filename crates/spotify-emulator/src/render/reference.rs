//! The bodies as they were rendered before the views (`view.rs`): each track, album and
//! playlist item built as a `serde_json::Value`, then serialised. Kept for the tests only, as
//! the reference the views' bytes are compared with (`tests.rs`,
//! `views_render_the_bytes_the_value_path_did`).

use serde_json::{Map, Value, json};

use super::playlists::{ItemsQuery, episode_as_track, local_track};
use super::{Ctx, OPEN_SPOTIFY, Page, SPOTIFY_API, episode, page_url};
use crate::catalog::markets::MarketSet;
use crate::catalog::model::{
    Album, Artist, Copyright, ExternalIds, Id, Image, ItemRef, LocalFile, Playlist, PlaylistItem,
    Track, format_timestamp,
};

/// A paging object (`PagingObject`): `href`, `items`, `limit`, `next`, `offset`, `previous`,
/// `total`, with `href`, `next` and `previous` on `base` (the request's own base URL) and `path`
/// (e.g. `/albums/{id}/tracks`). `params` are the request's other parameters in Spotify's order
/// (e.g. `[("market", "SE")]`; search renames `q` to `query`).
pub(super) fn paging(
    base: &str,
    path: &str,
    params: &[(&str, &str)],
    page: Page,
    total: usize,
    items: Vec<Value>,
) -> Value {
    let next_offset = page.offset.saturating_add(page.limit);
    let next = (next_offset < total).then(|| page_url(base, path, params, next_offset, page.limit));
    let previous = (page.offset > 0).then(|| {
        page_url(
            base,
            path,
            params,
            page.offset.saturating_sub(page.limit),
            page.limit,
        )
    });
    json!({
        "href": page_url(base, path, params, page.offset, page.limit),
        "items": items,
        "limit": page.limit,
        "next": next,
        "offset": page.offset,
        "previous": previous,
        "total": total,
    })
}

/// `external_urls`, `href`, `id`, `type` and `uri` of an entity into `object`. `kind` is the
/// wire `type`; `path` the API collection; `open` the open.spotify.com kind (and URI kind).
pub(super) fn identity(
    object: &mut Map<String, Value>,
    kind: &str,
    path: &str,
    open: &str,
    id: &str,
) {
    object.insert(
        "external_urls".into(),
        json!({ "spotify": format!("{OPEN_SPOTIFY}/{open}/{id}") }),
    );
    object.insert("href".into(), format!("{SPOTIFY_API}/{path}/{id}").into());
    object.insert("id".into(), id.into());
    object.insert("type".into(), kind.into());
    object.insert("uri".into(), format!("spotify:{open}:{id}").into());
}

pub(super) fn images(images: &[Image]) -> Value {
    images
        .iter()
        .map(|i| json!({ "url": i.url, "height": i.height, "width": i.width }))
        .collect()
}

pub(super) fn copyrights(copyrights: &[Copyright]) -> Value {
    copyrights
        .iter()
        .map(|c| json!({ "text": c.text, "type": c.kind }))
        .collect()
}

pub(super) fn external_ids(ids: &ExternalIds) -> Value {
    let mut object = Map::new();
    for (name, value) in [("isrc", &ids.isrc), ("ean", &ids.ean), ("upc", &ids.upc)] {
        if let Some(value) = value {
            object.insert(name.into(), value.clone().into());
        }
    }
    Value::Object(object)
}

pub(super) fn market_list(markets: MarketSet) -> Value {
    markets.codes().collect::<Vec<_>>().into()
}

/// Adds `available_markets` (no market, extended mode only), or `is_playable` and a market
/// restriction (a market given), for content available in `markets`. Returns whether it is
/// playable there (true without a market).
pub(super) fn apply_market(
    ctx: &Ctx<'_>,
    object: &mut Map<String, Value>,
    markets: MarketSet,
    with_markets_field: bool,
    with_is_playable: bool,
) -> bool {
    match ctx.market {
        None => {
            if with_markets_field && ctx.extended() {
                object.insert("available_markets".into(), market_list(markets));
            }
            true
        }
        Some(market) => {
            let playable = markets.contains(market);
            if with_is_playable {
                object.insert("is_playable".into(), playable.into());
            }
            if !playable {
                object.insert("restrictions".into(), json!({ "reason": "market" }));
            }
            playable
        }
    }
}

/// Artists by id, simplified (unknown ids are skipped; the catalogue has none).
fn artists(ctx: &Ctx<'_>, ids: &[Id]) -> Value {
    ids.iter()
        .filter_map(|id| ctx.catalog.artists.get(id))
        .map(simplified_artist)
        .collect()
}

/// `SimplifiedArtistObject`.
pub(super) fn simplified_artist(artist: &Artist) -> Value {
    let mut object = Map::new();
    identity(
        &mut object,
        "artist",
        "artists",
        "artist",
        artist.id.as_str(),
    );
    object.insert("name".into(), artist.name.clone().into());
    Value::Object(object)
}

/// The fields every album shape has (`AlbumBase` plus `artists`).
fn album_base(ctx: &Ctx<'_>, album: &Album) -> Map<String, Value> {
    let mut object = Map::new();
    identity(&mut object, "album", "albums", "album", album.id.as_str());
    object.insert("name".into(), album.name.clone().into());
    object.insert("album_type".into(), album.album_type.as_str().into());
    object.insert("total_tracks".into(), album.tracks.len().into());
    object.insert("images".into(), images(&album.images));
    object.insert(
        "release_date".into(),
        album.release_date.date.clone().into(),
    );
    object.insert(
        "release_date_precision".into(),
        album.release_date.precision.as_str().into(),
    );
    object.insert("artists".into(), artists(ctx, &album.artists));
    apply_market(ctx, &mut object, album.markets, true, false);
    object
}

/// `SimplifiedAlbumObject` (a track's `album`, search results, new releases).
pub(super) fn simplified_album(ctx: &Ctx<'_>, album: &Album) -> Value {
    Value::Object(album_base(ctx, album))
}

/// `ArtistDiscographyAlbumObject`: a simplified album with `album_group` (the album's type when
/// `artist` is one of its artists, else `appears_on`); development mode drops `album_group`.
pub(super) fn discography_album(ctx: &Ctx<'_>, album: &Album, artist: Id) -> Value {
    let mut object = album_base(ctx, album);
    if ctx.extended() {
        let group = if album.artists.contains(&artist) {
            album.album_type.as_str()
        } else {
            "appears_on"
        };
        object.insert("album_group".into(), group.into());
    }
    Value::Object(object)
}

/// `AlbumObject`, with the first page (50) of its tracks on the request's base URL.
pub(super) fn album(ctx: &Ctx<'_>, album: &Album) -> Value {
    let mut object = album_base(ctx, album);
    object.insert("copyrights".into(), copyrights(&album.copyrights));
    object.insert("external_ids".into(), external_ids(&album.external_ids));
    object.insert("genres".into(), album.genres.clone().into());
    if ctx.extended() {
        object.insert("label".into(), album.label.clone().into());
        object.insert("popularity".into(), album.popularity.into());
    }
    let page = Page::first(50);
    let items = page
        .slice(&album.tracks)
        .iter()
        .filter_map(|id| ctx.catalog.tracks.get(id))
        .map(|t| simplified_track(ctx, t))
        .collect();
    let market: Vec<(&str, &str)> = ctx.market.map(|m| ("market", m)).into_iter().collect();
    let path = format!("/albums/{}/tracks", album.id);
    object.insert(
        "tracks".into(),
        paging(ctx.base, &path, &market, page, album.tracks.len(), items),
    );
    Value::Object(object)
}

/// The fields both track shapes have. `requested` is the id the client asked for, when
/// relinking serves `track` in its place.
fn track_base(ctx: &Ctx<'_>, track: &Track, requested: Option<Id>) -> Map<String, Value> {
    let mut object = Map::new();
    identity(&mut object, "track", "tracks", "track", track.id.as_str());
    object.insert("name".into(), track.name.clone().into());
    object.insert("artists".into(), artists(ctx, &track.artists));
    object.insert("disc_number".into(), track.disc_number.into());
    object.insert("track_number".into(), track.track_number.into());
    object.insert("duration_ms".into(), track.duration_ms.into());
    object.insert("explicit".into(), track.explicit.into());
    object.insert("is_local".into(), false.into());
    object.insert("preview_url".into(), track.preview_url.clone().into());
    match requested {
        Some(requested) => {
            object.insert("is_playable".into(), true.into());
            if ctx.extended() {
                let mut linked = Map::new();
                identity(&mut linked, "track", "tracks", "track", requested.as_str());
                object.insert("linked_from".into(), Value::Object(linked));
            }
        }
        None => {
            apply_market(ctx, &mut object, track.markets, true, true);
        }
    }
    object
}

/// `SimplifiedTrackObject` (an album's track list).
pub(super) fn simplified_track(ctx: &Ctx<'_>, track: &Track) -> Value {
    let (track, requested) = relinked(ctx, track);
    Value::Object(track_base(ctx, track, requested))
}

/// `TrackObject` (development mode: no `available_markets`, `linked_from`, `popularity`).
pub(super) fn track(ctx: &Ctx<'_>, track: &Track) -> Value {
    let (track, requested) = relinked(ctx, track);
    let mut object = track_base(ctx, track, requested);
    if let Some(album) = ctx.catalog.albums.get(&track.album) {
        object.insert("album".into(), simplified_album(ctx, album));
    }
    object.insert("external_ids".into(), external_ids(&track.external_ids));
    if ctx.extended() {
        object.insert("popularity".into(), track.popularity.into());
    }
    Value::Object(object)
}

/// `GET /tracks/{id}`: the full track for a requested id, relinked for the market; `None` for
/// an unknown id.
pub(super) fn track_by_request(ctx: &Ctx<'_>, id: &str) -> Option<Value> {
    Some(track(ctx, ctx.catalog.track(id)?))
}

/// With a market where `track` is not available, the first of its relinks that is: that track,
/// and the requested id for `linked_from`. Otherwise `track` itself.
fn relinked<'c>(ctx: &Ctx<'c>, track: &'c Track) -> (&'c Track, Option<Id>) {
    let Some(market) = ctx.market else {
        return (track, None);
    };
    if track.markets.contains(market) {
        return (track, None);
    }
    track
        .relinks
        .iter()
        .filter_map(|id| ctx.catalog.tracks.get(id))
        .find(|stand_in| stand_in.markets.contains(market))
        .map_or((track, None), |stand_in| (stand_in, Some(track.id)))
}

/// `PlaylistOwnerObject` / `PlaylistUserObject` of a user id (display name from the catalogue).
fn owner(ctx: &Ctx<'_>, user_id: &str, with_name: bool) -> Value {
    let mut object = Map::new();
    identity(&mut object, "user", "users", "user", user_id);
    if with_name {
        let name = ctx
            .catalog
            .user(user_id)
            .and_then(|u| u.display_name.clone());
        object.insert("display_name".into(), name.into());
    }
    Value::Object(object)
}

/// One page of a playlist's items (`PagingPlaylistTrackObject`) on the request's base URL:
/// `/playlists/{id}/items`, or `/playlists/{id}/tracks` with `legacy`. The handler checks
/// [`can_read_items`] first (development mode answers 403 otherwise).
pub(super) fn playlist_items_page(
    ctx: &Ctx<'_>,
    playlist: &Playlist,
    page: Page,
    legacy: bool,
    query: ItemsQuery<'_>,
) -> Value {
    let items = page
        .slice(&playlist.items)
        .iter()
        .map(|item| playlist_item(ctx, item, query))
        .collect();
    let path = format!(
        "/playlists/{}/{}",
        playlist.id,
        if legacy { "tracks" } else { "items" }
    );
    paging(
        ctx.base,
        &path,
        &query.params(ctx),
        page,
        playlist.items.len(),
        items,
    )
}

/// `PlaylistTrackObject`: `item` (and the old `track` in extended mode), `added_at`, `added_by`
/// (null on very old items) and `is_local`. The content is a track, an episode (track-shaped
/// unless the client takes episodes), a local file, or `null` for content gone from the
/// catalogue.
pub(super) fn playlist_item(ctx: &Ctx<'_>, item: &PlaylistItem, query: ItemsQuery<'_>) -> Value {
    let content = match item.item {
        ItemRef::Track(id) => ctx.catalog.tracks.get(&id).map(|t| track(ctx, t)),
        ItemRef::Episode(id) => ctx.catalog.episodes.get(&id).map(|e| {
            if query.episodes() {
                episode(ctx, e)
            } else {
                episode_as_track(ctx, e)
            }
        }),
        ItemRef::Local(n) => Some(local_track(ctx, &LocalFile::nth(n))),
    }
    .unwrap_or(Value::Null);
    let mut object = Map::new();
    object.insert(
        "added_at".into(),
        item.added_at.map(format_timestamp).into(),
    );
    object.insert(
        "added_by".into(),
        item.added_by
            .as_deref()
            .map_or(Value::Null, |u| owner(ctx, u, false)),
    );
    object.insert(
        "is_local".into(),
        matches!(item.item, ItemRef::Local(_)).into(),
    );
    if ctx.extended() {
        object.insert("track".into(), content.clone());
    }
    object.insert("item".into(), content);
    Value::Object(object)
}
