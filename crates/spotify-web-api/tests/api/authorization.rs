//! The authorization code flow, with a secret and with PKCE, against the emulator's
//! `/authorize` and `/api/token`.

use spotify_emulator::Emulator;
use spotify_web_api::{Error, Scope, Session};

use crate::support::{self, REDIRECT};

#[tokio::test]
async fn code_flow_with_secret_gets_a_user_token() {
    // An extended-quota app: development mode has no `email` in `/me` since 2026-02.
    let emu = support::extended_emulator().await;
    let mut session = support::app_session(&emu);
    let state = Session::generate_state();
    let url = session
        .authorize_url()
        .scopes([Scope::UserReadPrivate, Scope::UserReadEmail])
        .state(&state)
        .build()
        .unwrap();
    let redirect = support::authorize(&emu, &url).await;
    assert!(redirect.starts_with(REDIRECT), "{redirect}");
    let code = Session::parse_redirect(&redirect, Some(&state)).unwrap();
    session.request_access_token(&code).await.unwrap();

    assert!(session.refresh_token().is_some());
    assert_eq!(
        session.scope(),
        [Scope::UserReadPrivate, Scope::UserReadEmail]
    );
    let api = support::api_builder(&emu).session(session).build().unwrap();
    let me = api.me().await.unwrap();
    assert_eq!(me.id, emu.default_user_id());
    assert!(me.email.is_some(), "user-read-email was granted");
}

#[tokio::test]
async fn a_code_works_once() {
    let emu = Emulator::start().await;
    let mut session = support::app_session(&emu);
    let url = session.authorize_url().build().unwrap();
    let code = Session::parse_redirect(&support::authorize(&emu, &url).await, None).unwrap();
    session.request_access_token(&code).await.unwrap();
    let err = session.request_access_token(&code).await.unwrap_err();
    match err {
        Error::Auth {
            error,
            error_description,
            ..
        } => {
            assert_eq!(error, "invalid_grant");
            assert_eq!(
                error_description.as_deref(),
                Some("Invalid authorization code")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_code_expires_after_a_few_minutes() {
    let emu = Emulator::start().await;
    let mut session = support::app_session(&emu);
    let url = session.authorize_url().build().unwrap();
    let code = Session::parse_redirect(&support::authorize(&emu, &url).await, None).unwrap();
    emu.advance_clock(std::time::Duration::from_secs(3600));
    let err = session.request_access_token(&code).await.unwrap_err();
    assert!(
        matches!(&err, Error::Auth { error_description: Some(d), .. } if d == "Authorization code expired"),
        "{err:?}"
    );
}

#[tokio::test]
async fn pkce_flow_sends_no_secret_and_checks_the_verifier() {
    let emu = Emulator::start().await;
    let session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    assert!(session.access_token().is_some());
    assert_eq!(emu.stats().token_requests_by_grant["authorization_code"], 1);

    // A wrong verifier is refused.
    let mut session = support::pkce_session(&emu);
    let verifier = Session::generate_code_verifier();
    let url = session
        .authorize_url()
        .code_challenge(&Session::code_challenge(&verifier))
        .build()
        .unwrap();
    let code = Session::parse_redirect(&support::authorize(&emu, &url).await, None).unwrap();
    let err = session
        .request_access_token_pkce(&code, &Session::generate_code_verifier())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Auth { error, error_description: Some(d), .. }
            if error == "invalid_grant" && d == "code_verifier was incorrect"),
        "{err:?}"
    );
}

#[tokio::test]
async fn consent_page_agree_and_cancel() {
    let emu = Emulator::start().await;
    let session = support::app_session(&emu);
    let state = Session::generate_state();
    let url = session.authorize_url().state(&state).build().unwrap();
    emu.set_auto_approve(None);
    let browser = support::browser();
    let page = browser.get(url.clone()).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Agree") && html.contains("Cancel"), "{html}");
    assert!(
        !html.contains("<script"),
        "the page works without JavaScript"
    );

    // Submit the form as a browser would: every hidden field, plus the button pressed.
    let q: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    for (action, expect) in [("accept", "code="), ("cancel", "error=access_denied")] {
        let mut form = q.clone();
        form.push(("action".into(), action.into()));
        form.push(("user".into(), emu.default_user_id().into()));
        let resp = browser
            .post(format!("{}/authorize", emu.base_url()))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 302);
        let location = resp.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains(expect), "{location}");
        assert!(location.contains(&format!("state={state}")), "{location}");
        if action == "cancel" {
            let err = Session::parse_redirect(&location, Some(&state)).unwrap_err();
            assert!(matches!(&err, Error::Authorization { error } if error == "access_denied"));
        }
    }
}

#[tokio::test]
async fn a_forged_state_is_refused() {
    let emu = Emulator::start().await;
    let session = support::app_session(&emu);
    let url = session.authorize_url().state("attacker").build().unwrap();
    let redirect = support::authorize(&emu, &url).await;
    let err = Session::parse_redirect(&redirect, Some("mine")).unwrap_err();
    assert!(matches!(err, Error::StateMismatch));
}

#[tokio::test]
async fn localhost_redirect_is_refused_by_both_sides() {
    let emu = Emulator::start().await;
    let err = Session::builder(emu.client_id())
        .redirect_uri("http://localhost:8765/callback")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");

    // The emulator shows the error page and does not redirect.
    let resp = support::browser()
        .get(format!("{}/authorize", emu.base_url()))
        .query(&[
            ("client_id", emu.client_id()),
            ("response_type", "code"),
            ("redirect_uri", "http://localhost:8765/callback"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());
    assert!(
        resp.text()
            .await
            .unwrap()
            .contains("INVALID_CLIENT: Insecure redirect URI")
    );
}

#[tokio::test]
async fn client_credentials_token_cannot_read_me() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let err = api.me().await.unwrap_err();
    assert!(err.is_forbidden(), "{err:?}");
    assert!(matches!(&err, Error::Api { message, .. } if message == "Insufficient client scope"));
}

#[tokio::test]
async fn a_missing_scope_is_a_typed_error_that_names_the_scope() {
    let emu = Emulator::start().await;
    let session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    let api = support::api_builder(&emu).session(session).build().unwrap();
    let err = api.get_my_devices().await.unwrap_err();
    assert!(err.is_forbidden(), "{err:?}");
    assert_eq!(err.status(), Some(403));
    assert_eq!(
        err.missing_scopes(),
        Some(&[Scope::UserReadPlaybackState][..])
    );
    assert!(
        err.to_string().contains("user-read-playback-state"),
        "{err}"
    );

    let session = support::user_session(&emu, &[Scope::UserReadPlaybackState]).await;
    let api = support::api_builder(&emu).session(session).build().unwrap();
    let devices = api.get_my_devices().await.unwrap();
    assert!(!devices.devices.is_empty());
}
