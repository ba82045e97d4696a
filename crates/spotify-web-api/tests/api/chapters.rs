//! Chapters: a chapter and several (chunked, quota-aware), against the emulator: the six
//! audiobook markets, `resume_point`, order and `None` slots, both quota modes.

use spotify_emulator::Emulator;
use spotify_emulator::catalog_ids::AUDIOBOOK_40_CHAPTERS;
use spotify_web_api::model::{Chapter, ItemType, ResumePoint};
use spotify_web_api::{QuotaMode, Scope, SpotifyWebApi};

use crate::audiobooks::AUDIOBOOK_MARKETS;
use crate::coverage::Call;
use crate::shows::{client_in, emulator_with_user_in, id_count, requests_to, unknown, user_client};
use crate::support;

/// "Chapter 1" of Harry Potter and the Sorcerer's Stone, a real chapter of the fixtures.
const HP_CHAPTER_1: &str = "2i47HuOBSV2XaJNy0NCZXM";
/// Its chapter 2.
const HP_CHAPTER_2: &str = "2GUbORsUnP1qVVlLwd9DzP";
const HARRY_POTTER: &str = "2IEBhnu61ieYGFRPEJIO40";

pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-a-chapter" => |api| api.get_chapter(HP_CHAPTER_1).market("US");
    "get-several-chapters" => |api| api.get_chapters([HP_CHAPTER_1, HP_CHAPTER_2]).market("US");
};

/// The IDs of the 40 chapters of the showcase audiobook, then the 20 of Harry Potter.
async fn chapter_ids(api: &SpotifyWebApi) -> Vec<String> {
    let mut ids = Vec::new();
    for book in [AUDIOBOOK_40_CHAPTERS, HARRY_POTTER] {
        let chapters = api
            .get_audiobook_chapters(book)
            .market("US")
            .fetch_all()
            .await
            .unwrap();
        ids.extend(chapters.into_iter().map(|c| c.id.as_str().to_owned()));
    }
    ids
}

/// The chapters with the fields development mode does not get (since 2026-02) blanked.
fn as_development_sees(chapters: &[Option<Chapter>]) -> Vec<Option<Chapter>> {
    chapters
        .iter()
        .map(|chapter| {
            chapter.clone().map(|mut chapter| {
                chapter.available_markets.clear();
                chapter.audiobook.publisher = None;
                chapter.audiobook.available_markets.clear();
                chapter
            })
        })
        .collect()
}

#[tokio::test]
async fn a_chapter_comes_with_its_audiobook_in_the_audiobook_markets() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    for market in AUDIOBOOK_MARKETS {
        let chapter = api
            .get_chapter(HP_CHAPTER_1)
            .market(market)
            .await
            .unwrap_or_else(|e| panic!("{market}: {e}"));
        assert_eq!(chapter.chapter_number, 1);
        assert_eq!(chapter.audiobook.id, HARRY_POTTER);
        assert_eq!(
            chapter.audiobook.name,
            "Harry Potter and the Sorcerer's Stone"
        );
        assert_eq!(chapter.kind, ItemType::Chapter);
        assert_eq!(chapter.resume_point, None, "no user");
    }
    for market in [None, Some("SE"), Some("MX")] {
        let request = api.get_chapter(HP_CHAPTER_1);
        let request = match market {
            Some(market) => request.market(market),
            None => request,
        };
        let err = request.await.unwrap_err();
        assert!(err.is_not_found(), "{market:?}: {err:?}");
    }
    let err = api.get_chapter(unknown(9)).market("US").await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let chapters = api
        .get_chapters([HP_CHAPTER_1, HP_CHAPTER_2])
        .market("DE")
        .await
        .unwrap();
    assert_eq!(chapters, [None, None]);
}

#[tokio::test]
async fn a_chapter_takes_its_episode_uri_and_gives_a_resume_point() {
    let emu = emulator_with_user_in("AU").await;
    let listener = user_client(&emu, &[Scope::UserReadPlaybackPosition]).await;
    let chapter = listener.get_chapter(HP_CHAPTER_2).await.unwrap();
    assert_eq!(chapter.uri, format!("spotify:episode:{HP_CHAPTER_2}"));
    assert_eq!(chapter.resume_point, Some(ResumePoint::default()));
    let again = listener.get_chapter(&chapter.uri).await.unwrap();
    assert_eq!(again, chapter);
    let other = user_client(&emu, &[]).await;
    assert_eq!(
        other.get_chapter(HP_CHAPTER_2).await.unwrap().resume_point,
        None
    );
    let page = listener
        .get_audiobook_chapters(HARRY_POTTER)
        .limit(2)
        .await
        .unwrap();
    assert!(page.iter().all(|c| c.resume_point.is_some()));
}

#[tokio::test]
async fn several_chapters_are_chunked_in_order_with_none_slots() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let mut ids = chapter_ids(&api).await;
    assert_eq!(ids.len(), 60);
    ids.insert(0, unknown(0));
    ids.insert(51, unknown(1));
    ids.push(HP_CHAPTER_1.to_owned());
    emu.clear_requests();
    let chapters = api.get_chapters(&ids).market("GB").await.unwrap();
    assert_eq!(chapters.len(), 63);
    for (n, (id, chapter)) in ids.iter().zip(&chapters).enumerate() {
        if id.starts_with("0Unknown") {
            assert!(chapter.is_none(), "{n}");
        } else {
            assert_eq!(
                chapter.as_ref().map(|c| c.id.as_str()),
                Some(id.as_str()),
                "{n}"
            );
        }
    }
    assert_eq!(chapters[1].as_ref().unwrap().chapter_number, 0);
    assert_eq!(
        chapters[1].as_ref().unwrap().audiobook.id,
        AUDIOBOOK_40_CHAPTERS
    );
    assert_eq!(chapters[62].as_ref().unwrap().audiobook.id, HARRY_POTTER);
    let sizes: Vec<usize> = requests_to(&emu, "/v1/chapters")
        .iter()
        .map(id_count)
        .collect();
    assert_eq!(sizes, [50, 13]);
}

#[tokio::test]
async fn development_and_extended_apps_get_the_same_chapters() {
    let extended = support::extended_emulator().await;
    let api = support::app_client(&extended);
    let mut ids = chapter_ids(&api).await;
    ids.insert(3, unknown(3));
    let from_chunks = api.get_chapters(&ids).market("US").await.unwrap();
    let from_singles = client_in(&extended, QuotaMode::Development)
        .get_chapters(&ids)
        .market("US")
        .await
        .unwrap();
    assert_eq!(from_singles, from_chunks);

    let development = Emulator::start().await;
    let api = support::app_client(&development);
    let first = api.get_chapters(&ids).market("US").await.unwrap();
    assert_eq!(first, as_development_sees(&from_chunks));
    assert!(first[3].is_none());
    api.get_chapters([HP_CHAPTER_1]).market("US").await.unwrap();
    assert_eq!(
        requests_to(&development, "/v1/chapters").len(),
        2,
        "the first call's first wave (2 chunks), once"
    );
}
