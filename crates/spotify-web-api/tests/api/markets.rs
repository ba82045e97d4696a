//! Markets (`GET /markets`): the country codes for an extended-quota app; `EndpointRemoved`
//! for a development-mode one, asked once in `Auto`.

#![allow(deprecated)]

use std::future::IntoFuture;

use spotify_emulator::{Emulator, catalog_ids};
use spotify_web_api::QuotaMode as ClientMode;

use crate::support;

pub(crate) const CALLS: &[(&str, crate::coverage::Call)] = calls! {
    "get-available-markets" => |api| api.get_markets();
};

#[tokio::test]
async fn markets_are_the_catalogues_country_codes() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let markets = api.get_markets().await.unwrap();
    assert!(markets.len() > 100, "{}", markets.len());
    assert!(markets.iter().any(|m| m == "SE"));
    assert!(markets.iter().any(|m| m == catalog_ids::RELINK_MARKET));
    assert!(markets.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(
        api.quota_mode(),
        ClientMode::Extended,
        "learned from the answer"
    );
}

#[tokio::test]
async fn a_development_app_gets_endpoint_removed_asked_once() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    emu.clear_requests();
    for _ in 0..3 {
        let error = api.get_markets().await.unwrap_err();
        assert!(error.is_endpoint_removed(), "{error}");
        assert!(error.to_string().contains("get-available-markets"));
    }
    let asked: Vec<String> = emu.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(asked, ["/v1/markets"]);
}

#[tokio::test]
async fn concurrent_first_calls_still_ask_once() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    emu.clear_requests();
    let calls = (0..8).map(|_| api.get_markets().into_future());
    let results = futures_util::future::join_all(calls).await;
    assert!(
        results
            .iter()
            .all(|r| r.as_ref().is_err_and(|e| e.is_endpoint_removed()))
    );
    assert_eq!(emu.requests().len(), 1);
}
