//! A closed-loop load: a fixed number of calls with a fixed number in flight.

use std::future::Future;
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt as _};

/// Makes `calls` calls of `call`, at most `concurrency` in flight (a new one starts as soon as
/// one ends), and gives the wall time. The first error stops the load and is returned.
pub(crate) async fn drive<F, Fut>(
    calls: usize,
    concurrency: usize,
    call: F,
) -> anyhow::Result<Duration>
where
    F: Fn() -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let started = Instant::now();
    let mut in_flight = stream::iter(0..calls)
        .map(|_| call())
        .buffer_unordered(concurrency);
    while let Some(result) = in_flight.next().await {
        result?;
    }
    Ok(started.elapsed())
}

/// Requests per second of `calls` calls in `elapsed`.
pub(crate) fn rate(calls: usize, elapsed: Duration) -> f64 {
    calls as f64 / elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
}
