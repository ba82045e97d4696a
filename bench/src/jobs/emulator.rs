//! Job 6: the emulator as a server. The same client (the bytes-only floor, at concurrency 64)
//! asks the emulator and the minimal server for the seed track, in interleaved rounds; the
//! minimal server serves the very body the emulator sends.

use anyhow::ensure;
use spotify_emulator::catalog_ids::SEED_TRACK;
use spotify_emulator::{App, Emulator, QuotaMode};

use super::throughput::CONCURRENCY;
use super::{Job, client_runtime};
use crate::args::Args;
use crate::bodies::{EXTENDED_CLIENT_ID, EXTENDED_CLIENT_SECRET, client_token};
use crate::clients::Floor;
use crate::load::{drive, rate};
use crate::report::{Report, Target, round};
use crate::servers::{self, MINIMAL_TOKEN, minimal_server};
use crate::stats::{list, median};

pub(super) fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let emulator = servers::emulator(Emulator::builder().app(
        App::new(EXTENDED_CLIENT_ID, EXTENDED_CLIENT_SECRET).quota_mode(QuotaMode::Extended),
    ))?;
    let runtime = client_runtime()?;
    let emulator_url = format!("{}/v1/tracks/{SEED_TRACK}", emulator.base_url());
    let (token, body) = runtime.block_on(async {
        let http = reqwest::Client::new();
        let token = client_token(
            &http,
            emulator.base_url(),
            EXTENDED_CLIENT_ID,
            EXTENDED_CLIENT_SECRET,
        )
        .await?;
        let response = http.get(&emulator_url).bearer_auth(&token).send().await?;
        ensure!(
            response.status() == reqwest::StatusCode::OK,
            "the emulator answered {}",
            response.status()
        );
        anyhow::Ok((token, response.bytes().await?))
    })?;
    let size = body.len();
    let minimal = minimal_server(body)?;
    let minimal_url = format!("{}/v1/tracks/{SEED_TRACK}", minimal.base_url());

    let (emulator_rates, minimal_rates) = runtime.block_on(async {
        let to_emulator = Floor::new(&token)?;
        let to_minimal = Floor::new(MINIMAL_TOKEN)?;
        let (to_emulator, to_minimal) = (&to_emulator, &to_minimal);
        let (emulator_url, minimal_url) = (&emulator_url, &minimal_url);
        let warm_up = (CONCURRENCY * 8).min(args.requests);
        drive(warm_up, CONCURRENCY, || async move {
            to_emulator.get(emulator_url).await.map(drop)
        })
        .await?;
        drive(warm_up, CONCURRENCY, || async move {
            to_minimal.get(minimal_url).await.map(drop)
        })
        .await?;
        let mut emulator_rates = Vec::new();
        let mut minimal_rates = Vec::new();
        for round in 0..args.rounds {
            for k in 0..2 {
                if (round + k) % 2 == 0 {
                    let t = drive(args.requests, CONCURRENCY, || async move {
                        to_minimal.get(minimal_url).await.map(drop)
                    })
                    .await?;
                    minimal_rates.push(rate(args.requests, t));
                } else {
                    let t = drive(args.requests, CONCURRENCY, || async move {
                        to_emulator.get(emulator_url).await.map(drop)
                    })
                    .await?;
                    emulator_rates.push(rate(args.requests, t));
                }
            }
        }
        anyhow::Ok((emulator_rates, minimal_rates))
    })?;
    drop((minimal, emulator));

    let (e, m) = (median(&emulator_rates), median(&minimal_rates));
    report.table(
        &format!(
            "6. The emulator as a server: GET /v1/tracks/{{id}} ({size}-byte body), bytes-only \
             client, {} requests at concurrency {CONCURRENCY}, {} round(s)",
            args.requests, args.rounds
        ),
        &["server", "req/s (median)", "req/s per round", "vs minimal"],
        &[
            vec![
                "minimal axum server".into(),
                format!("{m:.0}"),
                list(&minimal_rates, 0),
                "1.00×".into(),
            ],
            vec![
                "spotify-emulator".into(),
                format!("{e:.0}"),
                list(&emulator_rates, 0),
                format!("{}×", round(e / m)),
            ],
        ],
    );
    report.target(
        Job::Emulator,
        "emulator req/s / minimal server",
        e / m,
        Target::AtLeast(0.5),
        "×",
    );
    Ok(())
}
