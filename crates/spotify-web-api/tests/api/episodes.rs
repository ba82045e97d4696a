//! Episodes: an episode and several (chunked, quota-aware), against the emulator: markets,
//! `resume_point`, order and `None` slots, both quota modes.

use spotify_emulator::Emulator;
use spotify_emulator::catalog_ids::SHOW_60_EPISODES;
use spotify_web_api::model::{Episode, ResumePoint};
use spotify_web_api::{Error, QuotaMode, Scope};

use crate::coverage::Call;
use crate::shows::{HISTORIA, client_in, id_count, requests_to, unknown, user_client};
use crate::support;

/// "Tredje rikets knarkande granskas", a real episode of Historia.
const KNARK: &str = "512ojhOuo1ktJprKbVcKyQ";
/// Two more real episodes of Historia.
const KATEDRALEN: &str = "0Q86acNRm6V9GYx55SXKwf";
const VAPENSKOLDAR: &str = "77o6BIVlYM3msb4MMIL1jH";

pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-an-episode" => |api| api.get_episode(KNARK).market("US");
    "get-multiple-episodes" => |api| api.get_episodes([VAPENSKOLDAR, KATEDRALEN]).market("US");
};

/// The IDs of the 60 episodes of the showcase show, newest first.
async fn showcase_episode_ids(api: &spotify_web_api::SpotifyWebApi) -> Vec<String> {
    api.get_show_episodes(SHOW_60_EPISODES)
        .market("SE")
        .fetch_all()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id.as_str().to_owned())
        .collect()
}

/// The episodes with the fields development mode does not get (since 2026-02) blanked.
fn as_development_sees(episodes: &[Option<Episode>]) -> Vec<Option<Episode>> {
    episodes
        .iter()
        .map(|episode| {
            episode.clone().map(|mut episode| {
                episode.show.publisher = None;
                episode.show.available_markets.clear();
                episode
            })
        })
        .collect()
}

#[tokio::test]
async fn an_episode_comes_with_its_show() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let episode = api.get_episode(KNARK).market("SE").await.unwrap();
    assert_eq!(episode.name, "Tredje rikets knarkande granskas");
    assert_eq!(episode.id, KNARK);
    assert_eq!(episode.show.id, HISTORIA);
    assert_eq!(episode.show.name, "Vetenskapsradion Historia");
    assert_eq!(episode.is_playable, Some(true));
    assert_eq!(episode.release_date, "2015-10-01");
    assert_eq!(episode.resume_point, None, "no user");
    // The result feeds the next call.
    let show = api.get_show(&episode.show.id).market("SE").await.unwrap();
    assert_eq!(show.name, episode.show.name);

    // Without a market, a client-credentials token sees no episode.
    let err = api.get_episode(KNARK).await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let err = api.get_episode(KNARK).market("KP").await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let err = api.get_episode(unknown(3)).market("SE").await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let err = api
        .get_episode("spotify:chapter:512ojhOuo1ktJprKbVcKyQ")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidId { .. }), "{err:?}");
}

#[tokio::test]
async fn resume_points_come_with_the_playback_position_scope() {
    let emu = Emulator::start().await;
    let listener = user_client(&emu, &[Scope::UserReadPlaybackPosition]).await;
    let other = user_client(&emu, &[Scope::UserReadPrivate]).await;
    let start = Some(ResumePoint::default());

    // The user's country (SE) is the market.
    assert_eq!(
        listener.get_episode(KNARK).await.unwrap().resume_point,
        start
    );
    assert_eq!(other.get_episode(KNARK).await.unwrap().resume_point, None);
    let page = listener
        .get_show_episodes(SHOW_60_EPISODES)
        .limit(3)
        .await
        .unwrap();
    assert!(page.iter().all(|e| e.resume_point == start));
    let page = other
        .get_show_episodes(SHOW_60_EPISODES)
        .limit(3)
        .await
        .unwrap();
    assert!(page.iter().all(|e| e.resume_point.is_none()));
    // Also through a development-mode app's single gets.
    let several = listener.get_episodes([KNARK, KATEDRALEN]).await.unwrap();
    assert!(
        several
            .iter()
            .all(|e| e.as_ref().unwrap().resume_point == start)
    );
}

#[tokio::test]
async fn several_episodes_are_chunked_in_order_with_none_slots() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let mut ids = showcase_episode_ids(&api).await;
    assert_eq!(ids.len(), 60);
    ids.insert(10, unknown(1));
    ids.insert(55, unknown(2));
    ids.extend([KNARK, VAPENSKOLDAR, unknown(3).as_str(), KATEDRALEN, KNARK].map(String::from));
    emu.clear_requests();
    let episodes = api.get_episodes(&ids).market("SE").await.unwrap();
    assert_eq!(episodes.len(), 67);
    for (n, (id, episode)) in ids.iter().zip(&episodes).enumerate() {
        if id.starts_with("0Unknown") {
            assert!(episode.is_none(), "{n}: {id}");
        } else {
            assert_eq!(
                episode.as_ref().map(|e| e.id.as_str()),
                Some(id.as_str()),
                "{n}"
            );
        }
    }
    assert_eq!(episodes[0].as_ref().unwrap().show.id, SHOW_60_EPISODES);
    assert_eq!(episodes[62].as_ref().unwrap().show.id, HISTORIA);
    assert_eq!(episodes[62], episodes[66]);
    let sizes: Vec<usize> = requests_to(&emu, "/v1/episodes")
        .iter()
        .map(id_count)
        .collect();
    assert_eq!(sizes, [50, 17]);
    // No market: a client-credentials token gets only `None`s.
    let none = api.get_episodes(&ids[..3]).await.unwrap();
    assert_eq!(none, [None, None, None]);
}

#[tokio::test]
async fn development_and_extended_apps_get_the_same_episodes() {
    let extended = support::extended_emulator().await;
    let api = support::app_client(&extended);
    let mut ids = showcase_episode_ids(&api).await;
    ids.insert(0, unknown(0));
    ids.push(KNARK.to_owned());
    let from_chunks = api.get_episodes(&ids).market("SE").await.unwrap();
    let from_singles = client_in(&extended, QuotaMode::Development)
        .get_episodes(&ids)
        .market("SE")
        .await
        .unwrap();
    assert_eq!(from_singles, from_chunks);

    let development = Emulator::start().await;
    let api = support::app_client(&development);
    let first = api.get_episodes(&ids).market("SE").await.unwrap();
    assert_eq!(first, as_development_sees(&from_chunks));
    assert!(first[0].is_none());
    assert_eq!(first[61].as_ref().unwrap().show.publisher, None);
    api.get_episodes([KNARK]).market("SE").await.unwrap();
    assert_eq!(
        requests_to(&development, "/v1/episodes").len(),
        2,
        "the first call's first wave (2 chunks), once"
    );
}
