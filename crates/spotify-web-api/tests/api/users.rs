//! Users' public profiles and playlists through the library, against the emulator: both were
//! removed for development-mode apps in 2026-02, with `me` and `get_my_playlists` left for the
//! current user.

#![allow(deprecated)] // get_user, get_user_playlists

use futures_util::TryStreamExt;
use spotify_emulator::{DEFAULT_USER_ID, Emulator, catalog_ids as ids};
use spotify_web_api::{ApiChange, Error, QuotaMode, Scope, SpotifyWebApi, TimeRange};

use crate::coverage::Call;
use crate::shows::user_client;
use crate::support;

/// The user's operations of this area, for the coverage harness (a user token).
pub(crate) const USER_CALLS: &[(&str, Call)] = calls! {
    "get-current-users-profile" => |api| api.me();
    "get-users-top-artists" => |api| api.get_my_top_artists().time_range(TimeRange::ShortTerm).limit(50);
    "get-users-top-tracks" => |api| api.get_my_top_tracks().limit(50);
};

/// One call per operation of this area, for the coverage harness.
pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-users-profile" => |api| api.get_user(ids::CURATOR_USER_ID);
    "get-list-users-playlists" => |api| api.get_user_playlists(DEFAULT_USER_ID).limit(50);
};

fn playlist_ids(playlists: &[spotify_web_api::model::SimplifiedPlaylist]) -> Vec<&str> {
    playlists.iter().map(|p| p.id.as_str()).collect()
}

#[tokio::test]
async fn a_users_public_profile() {
    let emu = support::extended_emulator().await;
    let api = support::warm_client(&emu).await;
    let curator = api.get_user(ids::CURATOR_USER_ID).await.unwrap();
    assert_eq!(curator.id.as_str(), ids::CURATOR_USER_ID);
    assert_eq!(curator.display_name.as_deref(), Some("Emulator Curator"));
    assert_eq!(curator.uri, "spotify:user:emulator-curator");
    assert!(
        curator.followers.is_some(),
        "extended apps still get followers"
    );
    let by_uri = api
        .get_user(format!("spotify:user:{DEFAULT_USER_ID}"))
        .await
        .unwrap();
    assert_eq!(by_uri.display_name.as_deref(), Some("Emulator User"));

    let unknown = api.get_user("nobody-at-all").await.unwrap_err();
    assert!(unknown.is_not_found(), "{unknown}");
    emu.clear_requests();
    let bad = api.get_user("spotify:track:7EjyzZcbLxW7PaaLua9Ksb").await;
    assert!(matches!(bad, Err(Error::InvalidId { .. })));
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn profiles_and_user_playlists_are_removed_for_development_mode_and_asked_once() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    emu.clear_requests();
    for _ in 0..3 {
        let err = api.get_user(ids::CURATOR_USER_ID).await.unwrap_err();
        match &err {
            Error::EndpointRemoved {
                operation: "get-users-profile",
                change: ApiChange::February2026,
                replacement: Some("SpotifyWebApi::me"),
            } => {}
            other => panic!("{other:?}"),
        }
        assert!(
            err.to_string().ends_with("use SpotifyWebApi::me instead"),
            "{err}"
        );
    }
    assert_eq!(emu.requests().len(), 1, "the first refusal taught the mode");
    assert_eq!(api.quota_mode(), QuotaMode::Development);

    // Known now: no request at all.
    let err = api.get_user_playlists(DEFAULT_USER_ID).await.unwrap_err();
    assert!(matches!(
        err,
        Error::EndpointRemoved {
            operation: "get-list-users-playlists",
            replacement: Some("SpotifyWebApi::get_my_playlists"),
            ..
        }
    ));
    assert_eq!(emu.requests().len(), 1);
    // What remains for the current user.
    let user = support::api_builder(&emu)
        .session(support::user_session(&emu, &[]).await)
        .build()
        .unwrap();
    assert_eq!(user.me().await.unwrap().id.as_str(), DEFAULT_USER_ID);
}

#[tokio::test]
async fn a_users_playlists_page_by_page_public_or_all_to_the_user() {
    let emu = support::extended_emulator().await;
    let app = support::warm_client(&emu).await;

    // Anyone: the public playlists the user owns.
    let first = app
        .get_user_playlists(DEFAULT_USER_ID)
        .limit(1)
        .await
        .unwrap();
    let total = first.total;
    assert!(total >= 1);
    let streamed: Vec<_> = app
        .get_user_playlists(DEFAULT_USER_ID)
        .limit(1)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let fetched = app
        .get_user_playlists(DEFAULT_USER_ID)
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(streamed, fetched);
    assert_eq!(streamed.len() as u32, total);
    let public = playlist_ids(&fetched);
    assert!(public.contains(&ids::PLAYLIST_250_ITEMS));
    assert!(!public.contains(&ids::LARGE_PLAYLIST), "private");
    assert!(!public.contains(&ids::COLLABORATIVE_PLAYLIST));
    assert!(fetched.iter().all(|p| p.public == Some(true)));
    let big = fetched
        .iter()
        .find(|p| p.id.as_str() == ids::PLAYLIST_250_ITEMS)
        .unwrap();
    assert_eq!(big.items_ref().map(|r| r.total), Some(250));
    assert_eq!(big.owner.id.as_str(), DEFAULT_USER_ID);

    // The user, with the scopes: their private and collaborative ones too.
    let session = support::user_session(
        &emu,
        &[Scope::PlaylistReadPrivate, Scope::PlaylistReadCollaborative],
    )
    .await;
    let user: SpotifyWebApi = support::api_builder(&emu).session(session).build().unwrap();
    let own = user
        .get_user_playlists(DEFAULT_USER_ID)
        .fetch_all()
        .await
        .unwrap();
    let own = playlist_ids(&own);
    for id in [
        ids::PLAYLIST_250_ITEMS,
        ids::LARGE_PLAYLIST,
        ids::COLLABORATIVE_PLAYLIST,
    ] {
        assert!(own.contains(&id), "{id}");
    }
    assert!(!own.contains(&ids::FOREIGN_PLAYLIST));

    // Bounds before sending.
    emu.clear_requests();
    for call in [
        app.get_user_playlists(DEFAULT_USER_ID).limit(51).await,
        app.get_user_playlists(DEFAULT_USER_ID)
            .offset(100_001)
            .await,
    ] {
        assert!(call.unwrap_err().is_invalid_input());
    }
    assert!(emu.requests().is_empty());
    let unknown = app.get_user_playlists("nobody-at-all").await.unwrap_err();
    assert!(unknown.is_not_found());
}

/// A track's ID as text (local files have none).
fn track_id(track: &spotify_web_api::model::Track) -> String {
    track
        .id
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

#[tokio::test]
async fn top_tracks_page_by_page_stream_and_fetch_all_agree() {
    let emu = Emulator::start().await;
    let api = user_client(&emu, &[Scope::UserTopRead]).await;
    let first = api.get_my_top_tracks().limit(7).await.unwrap();
    assert_eq!((first.total, first.items.len()), (50, 7));
    let mut walked: Vec<String> = first.items.iter().map(track_id).collect();
    let mut page = first;
    while let Some(next) = api.next_page(&page).await.unwrap() {
        walked.extend(next.items.iter().map(track_id));
        page = next;
    }
    let streamed: Vec<_> = api
        .get_my_top_tracks()
        .limit(7)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let fetched = api.get_my_top_tracks().fetch_all().await.unwrap();
    assert_eq!(streamed, fetched);
    assert_eq!(fetched.len(), 50);
    let fetched_ids: Vec<String> = fetched.iter().map(track_id).collect();
    assert_eq!(walked, fetched_ids, "next_page walks the same 50 in order");
    assert!(
        fetched
            .iter()
            .all(|t| !t.name.is_empty() && !t.artists.is_empty())
    );
    // Past offset 49, nothing: as on Spotify.
    let past = api.get_my_top_tracks().offset(50).await.unwrap();
    assert!(past.items.is_empty());
}

#[tokio::test]
async fn top_items_differ_by_time_range_and_follow_what_the_user_saves() {
    let emu = Emulator::start().await;
    let api = user_client(&emu, &[Scope::UserTopRead, Scope::UserLibraryModify]).await;
    let mut lists = Vec::new();
    for range in [
        TimeRange::ShortTerm,
        TimeRange::MediumTerm,
        TimeRange::LongTerm,
    ] {
        let artists = api
            .get_my_top_artists()
            .time_range(range)
            .fetch_all()
            .await
            .unwrap();
        assert_eq!(artists.len(), 50, "{range}");
        lists.push(
            artists
                .into_iter()
                .map(|a| a.id.to_string())
                .collect::<Vec<_>>(),
        );
    }
    assert_ne!(lists[0], lists[1]);
    assert_ne!(lists[1], lists[2]);
    let default_range: Vec<String> = api
        .get_my_top_artists()
        .fetch_all()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id.to_string())
        .collect();
    assert_eq!(default_range, lists[1], "medium_term is the default");

    // A track saved now leads the last four weeks.
    api.add_my_tracks([support::SURFIN_BIRD]).await.unwrap();
    let top = api
        .get_my_top_tracks()
        .time_range(TimeRange::ShortTerm)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(track_id(&top.items[0]), support::SURFIN_BIRD);
}

#[tokio::test]
async fn top_items_without_the_scope_are_a_missing_scope_error() {
    let emu = Emulator::start().await;
    let api = user_client(&emu, &[Scope::UserLibraryRead]).await;
    for error in [
        api.get_my_top_artists().await.unwrap_err(),
        api.get_my_top_tracks().await.unwrap_err(),
    ] {
        match &error {
            Error::MissingScope { scopes, .. } => assert_eq!(scopes, &[Scope::UserTopRead]),
            other => panic!("{other:?}"),
        }
    }
    emu.clear_requests();
    match api.get_my_top_tracks().limit(51).await {
        Err(Error::InvalidArgument { name: "limit", .. }) => {}
        other => panic!("{other:?}"),
    }
    assert!(
        emu.requests().is_empty(),
        "a bad limit is refused before sending"
    );
}
