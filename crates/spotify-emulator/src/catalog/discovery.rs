//! What the catalogue derives from its links rather than stores: an artist's discography by
//! album group, their top tracks, related artists, and recommendations from seeds filtered and
//! ranked by the tracks' audio features. All deterministic: the same catalogue and request give
//! the same answer.
//!
//! - **Album groups**: an album is in the `album`, `single` or `compilation` group of each of
//!   its artists (by its type), and in the `appears_on` group of an artist who plays on one of
//!   its tracks without being an album artist. A discography lists the groups in that order
//!   (album, single, compilation, appears_on), newest first within each, as Spotify does.
//! - **Top tracks**: the artist's ten most popular tracks; with a market, only those playable
//!   there (directly or through a relinked stand-in).
//! - **Related artists**: up to 20 other artists sharing a genre, most popular first.
//! - **Recommendations**: each seed has a pool (a seed artist's tracks and those of artists
//!   sharing a genre with them; for a seed track, the same for its artists; for a genre seed,
//!   the tracks of the artists in that genre), cut by the `min_*`/`max_*` bounds over the
//!   audio features (and popularity), then by the market; the union of the pools (seed tracks
//!   left out) is ranked by distance to the `target_*` values, then by popularity.

use std::collections::BTreeSet;

use super::Catalog;
use super::model::{Album, AlbumType, Artist, AudioFeatures, Id, Track};

/// How many top tracks an artist has.
const TOP_TRACKS: usize = 10;
/// How many related artists an artist has at most.
const RELATED_ARTISTS: usize = 20;

/// How an album relates to an artist (`album_group`, `include_groups`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum AlbumGroup {
    Album,
    Single,
    Compilation,
    AppearsOn,
}

impl AlbumGroup {
    /// Every group, in the order a discography lists them.
    pub(crate) const ALL: [AlbumGroup; 4] = [
        AlbumGroup::Album,
        AlbumGroup::Single,
        AlbumGroup::Compilation,
        AlbumGroup::AppearsOn,
    ];

    /// `album`, `single`, `compilation` or `appears_on`; anything else is `None`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == text)
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AlbumGroup::Album => "album",
            AlbumGroup::Single => "single",
            AlbumGroup::Compilation => "compilation",
            AlbumGroup::AppearsOn => "appears_on",
        }
    }

    /// The group of `album` in `artist`'s discography.
    pub(crate) fn of(album: &Album, artist: Id) -> Self {
        if !album.artists.contains(&artist) {
            return AlbumGroup::AppearsOn;
        }
        match album.album_type {
            AlbumType::Single => AlbumGroup::Single,
            AlbumType::Compilation => AlbumGroup::Compilation,
            _ => AlbumGroup::Album,
        }
    }
}

/// A tunable track attribute (`min_*`, `max_*`, `target_*` of `GET /recommendations`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Attribute {
    Acousticness,
    Danceability,
    DurationMs,
    Energy,
    Instrumentalness,
    Key,
    Liveness,
    Loudness,
    Mode,
    Popularity,
    Speechiness,
    Tempo,
    TimeSignature,
    Valence,
}

impl Attribute {
    /// Every attribute, in the spec's order.
    pub(crate) const ALL: [Attribute; 14] = [
        Attribute::Acousticness,
        Attribute::Danceability,
        Attribute::DurationMs,
        Attribute::Energy,
        Attribute::Instrumentalness,
        Attribute::Key,
        Attribute::Liveness,
        Attribute::Loudness,
        Attribute::Mode,
        Attribute::Popularity,
        Attribute::Speechiness,
        Attribute::Tempo,
        Attribute::TimeSignature,
        Attribute::Valence,
    ];

    /// The name after `min_`, `max_` or `target_`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Attribute::Acousticness => "acousticness",
            Attribute::Danceability => "danceability",
            Attribute::DurationMs => "duration_ms",
            Attribute::Energy => "energy",
            Attribute::Instrumentalness => "instrumentalness",
            Attribute::Key => "key",
            Attribute::Liveness => "liveness",
            Attribute::Loudness => "loudness",
            Attribute::Mode => "mode",
            Attribute::Popularity => "popularity",
            Attribute::Speechiness => "speechiness",
            Attribute::Tempo => "tempo",
            Attribute::TimeSignature => "time_signature",
            Attribute::Valence => "valence",
        }
    }

    /// The track's value of this attribute.
    fn value(self, features: &AudioFeatures, track: &Track) -> f64 {
        match self {
            Attribute::Acousticness => features.acousticness,
            Attribute::Danceability => features.danceability,
            Attribute::DurationMs => f64::from(features.duration_ms),
            Attribute::Energy => features.energy,
            Attribute::Instrumentalness => features.instrumentalness,
            Attribute::Key => features.key as f64,
            Attribute::Liveness => features.liveness,
            Attribute::Loudness => features.loudness,
            Attribute::Mode => features.mode as f64,
            Attribute::Popularity => f64::from(track.popularity),
            Attribute::Speechiness => features.speechiness,
            Attribute::Tempo => features.tempo,
            Attribute::TimeSignature => features.time_signature as f64,
            Attribute::Valence => features.valence,
        }
    }

    /// The attribute's usual span, so that distances to targets weigh the same.
    fn span(self) -> f64 {
        match self {
            Attribute::DurationMs => 600_000.0,
            Attribute::Key | Attribute::TimeSignature => 11.0,
            Attribute::Loudness => 60.0,
            Attribute::Popularity => 100.0,
            Attribute::Tempo => 250.0,
            _ => 1.0,
        }
    }
}

/// What a recommendation seed is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SeedKind {
    Artist,
    Track,
    Genre,
}

/// One seed of a recommendation request, as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Seed {
    pub(crate) kind: SeedKind,
    /// An artist or track id, or a genre name.
    pub(crate) id: String,
}

/// A recommendation request, parsed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tuning {
    pub(crate) min: Vec<(Attribute, f64)>,
    pub(crate) max: Vec<(Attribute, f64)>,
    pub(crate) target: Vec<(Attribute, f64)>,
}

impl Tuning {
    fn admits(&self, features: &AudioFeatures, track: &Track) -> bool {
        self.min
            .iter()
            .all(|(a, floor)| a.value(features, track) >= *floor)
            && self
                .max
                .iter()
                .all(|(a, ceiling)| a.value(features, track) <= *ceiling)
    }

    fn distance(&self, features: &AudioFeatures, track: &Track) -> f64 {
        self.target
            .iter()
            .map(|(a, target)| ((a.value(features, track) - target) / a.span()).abs())
            .sum()
    }
}

/// How one seed's pool shrank (`RecommendationSeedObject`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SeedReport {
    pub(crate) seed: Seed,
    pub(crate) initial_pool_size: usize,
    pub(crate) after_filtering_size: usize,
    pub(crate) after_relinking_size: usize,
}

/// The answer to a recommendation request: a report per seed, and the tracks, best first.
#[derive(Clone, Debug)]
pub(crate) struct Recommendation<'c> {
    pub(crate) seeds: Vec<SeedReport>,
    pub(crate) tracks: Vec<&'c Track>,
}

/// A genre as a seed names it: lower case, words joined by `-` (`hip hop` is `hip-hop`).
fn genre_key(genre: &str) -> String {
    genre
        .trim()
        .to_lowercase()
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Whether an artist genre belongs to the seed genre `seed` (already a [`genre_key`]): the same
/// key, or one of its words (`indie rock` is in `rock`).
fn genre_matches(genre: &str, seed: &str) -> bool {
    let key = genre_key(genre);
    key == seed || key.split('-').any(|word| word == seed)
}

impl Catalog {
    /// `artist`'s albums in `groups` (every group when empty), grouped in the order of
    /// [`AlbumGroup::ALL`], newest first within each; with a market, only the albums
    /// available there.
    pub(crate) fn discography(
        &self,
        artist: &Artist,
        groups: &[AlbumGroup],
        market: Option<&str>,
    ) -> Vec<&Album> {
        let mut albums: Vec<(AlbumGroup, usize, &Album)> = artist
            .albums
            .iter()
            .filter_map(|id| self.albums.get(id))
            .enumerate()
            .map(|(n, album)| (AlbumGroup::of(album, artist.id), n, album))
            .filter(|(group, _, _)| groups.is_empty() || groups.contains(group))
            .filter(|(_, _, album)| market.is_none_or(|m| album.markets.contains(m)))
            .collect();
        albums.sort_by_key(|(group, n, _)| (*group, *n));
        albums.into_iter().map(|(_, _, album)| album).collect()
    }

    /// Whether `track` can be played in `market`, itself or through a relinked stand-in.
    pub(crate) fn playable_in(&self, track: &Track, market: &str) -> bool {
        track.markets.contains(market)
            || track
                .relinks
                .iter()
                .filter_map(|id| self.tracks.get(id))
                .any(|stand_in| stand_in.markets.contains(market))
    }

    /// The tracks `artist` plays on.
    fn tracks_of(&self, artist: Id) -> impl Iterator<Item = &Track> {
        self.tracks
            .values()
            .filter(move |track| track.artists.contains(&artist))
    }

    /// `artist`'s ten most popular tracks (ties by id); with a market, only those playable there.
    pub(crate) fn top_tracks(&self, artist: &Artist, market: Option<&str>) -> Vec<&Track> {
        let mut tracks: Vec<&Track> = self
            .tracks_of(artist.id)
            .filter(|track| market.is_none_or(|m| self.playable_in(track, m)))
            .collect();
        tracks.sort_by_key(|track| (std::cmp::Reverse(track.popularity), track.id));
        tracks.truncate(TOP_TRACKS);
        tracks
    }

    /// Up to 20 other artists who share a genre with `artist`, most popular first (ties by id).
    pub(crate) fn related_artists(&self, artist: &Artist) -> Vec<&Artist> {
        let genres: BTreeSet<String> = artist.genres.iter().map(|g| genre_key(g)).collect();
        let mut related: Vec<&Artist> = self
            .artists
            .values()
            .filter(|other| other.id != artist.id)
            .filter(|other| other.genres.iter().any(|g| genres.contains(&genre_key(g))))
            .collect();
        related.sort_by_key(|other| (std::cmp::Reverse(other.popularity), other.id));
        related.truncate(RELATED_ARTISTS);
        related
    }

    /// The artists of the seed genre `genre`.
    fn genre_artists(&self, genre: &str) -> BTreeSet<Id> {
        let seed = genre_key(genre);
        self.artists
            .values()
            .filter(|artist| artist.genres.iter().any(|g| genre_matches(g, &seed)))
            .map(|artist| artist.id)
            .collect()
    }

    /// The artists a seed draws on: the seed artist (or the seed track's artists) and those
    /// sharing a genre with them; for a genre, its artists. Unknown seeds draw on none.
    fn seed_artists(&self, seed: &Seed) -> BTreeSet<Id> {
        let around = |artists: &[Id]| {
            let mut set: BTreeSet<Id> = artists.iter().copied().collect();
            for artist in artists.iter().filter_map(|id| self.artists.get(id)) {
                set.extend(artist.genres.iter().flat_map(|g| self.genre_artists(g)));
            }
            set
        };
        match seed.kind {
            SeedKind::Artist => self
                .artist(&seed.id)
                .map(|artist| around(&[artist.id]))
                .unwrap_or_default(),
            SeedKind::Track => self
                .track(&seed.id)
                .map(|track| around(&track.artists))
                .unwrap_or_default(),
            SeedKind::Genre => self.genre_artists(&seed.id),
        }
    }

    /// Recommendations from `seeds`, tuned by `tuning`, at most `limit`, for `market`.
    pub(crate) fn recommend(
        &self,
        seeds: &[Seed],
        tuning: &Tuning,
        limit: usize,
        market: Option<&str>,
    ) -> Recommendation<'_> {
        let seed_tracks: BTreeSet<&str> = seeds
            .iter()
            .filter(|s| s.kind == SeedKind::Track)
            .map(|s| s.id.as_str())
            .collect();
        let mut reports = Vec::new();
        let mut chosen: BTreeSet<Id> = BTreeSet::new();
        for seed in seeds {
            let artists = self.seed_artists(seed);
            let pool: Vec<&Track> = self
                .tracks
                .values()
                .filter(|t| t.artists.iter().any(|a| artists.contains(a)))
                .filter(|t| !seed_tracks.contains(t.id.as_str()))
                .collect();
            let filtered: Vec<&Track> = pool
                .iter()
                .copied()
                .filter(|t| {
                    self.audio_features(t.id.as_str())
                        .is_some_and(|f| tuning.admits(&f, t))
                })
                .collect();
            let playable: Vec<&Track> = filtered
                .iter()
                .copied()
                .filter(|t| market.is_none_or(|m| self.playable_in(t, m)))
                .collect();
            chosen.extend(playable.iter().map(|t| t.id));
            reports.push(SeedReport {
                seed: seed.clone(),
                initial_pool_size: pool.len(),
                after_filtering_size: filtered.len(),
                after_relinking_size: playable.len(),
            });
        }
        let mut ranked: Vec<(f64, &Track)> = chosen
            .iter()
            .filter_map(|id| self.tracks.get(id))
            .filter_map(|t| {
                let features = self.audio_features(t.id.as_str())?;
                Some((tuning.distance(&features, t), t))
            })
            .collect();
        ranked.sort_by(|(da, a), (db, b)| {
            da.total_cmp(db)
                .then(b.popularity.cmp(&a.popularity))
                .then(a.id.cmp(&b.id))
        });
        Recommendation {
            seeds: reports,
            tracks: ranked.into_iter().take(limit).map(|(_, t)| t).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ids;

    #[test]
    fn genres_match_by_key_and_word() {
        assert_eq!(genre_key("Hip Hop"), "hip-hop");
        assert!(genre_matches("hip hop", "hip-hop"));
        assert!(genre_matches("indie rock", "rock"));
        assert!(!genre_matches("rockabilly", "rock"));
        assert_eq!(AlbumGroup::parse("appears_on"), Some(AlbumGroup::AppearsOn));
        assert_eq!(AlbumGroup::parse("Album"), None);
    }

    #[test]
    fn a_discography_is_grouped_and_filtered() {
        let catalog = Catalog::builtin();
        let artist = catalog.artist(ids::ARTIST_25_ALBUMS).unwrap();
        let all = catalog.discography(artist, &[], None);
        assert_eq!(all.len(), 25);
        let groups: Vec<AlbumGroup> = all.iter().map(|a| AlbumGroup::of(a, artist.id)).collect();
        let mut sorted = groups.clone();
        sorted.sort();
        assert_eq!(
            groups, sorted,
            "grouped in the order album, single, compilation, appears_on"
        );
        let appears = catalog.discography(artist, &[AlbumGroup::AppearsOn], None);
        assert_eq!(appears.len(), 5);
        let own = catalog.discography(
            artist,
            &[
                AlbumGroup::Album,
                AlbumGroup::Single,
                AlbumGroup::Compilation,
            ],
            None,
        );
        assert_eq!(own.len(), 20);
    }

    #[test]
    fn recommendations_honour_seeds_and_bounds() {
        let catalog = Catalog::builtin();
        let seeds = [Seed {
            kind: SeedKind::Genre,
            id: "rock".to_owned(),
        }];
        let tuning = Tuning {
            min: vec![(Attribute::Energy, 0.5)],
            max: vec![(Attribute::Tempo, 150.0)],
            target: vec![(Attribute::Danceability, 0.9)],
        };
        let answer = catalog.recommend(&seeds, &tuning, 100, None);
        assert!(!answer.tracks.is_empty());
        let rock = catalog.genre_artists("rock");
        let mut last = f64::MIN;
        for track in &answer.tracks {
            let f = catalog.audio_features(track.id.as_str()).unwrap();
            assert!(f.energy >= 0.5 && f.tempo <= 150.0);
            assert!(track.artists.iter().any(|a| rock.contains(a)));
            let distance = (f.danceability - 0.9).abs();
            assert!(distance >= last, "ranked by distance to the target");
            last = distance;
        }
        let report = &answer.seeds[0];
        assert!(report.initial_pool_size >= report.after_filtering_size);
        assert_eq!(report.after_filtering_size, report.after_relinking_size);
        assert!(answer.tracks.len() <= report.after_relinking_size);
    }
}
