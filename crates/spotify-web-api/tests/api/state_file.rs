//! The emulator's state file, from a client's side: what a user changed through the library is
//! there after the emulator restarts on the same file, and the tokens issued before still work.

use std::path::Path;
use std::time::Duration;

use futures_util::TryStreamExt;
use spotify_emulator::{Emulator, catalog_ids as ids};
use spotify_web_api::model::{PlayableItem, RepeatState};
use spotify_web_api::{ContextId, Scope, Session, SpotifyWebApi};

use crate::playlist_writes::{JPEG, track};
use crate::support::{self, SURFIN_BIRD};

async fn emulator_on(path: &Path) -> Emulator {
    Emulator::builder()
        .state_file(path)
        .start()
        .await
        .expect("emulator with a state file")
}

/// What the user sees of their world: compared before and after a restart.
#[derive(Debug, PartialEq)]
struct Seen {
    saved: Vec<String>,
    playlists: Vec<(String, String, String)>,
    kept_items: Vec<String>,
    cover: Vec<u8>,
    playing: Option<String>,
    shuffle: bool,
    repeat: RepeatState,
    volume: Option<u32>,
    device: Option<String>,
    queue: Vec<String>,
    recent: usize,
    follows_foreign: bool,
}

async fn seen(api: &SpotifyWebApi, kept: &str) -> Seen {
    let saved = api.get_my_saved_tracks().fetch_all().await.unwrap();
    let mine = api.get_my_playlists().fetch_all().await.unwrap();
    let playlist = api.get_playlist(kept).await.unwrap();
    let items: Vec<_> = api
        .get_playlist_items(kept)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let cover_url = playlist.images[0].url.clone();
    let cover = reqwest::get(&cover_url)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let state = api.get_my_current_playback_info().await.unwrap().unwrap();
    let queue = api.get_my_queue().await.unwrap();
    let recent = api.get_my_recent_tracks().await.unwrap();
    Seen {
        saved: saved
            .iter()
            .filter_map(|s| s.track.id.as_ref().map(ToString::to_string))
            .collect(),
        playlists: mine
            .iter()
            .map(|p| (p.id.to_string(), p.name.clone(), p.snapshot_id.to_string()))
            .collect(),
        kept_items: items
            .iter()
            .filter_map(|i| i.content().and_then(PlayableItem::id).map(str::to_owned))
            .collect(),
        cover: cover.to_vec(),
        playing: state
            .item
            .as_ref()
            .and_then(PlayableItem::id)
            .map(str::to_owned),
        shuffle: state.shuffle_state,
        repeat: state.repeat_state,
        volume: state.device.volume_percent,
        device: state.device.id.clone(),
        queue: queue
            .queue
            .iter()
            .filter_map(PlayableItem::id)
            .map(str::to_owned)
            .collect(),
        recent: recent.items.len(),
        follows_foreign: api
            .current_user_follows_playlist(ids::FOREIGN_PLAYLIST)
            .await
            .unwrap(),
    }
}

#[tokio::test]
async fn what_a_user_changed_is_there_after_a_restart_and_the_old_tokens_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emulator-state.json");
    let emu = emulator_on(&path).await;
    assert_eq!(emu.state_file(), Some(path.as_path()));
    assert!(path.exists(), "created at start");

    // Log in, and change a little of everything.
    let session = support::user_session(&emu, Scope::ALL).await;
    let refresh_token = session.refresh_token().unwrap().to_owned();
    let access_token = session.access_token().unwrap().to_owned();
    let api = support::api_builder(&emu).session(session).build().unwrap();
    api.add_my_tracks([SURFIN_BIRD, ids::RELINKED_TRACK])
        .await
        .unwrap();
    api.follow_playlist(ids::FOREIGN_PLAYLIST).await.unwrap();
    let kept = api.create_playlist("Kept").public(false).await.unwrap();
    let kept_id = kept.id.to_string();
    api.add_playlist_items(&kept.id, [track(SURFIN_BIRD), track(ids::RELINKED_TRACK)])
        .await
        .unwrap();
    api.update_playlist(&kept.id)
        .name("Kept across restarts")
        .await
        .unwrap();
    api.update_playlist_image(&kept.id, JPEG).await.unwrap();
    let album = ContextId::parse(&format!("spotify:album:{}", ids::ALBUM_30_TRACKS)).unwrap();
    api.play().context(album).await.unwrap();
    api.next().await.unwrap();
    api.shuffle(true).await.unwrap();
    api.repeat(RepeatState::Context).await.unwrap();
    api.change_volume(35).await.unwrap();
    api.queue(track(SURFIN_BIRD)).await.unwrap();
    api.pause().await.unwrap();
    emu.advance_clock(Duration::from_secs(600));
    let before = seen(&api, &kept_id).await;
    assert_eq!(before.saved.len(), 2);
    assert!(
        before
            .playlists
            .iter()
            .any(|(id, name, _)| *id == kept_id && name == "Kept across restarts")
    );
    assert_eq!(before.kept_items.len(), 2);
    assert_eq!(before.cover, JPEG);
    assert_eq!(before.recent, 1, "the skipped track");
    // The player's settings are what was set, so their survival below means something.
    assert!(before.playing.is_some());
    assert!(before.shuffle);
    assert_eq!(before.repeat, RepeatState::Context);
    assert_eq!(before.volume, Some(35));
    assert_eq!(before.queue.first().map(String::as_str), Some(SURFIN_BIRD));
    assert!(before.follows_foreign);
    let clock_before = emu_clock(&emu).await;
    emu.shutdown().await;

    // A new emulator on the same file: the old access token still works.
    let emu = emulator_on(&path).await;
    let same_token = support::api_builder(&emu).build().unwrap();
    same_token.set_access_token(access_token);
    assert_eq!(
        same_token.me().await.unwrap().id.as_str(),
        emu.default_user_id()
    );
    assert_eq!(seen(&same_token, &kept_id).await, before);
    assert!(
        emu_clock(&emu).await >= clock_before,
        "the clock's offset is kept"
    );

    // The old refresh token still renews (a PKCE one: the client id alone).
    let mut session = Session::builder(emu.client_id())
        .accounts_url(emu.base_url())
        .redirect_uri(support::REDIRECT)
        .build()
        .unwrap();
    session.set_refresh_token(refresh_token);
    session.refresh_access_token().await.unwrap();
    let renewed = support::api_builder(&emu).session(session).build().unwrap();
    // Editing against the snapshot from before the restart still works.
    let snapshot = renewed.get_playlist(&kept_id).await.unwrap().snapshot_id;
    renewed
        .reorder_playlist_tracks(&kept_id, 0, 2)
        .snapshot_id(snapshot.as_str())
        .await
        .unwrap();
    let after = seen(&renewed, &kept_id).await;
    assert_eq!(after.kept_items, [ids::RELINKED_TRACK, SURFIN_BIRD]);
    assert_eq!(after.saved, before.saved);
}

/// The emulator's virtual clock, in Unix seconds.
async fn emu_clock(emu: &Emulator) -> u64 {
    let clock: serde_json::Value = reqwest::get(format!("{}/__emulator/clock", emu.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    clock["now"].as_u64().unwrap()
}

/// Waits (at most 5 s) until the file satisfies `done`: the background writer at work.
async fn file_soon(path: &Path, done: impl Fn(&str) -> bool) -> String {
    for _ in 0..250 {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if done(&text) {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the state file was not written in 5 s");
}

#[tokio::test]
async fn changes_are_written_soon_while_running_and_a_reset_is_written_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let emu = emulator_on(&path).await;
    let api = support::api_builder(&emu)
        .session(support::user_session(&emu, &[Scope::UserLibraryModify]).await)
        .build()
        .unwrap();
    api.add_my_tracks([SURFIN_BIRD]).await.unwrap();
    // Written by the background writer, the emulator still running.
    let text = file_soon(&path, |text| text.contains(SURFIN_BIRD)).await;
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["format"], "spotify-emulator-state");
    assert_eq!(file["version"], 1);

    support::control(&emu, "reset", serde_json::json!({})).await;
    file_soon(&path, |text| !text.contains(SURFIN_BIRD)).await;
    drop(emu);
    let emu = emulator_on(&path).await;
    let token = support::user_session(&emu, &[Scope::UserLibraryRead]).await;
    let api = support::api_builder(&emu).session(token).build().unwrap();
    assert!(!api.my_tracks_contains([SURFIN_BIRD]).await.unwrap()[0]);
}

#[tokio::test]
async fn a_file_that_cannot_be_read_stops_the_start_names_the_file_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    for (content, problem) in [
        (
            "{\"format\": \"spotify-emulator-state\", \"vers",
            "not a state file",
        ),
        ("[1, 2, 3]", "not a state file"),
        ("{\"format\": \"something else\"}", "not a state file"),
        (
            "{\"format\": \"spotify-emulator-state\", \"version\": 99}",
            "format version 99",
        ),
        (
            "{\"format\": \"spotify-emulator-state\", \"version\": 1, \"catalog\": \"5 tracks\"}",
            "made with another catalogue (5 tracks)",
        ),
    ] {
        std::fs::write(&path, content).unwrap();
        let error = Emulator::builder()
            .state_file(&path)
            .start()
            .await
            .unwrap_err();
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains(problem), "{message}");
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
    }
}
