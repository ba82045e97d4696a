//! The user's library and follows: `/me/library`, the per-type endpoints and `/me/following`,
//! one state behind them all, per user; the 2026 rules of `/me/library`; scopes; the
//! development-mode gating; follower counts.

use axum::body::Body;
use axum::http::{Method, Request, header};
use serde_json::{Value, json};
use spotify_emulator::{Catalog, Emulator, QuotaMode, catalog_ids as ids};

use crate::snap;
use crate::support::{Emu, Reply, SURFIN_BIRD};

/// Every scope the library and follow endpoints use.
const ALL: &str = "user-library-read user-library-modify user-follow-read user-follow-modify \
                   playlist-read-private playlist-modify-public";

fn extended() -> Emu {
    Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended))
}

/// `method uri` with the token and an optional JSON body.
async fn call(emu: &Emu, method: Method, uri: &str, token: &str, body: Option<Value>) -> Reply {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    let request = match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    };
    emu.send(request.unwrap()).await
}

fn tracks(n: usize) -> Vec<String> {
    Catalog::builtin()
        .ids("track")
        .into_iter()
        .take(n)
        .collect()
}

fn uris(kind: &str, ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("spotify:{kind}:{id}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The ids of a page of saved tracks, in order.
fn saved_track_ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["track"]["id"].as_str().unwrap().to_owned())
        .collect()
}

/// `followers.total` of the object at `uri`.
async fn followers(emu: &Emu, uri: &str, token: &str) -> u64 {
    emu.api(uri, token).await.json()["followers"]["total"]
        .as_u64()
        .unwrap()
}

async fn advance(emu: &Emu, seconds: u64) {
    emu.control(
        Method::POST,
        "/clock/advance",
        Some(json!({ "seconds": seconds })),
    )
    .await;
}

#[tokio::test]
async fn one_library_behind_the_per_type_endpoints_and_me_library() {
    let emu = extended();
    let (token, _) = emu.user_tokens(ALL).await;
    let [a, b, c] = <[String; 3]>::try_from(tracks(3)).unwrap();

    // Saved through the per-type endpoint (ids in the body), a minute apart.
    let saved = call(
        &emu,
        Method::PUT,
        "/v1/me/tracks",
        &token,
        Some(json!({ "ids": [a, b] })),
    )
    .await;
    assert_eq!((saved.status, saved.body.len()), (200, 0));
    advance(&emu, 60).await;
    let saved = call(
        &emu,
        Method::PUT,
        &format!("/v1/me/library?uris=spotify:track:{c}"),
        &token,
        None,
    )
    .await;
    assert_eq!(saved.status, 200);

    // Checked through the other way in.
    let contains = emu
        .api(
            &format!(
                "/v1/me/library/contains?uris={}",
                uris("track", &[a.clone(), SURFIN_BIRD.into()])
            ),
            &token,
        )
        .await;
    assert_eq!(contains.json(), json!([true, false]));
    let contains = emu
        .api(&format!("/v1/me/tracks/contains?ids={c},{b}"), &token)
        .await;
    assert_eq!(contains.json(), json!([true, true]));

    // Listed newest first: c (a minute later), then b and a (saved together, b after a).
    let page = emu.api("/v1/me/tracks?limit=2", &token).await;
    assert_eq!(page.header("cache-control"), Some("private, max-age=0"));
    let page = page.json();
    assert_eq!(saved_track_ids(&page), [c.clone(), b.clone()]);
    assert_eq!(page["total"], 3);
    assert!(
        page["next"]
            .as_str()
            .unwrap()
            .ends_with("/v1/me/tracks?offset=2&limit=2")
    );
    let first = page["items"][0]["added_at"].as_str().unwrap().to_owned();
    let second = page["items"][1]["added_at"].as_str().unwrap().to_owned();
    assert!(first > second, "{first} {second}");
    assert!(page["items"][0]["track"]["name"].as_str().is_some());

    // Saving again doubles nothing and keeps the date; removing works either way.
    call(
        &emu,
        Method::PUT,
        &format!("/v1/me/tracks?ids={a}"),
        &token,
        None,
    )
    .await;
    let page = emu.api("/v1/me/tracks", &token).await.json();
    assert_eq!(saved_track_ids(&page), [c.clone(), b.clone(), a.clone()]);
    let removed = call(
        &emu,
        Method::DELETE,
        &format!("/v1/me/library?uris=spotify:track:{b}"),
        &token,
        None,
    )
    .await;
    assert_eq!(removed.status, 200);
    let removed = call(
        &emu,
        Method::DELETE,
        "/v1/me/tracks",
        &token,
        Some(json!({ "ids": [c] })),
    )
    .await;
    assert_eq!(removed.status, 200);
    let page = emu.api("/v1/me/tracks", &token).await.json();
    assert_eq!(
        (saved_track_ids(&page), &page["total"]),
        (vec![a], &json!(1))
    );
}

#[tokio::test]
async fn timestamped_ids_set_the_order() {
    let emu = extended();
    let (token, _) = emu.user_tokens(ALL).await;
    let [a, b] = <[String; 2]>::try_from(tracks(2)).unwrap();
    let body = json!({
        "ids": [SURFIN_BIRD],
        "timestamped_ids": [
            { "id": a, "added_at": "2020-01-01T00:00:00Z" },
            { "id": b, "added_at": "2023-01-15T14:30:00.500Z" },
        ],
    });
    let saved = call(&emu, Method::PUT, "/v1/me/tracks", &token, Some(body)).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let page = emu.api("/v1/me/tracks", &token).await.json();
    assert_eq!(
        saved_track_ids(&page),
        [b, a],
        "timestamped_ids win over ids"
    );
    assert_eq!(page["items"][0]["added_at"], "2023-01-15T14:30:00Z");
    assert_eq!(page["items"][1]["added_at"], "2020-01-01T00:00:00Z");
    let bad = json!({ "timestamped_ids": [{ "id": SURFIN_BIRD, "added_at": "yesterday" }] });
    let bad = call(&emu, Method::PUT, "/v1/me/tracks", &token, Some(bad)).await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn every_kind_is_saved_and_listed_in_its_shape() {
    let emu = extended();
    let (token, _) = emu
        .user_tokens(&format!("{ALL} user-read-playback-position"))
        .await;
    let catalog = Catalog::builtin();
    let episode = catalog.ids("episode")[0].clone();
    let album = ids::ALBUM_30_TRACKS;
    let show = ids::SHOW_60_EPISODES;
    let book = ids::AUDIOBOOK_40_CHAPTERS;
    let all = format!(
        "spotify:album:{album},spotify:episode:{episode},spotify:show:{show},spotify:audiobook:{book}"
    );
    let saved = call(
        &emu,
        Method::PUT,
        &format!("/v1/me/library?uris={all}"),
        &token,
        None,
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    for (path, key, id) in [
        ("albums", "album", album),
        ("episodes", "episode", episode.as_str()),
        ("shows", "show", show),
        ("audiobooks", "audiobook", book),
    ] {
        let page = emu.api(&format!("/v1/me/{path}?market=SE"), &token).await;
        assert_eq!(page.status, 200, "{path}: {}", page.text());
        let page = page.json();
        assert_eq!(page["total"], 1, "{path}");
        assert_eq!(page["items"][0][key]["id"], id, "{path}");
        assert_eq!(page["items"][0][key]["type"], key, "{path}");
        assert!(page["items"][0]["added_at"].is_string(), "{path}");
        let contains = emu
            .api(
                &format!("/v1/me/{path}/contains?ids={id},{SURFIN_BIRD}"),
                &token,
            )
            .await;
        assert_eq!(contains.json(), json!([true, false]), "{path}");
    }
    // The show is a SimplifiedShowObject; the album is full, with its tracks.
    let albums = emu.api("/v1/me/albums", &token).await.json();
    assert_eq!(albums["items"][0]["album"]["tracks"]["total"], 30);
    let shows = emu.api("/v1/me/shows", &token).await.json();
    assert!(shows["items"][0]["show"].get("episodes").is_none());
}

#[tokio::test]
async fn development_mode_keeps_only_me_library_and_the_lists() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(ALL).await;
    let track = SURFIN_BIRD;
    let artist = ids::ARTIST_25_ALBUMS;
    let playlist = ids::FOREIGN_PLAYLIST;
    for (method, uri) in [
        (Method::PUT, format!("/v1/me/tracks?ids={track}")),
        (Method::DELETE, format!("/v1/me/albums?ids={track}")),
        (Method::GET, format!("/v1/me/episodes/contains?ids={track}")),
        (Method::PUT, format!("/v1/me/shows?ids={track}")),
        (
            Method::GET,
            format!("/v1/me/audiobooks/contains?ids={track}"),
        ),
        (
            Method::PUT,
            format!("/v1/me/following?type=artist&ids={artist}"),
        ),
        (
            Method::DELETE,
            "/v1/me/following?type=user&ids=wizzler".to_owned(),
        ),
        (
            Method::GET,
            format!("/v1/me/following/contains?type=artist&ids={artist}"),
        ),
        (Method::PUT, format!("/v1/playlists/{playlist}/followers")),
        (
            Method::DELETE,
            format!("/v1/playlists/{playlist}/followers"),
        ),
        (
            Method::GET,
            format!("/v1/playlists/{playlist}/followers/contains"),
        ),
    ] {
        let reply = call(&emu, method.clone(), &uri, &token, None).await;
        assert_eq!(
            (reply.status, reply.json()["error"]["message"].as_str()),
            (403, Some("Forbidden")),
            "{method} {uri}"
        );
    }
    let both =
        format!("spotify:track:{track},spotify:playlist:{playlist},spotify:user:emulator-curator");
    let saved = call(
        &emu,
        Method::PUT,
        &format!("/v1/me/library?uris={both}"),
        &token,
        None,
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let check = format!("{both},spotify:artist:{artist}");
    let contains = emu
        .api(&format!("/v1/me/library/contains?uris={check}"), &token)
        .await;
    assert_eq!(contains.json(), json!([true, true, true, false]));
    let page = emu.api("/v1/me/tracks", &token).await.json();
    assert_eq!(page["total"], 1);
    let followed = emu.api("/v1/me/following?type=artist", &token).await;
    assert_eq!(followed.status, 200);
}

#[tokio::test]
async fn each_operation_needs_its_scope_and_me_library_asks_per_kind() {
    let emu = extended();
    let (read_only, _) = emu.user_tokens("user-library-read user-follow-read").await;
    let (follow_only, _) = emu.user_tokens("user-follow-modify").await;
    let app = emu.client_token().await;
    let track = SURFIN_BIRD;
    let refused = |reply: &Reply| {
        (
            reply.status,
            reply.json()["error"]["message"].as_str().map(str::to_owned),
        )
    };
    let insufficient = (403, Some("Insufficient client scope".to_owned()));
    for (method, uri) in [
        (Method::PUT, format!("/v1/me/tracks?ids={track}")),
        (Method::DELETE, format!("/v1/me/tracks?ids={track}")),
        (
            Method::PUT,
            format!("/v1/me/library?uris=spotify:track:{track}"),
        ),
        (
            Method::PUT,
            "/v1/me/following?type=user&ids=wizzler".to_owned(),
        ),
        (
            Method::PUT,
            format!("/v1/playlists/{}/followers", ids::FOREIGN_PLAYLIST),
        ),
    ] {
        let reply = call(&emu, method.clone(), &uri, &read_only, None).await;
        assert_eq!(refused(&reply), insufficient, "{method} {uri}");
    }
    // Following a user through /me/library needs user-follow-modify, a track user-library-modify.
    let user = call(
        &emu,
        Method::PUT,
        "/v1/me/library?uris=spotify:user:emulator-curator",
        &follow_only,
        None,
    )
    .await;
    assert_eq!(user.status, 200);
    let mixed = call(
        &emu,
        Method::PUT,
        &format!("/v1/me/library?uris=spotify:user:emulator-curator,spotify:track:{track}"),
        &follow_only,
        None,
    )
    .await;
    assert_eq!(refused(&mixed), insufficient);
    // A client-credentials token has no user.
    let reply = emu.api("/v1/me/tracks", &app).await;
    assert_eq!(refused(&reply), insufficient);
    let reply = emu.api("/v1/me/following?type=artist", &read_only).await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn bad_uris_and_ids_are_refused_with_nothing_saved() {
    let emu = extended();
    let (token, _) = emu.user_tokens(ALL).await;
    let track = SURFIN_BIRD;
    let forty_one = uris("track", &tracks(41));
    let fifty_one = tracks(51).join(",");
    let unknown = "0000000000000000000000";
    let mut replies = serde_json::Map::new();
    for (name, method, uri) in [
        ("no uris", Method::PUT, "/v1/me/library".to_owned()),
        (
            "41 uris",
            Method::PUT,
            format!("/v1/me/library?uris={forty_one}"),
        ),
        (
            "a bare id",
            Method::PUT,
            format!("/v1/me/library?uris={track}"),
        ),
        (
            "a chapter",
            Method::GET,
            format!("/v1/me/library/contains?uris=spotify:chapter:{track}"),
        ),
        (
            "saving an artist",
            Method::PUT,
            format!(
                "/v1/me/library?uris=spotify:artist:{}",
                ids::ARTIST_25_ALBUMS
            ),
        ),
        (
            "an unknown track",
            Method::PUT,
            format!("/v1/me/library?uris=spotify:track:{track},spotify:track:{unknown}"),
        ),
        (
            "51 ids",
            Method::PUT,
            format!("/v1/me/tracks?ids={fifty_one}"),
        ),
        (
            "a malformed id",
            Method::GET,
            format!("/v1/me/albums/contains?ids={track},nope"),
        ),
        ("no ids", Method::DELETE, "/v1/me/shows".to_owned()),
        (
            "an unknown album",
            Method::PUT,
            format!("/v1/me/albums?ids={unknown}"),
        ),
        (
            "a bad type",
            Method::PUT,
            format!("/v1/me/following?type=album&ids={track}"),
        ),
        (
            "an unknown playlist",
            Method::PUT,
            format!("/v1/playlists/{unknown}/followers"),
        ),
        (
            "a bad cursor",
            Method::GET,
            "/v1/me/following?type=artist&after=nope".to_owned(),
        ),
    ] {
        let reply = call(&emu, method, &uri, &token, None).await;
        replies.insert(name.to_owned(), reply.json()["error"].clone());
    }
    let broken = emu
        .send(
            Request::put("/v1/me/tracks")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::from("{\"ids\": ["))
                .unwrap(),
        )
        .await;
    replies.insert("a broken body".to_owned(), broken.json()["error"].clone());
    snap!("library_bad_requests", replies);
    // The partly valid writes saved nothing.
    let contains = emu
        .api(
            &format!("/v1/me/library/contains?uris=spotify:track:{track}"),
            &token,
        )
        .await;
    assert_eq!(contains.json(), json!([false]));
    // Removing or checking unknown items is not an error.
    let removed = call(
        &emu,
        Method::DELETE,
        &format!("/v1/me/tracks?ids={unknown}"),
        &token,
        None,
    )
    .await;
    assert_eq!(removed.status, 200);
}

#[tokio::test]
async fn follows_move_follower_counts_and_page_by_cursor() {
    let emu = extended();
    let (token, _) = emu.user_tokens(ALL).await;
    let catalog = Catalog::builtin();
    let mut artists = catalog.ids("artist");
    artists.truncate(45);
    let artist = artists[0].clone();
    let before = emu
        .api(&format!("/v1/artists/{artist}"), &token)
        .await
        .json()["followers"]["total"]
        .as_u64()
        .unwrap();

    let followed = call(
        &emu,
        Method::PUT,
        "/v1/me/following?type=artist",
        &token,
        Some(json!({ "ids": artists })),
    )
    .await;
    assert_eq!(followed.status, 204, "{}", followed.text());
    let after = emu
        .api(&format!("/v1/artists/{artist}"), &token)
        .await
        .json();
    assert_eq!(after["followers"]["total"], before + 1);
    let contains = emu
        .api(
            &format!(
                "/v1/me/following/contains?type=artist&ids={artist},{}",
                ids::ARTIST_FEATURED
            ),
            &token,
        )
        .await;
    let featured_followed = artists.iter().any(|a| a == ids::ARTIST_FEATURED);
    assert_eq!(contains.json(), json!([true, featured_followed]));

    // 45 artists, 20 a page: after = the last id of a page.
    let mut seen = Vec::new();
    let mut uri = "/v1/me/following?type=artist".to_owned();
    loop {
        let page = emu.api(&uri, &token).await.json();
        let page = &page["artists"];
        assert_eq!(page["total"], 45);
        for item in page["items"].as_array().unwrap() {
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => {
                assert_eq!(
                    page["cursors"]["after"].as_str(),
                    seen.last().map(String::as_str)
                );
                uri = next.split_once("/v1").unwrap().1.to_owned();
                uri.insert_str(0, "/v1");
            }
            None => {
                assert_eq!(page["cursors"]["after"], Value::Null);
                break;
            }
        }
    }
    let mut sorted = artists.clone();
    sorted.sort();
    assert_eq!(seen, sorted);

    // A playlist's followers, and a user's.
    let playlist = ids::FOREIGN_PLAYLIST;
    let playlist_uri = format!("/v1/playlists/{playlist}");
    let start = followers(&emu, &playlist_uri, &token).await;
    let put = call(
        &emu,
        Method::PUT,
        &format!("/v1/playlists/{playlist}/followers"),
        &token,
        Some(json!({"public": false})),
    )
    .await;
    assert_eq!(put.status, 200);
    call(
        &emu,
        Method::PUT,
        &format!("/v1/playlists/{playlist}/followers"),
        &token,
        None,
    )
    .await;
    assert_eq!(
        followers(&emu, &playlist_uri, &token).await,
        start + 1,
        "following twice counts once"
    );
    let is = emu
        .api(
            &format!("/v1/playlists/{playlist}/followers/contains"),
            &token,
        )
        .await;
    assert_eq!(is.json(), json!([true]));
    let by_id = emu
        .api(
            &format!("/v1/playlists/{playlist}/followers/contains?ids=emulator-free-user"),
            &token,
        )
        .await;
    assert_eq!(by_id.json(), json!([false]));
    call(
        &emu,
        Method::DELETE,
        &format!("/v1/playlists/{playlist}/followers"),
        &token,
        None,
    )
    .await;
    assert_eq!(followers(&emu, &playlist_uri, &token).await, start);

    let curator_uri = format!("/v1/users/{}", ids::CURATOR_USER_ID);
    let start = followers(&emu, &curator_uri, &token).await;
    let put = call(
        &emu,
        Method::PUT,
        &format!("/v1/me/following?type=user&ids={}", ids::CURATOR_USER_ID),
        &token,
        None,
    )
    .await;
    assert_eq!(put.status, 204);
    assert_eq!(followers(&emu, &curator_uri, &token).await, start + 1);
    let contains = emu
        .api(
            &format!(
                "/v1/me/library/contains?uris=spotify:user:{}",
                ids::CURATOR_USER_ID
            ),
            &token,
        )
        .await;
    assert_eq!(contains.json(), json!([true]));
}

#[tokio::test]
async fn each_user_has_a_library_and_a_reset_empties_them() {
    let emu = extended();
    let (token, _) = emu.user_tokens(ALL).await;
    let code = emu.code(ALL, "emulator-free-user", None).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", crate::support::REDIRECT),
    ];
    let other = emu
        .token(&form, Some(crate::support::default_client()))
        .await
        .json();
    let other = other["access_token"].as_str().unwrap().to_owned();
    call(
        &emu,
        Method::PUT,
        &format!("/v1/me/tracks?ids={SURFIN_BIRD}"),
        &token,
        None,
    )
    .await;
    let mine = emu
        .api(&format!("/v1/me/tracks/contains?ids={SURFIN_BIRD}"), &token)
        .await;
    let theirs = emu
        .api(&format!("/v1/me/tracks/contains?ids={SURFIN_BIRD}"), &other)
        .await;
    assert_eq!(
        (mine.json(), theirs.json()),
        (json!([true]), json!([false]))
    );
    emu.control(Method::POST, "/reset", None).await;
    let (token, _) = emu.user_tokens(ALL).await;
    let page = emu.api("/v1/me/tracks", &token).await.json();
    assert_eq!(page["total"], 0);
}
