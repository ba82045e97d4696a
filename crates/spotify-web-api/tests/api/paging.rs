//! Paging links are followed only under the client's own API base.

use futures_util::TryStreamExt;
use serde_json::json;
use spotify_emulator::{Emulator, catalog_ids};
use spotify_web_api::Error;

use crate::support;

#[tokio::test]
async fn a_next_url_on_another_host_is_refused_and_gets_no_token() {
    let emu = Emulator::start().await;
    let elsewhere = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    // A page whose `next` points at another server (a hostile or broken body).
    let next = format!(
        "{}/v1/albums/{}/tracks?offset=2&limit=2",
        elsewhere.base_url(),
        catalog_ids::ALBUM_30_TRACKS
    );
    let page = json!({"href": "", "items": [], "limit": 2, "offset": 0, "total": 30,
                      "next": next, "previous": null});
    support::fault(
        &emu,
        json!({"status": 200, "body": page.to_string(), "path_prefix": "/v1/albums"}),
    )
    .await;
    let error = api
        .get_album_tracks(catalog_ids::ALBUM_30_TRACKS)
        .limit(2)
        .stream()
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    match error {
        Error::UntrustedUrl { url } => assert_eq!(url, next),
        other => panic!("{other:?}"),
    }
    assert!(
        elsewhere.requests().is_empty(),
        "no request, so no token, went elsewhere"
    );
    assert_eq!(elsewhere.stats().api_requests, 0);

    // The same URL handed to next_page is refused the same way.
    let first = api
        .get_album_tracks(catalog_ids::ALBUM_30_TRACKS)
        .limit(2)
        .await
        .unwrap();
    let mut forged = first.clone();
    forged.next = Some(format!(
        "https://evil.example/v1/albums/{}/tracks",
        catalog_ids::ALBUM_30_TRACKS
    ));
    assert!(matches!(
        api.next_page(&forged).await,
        Err(Error::UntrustedUrl { .. })
    ));
    // And the real one is followed.
    let second = api.next_page(&first).await.unwrap().unwrap();
    assert_eq!(second.offset, 2);
    assert_ne!(second.items, first.items);
}
