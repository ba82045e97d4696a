//! Shared setup: clients pointed at an emulator.

use std::io::Write;
use std::sync::{Arc, Mutex};

use spotify_emulator::Emulator;
use spotify_web_api::{RetryPolicy, Scope, Session, SpotifyWebApi};

/// Surfin' Bird by The Trashmen, from the seed document.
pub(crate) const SURFIN_BIRD: &str = "7EjyzZcbLxW7PaaLua9Ksb";

/// The emulator's default app registers `http://127.0.0.1/callback` for any port.
pub(crate) const REDIRECT: &str = "http://127.0.0.1:8765/callback";

/// An emulator whose default app has extended quota (every endpoint, every field).
pub(crate) async fn extended_emulator() -> Emulator {
    Emulator::builder()
        .quota_mode(spotify_emulator::QuotaMode::Extended)
        .start()
        .await
        .expect("emulator")
}

/// A session with the default app's secret, against the emulator's accounts service.
pub(crate) fn app_session(emu: &Emulator) -> Session {
    Session::builder(emu.client_id())
        .client_secret(emu.client_secret())
        .accounts_url(emu.base_url())
        .redirect_uri(REDIRECT)
        .build()
        .expect("session")
}

/// A PKCE session (no secret) against the emulator.
pub(crate) fn pkce_session(emu: &Emulator) -> Session {
    Session::builder(emu.client_id())
        .accounts_url(emu.base_url())
        .redirect_uri(REDIRECT)
        .build()
        .expect("session")
}

/// A client builder pointed at the emulator's Web API, with fast retries.
pub(crate) fn api_builder(emu: &Emulator) -> spotify_web_api::SpotifyWebApiBuilder {
    SpotifyWebApi::builder()
        .api_url(format!("{}/v1", emu.base_url()))
        .retry_policy(
            RetryPolicy::default()
                .base_delay(std::time::Duration::from_millis(1))
                .max_delay(std::time::Duration::from_millis(5)),
        )
}

/// A client that manages a client-credentials token itself.
pub(crate) fn app_client(emu: &Emulator) -> SpotifyWebApi {
    app_client_with(emu, |builder| builder)
}

/// The same, with the settings `configure` adds to the tests' builder.
pub(crate) fn app_client_with(
    emu: &Emulator,
    configure: impl FnOnce(
        spotify_web_api::SpotifyWebApiBuilder,
    ) -> spotify_web_api::SpotifyWebApiBuilder,
) -> SpotifyWebApi {
    configure(api_builder(emu))
        .session(app_session(emu))
        .build()
        .expect("client")
}

/// An HTTP client that does not follow redirects, to play the browser.
pub(crate) fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client")
}

/// Plays the user's browser on `/authorize` (the emulator auto-approves) and returns the
/// redirect URL Spotify sent back.
pub(crate) async fn authorize(emu: &Emulator, url: &url::Url) -> String {
    emu.set_auto_approve(Some(emu.default_user_id()));
    let resp = browser().get(url.clone()).send().await.expect("authorize");
    assert_eq!(resp.status(), 302, "{:?}", resp.text().await);
    resp.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

/// Logs the default user in with PKCE and returns the session holding the user token.
pub(crate) async fn user_session(emu: &Emulator, scopes: &[Scope]) -> Session {
    let mut session = pkce_session(emu);
    let state = Session::generate_state();
    let verifier = Session::generate_code_verifier();
    let url = session
        .authorize_url()
        .scopes(scopes.iter().cloned())
        .state(&state)
        .code_challenge(&Session::code_challenge(&verifier))
        .build()
        .expect("authorize url");
    let redirect = authorize(emu, &url).await;
    let code = Session::parse_redirect(&redirect, Some(&state)).expect("code");
    session
        .request_access_token_pkce(&code, &verifier)
        .await
        .expect("token");
    session
}

/// POSTs JSON to the emulator's control plane; its JSON answer (`Null` for an empty one).
pub(crate) async fn control(
    emu: &Emulator,
    path: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let resp = reqwest::Client::new()
        .post(format!("{}/__emulator/{path}", emu.base_url()))
        .json(&body)
        .send()
        .await
        .expect("control request");
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    let text = resp.text().await.expect("control answer");
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}

/// PUTs JSON to the emulator's control plane.
pub(crate) async fn control_put(emu: &Emulator, path: &str, body: serde_json::Value) {
    let resp = reqwest::Client::new()
        .put(format!("{}/__emulator/{path}", emu.base_url()))
        .json(&body)
        .send()
        .await
        .expect("control request");
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
}

/// Injects a fault rule (see the emulator's `/__emulator/faults`).
pub(crate) async fn fault(emu: &Emulator, rule: serde_json::Value) {
    control(emu, "faults", rule).await;
}

/// A client-credentials client that has made one call already, so its token is in hand and
/// the next call's requests are all API requests.
pub(crate) async fn warm_client(emu: &Emulator) -> SpotifyWebApi {
    let api = app_client(emu);
    api.get_track(SURFIN_BIRD).await.expect("warm-up call");
    api
}

/// A log sink shared with a `tracing` subscriber, for tests that read what was logged.
#[derive(Clone, Default)]
pub(crate) struct Sink(pub(crate) Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    /// What was written, and empties it.
    pub(crate) fn take(&self) -> String {
        String::from_utf8(std::mem::take(&mut *self.0.lock().unwrap())).unwrap()
    }

    /// A subscriber writing every event at any level into this sink, with its spans' fields.
    pub(crate) fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync + use<> {
        let writer = self.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish()
    }
}

/// Installs (once) the test binary's global subscriber, which takes every event at any level
/// and throws it away. A test with a scoped subscriber calls it first: with an always-on
/// global subscriber, no callsite's cached interest can fall to "never" while other tests'
/// scoped subscribers come and go, which would make a span or an event vanish.
pub(crate) fn install_global_subscriber() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(std::io::sink)
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("only support::install_global_subscriber installs a global subscriber");
    });
}
