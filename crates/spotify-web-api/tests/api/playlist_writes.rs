//! Writing playlists through the library, against the emulator: `snapshot_id`s, 250 items in
//! ordered batches, a failure in the third batch reported exactly and resumed without adding
//! anything twice, writes that may have landed never repeated, reorder / replace / remove (and
//! against an older snapshot), covers (bytes round trip, bad data refused before sending),
//! permissions and scopes, the `/tracks` twins per quota mode, and the user's playlist list.

#![allow(deprecated)] // the /tracks twins and create_playlist_for_user

use futures_util::TryStreamExt;
use serde_json::json;
use spotify_emulator::{DEFAULT_USER_ID, Emulator, QuotaMode as EmuQuota, catalog_ids as ids};
use spotify_web_api::api::playlists::AdditionalType;
use spotify_web_api::model::{PlaylistItem, SnapshotId};
use spotify_web_api::{
    ApiChange, ArgumentProblem, Error, PlayableId, PlaylistId, QuotaMode, Result, Scope,
    SpotifyWebApi, TrackId,
};

use crate::coverage::Call;
use crate::support::{self, SURFIN_BIRD};

/// The user's playlist operations, in order, for the coverage harness: each write acts on a
/// playlist it creates first.
pub(crate) const USER_CALLS: &[(&str, Call)] = calls! {
    "get-a-list-of-current-users-playlists" => |api| api.get_my_playlists().limit(50);
    "create-playlist" => |api| api.create_playlist("Coverage").description("made by the harness");
    "create-playlist-for-user" => |api| api.create_playlist_for_user(DEFAULT_USER_ID, "Coverage, the old way");
    "change-playlist-details" => |api| rename(api);
    "add-items-to-playlist" => |api| add_first(api);
    "reorder-or-replace-playlists-items" => |api| move_last_first(api);
    "remove-items-playlist" => |api| remove_one(api);
    "add-tracks-to-playlist" => |api| add_through_tracks(api);
    "reorder-or-replace-playlists-tracks" => |api| replace_through_tracks(api);
    "remove-tracks-playlist" => |api| remove_through_tracks(api);
    "upload-custom-playlist-cover" => |api| upload_cover(api);
};

/// The smallest JPEG header with a 640x480 frame: the emulator reads the size from it.
pub(crate) const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02,
    0x80, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9,
];

pub(crate) fn track(id: &str) -> PlayableId {
    PlayableId::from(TrackId::parse(id).expect("a track ID"))
}

/// Three tracks of the catalogue.
fn three() -> [PlayableId; 3] {
    [
        track(SURFIN_BIRD),
        track(ids::RELINKED_TRACK),
        track(ids::UNAVAILABLE_TRACK),
    ]
}

/// A new private playlist of the user holding [`three`].
async fn scratch(api: &SpotifyWebApi) -> Result<PlaylistId> {
    let playlist = api.create_playlist("Scratch").public(false).await?;
    api.add_playlist_items(&playlist.id, three()).await?;
    Ok(playlist.id)
}

async fn rename(api: SpotifyWebApi) -> Result<()> {
    let id = scratch(&api).await?;
    api.update_playlist(&id)
        .name("Renamed")
        .description("")
        .await
}

async fn add_first(api: SpotifyWebApi) -> Result<SnapshotId> {
    let id = scratch(&api).await?;
    api.add_playlist_items(&id, [track(SURFIN_BIRD)])
        .position(0)
        .await
}

async fn move_last_first(api: SpotifyWebApi) -> Result<SnapshotId> {
    let id = scratch(&api).await?;
    api.reorder_playlist_tracks(&id, 2, 0).await
}

async fn remove_one(api: SpotifyWebApi) -> Result<SnapshotId> {
    let id = scratch(&api).await?;
    api.delete_playlist_items(&id, [track(SURFIN_BIRD)]).await
}

async fn add_through_tracks(api: SpotifyWebApi) -> Result<SnapshotId> {
    let id = scratch(&api).await?;
    api.add_playlist_tracks(&id, [track(SURFIN_BIRD)]).await
}

async fn replace_through_tracks(api: SpotifyWebApi) -> Result<SnapshotId> {
    let id = scratch(&api).await?;
    api.update_playlist_tracks(&id)
        .uris([track(ids::RELINKED_TRACK)])
        .await
}

async fn remove_through_tracks(api: SpotifyWebApi) -> Result<SnapshotId> {
    let id = scratch(&api).await?;
    api.delete_playlist_tracks(&id, [track(SURFIN_BIRD)]).await
}

async fn upload_cover(api: SpotifyWebApi) -> Result<()> {
    let id = scratch(&api).await?;
    api.update_playlist_image(&id, JPEG).await
}

/// A client of the default user with `scopes`.
async fn client_with(emu: &Emulator, scopes: &[Scope]) -> SpotifyWebApi {
    let session = support::user_session(emu, scopes).await;
    support::api_builder(emu)
        .session(session)
        .build()
        .expect("client")
}

/// A client of the default user with every scope, in an emulator of `mode`.
async fn user(mode: EmuQuota) -> (Emulator, SpotifyWebApi) {
    let emu = Emulator::builder()
        .quota_mode(mode)
        .start()
        .await
        .expect("emulator");
    let api = client_with(&emu, Scope::ALL).await;
    (emu, api)
}

/// The playlist's items, as playable IDs (`None` for a local file).
async fn contents(api: &SpotifyWebApi, id: &PlaylistId) -> Vec<Option<PlayableId>> {
    let items: Vec<PlaylistItem> = api
        .get_playlist_items(id)
        .additional_types([AdditionalType::Track, AdditionalType::Episode])
        .stream()
        .try_collect()
        .await
        .expect("the playlist's items");
    items
        .iter()
        .map(|entry| {
            let content = entry.content()?;
            PlayableId::parse(content.uri()).ok()
        })
        .collect()
}

/// `n` distinct tracks and episodes from the start of the large playlist (its local files
/// left out).
async fn distinct_items(api: &SpotifyWebApi, n: usize) -> Vec<PlayableId> {
    use futures_util::StreamExt;
    let entries: Vec<PlaylistItem> = api
        .get_playlist_items(ids::LARGE_PLAYLIST)
        .additional_types([AdditionalType::Track, AdditionalType::Episode])
        .stream()
        .take(4 * n)
        .try_collect()
        .await
        .expect("the large playlist's items");
    let mut seen = std::collections::HashSet::new();
    let items: Vec<PlayableId> = entries
        .iter()
        .filter_map(|entry| PlayableId::parse(entry.content()?.uri()).ok())
        .filter(|id| seen.insert(id.clone()))
        .take(n)
        .collect();
    assert_eq!(items.len(), n);
    assert!(items.iter().any(|i| matches!(i, PlayableId::Episode(_))));
    items
}

/// How many requests of `method` to `path` the emulator logged.
fn sent(emu: &Emulator, method: &str, path: &str) -> usize {
    emu.requests()
        .iter()
        .filter(|r| r.method == method && r.path == path)
        .count()
}

#[tokio::test]
async fn every_write_gives_a_new_snapshot_id_which_the_playlist_then_has() {
    let (_emu, api) = user(EmuQuota::Development).await;
    let created = api.create_playlist("Snapshots").await.unwrap();
    assert_eq!(created.public, Some(true));
    assert!(created.items_page().is_some_and(|p| p.total == 0));
    let id = created.id.clone();
    let mut seen = vec![created.snapshot_id.clone()];
    let [a, b, c] = three();

    let added = api.add_playlist_items(&id, [&a, &b, &c]).await.unwrap();
    seen.push(added.snapshot_id);
    let moved = api
        .reorder_playlist_tracks(&id, 2, 0)
        .snapshot_id(&seen[1])
        .await
        .unwrap();
    seen.push(moved.snapshot_id);
    assert_eq!(
        contents(&api, &id).await,
        [Some(c.clone()), Some(a.clone()), Some(b.clone())]
    );
    api.update_playlist(&id)
        .name("Snapshots, renamed")
        .public(false)
        .await
        .unwrap();
    let renamed = api.get_playlist(&id).await.unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.public),
        ("Snapshots, renamed", Some(false))
    );
    seen.push(renamed.snapshot_id.clone());
    let removed = api.delete_playlist_items(&id, [&b]).await.unwrap();
    seen.push(removed.snapshot_id.clone());
    assert_eq!(
        api.get_playlist(&id).await.unwrap().snapshot_id,
        removed.snapshot_id
    );
    let unique: std::collections::HashSet<&String> = seen.iter().collect();
    assert_eq!(
        unique.len(),
        seen.len(),
        "a new snapshot_id each time: {seen:?}"
    );
}

#[tokio::test]
async fn two_hundred_fifty_items_go_in_three_ordered_batches() {
    let (emu, api) = user(EmuQuota::Development).await;
    let items = distinct_items(&api, 250).await;
    let playlist = api.create_playlist("Batches").await.unwrap();
    let [a, b, _] = three();
    api.add_playlist_items(&playlist.id, [&a, &b])
        .await
        .unwrap();
    emu.clear_requests();

    // Between a and b: batch k at position 1 + 100k keeps the items in order.
    let snapshot = api
        .add_playlist_items(&playlist.id, &items)
        .position(1)
        .await
        .unwrap();
    let path = format!("/v1/playlists/{}/items", playlist.id);
    assert_eq!(sent(&emu, "POST", &path), 3);
    let mut expected: Vec<Option<PlayableId>> = vec![Some(a.clone())];
    expected.extend(items.iter().cloned().map(Some));
    expected.push(Some(b.clone()));
    assert_eq!(contents(&api, &playlist.id).await, expected);
    assert_eq!(
        api.get_playlist(&playlist.id).await.unwrap().snapshot_id,
        snapshot.snapshot_id
    );
}

#[tokio::test]
async fn a_failure_in_the_third_batch_reports_the_first_two_and_the_retry_adds_nothing_twice() {
    let (emu, api) = user(EmuQuota::Development).await;
    let items = distinct_items(&api, 250).await;
    let playlist = api.create_playlist("Interrupted").await.unwrap();
    let path = format!("/v1/playlists/{}/items", playlist.id);
    // The third POST to the playlist's items fails; the first two go through.
    support::fault(
        &emu,
        json!({"status": 500, "after": 2, "count": 1, "path_prefix": path}),
    )
    .await;
    emu.clear_requests();

    let error = api
        .add_playlist_items(&playlist.id, &items)
        .await
        .unwrap_err();
    let Error::PartialWrite {
        completed: done,
        total,
        snapshot_id,
        may_have_landed,
        source,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!((*done, *total), (200, 250));
    assert!(*may_have_landed, "a 500 on a POST may have been applied");
    assert_eq!(source.status(), Some(500));
    assert_eq!(error.completed(), Some(200));
    assert_eq!(
        sent(&emu, "POST", &path),
        3,
        "the failed POST was not repeated"
    );
    // The playlist is at the reported version: the third batch did not land.
    let now = api.get_playlist(&playlist.id).await.unwrap();
    assert_eq!(Some(&now.snapshot_id), snapshot_id.as_ref());
    let expected: Vec<Option<PlayableId>> = items[..200].iter().cloned().map(Some).collect();
    assert_eq!(contents(&api, &playlist.id).await, expected);

    // Resuming from the reported point adds the last 50, and nothing twice.
    api.add_playlist_items(&playlist.id, &items[*done..])
        .await
        .unwrap();
    let expected: Vec<Option<PlayableId>> = items.iter().cloned().map(Some).collect();
    assert_eq!(contents(&api, &playlist.id).await, expected);
    assert_eq!(sent(&emu, "POST", &path), 4);
}

#[tokio::test]
async fn a_resumed_add_at_a_position_lands_where_it_would_have() {
    let (emu, api) = user(EmuQuota::Extended).await;
    let items = distinct_items(&api, 250).await;
    let playlist = api.create_playlist("Interrupted at 1").await.unwrap();
    let [a, b, _] = three();
    api.add_playlist_items(&playlist.id, [&a, &b])
        .await
        .unwrap();
    let path = format!("/v1/playlists/{}/items", playlist.id);
    support::fault(
        &emu,
        json!({"status": 503, "after": 2, "path_prefix": path}),
    )
    .await;
    let error = api
        .add_playlist_items(&playlist.id, &items)
        .position(1)
        .await
        .unwrap_err();
    let done = error.completed().expect("a partial write");
    api.add_playlist_items(&playlist.id, &items[done..])
        .position(1 + done as u32)
        .await
        .unwrap();
    let mut expected = vec![Some(a)];
    expected.extend(items.into_iter().map(Some));
    expected.push(Some(b));
    assert_eq!(contents(&api, &playlist.id).await, expected);
}

#[tokio::test]
async fn writes_that_may_have_landed_are_never_repeated_and_the_others_are() {
    let (emu, api) = user(EmuQuota::Development).await;
    let id = scratch(&api).await.unwrap();
    let path = format!("/v1/playlists/{id}/items");
    let fail_once = || json!({"status": 502, "count": 1, "path_prefix": path});

    // A failed first batch is the plain error: nothing was written before it.
    support::fault(&emu, fail_once()).await;
    emu.clear_requests();
    let add = api.add_playlist_items(&id, [track(SURFIN_BIRD)]).await;
    assert_eq!(add.unwrap_err().status(), Some(502));
    assert_eq!(sent(&emu, "POST", &path), 1);

    // A reorder moves what is at a position: not repeated either.
    support::fault(&emu, fail_once()).await;
    emu.clear_requests();
    let reorder = api.reorder_playlist_tracks(&id, 0, 3).await;
    assert_eq!(reorder.unwrap_err().status(), Some(502));
    assert_eq!(sent(&emu, "PUT", &path), 1);

    // A replace sets the same items however often it is sent: repeated, and it succeeds.
    support::fault(&emu, fail_once()).await;
    emu.clear_requests();
    api.replace_playlist_tracks(&id, [track(SURFIN_BIRD)])
        .await
        .unwrap();
    assert_eq!(sent(&emu, "PUT", &path), 2);
    assert_eq!(contents(&api, &id).await, [Some(track(SURFIN_BIRD))]);
}

#[tokio::test]
async fn reorder_replace_and_remove_do_what_they_say() {
    let (emu, api) = user(EmuQuota::Development).await;
    let items = distinct_items(&api, 150).await;
    let id = scratch(&api).await.unwrap();
    let path = format!("/v1/playlists/{id}/items");

    // Replacing with 150: one replace, then an add of the other 50.
    emu.clear_requests();
    api.replace_playlist_tracks(&id, &items).await.unwrap();
    assert_eq!(
        (sent(&emu, "PUT", &path), sent(&emu, "POST", &path)),
        (1, 1)
    );
    let expected: Vec<Option<PlayableId>> = items.iter().cloned().map(Some).collect();
    assert_eq!(contents(&api, &id).await, expected);

    // The first two to the end.
    let before_move = api.get_playlist(&id).await.unwrap().snapshot_id;
    api.reorder_playlist_tracks(&id, 0, 150)
        .range_length(2)
        .await
        .unwrap();
    let now = contents(&api, &id).await;
    assert_eq!(now[..148], expected[2..]);
    assert_eq!(now[148..], expected[..2]);

    // Against the version before the move: its position 2 (items[2], now at 0) goes, and
    // every copy of items[3].
    api.delete_playlist_items(&id, [&items[3]])
        .at(&items[2], [2])
        .snapshot_id(&before_move)
        .await
        .unwrap();
    let now = contents(&api, &id).await;
    assert_eq!(now.len(), 148);
    assert_eq!(now[0], Some(items[4].clone()));
    assert!(!now.contains(&Some(items[3].clone())) && !now.contains(&Some(items[2].clone())));

    // A position that holds something else is refused, and nothing changes.
    let wrong = api
        .delete_playlist_items(&id, Vec::<PlayableId>::new())
        .at(&items[10], [0])
        .await
        .unwrap_err();
    assert_eq!(wrong.status(), Some(400));
    assert_eq!(contents(&api, &id).await.len(), 148);

    // Removing 148 by position, in two batches, highest positions first.
    let everything = api.delete_playlist_items(&id, Vec::<PlayableId>::new());
    let everything = now.iter().enumerate().fold(everything, |d, (i, item)| {
        d.at(item.clone().unwrap(), [i as u32])
    });
    emu.clear_requests();
    everything.await.unwrap();
    assert_eq!(sent(&emu, "DELETE", &path), 2);
    assert!(contents(&api, &id).await.is_empty());
}

#[tokio::test]
async fn a_cover_upload_round_trips_the_bytes_and_bad_data_is_refused_before_sending() {
    let (emu, api) = user(EmuQuota::Development).await;
    let id = scratch(&api).await.unwrap();
    api.update_playlist_image(&id, JPEG).await.unwrap();
    let images = api.get_playlist_image(&id).await.unwrap();
    assert_eq!(images.len(), 1);
    assert_eq!((images[0].width, images[0].height), (Some(640), Some(480)));
    let served = reqwest::get(&images[0].url).await.unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(&served.bytes().await.unwrap()[..], JPEG);
    assert_eq!(
        api.get_playlist(&id).await.unwrap().images[0].url,
        images[0].url
    );

    emu.clear_requests();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let not_jpeg = api.update_playlist_image(&id, png).await.unwrap_err();
    assert!(
        matches!(
            not_jpeg,
            Error::InvalidArgument {
                name: "image",
                problem: ArgumentProblem::Expected(_)
            }
        ),
        "{not_jpeg:?}"
    );
    let mut large = JPEG.to_vec();
    large.resize(256 * 1024, 0);
    let too_large = api.update_playlist_image(&id, large).await.unwrap_err();
    assert!(
        matches!(
            too_large,
            Error::InvalidArgument {
                problem: ArgumentProblem::TooLarge { .. },
                ..
            }
        ),
        "{too_large:?}"
    );
    assert!(emu.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn permissions_and_scopes_are_typed_errors() {
    let (_emu, api) = user(EmuQuota::Development).await;
    let one = [track(SURFIN_BIRD)];
    // Someone else's playlist: a 403 the caller can recognise.
    let foreign = api
        .add_playlist_items(ids::FOREIGN_PLAYLIST, one.clone())
        .await
        .unwrap_err();
    assert!(
        foreign.is_forbidden() && foreign.missing_scopes().is_none(),
        "{foreign:?}"
    );
    assert_eq!(foreign.status(), Some(403));
    // A collaborator may add.
    api.add_playlist_items(ids::COLLABORATIVE_PLAYLIST, one.clone())
        .await
        .unwrap();
    // ... but not rename.
    let rename = api
        .update_playlist(ids::COLLABORATIVE_PLAYLIST)
        .name("Mine")
        .await
        .unwrap_err();
    assert_eq!(rename.status(), Some(403));

    let emu = Emulator::start().await;
    let public_only = client_with(&emu, &[Scope::PlaylistModifyPublic]).await;
    public_only
        .add_playlist_items(ids::PLAYLIST_250_ITEMS, one.clone())
        .await
        .unwrap();
    let private = public_only
        .add_playlist_items(ids::LARGE_PLAYLIST, one.clone())
        .await
        .unwrap_err();
    assert_eq!(
        private.missing_scopes(),
        Some(&[Scope::PlaylistModifyPublic, Scope::PlaylistModifyPrivate][..])
    );
    let cover = public_only
        .update_playlist_image(ids::PLAYLIST_250_ITEMS, JPEG)
        .await
        .unwrap_err();
    assert!(
        cover
            .missing_scopes()
            .is_some_and(|s| s.contains(&Scope::UgcImageUpload))
    );
    let app = support::app_client(&emu);
    let anonymous = app.get_my_playlists().await.unwrap_err();
    assert!(anonymous.missing_scopes().is_some(), "{anonymous:?}");
}

#[tokio::test]
async fn the_tracks_twins_are_refused_once_for_development_apps_and_work_for_extended_ones() {
    let (emu, api) = user(EmuQuota::Development).await;
    let id = scratch(&api).await.unwrap();
    emu.clear_requests();
    for _ in 0..2 {
        let error = api
            .add_playlist_tracks(&id, [track(SURFIN_BIRD)])
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::EndpointRemoved {
                    operation: "add-tracks-to-playlist",
                    change: ApiChange::February2026,
                    replacement: Some("SpotifyWebApi::add_playlist_items"),
                }
            ),
            "{error:?}"
        );
    }
    let removed = api
        .delete_playlist_tracks(&id, [track(SURFIN_BIRD)])
        .await
        .unwrap_err();
    assert!(removed.is_endpoint_removed());
    assert_eq!(
        emu.requests().len(),
        1,
        "asked once, then known: {:?}",
        emu.requests()
    );
    assert_eq!(api.quota_mode(), QuotaMode::Development);
    // The /items methods work all the same.
    api.add_playlist_items(&id, [track(SURFIN_BIRD)])
        .await
        .unwrap();

    let (_emu, api) = user(EmuQuota::Extended).await;
    let id = scratch(&api).await.unwrap();
    api.add_playlist_tracks(&id, [track(SURFIN_BIRD)])
        .await
        .unwrap();
    api.update_playlist_tracks(&id)
        .range_start(3)
        .insert_before(0)
        .await
        .unwrap();
    api.delete_playlist_tracks(&id, [track(ids::UNAVAILABLE_TRACK)])
        .await
        .unwrap();
    let [a, b, _] = three();
    assert_eq!(
        contents(&api, &id).await,
        [Some(track(SURFIN_BIRD)), Some(a), Some(b)]
    );
    assert_eq!(api.quota_mode(), QuotaMode::Extended);
    let old_way = api
        .create_playlist_for_user(DEFAULT_USER_ID, "Old way")
        .await
        .unwrap();
    assert_eq!(old_way.owner.id.as_str(), DEFAULT_USER_ID);
}

#[tokio::test]
async fn someone_elses_playlist_does_not_teach_the_client_the_wrong_mode() {
    let (_emu, api) = user(EmuQuota::Extended).await;
    // In Auto mode, a /tracks twin's 403 for ownership is not a removal of the endpoint.
    let error = api
        .add_playlist_tracks(ids::FOREIGN_PLAYLIST, [track(SURFIN_BIRD)])
        .await
        .unwrap_err();
    assert!(
        !error.is_endpoint_removed() && error.status() == Some(403),
        "{error:?}"
    );
    // Nor is a playlist for another user.
    let error = api
        .create_playlist_for_user(ids::CURATOR_USER_ID, "Theirs")
        .await
        .unwrap_err();
    assert!(
        !error.is_endpoint_removed() && error.status() == Some(403),
        "{error:?}"
    );
    assert_eq!(api.quota_mode(), QuotaMode::Auto);
}

#[tokio::test]
async fn the_users_playlists_list_what_they_created_first_and_drop_hidden_ones() {
    let (emu, api) = user(EmuQuota::Development).await;
    let first = api.create_playlist("First").await.unwrap();
    let second = api
        .create_playlist("Second")
        .collaborative(true)
        .await
        .unwrap();
    assert_eq!((second.public, second.collaborative), (Some(false), true));
    let page = api.get_my_playlists().limit(2).await.unwrap();
    let ids: Vec<&str> = page.items.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, [second.id.as_str(), first.id.as_str()]);
    let streamed: Vec<_> = api.get_my_playlists().stream().try_collect().await.unwrap();
    let fetched = api.get_my_playlists().fetch_all().await.unwrap();
    assert_eq!(streamed, fetched);
    assert_eq!(streamed.len() as u32, page.total);
    assert!(
        streamed
            .iter()
            .any(|p| p.id.as_str() == ids::LARGE_PLAYLIST)
    );

    // Spotify sends `null` for playlists it hides; the page drops them, `total` counts them.
    let body = json!({
        "href": "x", "limit": 2, "next": null, "offset": 0, "previous": null, "total": 2,
        "items": [null, {"id": first.id.as_str(), "name": "First"}],
    });
    support::fault(
        &emu,
        json!({"status": 200, "body": body.to_string(), "path_prefix": "/v1/me/playlists"}),
    )
    .await;
    let page = api.get_my_playlists().await.unwrap();
    assert_eq!((page.items.len(), page.total), (1, 2));
    assert_eq!(page.items[0].name, "First");
}
