//! Tracks, albums and artists: `TrackObject`, `SimplifiedTrackObject`, `AlbumObject`,
//! `SimplifiedAlbumObject`, `ArtistDiscographyAlbumObject`, `ArtistObject`,
//! `SimplifiedArtistObject`, `RecommendationSeedObject`.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value, json};

use super::view::{
    Copyrights, EntityRef, ExternalIdsView, ExternalUrls, Images, Link, MarketFields, Markets,
    PageView, Restrictions, value,
};
use super::{Ctx, Page, SPOTIFY_API, identity, images};
use crate::catalog::Catalog;
use crate::catalog::discovery::{SeedKind, SeedReport};
use crate::catalog::model::{Album, Artist, Id, Track};

/// `artists`: artists by id, simplified (unknown ids are skipped; the catalogue has none).
#[derive(Clone, Copy, Debug)]
struct Artists<'a> {
    catalog: &'a Catalog,
    ids: &'a [Id],
}

impl Serialize for Artists<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.ids
                .iter()
                .filter_map(|id| self.catalog.artists.get(id))
                .map(SimplifiedArtistView::new),
        )
    }
}

/// `SimplifiedArtistObject`.
#[derive(Clone, Copy, Debug, Serialize)]
pub(crate) struct SimplifiedArtistView<'a> {
    external_urls: ExternalUrls<'a>,
    href: Link<'a>,
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    uri: Link<'a>,
}

impl<'a> SimplifiedArtistView<'a> {
    fn new(artist: &'a Artist) -> Self {
        let id = artist.id.as_str();
        Self {
            external_urls: ExternalUrls::new("artist", id),
            href: Link::href("artists", id),
            id,
            name: &artist.name,
            kind: "artist",
            uri: Link::uri("artist", id),
        }
    }
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

/// Every album shape: `SimplifiedAlbumObject` (a track's `album`, search results, new
/// releases), `ArtistDiscographyAlbumObject` (with `album_group`) and `AlbumObject` (with
/// `copyrights`, `external_ids`, `genres`, `label`, `popularity` and the first page of
/// `tracks`). Fields in wire order.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct AlbumView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    album_group: Option<&'a str>,
    album_type: &'static str,
    artists: Artists<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    available_markets: Option<Markets>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyrights: Option<Copyrights<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_ids: Option<ExternalIdsView<'a>>,
    external_urls: ExternalUrls<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    genres: Option<&'a [String]>,
    href: Link<'a>,
    id: &'a str,
    images: Images<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    popularity: Option<u32>,
    release_date: &'a str,
    release_date_precision: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    restrictions: Option<Restrictions>,
    total_tracks: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    tracks: Option<PageView<Vec<TrackView<'a>>>>,
    #[serde(rename = "type")]
    kind: &'static str,
    uri: Link<'a>,
}

impl<'a> AlbumView<'a> {
    /// `SimplifiedAlbumObject`: the fields every album shape has (`AlbumBase` plus `artists`).
    pub(crate) fn simplified(ctx: &Ctx<'a>, album: &'a Album) -> Self {
        let id = album.id.as_str();
        let market = MarketFields::new(ctx, album.markets, true, false);
        Self {
            album_group: None,
            album_type: album.album_type.as_str(),
            artists: Artists {
                catalog: ctx.catalog,
                ids: &album.artists,
            },
            available_markets: market.available_markets,
            copyrights: None,
            external_ids: None,
            external_urls: ExternalUrls::new("album", id),
            genres: None,
            href: Link::href("albums", id),
            id,
            images: Images(&album.images),
            label: None,
            name: &album.name,
            popularity: None,
            release_date: &album.release_date.date,
            release_date_precision: album.release_date.precision.as_str(),
            restrictions: market.restrictions,
            total_tracks: album.tracks.len(),
            tracks: None,
            kind: "album",
            uri: Link::uri("album", id),
        }
    }

    /// `ArtistDiscographyAlbumObject`: a simplified album with `album_group` (the album's type
    /// when `artist` is one of its artists, else `appears_on`); development mode drops
    /// `album_group`.
    pub(crate) fn discography(ctx: &Ctx<'a>, album: &'a Album, artist: Id) -> Self {
        let group = if album.artists.contains(&artist) {
            album.album_type.as_str()
        } else {
            "appears_on"
        };
        Self {
            album_group: ctx.extended().then_some(group),
            ..Self::simplified(ctx, album)
        }
    }

    /// `AlbumObject`, with the first page (50) of its tracks on the request's base URL.
    pub(crate) fn full(ctx: &Ctx<'a>, album: &'a Album) -> Self {
        let page = Page::first(50);
        let items = page
            .slice(&album.tracks)
            .iter()
            .filter_map(|id| ctx.catalog.tracks.get(id))
            .map(|t| TrackView::simplified(ctx, t))
            .collect();
        let market: Vec<(&str, &str)> = ctx.market.map(|m| ("market", m)).into_iter().collect();
        let path = format!("/albums/{}/tracks", album.id);
        let tracks = PageView::new(ctx.base, &path, &market, page, album.tracks.len(), items);
        Self {
            copyrights: Some(Copyrights(&album.copyrights)),
            external_ids: Some(ExternalIdsView::new(&album.external_ids)),
            genres: Some(&album.genres),
            label: ctx.extended().then_some(album.label.as_str()),
            popularity: ctx.extended().then_some(album.popularity),
            tracks: Some(tracks),
            ..Self::simplified(ctx, album)
        }
    }
}

/// `SimplifiedAlbumObject` (a track's `album`, search results, new releases).
pub(crate) fn simplified_album(ctx: &Ctx<'_>, album: &Album) -> Value {
    value(AlbumView::simplified(ctx, album))
}

/// `ArtistDiscographyAlbumObject`: see [`AlbumView::discography`].
pub(crate) fn discography_album(ctx: &Ctx<'_>, album: &Album, artist: Id) -> Value {
    value(AlbumView::discography(ctx, album, artist))
}

/// `AlbumObject`, with the first page (50) of its tracks on the request's base URL.
pub(crate) fn album(ctx: &Ctx<'_>, album: &Album) -> Value {
    value(AlbumView::full(ctx, album))
}

/// Both track shapes: `TrackObject` and `SimplifiedTrackObject` (an album's track list, without
/// `album`, `external_ids` and `popularity`). Fields in wire order.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct TrackView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    album: Option<AlbumView<'a>>,
    artists: Artists<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    available_markets: Option<Markets>,
    disc_number: u32,
    duration_ms: u32,
    explicit: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_ids: Option<ExternalIdsView<'a>>,
    external_urls: ExternalUrls<'a>,
    href: Link<'a>,
    id: &'a str,
    is_local: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_playable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    linked_from: Option<EntityRef<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    popularity: Option<u32>,
    preview_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    restrictions: Option<Restrictions>,
    track_number: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    uri: Link<'a>,
}

impl<'a> TrackView<'a> {
    /// `SimplifiedTrackObject`, relinked for the market: with a market where `track` is not
    /// available but one of its relinks is, that one, `linked_from` naming `track` (extended
    /// mode).
    pub(crate) fn simplified(ctx: &Ctx<'a>, track: &'a Track) -> Self {
        let (served, requested) = relinked(ctx, track);
        Self::served(ctx, served, requested)
    }

    /// `TrackObject` (development mode: no `available_markets`, `linked_from`, `popularity`),
    /// relinked as [`TrackView::simplified`] is.
    pub(crate) fn full(ctx: &Ctx<'a>, track: &'a Track) -> Self {
        let (served, requested) = relinked(ctx, track);
        Self {
            album: ctx
                .catalog
                .albums
                .get(&served.album)
                .map(|album| AlbumView::simplified(ctx, album)),
            external_ids: Some(ExternalIdsView::new(&served.external_ids)),
            popularity: ctx.extended().then_some(served.popularity),
            ..Self::served(ctx, served, requested)
        }
    }

    /// The fields both shapes have, of `track` served for the `requested` id (when relinking
    /// serves it in that one's place).
    fn served(ctx: &Ctx<'a>, track: &'a Track, requested: Option<&'a Id>) -> Self {
        let id = track.id.as_str();
        let market = match requested {
            Some(_) => MarketFields {
                available_markets: None,
                is_playable: Some(true),
                restrictions: None,
                playable: true,
            },
            None => MarketFields::new(ctx, track.markets, true, true),
        };
        Self {
            album: None,
            artists: Artists {
                catalog: ctx.catalog,
                ids: &track.artists,
            },
            available_markets: market.available_markets,
            disc_number: track.disc_number,
            duration_ms: track.duration_ms,
            explicit: track.explicit,
            external_ids: None,
            external_urls: ExternalUrls::new("track", id),
            href: Link::href("tracks", id),
            id,
            is_local: false,
            is_playable: market.is_playable,
            linked_from: requested
                .filter(|_| ctx.extended())
                .map(|requested| EntityRef::new("track", "tracks", requested.as_str())),
            name: &track.name,
            popularity: None,
            preview_url: track.preview_url.as_deref(),
            restrictions: market.restrictions,
            track_number: track.track_number,
            kind: "track",
            uri: Link::uri("track", id),
        }
    }
}

/// `TrackObject` (development mode: no `available_markets`, `linked_from`, `popularity`).
pub(crate) fn track(ctx: &Ctx<'_>, track: &Track) -> Value {
    value(TrackView::full(ctx, track))
}

/// `GET /tracks/{id}`: the full track for a requested id, relinked for the market; `None` for
/// an unknown id.
pub(crate) fn track_by_request<'a>(ctx: &Ctx<'a>, id: &str) -> Option<TrackView<'a>> {
    Some(TrackView::full(ctx, ctx.catalog.track(id)?))
}

/// With a market where `track` is not available, the first of its relinks that is: that track,
/// and the requested id for `linked_from`. Otherwise `track` itself.
fn relinked<'c>(ctx: &Ctx<'c>, track: &'c Track) -> (&'c Track, Option<&'c Id>) {
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
        .map_or((track, None), |stand_in| (stand_in, Some(&track.id)))
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
