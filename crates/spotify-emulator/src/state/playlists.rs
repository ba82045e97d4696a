//! The playlist store: every playlist, seeded from the catalogue at start and on reset, created
//! and changed by the playlist write endpoints.
//!
//! Playlists are held as `Arc<Playlist>`: a reader clones the `Arc` under the read lock and
//! renders without holding it; a writer edits a copy and swaps it in ([`PlaylistStore::edit`]),
//! so readers never see half a change, and an edit that fails changes nothing. Each edited
//! playlist keeps its recent versions (`versions.rs`), so an edit may name an older
//! `snapshot_id`.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use super::versions::{Draft, History, SavedHistory, revision_snapshot};
use super::{read, write};
use crate::catalog::Catalog;
use crate::catalog::model::{Id, Playlist};
use crate::errors::{ApiError, NON_EXISTING_ID};

/// Playlists by id.
#[derive(Debug, Default)]
pub(crate) struct PlaylistStore {
    inner: RwLock<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    playlists: HashMap<Id, Stored>,
    /// The playlists created through the API, `(id, created_at)`, oldest first.
    created: Vec<(Id, i64)>,
}

#[derive(Debug)]
struct Stored {
    playlist: Arc<Playlist>,
    /// Its versions, from its first edit on.
    history: Option<History>,
    /// Whether it differs from the catalogue's (created, edited, followed): what a state file
    /// keeps.
    changed: bool,
}

impl Stored {
    fn new(playlist: Playlist) -> Self {
        Self::shared(Arc::new(playlist))
    }

    /// A catalogue playlist, shared with the catalogue until its first edit (which swaps in a
    /// copy: [`PlaylistStore::edit`]).
    fn shared(playlist: Arc<Playlist>) -> Self {
        Self {
            playlist,
            history: None,
            changed: false,
        }
    }
}

/// What a state file keeps of the playlists: those created through the API, and every
/// playlist that differs from the catalogue's, whole, with its recent versions.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct SavedPlaylists {
    /// `(id, created_at)`, oldest first.
    created: Vec<(Id, i64)>,
    changed: Vec<SavedPlaylist>,
}

/// One changed playlist in a state file.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct SavedPlaylist {
    playlist: Playlist,
    history: Option<SavedHistory>,
}

/// What a new playlist is made of (`POST /me/playlists`).
#[derive(Debug)]
pub(crate) struct NewPlaylist {
    pub(crate) owner: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) public: bool,
    pub(crate) collaborative: bool,
}

impl PlaylistStore {
    /// A store holding the catalogue's playlists.
    pub(crate) fn new(catalog: &Catalog) -> Self {
        let store = Self::default();
        store.seed(catalog);
        store
    }

    /// Back to the catalogue's playlists (every change and created playlist dropped).
    pub(crate) fn seed(&self, catalog: &Catalog) {
        let playlists = catalog
            .playlists
            .values()
            .map(|p| (p.id, Stored::shared(Arc::clone(p))))
            .collect();
        *write(&self.inner) = Inner {
            playlists,
            created: Vec::new(),
        };
    }

    /// The playlist with this id, if any.
    pub(crate) fn get(&self, id: &str) -> Option<Arc<Playlist>> {
        read(&self.inner)
            .playlists
            .get(&Id::parse(id)?)
            .map(|s| Arc::clone(&s.playlist))
    }

    /// The playlists owned by `user_id`, by id (followed ones join when follows land).
    #[allow(dead_code)]
    pub(crate) fn owned_by(&self, user_id: &str) -> Vec<Arc<Playlist>> {
        let mut owned: Vec<Arc<Playlist>> = read(&self.inner)
            .playlists
            .values()
            .filter(|s| s.playlist.owner == user_id)
            .map(|s| Arc::clone(&s.playlist))
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
        let mut listed: Vec<Arc<Playlist>> = read(&self.inner)
            .playlists
            .values()
            .map(|s| &s.playlist)
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

    /// The current user's playlists (`GET /me/playlists`): those they created through the API
    /// and those they follow (`followed`, `(id, followed_at)`), newest first, then the others
    /// they own or collaborate on, by id. Private ones are listed only with `private` (scope
    /// `playlist-read-private`), collaborative ones only with `collaborative` (scope
    /// `playlist-read-collaborative`).
    pub(crate) fn listed_for_me(
        &self,
        user_id: &str,
        followed: &[(Id, i64)],
        private: bool,
        collaborative: bool,
    ) -> Vec<Arc<Playlist>> {
        let inner = read(&self.inner);
        let visible = |p: &Playlist| {
            if p.collaborative {
                collaborative
            } else {
                p.public == Some(true) || private
            }
        };
        let mut dated: Vec<(i64, usize, Id)> = inner
            .created
            .iter()
            .filter(|(id, _)| {
                inner
                    .playlists
                    .get(id)
                    .is_some_and(|s| s.playlist.owner == user_id)
            })
            .chain(followed)
            .enumerate()
            .map(|(order, &(id, at))| (at, order, id))
            .collect();
        dated.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        let mut seen = std::collections::HashSet::new();
        let mut listed: Vec<Arc<Playlist>> = dated
            .into_iter()
            .filter_map(|(_, _, id)| inner.playlists.get(&id))
            .map(|s| &s.playlist)
            .filter(|p| seen.insert(p.id))
            .cloned()
            .collect();
        let mut others: Vec<Arc<Playlist>> = inner
            .playlists
            .values()
            .map(|s| &s.playlist)
            .filter(|p| p.is_editable_by(user_id) && !seen.contains(&p.id))
            .cloned()
            .collect();
        others.sort_by_key(|p| p.id);
        listed.extend(others);
        listed.retain(|p| visible(p));
        listed
    }

    /// Creates a playlist for `new.owner` at `now` (Unix seconds): empty, with a fresh id and
    /// snapshot.
    pub(crate) fn create(&self, new: NewPlaylist, now: i64) -> Arc<Playlist> {
        let mut inner = write(&self.inner);
        let n = inner.created.len();
        let id = Id::derived(&format!("created-playlist:{}:{n}", new.owner));
        let playlist = Playlist {
            id,
            name: new.name,
            description: new.description,
            owner: new.owner,
            collaborative: new.collaborative,
            collaborators: Vec::new(),
            public: Some(new.public),
            images: Vec::new(),
            followers: 0,
            snapshot_id: revision_snapshot(id, 0),
            items: Vec::new(),
        };
        let mut stored = Stored::new(playlist);
        stored.changed = true;
        let created = Arc::clone(&stored.playlist);
        inner.playlists.insert(id, stored);
        inner.created.push((id, now));
        created
    }

    /// Edits the playlist `id`: `change` gets a [`Draft`] of a copy; if it succeeds the copy
    /// gets a new `snapshot_id` and replaces the playlist, and the new version is returned. If
    /// it fails nothing changes. 404 `non existing id` if there is no such playlist.
    pub(crate) fn edit<T>(
        &self,
        id: &str,
        change: impl FnOnce(&mut Draft<'_>) -> Result<T, ApiError>,
    ) -> Result<(T, Arc<Playlist>), ApiError> {
        let id = Id::parse(id).ok_or(ApiError::not_found(NON_EXISTING_ID))?;
        let mut inner = write(&self.inner);
        let stored = inner
            .playlists
            .get_mut(&id)
            .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
        let mut playlist = Playlist::clone(&stored.playlist);
        let mut history = stored
            .history
            .as_ref()
            .filter(|h| h.matches(&playlist))
            .cloned()
            .unwrap_or_else(|| History::start(&playlist));
        let value = change(&mut Draft::new(&mut playlist, &mut history))?;
        history.commit(&mut playlist);
        stored.playlist = Arc::new(playlist);
        stored.history = Some(history);
        stored.changed = true;
        Ok((value, Arc::clone(&stored.playlist)))
    }

    /// Applies `change` to the playlist `id` in place (copy on write), without a new version;
    /// `None` if there is no such playlist. For changes that are not the API's (tests); the
    /// write endpoints use [`PlaylistStore::edit`].
    #[allow(dead_code)]
    pub(crate) fn update<T>(&self, id: &str, change: impl FnOnce(&mut Playlist) -> T) -> Option<T> {
        let id = Id::parse(id)?;
        let mut inner = write(&self.inner);
        let stored = inner.playlists.get_mut(&id)?;
        stored.changed = true;
        Some(change(Arc::make_mut(&mut stored.playlist)))
    }

    /// Adds a new playlist (replacing one with the same id).
    #[allow(dead_code)]
    pub(crate) fn insert(&self, playlist: Playlist) {
        let mut stored = Stored::new(playlist);
        stored.changed = true;
        write(&self.inner)
            .playlists
            .insert(stored.playlist.id, stored);
    }

    /// What a state file keeps: the created playlists and every changed one (copied under
    /// the read lock).
    pub(crate) fn to_saved(&self) -> SavedPlaylists {
        let inner = read(&self.inner);
        let mut changed: Vec<SavedPlaylist> = inner
            .playlists
            .values()
            .filter(|s| s.changed)
            .map(|s| SavedPlaylist {
                playlist: Playlist::clone(&s.playlist),
                history: s.history.as_ref().map(History::to_saved),
            })
            .collect();
        changed.sort_by_key(|s| s.playlist.id);
        SavedPlaylists {
            created: inner.created.clone(),
            changed,
        }
    }

    /// Puts back what a state file kept, over the catalogue's playlists; an error names a
    /// playlist whose versions do not hold together.
    pub(crate) fn restore(&self, saved: SavedPlaylists) -> Result<(), String> {
        let mut inner = write(&self.inner);
        for SavedPlaylist { playlist, history } in saved.changed {
            let id = playlist.id;
            let history = match history {
                Some(h) => Some(
                    History::from_saved(h)
                        .ok_or_else(|| format!("playlist {id}: its versions name unknown items"))?,
                ),
                None => None,
            };
            let mut stored = Stored::new(playlist);
            stored.history = history;
            stored.changed = true;
            inner.playlists.insert(id, stored);
        }
        inner.created = saved.created;
        Ok(())
    }

    /// How many playlists there are.
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        read(&self.inner).playlists.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ids;

    #[test]
    fn an_edit_that_fails_changes_nothing_and_one_that_succeeds_is_a_new_version() {
        let store = PlaylistStore::new(&Catalog::builtin());
        let before = store.get(ids::PLAYLIST_250_ITEMS).unwrap();
        let failed = store.edit(ids::PLAYLIST_250_ITEMS, |draft| {
            draft.reorder(0, 1, 1, None)?;
            draft.reorder(0, 999, 1, None)
        });
        assert!(failed.is_err());
        let after = store.get(ids::PLAYLIST_250_ITEMS).unwrap();
        assert_eq!(after.snapshot_id, before.snapshot_id);
        assert_eq!(after.items, before.items);

        let ((), edited) = store
            .edit(ids::PLAYLIST_250_ITEMS, |draft| {
                draft.reorder(0, 250, 1, None)
            })
            .unwrap();
        assert_ne!(edited.snapshot_id, before.snapshot_id);
        assert_eq!(edited.items[249], before.items[0]);
        assert_eq!(before.items.len(), 250, "a reader's copy never changes");
        let missing = store.edit("0000000000000000000000", |_| Ok(()));
        assert_eq!(missing.unwrap_err().message(), NON_EXISTING_ID);
    }

    #[test]
    fn created_playlists_come_first_newest_first() {
        let store = PlaylistStore::new(&Catalog::builtin());
        let new = |name: &str| NewPlaylist {
            owner: "emulator-user".into(),
            name: name.into(),
            description: None,
            public: false,
            collaborative: false,
        };
        let a = store.create(new("a"), 100);
        let b = store.create(new("b"), 200);
        assert_ne!(a.id, b.id);
        assert!(a.items.is_empty() && a.public == Some(false));
        let listed = store.listed_for_me("emulator-user", &[], true, true);
        assert_eq!(listed[0].id, b.id);
        assert_eq!(listed[1].id, a.id);
        assert!(
            listed
                .iter()
                .any(|p| p.id.as_str() == ids::PLAYLIST_250_ITEMS)
        );
        assert!(
            listed
                .iter()
                .any(|p| p.id.as_str() == ids::COLLABORATIVE_PLAYLIST)
        );
        let public_only = store.listed_for_me("emulator-user", &[], false, false);
        assert!(public_only.iter().all(|p| p.public == Some(true)));
        assert!(!public_only.iter().any(|p| p.id == a.id));
        let followed = Id::parse(ids::FOREIGN_PLAYLIST).unwrap();
        let with_follow = store.listed_for_me("emulator-user", &[(followed, 300)], true, true);
        assert_eq!(with_follow[0].id, followed);
        store.seed(&Catalog::builtin());
        assert!(
            store.get(a.id.as_str()).is_none(),
            "reset drops created playlists"
        );
    }
}
