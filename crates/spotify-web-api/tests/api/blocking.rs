//! The blocking API (feature `blocking`): the seed's flow and paged reads with no async code
//! in the test, and the same calls from inside another runtime's `spawn_blocking`.

use spotify_emulator::{Emulator, catalog_ids};
use spotify_web_api::blocking::{Session, SpotifyWebApi};
use spotify_web_api::{Error, Scope};

use crate::support::{self, SURFIN_BIRD};

/// A blocking client of `emu`'s Web API with no token yet.
fn client(emu: &Emulator) -> SpotifyWebApi {
    SpotifyWebApi::from(support::api_builder(emu).build().unwrap())
}

/// A blocking client of `emu`'s Web API that gets the app's token by itself.
fn managed_client(emu: &Emulator) -> SpotifyWebApi {
    SpotifyWebApi::from(
        support::api_builder(emu)
            .session(support::app_session(emu))
            .build()
            .unwrap(),
    )
}

#[test]
fn the_seeds_flow_and_a_paged_read_without_async_code() {
    // No runtime on this thread, and none is started by the test.
    assert!(tokio::runtime::Handle::try_current().is_err());
    let emu = Emulator::start_blocking();

    // Step 1: a client-credentials token.
    let mut session = Session::from(support::app_session(&emu));
    session.request_credentials_token().unwrap();
    let access_token = session.access_token().unwrap().to_owned();
    assert!(!access_token.is_empty());

    // Step 2: the seed's track, from another client, as the seed stores and reloads it.
    let api = client(&emu);
    api.set_access_token(access_token);
    let track = api.get_track(SURFIN_BIRD).send().unwrap();
    assert_eq!(
        (track.name.as_str(), track.artists[0].name.as_str()),
        ("Surfin' Bird", "The Trashmen")
    );

    // A paged read: 30 tracks, 7 to a page, through the iterator, the concurrent fetch and
    // next_page; the iterator fetches each page once.
    let album = catalog_ids::ALBUM_30_TRACKS;
    let before = emu.stats().api_requests;
    let iterated: Vec<_> = api
        .get_album_tracks(album)
        .limit(7)
        .iter()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(iterated.len(), 30);
    assert_eq!(emu.stats().api_requests - before, 5);
    let fetched = api.get_album_tracks(album).limit(7).send_all().unwrap();
    assert_eq!(fetched, iterated);
    let mut page = api.get_album_tracks(album).limit(7).send().unwrap();
    let mut walked = page.items.clone();
    while let Some(next) = api.next_page(&page).unwrap() {
        walked.extend(next.items.iter().cloned());
        page = next;
    }
    assert_eq!(walked, iterated);
    let first = api.get_album_tracks(album).limit(7).send().unwrap();
    assert_eq!(first.items, iterated[..7]);
    assert!(api.previous_page(&first).unwrap().is_none());

    // Errors are the library's one `Error`: a bad ID before any request, an API error after.
    let requests = emu.stats().api_requests;
    assert!(matches!(
        api.get_track("not an id").send(),
        Err(Error::InvalidId { .. })
    ));
    assert_eq!(emu.stats().api_requests, requests);
    let missing = api.get_track("0000000000000000000000").send().unwrap_err();
    assert_eq!(missing.status(), Some(404), "{missing:?}");
}

#[test]
fn a_managed_session_gets_its_token_and_iterates_search_results() {
    let emu = Emulator::start_blocking();
    let api = managed_client(&emu);
    let tracks: Vec<spotify_web_api::model::Track> = api
        .search("river")
        .limit(2)
        .iter()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tracks.len() > 2, "more than one page: {}", tracks.len());
    assert_eq!(
        api.search("river")
            .send_all::<spotify_web_api::model::Track>()
            .unwrap(),
        tracks
    );
    assert_eq!(emu.stats().token_requests, 1);
    assert!(api.token().is_some());
}

#[test]
fn a_raw_request_is_sent_without_async_code() {
    let emu = Emulator::start_blocking();
    let api = managed_client(&emu);
    let track: serde_json::Value = api
        .request("GET", format!("/tracks/{SURFIN_BIRD}"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(track["name"], "Surfin' Bird");
    // An error answer is the library's typed error, as for the operations.
    let missing = api
        .request("GET", "/tracks/0000000000000000000000")
        .send()
        .unwrap_err();
    assert_eq!(missing.status(), Some(404), "{missing:?}");
    assert_eq!(emu.stats().token_requests, 1);
}

#[tokio::test]
async fn blocking_calls_work_inside_another_runtimes_spawn_blocking() {
    let emu = Emulator::start().await;
    // The user's login: the browser's part is async here, the rest blocking.
    let mut pkce = support::pkce_session(&emu);
    let state = spotify_web_api::Session::generate_state();
    let verifier = spotify_web_api::Session::generate_code_verifier();
    let url = pkce
        .authorize_url()
        .scopes([
            Scope::UserReadPrivate,
            Scope::UserLibraryModify,
            Scope::UserLibraryRead,
        ])
        .state(&state)
        .code_challenge(&spotify_web_api::Session::code_challenge(&verifier))
        .build()
        .unwrap();
    let redirect = support::authorize(&emu, &url).await;
    pkce.set_redirect_uri(support::REDIRECT).unwrap();
    let api_url = format!("{}/v1", emu.base_url());

    let saved = tokio::task::spawn_blocking(move || {
        let mut session = Session::from(pkce);
        let code = spotify_web_api::Session::parse_redirect(&redirect, Some(&state)).unwrap();
        session.request_access_token_pkce(&code, &verifier).unwrap();
        let first = session.access_token().unwrap().to_owned();
        session.refresh_access_token().unwrap();
        assert_ne!(session.access_token().unwrap(), first);
        let api = SpotifyWebApi::from(
            spotify_web_api::SpotifyWebApi::builder()
                .api_url(api_url)
                .session(session.into_async())
                .build()
                .unwrap(),
        );
        assert!(!api.me().send().unwrap().id.is_empty());
        api.add_my_tracks([SURFIN_BIRD]).send().unwrap();
        api.my_tracks_contains([SURFIN_BIRD, "4PTG3Z6ehGkBFwjybzWkR8"])
            .send()
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(saved, [true, false]);
    assert_eq!(emu.stats().token_requests, 2);
}

#[tokio::test]
async fn a_blocking_call_inside_async_code_panics_as_documented() {
    // Nothing is listening: the panic comes before any request.
    let api = SpotifyWebApi::from(
        spotify_web_api::SpotifyWebApi::builder()
            .api_url("http://127.0.0.1:9/v1")
            .build()
            .unwrap(),
    );
    api.set_access_token("token");
    let message = |result: std::thread::Result<()>| {
        let payload = result.expect_err("a blocking call in async code panics");
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    };
    let unwind = |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    for (what, panicked) in [
        ("send", unwind(&|| drop(api.get_track(SURFIN_BIRD).send()))),
        (
            "iter",
            unwind(&|| {
                drop(
                    api.get_album_tracks(catalog_ids::ALBUM_30_TRACKS)
                        .iter()
                        .next(),
                )
            }),
        ),
        (
            "request",
            unwind(&|| drop(api.request("GET", "/me").send())),
        ),
    ] {
        let text = message(panicked);
        assert!(
            text.contains("Cannot start a runtime from within a runtime"),
            "{what}: {text}"
        );
    }
}

#[test]
fn the_blocking_examples_name_no_tokio_item() {
    // They build against the blocking API alone: no runtime, no `#[tokio::main]`, no `.await`.
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in [
        "catalogue.rs",
        "library.rs",
        "player.rs",
        "export.rs",
        "support/mod.rs",
    ] {
        let source = std::fs::read_to_string(examples.join(name)).unwrap();
        for word in ["tokio", ".await", "async fn"] {
            assert!(!source.contains(word), "{name} has {word:?}");
        }
    }
}

#[test]
fn the_async_examples_log_in_without_blocking_their_runtime() {
    // A blocking login inside `#[tokio::main]` needs `block_in_place`, which panics on a
    // current-thread runtime and starts the blocking API's own runtime besides.
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(&examples).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        if !source.contains("async fn main") {
            continue;
        }
        for word in ["block_in_place", "support::user_client"] {
            assert!(!source.contains(word), "{path:?} has {word:?}");
        }
    }
}
