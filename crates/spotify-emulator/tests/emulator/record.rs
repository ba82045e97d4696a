//! Record mode, with a second emulator as the upstream: a cold run records what the recorder
//! lacks, and the same calls answer the same bodies once the upstream is gone.

use std::path::{Path, PathBuf};

use reqwest::Client;
use serde_json::Value;
use spotify_emulator::{
    Catalog, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Emulator, EmulatorBuilder, Fault, QuotaMode,
    Upstream,
};

use crate::support::{SURFIN_BIRD, client_token, ids};

const UPSTREAM_ID: &str = "upstream-client";
const UPSTREAM_SECRET: &str = "upstream-secret-5b2e91c4";

/// A well-formed id neither emulator knows.
const NOWHERE: &str = "0000000000000000000000";

/// One answer: status, `Retry-After`, body (`Null` if not JSON).
#[derive(Debug, PartialEq)]
struct Got {
    status: u16,
    retry_after: Option<String>,
    body: Value,
}

async fn get(base_url: &str, token: &str, path: &str) -> Got {
    let response = Client::new()
        .get(format!("{base_url}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.json().await.unwrap_or(Value::Null);
    Got {
        status,
        retry_after,
        body,
    }
}

/// The upstream: another seed, so its generated entities are unknown to the recorder; its
/// app in extended mode (as the recorder's), so neither strips fields the other keeps.
async fn upstream(state_file: &Path) -> (Emulator, Catalog) {
    let catalog = Catalog::builder()
        .seed(7)
        .synthetic_tracks(300)
        .large_playlist_items(10)
        .build();
    let emu = Emulator::builder()
        .catalog(catalog.clone())
        .client_id(UPSTREAM_ID)
        .client_secret(UPSTREAM_SECRET)
        .quota_mode(QuotaMode::Extended)
        .state_file(state_file)
        .start()
        .await
        .unwrap();
    (emu, catalog)
}

/// The first `count` ids of `kind` the upstream answers 200 for at `query`, that the built-in
/// catalogue lacks and that are not in `avoid`.
async fn unknown_ids(
    (up, catalog): (&Emulator, &Catalog),
    token: &str,
    kind: &str,
    query: &str,
    count: usize,
    avoid: &[String],
) -> Vec<String> {
    let builtin = Catalog::builtin();
    let mut found = Vec::new();
    for id in catalog.ids(kind) {
        if builtin.name(kind, &id).is_some() || avoid.contains(&id) {
            continue;
        }
        if get(up.base_url(), token, &format!("/v1/{kind}s/{id}{query}"))
            .await
            .status
            == 200
        {
            found.push(id);
            if found.len() == count {
                break;
            }
        }
    }
    assert_eq!(found.len(), count, "not enough unknown {kind}s");
    found
}

/// An emulator on `port` (0: any) serving `dir`, in `mode`, recording from `upstream` if
/// given, and a client-credentials token of its default app.
async fn serving(
    dir: &Path,
    mode: QuotaMode,
    port: u16,
    upstream: Option<Upstream>,
) -> (Emulator, String) {
    let mut builder = Emulator::builder()
        .port(port)
        .catalog_dir(dir)
        .quota_mode(mode);
    if let Some(upstream) = upstream {
        builder = builder.record_from(upstream);
    }
    started(builder).await
}

/// An emulator serving `dir` in `mode` and recording from the upstream emulator `up` with the
/// upstream app's credentials, and a client-credentials token of its own default app.
async fn recording(up: &Emulator, dir: &Path, mode: QuotaMode) -> (Emulator, String) {
    let upstream_app = Upstream::new(up.base_url(), UPSTREAM_ID, UPSTREAM_SECRET);
    serving(dir, mode, 0, Some(upstream_app)).await
}

/// The emulator `builder` starts, and a client-credentials token of its default app.
async fn started(builder: EmulatorBuilder) -> (Emulator, String) {
    let emu = builder.start().await.unwrap();
    let token = client_token(emu.base_url(), DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET).await;
    (emu, token)
}

/// The port of a running emulator, for the next one to take (so page links are the same).
fn port_of(emu: &Emulator) -> u16 {
    emu.base_url().rsplit(':').next().unwrap().parse().unwrap()
}

/// Each of `calls`, each answered 200.
async fn answers(emu: &Emulator, token: &str, calls: &[String]) -> Vec<Got> {
    let mut got = Vec::new();
    for call in calls {
        let answer = get(emu.base_url(), token, call).await;
        assert_eq!(answer.status, 200, "{call}: {:?}", answer.body);
        got.push(answer);
    }
    got
}

/// Asserts `calls` get the answers `want` from `emu`.
async fn answers_again(emu: &Emulator, token: &str, calls: &[String], want: &[Got]) {
    for (call, want) in calls.iter().zip(want) {
        assert_same(&get(emu.base_url(), token, call).await, want, call);
    }
}

/// Every file under `dir`, with its text.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    found.sort();
    found
}

/// The access tokens the upstream issued, from its state file.
fn issued_tokens(state_file: &Path) -> Vec<String> {
    let state: Value = serde_json::from_str(&std::fs::read_to_string(state_file).unwrap()).unwrap();
    state["auth"]["access_tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["token"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_recorded_catalogue_answers_the_same_bodies_without_the_upstream() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("recorded");
    let state_file = scratch.path().join("upstream-state.json");
    let (up, up_catalog) = upstream(&state_file).await;
    let up_token = client_token(up.base_url(), UPSTREAM_ID, UPSTREAM_SECRET).await;
    let from = (&up, &up_catalog);

    let album = &unknown_ids(from, &up_token, "album", "", 1, &[]).await[0];
    let album_page = get(
        up.base_url(),
        &up_token,
        &format!("/v1/albums/{album}/tracks?limit=50"),
    )
    .await;
    // Tracks the recorded album does not list, so that the ones never recorded stay unknown.
    let tracks = unknown_ids(from, &up_token, "track", "", 5, &ids(&album_page.body)).await;
    // Artists other than the album's, which stays only mentioned.
    let album_body = get(up.base_url(), &up_token, &format!("/v1/albums/{album}")).await;
    let album_artists: Vec<String> = album_body.body["artists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|artist| artist["id"].as_str().unwrap().to_owned())
        .collect();
    let artists = unknown_ids(from, &up_token, "artist", "", 1, &album_artists).await;
    let show = &unknown_ids(from, &up_token, "show", "?market=SE", 1, &[]).await[0];
    let show_page = get(
        up.base_url(),
        &up_token,
        &format!("/v1/shows/{show}/episodes?market=SE"),
    )
    .await;
    let episode = ids(&show_page.body)[0].clone();
    let book = &unknown_ids(from, &up_token, "audiobook", "?market=US", 1, &[]).await[0];
    let book_page = get(
        up.base_url(),
        &up_token,
        &format!("/v1/audiobooks/{book}/chapters?market=US"),
    )
    .await;
    let chapter = ids(&book_page.body)[0].clone();

    let calls = vec![
        format!("/v1/tracks/{}", tracks[0]),
        format!("/v1/tracks/{}?market=SE", tracks[0]),
        format!("/v1/tracks?ids={},{},{SURFIN_BIRD}", tracks[1], tracks[2]),
        format!("/v1/albums/{album}"),
        format!("/v1/albums/{album}/tracks?limit=2&offset=1"),
        format!("/v1/artists/{}", artists[0]),
        format!("/v1/shows/{show}?market=SE"),
        format!("/v1/episodes/{episode}?market=SE"),
        format!("/v1/audiobooks/{book}?market=US"),
        format!("/v1/chapters/{chapter}?market=US"),
        format!("/v1/tracks/{SURFIN_BIRD}"),
    ];

    // Cold: the recorder knows none of these but the built-in track.
    let (recorder, token) = recording(&up, &dir, QuotaMode::Extended).await;
    let cold = answers(&recorder, &token, &calls).await;
    // The cold answers are the upstream's (the built-in track excepted), with page links
    // pointing at the recorder.
    for (call, got) in calls.iter().zip(&cold).take(calls.len() - 1) {
        let mut want = get(up.base_url(), &up_token, call).await;
        want.body = serde_json::from_str(
            &want
                .body
                .to_string()
                .replace(up.base_url(), recorder.base_url()),
        )
        .unwrap();
        assert_same(got, &want, call);
    }
    let recorded = |collection: &str, id: &str| dir.join(collection).join(format!("{id}.json"));
    for (collection, id) in [
        ("tracks", &tracks[0]),
        ("tracks", &tracks[1]),
        ("tracks", &tracks[2]),
        ("albums", album),
        ("artists", &artists[0]),
        ("shows", show),
        ("episodes", &episode),
        ("audiobooks", book),
        ("chapters", &chapter),
    ] {
        assert!(
            recorded(collection, id).is_file(),
            "{collection}/{id} not recorded"
        );
    }
    assert!(
        !recorded("tracks", SURFIN_BIRD).exists(),
        "a known track was recorded"
    );

    // Upstream errors pass through unchanged and are not recorded.
    up.add_fault(Fault::status(429).retry_after(7)).unwrap();
    let limited = get(
        recorder.base_url(),
        &token,
        &format!("/v1/tracks/{}", tracks[3]),
    )
    .await;
    assert_eq!(
        (limited.status, limited.retry_after.as_deref()),
        (429, Some("7"))
    );
    up.add_fault(Fault::status(503)).unwrap();
    let unavailable = get(
        recorder.base_url(),
        &token,
        &format!("/v1/tracks/{}", tracks[3]),
    )
    .await;
    assert_eq!(unavailable.status, 503);
    assert_eq!(unavailable.body["error"]["status"], 503);
    let missing = get(
        recorder.base_url(),
        &token,
        &format!("/v1/tracks/{NOWHERE}"),
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body["error"]["message"], "non existing id");
    assert!(!recorded("tracks", &tracks[3]).exists());
    assert!(!recorded("tracks", NOWHERE).exists());

    // The user's own data is the emulator's, never forwarded: a client-credentials caller
    // gets the emulator's own answer to /me.
    let me = get(recorder.base_url(), &token, "/v1/me").await;
    assert_ne!(me.status, 200);

    let caller_token = token.clone();
    let port = port_of(&recorder);
    recorder.shutdown().await;
    up.shutdown().await;

    // Offline: the same calls, the same bodies; an entity never recorded is the emulator's 404.
    let (offline, token) = serving(&dir, QuotaMode::Extended, port, None).await;
    answers_again(&offline, &token, &calls, &cold).await;
    let never = get(
        offline.base_url(),
        &token,
        &format!("/v1/tracks/{}", tracks[4]),
    )
    .await;
    assert_eq!(never.status, 404);
    assert_eq!(never.body["error"]["message"], "non existing id");
    // An artist the recorded album only mentions is in the catalogue, filled in...
    let mentioned = cold[3].body["artists"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!artists.contains(&mentioned));
    let filled = format!("/v1/artists/{mentioned}");
    assert_eq!(get(offline.base_url(), &token, &filled).await.status, 200);
    let offline_token = token;
    offline.shutdown().await;

    // Still in record mode with the upstream gone: what is recorded is served; what is not
    // is a 502 that says why.
    // The discard port: nothing listens there.
    let gone = Upstream::new("http://127.0.0.1:9", UPSTREAM_ID, UPSTREAM_SECRET);
    let (stranded, token) = serving(&dir, QuotaMode::Extended, port, Some(gone)).await;
    answers_again(&stranded, &token, &calls, &cold).await;
    let unreachable = get(
        stranded.base_url(),
        &token,
        &format!("/v1/tracks/{}", tracks[4]),
    )
    .await;
    assert_eq!(unreachable.status, 502);
    // ...but record mode still asks the upstream for its real data.
    assert_eq!(get(stranded.base_url(), &token, &filled).await.status, 502);
    assert_eq!(
        unreachable.body["error"]["message"],
        "Record mode: the upstream cannot be reached"
    );

    // No token and no secret in any recorded file; only catalogue entities were written.
    let upstream_tokens = issued_tokens(&state_file);
    assert!(!upstream_tokens.is_empty());
    let secrets: Vec<&str> = upstream_tokens
        .iter()
        .map(String::as_str)
        .chain([
            UPSTREAM_SECRET,
            DEFAULT_CLIENT_SECRET,
            &caller_token,
            &offline_token,
            &token,
        ])
        .collect();
    let written = files(&dir);
    assert!(written.len() >= 10);
    for (path, text) in &written {
        for secret in &secrets {
            assert!(!text.contains(secret), "{} holds a secret", path.display());
        }
        let collection = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            "tracks albums artists shows episodes audiobooks chapters"
                .split(' ')
                .any(|c| c == collection),
            "{} is not a catalogue entity",
            path.display()
        );
        assert!(
            !path.file_name().unwrap().to_str().unwrap().starts_with('.'),
            "a temporary file was left: {}",
            path.display()
        );
    }
}

/// Where `a` and `b` differ, as JSON paths with both values (for failure messages).
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let (l, r) = (
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                );
                differences(l, r, &format!("{path}.{key}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (l, r)) in x.iter().zip(y).enumerate() {
                differences(l, r, &format!("{path}[{i}]"), out);
            }
        }
        _ if a != b => out.push(format!("{path}: {} != {}", short(a), short(b))),
        _ => {}
    }
}

fn short(value: &Value) -> String {
    value.to_string().chars().take(120).collect()
}

/// Asserts `got` is `want`, naming the differences.
fn assert_same(got: &Got, want: &Got, call: &str) {
    let mut out = Vec::new();
    differences(&got.body, &want.body, "", &mut out);
    assert!(
        got.status == want.status && got.retry_after == want.retry_after && out.is_empty(),
        "{call}: {} != {}; {out:#?}",
        got.status,
        want.status
    );
}

#[tokio::test]
async fn record_mode_without_a_catalogue_directory_does_not_start() {
    let error = Emulator::builder()
        .record_from(Upstream::new("http://127.0.0.1:9", "id", "secret"))
        .start()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("catalogue directory"), "{error}");
    assert!(!error.to_string().contains("secret"));
}

#[tokio::test]
async fn a_recorded_file_that_is_not_json_stops_the_start_naming_it() {
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch
        .path()
        .join("tracks")
        .join(format!("{SURFIN_BIRD}.json"));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "{ not json").unwrap();
    let error = Emulator::builder()
        .catalog_dir(scratch.path())
        .start()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
    assert!(
        error.to_string().contains(&file.display().to_string()),
        "{error}"
    );
}

#[tokio::test]
async fn development_mode_recordings_answer_the_same_bodies_offline() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("recorded");
    let (up, up_catalog) = upstream(&scratch.path().join("state.json")).await;
    up.set_quota_mode(UPSTREAM_ID, QuotaMode::Development);
    let up_token = client_token(up.base_url(), UPSTREAM_ID, UPSTREAM_SECRET).await;
    let track = &unknown_ids((&up, &up_catalog), &up_token, "track", "", 1, &[]).await[0];
    let calls = [
        format!("/v1/tracks/{track}"),
        format!("/v1/tracks/{track}?market=from_token"),
    ];
    let (recorder, token) = recording(&up, &dir, QuotaMode::Development).await;
    let cold = answers(&recorder, &token, &calls).await;
    // Development mode strips what Spotify removed in 2026, upstream and offline alike.
    assert!(cold[0].body.get("popularity").is_none());
    let album = cold[0].body["album"]["id"].as_str().unwrap().to_owned();
    let port = port_of(&recorder);
    recorder.shutdown().await;
    up.shutdown().await;

    let (offline, token) = serving(&dir, QuotaMode::Development, port, None).await;
    answers_again(&offline, &token, &calls, &cold).await;
    // The album came with the track, whole.
    let album = get(offline.base_url(), &token, &format!("/v1/albums/{album}")).await;
    assert_eq!(album.status, 200);
    assert_eq!(
        album.body["total_tracks"],
        cold[0].body["album"]["total_tracks"]
    );
}

#[tokio::test]
async fn refused_upstream_credentials_are_a_502_that_names_no_secret() {
    let scratch = tempfile::tempdir().unwrap();
    let (up, up_catalog) = upstream(&scratch.path().join("state.json")).await;
    let up_token = client_token(up.base_url(), UPSTREAM_ID, UPSTREAM_SECRET).await;
    let track = &unknown_ids((&up, &up_catalog), &up_token, "track", "", 1, &[]).await[0];
    let wrong = "not-the-upstream-secret-77";
    let (recorder, token) = started(
        Emulator::builder()
            .catalog_dir(scratch.path().join("recorded"))
            .record_from(Upstream::new(up.base_url(), UPSTREAM_ID, wrong)),
    )
    .await;
    let got = refused_yet_serving(&recorder, &token, track).await;
    assert!(!got.body.to_string().contains(wrong));
    assert!(!scratch.path().join("recorded").exists());
}

/// Asserts a miss of `track` is the 502 of refused credentials, and that what the emulator
/// knows is still served to the caller's token; returns the 502.
async fn refused_yet_serving(recorder: &Emulator, token: &str, track: &str) -> Got {
    let got = get(recorder.base_url(), token, &format!("/v1/tracks/{track}")).await;
    assert_eq!(
        (got.status, &got.body["error"]["status"]),
        (502, &502.into()),
        "{:?}",
        got.body
    );
    assert_eq!(
        got.body["error"]["message"],
        "Record mode: the upstream accounts service refused the app credentials"
    );
    let known = get(
        recorder.base_url(),
        token,
        &format!("/v1/tracks/{SURFIN_BIRD}"),
    )
    .await;
    assert_eq!(known.status, 200);
    got
}

#[tokio::test]
async fn an_upstream_that_refuses_the_recorders_token_is_a_502_not_the_callers_401() {
    let scratch = tempfile::tempdir().unwrap();
    let (up, up_catalog) = upstream(&scratch.path().join("state.json")).await;
    let up_token = client_token(up.base_url(), UPSTREAM_ID, UPSTREAM_SECRET).await;
    let track = &unknown_ids((&up, &up_catalog), &up_token, "track", "", 1, &[]).await[0];
    // Another accounts service that knows the app: its tokens mean nothing to the upstream.
    let wrong_accounts = Emulator::builder()
        .client_id(UPSTREAM_ID)
        .client_secret(UPSTREAM_SECRET)
        .start()
        .await
        .unwrap();
    let upstream_app = Upstream::new(up.base_url(), UPSTREAM_ID, UPSTREAM_SECRET)
        .accounts_url(wrong_accounts.base_url());
    let (recorder, token) = serving(
        &scratch.path().join("recorded"),
        QuotaMode::Extended,
        0,
        Some(upstream_app),
    )
    .await;
    // A 502, not the upstream's 401: the caller's own token is good.
    refused_yet_serving(&recorder, &token, track).await;
    // Two tokens were tried (the first, then a fresh one), both refused.
    assert_eq!(wrong_accounts.stats().token_requests, 2);
    assert!(!scratch.path().join("recorded").exists());
}

#[tokio::test]
async fn a_list_cut_short_by_an_upstream_error_is_not_recorded_until_it_is_whole() {
    use spotify_emulator::catalog_ids::SHOW_60_EPISODES;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("recorded");
    let (up, _) = upstream(&scratch.path().join("state.json")).await;
    // A recorder without the synthetic showcase, so the 60-episode show is unknown to it.
    let (recorder, token) = started(
        Emulator::builder()
            .catalog(Catalog::builder().synthetic(false).recorded(&dir).build())
            .quota_mode(QuotaMode::Extended)
            .record_from(Upstream::new(up.base_url(), UPSTREAM_ID, UPSTREAM_SECRET)),
    )
    .await;
    let show = format!("/v1/shows/{SHOW_60_EPISODES}?market=SE");
    let file = dir.join("shows").join(format!("{SHOW_60_EPISODES}.json"));

    // The show's own page holds 50 episodes; the page after it fails once.
    up.add_fault(Fault::status(503).route("/v1/shows/{id}/episodes"))
        .unwrap();
    let first = get(recorder.base_url(), &token, &show).await;
    assert_eq!(first.status, 200, "{:?}", first.body);
    assert!(
        !file.exists(),
        "a show with 50 of its 60 episodes was written"
    );

    // The next miss records it, whole.
    let second = get(recorder.base_url(), &token, &show).await;
    assert_eq!(second.status, 200);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["episodes"]["items"].as_array().unwrap().len(), 60);
    assert_eq!(written["episodes"]["total"], 60);
}

#[tokio::test]
async fn concurrent_misses_are_each_forwarded_and_record_once() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("recorded");
    let (up, up_catalog) = upstream(&scratch.path().join("state.json")).await;
    let up_token = client_token(up.base_url(), UPSTREAM_ID, UPSTREAM_SECRET).await;
    let track = &unknown_ids((&up, &up_catalog), &up_token, "track", "", 1, &[]).await[0];
    let (recorder, token) = recording(&up, &dir, QuotaMode::Extended).await;
    up.clear_requests();

    let path = format!("/v1/tracks/{track}");
    let answers =
        futures_util::future::join_all((0..8).map(|_| get(recorder.base_url(), &token, &path)))
            .await;
    assert!(
        answers
            .iter()
            .all(|a| a.status == 200 && a.body == answers[0].body),
        "{answers:?}"
    );
    let album = answers[0].body["album"]["id"].as_str().unwrap();
    let read = |collection: &str, id: &str| -> Value {
        let file = dir.join(collection).join(format!("{id}.json"));
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
    };
    assert_eq!(read("tracks", track), answers[0].body);
    assert_eq!(read("albums", album)["id"], album);
    // Every caller's miss went upstream; the track's album, which only recording asks for,
    // went once: the recording of one entity is done once, however many callers miss it.
    let sent = up.requests();
    let count = |path: &str| sent.iter().filter(|r| r.path == path).count();
    assert_eq!(count(&path), 8);
    assert_eq!(count(&format!("/v1/albums/{album}")), 1, "{sent:#?}");
}

#[tokio::test]
async fn a_built_in_entity_a_recorded_body_names_is_not_forwarded() {
    const TRASHMEN: &str = "5QEA3sofVt5QckQA6QX2nN";
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("recorded");
    // A recorded track by a built-in artist.
    let track = "0000000000000000000001";
    std::fs::create_dir_all(dir.join("tracks")).unwrap();
    std::fs::write(
        dir.join("tracks").join(format!("{track}.json")),
        serde_json::to_string(&serde_json::json!({
            "type": "track", "id": track, "uri": format!("spotify:track:{track}"),
            "name": "A Cover", "duration_ms": 120000,
            "artists": [{
                "type": "artist", "id": TRASHMEN, "uri": format!("spotify:artist:{TRASHMEN}"),
                "name": "The Trashmen"
            }]
        }))
        .unwrap(),
    )
    .unwrap();
    let (up, _) = upstream(&scratch.path().join("state.json")).await;
    let (recorder, token) = recording(&up, &dir, QuotaMode::Extended).await;
    up.clear_requests();

    let artist = get(
        recorder.base_url(),
        &token,
        &format!("/v1/artists/{TRASHMEN}"),
    )
    .await;
    assert_eq!(artist.status, 200);
    assert_eq!(artist.body["name"], "The Trashmen");
    assert!(up.requests().is_empty(), "{:#?}", up.requests());
    assert!(
        !dir.join("artists")
            .join(format!("{TRASHMEN}.json"))
            .exists()
    );
}

#[tokio::test]
async fn what_a_development_mode_app_may_not_call_is_refused_not_forwarded() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("recorded");
    let (up, up_catalog) = upstream(&scratch.path().join("state.json")).await;
    let up_token = client_token(up.base_url(), UPSTREAM_ID, UPSTREAM_SECRET).await;
    let artist = &unknown_ids((&up, &up_catalog), &up_token, "artist", "", 1, &[]).await[0];
    let (recorder, token) = recording(&up, &dir, QuotaMode::Development).await;
    up.clear_requests();

    for path in [
        format!("/v1/artists/{artist}/top-tracks"),
        format!("/v1/artists?ids={artist}"),
    ] {
        let got = get(recorder.base_url(), &token, &path).await;
        assert_eq!(got.status, 403, "{path}: {got:?}");
    }
    assert!(up.requests().is_empty(), "{:#?}", up.requests());
}
