//! Playlists, in async code: create one, add tracks (any number: the client batches them),
//! move one, read it back page by page and list the user's playlists.
//!
//! ```sh
//! cargo run -p spotify-web-api --example playlists
//! ```

#[path = "support/login_async.rs"]
mod login_async;
mod support;

use spotify_emulator::{Emulator, catalog_ids};
use spotify_web_api::model::PlaylistItem;
use spotify_web_api::{AlbumId, Scope};

#[tokio::main]
async fn main() -> support::Result<()> {
    let emu = Emulator::builder().start().await?;
    let scopes = [Scope::PlaylistModifyPrivate, Scope::PlaylistReadPrivate];
    let api = login_async::user_client(&emu, &scopes).await?;

    let playlist = api
        .create_playlist("Thirty tracks")
        .description("every track of an album, made by the playlists example")
        .public(false)
        .await?;
    println!("created {} ({})", playlist.name, playlist.uri);

    // Every track of an album, by URI; 30 items go in one batch of up to 100.
    let album = AlbumId::parse(catalog_ids::ALBUM_30_TRACKS)?;
    let tracks = api.get_album_tracks(&album).fetch_all().await?;
    let uris: Vec<String> = tracks.iter().map(|t| t.uri.clone()).collect();
    let snapshot = api.add_playlist_items(&playlist.id, &uris).await?;
    // Move the last track to the top.
    api.reorder_playlist_tracks(&playlist.id, 29, 0)
        .snapshot_id(snapshot.snapshot_id)
        .await?;
    println!("moved {} to the top", tracks[29].name);

    let items: Vec<PlaylistItem> = api.get_playlist_items(&playlist.id).fetch_all().await?;
    println!("{} items; the first three:", items.len());
    for item in items.iter().take(3) {
        println!("  {}", item.content().map_or("(unavailable)", |c| c.name()));
    }

    println!("the user's playlists:");
    for list in &api.get_my_playlists().limit(50).await? {
        println!("  {} ({})", list.name, list.id);
    }
    Ok(())
}
