//! Typed Spotify IDs, and parsing of IDs, URIs and URLs.
//!
//! Each kind of item has its own ID type ([`TrackId`], [`AlbumId`], ...), so an album ID cannot
//! be passed where a track is needed. Every operation takes `impl IntoId<TrackId>` (or the kind
//! it needs), which accepts:
//!
//! - a bare 22-character base62 ID: `7EjyzZcbLxW7PaaLua9Ksb`;
//! - a URI: `spotify:track:7EjyzZcbLxW7PaaLua9Ksb`;
//! - a URL: `https://open.spotify.com/track/7EjyzZcbLxW7PaaLua9Ksb?si=...`, including the
//!   localised `https://open.spotify.com/intl-de/track/...` form;
//! - an ID value already parsed.
//!
//! A malformed input or one of the wrong kind is an [`Error::InvalidId`], raised before any
//! request is sent. Audiobooks and chapters also take the URIs and URLs Spotify really gives
//! them: an audiobook's `uri` is `spotify:show:...` and a chapter's `spotify:episode:...`.
//!
//! ```
//! use spotify_web_api::{TrackId, Error};
//!
//! let id: TrackId = "https://open.spotify.com/intl-fr/track/7EjyzZcbLxW7PaaLua9Ksb?si=x".parse()?;
//! assert_eq!(id.as_str(), "7EjyzZcbLxW7PaaLua9Ksb");
//! assert_eq!(id.uri(), "spotify:track:7EjyzZcbLxW7PaaLua9Ksb");
//! assert!("spotify:album:4aawyAB9vmqN3uQ7FjRGTy".parse::<TrackId>().is_err());
//! # Ok::<(), Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, IdProblem, Result};
pub use crate::kind::IdKind;

/// Common behaviour of the typed IDs.
pub trait Id: Sized {
    /// The kind of item this ID names.
    const KIND: IdKind;

    /// The bare ID, e.g. `7EjyzZcbLxW7PaaLua9Ksb`.
    fn as_str(&self) -> &str;

    /// The `spotify:kind:id` URI.
    fn uri(&self) -> String {
        format!("spotify:{}:{}", Self::KIND, self.as_str())
    }

    /// The `https://open.spotify.com/kind/id` URL.
    fn url(&self) -> String {
        format!("https://open.spotify.com/{}/{}", Self::KIND, self.as_str())
    }

    #[doc(hidden)]
    fn from_checked(id: String) -> Self;
}

/// Anything an operation accepts as an ID of kind `T`: the ID type itself, or a string holding a
/// bare ID, a URI or a URL. Parsing errors are kept until the request is sent, so a chain of
/// builder calls needs no `?`.
pub trait IntoId<T: Id> {
    /// Parses (or passes through) the ID.
    fn into_id(self) -> Result<T>;
}

macro_rules! id_types {
    ($($(#[$doc:meta])* $name:ident => $kind:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl Id for $name {
            const KIND: IdKind = IdKind::$kind;
            fn as_str(&self) -> &str {
                &self.0
            }
            fn from_checked(id: String) -> Self {
                $name(id)
            }
        }

        impl $name {
            /// Parses a bare ID, a `spotify:` URI or an `open.spotify.com` URL.
            pub fn parse(input: &str) -> Result<Self> {
                parse_id::<Self>(input)
            }

            /// The bare ID.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The `spotify:kind:id` URI.
            pub fn uri(&self) -> String {
                Id::uri(self)
            }

            /// The `https://open.spotify.com/kind/id` URL.
            pub fn url(&self) -> String {
                Id::url(self)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                parse_id::<Self>(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                parse_id::<Self>(&s).map_err(serde::de::Error::custom)
            }
        }

        impl IntoId<$name> for $name {
            fn into_id(self) -> Result<$name> {
                checked(self)
            }
        }
        impl IntoId<$name> for &$name {
            fn into_id(self) -> Result<$name> {
                checked(self.clone())
            }
        }

        impl Default for $name {
            /// The empty ID: what a model holds when Spotify left its `id` out. Operations
            /// refuse it with [`Error::InvalidId`] before sending anything.
            fn default() -> Self {
                $name(String::new())
            }
        }

        impl crate::lenient::Scalar for $name {
            const EXPECTING: &'static str = "an id";
            fn from_str(text: &str) -> Option<Self> {
                // A body's IDs are bare and well formed: checked as they are first, which is
                // what parsing would come to, without looking for a URI or URL.
                checked_id(text).or_else(|| parse_id(text).ok())
            }
        }

        crate::lenient::lenient_scalar!($name);
        impl IntoId<$name> for &str {
            fn into_id(self) -> Result<$name> {
                parse_id(self)
            }
        }
        impl IntoId<$name> for String {
            fn into_id(self) -> Result<$name> {
                parse_id(&self)
            }
        }
        impl IntoId<$name> for &String {
            fn into_id(self) -> Result<$name> {
                parse_id(self)
            }
        }
    )*};
}

id_types! {
    /// The ID of a track.
    TrackId => Track;
    /// The ID of an album.
    AlbumId => Album;
    /// The ID of an artist.
    ArtistId => Artist;
    /// The ID of a playlist.
    PlaylistId => Playlist;
    /// The ID of a user: a username, which need not be base62 (`spotify:user:wizzler`).
    UserId => User;
    /// The ID of a podcast show.
    ShowId => Show;
    /// The ID of a podcast episode.
    EpisodeId => Episode;
    /// The ID of an audiobook.
    AudiobookId => Audiobook;
    /// The ID of an audiobook chapter.
    ChapterId => Chapter;
}

/// Anything an operation accepts as one of several kinds of item (a [`PlayableId`], a
/// [`ContextId`], a [`LibraryItemId`], an [`ArtistOrUserId`]): the union itself, one of its member IDs (a [`TrackId`]
/// is a playable item), or a `spotify:` URI or `open.spotify.com` URL, whose kind decides. A
/// bare ID is refused: it does not say which kind it is.
pub trait IntoItem<T> {
    /// Parses (or converts) the item.
    fn into_item(self) -> Result<T>;
}

/// Defines an enum of several kinds of ID, with its parsing, URIs and conversions.
macro_rules! id_union {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident($id:ident)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant($id),)+
        }

        impl $name {
            /// Parses a `spotify:` URI or an `open.spotify.com` URL of one of the kinds.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidId`] for a bare ID (whose kind is unknown), a kind that is not
            /// one of these, or a malformed ID.
            pub fn parse(input: &str) -> Result<Self> {
                const KINDS: &[IdKind] = &[$($id::KIND,)+];
                let fail = |problem| Error::InvalidId {
                    input: input.chars().take(100).collect(),
                    expected: KINDS[0],
                    problem,
                };
                let (kind, id) = split(input).map_err(fail)?;
                let Some(kind) = kind else {
                    return Err(fail(IdProblem::KindNeeded));
                };
                let Some(kind) = IdKind::from_name(kind) else {
                    return Err(fail(IdProblem::Unrecognised));
                };
                // The kind the URI names, else one it also names (`spotify:show:` is an
                // audiobook's URI too).
                $(
                    if kind == $id::KIND {
                        return checked_id::<$id>(id)
                            .map(Self::$variant)
                            .ok_or_else(|| fail(IdProblem::Malformed));
                    }
                )+
                $(
                    if $id::KIND.is_also_named(kind) {
                        return checked_id::<$id>(id)
                            .map(Self::$variant)
                            .ok_or_else(|| fail(IdProblem::Malformed));
                    }
                )+
                Err(fail(IdProblem::WrongKind(kind)))
            }

            /// The kind of the item.
            pub fn kind(&self) -> IdKind {
                match self {
                    $(Self::$variant(_) => $id::KIND,)+
                }
            }

            /// The bare ID.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant(id) => id.as_str(),)+
                }
            }

            /// The `spotify:kind:id` URI, what the Web API takes in lists of items.
            pub fn uri(&self) -> String {
                match self {
                    $(Self::$variant(id) => Id::uri(id),)+
                }
            }
        }

        impl fmt::Display for $name {
            /// The URI.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.uri())
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                Self::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(&self.uri())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }

        impl IntoItem<$name> for $name {
            fn into_item(self) -> Result<$name> {
                match self {
                    $(Self::$variant(id) => checked(id).map(Self::$variant),)+
                }
            }
        }
        impl IntoItem<$name> for &$name {
            fn into_item(self) -> Result<$name> {
                self.clone().into_item()
            }
        }
        impl IntoItem<$name> for &str {
            fn into_item(self) -> Result<$name> {
                $name::parse(self)
            }
        }
        impl IntoItem<$name> for String {
            fn into_item(self) -> Result<$name> {
                $name::parse(&self)
            }
        }
        impl IntoItem<$name> for &String {
            fn into_item(self) -> Result<$name> {
                $name::parse(self)
            }
        }
        $(
            impl From<$id> for $name {
                fn from(id: $id) -> Self {
                    Self::$variant(id)
                }
            }
            impl IntoItem<$name> for $id {
                fn into_item(self) -> Result<$name> {
                    checked(self).map($name::$variant)
                }
            }
            impl IntoItem<$name> for &$id {
                fn into_item(self) -> Result<$name> {
                    checked(self.clone()).map($name::$variant)
                }
            }
        )+
    };
}

id_union! {
    /// Something that plays: a track or a podcast episode (the player's queue, playlist items).
    PlayableId {
        /// A track.
        Track(TrackId),
        /// A podcast episode.
        Episode(EpisodeId),
    }
}

id_union! {
    /// What playback can start from: an album, an artist, a playlist, a show or an audiobook.
    ContextId {
        /// An album.
        Album(AlbumId),
        /// An artist (their top tracks).
        Artist(ArtistId),
        /// A playlist.
        Playlist(PlaylistId),
        /// A podcast show.
        Show(ShowId),
        /// An audiobook.
        Audiobook(AudiobookId),
    }
}

id_union! {
    /// Something a user can save or follow in their library (`/me/library` takes their URIs):
    /// tracks, albums, episodes, shows and audiobooks are saved; artists, users and playlists
    /// are followed.
    LibraryItemId {
        /// A track.
        Track(TrackId),
        /// An album.
        Album(AlbumId),
        /// A podcast episode.
        Episode(EpisodeId),
        /// A podcast show.
        Show(ShowId),
        /// An audiobook.
        Audiobook(AudiobookId),
        /// An artist.
        Artist(ArtistId),
        /// A user.
        User(UserId),
        /// A playlist.
        Playlist(PlaylistId),
    }
}

id_union! {
    /// Whom a user follows with `follow_artists_or_users`: an artist or another user.
    ArtistOrUserId {
        /// An artist.
        Artist(ArtistId),
        /// A user.
        User(UserId),
    }
}

impl From<ArtistOrUserId> for LibraryItemId {
    fn from(id: ArtistOrUserId) -> LibraryItemId {
        match id {
            ArtistOrUserId::Artist(id) => LibraryItemId::Artist(id),
            ArtistOrUserId::User(id) => LibraryItemId::User(id),
        }
    }
}

/// An ID value as given: only the empty default can be wrong.
fn checked<T: Id>(id: T) -> Result<T> {
    if id.as_str().is_empty() {
        return Err(Error::InvalidId {
            input: String::new(),
            expected: T::KIND,
            problem: IdProblem::Empty,
        });
    }
    Ok(id)
}

/// Whether `s` is a 22-character base62 ID.
pub(crate) fn is_base62_id(s: &str) -> bool {
    // Three words of eight bytes, the last overlapping the second.
    let Some(id) = s.as_bytes().first_chunk::<22>().filter(|_| s.len() == 22) else {
        return false;
    };
    let word = |at: usize| {
        id.get(at..at + 8)
            .and_then(|w| w.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    all_alphanumeric(word(0)) && all_alphanumeric(word(8)) && all_alphanumeric(word(14))
}

/// Whether all eight bytes of `word` are ASCII letters or digits, checked at once.
fn all_alphanumeric(word: u64) -> bool {
    use crate::swar::{HIGH, ONES, within};
    // Setting bit 5 lower-cases a letter (checked apart from the digits, which it could
    // reach from a control byte).
    word & HIGH == 0 && within(word, b'0', b'9') | within(word | (ONES * 0x20), b'a', b'z') == HIGH
}

/// Whether `s` is usable as a username: non-empty, at most 128 bytes, no separators, no
/// whitespace or control characters.
fn is_user_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, ':' | '/' | '?' | '#'))
}

fn parse_id<T: Id>(input: &str) -> Result<T> {
    let fail = |problem| Error::InvalidId {
        input: input.chars().take(100).collect(),
        expected: T::KIND,
        problem,
    };
    let (kind, id) = split(input).map_err(fail)?;
    if let Some(kind) = kind {
        match IdKind::from_name(kind) {
            Some(k) if k == T::KIND || T::KIND.is_also_named(k) => {}
            Some(k) => return Err(fail(IdProblem::WrongKind(k))),
            None => return Err(fail(IdProblem::Unrecognised)),
        }
    }
    checked_id::<T>(id).ok_or_else(|| fail(IdProblem::Malformed))
}

/// `id` as a `T`, if it is well formed for that kind.
fn checked_id<T: Id>(id: &str) -> Option<T> {
    let valid = match T::KIND {
        IdKind::User => is_user_id(id),
        _ => is_base62_id(id),
    };
    valid.then(|| T::from_checked(id.to_owned()))
}

/// The kind named by a URI or URL (`None` for a bare ID) and the ID part of `input`.
fn split(input: &str) -> std::result::Result<(Option<&str>, &str), IdProblem> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(IdProblem::Empty);
    }
    if let Some(rest) = trimmed.strip_prefix("spotify:") {
        let (kind, id) = rest.split_once(':').ok_or(IdProblem::Unrecognised)?;
        return Ok((Some(kind), id));
    }
    if let Some(rest) = strip_url_prefix(trimmed) {
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let mut segments = rest.split('/').filter(|s| !s.is_empty());
        let mut first = segments.next().ok_or(IdProblem::Unrecognised)?;
        if first.starts_with("intl-") {
            first = segments.next().ok_or(IdProblem::Unrecognised)?;
        }
        let id = segments.next().ok_or(IdProblem::Unrecognised)?;
        if segments.next().is_some() {
            return Err(IdProblem::Unrecognised);
        }
        return Ok((Some(first), id));
    }
    if trimmed.contains([':', '/']) {
        return Err(IdProblem::Unrecognised);
    }
    Ok((None, trimmed))
}

fn strip_url_prefix(s: &str) -> Option<&str> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    rest.strip_prefix("open.spotify.com/")
        .or_else(|| rest.strip_prefix("play.spotify.com/"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_base62_id_is_checked_a_word_at_a_time_as_byte_by_byte() {
        let valid = *b"7EjyzZcbLxW7PaaLua9Ksb";
        for at in 0..22 {
            for byte in 0..=u8::MAX {
                let mut id = valid;
                id[at] = byte;
                let Ok(text) = std::str::from_utf8(&id) else {
                    continue;
                };
                assert_eq!(
                    super::is_base62_id(text),
                    byte.is_ascii_alphanumeric(),
                    "byte {at} = {byte:#04x}"
                );
            }
        }
        for other in [
            "",
            "7EjyzZcbLxW7PaaLua9Ks",
            "7EjyzZcbLxW7PaaLua9Ksbb",
            "7EjyzZcbLxW7PaaLua9Ksé",
            "7EjyzZcbLxW7PaaLua9Ké",
        ] {
            assert!(!super::is_base62_id(other), "{other}");
        }
    }

    use super::*;

    const ID: &str = "7EjyzZcbLxW7PaaLua9Ksb";

    #[test]
    fn accepts_every_spelling_of_a_track() {
        for input in [
            ID.to_owned(),
            format!("spotify:track:{ID}"),
            format!("https://open.spotify.com/track/{ID}"),
            format!("https://open.spotify.com/track/{ID}?si=abc123&utm_source=x"),
            format!("https://open.spotify.com/intl-de/track/{ID}"),
            format!("open.spotify.com/track/{ID}/"),
            format!("  {ID}\n"),
        ] {
            let id: TrackId = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(id.as_str(), ID, "{input}");
        }
    }

    #[test]
    fn rejects_the_wrong_kind() {
        let err = TrackId::parse("spotify:album:4aawyAB9vmqN3uQ7FjRGTy").unwrap_err();
        match err {
            Error::InvalidId {
                expected, problem, ..
            } => {
                assert_eq!(expected, IdKind::Track);
                assert_eq!(problem, IdProblem::WrongKind(IdKind::Album));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(AlbumId::parse(&format!("https://open.spotify.com/track/{ID}")).is_err());
    }

    #[test]
    fn audiobooks_and_chapters_take_their_real_show_and_episode_uris() {
        let book: AudiobookId = format!("spotify:show:{ID}").parse().unwrap();
        assert_eq!(book.as_str(), ID);
        let book: AudiobookId = format!("https://open.spotify.com/show/{ID}")
            .parse()
            .unwrap();
        assert_eq!(book.uri(), format!("spotify:audiobook:{ID}"));
        let chapter: ChapterId = format!("spotify:episode:{ID}").parse().unwrap();
        assert_eq!(chapter.as_str(), ID);
        // Not the other way round: a show is not an audiobook's URI's only reading.
        assert!(format!("spotify:audiobook:{ID}").parse::<ShowId>().is_err());
        assert!(
            format!("spotify:chapter:{ID}")
                .parse::<EpisodeId>()
                .is_err()
        );
        assert!(
            format!("spotify:episode:{ID}")
                .parse::<AudiobookId>()
                .is_err()
        );
        assert!(format!("spotify:show:{ID}").parse::<ChapterId>().is_err());
    }

    #[test]
    fn rejects_malformed_input() {
        for (input, problem) in [
            ("", IdProblem::Empty),
            ("abc", IdProblem::Malformed),
            ("7EjyzZcbLxW7PaaLua9Ks!", IdProblem::Malformed),
            ("7EjyzZcbLxW7PaaLua9Ksbb", IdProblem::Malformed),
            ("spotify:track", IdProblem::Unrecognised),
            (
                "spotify:banana:7EjyzZcbLxW7PaaLua9Ksb",
                IdProblem::Unrecognised,
            ),
            (
                "https://example.com/track/7EjyzZcbLxW7PaaLua9Ksb",
                IdProblem::Unrecognised,
            ),
            ("https://open.spotify.com/", IdProblem::Unrecognised),
            ("https://open.spotify.com/track/", IdProblem::Unrecognised),
            ("ⅦEjyzZcbLxW7PaaLua9Ksb", IdProblem::Malformed),
        ] {
            match TrackId::parse(input) {
                Err(Error::InvalidId { problem: p, .. }) => assert_eq!(p, problem, "{input}"),
                other => panic!("{input}: {other:?}"),
            }
        }
    }

    #[test]
    fn user_ids_are_usernames() {
        assert_eq!(
            UserId::parse("spotify:user:wizzler").unwrap().as_str(),
            "wizzler"
        );
        assert_eq!(
            UserId::parse("https://open.spotify.com/user/smedjan?si=1")
                .unwrap()
                .as_str(),
            "smedjan"
        );
        assert!(UserId::parse("two words").is_err());
    }

    #[test]
    fn uri_and_url_round_trip() {
        let id = TrackId::parse(ID).unwrap();
        assert_eq!(TrackId::parse(&id.uri()).unwrap(), id);
        assert_eq!(TrackId::parse(&id.url()).unwrap(), id);
        assert_eq!(format!("{id:?}"), format!("TrackId({ID:?})"));
    }

    #[test]
    fn long_input_is_cut_in_the_error() {
        let long = "x".repeat(10_000);
        match TrackId::parse(&long) {
            Err(Error::InvalidId { input, .. }) => assert_eq!(input.len(), 100),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unions_take_uris_urls_and_member_ids_but_not_bare_ids() {
        let track = PlayableId::parse(&format!("spotify:track:{ID}")).unwrap();
        assert_eq!(track, PlayableId::Track(TrackId::parse(ID).unwrap()));
        assert_eq!(track.uri(), format!("spotify:track:{ID}"));
        assert_eq!(track.kind(), IdKind::Track);
        let episode: PlayableId = format!("https://open.spotify.com/episode/{ID}?si=x")
            .into_item()
            .unwrap();
        assert_eq!(episode.kind(), IdKind::Episode);
        let from_id: PlayableId = TrackId::parse(ID).unwrap().into_item().unwrap();
        assert_eq!(from_id, track);
        match PlayableId::parse(ID) {
            Err(Error::InvalidId { problem, .. }) => assert_eq!(problem, IdProblem::KindNeeded),
            other => panic!("{other:?}"),
        }
        match PlayableId::parse(&format!("spotify:album:{ID}")) {
            Err(Error::InvalidId { problem, .. }) => {
                assert_eq!(problem, IdProblem::WrongKind(IdKind::Album))
            }
            other => panic!("{other:?}"),
        }
        // Spotify names an audiobook with `spotify:show:`: a context takes it as a show.
        let show = ContextId::parse(&format!("spotify:show:{ID}")).unwrap();
        assert_eq!(show.kind(), IdKind::Show);
        let user = LibraryItemId::parse("spotify:user:wizzler").unwrap();
        assert_eq!(user.to_string(), "spotify:user:wizzler");
        assert!(LibraryItemId::parse("spotify:user:two words").is_err());
        let empty: Result<PlayableId> = TrackId::default().into_item();
        assert!(empty.is_err());
        let artist: LibraryItemId = format!("spotify:artist:{ID}").into_item().unwrap();
        assert_eq!(artist.kind(), IdKind::Artist);
        let followed: ArtistOrUserId = "https://open.spotify.com/user/wizzler".into_item().unwrap();
        assert_eq!(
            LibraryItemId::from(followed),
            LibraryItemId::parse("spotify:user:wizzler").unwrap()
        );
        assert!(ArtistOrUserId::parse(&format!("spotify:track:{ID}")).is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_input_gives_an_id_or_an_error_never_a_panic(input in ".{0,300}") {
            if let Ok(id) = TrackId::parse(&input) {
                proptest::prop_assert!(is_base62_id(id.as_str()));
            }
            let _ = UserId::parse(&input);
            let _ = PlaylistId::parse(&input);
        }

        #[test]
        fn every_spelling_of_a_valid_id_parses_to_it(id in "[0-9A-Za-z]{22}", si in "[a-z0-9]{0,16}") {
            let parsed = AlbumId::parse(&id).unwrap();
            for spelling in [
                parsed.uri(),
                parsed.url(),
                format!("https://open.spotify.com/intl-pt/album/{id}?si={si}"),
            ] {
                let again = AlbumId::parse(&spelling).unwrap();
                proptest::prop_assert_eq!(again.as_str(), id.as_str());
                proptest::prop_assert!(TrackId::parse(&spelling).is_err());
            }
        }
    }
}
