//! `SpotifyWebApi::request` against the emulator: the answer's status, version and headers
//! come back with its body.

use spotify_emulator::Emulator;

use crate::support::{self, SURFIN_BIRD};

#[tokio::test]
async fn a_raw_answer_keeps_its_status_and_headers() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let path = format!("/tracks/{SURFIN_BIRD}");
    let first = api.request("GET", &path).await.unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.version(), http::Version::HTTP_11);
    let content_type = first.headers().get("content-type").expect("content-type");
    assert!(
        content_type.as_bytes().starts_with(b"application/json"),
        "{content_type:?}"
    );
    let etag = first.headers().get("etag").expect("etag").clone();
    let track: serde_json::Value = first.json().unwrap();
    assert_eq!(track["name"], "Surfin' Bird");

    // The client sends the ETag again: Spotify's 304 is shown, with the body it cached.
    let again = api.request("GET", &path).await.unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers().get("etag"), Some(&etag));
    assert_eq!(again.bytes(), first.bytes());
}
