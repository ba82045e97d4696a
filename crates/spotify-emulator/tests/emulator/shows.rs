//! Shows: `GET /shows/{id}`, `GET /shows` and `GET /shows/{id}/episodes` (markets, paging, ids,
//! quota modes).

use serde_json::{Value, json};
use spotify_emulator::catalog_ids::SHOW_60_EPISODES;
use spotify_emulator::{Emulator, QuotaMode};

use crate::snap;
use crate::support::{Emu, Reply};

/// Vetenskapsradion Historia, a real show of the fixtures (Sveriges Radio).
pub const HISTORIA: &str = "38bS44xjbVVZ3No3ByF1dJ";
/// Well-formed, and no entity of the catalogue.
pub const UNKNOWN: &str = "0000000000000000000000";

pub fn extended() -> Emu {
    Emu::with(Emulator::builder().quota_mode(QuotaMode::Extended))
}

/// `(status, error message)` of an error reply.
pub fn error(reply: &Reply) -> (u16, Value) {
    (reply.status, reply.json()["error"]["message"].clone())
}

pub fn names(list: &Value) -> Vec<Value> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item["name"].clone())
        .collect()
}

#[tokio::test]
async fn a_show_needs_a_market_or_a_user_country() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let (user, _) = emu.user_tokens("").await;
    let show = |query: &str| format!("/v1/shows/{SHOW_60_EPISODES}{query}");

    // Client credentials and no market: the content is unavailable (spec `QueryMarket`).
    for query in ["", "?market=", "?market=from_token"] {
        let reply = emu.api(&show(query), &cc).await;
        assert_eq!(error(&reply), (404, json!("non existing id")), "{query:?}");
        assert_eq!(reply.header("cache-control"), Some("private, max-age=0"));
    }
    let reply = emu.api(&show("?market=SE"), &cc).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("cache-control"), Some("public, max-age=0"));
    assert!(reply.header("etag").unwrap().starts_with("\"MC-"));
    let body = reply.json();
    assert_eq!(body["name"], "The Loopback Hour");
    assert_eq!(body["type"], "show");
    assert_eq!(body["total_episodes"], 60);
    let episodes = &body["episodes"];
    assert_eq!(
        (episodes["total"].clone(), episodes["limit"].clone()),
        (json!(60), json!(50))
    );
    assert_eq!(episodes["items"].as_array().unwrap().len(), 50);
    assert_eq!(
        episodes["next"],
        format!(
            "http://localhost/v1/shows/{SHOW_60_EPISODES}/episodes?market=SE&offset=50&limit=50"
        )
    );
    // A user token without a market: the user's country (SE) decides.
    for query in ["", "?market=from_token"] {
        let reply = emu.api(&show(query), &user).await;
        assert_eq!(reply.status, 200, "{query:?}");
        assert_eq!(reply.json()["id"], SHOW_60_EPISODES);
    }
    assert_eq!(
        error(&emu.api(&show("?market=Sweden"), &cc).await),
        (400, json!("Invalid market code"))
    );
}

#[tokio::test]
async fn a_show_outside_its_markets_is_not_found() {
    let emu = extended();
    let cc = emu.client_token().await;
    let (user, _) = emu.user_tokens("").await;
    // With a user token and no market, `available_markets` lists where the show is sold.
    let listed = emu
        .api(&format!("/v1/shows/{HISTORIA}"), &user)
        .await
        .json();
    let markets = listed["available_markets"].as_array().unwrap();
    assert!(markets.contains(&json!("SE")) && !markets.contains(&json!("KP")));
    assert_eq!(listed["publisher"], "Sveriges Radio");

    let reply = emu
        .api(&format!("/v1/shows/{HISTORIA}?market=KP"), &cc)
        .await;
    assert_eq!(error(&reply), (404, json!("non existing id")));
    let reply = emu
        .api(&format!("/v1/shows/{HISTORIA}/episodes?market=KP"), &cc)
        .await;
    assert_eq!(error(&reply), (404, json!("non existing id")));
    let reply = emu
        .api(&format!("/v1/shows?ids={HISTORIA}&market=KP"), &cc)
        .await;
    assert_eq!(reply.json(), json!({ "shows": [null] }));
    // With a market, `available_markets` is left out.
    let in_se = emu
        .api(&format!("/v1/shows/{HISTORIA}?market=SE"), &cc)
        .await
        .json();
    assert!(in_se.get("available_markets").is_none());
}

#[tokio::test]
async fn a_shows_episodes_page_by_limit_and_offset() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let page = |query: &str| format!("/v1/shows/{SHOW_60_EPISODES}/episodes?market=SE{query}");
    let base = format!("http://localhost/v1/shows/{SHOW_60_EPISODES}/episodes?market=SE");

    let default = emu.api(&page(""), &cc).await.json();
    assert_eq!(
        (default["limit"].clone(), default["offset"].clone()),
        (json!(20), json!(0))
    );
    assert_eq!(default["href"], format!("{base}&offset=0&limit=20"));
    assert_eq!(default["next"], format!("{base}&offset=20&limit=20"));
    assert_eq!(default["previous"], Value::Null);

    let last = emu.api(&page("&limit=20&offset=40"), &cc).await.json();
    assert_eq!(last["items"].as_array().unwrap().len(), 20);
    assert_eq!(last["total"], 60);
    assert_eq!(last["next"], Value::Null);
    assert_eq!(last["previous"], format!("{base}&offset=20&limit=20"));
    // Newest first: the 41st item is episode 20.
    assert!(
        last["items"][0]["name"]
            .as_str()
            .unwrap()
            .starts_with("Episode 20: ")
    );
    assert_eq!(last["items"][0]["type"], "episode");
    assert_eq!(last["items"][0]["is_playable"], true);
    assert!(
        last["items"][0].get("show").is_none(),
        "simplified episodes"
    );

    // Walking `next` visits every episode once, in the order of the show's own first page.
    let mut url = page("&limit=7");
    let mut seen = Vec::new();
    while !url.is_empty() {
        let body = emu.api(&url, &cc).await.json();
        seen.extend(
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].clone()),
        );
        url = body["next"]
            .as_str()
            .map(|next| next.trim_start_matches("http://localhost").to_owned())
            .unwrap_or_default();
    }
    assert_eq!(seen.len(), 60);
    let show = emu
        .api(&format!("/v1/shows/{SHOW_60_EPISODES}?market=SE"), &cc)
        .await
        .json();
    let first: Vec<Value> = show["episodes"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].clone())
        .collect();
    assert_eq!(seen[..50], first[..]);
    let mut unique = seen.clone();
    unique.sort_by_key(Value::to_string);
    unique.dedup();
    assert_eq!(unique.len(), 60);

    let past = emu.api(&page("&offset=60"), &cc).await.json();
    assert_eq!(
        (past["items"].clone(), past["next"].clone()),
        (json!([]), Value::Null)
    );
}

#[tokio::test]
async fn a_multi_get_of_shows_keeps_order_and_null_slots() {
    let emu = extended();
    let cc = emu.client_token().await;
    let reply = emu
        .api(
            &format!("/v1/shows?ids={SHOW_60_EPISODES},{UNKNOWN},{HISTORIA}&market=SE"),
            &cc,
        )
        .await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("etag").is_some());
    let shows = &reply.json()["shows"];
    assert_eq!(
        names(shows),
        [
            json!("The Loopback Hour"),
            Value::Null,
            json!("Vetenskapsradion Historia")
        ]
    );
    assert_eq!(shows[1], Value::Null);
    // Simplified shows: no episodes page; extended quota: the publisher.
    assert!(shows[0].get("episodes").is_none());
    assert!(shows[0]["publisher"].is_string());
    // No market and no user country: every slot is null.
    let reply = emu
        .api(&format!("/v1/shows?ids={SHOW_60_EPISODES},{HISTORIA}"), &cc)
        .await;
    assert_eq!(reply.json(), json!({ "shows": [null, null] }));
    // 50 ids are fine, 51 are too many; one malformed id fails the whole request.
    let fifty = vec![SHOW_60_EPISODES; 50].join(",");
    let reply = emu
        .api(&format!("/v1/shows?ids={fifty}&market=SE"), &cc)
        .await;
    assert_eq!(reply.json()["shows"].as_array().unwrap().len(), 50);
    let reply = emu
        .api(&format!("/v1/shows?ids={fifty},{HISTORIA}&market=SE"), &cc)
        .await;
    assert_eq!(error(&reply), (400, json!("too many ids requested")));
    let reply = emu
        .api(
            &format!("/v1/shows?ids={HISTORIA},not-an-id&market=SE"),
            &cc,
        )
        .await;
    assert_eq!(error(&reply), (400, json!("invalid id")));
}

#[tokio::test]
async fn development_mode_refuses_the_multi_get_and_strips_the_publisher() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let reply = emu
        .api(&format!("/v1/shows?ids={HISTORIA}&market=SE"), &cc)
        .await;
    assert_eq!(error(&reply), (403, json!("Forbidden")));
    let show = emu
        .api(&format!("/v1/shows/{HISTORIA}?market=SE"), &cc)
        .await
        .json();
    assert!(show.get("publisher").is_none() && show.get("available_markets").is_none());
    assert_eq!(show["name"], "Vetenskapsradion Historia");
}

#[tokio::test]
async fn show_routes_answer_spotify_errors() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let mut rows = Vec::new();
    for uri in [
        format!("/v1/shows/{UNKNOWN}?market=SE"),
        "/v1/shows/abc?market=SE".to_owned(),
        format!("/v1/shows/{SHOW_60_EPISODES}"),
        format!("/v1/shows/{SHOW_60_EPISODES}?market=XX"),
        format!("/v1/shows/{SHOW_60_EPISODES}/episodes?market=SE&limit=0"),
        format!("/v1/shows/{SHOW_60_EPISODES}/episodes?market=SE&limit=51"),
        format!("/v1/shows/{SHOW_60_EPISODES}/episodes?market=SE&limit=ten"),
        format!("/v1/shows/{SHOW_60_EPISODES}/episodes?market=SE&offset=-1"),
        format!("/v1/shows/{UNKNOWN}/episodes?market=SE"),
        "/v1/shows/abc/episodes?market=SE".to_owned(),
        format!("/v1/shows?ids={HISTORIA}&market=SE"),
        "/v1/shows".to_owned(),
    ] {
        let reply = emu.api(&uri, &cc).await;
        rows.push(json!({ "uri": uri, "reply": reply.brief() }));
    }
    let (user, _) = emu.user_tokens("").await;
    let fifty_one = vec![HISTORIA; 51].join(",");
    emu.control(
        axum::http::Method::PUT,
        &format!("/apps/{}", spotify_emulator::DEFAULT_CLIENT_ID),
        Some(json!({ "quota_mode": "extended" })),
    )
    .await;
    for uri in [
        format!("/v1/shows?ids={fifty_one}"),
        format!("/v1/shows?ids={HISTORIA},abc"),
        "/v1/shows?ids=".to_owned(),
    ] {
        let reply = emu.api(&uri, &user).await;
        rows.push(
            json!({ "uri": uri.chars().take(80).collect::<String>(), "reply": reply.brief() }),
        );
    }
    snap!("api_shows_errors", rows);
}

#[tokio::test]
async fn show_routes_answer_if_none_match_with_304() {
    let emu = extended();
    let cc = emu.client_token().await;
    let bearer = format!("Bearer {cc}");
    // Each route, and a request of it whose body differs.
    for (uri, other) in [
        (
            format!("/v1/shows/{SHOW_60_EPISODES}?market=SE"),
            format!("/v1/shows/{SHOW_60_EPISODES}?market=US"),
        ),
        (
            format!("/v1/shows?ids={SHOW_60_EPISODES},{UNKNOWN}&market=SE"),
            format!("/v1/shows?ids={SHOW_60_EPISODES}&market=SE"),
        ),
        (
            format!("/v1/shows/{SHOW_60_EPISODES}/episodes?market=SE&offset=20"),
            format!("/v1/shows/{SHOW_60_EPISODES}/episodes?market=SE&offset=21"),
        ),
    ] {
        let first = emu.api(&uri, &cc).await;
        let etag = first.header("etag").unwrap().to_owned();
        let again = emu
            .api_with(
                &uri,
                &[("authorization", &bearer), ("if-none-match", &etag)],
            )
            .await;
        assert_eq!(again.status, 304, "{uri}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("cache-control"), Some("public, max-age=0"));
        let changed = emu
            .api_with(
                &other,
                &[("authorization", &bearer), ("if-none-match", &etag)],
            )
            .await;
        assert_eq!(changed.status, 200, "{other}");
        assert_ne!(changed.header("etag").unwrap(), etag, "{other}");
    }
}
