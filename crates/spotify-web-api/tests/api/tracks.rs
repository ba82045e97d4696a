//! Tracks against the emulator: several (chunked, quota-aware, relinked per market), audio
//! features and analysis and recommendations (removed in 2024-11, so refused to
//! development-mode apps).

use std::collections::BTreeSet;
use std::future::IntoFuture;

use spotify_emulator::{Catalog, Emulator, Fault, QuotaMode as EmuMode, catalog_ids};
use spotify_web_api::api::recommendations::{Modality, TrackAttribute};
use spotify_web_api::model::{AudioFeatures, RecommendationSeedType, RestrictionReason, Track};
use spotify_web_api::{Error, QuotaMode, SpotifyWebApi};

use crate::albums::{client, emulator, requests_to};
use crate::coverage::Call;
use crate::support::{self, SURFIN_BIRD};

/// One call per operation of the area, for the coverage harness.
pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-track" => |api| api.get_track(SURFIN_BIRD).market("SE");
    "get-several-tracks" => |api| api.get_tracks([SURFIN_BIRD, UNKNOWN, catalog_ids::RELINKED_TRACK]).market(catalog_ids::RELINK_MARKET);
    "get-several-audio-features" => |api| api.get_multiple_audio_features([SURFIN_BIRD, UNKNOWN]);
    "get-audio-features" => |api| api.get_audio_features(SURFIN_BIRD);
    "get-audio-analysis" => |api| api.get_audio_analysis(SURFIN_BIRD);
    "get-recommendations" => |api| api.get_recommendations().seed_genres(["rock"]).seed_tracks([SURFIN_BIRD]).min(TrackAttribute::Energy(0.2)).target(TrackAttribute::Popularity(60)).limit(10).market("SE");
};

/// A well-formed track ID that no catalogue holds.
const UNKNOWN: &str = "0000000000000000000000";

/// 120 track IDs from the catalogue, with unknown ones at positions 0, 60 and 119.
fn track_ids() -> Vec<String> {
    let mut ids: Vec<String> = Catalog::builtin()
        .ids("track")
        .into_iter()
        .take(117)
        .collect();
    for position in [0, 60, 119] {
        ids.insert(position, UNKNOWN.to_owned());
    }
    ids
}

fn ids_and_names(tracks: &[Option<Track>]) -> Vec<Option<(String, String)>> {
    tracks
        .iter()
        .map(|t| {
            t.as_ref().map(|t| {
                (
                    t.id.as_ref().map(|id| id.to_string()).unwrap_or_default(),
                    t.name.clone(),
                )
            })
        })
        .collect()
}

/// A client of `emu` with its token in hand and an empty request log.
async fn warm(emu: &Emulator, mode: QuotaMode) -> SpotifyWebApi {
    let api = client(emu, mode);
    api.get_track(SURFIN_BIRD).await.unwrap();
    emu.clear_requests();
    api
}

#[tokio::test]
async fn a_hundred_and_twenty_tracks_take_three_requests_in_order() {
    let ids = track_ids();
    let emu = emulator(EmuMode::Extended).await;
    let api = warm(&emu, QuotaMode::Extended).await;
    let tracks = api.get_tracks(&ids).await.unwrap();
    assert_eq!(requests_to(&emu, "/v1/tracks"), 3, "50 + 50 + 20 IDs");
    assert_eq!(emu.requests().len(), 3);
    let catalog = Catalog::builtin();
    for (id, track) in ids.iter().zip(&tracks) {
        match track {
            None => assert_eq!(id, UNKNOWN),
            Some(track) => {
                assert_eq!(track.id.as_ref().map(|i| i.to_string()).as_ref(), Some(id));
                assert_eq!(Some(track.name.as_str()), catalog.name("track", id));
            }
        }
    }
    assert_eq!(tracks.iter().filter(|t| t.is_none()).count(), 3);
}

#[tokio::test]
async fn auto_mode_sends_the_first_wave_of_chunks_without_waiting_for_an_answer() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Auto);
    api.get_track(SURFIN_BIRD).await.unwrap();
    emu.clear_requests();
    // Each chunk is answered 300 ms after it arrives: a client that waited for the first
    // answer before sending the others would send them 300 ms later or more.
    emu.add_fault(Fault::delay(300).count(u32::MAX).path_prefix("/v1/tracks"))
        .unwrap();
    let tracks = api.get_tracks(track_ids()).await.unwrap();
    assert_eq!(tracks.len(), 120);
    let chunks: Vec<_> = emu
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v1/tracks")
        .collect();
    assert_eq!(chunks.len(), 3, "50 + 50 + 20 IDs");
    let first_answered = chunks
        .iter()
        .map(|r| r.arrived_at_ms * 1000 + r.duration_us.unwrap())
        .min()
        .unwrap();
    for chunk in &chunks {
        assert!(
            chunk.arrived_at_ms * 1000 < first_answered,
            "a chunk was sent after the first answer: {chunks:?}"
        );
    }
    // And the mode was learned from that wave: the next call does not wait on it.
    emu.clear_requests();
    api.get_tracks(track_ids()).await.unwrap();
    assert_eq!(requests_to(&emu, "/v1/tracks"), 3);
}

#[tokio::test]
async fn development_apps_get_the_same_tracks_and_auto_asks_the_multi_get_once() {
    let ids = track_ids();
    let expected = ids_and_names(
        &client(&emulator(EmuMode::Extended).await, QuotaMode::Extended)
            .get_tracks(&ids)
            .await
            .unwrap(),
    );
    let emu = emulator(EmuMode::Development).await;
    let known = warm(&emu, QuotaMode::Development).await;
    assert_eq!(
        ids_and_names(&known.get_tracks(&ids).await.unwrap()),
        expected
    );
    assert_eq!(requests_to(&emu, "/v1/tracks"), 0);
    assert_eq!(emu.requests().len(), 120, "one single get per ID");

    let api = support::app_client(&emu);
    api.get_track(SURFIN_BIRD).await.unwrap();
    emu.clear_requests();
    let calls: Vec<_> = (0..5)
        .map(|_| tokio::spawn(api.get_tracks(ids.clone()).into_future()))
        .collect();
    for call in calls {
        assert_eq!(ids_and_names(&call.await.unwrap().unwrap()), expected);
    }
    assert_eq!(
        requests_to(&emu, "/v1/tracks"),
        3,
        "one call's first wave (3 chunks of 120 IDs) across concurrent calls"
    );
}

#[tokio::test]
async fn a_market_relinks_several_tracks_or_marks_them_unplayable() {
    let ids = [
        catalog_ids::RELINKED_TRACK,
        catalog_ids::UNAVAILABLE_TRACK,
        SURFIN_BIRD,
    ];
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let tracks = api
        .get_tracks(ids)
        .market(catalog_ids::RELINK_MARKET)
        .await
        .unwrap();
    let [relinked, unavailable, _] = &tracks[..] else {
        panic!("three slots")
    };
    let relinked = relinked.as_ref().unwrap();
    assert_eq!(
        relinked.id.as_ref().unwrap().to_string(),
        catalog_ids::RELINKED_TRACK_TARGET
    );
    assert_eq!(relinked.is_playable, Some(true));
    assert_eq!(
        relinked.linked_from.as_ref().unwrap().id.to_string(),
        catalog_ids::RELINKED_TRACK
    );
    let unavailable = unavailable.as_ref().unwrap();
    assert_eq!(unavailable.is_playable, Some(false));
    assert_eq!(
        unavailable
            .restrictions
            .as_ref()
            .and_then(|r| r.reason.clone()),
        Some(RestrictionReason::Market)
    );
    let elsewhere = api.get_tracks(ids).market("SE").await.unwrap();
    assert_eq!(
        elsewhere[0]
            .as_ref()
            .unwrap()
            .id
            .as_ref()
            .unwrap()
            .to_string(),
        catalog_ids::RELINKED_TRACK,
        "no relinking where the track is available"
    );

    // A development-mode app gets the same tracks through single gets (without linked_from,
    // which the 2026 changes removed for it).
    let dev = emulator(EmuMode::Development).await;
    let single = client(&dev, QuotaMode::Development)
        .get_tracks(ids)
        .market(catalog_ids::RELINK_MARKET)
        .await
        .unwrap();
    assert_eq!(ids_and_names(&single), ids_and_names(&tracks));
    assert!(single[0].as_ref().unwrap().linked_from.is_none());
    assert_eq!(single[1].as_ref().unwrap().is_playable, Some(false));
}

#[tokio::test]
#[allow(deprecated)]
async fn audio_features_one_and_many_agree_and_keep_unknown_slots() {
    let emu = emulator(EmuMode::Extended).await;
    let api = warm(&emu, QuotaMode::Extended).await;
    let ids = track_ids();
    let ids: Vec<String> = ids.into_iter().chain(track_ids()).take(150).collect();
    let many = api.get_multiple_audio_features(&ids).await.unwrap();
    assert_eq!(requests_to(&emu, "/v1/audio-features"), 2, "100 + 50 IDs");
    assert_eq!(many.len(), 150);
    for (id, features) in ids.iter().zip(&many) {
        assert_eq!(features.is_none(), id == UNKNOWN);
    }
    let one = api.get_audio_features(&ids[1]).await.unwrap();
    assert_eq!(Some(&one), many[1].as_ref());
    assert_eq!(one.id.to_string(), ids[1]);
    assert!((0.0..=1.0).contains(&one.energy) && (0..=11).contains(&one.key));
    assert_eq!(
        api.get_audio_features(UNKNOWN).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn the_2024_removals_are_refused_to_development_apps_and_asked_once() {
    let emu = emulator(EmuMode::Development).await;
    let api = support::app_client(&emu);
    api.get_track(SURFIN_BIRD).await.unwrap();
    emu.clear_requests();
    let calls: Vec<_> = (0..4)
        .map(|_| tokio::spawn(api.get_multiple_audio_features(track_ids()).into_future()))
        .collect();
    for call in calls {
        let err = call.await.unwrap().unwrap_err();
        assert!(err.is_endpoint_removed(), "{err:?}");
    }
    assert_eq!(
        emu.requests().len(),
        2,
        "one call's first wave (100 + 20 IDs), no single gets"
    );
    assert!(
        api.get_audio_features(SURFIN_BIRD)
            .await
            .unwrap_err()
            .is_endpoint_removed()
    );
    assert!(
        api.get_audio_analysis(SURFIN_BIRD)
            .await
            .unwrap_err()
            .is_endpoint_removed()
    );
    let recommendations = api.get_recommendations().seed_genres(["rock"]).await;
    assert!(recommendations.unwrap_err().is_endpoint_removed());
    assert_eq!(emu.requests().len(), 2, "the set is known to be gone");
    assert_eq!(
        api.quota_mode(),
        QuotaMode::Auto,
        "which says nothing of the mode"
    );
    let known = warm(&emu, QuotaMode::Development).await;
    let err = known
        .get_multiple_audio_features(track_ids())
        .await
        .unwrap_err();
    assert!(err.is_endpoint_removed());
    assert!(
        emu.requests().is_empty(),
        "a known development app asks nothing"
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn an_audio_analysis_is_of_the_track() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let track = api.get_track(SURFIN_BIRD).await.unwrap();
    let analysis = api.get_audio_analysis(SURFIN_BIRD).await.unwrap();
    assert!(!analysis.sections.is_empty() && !analysis.segments.is_empty());
    assert!((analysis.track.duration - f64::from(track.duration_ms) / 1000.0).abs() < 1e-9);
    assert_eq!(
        api.get_audio_analysis(UNKNOWN).await.unwrap_err().status(),
        Some(404)
    );
}

/// The audio features of `tracks`, in order.
#[allow(deprecated)]
async fn features_of(api: &SpotifyWebApi, tracks: &[Track]) -> Vec<AudioFeatures> {
    let ids: Vec<String> = tracks
        .iter()
        .map(|t| t.id.as_ref().unwrap().to_string())
        .collect();
    api.get_multiple_audio_features(&ids)
        .await
        .unwrap()
        .into_iter()
        .map(Option::unwrap)
        .collect()
}

#[tokio::test]
#[allow(deprecated)]
async fn recommendations_honour_genre_seeds_bounds_and_targets() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let picks = api
        .get_recommendations()
        .seed_genres(["rock"])
        .min(TrackAttribute::Energy(0.3))
        .max(TrackAttribute::Tempo(150.0))
        .min(TrackAttribute::Mode(Modality::Major))
        .target(TrackAttribute::Danceability(0.9))
        .limit(15)
        .await
        .unwrap();
    assert_eq!(picks.tracks.len(), 15);
    let seed = &picks.seeds[0];
    assert_eq!(
        (seed.kind.clone(), seed.id.as_str()),
        (RecommendationSeedType::Genre, "rock")
    );
    assert!(seed.href.is_none());
    assert!(seed.initial_pool_size > seed.after_filtering_size);
    assert!(seed.after_filtering_size as usize >= picks.tracks.len());
    let features = features_of(&api, &picks.tracks).await;
    let mut last = 0.0;
    for (track, f) in picks.tracks.iter().zip(&features) {
        assert!(f.energy >= 0.3 && f.tempo <= 150.0 && f.mode == 1, "{f:?}");
        let distance = (f.danceability - 0.9).abs();
        assert!(distance >= last, "nearest to the target first");
        last = distance;
        let mut genres = Vec::new();
        for artist in &track.artists {
            let id = artist.id.clone().unwrap();
            genres.extend(api.get_artist(id).await.unwrap().genres);
        }
        assert!(genres.iter().any(|g| g.contains("rock")), "{genres:?}");
    }
}

#[tokio::test]
#[allow(deprecated)]
async fn recommendations_from_a_track_leave_it_out_and_keep_to_the_market() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let seed_track = api.get_track(catalog_ids::UNAVAILABLE_TRACK).await.unwrap();
    let seed_artists: BTreeSet<_> = seed_track
        .artists
        .iter()
        .filter_map(|a| a.id.clone())
        .collect();
    let picks = api
        .get_recommendations()
        .seed_tracks([catalog_ids::UNAVAILABLE_TRACK])
        .market(catalog_ids::RELINK_MARKET)
        .limit(100)
        .await
        .unwrap();
    assert!(!picks.tracks.is_empty());
    let seed = &picks.seeds[0];
    assert_eq!(seed.kind, RecommendationSeedType::Track);
    assert!(
        seed.href
            .as_deref()
            .unwrap()
            .ends_with(catalog_ids::UNAVAILABLE_TRACK)
    );
    assert!(seed.after_relinking_size <= seed.after_filtering_size);
    assert!(picks.tracks.len() <= seed.after_relinking_size as usize);
    assert!(picks.tracks.iter().all(|t| t.is_playable == Some(true)));
    assert!(
        picks
            .tracks
            .iter()
            .all(|t| t.id.as_ref().unwrap().as_str() != catalog_ids::UNAVAILABLE_TRACK)
    );
    let by_seed_artist = picks
        .tracks
        .iter()
        .filter(|t| {
            t.artists
                .iter()
                .any(|a| a.id.as_ref().is_some_and(|id| seed_artists.contains(id)))
        })
        .count();
    assert!(by_seed_artist > 0, "the seed's own artists are in the pool");
    // With no target, the most popular first (a relinked track shows its stand-in's numbers).
    let popularity: Vec<u32> = picks
        .tracks
        .iter()
        .filter(|t| t.linked_from.is_none())
        .map(|t| t.popularity.unwrap())
        .collect();
    assert!(
        popularity.windows(2).all(|w| w[0] >= w[1]),
        "{popularity:?}"
    );
    assert!(
        popularity.windows(2).all(|w| w[0] >= w[1]),
        "no target: most popular first"
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn recommendation_arguments_are_checked_before_sending() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let cases = [
        api.get_recommendations(),
        api.get_recommendations()
            .seed_genres(["a", "b", "c"])
            .seed_tracks([SURFIN_BIRD, SURFIN_BIRD, SURFIN_BIRD]),
        api.get_recommendations().seed_genres(["rock"]).limit(101),
        api.get_recommendations()
            .seed_genres(["rock"])
            .target(TrackAttribute::Valence(2.0)),
        api.get_recommendations().seed_artists(["nope"]),
    ];
    for case in cases {
        let err = case.await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidArgument { .. } | Error::InvalidId { .. }),
            "{err:?}"
        );
    }
    assert!(emu.requests().is_empty());
}
