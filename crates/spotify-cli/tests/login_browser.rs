//! End to end: headless Chromium logs in through `spotify login` on an emulator's consent page.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them) and the
//! `browser-tests` feature. Without the browser this test fails; it never skips.

mod support;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use spotify_emulator::Emulator;
use support::{run, spotify_at, text};

/// The W3C WebDriver key of an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find(program: &str, candidates: &[&str]) -> String {
    for candidate in candidates {
        if std::path::Path::new(candidate).exists() {
            return (*candidate).to_owned();
        }
    }
    panic!(
        "{program} not found (looked in {candidates:?}); install Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"
    );
}

/// chromedriver on a free port; killed on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_driver() -> Driver {
    let chromedriver = find(
        "chromedriver",
        &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(resp) = reqwest::get(format!("{}/status", driver.url)).await {
            let status: Value = resp.json().await.unwrap_or_default();
            if status["value"]["ready"] == true {
                return driver;
            }
        }
        assert!(
            Instant::now() < deadline,
            "chromedriver did not become ready"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn webdriver(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    body: Value,
) -> Value {
    let mut request = client.request(method, &url);
    if !body.is_null() {
        request = request.json(&body);
    }
    let resp = request.send().await.expect("webdriver call");
    let status = resp.status();
    let value: Value = resp.json().await.expect("webdriver json");
    assert!(status.is_success(), "{url}: {status} {value}");
    value["value"].clone()
}

#[tokio::test]
async fn headless_chromium_logs_in_through_the_consent_page() {
    let chromium = find(
        "chromium",
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    );
    let emu = Emulator::start().await; // a standalone server for the CLI processes
    let home = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();

    let login = support::start_login(&emu, home.path()).await;
    let url = login.url.clone();

    let driver = start_driver().await;
    let http = reqwest::Client::new();
    let session = webdriver(
        &http,
        reqwest::Method::POST,
        format!("{}/session", driver.url),
        json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}}),
    )
    .await;
    let sid = session["sessionId"]
        .as_str()
        .expect("session id")
        .to_owned();
    let base = format!("{}/session/{sid}", driver.url);

    // The consent page, as a user sees it.
    webdriver(
        &http,
        reqwest::Method::POST,
        format!("{base}/url"),
        json!({"url": url}),
    )
    .await;
    let source = webdriver(
        &http,
        reqwest::Method::GET,
        format!("{base}/source"),
        Value::Null,
    )
    .await;
    let source = source.as_str().unwrap_or_default();
    assert!(
        source.contains("Agree") && source.contains("Cancel"),
        "{source}"
    );

    // Click Agree: the form posts, the emulator redirects to the CLI's loopback listener.
    let agree = webdriver(
        &http,
        reqwest::Method::POST,
        format!("{base}/element"),
        json!({"using": "css selector", "value": "#agree"}),
    )
    .await;
    let element = agree[ELEMENT_KEY]
        .as_str()
        .unwrap_or_else(|| panic!("no element in {agree}"))
        .to_owned();
    webdriver(
        &http,
        reqwest::Method::POST,
        format!("{base}/element/{element}/click"),
        json!({}),
    )
    .await;

    let (status, stdout, stderr) = support::finish(login).await;
    assert!(status.success(), "login failed: {stderr}");
    assert_eq!(stdout, "Logged in as Emulator User.\n");

    // The browser landed on the CLI's page.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let page = webdriver(
            &http,
            reqwest::Method::GET,
            format!("{base}/source"),
            Value::Null,
        )
        .await;
        if page.as_str().unwrap_or_default().contains("Logged in") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the browser never showed the CLI's page: {page}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    webdriver(&http, reqwest::Method::DELETE, base.clone(), Value::Null).await;

    // The CLI ends logged in, in a new process.
    let mut whoami = spotify_at(&emu, home.path());
    whoami.arg("whoami");
    let out = run(whoami).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(emu.default_user_id()),
        "{}",
        text(&out.stdout)
    );
}
