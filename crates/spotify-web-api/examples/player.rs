//! The player, from blocking code (feature `blocking`): devices, playing an album, what plays,
//! skipping, the queue, volume and moving playback to another device. No async code and no
//! Tokio item.
//!
//! ```sh
//! cargo run -p spotify-web-api --example player
//! ```

mod support;

use spotify_emulator::Emulator;
use spotify_web_api::blocking::SpotifyWebApi;
use spotify_web_api::{AlbumId, PlayerErrorReason, Scope, TrackId};

fn main() -> support::Result<()> {
    let emu = Emulator::start_blocking();
    let api = support::user_client(
        &emu,
        &[
            Scope::UserReadPlaybackState,
            Scope::UserReadCurrentlyPlaying,
            Scope::UserModifyPlaybackState,
        ],
    )?;

    let devices = api.get_my_devices().send()?;
    for device in &devices {
        let active = if device.is_active { "*" } else { " " };
        let volume = device
            .volume_percent
            .map_or("?".to_owned(), |v| format!("{v}%"));
        println!(
            "{active} {} ({:?}, volume {volume})",
            device.name, device.kind
        );
    }

    // An album from its second track, on the active device.
    let album = AlbumId::parse("spotify:album:7u6zL7kqpgLPISZYXNTgYk")?;
    api.play().context(album).offset(1).send()?;
    print_now_playing(&api)?;
    api.next().send()?;
    print_now_playing(&api)?;

    // Surfin' Bird next, then what the queue holds.
    api.queue(TrackId::parse("7EjyzZcbLxW7PaaLua9Ksb")?)
        .send()?;
    let queue = api.get_my_queue().send()?;
    let upcoming: Vec<&str> = queue.queue.iter().take(3).map(|item| item.name()).collect();
    println!("up next: {}", upcoming.join(" | "));

    api.change_volume(40).send()?;
    api.pause().send()?;
    // Pausing twice is refused, with a reason to match on.
    match api.pause().send() {
        Err(e)
            if matches!(
                e.player_reason(),
                Some(PlayerErrorReason::AlreadyPaused | PlayerErrorReason::Unknown)
            ) =>
        {
            println!("already paused")
        }
        other => other?,
    }

    // Move playback to the kitchen speaker, playing.
    let speaker = devices.iter().find(|d| !d.is_active && d.supports_volume);
    if let Some(id) = speaker.and_then(|d| d.id.clone()) {
        api.change_my_device(id).play(true).send()?;
        if let Some(state) = api.get_my_current_playback_info().send()? {
            println!(
                "now on {}, playing: {}",
                state.device.name, state.is_playing
            );
        }
    }
    Ok(())
}

fn print_now_playing(api: &SpotifyWebApi) -> spotify_web_api::Result<()> {
    match api.get_my_current_track().send()? {
        Some(now) => println!(
            "playing {} ({} s in)",
            now.item.as_ref().map_or("(an ad)", |item| item.name()),
            now.progress_ms.unwrap_or(0) / 1000
        ),
        None => println!("nothing playing"),
    }
    Ok(())
}
