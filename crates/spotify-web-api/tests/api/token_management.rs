//! Token management by the client: renewal before expiry, single flight, one replay on 401,
//! refresh-token rules.

use std::time::{Duration, SystemTime};

use futures_util::future::join_all;
use serde_json::json;
use spotify_emulator::Emulator;
use spotify_web_api::store::BoxFuture;
use spotify_web_api::{
    CallbackTokenStore, Error, MemoryTokenStore, RenewalTurn, Scope, Session, SpotifyWebApi, Token,
    TokenStore,
};

use crate::support::{self, SURFIN_BIRD};

/// The session's token, with its expiry moved to the past (the client's view of "expired").
fn expired_copy(session: &Session) -> Token {
    let token = session.token().unwrap();
    let mut expired = Token::new(
        token.access_token(),
        SystemTime::now() - Duration::from_secs(5),
    )
    .with_scopes(token.scopes().iter().cloned());
    if let Some(refresh) = token.refresh_token() {
        expired = expired.with_refresh_token(refresh);
    }
    expired
}

#[tokio::test]
async fn client_credentials_are_requested_on_first_use_and_again_before_expiry() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    assert_eq!(emu.stats().token_requests, 1);
    let first = api.token().unwrap();

    api.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!(emu.stats().token_requests, 1, "a fresh token is reused");

    // A token that expires within the margin is replaced before the call.
    let mut session = support::app_session(&emu);
    session.set_token(Token::new(
        first.access_token(),
        SystemTime::now() + Duration::from_secs(30),
    ));
    let api = support::api_builder(&emu).session(session).build().unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!(emu.stats().token_requests, 2);
    assert_ne!(api.token().unwrap().access_token(), first.access_token());
}

/// `n` calls of `get_track` at once, on clones of `api`; each must succeed.
async fn tracks_at_once(api: &SpotifyWebApi, n: usize) -> Vec<spotify_web_api::model::Track> {
    let calls = (0..n).map(|_| {
        let api = api.clone();
        tokio::spawn(async move { api.get_track(SURFIN_BIRD).await })
    });
    join_all(calls)
        .await
        .into_iter()
        .map(|result| result.unwrap().unwrap())
        .collect()
}

#[tokio::test]
async fn hundred_concurrent_calls_with_an_expired_token_make_one_token_request() {
    let emu = Emulator::start().await;
    let mut session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    session.set_token(expired_copy(&session));
    let api = support::api_builder(&emu).session(session).build().unwrap();
    let before = emu.stats();

    for track in tracks_at_once(&api, 100).await {
        assert_eq!(track.name, "Surfin' Bird");
    }
    let after = emu.stats();
    assert_eq!(after.token_requests, before.token_requests + 1);
    assert_eq!(after.token_requests_by_grant["refresh_token"], 1);
}

#[tokio::test]
async fn a_401_mid_run_refreshes_once_and_replays() {
    let emu = Emulator::start().await;
    let session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    let api = support::api_builder(&emu).session(session).build().unwrap();
    api.me().await.unwrap();
    let old = api.token().unwrap();

    // The emulator forgets every access token: the next call gets a 401.
    support::control(&emu, "tokens/revoke", json!({"all": true})).await;
    let before = emu.stats();
    let me = api.me().await.unwrap();
    assert_eq!(me.id, emu.default_user_id());
    let after = emu.stats();
    assert_eq!(after.token_requests, before.token_requests + 1);
    assert_eq!(
        after.api_requests,
        before.api_requests + 2,
        "one 401, one replay"
    );
    assert_ne!(api.token().unwrap().access_token(), old.access_token());
}

#[tokio::test]
async fn a_hundred_calls_in_flight_that_all_meet_a_401_renew_the_token_once() {
    let emu = Emulator::start().await;
    // The default cap lets all hundred go out at once, each with the token that is about to
    // be refused.
    let api = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .build()
        .unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();
    support::control(&emu, "tokens/revoke", json!({"all": true})).await;
    support::fault(
        &emu,
        json!({"delay_ms": 300, "count": 100, "path_prefix": "/v1/tracks"}),
    )
    .await;
    let before = emu.stats();
    let tracks = tracks_at_once(&api, 100).await;
    assert_eq!(tracks.len(), 100);
    let after = emu.stats();
    // One renewal for all of them, and each replayed once with the renewed token.
    assert_eq!(after.token_requests, before.token_requests + 1);
    assert_eq!(after.api_requests, before.api_requests + 200);
}

#[tokio::test]
async fn requests_queued_by_the_budget_send_the_token_renewed_while_they_waited() {
    let emu = Emulator::start().await;
    // Two starts per window: the calls below go out in waves, a window apart. The window
    // leaves a renewal plenty of time on a loaded machine.
    let window = Duration::from_millis(1_500);
    let api = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .request_budget(2, window)
        .build()
        .unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();
    support::control(&emu, "tokens/revoke", json!({"all": true})).await;
    let before = emu.stats();
    // Four calls queue for two waves. The first wave meets the revoked token and renews it;
    // the second was queued with the old token too, and must send the new one.
    tracks_at_once(&api, 4).await;
    let after = emu.stats();
    assert_eq!(after.token_requests, before.token_requests + 1);
    // One replay per 401: the first wave's (one or two, as its second call may already read
    // the renewed token), none of the second wave's.
    let replays = after.api_requests - before.api_requests - 4;
    assert!((1..=2).contains(&replays), "{replays} replays");
}

#[tokio::test]
async fn a_token_that_turns_stale_while_requests_wait_for_their_start_is_renewed_by_the_next_call()
{
    let emu = Emulator::start().await;
    // Two starts per 2-s window, and a token that counts as stale 3 s after it is issued
    // (its hour less the margin): of the four calls queued below, two start at 2 s with a
    // fresh token, and two at 4 s with a stale one. A renewal after the wait would hold
    // requests whose starts had come, which then go out together, over the budget; so a
    // request sends the token it finds after its wait, and only a call that finds the token
    // stale before its wait renews it.
    let api = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .request_budget(2, Duration::from_secs(2))
        .refresh_margin(Duration::from_secs(3_600 - 3))
        .build()
        .unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();
    let token = api.token().unwrap();
    let before = emu.stats();
    tracks_at_once(&api, 4).await;
    let after = emu.stats();
    assert_eq!(
        after.token_requests, before.token_requests,
        "renewed after a wait"
    );
    assert_eq!(after.api_requests, before.api_requests + 4);
    assert_eq!(api.token().unwrap().access_token(), token.access_token());
    // The next call finds it stale before its wait, and renews it there.
    api.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!(emu.stats().token_requests, after.token_requests + 1);
    assert_ne!(api.token().unwrap().access_token(), token.access_token());
}

#[tokio::test]
async fn a_persistent_401_is_returned_after_one_refresh_not_a_loop() {
    let emu = Emulator::start().await;
    let session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    let api = support::api_builder(&emu).session(session).build().unwrap();
    api.me().await.unwrap();
    support::fault(
        &emu,
        json!({"status": 401, "count": 50, "path_prefix": "/v1/me"}),
    )
    .await;
    let before = emu.stats();
    let err = api.me().await.unwrap_err();
    assert!(err.is_expired_token(), "{err:?}");
    let after = emu.stats();
    assert_eq!(after.token_requests, before.token_requests + 1);
    assert_eq!(after.api_requests, before.api_requests + 2);
}

#[tokio::test]
async fn refresh_keeps_the_old_refresh_token_when_none_is_returned() {
    let emu = Emulator::start().await;
    let mut session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    let refresh = session.refresh_token().unwrap().to_owned();
    let access = session.access_token().unwrap().to_owned();
    session.refresh_access_token().await.unwrap();
    assert_ne!(session.access_token().unwrap(), access);
    assert_eq!(session.refresh_token().unwrap(), refresh);
    assert_eq!(session.scope(), [Scope::UserReadPrivate]);
    // And the kept one still works.
    session.refresh_access_token().await.unwrap();
}

#[tokio::test]
async fn a_rotated_refresh_token_replaces_the_old_one() {
    let emu = Emulator::start().await;
    support::control_put(&emu, "config", json!({"refresh_rotation": "always"})).await;
    let mut session = support::user_session(&emu, &[]).await;
    let old = session.refresh_token().unwrap().to_owned();
    session.refresh_access_token().await.unwrap();
    let new = session.refresh_token().unwrap().to_owned();
    assert_ne!(new, old);
    session.refresh_access_token().await.unwrap();
}

#[tokio::test]
async fn an_expired_refresh_token_asks_for_a_new_login() {
    let emu = Emulator::start().await;
    let mut session = support::user_session(&emu, &[]).await;
    session.refresh_access_token().await.unwrap();
    // Six months after the authorization, refreshing no longer works, however often it ran.
    emu.advance_clock(Duration::from_secs(184 * 24 * 3600));
    let before = emu.stats();
    let err = session.refresh_access_token().await.unwrap_err();
    assert!(err.is_reauthorization_required(), "{err:?}");
    match &err {
        Error::ReauthorizationRequired { error_description } => {
            assert_eq!(error_description.as_deref(), Some("Refresh token revoked"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        emu.stats().token_requests,
        before.token_requests + 1,
        "never retried"
    );

    // Through the client: the call fails with the same error, once.
    session.set_token(expired_copy(&session));
    let api = support::api_builder(&emu).session(session).build().unwrap();
    let calls = (0..20).map(|_| {
        let api = api.clone();
        tokio::spawn(async move { api.me().await })
    });
    for result in join_all(calls).await {
        let err = result.unwrap().unwrap_err();
        assert!(err.is_reauthorization_required(), "{err:?}");
    }
    assert_eq!(
        emu.stats().token_requests,
        before.token_requests + 2,
        "one refused refresh for twenty concurrent calls"
    );
    assert_eq!(
        emu.stats().api_requests,
        before.api_requests,
        "no call was sent"
    );
}

#[tokio::test]
async fn a_renewed_token_is_saved_before_it_is_used() {
    let emu = Emulator::start().await;
    let store = MemoryTokenStore::new();
    let api = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .token_store(store.clone())
        .build()
        .unwrap();
    assert!(store.load().await.unwrap().is_none());
    api.get_track(SURFIN_BIRD).await.unwrap();
    let saved = store.get().expect("the token was saved");
    assert_eq!(saved.access_token(), api.token().unwrap().access_token());

    // A second client starts from the stored token and requests none.
    let again = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .token_store(store.clone())
        .build()
        .unwrap();
    again.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!(emu.stats().token_requests, 1);
}

#[tokio::test]
async fn a_token_that_cannot_be_saved_is_not_used() {
    let emu = Emulator::start().await;
    let store = CallbackTokenStore::new(
        || async { Ok(None) },
        |_token: Token| async { Err(Error::TokenStore("the database is read-only".into())) },
    );
    let api = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .token_store(store)
        .build()
        .unwrap();
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(matches!(err, Error::TokenStore(_)), "{err:?}");
    assert_eq!(emu.stats().token_requests, 1);
    assert_eq!(
        emu.stats().api_requests,
        0,
        "the unsaved token was never sent"
    );
}

#[tokio::test]
async fn rate_limit_waits_for_retry_after_then_succeeds() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    // The test client's backoff is a few milliseconds: waiting a whole second can only come
    // from honouring Retry-After.
    support::fault(&emu, json!({"status": 429, "count": 1, "retry_after": 1})).await;
    let before = emu.stats();
    let started = std::time::Instant::now();
    api.get_track(SURFIN_BIRD).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(emu.stats().api_requests, before.api_requests + 2);

    // Retry-After 0 is retried at once, as often as the policy allows.
    support::fault(&emu, json!({"status": 429, "count": 2, "retry_after": 0})).await;
    let before = emu.stats();
    api.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!(emu.stats().api_requests, before.api_requests + 3);
}

#[tokio::test]
async fn an_absurd_retry_after_is_returned_at_once() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    support::fault(
        &emu,
        json!({"status": 429, "count": 1, "retry_after": 86400}),
    )
    .await;
    let started = std::time::Instant::now();
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    match err {
        Error::RateLimited { retry_after } => {
            assert_eq!(retry_after, Some(Duration::from_secs(86400)));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn server_errors_are_retried_for_reads() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    support::fault(&emu, json!({"status": 503, "count": 2})).await;
    let track = api.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!(track.name, "Surfin' Bird");
    support::fault(&emu, json!({"status": 500, "count": 10})).await;
    let before = emu.stats().api_requests;
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(
        emu.stats().api_requests,
        before + 4,
        "1 attempt + 3 retries"
    );
}

#[tokio::test]
async fn token_requests_and_api_calls_share_one_connection_whatever_the_http_settings() {
    // Per-request settings (timeout, user agent) keep the session's pool.
    let emu = Emulator::start().await;
    let api = support::api_builder(&emu)
        .timeout(Duration::from_secs(20))
        .user_agent("pool-test/1")
        .session(support::app_session(&emu))
        .build()
        .unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();
    let stats = emu.stats();
    assert_eq!(stats.token_requests, 1);
    assert_eq!(stats.connections, 1, "{stats:?}");

    // A pool-level setting makes a new pool, which the session then uses too.
    let emu = Emulator::start().await;
    let api = support::api_builder(&emu)
        .connect_timeout(Duration::from_secs(2))
        .session(support::app_session(&emu))
        .build()
        .unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();
    let stats = emu.stats();
    assert_eq!(stats.connections, 1, "{stats:?}");
}

/// A store shared by several processes (it hands out renewal turns), as a user might write
/// one: it holds what it is given, and counts the turns asked for.
#[derive(Debug, Default)]
struct SharedStore {
    token: std::sync::Mutex<Option<Token>>,
    turns: std::sync::atomic::AtomicUsize,
}

impl TokenStore for SharedStore {
    fn load(&self) -> BoxFuture<'_, spotify_web_api::Result<Option<Token>>> {
        let token = self.token.lock().unwrap().clone();
        Box::pin(async move { Ok(token) })
    }
    fn save<'a>(&'a self, token: &'a Token) -> BoxFuture<'a, spotify_web_api::Result<()>> {
        *self.token.lock().unwrap() = Some(token.clone());
        Box::pin(async { Ok(()) })
    }
    fn clear(&self) -> BoxFuture<'_, spotify_web_api::Result<()>> {
        *self.token.lock().unwrap() = None;
        Box::pin(async { Ok(()) })
    }
    fn renewal_turn(&self) -> BoxFuture<'_, spotify_web_api::Result<Option<RenewalTurn>>> {
        self.turns.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(async { Ok(Some(RenewalTurn::new(async {}))) })
    }
}

#[tokio::test]
async fn a_shared_token_without_a_refresh_token_keeps_the_sessions_refresh_token() {
    let emu = Emulator::start().await;
    let mut session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    let refresh = session.refresh_token().unwrap().to_owned();
    // Another process renewed the token and stored it without its refresh token (a store
    // that keeps only access tokens); this one's copy has gone stale.
    let fresh = session.token().unwrap();
    let stored = Token::new(fresh.access_token(), fresh.expires_at())
        .with_scopes(fresh.scopes().iter().cloned());
    let store = std::sync::Arc::new(SharedStore::default());
    *store.token.lock().unwrap() = Some(stored);
    session.set_token(expired_copy(&session));
    let api = support::api_builder(&emu)
        .session(session)
        .token_store(store.clone())
        .build()
        .unwrap();
    let before = emu.stats();

    api.me().await.unwrap();
    assert_eq!(store.turns.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(
        emu.stats().token_requests,
        before.token_requests,
        "the stored token was used, not renewed"
    );
    assert_eq!(api.token().unwrap().refresh_token(), Some(refresh.as_str()));

    // And it still renews: once the stored token is refused, the session refreshes with
    // its own refresh token.
    support::control(&emu, "tokens/revoke", json!({"all": true})).await;
    api.me().await.unwrap();
    let after = emu.stats();
    assert_eq!(after.token_requests, before.token_requests + 1);
    assert_eq!(after.token_requests_by_grant.get("refresh_token"), Some(&1));
}
