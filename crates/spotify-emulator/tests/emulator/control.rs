//! The control plane, `/__emulator/*`.

use axum::http::Method;
use serde_json::{Value, json};

use crate::snap;
use crate::support::{Emu, SURFIN_BIRD};

#[tokio::test]
async fn clock_reads_and_advances() {
    let emu = Emu::new();
    let before = emu.control(Method::GET, "/clock", None).await.json()["now"]
        .as_u64()
        .unwrap();
    let after = emu
        .control(
            Method::POST,
            "/clock/advance",
            Some(json!({ "seconds": 86_400 })),
        )
        .await
        .json();
    let after = after["now"].as_u64().unwrap();
    assert!(
        (86_400..86_400 + 5).contains(&(after - before)),
        "{before} -> {after}"
    );
    let bad = emu
        .control(
            Method::POST,
            "/clock/advance",
            Some(json!({ "seconds": -1 })),
        )
        .await;
    snap!("control_bad_body", bad.brief());
    let huge = emu
        .control(
            Method::POST,
            "/clock/advance",
            Some(json!({ "seconds": u64::MAX })),
        )
        .await;
    assert_eq!(huge.status, 200, "saturates instead of overflowing");
}

#[tokio::test]
async fn reset_forgets_tokens_counters_clock_and_settings() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    emu.control(
        Method::PUT,
        "/config",
        Some(json!({ "message_era": "legacy" })),
    )
    .await;
    emu.control(
        Method::POST,
        "/clock/advance",
        Some(json!({ "seconds": 1_000_000 })),
    )
    .await;
    let before = emu.control(Method::GET, "/clock", None).await.json()["now"]
        .as_u64()
        .unwrap();
    assert_eq!(emu.control(Method::POST, "/reset", None).await.status, 204);
    let now = emu.control(Method::GET, "/clock", None).await.json()["now"]
        .as_u64()
        .unwrap();
    assert!(now + 900_000 < before);
    let reply = emu.api(&format!("/v1/tracks/{SURFIN_BIRD}"), &token).await;
    assert_eq!(
        reply.json()["error"]["message"],
        "Missing/invalid/expired access token"
    );
    let stats = emu.control(Method::GET, "/stats", None).await.json();
    assert_eq!(
        stats,
        json!({ "token_requests": 0, "token_requests_by_grant": {}, "api_requests": 1, "authorize_requests": 0, "not_modified_responses": 0, "connections": 0 })
    );
}

#[tokio::test]
async fn config_switches_behaviours() {
    let emu = Emu::new();
    let initial = emu.control(Method::GET, "/config", None).await.json();
    let changed = emu
        .control(
            Method::PUT,
            "/config",
            Some(json!({
                "auto_approve_user": "emulator-free-user",
                "refresh_rotation": "pkce-only",
                "refresh_token_lifetime_secs": 3600,
                "message_era": "legacy",
            })),
        )
        .await;
    let unknown_user = emu
        .control(
            Method::PUT,
            "/config",
            Some(json!({ "auto_approve_user": "nobody" })),
        )
        .await;
    let bad_value = emu
        .control(
            Method::PUT,
            "/config",
            Some(json!({ "refresh_rotation": "sometimes" })),
        )
        .await;
    let unknown_field = emu
        .control(Method::PUT, "/config", Some(json!({ "colour": "blue" })))
        .await;
    let not_json = emu
        .send(
            axum::http::Request::put("/__emulator/config")
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{nope"))
                .unwrap(),
        )
        .await;
    snap!(
        "control_config",
        json!({
            "initial": initial,
            "changed": changed.brief(),
            "unknown user": unknown_user.brief(),
            "bad value": bad_value.brief(),
            "unknown field": unknown_field.brief(),
            "not json": not_json.brief(),
        })
    );
    let reply = emu.get(&format!("/v1/tracks/{SURFIN_BIRD}")).await;
    assert_eq!(reply.json()["error"]["message"], "No token provided");
}

#[tokio::test]
async fn revoked_access_tokens_get_401() {
    let emu = Emu::new();
    let one = emu.client_token().await;
    let two = emu.client_token().await;
    let three = emu.client_token().await;
    let track = format!("/v1/tracks/{SURFIN_BIRD}");
    let reply = emu
        .control(
            Method::POST,
            "/tokens/revoke",
            Some(json!({ "access_token": one })),
        )
        .await;
    assert_eq!(reply.json(), json!({ "revoked": 1 }));
    assert_eq!(emu.api(&track, &one).await.status, 401);
    assert_eq!(emu.api(&track, &two).await.status, 200);
    let reply = emu
        .control(Method::POST, "/tokens/revoke", Some(json!({ "all": true })))
        .await;
    assert_eq!(reply.json(), json!({ "revoked": 2 }));
    assert_eq!(emu.api(&track, &three).await.status, 401);
    let nothing = emu
        .control(Method::POST, "/tokens/revoke", Some(json!({})))
        .await;
    assert_eq!(nothing.status, 400);
}

#[tokio::test]
async fn stats_reset_and_unknown_control_paths() {
    let emu = Emu::new();
    emu.client_token().await;
    assert_eq!(
        emu.control(Method::POST, "/stats/reset", None).await.status,
        204
    );
    assert_eq!(
        emu.control(Method::GET, "/stats", None).await.json()["token_requests"],
        0
    );
    assert_eq!(
        emu.control(Method::POST, "/users/nobody/revoke", None)
            .await
            .status,
        404
    );
    assert_eq!(emu.control(Method::GET, "/nothing", None).await.status, 404);
    assert_eq!(emu.control(Method::GET, "/reset", None).await.status, 405);
}

#[tokio::test]
async fn quota_mode_is_set_per_app_and_reset() {
    let emu = Emu::new();
    let apps = emu.control(Method::GET, "/apps", None).await.json();
    assert_eq!(
        apps,
        json!([{ "client_id": "emulator-client-id", "name": "Spotify Emulator App", "quota_mode": "development", "rate_limit": null }])
    );
    let changed = emu
        .control(
            Method::PUT,
            "/apps/emulator-client-id",
            Some(json!({ "quota_mode": "extended" })),
        )
        .await;
    assert_eq!(changed.status, 200);
    assert_eq!(changed.json()["quota_mode"], "extended");
    let read = emu
        .control(Method::GET, "/apps/emulator-client-id", None)
        .await;
    assert_eq!(read.json()["quota_mode"], "extended");
    let unknown = emu
        .control(
            Method::PUT,
            "/apps/nobody",
            Some(json!({ "quota_mode": "extended" })),
        )
        .await;
    assert_eq!(
        unknown.json(),
        json!({ "error": { "status": 404, "message": "Unknown app" } })
    );
    let bad = emu
        .control(
            Method::PUT,
            "/apps/emulator-client-id",
            Some(json!({ "quota_mode": "premium" })),
        )
        .await;
    assert_eq!(bad.status, 400);
    let limited = emu
        .control(
            Method::PUT,
            "/apps/emulator-client-id",
            Some(json!({ "rate_limit": { "budget": 5 } })),
        )
        .await
        .json();
    assert_eq!(
        (&limited["quota_mode"], &limited["rate_limit"]),
        (
            &json!("extended"),
            &json!({ "budget": 5, "window_secs": 30, "empty_body": false, "escalating": false })
        ),
        "one field changed, the other kept"
    );
    let zero = emu
        .control(
            Method::PUT,
            "/apps/emulator-client-id",
            Some(json!({ "rate_limit": { "budget": 0 } })),
        )
        .await;
    assert_eq!(zero.status, 400);
    emu.control(Method::POST, "/reset", None).await;
    let read = emu
        .control(Method::GET, "/apps/emulator-client-id", None)
        .await;
    assert_eq!(read.json()["quota_mode"], "development");
    assert_eq!(read.json()["rate_limit"], Value::Null);
}

#[tokio::test]
async fn the_request_log_keeps_paths_as_sent() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    emu.api(&format!("/v1/tracks/{SURFIN_BIRD}/?market=SE"), &token)
        .await;
    emu.api("/v1/albums/x/tracks?offset=0&limit=20", &token)
        .await;
    emu.get("/__emulator/stats").await;
    let mut log = emu.control(Method::GET, "/requests", None).await.json();
    let clock = emu.control(Method::GET, "/clock", None).await.json()["now"]
        .as_u64()
        .unwrap();
    for entry in log.as_array_mut().unwrap() {
        let entry = entry.as_object_mut().unwrap();
        let arrived_s = entry.remove("arrived_at_ms").unwrap().as_u64().unwrap() / 1000;
        assert!(
            arrived_s.abs_diff(clock) <= 2,
            "arrived {arrived_s}, now {clock}"
        );
        assert!(entry.remove("duration_us").unwrap().is_u64());
    }
    assert_eq!(
        log,
        json!([
            { "method": "GET", "path": format!("/v1/tracks/{SURFIN_BIRD}/"), "query": "market=SE", "status": 200 },
            { "method": "GET", "path": "/v1/albums/x/tracks", "query": "offset=0&limit=20", "status": 400 },
        ])
    );
    assert_eq!(
        emu.control(Method::DELETE, "/requests", None).await.status,
        204
    );
    assert_eq!(
        emu.control(Method::GET, "/requests", None).await.json(),
        json!([])
    );
}

#[tokio::test]
async fn the_request_log_keeps_answers_bodies_when_asked() {
    let emu = Emu::with(spotify_emulator::Emulator::builder().log_response_bodies(true));
    let token = emu.client_token().await;
    let sent = emu.api(&format!("/v1/tracks/{SURFIN_BIRD}"), &token).await;
    let log = emu.control(Method::GET, "/requests", None).await.json();
    let logged = &log[0];
    assert_eq!(logged["status"], 200);
    let body: Value = serde_json::from_str(logged["body"].as_str().unwrap()).unwrap();
    assert_eq!(body, sent.json());
}
