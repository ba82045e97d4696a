//! Episodes: `GET /episodes/{id}` and `GET /episodes` (markets, `resume_point`, ids, quota
//! modes).

use serde_json::{Value, json};
use spotify_emulator::catalog_ids::SHOW_60_EPISODES;

use crate::shows::{HISTORIA, UNKNOWN, error, extended, names};
use crate::snap;
use crate::support::Emu;

/// "Tredje rikets knarkande granskas", a real episode of Historia (`episode.json`).
const KNARK: &str = "512ojhOuo1ktJprKbVcKyQ";
/// Two more real episodes of Historia (`episodes.json`).
const KATEDRALEN: &str = "0Q86acNRm6V9GYx55SXKwf";
const VAPENSKOLDAR: &str = "77o6BIVlYM3msb4MMIL1jH";

#[tokio::test]
async fn an_episode_needs_a_market_or_a_user_country() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let (user, _) = emu.user_tokens("").await;
    let reply = emu.api(&format!("/v1/episodes/{KNARK}"), &cc).await;
    assert_eq!(error(&reply), (404, json!("non existing id")));
    let reply = emu
        .api(&format!("/v1/episodes/{KNARK}?market=KP"), &cc)
        .await;
    assert_eq!(error(&reply), (404, json!("non existing id")));

    let reply = emu
        .api(&format!("/v1/episodes/{KNARK}?market=SE"), &cc)
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("cache-control"), Some("public, max-age=0"));
    let episode = reply.json();
    assert_eq!(episode["name"], "Tredje rikets knarkande granskas");
    assert_eq!(episode["show"]["id"], HISTORIA);
    assert_eq!(episode["show"]["type"], "show");
    assert_eq!(episode["is_playable"], true);
    assert!(episode.get("resume_point").is_none(), "no user");

    let mine = emu.api(&format!("/v1/episodes/{KNARK}"), &user).await;
    assert_eq!(mine.json()["id"], KNARK);
}

#[tokio::test]
async fn resume_points_need_the_playback_position_scope() {
    let emu = Emu::new();
    let (with_scope, _) = emu.user_tokens("user-read-playback-position").await;
    let (without, _) = emu.user_tokens("user-read-private").await;
    let cc = emu.client_token().await;
    let episode = format!("/v1/episodes/{KNARK}?market=SE");
    let resume = |body: Value| body.get("resume_point").cloned();

    assert_eq!(
        resume(emu.api(&episode, &with_scope).await.json()),
        Some(json!({ "fully_played": false, "resume_position_ms": 0 }))
    );
    assert_eq!(resume(emu.api(&episode, &without).await.json()), None);
    assert_eq!(resume(emu.api(&episode, &cc).await.json()), None);
    // The same in a show's pages of episodes.
    let page = format!("/v1/shows/{SHOW_60_EPISODES}/episodes?limit=3");
    let items = emu.api(&page, &with_scope).await.json()["items"].clone();
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["resume_point"].is_object())
    );
    let items = emu.api(&page, &without).await.json()["items"].clone();
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e.get("resume_point").is_none())
    );
}

#[tokio::test]
async fn a_multi_get_of_episodes_keeps_order_and_null_slots() {
    let emu = extended();
    let cc = emu.client_token().await;
    let reply = emu
        .api(
            &format!(
                "/v1/episodes?ids={VAPENSKOLDAR},{UNKNOWN},{KATEDRALEN},{VAPENSKOLDAR}&market=SE"
            ),
            &cc,
        )
        .await;
    assert_eq!(reply.status, 200);
    let episodes = &reply.json()["episodes"];
    let names = names(episodes);
    assert_eq!(names.len(), 4);
    assert_eq!(names[1], Value::Null);
    assert_eq!(names[0], names[3], "duplicates are answered twice");
    assert_ne!(names[0], names[2]);
    assert_eq!(episodes[2]["id"], KATEDRALEN);
    // Full episodes, with their show.
    assert_eq!(episodes[0]["show"]["id"], HISTORIA);

    let reply = emu
        .api(&format!("/v1/episodes?ids={KNARK},{KATEDRALEN}"), &cc)
        .await;
    assert_eq!(reply.json(), json!({ "episodes": [null, null] }));
    let fifty_one = vec![KNARK; 51].join(",");
    let reply = emu
        .api(&format!("/v1/episodes?ids={fifty_one}&market=SE"), &cc)
        .await;
    assert_eq!(error(&reply), (400, json!("too many ids requested")));
    let reply = emu
        .api(
            &format!("/v1/episodes?ids={KNARK},{}&market=SE", &KNARK[..21]),
            &cc,
        )
        .await;
    assert_eq!(error(&reply), (400, json!("invalid id")));
}

#[tokio::test]
async fn development_mode_refuses_the_multi_get_of_episodes() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let reply = emu
        .api(&format!("/v1/episodes?ids={KNARK}&market=SE"), &cc)
        .await;
    assert_eq!(error(&reply), (403, json!("Forbidden")));
    let reply = emu
        .api(&format!("/v1/episodes/{KNARK}?market=SE"), &cc)
        .await;
    snap!("api_episode_development", reply.json());
}
