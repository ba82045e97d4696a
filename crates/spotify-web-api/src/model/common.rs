//! Small objects shared by many model families: external URLs and IDs, followers, copyrights,
//! restrictions, release-date precision and the object type, plus the serde helpers that make
//! the models tolerate what Spotify really sends.
//!
//! Where real bodies differ from `openapi.yml` is listed in `shared/spotify-api/SPEC-GAPS.md`;
//! dated field removals are in `shared/docs/API-CHANGES.md`.

use serde::{Deserialize, Deserializer, Serialize};

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
                String::deserialize(deserializer).map(Self::from)
            }
        }
    };
}
pub(crate) use string_enum;

/// Deserializes a field that Spotify may send as `null` (or, with `#[serde(default)]`, leave
/// out) into the type's default value: `""`, `0`, `false`, `[]` or an empty object.
///
/// Use as `#[serde(default, deserialize_with = "null_to_default")]`. Real bodies send `null` for
/// fields the spec calls non-null, most often in local tracks (SPEC-GAPS.md).
pub(crate) fn null_to_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// Known external URLs of an object (`ExternalUrlObject`).
///
/// Empty (`{}`) for local files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExternalUrls {
    /// The `https://open.spotify.com/...` URL of the object; `None` when Spotify sends none
    /// (local files).
    pub spotify: Option<String>,
}

/// Known external IDs of a track or album (`ExternalIdObject`).
///
/// Every field is optional: tracks usually carry only `isrc`, albums only `upc`. Spotify announced
/// the removal of `external_ids` for development-mode apps in 2026-02 and reverted it in 2026-03.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExternalIds {
    /// International Standard Recording Code, on tracks.
    pub isrc: Option<String>,
    /// International Article Number.
    pub ean: Option<String>,
    /// Universal Product Code, on albums.
    pub upc: Option<String>,
}

/// Follower information of an artist, user or playlist (`FollowersObject`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Followers {
    /// Always `null` in practice: the Web API does not support it.
    pub href: Option<String>,
    /// The total number of followers; 0 when Spotify sends `null`.
    #[serde(default, deserialize_with = "null_to_default")]
    pub total: u64,
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

/// A copyright statement of an album, show or audiobook (`CopyrightObject`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Copyright {
    /// The copyright text, e.g. `"2007 Daft Life Ltd."`; empty if Spotify sends `null`.
    #[serde(default, deserialize_with = "null_to_default")]
    pub text: String,
    /// Whether this is the copyright (`C`) or the performance copyright (`P`).
    #[serde(rename = "type")]
    pub kind: CopyrightType,
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
    }
}

/// A content restriction on a track, album, episode or chapter
/// (`TrackRestrictionObject`, `AlbumRestrictionObject`).
///
/// Present only when a restriction applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Restrictions {
    /// The reason for the restriction; `None` if Spotify sends none.
    pub reason: Option<RestrictionReason>,
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
    /// The `type` field of a Spotify object.
    pub enum ItemType {
        /// `album`.
        Album = "album",
        /// `artist`.
        Artist = "artist",
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

impl ItemType {
    // Defaults for the `type` field of each object, used when a body leaves it out.
    pub(crate) fn album() -> Self {
        Self::Album
    }
    pub(crate) fn artist() -> Self {
        Self::Artist
    }
    pub(crate) fn track() -> Self {
        Self::Track
    }
    pub(crate) fn user() -> Self {
        Self::User
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_enum_values_survive_a_round_trip() {
        let reason: RestrictionReason = serde_json::from_str(r#""payment_required""#).unwrap();
        assert_eq!(
            reason,
            RestrictionReason::Unknown("payment_required".into())
        );
        assert_eq!(
            serde_json::to_string(&reason).unwrap(),
            r#""payment_required""#
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
