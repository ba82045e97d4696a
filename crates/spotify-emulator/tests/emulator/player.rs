//! The player routes, in-process: what each answers, state by state, and Spotify's error
//! bodies with their reasons.

use axum::body::Body;
use axum::http::{Method, Request, header};
use serde_json::{Value, json};
use spotify_emulator::catalog_ids::{ALBUM_30_TRACKS, RELINKED_TRACK_TARGET, SHOW_60_EPISODES};
use spotify_emulator::{
    DEFAULT_CLIENT_ID, DESKTOP_DEVICE_ID, FIXED_VOLUME_DEVICE_ID, FREE_USER_ID, SPEAKER_DEVICE_ID,
};

use crate::snap;
use crate::support::{CHALLENGE, Emu, REDIRECT, Reply, SURFIN_BIRD, VERIFIER};

/// Every scope the player needs.
const PLAYER_SCOPES: &str = "user-read-playback-state user-modify-playback-state \
                             user-read-currently-playing user-read-recently-played";

/// `method uri` with the bearer `token` and an optional JSON body.
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

async fn put(emu: &Emu, uri: &str, token: &str, body: Option<Value>) -> Reply {
    call(emu, Method::PUT, uri, token, body).await
}

async fn post(emu: &Emu, uri: &str, token: &str) -> Reply {
    call(emu, Method::POST, uri, token, None).await
}

/// Starts the 30-track album at `position` and checks the 204.
async fn play_album(emu: &Emu, token: &str, position: u32) {
    let body = json!({ "context_uri": format!("spotify:album:{ALBUM_30_TRACKS}"),
                       "offset": { "position": position } });
    let reply = put(emu, "/v1/me/player/play", token, Some(body)).await;
    assert_eq!(reply.status, 204, "{}", reply.text());
    assert!(reply.body.is_empty());
}

/// A token of the Free user with the player's scopes (PKCE).
async fn free_user_token(emu: &Emu) -> String {
    let code = emu.code(PLAYER_SCOPES, FREE_USER_ID, Some(CHALLENGE)).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", DEFAULT_CLIENT_ID),
        ("code_verifier", VERIFIER),
    ];
    emu.token(&form, None).await.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A playback body with the clock's values (`timestamp`, `progress_ms`) and the long track
/// objects cut down to their URIs, for snapshots.
fn stable(mut body: Value) -> Value {
    for key in ["timestamp", "progress_ms"] {
        if let Some(value) = body.get_mut(key).filter(|v| v.is_number()) {
            *value = "[clock]".into();
        }
    }
    if let Some(item) = body.get_mut("item").filter(|v| v.is_object()) {
        *item = item["uri"].clone();
    }
    body
}

#[tokio::test]
async fn nothing_plays_until_a_context_is_started_then_the_state_shows_it() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(PLAYER_SCOPES).await;
    for uri in ["/v1/me/player", "/v1/me/player/currently-playing"] {
        let reply = emu.api(uri, &token).await;
        assert_eq!((reply.status, reply.body.len()), (204, 0), "{uri}");
    }
    play_album(&emu, &token, 2).await;
    let state = emu.api("/v1/me/player?market=SE", &token).await;
    assert_eq!(state.header("cache-control"), Some("private, max-age=0"));
    let body = state.json();
    assert_eq!(body["item"]["track_number"], 3);
    assert_eq!(body["item"]["album"]["id"], ALBUM_30_TRACKS);
    assert!(body["progress_ms"].as_u64().unwrap() < 5_000);
    snap!("player_state_playing", stable(body));
    let current = emu
        .api("/v1/me/player/currently-playing", &token)
        .await
        .json();
    assert!(current.get("device").is_none() && current.get("shuffle_state").is_none());
    assert_eq!(
        current["context"]["uri"],
        format!("spotify:album:{ALBUM_30_TRACKS}")
    );
    let devices = emu.api("/v1/me/player/devices", &token).await.json();
    let active: Vec<&Value> = devices["devices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["is_active"] == true)
        .map(|d| &d["id"])
        .collect();
    assert_eq!(active, [DESKTOP_DEVICE_ID]);
}

#[tokio::test]
async fn progress_follows_the_virtual_clock_into_the_next_track() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(PLAYER_SCOPES).await;
    play_album(&emu, &token, 0).await;
    let first = emu.api("/v1/me/player", &token).await.json();
    let duration = first["item"]["duration_ms"].as_u64().unwrap();
    let advance = duration / 1000 + 2;
    emu.control(
        Method::POST,
        "/clock/advance",
        Some(json!({ "seconds": advance })),
    )
    .await;
    let now = emu.api("/v1/me/player", &token).await.json();
    assert_eq!(now["item"]["track_number"], 2);
    let progress = now["progress_ms"].as_u64().unwrap();
    assert!((1_000..10_000).contains(&progress), "{progress}");
    let recent = emu
        .api("/v1/me/player/recently-played", &token)
        .await
        .json();
    assert_eq!(recent["items"][0]["track"]["id"], first["item"]["id"]);
    assert_eq!(recent["items"][0]["context"]["type"], "album", "{recent}");
}

#[tokio::test]
async fn episodes_need_additional_types_and_the_queue_plays_first() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(PLAYER_SCOPES).await;
    let show = json!({ "context_uri": format!("spotify:show:{SHOW_60_EPISODES}") });
    assert_eq!(
        put(&emu, "/v1/me/player/play", &token, Some(show))
            .await
            .status,
        204
    );
    let hidden = emu.api("/v1/me/player", &token).await.json();
    assert_eq!(hidden["item"], Value::Null);
    assert_eq!(hidden["currently_playing_type"], "episode");
    let shown = emu
        .api("/v1/me/player?additional_types=track,episode", &token)
        .await
        .json();
    assert_eq!(shown["item"]["type"], "episode");
    assert_eq!(shown["item"]["show"]["id"], SHOW_60_EPISODES);
    // Queue two tracks: they come before the show goes on, in the order added.
    let track = format!("spotify:track:{SURFIN_BIRD}");
    let second = format!("spotify:track:{RELINKED_TRACK_TARGET}");
    for uri in [&track, &second] {
        let reply = post(&emu, &format!("/v1/me/player/queue?uri={uri}"), &token).await;
        assert_eq!(reply.status, 204, "{}", reply.text());
    }
    let queue = emu.api("/v1/me/player/queue", &token).await.json();
    let uris: Vec<&str> = queue["queue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris[..2], [track.as_str(), second.as_str()]);
    assert_eq!(queue["queue"][2]["type"], "episode");
    assert_eq!(uris.len(), 20);
    assert_eq!(queue["currently_playing"]["uri"], shown["item"]["uri"]);
    assert_eq!(post(&emu, "/v1/me/player/next", &token).await.status, 204);
    let now = emu.api("/v1/me/player", &token).await.json();
    assert_eq!(now["item"]["uri"], track.as_str());
    assert_eq!(now["context"]["type"], "show");
}

#[tokio::test]
async fn modes_volume_and_transfer_change_the_state() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(PLAYER_SCOPES).await;
    play_album(&emu, &token, 0).await;
    for uri in [
        "/v1/me/player/shuffle?state=true",
        "/v1/me/player/repeat?state=context",
        "/v1/me/player/volume?volume_percent=35",
        "/v1/me/player/pause",
    ] {
        let reply = put(&emu, uri, &token, None).await;
        assert_eq!(reply.status, 204, "{uri}: {}", reply.text());
    }
    let state = emu.api("/v1/me/player", &token).await.json();
    assert_eq!(
        (
            &state["shuffle_state"],
            &state["repeat_state"],
            &state["device"]["volume_percent"],
            &state["is_playing"]
        ),
        (&json!(true), &json!("context"), &json!(35), &json!(false))
    );
    assert_eq!(
        state["actions"],
        json!({ "disallows": { "pausing": true } })
    );
    let transfer = json!({ "device_ids": [SPEAKER_DEVICE_ID], "play": true });
    assert_eq!(
        put(&emu, "/v1/me/player", &token, Some(transfer))
            .await
            .status,
        204
    );
    let state = emu.api("/v1/me/player", &token).await.json();
    assert_eq!(state["device"]["id"], SPEAKER_DEVICE_ID);
    assert_eq!(state["device"]["is_active"], true);
    assert_eq!(state["is_playing"], true);
    assert_eq!(
        state["actions"],
        json!({ "disallows": { "resuming": true } })
    );
}

#[tokio::test]
async fn recently_played_pages_with_millisecond_cursors() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(PLAYER_SCOPES).await;
    let empty = emu
        .api("/v1/me/player/recently-played", &token)
        .await
        .json();
    assert_eq!(empty["items"], json!([]));
    assert_eq!(
        (&empty["next"], &empty["cursors"]),
        (&Value::Null, &Value::Null)
    );
    play_album(&emu, &token, 0).await;
    for _ in 0..5 {
        assert_eq!(post(&emu, "/v1/me/player/next", &token).await.status, 204);
    }
    let page = emu
        .api("/v1/me/player/recently-played?limit=2", &token)
        .await
        .json();
    let numbers = |page: &Value| -> Vec<u64> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["track"]["track_number"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(numbers(&page), [5, 4]);
    let before = page["cursors"]["before"].as_str().unwrap();
    let next = page["next"].as_str().unwrap();
    assert_eq!(
        next,
        format!("http://localhost/v1/me/player/recently-played?before={before}&limit=2")
    );
    let played_at = page["items"][1]["played_at"].as_str().unwrap();
    assert_eq!(
        played_at.len(),
        "2017-03-05T10:07:38.946Z".len(),
        "{played_at}"
    );
    let page = emu
        .api(&next.replace("http://localhost", ""), &token)
        .await
        .json();
    assert_eq!(numbers(&page), [3, 2]);
    let after = page["cursors"]["after"].as_str().unwrap();
    let newer = emu
        .api(
            &format!("/v1/me/player/recently-played?after={after}&limit=2"),
            &token,
        )
        .await
        .json();
    assert_eq!(numbers(&newer), [5, 4]);
    assert_eq!(newer["next"], Value::Null);
}

#[tokio::test]
async fn player_errors_carry_spotifys_bodies_and_reasons() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(PLAYER_SCOPES).await;
    let free = free_user_token(&emu).await;
    let mut rows = Vec::new();
    let mut row =
        |case: &str, reply: Reply| rows.push(json!({ "case": case, "reply": reply.brief() }));
    row(
        "pause, nothing loaded",
        put(&emu, "/v1/me/player/pause", &token, None).await,
    );
    row(
        "next, nothing loaded",
        post(&emu, "/v1/me/player/next", &token).await,
    );
    row(
        "free user",
        put(&emu, "/v1/me/player/pause", &free, None).await,
    );
    row(
        "unknown device",
        put(&emu, "/v1/me/player/pause?device_id=nope", &token, None).await,
    );
    row(
        "volume, device without volume control",
        put(
            &emu,
            &format!("/v1/me/player/volume?volume_percent=10&device_id={FIXED_VOLUME_DEVICE_ID}"),
            &token,
            None,
        )
        .await,
    );
    play_album(&emu, &token, 29).await;
    row(
        "resume while playing",
        put(&emu, "/v1/me/player/play", &token, None).await,
    );
    row(
        "next at the end",
        post(&emu, "/v1/me/player/next", &token).await,
    );
    play_album(&emu, &token, 0).await;
    row(
        "previous at the start",
        post(&emu, "/v1/me/player/previous", &token).await,
    );
    let off_the_end = json!({ "context_uri": format!("spotify:album:{ALBUM_30_TRACKS}"),
                              "offset": { "position": 30 } });
    row(
        "offset past the end",
        put(&emu, "/v1/me/player/play", &token, Some(off_the_end)).await,
    );
    assert_eq!(
        put(&emu, "/v1/me/player/pause", &token, None).await.status,
        204
    );
    row(
        "pause while paused",
        put(&emu, "/v1/me/player/pause", &token, None).await,
    );
    emu.control(
        Method::PUT,
        "/users/emulator-user/player",
        Some(json!({ "active_device": null })),
    )
    .await;
    row(
        "no active device",
        put(&emu, "/v1/me/player/play", &token, None).await,
    );
    snap!("player_errors", rows);
    // Spotify's captured variant: `UNKNOWN` for a restriction, the same message.
    emu.control(
        Method::PUT,
        "/config",
        Some(json!({ "player_restriction_reason": "unknown" })),
    )
    .await;
    let reply = put(
        &emu,
        &format!("/v1/me/player/pause?device_id={DESKTOP_DEVICE_ID}"),
        &token,
        None,
    )
    .await;
    assert_eq!(
        reply.json(),
        json!({ "error": { "status": 403, "message": "Player command failed: Restriction violated", "reason": "UNKNOWN" } })
    );
}

#[tokio::test]
async fn malformed_player_requests_are_400s() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(PLAYER_SCOPES).await;
    play_album(&emu, &token, 0).await;
    let album = format!("spotify:album:{ALBUM_30_TRACKS}");
    let track = format!("spotify:track:{SURFIN_BIRD}");
    let mut rows = Vec::new();
    for (case, method, uri, body) in [
        (
            "seek without position",
            Method::PUT,
            "/v1/me/player/seek",
            None,
        ),
        (
            "seek to -1",
            Method::PUT,
            "/v1/me/player/seek?position_ms=-1",
            None,
        ),
        (
            "volume 101",
            Method::PUT,
            "/v1/me/player/volume?volume_percent=101",
            None,
        ),
        ("volume missing", Method::PUT, "/v1/me/player/volume", None),
        (
            "repeat sometimes",
            Method::PUT,
            "/v1/me/player/repeat?state=sometimes",
            None,
        ),
        (
            "shuffle yes",
            Method::PUT,
            "/v1/me/player/shuffle?state=yes",
            None,
        ),
        (
            "queue without uri",
            Method::POST,
            "/v1/me/player/queue",
            None,
        ),
        (
            "queue an album",
            Method::POST,
            &format!("/v1/me/player/queue?uri={album}") as &str,
            None,
        ),
        (
            "queue an unknown track",
            Method::POST,
            "/v1/me/player/queue?uri=spotify:track:0000000000000000000000",
            None,
        ),
        (
            "play both",
            Method::PUT,
            "/v1/me/player/play",
            Some(json!({ "context_uri": album, "uris": [track] })),
        ),
        (
            "play a track as a context",
            Method::PUT,
            "/v1/me/player/play",
            Some(json!({ "context_uri": track })),
        ),
        (
            "play no uris",
            Method::PUT,
            "/v1/me/player/play",
            Some(json!({ "uris": [] })),
        ),
        (
            "transfer to two devices",
            Method::PUT,
            "/v1/me/player",
            Some(json!({ "device_ids": [DESKTOP_DEVICE_ID, SPEAKER_DEVICE_ID] })),
        ),
        (
            "transfer to none",
            Method::PUT,
            "/v1/me/player",
            Some(json!({})),
        ),
        (
            "transfer to an unknown device",
            Method::PUT,
            "/v1/me/player",
            Some(json!({ "device_ids": ["nope"] })),
        ),
        (
            "recently played, both cursors",
            Method::GET,
            "/v1/me/player/recently-played?before=1&after=1",
            None,
        ),
        (
            "recently played, limit 51",
            Method::GET,
            "/v1/me/player/recently-played?limit=51",
            None,
        ),
    ] {
        let reply = call(&emu, method, uri, &token, body).await;
        rows.push(json!({ "case": case, "status": reply.status, "body": reply.json() }));
    }
    snap!("player_bad_requests", rows);
    let not_json = emu
        .send(
            Request::put("/v1/me/player/play")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::from("{context_uri"))
                .unwrap(),
        )
        .await;
    assert_eq!(
        (not_json.status, not_json.json()["error"]["message"].clone()),
        (400, json!("Malformed json"))
    );
}

#[tokio::test]
async fn each_operation_needs_its_scope() {
    let emu = Emu::new();
    let (none, _) = emu.user_tokens("user-read-private").await;
    let ops: [(Method, &str, &str); 15] = [
        (Method::GET, "/v1/me/player", "user-read-playback-state"),
        (Method::PUT, "/v1/me/player", "user-modify-playback-state"),
        (
            Method::GET,
            "/v1/me/player/devices",
            "user-read-playback-state",
        ),
        (
            Method::GET,
            "/v1/me/player/currently-playing",
            "user-read-currently-playing",
        ),
        (
            Method::PUT,
            "/v1/me/player/play",
            "user-modify-playback-state",
        ),
        (
            Method::PUT,
            "/v1/me/player/pause",
            "user-modify-playback-state",
        ),
        (
            Method::POST,
            "/v1/me/player/next",
            "user-modify-playback-state",
        ),
        (
            Method::POST,
            "/v1/me/player/previous",
            "user-modify-playback-state",
        ),
        (
            Method::PUT,
            "/v1/me/player/seek?position_ms=0",
            "user-modify-playback-state",
        ),
        (
            Method::PUT,
            "/v1/me/player/repeat?state=off",
            "user-modify-playback-state",
        ),
        (
            Method::PUT,
            "/v1/me/player/volume?volume_percent=1",
            "user-modify-playback-state",
        ),
        (
            Method::PUT,
            "/v1/me/player/shuffle?state=false",
            "user-modify-playback-state",
        ),
        (
            Method::GET,
            "/v1/me/player/recently-played",
            "user-read-recently-played",
        ),
        (
            Method::GET,
            "/v1/me/player/queue",
            "user-read-currently-playing",
        ),
        (
            Method::POST,
            &format!("/v1/me/player/queue?uri=spotify:track:{SURFIN_BIRD}") as &str,
            "user-modify-playback-state",
        ),
    ];
    let client = emu.client_token().await;
    for (method, uri, scope) in ops {
        for token in [&none, &client] {
            let refused = call(&emu, method.clone(), uri, token, Some(json!({}))).await;
            assert_eq!(
                (refused.status, refused.json()["error"]["message"].clone()),
                (403, json!("Insufficient client scope")),
                "{method} {uri}"
            );
        }
        let (with, _) = emu.user_tokens(scope).await;
        let allowed = call(&emu, method.clone(), uri, &with, Some(json!({}))).await;
        let message = if allowed.body.is_empty() {
            Value::Null
        } else {
            allowed.json()["error"]["message"].clone()
        };
        assert_ne!(
            message,
            json!("Insufficient client scope"),
            "{method} {uri} with {scope}"
        );
    }
    // The queue takes either read scope.
    let (state, _) = emu.user_tokens("user-read-playback-state").await;
    assert_eq!(emu.api("/v1/me/player/queue", &state).await.status, 200);
}

#[tokio::test]
async fn a_free_user_reads_but_cannot_command() {
    let emu = Emu::new();
    let free = free_user_token(&emu).await;
    assert_eq!(emu.api("/v1/me/player", &free).await.status, 204);
    let devices = emu.api("/v1/me/player/devices", &free).await.json();
    assert_eq!(devices["devices"][0]["name"], "Emulator Phone");
    let play = json!({ "context_uri": format!("spotify:album:{ALBUM_30_TRACKS}") });
    let reply = put(&emu, "/v1/me/player/play", &free, Some(play)).await;
    assert_eq!(
        reply.json(),
        json!({ "error": { "status": 403, "message": "Player command failed: Premium required", "reason": "PREMIUM_REQUIRED" } })
    );
}

#[tokio::test]
async fn the_control_plane_shows_and_sets_a_players_state() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens(PLAYER_SCOPES).await;
    play_album(&emu, &token, 0).await;
    let shown = emu
        .control(Method::GET, "/users/emulator-user/player", None)
        .await
        .json();
    assert_eq!(shown["active_device"], DESKTOP_DEVICE_ID);
    assert_eq!(shown["context"], format!("spotify:album:{ALBUM_30_TRACKS}"));
    assert_eq!(shown["is_playing"], true);
    let stopped = emu
        .control(
            Method::PUT,
            "/users/emulator-user/player",
            Some(json!({ "stop": true, "active_device": SPEAKER_DEVICE_ID })),
        )
        .await
        .json();
    assert_eq!(
        (&stopped["item"], &stopped["active_device"]),
        (&Value::Null, &json!(SPEAKER_DEVICE_ID))
    );
    assert_eq!(emu.api("/v1/me/player", &token).await.status, 204);
    let unknown = emu
        .control(
            Method::PUT,
            "/users/emulator-user/player",
            Some(json!({ "active_device": "nope" })),
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.json()["error"]["message"].clone()),
        (404, json!("Unknown device"))
    );
    let nobody = emu.control(Method::GET, "/users/nobody/player", None).await;
    assert_eq!(nobody.status, 404);
    // A reset puts the configured devices back, nothing playing.
    emu.control(Method::POST, "/reset", None).await;
    let (token, _) = emu.user_tokens(PLAYER_SCOPES).await;
    assert_eq!(emu.api("/v1/me/player", &token).await.status, 204);
    let shown = emu
        .control(Method::GET, "/users/emulator-user/player", None)
        .await
        .json();
    assert_eq!(shown["active_device"], DESKTOP_DEVICE_ID);
}
