//! The command line, parsed by hand (a handful of flags do not justify clap's build time in CI).

use std::path::PathBuf;

use anyhow::{Context as _, anyhow, bail};

use crate::jobs::Job;

/// `--help`.
pub(crate) const USAGE: &str = "\
spotify-bench: spotify-web-api against rspotify 0.16 and a bytes-only floor, side by side.

USAGE:
    cargo run --release --manifest-path bench/Cargo.toml -- [OPTIONS]

OPTIONS:
    --quick            a smoke run (small sizes, one round) that ends in well under a minute
    --job NAME         run only this job (repeat it, or give a comma list); jobs, in order:
                       throughput, latency, decode, memory, cli, emulator
    --rounds N         interleaved rounds per job (default: 3, or 1 with --quick)
    --only CLIENT      throughput and latency jobs: run only this client (floor, rspotify,
                       ours; the latency job has no floor), e.g. under `perf record`
    --requests N       throughput and emulator jobs: requests per round (default 20000)
    --cli-bin PATH     the `spotify` binary for the cli job (default: built here with
                       `cargo build --release -p spotify-cli`, or the dev profile with --quick)
    -h, --help         this text

Exit status: 0 when every job ran (targets are reported, never enforced), 1 when a job failed,
2 for bad usage.";

/// What to run.
#[derive(Debug, Clone)]
pub struct Args {
    /// The smoke run: small sizes, one round.
    pub quick: bool,
    /// The jobs, in the order they run.
    pub(crate) jobs: Vec<Job>,
    /// Interleaved rounds per job.
    pub rounds: usize,
    /// The throughput and latency jobs' only client, if one was named.
    pub only: Option<String>,
    /// Requests per round of the throughput-bound jobs.
    pub requests: usize,
    /// The CLI binary to time.
    pub cli_bin: Option<PathBuf>,
}

impl Args {
    /// Parses the arguments after the program name; `Ok(None)` for `--help`.
    ///
    /// # Errors
    ///
    /// An unknown flag, a missing or malformed value.
    pub fn parse(argv: &[String]) -> anyhow::Result<Option<Args>> {
        let mut quick = false;
        let mut jobs = Vec::new();
        let mut rounds = None;
        let mut only = None;
        let mut requests = None;
        let mut cli_bin = None;
        let mut rest = argv.iter();
        while let Some(arg) = rest.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
                _ => (arg.as_str(), None),
            };
            let mut value = |name: &str| {
                inline
                    .clone()
                    .or_else(|| rest.next().cloned())
                    .ok_or_else(|| anyhow!("{name} needs a value"))
            };
            match flag {
                "-h" | "--help" => return Ok(None),
                "--quick" => quick = true,
                "--job" => {
                    for name in value("--job")?.split(',') {
                        jobs.push(Job::from_name(name.trim())?);
                    }
                }
                "--rounds" => rounds = Some(positive(&value("--rounds")?, "--rounds")?),
                "--requests" => requests = Some(positive(&value("--requests")?, "--requests")?),
                "--only" => {
                    let client = value("--only")?;
                    if !["floor", "rspotify", "ours"].contains(&client.as_str()) {
                        bail!("--only takes floor, rspotify or ours, not {client:?}");
                    }
                    only = Some(client);
                }
                "--cli-bin" => cli_bin = Some(PathBuf::from(value("--cli-bin")?)),
                other => bail!("unknown argument {other:?}"),
            }
        }
        if jobs.is_empty() {
            jobs = Job::ALL.to_vec();
        }
        jobs.sort();
        jobs.dedup();
        Ok(Some(Args {
            quick,
            jobs,
            rounds: rounds.unwrap_or(if quick { 1 } else { 3 }),
            only,
            requests: requests.unwrap_or(if quick { 2_000 } else { 20_000 }),
            cli_bin,
        }))
    }
}

fn positive(text: &str, name: &str) -> anyhow::Result<usize> {
    let n: usize = text
        .parse()
        .with_context(|| format!("{name} takes a whole number, not {text:?}"))?;
    if n == 0 {
        bail!("{name} must be at least 1");
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> anyhow::Result<Option<Args>> {
        Args::parse(&args.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn defaults_and_quick() -> anyhow::Result<()> {
        let full = parse(&[])?.context("not help")?;
        assert_eq!(
            (full.rounds, full.requests, full.jobs.len()),
            (3, 20_000, 6)
        );
        let quick = parse(&["--quick", "--job", "decode,throughput"])?.context("not help")?;
        assert_eq!(quick.rounds, 1);
        assert_eq!(quick.jobs, [Job::Throughput, Job::Decode]);
        Ok(())
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(parse(&["--job", "nope"]).is_err());
        assert!(parse(&["--rounds", "0"]).is_err());
        assert!(parse(&["--rounds"]).is_err());
        assert!(parse(&["--only=nobody"]).is_err());
        assert!(parse(&["--frobnicate"]).is_err());
        assert!(matches!(parse(&["--help"]), Ok(None)));
    }
}
