//! Render tests: every entity of the built-in catalogue renders with its schema's required
//! fields; quota modes, markets, relinking and paging.

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use super::*;
use crate::catalog::ids;
use crate::catalog::model::{Album, Id};

const BASE: &str = "http://127.0.0.1:9/v1";

fn ctx<'a>(catalog: &'a Catalog, mode: QuotaMode, market: Option<&'a str>) -> Ctx<'a> {
    Ctx {
        catalog,
        mode,
        market,
        user: Some(crate::config::DEFAULT_USER_ID),
        playback_position: true,
        base: BASE,
    }
}

/// `GET /tracks/{id}`'s body as a `Value`, for looking into.
fn track_value(ctx: &Ctx<'_>, id: &str) -> Option<Value> {
    track_by_request(ctx, id).map(value)
}

/// A page of a playlist's items as a `Value`, for looking into.
fn items_page_value(
    ctx: &Ctx<'_>,
    playlist: &crate::catalog::model::Playlist,
    page: Page,
    legacy: bool,
    query: ItemsQuery<'_>,
) -> Value {
    value(playlist_items_page(ctx, playlist, page, legacy, query))
}

fn has_all(value: &Value, fields: &[&str], what: &str) {
    for field in fields {
        assert!(
            value.get(field).is_some(),
            "{what}: no `{field}` in {value}"
        );
    }
}

const SIMPLIFIED_ALBUM: &[&str] = &[
    "album_type",
    "artists",
    "available_markets",
    "external_urls",
    "href",
    "id",
    "images",
    "name",
    "release_date",
    "release_date_precision",
    "total_tracks",
    "type",
    "uri",
];
const ALBUM: &[&str] = &[
    "copyrights",
    "external_ids",
    "genres",
    "label",
    "popularity",
    "tracks",
];
const TRACK: &[&str] = &[
    "album",
    "artists",
    "available_markets",
    "disc_number",
    "duration_ms",
    "explicit",
    "external_ids",
    "external_urls",
    "href",
    "id",
    "is_local",
    "name",
    "popularity",
    "preview_url",
    "track_number",
    "type",
    "uri",
];
const ARTIST: &[&str] = &[
    "external_urls",
    "followers",
    "genres",
    "href",
    "id",
    "images",
    "name",
    "popularity",
    "type",
    "uri",
];
const SHOW: &[&str] = &[
    "available_markets",
    "copyrights",
    "description",
    "episodes",
    "explicit",
    "external_urls",
    "href",
    "html_description",
    "id",
    "images",
    "is_externally_hosted",
    "languages",
    "media_type",
    "name",
    "publisher",
    "total_episodes",
    "type",
    "uri",
];
const EPISODE: &[&str] = &[
    "audio_preview_url",
    "description",
    "duration_ms",
    "explicit",
    "external_urls",
    "href",
    "html_description",
    "id",
    "images",
    "is_externally_hosted",
    "is_playable",
    "languages",
    "name",
    "release_date",
    "release_date_precision",
    "show",
    "type",
    "uri",
];
const AUDIOBOOK: &[&str] = &[
    "authors",
    "available_markets",
    "chapters",
    "copyrights",
    "description",
    "explicit",
    "external_urls",
    "href",
    "html_description",
    "id",
    "images",
    "languages",
    "media_type",
    "name",
    "narrators",
    "publisher",
    "total_chapters",
    "type",
    "uri",
];
const CHAPTER: &[&str] = &[
    "audio_preview_url",
    "audiobook",
    "chapter_number",
    "description",
    "duration_ms",
    "explicit",
    "external_urls",
    "href",
    "html_description",
    "id",
    "images",
    "is_playable",
    "languages",
    "name",
    "release_date",
    "release_date_precision",
    "type",
    "uri",
];
const PAGING: &[&str] = &[
    "href", "items", "limit", "next", "offset", "previous", "total",
];

#[test]
fn every_entity_renders_its_required_fields() {
    let catalog = Catalog::builtin();
    let c = ctx(&catalog, QuotaMode::Extended, None);
    for t in catalog.tracks.values() {
        let body = track(&c, t);
        has_all(&body, TRACK, "track");
        has_all(&body["album"], SIMPLIFIED_ALBUM, "track.album");
        assert_eq!(body["is_local"], false);
        assert!(!body["artists"].as_array().unwrap().is_empty(), "{body}");
    }
    for a in catalog.albums.values() {
        let body = album(&c, a);
        has_all(&body, SIMPLIFIED_ALBUM, "album");
        has_all(&body, ALBUM, "album");
        has_all(&body["tracks"], PAGING, "album.tracks");
        assert_eq!(body["total_tracks"], body["tracks"]["total"]);
        assert!(!body["artists"].as_array().unwrap().is_empty(), "{body}");
    }
    for a in catalog.artists.values() {
        has_all(&artist(&c, a), ARTIST, "artist");
    }
    for s in catalog.shows.values() {
        let body = show(&c, s);
        has_all(&body, SHOW, "show");
        has_all(&body["episodes"], PAGING, "show.episodes");
    }
    for e in catalog.episodes.values() {
        let body = episode(&c, e);
        has_all(&body, EPISODE, "episode");
        let simplified: Vec<&str> = SHOW.iter().copied().filter(|f| *f != "episodes").collect();
        has_all(&body["show"], &simplified, "episode.show");
    }
    for b in catalog.audiobooks.values() {
        let body = audiobook(&c, b);
        has_all(&body, AUDIOBOOK, "audiobook");
        has_all(&body["chapters"], PAGING, "audiobook.chapters");
    }
    for ch in catalog.chapters.values() {
        has_all(&chapter(&c, ch), CHAPTER, "chapter");
    }
    for p in catalog.playlists.values() {
        let body = playlist(&c, p, ItemsQuery::default());
        has_all(
            &body,
            &[
                "collaborative",
                "description",
                "external_urls",
                "followers",
                "href",
                "id",
                "images",
                "name",
                "owner",
                "public",
                "snapshot_id",
                "items",
                "tracks",
                "type",
                "uri",
            ],
            "playlist",
        );
        has_all(
            &simplified_playlist(&c, p),
            &["items", "tracks", "owner", "snapshot_id"],
            "simplified playlist",
        );
    }
    for cat in &catalog.categories {
        has_all(&category(cat), &["href", "icons", "id", "name"], "category");
    }
}

#[test]
fn the_seed_track_is_complete() {
    let catalog = Catalog::builtin();
    let c = ctx(&catalog, QuotaMode::Extended, None);
    let body = track_value(&c, ids::SEED_TRACK).unwrap();
    assert_eq!(body["name"], "Surfin' Bird");
    assert_eq!(body["is_local"], false);
    assert_eq!(body["album"]["id"], "3tpJtzZm4Urb0n2ITN5mwF");
    assert_eq!(body["album"]["artists"][0]["name"], "The Trashmen");
    assert_eq!(body["album"]["total_tracks"], 1);
    assert_eq!(body["popularity"], 53);
}

#[test]
fn development_mode_strips_the_removed_fields() {
    let catalog = Catalog::builtin();
    let dev = ctx(&catalog, QuotaMode::Development, None);
    let none_of = |value: &Value, fields: &[&str], what: &str| {
        for field in fields {
            assert!(
                value.get(field).is_none(),
                "{what}: `{field}` in development mode"
            );
        }
    };
    let a = catalog.album(ids::ALBUM_30_TRACKS).unwrap();
    let body = album(&dev, a);
    none_of(
        &body,
        &["available_markets", "label", "popularity"],
        "album",
    );
    none_of(
        &body["tracks"]["items"][0],
        &["available_markets"],
        "album track",
    );
    let artist_id = catalog.artist(ids::ARTIST_25_ALBUMS).unwrap();
    none_of(
        &artist(&dev, artist_id),
        &["followers", "popularity"],
        "artist",
    );
    none_of(
        &discography_album(&dev, a, artist_id.id),
        &["album_group", "available_markets"],
        "discography album",
    );
    let t = track_value(&dev, ids::SEED_TRACK).unwrap();
    none_of(
        &t,
        &["available_markets", "linked_from", "popularity"],
        "track",
    );
    none_of(&t["album"], &["available_markets"], "track album");
    none_of(
        &show(&dev, catalog.show(ids::SHOW_60_EPISODES).unwrap()),
        &["available_markets", "publisher"],
        "show",
    );
    let book = audiobook(&dev, catalog.audiobook(ids::AUDIOBOOK_40_CHAPTERS).unwrap());
    none_of(&book, &["available_markets", "publisher"], "audiobook");
    none_of(
        &book["chapters"]["items"][0],
        &["available_markets"],
        "chapter",
    );
    none_of(
        &public_user(&dev, catalog.user(ids::CURATOR_USER_ID).unwrap()),
        &["followers"],
        "user",
    );
    // Extended keeps them, and the discography says which group.
    let ext = ctx(&catalog, QuotaMode::Extended, None);
    assert_eq!(
        discography_album(&ext, a, artist_id.id)["album_group"],
        "album"
    );
    let appears = artist_id
        .albums
        .iter()
        .map(|id| &catalog.albums[id])
        .find(|al| !al.artists.contains(&artist_id.id))
        .unwrap();
    assert_eq!(
        discography_album(&ext, appears, artist_id.id)["album_group"],
        "appears_on"
    );
}

#[test]
fn markets_relinking_and_restrictions() {
    let catalog = Catalog::builtin();
    let market = Some(ids::RELINK_MARKET);
    let ext = ctx(&catalog, QuotaMode::Extended, market);
    let relinked = track_value(&ext, ids::RELINKED_TRACK).unwrap();
    assert_eq!(relinked["id"], ids::RELINKED_TRACK_TARGET);
    assert_eq!(relinked["is_playable"], true);
    assert_eq!(relinked["linked_from"]["id"], ids::RELINKED_TRACK);
    assert_eq!(
        relinked["linked_from"]["uri"],
        format!("spotify:track:{}", ids::RELINKED_TRACK)
    );
    assert!(relinked.get("available_markets").is_none() && relinked.get("restrictions").is_none());
    let dev = ctx(&catalog, QuotaMode::Development, market);
    let relinked_dev = track_value(&dev, ids::RELINKED_TRACK).unwrap();
    assert_eq!(
        (&relinked_dev["id"], relinked_dev.get("linked_from")),
        (&Value::from(ids::RELINKED_TRACK_TARGET), None)
    );
    let unavailable = track_value(&ext, ids::UNAVAILABLE_TRACK).unwrap();
    assert_eq!(unavailable["id"], ids::UNAVAILABLE_TRACK);
    assert_eq!(unavailable["is_playable"], false);
    assert_eq!(
        unavailable["restrictions"],
        serde_json::json!({ "reason": "market" })
    );
    assert_eq!(
        unavailable["album"]["restrictions"],
        serde_json::json!({ "reason": "market" })
    );
    // Elsewhere the requested track is itself, playable.
    let se = ctx(&catalog, QuotaMode::Extended, Some("SE"));
    let there = track_value(&se, ids::RELINKED_TRACK).unwrap();
    assert_eq!(
        (&there["id"], &there["is_playable"]),
        (&Value::from(ids::RELINKED_TRACK), &Value::from(true))
    );
    // No market: the list, no is_playable.
    let plain = track_value(
        &ctx(&catalog, QuotaMode::Extended, None),
        ids::RELINKED_TRACK,
    )
    .unwrap();
    assert!(plain.get("is_playable").is_none());
    let markets = plain["available_markets"].as_array().unwrap();
    assert!(
        !markets.contains(&Value::from(ids::RELINK_MARKET)) && markets.contains(&Value::from("SE"))
    );
}

#[test]
fn paging_links_follow_the_request_base() {
    let catalog = Catalog::builtin();
    let c = ctx(&catalog, QuotaMode::Development, Some("SE"));
    let large = catalog.playlist(ids::LARGE_PLAYLIST).unwrap();
    assert_eq!(
        large.items.len(),
        crate::catalog::DEFAULT_LARGE_PLAYLIST_ITEMS
    );
    let id = ids::LARGE_PLAYLIST;
    let first = items_page_value(
        &c,
        large,
        Page {
            offset: 0,
            limit: 50,
        },
        false,
        ItemsQuery::default(),
    );
    assert_eq!(
        first["href"],
        format!("{BASE}/playlists/{id}/items?market=SE&offset=0&limit=50")
    );
    assert_eq!(
        first["next"],
        format!("{BASE}/playlists/{id}/items?market=SE&offset=50&limit=50")
    );
    assert_eq!(
        (&first["previous"], &first["total"]),
        (&Value::Null, &Value::from(10_000))
    );
    assert_eq!(first["items"].as_array().unwrap().len(), 50);
    let last = items_page_value(
        &c,
        large,
        Page {
            offset: 9_990,
            limit: 20,
        },
        false,
        ItemsQuery::default(),
    );
    assert_eq!(last["next"], Value::Null);
    assert_eq!(
        last["previous"],
        format!("{BASE}/playlists/{id}/items?market=SE&offset=9970&limit=20")
    );
    assert_eq!(last["items"].as_array().unwrap().len(), 10);
    let past = items_page_value(
        &c,
        large,
        Page {
            offset: 20_000,
            limit: 20,
        },
        false,
        ItemsQuery::default(),
    );
    assert_eq!(past["items"], serde_json::json!([]));
    assert_eq!(
        past["previous"],
        format!("{BASE}/playlists/{id}/items?market=SE&offset=19980&limit=20")
    );
    // Spotify's order: other parameters, then offset, then limit; commas stay unescaped.
    let url = page_url(
        BASE,
        "/search",
        &[("query", "a b,c"), ("type", "track,album")],
        5,
        10,
    );
    assert_eq!(
        url,
        format!("{BASE}/search?query=a+b,c&type=track,album&offset=5&limit=10")
    );
    // A full album's embedded page is followable too.
    let album_body = album(&c, catalog.album(ids::ALBUM_30_TRACKS).unwrap());
    assert_eq!(
        album_body["tracks"]["next"],
        Value::Null,
        "30 tracks fit in one page of 50"
    );
    assert_eq!(
        album_body["tracks"]["href"],
        format!(
            "{BASE}/albums/{}/tracks?market=SE&offset=0&limit=50",
            ids::ALBUM_30_TRACKS
        )
    );
}

#[test]
fn playlist_contents_follow_the_quota_mode_and_ownership() {
    let catalog = Catalog::builtin();
    let dev = ctx(&catalog, QuotaMode::Development, None);
    let own = playlist(
        &dev,
        catalog.playlist(ids::PLAYLIST_250_ITEMS).unwrap(),
        ItemsQuery::default(),
    );
    assert_eq!(own["items"]["total"], 250);
    assert!(own.get("tracks").is_none());
    let first = &own["items"]["items"][0];
    assert!(first["item"].is_object() && first.get("track").is_none());
    assert_eq!(own["items"]["items"][9]["item"]["type"], "episode");
    let foreign = playlist(
        &dev,
        catalog.playlist(ids::FOREIGN_PLAYLIST).unwrap(),
        ItemsQuery::default(),
    );
    assert!(
        foreign.get("items").is_none() && foreign.get("tracks").is_none(),
        "metadata only"
    );
    assert!(!playlists::can_read_items(
        &dev,
        catalog.playlist(ids::FOREIGN_PLAYLIST).unwrap()
    ));
    let shared = playlist(
        &dev,
        catalog.playlist(ids::COLLABORATIVE_PLAYLIST).unwrap(),
        ItemsQuery::default(),
    );
    assert_eq!(shared["items"]["total"], 25);
    let ext = ctx(&catalog, QuotaMode::Extended, None);
    let foreign = playlist(
        &ext,
        catalog.playlist(ids::FOREIGN_PLAYLIST).unwrap(),
        ItemsQuery::default(),
    );
    assert_eq!(
        (&foreign["items"]["total"], &foreign["tracks"]["total"]),
        (&Value::from(30), &Value::from(30))
    );
    let item = &foreign["tracks"]["items"][0];
    assert_eq!(item["track"], item["item"]);
    assert!(item["added_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(item["added_by"]["id"], ids::CURATOR_USER_ID);
}

#[test]
fn resume_points_only_with_the_playback_position_scope() {
    let catalog = Catalog::builtin();
    let book = catalog.audiobook(ids::AUDIOBOOK_40_CHAPTERS).unwrap();
    let ch = &catalog.chapters[&book.chapters[0]];
    let sh = catalog.show(ids::SHOW_60_EPISODES).unwrap();
    let ep = &catalog.episodes[&sh.episodes[0]];
    let with = ctx(&catalog, QuotaMode::Development, Some("US"));
    let without = Ctx {
        playback_position: false,
        ..with
    };
    let start = serde_json::json!({ "fully_played": false, "resume_position_ms": 0 });
    assert_eq!(simplified_chapter(&with, ch)["resume_point"], start);
    assert_eq!(episode(&with, ep)["resume_point"], start);
    assert_eq!(
        show(&with, sh)["episodes"]["items"][0]["resume_point"],
        start
    );
    assert!(
        simplified_chapter(&without, ch)
            .get("resume_point")
            .is_none()
    );
    assert!(episode(&without, ep).get("resume_point").is_none());
    assert!(
        show(&without, sh)["episodes"]["items"][0]
            .get("resume_point")
            .is_none()
    );
}

/// The ETag as defined (`format!` for the hex), so that the faster `etag_for` can be checked
/// to give the very same header.
fn reference_etag(body: &[u8]) -> String {
    let digest = body_digest(body);
    let hex = format!("{:08x}", (digest >> 32) ^ (digest & 0xffff_ffff));
    format!("\"MC-{}\"", STANDARD.encode(hex))
}

/// The ETag header wraps the body's digest in Spotify's shape, and the body is the value's
/// compact JSON; `etags_are_fixed_functions_of_the_body` pins the digest itself.
#[test]
fn etag_headers_wrap_the_digest_of_the_compact_body() {
    let catalog = Catalog::builtin();
    let mut bodies = vec![
        Value::Null,
        serde_json::json!({}),
        serde_json::json!("é\u{1}\""),
    ];
    for mode in [QuotaMode::Development, QuotaMode::Extended] {
        for market in [None, Some("SE"), Some(ids::RELINK_MARKET)] {
            let ctx = ctx(&catalog, mode, market);
            for id in [ids::SEED_TRACK, ids::RELINKED_TRACK, ids::UNAVAILABLE_TRACK] {
                bodies.push(track_value(&ctx, id).unwrap());
            }
        }
    }
    for body in &bodies {
        let rendered = Rendered::new(body);
        assert_eq!(rendered.body(), body.to_string().as_bytes());
        assert_eq!(rendered.etag(), reference_etag(body.to_string().as_bytes()));
    }
    assert_eq!(etag_for(b"{}"), reference_etag(b"{}"));
}

/// An ETag is a fixed function of the body: these values hold across restarts and builds (a
/// client's stored ETag still gets its 304), and so they are written down here.
#[test]
fn etags_are_fixed_functions_of_the_body() {
    let track = Rendered::new(&track_by_request(
        &ctx(&Catalog::builtin(), QuotaMode::Extended, None),
        ids::SEED_TRACK,
    ));
    assert_eq!(
        [etag_for(b""), etag_for(b"{}"), track.etag().to_owned()],
        [
            "\"MC-OThhMmY4ZTk=\"",
            "\"MC-ZjA4MzYyZGM=\"",
            "\"MC-ZmI5OWM0YWM=\"",
        ]
    );
    assert_eq!(
        etag_for(track.body()),
        track.etag(),
        "same bytes, same ETag"
    );
}

/// Different bodies get different ETags: every one-byte change of a body, every truncation,
/// and a zero byte added at the end.
#[test]
fn etags_tell_bodies_apart() {
    let body = Rendered::new(&track_by_request(
        &ctx(&Catalog::builtin(), QuotaMode::Development, Some("SE")),
        ids::SEED_TRACK,
    ))
    .body()
    .to_vec();
    let mut seen = std::collections::HashSet::new();
    assert!(seen.insert(etag_for(&body)));
    for i in 0..body.len() {
        let mut changed = body.clone();
        changed[i] ^= 0x20;
        assert!(seen.insert(etag_for(&changed)), "byte {i} changed");
        assert!(seen.insert(etag_for(&body[..i])), "cut at {i}");
    }
    let mut longer = body.clone();
    longer.push(0);
    assert!(seen.insert(etag_for(&longer)), "a zero byte added");
}

#[test]
fn links_render_whole_at_any_length() {
    let long = "u".repeat(300);
    for id in ["abc", long.as_str()] {
        for (link, text) in [
            (
                view::Link::href("users", id),
                format!("{SPOTIFY_API}/users/{id}"),
            ),
            (view::Link::uri("user", id), format!("spotify:user:{id}")),
        ] {
            assert_eq!(serde_json::to_string(&link).unwrap(), format!("\"{text}\""));
            assert_eq!(link.to_string(), text);
        }
    }
    let urls = view::ExternalUrls::new("user", &long);
    assert_eq!(
        value(urls),
        serde_json::json!({ "spotify": format!("{OPEN_SPOTIFY}/user/{long}") })
    );
}

/// The bytes every track, album and multi-get of the built-in catalogue is served as, in each
/// quota mode, without a market and in the relinking market, as one digest: a change of
/// rendering that moves a byte (field order, escaping, a market list) fails here, even where
/// the views and the `reference` renderer would still agree with each other.
#[test]
fn rendered_bytes_hold_what_they_held() {
    use std::fmt::Write as _;
    /// `get-several-tracks`' body, as `api/tracks.rs` serialises it.
    #[derive(serde::Serialize)]
    struct Several<'a> {
        tracks: Vec<Option<TrackView<'a>>>,
    }
    let catalog = Catalog::builtin();
    let mut tracks: Vec<&str> = catalog.tracks.keys().map(Id::as_str).collect();
    tracks.sort_unstable();
    let mut albums: Vec<&Album> = catalog.albums.values().collect();
    albums.sort_unstable_by_key(|a| a.id.as_str());
    let mut summary = String::new();
    for c in every_ctx(&catalog) {
        let (mut track_bytes, mut album_bytes, mut several_bytes) =
            (Sha256::new(), Sha256::new(), Sha256::new());
        for id in &tracks {
            track_bytes.update(Rendered::new(&track_by_request(&c, id).unwrap()).body());
        }
        for a in &albums {
            album_bytes.update(Rendered::new(&AlbumView::full(&c, a)).body());
        }
        for chunk in tracks.chunks(50) {
            let mut asked = chunk.to_vec();
            asked.insert(asked.len() / 2, "0000000000000000000000");
            let several = Several {
                tracks: asked.iter().map(|id| track_by_request(&c, id)).collect(),
            };
            several_bytes.update(Rendered::new(&several).body());
        }
        let hex = |digest: Sha256| {
            digest.finalize().iter().fold(String::new(), |mut hex, b| {
                let _ = write!(hex, "{b:02x}");
                hex
            })
        };
        let _ = writeln!(
            summary,
            "{:?} {:?}: tracks {}, albums {}, several tracks {}",
            c.mode,
            c.market,
            hex(track_bytes),
            hex(album_bytes),
            hex(several_bytes)
        );
    }
    insta::assert_snapshot!(summary);
}

#[test]
fn a_304_needs_the_current_etag() {
    let rendered = Rendered::new(&serde_json::json!({"a": 1}));
    let answer = |tags: &[&str]| {
        let mut request = axum::http::Request::builder();
        for tag in tags {
            request = request.header(header::IF_NONE_MATCH, *tag);
        }
        let (mut parts, ()) = request.body(()).unwrap().into_parts();
        let if_none_match = futures_now(
            <IfNoneMatch as axum::extract::FromRequestParts<()>>::from_request_parts(
                &mut parts,
                &(),
            ),
        )
        .unwrap_or_else(|never| match never {});
        respond(&if_none_match, &rendered)
    };
    let etag = rendered.etag().to_owned();
    let ok = answer(&[]);
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(ok.headers()[header::ETAG], etag.as_str());
    assert_eq!(ok.headers()[header::CONTENT_TYPE], JSON_UTF8);
    assert_eq!(ok.headers()[header::CACHE_CONTROL], CACHE_PUBLIC);
    for tags in [
        vec![etag.as_str()],
        vec!["\"other\"", etag.as_str()],
        vec!["*"],
    ] {
        assert_eq!(answer(&tags).status(), StatusCode::NOT_MODIFIED, "{tags:?}");
    }
    let weak = format!("\"x\", W/{etag}");
    assert_eq!(answer(&[&weak]).status(), StatusCode::NOT_MODIFIED);
    assert_eq!(answer(&["\"MC-other\""]).status(), StatusCode::OK);
}

/// Polls a future that never waits (an extractor that reads only the request's parts).
fn futures_now<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("the extractor waited"),
    }
}

/// The contexts a body can be rendered for: each quota mode, without a market and in the
/// market where relinking and restrictions apply (most content is available there too).
fn every_ctx(catalog: &Catalog) -> Vec<Ctx<'_>> {
    let mut contexts = Vec::new();
    for mode in [QuotaMode::Development, QuotaMode::Extended] {
        for market in [None, Some(ids::RELINK_MARKET)] {
            contexts.push(ctx(catalog, mode, market));
        }
    }
    contexts
}

/// `view`'s bytes are the reference `Value`'s, and so is `view` turned into a `Value`.
#[track_caller]
fn same_bytes(view: &impl serde::Serialize, reference: &Value, what: &str) {
    let bytes = serde_json::to_vec(view).unwrap();
    let expected = serde_json::to_vec(reference).unwrap();
    assert!(
        bytes == expected,
        "{what}:\n  view:      {}\n  reference: {}",
        String::from_utf8_lossy(&bytes),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(&value(view), reference, "{what}: as a Value");
}

#[test]
fn track_views_render_the_bytes_the_value_path_did() {
    let catalog = Catalog::builtin();
    let mut relinked = 0;
    for c in every_ctx(&catalog) {
        let what = |shape: &str, id: &Id| format!("{shape} {id} ({:?}, {:?})", c.mode, c.market);
        for t in catalog.tracks.values() {
            let full = TrackView::full(&c, t);
            let reference = reference::track(&c, t);
            relinked += usize::from(reference.get("linked_from").is_some());
            same_bytes(&full, &reference, &what("track", &t.id));
            same_bytes(
                &TrackView::simplified(&c, t),
                &reference::simplified_track(&c, t),
                &what("simplified track", &t.id),
            );
        }
        // A multi-get, with an unknown id among the known ones.
        let mut asked: Vec<String> = catalog
            .tracks
            .keys()
            .take(49)
            .map(|id| id.to_string())
            .collect();
        asked.insert(7, "0000000000000000000000".to_owned());
        let tracks: Vec<Option<TrackView<'_>>> =
            asked.iter().map(|id| track_by_request(&c, id)).collect();
        let reference: Vec<Value> = asked
            .iter()
            .map(|id| reference::track_by_request(&c, id).unwrap_or(Value::Null))
            .collect();
        // Serialised straight from the views, as `api/tracks.rs` writes its body (a `json!`
        // here would go through a `Value`, which the handler does not).
        #[derive(serde::Serialize)]
        struct Several<'a> {
            tracks: Vec<Option<TrackView<'a>>>,
        }
        same_bytes(
            &Several { tracks },
            &serde_json::json!({ "tracks": reference }),
            "several tracks",
        );
    }
    assert!(relinked > 0, "no relinked track was compared");
}

#[test]
fn album_views_render_the_bytes_the_value_path_did() {
    let catalog = Catalog::builtin();
    let stranger = *catalog.artists.keys().next().unwrap();
    for c in every_ctx(&catalog) {
        let what = |shape: &str, album: &Album| {
            format!("{shape} {} ({:?}, {:?})", album.id, c.mode, c.market)
        };
        for a in catalog.albums.values() {
            same_bytes(
                &AlbumView::simplified(&c, a),
                &reference::simplified_album(&c, a),
                &what("simplified album", a),
            );
            same_bytes(
                &AlbumView::full(&c, a),
                &reference::album(&c, a),
                &what("album", a),
            );
            for artist in [a.artists[0], stranger] {
                same_bytes(
                    &AlbumView::discography(&c, a, artist),
                    &reference::discography_album(&c, a, artist),
                    &what("discography album", a),
                );
            }
        }
    }
}

#[test]
fn playlist_item_views_render_the_bytes_the_value_path_did() {
    use crate::catalog::model::{ItemRef, PlaylistItem};
    let catalog = Catalog::builtin();
    // Every kind of item: a track, an episode, a local file, content gone from the catalogue,
    // and an item without `added_at` and `added_by`.
    let mut mixed = (**catalog.playlists.values().next().unwrap()).clone();
    let episode = *catalog.episodes.keys().next().unwrap();
    let track = *catalog.tracks.keys().next().unwrap();
    mixed.items = vec![
        PlaylistItem {
            item: ItemRef::Track(track),
            added_at: Some(1_600_000_000),
            added_by: Some("someone".to_owned()),
        },
        PlaylistItem {
            item: ItemRef::Episode(episode),
            added_at: Some(1_600_000_001),
            added_by: None,
        },
        PlaylistItem {
            item: ItemRef::Local(3),
            added_at: None,
            added_by: Some("someone".to_owned()),
        },
        PlaylistItem {
            item: ItemRef::Track(Id::parse("0000000000000000000000").unwrap()),
            added_at: None,
            added_by: None,
        },
    ];
    let large = catalog.playlist(ids::LARGE_PLAYLIST).unwrap();
    let queries = [
        ItemsQuery::default(),
        ItemsQuery {
            additional_types: Some("track,episode"),
            fields: Some("items(track(name))"),
        },
    ];
    for c in every_ctx(&catalog) {
        let pages = vec![
            (&mixed, Page::first(100)),
            (large, Page::first(50)),
            (
                large,
                Page {
                    offset: 9_980,
                    limit: 50,
                },
            ),
        ];
        let mut cases: Vec<_> = pages
            .into_iter()
            .flat_map(|(p, page)| {
                [false, true]
                    .into_iter()
                    .flat_map(move |legacy| queries.map(|query| (p, page, legacy, query)))
            })
            .collect();
        // Every playlist of the catalogue, its first page as most clients ask for it.
        cases.extend(
            catalog
                .playlists
                .values()
                .map(|p| (&**p, Page::first(50), false, ItemsQuery::default())),
        );
        for (playlist, page, legacy, query) in cases {
            same_bytes(
                &playlist_items_page(&c, playlist, page, legacy, query),
                &reference::playlist_items_page(&c, playlist, page, legacy, query),
                &format!("{} {page:?} ({:?}, {:?})", playlist.id, c.mode, c.market),
            );
        }
    }
}
