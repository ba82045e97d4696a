//! A real emulator on a loopback socket, and the binary.

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use spotify_emulator::{DEFAULT_CLIENT_ID, DEFAULT_USER_ID, Emulator};
use tokio::net::TcpStream;

use crate::support::{SURFIN_BIRD, basic_header, client_token, http};

/// Whether nothing listens on `base_url` any more (retrying while the server winds down).
async fn stops_listening(base_url: &str) -> bool {
    let address = base_url.strip_prefix("http://").unwrap();
    for _ in 0..100 {
        if TcpStream::connect(address).await.is_err() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test]
async fn a_real_emulator_serves_tokens_and_tracks_over_tcp() {
    let emu = Emulator::start().await;
    assert!(emu.base_url().starts_with("http://127.0.0.1:") && !emu.base_url().ends_with('/'));
    assert_eq!(
        (emu.client_id(), emu.default_user_id()),
        (DEFAULT_CLIENT_ID, DEFAULT_USER_ID)
    );
    let token = client_token(emu.base_url(), emu.client_id(), emu.client_secret()).await;
    let bearer = format!("Bearer {token}");
    let track = format!("GET /v1/tracks/{SURFIN_BIRD}");
    let (status, head, body) =
        http(emu.base_url(), &track, &[("authorization", &bearer)], "").await;
    assert_eq!(status, 200);
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json; charset=utf-8")
    );
    assert!(body.contains("Surfin' Bird"));

    emu.advance_clock(Duration::from_secs(3600));
    let (status, head, _) = http(emu.base_url(), &track, &[("authorization", &bearer)], "").await;
    assert_eq!(status, 401);
    assert!(head.contains("error=\"invalid_token\""));
    let stats = emu.stats();
    assert_eq!((stats.token_requests, stats.api_requests), (1, 2));
    assert_eq!(stats.token_requests_by_grant["client_credentials"], 1);

    emu.set_auto_approve(Some(DEFAULT_USER_ID));
    let authorize = "GET /authorize?client_id=emulator-client-id&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback";
    let (status, head, _) = http(emu.base_url(), authorize, &[], "").await;
    assert_eq!(status, 302);
    assert!(head.contains("location: http://127.0.0.1:5000/callback?code="));

    let base_url = emu.base_url().to_owned();
    emu.shutdown().await;
    assert!(stops_listening(&base_url).await);
}

#[tokio::test]
async fn dropping_the_emulator_stops_the_server() {
    let emu = Emulator::builder()
        .client_id("dropped")
        .start()
        .await
        .unwrap();
    let base_url = emu.base_url().to_owned();
    client_token(&base_url, "dropped", emu.client_secret()).await;
    drop(emu);
    assert!(stops_listening(&base_url).await);
}

#[tokio::test]
async fn the_binary_prints_its_address_and_credentials() {
    let (mut child, lines) = spawn_binary(
        &[
            "--port",
            "0",
            "--client-id",
            "bin-id",
            "--client-secret",
            "bin-secret",
        ],
        5,
    );
    let url = lines[0]
        .strip_prefix("spotify-emulator listening on ")
        .unwrap()
        .to_owned();
    let port: u16 = url
        .strip_prefix("http://127.0.0.1:")
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(port, 0);
    assert_eq!(
        lines[1..],
        [
            format!("base url: {url}"),
            "client id: bin-id".into(),
            "client secret: bin-secret".into(),
            "user: emulator-user".into()
        ]
    );
    let served = client_token(&url, "bin-id", "bin-secret").await;
    assert!(!served.is_empty());
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Starts the binary with `args`, and reads its first `lines` lines from stdout.
fn spawn_binary(args: &[&str], lines: usize) -> (std::process::Child, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spotify-emulator"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines_tx, lines_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut read = Vec::new();
    while read.len() < lines {
        match lines_rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => read.push(line),
            Err(error) => {
                let _ = child.kill();
                panic!("only {read:?} after waiting: {error}");
            }
        }
    }
    (child, read)
}

/// Sends SIGTERM to `child` and waits for it to exit: 0 after a graceful stop.
fn terminate(mut child: std::process::Child) {
    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[tokio::test]
async fn the_binary_keeps_its_state_in_a_file_across_runs() {
    let dir = std::env::temp_dir().join(format!("spotify-emulator-live-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("demo-state.json");
    let _ = std::fs::remove_file(&path);
    let state = path.to_str().unwrap();
    let basic = basic_header(DEFAULT_CLIENT_ID, spotify_emulator::DEFAULT_CLIENT_SECRET);
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let json = [("content-type", "application/json")];

    // First run: a user logs in and saves a track; the app is switched to extended quota.
    let (child, lines) = spawn_binary(&["--port", "0", "--state", state], 6);
    assert_eq!(lines[5], format!("state file: {state}"));
    let url = lines[1].strip_prefix("base url: ").unwrap().to_owned();
    let (status, _, _) = http(
        &url,
        "PUT /__emulator/config",
        &json,
        r#"{"auto_approve_user": "emulator-user"}"#,
    )
    .await;
    assert_eq!(status, 200);
    let authorize = "GET /authorize?client_id=emulator-client-id&response_type=code&scope=user-library-read%20user-library-modify&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback";
    let (status, head, _) = http(&url, authorize, &[], "").await;
    assert_eq!(status, 302);
    let code = head
        .split("code=")
        .nth(1)
        .unwrap()
        .split(['&', '\r'])
        .next()
        .unwrap()
        .to_owned();
    let (status, _, body) = http(
        &url,
        "POST /api/token",
        &[form[0], ("authorization", &basic)],
        &format!(
            "grant_type=authorization_code&code={code}&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback"
        ),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let tokens: serde_json::Value = serde_json::from_str(&body).unwrap();
    let bearer = format!("Bearer {}", tokens["access_token"].as_str().unwrap());
    let refresh_token = tokens["refresh_token"].as_str().unwrap().to_owned();
    let save = format!("PUT /v1/me/library?uris=spotify:track:{SURFIN_BIRD}");
    let (status, _, _) = http(&url, &save, &[("authorization", &bearer)], "").await;
    assert_eq!(status, 200);
    let (status, _, _) = http(
        &url,
        "PUT /__emulator/apps/emulator-client-id",
        &json,
        r#"{"quota_mode": "extended"}"#,
    )
    .await;
    assert_eq!(status, 200);
    // SIGTERM at once: the last write happens on the way out.
    terminate(child);

    // Second run on the same file.
    let (child, lines) = spawn_binary(&["--port", "0", "--state", state], 6);
    let url = lines[1].strip_prefix("base url: ").unwrap().to_owned();
    let contains = format!("GET /v1/me/library/contains?uris=spotify:track:{SURFIN_BIRD}");
    let (status, _, body) = http(&url, &contains, &[("authorization", &bearer)], "").await;
    assert_eq!((status, body.as_str()), (200, "[true]"));
    let (_, _, body) = http(&url, "GET /__emulator/apps/emulator-client-id", &[], "").await;
    assert!(body.contains(r#""quota_mode":"extended""#), "{body}");
    let (status, _, body) = http(
        &url,
        "POST /api/token",
        &[form[0], ("authorization", &basic)],
        &format!("grant_type=refresh_token&refresh_token={refresh_token}"),
    )
    .await;
    assert_eq!(status, 200, "the old refresh token renews: {body}");
    terminate(child);

    // A file that is not a state file: the binary says which and exits 1, leaving it alone.
    std::fs::write(&path, "not json").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_spotify-emulator"))
        .args(["--port", "0", "--state", state])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("state file {state}: not a state file")),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "not json");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One HTTP/1.1 request over a std socket, for tests with no runtime: the status code.
fn blocking_status(base_url: &str, request_line: &str) -> std::io::Result<u16> {
    use std::io::{Read as _, Write as _};
    let address = base_url.strip_prefix("http://").unwrap();
    let mut socket = std::net::TcpStream::connect(address)?;
    write!(
        socket,
        "{request_line} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n\r\n"
    )?;
    let mut answer = String::new();
    socket.read_to_string(&mut answer)?;
    Ok(answer[9..12].parse().unwrap())
}

#[test]
fn an_emulator_started_from_blocking_code_serves_until_dropped() {
    // No runtime on this thread: the emulator brings its own.
    assert!(tokio::runtime::Handle::try_current().is_err());
    let emu = Emulator::start_blocking();
    let track = format!("GET /v1/tracks/{SURFIN_BIRD}");
    assert_eq!(blocking_status(emu.base_url(), &track).unwrap(), 401);
    assert_eq!(emu.stats().api_requests, 1);
    let base_url = emu.base_url().to_owned();
    drop(emu);
    let refused = (0..100).any(|_| {
        let gone = blocking_status(&base_url, &track).is_err();
        if !gone {
            std::thread::sleep(Duration::from_millis(20));
        }
        gone
    });
    assert!(refused, "still serving after the drop");
}

#[tokio::test]
async fn an_emulator_started_from_blocking_code_may_be_dropped_in_async_code() {
    let emu = tokio::task::spawn_blocking(|| {
        Emulator::builder()
            .client_id("from-blocking")
            .start_blocking()
            .unwrap()
    })
    .await
    .unwrap();
    let base_url = emu.base_url().to_owned();
    client_token(&base_url, "from-blocking", emu.client_secret()).await;
    drop(emu); // inside a task: must not panic
    assert!(stops_listening(&base_url).await);
}
