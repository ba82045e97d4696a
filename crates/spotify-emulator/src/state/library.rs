//! Per-user state: what each user saved and follows, and the follower counts that follows move.
//! Empty at start and after a reset.
//!
//! One model serves both ways in: the per-type endpoints (`/me/tracks`, `/me/following`,
//! `/playlists/{id}/followers`…) and the unified `/me/library`, whose URIs name the same items
//! (following an artist, a user or a playlist is saving its URI). So a track saved through one
//! is `contains` through the other, and a development-mode app (which has only `/me/library`
//! since 2026-02) sees the same library as an extended one.
//!
//! - Saved items keep their `added_at` (Unix seconds on the virtual clock, or the
//!   `timestamped_ids` a client sent) and are listed newest first; items saved by one request
//!   count as saved one after another, in the order given. Saving an item again changes nothing
//!   (unless it comes with its own `added_at`), so a repeated write never doubles an item.
//! - Followed artists are listed by id: the `after` cursor of `GET /me/following` is the last
//!   id of a page, which stays a valid key even if that artist is unfollowed meanwhile.
//! - Follower counts: an artist's and a user's `followers.total` are the catalogue's count plus
//!   the emulator's users who follow them now; a playlist's count lives in the playlist store
//!   and moves when a user starts or stops following it.
//!
//! One `RwLock` over a map of users; each user's library is small, so a writer copies nothing
//! but its own entry.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::RwLock;

use super::{AppState, read, write};
use crate::catalog::model::Id;

/// What can be saved to a library (the per-type endpoints, and the saved kinds of
/// `/me/library` URIs).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Saved {
    Track,
    Album,
    Episode,
    Show,
    Audiobook,
    Playlist,
}

impl Saved {
    /// The kind as a URI names it (`spotify:track:…`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Saved::Track => "track",
            Saved::Album => "album",
            Saved::Episode => "episode",
            Saved::Show => "show",
            Saved::Audiobook => "audiobook",
            Saved::Playlist => "playlist",
        }
    }
}

/// One item of a library operation: something saved, or someone followed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Item {
    /// A track, album, episode, show, audiobook or (followed) playlist.
    Saved(Saved, Id),
    /// A followed artist.
    Artist(Id),
    /// A followed user, by username.
    User(String),
}

/// Why a URI is not a library item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UriProblem {
    /// Not `spotify:{kind}:{id}` with a well-formed id.
    Malformed,
    /// A kind no library holds (`spotify:chapter:…`, `spotify:local:…`).
    Unsupported,
}

impl Item {
    /// Parses a `spotify:{kind}:{id}` URI of any kind a library may hold.
    pub(crate) fn from_uri(uri: &str) -> Result<Item, UriProblem> {
        let rest = uri.strip_prefix("spotify:").ok_or(UriProblem::Malformed)?;
        let (kind, id) = rest.split_once(':').ok_or(UriProblem::Malformed)?;
        let saved = match kind {
            "track" => Saved::Track,
            "album" => Saved::Album,
            "episode" => Saved::Episode,
            "show" => Saved::Show,
            "audiobook" => Saved::Audiobook,
            "playlist" => Saved::Playlist,
            "artist" => {
                return Id::parse(id).map(Item::Artist).ok_or(UriProblem::Malformed);
            }
            "user" if is_username(id) => return Ok(Item::User(id.to_owned())),
            "user" => return Err(UriProblem::Malformed),
            _ => return Err(UriProblem::Unsupported),
        };
        Id::parse(id)
            .map(|id| Item::Saved(saved, id))
            .ok_or(UriProblem::Malformed)
    }
}

/// Whether `id` can be a username: non-empty, at most 128 bytes, no separators or spaces.
pub(crate) fn is_username(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && !id.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, ':' | '/' | '?' | '#' | ',')
        })
}

/// When an item was saved: its `added_at`, and the order of saving (for items saved in the
/// same second).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    added_at: i64,
    seq: u64,
}

impl Entry {
    /// The key that lists items newest first: later `added_at`, then later saving.
    fn order(self, id: Id) -> (Reverse<i64>, Reverse<u64>, Id) {
        (Reverse(self.added_at), Reverse(self.seq), id)
    }
}

/// The saved items of one kind: by id, and in the order they are listed (newest first), so a
/// page is read without sorting.
///
/// A state file keeps it as `[id, added_at, seq]` triples, newest first.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(into = "Vec<(Id, i64, u64)>", from = "Vec<(Id, i64, u64)>")]
pub(crate) struct SavedList {
    by_id: HashMap<Id, Entry>,
    order: BTreeSet<(Reverse<i64>, Reverse<u64>, Id)>,
}

impl SavedList {
    fn insert(&mut self, id: Id, entry: Entry) {
        if let Some(old) = self.by_id.insert(id, entry) {
            self.order.remove(&old.order(id));
        }
        self.order.insert(entry.order(id));
    }

    fn remove(&mut self, id: Id) -> bool {
        match self.by_id.remove(&id) {
            Some(old) => self.order.remove(&old.order(id)),
            None => false,
        }
    }

    /// How many items there are.
    pub(crate) fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Every item, newest first: `(id, added_at, seq)`.
    fn entries(&self) -> impl Iterator<Item = (Id, i64, u64)> + '_ {
        self.order
            .iter()
            .map(|(Reverse(added_at), Reverse(seq), id)| (*id, *added_at, *seq))
    }

    /// `limit` items from `offset`, newest first, with their `added_at`.
    pub(crate) fn page(&self, offset: usize, limit: usize) -> Vec<(Id, i64)> {
        self.order
            .iter()
            .skip(offset)
            .take(limit)
            .map(|(Reverse(added_at), _, id)| (*id, *added_at))
            .collect()
    }
}

impl From<SavedList> for Vec<(Id, i64, u64)> {
    fn from(list: SavedList) -> Self {
        list.entries().collect()
    }
}

impl From<Vec<(Id, i64, u64)>> for SavedList {
    fn from(entries: Vec<(Id, i64, u64)>) -> Self {
        let mut list = SavedList::default();
        for (id, added_at, seq) in entries {
            list.insert(id, Entry { added_at, seq });
        }
        list
    }
}

/// One user's library (a state file keeps it as it is).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct UserLibrary {
    /// Kind → the saved items.
    pub(crate) saved: BTreeMap<Saved, SavedList>,
    /// Followed artists, by id.
    pub(crate) artists: BTreeSet<Id>,
    /// Followed users, by username.
    pub(crate) users: BTreeSet<String>,
    /// The next saving's place in the order of saving.
    next_seq: u64,
}

impl UserLibrary {
    /// Whether the item is saved or followed.
    pub(crate) fn contains(&self, item: &Item) -> bool {
        match item {
            Item::Saved(kind, id) => self
                .saved
                .get(kind)
                .is_some_and(|s| s.by_id.contains_key(id)),
            Item::Artist(id) => self.artists.contains(id),
            Item::User(id) => self.users.contains(id),
        }
    }

    /// Saves or follows `item`; `true` if it was not there. An item already saved keeps its
    /// place, or takes the `added_at` given (`timestamped_ids`).
    fn add(&mut self, item: &Item, added_at: i64, explicit: bool) -> bool {
        match item {
            Item::Saved(kind, id) => {
                let saved = self.saved.entry(*kind).or_default();
                let new = !saved.by_id.contains_key(id);
                if new || explicit {
                    let seq = self.next_seq;
                    self.next_seq += 1;
                    saved.insert(*id, Entry { added_at, seq });
                }
                new
            }
            Item::Artist(id) => self.artists.insert(*id),
            Item::User(id) => self.users.insert(id.clone()),
        }
    }

    /// Removes or unfollows `item`; `true` if it was there.
    fn remove(&mut self, item: &Item) -> bool {
        match item {
            Item::Saved(kind, id) => self
                .saved
                .get_mut(kind)
                .is_some_and(|saved| saved.remove(*id)),
            Item::Artist(id) => self.artists.remove(id),
            Item::User(id) => self.users.remove(id),
        }
    }

    /// The saved items of `kind`, newest first: by `added_at`, and among equal times the one
    /// saved later first.
    #[cfg(test)]
    fn newest_first(&self, kind: Saved) -> Vec<(Id, i64)> {
        self.saved
            .get(&kind)
            .map(|s| s.page(0, usize::MAX))
            .unwrap_or_default()
    }
}

/// Every user's library.
#[derive(Debug, Default)]
pub(crate) struct LibraryStore {
    users: RwLock<HashMap<String, UserLibrary>>,
}

impl LibraryStore {
    /// A copy of `user_id`'s library (empty if they saved nothing).
    #[cfg_attr(not(test), allow(dead_code))] // tests read whole libraries
    pub(crate) fn get(&self, user_id: &str) -> UserLibrary {
        read(&self.users).get(user_id).cloned().unwrap_or_default()
    }

    /// Applies `change` to `user_id`'s library.
    pub(crate) fn update<T>(&self, user_id: &str, change: impl FnOnce(&mut UserLibrary) -> T) -> T {
        change(write(&self.users).entry(user_id.to_owned()).or_default())
    }

    /// One page of `user_id`'s saved items of `kind` (newest first, with their `added_at`),
    /// and how many there are in all.
    pub(crate) fn saved_page(
        &self,
        user_id: &str,
        kind: Saved,
        offset: usize,
        limit: usize,
    ) -> (Vec<(Id, i64)>, usize) {
        let users = read(&self.users);
        match users.get(user_id).and_then(|l| l.saved.get(&kind)) {
            Some(saved) => (saved.page(offset, limit), saved.len()),
            None => (Vec::new(), 0),
        }
    }

    /// The artists `user_id` follows, by id.
    pub(crate) fn followed_artists(&self, user_id: &str) -> Vec<Id> {
        read(&self.users)
            .get(user_id)
            .map(|l| l.artists.iter().copied().collect())
            .unwrap_or_default()
    }

    /// Whether `user_id` saved or follows each of `items`, in order.
    pub(crate) fn contains(&self, user_id: &str, items: &[Item]) -> Vec<bool> {
        let users = read(&self.users);
        let library = users.get(user_id);
        items
            .iter()
            .map(|item| library.is_some_and(|l| l.contains(item)))
            .collect()
    }

    /// How many of the emulator's users follow the artist `id` now.
    pub(crate) fn artist_followers(&self, id: Id) -> u64 {
        let count = read(&self.users)
            .values()
            .filter(|l| l.artists.contains(&id))
            .count();
        u64::try_from(count).unwrap_or(u64::MAX)
    }

    /// How many of the emulator's users follow the user `id` now.
    pub(crate) fn user_followers(&self, id: &str) -> u64 {
        let count = read(&self.users)
            .values()
            .filter(|l| l.users.contains(id))
            .count();
        u64::try_from(count).unwrap_or(u64::MAX)
    }

    /// Forgets every library (reset).
    pub(crate) fn clear(&self) {
        write(&self.users).clear();
    }

    /// Every library, by user id (for a state file).
    pub(crate) fn to_saved(&self) -> BTreeMap<String, UserLibrary> {
        read(&self.users)
            .iter()
            .map(|(user, l)| (user.clone(), l.clone()))
            .collect()
    }

    /// Puts back the libraries a state file kept.
    pub(crate) fn restore(&self, saved: BTreeMap<String, UserLibrary>) {
        write(&self.users).extend(saved);
    }
}

impl AppState {
    /// Whether `item` exists: in the catalogue, among the playlists, or (a user) among the
    /// catalogue's users and the emulator's account holders.
    pub(crate) fn library_item_exists(&self, item: &Item) -> bool {
        let catalog = &self.shared.catalog;
        match item {
            Item::Saved(Saved::Track, id) => catalog.tracks.contains_key(id),
            Item::Saved(Saved::Album, id) => catalog.albums.contains_key(id),
            Item::Saved(Saved::Episode, id) => catalog.episodes.contains_key(id),
            Item::Saved(Saved::Show, id) => catalog.shows.contains_key(id),
            Item::Saved(Saved::Audiobook, id) => catalog.audiobooks.contains_key(id),
            Item::Saved(Saved::Playlist, id) => self.shared.playlists.get(id.as_str()).is_some(),
            Item::Artist(id) => catalog.artists.contains_key(id),
            Item::User(id) => catalog.users.contains_key(id) || self.shared.users.contains_key(id),
        }
    }

    /// Saves or follows `items` for `user_id`, each at its own `added_at` if given, else now on
    /// the virtual clock (later items a moment after earlier ones, at the same second). A
    /// playlist followed anew gains a follower. Items already there are left alone.
    pub(crate) fn library_save(&self, user_id: &str, items: &[(Item, Option<i64>)]) {
        let now = i64::try_from(self.now().as_secs()).unwrap_or(i64::MAX);
        let followed: Vec<Id> = self.shared.library.update(user_id, |library| {
            items
                .iter()
                .filter(|(item, added_at)| {
                    library.add(item, added_at.unwrap_or(now), added_at.is_some())
                })
                .filter_map(|(item, _)| match item {
                    Item::Saved(Saved::Playlist, id) => Some(*id),
                    _ => None,
                })
                .collect()
        });
        for id in followed {
            self.shared
                .playlists
                .update(id.as_str(), |p| p.followers = p.followers.saturating_add(1));
        }
    }

    /// Removes or unfollows `items` for `user_id`; a playlist unfollowed loses a follower.
    /// Items not there are ignored.
    pub(crate) fn library_remove(&self, user_id: &str, items: &[Item]) {
        let unfollowed: Vec<Id> = self.shared.library.update(user_id, |library| {
            items
                .iter()
                .filter(|item| library.remove(item))
                .filter_map(|item| match item {
                    Item::Saved(Saved::Playlist, id) => Some(*id),
                    _ => None,
                })
                .collect()
        });
        for id in unfollowed {
            self.shared
                .playlists
                .update(id.as_str(), |p| p.followers = p.followers.saturating_sub(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> Id {
        Id::parse(&format!("{n:0>22}")).unwrap()
    }

    #[test]
    fn uris_name_items() {
        let track = "spotify:track:7EjyzZcbLxW7PaaLua9Ksb";
        assert!(matches!(
            Item::from_uri(track),
            Ok(Item::Saved(Saved::Track, _))
        ));
        assert_eq!(
            Item::from_uri("spotify:user:wizzler"),
            Ok(Item::User("wizzler".into()))
        );
        assert!(matches!(
            Item::from_uri("spotify:artist:0OdUWJ0sBjDrqHygGUXeCF"),
            Ok(Item::Artist(_))
        ));
        for (uri, problem) in [
            ("spotify:track:nope", UriProblem::Malformed),
            ("track:7EjyzZcbLxW7PaaLua9Ksb", UriProblem::Malformed),
            ("spotify:track", UriProblem::Malformed),
            ("spotify:user:", UriProblem::Malformed),
            (
                "spotify:chapter:7EjyzZcbLxW7PaaLua9Ksb",
                UriProblem::Unsupported,
            ),
            ("spotify:local:a:b:c:1", UriProblem::Unsupported),
        ] {
            assert_eq!(Item::from_uri(uri), Err(problem), "{uri}");
        }
    }

    #[test]
    fn saved_items_are_listed_newest_first_and_never_doubled() {
        let mut library = UserLibrary::default();
        for (n, at) in [(1, 100), (2, 100), (3, 50)] {
            assert!(library.add(&Item::Saved(Saved::Track, id(n)), at, false));
        }
        assert!(!library.add(&Item::Saved(Saved::Track, id(1)), 500, false));
        let order: Vec<Id> = library
            .newest_first(Saved::Track)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(
            order,
            [id(2), id(1), id(3)],
            "same second: saved later first"
        );
        // A timestamp given moves the item.
        library.add(&Item::Saved(Saved::Track, id(3)), 900, true);
        assert_eq!(library.newest_first(Saved::Track)[0], (id(3), 900));
        assert!(library.remove(&Item::Saved(Saved::Track, id(3))));
        assert!(!library.remove(&Item::Saved(Saved::Track, id(3))));
        assert_eq!(library.newest_first(Saved::Track).len(), 2);
    }

    #[test]
    fn follows_move_follower_counts() {
        let state = AppState::default();
        let artist = *state.shared.catalog.artists.keys().next().unwrap();
        let playlist = crate::catalog::ids::FOREIGN_PLAYLIST;
        let before = state.playlists().get(playlist).unwrap().followers;
        let items = [
            (Item::Artist(artist), None),
            (
                Item::Saved(Saved::Playlist, Id::parse(playlist).unwrap()),
                None,
            ),
        ];
        for user in ["emulator-user", "emulator-free-user"] {
            state.library_save(user, &items);
            state.library_save(user, &items);
        }
        assert_eq!(state.library().artist_followers(artist), 2);
        assert_eq!(
            state.playlists().get(playlist).unwrap().followers,
            before + 2
        );
        state.library_remove("emulator-user", &[items[0].0.clone(), items[1].0.clone()]);
        state.library_remove("emulator-user", &[items[1].0.clone()]);
        assert_eq!(state.library().artist_followers(artist), 1);
        assert_eq!(
            state.playlists().get(playlist).unwrap().followers,
            before + 1
        );
        assert_eq!(
            state
                .library()
                .contains("emulator-free-user", &[items[0].0.clone()]),
            [true]
        );
    }
}
