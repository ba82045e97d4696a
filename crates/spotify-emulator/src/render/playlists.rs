//! Playlists, categories, users and audio features: `PlaylistObject`,
//! `SimplifiedPlaylistObject`, `PlaylistTrackObject`, `CategoryObject`, `PublicUserObject`,
//! `PrivateUserObject`, `AudioFeaturesObject`.

use std::sync::Arc;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use serde_json::{Map, Value, json};

use super::view::{EntityRef, PageView, value};
use super::{
    Ctx, OPEN_SPOTIFY, Page, SPOTIFY_API, TrackView, apply_market, episode, identity, images,
    market_list, paging, playlist_images,
};
use crate::catalog::model::{
    AudioFeatures, Category, Episode, ItemRef, LocalFile, Playlist, PlaylistItem, PublicUser,
    format_timestamp,
};
use crate::config::User;

/// `PlaylistOwnerObject` / `PlaylistUserObject` of a user id (display name from the catalogue).
fn owner(ctx: &Ctx<'_>, user_id: &str) -> Value {
    let mut object = Map::new();
    identity(&mut object, "user", "users", "user", user_id);
    let name = ctx
        .catalog
        .user(user_id)
        .and_then(|u| u.display_name.clone());
    object.insert("display_name".into(), name.into());
    Value::Object(object)
}

/// Whether the caller may see the playlist's items: always in extended mode; in development
/// mode only the owner and collaborators (`API-CHANGES.md`, "Playlist renames").
pub(crate) fn can_read_items(ctx: &Ctx<'_>, playlist: &Playlist) -> bool {
    ctx.extended() || ctx.user.is_some_and(|user| playlist.is_editable_by(user))
}

fn playlist_base(ctx: &Ctx<'_>, playlist: &Playlist) -> Map<String, Value> {
    let mut object = Map::new();
    identity(
        &mut object,
        "playlist",
        "playlists",
        "playlist",
        playlist.id.as_str(),
    );
    object.insert("name".into(), playlist.name.clone().into());
    object.insert("description".into(), playlist.description.clone().into());
    object.insert("collaborative".into(), playlist.collaborative.into());
    object.insert("public".into(), playlist.public.into());
    object.insert("images".into(), playlist_images(ctx, &playlist.images));
    object.insert("owner".into(), owner(ctx, &playlist.owner));
    object.insert("snapshot_id".into(), playlist.snapshot_id.clone().into());
    object
}

/// `SimplifiedPlaylistObject`: `items: {href, total}` (metadata, so sent in both modes), plus
/// the old `tracks` in extended mode.
pub(crate) fn simplified_playlist(ctx: &Ctx<'_>, playlist: &Playlist) -> Value {
    let mut object = playlist_base(ctx, playlist);
    let reference = |name: &str| {
        json!({
            "href": format!("{SPOTIFY_API}/playlists/{}/{name}", playlist.id),
            "total": playlist.items.len(),
        })
    };
    object.insert("items".into(), reference("items"));
    if ctx.extended() {
        object.insert("tracks".into(), reference("tracks"));
    }
    Value::Object(object)
}

/// One page of the current user's playlists (`GET /me/playlists`, `PagingPlaylistObject`):
/// Spotify's own playlists are `null` entries for an app the November 2024 rules cover, as
/// Spotify sends them (reported since 2024-12, API-CHANGES.md); `total` counts them.
pub(crate) fn my_playlists_page(ctx: &Ctx<'_>, page: Page, listed: &[Arc<Playlist>]) -> Value {
    let items = page
        .slice(listed)
        .iter()
        .map(|p| {
            if p.is_spotify_owned() && !ctx.extended() {
                Value::Null
            } else {
                simplified_playlist(ctx, p)
            }
        })
        .collect();
    paging(ctx.base, "/me/playlists", &[], page, listed.len(), items)
}

/// How a playlist's items were asked for: the request's `additional_types` (without
/// `episode`, episodes come in a track-like shape) and `fields` (echoed, with the market, in
/// the paging links, so following `next` asks for the same).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ItemsQuery<'a> {
    pub(crate) additional_types: Option<&'a str>,
    pub(crate) fields: Option<&'a str>,
}

impl ItemsQuery<'_> {
    /// Whether the client takes episodes as episodes (`additional_types` names `episode`).
    pub(crate) fn episodes(&self) -> bool {
        self.additional_types
            .is_some_and(|types| types.split(',').any(|t| t.trim() == "episode"))
    }

    /// The request's parameters other than paging, in the order of the paging links.
    pub(super) fn params<'a>(&'a self, ctx: &Ctx<'a>) -> Vec<(&'a str, &'a str)> {
        [
            ("market", ctx.market),
            ("fields", self.fields),
            ("additional_types", self.additional_types),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value.filter(|v| !v.is_empty())?)))
        .collect()
    }
}

/// `PlaylistObject`, with the first page (100) of its items: as `items` (and the old `tracks`
/// in extended mode). In development mode, a playlist the caller neither owns nor collaborates
/// on comes back with metadata only. The embedded pages' links carry the request's
/// `additional_types` (its `fields` filter the playlist, not the pages).
pub(crate) fn playlist(ctx: &Ctx<'_>, playlist: &Playlist, query: ItemsQuery<'_>) -> Value {
    let mut object = playlist_base(ctx, playlist);
    object.insert(
        "followers".into(),
        json!({ "href": null, "total": playlist.followers }),
    );
    if can_read_items(ctx, playlist) {
        let page = Page::first(100);
        let query = ItemsQuery {
            fields: None,
            ..query
        };
        object.insert(
            "items".into(),
            value(playlist_items_page(ctx, playlist, page, false, query)),
        );
        if ctx.extended() {
            object.insert(
                "tracks".into(),
                value(playlist_items_page(ctx, playlist, page, true, query)),
            );
        }
    }
    Value::Object(object)
}

/// One page of a playlist's items (`PagingPlaylistTrackObject`) on the request's base URL:
/// `/playlists/{id}/items`, or `/playlists/{id}/tracks` with `legacy`. The handler checks
/// [`can_read_items`] first (development mode answers 403 otherwise).
pub(crate) fn playlist_items_page<'a>(
    ctx: &Ctx<'a>,
    playlist: &'a Playlist,
    page: Page,
    legacy: bool,
    query: ItemsQuery<'_>,
) -> PageView<Vec<PlaylistItemView<'a>>> {
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
    PageView::new(
        ctx.base,
        &path,
        &query.params(ctx),
        page,
        playlist.items.len(),
        items,
    )
}

/// `PlaylistTrackObject`: `added_at`, `added_by` (null on very old items), `is_local`, `item`
/// and, in extended mode, the same content again as the old `track`.
#[derive(Clone, Debug)]
pub(crate) struct PlaylistItemView<'a> {
    added_at: Option<String>,
    added_by: Option<EntityRef<'a>>,
    is_local: bool,
    content: Content<'a>,
    legacy: bool,
}

/// What a playlist item holds: a track, another shape (an episode, a local file), or `null`
/// for content gone from the catalogue.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
enum Content<'a> {
    Track(Box<TrackView<'a>>),
    Other(Value),
    Gone,
}

impl Serialize for PlaylistItemView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object =
            serializer.serialize_struct("PlaylistTrackObject", 4 + usize::from(self.legacy))?;
        object.serialize_field("added_at", &self.added_at)?;
        object.serialize_field("added_by", &self.added_by)?;
        object.serialize_field("is_local", &self.is_local)?;
        object.serialize_field("item", &self.content)?;
        if self.legacy {
            object.serialize_field("track", &self.content)?;
        }
        object.end()
    }
}

/// `PlaylistTrackObject`: the content is a track, an episode (track-shaped unless the client
/// takes episodes), a local file, or `null` for content gone from the catalogue.
pub(crate) fn playlist_item<'a>(
    ctx: &Ctx<'a>,
    item: &'a PlaylistItem,
    query: ItemsQuery<'_>,
) -> PlaylistItemView<'a> {
    let content = match item.item {
        ItemRef::Track(id) => ctx
            .catalog
            .tracks
            .get(&id)
            .map(|t| Content::Track(Box::new(TrackView::full(ctx, t)))),
        ItemRef::Episode(id) => ctx.catalog.episodes.get(&id).map(|e| {
            Content::Other(if query.episodes() {
                episode(ctx, e)
            } else {
                episode_as_track(ctx, e)
            })
        }),
        ItemRef::Local(n) => Some(Content::Other(local_track(ctx, &LocalFile::nth(n)))),
    }
    .unwrap_or(Content::Gone);
    PlaylistItemView {
        added_at: item.added_at.map(format_timestamp),
        added_by: item
            .added_by
            .as_deref()
            .map(|user| EntityRef::new("user", "users", user)),
        is_local: matches!(item.item, ItemRef::Local(_)),
        content,
        legacy: ctx.extended(),
    }
}

/// A local file as Spotify sends it among playlist items: a `TrackObject` with `is_local: true`
/// and `null` where the catalogue would put an id, a link or a date (for the track, its album
/// and its artist), and a `spotify:local:` URI. Its album has `total_tracks: 0`, so a client
/// that needs the spec's required fields finds them. Development mode leaves out
/// `available_markets` and `popularity`, as for any track.
pub(super) fn local_track(ctx: &Ctx<'_>, file: &LocalFile) -> Value {
    let mut album = json!({
        "album_type": null,
        "artists": [],
        "external_urls": {},
        "href": null,
        "id": null,
        "images": [],
        "name": file.album,
        "release_date": null,
        "release_date_precision": null,
        "total_tracks": 0,
        "type": "album",
        "uri": null,
    });
    let mut object = json!({
        "album": null,
        "artists": [{
            "external_urls": {},
            "href": null,
            "id": null,
            "name": file.artist,
            "type": "artist",
            "uri": null,
        }],
        "disc_number": 0,
        "duration_ms": file.duration_ms,
        "explicit": false,
        "external_ids": {},
        "external_urls": {},
        "href": null,
        "id": null,
        "is_local": true,
        "name": file.name,
        "preview_url": null,
        "track_number": 0,
        "type": "track",
        "uri": file.uri(),
    });
    if ctx.extended() {
        album["available_markets"] = json!([]);
        object["available_markets"] = json!([]);
        object["popularity"] = 0.into();
    }
    object["album"] = album;
    object
}

/// An episode in the track-like shape Spotify uses when the client did not ask for episodes
/// (`additional_types` without `episode`): its show stands in as `album` and as the one
/// artist, `"episode": true` and `"track": false`, and `type` stays `episode`.
pub(super) fn episode_as_track(ctx: &Ctx<'_>, episode: &Episode) -> Value {
    let mut object = Map::new();
    identity(
        &mut object,
        "episode",
        "episodes",
        "episode",
        episode.id.as_str(),
    );
    if let Some(show) = ctx.catalog.shows.get(&episode.show) {
        let mut album = Map::new();
        identity(&mut album, "show", "shows", "show", show.id.as_str());
        album.insert("album_type".into(), "show".into());
        album.insert("name".into(), show.name.clone().into());
        album.insert("images".into(), images(&show.images));
        album.insert(
            "release_date".into(),
            episode.release_date.date.clone().into(),
        );
        album.insert(
            "release_date_precision".into(),
            episode.release_date.precision.as_str().into(),
        );
        album.insert("total_tracks".into(), show.episodes.len().into());
        let mut artist = Map::new();
        identity(&mut artist, "show", "shows", "show", show.id.as_str());
        artist.insert("name".into(), show.name.clone().into());
        album.insert("artists".into(), json!([artist.clone()]));
        if ctx.extended() && ctx.market.is_none() {
            album.insert("available_markets".into(), market_list(show.markets));
        }
        object.insert("album".into(), Value::Object(album));
        object.insert("artists".into(), json!([artist]));
    }
    object.insert("name".into(), episode.name.clone().into());
    object.insert("disc_number".into(), 0.into());
    object.insert("track_number".into(), 0.into());
    object.insert("duration_ms".into(), episode.duration_ms.into());
    object.insert("explicit".into(), episode.explicit.into());
    object.insert("episode".into(), true.into());
    object.insert("track".into(), false.into());
    object.insert("is_local".into(), false.into());
    object.insert("external_ids".into(), json!({}));
    object.insert(
        "preview_url".into(),
        episode.audio_preview_url.clone().into(),
    );
    apply_market(ctx, &mut object, episode.markets, true, true);
    if ctx.extended() {
        object.insert("popularity".into(), 0.into());
    }
    Value::Object(object)
}

/// `CategoryObject` (its `href` on Spotify's API base, as real bodies have it).
pub(crate) fn category(category: &Category) -> Value {
    json!({
        "href": format!("{SPOTIFY_API}/browse/categories/{}", category.id),
        "icons": images(&category.icons),
        "id": category.id,
        "name": category.name,
    })
}

/// `PublicUserObject` (development mode: no `followers`).
pub(crate) fn public_user(ctx: &Ctx<'_>, user: &PublicUser) -> Value {
    let mut object = Map::new();
    identity(&mut object, "user", "users", "user", &user.id);
    object.insert("display_name".into(), user.display_name.clone().into());
    object.insert("images".into(), images(&user.images));
    if ctx.extended() {
        object.insert(
            "followers".into(),
            json!({ "href": null, "total": user.followers }),
        );
    }
    Value::Object(object)
}

/// `PrivateUserObject` (`GET /me`): `email` only with `user-read-email`; `country`, `product`
/// and `explicit_content` only with `user-read-private`; and in development mode none of
/// `country`, `email`, `explicit_content`, `followers`, `product` at all.
pub(crate) fn private_user(ctx: &Ctx<'_>, user: &User, email: bool, private: bool) -> Value {
    let mut object = Map::new();
    object.insert("account_id".into(), user.account_id.clone().into());
    object.insert("display_name".into(), user.display_name.clone().into());
    object.insert(
        "external_urls".into(),
        json!({ "spotify": format!("{OPEN_SPOTIFY}/user/{}", user.id) }),
    );
    object.insert(
        "href".into(),
        format!("{SPOTIFY_API}/users/{}", user.id).into(),
    );
    object.insert("id".into(), user.id.clone().into());
    object.insert("images".into(), json!([]));
    object.insert("type".into(), "user".into());
    object.insert("uri".into(), format!("spotify:user:{}", user.id).into());
    if ctx.extended() {
        object.insert(
            "followers".into(),
            json!({ "href": null, "total": user.followers }),
        );
        if email {
            object.insert("email".into(), user.email.clone().into());
        }
        if private {
            object.insert("country".into(), user.country.clone().into());
            object.insert("product".into(), user.product.as_str().into());
            object.insert(
                "explicit_content".into(),
                json!({
                    "filter_enabled": user.explicit_filter_enabled,
                    "filter_locked": user.explicit_filter_locked,
                }),
            );
        }
    }
    Value::Object(object)
}

/// `AudioFeaturesObject`.
pub(crate) fn audio_features(features: &AudioFeatures) -> Value {
    let id = features.id.as_str();
    json!({
        "acousticness": features.acousticness,
        "analysis_url": format!("{SPOTIFY_API}/audio-analysis/{id}"),
        "danceability": features.danceability,
        "duration_ms": features.duration_ms,
        "energy": features.energy,
        "id": id,
        "instrumentalness": features.instrumentalness,
        "key": features.key,
        "liveness": features.liveness,
        "loudness": features.loudness,
        "mode": features.mode,
        "speechiness": features.speechiness,
        "tempo": features.tempo,
        "time_signature": features.time_signature,
        "track_href": format!("{SPOTIFY_API}/tracks/{id}"),
        "type": "audio_features",
        "uri": format!("spotify:track:{id}"),
        "valence": features.valence,
    })
}
