//! The benchmark suite of issue 8: `spotify-web-api` measured against rspotify 0.16 and a
//! bytes-only reqwest floor, side by side in one run.
//!
//! The binary (`src/main.rs`) runs the six jobs and prints each measured ratio next to its
//! target; [`run`] is its entry point. The criterion benches (`benches/decode.rs`) share
//! [`bodies`] (the response bodies, rendered by our emulator in today's shape) and
//! [`decoding`] (each client's way of decoding them) with the binary's decoding job.
//!
//! How each number is measured, and why, is in `docs/PERFORMANCE.md` at the repository root.

pub mod bodies;
pub mod decoding;

mod args;
mod child;
mod clients;
mod jobs;
mod load;
mod report;
mod servers;
mod stats;

use std::process::ExitCode;
use std::time::Instant;

pub use args::Args;
use report::Report;

/// Runs what `argv` (without the program name) asks for: the jobs, or one of the child modes
/// the jobs start in their own processes. Prints the tables; the exit code is 1 when a job
/// failed, 2 for bad usage.
pub fn run(argv: Vec<String>) -> ExitCode {
    if argv.first().map(String::as_str) == Some(child::CHILD_FLAG) {
        return child::main(&argv[1..]);
    }
    let args = match Args::parse(&argv) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("spotify-bench: {error:#}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let mut report = Report::new(&args);
    report.header();
    for job in &args.jobs {
        let job_started = Instant::now();
        match jobs::run(*job, &args, &mut report) {
            Ok(()) => report.note(format!(
                "({} took {:.1} s)",
                job.name(),
                job_started.elapsed().as_secs_f64()
            )),
            Err(error) => report.failed(*job, &error),
        }
    }
    report.summary(started.elapsed());
    if report.has_failures() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
