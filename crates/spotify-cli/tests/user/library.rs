//! `spotify library list|save|remove|contains`.

use std::sync::Arc;
use std::time::Duration;

use spotify_emulator::{Catalog, QuotaMode, catalog_ids as ids};

use super::{emulator, fails, login, ok};
use crate::support;

/// The built-in catalogue (built once), for the IDs the tests save.
fn catalog() -> Arc<Catalog> {
    Catalog::builtin()
}

/// `n` track IDs of the catalogue, from the `skip`th.
fn tracks(skip: usize, n: usize) -> Vec<String> {
    catalog()
        .ids("track")
        .into_iter()
        .skip(skip)
        .take(n)
        .collect()
}

fn first(kind: &str) -> String {
    catalog().ids(kind)[0].clone()
}

/// The ID column (the last) of each row of a table, header left out.
fn ids_of(table: &str) -> Vec<String> {
    table
        .lines()
        .skip(1)
        .map(|l| l.rsplit(' ').next().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn save_contains_list_remove_contains_for_every_kind_but_artists() {
    // A development-mode app: everything goes through /me/library.
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let t = tracks(0, 3);
    let episode = first("episode");
    let items = [
        format!("spotify:track:{}", t[0]),
        format!(
            "https://open.spotify.com/album/{}?si=x",
            ids::ALBUM_30_TRACKS
        ),
        format!("episode:{episode}"),
        format!("show:{}", ids::SHOW_60_EPISODES),
        format!("audiobook:{}", ids::AUDIOBOOK_40_CHAPTERS),
        format!("spotify:playlist:{}", ids::FOREIGN_PLAYLIST),
        format!("user:{}", ids::CURATOR_USER_ID),
    ];
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    let save: Vec<&str> = ["library", "save"]
        .into_iter()
        .chain(items.clone())
        .collect();
    assert_eq!(ok(&emu, home, &save).await, "Saved 7 items.\n");
    emu.advance_clock(Duration::from_secs(60));
    let newer = format!("track:{}", t[1]);
    assert_eq!(
        ok(&emu, home, &["library", "save", &newer]).await,
        "Saved 1 item.\n"
    );

    let unsaved = format!("track:{}", t[2]);
    let mut check: Vec<&str> = ["library", "contains"]
        .into_iter()
        .chain(items.clone())
        .collect();
    check.extend([newer.as_str(), unsaved.as_str()]);
    let expected: String = items
        .iter()
        .chain([&newer.as_str()])
        .map(|i| format!("yes  {i}\n"))
        .chain([format!("no   {unsaved}\n")])
        .collect();
    assert_eq!(ok(&emu, home, &check).await, expected);
    let mut check_json = check.clone();
    check_json.push("--json");
    let answers: Vec<bool> = serde_json::from_str(&ok(&emu, home, &check_json).await).unwrap();
    assert_eq!(
        answers,
        [true, true, true, true, true, true, true, true, false]
    );

    // Newest first, with the time each was saved.
    let listed = ok(&emu, home, &["library", "list"]).await;
    assert_eq!(ids_of(&listed), [t[1].clone(), t[0].clone()], "{listed}");
    let header = listed.lines().next().unwrap();
    assert!(header.starts_with("ADDED       TITLE"), "{listed}");
    for (kind, id) in [
        ("albums", ids::ALBUM_30_TRACKS),
        ("episodes", episode.as_str()),
        ("shows", ids::SHOW_60_EPISODES),
        ("audiobooks", ids::AUDIOBOOK_40_CHAPTERS),
    ] {
        let listed = ok(&emu, home, &["library", "list", "--type", kind]).await;
        assert_eq!(ids_of(&listed), [id], "{kind}: {listed}");
    }
    let playlists = ok(&emu, home, &["library", "list", "--type", "playlists"]).await;
    assert!(
        ids_of(&playlists).contains(&ids::FOREIGN_PLAYLIST.to_owned()),
        "{playlists}"
    );
    // --json: Spotify's saved-track objects, newest first.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&emu, home, &["library", "list", "--json"]).await).unwrap();
    assert_eq!(json[0]["track"]["id"], t[1].as_str());
    assert!(json[0]["added_at"].as_str().unwrap() > json[1]["added_at"].as_str().unwrap());

    let mut remove: Vec<&str> = ["library", "remove"]
        .into_iter()
        .chain(items.clone())
        .collect();
    remove.push(&newer);
    assert_eq!(ok(&emu, home, &remove).await, "Removed 8 items.\n");
    check_json.retain(|a| *a != unsaved);
    let answers: Vec<bool> = serde_json::from_str(&ok(&emu, home, &check_json).await).unwrap();
    assert_eq!(answers, [false; 8]);
    assert_eq!(ok(&emu, home, &["library", "list"]).await, "(none)\n");
    let playlists = ok(&emu, home, &["library", "list", "--type", "playlists"]).await;
    assert!(
        !ids_of(&playlists).contains(&ids::FOREIGN_PLAYLIST.to_owned()),
        "{playlists}"
    );
}

#[tokio::test]
async fn artists_are_followed_listed_by_cursor_and_unfollowed() {
    // Following artists needs the per-type endpoint: an extended-quota app.
    let emu = emulator(QuotaMode::Extended).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let artists: Vec<String> = catalog()
        .ids("artist")
        .into_iter()
        .take(55)
        .map(|id| format!("artist:{id}"))
        .collect();
    let track = format!("spotify:track:{}", support::SURFIN_BIRD);
    let mut save = vec!["library", "save", track.as_str()];
    save.extend(artists.iter().map(String::as_str));
    assert_eq!(ok(&emu, home, &save).await, "Saved 56 items.\n");

    let check = ["library", "contains", &artists[0], &artists[54], &track];
    assert_eq!(
        ok(&emu, home, &check).await,
        format!("yes  {}\nyes  {}\nyes  {track}\n", artists[0], artists[54])
    );

    emu.clear_requests();
    let listed = ok(&emu, home, &["library", "list", "--type", "artists"]).await;
    let mut listed_ids = ids_of(&listed);
    listed_ids.sort();
    let mut expected: Vec<String> = artists
        .iter()
        .map(|a| a.trim_start_matches("artist:").to_owned())
        .collect();
    expected.sort();
    assert_eq!(listed_ids, expected);
    assert!(listed.starts_with("ARTIST"), "{listed}");
    // Two pages, the second after the first's cursor.
    let pages: Vec<String> = emu
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v1/me/following")
        .map(|r| r.query)
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(pages[1].contains("after="), "{pages:?}");

    let mut remove = vec!["library", "remove"];
    remove.extend(artists.iter().map(String::as_str));
    assert_eq!(ok(&emu, home, &remove).await, "Removed 55 items.\n");
    assert_eq!(
        ok(&emu, home, &check).await,
        format!("no   {}\nno   {}\nyes  {track}\n", artists[0], artists[54])
    );
    assert_eq!(
        ok(&emu, home, &["library", "list", "--type", "artists"]).await,
        "(none)\n"
    );
}

#[tokio::test]
async fn a_development_mode_app_cannot_follow_artists_and_says_what_landed() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let track = format!("track:{}", support::SURFIN_BIRD);
    let artist = format!("artist:{}", first("artist"));
    let stderr = fails(&emu, home, &["library", "save", &track, &artist], 4).await;
    assert!(
        stderr.starts_with(&format!(
            "error: saved the first 1 of 2 items (up to {track}); the rest were not: follow-artists-users is not available to this app"
        )),
        "{stderr}"
    );
    // Checking an artist works for such an app.
    assert_eq!(
        ok(&emu, home, &["library", "contains", &artist, &track]).await,
        format!("no   {artist}\nyes  {track}\n")
    );
}

#[tokio::test]
async fn a_write_failing_part_way_says_exactly_how_many_items_landed() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let uris: Vec<String> = tracks(0, 45)
        .iter()
        .map(|id| format!("spotify:track:{id}"))
        .collect();
    // The first request (40 URIs) is served, the second refused.
    support::fault(
        &emu,
        serde_json::json!({"path_prefix": "/v1/me/library", "after": 1, "count": 1, "status": 400}),
    );
    let mut save = vec!["library", "save"];
    save.extend(uris.iter().map(String::as_str));
    let stderr = fails(&emu, home, &save, 4).await;
    assert!(
        stderr.starts_with(&format!(
            "error: saved the first 40 of 45 items (up to {}); the rest were not: spotify api error 400",
            uris[39]
        )),
        "{stderr}"
    );
    let mut check = vec!["library", "contains", "--json"];
    check.extend(uris.iter().map(String::as_str));
    let answers: Vec<bool> = serde_json::from_str(&ok(&emu, home, &check).await).unwrap();
    assert_eq!(answers.iter().filter(|a| **a).count(), 40);
    assert!(answers[..40].iter().all(|a| *a) && answers[40..].iter().all(|a| !*a));
}

#[tokio::test]
async fn a_write_without_a_clear_answer_says_it_may_have_been_applied() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let uri = format!("spotify:track:{}", tracks(0, 1)[0]);
    // Every attempt gets a 500: Spotify may have saved the track before it failed.
    support::fault(
        &emu,
        serde_json::json!({"path_prefix": "/v1/me/library", "count": 100, "status": 500}),
    );
    let stderr = fails(&emu, home, &["library", "save", &uri], 4).await;
    assert!(
        stderr.starts_with(
            "error: no item is known to be saved, though the request may have been applied \
             (sending the items again is harmless): spotify api error 500"
        ),
        "{stderr}"
    );
}

#[tokio::test]
async fn saved_tracks_are_listed_page_by_page() {
    let emu = emulator(QuotaMode::Development).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    login(&emu, home).await;
    let uris: Vec<String> = tracks(0, 120)
        .iter()
        .map(|id| format!("spotify:track:{id}"))
        .collect();
    let mut save = vec!["library", "save"];
    save.extend(uris.iter().map(String::as_str));
    emu.clear_requests();
    assert_eq!(ok(&emu, home, &save).await, "Saved 120 items.\n");
    let writes = emu
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT" && r.path == "/v1/me/library")
        .count();
    assert_eq!(writes, 3, "40 URIs a request");

    emu.clear_requests();
    let listed = ok(&emu, home, &["library", "list"]).await;
    assert_eq!(listed.lines().count(), 121, "{listed}");
    let pages = emu
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v1/me/tracks")
        .count();
    assert_eq!(pages, 3, "50 a page");
}

#[tokio::test]
async fn a_bad_item_is_a_usage_error_that_names_it() {
    let home = tempfile::tempdir().unwrap();
    for (item, why) in [
        ("4aawyAB9vmqN3uQ7FjRGTy", "a bare ID does not say its kind"),
        (
            "spotify:chapter:0EmuBook40Chapters000a",
            "it is a chapter, and a library holds: track, album",
        ),
        (
            "song:4aawyAB9vmqN3uQ7FjRGTy",
            "\"song\" is not a kind of item",
        ),
        ("track:nope", "an id is 22 characters"),
    ] {
        let out = support::run(support::spotify_emulator(
            home.path(),
            &["library", "save", "track:4aawyAB9vmqN3uQ7FjRGTy", item],
        ))
        .await;
        crate::assert_clean_failure(&out, 2);
        let stderr = support::text(&out.stderr);
        assert!(
            stderr.starts_with(&format!("error: bad item {item:?}: {why}")),
            "{stderr}"
        );
    }
}

#[tokio::test]
async fn a_scope_missing_part_way_says_what_landed_and_the_login_to_run() {
    let emu = emulator(QuotaMode::Extended).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    super::login_as(
        &emu,
        home,
        spotify_emulator::DEFAULT_USER_ID,
        &["--scopes", "user-library-modify,user-library-read"],
    )
    .await;
    let track = format!("track:{}", support::SURFIN_BIRD);
    let artist = format!("artist:{}", first("artist"));
    let stderr = fails(&emu, home, &["library", "save", &track, &artist], 3).await;
    assert_eq!(
        stderr,
        format!(
            "error: saved the first 1 of 2 items (up to {track}); the rest were not: this needs the scope user-follow-modify: run `spotify login --scopes user-library-modify,user-library-read,user-follow-modify`\n"
        )
    );
    assert_eq!(
        ok(&emu, home, &["library", "contains", &track]).await,
        format!("yes  {track}\n")
    );
}

#[tokio::test]
async fn the_built_in_emulator_keeps_its_library_in_a_state_file_across_commands() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("demo.json");
    let state = state.to_str().unwrap();
    let track = format!("spotify:track:{}", tracks(0, 1)[0]);
    let with_state = |args: &[&str]| {
        let mut all = vec!["--emulator-state", state];
        all.extend_from_slice(args);
        support::stdout_of(support::spotify_emulator(home.path(), &all))
    };
    // Without a state file, each command starts from a fresh emulator.
    let _ = support::stdout_of(support::spotify_emulator(
        home.path(),
        &["library", "save", &track],
    ))
    .await;
    let fresh = support::stdout_of(support::spotify_emulator(
        home.path(),
        &["library", "contains", &track],
    ))
    .await;
    assert!(fresh.starts_with("no"), "{fresh}");
    // With one, a save in one process is there in the next.
    with_state(&["library", "save", &track]).await;
    assert!(std::path::Path::new(state).exists());
    let kept = with_state(&["library", "contains", &track]).await;
    assert!(kept.starts_with("yes"), "{kept}");
    let listed = with_state(&["library", "list"]).await;
    assert!(listed.contains(&tracks(0, 1)[0]), "{listed}");
}
