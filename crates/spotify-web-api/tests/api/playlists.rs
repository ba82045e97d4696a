//! Reading playlists through the library, against the emulator: whole playlists streamed and
//! fetched concurrently, episodes and local files among the items, the `fields` filter end to
//! end, `track`/`item` and `tracks`/`items` both reaching the models' accessors, what a
//! development-mode app sees against an extended one, covers, and the featured and category
//! lists.

#![allow(deprecated)] // get_playlist_tracks, the featured and category playlists

use std::time::Instant;

use futures_util::TryStreamExt;
use spotify_emulator::{Emulator, QuotaMode as EmuQuota, catalog_ids as ids};
use spotify_web_api::api::playlists::AdditionalType;
use spotify_web_api::model::{PlayableItem, PlaylistItem};
use spotify_web_api::{ApiChange, Error, Fields, QuotaMode, Scope, SpotifyWebApi};

use crate::coverage::Call;
use crate::support;

/// One call per operation of this area, for the coverage harness.
pub(crate) const CALLS: &[(&str, Call)] = calls! {
    "get-playlist" => |api| api
        .get_playlist(ids::PLAYLIST_250_ITEMS)
        .additional_types([AdditionalType::Track, AdditionalType::Episode]);
    "get-playlists-items" => |api| api
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .additional_types([AdditionalType::Track, AdditionalType::Episode])
        .offset(20)
        .limit(10);
    "get-playlists-tracks" => |api| api
        .get_playlist_tracks(ids::PLAYLIST_250_ITEMS)
        .additional_types([AdditionalType::Episode])
        .limit(100);
    "get-playlist-cover" => |api| api.get_playlist_image(ids::PLAYLIST_250_ITEMS);
    "get-featured-playlists" => |api| api.get_featured_playlists().limit(5);
    "get-a-categories-playlists" => |api| api.get_category_playlists(ids::CATEGORY_30_PLAYLISTS);
};

const BOTH: [AdditionalType; 2] = [AdditionalType::Track, AdditionalType::Episode];

/// A client of the default user, who owns the showcase playlists (development mode unless the
/// emulator says otherwise).
async fn owner_client(emu: &Emulator) -> SpotifyWebApi {
    let session = support::user_session(
        emu,
        &[Scope::PlaylistReadPrivate, Scope::PlaylistReadCollaborative],
    )
    .await;
    support::api_builder(emu)
        .session(session)
        .build()
        .expect("client")
}

async fn extended() -> (Emulator, SpotifyWebApi) {
    let emu = support::extended_emulator().await;
    let api = support::warm_client(&emu).await;
    (emu, api)
}

/// The decoded value of `name` in a raw query string.
fn query_value(query: &str, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn id_of(entry: &PlaylistItem) -> Option<String> {
    entry
        .content()
        .and_then(PlayableItem::id)
        .map(str::to_owned)
}

#[tokio::test]
async fn streaming_the_large_playlist_equals_fetch_all_and_its_total() {
    let emu = Emulator::start().await;
    let api = owner_client(&emu).await;
    let first = api
        .get_playlist_items(ids::LARGE_PLAYLIST)
        .additional_types(BOTH)
        .await
        .unwrap();
    assert_eq!(first.total, 10_000);
    assert_eq!(first.items.len(), 20, "Spotify's default page");

    emu.clear_requests();
    let started = Instant::now();
    let streamed: Vec<PlaylistItem> = api
        .get_playlist_items(ids::LARGE_PLAYLIST)
        .additional_types(BOTH)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let stream_time = started.elapsed();
    let stream_requests = emu.requests().len();

    emu.clear_requests();
    let started = Instant::now();
    let fetched = api
        .get_playlist_items(ids::LARGE_PLAYLIST)
        .additional_types(BOTH)
        .fetch_all()
        .await
        .unwrap();
    let fetch_time = started.elapsed();
    let fetch_requests = emu.requests();

    assert_eq!(streamed.len(), 10_000);
    assert_eq!(streamed, fetched);
    assert_eq!(
        stream_requests, 200,
        "pages of 50, the largest /items takes"
    );
    assert_eq!(fetch_requests.len(), 200);
    assert!(
        fetch_requests
            .iter()
            .all(|r| query_value(&r.query, "additional_types").as_deref() == Some("track,episode")),
        "every page asks for episodes"
    );
    // Items in the playlist's order: added an hour apart.
    assert!(
        streamed
            .windows(2)
            .all(|w| w[0].added_at.as_deref() < w[1].added_at.as_deref())
    );
    let episodes = streamed
        .iter()
        .filter(|e| e.content().and_then(PlayableItem::as_episode).is_some())
        .count();
    let locals = streamed
        .iter()
        .filter(|e| e.is_local && e.content().is_some_and(PlayableItem::is_local))
        .count();
    assert_eq!((episodes, locals), (1_000, 200));
    eprintln!(
        "10,000 items: stream {stream_time:?} ({stream_requests} requests), \
         fetch_all {fetch_time:?} ({} requests)",
        fetch_requests.len()
    );
}

#[tokio::test]
async fn episodes_and_local_files_decode_among_items() {
    let (_emu, api) = extended().await;
    let page = api
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .additional_types(BOTH)
        .market("SE")
        .offset(20)
        .limit(10)
        .await
        .unwrap();
    assert_eq!((page.offset, page.total, page.items.len()), (20, 250, 10));

    let local = &page.items[4]; // index 24
    assert!(local.is_local);
    let file = local.content().unwrap();
    assert!(file.is_local());
    assert_eq!(file.id(), None);
    assert_eq!(file.name(), "Demo Tape 1");
    assert_eq!(
        file.uri(),
        "spotify:local:Basement+Tapes:Rehearsal+Room:Demo+Tape+1:120"
    );
    let track = file.as_track().unwrap();
    assert_eq!(track.id, None);
    assert_eq!(track.album.name, "Rehearsal Room");
    assert_eq!(track.artists[0].name, "Basement Tapes");
    assert_eq!(track.duration_ms, 120_000);

    let episode = page.items[9].content().unwrap().as_episode().unwrap(); // index 29
    assert!(!episode.show.name.is_empty(), "a full episode has its show");
    assert!(!episode.description.is_empty());
    let tracks = page
        .items
        .iter()
        .filter(|e| {
            e.content()
                .and_then(PlayableItem::as_track)
                .is_some_and(|t| !t.is_local)
        })
        .count();
    assert_eq!(tracks, 8);

    // Without `additional_types=episode`, Spotify sends the episode in a track-like shape: it
    // is still an episode, with its id and name, but without its show.
    let plain = api
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .offset(29)
        .limit(1)
        .await
        .unwrap();
    let shaped = plain.items[0].content().unwrap();
    let as_episode = shaped.as_episode().unwrap();
    assert_eq!(as_episode.id, episode.id);
    assert_eq!(as_episode.name, episode.name);
    assert_eq!(as_episode.duration_ms, episode.duration_ms);
    assert!(as_episode.show.name.is_empty());
}

#[tokio::test]
async fn fields_filter_end_to_end() {
    let (emu, api) = extended().await;
    let filter = "name,owner.id,items(total,items(added_by.id,item(name)))";
    let playlist = api
        .get_playlist(ids::FOREIGN_PLAYLIST)
        .fields(filter)
        .await
        .unwrap();
    assert_eq!(
        emu.requests()
            .last()
            .and_then(|r| query_value(&r.query, "fields")),
        Some(filter.to_owned())
    );
    // Only what was asked for came; the model decodes the rest to its defaults.
    assert_eq!(playlist.name, "Curated Rivers");
    assert_eq!(playlist.owner.id.as_str(), ids::CURATOR_USER_ID);
    assert_eq!(playlist.owner.display_name, None);
    assert_eq!(playlist.description, None);
    assert!(playlist.snapshot_id.is_empty() && playlist.images.is_empty());
    assert_eq!(playlist.tracks, None, "not asked for");
    let page = playlist.items_page().unwrap();
    assert_eq!((page.total, page.items.len()), (30, 30));
    for entry in page {
        assert_eq!(
            entry.added_by.as_ref().map(|u| u.id.as_str()),
            Some(ids::CURATOR_USER_ID)
        );
        assert_eq!(entry.added_at, None);
        let content = entry.content().unwrap();
        assert!(!content.name().is_empty());
        assert_eq!(content.id(), None, "the id was filtered out");
    }

    // The same filter built from parts sends the same text.
    let built = Fields::new().field("name").field("owner.id").nested(
        "items",
        Fields::new().field("total").nested(
            "items",
            Fields::new()
                .field("added_by.id")
                .nested("item", Fields::new().field("name")),
        ),
    );
    assert_eq!(built.to_string(), filter);
    let again = api
        .get_playlist(ids::FOREIGN_PLAYLIST)
        .fields(built)
        .await
        .unwrap();
    assert_eq!(again, playlist);

    // A filtered page still streams to the end: the paging members are kept.
    let names: Vec<String> = api
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .fields("items(item(name))")
        .stream()
        .map_ok(|entry| {
            entry
                .content()
                .map(|c| c.name().to_owned())
                .unwrap_or_default()
        })
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names.len(), 250);
    assert!(names.iter().all(|n| !n.is_empty()));
    let all = api
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .fields("items(item(name))")
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 250);

    // A broken filter is refused before anything is sent.
    emu.clear_requests();
    let err = api
        .get_playlist(ids::FOREIGN_PLAYLIST)
        .fields("items(added_by.id")
        .await
        .unwrap_err();
    assert!(err.is_invalid_input(), "{err}");
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn track_and_item_both_reach_the_accessors() {
    let (_emu, api) = extended().await;
    let names = |page: &spotify_web_api::model::Page<PlaylistItem>| -> Vec<String> {
        page.iter()
            .map(|e| e.content().map(|c| c.name().to_owned()).unwrap_or_default())
            .collect()
    };
    // Old names only.
    let old = api
        .get_playlist(ids::FOREIGN_PLAYLIST)
        .fields("tracks.items(track(name))")
        .await
        .unwrap();
    assert!(old.items.is_none() && old.tracks.is_some());
    let old_page = old.items_page().unwrap();
    assert!(
        old_page
            .iter()
            .all(|e| e.track.is_some() && e.item.is_none())
    );
    // New names only.
    let new = api
        .get_playlist(ids::FOREIGN_PLAYLIST)
        .fields("items.items(item(name))")
        .await
        .unwrap();
    assert!(new.items.is_some() && new.tracks.is_none());
    let new_page = new.items_page().unwrap();
    assert!(
        new_page
            .iter()
            .all(|e| e.item.is_some() && e.track.is_none())
    );
    assert_eq!(names(old_page), names(new_page));
    assert_eq!(names(new_page).len(), 30);

    // The whole body of an extended app has both, the same.
    let full = api.get_playlist(ids::FOREIGN_PLAYLIST).await.unwrap();
    let (items, tracks) = (full.items.as_ref().unwrap(), full.tracks.as_ref().unwrap());
    assert_eq!(items.items, tracks.items);
    assert!(items.href.contains("/items?") && tracks.href.contains("/tracks?"));
    let entry = &full.items_page().unwrap().items[0];
    assert_eq!(entry.item, entry.track);
    assert_eq!(
        full.into_items_page().map(|p| p.total),
        Some(30),
        "by value too"
    );
}

#[tokio::test]
async fn development_mode_shows_items_to_their_owner_only() {
    let emu = Emulator::start().await;
    let app = support::warm_client(&emu).await;

    // A client-credentials caller: details without items, and a typed refusal for the items.
    let details = app.get_playlist(ids::PLAYLIST_250_ITEMS).await.unwrap();
    assert_eq!(details.name, "Two Hundred Fifty");
    assert_eq!(details.items_page(), None);
    let err = app
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .await
        .unwrap_err();
    assert!(err.is_foreign_playlist(), "{err:?}");
    assert!(err.is_forbidden() && !err.is_endpoint_removed());
    assert_eq!(err.status(), Some(403));
    match &err {
        Error::ForeignPlaylist { playlist, message } => {
            assert_eq!(playlist, ids::PLAYLIST_250_ITEMS);
            assert_eq!(message, "Forbidden");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("owns or collaborates on"), "{err}");
    // Streams end on the same error.
    let streamed: Result<Vec<_>, _> = app
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .stream()
        .try_collect()
        .await;
    assert!(streamed.unwrap_err().is_foreign_playlist());
    // The app's quota mode is not learned from it: the endpoint exists for development mode.
    assert_eq!(app.quota_mode(), QuotaMode::Auto);

    // The owner reads the items, under the new names only.
    let owner = owner_client(&emu).await;
    let own = owner.get_playlist(ids::PLAYLIST_250_ITEMS).await.unwrap();
    assert!(own.tracks.is_none());
    let page = own.items.as_ref().unwrap();
    assert_eq!((page.total, page.items.len()), (250, 100));
    assert!(page.iter().all(|e| e.track.is_none()));
    assert!(page.iter().all(|e| e.item.is_some() || e.is_local));
    // A collaborator too; someone else's playlist stays closed.
    let shared = owner
        .get_playlist_items(ids::COLLABORATIVE_PLAYLIST)
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(shared.len(), 25);
    let foreign = owner
        .get_playlist_items(ids::FOREIGN_PLAYLIST)
        .await
        .unwrap_err();
    assert!(foreign.is_foreign_playlist());

    // The same playlist for an extended app: items under both names, for anyone.
    let (_ext, ext_api) = extended().await;
    let ext = ext_api.get_playlist(ids::PLAYLIST_250_ITEMS).await.unwrap();
    assert!(ext.items.is_some() && ext.tracks.is_some());
    let ext_items = ext_api
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .fetch_all()
        .await
        .unwrap();
    let own_items = owner
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .fetch_all()
        .await
        .unwrap();
    let ids_of = |items: &[PlaylistItem]| items.iter().map(id_of).collect::<Vec<_>>();
    assert_eq!(
        ids_of(&ext_items),
        ids_of(&own_items),
        "same items, either way"
    );
}

#[tokio::test]
async fn the_legacy_tracks_endpoint_names_its_replacement() {
    let emu = Emulator::start().await;
    let api = owner_client(&emu).await;
    emu.clear_requests();
    for _ in 0..3 {
        let err = api
            .get_playlist_tracks(ids::PLAYLIST_250_ITEMS)
            .await
            .unwrap_err();
        match &err {
            Error::EndpointRemoved {
                operation,
                change,
                replacement,
            } => {
                assert_eq!(*operation, "get-playlists-tracks");
                assert_eq!(*change, ApiChange::February2026);
                assert_eq!(*replacement, Some("SpotifyWebApi::get_playlist_items"));
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(emu.requests().len(), 1, "asked once, then known");
    assert_eq!(api.quota_mode(), QuotaMode::Development);

    // Extended: pages of up to 100, both names.
    let (emu, api) = extended().await;
    emu.clear_requests();
    let all = api
        .get_playlist_tracks(ids::PLAYLIST_250_ITEMS)
        .market("SE")
        .limit(100)
        .stream()
        .try_collect::<Vec<_>>()
        .await
        .unwrap();
    assert_eq!(all.len(), 250);
    assert_eq!(emu.requests().len(), 3, "100 + 100 + 50");
    assert!(all.iter().all(|e| e.track == e.item));
    let items = api
        .get_playlist_items(ids::PLAYLIST_250_ITEMS)
        .market("SE")
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(all, items, "the same entries as /items");
    let err = api
        .get_playlist_tracks(ids::PLAYLIST_250_ITEMS)
        .limit(101)
        .await
        .unwrap_err();
    assert!(err.is_invalid_input());
}

#[tokio::test]
async fn cover_images_decode_leniently() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    let images = api
        .get_playlist_image(ids::PLAYLIST_250_ITEMS)
        .await
        .unwrap();
    assert_eq!(images.len(), 1);
    assert!(images[0].url.starts_with("https://"));
    let playlist = api.get_playlist(ids::PLAYLIST_250_ITEMS).await.unwrap();
    assert_eq!(playlist.images, images);

    // A real cover body: sizes null, a float, and an element of the wrong kind.
    support::fault(
        &emu,
        serde_json::json!({
            "status": 200,
            "count": 1,
            "path_prefix": format!("/v1/playlists/{}/images", ids::PLAYLIST_250_ITEMS),
            "body": r#"[{"url":"https://i.scdn.co/image/ab67706c","height":null,"width":null},null,{"url":"https://mosaic.scdn.co/640/x","height":640.0,"width":640}]"#,
        }),
    )
    .await;
    let images = api
        .get_playlist_image(ids::PLAYLIST_250_ITEMS)
        .await
        .unwrap();
    assert_eq!(images.len(), 2);
    assert_eq!((images[0].height, images[0].width), (None, None));
    assert_eq!((images[1].height, images[1].width), (Some(640), Some(640)));
}

#[tokio::test]
async fn unknown_malformed_and_spotify_owned_playlists() {
    let (emu, api) = extended().await;
    let missing = api
        .get_playlist("0000000000000000000000")
        .await
        .unwrap_err();
    assert!(missing.is_not_found());
    emu.clear_requests();
    let malformed = api.get_playlist_items("not-a-playlist").await.unwrap_err();
    assert!(matches!(malformed, Error::InvalidId { .. }));
    assert!(emu.requests().is_empty());

    // Spotify's own playlists: there for an extended app, gone (404) for a development one.
    let mix = api
        .get_category_playlists(ids::CATEGORY_30_PLAYLISTS)
        .limit(1)
        .await
        .unwrap();
    let editorial = mix.playlists.items[0].id.clone();
    assert_eq!(mix.playlists.items[0].owner.id.as_str(), "spotify");
    assert!(api.get_playlist(&editorial).await.is_ok());
    assert!(emu.set_quota_mode(emu.client_id(), EmuQuota::Development));
    let gone = api.get_playlist(&editorial).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
}

#[tokio::test]
async fn featured_and_category_playlists() {
    let (_emu, api) = extended().await;
    let featured = api
        .get_featured_playlists()
        .locale("sv_SE")
        .limit(5)
        .await
        .unwrap();
    assert!(featured.message.as_deref().is_some_and(|m| !m.is_empty()));
    assert_eq!(featured.playlists.items.len(), 5);
    let second = api.next_page(&featured.playlists).await.unwrap().unwrap();
    assert_eq!(second.offset, 5);
    assert!(
        second
            .items
            .iter()
            .all(|p| !featured.playlists.items.contains(p))
    );

    let first = api
        .get_category_playlists(ids::CATEGORY_30_PLAYLISTS)
        .await
        .unwrap();
    assert_eq!(first.message, None);
    assert_eq!(
        (first.playlists.total, first.playlists.items.len()),
        (30, 20)
    );
    let rest = api.next_page(&first.playlists).await.unwrap().unwrap();
    assert_eq!(rest.items.len(), 10);
    assert!(api.next_page(&rest).await.unwrap().is_none());
    for playlist in first.playlists.iter().chain(&rest) {
        assert_eq!(playlist.items_ref().map(|r| r.total), Some(20));
    }
    assert!(
        api.get_category_playlists("no-such-category")
            .await
            .unwrap_err()
            .is_not_found()
    );

    // Removed in 2024-11 for a development-mode app: a typed error, no replacement.
    let emu = Emulator::start().await;
    let dev = support::warm_client(&emu).await;
    for err in [
        dev.get_featured_playlists().await.unwrap_err(),
        dev.get_category_playlists(ids::CATEGORY_30_PLAYLISTS)
            .await
            .unwrap_err(),
    ] {
        assert!(
            matches!(
                err,
                Error::EndpointRemoved {
                    change: ApiChange::November2024,
                    replacement: None,
                    ..
                }
            ),
            "{err:?}"
        );
    }
}
