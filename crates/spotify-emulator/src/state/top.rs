//! The user's top artists and tracks (`GET /me/top/{type}`): a deterministic, plausible ranking
//! per user and time range, made from what the user did where they did something, and from the
//! catalogue otherwise.
//!
//! Spotify computes "affinity" from listening over about four weeks (`short_term`), six months
//! (`medium_term`) or a year and more (`long_term`). The emulator scores what it knows of the
//! user, each event counting only inside the range's window and more the more recent it is:
//!
//! | signal | track score | artist score |
//! | --- | --- | --- |
//! | a play (the player's history, and the track loaded now) | 3 | its artists, the track's score |
//! | a saved track (`added_at`) | 2 | its artists, the track's score |
//! | a saved album (`added_at`) | 1 for each of its tracks | its artists, 2 |
//! | a track the user added to a playlist they own (`added_by`; the latest `added_at`, once however often it was added) | 1 | its artists, the track's score |
//! | a followed artist (no date: every range) | – | 4 |
//!
//! An event of age `a` inside a window `w` counts `1 + (w - a) / w` times its score (twice when
//! new, once at the window's edge); `long_term` has no edge (older events count once) and
//! weighs recency over a year. The ranking is the scored items, highest first, then, to fill
//! the list, the most popular tracks of the user's top artists, then the catalogue's most
//! popular tracks or artists shuffled a little per user and range (a fresh user's three ranges
//! differ, and differ from another user's). Ties are broken per user and range too. A list
//! holds at most [`TOP_ITEMS`] items, as on Spotify (its `total` says 50; past offset 49 its
//! pages are empty: `SPOTIFY-PROTOCOL.md` §2.4).

use std::cmp::Reverse;
use std::collections::HashMap;

use super::AppState;
use super::library::Saved;
use crate::catalog::Catalog;
use crate::catalog::model::{Id, ItemRef};
use crate::config::User;

/// How many top items a list holds.
pub(crate) const TOP_ITEMS: usize = 50;
/// How many of the catalogue's most popular tracks (and artists) fill a list.
const POOL: usize = 200;
/// How many of the user's top artists lend their tracks to the top tracks.
const ARTISTS_LENDING_TRACKS: usize = 5;
/// At most this much popularity (0..=100) is added at random per user and range to the
/// catalogue's entries.
const JITTER: u64 = 40;
const DAY_SECS: i64 = 24 * 60 * 60;

/// `time_range`: over what time the affinities are computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum TimeRange {
    /// About the last four weeks.
    Short,
    /// About the last six months (the default).
    #[default]
    Medium,
    /// About a year, and everything older.
    Long,
}

impl TimeRange {
    /// `short_term`, `medium_term` or `long_term`; anything else is `None`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "short_term" => Some(Self::Short),
            "medium_term" => Some(Self::Medium),
            "long_term" => Some(Self::Long),
            _ => None,
        }
    }

    /// The wire value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Short => "short_term",
            Self::Medium => "medium_term",
            Self::Long => "long_term",
        }
    }

    /// The window in seconds, and whether events older than it still count (once).
    fn window(self) -> (i64, bool) {
        match self {
            Self::Short => (28 * DAY_SECS, false),
            Self::Medium => (182 * DAY_SECS, false),
            Self::Long => (365 * DAY_SECS, true),
        }
    }

    /// How much an event `age` seconds old counts: 0 outside the window (unless it is
    /// `long_term`), else from 2 (new) down to 1 (at the edge).
    fn recency(self, age: i64) -> f64 {
        let (window, older_count) = self.window();
        let age = age.max(0);
        if age > window {
            return if older_count { 1.0 } else { 0.0 };
        }
        1.0 + (window - age) as f64 / window as f64
    }
}

/// The catalogue's most popular tracks and artists, most popular first: what fills a list.
#[derive(Debug)]
pub(crate) struct TopPool {
    tracks: Vec<(Id, u32)>,
    artists: Vec<(Id, u32)>,
}

impl TopPool {
    fn new(catalog: &Catalog) -> Self {
        let mut tracks: Vec<(Id, u32)> = catalog
            .tracks
            .values()
            .map(|t| (t.id, t.popularity))
            .collect();
        let mut artists: Vec<(Id, u32)> = catalog
            .artists
            .values()
            .map(|a| (a.id, a.popularity))
            .collect();
        for list in [&mut tracks, &mut artists] {
            list.sort_by_key(|&(id, popularity)| (Reverse(popularity), id));
            list.truncate(POOL);
        }
        Self { tracks, artists }
    }
}

/// What is known of one user's taste in one range: a score per track and per artist.
#[derive(Debug, Default)]
struct Affinity {
    tracks: HashMap<Id, f64>,
    artists: HashMap<Id, f64>,
}

/// One generator step from `z`: spreads it over 64 bits.
fn mix(mut z: u64) -> u64 {
    crate::rng::next(&mut z)
}

/// Ranks `scored` (highest first; ties by `seed`'s shuffle), then appends the `fill` ids not
/// already there, up to [`TOP_ITEMS`].
fn rank(scored: &HashMap<Id, f64>, fill: impl IntoIterator<Item = Id>, seed: u64) -> Vec<Id> {
    let mut ranked: Vec<(f64, u64, Id)> = scored
        .iter()
        .filter(|(_, score)| **score > 0.0)
        .map(|(id, score)| (*score, mix(seed ^ id.hash()), *id))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut list: Vec<Id> = ranked.into_iter().map(|(_, _, id)| id).collect();
    list.truncate(TOP_ITEMS);
    for id in fill {
        if list.len() >= TOP_ITEMS {
            break;
        }
        if !list.contains(&id) {
            list.push(id);
        }
    }
    list
}

/// `pool` (id, popularity) reordered by popularity plus a jitter drawn from `seed`.
fn shuffled(pool: &[(Id, u32)], seed: u64) -> Vec<Id> {
    let mut pool: Vec<(u64, Id)> = pool
        .iter()
        .map(|&(id, popularity)| {
            let jitter = mix(seed ^ id.hash()) % (JITTER + 1);
            (u64::from(popularity) + jitter, id)
        })
        .collect();
    pool.sort_by_key(|&(score, id)| (Reverse(score), id));
    pool.into_iter().map(|(_, id)| id).collect()
}

impl AppState {
    /// `user`'s top tracks in `range`, best first, at most [`TOP_ITEMS`].
    pub(crate) fn top_tracks(&self, user: &User, range: TimeRange) -> Vec<Id> {
        let affinity = self.affinity(user, range);
        let catalog = self.catalog();
        let seed = seed(user, range, "tracks");
        // The tracks of the user's top artists, most popular first, then the catalogue's.
        let top_artists = rank(&affinity.artists, [], seed);
        let mut lent = Vec::new();
        for artist in top_artists.iter().take(ARTISTS_LENDING_TRACKS) {
            let Some(artist) = catalog.artists.get(artist) else {
                continue;
            };
            let mut tracks: Vec<(u32, Id)> = artist
                .albums
                .iter()
                .filter_map(|album| catalog.albums.get(album))
                .flat_map(|album| &album.tracks)
                .filter_map(|track| catalog.tracks.get(track))
                .filter(|track| track.artists.contains(&artist.id))
                .map(|track| (track.popularity, track.id))
                .collect();
            tracks.sort_by_key(|&(popularity, id)| (Reverse(popularity), id));
            tracks.dedup_by_key(|(_, id)| *id);
            lent.extend(tracks.into_iter().take(TOP_ITEMS / 5).map(|(_, id)| id));
        }
        let pool = shuffled(&self.top_pool().tracks, seed);
        rank(&affinity.tracks, lent.into_iter().chain(pool), seed)
    }

    /// `user`'s top artists in `range`, best first, at most [`TOP_ITEMS`].
    pub(crate) fn top_artists(&self, user: &User, range: TimeRange) -> Vec<Id> {
        let affinity = self.affinity(user, range);
        let seed = seed(user, range, "artists");
        let pool = shuffled(&self.top_pool().artists, seed);
        rank(&affinity.artists, pool, seed)
    }

    /// The catalogue's most popular tracks and artists (computed on first use).
    fn top_pool(&self) -> &TopPool {
        self.shared
            .top_pool
            .get_or_init(|| TopPool::new(&self.shared.catalog))
    }

    /// What the emulator knows of `user`'s taste in `range` (the table in the module docs).
    fn affinity(&self, user: &User, range: TimeRange) -> Affinity {
        let catalog = self.catalog();
        let now_ms = self.now_ms();
        let now = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
        let mut affinity = Affinity::default();
        let track = |affinity: &mut Affinity, id: Id, at: i64, score: f64| {
            let weight = score * range.recency(now.saturating_sub(at));
            if weight <= 0.0 {
                return;
            }
            let Some(track) = catalog.tracks.get(&id) else {
                return;
            };
            *affinity.tracks.entry(id).or_default() += weight;
            for artist in &track.artists {
                *affinity.artists.entry(*artist).or_default() += weight;
            }
        };
        let listened = self.read_player(user, |player, now| player.listened(now));
        for (id, at_ms) in listened {
            let at = i64::try_from(at_ms / 1000).unwrap_or(i64::MAX);
            track(&mut affinity, id, at, 3.0);
        }
        let library = self.library();
        let (saved, _) = library.saved_page(&user.id, Saved::Track, 0, usize::MAX);
        for (id, added_at) in saved {
            track(&mut affinity, id, added_at, 2.0);
        }
        let (albums, _) = library.saved_page(&user.id, Saved::Album, 0, usize::MAX);
        for (id, added_at) in albums {
            let Some(album) = catalog.albums.get(&id) else {
                continue;
            };
            let weight = range.recency(now.saturating_sub(added_at));
            if weight <= 0.0 {
                continue;
            }
            for id in &album.tracks {
                track(&mut affinity, *id, added_at, 1.0);
            }
            for artist in &album.artists {
                *affinity.artists.entry(*artist).or_default() += 2.0 * weight;
            }
        }
        // Each track once, however many times the user added it: its latest adding.
        let mut curated: HashMap<Id, i64> = HashMap::new();
        for playlist in self.playlists().owned_by(&user.id) {
            for item in &playlist.items {
                let (ItemRef::Track(id), Some(at)) = (item.item, item.added_at) else {
                    continue;
                };
                if item.added_by.as_deref() == Some(user.id.as_str()) {
                    let latest = curated.entry(id).or_insert(at);
                    *latest = (*latest).max(at);
                }
            }
        }
        for (id, at) in curated {
            track(&mut affinity, id, at, 1.0);
        }
        for artist in library.followed_artists(&user.id) {
            *affinity.artists.entry(artist).or_default() += 4.0;
        }
        affinity
    }
}

/// The seed of `user`'s `kind` list in `range`: what shuffles the catalogue's entries and
/// breaks ties.
fn seed(user: &User, range: TimeRange, kind: &str) -> u64 {
    Id::derived(&format!("top:{kind}:{}:{}", user.id, range.as_str())).hash()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ids;
    use crate::config::{DEFAULT_USER_ID, FREE_USER_ID};
    use crate::state::Item;

    fn user(state: &AppState, id: &str) -> std::sync::Arc<User> {
        state.user(id).unwrap()
    }

    #[test]
    fn a_fresh_user_gets_fifty_of_each_and_the_ranges_differ() {
        let state = AppState::default();
        let free = user(&state, FREE_USER_ID);
        let lists: Vec<Vec<Id>> = [TimeRange::Short, TimeRange::Medium, TimeRange::Long]
            .into_iter()
            .map(|range| state.top_tracks(&free, range))
            .collect();
        for list in &lists {
            assert_eq!(list.len(), TOP_ITEMS);
            let unique: std::collections::HashSet<_> = list.iter().collect();
            assert_eq!(unique.len(), TOP_ITEMS, "no duplicates");
        }
        assert_ne!(lists[0], lists[1]);
        assert_ne!(lists[1], lists[2]);
        assert_eq!(
            lists[1],
            state.top_tracks(&free, TimeRange::Medium),
            "stable"
        );
        let artists = state.top_artists(&free, TimeRange::Medium);
        assert_eq!(artists.len(), TOP_ITEMS);
        assert_ne!(artists, state.top_artists(&free, TimeRange::Short));
        let other = user(&state, DEFAULT_USER_ID);
        assert_ne!(state.top_artists(&other, TimeRange::Medium), artists);
    }

    #[test]
    fn saved_tracks_and_follows_lead_and_old_ones_fall_out_of_the_short_range() {
        let state = AppState::default();
        let free = user(&state, FREE_USER_ID);
        let album = Id::parse(ids::ALBUM_30_TRACKS).unwrap();
        let track = state.catalog().albums[&album].tracks[0];
        let artist = state.catalog().tracks[&track].artists[0];
        let long_ago = i64::try_from(state.now().as_secs()).unwrap() - 100 * DAY_SECS;
        state.library_save(
            FREE_USER_ID,
            &[(Item::Saved(Saved::Track, track), Some(long_ago))],
        );
        assert_eq!(state.top_tracks(&free, TimeRange::Medium)[0], track);
        assert_eq!(state.top_tracks(&free, TimeRange::Long)[0], track);
        assert!(!state.top_tracks(&free, TimeRange::Short).contains(&track));
        assert_eq!(state.top_artists(&free, TimeRange::Medium)[0], artist);
        // The artist lends their tracks to the list.
        let catalog = state.catalog();
        let by_artist = state
            .top_tracks(&free, TimeRange::Medium)
            .iter()
            .take(TOP_ITEMS / 5 + 1)
            .filter(|t| catalog.tracks[*t].artists.contains(&artist))
            .count();
        assert!(by_artist > 1, "{by_artist}");
        let followed = *catalog.artists.keys().nth(3).unwrap();
        state.library_save(FREE_USER_ID, &[(Item::Artist(followed), None)]);
        assert_eq!(state.top_artists(&free, TimeRange::Short)[0], followed);
    }
}
