//! Categories (`GET /browse/categories`, `GET /browse/categories/{id}`) and markets
//! (`GET /markets`): served to extended-quota apps, 403 `Forbidden` for development mode since
//! 2026-02.

use serde_json::json;
use spotify_emulator::{Catalog, Emulator, QuotaMode, catalog_ids};

use crate::snap;
use crate::support::Emu;

fn extended() -> Emu {
    Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended))
}

#[tokio::test]
async fn categories_are_paged_in_their_envelope() {
    let emu = extended();
    let token = emu.client_token().await;
    let total = Catalog::builtin().len("category");
    assert!(total > 3);
    let reply = emu
        .api(
            "/v1/browse/categories?locale=sv_SE&limit=2&offset=1",
            &token,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.header("etag").unwrap().starts_with("\"MC-"));
    let page = &reply.json()["categories"];
    assert_eq!(page["total"], total);
    assert_eq!(
        page["href"],
        "http://localhost/v1/browse/categories?locale=sv_SE&offset=1&limit=2"
    );
    assert_eq!(
        page["next"],
        "http://localhost/v1/browse/categories?locale=sv_SE&offset=3&limit=2"
    );
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let all = emu
        .api("/v1/browse/categories?limit=50", &token)
        .await
        .json();
    let every: Vec<&str> = all["categories"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, every[1..3]);
    assert!(every.contains(&catalog_ids::CATEGORY_30_PLAYLISTS));
    assert_eq!(all["categories"]["limit"], 50);
    let default = emu.api("/v1/browse/categories", &token).await.json();
    assert_eq!(default["categories"]["limit"], 20);
    let bad = emu.api("/v1/browse/categories?limit=51", &token).await;
    assert_eq!(
        (bad.status, bad.json()["error"]["message"].clone()),
        (400, json!("Invalid limit"))
    );
}

#[tokio::test]
async fn one_category_by_id() {
    let emu = extended();
    let token = emu.client_token().await;
    let mut rows = Vec::new();
    for id in ["party", "party?locale=es_MX", "no-such-category"] {
        let reply = emu
            .api(&format!("/v1/browse/categories/{id}"), &token)
            .await;
        rows.push(json!({ "id": id, "reply": reply.brief() }));
    }
    snap!("browse_category", rows);
}

#[tokio::test]
async fn markets_list_the_catalogues_markets() {
    let emu = extended();
    let token = emu.client_token().await;
    let reply = emu.api("/v1/markets", &token).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let markets = reply.json()["markets"].as_array().unwrap().clone();
    let codes: Vec<&str> = markets.iter().map(|m| m.as_str().unwrap()).collect();
    assert!(codes.contains(&"SE") && codes.contains(&catalog_ids::RELINK_MARKET));
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
    assert!(
        codes
            .iter()
            .all(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()))
    );
}

#[tokio::test]
async fn development_mode_apps_are_refused() {
    let emu = Emu::new();
    let token = emu.client_token().await;
    for path in [
        "/v1/browse/categories",
        "/v1/browse/categories/party",
        "/v1/markets",
    ] {
        let reply = emu.api(path, &token).await;
        assert_eq!(reply.status, 403, "{path}");
        assert_eq!(
            reply.json(),
            json!({"error": {"status": 403, "message": "Forbidden"}})
        );
    }
}
