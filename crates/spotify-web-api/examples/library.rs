//! The user's library, from blocking code (feature `blocking`): a user's login, then saving,
//! checking and listing tracks and albums, and removing a track. No async code and no Tokio item.
//!
//! ```sh
//! cargo run -p spotify-web-api --example library
//! ```

mod support;

use spotify_emulator::Emulator;
use spotify_web_api::Scope;

const SURFIN_BIRD: &str = "spotify:track:7EjyzZcbLxW7PaaLua9Ksb";
const ALIVE_2007: &str = "spotify:album:7u6zL7kqpgLPISZYXNTgYk";

fn main() -> support::Result<()> {
    let emu = Emulator::start_blocking();
    let api = support::user_client(&emu, &[Scope::UserLibraryRead, Scope::UserLibraryModify])?;
    let me = api.me().send()?;
    println!(
        "logged in as {}",
        me.display_name.as_deref().unwrap_or(me.id.as_str())
    );

    // The album's first track, by its URI.
    let first = api.get_album_tracks(ALIVE_2007).limit(1).send()?;
    let robot_rock = first
        .items
        .first()
        .map(|t| t.uri.clone())
        .ok_or("an empty album")?;

    // Save any number; the client batches them, the same way for every kind of app.
    api.add_my_tracks([SURFIN_BIRD, &robot_rock]).send()?;
    api.add_my_albums([ALIVE_2007]).send()?;
    let saved = api.my_tracks_contains([SURFIN_BIRD, &robot_rock]).send()?;
    println!("saved: {saved:?}");

    // Everything saved, newest first, page after page.
    println!("saved tracks:");
    for saved in api.get_my_saved_tracks().limit(10).iter() {
        let saved = saved?;
        println!(
            "  {} by {} (saved {})",
            saved.track.name, saved.track.artists[0].name, saved.added_at
        );
    }
    let albums = api.get_my_saved_albums().send_all()?;
    println!(
        "saved albums: {}",
        albums
            .iter()
            .map(|a| a.album.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );

    // And take one back.
    api.delete_my_tracks([SURFIN_BIRD]).send()?;
    let still = api.my_tracks_contains([SURFIN_BIRD]).send()?;
    println!("Surfin' Bird still saved after removing it: {}", still[0]);
    Ok(())
}
