//! A playlist's versions, and the item edits made against them.
//!
//! Every change of a playlist gives it a new `snapshot_id`. An edit may name the version it was
//! made against (`snapshot_id` in the body of a reorder or a removal). Spotify's description of
//! the removal says what then happens: "The API will validate that the specified items exist
//! and in the specified positions and make the changes, even if more recent changes have been
//! made to the playlist." So the emulator:
//!
//! - reads the positions and ranges of the edit in the version the `snapshot_id` names (the
//!   current one when there is none), and validates them there (400 when a position does not
//!   hold the URI given, or a range falls outside);
//! - applies the edit to the *current* version, to the items it named that are still there: a
//!   removal removes those that remain; a reorder moves those that remain to before the item
//!   that `insert_before` named (or, if that one is gone, the next one after it that remains;
//!   or the end);
//! - keeps what changed since: an item added after that version stays, and one already removed
//!   is not removed again (so an edit repeated with the same `snapshot_id` changes nothing the
//!   second time).
//!
//! To tell items apart across versions, each item of an edited playlist has a key that never
//! changes while it is in the playlist. The last [`VERSIONS_KEPT`] versions are kept; a
//! `snapshot_id` older than that, or not the playlist's, is a 400 `Invalid snapshot id`.
//! Removals without positions remove every occurrence of the URI in the current version,
//! whatever the `snapshot_id`.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use crate::catalog::model::{Id, ItemRef, Playlist, PlaylistItem};
use crate::errors::{
    ApiError, COULD_NOT_REMOVE, INDEX_OUT_OF_BOUNDS, INVALID_RANGE, INVALID_SNAPSHOT_ID,
};

/// How many versions of a playlist an edit may name.
pub(crate) const VERSIONS_KEPT: usize = 32;

/// One item of a version: its key and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    key: u64,
    item: ItemRef,
}

/// The versions of one playlist since its first edit.
#[derive(Clone, Debug)]
pub(crate) struct History {
    /// The key of each item of the current version, in order (parallel to `Playlist::items`).
    keys: Vec<u64>,
    next_key: u64,
    /// How many versions there have been since the history started.
    revision: u64,
    /// `(snapshot_id, items)` of the kept versions, oldest first; the last is the current one.
    versions: VecDeque<(String, Arc<[Entry]>)>,
}

impl History {
    /// The history of `playlist` as it is now: one version, keys `0..n`.
    pub(crate) fn start(playlist: &Playlist) -> Self {
        let keys: Vec<u64> = (0..playlist.items.len() as u64).collect();
        let mut history = Self {
            next_key: keys.len() as u64,
            keys,
            revision: 0,
            versions: VecDeque::new(),
        };
        history.record(playlist.snapshot_id.clone(), &playlist.items);
        history
    }

    /// Whether the history still describes `playlist` (its items were not changed behind it).
    pub(crate) fn matches(&self, playlist: &Playlist) -> bool {
        self.keys.len() == playlist.items.len()
            && self
                .versions
                .back()
                .is_some_and(|(snapshot, _)| *snapshot == playlist.snapshot_id)
    }

    fn record(&mut self, snapshot: String, items: &[PlaylistItem]) {
        let entries: Arc<[Entry]> = self
            .keys
            .iter()
            .zip(items)
            .map(|(&key, item)| Entry {
                key,
                item: item.item,
            })
            .collect();
        self.versions.push_back((snapshot, entries));
        while self.versions.len() > VERSIONS_KEPT {
            self.versions.pop_front();
        }
    }

    /// Ends an edit of `playlist`: a new `snapshot_id`, remembered as the current version.
    pub(crate) fn commit(&mut self, playlist: &mut Playlist) {
        self.revision += 1;
        playlist.snapshot_id = revision_snapshot(playlist.id, self.revision);
        self.record(playlist.snapshot_id.clone(), &playlist.items);
    }
}

/// A [`History`] as a state file keeps it: each version as the keys of its items, and the item
/// of every key once (a key names one item for as long as it is in the playlist, and keys are
/// never reused), so a long playlist's versions cost little more than its keys.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct SavedHistory {
    keys: Vec<u64>,
    next_key: u64,
    revision: u64,
    /// `(key, item)` of every key some kept version holds.
    items: Vec<(u64, ItemRef)>,
    /// `(snapshot_id, keys)` of the kept versions, oldest first.
    versions: Vec<(String, Vec<u64>)>,
}

impl History {
    /// What a state file keeps of the history.
    pub(crate) fn to_saved(&self) -> SavedHistory {
        let mut items = std::collections::BTreeMap::new();
        let versions = self
            .versions
            .iter()
            .map(|(snapshot, entries)| {
                for entry in entries.iter() {
                    items.insert(entry.key, entry.item);
                }
                let keys = entries.iter().map(|e| e.key).collect();
                (snapshot.clone(), keys)
            })
            .collect();
        SavedHistory {
            keys: self.keys.clone(),
            next_key: self.next_key,
            revision: self.revision,
            items: items.into_iter().collect(),
            versions,
        }
    }

    /// The history a state file kept; `None` if a version names a key it does not give.
    pub(crate) fn from_saved(saved: SavedHistory) -> Option<Self> {
        let items: std::collections::HashMap<u64, ItemRef> = saved.items.into_iter().collect();
        let mut versions = VecDeque::with_capacity(saved.versions.len());
        for (snapshot, keys) in saved.versions {
            let entries: Option<Arc<[Entry]>> = keys
                .into_iter()
                .map(|key| items.get(&key).map(|&item| Entry { key, item }))
                .collect();
            versions.push_back((snapshot, entries?));
        }
        Some(Self {
            keys: saved.keys,
            next_key: saved.next_key,
            revision: saved.revision,
            versions,
        })
    }
}

/// The `snapshot_id` of a playlist's `revision`th edited version: opaque base64-like text, as
/// Spotify's, and never one of the catalogue's seeded ones.
pub(crate) fn revision_snapshot(id: Id, revision: u64) -> String {
    let derived = Id::derived(&format!("snapshot:{id}:revision:{revision}"));
    format!("AAAB{derived}{}", Id::derived(derived.as_str()))
}

/// A playlist being edited: its details, and its items through methods that keep the keys.
#[derive(Debug)]
pub(crate) struct Draft<'a> {
    /// The playlist. Change its items only through the draft's methods.
    pub(crate) playlist: &'a mut Playlist,
    history: &'a mut History,
}

impl<'a> Draft<'a> {
    pub(crate) fn new(playlist: &'a mut Playlist, history: &'a mut History) -> Self {
        Self { playlist, history }
    }

    /// The items of the version `snapshot` names (the current one for `None`).
    fn version(&self, snapshot: Option<&str>) -> Result<Arc<[Entry]>, ApiError> {
        let wanted = snapshot.unwrap_or(&self.playlist.snapshot_id);
        self.history
            .versions
            .iter()
            .rev()
            .find(|(id, _)| id == wanted)
            .map(|(_, entries)| Arc::clone(entries))
            .ok_or(ApiError::bad_request(INVALID_SNAPSHOT_ID))
    }

    /// Inserts `items` at `position` (the end for `None`); 400 past the end.
    pub(crate) fn insert(
        &mut self,
        position: Option<usize>,
        items: Vec<PlaylistItem>,
    ) -> Result<(), ApiError> {
        let len = self.playlist.items.len();
        let at = position.unwrap_or(len);
        if at > len {
            return Err(ApiError::bad_request(INDEX_OUT_OF_BOUNDS));
        }
        let keys: Vec<u64> = (0..items.len() as u64)
            .map(|n| self.history.next_key + n)
            .collect();
        self.history.next_key += items.len() as u64;
        self.playlist.items.splice(at..at, items);
        self.history.keys.splice(at..at, keys);
        Ok(())
    }

    /// Replaces every item with `items`.
    pub(crate) fn replace(&mut self, items: Vec<PlaylistItem>) {
        self.history.keys.clear();
        self.playlist.items.clear();
        // Ok: inserting at 0 of an empty playlist.
        let _ = self.insert(Some(0), items);
    }

    /// Moves the `length` items from `start` to before `insert_before`, as the version
    /// `snapshot` has them (see the module docs for a version older than the current one).
    pub(crate) fn reorder(
        &mut self,
        start: usize,
        insert_before: usize,
        length: usize,
        snapshot: Option<&str>,
    ) -> Result<(), ApiError> {
        let base = self.version(snapshot)?;
        let end = start.checked_add(length).filter(|&end| end <= base.len());
        let (Some(end), true) = (end, length > 0 && insert_before <= base.len()) else {
            return Err(ApiError::bad_request(INVALID_RANGE));
        };
        let moved: Vec<u64> = base[start..end].iter().map(|e| e.key).collect();
        // Before an item inside the range (or right after it): the items stay where they are,
        // which is before the first item after the range.
        let anchor = if (start..=end).contains(&insert_before) {
            end
        } else {
            insert_before
        };
        let moved_set: HashSet<u64> = moved.iter().copied().collect();
        // Take the moved items out of the current version, in the order the base had them.
        let mut taken: Vec<(u64, PlaylistItem)> = Vec::new();
        let mut kept_keys = Vec::with_capacity(self.history.keys.len());
        let mut kept_items = Vec::with_capacity(self.playlist.items.len());
        for (key, item) in self
            .history
            .keys
            .drain(..)
            .zip(self.playlist.items.drain(..))
        {
            if moved_set.contains(&key) {
                taken.push((key, item));
            } else {
                kept_keys.push(key);
                kept_items.push(item);
            }
        }
        taken.sort_by_key(|(key, _)| moved.iter().position(|k| k == key));
        // Where they go: before the anchor, or the first item after it that is still there.
        let at = base[anchor.min(base.len())..]
            .iter()
            .find_map(|entry| kept_keys.iter().position(|&k| k == entry.key))
            .unwrap_or(kept_keys.len());
        let (keys, items): (Vec<u64>, Vec<PlaylistItem>) = taken.into_iter().unzip();
        kept_keys.splice(at..at, keys);
        kept_items.splice(at..at, items);
        self.history.keys = kept_keys;
        self.playlist.items = kept_items;
        Ok(())
    }

    /// Removes items: for each `(item, positions)`, the item at those positions of the version
    /// `snapshot` names (400 if one of them holds something else), or with no positions, every
    /// occurrence of the item in the current version. Returns how many were removed.
    pub(crate) fn remove(
        &mut self,
        targets: &[(ItemRef, Option<Vec<usize>>)],
        snapshot: Option<&str>,
    ) -> Result<usize, ApiError> {
        let base = self.version(snapshot)?;
        let mut keys: HashSet<u64> = HashSet::new();
        let mut everywhere: Vec<ItemRef> = Vec::new();
        for (item, positions) in targets {
            match positions {
                Some(positions) => {
                    for &position in positions {
                        match base.get(position) {
                            Some(entry) if entry.item == *item => {
                                keys.insert(entry.key);
                            }
                            _ => return Err(ApiError::bad_request(COULD_NOT_REMOVE)),
                        }
                    }
                }
                None => everywhere.push(*item),
            }
        }
        let before = self.playlist.items.len();
        let mut kept_keys = Vec::with_capacity(before);
        let mut kept_items = Vec::with_capacity(before);
        for (key, item) in self
            .history
            .keys
            .drain(..)
            .zip(self.playlist.items.drain(..))
        {
            if !(keys.contains(&key) || everywhere.contains(&item.item)) {
                kept_keys.push(key);
                kept_items.push(item);
            }
        }
        self.history.keys = kept_keys;
        self.playlist.items = kept_items;
        Ok(before - self.playlist.items.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(n: u8) -> ItemRef {
        ItemRef::Track(Id::derived(&format!("t{n}")))
    }

    fn playlist(n: u8) -> Playlist {
        Playlist {
            id: Id::derived("p"),
            name: "p".into(),
            description: None,
            owner: "me".into(),
            collaborative: false,
            collaborators: Vec::new(),
            public: Some(true),
            images: Vec::new(),
            followers: 0,
            snapshot_id: "seed".into(),
            items: (0..n)
                .map(|i| PlaylistItem {
                    item: track(i),
                    added_at: None,
                    added_by: None,
                })
                .collect(),
        }
    }

    fn names(playlist: &Playlist) -> Vec<u8> {
        playlist
            .items
            .iter()
            .map(|i| (0..=255).find(|&n| track(n) == i.item).unwrap())
            .collect()
    }

    fn new_items(ns: &[u8]) -> Vec<PlaylistItem> {
        ns.iter()
            .map(|&n| PlaylistItem {
                item: track(n),
                added_at: None,
                added_by: None,
            })
            .collect()
    }

    /// Runs `edit` on a draft and commits it; returns the new snapshot.
    fn edit(
        p: &mut Playlist,
        h: &mut History,
        edit: impl FnOnce(&mut Draft<'_>) -> Result<(), ApiError>,
    ) -> Result<String, ApiError> {
        edit(&mut Draft::new(p, h))?;
        h.commit(p);
        Ok(p.snapshot_id.clone())
    }

    #[test]
    fn current_edits() {
        let mut p = playlist(5);
        let mut h = History::start(&p);
        edit(&mut p, &mut h, |d| d.reorder(0, 5, 1, None)).unwrap();
        assert_eq!(names(&p), [1, 2, 3, 4, 0]);
        edit(&mut p, &mut h, |d| d.reorder(3, 0, 2, None)).unwrap();
        assert_eq!(names(&p), [4, 0, 1, 2, 3]);
        edit(&mut p, &mut h, |d| d.reorder(1, 2, 1, None)).unwrap();
        assert_eq!(names(&p), [4, 0, 1, 2, 3], "before itself: no move");
        edit(&mut p, &mut h, |d| d.insert(Some(1), new_items(&[9, 9]))).unwrap();
        assert_eq!(names(&p), [4, 9, 9, 0, 1, 2, 3]);
        let removed = Draft::new(&mut p, &mut h)
            .remove(&[(track(9), None)], None)
            .unwrap();
        assert_eq!((removed, names(&p)), (2, vec![4, 0, 1, 2, 3]));
        h.commit(&mut p);
        for bad in [(5, 0, 1), (0, 6, 1), (4, 0, 2), (0, 0, 0)] {
            let result = edit(&mut p, &mut h, |d| d.reorder(bad.0, bad.1, bad.2, None));
            assert_eq!(result.unwrap_err().message(), INVALID_RANGE, "{bad:?}");
        }
        let wrong = edit(&mut p, &mut h, |d| {
            d.remove(&[(track(4), Some(vec![1]))], None).map(drop)
        });
        assert_eq!(wrong.unwrap_err().message(), COULD_NOT_REMOVE);
        let past_end = edit(&mut p, &mut h, |d| d.insert(Some(6), new_items(&[1])));
        assert_eq!(past_end.unwrap_err().message(), INDEX_OUT_OF_BOUNDS);
    }

    #[test]
    fn an_edit_against_an_older_version_keeps_what_changed_since() {
        let mut p = playlist(6);
        let mut h = History::start(&p);
        let seed = p.snapshot_id.clone();
        // Someone else removes item 1 and appends 7.
        edit(&mut p, &mut h, |d| {
            d.remove(&[(track(1), Some(vec![1]))], None).map(drop)
        })
        .unwrap();
        edit(&mut p, &mut h, |d| d.insert(None, new_items(&[7]))).unwrap();
        assert_eq!(names(&p), [0, 2, 3, 4, 5, 7]);
        // Positions as the seed had them: item 3 was at 3, item 5 at 5.
        edit(&mut p, &mut h, |d| {
            d.remove(
                &[(track(3), Some(vec![3])), (track(5), Some(vec![5]))],
                Some(&seed),
            )
            .map(drop)
        })
        .unwrap();
        assert_eq!(names(&p), [0, 2, 4, 7]);
        // Items 0..=1 of the seed before its item 4: item 1 is gone, item 0 moves.
        edit(&mut p, &mut h, |d| d.reorder(0, 4, 2, Some(&seed))).unwrap();
        assert_eq!(names(&p), [2, 0, 4, 7]);
        // Before the seed's item 3, which is gone: before the next one still there (4).
        edit(&mut p, &mut h, |d| d.reorder(5, 3, 1, Some(&seed))).unwrap();
        assert_eq!(names(&p), [2, 0, 4, 7], "item 5 is gone: nothing moves");
        edit(&mut p, &mut h, |d| d.reorder(2, 3, 1, Some(&seed))).unwrap();
        assert_eq!(
            names(&p),
            [0, 2, 4, 7],
            "the seed's item 2 before its item 3 → 4"
        );
        // The same removal again changes nothing; a position of the seed is checked there.
        let again = edit(&mut p, &mut h, |d| {
            d.remove(&[(track(3), Some(vec![3]))], Some(&seed))
                .map(drop)
        });
        assert!(again.is_ok());
        assert_eq!(names(&p), [0, 2, 4, 7]);
        let wrong = edit(&mut p, &mut h, |d| {
            d.remove(&[(track(3), Some(vec![2]))], Some(&seed))
                .map(drop)
        });
        assert_eq!(wrong.unwrap_err().message(), COULD_NOT_REMOVE);
        let unknown = edit(&mut p, &mut h, |d| d.reorder(0, 1, 1, Some("nope")));
        assert_eq!(unknown.unwrap_err().message(), INVALID_SNAPSHOT_ID);
    }

    #[test]
    fn snapshots_change_with_every_edit_and_old_ones_expire() {
        let mut p = playlist(2);
        let mut h = History::start(&p);
        let seed = p.snapshot_id.clone();
        let mut seen = HashSet::from([seed.clone()]);
        for _ in 0..VERSIONS_KEPT {
            let snapshot = edit(&mut p, &mut h, |d| d.reorder(0, 2, 1, None)).unwrap();
            assert!(seen.insert(snapshot), "a new snapshot each time");
        }
        let expired = edit(&mut p, &mut h, |d| d.reorder(0, 2, 1, Some(&seed)));
        assert_eq!(expired.unwrap_err().message(), INVALID_SNAPSHOT_ID);
        assert!(h.matches(&p));
        p.items.pop();
        assert!(!h.matches(&p), "changed behind the history's back");
    }
}
