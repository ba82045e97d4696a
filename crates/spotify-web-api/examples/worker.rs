//! One of several worker processes that share one Spotify app: its token, its request budget
//! and its pause after a 429, through Redis (feature `redis`; docs/scaling.md).
//!
//! Each worker fetches its share of a list of track IDs (every `--of`-th line of `--ids`,
//! starting at line `--worker`), `--concurrency` at a time, and prints one line per track to
//! stdout: `done<TAB>line<TAB>unix-ms<TAB>name`. Four workers against a local emulator:
//!
//! ```sh
//! redis-server --port 6379 --save '' --appendonly no --daemonize yes
//! cargo run -p spotify-emulator -- --port 8090 --client-id my-app --client-secret my-secret \
//!   --rate-limit 100 &
//! export SPOTIFY_CLIENT_ID=my-app SPOTIFY_CLIENT_SECRET=my-secret
//! for i in $(seq 200); do echo 7EjyzZcbLxW7PaaLua9Ksb; done > ids.txt   # 200 track IDs
//! for i in 0 1 2 3; do
//!   cargo run -p spotify-web-api --features redis --example worker -- \
//!     --accounts-url http://127.0.0.1:8090 --api-url http://127.0.0.1:8090/v1 \
//!     --redis redis://127.0.0.1:6379 --budget 95 --window-ms 31000 \
//!     --ids ids.txt --worker $i --of 4 &
//! done; wait
//! ```
//!
//! Without `--redis` each worker keeps its own token and budget, as any client does.
//! Logs (warnings by default; `RUST_LOG=debug` for more) go to stderr.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::stream::{self, StreamExt};
use spotify_web_api::{RedisConfig, RetryPolicy, Session, SpotifyWebApi};

/// The command line, `--name value` pairs.
#[derive(Debug)]
struct Args {
    ids: String,
    worker: usize,
    of: usize,
    concurrency: usize,
    redis: Option<String>,
    prefix: String,
    budget: Option<(u32, Duration)>,
    lock_ttl: Option<Duration>,
    accounts_url: Option<String>,
    api_url: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        ids: String::new(),
        worker: 0,
        of: 1,
        concurrency: 4,
        redis: None,
        prefix: "spotify".to_owned(),
        budget: None,
        lock_ttl: None,
        accounts_url: None,
        api_url: None,
    };
    let mut budget = None;
    let mut window = Duration::from_secs(30);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let number = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number"))
        };
        match flag.as_str() {
            "--ids" => args.ids = value,
            "--worker" => args.worker = number(&value)? as usize,
            "--of" => args.of = (number(&value)? as usize).max(1),
            "--concurrency" => args.concurrency = (number(&value)? as usize).max(1),
            "--redis" => args.redis = Some(value),
            "--prefix" => args.prefix = value,
            "--budget" => budget = Some(u32::try_from(number(&value)?).unwrap_or(u32::MAX)),
            "--window-ms" => window = Duration::from_millis(number(&value)?),
            "--lock-ttl-ms" => args.lock_ttl = Some(Duration::from_millis(number(&value)?)),
            "--accounts-url" => args.accounts_url = Some(value),
            "--api-url" => args.api_url = Some(value),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if args.ids.is_empty() {
        return Err("--ids FILE is required".to_owned());
    }
    args.budget = budget.map(|n| (n, window));
    Ok(args)
}

fn unix_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
}

fn client(args: &Args) -> spotify_web_api::Result<SpotifyWebApi> {
    let id = std::env::var("SPOTIFY_CLIENT_ID").unwrap_or_default();
    let secret = std::env::var("SPOTIFY_CLIENT_SECRET").unwrap_or_default();
    let mut session = Session::builder(id).client_secret(secret);
    if let Some(url) = &args.accounts_url {
        session = session.accounts_url(url);
    }
    // Enough retries to wait out several 429s in a row (workers without Redis earn them).
    let mut api = SpotifyWebApi::builder()
        .session(session.build()?)
        .retry_policy(RetryPolicy::default().max_retries(12));
    if let Some(url) = &args.api_url {
        api = api.api_url(url);
    }
    if let Some((requests, window)) = args.budget {
        api = api.request_budget(requests, window);
    }
    if let Some(url) = &args.redis {
        let mut shared = RedisConfig::new(url).prefix(&args.prefix);
        if let Some(ttl) = args.lock_ttl {
            shared = shared.lock_ttl(ttl);
        }
        api = api.redis(shared);
    }
    api.build()
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let args = match parse_args() {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("worker: {problem}");
            return std::process::ExitCode::from(2);
        }
    };
    let ids = match std::fs::read_to_string(&args.ids) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("worker: cannot read {}: {e}", args.ids);
            return std::process::ExitCode::from(2);
        }
    };
    let api = match client(&args) {
        Ok(api) => api,
        Err(e) => {
            eprintln!("worker: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    // This worker's share: every `of`-th line, from line `worker`.
    let share: Vec<(usize, String)> = ids
        .lines()
        .map(str::trim)
        .enumerate()
        .filter(|(line, id)| line % args.of == args.worker && !id.is_empty())
        .map(|(line, id)| (line, id.to_owned()))
        .collect();
    println!("start\t{}", unix_ms());
    let failures = stream::iter(share)
        .map(|(line, id)| {
            let api = api.clone();
            async move {
                match api.get_track(id.as_str()).await {
                    Ok(track) => {
                        println!("done\t{line}\t{}\t{}", unix_ms(), track.name);
                        0
                    }
                    Err(e) => {
                        eprintln!("worker: line {line} ({id}): {e}");
                        1
                    }
                }
            }
        })
        .buffer_unordered(args.concurrency)
        .fold(0, |sum, failed| async move { sum + failed })
        .await;
    if failures == 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
