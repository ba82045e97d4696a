//! The emulator under load and abuse, over raw TCP (reqwest refuses to send most of this):
//! 1,000 concurrent connections, bodies over the limit, malformed requests and slow clients.
//! Each gets an answer in Spotify's shape (or hyper's own 400/431 for what never reaches a
//! handler) or is cut off, and a canary client is served throughout.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;
use spotify_emulator::{Emulator, MAX_HEADER_BYTES};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::task::JoinSet;

use crate::support::{Answer, SURFIN_BIRD, client_token, read_answer};

/// How long any one exchange may take before the test calls it a hang.
const HANG: Duration = Duration::from_secs(10);
/// How long a canary request may take while the emulator is under load or abuse.
const CANARY_BOUND: Duration = Duration::from_secs(2);

impl Answer {
    /// The body as JSON, asserted to be Spotify's error envelope for `status`; the message.
    fn spotify_error(&self, status: u16) -> String {
        assert_eq!(self.status, status, "{}", self.show());
        assert!(
            self.head
                .to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{}",
            self.show()
        );
        let json: Value = serde_json::from_slice(&self.body).unwrap();
        assert_eq!(json["error"]["status"], status, "{json}");
        json["error"]["message"].as_str().unwrap().to_owned()
    }

    /// hyper's own answer to a request it could not parse: the status, an empty body.
    fn hyper_refusal(&self, status: u16) {
        assert_eq!(self.status, status, "{}", self.show());
        assert!(self.body.is_empty(), "{}", self.show());
    }

    fn show(&self) -> String {
        format!("{}\n\n{}", self.head, String::from_utf8_lossy(&self.body))
    }
}

/// Sends `request` as it is over a fresh connection and reads the answer (within [`HANG`]).
async fn exchange(emu: &Emulator, request: impl AsRef<[u8]>) -> Answer {
    let address = emu.base_url().strip_prefix("http://").unwrap();
    let request = request.as_ref().to_vec();
    tokio::time::timeout(HANG, async move {
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream.write_all(&request).await.unwrap();
        read_answer(&mut stream).await
    })
    .await
    .expect("the emulator answered in time")
}

/// Whether the server closes `stream` (EOF or reset) within `within`, without answering.
async fn is_cut_off(stream: &mut TcpStream, within: Duration) -> bool {
    let mut byte = [0u8; 1];
    matches!(
        tokio::time::timeout(within, stream.read(&mut byte)).await,
        Ok(Ok(0) | Err(_))
    )
}

/// A GET of a track over a fresh connection: 200, within [`CANARY_BOUND`].
async fn canary(emu: &Emulator, token: &str) {
    let started = Instant::now();
    let request = get(&format!("/v1/tracks/{SURFIN_BIRD}"), token, "close");
    let answer = tokio::time::timeout(CANARY_BOUND, exchange(emu, request))
        .await
        .unwrap_or_else(|_| panic!("canary not served within {CANARY_BOUND:?}"));
    assert_eq!(answer.status, 200, "{}", answer.show());
    assert!(started.elapsed() <= CANARY_BOUND);
}

/// Canaries one after the other until `done` is set; how many were served.
async fn canaries(emu: &Emulator, token: &str, done: Arc<AtomicBool>) -> usize {
    let mut served = 0;
    while !done.load(Ordering::Relaxed) {
        canary(emu, token).await;
        served += 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    served
}

fn get(path: &str, token: &str, connection: &str) -> String {
    format!(
        "GET {path} HTTP/1.1\r\nhost: emulator\r\nauthorization: Bearer {token}\r\nconnection: {connection}\r\n\r\n"
    )
}

/// `method path` with the token, `headers` (each ending in CRLF), a `Content-Length` unless
/// `headers` has one, and `body`.
fn request(method_path: &str, headers: &str, token: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "{method_path} HTTP/1.1\r\nhost: emulator\r\nauthorization: Bearer {token}\r\nconnection: close\r\n{headers}"
    )
    .into_bytes();
    if !headers.to_ascii_lowercase().contains("content-length") {
        bytes.extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
    }
    bytes.extend_from_slice(b"\r\n");
    bytes.extend_from_slice(body);
    bytes
}

async fn start(builder: spotify_emulator::EmulatorBuilder) -> (Emulator, String) {
    let emu = builder.start().await.unwrap();
    let token = client_token(emu.base_url(), emu.client_id(), emu.client_secret()).await;
    (emu, token)
}

/// Raises this process's soft limit on open files to the hard one (as the binary does at
/// start): 1,000 connections to an in-process emulator are 2,000 descriptors.
fn raise_open_file_limit() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let limit = getrlimit(Resource::Nofile);
        let _ = setrlimit(
            Resource::Nofile,
            Rlimit {
                current: limit.maximum,
                maximum: limit.maximum,
            },
        );
    }
}

/// The number of file descriptors this process has open (Linux), else 0.
fn open_files() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, Iterator::count)
}

/// `n` connections open at once (none sends before all are connected), each a track GET;
/// those with an even index keep their connection open (idle) after the answer. Returns once
/// every one is answered; the idle ones are handed back, still open.
async fn crowd(emu: &Emulator, token: &str, n: usize) -> Vec<TcpStream> {
    let address = emu.base_url().strip_prefix("http://").unwrap().to_owned();
    let all_connected = Arc::new(tokio::sync::Barrier::new(n));
    let mut tasks = JoinSet::new();
    for i in 0..n {
        let address = address.clone();
        let all_connected = all_connected.clone();
        let keep = i % 2 == 0;
        let request = get(
            &format!("/v1/tracks/{SURFIN_BIRD}"),
            token,
            if keep { "keep-alive" } else { "close" },
        );
        tasks.spawn(async move {
            let mut stream = TcpStream::connect(address).await.unwrap();
            all_connected.wait().await;
            stream.write_all(request.as_bytes()).await.unwrap();
            let answer = read_answer(&mut stream).await;
            assert_eq!(answer.status, 200, "{}", answer.show());
            keep.then_some(stream)
        });
    }
    let mut idle = Vec::new();
    let answered = tokio::time::timeout(Duration::from_secs(15), async {
        while let Some(result) = tasks.join_next().await {
            idle.extend(result.unwrap());
        }
    })
    .await;
    assert!(answered.is_ok(), "not every connection was answered");
    idle
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_connections_are_served_and_a_canary_meanwhile() {
    raise_open_file_limit();
    let (emu, token) = start(Emulator::builder()).await;
    canary(&emu, &token).await;
    let before = open_files();
    for round in 0..2 {
        let done = Arc::new(AtomicBool::new(false));
        let (idle, served) = tokio::join!(
            async {
                let idle = crowd(&emu, &token, 1_000).await;
                done.store(true, Ordering::Relaxed);
                idle
            },
            canaries(&emu, &token, done.clone()),
        );
        assert_eq!(idle.len(), 500, "round {round}");
        assert!(served >= 1, "round {round}");
        // With 500 idle connections still open, another client is served.
        canary(&emu, &token).await;
        drop(idle);
    }
    // The server closes its side of every dropped connection: no descriptor leaks.
    if before > 0 {
        let deadline = Instant::now() + Duration::from_secs(5);
        while open_files() > before + 10 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(
            open_files() <= before + 10,
            "{} descriptors open, {before} before",
            open_files()
        );
    }
    assert!(emu.stats().connections >= 2_000);
}

#[tokio::test]
async fn bodies_over_the_limit_get_413_without_being_read() {
    let (emu, token) = start(Emulator::builder()).await;
    let twenty_mb = 20 * 1024 * 1024;
    let first_part = vec![b'A'; 16 * 1024];
    // A cover upload announcing 20 MB: answered after 16 KB of it, the rest never sent.
    let cover = exchange(
        &emu,
        request(
            &format!("PUT /v1/playlists/{SURFIN_BIRD}/images"),
            &format!("content-type: image/jpeg\r\ncontent-length: {twenty_mb}\r\n"),
            &token,
            &first_part,
        ),
    )
    .await;
    assert_eq!(
        cover.spotify_error(413),
        "Image too large: at most 256 KB of base64 text"
    );
    // The same for a JSON write, whose limit is 2 MB; the connection is closed after, though
    // the client asked to keep it.
    let address = emu.base_url().strip_prefix("http://").unwrap();
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /v1/playlists/{SURFIN_BIRD}/items HTTP/1.1\r\nhost: emulator\r\nauthorization: Bearer {token}\r\ncontent-type: application/json\r\ncontent-length: {twenty_mb}\r\nconnection: keep-alive\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&first_part).await.unwrap();
    let add = tokio::time::timeout(HANG, read_answer(&mut stream))
        .await
        .unwrap();
    assert_eq!(add.spotify_error(413), "Request entity too large");
    assert!(
        is_cut_off(&mut stream, HANG).await,
        "the connection stayed open"
    );
    // Chunked, with no length announced: cut off at the limit while the client still sends.
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "PUT /v1/playlists/{SURFIN_BIRD}/images HTTP/1.1\r\nhost: emulator\r\nauthorization: Bearer {token}\r\ncontent-type: image/jpeg\r\ntransfer-encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let sender = tokio::spawn(async move {
        let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "A".repeat(64 * 1024));
        let mut sent = 0;
        while sent < twenty_mb {
            if writer.write_all(chunk.as_bytes()).await.is_err() {
                break;
            }
            sent += 64 * 1024;
        }
        sent
    });
    let mut response = Vec::new();
    let _ = tokio::time::timeout(HANG, reader.read_to_end(&mut response))
        .await
        .expect("answered and closed in time");
    let sent = sender.await.unwrap();
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("Image too large"), "{text}");
    assert!(sent < twenty_mb, "the emulator read all {sent} bytes");
    // The accounts service: a form body over the limit reads as no parameters at all.
    let token_request = exchange(
        &emu,
        format!(
            "POST /api/token HTTP/1.1\r\nhost: emulator\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: {twenty_mb}\r\nconnection: close\r\n\r\ngrant_type=client_credentials"
        ),
    )
    .await;
    assert_eq!(token_request.status, 400, "{}", token_request.show());
    let json: Value = serde_json::from_slice(&token_request.body).unwrap();
    assert_eq!(json["error"], "unsupported_grant_type");
    canary(&emu, &token).await;
}

#[tokio::test]
async fn malformed_requests_get_4xx_never_500() {
    let (emu, token) = start(Emulator::builder()).await;
    let track = format!("/v1/tracks/{SURFIN_BIRD}");
    let items = format!("/v1/playlists/{SURFIN_BIRD}/items");
    let json_write = |body: &[u8]| {
        request(
            &format!("POST {items}"),
            "content-type: application/json\r\n",
            &token,
            body,
        )
    };
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    // Requests that reach a handler: Spotify's envelope, with its message.
    let enveloped: Vec<(Vec<u8>, u16, &str)> = vec![
        // Headers: a non-UTF-8 or huge token, a bad scheme.
        (
            b"GET /v1/me HTTP/1.1\r\nhost: e\r\nauthorization: Bearer \xff\xfe\r\nconnection: close\r\n\r\n".to_vec(),
            400,
            "Only valid bearer authentication supported",
        ),
        (
            get("/v1/me", &"t".repeat(40_000), "close").into_bytes(),
            401,
            "Missing/invalid/expired access token",
        ),
        (
            format!("GET {track} HTTP/1.1\r\nhost: e\r\nauthorization: Basic Zm9v\r\nconnection: close\r\n\r\n").into_bytes(),
            400,
            "Only valid bearer authentication supported",
        ),
        // Query strings.
        (get(&format!("{track}?market=%zz"), &token, "close").into_bytes(), 400, "Invalid market code"),
        (get(&format!("{track}?market=%ff%fe"), &token, "close").into_bytes(), 400, "Invalid market code"),
        (get(&format!("/v1/albums/{SURFIN_BIRD}/tracks?limit=abc"), &token, "close").into_bytes(), 400, "Invalid limit"),
        (get(&format!("{track}?market=SE&market=GB"), &token, "close").into_bytes(), 400, "Bad request."),
        (
            get(&format!("{track}?market={}", "x".repeat(30_000)), &token, "close").into_bytes(),
            400,
            "Invalid market code",
        ),
        // Paths.
        (get("/v1/tracks/%ff", &token, "close").into_bytes(), 400, "invalid id"),
        (get("/v1/tracks/%zz", &token, "close").into_bytes(), 400, "invalid id"),
        (get("//", &token, "close").into_bytes(), 404, "Service not found"),
        (get(&format!("/v1/tracks/{}", "a".repeat(30_000)), &token, "close").into_bytes(), 400, "invalid id"),
        // Bodies: truncated, nested 100,000 deep, not JSON, under a bad content type.
        (json_write(b"{\"uris\": [\"spotify:track:"), 400, "Error parsing JSON."),
        (json_write(deep.as_bytes()), 400, "Error parsing JSON."),
        (json_write(b"\xff\xfe\x00"), 400, "Error parsing JSON."),
        (
            [
                format!("POST {items} HTTP/1.1\r\nhost: e\r\nauthorization: Bearer {token}\r\n").as_bytes(),
                b"content-type: \xff/;;;\r\ncontent-length: 11\r\nconnection: close\r\n\r\n{\"uris\": 7}",
            ]
            .concat(),
            400,
            "Error parsing JSON.",
        ),
        (
            format!(
                "POST /__emulator/faults HTTP/1.1\r\nhost: e\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{deep}",
                deep.len()
            )
            .into_bytes(),
            400,
            "Invalid JSON body",
        ),
    ];
    for (bytes, status, message) in enveloped {
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(120)]).into_owned();
        let answer = exchange(&emu, &bytes).await;
        assert_eq!(answer.status, status, "{shown}\n{}", answer.show());
        assert_eq!(answer.spotify_error(status), message, "{shown}");
    }
    // Requests hyper refuses before any handler: its own 400 or 431, an empty body.
    let many_headers: String = (0..150).map(|i| format!("x-h{i}: v\r\n")).collect();
    let refused: Vec<(Vec<u8>, u16)> = vec![
        (
            b"GET /v1/me HTTP/1.1\r\nhost: e\r\nx-bad: a\x01b\r\n\r\n".to_vec(),
            400,
        ),
        (
            b"GET /v1/me HTTP/1.1\r\nhost: e\r\nno colon here\r\n\r\n".to_vec(),
            400,
        ),
        (b"GET /v1/me\xff HTTP/1.1\r\nhost: e\r\n\r\n".to_vec(), 400),
        (b"BLAH\r\n\r\n".to_vec(), 400),
        (
            format!("GET /v1/me HTTP/1.1\r\nhost: e\r\n{many_headers}\r\n").into_bytes(),
            431,
        ),
        (
            format!(
                "GET /v1/me HTTP/1.1\r\nhost: e\r\nx-big: {}\r\n\r\n",
                "v".repeat(MAX_HEADER_BYTES)
            )
            .into_bytes(),
            431,
        ),
        (
            get(
                &format!("{track}?q={}", "x".repeat(100_000)),
                &token,
                "close",
            )
            .into_bytes(),
            431,
        ),
        (
            get(&format!("/v1/{}", "a".repeat(100_000)), &token, "close").into_bytes(),
            431,
        ),
    ];
    for (bytes, status) in refused {
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(120)]).into_owned();
        let answer = exchange(&emu, &bytes).await;
        assert_eq!(answer.status, status, "{shown}\n{}", answer.show());
        answer.hyper_refusal(status);
    }
    // Nothing above was a 500 (the log holds every request that reached the Web API).
    assert!(
        emu.requests()
            .iter()
            .all(|r| r.status.is_some_and(|s| (400..500).contains(&s))),
        "{:?}",
        emu.requests()
    );
    canary(&emu, &token).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_cut_off_and_hold_up_no_one() {
    let timeout = Duration::from_secs(1);
    let (emu, token) = start(
        Emulator::builder()
            .header_read_timeout(timeout)
            .body_timeout(timeout),
    )
    .await;
    let address = emu.base_url().strip_prefix("http://").unwrap().to_owned();
    let done = Arc::new(AtomicBool::new(false));
    let abuse = async {
        // Slowloris: a header section one byte every 200 ms never completes in time.
        // The clock starts before the connection: the server's timer starts when it accepts,
        // which on a loaded machine can come before this task sees its connect complete.
        let started = Instant::now();
        let mut slowloris = TcpStream::connect(&address).await.unwrap();
        let trickle = get(&format!("/v1/tracks/{SURFIN_BIRD}"), &token, "close");
        let mut cut = false;
        for byte in trickle.as_bytes() {
            if slowloris.write_all(&[*byte]).await.is_err() {
                cut = true;
                break;
            }
            if is_cut_off(&mut slowloris, Duration::from_millis(200)).await {
                cut = true;
                break;
            }
        }
        assert!(cut, "a trickled header section was served");
        assert!(started.elapsed() >= timeout, "cut before its timeout");

        // A client that connects and says nothing.
        let mut silent = TcpStream::connect(&address).await.unwrap();
        assert!(is_cut_off(&mut silent, HANG).await);

        // One byte, then nothing; and an HTTP/2 opening, then nothing: both are cut off too.
        for opening in [&b"P"[..], b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"] {
            let mut quiet = TcpStream::connect(&address).await.unwrap();
            quiet.write_all(opening).await.unwrap();
            assert!(is_cut_off(&mut quiet, HANG).await, "{opening:?}");
        }

        // A keep-alive connection left idle after its answer.
        let mut idle = TcpStream::connect(&address).await.unwrap();
        idle.write_all(get(&format!("/v1/tracks/{SURFIN_BIRD}"), &token, "keep-alive").as_bytes())
            .await
            .unwrap();
        assert_eq!(read_answer(&mut idle).await.status, 200);
        assert!(is_cut_off(&mut idle, HANG).await);

        // A body that stops half-way: 408 in the envelope, then the connection is closed.
        let mut stalled = TcpStream::connect(&address).await.unwrap();
        let mut half = request(
            &format!("POST /v1/playlists/{SURFIN_BIRD}/items"),
            "content-type: application/json\r\ncontent-length: 100\r\n",
            &token,
            b"",
        );
        half.extend_from_slice(b"{\"uris\": [");
        stalled.write_all(&half).await.unwrap();
        let answer = tokio::time::timeout(HANG, read_answer(&mut stalled))
            .await
            .unwrap();
        assert_eq!(answer.spotify_error(408), "Request timeout");

        // The same on the control plane.
        let mut stalled = TcpStream::connect(&address).await.unwrap();
        stalled
            .write_all(
                b"POST /__emulator/faults HTTP/1.1\r\nhost: e\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"status\":",
            )
            .await
            .unwrap();
        let answer = tokio::time::timeout(HANG, read_answer(&mut stalled))
            .await
            .unwrap();
        assert_eq!(answer.spotify_error(408), "Request timeout");

        // A body that keeps coming, a byte every 200 ms: the deadline is for the whole body.
        let mut dribble = TcpStream::connect(&address).await.unwrap();
        let head = request(
            &format!("POST /v1/playlists/{SURFIN_BIRD}/items"),
            "content-type: application/json\r\ncontent-length: 100\r\n",
            &token,
            b"",
        );
        dribble.write_all(&head).await.unwrap();
        let (mut reader, mut writer) = dribble.into_split();
        let writer = tokio::spawn(async move {
            for _ in 0..100 {
                if writer.write_all(b" ").await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        let mut response = Vec::new();
        let _ = tokio::time::timeout(HANG, reader.read_to_end(&mut response))
            .await
            .expect("cut off in time");
        writer.abort();
        let text = String::from_utf8_lossy(&response);
        assert!(text.starts_with("HTTP/1.1 408"), "{text}");
        assert!(text.contains("\"Request timeout\""), "{text}");
    };
    let (_, served) = tokio::join!(
        async {
            abuse.await;
            done.store(true, Ordering::Relaxed);
        },
        canaries(&emu, &token, done.clone()),
    );
    assert!(served >= 5, "{served} canaries");
}
