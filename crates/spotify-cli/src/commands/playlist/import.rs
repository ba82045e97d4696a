//! `spotify playlist import`: adds the items of a JSON, CSV or NDJSON file (as `export` writes
//! them, or any file of the format with a `uri` column or field) to a playlist, in file order.
//!
//! Safe to run twice, and to run again after a failure part way: it first reads what the
//! playlist holds, and adds only what is not there yet, counting copies (a file that lists a
//! track twice needs it twice; one copy in the playlist counts for the first). The whole file
//! is read and checked before anything is sent, so a bad file changes nothing.
//!
//! Memory: the file is read as a stream (a JSON export's item objects are skipped field by
//! field, never held whole); what is kept is one typed ID per item, and one count per distinct
//! URI of the playlist.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use spotify_web_api::{Error, PlayableId, PlaylistId};

use super::export::{format_name, format_of};
use super::{count, parse_item};
use crate::cli::{FileFormat, ImportArgs};
use crate::commands::{Context, UsageError};
use crate::output;

/// One item of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Entry {
    /// A track or an episode.
    Item(PlayableId),
    /// A local file (`spotify:local:…`), which the Web API cannot add to a playlist.
    Local,
    /// An item Spotify no longer has: exported with no URI (`null` content).
    Unavailable,
}

/// What a URI of the file is; `Err` says why it is not one.
fn classify(uri: &str) -> Result<Entry, String> {
    let uri = uri.trim();
    if uri.is_empty() {
        return Ok(Entry::Unavailable);
    }
    if uri.starts_with("spotify:local:") {
        return Ok(Entry::Local);
    }
    parse_item(uri).map(Entry::Item).map_err(|e| e.to_string())
}

/// Reads and checks every entry of a file; a problem is a usage error naming the line.
pub(super) fn read_entries(
    name: &str,
    input: impl Read,
    format: FileFormat,
) -> anyhow::Result<Vec<Entry>> {
    let input = BufReader::with_capacity(64 * 1024, input);
    let result = match format {
        FileFormat::Json => read_json(input),
        FileFormat::Ndjson => read_ndjson(input),
        FileFormat::Csv => read_csv(input),
    };
    result.map_err(|problem| UsageError(format!("{name}: {problem}")).into())
}

/// A CSV file with a header row that has a `uri` column.
fn read_csv(input: impl Read) -> Result<Vec<Entry>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(input);
    let headers = reader.headers().map_err(|e| csv_problem(&e))?.clone();
    let column = headers
        .iter()
        .position(|h| {
            h.trim_start_matches('\u{feff}')
                .trim()
                .eq_ignore_ascii_case("uri")
        })
        .ok_or_else(|| {
            let found: Vec<&str> = headers.iter().collect();
            format!(
                "line 1: no `uri` column in the header (it has: {})",
                found.join(", ")
            )
        })?;
    let mut entries = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_problem(&e)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        let Some(uri) = record.get(column) else {
            return Err(format!(
                "line {line}: {} fields, and no `uri` (column {})",
                record.len(),
                column + 1
            ));
        };
        entries.push(classify(uri).map_err(|e| format!("line {line}: {e}"))?);
    }
    Ok(entries)
}

/// A CSV error, with its line first.
fn csv_problem(e: &csv::Error) -> String {
    let line = match e.kind() {
        csv::ErrorKind::Utf8 { pos: Some(pos), .. }
        | csv::ErrorKind::UnequalLengths { pos: Some(pos), .. }
        | csv::ErrorKind::Deserialize { pos: Some(pos), .. } => Some(pos.line()),
        _ => e.position().map(csv::Position::line),
    };
    match line {
        Some(line) => format!("line {line}: {e}"),
        None => e.to_string(),
    }
}

/// NDJSON: one JSON value per line (a playlist item, an object with a `uri`, or a URI string);
/// blank lines are skipped.
fn read_ndjson(input: impl BufRead) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    for (i, line) in input.split(b'\n').enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| format!("line {n}: {e}"))?;
        let text = std::str::from_utf8(&line).map_err(|_| format!("line {n}: not UTF-8"))?;
        if text.trim().is_empty() {
            continue;
        }
        let item: FileItem = serde_json::from_str(text)
            .map_err(|e| format!("line {n}, column {}: {}", e.column(), without_position(&e)))?;
        entries.push(item.0);
    }
    Ok(entries)
}

/// A JSON document: `export`'s (an object with an `items` array) or an array of items (as
/// `spotify playlist items --json` prints), read as a stream.
fn read_json(input: impl Read) -> Result<Vec<Entry>, String> {
    let mut de = serde_json::Deserializer::from_reader(input);
    let entries = Document::deserialize(&mut de)
        .and_then(|doc| de.end().map(|()| doc.0))
        .map_err(|e| json_problem(&e))?;
    Ok(entries)
}

/// A JSON error, with its line first.
fn json_problem(e: &serde_json::Error) -> String {
    if e.line() == 0 {
        return e.to_string();
    }
    format!(
        "line {}, column {}: {}",
        e.line(),
        e.column(),
        without_position(e)
    )
}

/// serde_json's message without the ` at line L column C` it appends.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// The entries of a JSON document.
struct Document(Vec<Entry>);

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DocumentVisitor;
        impl<'de> Visitor<'de> for DocumentVisitor {
            type Value = Document;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an exported playlist (an object with an `items` array) or an array of playlist items")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Document, A::Error> {
                Items.visit_seq(seq).map(Document)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
                let mut items = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "items" && items.is_none() {
                        items = Some(map.next_value_seed(Items)?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                items
                    .map(Document)
                    .ok_or_else(|| de::Error::custom("no `items` array in the object"))
            }
        }
        d.deserialize_any(DocumentVisitor)
    }
}

/// An array of items, read one element at a time.
struct Items;

impl<'de> DeserializeSeed<'de> for Items {
    type Value = Vec<Entry>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Entry>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items {
    type Value = Vec<Entry>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of playlist items")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Entry>, A::Error> {
        let mut entries = Vec::new();
        while let Some(FileItem(entry)) = seq.next_element()? {
            entries.push(entry);
        }
        Ok(entries)
    }
}

/// One item of a JSON or NDJSON file: a playlist item object (its `item`, else its `track`;
/// `null` for an item Spotify no longer has), an object with a `uri` (a track, an episode), or
/// a URI string. Other members are skipped without being kept.
struct FileItem(Entry);

impl<'de> Deserialize<'de> for FileItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = FileItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a playlist item (an object with `item`, `track` or `uri`) or a URI")
            }
            fn visit_str<E: de::Error>(self, uri: &str) -> Result<FileItem, E> {
                classify(uri).map(FileItem).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileItem, A::Error> {
                // `item` (since 2026-02) wins over `track` (before), as in the library.
                let (mut item, mut track, mut uri) = (None, None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "item" if item.is_none() => {
                            item = Some(map.next_value::<Option<Content>>()?);
                        }
                        "track" if track.is_none() => {
                            track = Some(map.next_value::<Option<Content>>()?);
                        }
                        "uri" if uri.is_none() => uri = Some(map.next_value::<Uri>()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let entry = match (item, track, uri) {
                    (Some(Some(Content(entry))), _, _) | (_, Some(Some(Content(entry))), _) => {
                        entry
                    }
                    (Some(None), _, _) | (_, Some(None), _) => Entry::Unavailable,
                    (None, None, Some(Uri(entry))) => entry,
                    (None, None, None) => {
                        return Err(de::Error::custom(
                            "an item with no `item`, `track` or `uri` member",
                        ));
                    }
                };
                Ok(FileItem(entry))
            }
        }
        d.deserialize_any(ItemVisitor)
    }
}

/// The content of a playlist item: only its `uri` is read.
struct Content(Entry);

impl<'de> Deserialize<'de> for Content {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ContentVisitor;
        impl<'de> Visitor<'de> for ContentVisitor {
            type Value = Content;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a track or an episode object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content, A::Error> {
                let mut uri = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "uri" && uri.is_none() {
                        uri = Some(map.next_value::<Uri>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                uri.map(|Uri(entry)| Content(entry))
                    .ok_or_else(|| de::Error::custom("a track or episode with no `uri`"))
            }
        }
        d.deserialize_map(ContentVisitor)
    }
}

/// A URI member, checked as it is read (so an error points at it).
struct Uri(Entry);

impl<'de> Deserialize<'de> for Uri {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        classify(&text).map(Uri).map_err(de::Error::custom)
    }
}

/// What to do with the file's entries, given what the playlist holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Plan {
    /// The items to add, in file order.
    pub(super) to_add: Vec<PlayableId>,
    /// Items of the file the playlist already has (as many copies).
    pub(super) already: usize,
    /// Local files, skipped.
    pub(super) local: usize,
    /// Items with no URI, skipped.
    pub(super) unavailable: usize,
}

/// Matches the file against the playlist as multisets: each copy in the playlist accounts for
/// one entry of the file, in file order; the entries left over are added.
pub(super) fn plan(entries: Vec<Entry>, mut have: HashMap<String, usize>) -> Plan {
    let mut plan = Plan::default();
    for entry in entries {
        match entry {
            Entry::Local => plan.local += 1,
            Entry::Unavailable => plan.unavailable += 1,
            Entry::Item(id) => match have.get_mut(&id.uri()) {
                Some(copies) if *copies > 0 => {
                    *copies -= 1;
                    plan.already += 1;
                }
                _ => plan.to_add.push(id),
            },
        }
    }
    plan
}

/// Imports a file into a playlist and says what it did.
pub(super) async fn run(
    ctx: &Context,
    args: &ImportArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let stdin = args.file.as_os_str() == "-";
    let name = if stdin {
        "stdin".to_owned()
    } else {
        args.file.display().to_string()
    };
    let format = args
        .format
        .or_else(|| format_of(&args.file))
        .ok_or_else(|| {
            UsageError(format!(
                "cannot tell the format of {name} from its name: add --format json, csv or ndjson"
            ))
        })?;
    let playlist = PlaylistId::parse(&args.playlist)?;
    let entries = if stdin {
        read_entries(&name, std::io::stdin().lock(), format)?
    } else {
        let file = File::open(&args.file)
            .map_err(|e| anyhow::Error::new(e).context(format!("cannot open {name}")))?;
        read_entries(&name, file, format)?
    };
    let total = entries.len();

    let api = ctx.user_client().await?;
    let have = current_items(&api, &playlist).await?;
    let plan = plan(entries, have);
    let adding = plan.to_add.len();
    let snapshot = if adding > 0 {
        let written = api.add_playlist_items(&playlist, &plan.to_add).await;
        Some(written.map_err(|e| interrupted(e, &plan, &playlist))?)
    } else {
        None
    };

    writeln!(
        out,
        "Imported {name} ({}, {}) into playlist {playlist}: {} added, {} already there",
        format_name(format),
        count(total, "item"),
        output::thousands(adding as u64),
        output::thousands(plan.already as u64),
    )?;
    if plan.local > 0 {
        writeln!(
            out,
            "  skipped {}: Spotify cannot add local files (spotify:local:…) to a playlist",
            count(plan.local, "local file"),
        )?;
    }
    if plan.unavailable > 0 {
        writeln!(
            out,
            "  skipped {} with no URI (no longer available on Spotify)",
            count(plan.unavailable, "item"),
        )?;
    }
    if let Some(snapshot) = snapshot {
        writeln!(out, "  snapshot_id: {}", snapshot.snapshot_id)?;
    }
    Ok(())
}

/// How many copies of each URI the playlist holds, read page by page (a progress bar on a
/// terminal).
async fn current_items(
    api: &spotify_web_api::SpotifyWebApi,
    playlist: &PlaylistId,
) -> anyhow::Result<HashMap<String, usize>> {
    // Only the URIs: a page of 50 items is then a few KB instead of hundreds.
    let first = api
        .get_playlist_items(playlist)
        .additional_types(super::BOTH)
        .fields("items(item(uri),track(uri))")
        .limit(50)
        .await?;
    let bar = output::playlists::progress(
        Some(first.total.into()),
        output::playlists::progress_visible(false),
        "items of the playlist read",
    );
    let mut have: HashMap<String, usize> = HashMap::new();
    let mut page = Some(first);
    while let Some(current) = page {
        for entry in &current {
            if let Some(content) = entry.content() {
                *have.entry(content.uri().to_owned()).or_default() += 1;
            }
            bar.inc(1);
        }
        page = api.next_page(&current).await?;
    }
    bar.finish_and_clear();
    Ok(have)
}

/// Says how far an import that failed part way got, and that running it again finishes it.
fn interrupted(error: Error, plan: &Plan, playlist: &PlaylistId) -> anyhow::Error {
    let resume = "run the same import again to add the rest: it adds only what the playlist does not have yet";
    match error {
        Error::PartialWrite {
            completed, source, ..
        } => anyhow::Error::new(*source).context(format!(
            "the import stopped after adding {} of the {} missing from playlist {playlist} ({} were already there); {resume}",
            output::thousands(completed as u64),
            count(plan.to_add.len(), "item"),
            output::thousands(plan.already as u64),
        )),
        other => anyhow::Error::new(other)
            .context(format!("the import into playlist {playlist} failed; {resume}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(id: &str) -> Entry {
        Entry::Item(parse_item(id).unwrap())
    }

    const A: &str = "7EjyzZcbLxW7PaaLua9Ksb";
    const B: &str = "0EmuA1bum30Tracks0000a";

    fn read(format: FileFormat, text: &str) -> anyhow::Result<Vec<Entry>> {
        read_entries("f", text.as_bytes(), format)
    }

    fn problem(format: FileFormat, text: &str) -> String {
        format!("{:#}", read(format, text).unwrap_err())
    }

    #[test]
    fn copies_count_as_a_multiset_in_file_order() {
        let entries = vec![track(A), track(B), track(A), Entry::Local, track(A)];
        let have = HashMap::from([(format!("spotify:track:{A}"), 2)]);
        let plan = plan(entries, have);
        assert_eq!(plan.already, 2);
        assert_eq!(plan.local, 1);
        let uris: Vec<String> = plan.to_add.iter().map(PlayableId::uri).collect();
        assert_eq!(
            uris,
            [format!("spotify:track:{B}"), format!("spotify:track:{A}")]
        );
    }

    #[test]
    fn csv_reads_the_uri_column_with_quoted_commas_and_newlines() {
        let text = format!(
            "position,name,uri\n0,\"Hello, \"\"World\"\"\nagain\",spotify:track:{A}\n1,x,spotify:local:a:b:c:1\n2,gone,\n"
        );
        assert_eq!(
            read(FileFormat::Csv, &text).unwrap(),
            vec![track(A), Entry::Local, Entry::Unavailable]
        );
    }

    #[test]
    fn bad_files_say_which_line() {
        let csv = format!("uri\nspotify:track:{A}\nspotify:album:{B}\n");
        let e = problem(FileFormat::Csv, &csv);
        assert!(e.starts_with("f: line 3: invalid"), "{e}");
        let e = problem(FileFormat::Csv, "name,position\nx,1\n");
        assert!(e.starts_with("f: line 1: no `uri` column"), "{e}");
        let e = problem(FileFormat::Csv, "uri\n\"unterminated\n");
        assert!(e.contains("f: "), "{e}");

        let nd = format!("{{\"uri\":\"spotify:track:{A}\"}}\n\n{{\"item\": {{\"uri\": 3}}}}\n");
        let e = problem(FileFormat::Ndjson, &nd);
        assert!(e.starts_with("f: line 3, column "), "{e}");
        let e = problem(FileFormat::Ndjson, "{\"uri\": \"spotify:track:nope\"}\n");
        assert!(e.starts_with("f: line 1, column "), "{e}");
        assert!(e.contains("invalid"), "{e}");

        let json = format!(
            "{{\n  \"name\": \"x\",\n  \"items\": [\n    {{\"item\": {{\"uri\": \"spotify:track:{A}\"}}}},\n    {{\"item\": {{\"uri\": \"spotify:artist:{B}\"}}}}\n  ]\n}}\n"
        );
        let e = problem(FileFormat::Json, &json);
        assert!(e.starts_with("f: line 5, column "), "{e}");
        let e = problem(FileFormat::Json, "{\"name\": \"no items\"}");
        assert!(e.contains("no `items` array"), "{e}");
        let e = problem(FileFormat::Json, "[{\"item\": null}] trailing");
        assert!(e.starts_with("f: line 1, column "), "{e}");
        let e = problem(FileFormat::Json, "{\"items\": {\"items\": []}}");
        assert!(e.contains("an array of playlist items"), "{e}");
        let e = problem(FileFormat::Json, "[{\"added_at\": \"x\"}]");
        assert!(e.contains("no `item`, `track` or `uri`"), "{e}");
    }

    #[test]
    fn json_takes_items_tracks_uris_and_strings() {
        let json = format!(
            "[{{\"item\": {{\"uri\": \"spotify:track:{A}\", \"album\": {{\"uri\": \"x\"}}}}, \"track\": null}},\
             {{\"item\": null, \"track\": {{\"uri\": \"spotify:track:{B}\"}}}},\
             {{\"item\": null}}, {{\"uri\": \"spotify:local:a:b:c:1\"}}, \"https://open.spotify.com/track/{A}\"]"
        );
        assert_eq!(
            read(FileFormat::Json, &json).unwrap(),
            vec![
                track(A),
                track(B),
                Entry::Unavailable,
                Entry::Local,
                track(A)
            ]
        );
    }
}
