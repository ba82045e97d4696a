//! The six jobs of issue 8, one module each.

mod cli;
mod decode;
mod emulator;
mod latency;
mod memory;
mod throughput;

use anyhow::bail;

use crate::args::Args;
use crate::report::Report;

/// A job, in the order a full run makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Job {
    /// `get_track` at concurrency 64 against the minimal server: floor, rspotify, ours.
    Throughput,
    /// Latency-bound jobs against the emulator with 50 ms on every request.
    Latency,
    /// Decoding the same bytes with our models and rspotify's.
    Decode,
    /// Peak RSS while streaming a 100,000-item playlist.
    Memory,
    /// `spotify --emulator track ...`: wall time and peak memory.
    Cli,
    /// The emulator's `get_track` throughput against the minimal server's.
    Emulator,
}

impl Job {
    /// Every job.
    pub(crate) const ALL: [Job; 6] = [
        Job::Throughput,
        Job::Latency,
        Job::Decode,
        Job::Memory,
        Job::Cli,
        Job::Emulator,
    ];

    /// Its name on the command line and in the tables.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Job::Throughput => "throughput",
            Job::Latency => "latency",
            Job::Decode => "decode",
            Job::Memory => "memory",
            Job::Cli => "cli",
            Job::Emulator => "emulator",
        }
    }

    /// The job named `name`.
    pub(crate) fn from_name(name: &str) -> anyhow::Result<Job> {
        match Job::ALL.into_iter().find(|job| job.name() == name) {
            Some(job) => Ok(job),
            None => bail!(
                "unknown job {name:?}; the jobs are {}",
                Job::ALL.map(Job::name).join(", ")
            ),
        }
    }
}

/// Runs `job`, adding its table and targets to `report`.
pub(crate) fn run(job: Job, args: &Args, report: &mut Report) -> anyhow::Result<()> {
    match job {
        Job::Throughput => throughput::run(args, report),
        Job::Latency => latency::run(args, report),
        Job::Decode => decode::run(args, report),
        Job::Memory => memory::run(args, report),
        Job::Cli => cli::run(args, report),
        Job::Emulator => emulator::run(args, report),
    }
}

/// A single-threaded runtime for a job's clients, on the calling (main) thread.
fn client_runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}
