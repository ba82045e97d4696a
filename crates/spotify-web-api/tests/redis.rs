//! Many workers, one app, end to end (issue 10): four worker processes (the `worker` example),
//! one emulator with a per-app budget, and a `redis-server` of the test's own on a free
//! loopback port, with no persistence, stopped at the end.
//!
//! Behind the `redis-tests` feature: `cargo test -p spotify-web-api --features redis-tests
//! --test redis`. Without `redis-server` on PATH they fail; they never skip.
//!
//! The emulator's window is 4 s rather than Spotify's 30 s, so that the whole file runs in
//! about a minute and a half (100 s measured); the assertions keep their meaning (a job of 5N requests at N per
//! window takes four windows at least, and no more than 20% over that).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use spotify_emulator::{Emulator, Fault, RateLimit, catalog_ids};
use spotify_web_api::{
    ConfigError, Error, RedisConfig, RedisTokenStore, RetryPolicy, Session, SessionError,
    SpotifyWebApi, TokenStore,
};
use support::Sink;

// The library's API tests' helpers (control plane, log sink); this binary uses a few of them.
#[path = "api/support.rs"]
#[allow(dead_code)]
mod support;

/// The app's budget: N requests per window.
const N: u32 = 20;
const WINDOW: Duration = Duration::from_secs(4);
/// The combined job: 5N requests.
const JOB: usize = 5 * N as usize;
const WORKERS: usize = 4;
/// The workers' budget is N per a window a quarter of a second longer than the emulator's:
/// a request started exactly a window after another may reach the emulator a few
/// milliseconds sooner after it than it did, and be refused. Docs/scaling.md gives the same
/// advice (a budget a little under the app's).
const CLIENT_WINDOW: Duration = Duration::from_millis(4_250);

/// One test at a time: they time jobs of several processes on a shared machine.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A `redis-server` of our own: no persistence, loopback only, killed on drop.
struct RedisServer {
    port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl RedisServer {
    fn start() -> RedisServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut server = RedisServer {
            port,
            dir: tempfile::tempdir().expect("a temporary directory"),
            child: None,
        };
        server.restart();
        server
    }

    /// Starts it (again, on the same port, empty), and waits until it answers.
    fn restart(&mut self) {
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(self.dir.path())
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server must be on PATH for these tests (Debian: apt-get install redis-server)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.answers() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn answers(&self) -> bool {
        let Ok(mut conn) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let mut pong = [0; 7];
        conn.write_all(b"PING\r\n").is_ok()
            && conn.read_exact(&mut pong).is_ok()
            && &pong == b"+PONG\r\n"
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn query<T: redis::FromRedisValue>(&self, command: &str, key: &str) -> T {
        let client = redis::Client::open(self.url()).unwrap();
        let mut conn = client.get_connection().unwrap();
        redis::cmd(command).arg(key).query(&mut conn).unwrap()
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The `worker` example, built with the features this test was built with.
fn worker_binary() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "-p",
                "spotify-web-api",
                "--features",
                "redis-tests",
            ])
            .args(["--example", "worker"])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the worker example builds");
        // target/debug/deps/redis-… → target/debug/examples/worker
        let exe = std::env::current_exe().unwrap();
        exe.parent()
            .and_then(Path::parent)
            .unwrap()
            .join("examples")
            .join("worker")
    })
}

/// Track IDs of the built-in catalogue, one per line: the job.
fn job_file(dir: &Path, count: usize) -> PathBuf {
    let odd = [
        catalog_ids::RELINKED_TRACK,
        catalog_ids::RELINKED_TRACK_TARGET,
        catalog_ids::UNAVAILABLE_TRACK,
    ];
    let ids: Vec<String> = spotify_emulator::Catalog::builtin()
        .ids("track")
        .into_iter()
        .filter(|id| !odd.contains(&id.as_str()))
        .take(count)
        .collect();
    assert_eq!(ids.len(), count, "the catalogue has enough tracks");
    let path = dir.join("ids.txt");
    std::fs::write(&path, ids.join("\n")).unwrap();
    path
}

/// How the workers are run.
struct Job<'a> {
    emu: &'a Emulator,
    /// Another accounts service than the emulator's.
    accounts: Option<String>,
    ids: PathBuf,
    redis: Option<String>,
    budget: bool,
    lock_ttl: Option<Duration>,
}

/// What a worker printed, and how it ended.
#[derive(Debug)]
struct Outcome {
    pid: u32,
    success: bool,
    start_ms: Option<u128>,
    /// Line of the job → when it was done.
    done: BTreeMap<usize, u128>,
    stderr: String,
}

impl<'a> Job<'a> {
    /// The workers of `emu`'s app, each keeping to the budget, sharing through `redis` if given.
    fn budgeted(emu: &'a Emulator, ids: PathBuf, redis: Option<&RedisServer>) -> Job<'a> {
        Job {
            emu,
            accounts: None,
            ids,
            redis: redis.map(RedisServer::url),
            budget: true,
            lock_ttl: None,
        }
    }

    fn spawn(&self, worker: usize) -> Child {
        let base = self.emu.base_url();
        let mut cmd = Command::new(worker_binary());
        cmd.env("SPOTIFY_CLIENT_ID", self.emu.client_id())
            .env("SPOTIFY_CLIENT_SECRET", self.emu.client_secret())
            .env(
                "RUST_LOG",
                std::env::var("WORKER_LOG").unwrap_or("warn".into()),
            )
            .args(["--accounts-url", self.accounts.as_deref().unwrap_or(base)])
            .args(["--api-url", &format!("{base}/v1")])
            .arg("--ids")
            .arg(&self.ids)
            .args([
                "--worker",
                &worker.to_string(),
                "--of",
                &WORKERS.to_string(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(url) = &self.redis {
            cmd.args(["--redis", url, "--prefix", "test"]);
        }
        if self.budget {
            cmd.args(["--budget", &N.to_string()]);
            cmd.args(["--window-ms", &CLIENT_WINDOW.as_millis().to_string()]);
        }
        if let Some(ttl) = self.lock_ttl {
            cmd.args(["--lock-ttl-ms", &ttl.as_millis().to_string()]);
        }
        cmd.spawn().expect("the worker starts")
    }

    fn spawn_all(&self) -> Vec<Child> {
        (0..WORKERS).map(|w| self.spawn(w)).collect()
    }

    async fn run(&self) -> Vec<Outcome> {
        finish(self.spawn_all()).await
    }
}

/// Waits for every worker (off the runtime: the emulator keeps serving meanwhile).
async fn finish(children: Vec<Child>) -> Vec<Outcome> {
    tokio::task::spawn_blocking(move || children.into_iter().map(outcome).collect())
        .await
        .unwrap()
}

fn outcome(child: Child) -> Outcome {
    let pid = child.id();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut start_ms = None;
    let mut done = BTreeMap::new();
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["start", ms] => start_ms = ms.parse().ok(),
            ["done", line, ms, ..] => {
                let previous = done.insert(line.parse().unwrap(), ms.parse().unwrap());
                assert!(previous.is_none(), "line {line} done twice");
            }
            _ => panic!("unexpected worker output {line:?}"),
        }
    }
    Outcome {
        pid,
        success: output.status.success(),
        start_ms,
        done,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every line of the job done once, by every worker exiting cleanly.
fn assert_whole_job_done(outcomes: &[Outcome], lines: usize) {
    let mut all = BTreeMap::new();
    for o in outcomes {
        assert!(o.success, "worker {} failed: {}", o.pid, o.stderr);
        for (line, ms) in &o.done {
            assert!(all.insert(*line, *ms).is_none(), "line {line} done twice");
        }
    }
    assert_eq!(all.len(), lines, "every line of the job done");
    assert_eq!(
        all.keys().copied().collect::<Vec<_>>(),
        (0..lines).collect::<Vec<_>>()
    );
}

/// From the first worker's start to the last line done.
fn span(outcomes: &[Outcome]) -> Duration {
    let start = outcomes.iter().filter_map(|o| o.start_ms).min().unwrap();
    let end = outcomes.iter().flat_map(|o| o.done.values()).max().unwrap();
    Duration::from_millis(u64::try_from(end - start).unwrap())
}

async fn limited_emulator() -> Emulator {
    Emulator::builder()
        .rate_limit(RateLimit::new(N).window(WINDOW))
        .start()
        .await
        .unwrap()
}

/// The 429s the emulator gave: every Web API request beyond the job's was one (no other
/// fault is set).
fn too_many(emu: &Emulator) -> u64 {
    emu.stats().api_requests - JOB as u64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_workers_share_one_budget_and_one_token() {
    let _serial = SERIAL.lock().await;
    let redis = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let ids = job_file(dir.path(), JOB);

    let emu = limited_emulator().await;
    let shared = Job::budgeted(&emu, ids.clone(), Some(&redis)).run().await;
    assert_whole_job_done(&shared, JOB);
    let took = span(&shared);
    let shared_429s = too_many(&emu);
    // 5N at N per window: the last N start four windows after the first N.
    let theory = WINDOW * 4;
    assert!(shared_429s <= 4, "{shared_429s} 429s with Redis");
    assert!(took >= theory, "{took:?} < {theory:?}");
    assert!(took <= theory.mul_f64(1.2), "{took:?} > 120% of {theory:?}");
    assert_eq!(
        emu.stats().token_requests,
        1,
        "one token for all the workers"
    );

    // The same job, each worker on its own.
    let emu = limited_emulator().await;
    let alone = Job::budgeted(&emu, ids, None).run().await;
    assert_whole_job_done(&alone, JOB);
    let alone_429s = too_many(&emu);
    assert!(
        alone_429s >= u64::from(N),
        "{alone_429s} 429s without Redis, {shared_429s} with"
    );
    assert_eq!(emu.stats().token_requests, WORKERS as u64);
    eprintln!(
        "with redis: {took:?}, {shared_429s} 429s; without: {:?}, {alone_429s} 429s",
        span(&alone)
    );
}

/// Revokes every access token the emulator has issued; how many there were.
async fn revoke_all(emu: &Emulator) -> u64 {
    let answer = support::control(emu, "tokens/revoke", serde_json::json!({ "all": true })).await;
    answer["revoked"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_forced_expiry_costs_one_token_request_across_all_workers() {
    let _serial = SERIAL.lock().await;
    let redis = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let emu = limited_emulator().await;
    // A longer job (8N: seven windows, 30 s), so that three expiries fit in it far apart.
    let lines = 8 * N as usize;
    let job = Job::budgeted(&emu, job_file(dir.path(), lines), Some(&redis));
    let children = job.spawn_all();
    // Ten seconds apart: the budget sends a window's requests at once, so a request refused
    // after one expiry is replayed in the next window's burst, and a second expiry before it
    // would meet it too (a second 401 in a row is returned as it is, by design).
    for expiry in 0..3 {
        tokio::time::sleep(Duration::from_secs(if expiry == 0 { 3 } else { 10 })).await;
        assert_eq!(revoke_all(&emu).await, 1, "one token lives, shared by all");
    }
    let outcomes = finish(children).await;
    assert_whole_job_done(&outcomes, lines);
    assert_eq!(
        emu.stats().token_requests,
        1 + 3,
        "the first token, then one per expiry"
    );
}

/// An accounts service in front of the emulator's whose first connection is never answered:
/// the first token request hangs (the emulator's faults cover the Web API, not `/api/token`).
/// Every later connection is passed through. Its base URL, and word of the first connection.
async fn accounts_that_hang_once(emu: &Emulator) -> (String, tokio::sync::oneshot::Receiver<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let target = emu.base_url().trim_start_matches("http://").to_owned();
    let (hanging, hung) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let mut hanging = Some(hanging);
        let mut held = Vec::new();
        while let Ok((mut client, _)) = listener.accept().await {
            if let Some(hanging) = hanging.take() {
                held.push(client); // kept open, never answered
                let _ = hanging.send(());
                continue;
            }
            let target = target.clone();
            tokio::spawn(async move {
                if let Ok(mut server) = tokio::net::TcpStream::connect(target).await {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                }
            });
        }
    });
    (url, hung)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_holding_the_renewal_lock_delays_the_others_by_its_ttl_at_most() {
    let _serial = SERIAL.lock().await;
    let redis = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start().await;
    // The first token request hangs, so that its worker holds the lock when it is killed.
    let (accounts, hung) = accounts_that_hang_once(&emu).await;
    let lines = 40;
    let ttl = Duration::from_secs(2);
    let job = Job {
        emu: &emu,
        accounts: Some(accounts),
        ids: job_file(dir.path(), lines),
        redis: Some(redis.url()),
        budget: false,
        lock_ttl: Some(ttl),
    };
    let mut children = job.spawn_all();
    // Only the lock's holder asks for a token: the hanging connection is its.
    tokio::time::timeout(Duration::from_secs(20), hung)
        .await
        .expect("a worker asked for a token")
        .unwrap();
    let lock_key = format!("test:{}:token:lock", emu.client_id());
    let owner = redis
        .query::<Option<String>>("GET", &lock_key)
        .expect("the worker asking for a token holds the lock");
    let pid: u32 = owner.split(':').next().unwrap().parse().unwrap();
    let holder = children.iter().position(|c| c.id() == pid).unwrap();
    let mut killed = children.remove(holder);
    killed.kill().unwrap(); // SIGKILL
    let killed_at = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    killed.wait().unwrap();

    let outcomes = finish(children).await;
    for o in &outcomes {
        assert!(o.success, "worker {} failed: {}", o.pid, o.stderr);
        assert_eq!(
            o.done.len(),
            lines / WORKERS,
            "worker {} did its share",
            o.pid
        );
        // The lock was taken before the kill: it is free a TTL after that at the latest.
        let first = Duration::from_millis(*o.done.values().min().unwrap() as u64);
        let delay = first.saturating_sub(killed_at);
        assert!(
            delay <= ttl + Duration::from_secs(3),
            "{delay:?} after the kill"
        );
    }
    // One worker renewed after the lock expired, for all (the hung request never arrived).
    assert_eq!(emu.stats().token_requests, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_stopped_and_restarted_mid_job_loses_nothing() {
    let _serial = SERIAL.lock().await;
    let mut redis = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let emu = limited_emulator().await;
    let job = Job::budgeted(&emu, job_file(dir.path(), JOB), Some(&redis));
    let children = job.spawn_all();
    tokio::time::sleep(WINDOW).await;
    redis.stop();
    tokio::time::sleep(WINDOW).await;
    redis.restart();
    // The workers share again: the budget is back in the new (empty) Redis.
    let budget_key = format!("test:{}:budget", emu.client_id());
    let deadline = Instant::now() + Duration::from_secs(5);
    while !redis.query::<bool>("EXISTS", &budget_key) {
        assert!(
            Instant::now() < deadline,
            "the workers never came back to Redis"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let outcomes = finish(children).await;
    assert_whole_job_done(&outcomes, JOB);
    // No token lost: each worker kept the one it had, and none asked for another.
    assert_eq!(emu.stats().token_requests, 1);
    let warnings: Vec<usize> = outcomes
        .iter()
        .map(|o| o.stderr.matches("redis is out of reach").count())
        .collect();
    assert!(
        warnings.iter().all(|&w| w <= 1),
        "one warning each: {warnings:?}"
    );
    assert!(warnings.contains(&1), "the outage was logged");
}

/// A client of the emulator's app, as one worker would build it, sharing through `redis`.
fn worker_client(emu: &Emulator, redis: Option<&RedisServer>, retry: RetryPolicy) -> SpotifyWebApi {
    worker_builder(emu, redis, retry).build().unwrap()
}

/// The builder of [`worker_client`], for more settings.
fn worker_builder(
    emu: &Emulator,
    redis: Option<&RedisServer>,
    retry: RetryPolicy,
) -> spotify_web_api::SpotifyWebApiBuilder {
    let session = Session::builder(emu.client_id())
        .client_secret(emu.client_secret())
        .accounts_url(emu.base_url())
        .build()
        .unwrap();
    let mut api = SpotifyWebApi::builder()
        .api_url(format!("{}/v1", emu.base_url()))
        .retry_policy(retry)
        .session(session);
    if let Some(redis) = redis {
        api = api.redis(RedisConfig::new(redis.url()).prefix("test"));
    }
    api
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_seen_by_one_worker_pauses_the_others_for_its_retry_after() {
    let _serial = SERIAL.lock().await;
    let redis = RedisServer::start();
    let track = catalog_ids::SEED_TRACK;
    for shared in [true, false] {
        let emu = Emulator::builder()
            .fault(Fault::status(429).retry_after(2).path_prefix("/v1/tracks"))
            .start()
            .await
            .unwrap();
        let redis = shared.then_some(&redis);
        // Two workers: two clients, each with its own limiter, as in two processes.
        let first = worker_client(&emu, redis, RetryPolicy::none());
        let second = worker_client(&emu, redis, RetryPolicy::default());
        let err = first.get_track(track).await.unwrap_err();
        assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
        let begin = Instant::now();
        second.get_track(track).await.unwrap();
        let waited = begin.elapsed();
        if shared {
            // Retry-After is 2 s from the 429, a moment before `begin`.
            assert!(waited >= Duration::from_millis(1_500), "{waited:?}");
            assert!(waited < Duration::from_secs(10), "{waited:?}");
        } else {
            assert!(waited < Duration::from_millis(1_500), "{waited:?}");
        }
        // One attempt each (the second waited rather than earning a 429 of its own).
        assert_eq!(emu.stats().api_requests, 2);
    }
}

#[test]
fn the_redis_password_never_shows() {
    // A Unix socket takes its password in the query.
    for (url, shown) in [
        ("redis://:hunter2-secret@127.0.0.1:6379/0", "127.0.0.1:6379"),
        (
            "redis+unix:///run/redis.sock?db=1&pass=hunter2-secret",
            "/run/redis.sock",
        ),
        (
            "unix:///run/redis.sock?pass=hunter2-secret",
            "/run/redis.sock",
        ),
    ] {
        let config = RedisConfig::new(url);
        let debug = format!("{config:?}");
        assert!(!debug.contains("hunter2-secret"), "{debug}");
        assert!(debug.contains(shown), "{debug}");
        let store = RedisTokenStore::new(&config, "app").unwrap();
        let debug = format!("{store:?}");
        assert!(!debug.contains("hunter2-secret"), "{debug}");
    }
    let err = SpotifyWebApi::builder()
        .session(Session::new("app", "secret"))
        .redis(RedisConfig::new("http://:hunter2-secret@127.0.0.1"))
        .build()
        .unwrap_err();
    assert!(
        matches!(err, Error::Config(ConfigError::RedisUrl { .. })),
        "{err:?}"
    );
    assert!(!err.to_string().contains("hunter2-secret"), "{err}");
    assert!(!format!("{err:?}").contains("hunter2-secret"), "{err:?}");
}

#[test]
fn token_keys_name_the_prefix_the_app_and_the_user() {
    let config = RedisConfig::new("redis://127.0.0.1").prefix("job");
    let store = RedisTokenStore::new(&config, "app-id").unwrap();
    assert_eq!(store.key(), "job:app-id:token");
    let store = RedisTokenStore::new(&config.user("alice"), "app-id").unwrap();
    assert_eq!(store.key(), "job:app-id:user:alice:token");
}

#[test]
fn redis_needs_a_session() {
    let err = SpotifyWebApi::builder()
        .redis(RedisConfig::new("redis://127.0.0.1"))
        .build()
        .unwrap_err();
    assert!(
        matches!(err, Error::Config(ConfigError::StoreWithoutSession)),
        "{err:?}"
    );
}

#[test]
fn a_users_token_is_shared_only_under_a_user_name() {
    let user_session = || {
        let mut session = Session::new("app", "secret");
        session.set_refresh_token("AQ-refresh");
        session
    };
    let err = SpotifyWebApi::builder()
        .session(user_session())
        .redis(RedisConfig::new("redis://127.0.0.1"))
        .build()
        .unwrap_err();
    assert!(
        matches!(err, Error::Config(ConfigError::RedisUserWithoutName)),
        "{err:?}"
    );
    assert!(err.to_string().contains("RedisConfig::user"), "{err}");
    assert!(!format!("{err:?} {err}").contains("AQ-refresh"));
    // Named, the token has a key of its own.
    SpotifyWebApi::builder()
        .session(user_session())
        .redis(RedisConfig::new("redis://127.0.0.1").user("alice"))
        .build()
        .unwrap();
    // An empty name (an unset variable, say) is refused, not one key shared by all.
    for empty in ["", " "] {
        let err = SpotifyWebApi::builder()
            .session(user_session())
            .redis(RedisConfig::new("redis://127.0.0.1").user(empty))
            .build()
            .unwrap_err();
        assert!(
            matches!(err, Error::Config(ConfigError::RedisEmptyUserName)),
            "{err:?}"
        );
    }
    let err =
        RedisTokenStore::new(&RedisConfig::new("redis://127.0.0.1").user(""), "app").unwrap_err();
    assert!(
        matches!(err, Error::Config(ConfigError::RedisEmptyUserName)),
        "{err:?}"
    );
    // An app session shares the app's token.
    SpotifyWebApi::builder()
        .session(Session::new("app", "secret"))
        .redis(RedisConfig::new("redis://127.0.0.1"))
        .build()
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_renewal_turn_dropped_unreleased_frees_the_lock_at_once() {
    let _serial = SERIAL.lock().await;
    let redis = RedisServer::start();
    let config = RedisConfig::new(redis.url()).lock_ttl(Duration::from_secs(20));
    let store = RedisTokenStore::new(&config, "app").unwrap();
    let other = RedisTokenStore::new(&config, "app").unwrap();
    // A renewal cancelled while it held its turn (its call timed out, say).
    let turn = store.renewal_turn().await.unwrap().expect("a turn");
    drop(turn);
    let begin = Instant::now();
    let turn = other.renewal_turn().await.unwrap().expect("a turn");
    let waited = begin.elapsed();
    turn.release().await;
    // The release (one script, in a task of its own) and the next poll (every 25 ms) take a
    // few milliseconds; 2 s leaves room for a loaded machine, and is a tenth of the lock's
    // time to live, which is what the wait would be had the dropped turn not been released.
    assert!(
        waited < Duration::from_secs(2),
        "the next turn after {waited:?}"
    );
    eprintln!("the next turn after {waited:?}");
}

// One thread, so that the subscriber set for it sees the client's logs.
#[tokio::test(flavor = "current_thread")]
async fn a_command_redis_refuses_is_logged_once_with_its_kind_not_as_an_outage() {
    let _serial = SERIAL.lock().await;
    let redis = RedisServer::start();
    let emu = Emulator::start().await;
    // The pause key holds a hash: the budget script's GET of it fails with WRONGTYPE.
    let pause_key = format!("test:{}:not-before", emu.client_id());
    let client = redis::Client::open(redis.url()).unwrap();
    let mut conn = client.get_connection().unwrap();
    let () = redis::cmd("HSET")
        .arg(&pause_key)
        .arg("field")
        .arg("value")
        .query(&mut conn)
        .unwrap();
    let logged = Sink::default();
    let _guard = tracing::subscriber::set_default(logged.subscriber());
    let api = worker_client(&emu, Some(&redis), RetryPolicy::none());
    for _ in 0..3 {
        // The worker keeps to its own budget and pause meanwhile.
        api.get_track(catalog_ids::SEED_TRACK).await.unwrap();
    }
    let logged = logged.take();
    assert_eq!(
        logged.matches("redis refused a command").count(),
        1,
        "{logged}"
    );
    assert!(logged.contains("kind=WRONGTYPE"), "{logged}");
    assert!(!logged.contains("out of reach"), "{logged}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_holds_back_a_request_already_given_its_start() {
    let _serial = SERIAL.lock().await;
    let redis = RedisServer::start();
    let emu = Emulator::builder()
        .fault(
            Fault::status(429)
                .retry_after(3)
                .path_prefix("/v1/artists")
                .count(1),
        )
        .start()
        .await
        .unwrap();
    // One start per 2 s for the app: the queued worker's second call sleeps to its start.
    let queued = worker_builder(&emu, Some(&redis), RetryPolicy::default())
        .request_budget(1, Duration::from_secs(2))
        .build()
        .unwrap();
    // Shares the pause, takes no start.
    let other = worker_client(&emu, Some(&redis), RetryPolicy::none());
    queued.get_track(catalog_ids::SEED_TRACK).await.unwrap();
    let second = tokio::spawn({
        let queued = queued.clone();
        async move {
            queued.get_track(catalog_ids::SEED_TRACK).await.unwrap();
            Instant::now()
        }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let err = other
        .get_artist(catalog_ids::ARTIST_25_ALBUMS)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    let paused_at = Instant::now();
    let sent = second.await.unwrap();
    // Its start came about 1.8 s after the 429; it waited out the 3 s Retry-After instead.
    let after = sent - paused_at;
    assert!(after >= Duration::from_millis(2_500), "{after:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_users_key_keeps_the_refresh_token_and_takes_no_apps_token() {
    let _serial = SERIAL.lock().await;
    let redis = RedisServer::start();
    let config = RedisConfig::new(redis.url());
    let app = RedisTokenStore::new(&config, "app").unwrap();
    let alice = RedisTokenStore::new(&config.clone().user("alice"), "app").unwrap();
    let in_an_hour = SystemTime::now() + Duration::from_secs(3600);
    let mut conn = redis::Client::open(redis.url())
        .unwrap()
        .get_connection()
        .unwrap();
    let pttl = |conn: &mut redis::Connection, key: &str| -> i64 {
        redis::cmd("PTTL").arg(key).query(conn).unwrap()
    };

    // An app's key expires with its token.
    app.save(&spotify_web_api::Token::new("app-access", in_an_hour))
        .await
        .unwrap();
    let ttl = pttl(&mut conn, app.key());
    assert!((3_500_000..=3_600_000).contains(&ttl), "{ttl}");

    // A user's key holds the refresh token, so it outlives the access token.
    let user_token =
        spotify_web_api::Token::new("user-access", in_an_hour).with_refresh_token("AQ-refresh");
    alice.save(&user_token).await.unwrap();
    assert_eq!(pttl(&mut conn, alice.key()), -1, "no expiry");

    // A worker renewing with client credentials cannot put an app's token there.
    let err = alice
        .save(&spotify_web_api::Token::new("app-access", in_an_hour))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::TokenStore(_)), "{err:?}");
    assert!(err.to_string().contains("refresh token"), "{err}");
    let kept = alice.load().await.unwrap().unwrap();
    assert_eq!(kept.refresh_token(), Some("AQ-refresh"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_without_a_refresh_token_asks_for_no_token_until_its_users_key_holds_one() {
    let _serial = SERIAL.lock().await;
    let redis = RedisServer::start();
    let emu = Emulator::start().await;
    // A worker of alice's with the app's secret but not her refresh token: it is to use the
    // token another process (her login) keeps under her key, which is empty yet.
    let config = RedisConfig::new(redis.url()).prefix("test").user("alice");
    let api = worker_builder(&emu, None, RetryPolicy::none())
        .redis(config.clone())
        .build()
        .unwrap();
    for _ in 0..3 {
        let err = api.me().await.unwrap_err();
        assert!(
            matches!(err, Error::Session(SessionError::NoUserToken)),
            "{err:?}"
        );
    }
    assert_eq!(
        emu.stats().token_requests,
        0,
        "no app token asked for, which her key would refuse"
    );

    // Her login stores her token, expired by the time the worker reads it: the worker
    // refreshes it with the refresh token it finds there.
    let login = support::user_session(&emu, &[]).await;
    let token = login.token().unwrap();
    let stale = spotify_web_api::Token::new(
        token.access_token(),
        SystemTime::now() - Duration::from_secs(5),
    )
    .with_refresh_token(token.refresh_token().unwrap());
    let before = emu.stats();
    RedisTokenStore::new(&config, emu.client_id())
        .unwrap()
        .save(&stale)
        .await
        .unwrap();
    assert_eq!(api.me().await.unwrap().id, emu.default_user_id());
    let after = emu.stats();
    assert_eq!(after.token_requests, before.token_requests + 1);
    assert_eq!(after.token_requests_by_grant.get("refresh_token"), Some(&1));
}
