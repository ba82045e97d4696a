//! The kinds of Spotify item that have IDs. Kept apart from `id` so that both `error` and `id`
//! can name them without importing each other.

use std::fmt;

/// The kinds of item that have IDs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IdKind {
    /// A track.
    Track,
    /// An album.
    Album,
    /// An artist.
    Artist,
    /// A playlist.
    Playlist,
    /// A user. User IDs are usernames, not base62.
    User,
    /// A podcast show.
    Show,
    /// A podcast episode.
    Episode,
    /// An audiobook.
    Audiobook,
    /// A chapter of an audiobook.
    Chapter,
}

impl IdKind {
    /// The kind's name in URIs and URLs (`track`, `album`...).
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Track => "track",
            IdKind::Album => "album",
            IdKind::Artist => "artist",
            IdKind::Playlist => "playlist",
            IdKind::User => "user",
            IdKind::Show => "show",
            IdKind::Episode => "episode",
            IdKind::Audiobook => "audiobook",
            IdKind::Chapter => "chapter",
        }
    }

    /// Whether a URI or URL of kind `other` also names an item of this kind: Spotify gives
    /// audiobooks `spotify:show:` URIs and `/show/` links, and their chapters `spotify:episode:`
    /// URIs and `/episode/` links.
    pub(crate) fn is_also_named(self, other: IdKind) -> bool {
        matches!(
            (self, other),
            (IdKind::Audiobook, IdKind::Show) | (IdKind::Chapter, IdKind::Episode)
        )
    }

    pub(crate) fn from_name(name: &str) -> Option<IdKind> {
        Some(match name {
            "track" => IdKind::Track,
            "album" => IdKind::Album,
            "artist" => IdKind::Artist,
            "playlist" => IdKind::Playlist,
            "user" => IdKind::User,
            "show" => IdKind::Show,
            "episode" => IdKind::Episode,
            "audiobook" => IdKind::Audiobook,
            "chapter" => IdKind::Chapter,
            _ => return None,
        })
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
