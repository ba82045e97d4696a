//! A catalogue directory: the bodies record mode wrote (`record.rs`), read back as catalogue
//! data beside the embedded fixtures.
//!
//! The layout is one readable JSON file per entity, named after what it holds:
//!
//! ```text
//! DIR/tracks/{id}.json       the body of GET /v1/tracks/{id}, with no market
//! DIR/albums/{id}.json       GET /v1/albums/{id}, with no market
//! DIR/artists/{id}.json      GET /v1/artists/{id}
//! DIR/shows/{id}.json        GET /v1/shows/{id}?market=M (market-bound: recorded in one market)
//! DIR/episodes/{id}.json     GET /v1/episodes/{id}?market=M
//! DIR/audiobooks/{id}.json   GET /v1/audiobooks/{id}?market=M
//! DIR/chapters/{id}.json     GET /v1/chapters/{id}?market=M
//! ```
//!
//! The directory is its own index: a file's path says which entity was recorded in its own
//! right. Its bodies go through the same walk as the fixtures (`normalise.rs`), so an entity
//! they only mention (a track's album, say) joins the catalogue too, filled in as fixture gaps
//! are; [`Recorded::mentioned`] remembers those, so that record mode still fetches their real
//! data. Other files (a `README`, a temporary file left by a crash: names that start with a
//! dot) are ignored.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::model::Id;

/// The recorded collections: the path segment of their Web API route, which is also their
/// directory. Everything else (users, playlists, the library, the player) is never recorded.
pub(crate) const COLLECTIONS: [&str; 7] = [
    "tracks",
    "albums",
    "artists",
    "shows",
    "episodes",
    "audiobooks",
    "chapters",
];

/// What a catalogue directory holds, once read.
#[derive(Clone, Debug, Default)]
pub(crate) struct Recorded {
    /// The directory, if the catalogue was built with one.
    pub(crate) dir: Option<PathBuf>,
    /// `(collection, id)` of each entity recorded in its own right.
    entities: HashSet<(&'static str, String)>,
    /// Ids of entities the recorded bodies mention without recording them.
    mentioned: HashSet<String>,
}

impl Recorded {
    /// Whether the entity `id` of `collection` was recorded in its own right.
    pub(crate) fn has(&self, collection: &str, id: &str) -> bool {
        let Some(collection) = COLLECTIONS.iter().find(|c| **c == collection) else {
            return false;
        };
        self.entities.contains(&(*collection, id.to_owned()))
    }

    /// Whether `id` is only mentioned by recorded bodies: the catalogue holds it, but with
    /// gaps filled in, not as the upstream has it.
    pub(crate) fn mentioned(&self, id: &str) -> bool {
        self.mentioned.contains(id)
    }

    /// Forgets the mentions of entities that `bodies` (the built-in fixtures) hold: the
    /// catalogue has those in its own right, and record mode never forwards them.
    pub(crate) fn forget_held_by(&mut self, bodies: &[(&str, &str)]) {
        if self.mentioned.is_empty() {
            return;
        }
        let mut held = HashSet::new();
        for (_, body) in bodies {
            if let Ok(value) = serde_json::from_str::<Value>(body) {
                mention(&value, &mut held, 0);
            }
        }
        self.mentioned.retain(|id| !held.contains(id));
    }
}

/// The file that holds the entity `id` of `collection` in `dir`.
pub(crate) fn entity_file(dir: &Path, collection: &str, id: &str) -> PathBuf {
    dir.join(collection).join(format!("{id}.json"))
}

/// Reads `dir`: the bodies to add to the catalogue as `(file name, body)`, and the index.
/// A missing directory is an empty one (record mode creates it).
///
/// # Errors
///
/// A directory or file that cannot be read, or a recorded file that is not a JSON object
/// (kind `InvalidData`); the message names the path.
pub(crate) fn read(dir: &Path) -> io::Result<(Vec<(String, String)>, Recorded)> {
    let mut bodies = Vec::new();
    let mut recorded = Recorded {
        dir: Some(dir.to_owned()),
        ..Recorded::default()
    };
    let mut mentioned = HashSet::new();
    for collection in COLLECTIONS {
        let sub = dir.join(collection);
        let entries = match std::fs::read_dir(&sub) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(named(&sub, &error)),
        };
        let mut files: Vec<(String, PathBuf)> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|error| named(&sub, &error))?;
            let path = entry.path();
            let Some(id) = path
                .file_name()
                .and_then(|name| name.to_str())
                .and_then(|name| name.strip_suffix(".json"))
                .filter(|id| Id::parse(id).is_some())
            else {
                continue;
            };
            files.push((id.to_owned(), path));
        }
        // The same order on every machine, so the catalogue is the same.
        files.sort();
        for (id, path) in files {
            let body = std::fs::read_to_string(&path).map_err(|error| named(&path, &error))?;
            let value: Value = serde_json::from_str(&body).map_err(|error| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}: not a recorded JSON body: {error}", path.display()),
                )
            })?;
            if !value.is_object() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "{}: not a recorded JSON body: not an object",
                        path.display()
                    ),
                ));
            }
            mention(&value, &mut mentioned, 0);
            recorded.entities.insert((collection, id));
            bodies.push((path.display().to_string(), body));
        }
    }
    let own: HashSet<&str> = recorded
        .entities
        .iter()
        .map(|(_, id)| id.as_str())
        .collect();
    mentioned.retain(|id| !own.contains(id.as_str()));
    recorded.mentioned = mentioned;
    Ok((bodies, recorded))
}

/// Collects the ids of the entities in `value` (objects with a `type` and an `id`).
fn mention(value: &Value, ids: &mut HashSet<String>, depth: usize) {
    // Bodies nest a few levels; a hostile file deeper than this is not walked.
    if depth > 32 {
        return;
    }
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(_)), Some(Value::String(id))) =
                (map.get("type"), map.get("id"))
                && Id::parse(id).is_some()
            {
                ids.insert(id.clone());
            }
            map.values()
                .for_each(|child| mention(child, ids, depth + 1));
        }
        Value::Array(items) => items.iter().for_each(|item| mention(item, ids, depth + 1)),
        _ => {}
    }
}

/// `error`, with `path` named in its message.
fn named(path: &Path, error: &io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}
