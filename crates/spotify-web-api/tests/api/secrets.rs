//! Secrets (the client secret, access and refresh tokens) appear in no log line, no `Debug`
//! output and no error, through a whole run of flows, refreshes and failures.

use std::io::Write;
use std::sync::{Arc, Mutex};

use serde_json::json;
use spotify_emulator::Emulator;
use spotify_web_api::{Scope, Session};

use crate::support;

/// A log sink shared with the subscriber.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_secret_in_logs_debug_or_errors() {
    let sink = Sink::default();
    let writer = sink.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    // Global, not scoped: a scoped subscriber can miss events whose callsites other test
    // threads registered first. This is the only test of the binary that installs one; the
    // other tests' lines land in the sink too, which only makes the check stricter.
    tracing::subscriber::set_global_default(subscriber).expect("no other subscriber is set");

    let emu = Emulator::start().await;
    let mut seen = Vec::new(); // everything a user could print

    // Client credentials, a wrong secret, a track.
    let api = support::warm_client(&emu).await;
    seen.push(format!("{api:?}"));
    let mut bad = Session::builder(emu.client_id())
        .client_secret("wrong-secret-xyz")
        .accounts_url(emu.base_url())
        .build()
        .unwrap();
    let err = bad.request_credentials_token().await.unwrap_err();
    seen.push(format!("{err} {err:?} {bad:?}"));

    // A user login, a refresh, a 401 replay, a refused refresh token.
    let mut session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    session.refresh_access_token().await.unwrap();
    let token = session.token().unwrap().clone();
    let secrets = [
        emu.client_secret().to_owned(),
        "wrong-secret-xyz".to_owned(),
        token.access_token().to_owned(),
        token.refresh_token().unwrap().to_owned(),
        api.token().unwrap().access_token().to_owned(),
    ];
    seen.push(format!("{session:?} {token:?}"));
    let user_api = support::api_builder(&emu).session(session).build().unwrap();
    support::control(&emu, "tokens/revoke", json!({"all": true})).await;
    user_api.me().await.unwrap();
    seen.push(format!("{user_api:?}"));
    support::fault(&emu, json!({"status": 401, "count": 5})).await;
    let err = user_api.me().await.unwrap_err();
    seen.push(format!("{err} {err:?}"));
    emu.advance_clock(std::time::Duration::from_secs(200 * 24 * 3600));
    let err = user_api.me().await.unwrap_err();
    seen.push(format!("{err} {err:?}"));

    let logs = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("spotify request"),
        "the pipeline logged: {logs}"
    );
    for secret in &secrets {
        assert!(!secret.is_empty());
        assert!(!logs.contains(secret.as_str()), "a secret is in the logs");
        for text in &seen {
            assert!(!text.contains(secret.as_str()), "a secret is in {text}");
        }
    }
}
