//! `spotify-emulator`: serves the emulator on `127.0.0.1` until Ctrl-C or SIGTERM.
//!
//! With `--state FILE` (or `SPOTIFY_EMULATOR_STATE=FILE`) what users change (libraries,
//! follows, playlists, covers, players, tokens, quota modes, the virtual clock) is kept in
//! `FILE` and put back at the next start; Ctrl-C and SIGTERM write it a last time. A file that
//! cannot be read is an error at start (exit code 1), and is left as it is.
//!
//! On start it prints, and flushes at once so a parent process reading the pipe sees them:
//!
//! ```text
//! spotify-emulator listening on http://127.0.0.1:PORT
//! base url: http://127.0.0.1:PORT
//! client id: <id>
//! client secret: <secret>
//! user: <default user id>
//! state file: <path>          (with --state only)
//! catalogue: <dir>            (with --catalogue only)
//! recording from: <url>       (with --record-from only)
//! ```

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use std::time::Duration;

use spotify_emulator::{
    Catalog, DEFAULT_BODY_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_LARGE_PLAYLIST_ITEMS,
    DEFAULT_SEED, DEFAULT_SYNTHETIC_TRACKS, Emulator, Fault, QuotaMode, RateLimit, Upstream,
};
use tracing_subscriber::EnvFilter;

/// A faithful, stateful, offline emulator of Spotify's accounts service and Web API.
#[derive(Debug, Parser)]
#[command(name = "spotify-emulator", version, about)]
struct Args {
    /// Loopback port to listen on; 0 picks any free port.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Client id of the default app.
    #[arg(long)]
    client_id: Option<String>,
    /// Client secret of the default app.
    #[arg(long)]
    client_secret: Option<String>,
    /// Quota mode of the default app: development (Spotify's default since 2026-02) or
    /// extended.
    #[arg(long, default_value = "development")]
    quota_mode: QuotaMode,
    /// Seed of the synthetic catalogue (same seed and sizes, same catalogue).
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Number of synthetic tracks (albums, artists, shows, playlists scale with it).
    #[arg(long, default_value_t = DEFAULT_SYNTHETIC_TRACKS)]
    synthetic_tracks: usize,
    /// Number of items of the large playlist (catalog_ids::LARGE_PLAYLIST).
    #[arg(long, default_value_t = DEFAULT_LARGE_PLAYLIST_ITEMS)]
    large_playlist_items: usize,
    /// Keep the state users change in this JSON file across runs (created if missing; start
    /// again with the same catalogue flags).
    #[arg(long, value_name = "FILE", env = "SPOTIFY_EMULATOR_STATE")]
    state: Option<std::path::PathBuf>,
    /// Inject a fault into Web API requests (repeatable; rules are tried in order). SPEC is a
    /// kind, then comma-separated options. Kinds: a status (429, 500, 502, 503, any
    /// 400..599), reset (close the connection unanswered), truncated (cut the body in half),
    /// non_json (an HTML error page), revoke_token (the caller's token is revoked), delay.
    /// Options: count=N|max (default 1; max with p), after=N, p=PROBABILITY, seed=N,
    /// method=M, path=PREFIX, route=/v1/playlists/{id}/items, retry_after=SECS, empty_body,
    /// ms=N or ms=MIN..MAX (a delay, fixed or uniform), status=N (non_json).
    /// Examples: `429,retry_after=1,count=2`; `503,p=0.1,seed=7,method=POST`;
    /// `delay,ms=20..200,count=max`; `reset,p=0.05`.
    #[arg(long = "fault", value_name = "SPEC", verbatim_doc_comment)]
    faults: Vec<Fault>,
    /// Limit the default app to N requests per rolling 30-second window: past it, 429 with
    /// Retry-After until the window has room (off by default).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit: Option<u32>,
    /// With --rate-limit: each request made while the app should be waiting doubles its
    /// Retry-After (up to 86,400 s), as Spotify does to long abuse; waiting it out forgives.
    #[arg(long, requires = "rate_limit")]
    rate_limit_escalating: bool,
    /// Seconds a client has to send a request's headers (also the longest a keep-alive
    /// connection may stay idle); past it the connection is closed.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_HEADER_READ_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout: u64,
    /// Seconds a client has to send a request's body once its headers are in; past it, 408.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_BODY_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    body_timeout: u64,
    /// Serve also the catalogue recorded in DIR (one JSON file per entity; see
    /// --record-from). A missing directory adds nothing.
    #[arg(long, value_name = "DIR", env = "SPOTIFY_EMULATOR_CATALOGUE")]
    catalogue: Option<std::path::PathBuf>,
    /// Record mode: send catalogue reads the emulator cannot answer (tracks, albums, artists,
    /// shows, episodes, audiobooks, chapters and their lists) to this Web API base URL, e.g.
    /// https://api.spotify.com, answer with what it answers, and record each entity in
    /// --catalogue DIR. Needs the upstream app's credentials.
    #[arg(
        long,
        value_name = "URL",
        requires = "catalogue",
        requires = "upstream_client_id",
        requires = "upstream_client_secret"
    )]
    record_from: Option<String>,
    /// Client id of your app at the upstream (record mode).
    #[arg(long, value_name = "ID", env = "SPOTIFY_EMULATOR_UPSTREAM_CLIENT_ID")]
    upstream_client_id: Option<String>,
    /// Client secret of your app at the upstream (record mode). Prefer the environment
    /// variable: a flag shows in the process list.
    #[arg(
        long,
        value_name = "SECRET",
        env = "SPOTIFY_EMULATOR_UPSTREAM_CLIENT_SECRET",
        hide_env_values = true
    )]
    upstream_client_secret: Option<String>,
    /// The upstream's accounts service (record mode). Default: https://accounts.spotify.com
    /// for api.spotify.com, else the --record-from URL itself (an emulator).
    #[arg(
        long,
        value_name = "URL",
        env = "SPOTIFY_EMULATOR_UPSTREAM_ACCOUNTS_URL",
        requires = "record_from"
    )]
    upstream_accounts_url: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    raise_open_file_limit();
    let mut builder = Emulator::builder()
        .port(args.port)
        .quota_mode(args.quota_mode)
        .header_read_timeout(Duration::from_secs(args.header_timeout))
        .body_timeout(Duration::from_secs(args.body_timeout));
    let default_catalog = (args.seed, args.synthetic_tracks, args.large_playlist_items)
        == (
            DEFAULT_SEED,
            DEFAULT_SYNTHETIC_TRACKS,
            DEFAULT_LARGE_PLAYLIST_ITEMS,
        );
    if !default_catalog || args.catalogue.is_some() {
        let started = std::time::Instant::now();
        let mut catalog = Catalog::builder()
            .seed(args.seed)
            .synthetic_tracks(args.synthetic_tracks)
            .large_playlist_items(args.large_playlist_items);
        if let Some(dir) = &args.catalogue {
            catalog = catalog.recorded(dir);
        }
        let catalog = match catalog.try_build() {
            Ok(catalog) => catalog,
            Err(error) => {
                eprintln!("spotify-emulator: cannot read the catalogue directory: {error}");
                return ExitCode::FAILURE;
            }
        };
        tracing::info!(
            tracks = catalog.len("track"),
            elapsed_ms = started.elapsed().as_millis(),
            "catalogue built"
        );
        builder = builder.catalog(catalog);
    }
    if let Some(client_id) = args.client_id {
        builder = builder.client_id(client_id);
    }
    if let Some(client_secret) = args.client_secret {
        builder = builder.client_secret(client_secret);
    }
    if let Some(state) = args.state {
        builder = builder.state_file(state);
    }
    for fault in args.faults {
        builder = builder.fault(fault);
    }
    if let (Some(url), Some(id), Some(secret)) = (
        &args.record_from,
        args.upstream_client_id,
        args.upstream_client_secret,
    ) {
        let mut upstream = Upstream::new(url, id, secret);
        if let Some(accounts) = args.upstream_accounts_url {
            upstream = upstream.accounts_url(accounts);
        }
        builder = builder.record_from(upstream);
    }
    if let Some(budget) = args.rate_limit {
        builder = builder.rate_limit(RateLimit::new(budget).escalating(args.rate_limit_escalating));
    }
    let emulator = match builder.start().await {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("spotify-emulator: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Listen before the start-up lines go out: a supervisor that reads them may send SIGTERM
    // at once, and that must end in an orderly shutdown (the state file written), not a kill.
    let signals = listen_for_signals();
    let mut banner = format!(
        "spotify-emulator listening on {url}\nbase url: {url}\nclient id: {id}\nclient secret: {secret}\nuser: {user}\n",
        url = emulator.base_url(),
        id = emulator.client_id(),
        secret = emulator.client_secret(),
        user = emulator.default_user_id(),
    );
    if let Some(path) = emulator.state_file() {
        banner.push_str(&format!("state file: {}\n", path.display()));
    }
    if let Some(dir) = &args.catalogue {
        banner.push_str(&format!("catalogue: {}\n", dir.display()));
    }
    if let Some(url) = &args.record_from {
        banner.push_str(&format!("recording from: {url}\n"));
    }
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(banner.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        // Nobody reads stdout any more; keep serving anyway.
        tracing::warn!("could not write the startup lines to stdout");
    }
    drop(stdout);
    signals.await;
    emulator.shutdown().await;
    ExitCode::SUCCESS
}

/// Raises the soft limit on open files to the hard one: every connection is a descriptor,
/// and the common soft limit of 1,024 would refuse connections long before the emulator is
/// busy. Where that fails (macOS refuses an unlimited hard limit), the limit stays.
fn raise_open_file_limit() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, getrlimit, setrlimit};
        let limit = getrlimit(Resource::Nofile);
        if limit.current == limit.maximum {
            return;
        }
        let raised = rustix::process::Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        };
        match setrlimit(Resource::Nofile, raised) {
            Ok(()) => tracing::debug!(open_files = ?limit.maximum, "raised the open-file limit"),
            Err(error) => tracing::debug!(%error, "could not raise the open-file limit"),
        }
    }
}

/// Starts listening for Ctrl-C and SIGTERM (where there is one) at once; the future resolves
/// on the first of them.
fn listen_for_signals() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
