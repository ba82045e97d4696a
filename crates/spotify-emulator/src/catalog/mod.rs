//! The catalogue: typed entities (tracks, albums, artists, shows, episodes, audiobooks, chapters,
//! playlists, categories, users, audio features and analysis, genre seeds, markets), built once
//! and read-only afterwards (playlists are copied into the state's playlist store, where they
//! may change).
//!
//! A catalogue is made in four steps:
//!
//! 1. `normalise.rs` reads real response bodies (the 64 embedded fixtures, see
//!    [`FIXTURES_SOURCE`]) and keeps every real entity, merging the copies of one id field by
//!    field;
//! 2. `complete.rs` fills what the bodies leave out, deterministically from the id;
//! 3. `synthetic.rs` adds the showcase entities of [`catalog_ids`](crate::catalog_ids) and a
//!    seeded bulk of generated ones (names of real words, market restrictions, relinked tracks);
//! 4. `complete.rs` links everything: album track lists, discographies, episode and chapter
//!    lists, playlist items, categories; every link resolves.
//!
//! Responses are shaped from these records by `render.rs`, per quota mode and market.

mod analysis;
mod available;
mod complete;
pub(crate) mod dir;
pub(crate) mod discovery;
mod embedded;
pub mod ids;
pub(crate) mod markets;
pub(crate) mod model;
mod node;
mod normalise;
mod partial;
pub(crate) mod search;
mod synthetic;
mod words;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde_json::Value;

pub use embedded::FIXTURES_SOURCE;
use markets::MarketSet;
use model::{
    Album, Artist, AudioFeatures, Audiobook, Category, Chapter, Episode, Id, Playlist, PublicUser,
    Show, Track,
};

/// The default seed of the synthetic part.
pub const DEFAULT_SEED: u64 = 0x5EED;
/// The default number of synthetic (bulk) tracks: enough for paging tests, fast to build.
pub const DEFAULT_SYNTHETIC_TRACKS: usize = 2_000;
/// The default size of [`catalog_ids::LARGE_PLAYLIST`](crate::catalog_ids::LARGE_PLAYLIST).
pub const DEFAULT_LARGE_PLAYLIST_ITEMS: usize = 10_000;

/// Catalogue data. Cheap to share behind an [`Arc`]; read-only once built.
///
/// [`Catalog::builtin`] is the fixtures plus the default synthetic part; [`Catalog::builder`]
/// changes the seed and the scale; [`Catalog::from_bodies`] reads only the bodies it is given.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub(crate) tracks: BTreeMap<Id, Track>,
    pub(crate) albums: BTreeMap<Id, Album>,
    pub(crate) artists: BTreeMap<Id, Artist>,
    pub(crate) shows: BTreeMap<Id, Show>,
    pub(crate) episodes: BTreeMap<Id, Episode>,
    pub(crate) audiobooks: BTreeMap<Id, Audiobook>,
    pub(crate) chapters: BTreeMap<Id, Chapter>,
    /// Shared with the state's playlist store, which seeds from them without copying.
    pub(crate) playlists: BTreeMap<Id, Arc<Playlist>>,
    /// In the order first seen (fixtures first).
    pub(crate) categories: Vec<Category>,
    pub(crate) users: BTreeMap<String, PublicUser>,
    pub(crate) audio_features: BTreeMap<Id, AudioFeatures>,
    /// The one real analysis body (`audio-analysis.json`), served for every track: parsed on
    /// first use (`analysis.rs`).
    pub(crate) audio_analysis: analysis::AudioAnalysis,
    pub(crate) genre_seeds: Vec<String>,
    pub(crate) markets: MarketSet,
    /// `GET /browse/featured-playlists`: the playlists and the message.
    pub(crate) featured: Vec<Id>,
    pub(crate) featured_message: String,
    /// `GET /browse/new-releases`: the fixtures' list, then the newest albums.
    pub(crate) new_releases: Vec<Id>,
    /// What `GET /search` looks in: built on the first search (see [`Catalog::search`]), not
    /// with the catalogue, since most emulators never search.
    search_index: OnceLock<search::SearchIndex>,
    /// What a catalogue directory added ([`CatalogBuilder::recorded`], `dir.rs`).
    pub(crate) recorded: dir::Recorded,
}

/// Configures a catalogue: fixtures or not, the seed and the scale of the synthetic part.
#[derive(Clone, Debug)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct CatalogBuilder {
    fixtures: bool,
    synthetic: bool,
    seed: u64,
    tracks: usize,
    large_playlist_items: usize,
    recorded: Option<std::path::PathBuf>,
}

impl Default for CatalogBuilder {
    fn default() -> Self {
        Self {
            fixtures: true,
            synthetic: true,
            seed: DEFAULT_SEED,
            tracks: DEFAULT_SYNTHETIC_TRACKS,
            large_playlist_items: DEFAULT_LARGE_PLAYLIST_ITEMS,
            recorded: None,
        }
    }
}

impl CatalogBuilder {
    /// Whether to read the embedded fixture bodies. Default: true.
    pub fn fixtures(mut self, fixtures: bool) -> Self {
        self.fixtures = fixtures;
        self
    }

    /// Whether to add the synthetic part (showcase and bulk). Default: true.
    pub fn synthetic(mut self, synthetic: bool) -> Self {
        self.synthetic = synthetic;
        self
    }

    /// The seed of the bulk synthetic entities: the same seed and sizes give the same
    /// catalogue. Default: [`DEFAULT_SEED`]. The showcase entities do not depend on it.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// How many bulk synthetic tracks to generate (albums, artists, shows, audiobooks,
    /// playlists and categories scale with it). Default: [`DEFAULT_SYNTHETIC_TRACKS`].
    pub fn synthetic_tracks(mut self, tracks: usize) -> Self {
        self.tracks = tracks;
        self
    }

    /// The number of items of [`catalog_ids::LARGE_PLAYLIST`](crate::catalog_ids::LARGE_PLAYLIST).
    /// Default: [`DEFAULT_LARGE_PLAYLIST_ITEMS`].
    pub fn large_playlist_items(mut self, items: usize) -> Self {
        self.large_playlist_items = items;
        self
    }

    /// Adds the bodies record mode wrote into `dir` (a catalogue directory: see "Record mode"
    /// in the crate docs), read as the fixtures are, so that what was recorded is served
    /// offline. A missing directory adds nothing. Default: none. Read by
    /// [`CatalogBuilder::try_build`].
    pub fn recorded(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.recorded = Some(dir.into());
        self
    }

    /// Builds the catalogue. A catalogue directory ([`CatalogBuilder::recorded`]) that cannot
    /// be read is left out, with a warning; [`CatalogBuilder::try_build`] reports it instead.
    pub fn build(self) -> Catalog {
        let read = match &self.recorded {
            Some(dir) => dir::read(dir).unwrap_or_else(|error| {
                tracing::warn!(%error, "leaving out the catalogue directory");
                Default::default()
            }),
            None => Default::default(),
        };
        self.build_with(read)
    }

    /// Builds the catalogue, reading the catalogue directory if one was given.
    ///
    /// # Errors
    ///
    /// A catalogue directory or a file in it that cannot be read, or a recorded file that is
    /// not a JSON object (kind `InvalidData`); the message names the path.
    pub fn try_build(self) -> std::io::Result<Catalog> {
        let read = match &self.recorded {
            Some(dir) => dir::read(dir)?,
            None => Default::default(),
        };
        Ok(self.build_with(read))
    }

    /// The catalogue of the fixtures, the recorded bodies and the synthetic part.
    fn build_with(
        self,
        (recorded_bodies, mut recorded): (Vec<(String, String)>, dir::Recorded),
    ) -> Catalog {
        let fixtures = if self.fixtures {
            embedded::FIXTURES
        } else {
            &[]
        };
        recorded.forget_held_by(fixtures);
        let synthetic = self.synthetic.then_some(synthetic::Synthetic {
            seed: self.seed,
            tracks: self.tracks,
            large_playlist_items: self.large_playlist_items,
        });
        let bodies = fixtures.iter().copied().chain(
            recorded_bodies
                .iter()
                .map(|(name, body)| (name.as_str(), body.as_str())),
        );
        let mut catalog = Catalog::make(bodies, synthetic);
        catalog.recorded = recorded;
        catalog
    }
}

impl Catalog {
    /// The built-in catalogue: the fixtures plus the default synthetic part, made once per
    /// process.
    pub fn builtin() -> Arc<Catalog> {
        static BUILTIN: OnceLock<Arc<Catalog>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Arc::new(CatalogBuilder::default().build()))
            .clone()
    }

    /// A builder for another seed or scale.
    pub fn builder() -> CatalogBuilder {
        CatalogBuilder::default()
    }

    /// A catalogue made only from `(name, JSON body)` pairs, normalised, filled and linked as
    /// described in the module docs (no synthetic part). A body that is not valid JSON is
    /// skipped with a warning; this never panics.
    pub fn from_bodies<'a, I>(bodies: I) -> Catalog
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        Self::make(bodies, None)
    }

    /// Steps 1 to 4 of the module docs, on the calling thread.
    ///
    /// The synthetic part was once generated on a thread of its own while the bodies were read,
    /// and merged after. Timed side by side, that saved no wall time on two cores and cost 2 ms
    /// more CPU per start (a fifth): a new thread's allocations grow a heap of its own with an
    /// `mprotect` call every few pages, and those calls contend with the main thread's page
    /// faults for the address-space lock.
    fn make<'a>(
        bodies: impl IntoIterator<Item = (&'a str, &'a str)>,
        synthetic: Option<synthetic::Synthetic>,
    ) -> Catalog {
        let mut catalog = Catalog::default();
        let mut partials = partial::Partials::default();
        normalise::read(&mut catalog, &mut partials, bodies);
        let artist_albums = std::mem::take(&mut partials.artist_albums);
        let playlist_totals = std::mem::take(&mut partials.playlist_totals);
        complete::fill(&mut catalog, partials);
        if let Some(config) = synthetic {
            synthetic::generate(&mut catalog, &config);
        }
        complete::link(&mut catalog, &artist_albums, &playlist_totals);
        catalog
    }

    /// How many entities of `kind` the catalogue holds: `"track"`, `"album"`, `"artist"`,
    /// `"show"`, `"episode"`, `"audiobook"`, `"chapter"`, `"playlist"`, `"category"`, `"user"`
    /// (0 for anything else).
    pub fn len(&self, kind: &str) -> usize {
        match kind {
            "track" => self.tracks.len(),
            "album" => self.albums.len(),
            "artist" => self.artists.len(),
            "show" => self.shows.len(),
            "episode" => self.episodes.len(),
            "audiobook" => self.audiobooks.len(),
            "chapter" => self.chapters.len(),
            "playlist" => self.playlists.len(),
            "category" => self.categories.len(),
            "user" => self.users.len(),
            _ => 0,
        }
    }

    /// Whether the catalogue holds no entity at all.
    pub fn is_empty(&self) -> bool {
        [
            "track",
            "album",
            "artist",
            "show",
            "episode",
            "audiobook",
            "chapter",
            "playlist",
            "category",
            "user",
        ]
        .iter()
        .all(|kind| self.len(kind) == 0)
    }

    /// The ids of `kind` (kinds as for [`Catalog::len`]), sorted.
    pub fn ids(&self, kind: &str) -> Vec<String> {
        fn keys<T>(map: &BTreeMap<Id, T>) -> Vec<String> {
            map.keys().map(|id| id.as_str().to_owned()).collect()
        }
        match kind {
            "track" => keys(&self.tracks),
            "album" => keys(&self.albums),
            "artist" => keys(&self.artists),
            "show" => keys(&self.shows),
            "episode" => keys(&self.episodes),
            "audiobook" => keys(&self.audiobooks),
            "chapter" => keys(&self.chapters),
            "playlist" => keys(&self.playlists),
            "category" => {
                let mut ids: Vec<String> = self.categories.iter().map(|c| c.id.clone()).collect();
                ids.sort();
                ids
            }
            "user" => self.users.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// The name of the entity of `kind` with this id (a user's display name), if it exists.
    pub fn name(&self, kind: &str, id: &str) -> Option<&str> {
        if kind == "category" {
            return self.category(id).map(|c| c.name.as_str());
        }
        if kind == "user" {
            return self.users.get(id)?.display_name.as_deref();
        }
        let id = Id::parse(id)?;
        Some(match kind {
            "track" => &self.tracks.get(&id)?.name,
            "album" => &self.albums.get(&id)?.name,
            "artist" => &self.artists.get(&id)?.name,
            "show" => &self.shows.get(&id)?.name,
            "episode" => &self.episodes.get(&id)?.name,
            "audiobook" => &self.audiobooks.get(&id)?.name,
            "chapter" => &self.chapters.get(&id)?.name,
            "playlist" => &self.playlists.get(&id)?.name,
            _ => return None,
        })
    }

    /// How many tracks the album has, if it exists.
    pub fn album_track_count(&self, id: &str) -> Option<usize> {
        Some(self.album(id)?.tracks.len())
    }

    /// How many albums the artist's discography has (their own and those they appear on).
    pub fn artist_album_count(&self, id: &str) -> Option<usize> {
        Some(self.artist(id)?.albums.len())
    }

    /// How many episodes the show has.
    pub fn show_episode_count(&self, id: &str) -> Option<usize> {
        Some(self.show(id)?.episodes.len())
    }

    /// How many chapters the audiobook has.
    pub fn audiobook_chapter_count(&self, id: &str) -> Option<usize> {
        Some(self.audiobook(id)?.chapters.len())
    }

    /// How many items the playlist starts with.
    pub fn playlist_item_count(&self, id: &str) -> Option<usize> {
        Some(self.playlist(id)?.items.len())
    }

    /// How many playlists the category has.
    pub fn category_playlist_count(&self, id: &str) -> Option<usize> {
        Some(self.category(id)?.playlists.len())
    }

    // --- crate-internal accessors for handlers and render ----------------------------------------

    /// The search index (`GET /search`), built on first use from the finished catalogue (a few
    /// milliseconds at the default scale; about two seconds at 100,000 tracks) and kept. The
    /// catalogue is read-only once built, so the index is the same whenever it is made.
    pub(crate) fn search(&self) -> &search::SearchIndex {
        self.search_index
            .get_or_init(|| search::SearchIndex::build(self))
    }

    /// Whether the search index has been built yet (tests check start-up leaves it unbuilt).
    #[cfg(test)]
    pub(crate) fn search_is_built(&self) -> bool {
        self.search_index.get().is_some()
    }

    pub(crate) fn track(&self, id: &str) -> Option<&Track> {
        self.tracks.get(&Id::parse(id)?)
    }

    pub(crate) fn album(&self, id: &str) -> Option<&Album> {
        self.albums.get(&Id::parse(id)?)
    }

    pub(crate) fn artist(&self, id: &str) -> Option<&Artist> {
        self.artists.get(&Id::parse(id)?)
    }

    pub(crate) fn show(&self, id: &str) -> Option<&Show> {
        self.shows.get(&Id::parse(id)?)
    }

    pub(crate) fn episode(&self, id: &str) -> Option<&Episode> {
        self.episodes.get(&Id::parse(id)?)
    }

    pub(crate) fn audiobook(&self, id: &str) -> Option<&Audiobook> {
        self.audiobooks.get(&Id::parse(id)?)
    }

    pub(crate) fn chapter(&self, id: &str) -> Option<&Chapter> {
        self.chapters.get(&Id::parse(id)?)
    }

    /// A playlist as the catalogue seeds it (handlers read the state's playlist store instead).
    pub(crate) fn playlist(&self, id: &str) -> Option<&Playlist> {
        self.playlists.get(&Id::parse(id)?).map(Arc::as_ref)
    }

    pub(crate) fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub(crate) fn user(&self, id: &str) -> Option<&PublicUser> {
        self.users.get(id)
    }

    /// The categories, in catalogue order.
    #[allow(dead_code)]
    pub(crate) fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Audio features of a track: the real ones where a body had them, else derived from the
    /// track's id (stable), for every track of the catalogue.
    #[allow(dead_code)]
    pub(crate) fn audio_features(&self, id: &str) -> Option<AudioFeatures> {
        let track = self.track(id)?;
        if let Some(real) = self.audio_features.get(&track.id) {
            return Some(real.clone());
        }
        let p = |salt: u64, n: u64| complete::pick(track.id, 100 + salt, n);
        let unit = |salt: u64| f64::from(u32::try_from(p(salt, 1000)).unwrap_or(0)) / 1000.0;
        Some(AudioFeatures {
            id: track.id,
            acousticness: unit(1),
            danceability: unit(2),
            energy: unit(3),
            instrumentalness: unit(4),
            key: i64::try_from(p(5, 12)).unwrap_or(0),
            liveness: unit(6),
            loudness: -(unit(7) * 30.0),
            mode: i64::try_from(p(8, 2)).unwrap_or(0),
            speechiness: unit(9),
            tempo: 60.0 + unit(10) * 120.0,
            time_signature: 4,
            valence: unit(11),
            duration_ms: track.duration_ms,
        })
    }

    /// The audio analysis of a track: the one real analysis body (`audio-analysis.json`) with
    /// `track.duration` set to this track's length. `None` for an unknown track or a catalogue
    /// without that body.
    #[allow(dead_code)]
    pub(crate) fn audio_analysis(&self, id: &str) -> Option<Value> {
        let track = self.track(id)?;
        let mut body = self.audio_analysis.get()?.clone();
        if let Some(Value::Object(meta)) = body.get_mut("track") {
            meta.insert(
                "duration".to_owned(),
                Value::from(f64::from(track.duration_ms) / 1000.0),
            );
        }
        Some(body)
    }

    /// The genre seeds (`available-genre-seeds.json`).
    #[allow(dead_code)]
    pub(crate) fn genre_seeds(&self) -> &[String] {
        &self.genre_seeds
    }

    /// Every market some content is available in, sorted (`GET /markets`).
    #[allow(dead_code)]
    pub(crate) fn markets(&self) -> Vec<&'static str> {
        self.markets.codes().collect()
    }
}

/// A snapshot id (opaque base64-like text, as Spotify's) for a playlist version.
pub(crate) fn snapshot_id(id: Id, version: usize) -> String {
    let derived = Id::derived(&format!("snapshot:{id}:{version}"));
    format!("AAAA{derived}{}", Id::derived(&format!("{derived}")))
}

#[cfg(test)]
mod tests;
