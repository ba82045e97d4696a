//! Albums, artists, tracks, audio features, recommendations and genre seeds under `/v1`
//! (SPOTIFY-PROTOCOL.md §2.3–2.5, §2.8): ids, multi-gets, paging, markets, quota gating.

use serde_json::{Value, json};
use spotify_emulator::{Emulator, QuotaMode, catalog_ids};

use crate::snap;
use crate::support::{Emu, SURFIN_BIRD};

const UNKNOWN: &str = "0000000000000000000000";

/// An emulator whose default app has extended quota, and a client-credentials token.
async fn extended() -> (Emu, String) {
    let emu = Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended));
    let token = emu.client_token().await;
    (emu, token)
}

/// `(status, message)` of an error reply, or `(status, null)`.
fn status_and_message(reply: &crate::support::Reply) -> Value {
    let message = if reply.body.is_empty() {
        Value::Null
    } else {
        reply.json()["error"]["message"].clone()
    };
    json!([reply.status, message])
}

#[tokio::test]
async fn bad_requests_get_spotifys_answers() {
    let (emu, token) = extended().await;
    let many = |n: usize| vec![SURFIN_BIRD; n].join(",");
    let album = catalog_ids::ALBUM_30_TRACKS;
    let artist = catalog_ids::ARTIST_25_ALBUMS;
    let cases = [
        format!("/v1/albums/{UNKNOWN}"),
        "/v1/albums/not-an-id".to_owned(),
        format!("/v1/albums?ids={}", many(21)),
        format!("/v1/albums?ids={album},nope"),
        "/v1/albums".to_owned(),
        format!("/v1/albums/{album}/tracks?limit=51"),
        format!("/v1/albums/{album}/tracks?offset=-1"),
        format!("/v1/albums/{album}?market=Sweden"),
        "/v1/browse/new-releases?limit=0".to_owned(),
        format!("/v1/artists/{UNKNOWN}"),
        format!("/v1/artists?ids={}", many(51)),
        format!("/v1/artists/{artist}/albums?limit=11"),
        format!("/v1/artists/{UNKNOWN}/albums"),
        format!("/v1/artists/{UNKNOWN}/top-tracks"),
        format!("/v1/artists/{UNKNOWN}/related-artists"),
        format!("/v1/tracks?ids={}", many(51)),
        format!("/v1/tracks?ids={SURFIN_BIRD},x"),
        format!("/v1/audio-features?ids={}", many(101)),
        format!("/v1/audio-features/{UNKNOWN}"),
        format!("/v1/audio-analysis/{UNKNOWN}"),
        "/v1/recommendations".to_owned(),
        "/v1/recommendations?seed_genres=a,b,c&seed_tracks=x,y,z".to_owned(),
        format!("/v1/recommendations?seed_artists={artist},nope"),
        "/v1/recommendations?seed_genres=rock&min_energy=lots".to_owned(),
        "/v1/recommendations?seed_genres=rock&limit=101".to_owned(),
    ];
    let mut rows = serde_json::Map::new();
    for uri in cases {
        let reply = emu.api(&uri, &token).await;
        // Long id lists read as their length in the snapshot.
        let n = uri.matches(SURFIN_BIRD).count();
        let key = if n > 3 {
            uri.replace(&many(n), &format!("<{n} ids>"))
        } else {
            uri
        };
        rows.insert(key, status_and_message(&reply));
    }
    snap!("music_bad_requests", rows);
}

#[tokio::test]
async fn development_apps_are_refused_the_removed_operations_only() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    let album = catalog_ids::ALBUM_30_TRACKS;
    let artist = catalog_ids::ARTIST_25_ALBUMS;
    let cases = [
        format!("/v1/albums/{album}"),
        format!("/v1/albums?ids={album}"),
        format!("/v1/albums/{album}/tracks"),
        "/v1/browse/new-releases".to_owned(),
        format!("/v1/artists/{artist}"),
        format!("/v1/artists?ids={artist}"),
        format!("/v1/artists/{artist}/albums"),
        format!("/v1/artists/{artist}/top-tracks"),
        format!("/v1/artists/{artist}/related-artists"),
        format!("/v1/tracks?ids={SURFIN_BIRD}"),
        format!("/v1/audio-features/{SURFIN_BIRD}"),
        format!("/v1/audio-features?ids={SURFIN_BIRD}"),
        format!("/v1/audio-analysis/{SURFIN_BIRD}"),
        "/v1/recommendations?seed_genres=rock".to_owned(),
        "/v1/recommendations/available-genre-seeds".to_owned(),
    ];
    let mut rows = serde_json::Map::new();
    for uri in cases {
        let reply = emu.api(&uri, &token).await;
        rows.insert(uri, json!(reply.status));
    }
    snap!("music_development_mode", rows);
}

#[tokio::test]
async fn multi_gets_keep_order_duplicates_and_null_slots() {
    let (emu, token) = extended().await;
    let album = catalog_ids::ALBUM_30_TRACKS;
    let body = emu
        .api(&format!("/v1/albums?ids={UNKNOWN},{album},{album}"), &token)
        .await
        .json();
    let albums = body["albums"].as_array().unwrap();
    assert_eq!(albums.len(), 3);
    assert!(albums[0].is_null());
    assert_eq!(albums[1]["id"], album);
    assert_eq!(albums[1], albums[2]);
    assert_eq!(albums[1]["tracks"]["total"], 30);
    let twenty = vec![album; 20].join(",");
    let reply = emu.api(&format!("/v1/albums?ids={twenty}"), &token).await;
    assert_eq!(reply.status, 200, "20 albums is the maximum, not past it");
    let body = emu
        .api(
            &format!(
                "/v1/tracks?ids={},{UNKNOWN}&market={}",
                catalog_ids::RELINKED_TRACK,
                catalog_ids::RELINK_MARKET
            ),
            &token,
        )
        .await
        .json();
    assert_eq!(body["tracks"][0]["id"], catalog_ids::RELINKED_TRACK_TARGET);
    assert_eq!(
        body["tracks"][0]["linked_from"]["id"],
        catalog_ids::RELINKED_TRACK
    );
    assert!(body["tracks"][1].is_null());
    let body = emu
        .api(
            &format!("/v1/audio-features?ids={SURFIN_BIRD},{UNKNOWN}"),
            &token,
        )
        .await
        .json();
    assert_eq!(body["audio_features"][0]["id"], SURFIN_BIRD);
    assert!(body["audio_features"][1].is_null());
}

#[tokio::test]
async fn paging_links_walk_the_album_and_the_discography() {
    let (emu, token) = extended().await;
    let mut uri = format!(
        "/v1/albums/{}/tracks?limit=12&market=SE",
        catalog_ids::ALBUM_30_TRACKS
    );
    let mut numbers = Vec::new();
    loop {
        let page = emu.api(&uri, &token).await.json();
        assert_eq!(page["total"], 30);
        numbers.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["track_number"].clone()),
        );
        match page["next"].as_str() {
            Some(next) => {
                assert!(
                    next.contains("market=SE") && next.contains("limit=12"),
                    "{next}"
                );
                uri = next[next.find("/v1/").unwrap()..].to_owned();
            }
            None => break,
        }
    }
    assert_eq!(numbers, (1..=30).map(Value::from).collect::<Vec<_>>());

    let artist = catalog_ids::ARTIST_25_ALBUMS;
    let first = emu
        .api(
            &format!("/v1/artists/{artist}/albums?include_groups=appears_on,bogus"),
            &token,
        )
        .await
        .json();
    assert_eq!(
        (first["total"].clone(), first["limit"].clone()),
        (json!(5), json!(5))
    );
    assert!(first["next"].is_null());
    assert!(
        first["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["album_group"] == "appears_on")
    );
    assert!(
        first["href"]
            .as_str()
            .unwrap()
            .contains("include_groups=appears_on&")
    );
    let default = emu
        .api(&format!("/v1/artists/{artist}/albums"), &token)
        .await
        .json();
    assert_eq!(
        (default["total"].clone(), default["limit"].clone()),
        (json!(25), json!(5))
    );
    assert!(
        default["next"]
            .as_str()
            .unwrap()
            .contains("offset=5&limit=5")
    );
}

#[tokio::test]
async fn catalogue_answers_carry_an_etag_and_answer_304() {
    let (emu, token) = extended().await;
    for uri in [
        format!("/v1/albums/{}", catalog_ids::ALBUM_30_TRACKS),
        format!("/v1/artists/{}/albums", catalog_ids::ARTIST_25_ALBUMS),
        "/v1/recommendations?seed_genres=rock".to_owned(),
    ] {
        let first = emu.api(&uri, &token).await;
        assert_eq!(first.header("cache-control"), Some("public, max-age=0"));
        let etag = first.header("etag").unwrap().to_owned();
        let again = emu
            .api_with(
                &uri,
                &[
                    ("authorization", &format!("Bearer {token}")),
                    ("if-none-match", &etag),
                ],
            )
            .await;
        assert_eq!(again.status, 304, "{uri}");
    }
}

#[tokio::test]
async fn recommendation_seeds_report_their_pools() {
    let (emu, token) = extended().await;
    let body = emu
        .api(
            &format!(
                "/v1/recommendations?seed_artists={}&seed_genres=jazz&limit=5&min_popularity=20",
                catalog_ids::ARTIST_25_ALBUMS
            ),
            &token,
        )
        .await
        .json();
    let seeds = body["seeds"].as_array().unwrap();
    assert_eq!(seeds.len(), 2);
    assert_eq!(seeds[0]["type"], "ARTIST");
    assert_eq!(seeds[1]["type"], "GENRE");
    assert!(seeds[1]["href"].is_null());
    for seed in seeds {
        let (initial, filtered) = (
            seed["initialPoolSize"].as_u64(),
            seed["afterFilteringSize"].as_u64(),
        );
        assert!(initial >= filtered && filtered > Some(0), "{seed}");
    }
    let tracks = body["tracks"].as_array().unwrap();
    assert_eq!(tracks.len(), 5);
    assert!(tracks.iter().all(|t| t["popularity"].as_u64() >= Some(20)));
}

/// `GET /tracks/{id}` is served from a render cache after the first request: the body and ETag
/// stay those of a fresh render, and a quota-mode switch or another market is never answered
/// with a body rendered for the old one.
#[tokio::test]
async fn a_track_served_again_follows_quota_mode_and_market() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    let uri = format!("/v1/tracks/{SURFIN_BIRD}");
    let development = emu.api(&uri, &token).await;
    assert_eq!(development.status, 200);
    assert!(development.json().get("popularity").is_none());
    let again = emu.api(&uri, &token).await;
    assert_eq!(
        (again.body.clone(), again.header("etag")),
        (development.body.clone(), development.header("etag")),
        "a second answer is the first one"
    );

    let client_id = spotify_emulator::DEFAULT_CLIENT_ID;
    let put = emu
        .control(
            axum::http::Method::PUT,
            &format!("/apps/{client_id}"),
            Some(json!({"quota_mode": "extended"})),
        )
        .await;
    assert_eq!(put.status, 200);
    let extended = emu
        .api_with(
            &uri,
            &[
                ("authorization", &format!("Bearer {token}")),
                ("if-none-match", development.header("etag").unwrap()),
            ],
        )
        .await;
    assert_eq!(extended.status, 200, "the development ETag is not current");
    assert!(extended.json().get("popularity").is_some());
    assert!(extended.json().get("available_markets").is_some());
    assert_ne!(extended.header("etag"), development.header("etag"));

    let relinked = format!(
        "/v1/tracks/{}?market={}",
        catalog_ids::RELINKED_TRACK,
        catalog_ids::RELINK_MARKET
    );
    let unrelinked = format!("/v1/tracks/{}", catalog_ids::RELINKED_TRACK);
    for _ in 0..2 {
        let body = emu.api(&relinked, &token).await.json();
        assert_eq!(body["id"], catalog_ids::RELINKED_TRACK_TARGET);
        assert_eq!(body["linked_from"]["id"], catalog_ids::RELINKED_TRACK);
        let body = emu.api(&unrelinked, &token).await.json();
        assert_eq!(body["id"], catalog_ids::RELINKED_TRACK);
        assert!(body.get("linked_from").is_none());
    }

    emu.control(
        axum::http::Method::PUT,
        &format!("/apps/{client_id}"),
        Some(json!({"quota_mode": "development"})),
    )
    .await;
    let back = emu.api(&uri, &token).await;
    assert_eq!(
        (back.body.clone(), back.header("etag")),
        (development.body.clone(), development.header("etag")),
        "back in development mode: the development body again"
    );
}
