//! The seed document's two steps, and the track they fetch.

use spotify_emulator::Emulator;
use spotify_web_api::SpotifyWebApi;

use crate::support::{self, SURFIN_BIRD};

#[tokio::test]
async fn seed_two_steps_fetch_surfin_bird() {
    let emu = Emulator::start().await;

    // Step 1: get a token.
    let mut session = support::app_session(&emu);
    session.request_credentials_token().await.unwrap();
    let access_token = session.access_token().unwrap().to_owned();
    assert!(!access_token.is_empty());
    let expires = session.token_expiration().unwrap();
    let lifetime = expires
        .duration_since(std::time::SystemTime::now())
        .unwrap();
    assert!(
        lifetime.as_secs() > 3500 && lifetime.as_secs() <= 3600,
        "{lifetime:?}"
    );
    assert!(session.scope().is_empty());

    // Step 2: use it, from another client, as the seed stores and reloads it.
    let api: SpotifyWebApi = support::api_builder(&emu).build().unwrap();
    api.set_access_token(access_token);
    let track = api.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!(track.name, "Surfin' Bird");
    assert_eq!(track.artists[0].name, "The Trashmen");
    assert_eq!(track.id.as_deref(), Some(SURFIN_BIRD));
    assert_eq!(track.uri, format!("spotify:track:{SURFIN_BIRD}"));
    assert!(!track.album.name.is_empty());
    assert!(track.duration_ms > 0);
    assert_eq!(emu.stats().token_requests, 1);
}

#[tokio::test]
async fn uri_and_share_link_name_the_same_track() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let by_uri = api
        .get_track(format!("spotify:track:{SURFIN_BIRD}"))
        .await
        .unwrap();
    let by_url = api
        .get_track(format!(
            "https://open.spotify.com/intl-de/track/{SURFIN_BIRD}?si=abc"
        ))
        .await
        .unwrap();
    assert_eq!(by_uri, by_url);
}

#[tokio::test]
async fn market_turns_on_playability() {
    // An extended-quota app: development mode has no `available_markets` since 2026-02.
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let plain = api.get_track(SURFIN_BIRD).await.unwrap();
    assert!(plain.is_playable.is_none());
    assert!(!plain.available_markets.is_empty());
    // A listed market is a typed country code that feeds the next call as it is.
    let market = plain.available_markets[0];
    let there = api.get_track(SURFIN_BIRD).market(market).await.unwrap();
    assert_eq!(there.is_playable, Some(true));
    assert!(there.available_markets.is_empty());
}

#[tokio::test]
async fn repeated_get_is_answered_by_304_from_the_cache() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let first = api.get_track(SURFIN_BIRD).await.unwrap();
    let before = emu.stats();
    let second = api.get_track(SURFIN_BIRD).await.unwrap();
    let after = emu.stats();
    assert_eq!(first, second);
    assert_eq!(after.api_requests, before.api_requests + 1);
    assert_eq!(
        after.not_modified_responses,
        before.not_modified_responses + 1
    );

    // With the cache off, the body is sent again.
    let uncached = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .etag_cache(0)
        .build()
        .unwrap();
    uncached.get_track(SURFIN_BIRD).await.unwrap();
    uncached.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!(
        emu.stats().not_modified_responses,
        after.not_modified_responses
    );
}
