//! Chapters: `GET /chapters/{id}` and `GET /chapters` (the six audiobook markets,
//! `resume_point`, ids, quota modes).

use serde_json::{Value, json};
use spotify_emulator::catalog_ids::AUDIOBOOK_40_CHAPTERS;

use crate::audiobooks::{AUDIOBOOK_MARKETS, british_user_token};
use crate::shows::{UNKNOWN, error, extended, names};
use crate::snap;
use crate::support::Emu;

/// "Chapter 1: The Boy Who Lived" (sic: "The Who Boy Lived" in the fixture) of Harry Potter
/// and the Sorcerer's Stone (`chapters.json`).
const HP_CHAPTER_1: &str = "2i47HuOBSV2XaJNy0NCZXM";
/// Chapter 2 of the same book.
const HP_CHAPTER_2: &str = "2GUbORsUnP1qVVlLwd9DzP";
const HARRY_POTTER: &str = "2IEBhnu61ieYGFRPEJIO40";

#[tokio::test]
async fn chapters_are_sold_where_audiobooks_are() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    for market in AUDIOBOOK_MARKETS {
        let reply = emu
            .api(&format!("/v1/chapters/{HP_CHAPTER_1}?market={market}"), &cc)
            .await;
        assert_eq!(reply.status, 200, "{market}");
    }
    for query in ["", "?market=SE", "?market=BR"] {
        let reply = emu
            .api(&format!("/v1/chapters/{HP_CHAPTER_1}{query}"), &cc)
            .await;
        assert_eq!(error(&reply), (404, json!("non existing id")), "{query:?}");
    }
    let briton = british_user_token(&emu, "").await;
    let chapter = emu
        .api(&format!("/v1/chapters/{HP_CHAPTER_1}"), &briton)
        .await
        .json();
    assert_eq!(chapter["type"], "chapter");
    assert_eq!(chapter["uri"], format!("spotify:episode:{HP_CHAPTER_1}"));
    assert_eq!(chapter["audiobook"]["id"], HARRY_POTTER);
    assert!(
        chapter.get("resume_point").is_none(),
        "no playback-position scope"
    );
    let briton = british_user_token(&emu, "user-read-playback-position").await;
    let chapter = emu
        .api(&format!("/v1/chapters/{HP_CHAPTER_1}"), &briton)
        .await
        .json();
    assert_eq!(
        chapter["resume_point"],
        json!({ "fully_played": false, "resume_position_ms": 0 })
    );
}

#[tokio::test]
async fn a_multi_get_of_chapters_keeps_order_and_null_slots() {
    let emu = extended();
    let cc = emu.client_token().await;
    let page = emu
        .api(
            &format!("/v1/audiobooks/{AUDIOBOOK_40_CHAPTERS}/chapters?market=US&limit=2"),
            &cc,
        )
        .await
        .json();
    let lantern = page["items"][1]["id"].as_str().unwrap().to_owned();
    let ids = format!("{HP_CHAPTER_2},{UNKNOWN},{lantern},{HP_CHAPTER_1}");
    let reply = emu
        .api(&format!("/v1/chapters?ids={ids}&market=NZ"), &cc)
        .await;
    assert_eq!(reply.status, 200);
    let chapters = &reply.json()["chapters"];
    let names = names(chapters);
    assert_eq!(names[1], Value::Null);
    assert_eq!(names[2], page["items"][1]["name"]);
    assert_eq!(chapters[0]["id"], HP_CHAPTER_2);
    assert_eq!(chapters[3]["id"], HP_CHAPTER_1);
    assert_eq!(chapters[3]["audiobook"]["id"], HARRY_POTTER);
    assert_eq!(chapters[2]["audiobook"]["id"], AUDIOBOOK_40_CHAPTERS);

    let reply = emu
        .api(&format!("/v1/chapters?ids={ids}&market=DE"), &cc)
        .await;
    assert_eq!(
        reply.json(),
        json!({ "chapters": [null, null, null, null] })
    );
    let fifty_one = vec![HP_CHAPTER_1; 51].join(",");
    let reply = emu
        .api(&format!("/v1/chapters?ids={fifty_one}&market=US"), &cc)
        .await;
    assert_eq!(error(&reply), (400, json!("too many ids requested")));
}

#[tokio::test]
async fn development_mode_refuses_the_multi_get_of_chapters() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let reply = emu
        .api(&format!("/v1/chapters?ids={HP_CHAPTER_1}&market=US"), &cc)
        .await;
    assert_eq!(error(&reply), (403, json!("Forbidden")));
}

#[tokio::test]
async fn a_chapter_is_rendered_whole() {
    let emu = extended();
    let cc = emu.client_token().await;
    let reply = emu
        .api(&format!("/v1/chapters/{HP_CHAPTER_1}?market=GB"), &cc)
        .await;
    snap!("api_chapter", reply.json());
}
