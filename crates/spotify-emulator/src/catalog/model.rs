//! The catalogue's entities: typed records with every field of the spec's FULL objects
//! (`TrackObject`, `AlbumObject`, …), never JSON bags. Links between entities are ids; `href`,
//! `uri` and `external_urls` are derived from the id when rendering (`render`), so they are not
//! stored.

use std::fmt;
use std::hash::Hasher;

use sha2::{Digest, Sha256};

use super::markets::MarketSet;

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// FxHash (as in rustc): fold each 8-byte chunk with a rotate, xor and multiply. For maps and
/// sets the catalogue builds while it is made, hashed often: over its own words and ids, and
/// over the member names and ids of the bodies it reads (the embedded fixtures, and a catalogue
/// directory the user recorded). Not keyed, so not for input an attacker controls: a body made
/// to collide would only slow the start of an emulator its own user pointed at it.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, word: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`WordHasher`], for the catalogue's own keys while it is made and indexed
/// (its ids and words, the bodies' member names): they are looked up tens of thousands of
/// times, and SipHash (the std default) was a large part of that.
pub(crate) type WordMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;

/// A [`WordMap`] keyed by catalogue ids.
pub(crate) type IdMap<V> = WordMap<Id, V>;

/// A hash set of catalogue ids, with [`WordHasher`] (see [`IdMap`]).
pub(crate) type IdSet = std::collections::HashSet<Id, std::hash::BuildHasherDefault<WordHasher>>;

/// A 22-character base62 Spotify id, stored inline (`Copy`, no allocation). Ordered as its
/// text is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Id([u8; 22]);

impl std::hash::Hash for Id {
    /// As three words (the ones [`Ord`] compares): ids are hashed tens of thousands of times
    /// while the catalogue is built, and the derived hash wrote a length and then the bytes in
    /// pieces.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let (first, second, third) = self.words();
        state.write_u64(first);
        state.write_u64(second);
        state.write_u64(third);
    }
}

impl Ord for Id {
    /// Byte by byte, as the text compares, but eight bytes at a time: the catalogue's maps are
    /// ordered by id, and building the catalogue makes hundreds of thousands of comparisons,
    /// which a call to `memcmp` per comparison made a large part of an emulator's start.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.words().cmp(&other.words())
    }
}

impl Id {
    /// The id as three big-endian numbers (8, 8 and 6 bytes): in the order of its bytes.
    fn words(&self) -> (u64, u64, u64) {
        let b = &self.0;
        (
            u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            u64::from_be_bytes([b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]]),
            u64::from_be_bytes([0, 0, b[16], b[17], b[18], b[19], b[20], b[21]]),
        )
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Id {
    /// `Some` if `id` is exactly 22 ASCII letters and digits.
    pub(crate) fn parse(id: &str) -> Option<Id> {
        let bytes: [u8; 22] = id.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_alphanumeric)
            .then_some(Id(bytes))
    }

    /// The id as text.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII alphanumerics are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// A stable id derived from `label` (SHA-256, mapped to base62).
    pub(crate) fn derived(label: &str) -> Id {
        let digest = Sha256::digest(label.as_bytes());
        let mut bytes = [b'0'; 22];
        for (slot, byte) in bytes.iter_mut().zip(digest.iter()) {
            *slot = BASE62[usize::from(*byte) % 62];
        }
        Id(bytes)
    }

    /// An id from 22 draws of `next` (a seeded generator).
    pub(crate) fn from_draws(mut next: impl FnMut() -> u64) -> Id {
        let mut bytes = [b'0'; 22];
        for slot in &mut bytes {
            *slot = BASE62[usize::try_from(next() % 62).unwrap_or(0)];
        }
        Id(bytes)
    }

    /// A stable 64-bit hash of the id, the seed of every filled-in field.
    pub(crate) fn hash(&self) -> u64 {
        // FNV-1a: stable across runs and platforms.
        self.0.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        })
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// In a state file (`state/persist.rs`), an id is its text.
impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Id::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("invalid id {text:?}")))
    }
}

/// `release_date_precision`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "year" => Some(Self::Year),
            "month" => Some(Self::Month),
            "day" => Some(Self::Day),
            _ => None,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
        }
    }
}

/// A release date as Spotify sends it: `1981`, `1981-12` or `1981-12-15`, with its precision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReleaseDate {
    pub(crate) date: String,
    pub(crate) precision: Precision,
}

impl ReleaseDate {
    /// A sortable key (`YYYY-MM-DD`, missing parts as `00`).
    pub(crate) fn sort_key(&self) -> String {
        let mut key = self.date.clone();
        while key.len() < 10 {
            key.push_str(if key.len() == 4 || key.len() == 7 {
                "-00"
            } else {
                "0"
            });
        }
        key
    }
}

/// `ImageObject`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Image {
    pub(crate) url: String,
    pub(crate) height: Option<u32>,
    pub(crate) width: Option<u32>,
}

/// `CopyrightObject`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Copyright {
    pub(crate) text: String,
    /// `C` or `P`.
    pub(crate) kind: String,
}

/// `ExternalIdObject`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ExternalIds {
    pub(crate) isrc: Option<String>,
    pub(crate) ean: Option<String>,
    pub(crate) upc: Option<String>,
}

/// `album_type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AlbumType {
    Album,
    Single,
    Compilation,
}

impl AlbumType {
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "album" => Some(Self::Album),
            "single" | "ep" => Some(Self::Single),
            "compilation" => Some(Self::Compilation),
            _ => None,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Album => "album",
            Self::Single => "single",
            Self::Compilation => "compilation",
        }
    }
}

/// An artist (`ArtistObject`); `albums` is the discography, newest first.
#[derive(Clone, Debug)]
pub(crate) struct Artist {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) genres: Vec<String>,
    pub(crate) images: Vec<Image>,
    pub(crate) followers: u64,
    pub(crate) popularity: u32,
    pub(crate) albums: Vec<Id>,
}

/// An album (`AlbumObject`); `tracks` in disc and track order.
#[derive(Clone, Debug)]
pub(crate) struct Album {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) album_type: AlbumType,
    pub(crate) artists: Vec<Id>,
    pub(crate) tracks: Vec<Id>,
    pub(crate) images: Vec<Image>,
    pub(crate) release_date: ReleaseDate,
    pub(crate) label: String,
    pub(crate) copyrights: Vec<Copyright>,
    pub(crate) external_ids: ExternalIds,
    pub(crate) genres: Vec<String>,
    pub(crate) popularity: u32,
    pub(crate) markets: MarketSet,
}

/// A track (`TrackObject`). `relinks` are equivalent tracks that stand in for this one in
/// markets where it is not available (Spotify's track relinking).
#[derive(Clone, Debug)]
pub(crate) struct Track {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) album: Id,
    pub(crate) artists: Vec<Id>,
    pub(crate) disc_number: u32,
    pub(crate) track_number: u32,
    pub(crate) duration_ms: u32,
    pub(crate) explicit: bool,
    pub(crate) external_ids: ExternalIds,
    pub(crate) popularity: u32,
    pub(crate) preview_url: Option<String>,
    pub(crate) markets: MarketSet,
    pub(crate) relinks: Vec<Id>,
}

/// A show (`ShowObject`); `episodes` newest first, as Spotify lists them.
#[derive(Clone, Debug)]
pub(crate) struct Show {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) publisher: String,
    pub(crate) description: String,
    pub(crate) html_description: String,
    pub(crate) explicit: bool,
    pub(crate) images: Vec<Image>,
    pub(crate) languages: Vec<String>,
    pub(crate) media_type: String,
    pub(crate) is_externally_hosted: bool,
    pub(crate) copyrights: Vec<Copyright>,
    pub(crate) markets: MarketSet,
    pub(crate) episodes: Vec<Id>,
}

/// An episode (`EpisodeObject`). `markets` decides `is_playable`; the spec has no
/// `available_markets` on episodes, so it is never rendered.
#[derive(Clone, Debug)]
pub(crate) struct Episode {
    pub(crate) id: Id,
    pub(crate) show: Id,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) html_description: String,
    pub(crate) duration_ms: u32,
    pub(crate) explicit: bool,
    pub(crate) images: Vec<Image>,
    pub(crate) languages: Vec<String>,
    pub(crate) language: Option<String>,
    pub(crate) release_date: ReleaseDate,
    pub(crate) audio_preview_url: Option<String>,
    pub(crate) is_externally_hosted: bool,
    pub(crate) markets: MarketSet,
}

/// An audiobook (`AudiobookObject`); `chapters` in chapter order.
#[derive(Clone, Debug)]
pub(crate) struct Audiobook {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) authors: Vec<String>,
    pub(crate) narrators: Vec<String>,
    pub(crate) publisher: String,
    pub(crate) description: String,
    pub(crate) html_description: String,
    pub(crate) edition: Option<String>,
    pub(crate) explicit: bool,
    pub(crate) images: Vec<Image>,
    pub(crate) languages: Vec<String>,
    pub(crate) media_type: String,
    pub(crate) copyrights: Vec<Copyright>,
    pub(crate) markets: MarketSet,
    pub(crate) chapters: Vec<Id>,
}

/// A chapter of an audiobook (`ChapterObject`).
#[derive(Clone, Debug)]
pub(crate) struct Chapter {
    pub(crate) id: Id,
    pub(crate) audiobook: Id,
    pub(crate) chapter_number: u32,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) html_description: String,
    pub(crate) duration_ms: u32,
    pub(crate) explicit: bool,
    pub(crate) images: Vec<Image>,
    pub(crate) languages: Vec<String>,
    pub(crate) release_date: ReleaseDate,
    pub(crate) audio_preview_url: Option<String>,
    pub(crate) markets: MarketSet,
}

/// What a playlist item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemRef {
    Track(Id),
    Episode(Id),
    /// A local file: a track on the owner's own device, which Spotify knows only by what the
    /// app that added it said ([`LocalFile::nth`]); it has no id.
    Local(u32),
}

impl ItemRef {
    /// `track:{id}`, `episode:{id}` or `local:{n}`: how a state file keeps it.
    fn to_text(self) -> String {
        match self {
            ItemRef::Track(id) => format!("track:{id}"),
            ItemRef::Episode(id) => format!("episode:{id}"),
            ItemRef::Local(n) => format!("local:{n}"),
        }
    }

    fn from_text(text: &str) -> Option<ItemRef> {
        let (kind, rest) = text.split_once(':')?;
        match kind {
            "track" => Id::parse(rest).map(ItemRef::Track),
            "episode" => Id::parse(rest).map(ItemRef::Episode),
            "local" => rest.parse().ok().map(ItemRef::Local),
            _ => None,
        }
    }
}

impl serde::Serialize for ItemRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_text())
    }
}

impl<'de> serde::Deserialize<'de> for ItemRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        ItemRef::from_text(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid playlist item {text:?}")))
    }
}

/// A local file in a playlist (`is_local: true`): a title, an artist, an album and a length,
/// no id. The `n`th is derived from `n`, so playlists need store nothing but the number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LocalFile {
    pub(crate) name: String,
    pub(crate) artist: String,
    pub(crate) album: String,
    pub(crate) duration_ms: u32,
}

impl LocalFile {
    /// The `n`th local file: deterministic, and different for the first few `n`.
    pub(crate) fn nth(n: u32) -> LocalFile {
        const ARTISTS: [&str; 3] = ["Basement Tapes", "The Garage Choir", "Kitchen Sink Trio"];
        const ALBUMS: [&str; 4] = ["Rehearsal Room", "Four Track Sessions", "", "Live at Home"];
        let index = n as usize;
        LocalFile {
            name: format!("Demo Tape {}", n + 1),
            artist: ARTISTS[index % ARTISTS.len()].to_owned(),
            album: ALBUMS[index % ALBUMS.len()].to_owned(),
            duration_ms: 120_000 + (n % 7) * 15_000,
        }
    }

    /// Spotify's URI of a local file: `spotify:local:{artist}:{album}:{title}:{seconds}`, each
    /// part form-encoded (`+` for a space).
    pub(crate) fn uri(&self) -> String {
        let encode =
            |text: &str| url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
        format!(
            "spotify:local:{}:{}:{}:{}",
            encode(&self.artist),
            encode(&self.album),
            encode(&self.name),
            self.duration_ms / 1000
        )
    }
}

/// One item of a playlist (`PlaylistTrackObject`): `added_at` in Unix seconds, `added_by` a
/// user id; both may be absent on very old playlists.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct PlaylistItem {
    pub(crate) item: ItemRef,
    pub(crate) added_at: Option<i64>,
    pub(crate) added_by: Option<String>,
}

/// A playlist (`PlaylistObject`), as seeded into the playlist store (and as a state file keeps
/// one that changed).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Playlist {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) owner: String,
    pub(crate) collaborative: bool,
    /// Users other than the owner who may edit it (and, in development mode, read its items).
    pub(crate) collaborators: Vec<String>,
    pub(crate) public: Option<bool>,
    pub(crate) images: Vec<Image>,
    pub(crate) followers: u64,
    pub(crate) snapshot_id: String,
    pub(crate) items: Vec<PlaylistItem>,
}

impl Playlist {
    /// Whether `user_id` owns the playlist or collaborates on it.
    pub(crate) fn is_editable_by(&self, user_id: &str) -> bool {
        self.owner == user_id || self.collaborators.iter().any(|c| c == user_id)
    }

    /// Whether Spotify itself owns it: an editorial or algorithmic playlist, which apps the
    /// November 2024 rules cover can no longer read (404 `Resource not found`).
    pub(crate) fn is_spotify_owned(&self) -> bool {
        self.owner == "spotify"
    }
}

/// A browse category (`CategoryObject`) and its playlists.
#[derive(Clone, Debug)]
pub(crate) struct Category {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) icons: Vec<Image>,
    pub(crate) playlists: Vec<Id>,
}

/// A user's public profile (`PublicUserObject`): playlist owners and the like.
#[derive(Clone, Debug)]
pub(crate) struct PublicUser {
    pub(crate) id: String,
    pub(crate) display_name: Option<String>,
    pub(crate) images: Vec<Image>,
    pub(crate) followers: u64,
}

/// `AudioFeaturesObject` of one track.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AudioFeatures {
    pub(crate) id: Id,
    pub(crate) acousticness: f64,
    pub(crate) danceability: f64,
    pub(crate) energy: f64,
    pub(crate) instrumentalness: f64,
    pub(crate) key: i64,
    pub(crate) liveness: f64,
    pub(crate) loudness: f64,
    pub(crate) mode: i64,
    pub(crate) speechiness: f64,
    pub(crate) tempo: f64,
    pub(crate) time_signature: i64,
    pub(crate) valence: f64,
    pub(crate) duration_ms: u32,
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), after H. Hinnant.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Unix seconds of `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn parse_timestamp(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 20 || bytes[10] != b'T' || bytes[19] != b'Z' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

/// `YYYY-MM-DDTHH:MM:SSZ` of Unix seconds.
pub(crate) fn format_timestamp(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// `YYYY-MM-DD` of a day count since 1970-01-01.
pub(crate) fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        let id = Id::parse("7EjyzZcbLxW7PaaLua9Ksb").unwrap();
        assert_eq!(id.as_str(), "7EjyzZcbLxW7PaaLua9Ksb");
        assert!(Id::parse("7EjyzZcbLxW7PaaLua9Ks").is_none());
        assert!(Id::parse("7EjyzZcbLxW7PaaLua9Ks!").is_none());
        assert!(Id::parse("7EjyzZcbLxW7PaaLua9Ksé").is_none());
        let derived = Id::derived("x");
        assert_eq!(derived, Id::derived("x"));
        assert!(Id::parse(derived.as_str()).is_some());
        assert_eq!(
            id.hash(),
            Id::parse("7EjyzZcbLxW7PaaLua9Ksb").unwrap().hash()
        );
    }

    #[test]
    fn ids_order_as_their_text() {
        let texts = [
            "0000000000000000000000",
            "0000000000000000000001",
            "000000000000000000000z",
            "0000000000000001000000",
            "00000000000000000a0000",
            "7EjyzZcbLxW7PaaLua9Ksb",
            "7EjyzZcbLxW7PaaLua9KsB",
            "7EjyzZcbLxW7PaaLUa9Ksb",
            "A000000000000000000000",
            "a000000000000000000000",
            "zzzzzzzzzzzzzzzzzzzzzz",
            "zzzzzzzzzzzzzzzzzzzzzy",
        ];
        let mut seed = 1_u64;
        let random = (0..200).map(|_| {
            Id::from_draws(|| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                seed >> 33
            })
        });
        let ids: Vec<Id> = texts
            .iter()
            .map(|t| Id::parse(t).unwrap())
            .chain(random)
            .collect();
        for a in &ids {
            for b in &ids {
                assert_eq!(a.cmp(b), a.as_str().cmp(b.as_str()), "{a} {b}");
                assert_eq!(a.partial_cmp(b), Some(a.cmp(b)));
            }
        }
    }

    #[test]
    fn timestamps_round_trip() {
        for text in [
            "2010-05-03T10:49:43Z",
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z",
        ] {
            assert_eq!(format_timestamp(parse_timestamp(text).unwrap()), text);
        }
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0));
        for bad in [
            "",
            "2010-05-03",
            "2010-13-03T10:49:43Z",
            "2010-05-03T10:49:43+01",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
        assert_eq!(format_date(0), "1970-01-01");
        let key = ReleaseDate {
            date: "1981".into(),
            precision: Precision::Year,
        };
        assert_eq!(key.sort_key(), "1981-00-00");
    }
}
