//! `GET`/`POST /authorize` (SPOTIFY-PROTOCOL.md §1.1).

use serde_json::json;
use spotify_emulator::{App, DEFAULT_CLIENT_ID, Emulator};

use crate::snap;
use crate::support::{CHALLENGE, Emu, REDIRECT, default_client, encode, query_param};

fn authorize_uri(pairs: &[(&str, &str)]) -> String {
    format!("/authorize?{}", encode(pairs))
}

/// A valid request for the default app, with `extra` appended.
fn request(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut pairs = vec![
        ("client_id", DEFAULT_CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
    ];
    pairs.extend_from_slice(extra);
    pairs
}

#[tokio::test]
async fn consent_page_is_a_plain_form() {
    let emu = Emu::new();
    let uri = authorize_uri(&request(&[
        ("scope", "user-read-private user-read-email"),
        ("state", "xyz<&>"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
        ("show_dialog", "true"),
    ]));
    let reply = emu.get(&uri).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = reply.text();
    assert!(!html.contains("<script"));
    insta::with_settings!({ prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("authorize_consent_page", html);
    });
}

#[tokio::test]
async fn agree_redirects_with_code_and_state() {
    let emu = Emu::new();
    let mut form = request(&[
        ("scope", "user-read-email"),
        ("state", "s t&ate"),
        ("action", "accept"),
    ]);
    form.push(("user", "emulator-free-user"));
    let reply = emu.post_form("/authorize", &form, None).await;
    snap!("authorize_agree", reply.brief());
    assert_eq!(
        query_param(reply.location(), "state").as_deref(),
        Some("s t&ate")
    );
    let code = query_param(reply.location(), "code").unwrap();
    let exchange = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
    ];
    let token = emu.token(&exchange, Some(default_client())).await.json();
    let me = emu
        .api("/v1/me", token["access_token"].as_str().unwrap())
        .await
        .json();
    assert_eq!(
        me["id"], "emulator-free-user",
        "the user picked on the form"
    );
}

#[tokio::test]
async fn cancel_redirects_with_access_denied() {
    let emu = Emu::new();
    let reply = emu
        .post_form(
            "/authorize",
            &request(&[("state", "abc"), ("action", "cancel")]),
            None,
        )
        .await;
    snap!("authorize_cancel", reply.brief());
}

#[tokio::test]
async fn state_is_left_out_when_none_was_sent() {
    let emu = Emu::new();
    let reply = emu
        .post_form("/authorize", &request(&[("action", "accept")]), None)
        .await;
    assert_eq!(reply.status, 302);
    assert!(query_param(reply.location(), "code").is_some());
    assert!(query_param(reply.location(), "state").is_none());
}

#[tokio::test]
async fn auto_approve_redirects_at_once() {
    let emu = Emu::with(Emulator::builder().auto_approve("emulator-user"));
    let reply = emu.get(&authorize_uri(&request(&[("state", "1")]))).await;
    assert_eq!(reply.status, 302);
    assert!(
        reply
            .location()
            .starts_with("http://127.0.0.1:8888/callback?code=")
    );
    // Switched off through the control plane: the consent page again.
    emu.control(
        axum::http::Method::PUT,
        "/config",
        Some(json!({ "auto_approve_user": null })),
    )
    .await;
    assert_eq!(emu.get(&authorize_uri(&request(&[]))).await.status, 200);
}

/// Requests that cannot be trusted get a 400 page and never a redirect.
#[tokio::test]
async fn untrusted_client_or_redirect_gets_an_error_page() {
    let emu = Emu::new();
    let cases: &[(&str, Vec<(&str, &str)>)] = &[
        (
            "missing client_id",
            vec![("response_type", "code"), ("redirect_uri", REDIRECT)],
        ),
        (
            "unknown client",
            vec![
                ("client_id", "nobody"),
                ("response_type", "code"),
                ("redirect_uri", REDIRECT),
            ],
        ),
        (
            "missing redirect_uri",
            vec![("client_id", DEFAULT_CLIENT_ID), ("response_type", "code")],
        ),
        (
            "unregistered redirect",
            request(&[])
                .into_iter()
                .map(|p| {
                    if p.0 == "redirect_uri" {
                        ("redirect_uri", "http://127.0.0.1/elsewhere")
                    } else {
                        p
                    }
                })
                .collect(),
        ),
        (
            "trailing slash",
            vec![
                ("client_id", DEFAULT_CLIENT_ID),
                ("response_type", "code"),
                ("redirect_uri", "http://127.0.0.1:8888/callback/"),
            ],
        ),
        (
            "localhost",
            vec![
                ("client_id", DEFAULT_CLIENT_ID),
                ("response_type", "code"),
                ("redirect_uri", "http://localhost:8888/callback"),
            ],
        ),
        (
            "plain http",
            vec![
                ("client_id", DEFAULT_CLIENT_ID),
                ("response_type", "code"),
                ("redirect_uri", "http://example.com/callback"),
            ],
        ),
        (
            "unknown client, bad response_type",
            vec![
                ("client_id", "nobody"),
                ("response_type", "token"),
                ("redirect_uri", REDIRECT),
            ],
        ),
    ];
    let mut rows = Vec::new();
    for (case, pairs) in cases {
        let reply = emu.get(&authorize_uri(pairs)).await;
        assert_eq!(reply.status, 400, "{case}");
        assert!(reply.header("location").is_none(), "{case}");
        let html = reply.text();
        let message = html
            .split("<p id=\"error\">")
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .unwrap();
        rows.push(json!({ "case": case, "content-type": reply.header("content-type"), "message": message }));
    }
    snap!("authorize_error_pages", rows);
}

#[tokio::test]
async fn loopback_literals_registered_without_port_match_any_port() {
    let emu = Emu::new();
    for redirect in [
        "http://127.0.0.1/callback",
        "http://127.0.0.1:1/callback",
        "http://[::1]:65535/callback",
    ] {
        let pairs = [
            ("client_id", DEFAULT_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", redirect),
        ];
        assert_eq!(
            emu.get(&authorize_uri(&pairs)).await.status,
            200,
            "{redirect}"
        );
    }
}

#[tokio::test]
async fn registered_https_and_custom_schemes_are_allowed_and_keep_their_query() {
    let app = App::new("https-app", "https-secret")
        .name("HTTPS App")
        .redirect_uris([
            "https://app.example/callback?tenant=7",
            "com.example.app://oauth",
        ]);
    let emu = Emu::with(Emulator::builder().app(app));
    let form = [
        ("client_id", "https-app"),
        ("response_type", "code"),
        ("redirect_uri", "https://app.example/callback?tenant=7"),
        ("state", "s"),
        ("action", "accept"),
    ];
    let reply = emu.post_form("/authorize", &form, None).await;
    assert_eq!(reply.status, 302);
    snap!("authorize_https_with_query", reply.brief());
    let form = [
        ("client_id", "https-app"),
        ("response_type", "code"),
        ("redirect_uri", "com.example.app://oauth"),
        ("action", "accept"),
    ];
    let reply = emu.post_form("/authorize", &form, None).await;
    assert!(
        reply
            .location()
            .starts_with("com.example.app://oauth?code="),
        "{}",
        reply.location()
    );
}

/// Once client and redirect are trusted, errors go back to the app.
#[tokio::test]
async fn later_errors_redirect_with_error_and_state() {
    let emu = Emu::new();
    let cases: &[(&str, Vec<(&str, &str)>)] = &[
        (
            "response_type token",
            vec![
                ("client_id", DEFAULT_CLIENT_ID),
                ("response_type", "token"),
                ("redirect_uri", REDIRECT),
                ("state", "s"),
            ],
        ),
        (
            "response_type missing",
            vec![
                ("client_id", DEFAULT_CLIENT_ID),
                ("redirect_uri", REDIRECT),
                ("state", "s"),
            ],
        ),
        (
            "unknown scope",
            request(&[
                ("scope", "user-read-email user-personalized"),
                ("state", "s"),
            ]),
        ),
        (
            "comma-separated scopes",
            request(&[("scope", "user-read-email,user-read-private")]),
        ),
        (
            "plain challenge method",
            request(&[
                ("code_challenge", CHALLENGE),
                ("code_challenge_method", "plain"),
            ]),
        ),
        (
            "challenge without method",
            request(&[("code_challenge", CHALLENGE)]),
        ),
        (
            "method without challenge",
            request(&[("code_challenge_method", "S256")]),
        ),
        (
            "padded challenge",
            request(&[
                (
                    "code_challenge",
                    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM=",
                ),
                ("code_challenge_method", "S256"),
            ]),
        ),
    ];
    let mut rows = Vec::new();
    for (case, pairs) in cases {
        let reply = emu.get(&authorize_uri(pairs)).await;
        assert_eq!(reply.status, 302, "{case}");
        rows.push(json!({ "case": case, "location": reply.location() }));
    }
    snap!("authorize_error_redirects", rows);
}

#[tokio::test]
async fn post_checks_everything_again() {
    let emu = Emu::new();
    let tampered = [
        ("client_id", DEFAULT_CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", "https://attacker.example/steal"),
        ("action", "accept"),
    ];
    let reply = emu.post_form("/authorize", &tampered, None).await;
    assert_eq!(reply.status, 400);
    assert!(
        reply
            .text()
            .contains("INVALID_CLIENT: Invalid redirect URI")
    );
    let unknown_user = [request(&[("action", "accept")]), vec![("user", "nobody")]].concat();
    assert_eq!(
        emu.post_form("/authorize", &unknown_user, None)
            .await
            .status,
        400
    );
    let no_action = request(&[]);
    assert_eq!(
        emu.post_form("/authorize", &no_action, None).await.status,
        400
    );
}

#[tokio::test]
async fn hostile_queries_do_not_break_the_page() {
    let emu = Emu::new();
    let huge = "x".repeat(20_000);
    let reply = emu
        .get(&format!(
            "/authorize?client_id={huge}&redirect_uri=%ff%fe&scope=%00"
        ))
        .await;
    assert_eq!(reply.status, 400);
    let reply = emu.get("/authorize?client_id=emulator-client-id&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&state=%3Cscript%3E").await;
    assert_eq!(reply.status, 200);
    assert!(!reply.text().contains("<script>"));
    let stats = emu
        .control(axum::http::Method::GET, "/stats", None)
        .await
        .json();
    assert_eq!(stats["authorize_requests"], 2);
}

#[tokio::test]
async fn a_returning_user_skips_the_dialog_unless_asked() {
    let emu = Emu::new();
    let mut form = request(&[
        ("scope", "user-read-email user-read-private"),
        ("action", "accept"),
    ]);
    form.push(("user", "emulator-free-user"));
    let agreed = emu.post_form("/authorize", &form, None).await;
    let cookie = agreed.header("set-cookie").unwrap().to_owned();
    assert!(
        cookie.starts_with("sp_emulator_user=emulator-free-user;"),
        "{cookie}"
    );
    let cookie = cookie.split(';').next().unwrap().to_owned();

    let get = |pairs: Vec<(&'static str, &'static str)>, cookie: Option<String>| {
        let mut request = axum::http::Request::get(authorize_uri(&pairs));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        emu.send(request.body(axum::body::Body::empty()).unwrap())
    };
    // The same scopes (or fewer), with the browser's cookie: straight back with a code.
    let again = get(
        request(&[("scope", "user-read-private")]),
        Some(cookie.clone()),
    )
    .await;
    assert_eq!(again.status, 302);
    assert!(query_param(again.location(), "code").is_some());
    // show_dialog=true, a new scope, or no cookie: the consent page.
    for (pairs, cookie) in [
        (
            request(&[("scope", "user-read-private"), ("show_dialog", "true")]),
            Some(cookie.clone()),
        ),
        (request(&[("scope", "user-top-read")]), Some(cookie.clone())),
        (request(&[("scope", "user-read-private")]), None),
        (
            request(&[("scope", "user-read-private")]),
            Some("sp_emulator_user=emulator-user".to_owned()),
        ),
    ] {
        let reply = get(pairs, cookie).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        assert!(reply.text().contains("id=\"agree\""));
    }
}
