//! A bot that reacts to what is playing, in async code: it polls the player, and for each new
//! track it saves the track to the user's library, or skips it when it runs over six minutes.
//! Meanwhile a listener plays an album, its clock running fast (the emulator's virtual clock).
//!
//! ```sh
//! cargo run -p spotify-web-api --example bot
//! ```

#[path = "support/login_async.rs"]
mod login_async;
mod support;

use std::time::Duration;

use spotify_emulator::Emulator;
use spotify_web_api::model::PlayableItem;
use spotify_web_api::{AlbumId, Scope};

#[tokio::main]
async fn main() -> support::Result<()> {
    let emu = Emulator::start().await;
    let scopes = [
        Scope::UserReadCurrentlyPlaying,
        Scope::UserModifyPlaybackState,
        Scope::UserLibraryModify,
    ];
    let api = login_async::user_client(&emu, &scopes).await?;

    // The listener: an album, its minutes going by fast.
    api.play()
        .context(AlbumId::parse("spotify:album:7u6zL7kqpgLPISZYXNTgYk")?)
        .await?;

    let mut last: Option<String> = None;
    let (mut saved, mut skipped) = (0, 0);
    let mut poll = tokio::time::interval(Duration::from_millis(50));
    for _ in 0..400 {
        poll.tick().await;
        emu.advance_clock(Duration::from_secs(45));
        let Some(now) = api.get_my_current_track().await? else {
            println!("playback stopped");
            break;
        };
        let Some(PlayableItem::Track(track)) = now.item else {
            continue;
        };
        if last.as_deref() == Some(track.uri.as_str()) {
            continue;
        }
        last = Some(track.uri.clone());
        let length = support::length(track.duration_ms);
        if track.duration_ms > 6 * 60_000 {
            println!("skip  {} ({length} is over 6:00)", track.name);
            api.next().await?;
            skipped += 1;
        } else {
            println!("save  {} ({length})", track.name);
            api.add_my_tracks([track.uri.as_str()]).await?;
            saved += 1;
        }
        if saved + skipped == 8 {
            break;
        }
    }
    println!("saved {saved}, skipped {skipped}");
    Ok(())
}
