//! Recommendations: [`Recommendations`] (`RecommendationsObject`, from `GET /recommendations`)
//! and its [`RecommendationSeed`]s (`RecommendationSeedObject`). The endpoint was removed for
//! apps created since 2024-11-27 (API-CHANGES.md).

use crate::lenient::model;

use super::common::string_enum;
use super::track::Track;

string_enum! {
    /// What a recommendation seed is (`RecommendationSeedObject.type`). Real bodies spell these in
    /// upper case (`ARTIST`), the spec in lower case; any case is accepted.
    pub enum RecommendationSeedType {
        /// `artist`: the seed is an artist ID from `seed_artists`.
        Artist = "artist",
        /// `track`: the seed is a track ID from `seed_tracks`.
        Track = "track",
        /// `genre`: the seed is a genre name from `seed_genres`.
        Genre = "genre",
    }
}

model! {
    /// One seed of a recommendation request and how many tracks it yielded
    /// (`RecommendationSeedObject`). Spotify names the counts in camelCase.
    pub struct RecommendationSeed {
        /// The number of tracks available after the `min_*` and `max_*` filters
        /// (`afterFilteringSize`).
        #[json = "afterFilteringSize"]
        #[alias = "after_filtering_size"]
        pub after_filtering_size: u32,
        /// The number of tracks available after relinking for regional availability
        /// (`afterRelinkingSize`).
        #[json = "afterRelinkingSize"]
        #[alias = "after_relinking_size"]
        pub after_relinking_size: u32,
        /// The Web API URL of the seed track or artist; `None` for a genre seed (Spotify sends
        /// `null`).
        pub href: Option<String>,
        /// The seed as given in the request: a track or artist ID, or a genre name; so untyped.
        pub id: String,
        /// The number of recommended tracks available for this seed (`initialPoolSize`).
        #[json = "initialPoolSize"]
        #[alias = "initial_pool_size"]
        pub initial_pool_size: u32,
        /// What the seed is.
        #[json = "type"]
        pub kind: RecommendationSeedType,
    }
}

model! {
    /// Tracks recommended from seed artists, tracks and genres (`RecommendationsObject`), from
    /// `GET /recommendations`.
    pub struct Recommendations {
        /// The seeds of the request, with how many tracks each yielded; empty when missing.
        pub seeds: Vec<RecommendationSeed>,
        /// The recommended tracks, ordered by relevance; empty when missing.
        pub tracks: Vec<Track>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_seed_counts_are_camel_case_and_types_upper_case() {
        let recommendations: Recommendations = serde_json::from_str(
            r#"{"seeds":[{"initialPoolSize":250,"afterFilteringSize":243.0,
                "afterRelinkingSize":243,"id":"4NHQUGzhtTLFvgF5SZesLK","type":"ARTIST",
                "href":"https://api.spotify.com/v1/artists/4NHQUGzhtTLFvgF5SZesLK"},
                {"initialPoolSize":500,"afterFilteringSize":380,"afterRelinkingSize":365,
                "id":"classical","type":"GENRE","href":null}],
                "tracks":[{"id":"1TKYPzH66GwsqyJFKFkBHQ","name":"Music Is Life","type":"track"}]}"#,
        )
        .unwrap();
        let seed = &recommendations.seeds[0];
        assert_eq!(
            (
                seed.initial_pool_size,
                seed.after_filtering_size,
                seed.after_relinking_size
            ),
            (250, 243, 243)
        );
        assert_eq!(seed.kind, RecommendationSeedType::Artist);
        assert_eq!(recommendations.seeds[1].href, None);
        assert_eq!(recommendations.seeds[1].kind, RecommendationSeedType::Genre);
        assert_eq!(recommendations.tracks[0].name, "Music Is Life");
        let value = serde_json::to_value(&recommendations).unwrap();
        assert_eq!(value["seeds"][0]["initialPoolSize"], 250);
        assert_eq!(value["seeds"][0]["type"], "artist");
        let again: Recommendations = serde_json::from_value(value).unwrap();
        assert_eq!(again, recommendations);
    }
}
