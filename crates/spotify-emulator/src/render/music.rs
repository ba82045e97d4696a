//! Tracks, albums and artists: `TrackObject`, `SimplifiedTrackObject`, `AlbumObject`,
//! `SimplifiedAlbumObject`, `ArtistDiscographyAlbumObject`, `ArtistObject`,
//! `SimplifiedArtistObject`, `RecommendationSeedObject`.

use serde_json::{Map, Value, json};

use super::{
    Ctx, Page, SPOTIFY_API, apply_market, copyrights, external_ids, identity, images, paging,
};
use crate::catalog::discovery::{SeedKind, SeedReport};
use crate::catalog::model::{Album, Artist, Id, Track};

/// Artists by id, simplified (unknown ids are skipped; the catalogue has none).
fn artists(ctx: &Ctx<'_>, ids: &[Id]) -> Value {
    ids.iter()
        .filter_map(|id| ctx.catalog.artists.get(id))
        .map(simplified_artist)
        .collect()
}

/// `SimplifiedArtistObject`.
pub(crate) fn simplified_artist(artist: &Artist) -> Value {
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

/// `ArtistObject` (development mode: no `followers`, `popularity`).
pub(crate) fn artist(ctx: &Ctx<'_>, artist: &Artist) -> Value {
    let mut object = Map::new();
    identity(
        &mut object,
        "artist",
        "artists",
        "artist",
        artist.id.as_str(),
    );
    object.insert("name".into(), artist.name.clone().into());
    object.insert("genres".into(), artist.genres.clone().into());
    object.insert("images".into(), images(&artist.images));
    if ctx.extended() {
        object.insert(
            "followers".into(),
            json!({ "href": null, "total": artist.followers }),
        );
        object.insert("popularity".into(), artist.popularity.into());
    }
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
pub(crate) fn simplified_album(ctx: &Ctx<'_>, album: &Album) -> Value {
    Value::Object(album_base(ctx, album))
}

/// `ArtistDiscographyAlbumObject`: a simplified album with `album_group` (the album's type when
/// `artist` is one of its artists, else `appears_on`); development mode drops `album_group`.
pub(crate) fn discography_album(ctx: &Ctx<'_>, album: &Album, artist: Id) -> Value {
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
pub(crate) fn album(ctx: &Ctx<'_>, album: &Album) -> Value {
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
pub(crate) fn simplified_track(ctx: &Ctx<'_>, track: &Track) -> Value {
    let (track, requested) = relinked(ctx, track);
    Value::Object(track_base(ctx, track, requested))
}

/// `TrackObject` (development mode: no `available_markets`, `linked_from`, `popularity`).
pub(crate) fn track(ctx: &Ctx<'_>, track: &Track) -> Value {
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
pub(crate) fn track_by_request(ctx: &Ctx<'_>, id: &str) -> Option<Value> {
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

/// `RecommendationSeedObject`: Spotify names the counts in camelCase and the type in upper
/// case (`ARTIST`); `href` is `null` for a genre.
pub(crate) fn recommendation_seed(report: &SeedReport) -> Value {
    let (kind, href) = match report.seed.kind {
        SeedKind::Artist => (
            "ARTIST",
            Some(format!("{SPOTIFY_API}/artists/{}", report.seed.id)),
        ),
        SeedKind::Track => (
            "TRACK",
            Some(format!("{SPOTIFY_API}/tracks/{}", report.seed.id)),
        ),
        SeedKind::Genre => ("GENRE", None),
    };
    json!({
        "initialPoolSize": report.initial_pool_size,
        "afterFilteringSize": report.after_filtering_size,
        "afterRelinkingSize": report.after_relinking_size,
        "id": report.seed.id,
        "type": kind,
        "href": href,
    })
}
