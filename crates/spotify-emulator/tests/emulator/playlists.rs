//! Reading playlists and users' profiles: who sees a playlist's items in which quota mode, the
//! `fields` filter, `additional_types`, local files, the legacy `/tracks`, covers, a user's
//! playlists, and the featured and category lists (API-CHANGES.md, "Playlist renames").

use axum::http::Method;
use serde_json::{Value, json};
use spotify_emulator::{DEFAULT_CLIENT_ID, Emulator, QuotaMode, catalog_ids as ids};

use crate::snap;
use crate::support::{Emu, query_param};

fn extended() -> Emu {
    Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended))
}

fn items_of(id: &str, query: &str) -> String {
    format!("/v1/playlists/{id}/items?{query}")
}

#[tokio::test]
async fn development_mode_shows_items_only_to_owners_and_collaborators() {
    let emu = Emu::new();
    let app = emu.client_token().await;
    let (user, _) = emu.user_tokens("playlist-read-private").await;

    // A client-credentials token has no user: every playlist is someone else's.
    let refused = emu.api(&items_of(ids::PLAYLIST_250_ITEMS, ""), &app).await;
    snap!("api_playlist_items_foreign", refused.brief());
    let details = emu
        .api(&format!("/v1/playlists/{}", ids::PLAYLIST_250_ITEMS), &app)
        .await
        .json();
    assert_eq!(details["name"], "Two Hundred Fifty");
    assert!(details.get("items").is_none() && details.get("tracks").is_none());
    assert_eq!(details["owner"]["id"], "emulator-user");

    // The owner reads them, under the new names only.
    let own = emu
        .api(&items_of(ids::PLAYLIST_250_ITEMS, "limit=50"), &user)
        .await;
    assert_eq!(own.status, 200);
    let own = own.json();
    assert_eq!(own["total"], 250);
    assert!(own["items"][0]["item"].is_object() && own["items"][0].get("track").is_none());
    // A collaborator too; a stranger's playlist stays closed to the user.
    let shared = emu
        .api(&items_of(ids::COLLABORATIVE_PLAYLIST, ""), &user)
        .await;
    assert_eq!((shared.status, &shared.json()["total"]), (200, &json!(25)));
    let foreign = emu.api(&items_of(ids::FOREIGN_PLAYLIST, ""), &user).await;
    assert_eq!(foreign.status, 403);
    let foreign = emu
        .api(&format!("/v1/playlists/{}", ids::FOREIGN_PLAYLIST), &user)
        .await
        .json();
    assert_eq!(foreign["items"], Value::Null);
}

#[tokio::test]
async fn extended_mode_reads_every_playlist_under_both_names() {
    let emu = extended();
    let app = emu.client_token().await;
    let page = emu
        .api(&items_of(ids::FOREIGN_PLAYLIST, "limit=5&offset=5"), &app)
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("cache-control"), Some("public, max-age=0"));
    let page = page.json();
    assert_eq!(
        (page["total"].as_u64(), page["offset"].as_u64()),
        (Some(30), Some(5))
    );
    for entry in page["items"].as_array().unwrap() {
        assert_eq!(entry["track"], entry["item"]);
        assert_eq!(entry["item"]["type"], "track");
    }
    let playlist = emu
        .api(&format!("/v1/playlists/{}", ids::LARGE_PLAYLIST), &app)
        .await
        .json();
    assert_eq!(playlist["items"]["total"], 10_000);
    assert_eq!(playlist["items"]["items"].as_array().unwrap().len(), 100);
    assert_eq!(playlist["items"]["items"], playlist["tracks"]["items"]);
    assert_eq!(
        playlist["tracks"]["next"],
        format!(
            "http://localhost/v1/playlists/{}/tracks?offset=100&limit=100",
            ids::LARGE_PLAYLIST
        )
    );
}

#[tokio::test]
async fn episodes_and_local_files_among_items() {
    let emu = extended();
    let app = emu.client_token().await;
    // Items 23 (a track), 24 (a local file) and 25 (a track); then 29 (an episode).
    let page = emu
        .api(
            &items_of(ids::PLAYLIST_250_ITEMS, "market=SE&offset=23&limit=3"),
            &app,
        )
        .await
        .json();
    snap!("api_playlist_items_local_file", &page["items"][1]);
    assert_eq!(page["items"][1]["is_local"], true);
    assert_eq!(page["items"][0]["is_local"], false);

    let as_track = emu
        .api(
            &items_of(ids::PLAYLIST_250_ITEMS, "offset=29&limit=1"),
            &app,
        )
        .await
        .json();
    let episode = &as_track["items"][0]["item"];
    assert_eq!(
        (&episode["type"], &episode["episode"], &episode["track"]),
        (&json!("episode"), &json!(true), &json!(false))
    );
    assert_eq!(episode["album"]["album_type"], "show");
    assert_eq!(episode["artists"][0]["type"], "show");
    assert!(episode.get("show").is_none());

    let as_episode = emu
        .api(
            &items_of(
                ids::PLAYLIST_250_ITEMS,
                "offset=29&limit=1&additional_types=track,episode",
            ),
            &app,
        )
        .await
        .json();
    let episode = &as_episode["items"][0]["item"];
    assert_eq!(episode["type"], "episode");
    assert_eq!(episode["show"]["type"], "show");
    assert!(episode.get("album").is_none() && episode["description"].is_string());
    assert_eq!(
        as_episode["next"],
        format!(
            "http://localhost/v1/playlists/{}/items?additional_types=track,episode&offset=30&limit=1",
            ids::PLAYLIST_250_ITEMS
        ),
        "the next page asks for the same kinds"
    );
}

#[tokio::test]
async fn fields_filter_the_playlist_and_its_pages() {
    let emu = extended();
    let app = emu.client_token().await;
    let filtered = emu
        .api(
            &format!(
                "/v1/playlists/{}?fields=name,owner.id,items(total,items(added_by.id,item(name)))",
                ids::FOREIGN_PLAYLIST
            ),
            &app,
        )
        .await;
    assert!(filtered.header("etag").is_some());
    let body = filtered.json();
    let members: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(members.len(), 3, "{body}");
    assert_eq!(body["owner"], json!({ "id": ids::CURATOR_USER_ID }));
    assert_eq!(body["items"]["total"], 30);
    let first = &body["items"]["items"][0];
    assert_eq!(first["added_by"], json!({ "id": ids::CURATOR_USER_ID }));
    assert_eq!(first["item"].as_object().unwrap().len(), 1);

    // Leaving members out; and a page filter carried by `next`.
    let page = emu
        .api(
            &items_of(
                ids::FOREIGN_PLAYLIST,
                "limit=2&fields=next,total,items.item.album(!available_markets,images,artists)",
            ),
            &app,
        )
        .await
        .json();
    assert_eq!(page.as_object().unwrap().len(), 3, "{page}");
    let album = &page["items"][0]["item"]["album"];
    assert!(album["name"].is_string() && album["id"].is_string());
    assert!(album.get("images").is_none() && album.get("artists").is_none());
    assert_eq!(
        query_param(page["next"].as_str().unwrap(), "fields").as_deref(),
        Some("next,total,items.item.album(!available_markets,images,artists)"),
        "the next page is filtered alike"
    );

    for bad in ["items(name", "a,,b", "!items(name)"] {
        let reply = emu
            .api(
                &format!("/v1/playlists/{}?fields={bad}", ids::FOREIGN_PLAYLIST),
                &app,
            )
            .await;
        assert_eq!(
            (reply.status, &reply.json()["error"]["message"]),
            (400, &json!("Bad request.")),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn the_legacy_tracks_endpoint() {
    let dev = Emu::new();
    let token = dev.client_token().await;
    let refused = dev
        .api(
            &format!("/v1/playlists/{}/tracks", ids::PLAYLIST_250_ITEMS),
            &token,
        )
        .await;
    assert_eq!(
        (refused.status, refused.json()),
        (
            403,
            json!({"error": {"status": 403, "message": "Forbidden"}})
        )
    );

    let emu = extended();
    let token = emu.client_token().await;
    let tracks = |query: &str| format!("/v1/playlists/{}/tracks?{query}", ids::LARGE_PLAYLIST);
    let page = emu
        .api(&tracks("limit=100&offset=9950"), &token)
        .await
        .json();
    assert_eq!(page["items"].as_array().unwrap().len(), 50);
    assert_eq!(page["next"], Value::Null);
    let too_many = emu.api(&tracks("limit=101"), &token).await;
    assert_eq!(too_many.status, 400);
    assert_eq!(too_many.json()["error"]["message"], "Invalid limit");
    let items = emu
        .api(&items_of(ids::LARGE_PLAYLIST, "limit=51"), &token)
        .await;
    assert_eq!(items.status, 400, "items take at most 50");
}

#[tokio::test]
async fn covers_unknown_playlists_and_spotifys_own() {
    let emu = extended();
    let token = emu.client_token().await;
    let cover = emu
        .api(
            &format!("/v1/playlists/{}/images", ids::PLAYLIST_250_ITEMS),
            &token,
        )
        .await;
    assert_eq!(cover.status, 200);
    let images = cover.json();
    assert_eq!(images.as_array().unwrap().len(), 1);
    assert!(images[0]["url"].as_str().unwrap().starts_with("https://"));
    let missing = emu
        .api("/v1/playlists/0000000000000000000000", &token)
        .await;
    assert_eq!(missing.status, 404);
    let malformed = emu.api("/v1/playlists/nope/items", &token).await;
    assert_eq!(
        (malformed.status, &malformed.json()["error"]["message"]),
        (400, &json!("invalid id"))
    );

    // A Spotify-owned playlist: served to an extended app, gone for a development one.
    let mix = emu
        .api(
            &format!(
                "/v1/browse/categories/{}/playlists",
                ids::CATEGORY_30_PLAYLISTS
            ),
            &token,
        )
        .await
        .json();
    let editorial = mix["playlists"]["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(mix["playlists"]["items"][0]["owner"]["id"], "spotify");
    let path = format!("/v1/playlists/{editorial}");
    assert_eq!(emu.api(&path, &token).await.status, 200);
    emu.control(
        Method::PUT,
        &format!("/apps/{DEFAULT_CLIENT_ID}"),
        Some(json!({ "quota_mode": "development" })),
    )
    .await;
    for path in [
        path.clone(),
        format!("{path}/images"),
        format!("{path}/items"),
    ] {
        let gone = emu.api(&path, &token).await;
        assert_eq!(
            (gone.status, &gone.json()["error"]["message"]),
            (404, &json!("Resource not found")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn users_profiles_and_their_playlists() {
    let dev = Emu::new();
    let token = dev.client_token().await;
    for path in [
        "/v1/users/emulator-user",
        "/v1/users/emulator-user/playlists",
    ] {
        assert_eq!(dev.api(path, &token).await.status, 403, "{path}");
    }

    let emu = extended();
    let app = emu.client_token().await;
    let profile = emu.api("/v1/users/emulator-curator", &app).await.json();
    assert_eq!(profile["display_name"], "Emulator Curator");
    assert_eq!(profile["uri"], "spotify:user:emulator-curator");
    assert!(profile["followers"].is_object());
    let unknown = emu.api("/v1/users/nobody-at-all", &app).await;
    assert_eq!(unknown.status, 404);

    // Anyone sees the public playlists a user owns; the user also their private and shared ones.
    let ids_of = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let public = emu
        .api("/v1/users/emulator-user/playlists?limit=50", &app)
        .await
        .json();
    let public = ids_of(&public);
    assert!(public.contains(&ids::PLAYLIST_250_ITEMS.to_owned()));
    assert!(!public.contains(&ids::LARGE_PLAYLIST.to_owned()), "private");
    let (user, _) = emu
        .user_tokens("playlist-read-private playlist-read-collaborative")
        .await;
    let own = emu
        .api("/v1/users/emulator-user/playlists?limit=50", &user)
        .await
        .json();
    let own = ids_of(&own);
    for id in [
        ids::LARGE_PLAYLIST,
        ids::COLLABORATIVE_PLAYLIST,
        ids::PLAYLIST_250_ITEMS,
    ] {
        assert!(own.contains(&id.to_owned()), "{id}");
    }
    assert!(!own.contains(&ids::FOREIGN_PLAYLIST.to_owned()));
    let bad = emu
        .api("/v1/users/emulator-user/playlists?offset=100001", &app)
        .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn featured_and_category_playlists() {
    let dev = Emu::new();
    let token = dev.client_token().await;
    for path in [
        "/v1/browse/featured-playlists".to_owned(),
        format!(
            "/v1/browse/categories/{}/playlists",
            ids::CATEGORY_30_PLAYLISTS
        ),
    ] {
        assert_eq!(dev.api(&path, &token).await.status, 403, "{path}");
    }

    let emu = extended();
    let token = emu.client_token().await;
    let featured = emu
        .api(
            "/v1/browse/featured-playlists?locale=sv_SE&limit=5&offset=5",
            &token,
        )
        .await
        .json();
    assert!(featured["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(featured["playlists"]["offset"], 5);
    assert_eq!(
        featured["playlists"]["href"],
        "http://localhost/v1/browse/featured-playlists?locale=sv_SE&offset=5&limit=5"
    );
    let category = |query: &str| {
        format!(
            "/v1/browse/categories/{}/playlists?{query}",
            ids::CATEGORY_30_PLAYLISTS
        )
    };
    let page = emu
        .api(&category("limit=20&offset=20"), &token)
        .await
        .json();
    assert_eq!(page["playlists"]["total"], 30);
    assert_eq!(page["playlists"]["items"].as_array().unwrap().len(), 10);
    assert!(page.get("message").is_none());
    assert_eq!(emu.api(&category("limit=51"), &token).await.status, 400);
    let unknown = emu
        .api("/v1/browse/categories/no-such-category/playlists", &token)
        .await;
    assert_eq!(unknown.status, 404);
}
