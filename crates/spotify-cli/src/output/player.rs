//! The player: what is playing, the devices, the queue.

use std::io::Write;

use spotify_web_api::model::{CurrentlyPlayingType, Device, PlayableItem, PlaybackState, Queue};

use super::catalog::names;
use super::table::{Column, Table};
use super::{Details, duration};

/// What plays: the item and who made it, progress, device, shuffle, repeat and volume.
pub(crate) fn status(
    out: &mut dyn Write,
    state: &PlaybackState,
    width: usize,
) -> anyhow::Result<()> {
    let title = match (&state.item, &state.currently_playing_type) {
        (Some(item), _) => item.name().to_owned(),
        (None, CurrentlyPlayingType::Ad) => "(an advertisement)".to_owned(),
        (None, kind) => format!("(a {kind} Spotify does not show)"),
    };
    let mut details = Details::new(title);
    if let Some(item) = &state.item {
        details = item_lines(details, item);
    }
    let position = state.progress_ms.map(duration).unwrap_or_default();
    let progress = match &state.item {
        Some(item) => format!("{position} / {}", duration(u64::from(item.duration_ms()))),
        None => position,
    };
    let playing = if state.is_playing {
        "playing"
    } else {
        "paused"
    };
    let device = &state.device;
    let device_line = match device.name.as_str() {
        "" => String::new(),
        name => format!("{name} ({})", device.kind),
    };
    details
        .field("progress", format!("{progress} ({playing})").trim())
        .field("device", device_line)
        .field_opt("volume", device.volume_percent.map(|v| format!("{v}%")))
        .field("shuffle", if state.shuffle_state { "on" } else { "off" })
        .field("repeat", state.repeat_state.to_string())
        .field_opt("context", state.context.as_ref().map(|c| c.uri.clone()))
        .field_opt("uri", state.item.as_ref().map(|i| i.uri().to_owned()))
        .print(out, width)
}

/// The lines that say what an item is: its artists and album, or its show, or its audiobook.
fn item_lines(details: Details, item: &PlayableItem) -> Details {
    match item {
        PlayableItem::Track(t) => details
            .field("artists", names(&t.artists))
            .field("album", &t.album.name),
        PlayableItem::Episode(e) => details.field("show", &e.show.name),
        PlayableItem::Chapter(c) => details.field("audiobook", &c.audiobook.name),
        _ => details,
    }
}

/// Who made an item: a track's artists, an episode's show, a chapter's audiobook.
fn by(item: &PlayableItem) -> String {
    match item {
        PlayableItem::Track(t) => names(&t.artists),
        PlayableItem::Episode(e) => e.show.name.clone(),
        PlayableItem::Chapter(c) => c.audiobook.name.clone(),
        _ => String::new(),
    }
}

/// The table of the devices: the active one marked, their type, volume and ID.
pub(crate) fn devices_table() -> Table {
    Table::new(vec![
        Column::fixed("ACTIVE"),
        Column::text("NAME", 1),
        Column::fixed("TYPE"),
        Column::number("VOLUME"),
        Column::fixed("ID"),
    ])
}

/// A device's cells in [`devices_table`].
pub(crate) fn device_cells(d: &Device) -> Vec<String> {
    let volume = match (d.volume_percent, d.supports_volume) {
        (Some(v), true) => format!("{v}%"),
        (Some(v), false) => format!("{v}% (fixed)"),
        (None, _) => String::new(),
    };
    vec![
        if d.is_active { "*" } else { "" }.to_owned(),
        d.name.clone(),
        d.kind.to_string(),
        volume,
        d.id.clone().unwrap_or_default(),
    ]
}

/// What plays now, then the queue in order.
pub(crate) fn queue(out: &mut dyn Write, queue: &Queue, width: usize) -> anyhow::Result<()> {
    match &queue.currently_playing {
        Some(item) => match by(item).as_str() {
            "" => writeln!(out, "Now playing: {}", item.name())?,
            by => writeln!(out, "Now playing: {} ({by})", item.name())?,
        },
        None => writeln!(out, "Nothing playing.")?,
    }
    if queue.queue.is_empty() {
        writeln!(out, "The queue is empty.")?;
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Up next:")?;
    let mut table = Table::new(vec![
        Column::number("#"),
        Column::text("TITLE", 3),
        Column::text("BY", 2),
        Column::number("DURATION"),
        Column::fixed("URI"),
    ]);
    for (i, item) in queue.queue.iter().enumerate() {
        table.row(vec![
            (i + 1).to_string(),
            item.name().to_owned(),
            by(item),
            duration(u64::from(item.duration_ms())),
            item.uri().to_owned(),
        ]);
    }
    table.print(out, width)?;
    Ok(())
}
