//! Categories (`GET /browse/categories`, `GET /browse/categories/{id}`): paged in their
//! envelope for an extended-quota app; `EndpointRemoved` for a development-mode one, asked
//! once in `Auto`.

#![allow(deprecated)]

use futures_util::TryStreamExt;
use spotify_emulator::{Catalog, Emulator, QuotaMode, catalog_ids};
use spotify_web_api::QuotaMode as ClientMode;

use crate::support;

pub(crate) const CALLS: &[(&str, crate::coverage::Call)] = calls! {
    "get-categories" => |api| api.get_categories_list().locale("sv_SE");
    "get-a-category" => |api| api.get_category("party");
};

#[tokio::test]
async fn categories_page_by_page_stream_and_fetch_all_agree() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let total = Catalog::builtin().len("category");
    let first = api.get_categories_list().limit(2).await.unwrap();
    assert_eq!(first.total as usize, total);
    assert_eq!(first.items.len(), 2);
    assert!(first.next.is_some());
    let second = api.next_page(&first).await.unwrap().unwrap();
    let streamed: Vec<_> = api
        .get_categories_list()
        .limit(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let fetched = api
        .get_categories_list()
        .limit(2)
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(streamed.len(), total);
    assert_eq!(streamed, fetched);
    assert_eq!(
        streamed[..4],
        [&first.items[..], &second.items[..]].concat()
    );
    assert!(
        streamed
            .iter()
            .any(|c| c.id == catalog_ids::CATEGORY_30_PLAYLISTS)
    );
    assert!(
        streamed
            .iter()
            .all(|c| !c.name.is_empty() && !c.icons.is_empty())
    );
}

#[tokio::test]
async fn one_category_by_id() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let party = api.get_category("party").locale("es_MX").await.unwrap();
    assert_eq!((party.id.as_str(), party.name.as_str()), ("party", "Party"));
    assert_eq!(
        party.href,
        "https://api.spotify.com/v1/browse/categories/party"
    );
    let missing = api.get_category("no-such-category").await.unwrap_err();
    assert_eq!(missing.status(), Some(404));
}

#[tokio::test]
async fn a_development_app_learns_once_that_categories_are_gone() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    emu.clear_requests();
    let error = api.get_categories_list().await.unwrap_err();
    assert!(error.is_endpoint_removed(), "{error}");
    assert_eq!(api.quota_mode(), ClientMode::Development);
    let error = api.get_category("party").await.unwrap_err();
    assert!(error.is_endpoint_removed());
    let error = api.get_categories_list().fetch_all().await.unwrap_err();
    assert!(error.is_endpoint_removed());
    let asked: Vec<String> = emu.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(asked, ["/v1/browse/categories"], "asked once, then known");
}

#[tokio::test]
async fn a_configured_development_app_never_asks() {
    let emu = Emulator::start().await;
    let api = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .quota_mode(ClientMode::Development)
        .build()
        .unwrap();
    api.get_track(support::SURFIN_BIRD).await.unwrap();
    emu.clear_requests();
    assert!(
        api.get_category("party")
            .await
            .unwrap_err()
            .is_endpoint_removed()
    );
    assert!(emu.requests().is_empty());
    // An extended app that the client is told is extended: served.
    assert!(emu.set_quota_mode(emu.client_id(), QuotaMode::Extended));
    let api = support::api_builder(&emu)
        .session(support::app_session(&emu))
        .quota_mode(ClientMode::Extended)
        .build()
        .unwrap();
    assert_eq!(api.get_category("party").await.unwrap().name, "Party");
}
