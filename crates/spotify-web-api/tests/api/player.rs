//! The player, through the library against the emulator: state transitions on the virtual
//! clock, transfer, modes, the queue, recently played across cursor pages, and every refusal
//! with its reason.

use std::time::{Duration, SystemTime};

use futures_util::TryStreamExt;
use spotify_emulator::catalog_ids::{ALBUM_30_TRACKS, SHOW_60_EPISODES};
use spotify_emulator::{
    DESKTOP_DEVICE_ID, Emulator, FIXED_VOLUME_DEVICE_ID, FREE_USER_ID, SPEAKER_DEVICE_ID,
};
use spotify_web_api::model::{PlayableItem, RepeatState};
use spotify_web_api::{
    AdditionalType, AlbumId, Error, PlayerErrorReason, Scope, Session, SpotifyWebApi, TrackId,
};

use crate::coverage::Call;
use crate::support::{self, SURFIN_BIRD};

/// The player's operations, for the coverage harness (the premium default user, a token with
/// every scope). In order: playback is started before the calls that need it.
pub(crate) const USER_CALLS: &[(&str, Call)] = calls! {
    "get-a-users-available-devices" => |api| api.get_my_devices();
    "transfer-a-users-playback" => |api| api.change_my_device(spotify_emulator::SPEAKER_DEVICE_ID);
    "start-a-users-playback" => |api| api
        .play()
        .context(format!("spotify:album:{}", spotify_emulator::catalog_ids::ALBUM_30_TRACKS))
        .offset(1);
    "get-information-about-the-users-current-playback" => |api| api
        .get_my_current_playback_info()
        .additional_types([spotify_web_api::AdditionalType::Episode]);
    "get-the-users-currently-playing-track" => |api| api.get_my_current_track().market("SE");
    "add-to-queue" => |api| api.queue(format!("spotify:track:{}", crate::support::SURFIN_BIRD));
    "get-queue" => |api| api.get_my_queue();
    "skip-users-playback-to-next-track" => |api| api.next();
    "skip-users-playback-to-previous-track" => |api| api.previous();
    "seek-to-position-in-currently-playing-track" => |api| api.seek(10_000);
    "set-repeat-mode-on-users-playback" => |api| api.repeat(spotify_web_api::model::RepeatState::Context);
    "toggle-shuffle-for-users-playback" => |api| api.shuffle(true);
    "set-volume-for-users-playback" => |api| api.change_volume(40);
    "pause-a-users-playback" => |api| api.pause();
    "get-recently-played" => |api| api.get_my_recent_tracks().limit(10);
};

/// Every scope the player's operations need.
const PLAYER_SCOPES: &[Scope] = &[
    Scope::UserReadPlaybackState,
    Scope::UserModifyPlaybackState,
    Scope::UserReadCurrentlyPlaying,
    Scope::UserReadRecentlyPlayed,
];

/// A client of the default (Premium) user with the player's scopes.
async fn player(emu: &Emulator) -> SpotifyWebApi {
    let session = support::user_session(emu, PLAYER_SCOPES).await;
    support::api_builder(emu).session(session).build().unwrap()
}

/// A client of the Free user with the player's scopes.
async fn free_player(emu: &Emulator) -> SpotifyWebApi {
    let mut session = support::pkce_session(emu);
    let verifier = Session::generate_code_verifier();
    let url = session
        .authorize_url()
        .scopes(PLAYER_SCOPES.iter().cloned())
        .code_challenge(&Session::code_challenge(&verifier))
        .build()
        .unwrap();
    emu.set_auto_approve(Some(FREE_USER_ID));
    let resp = support::browser().get(url).send().await.unwrap();
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    let code = Session::parse_redirect(&location, None).unwrap();
    session
        .request_access_token_pkce(&code, &verifier)
        .await
        .unwrap();
    support::api_builder(emu).session(session).build().unwrap()
}

fn album() -> AlbumId {
    AlbumId::parse(ALBUM_30_TRACKS).unwrap()
}

/// The album's track IDs, in order.
async fn album_tracks(api: &SpotifyWebApi) -> Vec<String> {
    let tracks = api.get_album_tracks(album()).fetch_all().await.unwrap();
    tracks
        .into_iter()
        .map(|t| t.id.map(|id| id.to_string()).unwrap_or_default())
        .collect()
}

/// The ID of the item playing now.
async fn playing(api: &SpotifyWebApi) -> String {
    let state = api.get_my_current_playback_info().await.unwrap().unwrap();
    state
        .item
        .as_ref()
        .and_then(PlayableItem::id)
        .unwrap_or_default()
        .to_owned()
}

/// The reason of a player refusal (panics on success or another error).
fn reason(result: spotify_web_api::Result<()>) -> PlayerErrorReason {
    match result {
        Err(error) => error
            .player_reason()
            .cloned()
            .unwrap_or_else(|| panic!("no reason: {error}")),
        Ok(()) => panic!("the command succeeded"),
    }
}

#[tokio::test]
async fn nothing_playing_is_none_for_both_reads() {
    let emu = Emulator::start().await;
    let api = player(&emu).await;
    assert_eq!(api.get_my_current_playback_info().await.unwrap(), None);
    assert_eq!(api.get_my_current_track().await.unwrap(), None);
    let devices = api.get_my_devices().await.unwrap();
    let active: Vec<_> = devices.iter().filter(|d| d.is_active).collect();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].id.as_deref(), Some(DESKTOP_DEVICE_ID));
    assert!(devices.iter().any(|d| !d.is_active));
}

#[tokio::test]
async fn play_skip_pause_resume_seek_and_the_clock() {
    let emu = Emulator::start().await;
    let api = player(&emu).await;
    let tracks = album_tracks(&api).await;
    api.play().context(album()).await.unwrap();
    let state = api.get_my_current_playback_info().await.unwrap().unwrap();
    assert!(state.is_playing);
    assert_eq!(state.device.id.as_deref(), Some(DESKTOP_DEVICE_ID));
    let context = state.context.unwrap();
    assert_eq!(context.uri, album().uri());
    assert_eq!(playing(&api).await, tracks[0]);
    api.next().await.unwrap();
    assert_eq!(playing(&api).await, tracks[1]);
    api.next().await.unwrap();
    api.previous().await.unwrap();
    assert_eq!(playing(&api).await, tracks[1]);
    // Pause; pausing again is refused; resume.
    api.pause().await.unwrap();
    let paused = api.get_my_current_track().await.unwrap().unwrap();
    assert!(!paused.is_playing);
    assert!(paused.actions.disallows.pausing);
    assert_eq!(reason(api.pause().await), PlayerErrorReason::AlreadyPaused);
    api.play().await.unwrap();
    assert_eq!(reason(api.play().await), PlayerErrorReason::NotPaused);
    // Seek, then let the clock run: the progress follows it.
    api.seek(60_000).await.unwrap();
    let at = |state: Option<spotify_web_api::model::CurrentlyPlaying>| {
        state.unwrap().progress_ms.unwrap()
    };
    let before = at(api.get_my_current_track().await.unwrap());
    assert!((60_000..62_000).contains(&before), "{before}");
    emu.advance_clock(Duration::from_secs(10));
    let after = at(api.get_my_current_track().await.unwrap());
    assert!(after >= before + 10_000, "{before} -> {after}");
    // Past the end of the track, the next one plays.
    let current = api.get_my_current_track().await.unwrap().unwrap();
    let left = current.item.unwrap().duration_ms() as u64 - after;
    emu.advance_clock(Duration::from_millis(left + 2_000));
    assert_eq!(playing(&api).await, tracks[2]);
    let progress = at(api.get_my_current_track().await.unwrap());
    assert!((2_000..4_000).contains(&progress), "{progress}");
}

#[tokio::test]
async fn transfer_moves_playback_and_can_start_it() {
    let emu = Emulator::start().await;
    let api = player(&emu).await;
    api.play()
        .uris([TrackId::parse(SURFIN_BIRD).unwrap()])
        .await
        .unwrap();
    api.pause().await.unwrap();
    api.change_my_device(SPEAKER_DEVICE_ID).await.unwrap();
    let state = api.get_my_current_playback_info().await.unwrap().unwrap();
    assert_eq!(state.device.id.as_deref(), Some(SPEAKER_DEVICE_ID));
    assert!(!state.is_playing, "a transfer keeps the state");
    assert_eq!(state.context, None, "items play with no context");
    api.change_my_device(DESKTOP_DEVICE_ID)
        .play(true)
        .await
        .unwrap();
    let state = api.get_my_current_playback_info().await.unwrap().unwrap();
    assert_eq!(state.device.id.as_deref(), Some(DESKTOP_DEVICE_ID));
    assert!(state.is_playing);
    let devices = api.get_my_devices().await.unwrap();
    let active: Vec<_> = devices
        .iter()
        .filter(|d| d.is_active)
        .filter_map(|d| d.id.as_deref())
        .collect();
    assert_eq!(active, [DESKTOP_DEVICE_ID]);
    let unknown = api.change_my_device("no-such-device").await.unwrap_err();
    assert_eq!(unknown.status(), Some(404));
}

#[tokio::test]
async fn shuffle_repeat_and_volume_show_in_the_state() {
    let emu = Emulator::start().await;
    let api = player(&emu).await;
    api.play().context(album()).offset(4).await.unwrap();
    api.shuffle(true).await.unwrap();
    api.repeat(RepeatState::Track).await.unwrap();
    api.change_volume(35).await.unwrap();
    let state = api.get_my_current_playback_info().await.unwrap().unwrap();
    assert!(state.shuffle_state);
    assert_eq!(state.repeat_state, RepeatState::Track);
    assert_eq!(state.device.volume_percent, Some(35));
    // Shuffled: the rest of the album, each track once, not in the album's order.
    let queue = api.get_my_queue().await.unwrap();
    let upcoming: Vec<&str> = queue.queue.iter().filter_map(PlayableItem::id).collect();
    let tracks = album_tracks(&api).await;
    assert_eq!(playing(&api).await, tracks[4]);
    assert_eq!(upcoming.len(), 20);
    let distinct: std::collections::BTreeSet<&str> = upcoming.iter().copied().collect();
    assert_eq!(distinct.len(), 20);
    assert!(!distinct.contains(tracks[4].as_str()));
    let in_order: Vec<&str> = tracks[5..25].iter().map(String::as_str).collect();
    assert_ne!(upcoming, in_order);
    // Repeat track: the clock past the end plays the same track again.
    let current = playing(&api).await;
    emu.advance_clock(Duration::from_secs(30 * 60));
    assert_eq!(playing(&api).await, current);
    api.repeat(RepeatState::Off).await.unwrap();
    api.shuffle(false).await.unwrap();
    let state = api.get_my_current_playback_info().await.unwrap().unwrap();
    assert!(!state.shuffle_state);
    assert_eq!(state.repeat_state, RepeatState::Off);
    // The volume is checked before anything is sent.
    emu.clear_requests();
    let error = api.change_volume(101).await.unwrap_err();
    assert!(error.is_invalid_input(), "{error}");
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn queued_items_play_next_in_the_order_added() {
    let emu = Emulator::start().await;
    let api = player(&emu).await;
    api.play()
        .context(format!("spotify:show:{SHOW_60_EPISODES}"))
        .await
        .unwrap();
    let episode = api
        .get_my_current_playback_info()
        .additional_types([AdditionalType::Episode])
        .await
        .unwrap()
        .unwrap();
    assert!(episode.item.as_ref().unwrap().as_episode().is_some());
    let tracks = album_tracks(&api).await;
    let first = TrackId::parse(&tracks[7]).unwrap();
    let second = TrackId::parse(&tracks[3]).unwrap();
    api.queue(&first).await.unwrap();
    api.queue(&second).await.unwrap();
    let queue = api.get_my_queue().await.unwrap();
    let ids: Vec<&str> = queue.queue.iter().filter_map(PlayableItem::id).collect();
    assert_eq!(ids[..2], [first.as_str(), second.as_str()]);
    assert!(
        queue.queue[2].as_episode().is_some(),
        "then the show goes on"
    );
    api.next().await.unwrap();
    assert_eq!(playing(&api).await, first.as_str());
    api.next().await.unwrap();
    assert_eq!(playing(&api).await, second.as_str());
    api.next().await.unwrap();
    let back = api
        .get_my_current_track()
        .additional_types([AdditionalType::Episode])
        .await
        .unwrap()
        .unwrap();
    assert!(back.item.unwrap().as_episode().is_some());
}

#[tokio::test]
async fn recently_played_streams_across_cursor_pages() {
    let emu = Emulator::start().await;
    let api = player(&emu).await;
    let tracks = album_tracks(&api).await;
    api.play().context(album()).await.unwrap();
    for _ in 0..7 {
        api.next().await.unwrap();
    }
    // Newest first: the seven skipped tracks, the last one first.
    let expected: Vec<&str> = tracks[..7].iter().rev().map(String::as_str).collect();
    let page = api.get_my_recent_tracks().limit(3).await.unwrap();
    assert_eq!(page.items.len(), 3);
    assert!(page.has_next());
    let streamed: Vec<_> = api
        .get_my_recent_tracks()
        .limit(3)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = streamed
        .iter()
        .map(|p| p.track.id.as_ref().map_or("", |id| id.as_str()))
        .collect();
    assert_eq!(ids, expected);
    let all = api.get_my_recent_tracks().await.unwrap();
    assert_eq!(all.items.len(), 7);
    assert!(!all.has_next());
    assert_eq!(all.items[0].context.as_ref().unwrap().uri, album().uri());
    // `after` a time: only what was played since.
    let now = SystemTime::now() + Duration::from_secs(1);
    assert!(
        api.get_my_recent_tracks()
            .after(now)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let since: Vec<_> = api
        .get_my_recent_tracks()
        .after(hour_ago)
        .limit(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    // Forwards in time, page by page (each page newest first).
    let ids: Vec<&str> = since
        .iter()
        .map(|p| p.track.id.as_ref().map_or("", |id| id.as_str()))
        .collect();
    let mut forwards: Vec<&str> = Vec::new();
    for pair in tracks[..7].chunks(2) {
        forwards.extend(pair.iter().rev().map(String::as_str));
    }
    assert_eq!(ids, forwards);
}

#[tokio::test]
async fn every_refusal_has_its_reason() {
    let emu = Emulator::start().await;
    let api = player(&emu).await;
    assert_eq!(reason(api.next().await), PlayerErrorReason::NotPlayingTrack);
    assert_eq!(reason(api.pause().await), PlayerErrorReason::AlreadyPaused);
    assert_eq!(
        reason(
            api.change_volume(10)
                .device_id(FIXED_VOLUME_DEVICE_ID)
                .await
        ),
        PlayerErrorReason::VolumeControlDisallow
    );
    assert_eq!(
        reason(api.play().context(album()).offset(30).await),
        PlayerErrorReason::NoSpecificTrack
    );
    api.play().context(album()).await.unwrap();
    assert_eq!(reason(api.previous().await), PlayerErrorReason::NoPrevTrack);
    assert_eq!(reason(api.play().await), PlayerErrorReason::NotPaused);
    api.play().context(album()).offset(29).await.unwrap();
    assert_eq!(reason(api.next().await), PlayerErrorReason::NoNextTrack);
    // Spotify's captured variant: restrictions as UNKNOWN.
    support::control_put(
        &emu,
        "config",
        serde_json::json!({"player_restriction_reason": "unknown"}),
    )
    .await;
    assert_eq!(reason(api.next().await), PlayerErrorReason::Unknown);
    // No active device, and none named.
    support::control_put(
        &emu,
        "users/emulator-user/player",
        serde_json::json!({"active_device": null}),
    )
    .await;
    let error = api.play().context(album()).await.unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(
        error.player_reason(),
        Some(&PlayerErrorReason::NoActiveDevice)
    );
    // Naming a device plays there.
    api.play()
        .context(album())
        .device_id(SPEAKER_DEVICE_ID)
        .await
        .unwrap();
    assert!(
        api.get_my_current_track()
            .await
            .unwrap()
            .unwrap()
            .is_playing
    );
}

#[tokio::test]
async fn a_free_user_gets_premium_required() {
    let emu = Emulator::start().await;
    let api = free_player(&emu).await;
    assert_eq!(api.get_my_current_playback_info().await.unwrap(), None);
    for result in [
        api.play().context(album()).await,
        api.pause().await,
        api.next().await,
        api.change_volume(50).await,
        api.queue(TrackId::parse(SURFIN_BIRD).unwrap()).await,
    ] {
        let error = result.unwrap_err();
        assert_eq!(error.status(), Some(403));
        assert_eq!(
            error.player_reason(),
            Some(&PlayerErrorReason::PremiumRequired)
        );
        assert!(!matches!(error, Error::MissingScope { .. }), "{error}");
    }
}

#[tokio::test]
async fn a_missing_scope_is_named() {
    let emu = Emulator::start().await;
    let session = support::user_session(&emu, &[Scope::UserReadPrivate]).await;
    let api = support::api_builder(&emu).session(session).build().unwrap();
    let scopes = |error: Error| error.missing_scopes().map(<[Scope]>::to_vec);
    let modify = Some(vec![Scope::UserModifyPlaybackState]);
    assert_eq!(
        scopes(api.get_my_current_playback_info().await.unwrap_err()),
        Some(vec![Scope::UserReadPlaybackState])
    );
    assert_eq!(
        scopes(api.get_my_current_track().await.unwrap_err()),
        Some(vec![Scope::UserReadCurrentlyPlaying])
    );
    assert_eq!(
        scopes(api.get_my_recent_tracks().await.unwrap_err()),
        Some(vec![Scope::UserReadRecentlyPlayed])
    );
    assert_eq!(
        scopes(api.get_my_queue().await.unwrap_err()),
        Some(vec![
            Scope::UserReadCurrentlyPlaying,
            Scope::UserReadPlaybackState
        ])
    );
    assert_eq!(scopes(api.play().await.unwrap_err()), modify);
    assert_eq!(scopes(api.seek(0).await.unwrap_err()), modify);
    assert_eq!(scopes(api.shuffle(true).await.unwrap_err()), modify);
    assert_eq!(
        scopes(api.change_my_device(DESKTOP_DEVICE_ID).await.unwrap_err()),
        modify
    );
}

#[tokio::test]
async fn any_success_status_is_success_whatever_the_body() {
    let emu = Emulator::start().await;
    let api = player(&emu).await;
    api.play().context(album()).await.unwrap();
    support::fault(
        &emu,
        serde_json::json!({"status": 202, "body": "", "path_prefix": "/v1/me/player/pause"}),
    )
    .await;
    api.pause().await.unwrap();
    support::fault(
        &emu,
        serde_json::json!({"status": 200, "body": "{\"snapshot\":1}", "path_prefix": "/v1/me/player/next"}),
    )
    .await;
    api.next().await.unwrap();
    // Neither reached the player: it still plays the first track.
    let state = api.get_my_current_track().await.unwrap().unwrap();
    assert!(state.is_playing);
}
