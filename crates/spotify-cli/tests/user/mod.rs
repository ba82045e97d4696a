//! The user's commands (`me`, `library`, `player`, `login --scopes`), run as a user runs them:
//! `spotify login` against an emulator in the test (it approves the login at once), then one
//! process per command, all sharing the emulator's state.

mod library;
mod player;

use std::path::Path;
use std::process::Command;

use spotify_emulator::{DEFAULT_USER_ID, Emulator, QuotaMode};

use crate::assert_clean_failure;
use crate::support::{self, COLUMNS, run, spotify_at, stdout_of, text};

/// An emulator whose app has `mode`.
pub(crate) async fn emulator(mode: QuotaMode) -> Emulator {
    Emulator::builder()
        .quota_mode(mode)
        .start()
        .await
        .expect("loopback is available")
}

/// Logs `user` in with `spotify login ARGS...`, the emulator approving at once; returns the
/// consent-page URL the CLI sent the user to.
pub(crate) async fn login_as(emu: &Emulator, home: &Path, user: &str, args: &[&str]) -> url::Url {
    let mut cmd = support::spotify_at(emu, home);
    cmd.args(["login", "--no-browser", "--timeout", "60"])
        .args(args);
    approve(emu, user, cmd).await
}

/// Runs `cmd`, a `spotify ... login --no-browser`, the emulator approving `user` at once;
/// returns the consent-page URL the CLI sent the user to.
pub(crate) async fn approve(emu: &Emulator, user: &str, cmd: Command) -> url::Url {
    emu.set_auto_approve(Some(user));
    let login = support::start(cmd).await;
    let url = url::Url::parse(&login.url).expect("consent URL");
    let browser = support::browser();
    let resp = browser.get(&login.url).send().await.expect("authorize");
    let callback = resp.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    browser.get(&callback).send().await.expect("callback");
    let (status, _, stderr) = support::finish(login).await;
    assert!(status.success(), "{stderr}");
    url
}

/// Logs the default (Premium) user in with the CLI's default scopes.
pub(crate) async fn login(emu: &Emulator, home: &Path) {
    login_as(emu, home, DEFAULT_USER_ID, &[]).await;
}

/// `spotify ARGS...` as the logged-in user, tables `COLUMNS` wide.
pub(crate) fn spotify(emu: &Emulator, home: &Path, args: &[&str]) -> Command {
    let mut cmd = spotify_at(emu, home);
    cmd.env("COLUMNS", COLUMNS).args(args);
    cmd
}

/// Runs `spotify ARGS...`, which must succeed; returns its stdout.
pub(crate) async fn ok(emu: &Emulator, home: &Path, args: &[&str]) -> String {
    stdout_of(spotify(emu, home, args)).await
}

/// Runs `spotify ARGS...`, which must fail cleanly with `code`; returns its stderr.
pub(crate) async fn fails(emu: &Emulator, home: &Path, args: &[&str], code: i32) -> String {
    let out = run(spotify(emu, home, args)).await;
    assert_clean_failure(&out, code);
    text(&out.stderr)
}

/// Sets the user's player through the emulator's control plane.
pub(crate) async fn set_player(emu: &Emulator, user: &str, patch: serde_json::Value) {
    let resp = reqwest::Client::new()
        .put(format!("{}/__emulator/users/{user}/player", emu.base_url()))
        .json(&patch)
        .send()
        .await
        .expect("control plane");
    assert!(resp.status().is_success(), "{}", resp.status());
}

/// Adds a fault through the emulator's control plane.
#[tokio::test]
async fn me_prints_the_profile_and_whoami_is_the_same() {
    let emu = emulator(QuotaMode::Extended).await;
    let home = tempfile::tempdir().unwrap();
    login(&emu, home.path()).await;
    let me = ok(&emu, home.path(), &["me"]).await;
    insta::assert_snapshot!(me, @r"
    Emulator User
      id:        emulator-user
      email:     emulator-user@example.com
      country:   SE
      product:   premium
      followers: 0
      uri:       spotify:user:emulator-user
    ");
    assert_eq!(ok(&emu, home.path(), &["whoami"]).await, me);
}

#[tokio::test]
async fn me_json_is_spotifys_profile_object() {
    let emu = emulator(QuotaMode::Extended).await;
    let home = tempfile::tempdir().unwrap();
    login(&emu, home.path()).await;
    let json: serde_json::Value =
        serde_json::from_str(&ok(&emu, home.path(), &["me", "--json"]).await).unwrap();
    assert_eq!(json["id"], DEFAULT_USER_ID);
    assert_eq!(json["type"], "user");
    assert_eq!(json["uri"], "spotify:user:emulator-user");
    assert_eq!(json["email"], "emulator-user@example.com");
    assert_eq!(json["product"], "premium");
    assert_eq!(json["followers"]["total"], 0);
}

#[tokio::test]
async fn a_development_mode_app_sees_a_profile_without_the_removed_fields() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout_of(support::spotify_emulator(home.path(), &["me"])).await;
    assert_eq!(
        out,
        "Emulator User\n  id:  emulator-user\n  uri: spotify:user:emulator-user\n"
    );
}

#[tokio::test]
async fn login_asks_for_exactly_the_scopes_given() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let url = login_as(
        &emu,
        home.path(),
        DEFAULT_USER_ID,
        &["--scopes", "user-read-private, user-modify-playback-state"],
    )
    .await;
    let scope = url
        .query_pairs()
        .find(|(k, _)| k == "scope")
        .map(|(_, v)| v.into_owned());
    assert_eq!(
        scope.as_deref(),
        Some("user-read-private user-modify-playback-state")
    );
    // The token holds those and no more: reading the devices needs another scope, and the
    // login to run keeps the two.
    let stderr = fails(&emu, home.path(), &["player", "devices"], 3).await;
    assert_eq!(
        stderr,
        "error: this needs the scope user-read-playback-state: run `spotify login --scopes user-read-private,user-modify-playback-state,user-read-playback-state`\n"
    );
    // What it has works.
    let album = format!(
        "spotify:album:{}",
        spotify_emulator::catalog_ids::ALBUM_30_TRACKS
    );
    assert_eq!(
        ok(&emu, home.path(), &["player", "play", &album]).await,
        format!("Playing {album}.\n")
    );
}

#[tokio::test]
async fn a_bad_scope_name_is_a_usage_error_listing_the_valid_ones() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let stderr = fails(
        &emu,
        home.path(),
        &[
            "login",
            "--no-browser",
            "--scopes",
            "user-read-private playback",
        ],
        2,
    )
    .await;
    assert!(
        stderr.starts_with("error: unknown scope \"playback\" in --scopes; the valid scopes are: app-remote-control, playlist-read-private,"),
        "{stderr}"
    );
    assert!(stderr.contains("user-modify-playback-state"), "{stderr}");
    // Refused before the login starts: no token asked for, no consent page served.
    assert_eq!(emu.stats().token_requests, 0);
    assert!(emu.requests().is_empty(), "{:?}", emu.requests());
}

#[tokio::test]
async fn a_token_without_a_scope_gets_the_login_to_run_for_every_command() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    login_as(
        &emu,
        home.path(),
        DEFAULT_USER_ID,
        &["--scopes", "user-read-private"],
    )
    .await;
    for (args, scope) in [
        (&["player", "pause"][..], "user-modify-playback-state"),
        (&["player", "status"][..], "user-read-playback-state"),
        (&["library", "list"][..], "user-library-read"),
        (
            &["library", "save", "spotify:track:7EjyzZcbLxW7PaaLua9Ksb"][..],
            "user-library-modify",
        ),
    ] {
        let stderr = fails(&emu, home.path(), args, 3).await;
        assert_eq!(
            stderr,
            format!(
                "error: this needs the scope {scope}: run `spotify login --scopes user-read-private,{scope}`\n"
            ),
            "{args:?}"
        );
    }
    // The profile needs only what the token has.
    assert!(
        ok(&emu, home.path(), &["me"])
            .await
            .starts_with("Emulator User\n")
    );
}
