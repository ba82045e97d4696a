//! Job 4: memory. A child process streams every item of a large synthetic playlist through
//! the library (`get_playlist_items(..).limit(50).stream()`, items dropped as they come) from
//! an emulator in this process, and reports its own peak RSS (`VmHWM`) after 10,000 items and
//! at the end.

use spotify_emulator::{
    Catalog, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_USER_ID, Emulator, catalog_ids,
};

use super::{Job, client_runtime};
use crate::args::Args;
use crate::bodies::user_token;
use crate::child::{self, StreamReport};
use crate::report::{Report, Target, round};
use crate::servers;
use crate::stats::{list, median};

pub(super) fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let (items, checkpoint) = if args.quick {
        (20_000, 10_000)
    } else {
        (100_000, 10_000)
    };
    let catalog = Catalog::builder().large_playlist_items(items).build();
    let emulator = servers::emulator(
        Emulator::builder()
            .catalog(catalog)
            .auto_approve(DEFAULT_USER_ID),
    )?;
    let base = emulator.base_url().to_owned();
    // The owner's token, from the default development-mode app (as in the latency job).
    let token =
        client_runtime()?.block_on(user_token(&base, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET))?;
    let api_url = format!("{base}/v1");
    let checkpoint_text = checkpoint.to_string();
    let mut reports: Vec<StreamReport> = Vec::new();
    for _ in 0..args.rounds {
        let report: StreamReport = child::run(
            "stream-playlist",
            &[
                &api_url,
                &token,
                catalog_ids::LARGE_PLAYLIST,
                &checkpoint_text,
            ],
        )?;
        anyhow::ensure!(
            report.items == items as u64,
            "the child streamed {} items, not {items}",
            report.items
        );
        reports.push(report);
    }
    drop(emulator);

    let mb = |kib: u64| kib as f64 * 1024.0 / 1e6;
    let before: Vec<f64> = reports.iter().map(|r| mb(r.before_kib)).collect();
    let at_checkpoint: Vec<f64> = reports.iter().map(|r| mb(r.checkpoint_kib)).collect();
    let at_end: Vec<f64> = reports.iter().map(|r| mb(r.end_kib)).collect();
    let growth: Vec<f64> = reports
        .iter()
        .map(|r| {
            (r.end_kib as f64 - r.checkpoint_kib as f64) / r.checkpoint_kib.max(1) as f64 * 100.0
        })
        .collect();
    let (end, grew) = (median(&at_end), median(&growth));
    report.table(
        &format!(
            "4. Memory: streaming a {items}-item playlist through the library, child process, \
             {} run(s)",
            args.rounds
        ),
        &["peak RSS (VmHWM)", "MB (median)", "per run"],
        &[
            vec![
                "client built, before the first request".into(),
                format!("{:.1}", median(&before)),
                list(&before, 1),
            ],
            vec![
                format!("after {checkpoint} items"),
                format!("{:.1}", median(&at_checkpoint)),
                list(&at_checkpoint, 1),
            ],
            vec![
                format!("after {items} items"),
                format!("{end:.1}"),
                list(&at_end, 1),
            ],
            vec![
                format!("growth {checkpoint} → {items}"),
                format!("{}%", round(grew)),
                list(&growth, 1),
            ],
        ],
    );
    report.note(
        "MB = 10^6 bytes. The emulator runs in the parent process, so its memory is not counted.",
    );
    report.target(
        Job::Memory,
        format!("peak RSS streaming {items} items"),
        end,
        Target::Below(50.0),
        " MB",
    );
    report.target(
        Job::Memory,
        format!("peak RSS growth {checkpoint} → {items} items"),
        grew,
        Target::Below(10.0),
        "%",
    );
    Ok(())
}
