//! Writing playlists: items added, moved, replaced and removed with their `snapshot_id`s
//! (including edits against an older version), who may edit, the scopes by visibility, the
//! 400s, the `/tracks` twins per quota mode, creation, `/me/playlists`, and the cover upload.

use axum::body::Body;
use axum::http::{Method, Request, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use spotify_emulator::{Emulator, FREE_USER_ID, QuotaMode, catalog_ids as ids};

use crate::snap;
use crate::support::{Emu, REDIRECT, Reply, default_client};

/// Every scope the playlist writes use.
const ALL: &str = "playlist-read-private playlist-read-collaborative playlist-modify-public \
                   playlist-modify-private ugc-image-upload";

/// The smallest JPEG header with a 640x480 frame (all the emulator reads of an image).
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02,
    0x80, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9,
];

fn extended() -> Emu {
    Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended))
}

/// A request with a bearer token and, optionally, a JSON body.
async fn call(emu: &Emu, method: Method, uri: &str, token: &str, body: Option<Value>) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    let body = match body {
        Some(body) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    emu.send(request.body(body).unwrap()).await
}

/// An access token of `user` with `scope`.
async fn token_of(emu: &Emu, user: &str, scope: &str) -> String {
    let code = emu.code(scope, user, None).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    emu.token(&form, Some(default_client())).await.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn items_uri(id: &str) -> String {
    format!("/v1/playlists/{id}/items")
}

/// The URIs of every item of a playlist (as its owner sees them).
async fn uris(emu: &Emu, id: &str, token: &str) -> Vec<String> {
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let page = call(
            emu,
            Method::GET,
            &format!("{}?limit=50&offset={offset}", items_uri(id)),
            token,
            None,
        )
        .await;
        assert_eq!(page.status, 200, "{}", page.text());
        let page = page.json();
        let items = page["items"].as_array().unwrap();
        all.extend(
            items
                .iter()
                .map(|i| i["item"]["uri"].as_str().unwrap_or_default().to_owned()),
        );
        offset += 50;
        if page["next"].is_null() {
            return all;
        }
    }
}

async fn snapshot_of(emu: &Emu, id: &str, token: &str) -> String {
    let playlist = call(
        emu,
        Method::GET,
        &format!("/v1/playlists/{id}"),
        token,
        None,
    )
    .await;
    playlist.json()["snapshot_id"].as_str().unwrap().to_owned()
}

fn track(id: &str) -> String {
    format!("spotify:track:{id}")
}

#[tokio::test]
async fn every_item_write_changes_the_contents_and_the_snapshot() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(ALL).await;
    let id = ids::PLAYLIST_250_ITEMS;
    let before = uris(&emu, id, &token).await;
    let s0 = snapshot_of(&emu, id, &token).await;
    let (a, b) = (track(ids::SEED_TRACK), track(ids::RELINKED_TRACK));

    let added = call(
        &emu,
        Method::POST,
        &items_uri(id),
        &token,
        Some(json!({"uris": [a, b], "position": 1})),
    )
    .await;
    assert_eq!(added.status, 201, "{}", added.text());
    let s1 = added.json()["snapshot_id"].as_str().unwrap().to_owned();
    assert_ne!(s1, s0);
    assert_eq!(
        snapshot_of(&emu, id, &token).await,
        s1,
        "the playlist has it"
    );
    let now = uris(&emu, id, &token).await;
    assert_eq!(now.len(), 252);
    assert_eq!(
        now[..4],
        [before[0].clone(), a.clone(), b.clone(), before[1].clone()]
    );

    // The query's URIs win over the body's, and a position in the query works too.
    let query = format!("{}?uris={a}&position=0", items_uri(id));
    let added = call(
        &emu,
        Method::POST,
        &query,
        &token,
        Some(json!({"uris": [b]})),
    )
    .await;
    assert_eq!(added.status, 201);
    assert_eq!(uris(&emu, id, &token).await[0], a);

    // Items 1..=2 (a, b) to the end.
    let moved = call(
        &emu,
        Method::PUT,
        &items_uri(id),
        &token,
        Some(json!({"range_start": 2, "range_length": 2, "insert_before": 253})),
    )
    .await;
    assert_eq!(moved.status, 200, "{}", moved.text());
    let s2 = moved.json()["snapshot_id"].as_str().unwrap().to_owned();
    assert_ne!(s2, s1);
    let now = uris(&emu, id, &token).await;
    assert_eq!(now[251..], [a.clone(), b.clone()]);
    assert_eq!(now[1], before[0]);

    let replaced = call(
        &emu,
        Method::PUT,
        &items_uri(id),
        &token,
        Some(json!({"uris": [b, a, b]})),
    )
    .await;
    assert_eq!(replaced.status, 200);
    assert_eq!(
        uris(&emu, id, &token).await,
        [b.clone(), a.clone(), b.clone()]
    );

    // Without positions, every occurrence goes.
    let removed = call(
        &emu,
        Method::DELETE,
        &items_uri(id),
        &token,
        Some(json!({"items": [{"uri": b}]})),
    )
    .await;
    assert_eq!(removed.status, 200);
    assert_eq!(uris(&emu, id, &token).await, vec![a.clone()]);
    let cleared = call(
        &emu,
        Method::PUT,
        &format!("{}?uris=", items_uri(id)),
        &token,
        None,
    )
    .await;
    assert_eq!(cleared.status, 200);
    assert!(uris(&emu, id, &token).await.is_empty());
    snap!(
        "api_playlist_write_answer",
        json!({"status": cleared.status, "content-type": cleared.header("content-type"),
               "snapshot_id_len": cleared.json()["snapshot_id"].as_str().unwrap().len()})
    );
}

#[tokio::test]
async fn an_edit_against_an_older_snapshot_reads_its_positions_there() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(ALL).await;
    let id = ids::PLAYLIST_250_ITEMS;
    let seed = uris(&emu, id, &token).await;
    let s0 = snapshot_of(&emu, id, &token).await;

    // Someone else removes the first item: every position moves down by one.
    let gone = call(
        &emu,
        Method::DELETE,
        &items_uri(id),
        &token,
        Some(json!({"items": [{"uri": seed[0], "positions": [0]}]})),
    )
    .await;
    assert_eq!(gone.status, 200, "{}", gone.text());

    // Removing position 5 of s0 removes that item, now at 4.
    let remove_five = json!({"items": [{"uri": seed[5], "positions": [5]}], "snapshot_id": s0});
    let removed = call(
        &emu,
        Method::DELETE,
        &items_uri(id),
        &token,
        Some(remove_five.clone()),
    )
    .await;
    assert_eq!(removed.status, 200, "{}", removed.text());
    let now = uris(&emu, id, &token).await;
    assert_eq!(now.len(), 248);
    assert_eq!(now[3..5], [seed[4].clone(), seed[6].clone()]);
    // The same edit again: it is gone, nothing else is removed.
    let again = call(
        &emu,
        Method::DELETE,
        &items_uri(id),
        &token,
        Some(remove_five),
    )
    .await;
    assert_eq!(again.status, 200);
    assert_eq!(uris(&emu, id, &token).await, now);

    // s0's items 10..=11 before its item 2: moved to before seed[2], now at 1.
    let moved = call(
        &emu,
        Method::PUT,
        &items_uri(id),
        &token,
        Some(json!({"range_start": 10, "range_length": 2, "insert_before": 2, "snapshot_id": s0})),
    )
    .await;
    assert_eq!(moved.status, 200, "{}", moved.text());
    let now = uris(&emu, id, &token).await;
    assert_eq!(
        now[..4],
        [
            seed[1].clone(),
            seed[10].clone(),
            seed[11].clone(),
            seed[2].clone()
        ]
    );

    // A position of s0 that held something else, and a snapshot that is not the playlist's.
    let wrong = call(
        &emu,
        Method::DELETE,
        &items_uri(id),
        &token,
        Some(json!({"items": [{"uri": seed[3], "positions": [4]}], "snapshot_id": s0})),
    )
    .await;
    let unknown = call(
        &emu,
        Method::PUT,
        &items_uri(id),
        &token,
        Some(json!({"range_start": 0, "insert_before": 2, "snapshot_id": "AAAAnot-a-snapshot"})),
    )
    .await;
    snap!(
        "api_playlist_stale_snapshot_errors",
        json!([wrong.brief(), unknown.brief()])
    );
}

#[tokio::test]
async fn only_owners_and_collaborators_edit_and_only_owners_rename() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(ALL).await;
    let body = json!({"uris": [track(ids::SEED_TRACK)]});
    let foreign = call(
        &emu,
        Method::POST,
        &items_uri(ids::FOREIGN_PLAYLIST),
        &token,
        Some(body.clone()),
    )
    .await;
    let shared = call(
        &emu,
        Method::POST,
        &items_uri(ids::COLLABORATIVE_PLAYLIST),
        &token,
        Some(body.clone()),
    )
    .await;
    assert_eq!(shared.status, 201, "a collaborator adds");
    let rename_shared = call(
        &emu,
        Method::PUT,
        &format!("/v1/playlists/{}", ids::COLLABORATIVE_PLAYLIST),
        &token,
        Some(json!({"name": "Mine now"})),
    )
    .await;
    // Another user (the free one) may not touch the default user's playlist.
    let free = token_of(&emu, FREE_USER_ID, ALL).await;
    let stranger = call(
        &emu,
        Method::DELETE,
        &items_uri(ids::PLAYLIST_250_ITEMS),
        &free,
        Some(json!({"items": [{"uri": track(ids::SEED_TRACK)}]})),
    )
    .await;
    snap!(
        "api_playlist_edit_refusals",
        json!([foreign.brief(), rename_shared.brief(), stranger.brief()])
    );
    let renamed = call(
        &emu,
        Method::PUT,
        &format!("/v1/playlists/{}", ids::PLAYLIST_250_ITEMS),
        &token,
        Some(json!({"name": "Renamed", "description": "new words"})),
    )
    .await;
    assert_eq!((renamed.status, renamed.body.is_empty()), (200, true));
    let playlist = call(
        &emu,
        Method::GET,
        &format!("/v1/playlists/{}", ids::PLAYLIST_250_ITEMS),
        &token,
        None,
    )
    .await
    .json();
    assert_eq!(playlist["name"], "Renamed");
    assert_eq!(playlist["description"], "new words");
    let both = call(
        &emu,
        Method::PUT,
        &format!("/v1/playlists/{}", ids::PLAYLIST_250_ITEMS),
        &token,
        Some(json!({"collaborative": true})),
    )
    .await;
    assert_eq!(
        both.status, 400,
        "a public playlist cannot be collaborative"
    );
}

#[tokio::test]
async fn scopes_follow_the_playlists_visibility() {
    let emu = Emu::new();
    let public_only = token_of(&emu, "emulator-user", "playlist-modify-public").await;
    let body = json!({"uris": [track(ids::SEED_TRACK)]});
    let public = call(
        &emu,
        Method::POST,
        &items_uri(ids::PLAYLIST_250_ITEMS),
        &public_only,
        Some(body.clone()),
    )
    .await;
    assert_eq!(public.status, 201);
    // The large playlist is private; the collaborative one is too.
    for id in [ids::LARGE_PLAYLIST, ids::COLLABORATIVE_PLAYLIST] {
        let private = call(
            &emu,
            Method::POST,
            &items_uri(id),
            &public_only,
            Some(body.clone()),
        )
        .await;
        assert_eq!(
            (private.status, private.json()["error"]["message"].clone()),
            (403, json!("Insufficient client scope")),
            "{id}"
        );
    }
    let create = |public: bool| json!({"name": "x", "public": public});
    let created = call(
        &emu,
        Method::POST,
        "/v1/me/playlists",
        &public_only,
        Some(create(true)),
    )
    .await;
    assert_eq!(created.status, 201);
    let refused = call(
        &emu,
        Method::POST,
        "/v1/me/playlists",
        &public_only,
        Some(create(false)),
    )
    .await;
    assert_eq!(refused.status, 403);
    // A cover needs ugc-image-upload as well; a client-credentials token has no user at all.
    let cover = Request::put(format!("/v1/playlists/{}/images", ids::PLAYLIST_250_ITEMS))
        .header(header::AUTHORIZATION, format!("Bearer {public_only}"))
        .header(header::CONTENT_TYPE, "image/jpeg")
        .body(Body::from(STANDARD.encode(JPEG)))
        .unwrap();
    assert_eq!(emu.send(cover).await.status, 403);
    let app = emu.client_token().await;
    let anonymous = call(&emu, Method::GET, "/v1/me/playlists", &app, None).await;
    assert_eq!(anonymous.status, 403);
}

#[tokio::test]
async fn malformed_writes_are_400s() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(ALL).await;
    let items = items_uri(ids::PLAYLIST_250_ITEMS);
    let hundred_and_one: Vec<String> = (0..101).map(|_| track(ids::SEED_TRACK)).collect();
    let seed = track(ids::SEED_TRACK);
    let cases: Vec<(&str, Method, Value)> = vec![
        ("101 URIs", Method::POST, json!({"uris": hundred_and_one})),
        (
            "an album",
            Method::POST,
            json!({"uris": ["spotify:album:4aawyAB9vmqN3uQ7FjRGTy"]}),
        ),
        (
            "a malformed id",
            Method::POST,
            json!({"uris": ["spotify:track:nope"]}),
        ),
        (
            "an unknown track",
            Method::POST,
            json!({"uris": ["spotify:track:0000000000000000000000"]}),
        ),
        (
            "past the end",
            Method::POST,
            json!({"uris": [seed], "position": 251}),
        ),
        ("no URIs", Method::POST, json!({})),
        (
            "a range past the end",
            Method::PUT,
            json!({"range_start": 250, "insert_before": 0}),
        ),
        (
            "reorder and replace",
            Method::PUT,
            json!({"range_start": 0, "insert_before": 0, "uris": []}),
        ),
        ("a length alone", Method::PUT, json!({"range_length": 2})),
        (
            "a local file",
            Method::DELETE,
            json!({"items": [{"uri": "spotify:local:a:b:c:1"}]}),
        ),
        ("no items", Method::DELETE, json!({"items": []})),
    ];
    let mut answers = Vec::new();
    for (what, method, body) in cases {
        let reply = call(&emu, method.clone(), &items, &token, Some(body)).await;
        answers.push(json!({"request": format!("{method} {what}"), "answer": reply.json()}));
    }
    let broken = emu
        .send(
            Request::post(&items)
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::from("{\"uris\": ["))
                .unwrap(),
        )
        .await;
    answers.push(json!({"request": "POST (broken JSON)", "answer": broken.json()}));
    snap!("api_playlist_write_bad_requests", answers);
    assert_eq!(
        uris(&emu, ids::PLAYLIST_250_ITEMS, &token).await.len(),
        250,
        "nothing changed"
    );
}

#[tokio::test]
async fn the_tracks_twins_serve_extended_apps_only() {
    let body = json!({"uris": [track(ids::SEED_TRACK)]});
    for (emu, served) in [(Emu::new(), false), (extended(), true)] {
        let (token, _) = emu.user_tokens(ALL).await;
        let tracks = format!("/v1/playlists/{}/tracks", ids::PLAYLIST_250_ITEMS);
        let add = call(&emu, Method::POST, &tracks, &token, Some(body.clone())).await;
        let reorder = call(
            &emu,
            Method::PUT,
            &tracks,
            &token,
            Some(json!({"range_start": 0, "insert_before": 2})),
        )
        .await;
        let remove = call(
            &emu,
            Method::DELETE,
            &tracks,
            &token,
            Some(json!({"tracks": [{"uri": track(ids::SEED_TRACK)}]})),
        )
        .await;
        let for_me = call(
            &emu,
            Method::POST,
            "/v1/users/emulator-user/playlists",
            &token,
            Some(json!({"name": "old way"})),
        )
        .await;
        let statuses = [add.status, reorder.status, remove.status, for_me.status];
        if served {
            assert_eq!(statuses, [201, 200, 200, 201]);
            let for_other = call(
                &emu,
                Method::POST,
                &format!("/v1/users/{}/playlists", ids::CURATOR_USER_ID),
                &token,
                Some(json!({"name": "theirs"})),
            )
            .await;
            assert_eq!(for_other.status, 403);
        } else {
            assert_eq!(statuses, [403; 4]);
            assert_eq!(
                add.json(),
                json!({"error": {"status": 403, "message": "Forbidden"}})
            );
        }
    }
}

#[tokio::test]
async fn created_playlists_lead_the_users_list() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(ALL).await;
    let created = call(
        &emu,
        Method::POST,
        "/v1/me/playlists",
        &token,
        Some(json!({"name": "Road trip", "description": "A7", "public": false})),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    snap!("api_playlist_created", created.clone());
    let second = call(
        &emu,
        Method::POST,
        "/v1/me/playlists",
        &token,
        Some(json!({"name": "Shared", "collaborative": true})),
    )
    .await
    .json();
    assert_eq!(
        (second["public"].clone(), second["collaborative"].clone()),
        (json!(false), json!(true))
    );
    let bad = call(
        &emu,
        Method::POST,
        "/v1/me/playlists",
        &token,
        Some(json!({"name": "x", "collaborative": true, "public": true})),
    )
    .await;
    assert_eq!(bad.status, 400);

    let mine = call(&emu, Method::GET, "/v1/me/playlists?limit=50", &token, None)
        .await
        .json();
    let listed: Vec<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed[..2],
        [
            second["id"].as_str().unwrap(),
            created["id"].as_str().unwrap()
        ]
    );
    assert!(listed.contains(&ids::PLAYLIST_250_ITEMS) && listed.contains(&ids::LARGE_PLAYLIST));
    assert!(listed.contains(&ids::COLLABORATIVE_PLAYLIST));
    assert!(!listed.contains(&ids::FOREIGN_PLAYLIST));
    assert_eq!(mine["total"], listed.len());

    // Without the read scopes: public playlists only.
    let bare = token_of(&emu, "emulator-user", "user-read-private").await;
    let public = call(&emu, Method::GET, "/v1/me/playlists?limit=50", &bare, None)
        .await
        .json();
    let public: Vec<&str> = public["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(public.contains(&ids::PLAYLIST_250_ITEMS));
    assert!(
        !public.contains(&ids::LARGE_PLAYLIST) && !public.contains(&ids::COLLABORATIVE_PLAYLIST)
    );
    let bad_offset = call(
        &emu,
        Method::GET,
        "/v1/me/playlists?offset=100001",
        &token,
        None,
    )
    .await;
    assert_eq!(bad_offset.status, 400);
}

#[tokio::test]
async fn a_cover_upload_becomes_the_playlists_image() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(ALL).await;
    let upload = |content_type: &'static str, body: Vec<u8>| {
        Request::put(format!("/v1/playlists/{}/images", ids::PLAYLIST_250_ITEMS))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let before = snapshot_of(&emu, ids::PLAYLIST_250_ITEMS, &token).await;
    let accepted = emu
        .send(upload("image/jpeg", STANDARD.encode(JPEG).into_bytes()))
        .await;
    assert_eq!((accepted.status, accepted.body.is_empty()), (202, true));
    assert_ne!(
        snapshot_of(&emu, ids::PLAYLIST_250_ITEMS, &token).await,
        before
    );
    let images = call(
        &emu,
        Method::GET,
        &format!("/v1/playlists/{}/images", ids::PLAYLIST_250_ITEMS),
        &token,
        None,
    )
    .await
    .json();
    assert_eq!(images.as_array().unwrap().len(), 1);
    assert_eq!(
        (images[0]["width"].clone(), images[0]["height"].clone()),
        (json!(640), json!(480))
    );
    let url = images[0]["url"].as_str().unwrap();
    let path = &url[url.find("/image/").unwrap()..];
    let served = emu.get(path).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.header("content-type"), Some("image/jpeg"));
    assert_eq!(&served.body[..], JPEG, "the bytes come back as sent");

    let png = STANDARD.encode(b"\x89PNG\r\n\x1a\nxxxx").into_bytes();
    let too_large = vec![b'A'; 256 * 1024 + 4];
    let refused = [
        emu.send(upload("image/jpeg", png)).await,
        emu.send(upload("image/jpeg", b"not base64!".to_vec()))
            .await,
        emu.send(upload(
            "application/json",
            STANDARD.encode(JPEG).into_bytes(),
        ))
        .await,
        emu.send(upload("image/jpeg", too_large)).await,
    ];
    let statuses: Vec<u16> = refused.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [400, 400, 400, 413]);
    assert_eq!(
        emu.get("/image/ab67706c0000da84000000000000000000000000")
            .await
            .status,
        404
    );
}
