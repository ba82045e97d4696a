//! Shows: a show, several shows (chunked, quota-aware) and a show's episodes (paged), against
//! the emulator: markets, paging across page boundaries, order and `None` slots, both quota
//! modes.

use futures_util::TryStreamExt;
use spotify_emulator::catalog_ids::SHOW_60_EPISODES;
use spotify_emulator::{Catalog, Emulator, LoggedRequest, User};
use spotify_web_api::model::SimplifiedShow;
use spotify_web_api::{Error, Market, QuotaMode, Scope, SpotifyWebApi};

use crate::coverage::Call;
use crate::support;

/// Vetenskapsradion Historia (Sveriges Radio), a real show of the emulator's fixtures.
pub(crate) const HISTORIA: &str = "38bS44xjbVVZ3No3ByF1dJ";

pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-a-show" => |api| api.get_show(SHOW_60_EPISODES).market("US");
    "get-multiple-shows" => |api| api.get_shows([SHOW_60_EPISODES, HISTORIA]).market("US");
    "get-a-shows-episodes" => |api| api.get_show_episodes(SHOW_60_EPISODES).market("US").limit(5);
};

/// A well-formed ID that names nothing in the catalogue: `0Unknown` and a number.
pub(crate) fn unknown(n: usize) -> String {
    format!("0Unknown{n:014}")
}

/// The Web API requests an emulator logged whose path is exactly `path` (no ID after it).
pub(crate) fn requests_to(emu: &Emulator, path: &str) -> Vec<LoggedRequest> {
    emu.requests()
        .into_iter()
        .filter(|r| r.path == path)
        .collect()
}

/// How many IDs a logged multi-get asked for.
pub(crate) fn id_count(request: &LoggedRequest) -> usize {
    request
        .query
        .split('&')
        .find_map(|pair| pair.strip_prefix("ids="))
        .map_or(0, |ids| ids.split("%2C").flat_map(|i| i.split(',')).count())
}

/// A client of the emulator's default user (country SE) with `scopes`.
pub(crate) async fn user_client(emu: &Emulator, scopes: &[Scope]) -> SpotifyWebApi {
    let session = support::user_session(emu, scopes).await;
    support::api_builder(emu).session(session).build().unwrap()
}

/// An emulator whose default user lives in `country`.
pub(crate) async fn emulator_with_user_in(country: &str) -> Emulator {
    Emulator::builder()
        .user(User::default_premium().country(country))
        .start()
        .await
        .unwrap()
}

/// A client-credentials client that sees the app as `mode` without asking.
pub(crate) fn client_in(emu: &Emulator, mode: QuotaMode) -> SpotifyWebApi {
    support::api_builder(emu)
        .session(support::app_session(emu))
        .quota_mode(mode)
        .build()
        .unwrap()
}

/// The shows with the fields development mode does not get (since 2026-02) blanked.
fn as_development_sees(shows: &[Option<SimplifiedShow>]) -> Vec<Option<SimplifiedShow>> {
    shows
        .iter()
        .map(|show| {
            show.clone().map(|mut show| {
                show.publisher = None;
                show.available_markets.clear();
                show
            })
        })
        .collect()
}

#[tokio::test]
async fn a_show_comes_with_its_first_page_of_episodes() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let show = api.get_show(SHOW_60_EPISODES).market("SE").await.unwrap();
    assert_eq!(show.name, "The Loopback Hour");
    assert_eq!(show.id, SHOW_60_EPISODES);
    assert_eq!(show.total_episodes, Some(60));
    assert_eq!((show.episodes.total, show.episodes.limit), (60, 50));
    assert_eq!(show.episodes.len(), 50);
    // The embedded page is a page like any other: its `next` leads to the rest.
    let rest = api.next_page(&show.episodes).await.unwrap().unwrap();
    assert_eq!((rest.offset, rest.len()), (50, 10));
    assert!(api.next_page(&rest).await.unwrap().is_none());
    let all = api
        .get_show_episodes(&show.id)
        .market("SE")
        .fetch_all()
        .await
        .unwrap();
    let embedded: Vec<_> = show.episodes.iter().chain(&rest).cloned().collect();
    assert_eq!(all, embedded);
}

#[tokio::test]
async fn show_episodes_stream_and_fetch_all_give_what_next_page_walks() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);

    let mut page = api
        .get_show_episodes(SHOW_60_EPISODES)
        .market("SE")
        .limit(20)
        .await
        .unwrap();
    assert_eq!((page.total, page.len(), page.offset), (60, 20, 0));
    let mut walked = page.items.clone();
    let mut pages = 1;
    while let Some(next) = api.next_page(&page).await.unwrap() {
        assert_eq!(next.total, 60);
        walked.extend(next.items.iter().cloned());
        page = next;
        pages += 1;
    }
    assert_eq!((pages, walked.len()), (3, 60));
    // Newest first, numbered down to 1.
    assert!(
        walked[0].name.starts_with("Episode 60: "),
        "{}",
        walked[0].name
    );
    assert!(
        walked[59].name.starts_with("Episode 1: "),
        "{}",
        walked[59].name
    );

    emu.clear_requests();
    let streamed: Vec<_> = api
        .get_show_episodes(SHOW_60_EPISODES)
        .market("SE")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed, walked);
    // The largest page the endpoint allows: two requests for 60 episodes.
    assert_eq!(emu.requests().len(), 2);

    let small: Vec<_> = api
        .get_show_episodes(SHOW_60_EPISODES)
        .market("SE")
        .limit(7)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(small, walked);

    let fetched = api
        .get_show_episodes(SHOW_60_EPISODES)
        .market("SE")
        .limit(9)
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(fetched, walked);
    // From an offset: the rest of the list only.
    let tail = api
        .get_show_episodes(SHOW_60_EPISODES)
        .market("SE")
        .offset(45)
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(tail, walked[45..]);
}

#[tokio::test]
async fn a_show_needs_a_market_with_a_client_credentials_token() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    // Spotify considers market-bound content unavailable when it knows no market.
    let err = api.get_show(SHOW_60_EPISODES).await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let err = api
        .get_show(SHOW_60_EPISODES)
        .market(Market::FromToken)
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let err = api.get_show_episodes(SHOW_60_EPISODES).await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let shows = api.get_shows([SHOW_60_EPISODES, HISTORIA]).await.unwrap();
    assert_eq!(shows, [None, None]);

    // A user token brings the user's country (SE).
    let user = user_client(&emu, &[]).await;
    assert_eq!(
        user.get_show(HISTORIA).await.unwrap().name,
        "Vetenskapsradion Historia"
    );
    let from_token = user
        .get_show_episodes(SHOW_60_EPISODES)
        .market(Market::FromToken)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(from_token.total, 60);
}

#[tokio::test]
async fn a_show_is_not_found_outside_its_markets_or_when_unknown() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    // Without a market, an extended-quota user sees where the show is sold.
    let user = user_client(&emu, &[]).await;
    let show = user.get_show(HISTORIA).await.unwrap();
    assert!(show.available_markets.iter().any(|m| m == "SE"));
    assert!(!show.available_markets.iter().any(|m| m == "KP"));
    assert_eq!(show.publisher.as_deref(), Some("Sveriges Radio"));

    let err = api.get_show(HISTORIA).market("KP").await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(err.status(), Some(404));
    let err = api.get_show(unknown(1)).market("SE").await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let err = api
        .get_show_episodes(unknown(1))
        .market("SE")
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let shows = api
        .get_shows([HISTORIA, SHOW_60_EPISODES])
        .market("KP")
        .await
        .unwrap();
    assert_eq!(
        shows.iter().flatten().count(),
        1,
        "only the synthetic show is sold everywhere"
    );
    assert!(shows[0].is_none());
}

#[tokio::test]
async fn several_shows_are_chunked_in_order_with_none_slots() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let catalog = Catalog::builtin();
    let known = catalog.ids("show");
    assert!(known.len() >= 5, "{known:?}");
    // 120 IDs: every show of the catalogue, unknown ones, duplicates; more than two requests.
    let ids: Vec<String> = (0..120)
        .map(|n| match n % 3 {
            0 => unknown(n),
            _ => known[n % known.len()].clone(),
        })
        .collect();
    emu.clear_requests();
    // Andorra: every show of the catalogue is sold there (one real show only there and in AE).
    let shows = api.get_shows(&ids).market("AD").await.unwrap();
    assert_eq!(shows.len(), 120);
    for (id, show) in ids.iter().zip(&shows) {
        match catalog.name("show", id) {
            Some(name) => {
                let show = show.as_ref().unwrap_or_else(|| panic!("{id}: None"));
                assert_eq!((show.id.as_str(), show.name.as_str()), (id.as_str(), name));
            }
            None => assert!(show.is_none(), "{id}"),
        }
    }
    let chunks = requests_to(&emu, "/v1/shows");
    let sizes: Vec<usize> = chunks.iter().map(id_count).collect();
    assert_eq!(sizes, [50, 50, 20]);
    assert!(chunks.iter().all(|c| c.query.contains("market=AD")));
    assert_eq!(
        emu.requests().len(),
        3,
        "no single gets for an extended app"
    );
}

#[tokio::test]
async fn development_and_extended_apps_get_the_same_shows() {
    let catalog = Catalog::builtin();
    let mut ids = catalog.ids("show");
    ids.insert(1, unknown(7));
    while ids.len() <= 50 {
        ids.extend(ids.clone()); // over 50 IDs: two chunks or more for an extended app
    }

    let extended = support::extended_emulator().await;
    let from_chunks = support::app_client(&extended)
        .get_shows(&ids)
        .market("US")
        .await
        .unwrap();
    // The same extended app, asked one show at a time (as a development-mode client would).
    extended.clear_requests();
    let from_singles = client_in(&extended, QuotaMode::Development)
        .get_shows(&ids)
        .market("US")
        .await
        .unwrap();
    assert_eq!(from_singles, from_chunks);
    assert!(requests_to(&extended, "/v1/shows").is_empty());
    assert_eq!(extended.requests().len(), ids.len());

    // A development-mode app: the multi-get is refused once, then single gets.
    let development = Emulator::start().await;
    let api = support::app_client(&development);
    assert_eq!(api.quota_mode(), QuotaMode::Auto);
    let first = api.get_shows(&ids).market("US").await.unwrap();
    assert_eq!(first, as_development_sees(&from_chunks));
    assert!(first[0].as_ref().unwrap().publisher.is_none());
    assert!(first[1].is_none());
    let again = api.get_shows(&ids[..3]).market("US").await.unwrap();
    assert_eq!(again[..], first[..3]);
    assert_eq!(
        requests_to(&development, "/v1/shows").len(),
        2,
        "the removed endpoint is asked by the first call's first wave (2 chunks) only"
    );
    assert_eq!(api.quota_mode(), QuotaMode::Development);
}

#[tokio::test]
async fn limits_and_ids_are_checked_before_sending() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    api.get_show(SHOW_60_EPISODES).market("SE").await.unwrap();
    emu.clear_requests();
    for limit in [0, 51] {
        let err = api
            .get_show_episodes(SHOW_60_EPISODES)
            .limit(limit)
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidArgument { name: "limit", .. }),
            "{err:?}"
        );
    }
    let err = api.get_shows([HISTORIA, "not-a-show"]).await.unwrap_err();
    assert!(matches!(err, Error::InvalidId { .. }), "{err:?}");
    let err = api
        .get_show(format!("spotify:episode:{HISTORIA}"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidId { .. }), "{err:?}");
    let err = api.get_show(HISTORIA).market("Sweden").await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidArgument { name: "market", .. }),
        "{err:?}"
    );
    assert!(emu.requests().is_empty(), "{:?}", emu.requests());
    assert!(
        api.get_shows(Vec::<String>::new())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(emu.requests().is_empty());
}
