//! Search, in async code: several types at once, then every result of one type as a stream,
//! and all of another fetched concurrently.
//!
//! ```sh
//! cargo run -p spotify-web-api --example search
//! ```

mod support;

use futures_util::TryStreamExt as _;
use spotify_emulator::Emulator;
use spotify_web_api::SearchType;
use spotify_web_api::model::{SimplifiedAlbum, Track};

#[tokio::main]
async fn main() -> support::Result<()> {
    let emu = Emulator::start().await;
    // Building a client makes no request, so the blocking helper is fine here; its calls are
    // awaited below.
    let api = support::app_client(&emu)?.into_async();

    // One page per type asked for.
    let results = api
        .search("golden")
        .types([SearchType::Track, SearchType::Artist])
        .limit(3)
        .await?;
    if let Some(tracks) = &results.tracks {
        println!("tracks matching \"golden\": {}", tracks.total);
        for track in tracks {
            println!("  {} by {}", track.name, track.artists[0].name);
        }
    }
    if let Some(artists) = &results.artists {
        println!("artists matching \"golden\": {}", artists.total);
        for artist in artists {
            println!("  {}", artist.name);
        }
    }

    // Every track matching "river", page after page, as they come.
    let mut tracks = api.search("river").stream::<Track>();
    let mut longest: Option<Track> = None;
    let mut count = 0;
    while let Some(track) = tracks.try_next().await? {
        count += 1;
        if longest
            .as_ref()
            .is_none_or(|l| track.duration_ms > l.duration_ms)
        {
            longest = Some(track);
        }
    }
    if let Some(track) = longest {
        println!(
            "{count} tracks match \"river\"; the longest is {} ({} s)",
            track.name,
            track.duration_ms / 1000
        );
    }

    // Every album of the 1990s, the pages fetched concurrently, in order.
    let albums = api
        .search("year:1990-1999")
        .fetch_all::<SimplifiedAlbum>()
        .await?;
    println!(
        "{} albums from the 1990s, the first: {}",
        albums.len(),
        albums.first().map_or("none", |a| a.name.as_str())
    );
    Ok(())
}
