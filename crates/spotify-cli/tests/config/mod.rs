//! `spotify config` and profiles (`--profile NAME`, `SPOTIFY_PROFILE`): where things live,
//! which app and user are active, and one login per profile.

use std::path::Path;

use serde_json::Value;
use spotify_emulator::{DEFAULT_USER_ID, Emulator, FREE_USER_ID, QuotaMode};

use crate::support::{run, spotify, spotify_at, stdout_of, text};
use crate::user::{approve, emulator, fails, login, login_as, ok};

/// `spotify config --json` on `emu`, for `profile` (through `--profile`).
async fn config(emu: &Emulator, home: &Path, profile: Option<&str>) -> Value {
    let mut args = vec!["config", "--json"];
    if let Some(name) = profile {
        args.extend(["--profile", name]);
    }
    serde_json::from_str(&ok(emu, home, &args).await).unwrap()
}

#[tokio::test]
async fn config_shows_where_things_live_and_that_nobody_is_logged_in() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.arg("config");
    let shown = stdout_of(cmd).await;
    let settings = home.path().join("config/spotify-cli/config.json");
    let tokens = home.path().join("spotify-cli/tokens.sqlite3");
    for line in [
        "Profile default".to_owned(),
        format!("  settings: {}", settings.display()),
        format!("  tokens:   {}", tokens.display()),
        "  api:      https://api.spotify.com/v1".to_owned(),
        "  user:     not logged in: run `spotify login`".to_owned(),
    ] {
        assert!(shown.lines().any(|l| l == line), "{line:?} in\n{shown}");
    }
    assert!(
        shown.contains("  app:      none: set SPOTIFY_CLIENT_ID"),
        "{shown}"
    );
}

#[tokio::test]
async fn each_profile_has_its_own_login_and_the_default_keeps_its_own() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let shown = config(&emu, home, None).await;
    assert_eq!(shown["profile"], "default");
    assert_eq!(shown["client_id"], emu.client_id());
    assert_eq!(shown["user"], format!("{DEFAULT_USER_ID} (Emulator User)"));
    assert!(shown["scopes"].as_array().is_some_and(|s| !s.is_empty()));

    // A new profile has no login yet...
    // The hint logs in the same profile: a bare `spotify login` would log in the default one.
    let stderr = fails(&emu, home, &["--profile", "work", "whoami"], 3).await;
    assert!(
        stderr.contains("not logged in: run `spotify --profile work login`"),
        "{stderr}"
    );
    assert!(config(&emu, home, Some("work")).await["user"].is_null());
    let table = ok(&emu, home, &["--profile", "work", "config"]).await;
    assert!(
        table.contains("not logged in: run `spotify --profile work login`"),
        "{table}"
    );
    // ...until it logs in, as another user, in the same token database.
    login_as(&emu, home, FREE_USER_ID, &["--profile", "work"]).await;
    let work = ok(&emu, home, &["--profile", "work", "whoami", "--json"]).await;
    assert!(work.contains(FREE_USER_ID), "{work}");
    let mut cmd = spotify_at(&emu, home);
    cmd.env("SPOTIFY_PROFILE", "work").args(["me", "--json"]);
    assert!(stdout_of(cmd).await.contains(FREE_USER_ID));
    let default = ok(&emu, home, &["whoami", "--json"]).await;
    assert!(default.contains(DEFAULT_USER_ID), "{default}");
    let work_config = config(&emu, home, Some("work")).await;
    assert_eq!(work_config["token_database"], shown["token_database"]);
    assert_eq!(work_config["profiles"], serde_json::json!(["default"]));

    // Logging one profile out leaves the other logged in.
    ok(&emu, home, &["--profile", "work", "logout"]).await;
    fails(&emu, home, &["--profile", "work", "whoami"], 3).await;
    assert!(ok(&emu, home, &["whoami"]).await.contains(DEFAULT_USER_ID));
}

#[tokio::test]
async fn a_profile_keeps_its_own_app_and_server() {
    let emu = Emulator::start().await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    // Set for the profile only: no SPOTIFY_CLIENT_ID nor SPOTIFY_BASE_URL from now on.
    for (key, value) in [("client-id", emu.client_id()), ("base-url", emu.base_url())] {
        let mut cmd = spotify(home);
        cmd.args(["--profile", "emu", "config", "set", key, value]);
        assert_eq!(
            stdout_of(cmd).await,
            format!("Set {key} for profile emu.\n")
        );
    }
    let file: Value = serde_json::from_slice(
        &std::fs::read(home.join("config/spotify-cli/config.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(file["profiles"]["emu"]["client_id"], emu.client_id());

    // The profile's app logs in (PKCE) and reads through the profile's server.
    let mut cmd = spotify(home);
    cmd.args([
        "--profile",
        "emu",
        "login",
        "--no-browser",
        "--timeout",
        "60",
    ]);
    approve(&emu, DEFAULT_USER_ID, cmd).await;
    let mut cmd = spotify(home);
    cmd.args(["--profile", "emu", "whoami"]);
    assert!(stdout_of(cmd).await.contains(DEFAULT_USER_ID));
    // The default profile has none of it.
    let mut cmd = spotify(home);
    cmd.arg("whoami");
    crate::assert_clean_failure(&run(cmd).await, 2);

    // Unset, the profile has no app again.
    let mut cmd = spotify(home);
    cmd.args(["--profile", "emu", "config", "unset", "client-id"]);
    stdout_of(cmd).await;
    let mut cmd = spotify(home);
    cmd.args(["--profile", "emu", "config", "--json"]);
    let shown: Value = serde_json::from_str(&stdout_of(cmd).await).unwrap();
    assert!(shown["client_id"].is_null(), "{shown}");
    assert_eq!(shown["api_url"], format!("{}/v1", emu.base_url()));
}

#[tokio::test]
async fn a_bad_profile_name_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.args(["--profile", "../x", "config"]);
    let out = run(cmd).await;
    crate::assert_clean_failure(&out, 2);
    assert!(
        text(&out.stderr).contains("bad profile name"),
        "{}",
        text(&out.stderr)
    );
}

/// The settings file under `home`, written cut short (`CORRUPT`); returns its path.
fn corrupt_settings(home: &Path) -> std::path::PathBuf {
    let path = home.join("config/spotify-cli/config.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, CORRUPT).unwrap();
    path
}

/// A settings file cut short.
const CORRUPT: &str = "{\"profiles\": {\"work\": ";

#[tokio::test]
async fn a_corrupt_settings_file_is_named_and_config_set_rewrites_it() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let path = corrupt_settings(home);
    // --emulator has its own app and server: the settings do not matter to it.
    let mut cmd = spotify(home);
    cmd.args(["--emulator", "track", crate::support::SURFIN_BIRD, "--json"]);
    assert!(stdout_of(cmd).await.contains("Surfin' Bird"));
    // Other commands say which file is wrong and how to repair it.
    let mut cmd = spotify(home);
    cmd.arg("whoami");
    let stderr = crate::clean_failure(cmd, 1).await;
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(stderr.contains("remove it"), "{stderr}");
    // `config set` repairs it, keeping the old file beside it.
    let mut cmd = spotify(home);
    cmd.args(["config", "set", "client-id", "abc"]);
    let said = stdout_of(cmd).await;
    assert!(
        said.starts_with("Set client-id for profile default"),
        "{said}"
    );
    let kept = path.with_extension("json.corrupt");
    assert!(said.contains(&kept.display().to_string()), "{said}");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), CORRUPT);
    let mut cmd = spotify(home);
    cmd.args(["config", "--json"]);
    let shown: Value = serde_json::from_str(&stdout_of(cmd).await).unwrap();
    assert_eq!(shown["client_id"], "abc", "{shown}");
    // And so does `config unset`; the first backup stays, the second gets a name of its own.
    std::fs::write(&path, "not json").unwrap();
    let mut cmd = spotify(home);
    cmd.args(["config", "unset", "base-url"]);
    let said = stdout_of(cmd).await;
    let second = path.with_extension("json.corrupt.2");
    assert!(said.contains(&second.display().to_string()), "{said}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\n  \"profiles\": {}\n}\n"
    );
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), CORRUPT);
    assert_eq!(std::fs::read_to_string(&second).unwrap(), "not json");
}

/// `spotify config` (with or without `--emulator`) shows a corrupt settings file where it
/// is, why it cannot be used and how to repair it, and the rest as usual, and succeeds: it
/// failed on the file like every other command.
#[tokio::test]
async fn config_shows_a_corrupt_settings_file_and_how_to_repair_it() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let path = corrupt_settings(home);
    let repair = "fix it, remove it, or run `spotify config set KEY VALUE` (or `unset KEY`)";
    for emulator in [false, true] {
        let mut cmd = spotify(home);
        cmd.env("COLUMNS", "400");
        if emulator {
            cmd.arg("--emulator");
        }
        cmd.arg("config");
        let shown = stdout_of(cmd).await;
        let settings = format!("  settings: {}", path.display());
        assert!(shown.lines().any(|l| l == settings), "{shown}");
        let problem = shown.lines().find(|l| l.starts_with("  problem:  "));
        let problem = problem.unwrap_or_else(|| panic!("no problem line in\n{shown}"));
        assert!(
            problem.contains("not valid (EOF while parsing a value at line 1 column 22)"),
            "{shown}"
        );
        assert!(problem.contains(repair), "{shown}");
        assert!(shown.contains("  tokens:   "), "{shown}");
        if emulator {
            assert!(shown.contains("  user:     emulator-user"), "{shown}");
        } else {
            assert!(
                shown.contains("  app:      unknown: the settings file cannot be used"),
                "{shown}"
            );
        }
    }
    let mut cmd = spotify(home);
    cmd.args(["config", "--json"]);
    let shown: Value = serde_json::from_str(&stdout_of(cmd).await).unwrap();
    assert_eq!(shown["settings_file"], path.display().to_string());
    assert!(
        shown["settings_problem"].as_str().unwrap().contains(repair),
        "{shown}"
    );
    assert_eq!(shown["profiles"], Value::Null);
    // An app from the environment is known, but not the API the file may set, nor so the
    // login: no hint to log in, which would fail on the same file.
    let mut cmd = spotify(home);
    cmd.env("COLUMNS", "400")
        .env("SPOTIFY_CLIENT_ID", "envid")
        .arg("config");
    let shown = stdout_of(cmd).await;
    assert!(shown.contains("  app:      envid"), "{shown}");
    assert!(
        shown.contains("  api:      unknown: the settings file cannot be used"),
        "{shown}"
    );
    assert!(
        shown.contains("  user:     unknown: the settings file cannot be used"),
        "{shown}"
    );
    // Under a profile, the repair names it: run as shown, it writes that profile's setting.
    let mut cmd = spotify(home);
    cmd.env("COLUMNS", "400")
        .args(["--profile", "work", "config"]);
    let shown = stdout_of(cmd).await;
    assert!(
        shown.contains("run `spotify --profile work config set KEY VALUE`"),
        "{shown}"
    );
    let mut cmd = spotify(home);
    cmd.args(["--profile", "work", "whoami"]);
    let stderr = crate::clean_failure(cmd, 1).await;
    assert!(
        stderr.contains("run `spotify --profile work config set KEY VALUE`"),
        "{stderr}"
    );
    // The file is left as it was.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), CORRUPT);
}

#[tokio::test]
async fn a_profiles_app_is_never_paired_with_the_environments_secret() {
    let emu = Emulator::start().await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let profile = |args: &[&str]| {
        let mut cmd = spotify(home);
        cmd.env("SPOTIFY_BASE_URL", emu.base_url())
            // Another app's secret, for SPOTIFY_CLIENT_ID's app, not for the profile's.
            .env("SPOTIFY_CLIENT_SECRET", "secret-of-another-app")
            .args(["--profile", "emu"])
            .args(args);
        cmd
    };
    stdout_of(profile(&["config", "set", "client-id", emu.client_id()])).await;
    // Not logged in: no mismatched pair sent to the accounts service, but what to do.
    let out = run(profile(&["track", crate::support::SURFIN_BIRD])).await;
    crate::assert_clean_failure(&out, 2);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("SPOTIFY_CLIENT_SECRET"), "{stderr}");
    assert!(stderr.contains("spotify --profile emu login"), "{stderr}");
    // Logged in: the profile's login reads the catalogue.
    approve(
        &emu,
        DEFAULT_USER_ID,
        profile(&["login", "--no-browser", "--timeout", "60"]),
    )
    .await;
    let track = stdout_of(profile(&["track", crate::support::SURFIN_BIRD, "--json"])).await;
    assert!(track.contains("Surfin' Bird"), "{track}");
    // The ID and the secret from the same place are the app's credentials.
    let mut cmd = profile(&["track", crate::support::SURFIN_BIRD, "--json"]);
    cmd.env("SPOTIFY_CLIENT_ID", emu.client_id())
        .env("SPOTIFY_CLIENT_SECRET", emu.client_secret())
        .env("XDG_DATA_HOME", home.join("no-logins"));
    assert!(stdout_of(cmd).await.contains("Surfin' Bird"));
    // No secret anywhere and no login: the hint is the profile's login.
    let mut cmd = spotify(home);
    cmd.env("SPOTIFY_BASE_URL", emu.base_url())
        .env("XDG_DATA_HOME", home.join("no-logins"))
        .args(["--profile", "emu", "track", crate::support::SURFIN_BIRD]);
    let stderr = crate::clean_failure(cmd, 2).await;
    assert!(
        stderr.contains("run `spotify --profile emu login`"),
        "{stderr}"
    );
}

#[tokio::test]
async fn an_empty_setting_is_refused_and_the_file_is_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let mut cmd = spotify(home);
    cmd.args(["config", "set", "client-id", "abc"]);
    stdout_of(cmd).await;
    let path = home.join("config/spotify-cli/config.json");
    let before = std::fs::read_to_string(&path).unwrap();
    for key in ["client-id", "base-url"] {
        let mut cmd = spotify(home);
        cmd.args(["config", "set", key, "  "]);
        let stderr = crate::clean_failure(cmd, 2).await;
        assert!(
            stderr.contains(&format!("spotify config unset {key}")),
            "{stderr}"
        );
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    // Under a profile, the hint names it: run as shown, it unsets that profile's setting.
    let mut cmd = spotify(home);
    cmd.args(["--profile", "work", "config", "set", "client-id", " "]);
    let stderr = crate::clean_failure(cmd, 2).await;
    assert!(
        stderr.contains("`spotify --profile work config unset client-id`"),
        "{stderr}"
    );
}

/// Every hint that names a command to run names the profile in use: run as shown without it,
/// the command would act on the default profile's login. Each failed with a bare `spotify`.
#[tokio::test]
async fn hints_that_name_a_command_name_the_profile_in_use() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login_as(&emu, home, DEFAULT_USER_ID, &["--profile", "work"]).await;
    let work = |args: &[&'static str]| {
        let mut all = vec!["--profile", "work"];
        all.extend_from_slice(args);
        all
    };
    // Nothing is loaded: skipping is refused with NOT_PLAYING_TRACK.
    let stderr = fails(&emu, home, &work(&["player", "next"]), 4).await;
    assert!(
        stderr.contains("(`spotify --profile work player play ITEM`)"),
        "{stderr}"
    );
    // No active device.
    crate::user::set_player(
        &emu,
        DEFAULT_USER_ID,
        serde_json::json!({"active_device": null}),
    )
    .await;
    let stderr = fails(&emu, home, &work(&["player", "pause"]), 4).await;
    assert!(
        stderr.contains("run `spotify --profile work player transfer <device>`"),
        "{stderr}"
    );
    // Another user's playlists, refused to a development-mode app.
    let stderr = fails(
        &emu,
        home,
        &work(&["playlist", "list", "--user", "emulator-other"]),
        2,
    )
    .await;
    assert!(
        stderr.contains("`spotify --profile work playlist list` lists your own"),
        "{stderr}"
    );
    // A playlist with more items than its first page.
    let playlist = spotify_emulator::catalog_ids::PLAYLIST_250_ITEMS;
    let shown = ok(&emu, home, &work(&["playlist", playlist])).await;
    assert!(
        shown.ends_with(&format!(
            "(every item: spotify --profile work playlist items {playlist})\n"
        )),
        "{shown}"
    );
}

/// On a narrow terminal the hints of `spotify config` wrap under their label instead of being
/// cut, and each command to run stays whole on one line (they were cut at the width: `run
/// `spotify --profile work lo…`).
#[tokio::test]
async fn config_hints_wrap_on_a_narrow_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.env("COLUMNS", "40")
        .args(["--profile", "work", "config"]);
    let shown = stdout_of(cmd).await;
    let lines: Vec<&str> = shown.lines().collect();
    // A field's value: its first line after the label, then the lines under it.
    let value = |label: &str| {
        let start = lines
            .iter()
            .position(|l| l.starts_with(&format!("  {label}:")))
            .unwrap_or_else(|| panic!("no {label} in\n{shown}"));
        let mut words = vec![lines[start][12..].to_owned()];
        for line in &lines[start + 1..] {
            match line.strip_prefix("            ") {
                Some(more) => words.push(more.to_owned()),
                None => break,
            }
        }
        words
    };
    assert_eq!(
        value("app"),
        [
            "none: set SPOTIFY_CLIENT_ID",
            "or",
            "`spotify --profile work config set client-id ID`"
        ],
        "{shown}"
    );
    assert_eq!(
        value("user"),
        ["not logged in: run", "`spotify --profile work login`"],
        "{shown}"
    );
    for line in &lines {
        assert!(!line.contains('…'), "cut: {line:?} in\n{shown}");
    }
}
