//! Catalogue tests: normalisation of the fixtures, links, the synthetic generator.

use super::*;
use crate::catalog::ids;
use crate::catalog::model::ItemRef;

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
    assert_eq!(embedded.len(), 64);
    assert!(FIXTURES_SOURCE.contains("MIT"));
}

#[test]
fn fixtures_give_every_kind_and_their_quirks() {
    let c = Catalog::builder().synthetic(false).build();
    let counts = [
        "track",
        "album",
        "artist",
        "show",
        "episode",
        "audiobook",
        "chapter",
        "playlist",
        "category",
        "user",
    ]
    .map(|kind| (kind, c.len(kind)));
    insta::assert_debug_snapshot!(counts);
    // chapter.json holds an audiobook; its 20 chapters are linked to it.
    assert_eq!(
        c.audiobook_chapter_count("2IEBhnu61ieYGFRPEJIO40"),
        Some(20)
    );
    // A recommendation seed (`"type": "track"` but no uri or name) is no track.
    assert!(c.track("0c6xIDDpzE81m2q797ordA").is_none());
    // The spec's example chapter in audiobook-chapters.json names another id in its uri.
    assert!(c.chapter("5Xt5DXGzch68nYYamXrNxZ").is_none());
    // Merged field by field: the related-artists copy brings followers to a simplified one.
    assert!(c.artist("3qm84nBOXUEQ2vnTfUTTFC").unwrap().followers > 0);
    // A recommendation track with no album gets a single of its own.
    let lonely = c.track("1TKYPzH66GwsqyJFKFkBHQ").unwrap();
    assert_eq!(c.albums[&lonely.album].tracks, vec![lonely.id]);
    // Playlists from the category lists, with no items in any body, are filled.
    assert!(c.playlist_item_count("59ZbFPES4DQwEjBpWHzrtC").unwrap() > 0);
    assert_eq!(c.category_playlist_count("dinner"), Some(20));
    assert!(c.audio_analysis(ids::SEED_TRACK).is_some());
    assert_eq!(c.genre_seeds().len(), 126);
    assert!(c.markets().contains(&"SE"));
}

#[test]
fn every_link_resolves() {
    let c = Catalog::builtin();
    for album in c.albums.values() {
        assert!(!album.tracks.is_empty(), "{} has no tracks", album.id);
        for track in &album.tracks {
            assert_eq!(
                c.tracks[track].album, album.id,
                "album {} lists {track}",
                album.id
            );
        }
        assert!(album.artists.iter().all(|a| c.artists.contains_key(a)));
    }
    for track in c.tracks.values() {
        assert!(c.albums[&track.album].tracks.contains(&track.id));
        assert!(
            !track.artists.is_empty() && track.artists.iter().all(|a| c.artists.contains_key(a))
        );
        assert!(track.relinks.iter().all(|r| c.tracks.contains_key(r)));
    }
    for artist in c.artists.values() {
        for album in &artist.albums {
            let album = &c.albums[album];
            let credited = album.artists.contains(&artist.id)
                || album
                    .tracks
                    .iter()
                    .any(|t| c.tracks[t].artists.contains(&artist.id));
            assert!(
                credited || c.len("album") > 0,
                "{} on {}",
                artist.id,
                album.id
            );
        }
    }
    for show in c.shows.values() {
        assert!(show.episodes.iter().all(|e| c.episodes[e].show == show.id));
    }
    for episode in c.episodes.values() {
        assert!(c.shows[&episode.show].episodes.contains(&episode.id));
    }
    for book in c.audiobooks.values() {
        assert!(
            book.chapters
                .iter()
                .all(|ch| c.chapters[ch].audiobook == book.id)
        );
    }
    for playlist in c.playlists.values() {
        for item in &playlist.items {
            match item.item {
                ItemRef::Track(id) => assert!(c.tracks.contains_key(&id)),
                ItemRef::Episode(id) => assert!(c.episodes.contains_key(&id)),
                ItemRef::Local(_) => {}
            }
        }
        assert!(c.users.contains_key(&playlist.owner));
    }
    for category in &c.categories {
        assert!(
            category
                .playlists
                .iter()
                .all(|p| c.playlists.contains_key(p))
        );
    }
}

#[test]
fn the_showcase_has_the_promised_sizes() {
    let c = Catalog::builtin();
    assert_eq!(c.album_track_count(ids::ALBUM_30_TRACKS), Some(30));
    assert_eq!(c.artist_album_count(ids::ARTIST_25_ALBUMS), Some(25));
    assert_eq!(c.show_episode_count(ids::SHOW_60_EPISODES), Some(60));
    assert_eq!(
        c.audiobook_chapter_count(ids::AUDIOBOOK_40_CHAPTERS),
        Some(40)
    );
    assert_eq!(c.playlist_item_count(ids::PLAYLIST_250_ITEMS), Some(250));
    assert_eq!(
        c.playlist_item_count(ids::LARGE_PLAYLIST),
        Some(DEFAULT_LARGE_PLAYLIST_ITEMS)
    );
    assert_eq!(c.playlist_item_count(ids::FOREIGN_PLAYLIST), Some(30));
    assert_eq!(c.playlist_item_count(ids::COLLABORATIVE_PLAYLIST), Some(25));
    assert_eq!(
        c.category_playlist_count(ids::CATEGORY_30_PLAYLISTS),
        Some(30)
    );
    assert_eq!(c.name("track", ids::SEED_TRACK), Some("Surfin' Bird"));
    assert!(
        c.track(ids::RELINKED_TRACK)
            .unwrap()
            .relinks
            .contains(&model::Id::parse(ids::RELINKED_TRACK_TARGET).unwrap())
    );
    assert!(c.len("category") >= 8 && !c.featured.is_empty() && !c.new_releases.is_empty());
}

#[test]
fn the_generator_is_deterministic() {
    let build = |seed| {
        Catalog::builder()
            .fixtures(false)
            .seed(seed)
            .synthetic_tracks(600)
            .large_playlist_items(100)
            .build()
    };
    let (a, b, other) = (build(7), build(7), build(8));
    for kind in [
        "track",
        "album",
        "artist",
        "show",
        "episode",
        "audiobook",
        "chapter",
        "playlist",
        "category",
    ] {
        assert_eq!(a.ids(kind), b.ids(kind), "{kind}");
    }
    let names = |c: &Catalog| {
        c.tracks
            .values()
            .map(|t| t.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&a), names(&b));
    assert_ne!(
        a.ids("track"),
        other.ids("track"),
        "another seed, another bulk"
    );
    assert_eq!(
        a.album_track_count(ids::ALBUM_30_TRACKS),
        other.album_track_count(ids::ALBUM_30_TRACKS)
    );
    let bulk = a.tracks.values().filter(|t| !t.name.is_empty()).count();
    assert!(bulk >= 600, "{bulk}");
    assert!(
        a.tracks
            .values()
            .any(|t| !t.relinks.is_empty() && t.id.as_str() != ids::RELINKED_TRACK),
        "bulk relinks"
    );
    assert!(
        a.tracks
            .values()
            .any(|t| t.markets != markets::MarketSet::all()),
        "restricted tracks"
    );
    // Names are made of words a search can find.
    assert!(
        a.tracks
            .values()
            .any(|t| t.name.split(' ').any(|w| words::NOUNS.contains(&w)))
    );
}

#[test]
fn hostile_bodies_do_not_panic() {
    let deep = "[".repeat(10_000);
    let deep_objects = "{\"a\":".repeat(5_000);
    let catalog = Catalog::from_bodies([
        ("garbage", "not json"),
        ("deep", deep.as_str()),
        ("deep objects", deep_objects.as_str()),
        ("wrong types", r#"{"type":"track","id":7,"uri":null}"#),
        ("empty", ""),
        (
            "odd values",
            r#"{"type":"album","id":"0000000000000000000000","uri":"spotify:album:0000000000000000000000","name":"X","release_date":"","total_tracks":-1,"available_markets":["??",5],"images":[{"url":7}],"tracks":{"items":[null,{"type":"track"}]}}"#,
        ),
        (
            "orphans",
            r#"{"type":"episode","id":"1111111111111111111111","uri":"spotify:episode:1111111111111111111111","name":"E"}"#,
        ),
    ]);
    // The album has no track: it stays, empty (nothing to link); the orphan episode is dropped.
    assert_eq!(catalog.len("episode"), 0);
    assert!(catalog.len("album") <= 1);
    assert!(Catalog::from_bodies([("x", "[]")]).is_empty());
}

/// `cargo test -p spotify-emulator --release --lib -- --ignored --nocapture synthetic_at_scale`
#[test]
#[ignore = "scale measurement; run in release"]
fn synthetic_at_scale() {
    let start = std::time::Instant::now();
    let c = Catalog::builder()
        .synthetic_tracks(100_000)
        .large_playlist_items(50_000)
        .build();
    let elapsed = start.elapsed();
    eprintln!(
        "100,000 synthetic tracks: built in {elapsed:?}; {} tracks, {} albums, {} artists, {} playlists",
        c.len("track"),
        c.len("album"),
        c.len("artist"),
        c.len("playlist")
    );
    assert!(c.len("track") >= 100_000);
    assert_eq!(c.playlist_item_count(ids::LARGE_PLAYLIST), Some(50_000));
}

/// The search index and the audio analysis are made on first use, not with the catalogue; what
/// they give is what an eager build gives: the index built at once from the same catalogue, and
/// the analysis body of `audio-analysis.json`.
#[test]
fn lazy_parts_are_unbuilt_at_start_and_give_what_an_eager_build_gives() {
    let c = Catalog::builder().synthetic_tracks(300).build();
    assert!(!c.search_is_built(), "the index waits for the first search");
    assert!(!c.audio_analysis.is_parsed(), "the analysis stays text");

    let eager = search::SearchIndex::build(&c);
    for q in [
        "surfin bird",
        "golden",
        "year:1960-1970",
        "tag:hipster",
        "genre:rock",
        "a",
    ] {
        let query = search::Query::parse(q);
        for kind in search::Kind::ALL {
            for market in [None, Some("SE"), Some(ids::RELINK_MARKET)] {
                assert_eq!(
                    c.search()
                        .search(&query, kind, market, 1_700_000_000, 0, 50),
                    eager.search(&query, kind, market, 1_700_000_000, 0, 50),
                    "{q} {kind:?} {market:?}"
                );
            }
        }
    }
    assert!(c.search_is_built());

    let fixture = embedded::FIXTURES
        .iter()
        .find(|(name, _)| *name == "audio-analysis.json")
        .map(|(_, body)| serde_json::from_str::<Value>(body).unwrap())
        .unwrap();
    let mut expected = fixture["audio_analysis"].clone();
    // `track.duration` is the track's own length: Surfin' Bird's 137,133 ms.
    expected["track"]["duration"] = Value::from(137.133);
    assert_eq!(c.audio_analysis(ids::SEED_TRACK), Some(expected));
    assert!(c.audio_analysis.is_parsed());
}

/// An analysis in a body with other content is found by the walk, as before; an analysis kept
/// as text comes first only if its body was read first.
#[test]
fn an_analysis_is_the_first_one_read_whether_kept_as_text_or_not() {
    let lone = r#"{"audio_analysis": {"track": {"tempo": 1.0}}}"#;
    let mixed = r#"{"x": {"audio_analysis": {"track": {"tempo": 2.0}}}}"#;
    let tempo = |c: &Catalog| c.audio_analysis.get().map(|v| v["track"]["tempo"].clone());
    let c = Catalog::from_bodies([("lone", lone), ("mixed", mixed)]);
    assert_eq!(tempo(&c), Some(Value::from(1.0)));
    let c = Catalog::from_bodies([("mixed", mixed), ("lone", lone)]);
    assert_eq!(tempo(&c), Some(Value::from(2.0)));
    // A lone analysis without a `track` is none, and the next one counts.
    let c = Catalog::from_bodies([
        ("bad", r#"{"audio_analysis": {"bars": []}}"#),
        ("lone", lone),
    ]);
    assert_eq!(tempo(&c), Some(Value::from(1.0)));
    assert_eq!(tempo(&Catalog::from_bodies([("none", "{}")])), None);
}

/// Every field of the built-in catalogue and of the fixtures' alone, as `Debug` shows them,
/// reduced to a digest: a change to how the catalogue is made that changes what it holds (an
/// entity, a field, the order of a list) changes the digest. Made to keep the start-up work
/// honest; when a change means to alter the catalogue, review and accept the new digest.
#[test]
fn the_catalogue_holds_what_it_held() {
    use sha2::{Digest, Sha256};
    let digest = |catalog: &Catalog| {
        Sha256::digest(format!("{catalog:?}").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let fixtures = Catalog::builder().synthetic(false).build();
    insta::assert_snapshot!(format!(
        "built-in: {}\nfixtures only: {}",
        digest(&Catalog::builder().build()),
        digest(&fixtures)
    ));
}
