//! Criterion benches of decoding: the same bytes (rendered by our emulator in today's shape,
//! for an extended app and a development-mode one) through our models and rspotify's.
//!
//! `cargo bench --manifest-path bench/Cargo.toml --bench decode`. A body rspotify cannot
//! decode gets only our bench, and a line on stderr saying so.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use spotify_bench::{bodies, decoding};

fn decode(c: &mut Criterion) {
    let bodies = match bodies::decoding_set() {
        Ok(bodies) => bodies,
        Err(error) => {
            eprintln!("decode bench: cannot render the bodies: {error:#}");
            std::process::exit(1);
        }
    };
    for body in &bodies {
        let mut group = c.benchmark_group(body.label());
        group.throughput(criterion::Throughput::Bytes(body.bytes.len() as u64));
        group.bench_function("ours", |b| {
            b.iter(|| decoding::ours(body.kind, black_box(&body.bytes)))
        });
        match decoding::rspotify(body.kind, &body.bytes) {
            Ok(_) => {
                group.bench_function("rspotify", |b| {
                    b.iter(|| decoding::rspotify(body.kind, black_box(&body.bytes)))
                });
            }
            Err(error) => eprintln!("{}: rspotify cannot decode it: {error:#}", body.label()),
        }
        group.finish();
    }
}

criterion_group!(benches, decode);
criterion_main!(benches);
