//! Per-user state: what each user saved and follows. Empty at start and after a reset; the
//! library endpoints (`/me/library`, `/me/tracks`, `/me/following`…) fill it in a later issue.
//!
//! One `RwLock` over a map of users; each user's library is small, so a writer copies nothing
//! but its own entry.

use std::collections::{BTreeMap, HashMap};
use std::sync::RwLock;

use super::{read, write};
use crate::catalog::model::Id;

/// What can be saved to a library (the `spotify:{kind}:` of `/me/library` URIs).
#[allow(dead_code)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Saved {
    Track,
    Album,
    Episode,
    Show,
    Audiobook,
    Playlist,
}

/// One user's library: saved items with their `added_at` (Unix seconds), in the order saved,
/// and follows.
#[allow(dead_code)]
#[derive(Clone, Debug, Default)]
pub(crate) struct UserLibrary {
    /// Kind → (id, added_at), oldest first (Spotify lists the newest first).
    pub(crate) saved: BTreeMap<Saved, Vec<(Id, i64)>>,
    /// Followed artists, in the order followed.
    pub(crate) artists: Vec<Id>,
    /// Followed users, by id.
    pub(crate) users: Vec<String>,
}

/// Every user's library.
#[derive(Debug, Default)]
pub(crate) struct LibraryStore {
    users: RwLock<HashMap<String, UserLibrary>>,
}

#[allow(dead_code)]
impl LibraryStore {
    /// A copy of `user_id`'s library (empty if they saved nothing).
    pub(crate) fn get(&self, user_id: &str) -> UserLibrary {
        read(&self.users).get(user_id).cloned().unwrap_or_default()
    }

    /// Applies `change` to `user_id`'s library.
    pub(crate) fn update<T>(&self, user_id: &str, change: impl FnOnce(&mut UserLibrary) -> T) -> T {
        change(write(&self.users).entry(user_id.to_owned()).or_default())
    }

    /// Forgets every library (reset).
    pub(crate) fn clear(&self) {
        write(&self.users).clear();
    }
}
