//! OAuth scopes: what a user lets an app do.
//!
//! [`Scope`] names the 19 scopes of the Web API spec, and keeps any scope this version does not
//! know in [`Scope::Other`], so a scope Spotify adds tomorrow can be asked for today.
//!
//! ```
//! use spotify_web_api::Scope;
//!
//! let scopes: Vec<Scope> = Scope::parse_list("user-read-private  playlist-modify-public");
//! assert_eq!(scopes, [Scope::UserReadPrivate, Scope::PlaylistModifyPublic]);
//! assert_eq!(Scope::join(&scopes), "user-read-private playlist-modify-public");
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! scopes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// One OAuth scope.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Scope {
            $($(#[$doc])* $variant,)*
            /// A scope this version of the library does not know, kept as sent.
            Other(String),
        }

        impl Scope {
            /// Every scope the library knows, in the spec's order.
            pub const ALL: &'static [Scope] = &[$(Scope::$variant,)*];

            /// The scope's name on the wire, e.g. `user-read-private`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Scope::$variant => $name,)*
                    Scope::Other(name) => name,
                }
            }

            /// The scope with this name; a name the library does not know is kept in
            /// [`Scope::Other`].
            pub fn from_name(name: &str) -> Scope {
                match name {
                    $($name => Scope::$variant,)*
                    other => Scope::Other(other.to_owned()),
                }
            }
        }
    };
}

scopes! {
    /// Communicate with the Spotify app on the user's device.
    AppRemoteControl => "app-remote-control",
    /// Read the user's private playlists.
    PlaylistReadPrivate => "playlist-read-private",
    /// Read the user's collaborative playlists.
    PlaylistReadCollaborative => "playlist-read-collaborative",
    /// Manage the user's public playlists.
    PlaylistModifyPublic => "playlist-modify-public",
    /// Manage the user's private playlists.
    PlaylistModifyPrivate => "playlist-modify-private",
    /// Read the user's saved content.
    UserLibraryRead => "user-library-read",
    /// Manage the user's saved content.
    UserLibraryModify => "user-library-modify",
    /// Read the user's subscription details (country, product, explicit-content settings).
    UserReadPrivate => "user-read-private",
    /// Read the user's email address.
    UserReadEmail => "user-read-email",
    /// Read whom the user follows.
    UserFollowRead => "user-follow-read",
    /// Follow and unfollow for the user.
    UserFollowModify => "user-follow-modify",
    /// Read the user's top artists and tracks.
    UserTopRead => "user-top-read",
    /// Read the user's position in content they played.
    UserReadPlaybackPosition => "user-read-playback-position",
    /// Read the playback state and the user's Spotify Connect devices.
    UserReadPlaybackState => "user-read-playback-state",
    /// Read the user's recently played items.
    UserReadRecentlyPlayed => "user-read-recently-played",
    /// Read what the user is playing.
    UserReadCurrentlyPlaying => "user-read-currently-playing",
    /// Control playback on the user's devices.
    UserModifyPlaybackState => "user-modify-playback-state",
    /// Upload images (playlist covers) for the user.
    UgcImageUpload => "ugc-image-upload",
    /// Play content in the Web Playback SDK.
    Streaming => "streaming",
}

impl Scope {
    /// Parses a list separated by spaces (Spotify's `scope` field), commas or `+`. Empty
    /// entries are skipped.
    pub fn parse_list(list: &str) -> Vec<Scope> {
        list.split([' ', ',', '+'])
            .filter(|s| !s.is_empty())
            .map(Scope::from_name)
            .collect()
    }

    /// Joins scopes with spaces, as `/authorize` and token responses write them.
    pub fn join<'a>(scopes: impl IntoIterator<Item = &'a Scope>) -> String {
        scopes
            .into_iter()
            .map(Scope::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Scope::from_name(s))
    }
}

impl From<&str> for Scope {
    fn from(s: &str) -> Self {
        Scope::from_name(s)
    }
}

impl Serialize for Scope {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Scope::from_name(&String::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_nineteen_round_trip() {
        assert_eq!(Scope::ALL.len(), 19);
        for scope in Scope::ALL {
            assert_eq!(&Scope::from_name(scope.as_str()), scope);
            assert!(!matches!(scope, Scope::Other(_)));
        }
    }

    #[test]
    fn unknown_scopes_are_kept() {
        let s = Scope::from_name("user-soa-link");
        assert_eq!(s, Scope::Other("user-soa-link".into()));
        assert_eq!(s.to_string(), "user-soa-link");
        assert_eq!(
            Scope::parse_list("a,user-top-read+b"),
            [
                Scope::from_name("a"),
                Scope::UserTopRead,
                Scope::from_name("b")
            ]
        );
    }
}
