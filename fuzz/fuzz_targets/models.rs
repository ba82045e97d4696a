//! Every top-level response model, decoded through the library's own decode paths (plain
//! operations, pages bare and in their envelope, cursor pages, `next` links, one-list envelopes,
//! multi-gets, top-level lists, library checks, token responses): never a panic, errors render,
//! and whatever decodes serializes back to JSON that decodes to the same value.
//!
//! Input: the name of a decode path (see `PATHS`), a newline, then the body. A name that is
//! not in the list picks a path by its bytes, so mutated names still decode something. Running
//! every path on every input was 50 times slower, and most paths fail at the first byte of
//! most bodies. `fuzz/seeds.py` writes each recorded body under the names of its operations.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde_json::Value;
use spotify_web_api::__fuzz;
use spotify_web_api::model::{
    Album, Artist, AudioAnalysis, AudioFeatures, Audiobook, Category, Chapter, CurrentlyPlaying,
    Devices, Episode, FeaturedPlaylists, Image, PlayHistory, PlaybackState, Playlist, PlaylistItem,
    PrivateUser, PublicUser, Queue, Recommendations, SavedAlbum, SavedAudiobook, SavedEpisode,
    SavedShow, SavedTrack, SearchResults, Show, SimplifiedAlbum, SimplifiedChapter,
    SimplifiedEpisode, SimplifiedPlaylist, SimplifiedShow, SimplifiedTrack, SnapshotId, Track,
};
use spotify_web_api::{Error, Result};

/// How many IDs a multi-get chunk is taken to have asked for.
const EXPECTED: usize = 20;

/// Two JSON values alike, numbers compared as floats within a relative 1e-9: serde_json reads
/// a decimal to within an ulp, so a number may move in its last bit on a second reading.
fn alike(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            match (x.as_f64(), y.as_f64()) {
                (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs()),
                _ => false,
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| alike(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| alike(v, w)))
        }
        _ => a == b,
    }
}

/// A decode's result: an error renders; a value serializes, and its JSON (wrapped as the
/// operation's body is, by `wrap`) decodes again, through the same path, to a value with the
/// same JSON.
fn check<T: Serialize + Debug>(
    result: Result<T>,
    wrap: impl Fn(Value) -> Value,
    again: impl Fn(&[u8]) -> Result<T>,
) {
    let value = match result {
        Ok(value) => value,
        Err(error) => {
            assert!(
                matches!(error, Error::Decode { .. } | Error::Api { .. }),
                "{error:?}"
            );
            let _ = format!("{error} {error:?}");
            return;
        }
    };
    let _ = format!("{value:?}");
    let json = serde_json::to_value(&value).expect("a decoded model serializes");
    let body = serde_json::to_vec(&wrap(json.clone())).expect("JSON writes");
    let second = match again(&body) {
        Ok(second) => second,
        Err(error) => panic!("{value:?} serialized to a body that does not decode: {error}"),
    };
    let json_again = serde_json::to_value(&second).expect("a decoded model serializes");
    assert!(
        alike(&json, &json_again),
        "decoded {json}\nre-decoded {json_again}"
    );
}

/// A decode path run both ways on the same body: as the library runs it (its JSON reader
/// first, serde_json where the reader gives up) and the serde way only. Both succeed with
/// exactly the same JSON, or both fail. The first result is returned.
fn both_ways<T: Serialize + Debug>(body: &[u8], decode: impl Fn(&[u8]) -> Result<T>) -> Result<T> {
    let fast = decode(body);
    let serde = __fuzz::serde_only(|| decode(body));
    match (&fast, &serde) {
        (Ok(a), Ok(b)) => {
            let (a, b) = (
                serde_json::to_value(a).expect("a decoded model serializes"),
                serde_json::to_value(b).expect("a decoded model serializes"),
            );
            assert_eq!(a, b, "the reader and serde_json differ");
        }
        (Err(_), Err(_)) => {}
        _ => panic!("the reader and serde_json disagree:\n{fast:?}\n{serde:?}"),
    }
    fast
}

fn bare(value: Value) -> Value {
    value
}

/// How a decode path is listed: its name and what it runs on a body.
type Path = (&'static str, fn(&[u8]));

macro_rules! plain {
    ($($model:ty),* $(,)?) => {[$(
        (stringify!($model), (|b: &[u8]| {
            check(both_ways(b, __fuzz::decode::<$model>), bare, __fuzz::decode::<$model>)
        }) as fn(&[u8])),
    )*]};
}

macro_rules! pages {
    ($($item:ty),* $(,)?) => {[$(
        (concat!("Page<", stringify!($item), ">"), (|b: &[u8]| {
            check(both_ways(b, |b| __fuzz::decode_page::<$item>(b, None)), bare, |b| __fuzz::decode_page::<$item>(b, None))
        }) as fn(&[u8])),
    )*]};
}

macro_rules! in_member {
    ($($key:literal: $name:literal => $decode:expr),* $(,)?) => {[$(
        (concat!($key, ":", $name), (|b: &[u8]| {
            check(both_ways(b, $decode), |v| serde_json::json!({ $key: v }), $decode)
        }) as fn(&[u8])),
    )*]};
}

macro_rules! next_pages {
    ($($item:ty),* $(,)?) => {[$(
        (concat!("next<", stringify!($item), ">"), (|b: &[u8]| {
            if let Err(error) = __fuzz::decode_next_page::<$item>(b).map(|p| format!("{p:?}")) {
                let _ = format!("{error} {error:?}");
            }
        }) as fn(&[u8])),
    )*]};
}

fn contains(body: &[u8]) {
    for expected in [1, 3] {
        match __fuzz::decode_contains(body, expected) {
            Ok(answers) => assert_eq!(answers.len(), expected),
            Err(error) => {
                let _ = format!("{error} {error:?}");
            }
        }
    }
}

/// The accounts service's token response: its errors quote none of the body.
fn token(body: &[u8]) {
    match __fuzz::decode_token(body) {
        Ok(token) => {
            let _ = format!("{token:?}");
        }
        Err(error) => {
            if let Error::Decode { excerpt, .. } = &error {
                assert!(excerpt.is_empty(), "a token body is quoted: {excerpt:?}");
            }
            let _ = format!("{error} {error:?}");
        }
    }
}

fn several_keep_positions(body: &[u8]) {
    check(
        both_ways(body, |b| {
            __fuzz::decode_several::<Track>(b, "tracks", EXPECTED)
        }),
        |v| serde_json::json!({ "tracks": v }),
        |b| __fuzz::decode_several::<Track>(b, "tracks", EXPECTED),
    );
    if let Ok(items) = __fuzz::decode_several::<Track>(body, "tracks", EXPECTED) {
        assert_eq!(items.len(), EXPECTED, "positions are kept");
    }
}

fn paths() -> Vec<Path> {
    let mut paths: Vec<Path> = Vec::new();
    // `.await` of a plain operation.
    paths.extend(plain!(
        Album,
        Artist,
        Audiobook,
        Category,
        Chapter,
        Episode,
        Playlist,
        FeaturedPlaylists,
        Recommendations,
        SearchResults,
        Show,
        Track,
        AudioFeatures,
        AudioAnalysis,
        PrivateUser,
        PublicUser,
        Option<PlaybackState>,
        Devices,
        Option<CurrentlyPlaying>,
        Queue,
        SnapshotId,
    ));
    // Pages whose body is the page.
    paths.extend(pages!(
        SimplifiedTrack,
        SimplifiedAlbum,
        SavedAlbum,
        SimplifiedChapter,
        SavedAudiobook,
        SavedEpisode,
        SimplifiedPlaylist,
        PlaylistItem,
        SimplifiedEpisode,
        SavedShow,
        SavedTrack,
        Artist,
        Track,
    ));
    paths.push(("CursorPage<PlayHistory>", |b| {
        check(
            both_ways(b, |b| __fuzz::decode_cursor_page::<PlayHistory>(b, None)),
            bare,
            |b| __fuzz::decode_cursor_page::<PlayHistory>(b, None),
        )
    }));
    // Pages in an envelope, one-list envelopes and multi-gets.
    paths.extend(in_member!(
        "albums": "Page<SimplifiedAlbum>" => |b| __fuzz::decode_page::<SimplifiedAlbum>(b, Some("albums")),
        "categories": "Page<Category>" => |b| __fuzz::decode_page::<Category>(b, Some("categories")),
        "artists": "CursorPage<Artist>" => |b| __fuzz::decode_cursor_page::<Artist>(b, Some("artists")),
        "tracks": "Vec<Track>" => |b| __fuzz::decode_member::<Vec<Track>>(b, "tracks"),
        "artists": "Vec<Artist>" => |b| __fuzz::decode_member::<Vec<Artist>>(b, "artists"),
        "genres": "Vec<String>" => |b| __fuzz::decode_member::<Vec<String>>(b, "genres"),
        "markets": "Vec<String>" => |b| __fuzz::decode_member::<Vec<String>>(b, "markets"),
        "albums": "several<Album>" => |b| __fuzz::decode_several::<Album>(b, "albums", EXPECTED),
        "artists": "several<Artist>" => |b| __fuzz::decode_several::<Artist>(b, "artists", EXPECTED),
        "audiobooks": "several<Audiobook>" => |b| __fuzz::decode_several::<Audiobook>(b, "audiobooks", EXPECTED),
        "chapters": "several<Chapter>" => |b| __fuzz::decode_several::<Chapter>(b, "chapters", EXPECTED),
        "episodes": "several<Episode>" => |b| __fuzz::decode_several::<Episode>(b, "episodes", EXPECTED),
        "shows": "several<SimplifiedShow>" => |b| __fuzz::decode_several::<SimplifiedShow>(b, "shows", EXPECTED),
        "audio_features": "several<AudioFeatures>" => |b| __fuzz::decode_several::<AudioFeatures>(b, "audio_features", EXPECTED),
    ));
    paths.push(("tracks:several<Track>", several_keep_positions));
    // A `next` link's answer, whatever its envelope.
    paths.extend(next_pages!(PlaylistItem, SimplifiedAlbum, Track, Artist));
    // Top-level lists (cover images, library checks) and token responses.
    paths.push(("list<Image>", |b| {
        check(
            both_ways(b, __fuzz::decode_list::<Image>),
            bare,
            __fuzz::decode_list::<Image>,
        )
    }));
    paths.push(("contains", contains));
    paths.push(("token", token));
    paths
}

fuzz_target!(|data: &[u8]| {
    static PATHS: std::sync::OnceLock<Vec<Path>> = std::sync::OnceLock::new();
    let paths = PATHS.get_or_init(paths);
    let (name, body) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&data[..0], data),
    };
    let run = match paths.iter().find(|(n, _)| n.as_bytes() == name) {
        Some((_, run)) => *run,
        None => {
            let pick = name.iter().map(|&b| usize::from(b)).sum::<usize>() % paths.len();
            paths[pick].1
        }
    };
    run(body);
});
