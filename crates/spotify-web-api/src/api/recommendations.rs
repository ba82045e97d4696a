//! Recommendations (the spec's Tracks tag, in a file of its own for its size):
//!
//! - `get-recommendations` (`GET /recommendations`): [`SpotifyWebApi::get_recommendations`],
//!   tuned with [`TrackAttribute`]s.

use std::mem::discriminant;

use crate::api::{ids, impl_into_future};
use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::ApiRequest;
use crate::id::{ArtistId, IntoId, TrackId};
use crate::market::{IntoMarket, Market};
use crate::model::Recommendations;
use crate::quota::Removal;

/// The most seeds (artists, genres and tracks together) one recommendation request takes.
const MAX_SEEDS: usize = 5;
/// The most recommended tracks one request asks for.
const MAX_RECOMMENDATIONS: u32 = 100;

/// # Tracks: recommendations
impl SpotifyWebApi {
    /// Get tracks recommended from seeds (artists, genres and tracks: one to five in all),
    /// filtered and ranked by tunable track attributes.
    ///
    /// Spec: `get-recommendations` · `GET /recommendations` · scopes: none · apps with
    /// extended access granted before 2024-11-27 only.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::api::recommendations::TrackAttribute;
    ///
    /// # #[allow(deprecated)]
    /// let picks = api
    ///     .get_recommendations()
    ///     .seed_artists(["4NHQUGzhtTLFvgF5SZesLK"])
    ///     .seed_genres(["classical", "country"])
    ///     .min(TrackAttribute::Energy(0.4))
    ///     .max(TrackAttribute::Tempo(130.0))
    ///     .target(TrackAttribute::Danceability(0.8))
    ///     .limit(10)
    ///     .market("SE")
    ///     .await?;
    /// for track in &picks.tracks {
    ///     println!("{}", track.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending with no seed or
    /// more than five, a `limit` outside 1..=100, or an attribute value outside its range;
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for an app without extended
    /// access granted before 2024-11-27.
    #[deprecated(
        since = "0.1.0",
        note = "removed on 2024-11-27 for apps without extended access granted before then, with no replacement"
    )]
    pub fn get_recommendations(&self) -> GetRecommendations {
        GetRecommendations {
            api: self.clone(),
            seed_artists: Vec::new(),
            seed_genres: Vec::new(),
            seed_tracks: Vec::new(),
            attributes: Vec::new(),
            limit: None,
            market: None,
            problem: None,
        }
    }
}

/// A tunable track attribute of [`SpotifyWebApi::get_recommendations`] with a value, given as
/// a floor ([`GetRecommendations::min`]), a ceiling ([`GetRecommendations::max`]) or a target
/// ([`GetRecommendations::target`]). Each carries its own unit and range, checked before
/// sending; the names are those of the audio features ([`AudioFeatures`](crate::model::AudioFeatures)).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum TrackAttribute {
    /// Confidence that the track is acoustic, 0.0..=1.0.
    Acousticness(f64),
    /// Suitability for dancing, 0.0..=1.0.
    Danceability(f64),
    /// Length in milliseconds.
    DurationMs(u32),
    /// Intensity and activity, 0.0..=1.0.
    Energy(f64),
    /// Likelihood of no vocals, 0.0..=1.0.
    Instrumentalness(f64),
    /// The key as a pitch class, 0..=11 (0 = C, 1 = C♯/D♭, ...).
    Key(u8),
    /// Likelihood of a live recording, 0.0..=1.0.
    Liveness(f64),
    /// Average loudness in decibels (typically -60.0..=0.0); any finite number.
    Loudness(f64),
    /// Major or minor.
    Mode(Modality),
    /// Popularity, 0..=100.
    Popularity(u8),
    /// Presence of spoken words, 0.0..=1.0.
    Speechiness(f64),
    /// Tempo in beats per minute; any finite number from 0.0.
    Tempo(f64),
    /// Beats per bar, 0..=11.
    TimeSignature(u8),
    /// Musical positiveness, 0.0..=1.0.
    Valence(f64),
}

/// The modality of a track (`mode` of the audio features).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Minor: `0`.
    Minor,
    /// Major: `1`.
    Major,
}

impl TrackAttribute {
    /// The parameter name after `min_`, `max_` or `target_` (`energy`, `duration_ms`...).
    pub fn name(&self) -> &'static str {
        match self {
            TrackAttribute::Acousticness(_) => "acousticness",
            TrackAttribute::Danceability(_) => "danceability",
            TrackAttribute::DurationMs(_) => "duration_ms",
            TrackAttribute::Energy(_) => "energy",
            TrackAttribute::Instrumentalness(_) => "instrumentalness",
            TrackAttribute::Key(_) => "key",
            TrackAttribute::Liveness(_) => "liveness",
            TrackAttribute::Loudness(_) => "loudness",
            TrackAttribute::Mode(_) => "mode",
            TrackAttribute::Popularity(_) => "popularity",
            TrackAttribute::Speechiness(_) => "speechiness",
            TrackAttribute::Tempo(_) => "tempo",
            TrackAttribute::TimeSignature(_) => "time_signature",
            TrackAttribute::Valence(_) => "valence",
        }
    }

    /// The value as sent, checked against the attribute's range; `param` names it in errors.
    fn value(&self, param: &'static str) -> Result<String> {
        let unit = |value: f64| {
            if (0.0..=1.0).contains(&value) {
                Ok(value.to_string())
            } else {
                Err(Error::InvalidArgument {
                    name: param,
                    problem: ArgumentProblem::Expected("a number in 0.0..=1.0"),
                })
            }
        };
        let whole = |value: u8, max: u8| {
            if value <= max {
                Ok(value.to_string())
            } else {
                Err(Error::InvalidArgument {
                    name: param,
                    problem: ArgumentProblem::OutOfRange {
                        value: value.into(),
                        min: 0,
                        max: max.into(),
                    },
                })
            }
        };
        match *self {
            TrackAttribute::Acousticness(v)
            | TrackAttribute::Danceability(v)
            | TrackAttribute::Energy(v)
            | TrackAttribute::Instrumentalness(v)
            | TrackAttribute::Liveness(v)
            | TrackAttribute::Speechiness(v)
            | TrackAttribute::Valence(v) => unit(v),
            TrackAttribute::Loudness(v) if v.is_finite() => Ok(v.to_string()),
            TrackAttribute::Loudness(_) => Err(Error::InvalidArgument {
                name: param,
                problem: ArgumentProblem::Expected("a finite number of decibels"),
            }),
            TrackAttribute::Tempo(v) if v.is_finite() && v >= 0.0 => Ok(v.to_string()),
            TrackAttribute::Tempo(_) => Err(Error::InvalidArgument {
                name: param,
                problem: ArgumentProblem::Expected("a finite number of beats per minute from 0.0"),
            }),
            TrackAttribute::DurationMs(v) => Ok(v.to_string()),
            TrackAttribute::Key(v) => whole(v, 11),
            TrackAttribute::Popularity(v) => whole(v, 100),
            TrackAttribute::TimeSignature(v) => whole(v, 11),
            TrackAttribute::Mode(Modality::Minor) => Ok("0".to_owned()),
            TrackAttribute::Mode(Modality::Major) => Ok("1".to_owned()),
        }
    }

    /// The value as a number, to compare a floor with a ceiling.
    fn number(&self) -> f64 {
        match *self {
            TrackAttribute::Acousticness(v)
            | TrackAttribute::Danceability(v)
            | TrackAttribute::Energy(v)
            | TrackAttribute::Instrumentalness(v)
            | TrackAttribute::Liveness(v)
            | TrackAttribute::Loudness(v)
            | TrackAttribute::Speechiness(v)
            | TrackAttribute::Tempo(v)
            | TrackAttribute::Valence(v) => v,
            TrackAttribute::DurationMs(v) => v.into(),
            TrackAttribute::Key(v)
            | TrackAttribute::Popularity(v)
            | TrackAttribute::TimeSignature(v) => v.into(),
            TrackAttribute::Mode(Modality::Minor) => 0.0,
            TrackAttribute::Mode(Modality::Major) => 1.0,
        }
    }
}

/// How a [`TrackAttribute`] is used: `min_*`, `max_*` or `target_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Min,
    Max,
    Target,
}

impl Bound {
    fn prefix(self) -> &'static str {
        match self {
            Bound::Min => "min",
            Bound::Max => "max",
            Bound::Target => "target",
        }
    }
}

/// Builder for [`SpotifyWebApi::get_recommendations`]; `.await` returns
/// `Result<Recommendations>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetRecommendations {
    api: SpotifyWebApi,
    seed_artists: Vec<ArtistId>,
    seed_genres: Vec<String>,
    seed_tracks: Vec<TrackId>,
    attributes: Vec<(Bound, TrackAttribute)>,
    limit: Option<u32>,
    market: Option<Result<Market>>,
    /// The first bad argument, reported at `.await`.
    problem: Option<Error>,
}

impl GetRecommendations {
    /// Seed artists (added to those of earlier calls). Seeds of all kinds: 1..=5 in all.
    pub fn seed_artists<I>(mut self, artists: I) -> Self
    where
        I: IntoIterator,
        I::Item: IntoId<ArtistId>,
    {
        match ids(artists) {
            Ok(artists) => self.seed_artists.extend(artists),
            Err(error) => self.keep(error),
        }
        self
    }

    /// Seed genres, from [`SpotifyWebApi::get_genre_seeds`] (added to those of earlier
    /// calls). Seeds of all kinds: 1..=5 in all.
    pub fn seed_genres<I>(mut self, genres: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        for genre in genres {
            let genre: String = genre.into();
            let problem = if genre.trim().is_empty() {
                Some(ArgumentProblem::Empty)
            } else if genre.contains(',') {
                Some(ArgumentProblem::Expected("a genre without commas"))
            } else {
                None
            };
            match problem {
                Some(problem) => self.keep(Error::InvalidArgument {
                    name: "seed_genres",
                    problem,
                }),
                None => self.seed_genres.push(genre),
            }
        }
        self
    }

    /// Seed tracks (added to those of earlier calls). Seeds of all kinds: 1..=5 in all.
    pub fn seed_tracks<I>(mut self, tracks: I) -> Self
    where
        I: IntoIterator,
        I::Item: IntoId<TrackId>,
    {
        match ids(tracks) {
            Ok(tracks) => self.seed_tracks.extend(tracks),
            Err(error) => self.keep(error),
        }
        self
    }

    /// A hard floor: only tracks with at least this value (`min_<attribute>`). Replaces an
    /// earlier floor of the same attribute. Default: none.
    pub fn min(self, attribute: TrackAttribute) -> Self {
        self.bound(Bound::Min, attribute)
    }

    /// A hard ceiling: only tracks with at most this value (`max_<attribute>`). Replaces an
    /// earlier ceiling of the same attribute. Default: none.
    pub fn max(self, attribute: TrackAttribute) -> Self {
        self.bound(Bound::Max, attribute)
    }

    /// A target: tracks nearest to it rank first, all targets weighing the same
    /// (`target_<attribute>`). Replaces an earlier target of the same attribute. Default: none.
    pub fn target(self, attribute: TrackAttribute) -> Self {
        self.bound(Bound::Target, attribute)
    }

    /// How many tracks to recommend, 1..=100. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Only tracks playable in this market (relinked where needed): a country code or
    /// [`Market::FromToken`]. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn keep(&mut self, error: Error) {
        self.problem.get_or_insert(error);
    }

    fn bound(mut self, bound: Bound, attribute: TrackAttribute) -> Self {
        let same = |(b, a): &(Bound, TrackAttribute)| {
            *b == bound && discriminant(a) == discriminant(&attribute)
        };
        match self.attributes.iter_mut().find(|entry| same(entry)) {
            Some(entry) => entry.1 = attribute,
            None => self.attributes.push((bound, attribute)),
        }
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let seeds = self.seed_artists.len() + self.seed_genres.len() + self.seed_tracks.len();
        if seeds == 0 {
            return Err(Error::InvalidArgument {
                name: "seeds",
                problem: ArgumentProblem::Conflict(
                    "give at least one of seed_artists, seed_genres and seed_tracks",
                ),
            });
        }
        if seeds > MAX_SEEDS {
            return Err(Error::InvalidArgument {
                name: "seeds",
                problem: ArgumentProblem::TooMany {
                    count: seeds,
                    max: MAX_SEEDS,
                },
            });
        }
        if let Some(limit) = self.limit
            && !(1..=MAX_RECOMMENDATIONS).contains(&limit)
        {
            return Err(Error::InvalidArgument {
                name: "limit",
                problem: ArgumentProblem::OutOfRange {
                    value: limit.into(),
                    min: 1,
                    max: MAX_RECOMMENDATIONS.into(),
                },
            });
        }
        let floor_above_ceiling = self.attributes.iter().any(|(bound, low)| {
            *bound == Bound::Min
                && self.attributes.iter().any(|(other, high)| {
                    *other == Bound::Max
                        && discriminant(low) == discriminant(high)
                        && low.number() > high.number()
                })
        });
        if floor_above_ceiling {
            return Err(Error::InvalidArgument {
                name: "min",
                problem: ArgumentProblem::Conflict("a floor (min) above its ceiling (max)"),
            });
        }
        let list = |items: Vec<String>| (!items.is_empty()).then(|| items.join(","));
        let mut request = ApiRequest::get("/recommendations")
            .query("seed_artists", list(ids_text(&self.seed_artists)))
            .query("seed_genres", list(self.seed_genres))
            .query("seed_tracks", list(ids_text(&self.seed_tracks)));
        for bound in [Bound::Min, Bound::Max, Bound::Target] {
            for (_, attribute) in self.attributes.iter().filter(|(b, _)| *b == bound) {
                let name = format!("{}_{}", bound.prefix(), attribute.name());
                let value = attribute.value(bound.prefix())?;
                request.query.push((name.into(), value));
            }
        }
        Ok(request
            .query("limit", self.limit)
            .query("market", self.market.transpose()?)
            .removed(Removal::nov_2024("get-recommendations")))
    }
}

impl_into_future!(GetRecommendations => Recommendations);

/// The bare IDs of `ids`.
fn ids_text<T: crate::id::Id>(ids: &[T]) -> Vec<String> {
    ids.iter().map(|id| id.as_str().to_owned()).collect()
}

#[cfg(test)]
#[allow(deprecated)]
mod tests {
    use super::*;

    const ARTIST: &str = "4NHQUGzhtTLFvgF5SZesLK";
    const TRACK: &str = "0c6xIDDpzE81m2q797ordA";

    #[test]
    fn seeds_attributes_limit_and_market_make_the_query() {
        let req = SpotifyWebApi::new()
            .get_recommendations()
            .seed_tracks([TRACK])
            .seed_genres(["classical", "country"])
            .seed_artists([format!("spotify:artist:{ARTIST}")])
            .target(TrackAttribute::Danceability(0.8))
            .max(TrackAttribute::Tempo(140.5))
            .min(TrackAttribute::Energy(0.4))
            .min(TrackAttribute::Energy(0.5))
            .min(TrackAttribute::Mode(Modality::Major))
            .max(TrackAttribute::DurationMs(300_000))
            .target(TrackAttribute::Key(7))
            .limit(100)
            .market("se")
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/recommendations");
        assert_eq!(
            req.query_pairs(),
            [
                ("seed_artists", ARTIST),
                ("seed_genres", "classical,country"),
                ("seed_tracks", TRACK),
                ("min_energy", "0.5"),
                ("min_mode", "1"),
                ("max_tempo", "140.5"),
                ("max_duration_ms", "300000"),
                ("target_danceability", "0.8"),
                ("target_key", "7"),
                ("limit", "100"),
                ("market", "SE"),
            ]
        );
        assert_eq!(
            req.removal.map(|r| r.operation),
            Some("get-recommendations")
        );
    }

    #[test]
    fn one_to_five_seeds_are_needed() {
        let api = SpotifyWebApi::new();
        assert!(matches!(
            api.get_recommendations().into_request(),
            Err(Error::InvalidArgument {
                name: "seeds",
                problem: ArgumentProblem::Conflict(_)
            })
        ));
        let five = api
            .get_recommendations()
            .seed_artists([ARTIST, ARTIST])
            .seed_genres(["rock", "pop"])
            .seed_tracks([TRACK]);
        assert!(five.into_request().is_ok());
        let six = api
            .get_recommendations()
            .seed_artists([ARTIST, ARTIST, ARTIST])
            .seed_genres(["rock", "pop"])
            .seed_tracks([TRACK]);
        assert!(matches!(
            six.into_request(),
            Err(Error::InvalidArgument {
                name: "seeds",
                problem: ArgumentProblem::TooMany { count: 6, max: 5 }
            })
        ));
        let bad = |r: GetRecommendations| r.into_request().unwrap_err();
        assert!(matches!(
            bad(api
                .get_recommendations()
                .seed_tracks(["spotify:album:4aawyAB9vmqN3uQ7FjRGTy"])),
            Error::InvalidId { .. }
        ));
        assert!(matches!(
            bad(api.get_recommendations().seed_genres([" "])),
            Error::InvalidArgument {
                name: "seed_genres",
                problem: ArgumentProblem::Empty
            }
        ));
        assert!(matches!(
            bad(api.get_recommendations().seed_genres(["rock,pop"])),
            Error::InvalidArgument {
                name: "seed_genres",
                ..
            }
        ));
    }

    #[test]
    fn attribute_ranges_and_limits_are_checked_before_sending() {
        let api = SpotifyWebApi::new();
        let with = |r: GetRecommendations| r.seed_genres(["rock"]).into_request();
        for (attribute, ok) in [
            (TrackAttribute::Energy(1.0), true),
            (TrackAttribute::Energy(1.01), false),
            (TrackAttribute::Valence(-0.1), false),
            (TrackAttribute::Acousticness(f64::NAN), false),
            (TrackAttribute::Key(11), true),
            (TrackAttribute::Key(12), false),
            (TrackAttribute::Popularity(100), true),
            (TrackAttribute::Popularity(101), false),
            (TrackAttribute::TimeSignature(12), false),
            (TrackAttribute::Loudness(-60.0), true),
            (TrackAttribute::Loudness(f64::INFINITY), false),
            (TrackAttribute::Tempo(-1.0), false),
        ] {
            let result = with(api.get_recommendations().target(attribute));
            assert_eq!(result.is_ok(), ok, "{attribute:?}: {result:?}");
        }
        for limit in [0, 101] {
            assert!(matches!(
                with(api.get_recommendations().limit(limit)),
                Err(Error::InvalidArgument { name: "limit", .. })
            ));
        }
        let crossed = api
            .get_recommendations()
            .min(TrackAttribute::Tempo(150.0))
            .max(TrackAttribute::Tempo(100.0));
        assert!(matches!(
            with(crossed),
            Err(Error::InvalidArgument {
                name: "min",
                problem: ArgumentProblem::Conflict(_)
            })
        ));
        assert_eq!(TrackAttribute::TimeSignature(4).name(), "time_signature");
    }
}
