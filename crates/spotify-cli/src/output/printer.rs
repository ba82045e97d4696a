//! The one output convention of every command, in one place.
//!
//! - `table` (the default): readable views, tables fitted to the terminal's width;
//! - `json` (also `--json`): Spotify's JSON, pretty; a list is one JSON array;
//! - `ndjson`: one compact JSON object per line (a list's items; an object on one line);
//! - `csv`: a list's table columns, uncut, with a header row. A command that prints no list
//!   (one object, or what a write did) has no rows: [`Printer::new`] refuses csv for it, a
//!   usage error before anything is sent.
//!
//! A command that changes something prints what it did as a sentence in `table` format only
//! ([`Printer::message`]), and Spotify's answer, if there is one, in the JSON formats.
//!
//! Colours are not decided here: views write bold headers, and `main` prints through
//! `anstream`, which drops every escape code off a terminal and whenever `NO_COLOR` is set.

use std::io::Write;

use serde::Serialize;

use super::table::{Layout, Table};
use crate::cli::OutputFormat;
use crate::commands::UsageError;

/// How a command prints: the format asked for and the width tables fit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Printer {
    pub(crate) format: OutputFormat,
    pub(crate) width: usize,
}

/// The commands that print a list, the only thing `--output csv` can print, by their names
/// as clap knows them ([`crate::cli::Cli::parse_named`]). The one place that says so: a
/// command not named here refuses csv before it runs (a new list command that is left out
/// refuses csv, it never half-runs), and the refusal lists these.
pub(crate) const LIST_COMMANDS: [&str; 5] = [
    "playlist items",
    "playlist list",
    "playlist export",
    "library list",
    "player devices",
];

impl Printer {
    /// The printer of the command named `command` (`playlist items`), or a usage error for a
    /// format the command cannot print (csv without a list, [`LIST_COMMANDS`]). Made before
    /// the command sends anything, so a refused format never follows a write that happened.
    pub(crate) fn new(
        format: OutputFormat,
        width: usize,
        command: &str,
    ) -> Result<Printer, UsageError> {
        if format == OutputFormat::Csv && !LIST_COMMANDS.contains(&command) {
            let lists: Vec<String> = LIST_COMMANDS.iter().map(|c| format!("`{c}`")).collect();
            return Err(UsageError(format!(
                "--output csv is for lists ({}); use --json or --output ndjson for one object",
                lists.join(", ")
            )));
        }
        Ok(Printer { format, width })
    }

    /// Whether the command prints its readable view (`table`, the default).
    pub(crate) fn is_table(&self) -> bool {
        self.format == OutputFormat::Table
    }

    /// Prints one object: its view in `table` format, else [`Printer::data`].
    pub(crate) fn object<T: Serialize>(
        &self,
        out: &mut dyn Write,
        value: &T,
        view: impl FnOnce(&mut dyn Write, usize) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        match self.format {
            OutputFormat::Table => view(out, self.width),
            _ => self.data(out, value),
        }
    }

    /// Prints one object as Spotify's JSON: pretty (`json`, and `table`, which a command with
    /// no view of its own uses), on one line (`ndjson`). `csv` is for lists: [`Printer::new`]
    /// refuses it for every command not in [`LIST_COMMANDS`], and those print only lists, so
    /// csv here is a bug of ours (an internal error), never the user's.
    pub(crate) fn data<T: Serialize>(&self, out: &mut dyn Write, value: &T) -> anyhow::Result<()> {
        match self.format {
            OutputFormat::Table | OutputFormat::Json => super::json(out, value),
            OutputFormat::Ndjson => ndjson_line(out, value),
            OutputFormat::Csv => Err(anyhow::anyhow!(
                "internal error: a list command printed one object with --output csv (please report it)"
            )),
        }
    }

    /// What a write did, as a sentence, in `table` format only.
    pub(crate) fn message(&self, out: &mut dyn Write, text: &str) -> anyhow::Result<()> {
        if self.format == OutputFormat::Table {
            writeln!(out, "{text}")?;
        }
        Ok(())
    }

    /// A list printed one item at a time: `rows` lays out the table (fixed before the first
    /// row when it streams), `cells` gives an item's cells in its columns.
    pub(crate) fn list<'a, T: Serialize, F: FnMut(&T) -> Vec<String>>(
        &self,
        out: &'a mut dyn Write,
        rows: Rows,
        cells: F,
    ) -> List<'a, T, F> {
        List {
            out,
            format: self.format,
            width: self.width,
            rows,
            cells,
            count: 0,
            _item: std::marker::PhantomData,
        }
    }
}

/// One value as one line of compact JSON.
pub(crate) fn ndjson_line(out: &mut dyn Write, value: &impl Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// How a list's table is laid out.
#[derive(Debug)]
pub(crate) enum Rows {
    /// Columns fixed before the first row, each row printed as it arrives (long lists).
    Stream(Layout),
    /// Rows kept and printed at the end, each column as wide as its widest cell (short lists).
    Whole(Table),
}

impl Rows {
    fn headers(&self) -> Vec<&'static str> {
        match self {
            Rows::Stream(layout) => layout.headers(),
            Rows::Whole(table) => table.headers(),
        }
    }
}

/// A list being printed in one of the formats; see [`Printer::list`].
pub(crate) struct List<'a, T, F> {
    out: &'a mut dyn Write,
    format: OutputFormat,
    width: usize,
    rows: Rows,
    cells: F,
    count: u64,
    _item: std::marker::PhantomData<fn(&T)>,
}

impl<T: Serialize, F: FnMut(&T) -> Vec<String>> List<'_, T, F> {
    /// Prints one item. The header (of a table or a CSV file) and a JSON array's bracket come
    /// with the first item, so a list refused before its first page prints only the error.
    pub(crate) fn push(&mut self, item: &T) -> anyhow::Result<()> {
        let first = self.count == 0;
        self.count += 1;
        match self.format {
            OutputFormat::Json => {
                self.out.write_all(if first { b"[\n" } else { b",\n" })?;
                super::json_indented(&mut *self.out, item, "  ")?;
            }
            OutputFormat::Ndjson => ndjson_line(&mut *self.out, item)?,
            OutputFormat::Csv => {
                if first {
                    self.csv_header()?;
                }
                csv_record(&mut *self.out, &(self.cells)(item))?;
            }
            OutputFormat::Table => {
                let cells = (self.cells)(item);
                match &mut self.rows {
                    Rows::Stream(layout) => {
                        if first {
                            layout.header(&mut *self.out)?;
                        }
                        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                        layout.line(&mut *self.out, &cells)?;
                    }
                    Rows::Whole(table) => table.row(cells),
                }
            }
        }
        Ok(())
    }

    /// Ends the list and returns how many items it had. An empty list is `[]` in JSON, a
    /// lone header in CSV, nothing in NDJSON, and `empty` (`(no items)`) in a table.
    pub(crate) fn finish(self, empty: &str) -> anyhow::Result<u64> {
        let List {
            out,
            format,
            width,
            rows,
            count,
            ..
        } = self;
        match format {
            OutputFormat::Json if count == 0 => out.write_all(b"[]\n")?,
            OutputFormat::Json => out.write_all(b"\n]\n")?,
            OutputFormat::Ndjson => {}
            OutputFormat::Csv if count == 0 => csv_record(out, &csv_header(&rows))?,
            OutputFormat::Csv => {}
            OutputFormat::Table if count == 0 => writeln!(out, "{empty}")?,
            OutputFormat::Table => {
                if let Rows::Whole(table) = &rows {
                    table.print(out, width)?;
                }
            }
        }
        Ok(count)
    }

    fn csv_header(&mut self) -> anyhow::Result<()> {
        let headers = csv_header(&self.rows);
        csv_record(&mut *self.out, &headers)
    }
}

/// A table's headers as CSV column names: lower case, `#` as `position`, spaces as `_`.
fn csv_header(rows: &Rows) -> Vec<String> {
    rows.headers()
        .into_iter()
        .map(|h| match h {
            "#" => "position".to_owned(),
            h => h.to_ascii_lowercase().replace(' ', "_"),
        })
        .collect()
}

/// One CSV record (RFC 4180 quoting, by the `csv` crate).
fn csv_record(out: &mut dyn Write, cells: &[impl AsRef<[u8]>]) -> anyhow::Result<()> {
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    writer.write_record(cells)?;
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::table::Column;

    /// Prints `items` as a list in `format`, their cells from their `name` member.
    fn print(format: OutputFormat, items: &[serde_json::Value]) -> String {
        let mut out = Vec::new();
        let printer = Printer { format, width: 40 };
        let rows = Rows::Whole(Table::new(vec![
            Column::number("#"),
            Column::text("NAME", 1),
        ]));
        let mut position = 0;
        let mut list = printer.list(&mut out, rows, |item: &serde_json::Value| {
            position += 1;
            vec![
                position.to_string(),
                item["name"].as_str().unwrap_or("").to_owned(),
            ]
        });
        for item in items {
            list.push(item).unwrap();
        }
        assert_eq!(list.finish("(none)").unwrap(), items.len() as u64);
        anstream::adapter::strip_str(&String::from_utf8(out).unwrap()).to_string()
    }

    fn items() -> Vec<serde_json::Value> {
        vec![
            serde_json::json!({"name": "a, \"b\"\nc", "n": [1, 2], "o": {}}),
            serde_json::json!({"name": "東京"}),
        ]
    }

    #[test]
    fn a_streamed_json_array_is_the_same_text_as_the_whole_list() {
        let items = items();
        for list in [&items[..0], &items[..1], &items[..]] {
            let mut whole = Vec::new();
            crate::output::json(&mut whole, &list).unwrap();
            assert_eq!(
                print(OutputFormat::Json, list),
                String::from_utf8(whole).unwrap()
            );
        }
    }

    #[test]
    fn one_list_prints_in_every_format() {
        let items = items();
        assert_eq!(
            print(OutputFormat::Table, &items),
            "#  NAME\n1  a, \"b\" c\n2  東京\n"
        );
        assert_eq!(print(OutputFormat::Table, &[]), "(none)\n");
        let ndjson = print(OutputFormat::Ndjson, &items);
        let back: Vec<serde_json::Value> = ndjson
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back, items);
        assert_eq!(print(OutputFormat::Ndjson, &[]), "");
        // CSV: the table's columns, uncut, quoted where needed.
        assert_eq!(
            print(OutputFormat::Csv, &items),
            "position,name\n1,\"a, \"\"b\"\"\nc\"\n2,東京\n"
        );
        assert_eq!(print(OutputFormat::Csv, &[]), "position,name\n");
    }

    #[test]
    fn one_object_is_a_view_json_or_one_line_and_not_csv() {
        let value = serde_json::json!({"name": "x"});
        let view = |out: &mut dyn Write, width: usize| -> anyhow::Result<()> {
            writeln!(out, "view at {width}")?;
            Ok(())
        };
        let text = |format| {
            let mut out = Vec::new();
            Printer { format, width: 40 }
                .object(&mut out, &value, view)
                .map(|()| String::from_utf8(out).unwrap())
        };
        assert_eq!(text(OutputFormat::Table).unwrap(), "view at 40\n");
        assert_eq!(
            text(OutputFormat::Json).unwrap(),
            "{\n  \"name\": \"x\"\n}\n"
        );
        assert_eq!(text(OutputFormat::Ndjson).unwrap(), "{\"name\":\"x\"}\n");
        // Refused before a command that prints no list runs, so never met when it prints.
        let e = Printer::new(OutputFormat::Csv, 40, "track").unwrap_err();
        assert_eq!(
            e.0,
            "--output csv is for lists (`playlist items`, `playlist list`, `playlist export`, `library list`, `player devices`); use --json or --output ndjson for one object"
        );
        assert!(Printer::new(OutputFormat::Csv, 40, "playlist items").is_ok());
        assert!(Printer::new(OutputFormat::Ndjson, 40, "track").is_ok());
        // Met all the same, it is an internal error, not the user's.
        let e = text(OutputFormat::Csv).unwrap_err();
        assert!(!e.is::<UsageError>(), "{e}");
        assert!(e.to_string().starts_with("internal error: "), "{e}");
    }

    /// Each list command is named as clap names it (`whoami` is `me`, a verb follows its
    /// noun), so that none of them refuses csv by a typo here.
    #[test]
    fn the_list_commands_are_named_as_the_command_line_names_them() {
        use clap::CommandFactory;
        let cli = crate::cli::Cli::command();
        for name in LIST_COMMANDS {
            let mut command = &cli;
            for word in name.split(' ') {
                command = command
                    .find_subcommand(word)
                    .unwrap_or_else(|| panic!("no command {name:?}"));
                // The name itself, not an alias: `parse_named` gives the names.
                assert_eq!(command.get_name(), word, "{name:?} names an alias");
            }
        }
    }
}
