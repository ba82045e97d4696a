//! `POST /api/token` (SPOTIFY-PROTOCOL.md §1.2).

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request, header};
use serde_json::{Value, json};
use spotify_emulator::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Emulator, Rotation};

use crate::snap;
use crate::support::{CHALLENGE, Emu, REDIRECT, VERIFIER, default_client, encode};

const CC: (&str, &str) = ("grant_type", "client_credentials");

#[tokio::test]
async fn client_credentials_with_basic_auth() {
    let emu = Emu::new();
    let reply = emu.token(&[CC], Some(default_client())).await;
    snap!("token_client_credentials", reply.brief());
    let token = reply.json()["access_token"].as_str().unwrap().to_owned();
    assert!(token.len() > 100);
}

#[tokio::test]
async fn client_credentials_with_body_auth() {
    let emu = Emu::new();
    let form = [
        CC,
        ("client_id", DEFAULT_CLIENT_ID),
        ("client_secret", DEFAULT_CLIENT_SECRET),
    ];
    let by_body = emu.token(&form, None).await;
    let by_basic = emu.token(&[CC], Some(default_client())).await;
    assert_eq!(by_body.brief(), by_basic.brief());
    assert_ne!(
        by_body.json()["access_token"],
        by_basic.json()["access_token"]
    );
}

#[tokio::test]
async fn authorization_code_with_basic_auth() {
    let emu = Emu::new();
    let code = emu
        .code("user-read-email user-read-private", "emulator-user", None)
        .await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
    ];
    let reply = emu.token(&form, Some(default_client())).await;
    snap!("token_authorization_code", reply.brief());
}

#[tokio::test]
async fn authorization_code_with_body_auth() {
    let emu = Emu::new();
    let code = emu.code("user-read-email", "emulator-user", None).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
        ("client_id", DEFAULT_CLIENT_ID),
        ("client_secret", DEFAULT_CLIENT_SECRET),
    ];
    let reply = emu.token(&form, None).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["scope"], "user-read-email");
}

/// The four parameters of a PKCE exchange, plus the verifier if any.
fn pkce_form<'a>(code: &'a str, verifier: Option<&'a str>) -> Vec<(&'static str, &'a str)> {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT),
        ("client_id", DEFAULT_CLIENT_ID),
    ];
    form.extend(verifier.map(|v| ("code_verifier", v)));
    form
}

#[tokio::test]
async fn pkce_checks_the_s256_verifier() {
    let emu = Emu::new();
    let code = emu
        .code("user-read-private", "emulator-user", Some(CHALLENGE))
        .await;
    let reply = emu.token(&pkce_form(&code, None), None).await;
    snap!("token_pkce_verifier_missing", reply.brief());
    let wrong = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX";
    let reply = emu.token(&pkce_form(&code, Some(wrong)), None).await;
    snap!("token_pkce_verifier_incorrect", reply.brief());
    let reply = emu.token(&pkce_form(&code, Some(VERIFIER)), None).await;
    snap!("token_pkce_exchange", reply.brief());
}

#[tokio::test]
async fn pkce_code_cannot_be_exchanged_without_a_challenge() {
    let emu = Emu::new();
    let code = emu.code("", "emulator-user", None).await;
    let reply = emu.token(&pkce_form(&code, Some(VERIFIER)), None).await;
    assert_eq!(
        reply.json(),
        json!({"error": "invalid_client", "error_description": "Invalid client"})
    );
}

#[tokio::test]
async fn codes_are_single_use() {
    let emu = Emu::new();
    let code = emu.code("", "emulator-user", None).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
    ];
    assert_eq!(emu.token(&form, Some(default_client())).await.status, 200);
    let again = emu.token(&form, Some(default_client())).await;
    assert_eq!(
        again.json(),
        json!({"error": "invalid_grant", "error_description": "Invalid authorization code"})
    );
}

async fn advance(emu: &Emu, seconds: u64) {
    let reply = emu
        .control(
            Method::POST,
            "/clock/advance",
            Some(json!({ "seconds": seconds })),
        )
        .await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn codes_expire_after_ten_minutes_of_virtual_time() {
    let emu = Emu::new();
    let fresh = emu.code("", "emulator-user", None).await;
    let stale = emu.code("", "emulator-user", None).await;
    let form = |code| {
        [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
        ]
    };
    advance(&emu, 599).await;
    assert_eq!(
        emu.token(&form(&fresh), Some(default_client()))
            .await
            .status,
        200
    );
    advance(&emu, 1).await;
    let reply = emu.token(&form(&stale), Some(default_client())).await;
    assert_eq!(
        reply.json(),
        json!({"error": "invalid_grant", "error_description": "Authorization code expired"})
    );
}

#[tokio::test]
async fn redirect_uri_must_match_the_authorize_request() {
    let emu = Emu::new();
    let code = emu.code("", "emulator-user", None).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", "http://127.0.0.1:9999/callback"),
    ];
    let reply = emu.token(&form, Some(default_client())).await;
    assert_eq!(
        reply.json(),
        json!({"error": "invalid_grant", "error_description": "Invalid redirect URI"})
    );
}

async fn refresh(emu: &Emu, token: &str, basic: bool) -> Value {
    let mut form = vec![("grant_type", "refresh_token"), ("refresh_token", token)];
    if basic {
        emu.token(&form, Some(default_client()))
            .await
            .view(&["cache-control"])
    } else {
        form.push(("client_id", DEFAULT_CLIENT_ID));
        emu.token(&form, None).await.view(&["cache-control"])
    }
}

#[tokio::test]
async fn refresh_with_basic_and_body_auth_keeps_the_original_token() {
    let emu = Emu::new();
    let (_, refresh_token) = emu.user_tokens("user-read-email").await;
    let reply = refresh(&emu, &refresh_token, true).await;
    snap!("token_refresh_no_rotation", reply);
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.as_str()),
        ("client_id", DEFAULT_CLIENT_ID),
        ("client_secret", DEFAULT_CLIENT_SECRET),
    ];
    assert_eq!(
        emu.token(&form, None).await.status,
        200,
        "body auth, and the original still works"
    );
}

#[tokio::test]
async fn refresh_with_client_id_only_needs_a_pkce_token() {
    let emu = Emu::new();
    let (_, pkce) = emu.pkce_tokens("user-read-email").await;
    assert_eq!(refresh(&emu, &pkce, false).await["status"], 200);
    let (_, confidential) = emu.user_tokens("user-read-email").await;
    let reply = refresh(&emu, &confidential, false).await;
    assert_eq!(
        reply["body"],
        json!({"error": "invalid_client", "error_description": "Invalid client"})
    );
}

#[tokio::test]
async fn rotation_pkce_only_rotates_pkce_tokens_and_retires_the_old_one() {
    let emu = Emu::with(Emulator::builder().refresh_rotation(Rotation::PkceOnly));
    let (_, pkce) = emu.pkce_tokens("user-read-email").await;
    let rotated = emu
        .token(
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &pkce),
                ("client_id", DEFAULT_CLIENT_ID),
            ],
            None,
        )
        .await;
    snap!("token_refresh_rotated", rotated.brief());
    let new = rotated.json()["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(new, pkce);
    assert_eq!(
        refresh(&emu, &pkce, false).await["body"]["error_description"],
        "Invalid refresh token"
    );
    assert_eq!(refresh(&emu, &new, false).await["status"], 200);

    let (_, confidential) = emu.user_tokens("user-read-email").await;
    assert_eq!(
        refresh(&emu, &confidential, true).await["body"].get("refresh_token"),
        None
    );
}

#[tokio::test]
async fn rotation_always_rotates_every_token() {
    let emu = Emu::with(Emulator::builder().refresh_rotation(Rotation::Always));
    let (_, confidential) = emu.user_tokens("").await;
    let reply = refresh(&emu, &confidential, true).await;
    assert_eq!(reply["body"]["refresh_token"], "[token]");
    assert_eq!(
        refresh(&emu, &confidential, true).await["body"]["error_description"],
        "Invalid refresh token"
    );
}

const DAY: u64 = 24 * 60 * 60;

#[tokio::test]
async fn refresh_tokens_expire_six_months_after_authorisation() {
    let emu = Emu::new();
    let (_, token) = emu.user_tokens("").await;
    advance(&emu, 182 * DAY).await;
    assert_eq!(
        refresh(&emu, &token, true).await["status"],
        200,
        "refreshing does not extend"
    );
    advance(&emu, DAY - 1).await;
    assert_eq!(
        refresh(&emu, &token, true).await["status"],
        200,
        "one second before 183 days"
    );
    advance(&emu, 1).await;
    let expired = emu
        .token(
            &[("grant_type", "refresh_token"), ("refresh_token", &token)],
            Some(default_client()),
        )
        .await;
    snap!("token_refresh_expired", expired.brief());
}

#[tokio::test]
async fn rotated_refresh_tokens_keep_the_original_authorisation_time() {
    let emu = Emu::with(Emulator::builder().refresh_rotation(Rotation::Always));
    let (_, first) = emu.user_tokens("").await;
    advance(&emu, 100 * DAY).await;
    let reply = emu
        .token(
            &[("grant_type", "refresh_token"), ("refresh_token", &first)],
            Some(default_client()),
        )
        .await;
    let second = reply.json()["refresh_token"].as_str().unwrap().to_owned();
    advance(&emu, 83 * DAY).await;
    assert_eq!(
        refresh(&emu, &second, true).await["body"]["error_description"],
        "Refresh token revoked"
    );
}

#[tokio::test]
async fn refresh_token_lifetime_is_configurable() {
    let emu = Emu::with(Emulator::builder().refresh_token_lifetime(Duration::from_secs(60)));
    let (_, token) = emu.user_tokens("").await;
    advance(&emu, 60).await;
    assert_eq!(
        refresh(&emu, &token, true).await["body"]["error_description"],
        "Refresh token revoked"
    );
}

#[tokio::test]
async fn revoking_a_user_revokes_their_refresh_tokens() {
    let emu = Emu::new();
    let (_, token) = emu.user_tokens("").await;
    let reply = emu
        .control(Method::POST, "/users/emulator-user/revoke", None)
        .await;
    assert_eq!(reply.json(), json!({"revoked": 1}));
    assert_eq!(
        refresh(&emu, &token, true).await["body"]["error_description"],
        "Refresh token revoked"
    );
}

/// Every error row of §1.2, in one table.
#[tokio::test]
async fn every_error_row() {
    let emu = Emu::new();
    let code = emu.code("", "emulator-user", Some(CHALLENGE)).await;
    let plain_code = emu.code("", "emulator-user", None).await;
    let (_, refresh_token) = emu.user_tokens("").await;
    let good = default_client();
    let mut rows = Vec::new();
    let mut row = |case: &str, reply: crate::support::Reply| {
        rows.push(json!({ "case": case, "reply": reply.brief() }))
    };

    row(
        "unknown client id (basic)",
        emu.token(&[CC], Some(("nobody", "secret"))).await,
    );
    row(
        "unknown client id (body)",
        emu.token(&[CC, ("client_id", "nobody"), ("client_secret", "x")], None)
            .await,
    );
    row("no client auth", emu.token(&[CC], None).await);
    row(
        "client id without secret",
        emu.token(&[CC, ("client_id", DEFAULT_CLIENT_ID)], None)
            .await,
    );
    let garbled = Request::post("/api/token")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::AUTHORIZATION, "Basic %%%not-base64")
        .body(Body::from(encode(&[CC])))
        .unwrap();
    row("garbled basic header", emu.send(garbled).await);
    row(
        "wrong secret (basic)",
        emu.token(&[CC], Some((DEFAULT_CLIENT_ID, "wrong"))).await,
    );
    row(
        "wrong secret (body)",
        emu.token(
            &[
                CC,
                ("client_id", DEFAULT_CLIENT_ID),
                ("client_secret", "wrong"),
            ],
            None,
        )
        .await,
    );
    let ac = |code: &'static str| {
        [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
        ]
    };
    row("unknown code", emu.token(&ac("AQnope"), Some(good)).await);
    row(
        "redirect uri differs",
        emu.token(
            &[
                ("grant_type", "authorization_code"),
                ("code", &plain_code),
                ("redirect_uri", "http://127.0.0.1/other"),
            ],
            Some(good),
        )
        .await,
    );
    row(
        "verifier missing",
        emu.token(
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
            ],
            Some(good),
        )
        .await,
    );
    row(
        "verifier incorrect",
        emu.token(
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
                ("code_verifier", &"a".repeat(43)),
            ],
            Some(good),
        )
        .await,
    );
    row(
        "code missing",
        emu.token(
            &[
                ("grant_type", "authorization_code"),
                ("redirect_uri", REDIRECT),
            ],
            Some(good),
        )
        .await,
    );
    row(
        "unknown refresh token",
        emu.token(
            &[("grant_type", "refresh_token"), ("refresh_token", "AQnope")],
            Some(good),
        )
        .await,
    );
    row(
        "refresh token missing",
        emu.token(&[("grant_type", "refresh_token")], Some(good))
            .await,
    );
    row(
        "grant_type missing",
        emu.token(&[("client_id", DEFAULT_CLIENT_ID)], Some(good))
            .await,
    );
    row(
        "grant_type password",
        emu.token(&[("grant_type", "password")], Some(good)).await,
    );
    let json_body = Request::post("/api/token")
        .header(header::CONTENT_TYPE, "application/json")
        .header(
            header::AUTHORIZATION,
            crate::support::basic_header(good.0, good.1),
        )
        .body(Body::from(r#"{"grant_type":"client_credentials"}"#))
        .unwrap();
    row("JSON body", emu.send(json_body).await);
    let in_query = Request::post("/api/token?grant_type=client_credentials")
        .header(
            header::AUTHORIZATION,
            crate::support::basic_header(good.0, good.1),
        )
        .body(Body::empty())
        .unwrap();
    row("params in the query string", emu.send(in_query).await);
    let garbage = Request::post("/api/token")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(vec![0xff, 0xfe, b'&', b'=', 0x00, b'%']))
        .unwrap();
    row("binary garbage", emu.send(garbage).await);
    snap!("token_error_rows", rows);
    // The refresh token is still fine: errors consume nothing.
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.as_str()),
    ];
    assert_eq!(emu.token(&form, Some(good)).await.status, 200);
}

#[tokio::test]
async fn token_requests_are_counted_by_grant() {
    let emu = Emu::new();
    emu.client_token().await;
    emu.token(&[CC], None).await;
    emu.token(&[("grant_type", "password")], None).await;
    emu.token(&[], None).await;
    emu.user_tokens("").await;
    let stats = emu.control(Method::GET, "/stats", None).await.json();
    snap!("token_stats", stats);
}
