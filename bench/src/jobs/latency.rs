//! Job 2: latency-bound jobs against the emulator, which holds every Web API request back
//! 50 ms. Ours against the theoretical minimum (requests needed ÷ the concurrency our client
//! used × 50 ms) and against rspotify's natural code for the same job (its docs' way:
//! sequential, as it offers nothing else).
//!
//! The emulator has no setting for a fixed delay on every request; a fault rule with a delay,
//! no status and a count of `u32::MAX` is one (`POST /__emulator/faults`). Token requests
//! (`/api/token`) are not delayed, and each client gets its token before the clock starts.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, ensure};
use futures_util::TryStreamExt as _;
use rspotify::clients::BaseClient as _;
use spotify_emulator::{
    App, Catalog, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_USER_ID, Emulator, QuotaMode,
    catalog_ids,
};

use super::{Job, client_runtime};
use crate::args::Args;
use crate::bodies::{self, EXTENDED_CLIENT_ID, EXTENDED_CLIENT_SECRET, Shape};
use crate::clients;
use crate::decoding::{self, Kind};
use crate::report::{Report, Target, round};
use crate::servers::{InFlight, counted_emulator};
use crate::stats::{list, median};

/// The delay on every Web API request.
const LATENCY: Duration = Duration::from_millis(50);
/// IDs per request of a multi-get, and items per page of a playlist.
const PER_REQUEST: usize = 50;

/// One task's timed part, as its future gives it: the time from the first request to the last
/// answer (the client is built and has its token before the clock starts).
type Timed = anyhow::Result<Duration>;

/// One task, measured once.
#[derive(Debug, Clone, Copy)]
struct Run {
    seconds: f64,
    peak: usize,
    requests: u64,
}

/// The sizes of the jobs.
struct Sizes {
    development_tracks: usize,
    extended_tracks: usize,
    playlist_items: usize,
}

pub(super) fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let sizes = if args.quick {
        Sizes {
            development_tracks: 80,
            extended_tracks: 400,
            playlist_items: 1_000,
        }
    } else {
        Sizes {
            development_tracks: 2_000,
            extended_tracks: 2_000,
            playlist_items: 10_000,
        }
    };
    let catalog = Catalog::builder()
        .large_playlist_items(sizes.playlist_items)
        .build();
    let ids: Vec<String> = catalog
        .ids("track")
        .into_iter()
        .filter(|id| !id.starts_with("0Emu"))
        .collect();
    let wanted = sizes.development_tracks.max(sizes.extended_tracks);
    ensure!(
        ids.len() >= wanted,
        "the emulator's catalogue has {} ordinary tracks, {wanted} are needed",
        ids.len()
    );
    // rspotify's models may refuse a development-mode app's track (fields removed in 2026-02);
    // then its development-mode job runs against the extended app: the same requests, one
    // at a time, with bodies it can read.
    let dev_track = bodies::decoding_set()?
        .into_iter()
        .find(|b| b.kind == Kind::Track && b.shape == Shape::Development)
        .context("no development-mode track body")?;
    let rspotify_reads_dev = decoding::rspotify(Kind::Track, &dev_track.bytes).is_ok();

    let in_flight = Arc::new(InFlight::default());
    let emulator = counted_emulator(
        Emulator::builder()
            .catalog(catalog)
            .app(
                App::new(EXTENDED_CLIENT_ID, EXTENDED_CLIENT_SECRET)
                    .quota_mode(QuotaMode::Extended),
            )
            .auto_approve(DEFAULT_USER_ID),
        in_flight.clone(),
        2,
    )?;
    let base = emulator.base_url().to_owned();
    let runtime = client_runtime()?;
    runtime.block_on(add_latency(&base))?;
    // The playlist is read as its owner from a development-mode app (Spotify's default for new
    // apps, which sees items only in the user's own playlists), by both clients.
    let user = runtime.block_on(bodies::user_token(
        &base,
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
    ))?;
    let user = user.as_str();

    let dev_ids = &ids[..sizes.development_tracks];
    let ext_ids = &ids[..sizes.extended_tracks];
    let playlist = catalog_ids::LARGE_PLAYLIST;
    let dev = (DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
    let ext = (EXTENDED_CLIENT_ID, EXTENDED_CLIENT_SECRET);
    let rspotify_dev_app = if rspotify_reads_dev { dev } else { ext };

    // Every task, in the order of the first round (later rounds rotate it).
    type Task<'a> = (
        &'static str,
        Box<dyn Fn() -> futures_util::future::LocalBoxFuture<'a, Timed> + 'a>,
    );
    let base = &base;
    let tasks: Vec<Task<'_>> = vec![
        (
            "dev-ours",
            Box::new(move || Box::pin(ours_tracks(base, dev, dev_ids))),
        ),
        (
            "dev-rspotify",
            Box::new(move || Box::pin(rspotify_tracks_one_by_one(base, rspotify_dev_app, dev_ids))),
        ),
        (
            "ext-ours",
            Box::new(move || Box::pin(ours_tracks(base, ext, ext_ids))),
        ),
        (
            "ext-rspotify",
            Box::new(move || Box::pin(rspotify_tracks_chunked(base, ext, ext_ids))),
        ),
        (
            "list-ours",
            Box::new(move || {
                Box::pin(ours_playlist(
                    base,
                    user,
                    playlist,
                    sizes.playlist_items,
                    false,
                ))
            }),
        ),
        (
            "list-ours-stream",
            Box::new(move || {
                Box::pin(ours_playlist(
                    base,
                    user,
                    playlist,
                    sizes.playlist_items,
                    true,
                ))
            }),
        ),
        (
            "list-rspotify",
            Box::new(move || {
                Box::pin(rspotify_playlist(
                    base,
                    user,
                    playlist,
                    sizes.playlist_items,
                ))
            }),
        ),
    ];
    // `--only ours` or `--only rspotify` keeps that client's tasks (e.g. under `perf record`).
    let tasks: Vec<Task<'_>> = tasks
        .into_iter()
        .filter(|(name, _)| match args.only.as_deref() {
            None => true,
            Some("ours") => name.contains("-ours"),
            Some(client) => name.ends_with(&format!("-{client}")),
        })
        .collect();
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); tasks.len()];
    for round in 0..args.rounds {
        for k in 0..tasks.len() {
            let index = (round + k) % tasks.len();
            let (name, task) = &tasks[index];
            in_flight.reset();
            let elapsed = runtime
                .block_on(task())
                .with_context(|| format!("{name}, round {}", round + 1))?;
            runs[index].push(Run {
                seconds: elapsed.as_secs_f64(),
                peak: in_flight.peak(),
                requests: in_flight.total(),
            });
        }
    }
    drop(emulator);

    let by_name = |name: &str| -> &[Run] {
        tasks
            .iter()
            .position(|(n, _)| *n == name)
            .map_or(&[], |i| runs[i].as_slice())
    };
    let mut rows = Vec::new();
    // A client left out by `--only` has no runs: its rows are skipped, and so are the ratios
    // and targets that need it.
    let mut job = |title: String,
                   needed: usize,
                   ours: &str,
                   extra: Option<(&str, &str)>,
                   theirs: (&str, &str)| {
        let ours_runs = by_name(ours);
        let their_runs = by_name(theirs.0);
        let ours_time = (!ours_runs.is_empty()).then(|| median(&seconds(ours_runs)));
        let their_time = (!their_runs.is_empty()).then(|| median(&seconds(their_runs)));
        let concurrency = ours_runs.iter().map(|r| r.peak).max().unwrap_or(1).max(1);
        let minimum = needed.div_ceil(concurrency) as f64 * LATENCY.as_secs_f64();
        let mut line = |client: &str, runs: &[Run], vs_min: String, speedup: String| {
            if runs.is_empty() {
                return;
            }
            let time = median(&seconds(runs));
            rows.push(vec![
                title.clone(),
                client.to_owned(),
                runs.first().map_or(0, |r| r.requests).to_string(),
                runs.iter().map(|r| r.peak).max().unwrap_or(0).to_string(),
                format!("{time:.2}"),
                list(&seconds(runs), 2),
                vs_min,
                speedup,
            ]);
        };
        let faster = |time: f64| match their_time {
            Some(theirs) => format!("{}× faster", round(theirs / time)),
            None => "–".into(),
        };
        let vs_minimum = |time: f64| match ours_time {
            Some(_) => format!("{}×", round(time / minimum)),
            None => "–".into(),
        };
        if let Some(time) = ours_time {
            line(
                "ours",
                ours_runs,
                format!("{}× of {minimum:.2} s", round(time / minimum)),
                faster(time),
            );
        }
        if let Some((label, name)) = extra {
            let runs = by_name(name);
            let time = median(&seconds(runs));
            line(label, runs, vs_minimum(time), faster(time));
        }
        if let Some(time) = their_time {
            line(theirs.1, their_runs, vs_minimum(time), "1.00×".into());
        }
        (
            ours_time.map(|ours| ours / minimum),
            ours_time
                .zip(their_time)
                .map(|(ours, theirs)| theirs / ours),
        )
    };
    let dev_title = format!(
        "{} tracks by ID, development-mode app",
        sizes.development_tracks
    );
    let ext_title = format!("{} tracks by ID, extended app", sizes.extended_tracks);
    let list_title = format!("{}-item playlist read to the end", sizes.playlist_items);
    let rspotify_dev_label = if rspotify_reads_dev {
        "rspotify: track() one by one"
    } else {
        "rspotify: track() one by one (*)"
    };
    let dev_result = job(
        dev_title.clone(),
        sizes.development_tracks,
        "dev-ours",
        None,
        ("dev-rspotify", rspotify_dev_label),
    );
    let ext_result = job(
        ext_title.clone(),
        sizes.extended_tracks.div_ceil(PER_REQUEST),
        "ext-ours",
        None,
        ("ext-rspotify", "rspotify: tracks() 50 at a time"),
    );
    let list_result = job(
        list_title.clone(),
        sizes.playlist_items.div_ceil(PER_REQUEST),
        "list-ours",
        Some(("ours: stream()", "list-ours-stream")),
        ("list-rspotify", "rspotify: playlist_items() paginator"),
    );
    report.table(
        &format!(
            "2. Latency-bound jobs: emulator with {} ms on every request, {} round(s)",
            LATENCY.as_millis(),
            args.rounds
        ),
        &[
            "job",
            "client",
            "requests",
            "peak in flight",
            "s (median)",
            "s per round",
            "vs theoretical minimum",
            "vs rspotify",
        ],
        &rows,
    );
    report.note(
        "ours: get_tracks() (Auto quota mode: the development-mode app's first wave of 8 \
         multi-gets is refused, then single gets) and get_playlist_items().fetch_all(); \
         stream() is shown for reference. Theoretical minimum: requests needed ÷ ours' peak in \
         flight × 50 ms.",
    );
    if !rspotify_reads_dev {
        report.note(
            "(*) rspotify's FullTrack refuses a development-mode app's track body (fields removed \
             in 2026-02), so its single gets ran against the extended app: the same requests, \
             bodies it can read.",
        );
    }
    for (what, (vs_min, speedup)) in [
        (dev_title, dev_result),
        (ext_title, ext_result),
        (list_title, list_result),
    ] {
        if let Some(vs_min) = vs_min {
            report.target(
                Job::Latency,
                format!("{what}: ours / theoretical minimum"),
                vs_min,
                Target::Below(1.3),
                "×",
            );
        }
        if let Some(speedup) = speedup {
            report.target(
                Job::Latency,
                format!("{what}: rspotify time / ours"),
                speedup,
                Target::AtLeast(5.0),
                "×",
            );
        }
    }
    Ok(())
}

fn seconds(runs: &[Run]) -> Vec<f64> {
    runs.iter().map(|r| r.seconds).collect()
}

/// A fault rule with no status, a delay and a count no run reaches: a fixed delay on every
/// Web API request.
async fn add_latency(base: &str) -> anyhow::Result<()> {
    let rule = serde_json::json!({
        "delay_ms": LATENCY.as_millis(),
        "count": u32::MAX,
        "path_prefix": "/v1",
    });
    let response = reqwest::Client::new()
        .post(format!("{base}/__emulator/faults"))
        .json(&rule)
        .send()
        .await?;
    ensure!(
        response.status().is_success(),
        "POST /__emulator/faults answered {}",
        response.status()
    );
    Ok(())
}

/// Ours: `get_tracks(ids)` with a new client (Auto quota mode, as a user gets it).
async fn ours_tracks(base: &str, app: (&str, &str), ids: &[String]) -> Timed {
    let api = clients::ours(base, app.0, app.1, spotify_web_api::QuotaMode::Auto).await?;
    let started = Instant::now();
    let tracks = api.get_tracks(ids).await?;
    let elapsed = started.elapsed();
    let found = tracks.iter().flatten().count();
    ensure!(found == ids.len(), "ours: {found} of {} tracks", ids.len());
    Ok(elapsed)
}

/// rspotify for an app without multi-gets: `track()` for each ID, one after the other.
async fn rspotify_tracks_one_by_one(base: &str, app: (&str, &str), ids: &[String]) -> Timed {
    let spotify = clients::rspotify(base, app.0, app.1).await?;
    let started = Instant::now();
    for id in ids {
        let id = rspotify::model::TrackId::from_id(id.as_str())?;
        spotify.track(id, None).await?;
    }
    Ok(started.elapsed())
}

/// rspotify for an app with multi-gets: `tracks()` (deprecated in 0.16, as Spotify removed it
/// for new apps) 50 IDs at a time, one request after the other.
async fn rspotify_tracks_chunked(base: &str, app: (&str, &str), ids: &[String]) -> Timed {
    let spotify = clients::rspotify(base, app.0, app.1).await?;
    let started = Instant::now();
    let mut found = 0;
    for chunk in ids.chunks(PER_REQUEST) {
        let chunk = chunk
            .iter()
            .map(|id| rspotify::model::TrackId::from_id(id.as_str()))
            .collect::<Result<Vec<_>, _>>()?;
        #[allow(deprecated)]
        let tracks = spotify.tracks(chunk, None).await?;
        found += tracks.len();
    }
    let elapsed = started.elapsed();
    ensure!(
        found == ids.len(),
        "rspotify: {found} of {} tracks",
        ids.len()
    );
    Ok(elapsed)
}

/// Ours: every item of a playlist, by `fetch_all()` (pages concurrently) or `stream()`.
async fn ours_playlist(
    base: &str,
    user: &str,
    playlist: &str,
    expected: usize,
    stream: bool,
) -> Timed {
    let api = clients::ours_user(base, user)?;
    let started = Instant::now();
    let items = if stream {
        api.get_playlist_items(playlist)
            .limit(50)
            .stream()
            .try_collect::<Vec<_>>()
            .await?
    } else {
        api.get_playlist_items(playlist).fetch_all().await?
    };
    let elapsed = started.elapsed();
    ensure!(
        items.len() == expected,
        "ours: {} of {expected} items",
        items.len()
    );
    Ok(elapsed)
}

/// rspotify: its `playlist_items` paginator (pages of 50, one after the other), collected.
async fn rspotify_playlist(base: &str, user: &str, playlist: &str, expected: usize) -> Timed {
    let spotify = clients::rspotify_user(base, user);
    let id = rspotify::model::PlaylistId::from_id(playlist)?;
    let started = Instant::now();
    let items: Vec<_> = spotify.playlist_items(id, None, None).try_collect().await?;
    let elapsed = started.elapsed();
    ensure!(
        items.len() == expected,
        "rspotify: {} of {expected} items",
        items.len()
    );
    Ok(elapsed)
}
