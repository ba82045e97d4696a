//! `spotify player status|play|pause|next|prev|queue|devices|volume|shuffle|repeat|seek|transfer`.
//!
//! Items and contexts are parsed into the library's typed IDs before anything is sent; a
//! device is named by ID or by name. A command Spotify refuses says why in words
//! ([`refusal`]), from the reason the library exposes.

use std::io::Write;

use spotify_web_api::model::{Device, RepeatState};
use spotify_web_api::{
    AdditionalType, AlbumId, ArtistId, AudiobookId, ContextId, EpisodeId, Error, PlayableId,
    PlayerErrorReason, PlaylistId, ShowId, SpotifyWebApi, TrackId,
};

use crate::cli::{DeviceArg, OnOff, PlayerCommand, QueueCommand, RepeatMode};
use crate::commands::library::{a_kind, bad_item, kind_prefixed};
use crate::commands::{Context, UsageError};
use crate::output;
use crate::output::printer::Rows;

/// Runs a `spotify player` verb.
pub(crate) async fn run(
    ctx: &Context,
    command: &PlayerCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        PlayerCommand::Status => status(ctx, out).await,
        PlayerCommand::Devices => devices(ctx, out).await,
        PlayerCommand::Queue { command: None } => queue(ctx, out).await,
        PlayerCommand::Play {
            items,
            device,
            offset,
            position,
        } => play(ctx, items, device, offset.as_deref(), *position, out).await,
        PlayerCommand::Transfer { device, play } => transfer(ctx, device, *play, out).await,
        PlayerCommand::Pause(device) => command_on(ctx, Command::Pause, device, out).await,
        PlayerCommand::Next(device) => command_on(ctx, Command::Next, device, out).await,
        PlayerCommand::Prev(device) => command_on(ctx, Command::Previous, device, out).await,
        PlayerCommand::Volume { percent, device } => {
            command_on(ctx, Command::Volume(*percent), device, out).await
        }
        PlayerCommand::Shuffle { state, device } => {
            command_on(ctx, Command::Shuffle(*state == OnOff::On), device, out).await
        }
        PlayerCommand::Repeat { mode, device } => {
            let state = match mode {
                RepeatMode::Off => RepeatState::Off,
                RepeatMode::Track => RepeatState::Track,
                RepeatMode::Context => RepeatState::Context,
            };
            command_on(ctx, Command::Repeat(state), device, out).await
        }
        PlayerCommand::Seek { position, device } => {
            command_on(ctx, Command::Seek(*position), device, out).await
        }
        PlayerCommand::Queue {
            command: Some(QueueCommand::Add { item, device }),
        } => {
            let item = playable(item)?;
            command_on(ctx, Command::Queue(item), device, out).await
        }
    }
}

/// A player command without arguments of its own but the device.
#[derive(Debug)]
enum Command {
    Pause,
    Next,
    Previous,
    Volume(u32),
    Shuffle(bool),
    Repeat(RepeatState),
    Seek(u32),
    Queue(PlayableId),
}

impl Command {
    /// Sends the command to the device, or to the active one.
    async fn send(&self, api: &SpotifyWebApi, device: Option<String>) -> Result<(), Error> {
        macro_rules! on_device {
            ($request:expr) => {
                match device {
                    Some(id) => $request.device_id(id).await,
                    None => $request.await,
                }
            };
        }
        match self {
            Command::Pause => on_device!(api.pause()),
            Command::Next => on_device!(api.next()),
            Command::Previous => on_device!(api.previous()),
            Command::Volume(percent) => on_device!(api.change_volume(*percent)),
            Command::Shuffle(on) => on_device!(api.shuffle(*on)),
            Command::Repeat(state) => on_device!(api.repeat(state.clone())),
            Command::Seek(ms) => on_device!(api.seek(*ms)),
            Command::Queue(item) => on_device!(api.queue(item)),
        }
    }

    /// What was done, for the user.
    fn done(&self) -> String {
        match self {
            Command::Pause => "Paused.".into(),
            Command::Next => "Skipped to the next item.".into(),
            Command::Previous => "Back to the previous item.".into(),
            Command::Volume(percent) => format!("Volume set to {percent}%."),
            Command::Shuffle(on) => format!("Shuffle {}.", if *on { "on" } else { "off" }),
            Command::Repeat(state) => format!("Repeat {state}."),
            Command::Seek(ms) => format!("Moved to {}.", output::duration((*ms).into())),
            Command::Queue(item) => format!("Added {item} to the queue."),
        }
    }

    /// The reason a refusal most likely means when Spotify gives none (`UNKNOWN`, as its
    /// captured bodies do for every restriction): the one this command meets in normal use.
    fn likely_reason(&self) -> Option<PlayerErrorReason> {
        match self {
            Command::Pause => Some(PlayerErrorReason::AlreadyPaused),
            Command::Next => Some(PlayerErrorReason::NoNextTrack),
            Command::Previous => Some(PlayerErrorReason::NoPrevTrack),
            _ => None,
        }
    }
}

/// A refused player command in words: what happened and what to do, from the reason code
/// (`likely` stands for Spotify's `UNKNOWN`, when the command has one). Other errors pass
/// through unchanged. The library's error stays in the chain (its status decides the exit
/// code), after the words. A command to run names the profile in use ([`Context::command`]).
fn refusal(ctx: &Context, e: Error, likely: Option<PlayerErrorReason>) -> anyhow::Error {
    let Some(reason) = e.player_reason().cloned() else {
        return e.into();
    };
    let likely = likely.filter(|_| reason == PlayerErrorReason::Unknown);
    let words = match likely.as_ref().unwrap_or(&reason) {
        PlayerErrorReason::NoActiveDevice => format!(
            "no active device: start Spotify on a device or run `{}`",
            ctx.command("player transfer <device>")
        ),
        PlayerErrorReason::PremiumRequired => {
            "this needs Spotify Premium: the player can be controlled only for Premium accounts (reading what plays works)".to_owned()
        }
        PlayerErrorReason::AlreadyPaused => "already paused".to_owned(),
        PlayerErrorReason::NotPaused => {
            "already playing (give an item or a context to play something else)".to_owned()
        }
        PlayerErrorReason::AlreadyPlaying => "already playing".to_owned(),
        PlayerErrorReason::NoNextTrack => "no next item: this is the end of what plays".to_owned(),
        PlayerErrorReason::NoPrevTrack => {
            "no previous item: this is the start of what plays".to_owned()
        }
        PlayerErrorReason::NoSpecificTrack => {
            "no such item in what was asked to play (check --offset)".to_owned()
        }
        PlayerErrorReason::NotPlayingTrack => format!(
            "nothing is loaded: play something first (`{}`)",
            ctx.command("player play ITEM")
        ),
        PlayerErrorReason::NotPlayingContext => "nothing is playing from a context".to_owned(),
        PlayerErrorReason::NotPlayingLocally => "playback is not on this device".to_owned(),
        PlayerErrorReason::EndlessContext => {
            "what plays never ends: it cannot be shuffled or repeated".to_owned()
        }
        PlayerErrorReason::ContextDisallow => "what plays does not allow this".to_owned(),
        PlayerErrorReason::RateLimited => {
            "the player is rate limited: try again in a moment".to_owned()
        }
        PlayerErrorReason::RemoteControlDisallow | PlayerErrorReason::DeviceNotControllable => {
            "the device cannot be controlled remotely".to_owned()
        }
        PlayerErrorReason::VolumeControlDisallow => {
            "the device's volume cannot be set (try another with --device)".to_owned()
        }
        PlayerErrorReason::Unknown => "the player refused the command".to_owned(),
        PlayerErrorReason::Other(code) => format!("the player refused the command ({code})"),
        _ => "the player refused the command".to_owned(),
    };
    let words = if likely.is_some() {
        format!("{words} (Spotify gave no reason; this is the likely one)")
    } else {
        words
    };
    anyhow::Error::new(e).context(words)
}

/// Runs one command on the named device (or the active one) and says what was done.
async fn command_on(
    ctx: &Context,
    command: Command,
    device: &DeviceArg,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.user_client().await?;
    let device = match &device.device {
        Some(wanted) => Some(device_id(&api, wanted).await?),
        None => None,
    };
    command
        .send(&api, device)
        .await
        .map_err(|e| refusal(ctx, e, command.likely_reason()))?;
    ctx.print.message(out, &command.done())
}

/// What `play` was given: a context, or tracks and episodes.
#[derive(Debug, PartialEq)]
enum Target {
    Context(ContextId),
    Playable(PlayableId),
}

/// What `play` and `queue` accept, for error messages.
const PLAYS: &str =
    "play takes one album, playlist, artist, show or audiobook, or tracks and episodes";

/// Parses an item or context: a URI, a link or `kind:ID`.
fn target(input: &str) -> Result<Target, UsageError> {
    let parsed = match kind_prefixed(input) {
        Some((kind, id)) => match kind {
            "track" => TrackId::parse(id).map(|id| Target::Playable(id.into())),
            "episode" => EpisodeId::parse(id).map(|id| Target::Playable(id.into())),
            "album" => AlbumId::parse(id).map(|id| Target::Context(id.into())),
            "artist" => ArtistId::parse(id).map(|id| Target::Context(id.into())),
            "playlist" => PlaylistId::parse(id).map(|id| Target::Context(id.into())),
            "show" => ShowId::parse(id).map(|id| Target::Context(id.into())),
            "audiobook" => AudiobookId::parse(id).map(|id| Target::Context(id.into())),
            other => {
                return Err(UsageError(format!(
                    "bad item {input:?}: {other:?} is not a kind that plays; {PLAYS}"
                )));
            }
        },
        None => ContextId::parse(input)
            .map(Target::Context)
            .or_else(|_| PlayableId::parse(input).map(Target::Playable)),
    };
    parsed.map_err(|e| bad_item(input, &e, PLAYS))
}

/// Parses a track or an episode (`queue add`, `--offset URI`).
fn playable(input: &str) -> Result<PlayableId, UsageError> {
    match target(input) {
        Ok(Target::Playable(id)) => Ok(id),
        Ok(Target::Context(id)) => Err(UsageError(format!(
            "bad item {input:?}: it is {}, and only a track or an episode goes here",
            a_kind(id.kind())
        ))),
        Err(e) => Err(e),
    }
}

/// `mm:ss`, `h:mm:ss` or seconds, in milliseconds (clap's parser for `--position` and `seek`).
pub(crate) fn parse_position(text: &str) -> Result<u32, String> {
    let bad = || format!("{text:?} is not a position: give mm:ss, h:mm:ss or seconds");
    let parts: Vec<&str> = text.trim().split(':').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(bad());
    }
    let mut seconds: u64 = 0;
    for (i, part) in parts.iter().enumerate() {
        let value: u64 = part.parse().map_err(|_| bad())?;
        // After the first field, minutes and seconds stay under 60.
        if i > 0 && value >= 60 {
            return Err(bad());
        }
        seconds = seconds
            .checked_mul(60)
            .ok_or_else(bad)?
            .checked_add(value)
            .ok_or_else(bad)?;
    }
    seconds
        .checked_mul(1000)
        .and_then(|ms| u32::try_from(ms).ok())
        .ok_or_else(bad)
}

/// Resumes, or plays a context or tracks and episodes, where `--offset` and `--position` say.
async fn play(
    ctx: &Context,
    items: &[String],
    device: &DeviceArg,
    offset: Option<&str>,
    position: Option<u32>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let targets = items
        .iter()
        .map(|i| target(i))
        .collect::<Result<Vec<_>, _>>()?;
    let offset = offset.map(parse_offset).transpose()?;
    if targets.is_empty() && offset.is_some() {
        return Err(
            UsageError("--offset needs something to play: a context or items".into()).into(),
        );
    }
    let api = ctx.user_client().await?;
    let mut request = api.play();
    // Spotify's `UNKNOWN` on a bare resume usually means it is playing already.
    let likely = targets.is_empty().then_some(PlayerErrorReason::NotPaused);
    let said = match targets.as_slice() {
        [] => "Resumed.".to_owned(),
        [Target::Context(context)] => {
            request = request.context(context);
            format!("Playing {context}.")
        }
        many => {
            let mut playables = Vec::with_capacity(many.len());
            for t in many {
                match t {
                    Target::Playable(id) => playables.push(id),
                    Target::Context(id) => {
                        return Err(UsageError(format!(
                            "{id} is a context, which plays alone; {PLAYS}"
                        ))
                        .into());
                    }
                }
            }
            let said = match playables.as_slice() {
                [one] => format!("Playing {one}."),
                all => format!("Playing {} items.", all.len()),
            };
            request = request.uris(playables);
            said
        }
    };
    match offset {
        Some(Offset::Position(n)) => request = request.offset(n),
        Some(Offset::Item(item)) => request = request.offset_item(item),
        None => {}
    }
    if let Some(ms) = position {
        request = request.position_ms(ms);
    }
    if let Some(wanted) = &device.device {
        request = request.device_id(device_id(&api, wanted).await?);
    }
    request.await.map_err(|e| refusal(ctx, e, likely))?;
    ctx.print.message(out, &said)
}

/// `--offset`: a position (from 0) or an item.
#[derive(Debug, PartialEq)]
enum Offset {
    Position(u32),
    Item(PlayableId),
}

fn parse_offset(text: &str) -> Result<Offset, UsageError> {
    if let Ok(n) = text.trim().parse::<u32>() {
        return Ok(Offset::Position(n));
    }
    playable(text).map(Offset::Item).map_err(|e| {
        UsageError(format!(
            "--offset: {e} (or give a position: 0 is the first item)"
        ))
    })
}

/// Moves playback to a device, named by ID or name.
async fn transfer(
    ctx: &Context,
    device: &str,
    play: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let api = ctx.user_client().await?;
    let devices = api.get_my_devices().await?;
    let target = pick_device(&devices.devices, device)?;
    let id = target.id.clone().unwrap_or_default();
    api.change_my_device(&id)
        .play(play)
        .await
        .map_err(|e| refusal(ctx, e, None))?;
    let and = if play { ", playing" } else { "" };
    ctx.print
        .message(out, &format!("Playback moved to {}{and}.", target.name))
}

/// The ID of the device the user named.
async fn device_id(api: &SpotifyWebApi, wanted: &str) -> anyhow::Result<String> {
    let devices = api.get_my_devices().await?;
    Ok(pick_device(&devices.devices, wanted)?
        .id
        .clone()
        .unwrap_or_default())
}

/// The device with this ID, else this name (case-insensitive), else the one whose name starts
/// with it. None, or several: a usage error that lists the devices.
fn pick_device<'a>(devices: &'a [Device], wanted: &str) -> Result<&'a Device, UsageError> {
    let wanted = wanted.trim();
    let lower = wanted.to_lowercase();
    let usable = || devices.iter().filter(|d| d.id.is_some());
    let by_id = usable().find(|d| d.id.as_deref() == Some(wanted));
    let by_name: Vec<&Device> = usable()
        .filter(|d| d.name.to_lowercase() == lower)
        .collect();
    let by_prefix: Vec<&Device> = usable()
        .filter(|d| d.name.to_lowercase().starts_with(&lower))
        .collect();
    let list = |ds: &mut dyn Iterator<Item = &Device>| {
        ds.map(|d| format!("{:?} ({})", d.name, d.id.as_deref().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (by_id, by_name.as_slice(), by_prefix.as_slice()) {
        (Some(device), _, _) => Ok(device),
        (None, [device], _) | (None, [], [device]) => Ok(*device),
        (None, [], []) if devices.is_empty() => Err(UsageError(format!(
            "no device {wanted:?}: none is available (start Spotify on one)"
        ))),
        (None, [], []) => Err(UsageError(format!(
            "no device {wanted:?}; the devices are: {}",
            list(&mut usable())
        ))),
        (None, [], many) | (None, many, _) => Err(UsageError(format!(
            "{wanted:?} names several devices: {}; give more of the name, or the ID",
            list(&mut many.iter().copied())
        ))),
    }
}

/// Prints what is playing, or "nothing playing" (Spotify's 204).
async fn status(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let api = ctx.user_client().await?;
    let state = api
        .get_my_current_playback_info()
        .additional_types([AdditionalType::Track, AdditionalType::Episode])
        .await?;
    ctx.print.object(out, &state, |out, width| match &state {
        None => Ok(writeln!(out, "Nothing playing.")?),
        Some(state) => output::player::status(out, state, width),
    })
}

/// Lists the devices.
async fn devices(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let api = ctx.user_client().await?;
    let devices = api.get_my_devices().await?;
    let mut list = ctx.print.list(
        out,
        Rows::Whole(output::player::devices_table()),
        output::player::device_cells,
    );
    for device in &devices {
        list.push(device)?;
    }
    list.finish("No device is available: start Spotify on one.")?;
    Ok(())
}

/// Prints what plays now and what plays next.
async fn queue(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let api = ctx.user_client().await?;
    let queue = api.get_my_queue().await?;
    ctx.print.object(out, &queue, |out, width| {
        output::player::queue(out, &queue, width)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_minutes_and_seconds_or_seconds() {
        assert_eq!(parse_position("1:30"), Ok(90_000));
        assert_eq!(parse_position("0:05"), Ok(5_000));
        assert_eq!(parse_position("1:02:03"), Ok(3_723_000));
        assert_eq!(parse_position("75"), Ok(75_000));
        for bad in [
            "1:60",
            "",
            ":30",
            "1:2:3:4",
            "-5",
            "1.5",
            "abc",
            "9999999999",
        ] {
            assert!(parse_position(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn play_targets_are_contexts_or_playables() {
        let album = "spotify:album:4aawyAB9vmqN3uQ7FjRGTy";
        assert!(matches!(
            target(album),
            Ok(Target::Context(ContextId::Album(_)))
        ));
        assert!(matches!(
            target("track:7EjyzZcbLxW7PaaLua9Ksb"),
            Ok(Target::Playable(PlayableId::Track(_)))
        ));
        assert!(matches!(
            target("https://open.spotify.com/episode/512ojhOuo1ktJprKbVcKyQ"),
            Ok(Target::Playable(PlayableId::Episode(_)))
        ));
        let e = target("spotify:user:wizzler").unwrap_err().0;
        assert!(e.contains("it is a user, and play takes"), "{e}");
        let e = playable(album).unwrap_err().0;
        assert!(e.contains("it is an album, and only a track"), "{e}");
        assert_eq!(parse_offset("3").unwrap(), Offset::Position(3));
        assert!(matches!(
            parse_offset("spotify:track:7EjyzZcbLxW7PaaLua9Ksb"),
            Ok(Offset::Item(_))
        ));
    }

    fn device(id: &str, name: &str) -> Device {
        serde_json::from_value(serde_json::json!({"id": id, "name": name, "type": "Computer"}))
            .unwrap()
    }

    #[test]
    fn devices_are_named_by_id_name_or_unique_prefix() {
        let devices = [
            device("a1", "Kitchen speaker"),
            device("b2", "Kitchen"),
            device("c3", "Car stereo"),
        ];
        assert_eq!(pick_device(&devices, "c3").unwrap().name, "Car stereo");
        assert_eq!(
            pick_device(&devices, "kitchen").unwrap().id.as_deref(),
            Some("b2")
        );
        assert_eq!(
            pick_device(&devices, "KITCHEN S").unwrap().id.as_deref(),
            Some("a1")
        );
        assert_eq!(
            pick_device(&devices, "car").unwrap().id.as_deref(),
            Some("c3")
        );
        let e = pick_device(&devices, "kit").unwrap_err().0;
        assert!(e.starts_with("\"kit\" names several devices"), "{e}");
        let e = pick_device(&devices, "tv").unwrap_err().0;
        assert!(
            e.contains("the devices are: \"Kitchen speaker\" (a1)"),
            "{e}"
        );
    }
}
