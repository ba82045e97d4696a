//! The Web API under `/v1` (SPOTIFY-PROTOCOL.md §2.1–2.3, §2.7).

use axum::body::Body;
use axum::http::{Method, Request, header};
use serde_json::{Value, json};
use spotify_emulator::{Emulator, MessageEra, QuotaMode};

use crate::snap;
use crate::support::{Emu, SURFIN_BIRD};

/// The headers a Web API response is expected to carry.
const API_HEADERS: &[&str] = &[
    "content-type",
    "cache-control",
    "etag",
    "www-authenticate",
    "x-robots-tag",
    "access-control-allow-origin",
    "access-control-allow-headers",
    "access-control-allow-methods",
    "access-control-allow-credentials",
    "access-control-max-age",
    "strict-transport-security",
    "x-content-type-options",
    "server",
];

/// No header, a Basic header, an empty bearer, an unknown token and an expired one.
async fn bearer_rows(emu: &Emu) -> Vec<Value> {
    let track = format!("/v1/tracks/{SURFIN_BIRD}");
    let expired = emu.client_token().await;
    emu.control(
        Method::POST,
        "/clock/advance",
        Some(json!({ "seconds": 3600 })),
    )
    .await;
    let cases: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("no header", vec![]),
        (
            "basic scheme",
            vec![("authorization", "Basic ZW11bGF0b3I6c2VjcmV0".to_owned())],
        ),
        (
            "empty bearer",
            vec![("authorization", "Bearer ".to_owned())],
        ),
        (
            "unknown token",
            vec![("authorization", "Bearer BQnot-a-token".to_owned())],
        ),
        (
            "expired token",
            vec![("authorization", format!("Bearer {expired}"))],
        ),
    ];
    let mut rows = Vec::new();
    for (case, headers) in cases {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let reply = emu.api_with(&track, &headers).await;
        rows.push(json!({ "case": case, "reply": reply.brief() }));
    }
    rows
}

#[tokio::test]
async fn bearer_errors_current_wording() {
    let emu = Emu::new();
    snap!("api_bearer_errors_current", bearer_rows(&emu).await);
}

#[tokio::test]
async fn bearer_errors_legacy_wording() {
    let emu = Emu::with(Emulator::builder().auth_message_era(MessageEra::Legacy));
    snap!("api_bearer_errors_legacy", bearer_rows(&emu).await);
}

#[tokio::test]
async fn track_is_served_with_catalog_headers() {
    let emu = Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended));
    let token = emu.client_token().await;
    let reply = emu.api(&format!("/v1/tracks/{SURFIN_BIRD}"), &token).await;
    assert!(reply.header("etag").unwrap().starts_with("\"MC-"));
    snap!("api_track", reply.view(API_HEADERS));
}

#[tokio::test]
async fn development_mode_strips_the_removed_track_fields() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    let reply = emu.api(&format!("/v1/tracks/{SURFIN_BIRD}"), &token).await;
    snap!("api_track_development", reply.json());
}

#[tokio::test]
async fn malformed_and_unknown_track_ids() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    let mut rows = Vec::new();
    for id in [
        "7EjyzZcbLxW7PaaLua9Ks",
        "7EjyzZcbLxW7PaaLua9Ks%21",
        "%FF%FE",
        "0000000000000000000000",
    ] {
        let reply = emu.api(&format!("/v1/tracks/{id}"), &token).await;
        rows.push(json!({ "id": id, "reply": reply.brief() }));
    }
    snap!("api_track_bad_ids", rows);
}

#[tokio::test]
async fn market_sets_is_playable() {
    let emu = Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended));
    let cc = emu.client_token().await;
    let (user, _) = emu.user_tokens("").await;
    let track = |market: &str| format!("/v1/tracks/{SURFIN_BIRD}?market={market}");

    let se = emu.api(&track("SE"), &cc).await.json();
    assert_eq!(se["is_playable"], true);
    assert!(
        se.get("available_markets").is_none() && se["album"].get("available_markets").is_none()
    );

    let jp = emu.api(&track("JP"), &cc).await.json();
    assert_eq!(
        (&jp["is_playable"], &jp["restrictions"]),
        (&json!(false), &json!({ "reason": "market" }))
    );

    let from_user = emu.api(&track("from_token"), &user).await.json();
    assert_eq!(from_user, se, "the default user is in SE");

    let plain = emu
        .api(&format!("/v1/tracks/{SURFIN_BIRD}"), &cc)
        .await
        .json();
    let from_cc = emu.api(&track("from_token"), &cc).await.json();
    assert_eq!(from_cc, plain, "no user country: as stored");
    assert!(plain["available_markets"].is_array() && plain.get("is_playable").is_none());

    for bad in ["se", "XX", "SWE", "%FF"] {
        let reply = emu.api(&track(bad), &cc).await;
        assert_eq!(
            reply.json(),
            json!({ "error": { "status": 400, "message": "Invalid market code" } }),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn etag_round_trip_gives_304() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    let uri = format!("/v1/tracks/{SURFIN_BIRD}");
    let first = emu.api(&uri, &token).await;
    let etag = first.header("etag").unwrap().to_owned();
    let bearer = format!("Bearer {token}");
    let again = emu
        .api_with(
            &uri,
            &[("authorization", &bearer), ("if-none-match", &etag)],
        )
        .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert_eq!(again.header("cache-control"), Some("public, max-age=0"));
    let other = emu
        .api_with(
            &uri,
            &[
                ("authorization", &bearer),
                ("if-none-match", "\"MC-other\""),
            ],
        )
        .await;
    assert_eq!(other.status, 200);
    let market = emu
        .api_with(
            &format!("{uri}?market=SE"),
            &[("authorization", &bearer), ("if-none-match", &etag)],
        )
        .await;
    assert_eq!(market.status, 200, "another body, another ETag");
}

#[tokio::test]
async fn me_filters_fields_by_scope() {
    let emu = Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended));
    let mut rows = Vec::new();
    for scope in [
        "",
        "user-read-email",
        "user-read-private",
        "user-read-email user-read-private",
    ] {
        let (token, _) = emu.user_tokens(scope).await;
        rows.push(json!({ "scope": scope, "reply": emu.api("/v1/me", &token).await.view(&["content-type", "cache-control"]) }));
    }
    snap!("api_me_by_scope", rows);
    // Development mode: none of the fields removed in 2026-02, whatever the scopes.
    let dev = Emu::new();
    let (token, _) = dev.user_tokens("user-read-email user-read-private").await;
    let me = dev.api("/v1/me", &token).await.json();
    for removed in [
        "country",
        "email",
        "explicit_content",
        "followers",
        "product",
    ] {
        assert!(me.get(removed).is_none(), "{removed}: {me}");
    }
    assert_eq!(me["id"], "emulator-user");
}

#[tokio::test]
async fn user_endpoints_refuse_client_credentials() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    for uri in ["/v1/me", "/v1/me/player/devices"] {
        let reply = emu.api(uri, &token).await;
        assert_eq!(
            reply.brief(),
            json!({
                "status": 403,
                "headers": { "content-type": "application/json; charset=utf-8", "cache-control": "private, max-age=0" },
                "body": { "error": { "status": 403, "message": "Insufficient client scope" } },
            }),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn devices_need_the_playback_state_scope() {
    let emu = Emu::new();
    let (without, _) = emu.user_tokens("user-read-private").await;
    assert_eq!(emu.api("/v1/me/player/devices", &without).await.status, 403);
    let (with, _) = emu.user_tokens("user-read-playback-state").await;
    snap!(
        "api_devices",
        emu.api("/v1/me/player/devices", &with).await.brief()
    );
}

#[tokio::test]
async fn unknown_paths_wrong_methods_and_preflights() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    let not_found = emu.api("/v1/nope/nothing", &token).await;
    let no_auth = emu.get("/v1/nope").await;
    let wrong_method = emu
        .send(
            Request::delete(format!("/v1/tracks/{SURFIN_BIRD}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let preflight = emu
        .send(
            Request::options(format!("/v1/tracks/{SURFIN_BIRD}"))
                .header("origin", "https://app.example")
                .header("access-control-request-method", "GET")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let preflight_unknown = emu
        .send(
            Request::options("/v1/anything")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let outside = emu.get("/nowhere").await;
    snap!(
        "api_routing",
        json!({
            "unknown path": not_found.brief(),
            "unknown path without auth": no_auth.brief(),
            "wrong method": wrong_method.brief(),
            "preflight": preflight.view(API_HEADERS),
            "preflight, unknown path": preflight_unknown.status,
            "outside /v1": outside.brief(),
        })
    );
}

#[tokio::test]
async fn every_api_request_is_counted() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    emu.api(&format!("/v1/tracks/{SURFIN_BIRD}"), &token).await;
    emu.get("/v1/tracks/x").await;
    emu.api("/v1/nowhere", &token).await;
    emu.send(Request::options("/v1/me").body(Body::empty()).unwrap())
        .await;
    let stats = emu.control(Method::GET, "/stats", None).await.json();
    assert_eq!(stats["api_requests"], 4);
}

#[tokio::test]
async fn hostile_requests_get_spotify_errors() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    let bearer = format!("Bearer {token}");
    let huge = "a".repeat(30_000);
    let odd_header = Request::get("/v1/me")
        .header(
            header::AUTHORIZATION,
            axum::http::HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap(),
        )
        .body(Body::empty())
        .unwrap();
    let cases = vec![
        emu.api_with(&format!("/v1/tracks/{huge}"), &[("authorization", &bearer)])
            .await,
        emu.api_with(
            &format!("/v1/tracks/{SURFIN_BIRD}?market={huge}"),
            &[("authorization", &bearer)],
        )
        .await,
        emu.api_with(
            &format!("/v1/tracks/{SURFIN_BIRD}?market=SE&market=GB"),
            &[("authorization", &bearer)],
        )
        .await,
        emu.send(odd_header).await,
        emu.api_with("/v1/me", &[("authorization", &format!("Bearer {huge}"))])
            .await,
    ];
    let statuses: Vec<u16> = cases.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [400, 400, 400, 400, 401]);
    for reply in &cases {
        assert_eq!(
            reply.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        assert!(reply.json()["error"]["message"].is_string());
    }
}

#[tokio::test]
async fn a_trailing_slash_is_served_like_the_path_without_it() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let (user, _) = emu.user_tokens("user-read-private").await;
    let with = emu.api(&format!("/v1/tracks/{SURFIN_BIRD}/"), &cc).await;
    let without = emu.api(&format!("/v1/tracks/{SURFIN_BIRD}"), &cc).await;
    assert_eq!((with.status, with.json()), (200, without.json()));
    let me = emu.api("/v1/me/", &user).await;
    assert_eq!(
        (me.status, me.json()),
        (200, emu.api("/v1/me", &user).await.json())
    );
    let query = emu
        .api(&format!("/v1/tracks/{SURFIN_BIRD}/?market=SE"), &cc)
        .await;
    assert_eq!(query.json()["is_playable"], true);
    assert_eq!(emu.api("/v1/nowhere/", &cc).await.status, 404);
    assert_eq!(emu.api("/v1/", &cc).await.status, 404);
}
