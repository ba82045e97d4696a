//! Resilience above one request (issue 9): the client's limits (requests in flight, a budget
//! per rolling window, the pause after a 429), the total time bound of a call, default headers,
//! a proxy, the request spans and the text of transport errors. Real HTTP against the emulator.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use serde_json::json;
use spotify_emulator::{Emulator, Fault};
use spotify_web_api::{ConfigError, Error, RetryPolicy, Scope, SpotifyWebApi};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::support::{self, SURFIN_BIRD};

/// What the emulator's request log showed while a job ran, polled every 2 ms: when each
/// request was first seen (its start, to a few milliseconds), and the most requests it held
/// unanswered at once.
#[derive(Debug, Default)]
struct Seen {
    starts: Vec<Duration>,
    most_in_flight: usize,
}

/// Runs `job` while watching the emulator's request log (which must be empty at the start).
async fn watch<T>(emu: &Emulator, job: impl std::future::Future<Output = T>) -> (T, Seen) {
    let done = AtomicBool::new(false);
    let began = Instant::now();
    let poll = async {
        let mut seen = Seen::default();
        loop {
            let log = emu.requests();
            while seen.starts.len() < log.len() {
                seen.starts.push(began.elapsed());
            }
            let open = log.iter().filter(|r| r.status.is_none()).count();
            seen.most_in_flight = seen.most_in_flight.max(open);
            if done.load(Ordering::Relaxed) {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    };
    let job = async {
        let out = job.await;
        done.store(true, Ordering::Relaxed);
        out
    };
    tokio::join!(job, poll)
}

/// `n` concurrent `get_track` calls on clones of `api`, each with its completion time.
async fn tracks(api: &SpotifyWebApi, n: usize) -> Vec<(spotify_web_api::Result<()>, Instant)> {
    join_all((0..n).map(|_| {
        let api = api.clone();
        async move {
            let result = api.get_track(SURFIN_BIRD).await.map(drop);
            (result, Instant::now())
        }
    }))
    .await
}

/// Gets `api` its token and a connection, then holds every later track answer back
/// `delay_ms`, with the request log emptied: ready for [`watch`] to see how many are in flight.
async fn slow_tracks(emu: &Emulator, api: &SpotifyWebApi, delay_ms: u64) {
    api.get_track(SURFIN_BIRD).await.unwrap();
    support::fault(
        emu,
        json!({"delay_ms": delay_ms, "count": 1000, "path_prefix": "/v1/tracks"}),
    )
    .await;
    emu.clear_requests();
}

#[tokio::test]
async fn the_cap_on_requests_in_flight_holds_for_all_clones() {
    let emu = Emulator::start().await;
    let api = support::app_client_with(&emu, |b| b.max_in_flight(3));
    slow_tracks(&emu, &api, 200).await;
    let started = Instant::now();
    let (results, seen) = watch(&emu, tracks(&api, 12)).await;
    assert!(results.iter().all(|(r, _)| r.is_ok()), "{results:?}");
    assert_eq!(seen.starts.len(), 12);
    assert!(seen.most_in_flight <= 3, "{seen:?}");
    assert!(
        seen.most_in_flight >= 2,
        "the watch saw the requests: {seen:?}"
    );
    // Four rounds of three, 200 ms each.
    assert!(started.elapsed() >= Duration::from_millis(800), "{seen:?}");
}

#[tokio::test]
async fn by_default_a_caller_gets_the_concurrency_it_asks_for_up_to_the_cap() {
    const CALLS: usize = 120;
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    slow_tracks(&emu, &api, 500).await;
    let started = Instant::now();
    let (results, seen) = watch(&emu, tracks(&api, CALLS)).await;
    assert!(results.iter().all(|(r, _)| r.is_ok()), "{results:?}");
    assert_eq!(seen.starts.len(), CALLS);
    // The cap holds at the default, and a burst of 64 (a common job's width) goes out whole:
    // it is not cut down to a handful of connections.
    assert!(
        seen.most_in_flight <= spotify_web_api::DEFAULT_MAX_IN_FLIGHT,
        "{seen:?}"
    );
    assert!(seen.most_in_flight > 64, "{seen:?}");
    // Two rounds: the 20 over the cap wait for places.
    assert!(started.elapsed() >= Duration::from_millis(1000), "{seen:?}");
}

#[tokio::test]
async fn a_request_budget_paces_a_job_over_rolling_windows() {
    const N: usize = 5;
    let window = Duration::from_secs(1);
    let emu = Emulator::start().await;
    // No warm-up: the token request is not counted, so the job's 3N calls are the only
    // requests the budget sees.
    let api = support::app_client_with(&emu, |b| b.request_budget(N as u32, window));
    let started = Instant::now();
    let (results, seen) = watch(&emu, tracks(&api, 3 * N)).await;
    let elapsed = started.elapsed();
    assert!(results.iter().all(|(r, _)| r.is_ok()), "{results:?}");
    assert_eq!(seen.starts.len(), 3 * N, "{seen:?}");
    // Three windows' worth: the last N start two windows after the first N, and well before
    // a third window would pass (the margin is for a loaded machine running the test).
    assert!(elapsed >= 2 * window, "{elapsed:?}");
    assert!(
        elapsed < 2 * window + Duration::from_millis(900),
        "{elapsed:?}"
    );
    // No window of the log holds more than N starts. The watch sees a start a few
    // milliseconds late, more on a loaded machine; unpaced, all 3N would arrive at once.
    for starts in seen.starts.windows(N + 1) {
        assert!(
            starts[N] - starts[0] >= window - Duration::from_millis(150),
            "{:?}",
            seen.starts
        );
    }
}

#[tokio::test]
async fn a_429_holds_back_the_whole_client() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    support::fault(
        &emu,
        json!({"status": 429, "retry_after": 1, "count": 1, "path_prefix": "/v1/tracks"}),
    )
    .await;
    emu.clear_requests();
    let first = {
        let api = api.clone();
        tokio::spawn(async move { api.get_track(SURFIN_BIRD).await.map(drop) })
    };
    // Once the 429 is answered (and the client had 200 ms to read it: the log shows the
    // answer a little before the client has it), four more calls start on other clones.
    let limited_at = loop {
        if emu.requests().iter().any(|r| r.status == Some(429)) {
            break Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (results, seen) = watch(&emu, tracks(&api, 4)).await;
    first.await.unwrap().unwrap();
    for (result, finished) in &results {
        assert!(result.is_ok(), "{result:?}");
        assert!(
            *finished - limited_at >= Duration::from_millis(900),
            "a call finished {:?} after the 429",
            *finished - limited_at
        );
    }
    // The log saw nothing but the 429 during the pause: the four calls' requests (and the
    // first call's retry) came after it. (The watch began 200 ms into the pause; its first
    // entry is the 429 itself, in the log before the watch began.)
    assert!(
        seen.starts[1..]
            .iter()
            .all(|s| *s >= Duration::from_millis(650)),
        "{seen:?}"
    );
    let log = emu.requests();
    assert_eq!(log.len(), 6, "{log:?}");
    assert_eq!(log.iter().filter(|r| r.status == Some(429)).count(), 1);
}

#[tokio::test]
async fn a_retry_after_of_hours_fails_every_call_fast_until_it_ends() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    support::fault(
        &emu,
        json!({"status": 429, "retry_after": 10_800, "count": 1}),
    )
    .await;
    let started = Instant::now();
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(err, Error::RateLimited { retry_after: Some(d) } if d == Duration::from_secs(10_800)),
        "{err:?}"
    );
    // The next call, on a clone, fails as fast, with what is left of the wait, and sends
    // nothing.
    let before = emu.stats().api_requests;
    let started = Instant::now();
    let err = api.clone().get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
    match err {
        Error::RateLimited {
            retry_after: Some(left),
        } => assert!(
            left <= Duration::from_secs(10_800) && left >= Duration::from_secs(10_790),
            "{left:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(emu.stats().api_requests, before, "no request was sent");
}

#[tokio::test]
async fn the_total_time_bound_holds_under_endless_503s() {
    let emu = Emulator::start().await;
    let api = support::app_client_with(&emu, |b| {
        b.retry_policy(
            RetryPolicy::default()
                .max_retries(1000)
                .base_delay(Duration::from_millis(100))
                .max_delay(Duration::from_millis(400))
                .total_timeout(Duration::from_millis(1500)),
        )
    });
    api.get_track(SURFIN_BIRD).await.unwrap();
    support::fault(&emu, json!({"status": 503, "count": 100_000})).await;
    let before = emu.stats().api_requests;
    let started = Instant::now();
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    let elapsed = started.elapsed();
    // The last error, returned once the next backoff (at most 400 ms) would pass the bound.
    assert_eq!(err.status(), Some(503), "{err:?}");
    assert!(elapsed >= Duration::from_millis(1100), "{elapsed:?}");
    assert!(elapsed <= Duration::from_millis(1750), "{elapsed:?}");
    assert!(
        emu.stats().api_requests - before >= 5,
        "the first retries were made"
    );
}

#[tokio::test]
async fn an_attempt_in_flight_when_the_time_bound_passes_is_cut_off() {
    let emu = Emulator::start().await;
    let api = support::app_client_with(&emu, |b| {
        b.retry_policy(RetryPolicy::default().total_timeout(Duration::from_secs(1)))
    });
    api.get_track(SURFIN_BIRD).await.unwrap();
    support::fault(&emu, json!({"delay_ms": 5000, "count": 10})).await;
    let started = Instant::now();
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        matches!(err, Error::CallTimeout { limit } if limit == Duration::from_secs(1)),
        "{err:?}"
    );
    assert!(err.is_timeout());
    assert_eq!(
        err.to_string(),
        "the request did not finish within its time bound of 1s"
    );
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1400), "{elapsed:?}");
}

/// Every cause of `err`, from the top, as `{:#}` of an error chain prints them.
fn chain(err: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut out = vec![err.to_string()];
    let mut next = err.source();
    while let Some(cause) = next {
        out.push(cause.to_string());
        next = cause.source();
    }
    out
}

#[tokio::test]
async fn a_refused_connection_reads_once_and_names_the_origin() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let api = SpotifyWebApi::builder()
        .api_url(format!("http://127.0.0.1:{port}/v1"))
        .access_token("token-xyz")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert_eq!(
        chain(&err),
        [format!(
            "cannot connect to http://127.0.0.1:{port}: connection refused (os error 111)"
        )]
    );
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert!(transport.is_connect() && !transport.is_timeout() && !transport.is_body());
    assert!(
        !format!("{err:?}").contains(SURFIN_BIRD),
        "no path: {err:?}"
    );
}

#[tokio::test]
async fn a_connect_timeout_is_a_connect_error_that_names_the_origin() {
    // A server that accepts connections and never speaks: the TLS handshake never ends.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            open.push(socket);
        }
    });
    let api = SpotifyWebApi::builder()
        .api_url(format!("https://127.0.0.1:{port}/v1"))
        .access_token("token-xyz")
        .connect_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert!(transport.is_connect() && transport.is_timeout(), "{err:?}");
    let text = chain(&err);
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].starts_with(&format!("cannot connect to https://127.0.0.1:{port}: ")),
        "{text:?}"
    );
    held.abort();
}

#[tokio::test]
async fn a_request_timeout_names_the_origin_once() {
    let emu = Emulator::start().await;
    let api = support::app_client_with(&emu, |b| {
        b.timeout(Duration::from_millis(200))
            .retry_policy(RetryPolicy::none())
    });
    api.get_track(SURFIN_BIRD).await.unwrap();
    support::fault(&emu, json!({"delay_ms": 2000, "count": 1})).await;
    let err = api.get_track(SURFIN_BIRD).await.unwrap_err();
    assert!(err.is_timeout() && err.is_transport(), "{err:?}");
    let text = chain(&err);
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].starts_with(&format!("no answer from {} in time: ", emu.base_url())),
        "{text:?}"
    );
}

/// A forwarding HTTP proxy on loopback: one request per connection, whose head it records.
struct Proxy {
    url: String,
    heads: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start_proxy() -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let heads = Arc::new(Mutex::new(Vec::new()));
    let recorded = heads.clone();
    let task = tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(forward(socket, recorded.clone()));
        }
    });
    Proxy { url, heads, task }
}

/// Reads one request in absolute form (`GET http://host:port/path HTTP/1.1`), sends it on in
/// origin form with `connection: close`, and copies the answer back.
async fn forward(mut client: TcpStream, heads: Arc<Mutex<Vec<String>>>) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = client.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let mut chunk = [0u8; 4096];
        let n = client.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    heads.lock().unwrap().push(head.clone());
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (method, target, version) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let target = url::Url::parse(target).expect("a proxy request is in absolute form");
    let mut out = format!(
        "{method} {}{} {version}\r\n",
        target.path(),
        target.query().map(|q| format!("?{q}")).unwrap_or_default()
    );
    for line in lines.filter(|l| !l.is_empty()) {
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name != "connection" && name != "proxy-connection" {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("connection: close\r\n\r\n");
    let upstream = format!(
        "{}:{}",
        target.host_str().unwrap_or_default(),
        target.port_or_known_default().unwrap_or(80)
    );
    let mut server = TcpStream::connect(upstream).await?;
    server.write_all(out.as_bytes()).await?;
    server.write_all(&buf[head_end..]).await?;
    tokio::io::copy(&mut server, &mut client).await?;
    client.shutdown().await
}

#[tokio::test]
async fn requests_go_through_the_proxy_with_the_default_headers() {
    let emu = Emulator::start().await;
    let proxy = start_proxy().await;
    let api = support::api_builder(&emu)
        .proxy(&proxy.url)
        .accept_language("de")
        .default_header("X-Request-Source", "resilience-test")
        // The session's own user agent stays, though the proxy gives the client a new pool.
        .session(
            spotify_web_api::Session::builder(emu.client_id())
                .client_secret(emu.client_secret())
                .accounts_url(emu.base_url())
                .user_agent("session-agent/1")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let track = api.get_track(SURFIN_BIRD).await.unwrap();
    assert_eq!(track.name, "Surfin' Bird");
    let heads = proxy.heads.lock().unwrap().clone();
    let base = emu.base_url();
    let token = heads
        .iter()
        .find(|h| h.starts_with(&format!("POST {base}/api/token ")))
        .unwrap_or_else(|| panic!("the token request went through the proxy: {heads:?}"));
    let call = heads
        .iter()
        .find(|h| h.starts_with(&format!("GET {base}/v1/tracks/{SURFIN_BIRD} ")))
        .unwrap_or_else(|| panic!("the call went through the proxy: {heads:?}"));
    for head in [token, call] {
        let lower = head.to_ascii_lowercase();
        assert!(lower.contains("\r\naccept-language: de\r\n"), "{head}");
        assert!(
            lower.contains("\r\nx-request-source: resilience-test\r\n"),
            "{head}"
        );
        assert!(
            lower.contains("\r\nuser-agent: session-agent/1\r\n"),
            "{head}"
        );
    }
    // The emulator saw the call.
    assert_eq!(emu.stats().api_requests, 1);
}

#[test]
fn bad_default_headers_and_proxies_are_refused_when_building() {
    let header = |name: &str, value: &str| {
        SpotifyWebApi::builder()
            .default_header(name, value)
            .build()
            .unwrap_err()
    };
    for err in [
        header("bad name", "x"),
        header("x-ok", "bad\nvalue"),
        header("Authorization", "Bearer mine"),
        header("accept", "text/html"),
        // It has its own setting, and the ETag cache sends the other.
        header("User-Agent", "mine"),
        header("If-None-Match", "\"x\""),
    ] {
        assert!(
            matches!(&err, Error::Config(ConfigError::Header { .. })),
            "{err:?}"
        );
    }
    for url in ["ftp://127.0.0.1:21", "not a url", "socks5://127.0.0.1:1080"] {
        let err = SpotifyWebApi::builder().proxy(url).build().unwrap_err();
        assert!(
            matches!(&err, Error::Config(ConfigError::Proxy { .. })),
            "{err:?}"
        );
    }
    let err = SpotifyWebApi::builder()
        .proxy("ftp://user:hunter2@127.0.0.1:21")
        .build()
        .unwrap_err();
    assert!(!format!("{err} {err:?}").contains("hunter2"), "{err:?}");
    assert!(
        SpotifyWebApi::builder()
            .accept_language("es-MX")
            .proxy("http://user:pw@127.0.0.1:3128")
            .build()
            .is_ok()
    );
}

/// The `wait_ms` of the first span of attempt `attempt` in `logs`.
fn wait_ms(logs: &str, attempt: u32) -> u64 {
    let marker = format!("attempt={attempt} wait_ms=");
    let at = logs
        .find(&marker)
        .unwrap_or_else(|| panic!("{marker}: {logs}"))
        + marker.len();
    logs[at..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn each_attempt_has_a_span_with_the_path_template_and_no_token() {
    let sink = support::Sink::default();
    support::install_global_subscriber();
    let _guard = tracing::subscriber::set_default(sink.subscriber());
    let emu = support::extended_emulator().await;
    // No ETag cache: every answer is a 200 with its body.
    let api = support::app_client_with(&emu, |b| b.etag_cache(0));
    api.get_track(SURFIN_BIRD).await.unwrap();
    let token = api.token().unwrap().access_token().to_owned();
    sink.take();

    api.get_track(SURFIN_BIRD).await.unwrap();
    let logs = sink.take();
    assert!(
        logs.contains("spotify_request{method=GET path=/tracks/{id} attempt=0 wait_ms="),
        "{logs}"
    );
    assert!(
        logs.contains("spotify response status=200 bytes="),
        "{logs}"
    );
    assert!(
        !logs.contains(SURFIN_BIRD),
        "the template, not the path: {logs}"
    );

    // A retry after a 429 is attempt 1, which waited the second Spotify asked for.
    support::fault(&emu, json!({"status": 429, "retry_after": 1, "count": 1})).await;
    api.get_track(SURFIN_BIRD).await.unwrap();
    let logs = sink.take();
    assert!(
        logs.contains("spotify response status=429 bytes="),
        "{logs}"
    );
    assert!(wait_ms(&logs, 0) < 500, "{logs}");
    assert!(wait_ms(&logs, 1) >= 990, "{logs}");

    // Other IDs are named as the spec names them.
    let user_id = emu.default_user_id().to_owned();
    #[allow(deprecated)]
    api.get_user(user_id.as_str()).await.unwrap();
    api.get_playlist("0EmuLargeP1ay1ist0000a").await.unwrap();
    let logs = sink.take();
    assert!(logs.contains("path=/users/{user_id} "), "{logs}");
    assert!(logs.contains("path=/playlists/{playlist_id} "), "{logs}");
    assert!(!logs.contains(&user_id), "a user id is in the logs: {logs}");
    assert!(!logs.contains(&token), "a token is in the logs");
}

#[tokio::test]
async fn a_read_is_sent_again_after_a_reset_or_a_broken_body() {
    let emu = Emulator::start().await;
    // No ETag cache: each answer is a 200 with a body to cut off, not an empty 304.
    let api = support::app_client_with(&emu, |b| b.etag_cache(0));
    api.get_track(SURFIN_BIRD).await.unwrap();
    // A connection closed without an answer, then an answer cut off halfway: a read is safe
    // to send again, and comes back whole.
    for fault in [Fault::reset(), Fault::truncated()] {
        emu.add_fault(fault.count(1)).unwrap();
        let before = emu.stats().api_requests;
        let track = api.get_track(SURFIN_BIRD).await.unwrap();
        assert_eq!(track.name, "Surfin' Bird");
        assert_eq!(emu.stats().api_requests - before, 2, "one retry");
    }
}

#[tokio::test]
async fn an_add_that_fails_once_sent_is_not_sent_again_and_may_have_landed() {
    let emu = Emulator::start().await;
    let api = crate::library::user_client(
        &emu,
        &[Scope::PlaylistModifyPrivate, Scope::PlaylistModifyPublic],
        spotify_web_api::QuotaMode::Auto,
    )
    .await;
    let playlist = api.create_playlist("Faults").await.unwrap();
    let item = [format!("spotify:track:{SURFIN_BIRD}")];
    let mut snapshot = playlist.snapshot_id;
    // A reset comes before the emulator's handler (nothing added), a truncated answer after
    // it (added): the client cannot tell which, so it sends neither again, and says so. A
    // 502 from a proxy in front of Spotify says as little.
    for (fault, landed) in [
        (Fault::reset(), false),
        (Fault::truncated(), true),
        (Fault::non_json(), false),
    ] {
        emu.add_fault(fault.count(1).method("POST")).unwrap();
        let before = emu.stats().api_requests;
        let err = api
            .add_playlist_items(&playlist.id, &item)
            .await
            .unwrap_err();
        assert!(err.may_have_landed(), "{err:?}");
        assert_eq!(emu.stats().api_requests - before, 1, "not sent again");
        // The snapshot tells whether it landed.
        let now = api.get_playlist(&playlist.id).await.unwrap().snapshot_id;
        assert_eq!(now != snapshot, landed, "{err:?}");
        snapshot = now;
    }
    // A 429 did not land: the add is waited out and sent again, once, and lands once.
    let items_before = api.get_playlist(&playlist.id).await.unwrap();
    let items_before = items_before.items_page().unwrap().total;
    emu.add_fault(Fault::status(429).count(1)).unwrap();
    let before = emu.stats().api_requests;
    let limited = api
        .clone()
        .add_playlist_items(&playlist.id, &item)
        .await
        .map(drop);
    assert!(
        limited.is_ok(),
        "a 429 is waited out and sent again: {limited:?}"
    );
    assert_eq!(
        emu.stats().api_requests - before,
        2,
        "refused, then sent again"
    );
    let items_after = api.get_playlist(&playlist.id).await.unwrap();
    assert_eq!(items_after.items_page().unwrap().total, items_before + 1);
    // A connection that never opened did not land either.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let refused = SpotifyWebApi::builder()
        .api_url(format!("http://127.0.0.1:{port}/v1"))
        .access_token("token-xyz")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
        .add_playlist_items(&playlist.id, &item)
        .await
        .unwrap_err();
    assert!(
        refused.is_transport() && !refused.may_have_landed(),
        "{refused:?}"
    );
}

/// The rate-limit test's numbers: the emulator allows `N` requests per rolling `W`.
const N: usize = 20;
// Two seconds, so that the 20% the issue allows (1.6 s over 8 s) is not eaten by a loaded
// machine's scheduling, as a one-second window's 0.8 s could be.
const W: Duration = Duration::from_secs(2);

/// An emulator that allows the default app `N` requests per rolling `W`.
async fn rate_limited_emulator() -> Emulator {
    Emulator::builder()
        .rate_limit(spotify_emulator::RateLimit::new(N as u32).window(W))
        .start()
        .await
        .expect("emulator")
}

/// `5N` track reads by 10 workers sharing `api`, timed; all must succeed.
async fn five_windows_of_reads(api: &SpotifyWebApi) -> Duration {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..10)
        .map(|_| {
            let (api, next) = (api.clone(), next.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < 5 * N {
                    api.get_track(SURFIN_BIRD).await?;
                }
                Ok::<(), Error>(())
            })
        })
        .collect();
    for worker in join_all(workers).await {
        worker.expect("no panic").expect("every read succeeds");
    }
    started.elapsed()
}

/// How many 429s the emulator answered.
fn refusals(emu: &Emulator) -> usize {
    emu.requests()
        .iter()
        .filter(|r| r.status == Some(429))
        .count()
}

#[tokio::test]
async fn rate_limit_a_job_of_five_windows_with_the_budget_takes_four_windows_and_few_429s() {
    let emu = rate_limited_emulator().await;
    // The budget matches the app's limit, with 100 ms of margin on the window: Spotify counts
    // a request when it arrives, the client when it starts, and the two clocks' readings of
    // one request differ by the trip (a few milliseconds here, more on a busy machine).
    let api = support::app_client_with(&emu, |b| {
        b.request_budget(N as u32, W + Duration::from_millis(100))
    });
    let elapsed = five_windows_of_reads(&api).await;
    let refused = refusals(&emu);
    eprintln!("rate limit, with the budget: {elapsed:?}, {refused} 429s");
    // Each read was served once (200, or 304 from the ETag cache).
    assert_eq!(emu.requests().len() - refused, 5 * N);
    // A handful: none is expected, and each would cost the whole client a pause of at least
    // a second (the shortest Retry-After), which the time bound below would not allow twice.
    assert!(refused <= 1, "{refused} 429s");
    // The first N start at once, the last N four windows later: 4 W at least (the emulator
    // admits no more), and within 20% of it.
    assert!(elapsed >= 4 * W, "{elapsed:?}");
    assert!(elapsed <= 4 * W * 6 / 5, "{elapsed:?}");
}

#[tokio::test]
async fn rate_limit_the_same_job_without_the_budget_gets_429s_and_still_completes() {
    let emu = rate_limited_emulator().await;
    let api = support::app_client(&emu);
    let elapsed = five_windows_of_reads(&api).await;
    let refused = refusals(&emu);
    eprintln!("rate limit, without the budget: {elapsed:?}, {refused} 429s");
    // The budget's work: without it, each window's excess is refused (one 429 per worker in
    // flight when the window filled), and every read still succeeds, after waiting out its
    // Retry-After. (That the wait holds back the whole client, not just the refused request,
    // is `a_429_holds_back_the_whole_client`'s to show.)
    assert!(refused >= 4, "{refused} 429s");
    assert!(elapsed >= 4 * W, "{elapsed:?}");
}
