//! `spotify api METHOD PATH`: any Web API request through the library's pipeline, run as a
//! user runs it against emulators.

use std::io::Write;
use std::process::Stdio;

use serde_json::{Value, json};
use spotify_emulator::{Catalog, QuotaMode};

use crate::support::{self, SURFIN_BIRD, run, spotify_emulator, text};
use crate::user::{emulator, fails, login, ok, spotify};

/// Decodes one JSON document.
fn value(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[tokio::test]
async fn a_get_prints_spotifys_json_and_fields_go_in_the_query() {
    let home = tempfile::tempdir().unwrap();
    // With or without /v1, with the managed app token of --emulator.
    for path in [
        format!("/tracks/{SURFIN_BIRD}"),
        format!("v1/tracks/{SURFIN_BIRD}"),
    ] {
        let out = support::stdout_of(spotify_emulator(home.path(), &["api", "GET", &path])).await;
        let track = value(&out);
        assert_eq!(track["name"], "Surfin' Bird", "{path}");
        assert_eq!(track["artists"][0]["name"], "The Trashmen");
        // Pretty by default, as --json prints.
        assert!(out.starts_with("{\n  \""), "{out}");
    }
    let out = support::stdout_of(spotify_emulator(
        home.path(),
        &[
            "api",
            "get",
            "/search",
            "-f",
            "q=surfin bird",
            "-f",
            "type=track",
            "-f",
            "limit=1",
        ],
    ))
    .await;
    let found = value(&out);
    assert_eq!(found["tracks"]["items"][0]["id"], SURFIN_BIRD, "{out}");
    assert_eq!(found["tracks"]["limit"], 1);
    assert!(found.get("albums").is_none(), "{out}");
}

#[tokio::test]
async fn a_404_exits_with_the_api_code() {
    let home = tempfile::tempdir().unwrap();
    for path in ["/tracks/0000000000000000000000", "/no/such/endpoint"] {
        let out = run(spotify_emulator(home.path(), &["api", "GET", path])).await;
        crate::assert_clean_failure(&out, 4);
        assert!(text(&out.stderr).contains("404"), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty());
    }
    // Before anything is sent: another method, or a URL on another host (no token leaves).
    for args in [
        ["api", "PATCH", "/me"],
        ["api", "GET", "https://example.com/v1/me"],
    ] {
        let out = run(spotify_emulator(home.path(), &args)).await;
        crate::assert_clean_failure(&out, 2);
    }
}

#[tokio::test]
async fn the_pipeline_retries_a_server_error_for_it() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    login(&emu, home.path()).await;
    support::fault(
        &emu,
        json!({"status": 503, "count": 1, "path_prefix": "/v1/me"}),
    );
    let before = emu.stats().api_requests;
    let me = value(&ok(&emu, home.path(), &["api", "GET", "/me"]).await);
    assert_eq!(me["id"], spotify_emulator::DEFAULT_USER_ID);
    assert_eq!(
        emu.stats().api_requests,
        before + 2,
        "the 503, then the retry"
    );
}

/// `spotify api POST` with a body from `--input` (a file, or `-` for stdin) or from fields,
/// then `--paginate` over the 300 items it added, every item once, in order.
#[tokio::test]
async fn post_with_a_json_body_then_paginate_over_300_items() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;

    // A JSON body from fields: `-f` strings, `-F` typed.
    let created = value(
        &ok(
            &emu,
            home,
            &[
                "api",
                "POST",
                "/me/playlists",
                "-f",
                "name=Three hundred",
                "-F",
                "public=false",
            ],
        )
        .await,
    );
    assert_eq!(created["name"], "Three hundred");
    assert_eq!(created["public"], false);
    let id = created["id"].as_str().unwrap().to_owned();

    let uris: Vec<String> = Catalog::builtin()
        .ids("track")
        .into_iter()
        .take(300)
        .map(|id| format!("spotify:track:{id}"))
        .collect();
    assert_eq!(uris.len(), 300);
    let path = format!("/playlists/{id}/items");
    // Spotify takes 100 a request: the first hundred from a file, the rest from stdin.
    let file = home.join("first.json");
    std::fs::write(&file, json!({"uris": uris[..100]}).to_string()).unwrap();
    let answer = value(
        &ok(
            &emu,
            home,
            &["api", "POST", &path, "--input", file.to_str().unwrap()],
        )
        .await,
    );
    assert!(answer["snapshot_id"].is_string(), "{answer}");
    for chunk in uris[100..].chunks(100) {
        let mut cmd = spotify(&emu, home, &["api", "POST", &path, "--input", "-"]);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let body = json!({ "uris": chunk }).to_string();
        let out = tokio::task::spawn_blocking(move || {
            let mut child = cmd.spawn().unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(body.as_bytes())
                .unwrap();
            child.wait_with_output().unwrap()
        })
        .await
        .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }

    let before = emu.stats().api_requests;
    let lines = ok(&emu, home, &["api", "GET", &path, "--paginate"]).await;
    let listed: Vec<String> = lines
        .lines()
        .map(|line| value(line)["item"]["uri"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, uris);
    // Page after page at Spotify's default size (20), each page asked for once.
    assert_eq!(emu.stats().api_requests - before, 15);

    // A page under a member, as search sends them: every item, and only the items.
    let lines = ok(
        &emu,
        home,
        &[
            "api",
            "GET",
            "/search",
            "-f",
            "q=golden",
            "-f",
            "type=track",
            "-f",
            "limit=3",
            "--paginate",
        ],
    )
    .await;
    let all = value(
        &ok(
            &emu,
            home,
            &["api", "GET", "/search?q=golden&type=track&limit=1"],
        )
        .await,
    );
    let total = all["tracks"]["total"].as_u64().unwrap();
    assert!(total > 3, "{total}");
    assert_eq!(lines.lines().count() as u64, total.min(1003));
    assert!(lines.lines().all(|l| value(l)["type"] == "track"));

    // Fields of a DELETE go in its query; a 4xx of a write exits with the API code.
    let stderr = fails(
        &emu,
        home,
        &[
            "api",
            "DELETE",
            "/me/library",
            "-f",
            "uris=spotify:track:bad",
        ],
        4,
    )
    .await;
    assert!(stderr.contains("400"), "{stderr}");
}

/// The head of an `--include` output and its body, split at the first blank line.
fn split_head(out: &str) -> (Vec<&str>, &str) {
    let (head, body) = out
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("no blank line: {out}"));
    (head.lines().collect(), body)
}

/// `-i` prints the answer's status line and headers, a blank line, then the body as without
/// it, in every output format; nothing of the request (its token) is printed.
#[tokio::test]
async fn include_prints_the_status_line_and_headers_before_the_body() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;

    for format in [&[][..], &["--output", "ndjson"][..]] {
        let mut args = vec!["api", "GET", "/me", "-i"];
        args.extend(format);
        let out = ok(&emu, home, &args).await;
        let (head, body) = split_head(&out);
        assert_eq!(head[0], "HTTP/1.1 200 OK", "{out}");
        assert!(
            head.iter()
                .any(|l| l.starts_with("content-type: application/json")),
            "{out}"
        );
        for line in &head[1..] {
            let (name, _) = line.split_once(": ").expect("name: value");
            assert!(
                !name.is_empty() && name == name.to_ascii_lowercase(),
                "{line}"
            );
            assert_ne!(name, "authorization", "{out}");
        }
        assert!(!out.to_ascii_lowercase().contains("bearer"), "{out}");
        // The body as without -i.
        let mut plain = args.clone();
        plain.retain(|a| *a != "-i");
        assert_eq!(body, ok(&emu, home, &plain).await, "{format:?}");
        assert_eq!(value(body)["id"], spotify_emulator::DEFAULT_USER_ID);
    }

    // A write without a body: the head and the blank line only.
    let out = ok(
        &emu,
        home,
        &[
            "api",
            "PUT",
            &format!("/me/library?uris=spotify:track:{SURFIN_BIRD}"),
            "--include",
        ],
    )
    .await;
    let (head, body) = split_head(&out);
    assert!(head[0].starts_with("HTTP/1.1 20"), "{out}");
    assert_eq!(body, "", "{out}");

    // An error answer is an error, as without -i, and prints no head; --paginate takes no -i.
    let out = run(spotify(
        &emu,
        home,
        &["api", "GET", "/tracks/0000000000000000000000", "-i"],
    ))
    .await;
    crate::assert_clean_failure(&out, 4);
    assert_eq!(text(&out.stdout), "", "no head for an error answer");
    let stderr = fails(
        &emu,
        home,
        &["api", "GET", "/me/playlists", "--paginate", "-i"],
        2,
    )
    .await;
    assert!(stderr.contains("--include"), "{stderr}");
}
