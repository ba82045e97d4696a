//! The catalogue commands (`search`, `album`, `artist`, `show`, `episode`, `audiobook`,
//! `chapter`), run as a user runs them against emulators, their tables snapshotted at a fixed
//! width and their `--json` decoded back into the library's models.

mod playlists;

use spotify_emulator::{Catalog, Emulator, QuotaMode, catalog_ids as ids};
use unicode_width::UnicodeWidthStr;

use crate::assert_clean_failure;
use crate::support::{run, spotify_app, spotify_emulator, stdout_of, text};

/// Runs `spotify --emulator ARGS` and returns its stdout; it must succeed.
async fn emulator(args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    stdout_of(spotify_emulator(home.path(), args)).await
}

/// Runs `spotify --emulator ARGS`, which must fail with `code`; returns its stderr.
async fn emulator_fails(args: &[&str], code: i32) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = run(spotify_emulator(home.path(), args)).await;
    assert_clean_failure(&out, code);
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    text(&out.stderr)
}

/// Every line fits `width` display columns.
fn assert_fits(output: &str, width: usize) {
    for line in output.lines() {
        assert!(
            line.width() <= width,
            "{} > {width}: {line:?}",
            line.width()
        );
    }
}

#[tokio::test]
async fn search_prints_tracks_albums_and_artists_by_default() {
    let out = emulator(&["search", "golden"]).await;
    assert_fits(&out, 100);
    insta::assert_snapshot!(out);
}

#[tokio::test]
async fn search_prints_one_table_per_type_in_the_order_asked() {
    let out = emulator(&[
        "search",
        "golden",
        "--type",
        "episode,playlist,audiobook,show,artist",
        "--limit",
        "3",
        "--offset",
        "1",
        "--market",
        "US",
    ])
    .await;
    insta::assert_snapshot!(out);
}

#[tokio::test]
async fn search_joins_the_words_of_the_query_and_takes_field_filters() {
    let out = emulator(&["search", "surfin", "bird", "--type", "track"]).await;
    assert!(out.contains("Surfin' Bird"), "{out}");
    let filtered = emulator(&[
        "search",
        "artist:\"The Trashmen\"",
        "--type",
        "track",
        "--limit",
        "10",
    ])
    .await;
    assert!(filtered.contains("Surfin' Bird"), "{filtered}");
}

#[tokio::test]
async fn search_cuts_long_cells_to_a_narrow_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify_emulator(home.path(), &["search", "golden", "--type", "track,album"]);
    cmd.env("COLUMNS", "60");
    let out = stdout_of(cmd).await;
    assert_fits(&out, 60);
    assert!(out.contains('…'), "{out}");
    insta::assert_snapshot!(out);
}

#[tokio::test]
async fn search_json_decodes_into_the_results_of_the_types_asked() {
    let out = emulator(&[
        "search",
        "golden",
        "--type",
        "album,show",
        "--json",
        "--market",
        "SE",
    ])
    .await;
    let results: spotify_web_api::model::SearchResults = serde_json::from_str(&out).unwrap();
    assert!(!results.albums.as_ref().unwrap().items.is_empty());
    assert!(results.shows.is_some());
    assert_eq!(results.tracks, None);
    assert_eq!(results.artists, None);
}

#[tokio::test]
async fn search_limits_are_checked_before_anything_is_sent() {
    let emu = Emulator::start().await;
    let home = tempfile::tempdir().unwrap();
    for (flag, value, message) in [
        (
            "--limit",
            "11",
            "invalid argument `limit`: 11 is outside 1..=10",
        ),
        (
            "--limit",
            "0",
            "invalid argument `limit`: 0 is outside 1..=10",
        ),
        (
            "--offset",
            "1001",
            "invalid argument `offset`: 1001 is outside 0..=1000",
        ),
    ] {
        let out = run(spotify_app(
            &emu,
            home.path(),
            &["search", "golden", flag, value],
        ))
        .await;
        assert_clean_failure(&out, 2);
        assert_eq!(text(&out.stderr), format!("error: {message}\n"));
    }
    assert!(
        emu.requests().iter().all(|r| !r.path.contains("/search")),
        "{:?}",
        emu.requests()
    );
    // Not a number, or not a type: clap says so, with the usage exit code.
    for args in [
        &["search", "golden", "--limit", "-1"][..],
        &["search", "golden", "--type", "podcast"],
        &["search"],
    ] {
        let out = run(spotify_app(&emu, home.path(), args)).await;
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    }
}

#[tokio::test]
async fn album_prints_its_details_and_every_track() {
    let out = emulator(&["album", ids::ALBUM_30_TRACKS]).await;
    assert_fits(&out, 100);
    assert!(out.contains("Tracks (30)\n"), "{out}");
    insta::assert_snapshot!(out);
}

#[tokio::test]
async fn album_json_decodes_into_the_album() {
    let uri = format!("spotify:album:{}", ids::ALBUM_30_TRACKS);
    let out = emulator(&["album", &uri, "--json", "--market", "SE"]).await;
    let album: spotify_web_api::model::Album = serde_json::from_str(&out).unwrap();
    assert_eq!(album.id.as_str(), ids::ALBUM_30_TRACKS);
    assert_eq!(album.tracks.total, 30);
}

#[tokio::test]
async fn artist_without_top_tracks_says_why_in_one_line_and_shows_the_rest() {
    let out = emulator(&["artist", ids::ARTIST_25_ALBUMS]).await;
    let removed: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("Top tracks"))
        .collect();
    assert_eq!(
        removed,
        [
            "Top tracks: not shown: get-an-artists-top-tracks is not available to this app: Spotify removed it for development-mode apps in the February 2026 changes"
        ]
    );
    assert!(out.contains("Albums (25)\n"), "{out}");
    insta::assert_snapshot!(out);
}

#[tokio::test]
async fn artist_of_an_extended_app_has_top_tracks() {
    let emu = Emulator::builder()
        .quota_mode(QuotaMode::Extended)
        .start()
        .await
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = stdout_of(spotify_app(
        &emu,
        home.path(),
        &[
            "artist",
            ids::ARTIST_25_ALBUMS,
            "--market",
            "SE",
            "--include-groups",
            "single,appears_on",
        ],
    ))
    .await;
    assert_fits(&out, 100);
    insta::assert_snapshot!(out);
}

#[tokio::test]
async fn artist_json_decodes_into_the_artist() {
    let out = emulator(&["artist", ids::ARTIST_25_ALBUMS, "--json"]).await;
    let artist: spotify_web_api::model::Artist = serde_json::from_str(&out).unwrap();
    assert_eq!(artist.id.as_str(), ids::ARTIST_25_ALBUMS);
}

#[tokio::test]
async fn show_prints_its_first_episodes_in_a_market() {
    let out = emulator(&["show", ids::SHOW_60_EPISODES, "--market", "SE"]).await;
    assert!(out.contains("Episodes (1-50 of 60)\n"), "{out}");
    insta::assert_snapshot!(out);
}

#[tokio::test]
async fn market_bound_content_without_a_market_says_to_give_one() {
    let stderr = emulator_fails(&["show", ids::SHOW_60_EPISODES], 4).await;
    assert_eq!(
        stderr,
        "error: no show found without a market (Spotify offers shows only in a market: add --market, e.g. --market US): spotify api error 404: non existing id\n"
    );
    let stderr = emulator_fails(
        &["audiobook", ids::AUDIOBOOK_40_CHAPTERS, "--market", "SE"],
        4,
    )
    .await;
    assert_eq!(
        stderr,
        "error: no audiobook found in market SE (Spotify sells audiobooks only in US, GB, CA, IE, NZ, AU): spotify api error 404: non existing id\n"
    );
}

/// The first episode of the 60-episode show and the first chapter of the audiobook.
async fn first_episode_and_chapter() -> (String, String) {
    let show = emulator(&["show", ids::SHOW_60_EPISODES, "--market", "SE", "--json"]).await;
    let show: spotify_web_api::model::Show = serde_json::from_str(&show).unwrap();
    let book = emulator(&[
        "audiobook",
        ids::AUDIOBOOK_40_CHAPTERS,
        "--market",
        "US",
        "--json",
    ])
    .await;
    let book: spotify_web_api::model::Audiobook = serde_json::from_str(&book).unwrap();
    assert_eq!(show.episodes.total, 60);
    assert_eq!(book.chapters.total, 40);
    (
        show.episodes.items[0].id.to_string(),
        book.chapters.items[0].id.to_string(),
    )
}

#[tokio::test]
async fn episode_audiobook_and_chapter_print_readably() {
    let (episode, chapter) = first_episode_and_chapter().await;
    let out = emulator(&["episode", &episode, "--market", "SE"]).await;
    insta::assert_snapshot!("episode", out);
    let out = emulator(&["audiobook", ids::AUDIOBOOK_40_CHAPTERS, "--market", "US"]).await;
    assert!(out.contains("Chapters (40)\n"), "{out}");
    insta::assert_snapshot!("audiobook", out);
    let out = emulator(&[
        "chapter",
        &format!("spotify:episode:{chapter}"),
        "--market",
        "GB",
    ])
    .await;
    insta::assert_snapshot!("chapter", out);
}

#[tokio::test]
async fn episode_and_chapter_json_decode_into_their_models() {
    let (episode, chapter) = first_episode_and_chapter().await;
    let out = emulator(&["episode", &episode, "--market", "SE", "--json"]).await;
    let decoded: spotify_web_api::model::Episode = serde_json::from_str(&out).unwrap();
    assert_eq!(decoded.id.as_str(), episode);
    assert_eq!(decoded.show.id.as_str(), ids::SHOW_60_EPISODES);
    let out = emulator(&["chapter", &chapter, "--market", "US", "--json"]).await;
    let decoded: spotify_web_api::model::Chapter = serde_json::from_str(&out).unwrap();
    assert_eq!(decoded.id.as_str(), chapter);
    assert_eq!(decoded.audiobook.id.as_str(), ids::AUDIOBOOK_40_CHAPTERS);
}

#[tokio::test]
async fn malformed_and_wrong_kind_ids_are_usage_errors() {
    for (args, kind) in [
        (&["album", "not-an-id"][..], "album"),
        (
            &["artist", "spotify:track:7EjyzZcbLxW7PaaLua9Ksb"],
            "artist",
        ),
        (
            &[
                "playlist",
                "https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy",
            ],
            "playlist",
        ),
        (&["playlist", "items", "0123"], "playlist"),
        (
            &[
                "show",
                "spotify:episode:7EjyzZcbLxW7PaaLua9Ksb",
                "--market",
                "SE",
            ],
            "show",
        ),
        (&["episode", "x", "--market", "SE"], "episode"),
        (
            &[
                "audiobook",
                "spotify:album:4aawyAB9vmqN3uQ7FjRGTy",
                "--market",
                "US",
            ],
            "audiobook",
        ),
        (&["chapter", "!", "--market", "US"], "chapter"),
    ] {
        let stderr = emulator_fails(args, 2).await;
        assert!(
            stderr.contains(&format!("invalid {kind} id")),
            "{args:?}: {stderr}"
        );
    }
}

#[tokio::test]
async fn unknown_ids_and_markets_are_api_or_usage_errors() {
    let unknown = "0000000000000000000000";
    for args in [
        &["album", unknown][..],
        &["artist", unknown],
        &["playlist", unknown],
        &["playlist", "items", unknown],
        &["episode", unknown, "--market", "SE"],
    ] {
        let stderr = emulator_fails(args, 4).await;
        assert!(stderr.contains("404"), "{args:?}: {stderr}");
    }
    let stderr = emulator_fails(&["album", ids::ALBUM_30_TRACKS, "--market", "Sweden"], 2).await;
    assert!(stderr.contains("invalid argument `market`"), "{stderr}");
}

#[tokio::test]
async fn an_unreachable_service_is_a_network_error() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = crate::support::spotify(home.path());
    cmd.env("SPOTIFY_CLIENT_ID", "id")
        .env("SPOTIFY_CLIENT_SECRET", "secret")
        .args(["--base-url", "http://127.0.0.1:9", "search", "golden"]);
    assert_clean_failure(&run(cmd).await, 5);
}

/// An album whose names are CJK, emoji and accented (composed and combining).
const UNICODE_ALBUM: &str = r#"{
  "type": "album", "id": "0Un1c0deA1bum000000000", "name": "東京事変 🎸 ライブ",
  "uri": "spotify:album:0Un1c0deA1bum000000000", "album_type": "album",
  "release_date": "2004-05-26", "release_date_precision": "day", "total_tracks": 5,
  "artists": [{"type": "artist", "id": "0Un1c0deArt1st00000000", "name": "Sigur Rós",
               "uri": "spotify:artist:0Un1c0deArt1st00000000"}],
  "tracks": {
    "href": "https://api.spotify.com/v1/albums/0Un1c0deA1bum000000000/tracks",
    "limit": 50, "offset": 0, "next": null, "previous": null, "total": 5,
    "items": [
      {"type": "track", "id": "0Un1c0deTrack000000001", "uri": "spotify:track:0Un1c0deTrack000000001",
       "name": "群青日和", "track_number": 1, "disc_number": 1, "duration_ms": 211000,
       "artists": [{"type": "artist", "id": "0Un1c0deArt1st00000000", "name": "Sigur Rós",
                    "uri": "spotify:artist:0Un1c0deArt1st00000000"}]},
      {"type": "track", "id": "0Un1c0deTrack000000002", "uri": "spotify:track:0Un1c0deTrack000000002",
       "name": "Beyonce\u0301 (combining accent)", "track_number": 2, "disc_number": 1, "duration_ms": 62000,
       "artists": [{"type": "artist", "id": "0Un1c0deArt1st00000000", "name": "Sigur Rós",
                    "uri": "spotify:artist:0Un1c0deArt1st00000000"}]},
      {"type": "track", "id": "0Un1c0deTrack000000003", "uri": "spotify:track:0Un1c0deTrack000000003",
       "name": "🎸🔥 Emoji 🎶", "track_number": 3, "disc_number": 1, "duration_ms": 3723000,
       "artists": [{"type": "artist", "id": "0Un1c0deArt1st00000000", "name": "Sigur Rós",
                    "uri": "spotify:artist:0Un1c0deArt1st00000000"}]},
      {"type": "track", "id": "0Un1c0deTrack000000004", "uri": "spotify:track:0Un1c0deTrack000000004",
       "name": "Ágætis byrjun", "track_number": 4, "disc_number": 1, "duration_ms": 599000,
       "artists": [{"type": "artist", "id": "0Un1c0deArt1st00000000", "name": "Sigur Rós",
                    "uri": "spotify:artist:0Un1c0deArt1st00000000"}]},
      {"type": "track", "id": "0Un1c0deTrack000000005", "uri": "spotify:track:0Un1c0deTrack000000005",
       "name": "とても長い曲名はターミナルの幅に収まらないので省略されます", "track_number": 5, "disc_number": 1,
       "duration_ms": 180000,
       "artists": [{"type": "artist", "id": "0Un1c0deArt1st00000000", "name": "Sigur Rós",
                    "uri": "spotify:artist:0Un1c0deArt1st00000000"}]}
    ]
  }
}"#;

#[tokio::test]
async fn unicode_names_align_by_display_width() {
    let emu = Emulator::builder()
        .catalog(Catalog::from_bodies([(
            "unicode-album.json",
            UNICODE_ALBUM,
        )]))
        .start()
        .await
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify_app(&emu, home.path(), &["album", "0Un1c0deA1bum000000000"]);
    cmd.env("COLUMNS", "72");
    let out = stdout_of(cmd).await;
    assert_fits(&out, 72);
    insta::assert_snapshot!(out);
    // Every row's ID starts in the same display column as the header's.
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Tracks"))
        .skip(1)
        .collect();
    assert_eq!(table.len(), 6, "{out}");
    let id_column = |line: &str| line[..line.rfind("  ").unwrap()].width();
    let header = id_column(table[0]);
    assert!(table.iter().all(|l| id_column(l) == header), "{out}");
    assert!(out.contains("…"), "the long title is cut: {out}");
}

/// An album of `n` tracks on two discs, as a body for `Catalog::from_bodies`.
fn long_album(n: usize) -> String {
    let artist = serde_json::json!({"type": "artist", "id": "0LongA1bumArt1st000000",
        "name": "Long Player", "uri": "spotify:artist:0LongA1bumArt1st000000"});
    let tracks: Vec<serde_json::Value> = (1..=n)
        .map(|i| {
            let id = format!("0LongA1bumTrack{i:07}");
            serde_json::json!({"type": "track", "id": id, "uri": format!("spotify:track:{id}"),
                "name": format!("Part {i}"), "track_number": (i - 1) % 40 + 1,
                "disc_number": (i - 1) / 40 + 1, "duration_ms": 60_000, "artists": [artist]})
        })
        .collect();
    serde_json::json!({
        "type": "album", "id": "0LongA1bum000000000000", "name": "The Long Player",
        "uri": "spotify:album:0LongA1bum000000000000", "album_type": "album",
        "release_date": "1999", "release_date_precision": "year", "total_tracks": n,
        "artists": [artist],
        "tracks": {"href": "https://api.spotify.com/v1/albums/0LongA1bum000000000000/tracks",
                   "limit": 50, "offset": 0, "next": null, "previous": null, "total": n,
                   "items": tracks}
    })
    .to_string()
}

#[tokio::test]
async fn album_follows_the_pages_of_a_long_album_and_numbers_its_discs() {
    let body = long_album(120);
    let emu = Emulator::builder()
        .catalog(Catalog::from_bodies([("long-album.json", body.as_str())]))
        .start()
        .await
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = stdout_of(spotify_app(
        &emu,
        home.path(),
        &["album", "0LongA1bum000000000000"],
    ))
    .await;
    let pages = emu
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/tracks"))
        .count();
    assert_eq!(
        pages, 2,
        "the album holds the first 50, two more pages hold the rest"
    );
    assert!(out.contains("  length:   2:00:00\n"), "{out}");
    assert!(out.contains("Tracks (120)\nDISC   #  TITLE"), "{out}");
    let rows: Vec<&str> = out.lines().filter(|l| l.contains("Part ")).collect();
    assert_eq!(rows.len(), 120);
    assert!(rows[0].starts_with("   1   1  Part 1 "), "{}", rows[0]);
    assert!(
        rows[119].starts_with("   3  40  Part 120 "),
        "{}",
        rows[119]
    );
}
