//! Decodes the seed track (the throughput job's body) `N` times with the library, for counting
//! the instructions of one decode under callgrind:
//!
//! ```sh
//! cargo build --release --manifest-path bench/Cargo.toml --example decode_instructions
//! bin=bench/target/release/examples/decode_instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null $bin 0      # start-up alone
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null $bin 4000   # and 4,000 decodes
//! ```
//!
//! One decode costs the difference of the two counts over 4,000. The body is rendered by the
//! emulator on the first run and kept in the system's temporary directory, so that both runs
//! decode the same bytes and neither counts the emulator.

use anyhow::Context as _;
use spotify_bench::decoding::{self, Kind};

fn main() -> anyhow::Result<()> {
    let count: usize = std::env::args()
        .nth(1)
        .context("usage: decode_instructions COUNT")?
        .parse()
        .context("COUNT is a number of decodes")?;
    let path = std::env::temp_dir().join("spotify-bench-seed-track.json");
    let body = match std::fs::read(&path) {
        Ok(body) => body,
        Err(_) => {
            let body = spotify_bench::bodies::seed_track()?;
            std::fs::write(&path, &body).with_context(|| format!("writing {}", path.display()))?;
            body
        }
    };
    let mut items = 0;
    for _ in 0..count {
        items += decoding::ours(Kind::Track, std::hint::black_box(&body))?;
    }
    println!("{count} decodes, {items} tracks");
    Ok(())
}
