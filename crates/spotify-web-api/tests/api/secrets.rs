//! Secrets (the client secret, access and refresh tokens) appear in no log line, no `Debug`
//! output and no error, through a whole run of flows, refreshes and failures.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use serde_json::json;
use spotify_emulator::Emulator;
use spotify_web_api::{CallbackTokenStore, Scope, Session, Token};

use crate::support;

#[tokio::test]
async fn no_secret_in_logs_debug_or_errors() {
    // This test's own sink, so that what it asserts was logged was logged by this flow (the
    // global subscriber keeps every callsite's interest alive, so nothing is missed).
    support::install_global_subscriber();
    let sink = support::Sink::default();
    let _guard = tracing::subscriber::set_default(sink.subscriber());

    let emu = Emulator::start().await;
    let mut seen = Vec::new(); // everything a user could print

    // Client credentials, a wrong secret, a track.
    let api = support::warm_client(&emu).await;
    seen.push(format!("{api:?}"));
    // A retried call: its spans (one per attempt) land in the logs too.
    support::fault(&emu, json!({"status": 503, "count": 1})).await;
    api.get_track(support::SURFIN_BIRD).await.unwrap();
    let mut bad = Session::builder(emu.client_id())
        .client_secret("wrong-secret-xyz")
        .accounts_url(emu.base_url())
        .build()
        .unwrap();
    let err = bad.request_credentials_token().await.unwrap_err();
    seen.push(format!("{err} {err:?} {bad:?}"));

    // A user login, a refresh, a 401 replay, a refused refresh token. Every token issued is
    // kept to look for: the login's, the refresh's, and each one the client renews (its token
    // store sees each before it is used), so tokens issued after the revocation and the replay
    // are looked for too.
    let issued: Arc<Mutex<Vec<Token>>> = Arc::default();
    let mut session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    issued
        .lock()
        .unwrap()
        .push(session.token().unwrap().clone());
    session.refresh_access_token().await.unwrap();
    let token = session.token().unwrap().clone();
    issued.lock().unwrap().push(token.clone());
    seen.push(format!("{session:?} {token:?}"));
    let saved = issued.clone();
    let store = CallbackTokenStore::new(
        || async { Ok(None) },
        move |token| {
            saved.lock().unwrap().push(token);
            async { Ok(()) }
        },
    );
    let user_api = support::api_builder(&emu)
        .session(session)
        .token_store(store)
        .build()
        .unwrap();
    support::control(&emu, "tokens/revoke", json!({"all": true})).await;
    user_api.me().await.unwrap();
    seen.push(format!("{user_api:?}"));
    support::fault(&emu, json!({"status": 401, "count": 5})).await;
    let err = user_api.me().await.unwrap_err();
    seen.push(format!("{err} {err:?}"));
    emu.advance_clock(std::time::Duration::from_secs(200 * 24 * 3600));
    let err = user_api.me().await.unwrap_err();
    seen.push(format!("{err} {err:?}"));
    issued
        .lock()
        .unwrap()
        .push(api.token().expect("the client's token"));

    let issued = issued.lock().unwrap().clone();
    let access: BTreeSet<&str> = issued.iter().map(Token::access_token).collect();
    // Every successful token request is here: all but the wrong secret and the refresh
    // refused after the clock jump.
    assert_eq!(
        access.len() as u64,
        emu.stats().token_requests - 2,
        "a token was issued that the test does not look for"
    );
    let mut secrets = vec![
        emu.client_secret().to_owned(),
        "wrong-secret-xyz".to_owned(),
    ];
    for token in &issued {
        secrets.push(token.access_token().to_owned());
        secrets.extend(token.refresh_token().map(str::to_owned));
    }
    seen.push(format!("{user_api:?} {api:?}"));

    let logs = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("spotify request"),
        "the pipeline logged: {logs}"
    );
    // The request spans are in what is scanned.
    assert!(
        logs.contains("spotify_request{method=GET path=/tracks/{id} attempt=1 wait_ms="),
        "the spans are logged: {logs}"
    );
    assert!(logs.contains("path=/me attempt=0"), "{logs}");
    for secret in &secrets {
        assert!(!secret.is_empty());
        assert!(!logs.contains(secret.as_str()), "a secret is in the logs");
        for text in &seen {
            assert!(!text.contains(secret.as_str()), "a secret is in {text}");
        }
    }
}
