//! `spotify-bench`: runs the benchmark suite and prints its table. `--help` lists the options.

use std::process::ExitCode;

fn main() -> ExitCode {
    spotify_bench::run(std::env::args().skip(1).collect())
}
