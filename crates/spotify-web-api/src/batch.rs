//! Writes split into batches: a playlist takes at most 100 items a request, so adding,
//! replacing or removing more is several requests, sent one after another in order (each
//! needs the playlist as the one before left it).
//!
//! Nothing lost, nothing done twice: when a request fails after others were applied, the call
//! stops and says exactly what was written ([`Error::PartialWrite`]: how many items, the
//! playlist's `snapshot_id` after them, and whether the failed request may have been applied
//! anyway), and a request that may have been applied is never sent again (the pipeline does not
//! repeat a `POST`, or a write marked [`ApiRequest::not_idempotent`], after a server error or a
//! timeout).

use crate::client::SpotifyWebApi;
use crate::error::{Error, Result};
use crate::http::ApiRequest;
use crate::model::SnapshotId;

/// The most items one playlist write request takes.
pub(crate) const PLAYLIST_ITEMS_PER_REQUEST: usize = 100;

/// One request of a batched write, and how many of the caller's items it writes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Batch {
    pub(crate) request: ApiRequest,
    pub(crate) items: usize,
}

/// A write as its requests, in the order they must be sent: built by the `api/` builders, with
/// no I/O. Never empty.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Batches(pub(crate) Vec<Batch>);

impl Batches {
    /// How many items the whole write covers.
    pub(crate) fn total(&self) -> usize {
        self.0.iter().map(|b| b.items).sum()
    }
}

/// Whether a request that failed with `error` may have been applied all the same: no clear
/// answer (a server error, a timeout or a broken connection once sent, a time bound that cut
/// the call short), or a success whose body could not be read.
pub(crate) fn may_have_landed(error: &Error) -> bool {
    match error {
        Error::Api { status, .. } => *status >= 500,
        Error::Transport(transport) => !transport.is_connect(),
        Error::Decode { .. } | Error::CallTimeout { .. } => true,
        _ => false,
    }
}

impl SpotifyWebApi {
    /// Sends `batches` in order and returns the playlist's `snapshot_id` after the last. If the
    /// first request fails, its error is returned as it is (nothing else was sent); if a later
    /// one fails, [`Error::PartialWrite`] says what was written.
    pub(crate) async fn write_batches(&self, batches: Batches) -> Result<SnapshotId> {
        let total = batches.total();
        let mut done = 0;
        let mut last: Option<SnapshotId> = None;
        for batch in batches.0 {
            match self.execute::<SnapshotId>(batch.request).await {
                Ok(snapshot) => {
                    done += batch.items;
                    last = Some(snapshot);
                }
                Err(error) => {
                    let Some(snapshot) = last else {
                        return Err(error);
                    };
                    return Err(Error::PartialWrite {
                        completed: done,
                        total,
                        snapshot_id: Some(snapshot.snapshot_id),
                        may_have_landed: may_have_landed(&error),
                        source: Box::new(error),
                    });
                }
            }
        }
        Ok(last.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_may_have_landed() {
        let api = |status| Error::Api {
            status,
            message: String::new(),
            reason: None,
        };
        assert!(may_have_landed(&api(500)));
        assert!(may_have_landed(&api(503)));
        assert!(!may_have_landed(&api(400)));
        assert!(!may_have_landed(&api(403)));
        assert!(!may_have_landed(&Error::RateLimited { retry_after: None }));
        // Cut off by the time bound: perhaps after the request went out.
        assert!(may_have_landed(&Error::CallTimeout {
            limit: std::time::Duration::from_secs(1)
        }));
    }
}
