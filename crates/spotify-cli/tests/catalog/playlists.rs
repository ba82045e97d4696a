//! `spotify playlist` and `spotify playlist items`: details and first items, the one-line
//! refusal of a foreign playlist, and every item of the 10,000-item playlist streamed.

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::time::Duration;

use spotify_emulator::{Emulator, QuotaMode, catalog_ids as ids};

use super::{assert_fits, emulator, emulator_fails};
use crate::support::{spotify_app, spotify_emulator, stdout_of};

#[tokio::test]
async fn playlist_prints_its_details_and_first_items() {
    // `--emulator` acts as the emulator's default user, who owns this playlist; the hint
    // keeps `--emulator`, so that run as shown it reads the same playlist.
    let out = emulator(&["playlist", ids::PLAYLIST_250_ITEMS]).await;
    assert_fits(&out, 100);
    assert!(out.contains("Items (1-100 of 250)\n"), "{out}");
    assert!(
        out.ends_with(&format!(
            "(every item: spotify --emulator playlist items {})\n",
            ids::PLAYLIST_250_ITEMS
        )),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[tokio::test]
async fn a_hint_keeps_the_emulator_state_file() {
    // Run as shown, the hint must reach the same state: `--emulator-state` and its path,
    // quoted for the shell where the path needs it.
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("my state.json");
    let state = state.to_str().unwrap();
    let args = [
        "--emulator-state",
        state,
        "playlist",
        ids::PLAYLIST_250_ITEMS,
    ];
    let out = stdout_of(spotify_emulator(home.path(), &args)).await;
    assert!(
        out.ends_with(&format!(
            "(every item: spotify --emulator --emulator-state '{state}' playlist items {})\n",
            ids::PLAYLIST_250_ITEMS
        )),
        "{out}"
    );
}

#[tokio::test]
async fn a_foreign_playlist_shows_its_details_and_says_why_its_items_are_not() {
    let out = emulator(&["playlist", ids::FOREIGN_PLAYLIST]).await;
    let last = out.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "Items: not shown: the items of playlist {} are not readable by this app: a development-mode app reads only the items of playlists the user owns or collaborates on (spotify api error 403: Forbidden)",
            ids::FOREIGN_PLAYLIST
        )
    );
    insta::assert_snapshot!(out);

    // Listing them is a failure (an API refusal), explained in the same one line.
    let stderr = emulator_fails(&["playlist", "items", ids::FOREIGN_PLAYLIST], 4).await;
    assert!(
        stderr.starts_with(&format!(
            "error: the items of playlist {} are not readable by this app",
            ids::FOREIGN_PLAYLIST
        )),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_collaborative_playlist_shows_its_items() {
    let out = emulator(&["playlist", ids::COLLABORATIVE_PLAYLIST]).await;
    assert!(out.contains("  visibility:  collaborative\n"), "{out}");
    assert!(out.contains("Items (25)\n"), "{out}");
}

#[tokio::test]
async fn playlist_json_decodes_into_the_playlist() {
    let out = emulator(&["playlist", ids::PLAYLIST_250_ITEMS, "--json"]).await;
    let playlist: spotify_web_api::model::Playlist = serde_json::from_str(&out).unwrap();
    assert_eq!(playlist.id.as_str(), ids::PLAYLIST_250_ITEMS);
    assert_eq!(playlist.items_page().unwrap().total, 250);
}

#[tokio::test]
async fn playlist_items_lists_every_item_of_the_large_playlist() {
    let out = emulator(&["playlist", "items", ids::LARGE_PLAYLIST]).await;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + 10_000, "a header and one line per item");
    assert!(
        lines[0].trim_start().starts_with("#  TITLE"),
        "{}",
        lines[0]
    );
    for (n, line) in lines[1..].iter().enumerate() {
        let position: usize = line.split_whitespace().next().unwrap().parse().unwrap();
        assert_eq!(position, n + 1, "{line}");
    }
    assert_fits(&out, 100);
    // Episodes (every tenth item) and local files (every fiftieth) are marked as such.
    assert!(lines[10].contains("  episode  "), "{}", lines[10]);
    assert!(lines[25].contains("  local"), "{}", lines[25]);
    insta::assert_snapshot!(lines[..12].join("\n"));
}

#[tokio::test]
async fn playlist_items_json_is_an_array_of_every_item() {
    let out = emulator(&["playlist", "items", ids::PLAYLIST_250_ITEMS, "--json"]).await;
    let items: Vec<spotify_web_api::model::PlaylistItem> = serde_json::from_str(&out).unwrap();
    assert_eq!(items.len(), 250);
    assert!(items[9].content().unwrap().as_episode().is_some());
    assert!(items[24].content().unwrap().is_local());
}

/// The resident set's high-water mark of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// Waits until the emulator has served no request for a while (the reader stopped reading,
/// so `spotify` is blocked on a full pipe), and returns how many it served.
async fn requests_when_blocked(emu: &Emulator) -> usize {
    let mut seen = emu.requests().len();
    loop {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let now = emu.requests().len();
        if now == seen {
            return now;
        }
        seen = now;
    }
}

/// Reads `n` lines from the child's stdout on a blocking thread.
async fn read_lines<R: Read + Send + 'static>(
    mut reader: BufReader<R>,
    n: usize,
) -> (BufReader<R>, usize) {
    tokio::task::spawn_blocking(move || {
        let mut read = 0;
        let mut line = String::new();
        while read < n {
            line.clear();
            if reader.read_line(&mut line).unwrap() == 0 {
                break;
            }
            read += 1;
        }
        (reader, read)
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn playlist_items_prints_rows_as_pages_arrive_in_flat_memory() {
    // An extended-quota app reads any playlist's items with client credentials.
    let emu = Emulator::builder()
        .quota_mode(QuotaMode::Extended)
        .start()
        .await
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify_app(
        &emu,
        home.path(),
        &["playlist", "items", ids::LARGE_PLAYLIST],
    );
    cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    let reader = BufReader::new(child.stdout.take().unwrap());

    // The header and the first row arrive; then nobody reads, the pipe (64 KiB) fills, and
    // `spotify` must wait instead of fetching the other pages.
    let (reader, read) = read_lines(reader, 2).await;
    assert_eq!(read, 2);
    let early = requests_when_blocked(&emu).await;
    assert!(
        early < 40,
        "{early} of 200 pages fetched while the reader was stalled: the items are not streamed"
    );
    let early_peak = peak_rss_kib(pid);

    // Most of the way through, stalled again: memory has not grown with the items read.
    let (reader, read) = read_lines(reader, 9_000).await;
    assert_eq!(read, 9_000);
    let late = requests_when_blocked(&emu).await;
    assert!(late > early + 100, "{early} then {late}");
    let late_peak = peak_rss_kib(pid);
    assert!(
        late_peak < early_peak + 8 * 1024,
        "peak memory grew from {early_peak} KiB to {late_peak} KiB over 9,000 items"
    );

    let (_, rest) = read_lines(reader, usize::MAX).await;
    assert_eq!(2 + 9_000 + rest, 1 + 10_000);
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success());
    let pages = emu
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/items"))
        .count();
    assert_eq!(pages, 200, "pages of 50");
}

#[tokio::test]
async fn a_reader_that_stops_early_ends_the_listing_quietly() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify_emulator(home.path(), &["playlist", "items", ids::LARGE_PLAYLIST]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let reader = BufReader::new(child.stdout.take().unwrap());
    let (reader, read) = read_lines(reader, 3).await;
    assert_eq!(read, 3);
    drop(reader); // as `| head -3` does
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn an_export_to_a_reader_that_stops_early_ends_quietly_in_every_format() {
    // Each writer reports the closed pipe in its own error type (csv, serde_json, io).
    for format in ["csv", "ndjson", "json"] {
        let home = tempfile::tempdir().unwrap();
        let mut cmd = spotify_emulator(
            home.path(),
            &[
                "playlist",
                "export",
                ids::LARGE_PLAYLIST,
                "--format",
                format,
            ],
        );
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let reader = BufReader::new(child.stdout.take().unwrap());
        let (reader, read) = read_lines(reader, 2).await;
        assert_eq!(read, 2, "{format}");
        drop(reader);
        let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
            .await
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format}: {:?} {stderr}", out.status);
        assert!(!stderr.contains("error"), "{format}: {stderr}");
    }
}

#[tokio::test]
async fn playlist_details_with_app_credentials_of_an_extended_app() {
    let emu = Emulator::builder()
        .quota_mode(QuotaMode::Extended)
        .start()
        .await
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = stdout_of(spotify_app(
        &emu,
        home.path(),
        &["playlist", ids::FOREIGN_PLAYLIST, "--market", "SE"],
    ))
    .await;
    assert!(out.contains("Items (30)\n"), "{out}");
}
