//! Job 5: the CLI's cold start. `spotify --emulator track 7EjyzZcbLxW7PaaLua9Ksb` (an emulator
//! started inside the CLI's process) and the same command against an emulator already running
//! in this process (`--base-url`), so the emulator's start-up is told apart from the CLI's own.
//! Each run is a new process, timed from spawn to exit by a child of the bench that has no
//! other child, so `getrusage(RUSAGE_CHILDREN)` gives the CLI's own peak RSS.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, bail, ensure};
use spotify_emulator::catalog_ids::SEED_TRACK;
use spotify_emulator::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Emulator};

use super::Job;
use crate::args::Args;
use crate::child::{self, MeasureReport};
use crate::report::{Report, Target};
use crate::servers;
use crate::stats::{list, median};

pub(super) fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let (binary, how) = match &args.cli_bin {
        Some(path) => (path.clone(), "given with --cli-bin".to_owned()),
        None => {
            let profile = if args.quick { "dev" } else { "release" };
            (
                build_cli(args.quick)?,
                format!("built here, {profile} profile"),
            )
        }
    };
    ensure!(
        binary.is_file(),
        "{} is not a file (build spotify-cli, or pass --cli-bin PATH)",
        binary.display()
    );
    let binary_text = binary.to_string_lossy().into_owned();
    let runs = if args.quick { 3 } else { 10 };
    let emulator = servers::emulator(Emulator::builder())?;
    let home = std::env::temp_dir().join(format!("spotify-bench-cli-{}", std::process::id()));
    std::fs::create_dir_all(&home)?;
    let env = |base_url: Option<&str>| -> Vec<(String, String)> {
        let mut env: Vec<(String, String)> = ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"]
            .iter()
            .map(|name| ((*name).to_owned(), home.to_string_lossy().into_owned()))
            .collect();
        if base_url.is_some() {
            env.push(("SPOTIFY_CLIENT_ID".into(), DEFAULT_CLIENT_ID.into()));
            env.push(("SPOTIFY_CLIENT_SECRET".into(), DEFAULT_CLIENT_SECRET.into()));
        }
        env
    };
    let variants = [
        Variant {
            label: "--emulator (emulator started inside the CLI)",
            argv: vec![
                binary_text.clone(),
                "--emulator".into(),
                "track".into(),
                SEED_TRACK.into(),
            ],
            env: env(None),
        },
        Variant {
            label: "--base-url (emulator already running)",
            argv: vec![
                binary_text.clone(),
                "--base-url".into(),
                emulator.base_url().to_owned(),
                "track".into(),
                SEED_TRACK.into(),
            ],
            env: env(Some(emulator.base_url())),
        },
    ];
    let mut results: [Vec<MeasureReport>; 2] = [Vec::new(), Vec::new()];
    // One unmeasured run of each first: the binary's pages into the page cache.
    for round in 0..=runs {
        for (index, variant) in variants.iter().enumerate() {
            let argv: Vec<&str> = variant.argv.iter().map(String::as_str).collect();
            let measured: MeasureReport = child::run_with_env("measure", &argv, &variant.env)?;
            ensure!(
                measured.code == Some(0) && measured.stdout.contains("Surfin' Bird"),
                "`{}` failed ({:?}): {}{}",
                argv.join(" "),
                measured.code,
                measured.stdout.trim(),
                measured.stderr.trim()
            );
            if round > 0 {
                results[index].push(measured);
            }
        }
    }
    drop(emulator);
    let _ = std::fs::remove_dir_all(&home);

    let mut rows = Vec::new();
    let mut walls = Vec::new();
    for (variant, measured) in variants.iter().zip(&results) {
        let wall: Vec<f64> = measured.iter().map(|m| m.wall_ms).collect();
        let rss: Vec<f64> = measured
            .iter()
            .map(|m| m.max_rss_kib as f64 * 1024.0 / 1e6)
            .collect();
        walls.push(median(&wall));
        rows.push(vec![
            variant.label.to_owned(),
            format!("{:.1}", median(&wall)),
            list(&wall, 1),
            format!("{:.1}", median(&rss)),
        ]);
    }
    report.table(
        &format!("5. CLI cold start: spotify … track {SEED_TRACK}, median of {runs} runs"),
        &[
            "command",
            "wall ms (median)",
            "wall ms per run",
            "peak RSS MB (median)",
        ],
        &rows,
    );
    report.note(format!(
        "Binary: {} ({how}). The emulator's start-up inside the CLI costs about {:.1} ms (the \
         difference of the two medians).",
        binary.display(),
        walls[0] - walls[1]
    ));
    report.target(
        Job::Cli,
        "spotify --emulator track: wall time",
        walls[0],
        Target::Below(20.0),
        " ms",
    );
    Ok(())
}

/// One way of running the command.
struct Variant {
    label: &'static str,
    argv: Vec<String>,
    env: Vec<(String, String)>,
}

/// `cargo build [--release] -p spotify-cli` in the main workspace; the `spotify` binary's path.
fn build_cli(quick: bool) -> anyhow::Result<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([
            "build",
            "-p",
            "spotify-cli",
            "--message-format=json-render-diagnostics",
        ])
        .arg("--manifest-path")
        .arg(&manifest)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    if !quick {
        command.arg("--release");
    }
    let output = command
        .output()
        .context("running cargo build -p spotify-cli")?;
    ensure!(
        output.status.success(),
        "cargo build -p spotify-cli failed ({})",
        output.status
    );
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] == "compiler-artifact"
            && message["target"]["name"] == "spotify"
            && let Some(path) = message["executable"].as_str()
        {
            return Ok(PathBuf::from(path));
        }
    }
    bail!("cargo build -p spotify-cli named no `spotify` executable")
}
