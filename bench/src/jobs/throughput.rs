//! Job 1: `get_track` at concurrency 64 against the minimal server, which serves the seed
//! track's full body (as our emulator renders it for an extended-mode app): the bytes-only
//! floor, rspotify's `track()` and our `get_track()`, in interleaved rounds.

use std::collections::BTreeMap;

use anyhow::Context as _;
use axum::body::Bytes;
use spotify_emulator::catalog_ids::SEED_TRACK;
use spotify_web_api::QuotaMode;

use super::{Job, client_runtime};
use crate::args::Args;
use crate::clients::{self, Floor};
use crate::decoding::{self, Kind};
use crate::load::{drive, rate};
use crate::report::{Report, Target, round};
use crate::servers::{MINIMAL_TOKEN, minimal_server};
use crate::stats::{list, median};
use crate::{bodies, stats};

/// Requests in flight at once.
pub(super) const CONCURRENCY: usize = 64;

/// The clients, in the order of the first round (later rounds rotate it).
const CLIENTS: [&str; 3] = ["floor", "rspotify", "ours"];

pub(super) fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let body = bodies::seed_track()?;
    // All three must read this body, or the comparison is void.
    decoding::ours(Kind::Track, &body).context("our Track model refuses the served body")?;
    decoding::rspotify(Kind::Track, &body)
        .context("rspotify's FullTrack model refuses the served body")?;
    let size = body.len();
    let server = minimal_server(Bytes::from(body))?;
    let clients: Vec<&str> = CLIENTS
        .into_iter()
        .filter(|c| args.only.as_deref().is_none_or(|only| only == *c))
        .collect();
    let rates = client_runtime()?.block_on(measure(server.base_url(), &clients, args))?;
    drop(server);

    let floor = rates.get("floor").map(|r| median(r));
    let rows: Vec<Vec<String>> = clients
        .iter()
        .map(|client| {
            let runs = &rates[*client];
            let m = median(runs);
            vec![
                (*client).to_owned(),
                format!("{m:.0}"),
                list(runs, 0),
                floor.map_or("-".into(), |f| format!("{}×", round(m / f))),
            ]
        })
        .collect();
    report.table(
        &format!(
            "1. Throughput: get_track, {} requests at concurrency {CONCURRENCY}, minimal server \
             ({size}-byte body), {} round(s)",
            args.requests, args.rounds
        ),
        &["client", "req/s (median)", "req/s per round", "vs floor"],
        &rows,
    );
    if let (Some(ours), Some(theirs), Some(floor)) = (
        rates.get("ours").map(|r| stats::median(r)),
        rates.get("rspotify").map(|r| stats::median(r)),
        floor,
    ) {
        report.note(format!(
            "ours/rspotify {}×, ours/floor {}×",
            round(ours / theirs),
            round(ours / floor)
        ));
        report.target(
            Job::Throughput,
            "get_track req/s, ours / rspotify",
            ours / theirs,
            Target::AtLeast(1.3),
            "×",
        );
        report.target(
            Job::Throughput,
            "get_track req/s, ours / bytes-only floor",
            ours / floor,
            Target::AtLeast(0.8),
            "×",
        );
    }
    Ok(())
}

/// Req/s per client per round.
async fn measure(
    base: &str,
    clients: &[&str],
    args: &Args,
) -> anyhow::Result<BTreeMap<String, Vec<f64>>> {
    let url = format!("{base}/v1/tracks/{SEED_TRACK}");
    let floor = Floor::new(MINIMAL_TOKEN)?;
    let theirs = clients::rspotify(base, "bench", "bench").await?;
    let ours = clients::ours(base, "bench", "bench", QuotaMode::Auto).await?;
    let their_id = rspotify::model::TrackId::from_id(SEED_TRACK)?;
    let (floor, theirs, ours, their_id, url) = (&floor, &theirs, &ours, &their_id, &url);

    let run = |client: &str, calls: usize| {
        let client = client.to_owned();
        async move {
            match client.as_str() {
                "floor" => {
                    drive(calls, CONCURRENCY, || async move {
                        floor.get(url).await.map(drop)
                    })
                    .await
                }
                "rspotify" => {
                    drive(calls, CONCURRENCY, || {
                        clients::rspotify_track(theirs, their_id)
                    })
                    .await
                }
                _ => drive(calls, CONCURRENCY, || clients::ours_track(ours, SEED_TRACK)).await,
            }
            .with_context(|| format!("{client}: get_track"))
        }
    };

    // Warm-up: each client opens its connections and fills its pool before any timing.
    for client in clients {
        run(client, (CONCURRENCY * 8).min(args.requests)).await?;
    }
    let mut rates: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for round in 0..args.rounds {
        for k in 0..clients.len() {
            let client = clients[(round + k) % clients.len()];
            let elapsed = run(client, args.requests).await?;
            rates
                .entry(client.to_owned())
                .or_default()
                .push(rate(args.requests, elapsed));
        }
    }
    Ok(rates)
}
