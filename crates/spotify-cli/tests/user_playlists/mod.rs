//! The user's playlists through the `spotify` binary: `playlist list`, `create`, `add`,
//! `remove` (here), `export` and `import`, against an emulator the test runs, logged in as its
//! default user once (`spotify login`), so that each command sees what the last one did.

mod export;
mod import;

use std::process::{Command, Output};

use futures_util::TryStreamExt;
use serde_json::json;
use spotify_emulator::{Emulator, catalog_ids as ids};
use spotify_web_api::model::{PlaylistItem, SimplifiedPlaylist};
use spotify_web_api::{AdditionalType, PlayableId, Scope, Session, SpotifyWebApi};
use tempfile::TempDir;

use crate::assert_clean_failure;
use crate::support::{self, COLUMNS, run, spotify_at, stdout_of, text};

/// An emulator, a home where `spotify login` stored the default user's token, and a library
/// client of the same user to check what the commands did.
pub(crate) struct User {
    pub(crate) emu: Emulator,
    pub(crate) home: TempDir,
    pub(crate) api: SpotifyWebApi,
}

impl User {
    /// Logs the default user in, through `spotify login` (for the commands) and the library.
    pub(crate) async fn login() -> User {
        let emu = Emulator::start().await;
        emu.set_auto_approve(Some(emu.default_user_id()));
        let home = tempfile::tempdir().unwrap();
        let login = support::start_login(&emu, home.path()).await;
        let browser = support::browser();
        let resp = browser.get(&login.url).send().await.unwrap();
        let callback = resp.headers()["location"].to_str().unwrap().to_owned();
        browser.get(&callback).send().await.unwrap();
        let (status, _, stderr) = support::finish(login).await;
        assert!(status.success(), "{stderr}");
        let api = library_client(&emu).await;
        User { emu, home, api }
    }

    /// `spotify ARGS...` as the logged-in user.
    pub(crate) fn spotify(&self, args: &[&str]) -> Command {
        let mut cmd = spotify_at(&self.emu, self.home.path());
        cmd.env("COLUMNS", COLUMNS).args(args);
        cmd
    }

    /// Runs `spotify ARGS...`, which must succeed with nothing on stderr; returns its stdout.
    pub(crate) async fn ok(&self, args: &[&str]) -> String {
        stdout_of(self.spotify(args)).await
    }

    /// Runs `spotify ARGS...`, which must fail cleanly with `code`; returns its stderr.
    pub(crate) async fn fails(&self, args: &[&str], code: i32) -> String {
        let out: Output = run(self.spotify(args)).await;
        assert_clean_failure(&out, code);
        text(&out.stderr)
    }

    /// Creates a playlist with `spotify playlist create --json`; returns its ID.
    pub(crate) async fn create(&self, name: &str) -> String {
        let out = self.ok(&["playlist", "create", name, "--json"]).await;
        let playlist: spotify_web_api::model::Playlist = serde_json::from_str(&out).unwrap();
        playlist.id.to_string()
    }

    /// Every item of a playlist, through the library.
    pub(crate) async fn items(&self, playlist: &str) -> Vec<PlaylistItem> {
        self.api
            .get_playlist_items(playlist)
            .additional_types([AdditionalType::Track, AdditionalType::Episode])
            .fetch_all()
            .await
            .unwrap()
    }

    /// The URIs of a playlist's items, in order.
    pub(crate) async fn uris(&self, playlist: &str) -> Vec<String> {
        self.items(playlist)
            .await
            .iter()
            .map(|i| i.content().map(|c| c.uri().to_owned()).unwrap_or_default())
            .collect()
    }

    /// How many requests of `method` to `path` the emulator has served.
    pub(crate) fn sent(&self, method: &str, path: &str) -> usize {
        self.emu
            .requests()
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }

    /// Injects a fault rule through the emulator's control plane.
    pub(crate) fn fault(&self, rule: serde_json::Value) {
        support::fault(&self.emu, rule);
    }
}

/// A library client of the emulator's default user (PKCE, auto-approved), every scope the
/// CLI asks for.
async fn library_client(emu: &Emulator) -> SpotifyWebApi {
    let mut session = Session::builder(emu.client_id())
        .accounts_url(emu.base_url())
        .redirect_uri(spotify_emulator::DEFAULT_REDIRECT_URIS[0])
        .build()
        .unwrap();
    let state = Session::generate_state();
    let verifier = Session::generate_code_verifier();
    let url = session
        .authorize_url()
        .scopes([
            Scope::PlaylistReadPrivate,
            Scope::PlaylistReadCollaborative,
            Scope::PlaylistModifyPublic,
            Scope::PlaylistModifyPrivate,
        ])
        .state(&state)
        .code_challenge(&Session::code_challenge(&verifier))
        .build()
        .unwrap();
    let resp = support::browser().get(url.as_str()).send().await.unwrap();
    let redirect = resp.headers()["location"].to_str().unwrap().to_owned();
    let code = Session::parse_redirect(&redirect, Some(&state)).unwrap();
    session
        .request_access_token_pkce(&code, &verifier)
        .await
        .unwrap();
    SpotifyWebApi::builder()
        .api_url(format!("{}/v1", emu.base_url()))
        .session(session)
        .build()
        .unwrap()
}

/// `n` distinct tracks and episodes of the large playlist, as URIs.
async fn distinct_items(api: &SpotifyWebApi, n: usize) -> Vec<String> {
    use futures_util::StreamExt;
    let entries: Vec<PlaylistItem> = api
        .get_playlist_items(ids::LARGE_PLAYLIST)
        .additional_types([AdditionalType::Track, AdditionalType::Episode])
        .stream()
        .take(4 * n)
        .try_collect()
        .await
        .unwrap();
    let mut seen = std::collections::HashSet::new();
    let items: Vec<String> = entries
        .iter()
        .filter_map(|entry| PlayableId::parse(entry.content()?.uri()).ok())
        .map(|id| id.uri())
        .filter(|uri| seen.insert(uri.clone()))
        .take(n)
        .collect();
    assert_eq!(items.len(), n);
    items
}

#[tokio::test]
async fn another_users_playlists_need_an_app_that_may_list_them() {
    let user = User::login().await;
    // A development-mode app (the default): told what to run instead, before anything else.
    let stderr = user
        .fails(&["playlist", "list", "--user", "emulator-other"], 2)
        .await;
    assert!(
        stderr.contains("--user: Spotify removed other users' playlists")
            && stderr.contains("`spotify playlist list` lists your own"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("SpotifyWebApi::"),
        "advice for programmers: {stderr}"
    );
    // An extended-quota app lists them.
    assert!(
        user.emu
            .set_quota_mode(user.emu.client_id(), spotify_emulator::QuotaMode::Extended)
    );
    let out = user
        .ok(&["playlist", "list", "--user", user.emu.default_user_id()])
        .await;
    assert!(out.trim_start().starts_with("#  NAME"), "{out}");
}

#[tokio::test]
async fn create_add_250_list_remove_and_items_keep_the_order() {
    let user = User::login().await;
    let out = user
        .ok(&[
            "playlist",
            "create",
            "Road trip, 2026",
            "--description",
            "Songs for the A7",
            "--private",
        ])
        .await;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Created playlist Road trip, 2026", "{out}");
    let id = lines
        .iter()
        .find_map(|l| l.trim().strip_prefix("id:"))
        .unwrap()
        .trim()
        .to_owned();
    assert!(
        out.contains(&format!("  uri:         spotify:playlist:{id}\n")),
        "{out}"
    );
    assert!(out.contains("  visibility:  private\n"), "{out}");

    // 250 items, given in every form the command takes: URIs, share links and bare track IDs.
    let items = distinct_items(&user.api, 250).await;
    assert!(items.iter().any(|u| u.starts_with("spotify:episode:")));
    let args: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, uri)| {
            let (kind, id) = uri["spotify:".len()..].split_once(':').unwrap();
            match (i % 4, kind) {
                (1, "track") => id.to_owned(),
                (2, _) => format!("https://open.spotify.com/{kind}/{id}?si=abc"),
                // `KIND:ID`, as `library` and `player` take it.
                (3, _) => format!("{kind}:{id}"),
                _ => uri.clone(),
            }
        })
        .collect();
    let mut add = vec!["playlist", "add", id.as_str()];
    add.extend(args.iter().map(String::as_str));
    let out = user.ok(&add).await;
    assert!(
        out.starts_with(&format!(
            "Added 250 items to playlist {id}\n  snapshot_id: "
        )),
        "{out}"
    );
    let path = format!("/v1/playlists/{id}/items");
    assert_eq!(user.sent("POST", &path), 3, "batches of 100");
    assert_eq!(user.uris(&id).await, items);

    // Two more at the start.
    let out = user
        .ok(&[
            "playlist",
            "add",
            &id,
            &items[5],
            &items[6],
            "--position",
            "0",
        ])
        .await;
    assert!(out.starts_with("Added 2 items"), "{out}");
    let uris = user.uris(&id).await;
    assert_eq!(&uris[..2], &items[5..7]);
    assert_eq!(uris.len(), 252);

    // The list shows it, with its size.
    let out = user.ok(&["playlist", "list"]).await;
    let row = out
        .lines()
        .find(|l| l.contains(id.as_str()))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(row.contains("Road trip, 2026"), "{row}");
    assert!(row.contains("  252  private  "), "{row}");
    assert!(
        out.lines()
            .next()
            .unwrap()
            .trim_start()
            .starts_with("#  NAME")
    );
    let json = user.ok(&["playlist", "list", "--json"]).await;
    let listed: Vec<SimplifiedPlaylist> = serde_json::from_str(&json).unwrap();
    assert!(listed.iter().any(|p| p.id.as_str() == id));
    assert!(listed.iter().any(|p| p.id.as_str() == ids::LARGE_PLAYLIST));

    // Removing an item removes every copy of it.
    let out = user
        .ok(&["playlist", "remove", &id, &items[5], &items[100]])
        .await;
    assert!(
        out.starts_with(&format!(
            "Removed every copy of 2 items from playlist {id}\n  snapshot_id: "
        )),
        "{out}"
    );
    let mut expected = vec![items[6].clone()];
    expected.extend(
        items
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != 5 && i != 100)
            .map(|(_, u)| u.clone()),
    );
    assert_eq!(user.uris(&id).await, expected);

    // `playlist items` prints the same, in order.
    let json = user.ok(&["playlist", "items", &id, "--json"]).await;
    let listed: Vec<PlaylistItem> = serde_json::from_str(&json).unwrap();
    let listed: Vec<String> = listed
        .iter()
        .map(|i| i.content().unwrap().uri().to_owned())
        .collect();
    assert_eq!(listed, expected);
}

#[tokio::test]
async fn a_failure_in_the_third_batch_says_what_was_added_and_how_to_resume() {
    let user = User::login().await;
    let id = user.create("Interrupted").await;
    let items = distinct_items(&user.api, 250).await;
    let path = format!("/v1/playlists/{id}/items");
    user.fault(json!({"status": 500, "after": 2, "count": 1, "path_prefix": path}));
    let mut add = vec!["playlist", "add", id.as_str()];
    add.extend(items.iter().map(String::as_str));
    let stderr = user.fails(&add, 4).await;
    let snapshot = user.api.get_playlist(&id).await.unwrap().snapshot_id;
    assert!(
        stderr.starts_with(&format!(
            "error: added the first 200 of 250 items to playlist {id}, then a request failed (snapshot_id now {snapshot}); to resume, add the other 50 items, from item 201 ({}) on; the failed request may have been applied: resume only if `spotify playlist {id}` still shows that snapshot_id: ",
            items[200]
        )),
        "{stderr}"
    );
    assert!(stderr.contains("500"), "{stderr}");
    assert_eq!(user.uris(&id).await, &items[..200]);

    // Resuming as told adds the rest, and nothing twice.
    let mut resume = vec!["playlist", "add", id.as_str()];
    resume.extend(items[200..].iter().map(String::as_str));
    user.ok(&resume).await;
    assert_eq!(user.uris(&id).await, items);
}

#[tokio::test]
async fn a_single_add_without_a_clear_answer_says_it_may_have_been_applied() {
    let user = User::login().await;
    let id = user.create("Unclear").await;
    let items = distinct_items(&user.api, 3).await;
    let path = format!("/v1/playlists/{id}/items");
    user.fault(json!({"status": 500, "count": 1, "path_prefix": path}));
    let mut add = vec!["playlist", "add", id.as_str()];
    add.extend(items.iter().map(String::as_str));
    let stderr = user.fails(&add, 4).await;
    assert!(
        stderr.starts_with(&format!(
            "error: the add may have been applied: run `spotify playlist {id}` to see before adding again: spotify api error 500"
        )),
        "{stderr}"
    );
    // The client did not send it again: a 500 on an add may have landed.
    assert_eq!(user.uris(&id).await, Vec::<String>::new());
}

#[tokio::test]
async fn a_resumed_add_at_a_position_is_told_the_position() {
    let user = User::login().await;
    let id = user.create("At a position").await;
    let items = distinct_items(&user.api, 150).await;
    user.ok(&["playlist", "add", &id, &items[0]]).await;
    let path = format!("/v1/playlists/{id}/items");
    // A 400 is an answer: the batch did not land.
    user.fault(json!({"status": 400, "after": 1, "count": 1, "path_prefix": path}));
    let mut add = vec!["playlist", "add", id.as_str(), "--position", "1"];
    add.extend(items[1..].iter().map(String::as_str));
    let stderr = user.fails(&add, 4).await;
    assert!(
        stderr.contains(&format!(
            "to resume, add the other 49 items, from item 101 ({}) on, with --position 101: ",
            items[101]
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("may have been applied"), "{stderr}");
}

#[tokio::test]
async fn bad_items_and_playlists_are_refused_before_anything_is_sent() {
    let user = User::login().await;
    let id = user.create("Untouched").await;
    let stderr = user
        .fails(
            &[
                "playlist",
                "add",
                &id,
                "spotify:track:7EjyzZcbLxW7PaaLua9Ksb",
                "spotify:album:4aawyAB9vmqN3uQ7FjRGTy",
            ],
            2,
        )
        .await;
    assert!(
        stderr.starts_with("error: item 2 of 2: invalid "),
        "{stderr}"
    );
    user.fails(
        &[
            "playlist",
            "remove",
            "not-a-playlist",
            "7EjyzZcbLxW7PaaLua9Ksb",
        ],
        2,
    )
    .await;
    assert_eq!(user.sent("POST", &format!("/v1/playlists/{id}/items")), 0);
    // Someone else's playlist: Spotify's 403, an API failure.
    let stderr = user
        .fails(
            &[
                "playlist",
                "add",
                ids::FOREIGN_PLAYLIST,
                "7EjyzZcbLxW7PaaLua9Ksb",
            ],
            4,
        )
        .await;
    assert!(stderr.contains("403"), "{stderr}");
}

#[tokio::test]
async fn commands_of_the_user_need_a_login() {
    let emu = Emulator::start().await;
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["playlist", "list"][..],
        &["playlist", "create", "x"],
        &[
            "playlist",
            "add",
            ids::LARGE_PLAYLIST,
            "7EjyzZcbLxW7PaaLua9Ksb",
        ],
    ] {
        let mut cmd = spotify_at(&emu, home.path());
        cmd.args(args);
        let out = run(cmd).await;
        assert_clean_failure(&out, 3);
        assert!(
            text(&out.stderr).contains("spotify login"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[tokio::test]
async fn the_list_leaves_out_the_playlists_spotify_hides_and_says_how_many() {
    let user = User::login().await;
    // Spotify sends `null` for the playlists it hides from the app; `total` counts them.
    let body = json!({
        "href": "x", "limit": 50, "next": null, "offset": 0, "previous": null, "total": 3,
        "items": [
            null,
            {"id": ids::LARGE_PLAYLIST, "name": "The Long Road", "public": false,
             "owner": {"id": "emulator-user", "display_name": "Emulator User"},
             "items": {"href": "x", "total": 10000}},
            null,
        ],
    });
    user.fault(json!({"status": 200, "body": body.to_string(), "path_prefix": "/v1/me/playlists"}));
    let out = user.ok(&["playlist", "list"]).await;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[1].contains("The Long Road"), "{out}");
    assert!(lines[1].contains("  10,000  private  "), "{out}");
    assert_eq!(
        lines[2],
        "(2 more playlists that Spotify does not show to this app)"
    );
}
