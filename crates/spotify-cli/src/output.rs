//! How results are printed.
//!
//! Every command prints through [`printer::Printer`], the one output convention: a readable
//! view (`table`), Spotify's JSON (`--json`), or for lists NDJSON and CSV (`--output`). A view
//! is a title and a few `label: value` lines about the object ([`Details`]), then aligned
//! tables of its lists ([`table`]), fitted to [`terminal_width`]. The views of each kind of
//! object are in [`catalog`] and its neighbours.

pub(crate) mod catalog;
pub(crate) mod library;
pub(crate) mod me;
pub(crate) mod player;
pub(crate) mod playlists;
pub(crate) mod printer;
pub(crate) mod search;
pub(crate) mod table;

use std::io::{IsTerminal, Write};

use unicode_width::UnicodeWidthStr;

/// The width to fit tables to: the terminal's when stdout is one, else `COLUMNS`, else 80.
pub(crate) fn terminal_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Some((terminal_size::Width(width), _)) = terminal_size::terminal_size()
        && width > 0
    {
        return usize::from(width);
    }
    width_from(std::env::var("COLUMNS").ok().as_deref())
}

/// `COLUMNS` if it is a positive number, else 80.
fn width_from(columns: Option<&str>) -> usize {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .unwrap_or(80)
}

/// Prints any model as pretty JSON.
pub(crate) fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `value` as pretty JSON with every line indented by `indent`, and no newline after it: an
/// element of an array that is written one element at a time.
pub(crate) fn json_indented(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    indent: &str,
) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    // serde_json escapes newlines inside strings, so every line break is structure.
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        write!(out, "{indent}{line}")?;
    }
    Ok(())
}

/// `m:ss` (or `h:mm:ss`).
pub(crate) fn duration(ms: u64) -> String {
    let secs = ms / 1000;
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `1,234,567`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `yes` or `no`.
pub(crate) fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// A title line and `label: value` lines under it, values aligned; empty values are left out
/// and long ones cut to the width (or wrapped, [`Details::wrapped`]).
#[derive(Debug)]
pub(crate) struct Details {
    title: String,
    fields: Vec<(&'static str, String)>,
    wrap: bool,
}

impl Details {
    pub(crate) fn new(title: impl Into<String>) -> Details {
        Details {
            title: title.into(),
            fields: Vec::new(),
            wrap: false,
        }
    }

    /// Long values wrap at spaces onto more lines, aligned under the values, instead of
    /// being cut: for a view whose values must be read in full (commands to run, paths to
    /// copy). A word wider than the room (a path) is kept whole on a line of its own.
    pub(crate) fn wrapped(mut self) -> Details {
        self.wrap = true;
        self
    }

    /// Adds a line, unless `value` is empty.
    pub(crate) fn field(mut self, label: &'static str, value: impl Into<String>) -> Details {
        let value = value.into();
        if !value.trim().is_empty() {
            self.fields.push((label, value));
        }
        self
    }

    /// Adds a line if there is a value.
    pub(crate) fn field_opt(
        self,
        label: &'static str,
        value: Option<impl Into<String>>,
    ) -> Details {
        match value {
            Some(value) => self.field(label, value),
            None => self,
        }
    }

    pub(crate) fn print(&self, out: &mut dyn Write, width: usize) -> anyhow::Result<()> {
        writeln!(out, "{}", table::fit(&one_line(&self.title), width))?;
        let label_width = self
            .fields
            .iter()
            .map(|(label, _)| label.width() + 1)
            .max()
            .unwrap_or(0)
            + 1;
        let room = width.saturating_sub(2 + label_width).max(10);
        for (label, value) in &self.fields {
            let label = format!("{label}:");
            let value = one_line(value);
            if !self.wrap {
                writeln!(out, "  {label:<label_width$}{}", table::fit(&value, room))?;
                continue;
            }
            for (i, line) in wrap(&value, room).iter().enumerate() {
                let label = if i == 0 { label.as_str() } else { "" };
                writeln!(out, "  {label:<label_width$}{line}")?;
            }
        }
        Ok(())
    }
}

/// `text` (one line, words separated by single spaces) in lines at most `room` wide, broken
/// at spaces outside backticks: a command in backticks stays on one line, to be copied whole.
/// A word (or command) wider than `room` is a line of its own, whole.
fn wrap(text: &str, room: usize) -> Vec<String> {
    let mut words = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '`' => quoted = !quoted,
            ' ' if !quoted => {
                words.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    words.push(&text[start..]);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words {
        if !line.is_empty() && line.width() + 1 + word.width() > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// Text on one line: runs of whitespace and control characters become one space.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A section's title: `Tracks (14)`, `Episodes (1-50 of 60)`, `Albums: none`, or
/// `Albums: none from #11 (10 in all)` for an offset past the end.
pub(crate) fn section(label: &str, offset: u32, shown: usize, total: u32) -> String {
    let shown = u32::try_from(shown).unwrap_or(u32::MAX);
    if shown == 0 {
        if total > 0 {
            format!("{label}: none from #{} ({total} in all)", offset + 1)
        } else {
            format!("{label}: none")
        }
    } else if offset == 0 && shown >= total {
        format!("{label} ({shown})")
    } else {
        format!("{label} ({}-{} of {total})", offset + 1, offset + shown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that went away: every write fails as a closed pipe does.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_seen_as_one_whichever_writer_meets_it() {
        let value = serde_json::json!({"a": [1, 2, 3]});
        let pretty = json(&mut ClosedPipe, &value).unwrap_err();
        let compact = anyhow::Error::from(serde_json::to_writer(ClosedPipe, &value).unwrap_err());
        let mut csv = csv::Writer::from_writer(ClosedPipe);
        let csv = anyhow::Error::from(
            csv.write_record(["a", "b"])
                .and_then(|()| csv.flush().map_err(csv::Error::from))
                .unwrap_err(),
        );
        let plain = anyhow::Error::from(ClosedPipe.write_all(b"x").unwrap_err());
        for error in [pretty, compact, csv, plain] {
            assert!(crate::is_broken_pipe(&error), "{error:#}");
        }
        let other = anyhow::Error::from(serde_json::from_str::<u8>("x").unwrap_err());
        assert!(!crate::is_broken_pipe(&other));
    }

    #[test]
    fn durations_read_like_a_player() {
        assert_eq!(duration(0), "0:00");
        assert_eq!(duration(151_000), "2:31");
        assert_eq!(duration(3_600_000 + 61_000), "1:01:01");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }

    #[test]
    fn width_falls_back_on_columns_then_80() {
        assert_eq!(width_from(Some("120")), 120);
        assert_eq!(width_from(Some(" 100 ")), 100);
        assert_eq!(width_from(Some("0")), 80);
        assert_eq!(width_from(Some("wide")), 80);
        assert_eq!(width_from(None), 80);
    }

    #[test]
    fn details_align_values_and_cut_them_to_the_width() {
        let mut out = Vec::new();
        Details::new("Title")
            .field("artists", "The Trashmen")
            .field("uri", "spotify:track:7EjyzZcbLxW7PaaLua9Ksb")
            .field("empty", "")
            .field(
                "description",
                "A long\ndescription that will not fit on the line",
            )
            .print(&mut out, 40)
            .unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap(), @r"
        Title
          artists:     The Trashmen
          uri:         spotify:track:7EjyzZcbLx…
          description: A long description that…
        ");
    }

    #[test]
    fn wrapped_details_keep_every_word_and_each_command_on_one_line() {
        let mut out = Vec::new();
        Details::new("Profile default")
            .field("settings", "/home/me/.config/spotify-cli/config.json")
            .field(
                "app",
                "none: set SPOTIFY_CLIENT_ID or `spotify config set client-id ID`",
            )
            .field("api", "https://api.spotify.com/v1")
            .wrapped()
            .print(&mut out, 32)
            .unwrap();
        // At 32 columns the hint needs three lines, its command one; the path is not cut.
        insta::assert_snapshot!(String::from_utf8(out).unwrap(), @r"
        Profile default
          settings: /home/me/.config/spotify-cli/config.json
          app:      none: set
                    SPOTIFY_CLIENT_ID or
                    `spotify config set client-id ID`
          api:      https://api.spotify.com/v1
        ");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_keeps_long_words_whole() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("a bb ccc", 8), ["a bb ccc"]);
        assert_eq!(wrap("x /a/long/path y", 5), ["x", "/a/long/path", "y"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(
            wrap("run `spotify login` now", 10),
            ["run", "`spotify login`", "now"]
        );
    }

    #[test]
    fn sections_say_which_part_of_the_list_is_shown() {
        assert_eq!(section("Tracks", 0, 14, 14), "Tracks (14)");
        assert_eq!(section("Episodes", 0, 50, 60), "Episodes (1-50 of 60)");
        assert_eq!(section("Tracks", 5, 5, 523), "Tracks (6-10 of 523)");
        assert_eq!(section("Albums", 0, 0, 0), "Albums: none");
        assert_eq!(
            section("Albums", 1000, 0, 12),
            "Albums: none from #1001 (12 in all)"
        );
    }
}
