//! The one output convention: a table by default, `--json`, `--output ndjson|csv` for lists,
//! and colours only on a terminal (here: forced with `CLICOLOR_FORCE`), never with `NO_COLOR`.

use serde_json::Value;
use spotify_emulator::{QuotaMode, catalog_ids as ids};

use crate::support::{SURFIN_BIRD, run, spotify_emulator, stdout_of, text};
use crate::user::{emulator, login, ok};

const BOLD: &str = "\u{1b}[1m";

#[tokio::test]
async fn a_list_prints_as_a_table_json_ndjson_or_csv() {
    let home = tempfile::tempdir().unwrap();
    let list = |format: &'static str| {
        let home = home.path().to_owned();
        async move {
            let mut args = vec!["playlist", "items", ids::PLAYLIST_250_ITEMS];
            if !format.is_empty() {
                args.extend(["--output", format]);
            }
            stdout_of(spotify_emulator(&home, &args)).await
        }
    };
    let table = list("").await;
    assert!(table.starts_with("    #  TITLE"), "{table}");
    assert_eq!(table.lines().count(), 251);

    let json: Vec<Value> = serde_json::from_str(&list("json").await).unwrap();
    let ndjson: Vec<Value> = list("ndjson")
        .await
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(json.len(), 250);
    assert_eq!(ndjson, json);

    // The table's columns, uncut, one row per item, read back by a CSV reader.
    let csv = list("csv").await;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "position");
    assert!(header.contains(&"title".to_owned()), "{header:?}");
    let id_column = header.iter().position(|h| h == "id").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 250);
    for (row, item) in rows.iter().zip(&json) {
        // A local file has no ID: an empty cell.
        let id = item["item"]["id"].as_str().unwrap_or_default();
        assert_eq!(&row[id_column], id, "{row:?}");
    }
    assert_eq!(&rows[249][0], "250");

    // `playlist export` takes the same flag for its format when --format is not given.
    let export = stdout_of(spotify_emulator(
        home.path(),
        &[
            "playlist",
            "export",
            ids::PLAYLIST_250_ITEMS,
            "--output",
            "csv",
        ],
    ))
    .await;
    assert!(
        export.starts_with("position,uri,type,id,name,"),
        "{export:.200}"
    );
}

#[tokio::test]
async fn one_object_is_a_view_json_or_one_line_and_csv_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let one = |args: &'static [&'static str]| spotify_emulator(home.path(), args);
    let ndjson = stdout_of(one(&["track", SURFIN_BIRD, "--output", "ndjson"])).await;
    assert_eq!(ndjson.lines().count(), 1);
    let track: Value = serde_json::from_str(&ndjson).unwrap();
    let json: Value =
        serde_json::from_str(&stdout_of(one(&["track", SURFIN_BIRD, "--output", "json"])).await)
            .unwrap();
    assert_eq!(track, json);
    // An album with --output json is Spotify's album alone, as with --json (but for the
    // emulator's port in the tracks' `href`).
    let album = |flags: &'static [&'static str]| {
        let home = home.path().to_owned();
        async move {
            let mut args = vec!["album", ids::ALBUM_30_TRACKS];
            args.extend(flags);
            let out = stdout_of(spotify_emulator(&home, &args)).await;
            let mut album: Value = serde_json::from_str(&out).unwrap();
            album["tracks"]["href"] = Value::Null;
            album
        }
    };
    let (output, json) = (album(&["--output", "json"]).await, album(&["--json"]).await);
    assert!(output == json, "the two flags differ");
    assert_eq!(output["tracks"]["items"].as_array().map(Vec::len), Some(30));

    let out = run(one(&["track", SURFIN_BIRD, "--output", "csv"])).await;
    crate::assert_clean_failure(&out, 2);
    assert!(
        text(&out.stderr).contains("--output csv is for lists"),
        "{}",
        text(&out.stderr)
    );
    // --json and --output say the same thing twice: clap refuses both at once.
    let out = run(one(&["track", SURFIN_BIRD, "--json", "--output", "ndjson"])).await;
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test]
async fn devices_are_a_list_and_writes_say_what_they_did_only_in_a_table() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let devices: Vec<Value> =
        serde_json::from_str(&ok(&emu, home, &["player", "devices", "--json"]).await).unwrap();
    let names: Vec<&str> = devices.iter().filter_map(|d| d["name"].as_str()).collect();
    assert!(names.contains(&"Emulator Desktop"), "{names:?}");
    let csv = ok(&emu, home, &["player", "devices", "--output", "csv"]).await;
    assert!(csv.starts_with("active,name,type,volume,id\n"), "{csv}");
    assert_eq!(csv.lines().count(), devices.len() + 1);

    let track = format!("track:{SURFIN_BIRD}");
    assert_eq!(
        ok(&emu, home, &["library", "save", &track]).await,
        "Saved 1 item.\n"
    );
    assert_eq!(
        ok(&emu, home, &["library", "remove", &track, "--json"]).await,
        ""
    );
    let saved = ok(&emu, home, &["library", "list", "--output", "ndjson"]).await;
    assert_eq!(saved, "");
    assert_eq!(
        ok(&emu, home, &["library", "list", "--output", "csv"]).await,
        "added,title,artists,album,duration,id\n"
    );
    assert_eq!(ok(&emu, home, &["logout", "--json"]).await, "");
}

#[tokio::test]
async fn colours_only_where_asked_for_and_never_with_no_color() {
    let home = tempfile::tempdir().unwrap();
    let args = ["playlist", "items", ids::PLAYLIST_250_ITEMS];
    // On a pipe: no escape codes.
    let plain = stdout_of(spotify_emulator(home.path(), &args)).await;
    assert!(!plain.contains('\u{1b}'));
    // As on a terminal (CLICOLOR_FORCE stands for one): a bold header, the rest the same.
    let mut cmd = spotify_emulator(home.path(), &args);
    cmd.env("CLICOLOR_FORCE", "1");
    let coloured = stdout_of(cmd).await;
    assert!(coloured.starts_with(BOLD), "{coloured:?}");
    assert_eq!(
        anstream::adapter::strip_str(&coloured).to_string(),
        plain,
        "only the escape codes differ"
    );
    // NO_COLOR wins, for the output and for the error line.
    let mut cmd = spotify_emulator(home.path(), &args);
    cmd.env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1");
    assert_eq!(stdout_of(cmd).await, plain);
    let mut cmd = spotify_emulator(home.path(), &["track", "0000000000000000000000"]);
    cmd.env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1");
    crate::assert_clean_failure(&run(cmd).await, 4);
    let mut cmd = spotify_emulator(home.path(), &["track", "0000000000000000000000"]);
    cmd.env("CLICOLOR_FORCE", "1");
    let out = run(cmd).await;
    assert!(
        text(&out.stderr).starts_with('\u{1b}'),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test]
async fn csv_for_a_command_that_prints_no_list_is_refused_before_anything_is_sent() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let names = || async {
        let list = ok(&emu, home, &["playlist", "list", "--output", "ndjson"]).await;
        list.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["name"].to_string())
            .collect::<Vec<_>>()
    };
    let before = names().await;
    let track = format!("track:{SURFIN_BIRD}");
    for args in [
        &[
            "api",
            "POST",
            "/me/playlists",
            "-f",
            "name=Csv",
            "--output",
            "csv",
        ][..],
        &["playlist", "create", "Csv", "--output", "csv"],
        &["library", "save", &track, "--output", "csv"],
        &["player", "volume", "10", "--output", "csv"],
    ] {
        let stderr = crate::user::fails(&emu, home, args, 2).await;
        assert!(
            stderr.contains("--output csv is for lists"),
            "{args:?}: {stderr}"
        );
    }
    // Nothing was made: a script that reads exit 2 as "nothing sent" may retry.
    assert_eq!(names().await, before);
    assert_eq!(
        ok(&emu, home, &["library", "list", "--output", "csv"])
            .await
            .lines()
            .count(),
        1
    );
    let devices: Vec<Value> =
        serde_json::from_str(&ok(&emu, home, &["player", "devices", "--json"]).await).unwrap();
    let active = devices.iter().find(|d| d["is_active"] == true).unwrap();
    assert_eq!(active["volume_percent"], 80, "{active}");
}
