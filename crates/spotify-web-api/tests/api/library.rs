//! The user's library through the library, against the emulator: the same results for a
//! development-mode app (which has only `/me/library` since 2026-02) and an extended one (the
//! per-type endpoints); batches of 40 URIs or 50 IDs; a failure part way reported exactly and
//! resumed without doubling anything; scopes named; the saved lists paged.

use std::time::Duration;

use futures_util::TryStreamExt;
use spotify_emulator::{Catalog, Emulator, QuotaMode as EmuMode, catalog_ids as ids};
use spotify_web_api::model::{SavedAudiobook, SavedTrack};
use spotify_web_api::{Error, LibraryItemId, QuotaMode, Scope, SpotifyWebApi, TrackId};

use crate::albums::emulator;
use crate::coverage::Call;
use crate::support::{self, SURFIN_BIRD};

/// The user's operations of this area, for the coverage harness (a user token with every
/// scope), in an order where each list and removal finds something saved.
pub(crate) const USER_CALLS: &[(&str, Call)] = calls! {
    "save-library-items" => |api| api.add_my_library([
        format!("spotify:track:{SURFIN_BIRD}"),
        format!("spotify:album:{}", ids::ALBUM_30_TRACKS),
        format!("spotify:user:{}", ids::CURATOR_USER_ID),
        format!("spotify:playlist:{}", ids::FOREIGN_PLAYLIST),
    ]);
    "check-library-contains" => |api| api.my_library_contains([
        format!("spotify:track:{SURFIN_BIRD}"),
        format!("spotify:artist:{}", ids::ARTIST_25_ALBUMS),
        format!("spotify:playlist:{}", ids::FOREIGN_PLAYLIST),
    ]);
    "remove-library-items" => |api| api.delete_my_library([
        format!("spotify:user:{}", ids::CURATOR_USER_ID),
        format!("spotify:playlist:{}", ids::FOREIGN_PLAYLIST),
    ]);
    "save-tracks-user" => |api| api.add_my_tracks([ids::RELINKED_TRACK, ids::UNAVAILABLE_TRACK]);
    "check-users-saved-tracks" => |api| api.my_tracks_contains([SURFIN_BIRD, ids::RELINKED_TRACK]);
    "get-users-saved-tracks" => |api| api.get_my_saved_tracks().market(ids::RELINK_MARKET);
    "remove-tracks-user" => |api| api.delete_my_tracks([ids::UNAVAILABLE_TRACK]);
    "save-albums-user" => |api| api.add_my_albums([ids::ALBUM_30_TRACKS]);
    "check-users-saved-albums" => |api| api.my_albums_contains([ids::ALBUM_30_TRACKS]);
    "get-users-saved-albums" => |api| api.get_my_saved_albums().market("SE");
    "remove-albums-user" => |api| api.delete_my_albums([ids::ALBUM_30_TRACKS]);
    "save-episodes-user" => |api| api.add_my_episodes([episode()]);
    "check-users-saved-episodes" => |api| api.my_episodes_contains([episode()]);
    "get-users-saved-episodes" => |api| api.get_my_saved_episodes().market("SE");
    "remove-episodes-user" => |api| api.delete_my_episodes([episode()]);
    "save-shows-user" => |api| api.add_my_shows([ids::SHOW_60_EPISODES]);
    "check-users-saved-shows" => |api| api.my_shows_contains([ids::SHOW_60_EPISODES]);
    "get-users-saved-shows" => |api| api.get_my_saved_shows();
    "remove-shows-user" => |api| api.delete_my_shows([ids::SHOW_60_EPISODES]);
    "save-audiobooks-user" => |api| api.add_my_audiobooks([ids::AUDIOBOOK_40_CHAPTERS]);
    "check-users-saved-audiobooks" => |api| api.my_audiobooks_contains([ids::AUDIOBOOK_40_CHAPTERS]);
    "get-users-saved-audiobooks" => |api| api.get_my_saved_audiobooks();
    "remove-audiobooks-user" => |api| api.delete_my_audiobooks([ids::AUDIOBOOK_40_CHAPTERS]);
};

/// Every scope the library and follows use.
pub(crate) const LIBRARY_SCOPES: &[Scope] = &[
    Scope::UserLibraryRead,
    Scope::UserLibraryModify,
    Scope::UserFollowRead,
    Scope::UserFollowModify,
    Scope::PlaylistReadPrivate,
    Scope::PlaylistModifyPublic,
    Scope::PlaylistModifyPrivate,
];

/// An episode of the catalogue.
fn episode() -> String {
    Catalog::builtin().ids("episode")[0].clone()
}

/// `n` track IDs of the catalogue.
pub(crate) fn track_ids(n: usize) -> Vec<String> {
    Catalog::builtin()
        .ids("track")
        .into_iter()
        .take(n)
        .collect()
}

/// A client of the default user (logged in with `scopes`) in `mode`.
pub(crate) async fn user_client(
    emu: &Emulator,
    scopes: &[Scope],
    mode: QuotaMode,
) -> SpotifyWebApi {
    let session = support::user_session(emu, scopes).await;
    support::api_builder(emu)
        .session(session)
        .quota_mode(mode)
        .build()
        .expect("client")
}

/// For each logged request `METHOD path`, how many URIs or IDs its query carried.
pub(crate) fn sent(emu: &Emulator, method: &str, path: &str) -> Vec<usize> {
    emu.requests()
        .iter()
        .filter(|r| r.method == method && r.path == path)
        .map(|r| {
            url::form_urlencoded::parse(r.query.as_bytes())
                .find(|(k, _)| k == "uris" || k == "ids")
                .map_or(0, |(_, v)| v.split(',').count())
        })
        .collect()
}

fn track_ids_of(saved: &[SavedTrack]) -> Vec<String> {
    saved
        .iter()
        .map(|s| {
            s.track
                .id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect()
}

/// What a round of saving, checking, listing and removing showed.
#[derive(Debug, PartialEq)]
struct RoundTrip {
    contains: Vec<Vec<bool>>,
    tracks: Vec<String>,
    newest_is_newer: bool,
    others: Vec<(String, u32)>,
    after_removal: Vec<Vec<bool>>,
    totals_after_removal: Vec<u32>,
}

async fn round_trip(mode: EmuMode) -> RoundTrip {
    let emu = emulator(mode).await;
    let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Auto).await;
    let tracks = track_ids(3);
    let episode = episode();
    api.add_my_tracks(&tracks[..2]).await.unwrap();
    emu.advance_clock(Duration::from_secs(60));
    api.add_my_tracks(&tracks[2..]).await.unwrap();
    api.add_my_albums([ids::ALBUM_30_TRACKS]).await.unwrap();
    api.add_my_episodes([&episode]).await.unwrap();
    api.add_my_shows([ids::SHOW_60_EPISODES]).await.unwrap();
    api.add_my_audiobooks([ids::AUDIOBOOK_40_CHAPTERS])
        .await
        .unwrap();

    let mut check = tracks.clone();
    check.push(SURFIN_BIRD.to_owned());
    let contains = vec![
        api.my_tracks_contains(&check).await.unwrap(),
        api.my_albums_contains([ids::ALBUM_30_TRACKS, ids::ALBUM_30_TRACKS])
            .await
            .unwrap(),
        api.my_episodes_contains([&episode]).await.unwrap(),
        api.my_shows_contains([ids::SHOW_60_EPISODES])
            .await
            .unwrap(),
        api.my_audiobooks_contains([ids::AUDIOBOOK_40_CHAPTERS])
            .await
            .unwrap(),
    ];
    let saved = api.get_my_saved_tracks().await.unwrap();
    let newest_is_newer = saved.items[0].added_at > saved.items[1].added_at;
    let albums = api.get_my_saved_albums().await.unwrap();
    let episodes = api.get_my_saved_episodes().market("SE").await.unwrap();
    let shows = api.get_my_saved_shows().await.unwrap();
    let books = api.get_my_saved_audiobooks().await.unwrap();
    let others = vec![
        (albums.items[0].album.id.to_string(), albums.total),
        (episodes.items[0].episode.id.to_string(), episodes.total),
        (shows.items[0].show.id.to_string(), shows.total),
        (books.items[0].audiobook.id.to_string(), books.total),
    ];
    assert!(
        books.items[0].added_at.is_some(),
        "the spec's shape, with added_at"
    );

    api.delete_my_tracks([&tracks[1]]).await.unwrap();
    api.delete_my_albums([ids::ALBUM_30_TRACKS]).await.unwrap();
    api.delete_my_episodes([&episode]).await.unwrap();
    api.delete_my_shows([ids::SHOW_60_EPISODES]).await.unwrap();
    api.delete_my_audiobooks([ids::AUDIOBOOK_40_CHAPTERS])
        .await
        .unwrap();
    let after_removal = vec![
        api.my_tracks_contains(&check).await.unwrap(),
        api.my_albums_contains([ids::ALBUM_30_TRACKS])
            .await
            .unwrap(),
    ];
    let totals_after_removal = vec![
        api.get_my_saved_tracks().await.unwrap().total,
        api.get_my_saved_albums().await.unwrap().total,
        api.get_my_saved_episodes().await.unwrap().total,
        api.get_my_saved_shows().await.unwrap().total,
        api.get_my_saved_audiobooks().await.unwrap().total,
    ];

    // Each kind of app took its own way in, and the client learned which it is.
    let per_type = emu
        .requests()
        .iter()
        .filter(|r| r.path == "/v1/me/tracks" && r.method == "PUT")
        .map(|r| r.status)
        .collect::<Vec<_>>();
    let library = sent(&emu, "PUT", "/v1/me/library");
    match mode {
        EmuMode::Extended => {
            assert_eq!(api.quota_mode(), QuotaMode::Extended);
            assert_eq!(per_type, [Some(200), Some(200)]);
            assert!(library.is_empty());
        }
        EmuMode::Development => {
            assert_eq!(api.quota_mode(), QuotaMode::Development);
            assert_eq!(per_type, [Some(403)], "one refused probe, then /me/library");
            assert_eq!(library, [2, 1, 1, 1, 1, 1]);
        }
    }
    RoundTrip {
        contains,
        tracks: track_ids_of(&saved.items),
        newest_is_newer,
        others,
        after_removal,
        totals_after_removal,
    }
}

#[tokio::test]
async fn save_contains_list_remove_give_the_same_for_development_and_extended_apps() {
    let development = round_trip(EmuMode::Development).await;
    let extended = round_trip(EmuMode::Extended).await;
    assert_eq!(development, extended);
    let tracks = track_ids(3);
    assert_eq!(
        extended.contains[0],
        [true, true, true, false],
        "in the order asked"
    );
    assert_eq!(extended.contains[1], [true, true]);
    assert_eq!(
        extended.tracks,
        [tracks[2].clone(), tracks[1].clone(), tracks[0].clone()],
        "newest first"
    );
    assert!(extended.newest_is_newer);
    assert_eq!(
        extended.others,
        [
            (ids::ALBUM_30_TRACKS.to_owned(), 1),
            (episode(), 1),
            (ids::SHOW_60_EPISODES.to_owned(), 1),
            (ids::AUDIOBOOK_40_CHAPTERS.to_owned(), 1),
        ]
    );
    assert_eq!(extended.after_removal[0], [true, false, true, false]);
    assert_eq!(extended.after_removal[1], [false]);
    assert_eq!(extended.totals_after_removal, [2, 0, 0, 0, 0]);
}

#[tokio::test]
async fn ninety_five_tracks_go_40_a_request_through_the_library_and_50_per_type() {
    let tracks = track_ids(95);
    for (app, mode) in [
        (EmuMode::Development, QuotaMode::Development),
        (EmuMode::Extended, QuotaMode::Extended),
    ] {
        let emu = emulator(app).await;
        let api = user_client(&emu, LIBRARY_SCOPES, mode).await;
        emu.clear_requests();
        api.add_my_tracks(&tracks).await.unwrap();
        let contains = api.my_tracks_contains(&tracks).await.unwrap();
        assert_eq!(contains, vec![true; 95]);
        let all = api.get_my_saved_tracks().fetch_all().await.unwrap();
        let mut newest_last = track_ids_of(&all);
        newest_last.reverse();
        assert_eq!(newest_last, tracks, "{mode:?}: saved in order");
        match mode {
            QuotaMode::Development => {
                assert_eq!(sent(&emu, "PUT", "/v1/me/library"), [40, 40, 15]);
                assert_eq!(sent(&emu, "GET", "/v1/me/library/contains"), [40, 40, 15]);
                assert!(sent(&emu, "PUT", "/v1/me/tracks").is_empty());
            }
            _ => {
                // The IDs of a save go in the body, so the query has none.
                assert_eq!(sent(&emu, "PUT", "/v1/me/tracks"), [0, 0]);
                assert_eq!(sent(&emu, "GET", "/v1/me/tracks/contains"), [50, 45]);
                assert!(sent(&emu, "PUT", "/v1/me/library").is_empty());
            }
        }
    }
}

#[tokio::test]
async fn a_failure_in_a_later_batch_reports_what_was_saved_and_the_retry_doubles_nothing() {
    let tracks = track_ids(95);
    for (app, mode, prefix, landed) in [
        (
            EmuMode::Development,
            QuotaMode::Development,
            "/v1/me/library",
            80,
        ),
        (EmuMode::Extended, QuotaMode::Extended, "/v1/me/tracks", 50),
    ] {
        let emu = emulator(app).await;
        let api = user_client(&emu, LIBRARY_SCOPES, mode).await;
        let batches_before_failure = landed / if landed == 80 { 40 } else { 50 };
        // The first batches are served; every later one fails, retries included.
        support::fault(
            &emu,
            serde_json::json!({"path_prefix": prefix, "count": batches_before_failure, "delay_ms": 0}),
        )
        .await;
        support::fault(
            &emu,
            serde_json::json!({"path_prefix": prefix, "count": 50, "status": 503}),
        )
        .await;
        let error = api.add_my_tracks(&tracks).await.unwrap_err();
        match &error {
            Error::PartialWrite {
                completed,
                total: 95,
                snapshot_id: None,
                source,
                ..
            } => {
                assert_eq!(*completed, landed, "{mode:?}");
                assert_eq!(source.status(), Some(503));
            }
            other => panic!("{mode:?}: {other:?}"),
        }
        assert_eq!(error.completed(), Some(landed));
        assert_eq!(error.status(), Some(503));
        clear_faults(&emu).await;

        let contains = api.my_tracks_contains(&tracks).await.unwrap();
        let mut expected = vec![true; landed];
        expected.resize(95, false);
        assert_eq!(contains, expected, "{mode:?}: exactly the first {landed}");
        let before = api.get_my_saved_tracks().fetch_all().await.unwrap();

        // Resume after what landed: only the rest is sent, and nothing is there twice.
        emu.advance_clock(Duration::from_secs(120));
        emu.clear_requests();
        let rest = &tracks[error.completed().unwrap()..];
        api.add_my_tracks(rest).await.unwrap();
        let writes = emu.requests().iter().filter(|r| r.method == "PUT").count();
        assert_eq!(writes, 1, "{mode:?}: {} left, one request", rest.len());
        let after = api.get_my_saved_tracks().fetch_all().await.unwrap();
        assert_eq!(after.len(), 95);
        let mut unique = track_ids_of(&after);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 95);
        // The first ones kept their dates; the rest are newer.
        assert_eq!(&after[95 - landed..], &before[..]);
        assert!(after[0].added_at > before[0].added_at);

        // Saving the whole list again (as a careless retry would) doubles nothing either.
        api.add_my_tracks(&tracks).await.unwrap();
        assert_eq!(api.get_my_saved_tracks().await.unwrap().total, 95);
    }
}

/// Drops every injected fault.
pub(crate) async fn clear_faults(emu: &Emulator) {
    let resp = reqwest::Client::new()
        .delete(format!("{}/__emulator/faults", emu.base_url()))
        .send()
        .await
        .expect("control request");
    assert!(resp.status().is_success());
}

#[tokio::test]
async fn a_missing_scope_is_named_and_teaches_nothing_about_the_quota_mode() {
    for app in [EmuMode::Development, EmuMode::Extended] {
        let emu = emulator(app).await;
        let reader = user_client(&emu, &[Scope::UserLibraryRead], QuotaMode::Auto).await;
        let error = reader.add_my_tracks([SURFIN_BIRD]).await.unwrap_err();
        assert_eq!(
            error.missing_scopes(),
            Some(&[Scope::UserLibraryModify][..]),
            "{app:?}: {error}"
        );
        assert!(error.to_string().contains("user-library-modify"), "{error}");
        let learned = match app {
            // The development-mode app refused the per-type endpoint first: that is its mode.
            EmuMode::Development => QuotaMode::Development,
            // The extended app refused the scope: that says nothing about the mode.
            EmuMode::Extended => QuotaMode::Auto,
        };
        assert_eq!(reader.quota_mode(), learned, "{app:?}");
        // Reading works with the scope it has.
        assert!(reader.my_tracks_contains([SURFIN_BIRD]).await.unwrap() == [false]);

        // Through /me/library each kind asks its own scope.
        let follower = user_client(&emu, &[Scope::UserLibraryModify], QuotaMode::Auto).await;
        let error = follower
            .add_my_library([format!("spotify:user:{}", ids::CURATOR_USER_ID)])
            .await
            .unwrap_err();
        assert_eq!(error.missing_scopes(), Some(&[Scope::UserFollowModify][..]));
        let error = follower.get_my_saved_albums().await.unwrap_err();
        assert_eq!(error.missing_scopes(), Some(&[Scope::UserLibraryRead][..]));
    }
    // A client-credentials token has no user at all.
    let emu = emulator(EmuMode::Extended).await;
    let app = support::app_client(&emu);
    let error = app.get_my_saved_tracks().await.unwrap_err();
    assert!(matches!(error, Error::MissingScope { .. }), "{error:?}");
}

#[tokio::test]
async fn timestamped_ids_order_the_library_and_need_the_per_type_endpoint() {
    let tracks = track_ids(3);
    let emu = emulator(EmuMode::Extended).await;
    let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Extended).await;
    api.add_my_tracks([&tracks[0]])
        .timestamped_ids([
            (&tracks[1], "2014-10-26T14:22:34Z"),
            (&tracks[2], "2019-03-01T08:00:00Z"),
        ])
        .await
        .unwrap();
    let saved = api.get_my_saved_tracks().await.unwrap();
    assert_eq!(
        track_ids_of(&saved.items),
        [tracks[0].clone(), tracks[2].clone(), tracks[1].clone()]
    );
    assert_eq!(saved.items[1].added_at, "2019-03-01T08:00:00Z");
    assert_eq!(saved.items[2].added_at, "2014-10-26T14:22:34Z");

    // /me/library takes no dates: a development-mode app is told so, and nothing is sent.
    let emu = emulator(EmuMode::Development).await;
    let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Development).await;
    emu.clear_requests();
    let error = api
        .add_my_tracks(Vec::<TrackId>::new())
        .timestamped_ids([(&tracks[1], "2014-10-26T14:22:34Z")])
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::EndpointRemoved {
                operation: "save-tracks-user",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn the_unified_library_takes_any_kind_and_checks_artists_too() {
    let emu = emulator(EmuMode::Development).await;
    let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Auto).await;
    let track: LibraryItemId = TrackId::parse(SURFIN_BIRD).unwrap().into();
    let items = vec![
        track.clone(),
        LibraryItemId::parse(&format!("spotify:show:{}", ids::SHOW_60_EPISODES)).unwrap(),
        LibraryItemId::parse(&format!("spotify:playlist:{}", ids::FOREIGN_PLAYLIST)).unwrap(),
        LibraryItemId::parse(&format!("spotify:user:{}", ids::CURATOR_USER_ID)).unwrap(),
    ];
    api.add_my_library(&items).await.unwrap();
    let artist = format!("spotify:artist:{}", ids::ARTIST_25_ALBUMS);
    let mut check: Vec<String> = items.iter().map(LibraryItemId::uri).collect();
    check.push(artist.clone());
    assert_eq!(
        api.my_library_contains(&check).await.unwrap(),
        [true, true, true, true, false]
    );
    assert_eq!(
        api.quota_mode(),
        QuotaMode::Auto,
        "the unified calls probe nothing"
    );
    // The same library as the per-type methods see.
    assert_eq!(
        api.my_shows_contains([ids::SHOW_60_EPISODES])
            .await
            .unwrap(),
        [true]
    );
    assert!(
        api.current_user_follows_playlist(ids::FOREIGN_PLAYLIST)
            .await
            .unwrap()
    );
    api.delete_my_library([track]).await.unwrap();
    assert_eq!(
        api.my_tracks_contains([SURFIN_BIRD]).await.unwrap(),
        [false]
    );

    // /me/library does not save artists, and a bare ID has no kind: refused before sending.
    emu.clear_requests();
    let error = api.add_my_library([&artist]).await.unwrap_err();
    assert!(
        matches!(error, Error::InvalidArgument { name: "uris", .. }),
        "{error:?}"
    );
    let error = api.add_my_library([SURFIN_BIRD]).await.unwrap_err();
    assert!(matches!(error, Error::InvalidId { .. }), "{error:?}");
    assert!(
        api.my_library_contains(Vec::<String>::new())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn saved_lists_stream_and_fetch_all_across_pages() {
    let tracks = track_ids(45);
    let emu = emulator(EmuMode::Development).await;
    let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Development).await;
    api.add_my_tracks(&tracks).await.unwrap();
    let streamed: Vec<SavedTrack> = api
        .get_my_saved_tracks()
        .limit(20)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let fetched = api
        .get_my_saved_tracks()
        .limit(20)
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(streamed.len(), 45);
    assert_eq!(streamed, fetched);
    let first = api.get_my_saved_tracks().limit(20).await.unwrap();
    assert_eq!((first.total, first.items.len()), (45, 20));
    let next = api.next_page(&first).await.unwrap().unwrap();
    assert_eq!(next.items[..], streamed[20..40]);
    assert!(matches!(
        api.get_my_saved_tracks().limit(0).await,
        Err(Error::InvalidArgument { name: "limit", .. })
    ));
}

#[tokio::test]
async fn saved_audiobooks_decode_in_the_specs_shape_and_as_bare_audiobooks() {
    let emu = emulator(EmuMode::Extended).await;
    let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Extended).await;
    api.add_my_audiobooks([ids::AUDIOBOOK_40_CHAPTERS])
        .await
        .unwrap();
    let spec_shape = api.get_my_saved_audiobooks().await.unwrap();
    let saved: &SavedAudiobook = &spec_shape.items[0];
    assert!(saved.added_at.is_some());
    assert_eq!(saved.audiobook.id.as_str(), ids::AUDIOBOOK_40_CHAPTERS);
    // Spotify's own example lists the audiobooks themselves, without added_at.
    let bare = serde_json::json!({
        "href": "x", "limit": 20, "offset": 0, "total": 1, "next": null, "previous": null,
        "items": [serde_json::to_value(&saved.audiobook).unwrap()],
    });
    support::fault(
        &emu,
        serde_json::json!({"status": 200, "body": bare.to_string(), "path_prefix": "/v1/me/audiobooks"}),
    )
    .await;
    let bare = api.get_my_saved_audiobooks().await.unwrap();
    assert_eq!(bare.items[0].added_at, None);
    assert_eq!(bare.items[0].audiobook.name, saved.audiobook.name);
}
