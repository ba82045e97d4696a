//! The playlist store: every playlist, seeded from the catalogue at start and on reset, and
//! changed in place by the playlist write endpoints (a later issue).
//!
//! Playlists are held as `Arc<Playlist>`: a reader clones the `Arc` under the read lock and
//! renders without holding it; a writer replaces the playlist (copy on write with
//! `Arc::make_mut`), so readers never see half a change.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use super::{read, write};
use crate::catalog::Catalog;
use crate::catalog::model::{Id, Playlist};

/// Playlists by id.
#[derive(Debug, Default)]
pub(crate) struct PlaylistStore {
    playlists: RwLock<HashMap<Id, Arc<Playlist>>>,
}

impl PlaylistStore {
    /// A store holding the catalogue's playlists.
    pub(crate) fn new(catalog: &Catalog) -> Self {
        let store = Self::default();
        store.seed(catalog);
        store
    }

    /// Back to the catalogue's playlists (every change dropped).
    pub(crate) fn seed(&self, catalog: &Catalog) {
        let seeded = catalog
            .playlists
            .values()
            .map(|p| (p.id, Arc::new(p.clone())))
            .collect();
        *write(&self.playlists) = seeded;
    }

    /// The playlist with this id, if any.
    pub(crate) fn get(&self, id: &str) -> Option<Arc<Playlist>> {
        read(&self.playlists).get(&Id::parse(id)?).cloned()
    }

    /// The playlists owned by `user_id`, by id (followed ones join when follows land).
    #[allow(dead_code)]
    pub(crate) fn owned_by(&self, user_id: &str) -> Vec<Arc<Playlist>> {
        let mut owned: Vec<Arc<Playlist>> = read(&self.playlists)
            .values()
            .filter(|p| p.owner == user_id)
            .cloned()
            .collect();
        owned.sort_by_key(|p| p.id);
        owned
    }

    /// The playlists `user_id` owns or collaborates on that `viewer` may see listed on the
    /// user's profile (`GET /users/{id}/playlists`), by id: public ones for anyone; to the user
    /// alone, their private ones with `private` (scope `playlist-read-private`) and the
    /// collaborative ones with `collaborative` (scope `playlist-read-collaborative`).
    pub(crate) fn listed_for(
        &self,
        user_id: &str,
        viewer: Option<&str>,
        private: bool,
        collaborative: bool,
    ) -> Vec<Arc<Playlist>> {
        let is_user = viewer == Some(user_id);
        let mut listed: Vec<Arc<Playlist>> = read(&self.playlists)
            .values()
            .filter(|p| p.is_editable_by(user_id))
            .filter(|p| {
                if p.collaborative {
                    is_user && collaborative
                } else if p.public == Some(true) {
                    p.owner == user_id
                } else {
                    is_user && private && p.owner == user_id
                }
            })
            .cloned()
            .collect();
        listed.sort_by_key(|p| p.id);
        listed
    }

    /// Applies `change` to the playlist `id` (copy on write); `None` if there is no such
    /// playlist. The write endpoints build on this.
    #[allow(dead_code)]
    pub(crate) fn update<T>(&self, id: &str, change: impl FnOnce(&mut Playlist) -> T) -> Option<T> {
        let id = Id::parse(id)?;
        let mut playlists = write(&self.playlists);
        let playlist = playlists.get_mut(&id)?;
        Some(change(Arc::make_mut(playlist)))
    }

    /// Adds a new playlist (replacing one with the same id).
    #[allow(dead_code)]
    pub(crate) fn insert(&self, playlist: Playlist) {
        write(&self.playlists).insert(playlist.id, Arc::new(playlist));
    }

    /// How many playlists there are.
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        read(&self.playlists).len()
    }
}
