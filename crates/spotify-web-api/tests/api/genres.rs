//! Genre seeds against the emulator (removed in 2024-11).

use spotify_emulator::QuotaMode as EmuMode;
use spotify_web_api::QuotaMode;

use crate::albums::{client, emulator, requests_to};
use crate::coverage::Call;
use crate::support;

/// One call per operation of the area, for the coverage harness.
pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-recommendation-genres" => |api| api.get_genre_seeds();
};

const PATH: &str = "/v1/recommendations/available-genre-seeds";

#[tokio::test]
#[allow(deprecated)]
async fn genre_seeds_are_the_catalogues_and_refused_once_to_development_apps() {
    let emu = emulator(EmuMode::Extended).await;
    let genres = client(&emu, QuotaMode::Extended)
        .get_genre_seeds()
        .await
        .unwrap();
    assert_eq!(genres.len(), 126);
    assert_eq!(genres.first().map(String::as_str), Some("acoustic"));
    assert!(genres.iter().any(|g| g == "rock"));

    let emu = emulator(EmuMode::Development).await;
    let api = support::app_client(&emu);
    for _ in 0..3 {
        assert!(
            api.get_genre_seeds()
                .await
                .unwrap_err()
                .is_endpoint_removed()
        );
    }
    assert_eq!(requests_to(&emu, PATH), 1);
}
