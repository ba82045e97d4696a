//! Follows through the library, against the emulator: users and playlists followed the same
//! way by a development-mode app (through `/me/library`) and an extended one; artists, which
//! `/me/library` only checks; follower counts; followed artists streamed across cursor pages.

use futures_util::TryStreamExt;
use spotify_emulator::{Catalog, FREE_USER_ID, QuotaMode as EmuMode, catalog_ids as ids};
use spotify_web_api::model::Artist;
use spotify_web_api::{ArtistId, ArtistOrUserId, Error, QuotaMode, Scope, SpotifyWebApi};

use crate::albums::emulator;
use crate::coverage::Call;
use crate::library::{LIBRARY_SCOPES, sent, user_client};

/// The user's operations of this area, for the coverage harness. A development-mode app cannot
/// follow artists (`EndpointRemoved`, which the harness accepts from it).
pub(crate) const USER_CALLS: &[(&str, Call)] = calls! {
    "follow-artists-users" => |api| api.follow_artists_or_users([
        format!("spotify:artist:{}", ids::ARTIST_25_ALBUMS),
        format!("spotify:user:{}", ids::CURATOR_USER_ID),
    ]);
    "check-current-user-follows" => |api| api.current_user_follows([
        format!("spotify:artist:{}", ids::ARTIST_25_ALBUMS),
        format!("spotify:user:{}", ids::CURATOR_USER_ID),
    ]);
    "get-followed" => |api| api.get_user_followed_artists().limit(10);
    "unfollow-artists-users" => |api| api.unfollow_artists_or_users([
        format!("spotify:artist:{}", ids::ARTIST_25_ALBUMS),
        format!("spotify:user:{}", ids::CURATOR_USER_ID),
    ]);
    "follow-playlist" => |api| api.follow_playlist(ids::FOREIGN_PLAYLIST).public(false);
    "check-if-user-follows-playlist" => |api| api.current_user_follows_playlist(ids::FOREIGN_PLAYLIST);
    "unfollow-playlist" => |api| api.unfollow_playlist(ids::FOREIGN_PLAYLIST);
};

fn user(id: &str) -> ArtistOrUserId {
    ArtistOrUserId::parse(&format!("spotify:user:{id}")).unwrap()
}

/// `followers.total` of a playlist.
async fn playlist_followers(api: &SpotifyWebApi, id: &str) -> u64 {
    api.get_playlist(id).await.unwrap().followers.unwrap().total
}

/// What a round of following, checking and unfollowing showed.
#[derive(Debug, PartialEq)]
struct RoundTrip {
    follows: Vec<bool>,
    follows_playlist: bool,
    playlist_followers_gained: u64,
    after: Vec<bool>,
    follows_playlist_after: bool,
    playlist_followers_after: u64,
}

async fn round_trip(mode: EmuMode) -> RoundTrip {
    let emu = emulator(mode).await;
    let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Auto).await;
    let playlist = ids::FOREIGN_PLAYLIST;
    let before = playlist_followers(&api, playlist).await;
    let people = [user(ids::CURATOR_USER_ID), user(FREE_USER_ID)];
    api.follow_artists_or_users(people.clone()).await.unwrap();
    api.follow_playlist(playlist).await.unwrap();
    let mut check = people.to_vec();
    check.push(user(emu.default_user_id()));
    let follows = api.current_user_follows(&check).await.unwrap();
    let follows_playlist = api.current_user_follows_playlist(playlist).await.unwrap();
    let gained = playlist_followers(&api, playlist).await - before;

    api.unfollow_artists_or_users([&people[0]]).await.unwrap();
    api.unfollow_playlist(playlist).await.unwrap();
    let after = api.current_user_follows(&check).await.unwrap();
    let follows_playlist_after = api.current_user_follows_playlist(playlist).await.unwrap();
    let followers_after = playlist_followers(&api, playlist).await;

    let library = sent(&emu, "PUT", "/v1/me/library");
    match mode {
        EmuMode::Development => {
            assert_eq!(api.quota_mode(), QuotaMode::Development);
            assert_eq!(library, [2, 1], "the users, then the playlist");
        }
        EmuMode::Extended => {
            assert_eq!(api.quota_mode(), QuotaMode::Extended);
            assert!(library.is_empty());
            assert_eq!(sent(&emu, "PUT", "/v1/me/following"), [2]);
        }
    }
    RoundTrip {
        follows,
        follows_playlist,
        playlist_followers_gained: gained,
        after,
        follows_playlist_after,
        playlist_followers_after: followers_after - before,
    }
}

#[tokio::test]
async fn follow_check_unfollow_give_the_same_for_development_and_extended_apps() {
    let development = round_trip(EmuMode::Development).await;
    let extended = round_trip(EmuMode::Extended).await;
    assert_eq!(development, extended);
    assert_eq!(
        extended,
        RoundTrip {
            follows: vec![true, true, false],
            follows_playlist: true,
            playlist_followers_gained: 1,
            after: vec![false, true, false],
            follows_playlist_after: false,
            playlist_followers_after: 0,
        }
    );
}

/// An artist of the catalogue and its follower count as the API shows it.
async fn artist_followers(api: &SpotifyWebApi, id: &str) -> u64 {
    let artist: Artist = api.get_artist(id).await.unwrap();
    artist.followers.expect("extended apps get followers").total
}

#[tokio::test]
async fn following_an_artist_moves_its_count_and_needs_an_extended_app() {
    let artist = ids::ARTIST_25_ALBUMS;
    let emu = emulator(EmuMode::Extended).await;
    let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Auto).await;
    let before = artist_followers(&api, artist).await;
    api.follow_artists_or_users([ArtistId::parse(artist).unwrap()])
        .await
        .unwrap();
    assert_eq!(artist_followers(&api, artist).await, before + 1);
    let followed = api.get_user_followed_artists().await.unwrap();
    assert_eq!(followed.total, Some(1));
    assert_eq!(followed.items[0].id.as_str(), artist);
    assert_eq!(
        followed.items[0].followers.as_ref().map(|f| f.total),
        Some(before + 1)
    );

    // The same user, now through a development-mode app: it sees the follow (/me/library
    // checks artists) but cannot change it, and is told so without a request once it knows.
    emu.set_quota_mode(emu.client_id(), EmuMode::Development);
    let dev = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Auto).await;
    let uri = format!("spotify:artist:{artist}");
    assert_eq!(dev.current_user_follows([&uri]).await.unwrap(), [true]);
    assert_eq!(dev.quota_mode(), QuotaMode::Development);
    let listed: Vec<Artist> = dev
        .get_user_followed_artists()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    emu.clear_requests();
    for error in [
        dev.unfollow_artists_or_users([&uri]).await.unwrap_err(),
        dev.follow_artists_or_users([&uri, &format!("spotify:user:{FREE_USER_ID}")])
            .await
            .unwrap_err(),
    ] {
        assert!(
            matches!(
                error,
                Error::EndpointRemoved {
                    operation: "follow-artists-users" | "unfollow-artists-users",
                    ..
                }
            ),
            "{error:?}"
        );
    }
    assert!(emu.requests().is_empty(), "nothing sent, nothing half done");
    // And in Auto mode the first such call asks once, then knows.
    let fresh = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Auto).await;
    emu.clear_requests();
    for _ in 0..2 {
        assert!(
            fresh
                .follow_artists_or_users([&uri])
                .await
                .unwrap_err()
                .is_endpoint_removed()
        );
    }
    assert_eq!(emu.requests().len(), 1, "one refused probe");
}

#[tokio::test]
async fn followed_artists_stream_across_cursor_pages() {
    let emu = emulator(EmuMode::Extended).await;
    let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Extended).await;
    let mut artists = Catalog::builtin().ids("artist");
    artists.truncate(120);
    emu.clear_requests();
    api.follow_artists_or_users(artists.iter().map(|id| ArtistId::parse(id).unwrap()))
        .await
        .unwrap();
    assert_eq!(sent(&emu, "PUT", "/v1/me/following"), [50, 50, 20]);
    let mut sorted = artists.clone();
    sorted.sort();

    emu.clear_requests();
    let streamed: Vec<Artist> = api
        .get_user_followed_artists()
        .limit(25)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let streamed: Vec<String> = streamed.iter().map(|a| a.id.to_string()).collect();
    assert_eq!(streamed, sorted, "every artist once, in cursor order");
    assert_eq!(sent(&emu, "GET", "/v1/me/following").len(), 5, "120 by 25");

    // By hand: each page's cursor is the last artist, and the next page starts after it.
    let first = api.get_user_followed_artists().limit(50).await.unwrap();
    assert_eq!(first.total, Some(120));
    assert_eq!(first.cursors.after.as_deref(), Some(sorted[49].as_str()));
    let second = api
        .get_user_followed_artists()
        .after(first.cursors.after.as_deref().unwrap())
        .limit(50)
        .await
        .unwrap();
    assert_eq!(second.items[0].id.as_str(), sorted[50]);
    let third = api.next_cursor_page(&second).await.unwrap().unwrap();
    assert_eq!(third.items.len(), 20);
    assert!(third.next.is_none() && third.cursors.after.is_none());
    assert!(api.next_cursor_page(&third).await.unwrap().is_none());
}

#[tokio::test]
async fn follow_scopes_are_named() {
    let emu = emulator(EmuMode::Extended).await;
    let api = user_client(&emu, &[Scope::UserLibraryRead], QuotaMode::Extended).await;
    let error = api
        .follow_playlist(ids::FOREIGN_PLAYLIST)
        .await
        .unwrap_err();
    assert_eq!(
        error.missing_scopes(),
        Some(&[Scope::PlaylistModifyPublic, Scope::PlaylistModifyPrivate][..])
    );
    let error = api.get_user_followed_artists().await.unwrap_err();
    assert_eq!(error.missing_scopes(), Some(&[Scope::UserFollowRead][..]));
    let error = api
        .follow_artists_or_users([user(ids::CURATOR_USER_ID)])
        .await
        .unwrap_err();
    assert_eq!(error.missing_scopes(), Some(&[Scope::UserFollowModify][..]));
    // An ID of another kind never reaches Spotify.
    emu.clear_requests();
    let error = api
        .current_user_follows(["spotify:playlist:3cEYpjA9oz9GiPac4AsH4n"])
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidId { .. }), "{error:?}");
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn an_unknown_playlist_is_not_found_either_way() {
    for mode in [EmuMode::Extended, EmuMode::Development] {
        let emu = emulator(mode).await;
        let api = user_client(&emu, LIBRARY_SCOPES, QuotaMode::Auto).await;
        let unknown = "0000000000000000000000";
        let error = api.follow_playlist(unknown).await.unwrap_err();
        // Per type: 404; through /me/library: 400, the payload names an unknown item.
        let expected = match mode {
            EmuMode::Extended => 404,
            EmuMode::Development => 400,
        };
        assert_eq!(error.status(), Some(expected), "{mode:?}: {error}");
    }
}
