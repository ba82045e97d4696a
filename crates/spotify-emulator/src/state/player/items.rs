//! What plays and what the player shows: items, contexts, modes, history entries and views.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::catalog::model::Id;
use crate::config::Device;
use crate::errors::{ApiError, INVALID_TRACK_URI, NON_EXISTING_ID};

/// Items shorter than this (a catalogue entity without a duration) count as this long.
const MIN_DURATION_MS: u64 = 1_000;

/// Something that plays: a track, an episode, or an audiobook's chapter (which Spotify
/// addresses with `spotify:episode:` URIs).
///
/// A state file keeps it as `track:{id}`, `episode:{id}` or `chapter:{id}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Playable {
    Track(Id),
    Episode(Id),
    Chapter(Id),
}

impl Playable {
    /// The Spotify URI: `spotify:track:{id}`, or `spotify:episode:{id}` for episodes and
    /// chapters.
    pub(crate) fn uri(&self) -> String {
        match self {
            Self::Track(id) => format!("spotify:track:{id}"),
            Self::Episode(id) | Self::Chapter(id) => format!("spotify:episode:{id}"),
        }
    }

    /// How long it plays, from the catalogue (at least [`MIN_DURATION_MS`]).
    pub(super) fn duration_ms(&self, catalog: &Catalog) -> u64 {
        let duration = match self {
            Self::Track(id) => catalog.tracks.get(id).map(|t| t.duration_ms),
            Self::Episode(id) => catalog.episodes.get(id).map(|e| e.duration_ms),
            Self::Chapter(id) => catalog.chapters.get(id).map(|c| c.duration_ms),
        };
        u64::from(duration.unwrap_or_default()).max(MIN_DURATION_MS)
    }

    /// The item a track or episode URI names: 400 `Invalid track uri` for anything else, 404
    /// `non existing id` for a well-formed one the catalogue lacks.
    pub(crate) fn resolve(uri: &str, catalog: &Catalog) -> Result<Playable, ApiError> {
        let invalid = ApiError::bad_request(INVALID_TRACK_URI);
        let (kind, id) = split_uri(uri).ok_or(invalid.clone())?;
        let item = match kind {
            "track" => catalog.tracks.get(&id).map(|_| Self::Track(id)),
            "episode" if catalog.episodes.contains_key(&id) => Some(Self::Episode(id)),
            "episode" => catalog.chapters.get(&id).map(|_| Self::Chapter(id)),
            _ => return Err(invalid),
        };
        item.ok_or(ApiError::not_found(NON_EXISTING_ID))
    }
}

impl Serialize for Playable {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = match self {
            Self::Track(id) => format!("track:{id}"),
            Self::Episode(id) => format!("episode:{id}"),
            Self::Chapter(id) => format!("chapter:{id}"),
        };
        serializer.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for Playable {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let item = text.split_once(':').and_then(|(kind, id)| {
            let id = Id::parse(id)?;
            match kind {
                "track" => Some(Self::Track(id)),
                "episode" => Some(Self::Episode(id)),
                "chapter" => Some(Self::Chapter(id)),
                _ => None,
            }
        });
        item.ok_or_else(|| serde::de::Error::custom(format!("invalid playable item {text:?}")))
    }
}

/// `spotify:{kind}:{id}` (or the old `spotify:user:{user}:playlist:{id}`) as its kind and id.
pub(super) fn split_uri(uri: &str) -> Option<(&str, Id)> {
    let rest = uri.strip_prefix("spotify:")?;
    let rest = match rest.strip_prefix("user:") {
        Some(user) => user.split_once(':')?.1,
        None => rest,
    };
    let (kind, id) = rest.split_once(':')?;
    Some((kind, Id::parse(id)?))
}

/// What a context is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ContextKind {
    Album,
    Artist,
    Playlist,
    Show,
    Audiobook,
}

/// What playback was started from: an album, an artist (their top tracks), a playlist, a show
/// or an audiobook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ContextRef {
    pub(crate) kind: ContextKind,
    pub(crate) id: Id,
}

impl ContextRef {
    /// The Spotify URI (an audiobook's is a `spotify:show:` URI, as Spotify gives them).
    pub(crate) fn uri(&self) -> String {
        let kind = match self.kind {
            ContextKind::Album => "album",
            ContextKind::Artist => "artist",
            ContextKind::Playlist => "playlist",
            ContextKind::Show | ContextKind::Audiobook => "show",
        };
        format!("spotify:{kind}:{}", self.id)
    }
}

/// The repeat mode (`repeat_state`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Repeat {
    #[default]
    Off,
    Track,
    Context,
}

impl Repeat {
    /// `track`, `context` or `off`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "off" => Some(Self::Off),
            "track" => Some(Self::Track),
            "context" => Some(Self::Context),
            _ => None,
        }
    }

    /// The wire value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Track => "track",
            Self::Context => "context",
        }
    }
}

/// Where in the items `play` starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Offset {
    /// At the first item (the spec's default).
    First,
    /// At this zero-based position.
    Position(usize),
    /// At this item.
    Item(Playable),
}

/// What `play` starts: a context's items, or a list of items with no context.
#[derive(Clone, Debug)]
pub(crate) struct Start {
    pub(crate) context: Option<ContextRef>,
    pub(crate) items: Vec<Playable>,
    pub(crate) offset: Offset,
    pub(crate) position_ms: u64,
}

/// One entry of the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Played {
    pub(crate) track: Id,
    pub(crate) context: Option<ContextRef>,
    /// Unix milliseconds, unique and increasing along the history.
    pub(crate) played_at_ms: u64,
}

/// A cursor of `GET /me/player/recently-played`: strictly before or strictly after a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HistoryCursor {
    Before(u64),
    After(u64),
}

/// One page of the history: newest first, and whether more lie beyond it in the cursor's
/// direction (older ones for `before` or no cursor, newer ones for `after`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HistoryPage {
    pub(crate) items: Vec<Played>,
    pub(crate) more: bool,
}

/// What `GET /me/player` and `/currently-playing` show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlaybackView {
    /// The active device.
    pub(crate) device: Device,
    pub(crate) context: Option<ContextRef>,
    pub(crate) item: Playable,
    pub(crate) progress_ms: u64,
    pub(crate) is_playing: bool,
    pub(crate) shuffle: bool,
    pub(crate) repeat: Repeat,
    /// When the playback last changed (play, pause, skip, seek, a new item), Unix ms.
    pub(crate) changed_ms: u64,
    /// The actions not allowed now (`DisallowsObject` field names).
    pub(crate) disallows: Vec<&'static str>,
}

/// What `GET /me/player/queue` shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct QueueView {
    pub(crate) current: Option<Playable>,
    /// The user's queue, then the rest of the context, at most [`QUEUE_LISTED`](super::playback::QUEUE_LISTED).
    pub(crate) upcoming: Vec<Playable>,
}
