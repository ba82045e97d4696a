//! Small objects shared by many model families: external URLs and IDs, followers, copyrights,
//! restrictions, release-date precision, resume points, media types and the object type, plus
//! the serde helpers that make the models tolerate what Spotify really sends.
//!
//! Where real bodies differ from `openapi.yml` is listed in `shared/spotify-api/SPEC-GAPS.md`;
//! dated field removals are in `shared/docs/API-CHANGES.md`.

use crate::lenient::model;

/// Defines a string enum that keeps values it does not know.
///
/// Known values match case-insensitively (real bodies sometimes say `"ALBUM"`) and serialize in
/// Spotify's spelling; any other string becomes `Unknown(original)` and serializes back unchanged.
/// Spotify adds values without notice ("make sure that your application safely handles unknown
/// values", says the spec), so decoding a body never fails on an enum value.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the library does not know, kept exactly as Spotify sent it.
            Unknown(String),
        }

        impl $name {
            /// The string Spotify uses for this value (the original text for `Unknown`).
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )+
                    Self::Unknown(other) => other,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                $( if text.eq_ignore_ascii_case($text) { return Self::$variant; } )+
                Self::Unknown(text.to_owned())
            }
        }

        impl ::std::convert::From<String> for $name {
            fn from(text: String) -> Self {
                match Self::from(text.as_str()) {
                    Self::Unknown(_) => Self::Unknown(text),
                    known => known,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

        impl ::std::default::Default for $name {
            /// `Unknown("")`: what a missing value decodes to.
            fn default() -> Self {
                Self::Unknown(String::new())
            }
        }

        impl $crate::lenient::Scalar for $name {
            const EXPECTING: &'static str = "a string";
            fn from_str(text: &str) -> Option<Self> {
                Some(Self::from(text))
            }
            fn from_string(text: String) -> Option<Self> {
                Some(Self::from(text))
            }
        }

        $crate::lenient::lenient_scalar!($name);
    };
}
pub(crate) use string_enum;

model! {
    /// Known external URLs of an object (`ExternalUrlObject`).
    ///
    /// Empty (`{}`) for local files.
    pub struct ExternalUrls {
        /// The `https://open.spotify.com/...` URL of the object; `None` when Spotify sends none
        /// (local files).
        pub spotify: Option<String>,
    }
}

model! {
    /// Known external IDs of a track or album (`ExternalIdObject`).
    ///
    /// Every field is optional: tracks usually carry only `isrc`, albums only `upc`. Spotify announced
    /// the removal of `external_ids` for development-mode apps in 2026-02 and reverted it in 2026-03.
    pub struct ExternalIds {
        /// International Standard Recording Code, on tracks.
        pub isrc: Option<String>,
        /// International Article Number.
        pub ean: Option<String>,
        /// Universal Product Code, on albums.
        pub upc: Option<String>,
    }
}

model! {
    /// Follower information of an artist, user or playlist (`FollowersObject`).
    pub struct Followers {
        /// Always `null` in practice: the Web API does not support it.
        pub href: Option<String>,
        /// The total number of followers; 0 when Spotify sends `null`.
        pub total: u64,
    }
}

string_enum! {
    /// The kind of a copyright statement (`CopyrightObject.type`).
    pub enum CopyrightType {
        /// `C`: the copyright.
        Copyright = "C",
        /// `P`: the sound recording (performance) copyright.
        Performance = "P",
    }
}

model! {
    /// A copyright statement of an album, show or audiobook (`CopyrightObject`).
    pub struct Copyright {
        /// The copyright text, e.g. `"2007 Daft Life Ltd."`; empty if Spotify sends `null`.
        pub text: String,
        /// Whether this is the copyright (`C`) or the performance copyright (`P`).
        #[json = "type"]
        pub kind: CopyrightType,
    }
}

string_enum! {
    /// Why content is restricted (`TrackRestrictionObject.reason`, `AlbumRestrictionObject.reason`).
    pub enum RestrictionReason {
        /// Not available in the given market.
        Market = "market",
        /// Not available for the user's subscription type.
        Product = "product",
        /// Explicit, and the user's account is set not to play explicit content.
        Explicit = "explicit",
        /// Needs a purchase or a plan that includes it (audiobook chapters).
        PaymentRequired = "payment_required",
    }
}

model! {
    /// A content restriction on a track, album, episode or chapter (`TrackRestrictionObject`,
    /// `AlbumRestrictionObject`, `EpisodeRestrictionObject`, `ChapterRestrictionObject`).
    ///
    /// Present only when a restriction applies.
    pub struct Restrictions {
        /// The reason for the restriction; `None` if Spotify sends none.
        pub reason: Option<RestrictionReason>,
    }
}

string_enum! {
    /// How precisely a release date is known (`release_date_precision`).
    pub enum ReleaseDatePrecision {
        /// Only the year: `release_date` looks like `1981`.
        Year = "year",
        /// Year and month: `1981-12`.
        Month = "month",
        /// The full date: `1981-12-15`.
        Day = "day",
    }
}

string_enum! {
    /// The kind of media of a show or audiobook (`media_type`).
    pub enum MediaType {
        /// `audio`.
        Audio = "audio",
        /// `video`.
        Video = "video",
        /// `mixed`: audio and video episodes.
        Mixed = "mixed",
    }
}

model! {
    /// Where the user stopped in an episode or chapter (`ResumePointObject`).
    ///
    /// Sent only with a user token that has the `user-read-playback-position` scope.
    pub struct ResumePoint {
        /// Whether the user has played the episode or chapter to the end.
        pub fully_played: bool,
        /// The user's most recent position, in milliseconds; 0 if Spotify sends none.
        pub resume_position_ms: u64,
    }
}

string_enum! {
    /// The `type` field of a Spotify object.
    pub enum ItemType {
        /// `album`.
        Album = "album",
        /// `artist`.
        Artist = "artist",
        /// `audio_features`: the audio features of a track.
        AudioFeatures = "audio_features",
        /// `audiobook`.
        Audiobook = "audiobook",
        /// `chapter`.
        Chapter = "chapter",
        /// `episode`.
        Episode = "episode",
        /// `playlist`.
        Playlist = "playlist",
        /// `show`.
        Show = "show",
        /// `track`.
        Track = "track",
        /// `user`.
        User = "user",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_enum_values_survive_a_round_trip() {
        let reason: RestrictionReason = serde_json::from_str(r#""age_restricted""#).unwrap();
        assert_eq!(reason, RestrictionReason::Unknown("age_restricted".into()));
        assert_eq!(
            serde_json::to_string(&reason).unwrap(),
            r#""age_restricted""#
        );

        let kind: ItemType = serde_json::from_str(r#""Podcast""#).unwrap();
        assert_eq!(kind, ItemType::Unknown("Podcast".into()));
        assert_eq!(serde_json::to_string(&kind).unwrap(), r#""Podcast""#);
        assert_eq!(kind.to_string(), "Podcast");
    }

    #[test]
    fn known_enum_values_match_case_insensitively_and_serialize_canonically() {
        let precision: ReleaseDatePrecision = serde_json::from_str(r#""DAY""#).unwrap();
        assert_eq!(precision, ReleaseDatePrecision::Day);
        assert_eq!(serde_json::to_string(&precision).unwrap(), r#""day""#);
        assert_eq!(CopyrightType::from("p"), CopyrightType::Performance);
        assert_eq!(
            CopyrightType::from(String::from("X")),
            CopyrightType::Unknown("X".into())
        );
    }

    #[test]
    fn enum_rejects_non_strings_with_an_error() {
        assert!(serde_json::from_str::<ItemType>("42").is_err());
    }

    #[test]
    fn nulls_become_defaults() {
        let followers: Followers = serde_json::from_str(r#"{"href":null,"total":null}"#).unwrap();
        assert_eq!(followers.total, 0);
        let followers: Followers = serde_json::from_str("{}").unwrap();
        assert_eq!(followers, Followers::default());
        let copyright: Copyright = serde_json::from_str(r#"{"text":null,"type":"C"}"#).unwrap();
        assert_eq!(copyright.text, "");
        assert_eq!(copyright.kind, CopyrightType::Copyright);
        let urls: ExternalUrls = serde_json::from_str("{}").unwrap();
        assert_eq!(urls.spotify, None);
        let restrictions: Restrictions = serde_json::from_str(r#"{"reason":null}"#).unwrap();
        assert_eq!(restrictions.reason, None);
    }
}
