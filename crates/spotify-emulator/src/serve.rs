//! The server loop: accepts connections on the emulator's port and serves the [`router`] with
//! hyper, under the limits that keep one bad client from hurting the others.
//!
//! - It speaks HTTP/1.1 only (Spotify's clients and ours need no more).
//! - A client must send a request's whole header section within the **header read timeout**
//!   ([`DEFAULT_HEADER_READ_TIMEOUT`]); the same timer closes a keep-alive connection that sits
//!   idle that long, and a connection that sends nothing at all.
//! - A request's body must arrive within the **body timeout** ([`DEFAULT_BODY_TIMEOUT`],
//!   counted from the end of its headers): a client that stops mid-body gets 408 in Spotify's
//!   error envelope, and the connection is closed.
//! - A header section over [`MAX_HEADER_BYTES`] (or over 100 header fields) gets hyper's own
//!   431, a request line or header hyper cannot parse its own 400, both with an empty body:
//!   such a request never reaches a handler.
//! - A body over its route's limit ([`MAX_BODY_BYTES`]; 256 KB for a playlist cover) gets 413
//!   in the envelope, read no further than the limit (not at all when its `Content-Length`
//!   says so), and the connection is closed.
//!
//! Each connection is its own Tokio task, so a slow client holds only its own connection. An
//! accept that fails (out of file descriptors, say) is retried after a short pause, never
//! fatal.
//!
//! [`router`]: crate::router

use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Frame, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpSocket};
use tower::ServiceExt as _;

use crate::state::{AppState, Counter};

/// Default time a client has to send a request's header section (and the longest a
/// keep-alive connection may sit idle): 30 seconds, hyper's own default.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Default time a client has to send a request's body, counted from the end of its headers:
/// 30 seconds.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest header section (request line and headers) the emulator reads: 64 KB. A larger
/// one is answered 431 by hyper, with an empty body.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// The largest request body the emulator reads, except a playlist cover (at most 256 KB of
/// base64 text, as on Spotify): 2 MB. A larger one is a 413 `Request entity too large`.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The accept queue asked of the kernel (which may cap it: `net.core.somaxconn`): room for a
/// burst of a few thousand connections before a client's SYN is dropped and retried a
/// second later. Tokio's own `bind` asks for 1,024.
const ACCEPT_BACKLOG: u32 = 4096;

/// How long the accept loop pauses after an accept fails (out of file descriptors, say).
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// Binds `address` with an accept queue of [`ACCEPT_BACKLOG`].
pub(crate) fn listen(address: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = match address {
        SocketAddr::V4(_) => TcpSocket::new_v4()?,
        SocketAddr::V6(_) => TcpSocket::new_v6()?,
    };
    // As `TcpListener::bind` does: a restarted emulator can take its port back at once.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(ACCEPT_BACKLOG)
}

/// Serves `app` on `listener` until `stop` resolves, then stops accepting, lets every
/// connection finish the request it is answering, and returns once all are closed.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    state: AppState,
    header_read_timeout: Duration,
    stop: impl Future<Output = ()>,
) {
    // HTTP/1.1 only: hyper's header timer then runs from the moment a connection is served,
    // so a client that sends nothing, or a byte and nothing more, is dropped in time. (An
    // HTTP/2 connection would have no such timer; nothing that talks to the emulator needs it.)
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        // A header section (request line included) past this is a 431.
        .max_header_size(MAX_HEADER_BYTES);
    let service = TowerToHyperService::new(
        app.map_request(|request: Request<hyper::body::Incoming>| request.map(Body::new)),
    );
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let tcp = match accepted {
            Ok((tcp, _peer)) => tcp,
            Err(error) => {
                tracing::warn!(%error, "spotify-emulator: accept failed; retrying");
                tokio::time::sleep(ACCEPT_RETRY).await;
                continue;
            }
        };
        state.count(Counter::Connection);
        let connection =
            graceful.watch(builder.serve_connection(TokioIo::new(tcp), service.clone()));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::trace!(%error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// The middleware that gives every request body a deadline, `body_timeout` after the headers
/// were read. A body already complete (every `GET`) is left as it is.
pub(crate) async fn body_deadline(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    use http_body::Body as _;
    if request.body().is_end_stream() {
        return next.run(request).await;
    }
    let timeout = state.config().body_timeout;
    let request = request.map(|body| {
        Body::new(Deadline {
            inner: body,
            sleep: Box::pin(tokio::time::sleep(timeout)),
        })
    });
    next.run(request).await
}

/// A request body that fails with [`BodyTimedOut`] if it has not been read to its end when
/// its timer fires.
struct Deadline {
    inner: Body,
    sleep: Pin<Box<tokio::time::Sleep>>,
}

impl http_body::Body for Deadline {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            return Poll::Ready(frame.map(|frame| frame.map_err(Into::into)));
        }
        match this.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimedOut)))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        // Kept, so that a body limit refuses an oversized `Content-Length` before reading.
        self.inner.size_hint()
    }
}

/// The error of a request body that did not arrive within the body timeout.
#[derive(Debug)]
pub(crate) struct BodyTimedOut;

impl std::fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("request body timed out")
    }
}

impl StdError for BodyTimedOut {}

/// Whether `error` (or an error it wraps) is a [`BodyTimedOut`].
pub(crate) fn is_body_timeout(error: &(dyn StdError + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(error) = next {
        if error.is::<BodyTimedOut>() {
            return true;
        }
        next = error.source();
    }
    false
}
