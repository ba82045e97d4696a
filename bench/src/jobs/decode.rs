//! Job 3: decoding the same bytes with our models and rspotify's, timed in interleaved
//! batches (criterion's `benches/decode.rs` times the same functions more carefully).

use std::hint::black_box;
use std::time::{Duration, Instant};

use super::Job;
use crate::args::Args;
use crate::bodies::{self, Body};
use crate::decoding::{self, Kind};
use crate::report::{Report, Target, round};
use crate::stats::median;

pub(super) fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let bodies = bodies::decoding_set()?;
    // Each batch runs at least this long; rounds alternate ours and theirs.
    let (batch, rounds) = if args.quick {
        (Duration::from_millis(10), 3)
    } else {
        (Duration::from_millis(50), 5.max(args.rounds * 3))
    };
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for body in &bodies {
        let ours_items = decoding::ours(body.kind, &body.bytes)?;
        let theirs = decoding::rspotify(body.kind, &body.bytes);
        let mut ours_ns_runs = Vec::new();
        let mut their_ns_runs = Vec::new();
        for _ in 0..rounds {
            ours_ns_runs.push(time(batch, || decoding::ours(body.kind, &body.bytes)));
            if theirs.is_ok() {
                their_ns_runs.push(time(batch, || decoding::rspotify(body.kind, &body.bytes)));
            }
        }
        let ours_ns = median(&ours_ns_runs);
        let (their_cell, ratio_cell, items_cell) = match &theirs {
            Ok(their_items) => {
                let their_ns = median(&their_ns_runs);
                report.target(
                    Job::Decode,
                    format!("{}: rspotify time / ours", body.label()),
                    their_ns / ours_ns,
                    Target::Above(1.0),
                    "×",
                );
                let items = if *their_items == ours_items {
                    format!("{ours_items} / {their_items}")
                } else {
                    format!(
                        "{ours_items} / {their_items} (rspotify loses {})",
                        ours_items - their_items.min(&ours_items)
                    )
                };
                (
                    format!("{their_ns:.0}"),
                    format!("{}×", round(their_ns / ours_ns)),
                    items,
                )
            }
            Err(error) => {
                notes.push(format!(
                    "- {}: rspotify cannot decode it: {error:#}",
                    body.label()
                ));
                (
                    "cannot decode".to_owned(),
                    "-".to_owned(),
                    format!("{ours_items} / -"),
                )
            }
        };
        rows.push(vec![
            body.label(),
            body.bytes.len().to_string(),
            format!("{ours_ns:.0}"),
            their_cell,
            ratio_cell,
            items_cell,
        ]);
        if body.kind == Kind::PlaylistPage {
            notes.push(page_path_note(body, batch, rounds, ours_ns));
        }
    }
    report.table(
        &format!(
            "3. Decoding the same bytes (ns per decode, median of {rounds} interleaved batches of ≥ {} ms)",
            batch.as_millis()
        ),
        &["body", "bytes", "ours ns", "rspotify ns", "rspotify / ours", "items: ours / rspotify"],
        &rows,
    );
    report.note(format!(
        "Bodies: {}, {}, {}, {}; rendered by our emulator for an extended app (every field) and a \
         development-mode one (2026-02 removals stripped).",
        request(&bodies, Kind::Track),
        request(&bodies, Kind::Album),
        request(&bodies, Kind::PlaylistPage),
        request(&bodies, Kind::Search)
    ));
    for note in notes {
        report.note(note);
    }
    Ok(())
}

fn request(bodies: &[Body], kind: Kind) -> String {
    bodies
        .iter()
        .find(|b| b.kind == kind)
        .map_or_else(String::new, |b| b.request.clone())
}

/// The same page decoded straight into the model with `serde_json::from_slice`, to show what
/// the pipeline's page path adds on top (it decoded through a `serde_json::Value` until
/// 9729cfa; now it should cost about the same).
fn page_path_note(body: &Body, batch: Duration, rounds: usize, pipeline_ns: f64) -> String {
    let direct = |bytes: &[u8]| {
        serde_json::from_slice::<spotify_web_api::model::Page<spotify_web_api::model::PlaylistItem>>(bytes)
            .map(|p| p.items.len())
    };
    if direct(&body.bytes).is_err() {
        return format!("- {}: the model alone does not decode it", body.label());
    }
    let runs: Vec<f64> = (0..rounds)
        .map(|_| time(batch, || direct(&body.bytes)))
        .collect();
    let direct_ns = median(&runs);
    format!(
        "- {}: straight into the model (serde_json::from_slice::<Page<PlaylistItem>>) {direct_ns:.0} ns; \
         the pipeline's page path takes {}× that",
        body.label(),
        round(pipeline_ns / direct_ns)
    )
}

/// Nanoseconds per call of `f`, over a batch of at least `batch`.
fn time<T, E>(batch: Duration, mut f: impl FnMut() -> Result<T, E>) -> f64 {
    let started = Instant::now();
    let mut calls = 0u64;
    while started.elapsed() < batch {
        for _ in 0..16 {
            let _ = black_box(f());
        }
        calls += 16;
    }
    started.elapsed().as_nanos() as f64 / calls as f64
}
