//! `spotify player ...`.

use std::path::Path;

use spotify_emulator::{
    DEFAULT_USER_ID, DESKTOP_DEVICE_ID, Emulator, FREE_USER_ID, QuotaMode, SPEAKER_DEVICE_ID,
    catalog_ids as ids,
};

use super::{emulator, fails, login, login_as, ok, set_player};
use crate::support::{self, SURFIN_BIRD};

/// `player status --json`, decoded.
async fn state(emu: &Emulator, home: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(emu, home, &["player", "status", "--json"]).await).unwrap()
}

/// The ID of the `n`th track (from 0) of the 30-track album.
async fn album_track(emu: &Emulator, home: &Path, n: usize) -> String {
    let album: serde_json::Value =
        serde_json::from_str(&ok(emu, home, &["album", ids::ALBUM_30_TRACKS, "--json"]).await)
            .unwrap();
    album["tracks"]["items"][n]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_session_at_the_player() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let album = format!("spotify:album:{}", ids::ALBUM_30_TRACKS);
    let (first, second) = (
        album_track(&emu, home, 0).await,
        album_track(&emu, home, 1).await,
    );

    insta::assert_snapshot!(ok(&emu, home, &["player", "devices"]).await, @r"
    ACTIVE  NAME              TYPE              VOLUME  ID
    *       Emulator Desktop  Computer             80%  a1b2c3d4e5f60718293a4b5c6d7e8f9012345678
            Kitchen speaker   Speaker              50%  5fbb3ba6aa454b5534c4ba43a8c7e8e45a63ad0e
            Car stereo        Automobile  100% (fixed)  ca7c0ffee0b1ade5d00d0000000000000000beef
    ");
    assert_eq!(
        ok(&emu, home, &["player", "status"]).await,
        "Nothing playing.\n"
    );

    // Transfer by a prefix of the name, any case; then play an album there.
    assert_eq!(
        ok(&emu, home, &["player", "transfer", "KITCHEN"]).await,
        "Playback moved to Kitchen speaker.\n"
    );
    assert_eq!(
        ok(&emu, home, &["player", "play", &album]).await,
        format!("Playing {album}.\n")
    );
    let now = state(&emu, home).await;
    assert_eq!(now["item"]["id"], first.as_str());
    assert_eq!(now["context"]["uri"], album.as_str());
    assert_eq!(now["device"]["id"], SPEAKER_DEVICE_ID);
    assert_eq!(now["is_playing"], true);

    assert_eq!(
        ok(&emu, home, &["player", "next"]).await,
        "Skipped to the next item.\n"
    );
    assert_eq!(state(&emu, home).await["item"]["id"], second.as_str());
    assert_eq!(
        ok(&emu, home, &["player", "prev"]).await,
        "Back to the previous item.\n"
    );
    assert_eq!(state(&emu, home).await["item"]["id"], first.as_str());

    assert_eq!(ok(&emu, home, &["player", "pause"]).await, "Paused.\n");
    let stderr = fails(&emu, home, &["player", "pause"], 4).await;
    assert!(stderr.starts_with("error: already paused: "), "{stderr}");

    assert_eq!(
        ok(&emu, home, &["player", "volume", "30"]).await,
        "Volume set to 30%.\n"
    );
    assert_eq!(
        ok(&emu, home, &["player", "shuffle", "on"]).await,
        "Shuffle on.\n"
    );
    assert_eq!(
        ok(&emu, home, &["player", "repeat", "track"]).await,
        "Repeat track.\n"
    );
    assert_eq!(
        ok(&emu, home, &["player", "seek", "1:05"]).await,
        "Moved to 1:05.\n"
    );
    let now = state(&emu, home).await;
    assert_eq!(now["device"]["volume_percent"], 30);
    assert_eq!(now["shuffle_state"], true);
    assert_eq!(now["repeat_state"], "track");
    assert_eq!(now["progress_ms"], 65_000);
    assert_eq!(now["is_playing"], false);

    let status = ok(&emu, home, &["player", "status"]).await;
    let name = now["item"]["name"].as_str().unwrap();
    let lines: Vec<&str> = status.lines().collect();
    assert_eq!(lines[0], name, "{status}");
    let duration_ms = now["item"]["duration_ms"].as_u64().unwrap();
    let duration = format!("{}:{:02}", duration_ms / 60_000, duration_ms / 1000 % 60);
    for line in [
        format!("  progress: 1:05 / {duration} (paused)"),
        "  device:   Kitchen speaker (Speaker)".to_owned(),
        "  volume:   30%".to_owned(),
        "  shuffle:  on".to_owned(),
        "  repeat:   track".to_owned(),
        format!("  context:  {album}"),
        format!("  uri:      spotify:track:{first}"),
    ] {
        assert!(lines.contains(&line.as_str()), "{line:?} in\n{status}");
    }

    // The queue plays before the rest of the album.
    let surfin = format!("spotify:track:{SURFIN_BIRD}");
    assert_eq!(
        ok(&emu, home, &["player", "queue", "add", &surfin]).await,
        format!("Added {surfin} to the queue.\n")
    );
    let queue = ok(&emu, home, &["player", "queue"]).await;
    let lines: Vec<&str> = queue.lines().collect();
    assert!(
        lines[0].starts_with(&format!("Now playing: {name} (")),
        "{queue}"
    );
    assert_eq!(lines[2], "Up next:", "{queue}");
    assert!(lines[3].starts_with(" #  TITLE"), "{queue}");
    assert!(lines[4].starts_with(" 1  Surfin' Bird"), "{queue}");
    assert!(lines[4].ends_with(&surfin), "{queue}");

    // Resume, on another device named by its ID.
    assert_eq!(
        ok(
            &emu,
            home,
            &["player", "play", "--device", DESKTOP_DEVICE_ID]
        )
        .await,
        "Resumed.\n"
    );
    let now = state(&emu, home).await;
    assert_eq!(now["device"]["id"], DESKTOP_DEVICE_ID);
    assert_eq!(now["is_playing"], true);
}

#[tokio::test]
async fn play_takes_tracks_an_offset_and_a_position() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let (a, b) = (
        album_track(&emu, home, 3).await,
        album_track(&emu, home, 4).await,
    );
    let b_uri = format!("spotify:track:{b}");
    assert_eq!(
        ok(
            &emu,
            home,
            &[
                "player",
                "play",
                &format!("track:{a}"),
                &format!("https://open.spotify.com/track/{b}"),
                "--offset",
                &b_uri,
                "--position",
                "0:42",
            ],
        )
        .await,
        "Playing 2 items.\n"
    );
    let now = state(&emu, home).await;
    assert_eq!(now["item"]["id"], b.as_str());
    // Playing: the clock has moved on a little since.
    let progress = now["progress_ms"].as_u64().unwrap();
    assert!((42_000..52_000).contains(&progress), "{progress}");
    assert!(now["context"].is_null());

    let album = format!("album:{}", ids::ALBUM_30_TRACKS);
    ok(&emu, home, &["player", "play", &album, "--offset", "4"]).await;
    assert_eq!(state(&emu, home).await["item"]["id"], b.as_str());

    // A context plays alone; a user does not play.
    let stderr = fails(
        &emu,
        home,
        &["player", "play", &album, &format!("track:{a}")],
        2,
    )
    .await;
    assert!(
        stderr.contains("is a context, which plays alone"),
        "{stderr}"
    );
    let stderr = fails(&emu, home, &["player", "play", "spotify:user:wizzler"], 2).await;
    assert!(
        stderr.starts_with("error: bad item \"spotify:user:wizzler\": it is a user"),
        "{stderr}"
    );
    // clap's usage error, with its hint to --help.
    let out = support::run(super::spotify(&emu, home, &["player", "seek", "1:75"])).await;
    assert_eq!(out.status.code(), Some(2));
    let stderr = support::text(&out.stderr);
    assert!(
        stderr.starts_with("error: invalid value '1:75' for '<mm:ss|SECONDS>': \"1:75\" is not a position: give mm:ss, h:mm:ss or seconds\n"),
        "{stderr}"
    );
    let stderr = fails(&emu, home, &["player", "transfer", "toaster"], 2).await;
    assert!(
        stderr.starts_with("error: no device \"toaster\"; the devices are: \"Emulator Desktop\""),
        "{stderr}"
    );
}

#[tokio::test]
async fn no_active_device_says_how_to_start_one() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    set_player(
        &emu,
        DEFAULT_USER_ID,
        serde_json::json!({"active_device": null}),
    )
    .await;
    let stderr = fails(&emu, home, &["player", "pause"], 4).await;
    assert!(
        stderr.starts_with("error: no active device: start Spotify on a device or run `spotify player transfer <device>`: "),
        "{stderr}"
    );
    assert!(stderr.contains("NO_ACTIVE_DEVICE"), "{stderr}");
    assert_eq!(
        ok(&emu, home, &["player", "status"]).await,
        "Nothing playing.\n"
    );
    assert_eq!(
        ok(&emu, home, &["player", "status", "--json"]).await,
        "null\n"
    );
}

#[tokio::test]
async fn a_refusal_without_a_reason_reads_as_the_likely_one() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let resp = reqwest::Client::new()
        .put(format!("{}/__emulator/config", emu.base_url()))
        .json(&serde_json::json!({"player_restriction_reason": "unknown"}))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
    // Nothing is loaded: pausing is refused, as Spotify does, with UNKNOWN.
    let stderr = fails(&emu, home, &["player", "pause"], 4).await;
    assert!(
        stderr.starts_with(
            "error: already paused (Spotify gave no reason; this is the likely one): "
        ),
        "{stderr}"
    );
    assert!(stderr.contains("UNKNOWN"), "{stderr}");
}

#[tokio::test]
async fn a_free_user_is_told_premium_is_required() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login_as(&emu, home, FREE_USER_ID, &[]).await;
    // Reading works...
    assert!(
        ok(&emu, home, &["player", "devices"])
            .await
            .contains("Emulator Phone")
    );
    // ...commands do not.
    let album = format!("spotify:album:{}", ids::ALBUM_30_TRACKS);
    let stderr = fails(&emu, home, &["player", "play", &album], 4).await;
    assert!(
        stderr.starts_with("error: this needs Spotify Premium: "),
        "{stderr}"
    );
    assert!(stderr.contains("PREMIUM_REQUIRED"), "{stderr}");
}

#[tokio::test]
async fn the_builtin_emulator_plays_as_its_premium_user() {
    let home = tempfile::tempdir().unwrap();
    let album = format!("spotify:album:{}", ids::ALBUM_30_TRACKS);
    let out = support::stdout_of(support::spotify_emulator(
        home.path(),
        &["player", "play", &album, "--device", "kitchen"],
    ))
    .await;
    assert_eq!(out, format!("Playing {album}.\n"));
    let devices = support::stdout_of(support::spotify_emulator(
        home.path(),
        &["player", "devices"],
    ))
    .await;
    assert!(devices.contains("Emulator Desktop"), "{devices}");
}
