//! The `spotify` binary, run as a user runs it, against emulators.

mod api;
mod catalog;
mod config;
mod output;
mod shell;
mod support;
mod user;
mod user_playlists;

use std::time::Duration;

use spotify_emulator::Emulator;
use support::{SURFIN_BIRD, run, spotify, spotify_at, text};

/// A failure is one or two lines on stderr, with no panic and no backtrace.
/// Runs `cmd`, which must fail cleanly with exit code `code` (see [`assert_clean_failure`]);
/// its standard error.
pub(crate) async fn clean_failure(cmd: std::process::Command, code: i32) -> String {
    let out = crate::support::run(cmd).await;
    assert_clean_failure(&out, code);
    text(&out.stderr)
}

pub(crate) fn assert_clean_failure(out: &std::process::Output, code: i32) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!((1..=2).contains(&stderr.lines().count()), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

#[tokio::test]
async fn emulator_track_prints_the_track() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.args(["--emulator", "track", SURFIN_BIRD]);
    let out = run(cmd).await;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "Surfin' Bird");
    assert_eq!(lines[1], "  artists:  The Trashmen");
    assert!(lines[2].starts_with("  album:    "), "{stdout}");
    assert!(
        lines.iter().any(|l| l.starts_with("  duration: ")),
        "{stdout}"
    );
    assert_eq!(
        *lines.last().unwrap(),
        format!("  uri:      spotify:track:{SURFIN_BIRD}")
    );
}

/// The system's root certificates are read at the first `https` handshake, not when the
/// HTTP client is built: with none to read (`SSL_CERT_FILE` and `SSL_CERT_DIR` name an empty
/// directory), `--emulator`, all plain `http`, still works. It failed with "cannot build the
/// http client: No CA certificates were loaded from the system" when they were read at once.
#[tokio::test]
async fn emulator_track_reads_no_root_certificates() {
    let home = tempfile::tempdir().unwrap();
    let no_certs = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.env("SSL_CERT_FILE", no_certs.path().join("none.pem"))
        .env("SSL_CERT_DIR", no_certs.path())
        .args(["--emulator", "track", SURFIN_BIRD]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().next(), Some("Surfin' Bird"));
}

#[tokio::test]
async fn spotify_log_shows_each_request_as_the_readme_says() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.env("SPOTIFY_LOG", "spotify_web_api=debug")
        .args(["--emulator", "track", SURFIN_BIRD]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    // The token request and the track's, each with its template, status and size.
    let answered: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("spotify_request{") && l.contains(" status=200 bytes="))
        .collect();
    assert!(
        answered
            .iter()
            .any(|l| l.contains("method=POST path=/api/token ")),
        "{stderr}"
    );
    assert!(
        answered
            .iter()
            .any(|l| l.contains("method=GET path=/tracks/{id} attempt=0 wait_ms=")),
        "{stderr}"
    );
    // The ID stays out of the path, and a log on a pipe is plain text.
    assert!(!stderr.contains(SURFIN_BIRD), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    // The output itself is untouched.
    assert_eq!(text(&out.stdout).lines().next(), Some("Surfin' Bird"));
}

#[tokio::test]
async fn json_flag_prints_the_whole_track() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.args([
        "--emulator",
        "track",
        &format!("https://open.spotify.com/track/{SURFIN_BIRD}?si=x"),
        "--json",
    ]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["name"], "Surfin' Bird");
    assert_eq!(json["type"], "track");
    assert_eq!(json["artists"][0]["name"], "The Trashmen");
    assert!(json["album"]["id"].is_string());
    assert!(json["external_ids"]["isrc"].is_string());
}

#[tokio::test]
async fn bad_and_wrong_kind_ids_exit_with_usage_errors() {
    let home = tempfile::tempdir().unwrap();
    for input in ["not-an-id", "spotify:album:4aawyAB9vmqN3uQ7FjRGTy"] {
        let mut cmd = spotify(home.path());
        cmd.args(["--emulator", "track", input]);
        let out = run(cmd).await;
        assert_clean_failure(&out, 2);
        assert!(
            text(&out.stderr).contains("invalid track id"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[tokio::test]
async fn unknown_track_exits_with_an_api_error() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.args(["--emulator", "track", "0000000000000000000000"]);
    let out = run(cmd).await;
    assert_clean_failure(&out, 4);
    assert!(text(&out.stderr).contains("404"), "{}", text(&out.stderr));
}

#[tokio::test]
async fn missing_credentials_name_both_variables_and_the_emulator() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.args(["track", SURFIN_BIRD]);
    let out = run(cmd).await;
    assert_clean_failure(&out, 2);
    let stderr = text(&out.stderr);
    for needle in ["SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET", "--emulator"] {
        assert!(stderr.contains(needle), "{stderr}");
    }
}

#[tokio::test]
async fn a_wrong_secret_exits_with_an_auth_error_and_does_not_echo_it() {
    let emu = Emulator::start().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify_at(&emu, home.path());
    cmd.env("SPOTIFY_CLIENT_SECRET", "wrong-secret-value")
        .args(["track", SURFIN_BIRD]);
    let out = run(cmd).await;
    assert_clean_failure(&out, 3);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Invalid client secret"), "{stderr}");
    assert!(!stderr.contains("wrong-secret-value"), "{stderr}");
}

#[tokio::test]
async fn login_whoami_logout_across_processes() {
    let emu = Emulator::start().await;
    let home = tempfile::tempdir().unwrap();

    // Not logged in yet.
    let mut cmd = spotify_at(&emu, home.path());
    cmd.arg("whoami");
    let out = run(cmd).await;
    assert_clean_failure(&out, 3);
    assert!(
        text(&out.stderr).contains("spotify login"),
        "{}",
        text(&out.stderr)
    );

    // Log in, submitting the consent form as a browser without JavaScript would.
    let login = support::start_login(&emu, home.path()).await;
    let url = login.url.clone();
    let browser = support::browser();
    let page = browser.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let callback = support::submit_consent(&emu, &url, "accept").await;
    assert!(callback.starts_with("http://127.0.0.1:"), "{callback}");
    let landing = browser
        .get(&callback)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(landing.contains("Logged in"), "{landing}");
    let (status, stdout, stderr) = support::finish(login).await;
    assert!(status.success(), "{stderr}");
    assert_eq!(stdout, "Logged in as Emulator User.\n");
    assert!(
        stderr.contains(&url),
        "the URL is printed for the user: {stderr}"
    );

    // The token database is private.
    let db = home.path().join("spotify-cli").join("tokens.sqlite3");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }

    // A later process uses the stored token...
    let mut cmd = spotify_at(&emu, home.path());
    cmd.arg("whoami");
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(emu.default_user_id()),
        "{}",
        text(&out.stdout)
    );

    // ...and refreshes it silently once it has expired.
    let before = emu
        .stats()
        .token_requests_by_grant
        .get("refresh_token")
        .copied()
        .unwrap_or(0);
    emu.advance_clock(Duration::from_secs(2 * 3600));
    for _ in 0..2 {
        let mut cmd = spotify_at(&emu, home.path());
        cmd.arg("whoami");
        let out = run(cmd).await;
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let after = emu.stats().token_requests_by_grant["refresh_token"];
    assert_eq!(
        after,
        before + 1,
        "the refreshed token was stored and reused"
    );

    // Logged out, whoami fails again.
    let mut cmd = spotify_at(&emu, home.path());
    cmd.arg("logout");
    assert!(run(cmd).await.status.success());
    let mut cmd = spotify_at(&emu, home.path());
    cmd.arg("whoami");
    assert_clean_failure(&run(cmd).await, 3);
}

#[tokio::test]
async fn an_expired_login_asks_to_log_in_again() {
    let emu = Emulator::start().await;
    emu.set_auto_approve(Some(emu.default_user_id()));
    let home = tempfile::tempdir().unwrap();
    let login = support::start_login(&emu, home.path()).await;
    let browser = support::browser();
    let resp = browser.get(&login.url).send().await.unwrap();
    let callback = resp.headers()["location"].to_str().unwrap().to_owned();
    browser.get(&callback).send().await.unwrap();
    assert!(support::finish(login).await.0.success());

    emu.advance_clock(Duration::from_secs(200 * 24 * 3600));
    let mut cmd = spotify_at(&emu, home.path());
    cmd.arg("whoami");
    let out = run(cmd).await;
    assert_clean_failure(&out, 3);
    assert!(
        text(&out.stderr).contains("spotify login"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test]
async fn cancelling_the_consent_page_fails_the_login_and_stores_nothing() {
    let emu = Emulator::start().await;
    let home = tempfile::tempdir().unwrap();
    let login = support::start_login(&emu, home.path()).await;
    let callback = support::submit_consent(&emu, &login.url, "cancel").await;
    assert!(callback.contains("error=access_denied"), "{callback}");
    let landing = support::browser().get(&callback).send().await.unwrap();
    assert!(landing.text().await.unwrap().contains("Login failed"));

    let (status, stdout, stderr) = support::finish(login).await;
    assert_eq!(status.code(), Some(3), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.ends_with("error: authorization failed: access_denied (the user did not agree)\n"),
        "{stderr}"
    );
    let mut cmd = spotify_at(&emu, home.path());
    cmd.arg("whoami");
    assert_clean_failure(&run(cmd).await, 3);
    assert_eq!(emu.stats().token_requests, 0);
}

#[tokio::test]
async fn a_login_nobody_completes_times_out_as_an_auth_failure() {
    let emu = Emulator::start().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify_at(&emu, home.path());
    cmd.args(["login", "--no-browser", "--timeout", "1"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr)
            .ends_with("error: authorization failed: no redirect from Spotify within 1s\n"),
        "{}",
        text(&out.stderr)
    );
}
