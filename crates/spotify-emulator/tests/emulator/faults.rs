//! Injected faults, the rate limiter and the request log, as a plain HTTP client (reqwest) sees
//! them from a real emulator on loopback.

use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use spotify_emulator::{Emulator, EmulatorBuilder, Fault, RateLimit};

use crate::support::SURFIN_BIRD;

/// A running emulator, a client and a client-credentials token.
struct Live {
    emu: Emulator,
    http: Client,
    token: String,
}

impl Live {
    async fn start(builder: EmulatorBuilder) -> Self {
        let emu = builder.start().await.unwrap();
        let http = Client::new();
        let token = token(&http, &emu).await;
        Self { emu, http, token }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.emu.base_url())
    }

    async fn get(&self, path: &str) -> reqwest::Result<reqwest::Response> {
        self.get_as(path, &self.token).await
    }

    async fn get_as(&self, path: &str, token: &str) -> reqwest::Result<reqwest::Response> {
        self.http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
    }

    /// The status of `GET /v1/tracks/{id}`.
    async fn track_status(&self) -> u16 {
        self.get(&track()).await.unwrap().status().as_u16()
    }

    async fn control(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut request = self
            .http
            .request(method, self.url(&format!("/__emulator{path}")));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

async fn token(http: &Client, emu: &Emulator) -> String {
    let body: Value = http
        .post(format!("{}/api/token", emu.base_url()))
        .basic_auth(emu.client_id(), Some(emu.client_secret()))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

fn track() -> String {
    format!("/v1/tracks/{SURFIN_BIRD}")
}

#[tokio::test]
async fn injected_statuses_answer_in_spotifys_envelope() {
    let live = Live::start(
        Emulator::builder()
            .fault(Fault::status(429).retry_after(7))
            .fault(Fault::status(429).retry_after(0).empty_body())
            .fault(Fault::status(500))
            .fault(Fault::status(502))
            .fault(Fault::status(503)),
    )
    .await;
    let expected = [
        (429, Some("7"), Some("API rate limit exceeded")),
        (429, Some("0"), None),
        (500, None, Some("Server error")),
        (502, None, Some("Bad gateway")),
        (503, None, Some("Service unavailable")),
    ];
    for (status, retry_after, message) in expected {
        let response = live.get(&track()).await.unwrap();
        assert_eq!(response.status().as_u16(), status);
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        assert_eq!(header("retry-after").as_deref(), retry_after);
        let content_type = header("content-type");
        let body = response.bytes().await.unwrap();
        match message {
            Some(message) => {
                assert_eq!(
                    content_type.as_deref(),
                    Some("application/json; charset=utf-8")
                );
                let body: Value = serde_json::from_slice(&body).unwrap();
                assert_eq!(
                    body,
                    json!({"error": {"status": status, "message": message}})
                );
            }
            None => assert!(body.is_empty(), "no body at all"),
        }
    }
    assert_eq!(live.track_status().await, 200, "all used up");
}

#[tokio::test]
async fn a_reset_is_a_connection_error_and_the_next_request_is_served() {
    let live = Live::start(Emulator::builder()).await;
    assert!(live.emu.add_fault(Fault::reset()).is_ok());
    let error = live.get(&track()).await.unwrap_err();
    assert!(error.status().is_none(), "no answer at all: {error:?}");
    assert!(error.is_request() || error.is_connect(), "{error:?}");
    assert_eq!(live.track_status().await, 200);
    let statuses: Vec<_> = live.emu.requests().iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [None, Some(200)],
        "the reset one was never answered"
    );
}

#[tokio::test]
async fn a_truncated_body_is_a_body_error() {
    let live =
        Live::start(Emulator::builder().fault(Fault::truncated().path_prefix("/v1/tracks"))).await;
    let response = live.get(&track()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "the head is whole");
    let announced = response.content_length().unwrap();
    assert!(announced > 100);
    let error = response.bytes().await.unwrap_err();
    assert!(error.is_body() || error.is_decode(), "{error:?}");
    let whole = live.get(&track()).await.unwrap().bytes().await.unwrap();
    assert_eq!(whole.len() as u64, announced, "the next answer is whole");
}

#[tokio::test]
async fn a_non_json_fault_is_an_html_page() {
    let live = Live::start(
        Emulator::builder()
            .fault(Fault::non_json())
            .fault(Fault::non_json().with_status(503)),
    )
    .await;
    for status in [502, 503] {
        let response = live.get(&track()).await.unwrap();
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.headers()["content-type"], "text/html");
        let text = response.text().await.unwrap();
        assert!(text.starts_with("<html>") && serde_json::from_str::<Value>(&text).is_err());
    }
}

#[tokio::test]
async fn a_revoked_token_gets_401_until_a_new_one_is_used() {
    let live = Live::start(Emulator::builder().fault(Fault::revoke_token().after(1))).await;
    assert_eq!(live.track_status().await, 200, "let through first");
    for _ in 0..2 {
        let response = live.get(&track()).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            body["error"]["message"],
            "Missing/invalid/expired access token"
        );
    }
    let renewed = token(&live.http, &live.emu).await;
    let response = live.get_as(&track(), &renewed).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn delays_hold_answers_back_fixed_or_drawn_and_the_log_times_them() {
    let live = Live::start(
        Emulator::builder()
            .fault(Fault::delay(150))
            .fault(Fault::delay(50).delay_max(80).count(3)),
    )
    .await;
    live.emu.clear_requests();
    let started = Instant::now();
    assert_eq!(live.track_status().await, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
    for _ in 0..3 {
        let started = Instant::now();
        assert_eq!(live.track_status().await, 200);
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(50), "{took:?}");
    }
    let log = live.emu.requests();
    assert_eq!(log.len(), 4);
    let durations: Vec<u64> = log.iter().map(|e| e.duration_us.unwrap()).collect();
    assert!(durations[0] >= 150_000, "{durations:?}");
    assert!(
        durations[1..].iter().all(|d| (50_000..500_000).contains(d)),
        "{durations:?}"
    );
    assert!(
        log.iter()
            .all(|e| e.method == "GET" && e.status == Some(200))
    );
    assert!(
        log.windows(2)
            .all(|w| w[0].arrived_at_ms <= w[1].arrived_at_ms)
    );
}

/// The statuses of 40 track reads against a fresh emulator with `rule`.
async fn sequence(rule: Value) -> Vec<u16> {
    let live = Live::start(Emulator::builder()).await;
    let (status, _) = live
        .control(reqwest::Method::POST, "/faults", Some(rule))
        .await;
    assert_eq!(status, 200);
    let mut statuses = Vec::new();
    for _ in 0..40 {
        statuses.push(live.track_status().await);
    }
    statuses
}

#[tokio::test]
async fn a_seeded_probability_gives_the_same_faults_twice() {
    let rule = json!({"status": 503, "probability": 0.3, "seed": 11});
    let first = sequence(rule.clone()).await;
    assert_eq!(first, sequence(rule).await);
    let failed = first.iter().filter(|s| **s == 503).count();
    assert!((4..=24).contains(&failed), "about 30% of 40: {first:?}");
    assert!(first.iter().all(|s| [200, 503].contains(s)));
    let other = sequence(json!({"status": 503, "probability": 0.3, "seed": 12})).await;
    assert_ne!(first, other, "another seed, another sequence");
}

#[tokio::test]
async fn rules_select_by_method_and_route_and_are_listed_and_refused_with_reasons() {
    let live = Live::start(Emulator::builder()).await;
    let rule =
        json!({"status": 503, "count": 5, "method": "POST", "route": "/v1/playlists/{id}/items"});
    let (status, listed) = live
        .control(reqwest::Method::POST, "/faults", Some(rule))
        .await;
    assert_eq!(status, 200);
    assert_eq!(listed[0]["route"], "/v1/playlists/{id}/items");
    assert_eq!(listed[0]["count"], 5);
    assert_eq!(live.track_status().await, 200, "another route");
    let items = live
        .get("/v1/playlists/0EmuLargeP1ay1ist0000a/items")
        .await
        .unwrap();
    assert_ne!(items.status().as_u16(), 503, "another method");
    let post = live
        .http
        .post(live.url("/v1/playlists/0EmuLargeP1ay1ist0000a/items"))
        .bearer_auth(&live.token)
        .json(&json!({"uris": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status().as_u16(), 503);
    let (_, listed) = live.control(reqwest::Method::GET, "/faults", None).await;
    assert_eq!(listed[0]["count"], 4, "one used");
    let (status, error) = live
        .control(
            reqwest::Method::POST,
            "/faults",
            Some(json!({"kind": "reset", "status": 500})),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["error"]["message"],
        "A reset, truncated or revoke_token fault takes no status or body"
    );
    let (status, _) = live
        .control(
            reqwest::Method::POST,
            "/faults",
            Some(json!({"status": 503, "probability": 0})),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        live.control(reqwest::Method::DELETE, "/faults", None)
            .await
            .0,
        204
    );
    assert_eq!(
        live.control(reqwest::Method::GET, "/faults", None).await.1,
        json!([])
    );
}

#[tokio::test]
async fn an_app_over_its_budget_gets_429_until_the_window_has_room() {
    let live = Live::start(Emulator::builder().rate_limit(RateLimit::new(3))).await;
    for _ in 0..3 {
        assert_eq!(live.track_status().await, 200);
    }
    let refused = live.get(&track()).await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry_after), "{retry_after}");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(
        body,
        json!({"error": {"status": 429, "message": "API rate limit exceeded"}})
    );
    // The window rolls on the virtual clock: past Retry-After, the app is served again.
    live.emu.advance_clock(Duration::from_secs(retry_after));
    assert_eq!(live.track_status().await, 200);
    live.emu.advance_clock(Duration::from_secs(31));
    // At run time: lifted, then set again with an empty 429 body.
    let (status, app) = live
        .control(
            reqwest::Method::PUT,
            &format!("/apps/{}", live.emu.client_id()),
            Some(json!({"rate_limit": {"budget": 1, "empty_body": true}})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(app["rate_limit"]["budget"], 1);
    assert_eq!(app["rate_limit"]["window_secs"], 30);
    assert_eq!(live.track_status().await, 200);
    let refused = live.get(&track()).await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.bytes().await.unwrap().is_empty());
    let (status, app) = live
        .control(
            reqwest::Method::PUT,
            &format!("/apps/{}", live.emu.client_id()),
            Some(json!({"rate_limit": null})),
        )
        .await;
    assert_eq!((status, &app["rate_limit"]), (200, &Value::Null));
    assert_eq!(live.track_status().await, 200);
    assert!(!live.emu.set_rate_limit("nobody", Some(RateLimit::new(1))));
}

#[tokio::test]
async fn an_escalating_limit_doubles_retry_after_for_an_app_that_keeps_calling() {
    let live = Live::start(Emulator::builder()).await;
    // Switched on at run time, on the control plane.
    let (status, app) = live
        .control(
            reqwest::Method::PUT,
            &format!("/apps/{}", live.emu.client_id()),
            Some(json!({"rate_limit": {"budget": 2, "escalating": true}})),
        )
        .await;
    assert_eq!(
        (status, &app["rate_limit"]["escalating"]),
        (200, &json!(true))
    );
    let retry_after = |response: &reqwest::Response| -> u64 {
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(live.track_status().await, 200);
    assert_eq!(live.track_status().await, 200);
    // The first 429 is the plain one: the window (30 s, on a clock that has not moved) frees
    // in 30 s. Each call during the penalty doubles it, up to a day.
    let mut seen = Vec::new();
    for _ in 0..15 {
        let refused = live.get(&track()).await.unwrap();
        seen.push(retry_after(&refused));
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["error"]["message"], "API rate limit exceeded");
    }
    assert_eq!(
        seen,
        [
            30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 30720, 61440, 86400, 86400, 86400
        ]
    );
    // Waiting out the last Retry-After (on the virtual clock) forgives: served again, and
    // the next refusal is a plain one. (A day on, the app needs a new token: the limit
    // follows the app, not the token.)
    live.emu.advance_clock(Duration::from_secs(86_399));
    let fresh = token(&live.http, &live.emu).await;
    let get = || async { live.get_as(&track(), &fresh).await.unwrap() };
    assert_eq!(retry_after(&get().await), 86_400, "a second early");
    live.emu.advance_clock(Duration::from_secs(86_400));
    let fresh = token(&live.http, &live.emu).await;
    let get = || async { live.get_as(&track(), &fresh).await.unwrap() };
    assert_eq!(get().await.status(), StatusCode::OK);
    assert_eq!(get().await.status(), StatusCode::OK);
    assert_eq!(retry_after(&get().await), 30);
    // Without the switch, calling during the wait changes nothing.
    assert!(
        live.emu
            .set_rate_limit(live.emu.client_id(), Some(RateLimit::new(2)))
    );
    live.emu.advance_clock(Duration::from_secs(31));
    assert_eq!(get().await.status(), StatusCode::OK);
    assert_eq!(get().await.status(), StatusCode::OK);
    for _ in 0..3 {
        assert_eq!(retry_after(&get().await), 30);
    }
    // A new limit starts afresh: the requests counted under the old one are forgotten.
    assert!(
        live.emu
            .set_rate_limit(live.emu.client_id(), Some(RateLimit::new(2)))
    );
    assert_eq!(get().await.status(), StatusCode::OK);
    assert_eq!(get().await.status(), StatusCode::OK);
    assert_eq!(retry_after(&get().await), 30);
}

#[tokio::test]
async fn a_lower_case_bearer_is_limited_and_revoked_like_any_other() {
    // Authentication takes the scheme in any case; so must the checks made before it.
    async fn lower_case_status(live: &Live) -> StatusCode {
        live.http
            .get(live.url(&track()))
            .header("authorization", format!("bearer {}", live.token))
            .send()
            .await
            .unwrap()
            .status()
    }
    let live = Live::start(Emulator::builder().rate_limit(RateLimit::new(2))).await;
    assert_eq!(lower_case_status(&live).await, StatusCode::OK);
    assert_eq!(lower_case_status(&live).await, StatusCode::OK);
    assert_eq!(
        lower_case_status(&live).await,
        StatusCode::TOO_MANY_REQUESTS
    );

    let live = Live::start(Emulator::builder().fault(Fault::revoke_token())).await;
    assert_eq!(
        lower_case_status(&live).await,
        StatusCode::UNAUTHORIZED,
        "revoked by the fault"
    );
    assert_eq!(
        lower_case_status(&live).await,
        StatusCode::UNAUTHORIZED,
        "and it stays revoked"
    );
}

#[tokio::test]
async fn retry_after_is_honest_in_real_time() {
    let live = Live::start(
        Emulator::builder().rate_limit(RateLimit::new(2).window(Duration::from_secs(2))),
    )
    .await;
    let started = Instant::now();
    let mut served = 0;
    let mut refusals = 0;
    while served < 6 {
        let response = live.get(&track()).await.unwrap();
        if response.status() == StatusCode::OK {
            served += 1;
            continue;
        }
        refusals += 1;
        let wait: u64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=2).contains(&wait), "{wait}");
        tokio::time::sleep(Duration::from_secs(wait)).await;
        assert_eq!(
            live.track_status().await,
            200,
            "served once Retry-After has passed"
        );
        served += 1;
    }
    assert!(refusals >= 2, "{refusals}");
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "2 per 2 s, 6 requests"
    );
}

#[test]
fn the_binary_reads_fault_flags_and_explains_bad_ones() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_spotify-emulator"))
            .args(args)
            .output()
            .unwrap()
    };
    let bad = run(&["--fault", "429,colour=red"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("unknown fault option \"colour=red\""),
        "{stderr}"
    );
    let bad = run(&["--fault", "reset,p=1.5"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("probability"));
    let bad = run(&["--rate-limit", "0"]);
    assert_eq!(bad.status.code(), Some(2));
    let help = String::from_utf8_lossy(&run(&["--help"]).stdout).into_owned();
    assert!(help.contains("--fault <SPEC>") && help.contains("--rate-limit <N>"));
}
