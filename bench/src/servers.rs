//! The servers the clients talk to, each on its own OS thread with its own single-threaded
//! Tokio runtime, in this process.
//!
//! Why in-process, on a thread of its own: the server is then one more thread for the kernel to
//! schedule on the 2 cores, as a child process would be, but its start-up and shutdown need no
//! process management, and the same server serves every client of a round. Why one thread (for
//! the throughput-bound jobs): the clients run on the main thread's single-threaded runtime, so
//! server and client each have one runnable thread and share the two cores evenly; a server
//! with more threads would take CPU from the client it measures.

use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::thread::JoinHandle;

use anyhow::{Context as _, anyhow};
use axum::Router;
use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use spotify_emulator::{AppState, EmulatorBuilder};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A server running on its own thread; dropping it stops the server and joins the thread.
#[derive(Debug)]
pub(crate) struct ServerThread {
    base_url: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl ServerThread {
    /// Starts a thread named `name` with a runtime of `workers` threads (1: a single-threaded
    /// runtime on that thread) and runs `start` on it; `start` gives the base URL and a guard
    /// that keeps the server alive until the drop.
    pub(crate) fn spawn<F, Fut, G>(
        name: &str,
        workers: usize,
        start: F,
    ) -> anyhow::Result<ServerThread>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = anyhow::Result<(String, G)>>,
        G: 'static,
    {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<anyhow::Result<String>>();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let mut builder = if workers <= 1 {
                    tokio::runtime::Builder::new_current_thread()
                } else {
                    let mut builder = tokio::runtime::Builder::new_multi_thread();
                    builder.worker_threads(workers);
                    builder
                };
                let runtime = match builder.enable_all().build() {
                    Ok(runtime) => runtime,
                    Err(error) => {
                        let _ = ready_tx.send(Err(error.into()));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match start().await {
                        Ok((url, guard)) => {
                            let _ = ready_tx.send(Ok(url));
                            // A send or a dropped sender both mean "stop".
                            let _ = stop_rx.await;
                            drop(guard);
                        }
                        Err(error) => {
                            let _ = ready_tx.send(Err(error));
                        }
                    }
                });
            })
            .with_context(|| format!("starting the {name} thread"))?;
        let base_url = ready_rx
            .recv()
            .map_err(|_| anyhow!("the {name} thread ended before its server started"))?
            .with_context(|| format!("starting the {name} server"))?;
        Ok(ServerThread {
            base_url,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }
}

impl Drop for ServerThread {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The access token the minimal server hands out (it checks none).
pub(crate) const MINIMAL_TOKEN: &str = "bench-token";

/// The minimal server: `GET /v1/tracks/{id}` answers `body` (whatever the id), and
/// `POST /api/token` a client-credentials token, so both peers can log in as their docs show.
/// Nothing else: no routing beyond that, no logging, no checks.
pub(crate) fn minimal_server(body: Bytes) -> anyhow::Result<ServerThread> {
    ServerThread::spawn("minimal-server", 1, move || async move {
        let token = Bytes::from(format!(
            r#"{{"access_token":"{MINIMAL_TOKEN}","token_type":"Bearer","expires_in":3600}}"#
        ));
        let json = HeaderValue::from_static("application/json; charset=utf-8");
        let track_json = json.clone();
        let app = Router::new()
            .route(
                "/v1/tracks/{id}",
                get(move || {
                    let body = body.clone();
                    let json = track_json.clone();
                    async move { ([(header::CONTENT_TYPE, json)], body) }
                }),
            )
            .route(
                "/api/token",
                post(move || {
                    let token = token.clone();
                    let json = json.clone();
                    async move { ([(header::CONTENT_TYPE, json)], token) }
                }),
            );
        serve(app).await
    })
}

/// Requests seen by a [`counted_emulator`]: how many, how many at once at most.
#[derive(Debug, Default)]
pub(crate) struct InFlight {
    now: AtomicUsize,
    peak: AtomicUsize,
    total: AtomicU64,
}

impl InFlight {
    /// Zeroes the peak and the total (between runs; nothing may be in flight).
    pub(crate) fn reset(&self) {
        self.peak.store(0, Ordering::SeqCst);
        self.total.store(0, Ordering::SeqCst);
    }

    /// The most Web API requests in flight at once since the last reset.
    pub(crate) fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }

    /// The Web API requests answered since the last reset.
    pub(crate) fn total(&self) -> u64 {
        self.total.load(Ordering::SeqCst)
    }
}

/// The emulator as users run it ([`EmulatorBuilder::start`]), on its own thread.
pub(crate) fn emulator(builder: EmulatorBuilder) -> anyhow::Result<ServerThread> {
    ServerThread::spawn("emulator", 1, move || async move {
        let emulator = builder.start().await.context("binding the emulator")?;
        Ok((emulator.base_url().to_owned(), emulator))
    })
}

/// The emulator's router served behind a layer that counts the `/v1` requests in flight, so
/// a latency-bound job can report the concurrency the client really used. It runs on
/// `workers` threads: there the server's CPU is not what is measured, and rendering several
/// large bodies at once should not add to the injected latency more than the machine must.
pub(crate) fn counted_emulator(
    builder: EmulatorBuilder,
    in_flight: Arc<InFlight>,
    workers: usize,
) -> anyhow::Result<ServerThread> {
    ServerThread::spawn("emulator", workers, move || async move {
        let state: AppState = builder.into_state();
        let app = spotify_emulator::router(state).layer(middleware::from_fn(
            move |request: Request, next: Next| {
                let in_flight = in_flight.clone();
                async move { count(&in_flight, request, next).await }
            },
        ));
        serve(app).await
    })
}

async fn count(in_flight: &InFlight, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/v1/") {
        return next.run(request).await;
    }
    let now = in_flight.now.fetch_add(1, Ordering::SeqCst) + 1;
    in_flight.peak.fetch_max(now, Ordering::SeqCst);
    // Counted down on drop, so a request the client gave up on is not left counted.
    let _guard = Leaving(in_flight);
    next.run(request).await
}

/// Counts a request out of [`InFlight`] when it ends, however it ends.
struct Leaving<'a>(&'a InFlight);

impl Drop for Leaving<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
        self.0.total.fetch_add(1, Ordering::SeqCst);
    }
}

/// Binds a free loopback port and serves `app` on a task of the current runtime.
async fn serve(app: Router) -> anyhow::Result<(String, tokio::task::JoinHandle<()>)> {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .context("binding a loopback port")?;
    let address = listener.local_addr()?;
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            eprintln!("spotify-bench: server error: {error}");
        }
    });
    Ok((format!("http://{address}"), task))
}
