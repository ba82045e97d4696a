//! Audiobooks: `GET /audiobooks/{id}`, `GET /audiobooks` and `GET /audiobooks/{id}/chapters`
//! (the six audiobook markets, paging, ids, quota modes).

use serde_json::{Value, json};
use spotify_emulator::catalog_ids::AUDIOBOOK_40_CHAPTERS;
use spotify_emulator::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, FREE_USER_ID};

use crate::shows::{UNKNOWN, error, extended, names};
use crate::support::{Emu, REDIRECT};

/// Free Will by Sam Harris, a real audiobook of the fixtures (`audiobook.json`).
pub const FREE_WILL: &str = "4x3Y9YYK84XJSTTJp2atHe";
/// The markets where Spotify sells audiobooks (the spec's descriptions).
pub const AUDIOBOOK_MARKETS: [&str; 6] = ["US", "GB", "CA", "IE", "NZ", "AU"];

/// An access token of the default Free user, whose country is GB (an audiobook market).
pub async fn british_user_token(emu: &Emu, scope: &str) -> String {
    let code = emu.code(scope, FREE_USER_ID, None).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let reply = emu
        .token(&form, Some((DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)))
        .await;
    reply.json()["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn audiobooks_are_sold_in_six_markets() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let book = |query: &str| format!("/v1/audiobooks/{AUDIOBOOK_40_CHAPTERS}{query}");
    for market in AUDIOBOOK_MARKETS {
        let reply = emu.api(&book(&format!("?market={market}")), &cc).await;
        assert_eq!(reply.status, 200, "{market}");
        assert_eq!(reply.json()["name"], "The Forty Lanterns");
    }
    for query in [
        "",
        "?market=SE",
        "?market=DE",
        "?market=JP",
        "?market=from_token",
    ] {
        let reply = emu.api(&book(query), &cc).await;
        assert_eq!(error(&reply), (404, json!("non existing id")), "{query:?}");
    }
    // The default user lives in Sweden: no audiobooks by their country, but an explicit market
    // is honoured (documented in the emulator: the market given wins over the user's country).
    let (swede, _) = emu.user_tokens("").await;
    assert_eq!(emu.api(&book(""), &swede).await.status, 404);
    assert_eq!(
        emu.api(&book("?market=from_token"), &swede).await.status,
        404
    );
    assert_eq!(emu.api(&book("?market=US"), &swede).await.status, 200);
    // The Free user lives in the UK.
    let briton = british_user_token(&emu, "").await;
    assert_eq!(emu.api(&book(""), &briton).await.status, 200);
    assert_eq!(
        emu.api(&book("?market=from_token"), &briton).await.status,
        200
    );
}

#[tokio::test]
async fn an_audiobook_lists_its_chapters_and_markets() {
    let emu = extended();
    let briton = british_user_token(&emu, "").await;
    let book = emu
        .api(&format!("/v1/audiobooks/{AUDIOBOOK_40_CHAPTERS}"), &briton)
        .await
        .json();
    assert_eq!(book["type"], "audiobook");
    assert_eq!(book["uri"], format!("spotify:show:{AUDIOBOOK_40_CHAPTERS}"));
    assert_eq!(book["total_chapters"], 40);
    assert_eq!(
        book["available_markets"],
        json!(["AU", "CA", "GB", "IE", "NZ", "US"])
    );
    let chapters = &book["chapters"];
    assert_eq!(
        (chapters["total"].clone(), chapters["limit"].clone()),
        (json!(40), json!(50))
    );
    assert_eq!(chapters["items"].as_array().unwrap().len(), 40);
    assert_eq!(chapters["next"], Value::Null);
    assert_eq!(chapters["items"][0]["chapter_number"], 0);
    assert_eq!(chapters["items"][0]["type"], "chapter");
    assert_eq!(
        chapters["items"][0]["available_markets"],
        book["available_markets"]
    );
}

#[tokio::test]
async fn an_audiobooks_chapters_page_by_limit_and_offset() {
    let emu = Emu::new();
    let cc = emu.client_token().await;
    let page =
        |query: &str| format!("/v1/audiobooks/{AUDIOBOOK_40_CHAPTERS}/chapters?market=US{query}");
    let base = format!("http://localhost/v1/audiobooks/{AUDIOBOOK_40_CHAPTERS}/chapters?market=US");

    let first = emu.api(&page("&limit=15"), &cc).await.json();
    assert_eq!(first["total"], 40);
    assert_eq!(first["next"], format!("{base}&offset=15&limit=15"));
    let last = emu.api(&page("&limit=15&offset=30"), &cc).await.json();
    assert_eq!(last["items"].as_array().unwrap().len(), 10);
    assert_eq!(last["next"], Value::Null);
    assert_eq!(last["previous"], format!("{base}&offset=15&limit=15"));
    assert_eq!(last["items"][0]["chapter_number"], 30);
    assert!(
        last["items"][0]["name"]
            .as_str()
            .unwrap()
            .starts_with("Chapter 31: ")
    );
    assert_eq!(last["items"][0]["is_playable"], true);
    assert!(
        last["items"][0].get("audiobook").is_none(),
        "simplified chapters"
    );

    for (query, message) in [
        ("&limit=0", "Invalid limit"),
        ("&limit=51", "Invalid limit"),
        ("&offset=x", "Invalid offset"),
    ] {
        assert_eq!(
            error(&emu.api(&page(query), &cc).await),
            (400, json!(message))
        );
    }
    let elsewhere = format!("/v1/audiobooks/{AUDIOBOOK_40_CHAPTERS}/chapters?market=SE");
    assert_eq!(
        error(&emu.api(&elsewhere, &cc).await),
        (404, json!("non existing id"))
    );
    let unknown = format!("/v1/audiobooks/{UNKNOWN}/chapters?market=US");
    assert_eq!(
        error(&emu.api(&unknown, &cc).await),
        (404, json!("non existing id"))
    );
}

#[tokio::test]
async fn a_multi_get_of_audiobooks_keeps_order_and_null_slots() {
    let emu = extended();
    let cc = emu.client_token().await;
    let ids = format!("{FREE_WILL},{UNKNOWN},{AUDIOBOOK_40_CHAPTERS}");
    let reply = emu
        .api(&format!("/v1/audiobooks?ids={ids}&market=CA"), &cc)
        .await;
    assert_eq!(reply.status, 200);
    let books = &reply.json()["audiobooks"];
    assert_eq!(
        names(books),
        [json!("Free Will"), Value::Null, json!("The Forty Lanterns")]
    );
    // Full audiobooks, with their first page of chapters.
    assert_eq!(books[2]["chapters"]["total"], 40);
    // Outside the audiobook markets every slot is null.
    let reply = emu
        .api(&format!("/v1/audiobooks?ids={ids}&market=FR"), &cc)
        .await;
    assert_eq!(reply.json(), json!({ "audiobooks": [null, null, null] }));
    let fifty_one = vec![FREE_WILL; 51].join(",");
    let reply = emu
        .api(&format!("/v1/audiobooks?ids={fifty_one}&market=US"), &cc)
        .await;
    assert_eq!(error(&reply), (400, json!("too many ids requested")));
    let reply = emu
        .api(
            &format!("/v1/audiobooks?ids={FREE_WILL},%20&market=US"),
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
        .api(&format!("/v1/audiobooks?ids={FREE_WILL}&market=US"), &cc)
        .await;
    assert_eq!(error(&reply), (403, json!("Forbidden")));
    let book = emu
        .api(&format!("/v1/audiobooks/{FREE_WILL}?market=US"), &cc)
        .await
        .json();
    assert_eq!(book["name"], "Free Will");
    assert_eq!(book["authors"][0]["name"], "Sam Harris");
    assert!(book.get("publisher").is_none() && book.get("available_markets").is_none());
}
