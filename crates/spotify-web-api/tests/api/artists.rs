//! Artists against the emulator: one artist, several (chunked, quota-aware), an artist's albums
//! (paged three ways, filtered by group), top tracks (removed for development-mode apps in
//! 2026-02) and related artists (removed in 2024-11).

use std::collections::BTreeSet;
use std::future::IntoFuture;

use futures_util::TryStreamExt;
use spotify_emulator::{Catalog, QuotaMode as EmuMode, catalog_ids};
use spotify_web_api::api::artists::IncludeGroup;
use spotify_web_api::model::{AlbumGroup, Artist};
use spotify_web_api::{Error, QuotaMode};

use crate::albums::{client, emulator, requests_to};
use crate::coverage::Call;
use crate::support;

/// One call per operation of the area, for the coverage harness.
pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-an-artist" => |api| api.get_artist(catalog_ids::ARTIST_25_ALBUMS);
    "get-multiple-artists" => |api| api.get_artists([catalog_ids::ARTIST_25_ALBUMS, UNKNOWN]);
    "get-an-artists-albums" => |api| api.get_artist_albums(catalog_ids::ARTIST_25_ALBUMS).include_groups([IncludeGroup::Album, IncludeGroup::AppearsOn]).market("SE").limit(10);
    "get-an-artists-top-tracks" => |api| api.get_artist_top_tracks(catalog_ids::ARTIST_25_ALBUMS).market("SE");
    "get-an-artists-related-artists" => |api| api.get_artist_related_artists(catalog_ids::ARTIST_25_ALBUMS);
};

/// A well-formed artist ID that no catalogue holds.
const UNKNOWN: &str = "0000000000000000000000";

/// 110 artist IDs from the catalogue, with unknown ones at positions 0, 55 and 109.
fn artist_ids() -> Vec<String> {
    let mut ids: Vec<String> = Catalog::builtin()
        .ids("artist")
        .into_iter()
        .take(107)
        .collect();
    for position in [0, 55, 109] {
        ids.insert(position, UNKNOWN.to_owned());
    }
    ids
}

fn ids_and_names(artists: &[Option<Artist>]) -> Vec<Option<(String, String)>> {
    artists
        .iter()
        .map(|a| a.as_ref().map(|a| (a.id.to_string(), a.name.clone())))
        .collect()
}

#[tokio::test]
async fn an_artist_comes_from_the_catalogue_with_the_fields_of_the_apps_mode() {
    let catalog = Catalog::builtin();
    let emu = emulator(EmuMode::Extended).await;
    let full = client(&emu, QuotaMode::Extended)
        .get_artist(catalog_ids::ARTIST_25_ALBUMS)
        .await
        .unwrap();
    assert_eq!(
        Some(full.name.as_str()),
        catalog.name("artist", catalog_ids::ARTIST_25_ALBUMS)
    );
    assert!(full.popularity.is_some() && full.followers.is_some());
    let emu = emulator(EmuMode::Development).await;
    let api = support::app_client(&emu);
    let stripped = api.get_artist(catalog_ids::ARTIST_25_ALBUMS).await.unwrap();
    assert_eq!((stripped.id, &stripped.name), (full.id, &full.name));
    assert!(stripped.popularity.is_none() && stripped.followers.is_none());
    assert_eq!(
        api.get_artist(UNKNOWN).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
async fn a_hundred_and_ten_artists_take_three_requests_and_development_apps_get_the_same() {
    let ids = artist_ids();
    let extended = emulator(EmuMode::Extended).await;
    let api = client(&extended, QuotaMode::Extended);
    api.get_artist(catalog_ids::ARTIST_25_ALBUMS).await.unwrap();
    extended.clear_requests();
    let chunked = api.get_artists(&ids).await.unwrap();
    assert_eq!(requests_to(&extended, "/v1/artists"), 3, "50 + 50 + 10 IDs");
    assert_eq!(extended.requests().len(), 3);
    let catalog = Catalog::builtin();
    for (id, artist) in ids.iter().zip(&chunked) {
        match artist {
            None => assert_eq!(id, UNKNOWN),
            Some(artist) => {
                assert_eq!(&artist.id.to_string(), id, "order kept");
                assert_eq!(Some(artist.name.as_str()), catalog.name("artist", id));
            }
        }
    }

    let development = emulator(EmuMode::Development).await;
    let api = support::app_client(&development);
    let calls: Vec<_> = (0..6)
        .map(|_| tokio::spawn(api.get_artists(ids.clone()).into_future()))
        .collect();
    for call in calls {
        let single = call.await.unwrap().unwrap();
        assert_eq!(ids_and_names(&single), ids_and_names(&chunked));
    }
    assert_eq!(
        requests_to(&development, "/v1/artists"),
        3,
        "one call's first wave (50 + 50 + 10 IDs), once"
    );
    assert_eq!(api.quota_mode(), QuotaMode::Development);
}

#[tokio::test]
async fn artist_albums_walk_stream_and_fetch_all_give_the_same_twenty_five() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let first = api
        .get_artist_albums(catalog_ids::ARTIST_25_ALBUMS)
        .await
        .unwrap();
    assert_eq!((first.limit, first.total, first.items.len()), (5, 25, 5));
    let mut walked = first.items.clone();
    let mut page = first;
    while let Some(next) = api.next_page(&page).await.unwrap() {
        walked.extend(next.items.iter().cloned());
        page = next;
    }
    assert_eq!(walked.len(), 25);
    let streamed: Vec<_> = api
        .get_artist_albums(catalog_ids::ARTIST_25_ALBUMS)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let fetched = api
        .get_artist_albums(catalog_ids::ARTIST_25_ALBUMS)
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(streamed, walked);
    assert_eq!(fetched, walked);
    let ids: BTreeSet<String> = walked
        .iter()
        .filter_map(|a| a.id.as_ref())
        .map(|id| id.to_string())
        .collect();
    assert_eq!(ids.len(), 25, "no album twice");
    assert!(ids.contains(catalog_ids::ALBUM_30_TRACKS));
    let groups: Vec<AlbumGroup> = walked
        .iter()
        .filter_map(|a| a.album_group.clone())
        .collect();
    assert_eq!(groups.len(), 25, "an extended app sees album_group");
    let rank = |g: &AlbumGroup| match g {
        AlbumGroup::Album => 0,
        AlbumGroup::Single => 1,
        AlbumGroup::Compilation => 2,
        _ => 3,
    };
    assert!(
        groups.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
        "grouped album, single, compilation, appears_on: {groups:?}"
    );
}

#[tokio::test]
async fn include_groups_filter_the_discography_and_limits_hold() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let appears = api
        .get_artist_albums(catalog_ids::ARTIST_25_ALBUMS)
        .include_groups([IncludeGroup::AppearsOn])
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(appears.len(), 5);
    assert!(
        appears
            .iter()
            .all(|a| a.album_group == Some(AlbumGroup::AppearsOn))
    );
    let own = api
        .get_artist_albums(catalog_ids::ARTIST_25_ALBUMS)
        .include_groups([
            IncludeGroup::Album,
            IncludeGroup::Single,
            IncludeGroup::Compilation,
        ])
        .limit(10)
        .await
        .unwrap();
    assert_eq!((own.total, own.items.len()), (20, 10));
    assert!(own.href.contains("include_groups=album,single,compilation"));
    emu.clear_requests();
    for limit in [0, 11] {
        let err = api
            .get_artist_albums(catalog_ids::ARTIST_25_ALBUMS)
            .limit(limit)
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidArgument { name: "limit", .. }),
            "{err:?}"
        );
    }
    assert!(emu.requests().is_empty(), "refused before sending");
    assert_eq!(
        api.get_artist_albums(UNKNOWN).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn top_tracks_are_the_artists_most_popular_and_refused_once_in_development() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let artist = api.get_artist(catalog_ids::ARTIST_25_ALBUMS).await.unwrap();
    let top = api
        .get_artist_top_tracks(catalog_ids::ARTIST_25_ALBUMS)
        .market("SE")
        .await
        .unwrap();
    assert_eq!(top.len(), 10);
    assert!(
        top.iter()
            .all(|t| t.artists.iter().any(|a| a.id == Some(artist.id.clone())))
    );
    assert!(top.iter().all(|t| t.is_playable == Some(true)));
    let popularity: Vec<u32> = top.iter().map(|t| t.popularity.unwrap()).collect();
    assert!(
        popularity.windows(2).all(|w| w[0] >= w[1]),
        "{popularity:?}"
    );

    let emu = emulator(EmuMode::Development).await;
    let api = support::app_client(&emu);
    for _ in 0..3 {
        let err = api
            .get_artist_top_tracks(catalog_ids::ARTIST_25_ALBUMS)
            .await
            .unwrap_err();
        assert!(err.is_endpoint_removed(), "{err:?}");
    }
    let path = format!("/v1/artists/{}/top-tracks", catalog_ids::ARTIST_25_ALBUMS);
    assert_eq!(requests_to(&emu, &path), 1);
}

#[tokio::test]
#[allow(deprecated)]
async fn related_artists_share_a_genre_and_are_refused_once_in_development() {
    let emu = emulator(EmuMode::Extended).await;
    let api = client(&emu, QuotaMode::Extended);
    let artist = api.get_artist(catalog_ids::ARTIST_25_ALBUMS).await.unwrap();
    let related = api
        .get_artist_related_artists(catalog_ids::ARTIST_25_ALBUMS)
        .await
        .unwrap();
    assert!(!related.is_empty() && related.len() <= 20);
    assert!(related.iter().all(|r| r.id != artist.id));
    assert!(
        related
            .iter()
            .all(|r| r.genres.iter().any(|g| artist.genres.contains(g))),
        "{:?} vs {:?}",
        artist.genres,
        related.iter().map(|r| &r.genres).collect::<Vec<_>>()
    );

    // In Auto, the November 2024 set is asked once, then known to be missing.
    let emu = emulator(EmuMode::Development).await;
    let api = support::app_client(&emu);
    for _ in 0..3 {
        let err = api
            .get_artist_related_artists(catalog_ids::ARTIST_25_ALBUMS)
            .await
            .unwrap_err();
        assert!(err.is_endpoint_removed(), "{err:?}");
    }
    let path = format!(
        "/v1/artists/{}/related-artists",
        catalog_ids::ARTIST_25_ALBUMS
    );
    assert_eq!(requests_to(&emu, &path), 1);
    let known = client(&emu, QuotaMode::Development);
    emu.clear_requests();
    assert!(
        known
            .get_artist_related_artists(catalog_ids::ARTIST_25_ALBUMS)
            .await
            .unwrap_err()
            .is_endpoint_removed()
    );
    assert!(emu.requests().is_empty());
}
