//! `spotify playlist export`: the 10,000-item playlist to CSV, read back with the `csv` crate
//! and compared item by item with the library's `fetch_all`; JSON and NDJSON parsed back; no
//! progress bar when stderr is not a terminal.

use spotify_emulator::catalog_ids as ids;
use spotify_web_api::model::{PlayableItem, PlaylistItem};

use super::User;

/// The documented columns of a CSV export.
const COLUMNS: [&str; 12] = [
    "position",
    "uri",
    "type",
    "id",
    "name",
    "artists",
    "show",
    "album",
    "duration_ms",
    "added_at",
    "added_by",
    "is_local",
];

/// What the CSV row of `item` at `position` must hold, from the library's model.
fn expected_row(position: usize, item: &PlaylistItem) -> Vec<String> {
    let content = item
        .content()
        .expect("the synthetic playlist has no null items");
    let (artists, show, album) = match content {
        PlayableItem::Track(t) => (
            t.artists
                .iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
                .join("; "),
            String::new(),
            t.album.name.clone(),
        ),
        PlayableItem::Episode(e) => (String::new(), e.show.name.clone(), String::new()),
        other => panic!("{other:?}"),
    };
    vec![
        position.to_string(),
        content.uri().to_owned(),
        content.kind().as_str().to_owned(),
        content.id().unwrap_or_default().to_owned(),
        content.name().to_owned(),
        artists,
        show,
        album,
        content.duration_ms().to_string(),
        item.added_at.clone().unwrap_or_default(),
        item.added_by.as_ref().unwrap().id.to_string(),
        content.is_local().to_string(),
    ]
}

/// No byte of a progress bar: no carriage return, no escape sequence.
fn assert_no_progress_bar(bytes: &[u8]) {
    assert!(
        !bytes.iter().any(|&b| b == b'\r' || b == 0x1b),
        "{}",
        String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
    );
}

#[tokio::test]
async fn the_10000_item_playlist_exports_to_csv_and_reads_back_item_by_item() {
    let user = User::login().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long road.csv");
    let path_arg = path.to_str().unwrap();
    let out = user.spotify(&["playlist", "export", ids::LARGE_PLAYLIST, "-o", path_arg]);
    let out = crate::support::run(out).await;
    assert!(
        out.status.success(),
        "{}",
        crate::support::text(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );
    assert_eq!(
        crate::support::text(&out.stdout),
        format!(
            "Exported 10,000 items of playlist The Long Road ({}) to {path_arg} (csv)\n",
            ids::LARGE_PLAYLIST
        )
    );
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "no .part file left");

    // The first page came with the playlist: the item pages start where it ends (100), and
    // none is asked for twice.
    let items_path = format!("/v1/playlists/{}/items", ids::LARGE_PLAYLIST);
    let mut offsets: Vec<u32> = user
        .emu
        .requests()
        .iter()
        .filter(|r| r.path == items_path)
        .map(|r| {
            url::form_urlencoded::parse(r.query.as_bytes())
                .find(|(k, _)| k == "offset")
                .map_or(0, |(_, v)| v.parse().unwrap())
        })
        .collect();
    let asked = offsets.len();
    offsets.sort_unstable();
    offsets.dedup();
    assert_eq!(offsets.len(), asked, "a page asked for twice: {offsets:?}");
    assert_eq!(offsets.first(), Some(&100), "{offsets:?}");

    let expected = user.items(ids::LARGE_PLAYLIST).await;
    assert_eq!(expected.len(), 10_000);
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, COLUMNS);
    let mut rows = 0;
    for (position, (record, item)) in reader.records().zip(&expected).enumerate() {
        let record: Vec<String> = record.unwrap().iter().map(String::from).collect();
        assert_eq!(record, expected_row(position, item), "item {position}");
        rows += 1;
    }
    assert_eq!(rows, 10_000);
    // Episodes (every tenth item) and local files (every fiftieth) among them.
    let local = expected
        .iter()
        .filter(|i| i.content().unwrap().is_local())
        .count();
    assert_eq!(local, 200);
}

#[tokio::test]
async fn json_and_ndjson_exports_parse_and_match_the_library() {
    let user = User::login().await;
    let expected = user.items(ids::PLAYLIST_250_ITEMS).await;
    let expected: Vec<serde_json::Value> = expected
        .iter()
        .map(|i| serde_json::to_value(i).unwrap())
        .collect();

    // JSON on stdout, piped: one document, the playlist's details and every item.
    let out =
        crate::support::run(user.spotify(&["playlist", "export", ids::PLAYLIST_250_ITEMS])).await;
    assert!(
        out.status.success(),
        "{}",
        crate::support::text(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    assert_no_progress_bar(&out.stdout);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["id"], ids::PLAYLIST_250_ITEMS);
    assert_eq!(doc["name"], "Two Hundred Fifty");
    assert!(doc["snapshot_id"].is_string());
    assert!(doc.get("tracks").is_none());
    assert_eq!(doc["items"].as_array().unwrap(), &expected);
    let details: spotify_web_api::model::Playlist = serde_json::from_value({
        let mut d = doc.clone();
        d.as_object_mut().unwrap().remove("items");
        d
    })
    .unwrap();
    assert_eq!(details.id.as_str(), ids::PLAYLIST_250_ITEMS);

    // NDJSON, by the file's extension: one item object per line.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("items.ndjson");
    user.ok(&[
        "playlist",
        "export",
        ids::PLAYLIST_250_ITEMS,
        "--file",
        path.to_str().unwrap(),
    ])
    .await;
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, expected);

    // `--format` wins over the extension; NDJSON on stdout.
    let out = user
        .ok(&[
            "playlist",
            "export",
            ids::PLAYLIST_250_ITEMS,
            "--format",
            "ndjson",
        ])
        .await;
    assert_eq!(out, text);
    let items: Vec<PlaylistItem> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(items.len(), 250);
}

#[tokio::test]
async fn an_empty_playlist_exports_to_valid_files() {
    let user = User::login().await;
    let id = user.create("Empty").await;
    let doc: serde_json::Value =
        serde_json::from_str(&user.ok(&["playlist", "export", &id]).await).unwrap();
    assert_eq!(doc["items"], serde_json::json!([]));
    let csv = user
        .ok(&["playlist", "export", &id, "--format", "csv"])
        .await;
    assert_eq!(csv, format!("{}\n", COLUMNS.join(",")));
    assert_eq!(
        user.ok(&["playlist", "export", &id, "--format", "ndjson"])
            .await,
        ""
    );
}

#[tokio::test]
async fn a_failed_export_leaves_no_file() {
    let user = User::login().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let items_path = format!("/v1/playlists/{}/items", ids::LARGE_PLAYLIST);
    // Every page after the tenth fails, retries included.
    user.fault(
        serde_json::json!({"status": 404, "after": 10, "count": 1000, "path_prefix": items_path}),
    );
    let stderr = user
        .fails(
            &[
                "playlist",
                "export",
                ids::LARGE_PLAYLIST,
                "-o",
                path.to_str().unwrap(),
            ],
            4,
        )
        .await;
    assert!(stderr.contains("404"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file, no .part file"
    );
}
