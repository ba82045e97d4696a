//! `spotify playlist import`: an export reproduced in a new playlist, in order; a second run
//! adds nothing; a run interrupted by a fault then run again leaves every item exactly once;
//! copies count; bad files name their line and change nothing.

use serde_json::json;
use spotify_emulator::catalog_ids as ids;

use super::User;

/// The URIs of `playlist` that an import can add (local files cannot be), in order.
async fn addable(user: &User, playlist: &str) -> Vec<String> {
    user.uris(playlist)
        .await
        .into_iter()
        .filter(|u| !u.starts_with("spotify:local:"))
        .collect()
}

#[tokio::test]
async fn an_import_reproduces_the_export_in_order_and_a_second_adds_nothing() {
    let user = User::login().await;
    let dir = tempfile::tempdir().unwrap();
    let expected = addable(&user, ids::PLAYLIST_250_ITEMS).await;
    assert_eq!(expected.len(), 245, "5 local files");
    for format in ["csv", "json", "ndjson"] {
        let path = dir.path().join(format!("export.{format}"));
        let path = path.to_str().unwrap();
        user.ok(&["playlist", "export", ids::PLAYLIST_250_ITEMS, "-o", path])
            .await;
        let id = user.create(&format!("Copy ({format})")).await;
        let out = user.ok(&["playlist", "import", &id, path]).await;
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            format!(
                "Imported {path} ({format}, 250 items) into playlist {id}: 245 added, 0 already there"
            )
        );
        assert_eq!(
            lines[1],
            "  skipped 5 local files: Spotify cannot add local files (spotify:local:…) to a playlist"
        );
        assert!(lines[2].starts_with("  snapshot_id: "), "{out}");
        assert_eq!(addable(&user, &id).await, expected, "{format}");

        // Again: everything is there already, and nothing is sent.
        let posts = user.sent("POST", &format!("/v1/playlists/{id}/items"));
        let out = user.ok(&["playlist", "import", &id, path]).await;
        assert!(
            out.starts_with(&format!(
                "Imported {path} ({format}, 250 items) into playlist {id}: 0 added, 245 already there\n"
            )),
            "{out}"
        );
        assert!(!out.contains("snapshot_id"), "{out}");
        assert_eq!(
            user.sent("POST", &format!("/v1/playlists/{id}/items")),
            posts
        );
        assert_eq!(addable(&user, &id).await, expected);
    }
}

#[tokio::test]
async fn an_interrupted_import_run_again_adds_every_item_exactly_once() {
    let user = User::login().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ndjson");
    let path = path.to_str().unwrap();
    // The first 1,000 items of the large playlist (980 addable).
    let out = user
        .ok(&[
            "playlist",
            "export",
            ids::LARGE_PLAYLIST,
            "--format",
            "ndjson",
        ])
        .await;
    let first: Vec<&str> = out.lines().take(1_000).collect();
    std::fs::write(path, first.join("\n")).unwrap();
    let expected: Vec<String> = addable(&user, ids::LARGE_PLAYLIST).await[..980].to_vec();

    let id = user.create("Interrupted import").await;
    let items = format!("/v1/playlists/{id}/items");
    // The import reads the (empty) playlist in one request, then adds in batches of 100: the
    // fourth batch fails with a 500, which may or may not have been applied.
    user.fault(json!({"status": 500, "after": 4, "count": 1, "path_prefix": items}));
    let stderr = user.fails(&["playlist", "import", &id, path], 4).await;
    assert!(
        stderr.starts_with(&format!(
            "error: the import stopped after adding 300 of the 980 items missing from playlist {id} (0 were already there); run the same import again to add the rest: it adds only what the playlist does not have yet: "
        )),
        "{stderr}"
    );
    assert_eq!(user.uris(&id).await, &expected[..300]);

    let out = user.ok(&["playlist", "import", &id, path]).await;
    assert!(
        out.starts_with(&format!(
            "Imported {path} (ndjson, 1,000 items) into playlist {id}: 680 added, 300 already there\n"
        )),
        "{out}"
    );
    assert_eq!(user.uris(&id).await, expected);
}

#[tokio::test]
async fn copies_in_the_file_count_and_bare_uris_are_enough() {
    let user = User::login().await;
    let dir = tempfile::tempdir().unwrap();
    let a = "spotify:track:7EjyzZcbLxW7PaaLua9Ksb";
    let items = super::distinct_items(&user.api, 2).await;
    let b = items[1].as_str();
    let path = dir.path().join("hand made.csv");
    std::fs::write(&path, format!("uri\n{a}\n{b}\n{a}\n")).unwrap();
    let path = path.to_str().unwrap();
    let id = user.create("Copies").await;
    user.ok(&["playlist", "add", &id, a]).await;

    let out = user.ok(&["playlist", "import", &id, path]).await;
    assert!(out.contains(": 2 added, 1 already there"), "{out}");
    assert_eq!(user.uris(&id).await, [a, b, a]);
    let out = user.ok(&["playlist", "import", &id, path]).await;
    assert!(out.contains(": 0 added, 3 already there"), "{out}");

    // From stdin, with the format given.
    let mut cmd = user.spotify(&["playlist", "import", &id, "-", "--format", "json"]);
    cmd.stdin(std::process::Stdio::piped());
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        write!(stdin, "[\"{a}\", \"{a}\", \"{a}\"]").unwrap();
    }
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        crate::support::text(&out.stderr)
    );
    let stdout = crate::support::text(&out.stdout);
    assert!(
        stdout.starts_with(&format!(
            "Imported stdin (json, 3 items) into playlist {id}: 1 added, 2 already there"
        )),
        "{stdout}"
    );
}

#[tokio::test]
async fn bad_files_say_which_line_and_change_nothing() {
    let user = User::login().await;
    let dir = tempfile::tempdir().unwrap();
    let id = user.create("Untouched").await;
    let good = "spotify:track:7EjyzZcbLxW7PaaLua9Ksb";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "bad uri.csv",
            format!(
                "position,uri,name\n0,{good},\"a, b\"\n1,spotify:album:4aawyAB9vmqN3uQ7FjRGTy,x\n"
            ),
            "bad uri.csv: line 3: invalid ",
        ),
        (
            "no uri column.csv",
            "position,name\n0,x\n".to_owned(),
            "no uri column.csv: line 1: no `uri` column in the header (it has: position, name)",
        ),
        (
            "unterminated.json",
            format!("{{\n  \"items\": [\n    {{\"item\": {{\"uri\": \"{good}\"}}}},\n"),
            "unterminated.json: line 4, column 0: EOF while parsing a value",
        ),
        (
            "wrong.json",
            "{\n  \"name\": \"x\",\n  \"items\": {\"total\": 3}\n}\n".to_owned(),
            "wrong.json: line 3, column 12: invalid type: map, expected an array of playlist items",
        ),
        (
            "unknown.ndjson",
            format!(
                "{{\"uri\": \"{good}\"}}\n{{\"item\": {{\"uri\": \"spotify:show:4aawyAB9vmqN3uQ7FjRGTy\"}}}}\n"
            ),
            "unknown.ndjson: line 2, column ",
        ),
        (
            "binary.csv",
            "uri\n\u{0}\u{1}garbage\n".to_owned(),
            "binary.csv: line 2: invalid ",
        ),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let stderr = user
            .fails(&["playlist", "import", &id, path.to_str().unwrap()], 2)
            .await;
        assert!(
            stderr.starts_with(&format!("error: {}", dir.path().join(expected).display())),
            "{name}: {stderr}"
        );
    }
    // Not UTF-8.
    let path = dir.path().join("latin1.csv");
    std::fs::write(&path, b"uri\n\xe9t\xe9\n").unwrap();
    let stderr = user
        .fails(&["playlist", "import", &id, path.to_str().unwrap()], 2)
        .await;
    assert!(stderr.contains("line 2"), "{stderr}");

    let stderr = user
        .fails(&["playlist", "import", &id, "items.txt"], 2)
        .await;
    assert!(stderr.contains("--format json, csv or ndjson"), "{stderr}");
    let missing = dir.path().join("missing.csv");
    let stderr = user
        .fails(&["playlist", "import", &id, missing.to_str().unwrap()], 1)
        .await;
    assert!(stderr.contains("cannot open"), "{stderr}");
    assert_eq!(user.sent("POST", &format!("/v1/playlists/{id}/items")), 0);
    assert!(user.uris(&id).await.is_empty());
}
