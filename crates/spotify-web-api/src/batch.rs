//! Writes split into batches: a playlist takes at most 100 items a request, so adding,
//! replacing or removing more is several requests, sent one after another in order (each
//! needs the playlist as the one before left it).
//!
//! Nothing lost, nothing done twice: when a request fails after others were applied, the call
//! stops and says exactly what was written ([`Error::PartialWrite`]: how many items, the
//! playlist's `snapshot_id` after them, and whether the failed request may have been applied
//! anyway), and a request that may have been applied is never sent again (the pipeline does not
//! repeat a `POST`, or a write marked [`ApiRequest::not_idempotent`], after a server error or a
//! transport error once sent). [`Error::may_have_landed`] tells a caller which failures those are.

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
                        may_have_landed: error.may_have_landed(),
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
        assert!(api(500).may_have_landed());
        assert!(api(503).may_have_landed());
        assert!(!api(400).may_have_landed());
        assert!(!api(403).may_have_landed());
        assert!(!Error::RateLimited { retry_after: None }.may_have_landed());
        // Cut off by the time bound: perhaps after the request went out.
        let cut = Error::CallTimeout {
            limit: std::time::Duration::from_secs(1),
        };
        assert!(cut.may_have_landed());
        // A partial write says it of the request that failed, whatever its source.
        let partial = |may_have_landed| Error::PartialWrite {
            completed: 100,
            total: 150,
            snapshot_id: None,
            may_have_landed,
            source: Box::new(api(400)),
        };
        assert!(partial(true).may_have_landed());
        assert!(!partial(false).may_have_landed());
    }
}
