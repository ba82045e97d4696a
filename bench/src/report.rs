//! What the run prints: the machine, one table per job as it ends, and at the end every target
//! next to its measured ratio. Tables are Markdown, so a run pastes into `docs/PERFORMANCE.md`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::args::Args;
use crate::jobs::Job;

/// A target: the measured value must be at least, or below, a bound.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    /// `measured >= bound`.
    AtLeast(f64),
    /// `measured > bound`.
    Above(f64),
    /// `measured < bound`.
    Below(f64),
}

impl Target {
    fn met(self, measured: f64) -> bool {
        match self {
            Target::AtLeast(bound) => measured >= bound,
            Target::Above(bound) => measured > bound,
            Target::Below(bound) => measured < bound,
        }
    }
}

/// One line of the closing table.
#[derive(Debug)]
struct TargetRow {
    job: &'static str,
    what: String,
    measured: String,
    target: String,
    met: bool,
}

/// The run's output, and what it remembers for the closing table.
#[derive(Debug)]
pub(crate) struct Report {
    quick: bool,
    targets: Vec<TargetRow>,
    failures: Vec<String>,
    jobs_run: usize,
}

impl Report {
    pub(crate) fn new(args: &Args) -> Report {
        Report {
            quick: args.quick,
            targets: Vec::new(),
            failures: Vec::new(),
            jobs_run: args.jobs.len(),
        }
    }

    /// The machine and the settings, before the first job.
    pub(crate) fn header(&self) {
        println!(
            "# spotify-bench{}",
            if self.quick { " --quick" } else { "" }
        );
        println!();
        println!("{}", machine());
        if self.quick {
            println!(
                "\nQuick mode: small sizes and one round, a smoke test. Its numbers are not the \
                 table of record."
            );
        }
    }

    /// A job's table: `headers`, then `rows` (Markdown, columns padded).
    pub(crate) fn table(&self, title: &str, headers: &[&str], rows: &[Vec<String>]) {
        println!("\n## {title}\n");
        let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
        for row in rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let line = |cells: &mut dyn Iterator<Item = String>| {
            let padded: Vec<String> = cells
                .zip(&widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            println!("| {} |", padded.join(" | "));
        };
        line(&mut headers.iter().map(|h| (*h).to_owned()));
        line(&mut widths.iter().map(|w| "-".repeat(*w)));
        for row in rows {
            line(&mut row.iter().cloned());
        }
        // A blank line ends the table, so a note under it stays a paragraph in Markdown.
        println!();
    }

    /// A line of explanation under a table.
    pub(crate) fn note(&self, text: impl AsRef<str>) {
        println!("{}", text.as_ref());
    }

    /// Records a target and its measured value; `unit` follows both numbers (`×`, ` MB`...).
    pub(crate) fn target(
        &mut self,
        job: Job,
        what: impl Into<String>,
        measured: f64,
        target: Target,
        unit: &str,
    ) {
        let (sign, bound) = match target {
            Target::AtLeast(bound) => ("≥", bound),
            Target::Above(bound) => (">", bound),
            Target::Below(bound) => ("<", bound),
        };
        self.targets.push(TargetRow {
            job: job.name(),
            what: what.into(),
            measured: format!("{}{unit}", round(measured)),
            target: format!("{sign} {}{unit}", round(bound)),
            met: target.met(measured),
        });
    }

    /// A job that did not finish: reported at once and at the end, and the run fails.
    pub(crate) fn failed(&mut self, job: Job, error: &anyhow::Error) {
        let text = format!("job {} failed: {error:#}", job.name());
        eprintln!("\nspotify-bench: {text}");
        self.failures.push(text);
    }

    /// Whether a job failed.
    pub(crate) fn has_failures(&self) -> bool {
        !self.failures.is_empty()
    }

    /// The closing table: every target next to its measured value.
    pub(crate) fn summary(&self, elapsed: Duration) {
        let rows: Vec<Vec<String>> = self
            .targets
            .iter()
            .map(|t| {
                vec![
                    t.job.to_owned(),
                    t.what.clone(),
                    t.measured.clone(),
                    t.target.clone(),
                    if t.met { "met" } else { "missed" }.to_owned(),
                ]
            })
            .collect();
        if rows.is_empty() {
            println!("\n## Targets (issue 8)\n\nNo target was measured.");
        } else {
            self.table(
                "Targets (issue 8)",
                &["job", "measure", "measured", "target", ""],
                &rows,
            );
        }
        let met = self.targets.iter().filter(|t| t.met).count();
        println!(
            "\n{met} of {} targets met{}. Run took {:.1} s; load average at the end: {}.",
            self.targets.len(),
            if self.quick {
                " (quick mode: indicative only)"
            } else {
                ""
            },
            elapsed.as_secs_f64(),
            load_average()
        );
        for failure in &self.failures {
            println!("FAILED: {failure}");
        }
        // The plain closing line CI reads: jobs, not targets (targets are never enforced).
        println!(
            "\njobs: {} passed, {} failed",
            self.jobs_run - self.failures.len(),
            self.failures.len()
        );
    }
}

/// A number with as many decimals as it needs to show two or three significant digits.
pub(crate) fn round(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 100.0 {
        format!("{value:.0}")
    } else if magnitude >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

/// Date, cores, CPU model and load, as `docs/PERFORMANCE.md` records them.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    format!(
        "- date: {} (UTC)\n- cores (nproc): {cores}\n- CPU: {cpu}\n- load average at the start: {}",
        today(),
        load_average()
    )
}

/// `/proc/loadavg`'s first three fields.
pub(crate) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Today's date in UTC, `YYYY-MM-DD` (days since the epoch to the civil calendar).
fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let (y, m, d) = civil_from_days(i64::try_from(days).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numbers() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_421), (2025, 11, 29));
        assert_eq!(round(1234.4), "1234");
        assert_eq!(round(12.34), "12.3");
        assert_eq!(round(0.456), "0.46");
        assert!(Target::AtLeast(1.3).met(1.3));
        assert!(!Target::Below(50.0).met(50.0));
    }
}
