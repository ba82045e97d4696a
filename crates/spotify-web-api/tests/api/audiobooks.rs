//! Audiobooks: an audiobook, several (chunked, quota-aware) and an audiobook's chapters
//! (paged), against the emulator: the six audiobook markets, paging across page boundaries,
//! order and `None` slots, both quota modes.

use futures_util::TryStreamExt;
use spotify_emulator::catalog_ids::AUDIOBOOK_40_CHAPTERS;
use spotify_emulator::{Catalog, Emulator};
use spotify_web_api::model::Audiobook;
use spotify_web_api::{Error, Market, QuotaMode};

use crate::coverage::Call;
use crate::shows::{client_in, emulator_with_user_in, id_count, requests_to, unknown, user_client};
use crate::support;

/// Free Will by Sam Harris, a real audiobook of the emulator's fixtures.
pub(crate) const FREE_WILL: &str = "4x3Y9YYK84XJSTTJp2atHe";
/// Where Spotify sells audiobooks.
pub(crate) const AUDIOBOOK_MARKETS: [&str; 6] = ["US", "GB", "CA", "IE", "NZ", "AU"];

pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-an-audiobook" => |api| api.get_audiobook(AUDIOBOOK_40_CHAPTERS).market("US");
    "get-multiple-audiobooks" => |api| api.get_audiobooks([FREE_WILL, AUDIOBOOK_40_CHAPTERS]).market("US");
    "get-audiobook-chapters" => |api| api.get_audiobook_chapters(AUDIOBOOK_40_CHAPTERS).market("US").limit(5);
};

/// The audiobooks with the fields development mode does not get (since 2026-02) blanked, and
/// the links of their chapter pages, which name the emulator that served them.
fn as_development_sees(books: &[Option<Audiobook>]) -> Vec<Option<Audiobook>> {
    books
        .iter()
        .map(|book| {
            book.clone().map(|mut book| {
                book.publisher = None;
                book.available_markets.clear();
                book.chapters.href.clear();
                book.chapters.next = None;
                book.chapters.previous = None;
                book
            })
        })
        .collect()
}

#[tokio::test]
async fn audiobooks_are_sold_in_six_markets_only() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    for market in AUDIOBOOK_MARKETS {
        let book = api
            .get_audiobook(AUDIOBOOK_40_CHAPTERS)
            .market(market)
            .await
            .unwrap_or_else(|e| panic!("{market}: {e}"));
        assert_eq!(book.name, "The Forty Lanterns");
    }
    for market in ["SE", "DE", "JP", "BR"] {
        let err = api
            .get_audiobook(AUDIOBOOK_40_CHAPTERS)
            .market(market)
            .await
            .unwrap_err();
        assert!(err.is_not_found(), "{market}: {err:?}");
    }
    let err = api.get_audiobook(FREE_WILL).await.unwrap_err();
    assert!(err.is_not_found(), "no market: {err:?}");
    let err = api
        .get_audiobook_chapters(AUDIOBOOK_40_CHAPTERS)
        .market("SE")
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let books = api
        .get_audiobooks([FREE_WILL, AUDIOBOOK_40_CHAPTERS])
        .market("FR")
        .await
        .unwrap();
    assert_eq!(books, [None, None]);

    // The default user lives in Sweden: their country sells no audiobooks.
    let swede = user_client(&emu, &[]).await;
    assert!(
        swede
            .get_audiobook(FREE_WILL)
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        swede
            .get_audiobook(FREE_WILL)
            .market(Market::FromToken)
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn a_british_user_gets_audiobooks_without_a_market() {
    let emu = emulator_with_user_in("GB").await;
    let briton = user_client(&emu, &[]).await;
    let book = briton.get_audiobook(FREE_WILL).await.unwrap();
    assert_eq!(book.name, "Free Will");
    assert_eq!(book.authors[0].name, "Sam Harris");
    // Spotify's audiobook URIs are show URIs, and they feed the next call as they are.
    assert_eq!(book.uri, format!("spotify:show:{FREE_WILL}"));
    let again = briton
        .get_audiobook(&book.uri)
        .market(Market::FromToken)
        .await
        .unwrap();
    assert_eq!(
        (&again.id, &again.chapters.items),
        (&book.id, &book.chapters.items)
    );
    let chapters = briton
        .get_audiobook_chapters(&book.id)
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(chapters, book.chapters.items);
}

#[tokio::test]
async fn audiobook_chapters_stream_and_fetch_all_give_what_next_page_walks() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let chapters = || {
        api.get_audiobook_chapters(AUDIOBOOK_40_CHAPTERS)
            .market("CA")
    };

    let mut page = chapters().limit(15).await.unwrap();
    assert_eq!((page.total, page.len()), (40, 15));
    let mut walked = page.items.clone();
    let mut offsets = vec![page.offset];
    while let Some(next) = api.next_page(&page).await.unwrap() {
        assert_eq!(next.total, 40);
        offsets.push(next.offset);
        walked.extend(next.items.iter().cloned());
        page = next;
    }
    assert_eq!(offsets, [0, 15, 30]);
    let numbers: Vec<u32> = walked.iter().map(|c| c.chapter_number).collect();
    assert_eq!(numbers, (0..40).collect::<Vec<u32>>());
    assert!(
        walked[39].name.starts_with("Chapter 40: "),
        "{}",
        walked[39].name
    );
    // Back again.
    let back = api.previous_page(&page).await.unwrap().unwrap();
    assert_eq!(back.items, walked[15..30]);

    let streamed: Vec<_> = chapters().stream().try_collect().await.unwrap();
    assert_eq!(streamed, walked);
    let streamed: Vec<_> = chapters().limit(6).stream().try_collect().await.unwrap();
    assert_eq!(streamed, walked);
    emu.clear_requests();
    let fetched = chapters().limit(4).fetch_all().await.unwrap();
    assert_eq!(fetched, walked);
    assert_eq!(emu.requests().len(), 10, "40 chapters, 4 a page");

    // The audiobook's own first page holds them all (50 a page).
    let book = api
        .get_audiobook(AUDIOBOOK_40_CHAPTERS)
        .market("CA")
        .await
        .unwrap();
    assert_eq!(book.total_chapters, Some(40));
    assert_eq!((book.chapters.limit, book.chapters.total), (50, 40));
    assert!(book.chapters.next.is_none());
    assert_eq!(book.chapters.items, walked);
}

#[tokio::test]
async fn several_audiobooks_are_chunked_in_order_with_none_slots() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let catalog = Catalog::builtin();
    let known = catalog.ids("audiobook");
    assert!(known.len() >= 4, "{known:?}");
    let ids: Vec<String> = (0..75)
        .map(|n| {
            if n % 4 == 3 {
                unknown(n)
            } else {
                known[n % known.len()].clone()
            }
        })
        .collect();
    emu.clear_requests();
    let books = api.get_audiobooks(&ids).market("IE").await.unwrap();
    assert_eq!(books.len(), 75);
    for (id, book) in ids.iter().zip(&books) {
        match catalog.name("audiobook", id) {
            Some(name) => {
                let book = book.as_ref().unwrap_or_else(|| panic!("{id}: None"));
                assert_eq!((book.id.as_str(), book.name.as_str()), (id.as_str(), name));
                assert_eq!(
                    book.chapters.total as usize,
                    catalog.audiobook_chapter_count(id).unwrap()
                );
            }
            None => assert!(book.is_none(), "{id}"),
        }
    }
    let sizes: Vec<usize> = requests_to(&emu, "/v1/audiobooks")
        .iter()
        .map(id_count)
        .collect();
    assert_eq!(sizes, [50, 25]);
}

#[tokio::test]
async fn development_and_extended_apps_get_the_same_audiobooks() {
    let mut ids = Catalog::builtin().ids("audiobook");
    ids.push(unknown(5));
    while ids.len() <= 50 {
        ids.extend(ids.clone());
    }
    let extended = support::extended_emulator().await;
    let from_chunks = support::app_client(&extended)
        .get_audiobooks(&ids)
        .market("NZ")
        .await
        .unwrap();
    let from_singles = client_in(&extended, QuotaMode::Development)
        .get_audiobooks(&ids)
        .market("NZ")
        .await
        .unwrap();
    assert_eq!(from_singles, from_chunks);
    assert!(from_chunks[0].as_ref().unwrap().publisher.is_some());

    let development = Emulator::start().await;
    let api = support::app_client(&development);
    let first = api.get_audiobooks(&ids).market("NZ").await.unwrap();
    assert_eq!(first.len(), ids.len());
    assert_eq!(
        as_development_sees(&first),
        as_development_sees(&from_chunks)
    );
    assert!(first.iter().flatten().all(|book| book.publisher.is_none()));
    api.get_audiobooks([FREE_WILL]).market("NZ").await.unwrap();
    assert_eq!(
        requests_to(&development, "/v1/audiobooks").len(),
        2,
        "the first call's first wave (2 chunks), once"
    );
}

#[tokio::test]
async fn audiobook_limits_and_ids_are_checked_before_sending() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let err = api
        .get_audiobook_chapters(AUDIOBOOK_40_CHAPTERS)
        .limit(51)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidArgument { name: "limit", .. }),
        "{err:?}"
    );
    let err = api
        .get_audiobooks([FREE_WILL, "spotify:album:4x3Y9YYK84XJSTTJp2atHe"])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidId { .. }), "{err:?}");
    assert!(emu.requests().is_empty());
}
