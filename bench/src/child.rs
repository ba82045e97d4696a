//! Work that must run in a process of its own, so that what it measures (peak memory) is its
//! own: the bench starts itself again as `spotify-bench __child MODE ...`. Each mode prints one
//! JSON line on stdout; the parent reads it with [`run`].
//!
//! - `stream-playlist API_URL TOKEN PLAYLIST_ID CHECKPOINT`: streams every item of a playlist
//!   through the library, and reports the peak RSS (`VmHWM`) before the first request, after
//!   `CHECKPOINT` items and at the end.
//! - `measure PROGRAM ARGS...`: runs a program and reports its wall time, exit status, output
//!   and peak RSS (`getrusage(RUSAGE_CHILDREN)`: its only child is the program).

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{Context as _, bail, ensure};
use futures_util::TryStreamExt as _;
use serde::{Deserialize, Serialize};
use spotify_web_api::SpotifyWebApi;

/// The first argument that selects a child mode.
pub(crate) const CHILD_FLAG: &str = "__child";

/// What `stream-playlist` reports.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct StreamReport {
    /// Items streamed.
    pub(crate) items: u64,
    /// Peak RSS before the first request, KiB.
    pub(crate) before_kib: u64,
    /// Peak RSS when `CHECKPOINT` items had been read, KiB.
    pub(crate) checkpoint_kib: u64,
    /// Peak RSS at the end, KiB.
    pub(crate) end_kib: u64,
}

/// What `measure` reports.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct MeasureReport {
    /// From spawning the program to its exit, in milliseconds.
    pub(crate) wall_ms: f64,
    /// Its peak RSS, KiB.
    pub(crate) max_rss_kib: u64,
    /// Its exit code (None: killed by a signal).
    pub(crate) code: Option<i32>,
    /// Its standard output.
    pub(crate) stdout: String,
    /// Its standard error.
    pub(crate) stderr: String,
}

/// Runs a child mode (the arguments after [`CHILD_FLAG`]).
pub(crate) fn main(argv: &[String]) -> ExitCode {
    let result = match argv.first().map(String::as_str) {
        Some("stream-playlist") => stream_playlist(&argv[1..]).and_then(|r| print_json(&r)),
        Some("measure") => measure(&argv[1..]).and_then(|r| print_json(&r)),
        other => Err(anyhow::anyhow!("unknown child mode {other:?}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("spotify-bench child: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string(value)?);
    Ok(())
}

/// Starts this program again in child mode `mode` with `args`, and reads its report.
pub(crate) fn run<T: for<'de> Deserialize<'de>>(mode: &str, args: &[&str]) -> anyhow::Result<T> {
    run_with_env(mode, args, &[])
}

/// [`run`], with `env` added to the child's environment (and so to whatever it starts).
pub(crate) fn run_with_env<T: for<'de> Deserialize<'de>>(
    mode: &str,
    args: &[&str],
    env: &[(String, String)],
) -> anyhow::Result<T> {
    let exe = std::env::current_exe().context("finding the bench's own executable")?;
    let output = Command::new(exe)
        .arg(CHILD_FLAG)
        .arg(mode)
        .args(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("starting the {mode} child"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    ensure!(
        output.status.success(),
        "the {mode} child failed ({}): {}",
        output.status,
        stderr.trim()
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .last()
        .with_context(|| format!("the {mode} child printed nothing"))?;
    serde_json::from_str(line).with_context(|| format!("the {mode} child's report: {line}"))
}

fn stream_playlist(args: &[String]) -> anyhow::Result<StreamReport> {
    let [api_url, token, playlist, checkpoint] = args else {
        bail!("stream-playlist takes API_URL TOKEN PLAYLIST_ID CHECKPOINT");
    };
    let checkpoint: u64 = checkpoint.parse().context("CHECKPOINT")?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let api = SpotifyWebApi::builder()
            .api_url(api_url.as_str())
            .access_token(token.as_str())
            .build()?;
        let before_kib = peak_rss_kib()?;
        let mut checkpoint_kib = 0;
        let mut items = 0u64;
        let mut stream = api.get_playlist_items(playlist.as_str()).limit(50).stream();
        while let Some(item) = stream.try_next().await? {
            ensure!(item.content().is_some(), "item {items} has no content");
            items += 1;
            if items == checkpoint {
                checkpoint_kib = peak_rss_kib()?;
            }
        }
        ensure!(
            items >= checkpoint,
            "the playlist ended after {items} items, before the checkpoint ({checkpoint})"
        );
        Ok(StreamReport {
            items,
            before_kib,
            checkpoint_kib,
            end_kib: peak_rss_kib()?,
        })
    })
}

/// This process's peak resident set size so far (`VmHWM`), KiB.
fn peak_rss_kib() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status").context("/proc/self/status")?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no VmHWM in /proc/self/status")
}

fn measure(args: &[String]) -> anyhow::Result<MeasureReport> {
    let (program, rest) = args
        .split_first()
        .context("measure takes PROGRAM ARGS...")?;
    ensure!(
        Path::new(program).exists(),
        "{program} does not exist (build it, or pass --cli-bin)"
    );
    let started = Instant::now();
    let output = Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {program}"))?;
    let wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .context("getrusage")?;
    Ok(MeasureReport {
        wall_ms,
        max_rss_kib: u64::try_from(usage.max_rss()).unwrap_or(0),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}
