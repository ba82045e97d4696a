//! `spotify playlist export`: every item of a playlist to JSON, CSV or NDJSON, written as the
//! pages arrive, so memory stays flat however long the playlist.
//!
//! A file is written under a `.part` name beside it and renamed when complete: a failed export
//! leaves no file that looks whole (a CSV cut after 6,000 rows would import as if it were).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use futures_util::TryStreamExt;

use super::{BOTH, count};
use crate::cli::{ExportArgs, FileFormat, OutputFormat};
use crate::commands::{Context, Optional};
use crate::output;
use crate::output::playlists::{Csv, ItemWriter, JsonDocument, Ndjson};

/// The format a file's extension names, if any.
pub(super) fn format_of(path: &Path) -> Option<FileFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "json" => Some(FileFormat::Json),
        "csv" => Some(FileFormat::Csv),
        "ndjson" | "jsonl" => Some(FileFormat::Ndjson),
        _ => None,
    }
}

/// `csv`, `json`, `ndjson`.
pub(super) fn format_name(format: FileFormat) -> &'static str {
    match format {
        FileFormat::Json => "json",
        FileFormat::Csv => "csv",
        FileFormat::Ndjson => "ndjson",
    }
}

/// The file being written, under its `.part` name until [`PartFile::commit`]; removed if
/// dropped before.
struct PartFile {
    part: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl PartFile {
    fn create(path: &Path) -> anyhow::Result<(PartFile, File)> {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".part");
        let part = path.with_file_name(name);
        let file =
            File::create(&part).with_context(|| format!("cannot create {}", part.display()))?;
        let guard = PartFile {
            part,
            path: path.to_owned(),
            committed: false,
        };
        Ok((guard, file))
    }

    fn commit(mut self) -> anyhow::Result<()> {
        std::fs::rename(&self.part, &self.path).with_context(|| {
            format!(
                "cannot rename {} to {}",
                self.part.display(),
                self.path.display()
            )
        })?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.part);
        }
    }
}

/// Exports a playlist: to `-o FILE` (then one line about it on stdout), else to stdout.
pub(super) async fn run(
    ctx: &Context,
    args: &ExportArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let file = args.file.as_deref().filter(|p| p.as_os_str() != "-");
    // `--format`, else the global `--output` (every command's format flag), else the file's
    // extension, else JSON.
    let asked = match ctx.print.format {
        OutputFormat::Json => Some(FileFormat::Json),
        OutputFormat::Ndjson => Some(FileFormat::Ndjson),
        OutputFormat::Csv => Some(FileFormat::Csv),
        OutputFormat::Table => None,
    };
    let format = args
        .format
        .or(asked)
        .or_else(|| file.and_then(format_of))
        .unwrap_or(FileFormat::Json);
    let market = args.market.as_deref();
    let api = ctx.user_or_app_client().await?;
    let playlist = api
        .get_playlist(args.playlist.as_str())
        .additional_types(BOTH)
        .optional(market, |r, m| r.market(m))
        .await?;
    let total = playlist.items_page().map(|page| u64::from(page.total));

    let mut part = None;
    let sink: Box<dyn Write + '_> = match file {
        Some(path) => {
            let (guard, f) = PartFile::create(path)?;
            part = Some(guard);
            Box::new(BufWriter::with_capacity(64 * 1024, f))
        }
        None => Box::new(BufWriter::with_capacity(64 * 1024, &mut *out)),
    };
    let mut writer: Box<dyn ItemWriter + '_> = match format {
        FileFormat::Json => Box::new(JsonDocument::start(sink, &playlist)?),
        FileFormat::Csv => Box::new(Csv::start(sink)?),
        FileFormat::Ndjson => Box::new(Ndjson::new(sink)),
    };
    let bar = output::playlists::progress(
        total,
        output::playlists::progress_visible(file.is_none()),
        "items",
    );
    // The playlist came with its first page of items: those are written as they are, and the
    // rest is asked for from where that page ends (by its limit, not by how many items it
    // kept), so no page is fetched twice. A playlist without a page is read from the start.
    let first = playlist.items_page();
    let rest_from = match first {
        Some(page) if !page.has_next() => None,
        Some(page) => Some(page.offset.saturating_add(page.limit)),
        None => Some(0),
    };
    let mut written: usize = 0;
    let export = async {
        for entry in first.map_or(&[][..], |page| &page.items) {
            writer.item(entry)?;
            written += 1;
            bar.inc(1);
        }
        if let Some(offset) = rest_from {
            let mut items = api
                .get_playlist_items(&playlist.id)
                .additional_types(BOTH)
                .optional(market, |r, m| r.market(m))
                .offset(offset)
                .stream();
            while let Some(entry) = items.try_next().await? {
                writer.item(&entry)?;
                written += 1;
                bar.inc(1);
            }
        }
        writer.finish()
    };
    // Ctrl-C ends the export as a failure would: the `.part` file is removed.
    let result = tokio::select! {
        result = export => result,
        _ = tokio::signal::ctrl_c() => Err(anyhow::anyhow!("interrupted")),
    };
    bar.finish_and_clear();
    result?;
    if let (Some(path), Some(part)) = (file, part) {
        part.commit()?;
        writeln!(
            out,
            "Exported {} of playlist {} ({}) to {} ({})",
            count(written, "item"),
            playlist.name,
            playlist.id,
            path.display(),
            format_name(format),
        )?;
    }
    Ok(())
}
