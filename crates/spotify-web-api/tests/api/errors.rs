//! Each error of the seed's flow, as a typed error.

use std::time::Duration;

use spotify_emulator::Emulator;
use spotify_web_api::{Error, IdKind, IdProblem, Session};

use crate::support::{self, SURFIN_BIRD};

#[tokio::test]
async fn bad_secret_is_invalid_client() {
    let emu = Emulator::start().await;
    let mut session = Session::builder(emu.client_id())
        .client_secret("not-the-secret")
        .accounts_url(emu.base_url())
        .build()
        .unwrap();
    let err = session.request_credentials_token().await.unwrap_err();
    match &err {
        Error::Auth {
            status,
            error,
            error_description,
        } => {
            assert_eq!(*status, 400);
            assert_eq!(error, "invalid_client");
            assert_eq!(error_description.as_deref(), Some("Invalid client secret"));
        }
        other => panic!("{other:?}"),
    }
    assert!(!format!("{err:?} {err}").contains("not-the-secret"));
    assert!(session.access_token().is_none());
}

#[tokio::test]
async fn unknown_client_is_invalid_client() {
    let emu = Emulator::start().await;
    let mut session = Session::builder("no-such-client")
        .client_secret("x")
        .accounts_url(emu.base_url())
        .build()
        .unwrap();
    let err = session.request_credentials_token().await.unwrap_err();
    assert_eq!(err.auth_error(), Some("invalid_client"));
}

#[tokio::test]
async fn no_token_fails_before_sending() {
    let emu = Emulator::start().await;
    let api = support::api_builder(&emu).build().unwrap();
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(matches!(err, Error::NoToken), "{err:?}");
    assert_eq!(emu.stats().api_requests, 0);
}

#[tokio::test]
async fn unknown_token_is_401() {
    let emu = Emulator::start().await;
    let api = support::api_builder(&emu)
        .access_token("garbage")
        .build()
        .unwrap();
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(err.is_expired_token(), "{err:?}");
    assert_eq!(err.status(), Some(401));
}

#[tokio::test]
async fn expired_token_is_401_with_the_2026_message() {
    let emu = Emulator::start().await;
    let mut session = support::app_session(&emu);
    session.request_credentials_token().await.unwrap();
    let api = support::api_builder(&emu).build().unwrap();
    api.set_access_token(session.access_token().unwrap());
    api.get_track(SURFIN_BIRD).await.unwrap();

    emu.advance_clock(Duration::from_secs(3601));
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    match &err {
        Error::Api {
            status, message, ..
        } => {
            assert_eq!(*status, 401);
            assert_eq!(message, "Missing/invalid/expired access token");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_expired_token());
}

#[tokio::test]
async fn malformed_id_is_rejected_before_sending() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let err = api.get_track("not-an-id!").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidId {
                expected: IdKind::Track,
                problem: IdProblem::Malformed,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(emu.stats().api_requests, 0);
    assert_eq!(emu.stats().token_requests, 0);
}

#[tokio::test]
async fn wrong_kind_uri_is_rejected_before_sending() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let err = api
        .get_track("spotify:album:4aawyAB9vmqN3uQ7FjRGTy")
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidId {
                problem: IdProblem::WrongKind(IdKind::Album),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "invalid track id \"spotify:album:4aawyAB9vmqN3uQ7FjRGTy\": it is for another kind of item (album)"
    );
    assert_eq!(emu.stats().api_requests, 0);
}

#[tokio::test]
async fn unknown_id_is_404() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let err = api.get_track("0000000000000000000000").await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    match err {
        Error::Api { message, .. } => assert_eq!(message, "non existing id"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn invalid_market_is_rejected_before_sending() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let err = api.get_track(SURFIN_BIRD).market("XYZ").await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidArgument { name: "market", .. }),
        "{err:?}"
    );
    assert_eq!(emu.stats().api_requests, 0);
}

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused() {
    let err = spotify_web_api::SpotifyWebApi::builder()
        .api_url("http://api.spotify.com/v1")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let err = Session::builder("id")
        .accounts_url("http://accounts.example.com")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_decode_error_with_its_path() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    // Wrong JSON kinds inside a track decode to defaults (the models' one rule)...
    support::fault(
        &emu,
        serde_json::json!({"status": 200, "body": r#"{"name": 42, "artists": {}}"#}),
    )
    .await;
    let track = api.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!((track.name.as_str(), track.artists.len()), ("", 0));
    // ...but broken JSON is a decode error that names where it broke...
    let broken = r#"{"album": {"artists": [{"name": ]}}"#;
    support::fault(&emu, serde_json::json!({"status": 200, "body": broken})).await;
    match api.get_track(SURFIN_BIRD).await.unwrap_err() {
        Error::Decode { path, excerpt, .. } => {
            assert_eq!(path, "album.artists[0].name");
            assert_eq!(excerpt, broken);
        }
        other => panic!("{other:?}"),
    }
    // ...and so is a body that is not a track object at all.
    support::fault(&emu, serde_json::json!({"status": 200, "body": "[1, 2]"})).await;
    match api.get_track(SURFIN_BIRD).await.unwrap_err() {
        Error::Decode { source, .. } => {
            assert!(source.to_string().contains("a Track object"), "{source}");
        }
        other => panic!("{other:?}"),
    }
    support::fault(
        &emu,
        serde_json::json!({"status": 200, "body": "<html>\u{0}oops</html>"}),
    )
    .await;
    match api.get_track(SURFIN_BIRD).await.unwrap_err() {
        Error::Decode { excerpt, .. } => assert_eq!(excerpt, "<html> oops</html>"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_error_status_without_spotifys_envelope_is_still_typed() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    support::fault(
        &emu,
        serde_json::json!({"status": 404, "body": "not json", "path_prefix": "/v1/tracks"}),
    )
    .await;
    match api.get_track(SURFIN_BIRD).await.unwrap_err() {
        Error::Api {
            status,
            message,
            reason,
        } => {
            assert_eq!(status, 404);
            assert_eq!(message, "Not Found");
            assert!(reason.is_none());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_slow_server_times_out_and_reads_are_retried() {
    let emu = Emulator::start().await;
    let api = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    api.get_track(SURFIN_BIRD).await.unwrap();

    // Slow once: the retry gets the track.
    support::fault(&emu, serde_json::json!({"delay_ms": 2000, "count": 1})).await;
    assert_eq!(
        api.get_track(SURFIN_BIRD).await.unwrap().name,
        "Surfin' Bird"
    );

    // Slow every time: a timeout error after the retries (1 + 3 attempts).
    support::fault(&emu, serde_json::json!({"delay_ms": 2000, "count": 10})).await;
    let before = emu.stats().api_requests;
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(err.is_timeout() && err.is_transport(), "{err:?}");
    assert_eq!(emu.stats().api_requests, before + 4);
}

#[tokio::test]
async fn a_429_without_a_body_or_retry_after_is_retried_with_backoff() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    support::fault(
        &emu,
        serde_json::json!({"status": 429, "empty_body": true, "count": 10}),
    )
    .await;
    let before = emu.stats().api_requests;
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(
        matches!(err, Error::RateLimited { retry_after: None }),
        "{err:?}"
    );
    assert_eq!(
        emu.stats().api_requests,
        before + 4,
        "1 attempt + 3 retries"
    );
}
