//! The user's top artists and tracks (`GET /me/top/{type}`): full objects per quota mode, at
//! most 50, three time ranges that differ, what the user saves and plays moving to the top,
//! `time_range` checked and kept in the links, the `user-top-read` scope.

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};
use spotify_emulator::{Emulator, QuotaMode, catalog_ids as ids};

use crate::support::{Emu, SURFIN_BIRD, ids};

#[tokio::test]
async fn top_tracks_and_artists_are_full_objects_fifty_at_most_per_range() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens("user-top-read").await;
    let first = emu
        .api("/v1/me/top/tracks?limit=50&time_range=short_term", &token)
        .await;
    assert_eq!(first.status, 200, "{}", first.text());
    let page = first.json();
    assert_eq!(page["total"], 50);
    assert_eq!(page["items"].as_array().unwrap().len(), 50);
    assert_eq!(page["next"], Value::Null);
    assert!(
        page["href"]
            .as_str()
            .unwrap()
            .ends_with("/v1/me/top/tracks?time_range=short_term&offset=0&limit=50")
    );
    let track = &page["items"][0];
    assert_eq!(track["type"], "track");
    assert!(track["album"]["id"].is_string() && track["artists"][0]["id"].is_string());
    assert!(
        track.get("popularity").is_none(),
        "development mode strips it"
    );

    // Default range: medium_term; paged with next links that keep what was sent.
    let medium = emu.api("/v1/me/top/tracks", &token).await.json();
    assert_eq!(
        (medium["limit"].clone(), medium["total"].clone()),
        (json!(20), json!(50))
    );
    assert!(
        medium["next"]
            .as_str()
            .unwrap()
            .ends_with("/v1/me/top/tracks?offset=20&limit=20")
    );
    let long = emu
        .api("/v1/me/top/tracks?time_range=long_term&limit=20", &token)
        .await
        .json();
    let short = ids(&page);
    assert_ne!(ids(&medium), ids(&long));
    assert_ne!(ids(&medium), short[..20]);
    // Past offset 49 the pages are empty, as on Spotify.
    let past = emu
        .api("/v1/me/top/artists?offset=50&limit=10", &token)
        .await
        .json();
    assert_eq!(past["items"], json!([]));
    assert_eq!(past["total"], 50);

    let artists = emu.api("/v1/me/top/artists?limit=3", &token).await.json();
    assert_eq!(artists["items"][0]["type"], "artist");
    assert!(artists["items"][0]["genres"].is_array());
}

#[tokio::test]
async fn extended_apps_see_popularity_and_followers() {
    let emu = Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended));
    let (token, _) = emu.user_tokens("user-top-read").await;
    let artists = emu.api("/v1/me/top/artists?limit=1", &token).await.json();
    assert!(artists["items"][0]["popularity"].is_u64());
    assert!(artists["items"][0]["followers"]["total"].is_u64());
}

#[tokio::test]
async fn what_the_user_saves_and_plays_rises_to_the_top() {
    let emu = Emu::new();
    let (token, _) = emu
        .user_tokens("user-top-read user-library-modify user-modify-playback-state")
        .await;
    let save = Request::put(format!("/v1/me/library?uris=spotify:track:{SURFIN_BIRD}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(emu.send(save).await.status, 200);
    let play = Request::put("/v1/me/player/play")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({ "context_uri": format!("spotify:album:{}", ids::ALBUM_30_TRACKS) }).to_string(),
        ))
        .unwrap();
    assert_eq!(emu.send(play).await.status, 204);
    let album = emu
        .api(
            &format!("/v1/albums/{}/tracks?limit=1", ids::ALBUM_30_TRACKS),
            &token,
        )
        .await
        .json();
    let first_track = ids(&album).remove(0);
    for range in ["short_term", "medium_term", "long_term"] {
        let top = emu
            .api(
                &format!("/v1/me/top/tracks?time_range={range}&limit=5"),
                &token,
            )
            .await
            .json();
        let top = ids(&top);
        // A play weighs 3 and a save 2: the track now playing (the album's first) leads,
        // the saved one follows.
        assert_eq!(top[0], first_track, "{range}: {top:?}");
        assert_eq!(top[1], SURFIN_BIRD, "{range}: {top:?}");
    }
}

#[tokio::test]
async fn time_range_is_checked_and_the_scope_enforced() {
    let emu = Emu::new();
    let (token, _) = emu.user_tokens("user-top-read").await;
    let bad = emu
        .api("/v1/me/top/tracks?time_range=forever", &token)
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["message"], "Invalid time range");
    let bad = emu.api("/v1/me/top/artists?limit=51", &token).await;
    assert_eq!(bad.json()["error"]["message"], "Invalid limit");

    let (other, _) = emu.user_tokens("user-library-read").await;
    let app = emu.client_token().await;
    for token in [other, app] {
        for kind in ["artists", "tracks"] {
            let refused = emu.api(&format!("/v1/me/top/{kind}"), &token).await;
            assert_eq!(refused.status, 403);
            assert_eq!(
                refused.json()["error"]["message"],
                "Insufficient client scope"
            );
        }
    }
}
