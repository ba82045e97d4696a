//! The catalog: tracks, albums and artists, normalised from real response bodies.
//!
//! The built-in catalog is made at first use from the embedded fixture files (see
//! [`FIXTURES_SOURCE`]). The normaliser walks every body recursively and keeps each object that is
//! a real entity: a `type` the catalog knows, a 22-character base62 `id`, a `uri` equal to
//! `spotify:{type}:{id}` and a string `name`. That rule skips the look-alikes in the files, such as
//! the recommendation `seeds` (`{"type":"track","id":..}` without `uri` or `name`), and leaves out
//! `chapter.json`, whose objects are audiobooks (a kind the catalog does not hold yet).
//!
//! One id often appears in several files, as a full object in one and a simplified one in
//! another. The object with the most keys wins; on a tie the first file (by name) wins. Entities
//! are stored per kind, so a full track response is composed at request time from the track
//! record, its album (rendered as a `SimplifiedAlbumObject`) and its artists (rendered as
//! `SimplifiedArtistObject`s). A track found only in an album's `tracks.items` (or in an
//! `/albums/{id}/tracks` page) is linked to that album.

mod embedded;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value, json};

pub use embedded::FIXTURES_SOURCE;

/// The entity kinds the normaliser collects. Later kinds are added here.
const KINDS: &[&str] = &["track", "album", "artist"];

/// Fields of a full album that a `SimplifiedAlbumObject` (a track's `album`) does not have.
const NOT_IN_SIMPLIFIED_ALBUM: &[&str] = &[
    "tracks",
    "copyrights",
    "external_ids",
    "genres",
    "label",
    "popularity",
    "album_group",
];

/// Fields of a full artist that a `SimplifiedArtistObject` does not have.
const NOT_IN_SIMPLIFIED_ARTIST: &[&str] = &["followers", "genres", "images", "popularity"];

/// Fields that depend on the request's market and so are never stored.
const MARKET_DEPENDENT: &[&str] = &["is_playable"];

/// A JSON object.
type Object = Map<String, Value>;

/// Catalog data, by kind and id. Cheap to share behind an [`Arc`]; read-only once built.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// kind (`"track"`…) → id → stored object.
    entities: BTreeMap<String, HashMap<String, Object>>,
    /// track id → id of the album whose track list it was found in.
    track_album: HashMap<String, String>,
}

impl Catalog {
    /// The built-in catalog, made once per process from the embedded fixture files.
    pub fn builtin() -> Arc<Catalog> {
        static BUILTIN: OnceLock<Arc<Catalog>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Arc::new(Catalog::from_bodies(embedded::FIXTURES.iter().copied())))
            .clone()
    }

    /// A catalog made from `(name, JSON body)` pairs, normalised as described in the module docs.
    /// A body that is not valid JSON is skipped with a warning; this never panics.
    pub fn from_bodies<'a, I>(bodies: I) -> Catalog
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut catalog = Catalog::default();
        for (name, body) in bodies {
            match serde_json::from_str::<Value>(body) {
                Ok(value) => catalog.collect(&value),
                Err(error) => {
                    tracing::warn!(%name, %error, "skipping a catalog body that is not JSON")
                }
            }
        }
        catalog
    }

    /// The stored object of `kind` (`"track"`, `"album"`, `"artist"`) with this `id`, as
    /// normalised (not composed).
    pub fn entity(&self, kind: &str, id: &str) -> Option<&Map<String, Value>> {
        self.entities.get(kind)?.get(id)
    }

    /// How many entities of `kind` the catalog holds.
    pub fn len(&self, kind: &str) -> usize {
        self.entities.get(kind).map_or(0, HashMap::len)
    }

    /// Whether the catalog holds no entity at all.
    pub fn is_empty(&self) -> bool {
        self.entities.values().all(HashMap::is_empty)
    }

    /// The ids of `kind`, sorted.
    pub fn ids(&self, kind: &str) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .entities
            .get(kind)
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids
    }

    /// The full `TrackObject` for `id`, as `GET /tracks/{id}` returns it without a market:
    /// `available_markets` included, no `is_playable`.
    pub fn track(&self, id: &str) -> Option<Value> {
        let mut track = self.entity("track", id)?.clone();
        let album_id = track
            .get("album")
            .and_then(|album| album.get("id"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| self.track_album.get(id).cloned());
        if let Some(album) = album_id.as_deref().and_then(|a| self.entity("album", a)) {
            track.insert(
                "album".to_owned(),
                Value::Object(self.simplified_album(album)),
            );
        }
        if let Some(Value::Array(artists)) = track.get_mut("artists") {
            self.simplify_artists(artists);
        }
        Some(Value::Object(track))
    }

    /// The track as `GET /tracks/{id}?market=..` returns it. With `Some(market)`, the track and
    /// its album lose `available_markets`, the track gets `is_playable`, and whatever is not
    /// available in `market` gets `"restrictions":{"reason":"market"}`.
    pub fn track_in_market(&self, id: &str, market: Option<&str>) -> Option<Value> {
        let mut track = self.track(id)?;
        if let (Some(market), Value::Object(track)) = (market, &mut track) {
            apply_market(track, market);
        }
        Some(track)
    }

    /// A stored album rendered as a `SimplifiedAlbumObject`.
    fn simplified_album(&self, album: &Object) -> Object {
        let mut album = album.clone();
        for key in NOT_IN_SIMPLIFIED_ALBUM {
            album.remove(*key);
        }
        if let Some(Value::Array(artists)) = album.get_mut("artists") {
            self.simplify_artists(artists);
        }
        album
    }

    /// Replaces each artist with the catalog's record rendered as a `SimplifiedArtistObject`.
    fn simplify_artists(&self, artists: &mut [Value]) {
        for artist in artists {
            let known = artist
                .get("id")
                .and_then(Value::as_str)
                .and_then(|id| self.entity("artist", id));
            let mut simplified = match known {
                Some(stored) => stored.clone(),
                None => match artist {
                    Value::Object(embedded) => embedded.clone(),
                    _ => continue,
                },
            };
            for key in NOT_IN_SIMPLIFIED_ARTIST {
                simplified.remove(*key);
            }
            *artist = Value::Object(simplified);
        }
    }

    /// Walks `value`, offering every entity found to the store.
    fn collect(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                let entity = entity_key(map);
                if let Some((kind, id)) = entity {
                    self.offer(kind, id, map);
                    if kind == "album" {
                        let items = map.get("tracks").and_then(|t| t.get("items"));
                        self.link_tracks(id, items);
                    }
                } else if let Some(album_id) = album_tracks_page(map) {
                    self.link_tracks(album_id, map.get("items"));
                }
                for child in map.values() {
                    self.collect(child);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| self.collect(item)),
            _ => {}
        }
    }

    /// Keeps `object` as the record of `kind`/`id` unless a richer one is already stored.
    fn offer(&mut self, kind: &str, id: &str, object: &Object) {
        let mut object = object.clone();
        for key in MARKET_DEPENDENT {
            object.remove(*key);
        }
        let slot = self.entities.entry(kind.to_owned()).or_default();
        let richer = slot
            .get(id)
            .is_none_or(|stored| object.len() > stored.len());
        if richer {
            slot.insert(id.to_owned(), object);
        }
    }

    /// Records that the tracks in `items` belong to `album_id` (first album seen wins).
    fn link_tracks(&mut self, album_id: &str, items: Option<&Value>) {
        let Some(Value::Array(items)) = items else {
            return;
        };
        for item in items {
            if let Some(("track", track_id)) = item.as_object().and_then(entity_key) {
                self.track_album
                    .entry(track_id.to_owned())
                    .or_insert_with(|| album_id.to_owned());
            }
        }
    }
}

/// `(kind, id)` if `map` is a real entity of a kind the catalog holds.
fn entity_key(map: &Object) -> Option<(&'static str, &str)> {
    let kind = map.get("type").and_then(Value::as_str)?;
    let kind = KINDS.iter().copied().find(|k| *k == kind)?;
    let id = map
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| is_base62_id(id))?;
    let uri = map.get("uri").and_then(Value::as_str)?;
    let real = uri
        .strip_prefix("spotify:")
        .and_then(|rest| rest.strip_prefix(kind))
        .and_then(|rest| rest.strip_prefix(':'))
        == Some(id)
        && map.get("name").is_some_and(Value::is_string);
    real.then_some((kind, id))
}

/// The album id of a paging object whose `href` is `…/albums/{id}/tracks…`.
fn album_tracks_page(map: &Object) -> Option<&str> {
    map.get("items")?;
    let href = map.get("href").and_then(Value::as_str)?;
    let rest = &href[href.find("/albums/")? + "/albums/".len()..];
    let (id, tail) = rest.split_once('/')?;
    (is_base62_id(id) && tail.starts_with("tracks")).then_some(id)
}

/// Whether `id` is a Spotify id: exactly 22 ASCII letters and digits.
pub(crate) fn is_base62_id(id: &str) -> bool {
    id.len() == 22 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Applies a market to a composed track (see [`Catalog::track_in_market`]).
fn apply_market(track: &mut Object, market: &str) {
    let playable = available_in(track.remove("available_markets"), market);
    track.insert("is_playable".to_owned(), Value::Bool(playable));
    if !playable {
        track.insert("restrictions".to_owned(), json!({ "reason": "market" }));
    }
    if let Some(Value::Object(album)) = track.get_mut("album")
        && !available_in(album.remove("available_markets"), market)
    {
        album.insert("restrictions".to_owned(), json!({ "reason": "market" }));
    }
}

/// Whether `market` is in a stored `available_markets`. Without the list (bodies fetched with a
/// market lack it), the item counts as available.
fn available_in(markets: Option<Value>, market: &str) -> bool {
    match markets {
        Some(Value::Array(markets)) => markets.iter().any(|m| m.as_str() == Some(market)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SURFIN_BIRD: &str = "7EjyzZcbLxW7PaaLua9Ksb";

    #[test]
    fn every_fixture_file_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/catalog/fixtures");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".json"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = embedded::FIXTURES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, embedded);
        assert!(FIXTURES_SOURCE.contains("MIT"));
    }

    #[test]
    fn builtin_catalog_counts() {
        let catalog = Catalog::builtin();
        let counts: Vec<(&str, usize)> = KINDS.iter().map(|k| (*k, catalog.len(k))).collect();
        insta::assert_debug_snapshot!(counts);
    }

    #[test]
    fn surfin_bird_is_composed_from_its_album_and_artist() {
        let track = Catalog::builtin().track(SURFIN_BIRD).unwrap();
        assert_eq!(track["name"], "Surfin' Bird");
        assert_eq!(track["artists"][0]["name"], "The Trashmen");
        assert_eq!(track["album"]["id"], "3tpJtzZm4Urb0n2ITN5mwF");
        assert!(track["available_markets"].is_array());
        assert!(track.get("is_playable").is_none());
    }

    #[test]
    fn look_alikes_are_skipped() {
        let catalog = Catalog::builtin();
        // A recommendation seed: `"type": "track"` but no uri or name.
        assert!(catalog.entity("track", "0c6xIDDpzE81m2q797ordA").is_none());
        // chapter.json holds audiobooks, which are not a catalog kind yet.
        assert_eq!(catalog.len("audiobook"), 0);
    }

    #[test]
    fn richest_object_wins() {
        let catalog = Catalog::builtin();
        // Simplified in album-tracks.json and artist lists, full in artist-related-artists.json.
        let artist = catalog.entity("artist", "3qm84nBOXUEQ2vnTfUTTFC").unwrap();
        assert!(artist.contains_key("followers"));
        // Full album with its track list (album.json) over simplified copies.
        let album_of_track = Catalog::builtin().track("5eS6pTvDNOvh2kyxeZtK3r").unwrap();
        assert!(
            album_of_track["album"].get("tracks").is_none(),
            "rendered simplified"
        );
        assert!(
            album_of_track["album"]["id"].is_string(),
            "linked from the album's track list"
        );
        let artist_in_track = &album_of_track["artists"][0];
        assert!(artist_in_track.get("followers").is_none());
    }

    #[test]
    fn market_sets_is_playable_and_drops_markets() {
        let catalog = Catalog::builtin();
        let se = catalog.track_in_market(SURFIN_BIRD, Some("SE")).unwrap();
        assert_eq!(se["is_playable"], true);
        assert!(se.get("available_markets").is_none());
        assert!(se["album"].get("available_markets").is_none());
        assert!(se.get("restrictions").is_none());
        let jp = catalog.track_in_market(SURFIN_BIRD, Some("JP")).unwrap();
        assert_eq!(jp["is_playable"], false);
        assert_eq!(jp["restrictions"], json!({ "reason": "market" }));
        assert_eq!(jp["album"]["restrictions"], json!({ "reason": "market" }));
    }

    #[test]
    fn hostile_bodies_do_not_panic() {
        let deep = "[".repeat(10_000);
        let catalog = Catalog::from_bodies([
            ("garbage", "not json"),
            ("deep", deep.as_str()),
            ("wrong types", r#"{"type":"track","id":7,"uri":null}"#),
            ("empty", ""),
        ]);
        assert!(catalog.is_empty());
    }

    #[test]
    fn base62_ids() {
        assert!(is_base62_id(SURFIN_BIRD));
        assert!(!is_base62_id("7EjyzZcbLxW7PaaLua9Ks"));
        assert!(!is_base62_id("7EjyzZcbLxW7PaaLua9Ks!"));
        assert!(!is_base62_id("7EjyzZcbLxW7PaaLua9Ksé"));
    }
}
