//! Albums against the emulator: one album, several (chunked, quota-aware), an album's tracks
//! (paged three ways), new releases (removed for development-mode apps in 2026-02).

use futures_util::TryStreamExt;
use spotify_emulator::{Catalog, Emulator, QuotaMode as EmuMode, catalog_ids};
use spotify_web_api::{Error, QuotaMode, SpotifyWebApi};

use crate::coverage::Call;
use crate::support;

/// One call per operation of the area, for the coverage harness.
pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-an-album" => |api| api.get_album(catalog_ids::ALBUM_30_TRACKS).market("SE");
    "get-multiple-albums" => |api| api.get_albums([catalog_ids::ALBUM_30_TRACKS, UNKNOWN]);
    "get-an-albums-tracks" => |api| api.get_album_tracks(catalog_ids::ALBUM_30_TRACKS).limit(7).offset(7);
    "get-new-releases" => |api| api.get_new_releases().limit(3);
};

/// A well-formed album ID that no catalogue holds.
const UNKNOWN: &str = "0000000000000000000000";

/// An emulator whose default app is in `mode`.
pub(crate) async fn emulator(mode: EmuMode) -> Emulator {
    Emulator::builder()
        .quota_mode(mode)
        .start()
        .await
        .expect("emulator")
}

/// A client-credentials client of the emulator's default app, in `mode`.
pub(crate) fn client(emu: &Emulator, mode: QuotaMode) -> SpotifyWebApi {
    support::api_builder(emu)
        .session(support::app_session(emu))
        .quota_mode(mode)
        .build()
        .expect("client")
}

/// How many logged Web API requests had exactly this path.
pub(crate) fn requests_to(emu: &Emulator, path: &str) -> usize {
    emu.requests().iter().filter(|r| r.path == path).count()
}

/// 45 album IDs from the catalogue, with unknown ones at positions 0, 21 and 44.
fn album_ids() -> Vec<String> {
    let catalog = Catalog::builtin();
    let mut ids: Vec<String> = catalog.ids("album").into_iter().take(42).collect();
    for position in [0, 21, 44] {
        ids.insert(position, UNKNOWN.to_owned());
    }
    ids
}

/// (ID, name) of each album, `None` for an unknown one.
fn ids_and_names(
    albums: &[Option<spotify_web_api::model::Album>],
) -> Vec<Option<(String, String)>> {
    albums
        .iter()
        .map(|a| a.as_ref().map(|a| (a.id.to_string(), a.name.clone())))
        .collect()
}

#[tokio::test]
async fn an_album_comes_from_the_catalogue_and_unknown_ids_are_404() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let catalog = Catalog::builtin();
    let album = api.get_album(catalog_ids::ALBUM_30_TRACKS).await.unwrap();
    assert_eq!(album.id.to_string(), catalog_ids::ALBUM_30_TRACKS);
    assert_eq!(
        Some(album.name.as_str()),
        catalog.name("album", catalog_ids::ALBUM_30_TRACKS)
    );
    assert_eq!(album.total_tracks, 30);
    assert_eq!(album.tracks.total, 30);
    assert_eq!(
        album.tracks.items.len(),
        30,
        "the first page holds up to 50"
    );
    let missing = api.get_album(UNKNOWN).await.unwrap_err();
    assert_eq!(missing.status(), Some(404));
    emu.clear_requests();
    assert!(matches!(
        api.get_album("spotify:track:7EjyzZcbLxW7PaaLua9Ksb").await,
        Err(Error::InvalidId { .. })
    ));
    assert!(emu.requests().is_empty(), "refused before sending");
}

#[tokio::test]
async fn forty_five_albums_take_three_requests_in_order_with_none_for_unknown_ids() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let ids = album_ids();
    api.get_album(catalog_ids::ALBUM_30_TRACKS).await.unwrap(); // the token, first
    emu.clear_requests();
    let albums = api.get_albums(&ids).await.unwrap();
    assert_eq!(requests_to(&emu, "/v1/albums"), 3, "20 + 20 + 5 IDs");
    assert_eq!(emu.requests().len(), 3, "and nothing else");
    assert_eq!(albums.len(), 45);
    let catalog = Catalog::builtin();
    for (id, album) in ids.iter().zip(&albums) {
        match album {
            None => assert_eq!(id, UNKNOWN),
            Some(album) => {
                assert_eq!(&album.id.to_string(), id, "order kept");
                assert_eq!(Some(album.name.as_str()), catalog.name("album", id));
            }
        }
    }
    assert_eq!(albums.iter().filter(|a| a.is_none()).count(), 3);
}

#[tokio::test]
async fn a_development_app_gets_the_same_albums_through_single_gets() {
    let extended = emulator(EmuMode::Extended).await;
    let development = emulator(EmuMode::Development).await;
    let ids = album_ids();
    let chunked = client(&extended, QuotaMode::Extended)
        .get_albums(&ids)
        .await
        .unwrap();
    let api = client(&development, QuotaMode::Development);
    api.get_album(catalog_ids::ALBUM_30_TRACKS).await.unwrap();
    development.clear_requests();
    let single = api.get_albums(&ids).await.unwrap();
    assert_eq!(ids_and_names(&chunked), ids_and_names(&single));
    assert_eq!(requests_to(&development, "/v1/albums"), 0);
    assert_eq!(development.requests().len(), 45, "one single get per ID");
}

#[tokio::test]
async fn auto_mode_asks_the_removed_multi_get_once_across_concurrent_calls() {
    let emu = emulator(EmuMode::Development).await;
    let api = support::app_client(&emu);
    api.get_album(catalog_ids::ALBUM_30_TRACKS).await.unwrap();
    emu.clear_requests();
    let ids = album_ids();
    let calls: Vec<_> = (0..8)
        .map(|_| tokio::spawn(api.get_albums(ids.clone()).into_future()))
        .collect();
    let mut results = Vec::new();
    for call in calls {
        results.push(ids_and_names(&call.await.unwrap().unwrap()));
    }
    assert_eq!(
        requests_to(&emu, "/v1/albums"),
        3,
        "one call's first wave (20 + 20 + 5 IDs), then remembered"
    );
    assert_eq!(api.quota_mode(), QuotaMode::Development);
    assert!(results.windows(2).all(|w| w[0] == w[1]));
    let expected = ids_and_names(
        &client(&emulator(EmuMode::Extended).await, QuotaMode::Extended)
            .get_albums(&ids)
            .await
            .unwrap(),
    );
    assert_eq!(results[0], expected);
}

#[tokio::test]
async fn a_malformed_id_in_a_list_fails_before_sending() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let err = api
        .get_albums([catalog_ids::ALBUM_30_TRACKS, "not-an-id"])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidId { .. }), "{err:?}");
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn album_tracks_walk_stream_and_fetch_all_give_the_same_thirty_tracks() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let mut page = api
        .get_album_tracks(catalog_ids::ALBUM_30_TRACKS)
        .limit(7)
        .await
        .unwrap();
    assert_eq!((page.total, page.limit, page.items.len()), (30, 7, 7));
    let mut walked = page.items.clone();
    let mut pages = 1;
    while let Some(next) = api.next_page(&page).await.unwrap() {
        assert_eq!(next.offset, 7 * pages);
        walked.extend(next.items.iter().cloned());
        page = next;
        pages += 1;
    }
    assert_eq!((walked.len(), pages), (30, 5));
    let streamed: Vec<_> = api
        .get_album_tracks(catalog_ids::ALBUM_30_TRACKS)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let fetched = api
        .get_album_tracks(catalog_ids::ALBUM_30_TRACKS)
        .limit(4)
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(streamed, walked);
    assert_eq!(fetched, walked);
    let numbers: Vec<u32> = walked.iter().map(|t| t.track_number).collect();
    assert_eq!(numbers, (1..=30).collect::<Vec<u32>>(), "in album order");
    let previous = api.previous_page(&page).await.unwrap().unwrap();
    assert_eq!(previous.offset, 21);
}

#[tokio::test]
async fn album_track_limits_are_checked_before_sending() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    for limit in [0, 51] {
        let err = api
            .get_album_tracks(catalog_ids::ALBUM_30_TRACKS)
            .limit(limit)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { name: "limit", .. }));
    }
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn a_market_relinks_and_marks_album_tracks() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let album = api.get_album(catalog_ids::ALBUM_30_TRACKS).await.unwrap();
    assert!(
        album.tracks.items.iter().all(|t| t.is_playable.is_none()),
        "no market, no is_playable"
    );
    let page = api
        .get_album_tracks(catalog_ids::ALBUM_30_TRACKS)
        .market("SE")
        .await
        .unwrap();
    assert!(page.items.iter().all(|t| t.is_playable == Some(true)));
    assert!(page.href.contains("market=SE"));
}

#[tokio::test]
#[allow(deprecated)]
async fn new_releases_are_served_to_extended_apps_and_refused_once_to_development_ones() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let page = api.get_new_releases().limit(5).await.unwrap();
    assert_eq!(page.items.len(), 5);
    assert!(page.total >= 5);
    let all = api.get_new_releases().fetch_all().await.unwrap();
    assert_eq!(all.len() as u32, page.total);
    assert_eq!(all[..5], page.items[..]);

    let emu = emulator(EmuMode::Development).await;
    let api = support::app_client(&emu);
    api.get_album(catalog_ids::ALBUM_30_TRACKS).await.unwrap();
    emu.clear_requests();
    for _ in 0..3 {
        let err = api.get_new_releases().await.unwrap_err();
        assert!(err.is_endpoint_removed(), "{err:?}");
    }
    assert_eq!(requests_to(&emu, "/v1/browse/new-releases"), 1);
    let known = client(&emu, QuotaMode::Development);
    emu.clear_requests();
    assert!(
        known
            .get_new_releases()
            .await
            .unwrap_err()
            .is_endpoint_removed()
    );
    assert!(
        emu.requests().is_empty(),
        "a known development app asks nothing"
    );
}
