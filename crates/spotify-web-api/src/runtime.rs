//! The runtime that blocking calls run on (feature `blocking`, see [`crate::blocking`]).
//!
//! There is one per connection pool: a client, the session it manages and their clones share
//! a pool, so they share this runtime too, and a pooled connection is always served by the
//! runtime that opened it. It starts on the first blocking call, so an async program that
//! never makes one (or builds without the feature) starts no thread.

#[cfg(feature = "blocking")]
use std::sync::{Arc, OnceLock};

/// Where a connection pool keeps its blocking runtime once it has one. Clones share it.
/// Without the `blocking` feature it is empty.
#[derive(Clone, Default)]
pub(crate) struct RuntimeSlot {
    #[cfg(feature = "blocking")]
    cell: Arc<OnceLock<Arc<Runtime>>>,
}

impl std::fmt::Debug for RuntimeSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        #[cfg(feature = "blocking")]
        let started = self.cell.get().is_some();
        #[cfg(not(feature = "blocking"))]
        let started = false;
        f.debug_struct("RuntimeSlot")
            .field("started", &started)
            .finish()
    }
}

#[cfg(feature = "blocking")]
impl RuntimeSlot {
    /// The pool's runtime, started now if it has none yet.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Runtime`](crate::ConfigError::Runtime) when the runtime's thread cannot
    /// be started.
    pub(crate) fn get(&self) -> crate::Result<Arc<Runtime>> {
        if let Some(runtime) = self.cell.get() {
            return Ok(runtime.clone());
        }
        let fresh = Arc::new(Runtime::start()?);
        // Two threads may race to start one; the loser's is dropped unused.
        Ok(self.cell.get_or_init(|| fresh).clone())
    }

    /// Whether a blocking call has started the runtime.
    #[cfg(test)]
    pub(crate) fn is_started(&self) -> bool {
        self.cell.get().is_some()
    }
}

/// A Tokio runtime with one worker thread of its own, which drives the connections and the
/// timers; the calling thread polls the call itself (`Handle::block_on`). Like
/// `reqwest::blocking`, it works from any thread that is not running async code, including a
/// `spawn_blocking` task of another runtime.
#[cfg(feature = "blocking")]
pub(crate) struct Runtime {
    handle: tokio::runtime::Handle,
    /// `Some` until dropped.
    runtime: Option<tokio::runtime::Runtime>,
}

#[cfg(feature = "blocking")]
impl Runtime {
    fn start() -> crate::Result<Runtime> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("spotify-web-api-blocking")
            .enable_all()
            .build()
            .map_err(|e| crate::Error::Config(crate::ConfigError::Runtime(e)))?;
        Ok(Runtime {
            handle: runtime.handle().clone(),
            runtime: Some(runtime),
        })
    }

    /// Runs `future` to completion on the calling thread, with this runtime driving its I/O
    /// and timers.
    ///
    /// # Panics
    ///
    /// When called from async code (a task of any Tokio runtime), as Tokio refuses to block
    /// a thread that runs tasks; and if `future` panics.
    pub(crate) fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.handle.block_on(future)
    }
}

#[cfg(feature = "blocking")]
impl Drop for Runtime {
    fn drop(&mut self) {
        // Without waiting: the last client may be dropped inside async code, where a runtime
        // must not block. Every call has finished by now (each held the runtime), so only idle
        // pooled connections go.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
