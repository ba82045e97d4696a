//! [`PlayableItem`]: the track-or-episode union of playlist items, the player and the queue
//! (the spec's `oneOf: [TrackObject, EpisodeObject]`, which has no discriminator mapping).
//!
//! The item's own `type` decides (SPEC-GAPS.md): `track` is a [`Track`], `episode` an
//! [`Episode`], `chapter` a [`Chapter`] (audiobooks in the player). Without a known `type`, a
//! local file (`is_local: true`) and a `spotify:track:` or `spotify:local:` URI make a track, a
//! `spotify:episode:` URI an episode; anything else is kept as an [`UnknownItem`] with its
//! common fields, so a new kind of item never fails the body that holds it.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::lenient::{Bail, Lenient, Reader, model};

use super::chapter::Chapter;
use super::common::{ExternalUrls, ItemType};
use super::episode::Episode;
use super::track::Track;

model! {
    /// A playable item of a kind this version of the library does not know (or an object with
    /// no `type` and no URI that tells), with the fields every Spotify object has.
    pub struct UnknownItem {
        /// The object type as Spotify sent it; `Unknown("")` when it sent none.
        #[json = "type"]
        pub kind: ItemType,
        /// The ID of the item, untyped; empty if Spotify sends none.
        pub id: String,
        /// The name of the item; empty if Spotify sends none.
        pub name: String,
        /// The Spotify URI of the item; empty if Spotify sends none.
        pub uri: String,
        /// The Web API URL of the item; empty if Spotify sends none.
        pub href: String,
        /// Known external URLs of the item.
        pub external_urls: ExternalUrls,
        /// The length of the item in milliseconds; 0 if Spotify sends none.
        pub duration_ms: u32,
    }
}

/// A track, an episode or a chapter: the content of a playlist item, the player's current item
/// and the entries of the queue (the spec's `oneOf: [TrackObject, EpisodeObject]`).
///
/// The item's own `type` decides: `track` is a [`Track`], `episode` an [`Episode`], `chapter` a
/// [`Chapter`]. Without a known `type`, a local file (`is_local: true`) and a `spotify:track:`
/// or `spotify:local:` URI make a track, a `spotify:episode:` URI an episode; anything else is
/// kept as [`PlayableItem::Unknown`] with its common fields, so a new kind of item never fails
/// the body that holds it. An item serializes as the inner object, which carries its `type`, so
/// it decodes again to the same variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum PlayableItem {
    /// A track (`type: "track"`), including local files (`is_local: true`, no ID).
    Track(Box<Track>),
    /// A podcast episode (`type: "episode"`).
    Episode(Box<Episode>),
    /// An audiobook chapter (`type: "chapter"`).
    Chapter(Box<Chapter>),
    /// An item of another kind, with its common fields.
    Unknown(UnknownItem),
}

/// Which variant a JSON object decodes to.
#[derive(Clone, Copy)]
enum Which {
    Track,
    Episode,
    Chapter,
    Unknown,
}

/// The variant for an object whose `type` is missing or unknown: a local file or a track URI
/// makes a track, an episode URI an episode.
fn without_type(is_local: bool, uri: &str) -> Which {
    if is_local || uri.starts_with("spotify:track:") || uri.starts_with("spotify:local:") {
        Which::Track
    } else if uri.starts_with("spotify:episode:") {
        Which::Episode
    } else {
        Which::Unknown
    }
}

/// Kept out of the public models: it exists only to decide a variant.
#[allow(unreachable_pub)]
mod probe {
    use super::ItemType;
    use crate::lenient::model;

    model! {
        /// The member that decides an item's variant, read when a decoded track cannot tell.
        pub struct Probe {
            /// The `type`, when it is a string.
            #[json = "type"]
            pub kind: Option<ItemType>,
        }
    }
}
use probe::Probe;

/// Decodes the text of one object as `T`: with `fast`, on the reader's fast path first (see
/// `crate::reader`); without, only serde_json's way.
fn read_as<T, E>(text: &str, fast: bool) -> Result<T, E>
where
    T: serde::de::DeserializeOwned + Lenient,
    E: serde::de::Error,
{
    if fast {
        crate::reader::model_from_text(text).map_err(E::custom)
    } else {
        serde_json::from_str(text).map_err(E::custom)
    }
}

impl PlayableItem {
    /// Decodes one JSON value, given as its text, into the variant its `type` names; `None`
    /// when it is not an object.
    ///
    /// Most items are tracks, and the `type` member may come after all the others, so the
    /// object is decoded as a [`Track`] first: its `type`, `is_local` and `uri` then say what it
    /// is, and only an item of another kind is decoded a second time (no `serde_json::Value`
    /// in between). This is the serde way; the reader's way is [`Lenient::read`].
    fn from_text<E: serde::de::Error>(text: &str) -> Result<Option<Self>, E> {
        if !text.starts_with('{') {
            return Ok(None);
        }
        let track: Track = read_as(text, false)?;
        Self::from_track(track, text, false).map(Some)
    }

    /// The rest of [`from_text`](Self::from_text), once the object (`text`) is decoded as a
    /// track.
    fn from_track<E: serde::de::Error>(track: Track, text: &str, fast: bool) -> Result<Self, E> {
        let which = match &track.kind {
            ItemType::Episode => Which::Episode,
            ItemType::Chapter => Which::Chapter,
            // `type: "track"`, or no usable `type` at all (the default): the URI tells them
            // apart only when it is not a track's.
            ItemType::Track => match without_type(track.is_local, &track.uri) {
                Which::Track => Which::Track,
                other => match read_as::<Probe, E>(text, fast)?.kind {
                    Some(ItemType::Track) => Which::Track,
                    _ => other,
                },
            },
            _ => without_type(track.is_local, &track.uri),
        };
        Ok(match which {
            Which::Track => PlayableItem::Track(Box::new(track)),
            Which::Episode => PlayableItem::Episode(Box::new(read_as(text, fast)?)),
            Which::Chapter => PlayableItem::Chapter(Box::new(read_as(text, fast)?)),
            Which::Unknown => PlayableItem::Unknown(read_as(text, fast)?),
        })
    }

    /// The object type of the item, as Spotify sent it.
    pub fn kind(&self) -> &ItemType {
        match self {
            PlayableItem::Track(track) => &track.kind,
            PlayableItem::Episode(episode) => &episode.kind,
            PlayableItem::Chapter(chapter) => &chapter.kind,
            PlayableItem::Unknown(item) => &item.kind,
        }
    }

    /// The name of the item.
    pub fn name(&self) -> &str {
        match self {
            PlayableItem::Track(track) => &track.name,
            PlayableItem::Episode(episode) => &episode.name,
            PlayableItem::Chapter(chapter) => &chapter.name,
            PlayableItem::Unknown(item) => &item.name,
        }
    }

    /// The Spotify URI of the item (`spotify:local:...` for a local file).
    pub fn uri(&self) -> &str {
        match self {
            PlayableItem::Track(track) => &track.uri,
            PlayableItem::Episode(episode) => &episode.uri,
            PlayableItem::Chapter(chapter) => &chapter.uri,
            PlayableItem::Unknown(item) => &item.uri,
        }
    }

    /// The bare Spotify ID of the item; `None` for a local file, or when Spotify sent none.
    pub fn id(&self) -> Option<&str> {
        let id: &str = match self {
            PlayableItem::Track(track) => track.id.as_deref()?,
            PlayableItem::Episode(episode) => &episode.id,
            PlayableItem::Chapter(chapter) => &chapter.id,
            PlayableItem::Unknown(item) => &item.id,
        };
        (!id.is_empty()).then_some(id)
    }

    /// The length of the item in milliseconds.
    pub fn duration_ms(&self) -> u32 {
        match self {
            PlayableItem::Track(track) => track.duration_ms,
            PlayableItem::Episode(episode) => episode.duration_ms,
            PlayableItem::Chapter(chapter) => chapter.duration_ms,
            PlayableItem::Unknown(item) => item.duration_ms,
        }
    }

    /// Whether the item is a local file (always a track).
    pub fn is_local(&self) -> bool {
        matches!(self, PlayableItem::Track(track) if track.is_local)
    }

    /// The track, if the item is one.
    pub fn as_track(&self) -> Option<&Track> {
        match self {
            PlayableItem::Track(track) => Some(track),
            _ => None,
        }
    }

    /// The episode, if the item is one.
    pub fn as_episode(&self) -> Option<&Episode> {
        match self {
            PlayableItem::Episode(episode) => Some(episode),
            _ => None,
        }
    }

    /// The chapter, if the item is one.
    pub fn as_chapter(&self) -> Option<&Chapter> {
        match self {
            PlayableItem::Chapter(chapter) => Some(chapter),
            _ => None,
        }
    }

    /// The track, if the item is one.
    pub fn into_track(self) -> Option<Track> {
        match self {
            PlayableItem::Track(track) => Some(*track),
            _ => None,
        }
    }

    /// The episode, if the item is one.
    pub fn into_episode(self) -> Option<Episode> {
        match self {
            PlayableItem::Episode(episode) => Some(*episode),
            _ => None,
        }
    }
}

impl From<Track> for PlayableItem {
    fn from(track: Track) -> Self {
        PlayableItem::Track(Box::new(track))
    }
}

impl From<Episode> for PlayableItem {
    fn from(episode: Episode) -> Self {
        PlayableItem::Episode(Box::new(episode))
    }
}

impl From<Chapter> for PlayableItem {
    fn from(chapter: Chapter) -> Self {
        PlayableItem::Chapter(Box::new(chapter))
    }
}

impl Lenient for PlayableItem {
    /// Anything but an object (`null` for an unavailable track) is `None`.
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        // Captured as text: the `type` member may come after the others.
        let raw = Box::<RawValue>::deserialize(d)?;
        Self::from_text(raw.get())
    }

    const OBJECT: bool = true;

    fn read(reader: &mut Reader<'_>) -> Result<Option<Self>, Bail> {
        if reader.peek()? != b'{' {
            reader.skip()?;
            return Ok(None);
        }
        // Read as a track in place (most items are); the object's text is then at hand for
        // an item of another kind.
        let start = reader.position();
        let track = Track::read(reader)?.ok_or(Bail)?;
        let text = reader.since(start)?;
        Self::from_track::<serde_json::Error>(track, text, true)
            .map(Some)
            .map_err(|_| Bail)
    }
}

impl<'de> Deserialize<'de> for PlayableItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        Self::from_text(raw.get())?.ok_or_else(|| {
            serde::de::Error::custom("expected a PlayableItem object (a track or an episode)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> PlayableItem {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    fn round_trips(item: &PlayableItem) {
        let value = serde_json::to_value(item).unwrap();
        let again: PlayableItem = serde_json::from_value(value).unwrap();
        assert_eq!(&again, item);
    }

    #[test]
    fn the_type_member_decides_wherever_it_comes() {
        let track = item(
            r#"{"name":"Get Lucky","id":"69kOkLUCkxIZYexIgSG8rq","duration_ms":248413,
                "uri":"spotify:track:69kOkLUCkxIZYexIgSG8rq","type":"track"}"#,
        );
        assert_eq!(track.as_track().map(|t| t.name.as_str()), Some("Get Lucky"));
        assert_eq!(track.id(), Some("69kOkLUCkxIZYexIgSG8rq"));
        assert_eq!(track.duration_ms(), 248_413);
        round_trips(&track);

        let episode = item(
            r#"{"type":"EPISODE","name":"S2E8","id":"0nrJxkuCUzLgYsXfD4s8Um",
                "show":{"name":"Spotify: The GreenRoom","id":"2bzjLBEWRldARaf1IytFFS"}}"#,
        );
        let e = episode.as_episode().unwrap();
        assert_eq!(e.show.name, "Spotify: The GreenRoom");
        assert_eq!(episode.kind(), &ItemType::Episode);
        round_trips(&episode);

        let chapter = item(r#"{"type":"chapter","chapter_number":3,"name":"Three"}"#);
        assert_eq!(chapter.as_chapter().map(|c| c.chapter_number), Some(3));
        round_trips(&chapter);
    }

    #[test]
    fn local_files_are_tracks_without_an_id() {
        let local = item(
            r#"{"album":{"album_type":null,"id":null,"name":""},"artists":[],"id":null,
                "is_local":true,"name":"Demo Tape","type":"track",
                "uri":"spotify:local:Local+Band::Demo+Tape:0","duration_ms":0}"#,
        );
        assert!(local.is_local());
        assert_eq!(local.id(), None);
        assert_eq!(local.uri(), "spotify:local:Local+Band::Demo+Tape:0");
        round_trips(&local);
        // Even without a `type`.
        let local = item(r#"{"is_local":true,"name":"x","uri":"spotify:local:a:b:c:1"}"#);
        assert!(matches!(local, PlayableItem::Track(_)));
    }

    #[test]
    fn without_a_known_type_the_uri_decides_and_unknown_kinds_are_kept() {
        let track = item(r#"{"name":"t","uri":"spotify:track:69kOkLUCkxIZYexIgSG8rq"}"#);
        assert!(matches!(track, PlayableItem::Track(_)));
        let episode = item(r#"{"type":7,"uri":"spotify:episode:0nrJxkuCUzLgYsXfD4s8Um"}"#);
        assert!(matches!(episode, PlayableItem::Episode(_)));

        let ad =
            item(r#"{"type":"ad","name":"Ad break","uri":"spotify:ad:1","duration_ms":30000}"#);
        match &ad {
            PlayableItem::Unknown(unknown) => {
                assert_eq!(unknown.kind, ItemType::Unknown("ad".into()));
                assert_eq!(unknown.name, "Ad break");
                assert_eq!(unknown.duration_ms, 30_000);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(ad.id(), None);
        round_trips(&ad);

        // The hand-edited `{}` of a real fixture.
        let empty = item("{}");
        assert_eq!(empty, PlayableItem::Unknown(UnknownItem::default()));
        round_trips(&empty);
    }

    #[test]
    fn a_stated_track_type_wins_over_a_uri_that_is_not_a_tracks() {
        // Decoded as a track first, these two look the same (`kind` is `Track` either way);
        // only the first says `type: "track"`.
        let said = item(r#"{"uri":"spotify:episode:0nrJxkuCUzLgYsXfD4s8Um","type":"track"}"#);
        assert!(matches!(said, PlayableItem::Track(_)), "{said:?}");
        let unsaid = item(r#"{"uri":"spotify:episode:0nrJxkuCUzLgYsXfD4s8Um","name":"e"}"#);
        assert!(matches!(unsaid, PlayableItem::Episode(_)), "{unsaid:?}");
        assert_eq!(unsaid.name(), "e");
        let nothing = item(r#"{"type":null,"name":"n","uri":""}"#);
        assert!(matches!(nothing, PlayableItem::Unknown(_)), "{nothing:?}");
        // The same from a `Value` (no text to borrow from).
        let value = serde_json::json!({"uri": "spotify:episode:0nrJxkuCUzLgYsXfD4s8Um"});
        let from_value: PlayableItem = serde_json::from_value(value).unwrap();
        assert!(matches!(from_value, PlayableItem::Episode(_)));
    }

    #[test]
    fn a_top_level_item_must_be_an_object_but_a_field_may_be_anything() {
        for body in ["null", "[]", "3", "\"track\""] {
            assert!(
                serde_json::from_str::<PlayableItem>(body).is_err(),
                "{body}"
            );
        }
        assert!(serde_json::from_str::<PlayableItem>(r#"{"type": "track""#).is_err());
        let items: Vec<PlayableItem> =
            serde_json::from_str::<super::super::page::Page<PlayableItem>>(
                r#"{"items":[null,1,{"type":"track","name":"a"},"x",{"type":"episode"}]}"#,
            )
            .unwrap()
            .items;
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].name(), "a");
    }

    #[test]
    fn a_track_shaped_episode_in_an_old_playlist_is_an_episode() {
        // Without `additional_types=episode`, Spotify used to send episodes in playlists in a
        // track-like shape, with `"episode": true`.
        let episode = item(
            r#"{"album":{"album_type":"show","name":"The Show","type":"show"},
                "artists":[{"name":"The Show","type":"show"}],"duration_ms":1502795,
                "episode":true,"track":false,"id":"512ojhOuo1ktJprKbVcKyQ","name":"Ep",
                "type":"episode","uri":"spotify:episode:512ojhOuo1ktJprKbVcKyQ"}"#,
        );
        let e = episode.as_episode().unwrap();
        assert_eq!(e.id, "512ojhOuo1ktJprKbVcKyQ");
        assert_eq!(e.duration_ms, 1_502_795);
        round_trips(&episode);
    }
}
