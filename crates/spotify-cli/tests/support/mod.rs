//! Running the `spotify` binary against an emulator, as a user would.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use spotify_emulator::Emulator;

/// The seed's track.
pub(crate) const SURFIN_BIRD: &str = "7EjyzZcbLxW7PaaLua9Ksb";

/// `spotify` with a clean environment: no credentials, no profile, no colour settings, and
/// private data and settings directories.
pub(crate) fn spotify(data_home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_spotify"));
    cmd.env_remove("SPOTIFY_CLIENT_ID")
        .env_remove("SPOTIFY_CLIENT_SECRET")
        .env_remove("SPOTIFY_BASE_URL")
        .env_remove("SPOTIFY_PROFILE")
        .env_remove("RUST_BACKTRACE")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("XDG_DATA_HOME", data_home)
        .env("XDG_CONFIG_HOME", data_home.join("config"))
        .env("HOME", data_home)
        .stdin(Stdio::null());
    cmd
}

/// `spotify` pointed at a running emulator with its app's client ID (no secret: PKCE).
pub(crate) fn spotify_at(emu: &Emulator, data_home: &Path) -> Command {
    let mut cmd = spotify(data_home);
    cmd.env("SPOTIFY_BASE_URL", emu.base_url())
        .env("SPOTIFY_CLIENT_ID", emu.client_id());
    cmd
}

/// Runs a command to completion on a blocking thread (the emulator keeps serving meanwhile).
pub(crate) async fn run(mut cmd: Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("spotify runs"))
        .await
        .expect("join")
}

/// A running `spotify login --no-browser`.
pub(crate) struct Login {
    child: Child,
    /// The consent-page URL it printed.
    pub(crate) url: String,
    /// Collects the rest of its stderr (the pipe must stay open while it runs).
    stderr: std::thread::JoinHandle<String>,
}

/// Starts `spotify login --no-browser` and waits for the consent-page URL it prints.
pub(crate) async fn start_login(emu: &Emulator, data_home: &Path) -> Login {
    start_login_with(emu, data_home, &[]).await
}

/// Starts `spotify login --no-browser ARGS...` and waits for the consent-page URL it prints.
pub(crate) async fn start_login_with(emu: &Emulator, data_home: &Path, args: &[&str]) -> Login {
    let mut cmd = spotify_at(emu, data_home);
    cmd.args(["login", "--no-browser", "--timeout", "60"])
        .args(args);
    start(cmd).await
}

/// Starts `cmd` (a `spotify ... login --no-browser`) and waits for the consent-page URL it
/// prints.
pub(crate) async fn start(mut cmd: Command) -> Login {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spotify login starts");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let trimmed = line.trim();
            if trimmed.starts_with("http://") && trimmed.contains("/authorize?") {
                let _ = tx.send(trimmed.to_owned());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    let url = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(30)))
        .await
        .expect("join")
        .expect("spotify login printed no URL");
    Login { child, url, stderr }
}

/// Waits for `spotify login` to exit; returns its status, stdout and stderr.
pub(crate) async fn finish(login: Login) -> (std::process::ExitStatus, String, String) {
    tokio::task::spawn_blocking(move || {
        let out = login.child.wait_with_output().expect("wait");
        let stderr = login.stderr.join().unwrap_or_default();
        (out.status, text(&out.stdout), stderr)
    })
    .await
    .expect("join")
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An HTTP client that plays a browser without JavaScript: it does not follow redirects.
pub(crate) fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client")
}

/// Submits the consent form of `authorize_url` with `action` (`accept` or `cancel`), as the
/// default user, and returns where the emulator redirects the browser.
pub(crate) async fn submit_consent(emu: &Emulator, authorize_url: &str, action: &str) -> String {
    let mut form: Vec<(String, String)> = url::Url::parse(authorize_url)
        .expect("authorize URL")
        .query_pairs()
        .into_owned()
        .collect();
    form.push(("action".into(), action.into()));
    form.push(("user".into(), emu.default_user_id().into()));
    let resp = browser()
        .post(format!("{}/authorize", emu.base_url()))
        .form(&form)
        .send()
        .await
        .expect("consent form");
    assert_eq!(resp.status(), 302);
    resp.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

/// The width the catalogue tests fit tables to (stdout is a pipe, so `COLUMNS` applies).
pub(crate) const COLUMNS: &str = "100";

/// `spotify --emulator ARGS...` with tables `COLUMNS` wide.
pub(crate) fn spotify_emulator(data_home: &Path, args: &[&str]) -> Command {
    let mut cmd = spotify(data_home);
    cmd.env("COLUMNS", COLUMNS).arg("--emulator").args(args);
    cmd
}

/// `spotify ARGS...` on a running emulator with its app's credentials (client credentials),
/// tables `COLUMNS` wide.
pub(crate) fn spotify_app(emu: &Emulator, data_home: &Path, args: &[&str]) -> Command {
    let mut cmd = spotify_at(emu, data_home);
    cmd.env("SPOTIFY_CLIENT_SECRET", emu.client_secret())
        .env("COLUMNS", COLUMNS)
        .args(args);
    cmd
}

/// Runs a command that must succeed, and returns its stdout.
pub(crate) async fn stdout_of(cmd: Command) -> String {
    let out = run(cmd).await;
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        text(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// Adds an injected-fault rule, given as the control plane's JSON (`{"status": 503, ...}`).
pub(crate) fn fault(emu: &Emulator, rule: serde_json::Value) {
    let rule: spotify_emulator::Fault = serde_json::from_value(rule).expect("a fault rule");
    emu.add_fault(rule).expect("a usable fault rule");
}
