//! The catalogue, from blocking code (feature `blocking`): an album and its tracks, its artist
//! and their albums, several tracks at once. No async code and no Tokio item.
//!
//! ```sh
//! cargo run -p spotify-web-api --example catalogue
//! ```

mod support;

use spotify_emulator::Emulator;

const ALBUM: &str = "spotify:album:7u6zL7kqpgLPISZYXNTgYk"; // Alive 2007
const SURFIN_BIRD: &str = "7EjyzZcbLxW7PaaLua9Ksb";

fn main() -> support::Result<()> {
    let emu = Emulator::start_blocking();
    let api = support::app_client(&emu)?; // asks for a token on its first call

    let album = api.get_album(ALBUM).market("SE").send()?;
    println!(
        "{} by {} ({}, {} tracks)",
        album.name, album.artists[0].name, album.release_date, album.total_tracks
    );
    // Every track, page after page: an iterator of results.
    for (number, track) in api.get_album_tracks(ALBUM).limit(5).iter().enumerate() {
        let track = track?;
        println!(
            "{:>3}. {} ({})",
            number + 1,
            track.name,
            support::length(track.duration_ms)
        );
    }

    // The album's artist: IDs in the models are typed, and go straight back into calls.
    let Some(artist_id) = album.artists[0].id.clone() else {
        return Err("the album's artist has no ID".into());
    };
    let artist = api.get_artist(&artist_id).send()?;
    println!("\n{}: {}", artist.name, artist.genres.join(", "));
    let albums = api.get_artist_albums(&artist_id).limit(5).send()?;
    println!(
        "{} albums and singles, the first {}:",
        albums.total,
        albums.items.len()
    );
    for album in &albums {
        println!("  {} ({})", album.name, album.release_date);
    }

    // Several at once, in order; `None` for an ID Spotify does not know.
    let tracks = api
        .get_tracks([SURFIN_BIRD, "0000000000000000000000"])
        .send()?;
    for (id, track) in [SURFIN_BIRD, "0000000000000000000000"].iter().zip(&tracks) {
        match track {
            Some(track) => println!("\n{id}: {} by {}", track.name, track.artists[0].name),
            None => println!("{id}: not found"),
        }
    }
    Ok(())
}
