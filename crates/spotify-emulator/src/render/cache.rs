//! Rendered catalogue bodies kept for reuse.
//!
//! A body goes in only when its key names everything it is rendered from, and all of that is
//! immutable while the emulator runs: the catalogue never changes (playlists and libraries,
//! which do, live in the state and are never cached), and the caller-dependent inputs (quota
//! mode, market) are part of the key. So a cached body is always the body a fresh render would
//! give, whatever happens to the state; a quota-mode switch simply selects another key.
//!
//! Today: `GET /tracks/{id}`, whose body depends on the track, the quota mode and the market
//! only (no user, no request base URL). The cache is bounded: when it holds [`CAPACITY`]
//! bodies it is emptied and starts again, so a client walking the whole catalogue costs at
//! most a few megabytes and one render per body, as without a cache.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use serde::Serialize;

use super::Rendered;
use crate::catalog::model::Id;
use crate::quota::QuotaMode;

/// The most bodies kept at once (a track body is 1.5 to 5 KB).
pub(crate) const CAPACITY: usize = 1024;

/// What a cached body is: an entity of the catalogue as one kind of app sees it in one market.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct CacheKey {
    shape: Shape,
    id: Id,
    mode: QuotaMode,
    /// An ISO 3166-1 alpha-2 code (already checked), or none.
    market: Option<[u8; 2]>,
}

/// The response shape a key stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Shape {
    /// `GET /tracks/{id}`: `TrackObject`, relinked for the market.
    Track,
}

impl CacheKey {
    /// `GET /tracks/{id}` for `id`, as an app in `mode` sees it in `market` (resolved); `None`
    /// when `id` or `market` is not of the shape a key holds (such a request is not cached).
    pub(crate) fn track(id: &str, mode: QuotaMode, market: Option<&str>) -> Option<Self> {
        let market = match market {
            None => None,
            Some(code) => Some(code.as_bytes().try_into().ok()?),
        };
        Some(Self {
            shape: Shape::Track,
            id: Id::parse(id)?,
            mode,
            market,
        })
    }
}

/// Rendered bodies by [`CacheKey`]; see the module docs for why a hit is never stale.
#[derive(Debug, Default)]
pub(crate) struct RenderCache {
    entries: RwLock<HashMap<CacheKey, Arc<Rendered>>>,
}

impl RenderCache {
    /// The body for `key`: the cached one, or `render()`'s (then kept). `None` when `render`
    /// gives none (an unknown id), which is not kept.
    pub(crate) fn get_or_render<T: Serialize>(
        &self,
        key: CacheKey,
        render: impl FnOnce() -> Option<T>,
    ) -> Option<Arc<Rendered>> {
        if let Some(hit) = self
            .entries
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Some(Arc::clone(hit));
        }
        // Rendered outside the lock: two requests racing on one key both render, and the
        // first one kept wins (both bodies are the same).
        let rendered = Arc::new(Rendered::new(&render()?));
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        Some(Arc::clone(entries.entry(key).or_insert(rendered)))
    }

    /// How many bodies are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    const ID: &str = "7EjyzZcbLxW7PaaLua9Ksb";

    #[test]
    fn keys_tell_modes_and_markets_apart() {
        let key = |mode, market| CacheKey::track(ID, mode, market).unwrap();
        assert_ne!(
            key(QuotaMode::Development, None),
            key(QuotaMode::Extended, None)
        );
        assert_ne!(
            key(QuotaMode::Extended, Some("SE")),
            key(QuotaMode::Extended, None)
        );
        assert_ne!(
            key(QuotaMode::Extended, Some("SE")),
            key(QuotaMode::Extended, Some("GB"))
        );
        assert!(CacheKey::track("nope", QuotaMode::Extended, None).is_none());
        assert!(CacheKey::track(ID, QuotaMode::Extended, Some("SWE")).is_none());
    }

    #[test]
    fn a_hit_is_not_rendered_again_and_the_cache_is_bounded() {
        let cache = RenderCache::default();
        let key = CacheKey::track(ID, QuotaMode::Extended, None).unwrap();
        let first = cache.get_or_render(key, || Some(json!({"n": 1}))).unwrap();
        let again = cache
            .get_or_render(key, || -> Option<Value> { panic!("rendered again") })
            .unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert!(
            cache
                .get_or_render(
                    CacheKey::track("0000000000000000000000", QuotaMode::Extended, None).unwrap(),
                    || None::<Value>
                )
                .is_none()
        );
        assert_eq!(cache.len(), 1, "nothing kept for an unknown id");
        for n in 0..CAPACITY + 10 {
            let id = format!("{n:0>22}");
            let key = CacheKey::track(&id, QuotaMode::Extended, None).unwrap();
            cache.get_or_render(key, || Some(json!(n))).unwrap();
            assert!(cache.len() <= CAPACITY);
        }
    }
}
