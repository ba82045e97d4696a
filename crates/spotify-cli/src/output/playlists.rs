//! The user's playlists: the table of `spotify playlist list`, what `create` prints, and the
//! three export formats of `spotify playlist export` (a JSON document, NDJSON, CSV), each
//! written one item at a time as the pages arrive.

use std::io::{self, Write};

use spotify_web_api::model::{PlayableItem, Playlist, PlaylistItem, SimplifiedPlaylist};

use super::table::{Column, Layout};
use super::{Details, thousands};

/// The layout of `spotify playlist list`, fixed before the first row arrives.
pub(crate) fn list_layout(width: usize) -> Layout {
    let columns = vec![
        Column::number("#"),
        Column::text("NAME", 3),
        Column::text("OWNER", 1),
        Column::number("ITEMS"),
        Column::fixed("VISIBILITY"),
        Column::fixed("ID"),
    ];
    Layout::streaming(columns, &[4, 0, 0, 6, 13, 22], width)
}

/// The cells of the playlist listed at `position` (from 1).
pub(crate) fn list_cells(position: u32, p: &SimplifiedPlaylist) -> Vec<String> {
    vec![
        position.to_string(),
        p.name.clone(),
        owner(p),
        item_count(p),
        visibility(p.collaborative, p.public).to_owned(),
        p.id.to_string(),
    ]
}

/// The owner of a listed playlist: their display name, or their ID when they have none.
pub(crate) fn owner(p: &SimplifiedPlaylist) -> String {
    p.owner
        .display_name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| p.owner.id.to_string())
}

/// How many items a listed playlist has (`10,000`), or nothing when Spotify does not say.
pub(crate) fn item_count(p: &SimplifiedPlaylist) -> String {
    p.items_ref()
        .map(|r| thousands(r.total.into()))
        .unwrap_or_default()
}

/// `collaborative`, `public`, `private`, or nothing when Spotify does not say.
pub(crate) fn visibility(collaborative: bool, public: Option<bool>) -> &'static str {
    match (collaborative, public) {
        (true, _) => "collaborative",
        (false, Some(true)) => "public",
        (false, Some(false)) => "private",
        (false, None) => "",
    }
}

/// What `spotify playlist create` prints: the new playlist's ID and URI.
pub(crate) fn created(out: &mut dyn Write, p: &Playlist, width: usize) -> anyhow::Result<()> {
    Details::new(format!("Created playlist {}", p.name))
        .field("id", p.id.to_string())
        .field("uri", &p.uri)
        .field("visibility", visibility(p.collaborative, p.public))
        .field_opt("description", p.description.clone())
        .field("snapshot_id", &p.snapshot_id)
        .print(out, width)
}

/// Where the export of one playlist goes, one item at a time.
pub(crate) trait ItemWriter {
    /// Writes the next item.
    fn item(&mut self, entry: &PlaylistItem) -> anyhow::Result<()>;
    /// Ends the file (and flushes what the writer holds).
    fn finish(self: Box<Self>) -> anyhow::Result<()>;
}

/// The export as one JSON document: the playlist object (without its first page of items)
/// and an `items` array of every item, written as they arrive; `serde_json`'s pretty layout.
pub(crate) struct JsonDocument<W: Write> {
    out: W,
    count: u64,
}

impl<W: Write> JsonDocument<W> {
    /// Writes the playlist's details and opens the `items` array.
    pub(crate) fn start(mut out: W, playlist: &Playlist) -> anyhow::Result<Self> {
        let mut details = serde_json::to_value(playlist)?;
        if let Some(fields) = details.as_object_mut() {
            // The first page of items (under either name) gives way to every item.
            fields.remove("items");
            fields.remove("tracks");
        }
        let text = serde_json::to_string_pretty(&details)?;
        // `{\n  "a": 1\n}` without its closing brace; `{}` when empty.
        match text.strip_suffix("\n}") {
            Some(open) => write!(out, "{open},\n  \"items\": [")?,
            None => write!(out, "{{\n  \"items\": [")?,
        }
        Ok(JsonDocument { out, count: 0 })
    }
}

impl<W: Write> ItemWriter for JsonDocument<W> {
    fn item(&mut self, entry: &PlaylistItem) -> anyhow::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        super::json_indented(&mut self.out, entry, "    ")?;
        self.count += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        if self.count > 0 {
            self.out.write_all(b"\n  ")?;
        }
        self.out.write_all(b"]\n}\n")?;
        self.out.flush()?;
        Ok(())
    }
}

/// The export as NDJSON: one playlist item object (Spotify's) per line.
pub(crate) struct Ndjson<W: Write> {
    out: W,
}

impl<W: Write> Ndjson<W> {
    pub(crate) fn new(out: W) -> Self {
        Ndjson { out }
    }
}

impl<W: Write> ItemWriter for Ndjson<W> {
    fn item(&mut self, entry: &PlaylistItem) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.out, entry)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// The columns of a CSV export, in order. Stable: new columns are only ever added at the end.
///
/// - `position`: the item's index in the playlist, from 0 (as `playlist add --position`);
/// - `uri`: `spotify:track:…`, `spotify:episode:…`, or `spotify:local:…` for a local file;
///   empty for an item Spotify no longer has (`null`);
/// - `type`: `track`, `episode` (or `chapter`); `id`: the bare ID (none for a local file);
/// - `name`; `artists`: a track's artists, separated by `; `; `show`: an episode's show (a
///   chapter's audiobook); `album`: a track's album;
/// - `duration_ms`; `added_at` (ISO 8601, UTC); `added_by`: the user ID; `is_local`: `true` or
///   `false`.
pub(crate) const CSV_COLUMNS: [&str; 12] = [
    "position",
    "uri",
    "type",
    "id",
    "name",
    "artists",
    "show",
    "album",
    "duration_ms",
    "added_at",
    "added_by",
    "is_local",
];

/// The export as CSV (RFC 4180, by the `csv` crate: fields with commas, quotes or line breaks
/// are quoted), with a header row of [`CSV_COLUMNS`].
pub(crate) struct Csv<W: Write> {
    out: csv::Writer<W>,
    position: u64,
}

impl<W: Write> Csv<W> {
    pub(crate) fn start(out: W) -> anyhow::Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(CSV_COLUMNS)?;
        Ok(Csv { out, position: 0 })
    }
}

/// The cells of one item, in the order of [`CSV_COLUMNS`].
pub(crate) fn csv_row(position: u64, entry: &PlaylistItem) -> [String; 12] {
    let mut row: [String; 12] = Default::default();
    row[0] = position.to_string();
    row[9] = entry.added_at.clone().unwrap_or_default();
    row[10] = entry
        .added_by
        .as_ref()
        .map(|u| u.id.to_string())
        .unwrap_or_default();
    let content = entry.content();
    row[11] = (entry.is_local || content.is_some_and(PlayableItem::is_local)).to_string();
    let Some(item) = content else {
        return row;
    };
    row[1] = item.uri().to_owned();
    row[2] = item.kind().as_str().to_owned();
    row[3] = item.id().unwrap_or_default().to_owned();
    row[4] = item.name().to_owned();
    match item {
        PlayableItem::Track(t) => {
            row[5] = t
                .artists
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            row[7] = t.album.name.clone();
        }
        PlayableItem::Episode(e) => row[6] = e.show.name.clone(),
        PlayableItem::Chapter(c) => row[6] = c.audiobook.name.clone(),
        _ => {}
    }
    row[8] = item.duration_ms().to_string();
    row
}

impl<W: Write> ItemWriter for Csv<W> {
    fn item(&mut self, entry: &PlaylistItem) -> anyhow::Result<()> {
        self.out.write_record(csv_row(self.position, entry))?;
        self.position += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// A progress bar for `total` items on stderr, or a hidden one.
pub(crate) fn progress(total: Option<u64>, visible: bool, what: &str) -> indicatif::ProgressBar {
    if !visible {
        return indicatif::ProgressBar::hidden();
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(total, indicatif::ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        format!("{{bar:30}} {{human_pos}}/{{human_len}} {what} ({{per_sec}}, {{eta}} left)")
    } else {
        format!("{{spinner}} {{human_pos}} {what}")
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

/// Whether a progress bar may be drawn on stderr: only on a terminal, and not over output
/// that goes to the same terminal.
pub(crate) fn progress_visible(output_is_stdout: bool) -> bool {
    use std::io::IsTerminal;
    io::stderr().is_terminal() && !(output_is_stdout && io::stdout().is_terminal())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A track item whose names hold commas, quotes, a line break and non-ASCII text.
    fn hostile_item() -> PlaylistItem {
        serde_json::from_value(serde_json::json!({
            "added_at": "2026-01-02T03:04:05Z",
            "added_by": {"id": "someone", "type": "user", "uri": "spotify:user:someone"},
            "is_local": false,
            "item": {
                "type": "track",
                "id": "7EjyzZcbLxW7PaaLua9Ksb",
                "uri": "spotify:track:7EjyzZcbLxW7PaaLua9Ksb",
                "name": "Hello, \"World\"\nsecond line; =1+1 東京",
                "duration_ms": 151000,
                "artists": [{"name": "Earth, Wind & Fire"}, {"name": "Ünïcødé"}],
                "album": {"name": "A \"quoted\", album"},
            },
        }))
        .unwrap()
    }

    #[test]
    fn csv_quotes_what_needs_it_and_reads_back_the_same() {
        let item = hostile_item();
        let mut bytes = Vec::new();
        let mut writer: Box<dyn ItemWriter> = Box::new(Csv::start(&mut bytes).unwrap());
        writer.item(&item).unwrap();
        writer.item(&PlaylistItem::default()).unwrap();
        writer.finish().unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(reader.headers().unwrap(), CSV_COLUMNS.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(
            rows[0].iter().collect::<Vec<_>>(),
            [
                "0",
                "spotify:track:7EjyzZcbLxW7PaaLua9Ksb",
                "track",
                "7EjyzZcbLxW7PaaLua9Ksb",
                "Hello, \"World\"\nsecond line; =1+1 東京",
                "Earth, Wind & Fire; Ünïcødé",
                "",
                "A \"quoted\", album",
                "151000",
                "2026-01-02T03:04:05Z",
                "someone",
                "false",
            ]
        );
        // An item Spotify no longer has (`null`): its position and nothing else to say.
        assert_eq!(
            rows[1].iter().collect::<Vec<_>>(),
            ["1", "", "", "", "", "", "", "", "", "", "", "false"]
        );
    }

    #[test]
    fn the_json_document_is_the_playlist_with_every_item() {
        let playlist: Playlist = serde_json::from_value(serde_json::json!({
            "id": "0EmuLargeP1ay1ist0000a",
            "name": "The \"Long\"\nRoad",
            "snapshot_id": "abc",
            "items": {"href": "x", "total": 2, "items": [{"is_local": false}]},
        }))
        .unwrap();
        for n in [0, 1, 3] {
            let mut bytes = Vec::new();
            let mut writer: Box<dyn ItemWriter> =
                Box::new(JsonDocument::start(&mut bytes, &playlist).unwrap());
            for _ in 0..n {
                writer.item(&hostile_item()).unwrap();
            }
            writer.finish().unwrap();
            let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            let mut expected = serde_json::to_value(&playlist).unwrap();
            let fields = expected.as_object_mut().unwrap();
            fields.remove("tracks");
            let item = serde_json::to_value(hostile_item()).unwrap();
            fields.insert("items".into(), vec![item; n].into());
            assert_eq!(doc, expected, "{n} items");
            // Pretty, as `--json` prints.
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.starts_with("{\n  \""), "{text}");
            assert!(text.ends_with("\n}\n"), "{text}");
        }
    }

    #[test]
    fn ndjson_is_one_item_per_line() {
        let mut bytes = Vec::new();
        let mut writer: Box<dyn ItemWriter> = Box::new(Ndjson::new(&mut bytes));
        writer.item(&hostile_item()).unwrap();
        writer.item(&hostile_item()).unwrap();
        writer.finish().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let back: PlaylistItem = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(back, hostile_item());
    }
}
