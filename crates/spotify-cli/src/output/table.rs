//! Aligned text tables that fit the terminal.
//!
//! Hand-written rather than comfy-table: the CLI needs borderless columns, one line per row,
//! cells cut with an ellipsis, and rows printed while a 10,000-item playlist is still
//! streaming in (comfy-table lays out a whole table at once and wraps long cells over several
//! lines). This is about 200 lines on `unicode-width`, which compiles in a second.
//!
//! Widths are display widths, not bytes or chars: a CJK character or most emoji take two
//! columns, a combining accent none.

use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns between two cells.
const GAP: usize = 2;

/// What a cut cell ends with.
const ELLIPSIS: char = '…';

/// The narrowest a shrinking column gets (unless its content is narrower).
const MIN_FLEX: usize = 6;

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// One column: its header, alignment, and whether it may shrink to fit.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    header: &'static str,
    align: Align,
    /// 0: never shrinks (numbers, durations, IDs); otherwise its share of the room left
    /// when the table is too wide (and, when streaming, of the whole width).
    weight: u16,
    /// Left out of a table whose cells in this column are all empty.
    optional: bool,
}

impl Column {
    /// A column of text that shrinks (with an ellipsis) when the table is too wide.
    pub(crate) fn text(header: &'static str, weight: u16) -> Column {
        Column {
            header,
            align: Align::Left,
            weight,
            optional: false,
        }
    }

    /// A column that keeps its width: numbers and durations (right-aligned).
    pub(crate) fn number(header: &'static str) -> Column {
        Column {
            header,
            align: Align::Right,
            weight: 0,
            optional: false,
        }
    }

    /// A column that keeps its width, left-aligned: IDs, dates, short codes.
    pub(crate) fn fixed(header: &'static str) -> Column {
        Column {
            header,
            align: Align::Left,
            weight: 0,
            optional: false,
        }
    }

    /// Left out when every cell of the table is empty (fields a development-mode app lacks).
    pub(crate) fn optional(mut self) -> Column {
        self.optional = true;
        self
    }
}

/// A table whose rows are all known before it is printed: each column is as wide as its
/// widest cell, and the text columns shrink, in proportion to their weight, when that is
/// wider than the terminal.
#[derive(Debug)]
pub(crate) struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row (one cell per column; missing cells are empty).
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(clean).collect());
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The columns' headers (every column, shown or not).
    pub(crate) fn headers(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.header).collect()
    }

    /// Prints the header and the rows in `width` columns.
    pub(crate) fn print(&self, out: &mut dyn Write, width: usize) -> io::Result<()> {
        let shown: Vec<usize> = (0..self.columns.len())
            .filter(|&i| {
                !self.columns[i].optional
                    || self
                        .rows
                        .iter()
                        .any(|r| r.get(i).is_some_and(|c| !c.is_empty()))
            })
            .collect();
        let columns: Vec<Column> = shown.iter().map(|&i| self.columns[i].clone()).collect();
        let natural: Vec<usize> = shown
            .iter()
            .map(|&i| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| c.width())
                    .chain([self.columns[i].header.width()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let layout = Layout::fit(columns, &natural, width);
        layout.header(out)?;
        for row in &self.rows {
            let cells: Vec<&str> = shown
                .iter()
                .map(|&i| row.get(i).map_or("", String::as_str))
                .collect();
            layout.line(out, &cells)?;
        }
        Ok(())
    }
}

/// Column widths fixed up front, for rows printed as they arrive: the fixed columns get the
/// widths given, the text columns share the rest of the terminal by weight.
#[derive(Debug)]
pub(crate) struct Layout {
    columns: Vec<Column>,
    widths: Vec<usize>,
}

impl Layout {
    /// A layout for streamed rows: `fixed[i]` is the width of column `i` if it keeps its width
    /// (its header's width at least); text columns share what is left of `width`.
    pub(crate) fn streaming(columns: Vec<Column>, fixed: &[usize], width: usize) -> Layout {
        let natural: Vec<usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if c.weight == 0 {
                    fixed.get(i).copied().unwrap_or(0).max(c.header.width())
                } else {
                    // More than the whole width: the text columns share what is left.
                    width + 1
                }
            })
            .collect();
        Layout::fit(columns, &natural, width)
    }

    /// Widths for columns whose content would like `natural` widths, in `width` columns.
    fn fit(columns: Vec<Column>, natural: &[usize], width: usize) -> Layout {
        let mut widths = natural.to_vec();
        let gaps = GAP * columns.len().saturating_sub(1);
        let fixed: usize = columns
            .iter()
            .zip(natural)
            .filter(|(c, _)| c.weight == 0)
            .map(|(_, w)| w)
            .sum();
        let flexible: Vec<usize> = (0..columns.len())
            .filter(|&i| columns[i].weight > 0)
            .collect();
        let wanted: usize = flexible.iter().map(|&i| natural[i]).sum();
        let room = width.saturating_sub(gaps + fixed);
        if wanted > room {
            shrink(&columns, natural, &flexible, room, &mut widths);
        }
        Layout { columns, widths }
    }

    /// Prints the header line, in bold (which `main`'s output stream keeps only on a
    /// terminal, and never with `NO_COLOR`).
    pub(crate) fn header(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut line = Vec::new();
        self.line(&mut line, &self.headers())?;
        let line = String::from_utf8_lossy(&line);
        let bold = anstyle::Style::new().bold();
        writeln!(out, "{bold}{}{bold:#}", line.trim_end_matches('\n'))
    }

    /// The columns' headers.
    pub(crate) fn headers(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.header).collect()
    }

    /// Prints one row: each cell cut to its column's width and padded, the last one not
    /// padded (no trailing spaces).
    pub(crate) fn line(&self, out: &mut dyn Write, cells: &[&str]) -> io::Result<()> {
        let mut line = String::new();
        let last = self.columns.len().saturating_sub(1);
        for (i, (column, &width)) in self.columns.iter().zip(&self.widths).enumerate() {
            let cell = clean_ref(cells.get(i).copied().unwrap_or(""));
            let cell = fit(&cell, width);
            let pad = width.saturating_sub(cell.width());
            if i > 0 {
                line.push_str(&" ".repeat(GAP));
            }
            match column.align {
                Align::Left if i == last => line.push_str(&cell),
                Align::Left => {
                    line.push_str(&cell);
                    line.push_str(&" ".repeat(pad));
                }
                Align::Right => {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(&cell);
                }
            }
        }
        writeln!(out, "{}", line.trim_end())
    }
}

/// Shares `room` among the `flexible` columns, by weight, when their natural widths do not
/// fit: a column that needs less than its share keeps its natural width and gives the rest
/// back; none gets less than `MIN_FLEX` (or its natural width, if smaller), even if the
/// table then overflows a terminal too narrow for it.
fn shrink(
    columns: &[Column],
    natural: &[usize],
    flexible: &[usize],
    room: usize,
    widths: &mut [usize],
) {
    let floor = |i: usize| MIN_FLEX.min(natural[i]).max(1);
    let mut active: Vec<usize> = flexible.to_vec();
    let mut room = room;
    while !active.is_empty() {
        let total_weight: usize = active.iter().map(|&i| usize::from(columns[i].weight)).sum();
        // Integer shares by weight; what rounding leaves goes one column each, in order.
        let mut shares: Vec<usize> = active
            .iter()
            .map(|&i| room * usize::from(columns[i].weight) / total_weight)
            .collect();
        let mut left = room - shares.iter().sum::<usize>();
        for share in &mut shares {
            if left == 0 {
                break;
            }
            *share += 1;
            left -= 1;
        }
        let settle = |pick: &dyn Fn(usize, usize) -> Option<usize>| -> Vec<(usize, usize)> {
            active
                .iter()
                .zip(&shares)
                .filter_map(|(&i, &share)| pick(i, share).map(|w| (i, w)))
                .collect()
        };
        // First the columns that need less than their share, then those that would get less
        // than their floor; each settles at that width and the others share the rest.
        let mut settled = settle(&|i, share| (natural[i] <= share).then_some(natural[i]));
        if settled.is_empty() {
            settled = settle(&|i, share| (share < floor(i)).then_some(floor(i)));
        }
        if settled.is_empty() {
            for (&i, &share) in active.iter().zip(&shares) {
                widths[i] = share;
            }
            return;
        }
        for (i, width) in settled {
            widths[i] = width;
            room = room.saturating_sub(width);
            active.retain(|&a| a != i);
        }
    }
}

/// A cell as it may be printed: control characters (newlines, tabs, escape sequences that
/// would drive the terminal) become spaces.
fn clean(cell: String) -> String {
    if cell.chars().any(char::is_control) {
        clean_ref(&cell).into_owned()
    } else {
        cell
    }
}

fn clean_ref(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.chars().any(char::is_control) {
        cell.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        cell.into()
    }
}

/// `text` cut to at most `width` display columns, ending with an ellipsis if it was cut.
/// Never splits a character, nor a character from the combining marks that follow it.
pub(crate) fn fit(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if text.width() <= width {
        return text.into();
    }
    if width == 0 {
        return "".into();
    }
    let budget = width - 1; // room for the ellipsis
    // The longest prefix whose width fits, ending on a character boundary that does not
    // leave a combining mark (width 0) on the far side.
    let mut end = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if w == 0 {
            // A combining mark (or joiner) belongs to the character before it.
            if end == i && used <= budget && i > 0 {
                end = i + c.len_utf8();
            }
            continue;
        }
        if used + w > budget {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    let mut cut = text[..end].trim_end().to_owned();
    // A joiner or variation selector at the very end would merge with the ellipsis.
    while cut.ends_with(['\u{200d}', '\u{fe0f}', '\u{fe0e}']) {
        cut.pop();
    }
    // unicode-width counts some sequences (an emoji with VS16) wider than their characters:
    // trust the string's width and cut further if needed.
    while !cut.is_empty() && cut.width() > budget {
        cut.pop();
    }
    cut.push(ELLIPSIS);
    cut.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as a terminal shows it, without its bold header.
    fn render(table: &Table, width: usize) -> String {
        let mut out = Vec::new();
        table.print(&mut out, width).unwrap();
        let text = String::from_utf8(out).unwrap();
        let bold = "\u{1b}[1m";
        assert!(text.starts_with(bold), "{text:?}");
        anstream::adapter::strip_str(&text).to_string()
    }

    #[test]
    fn fit_cuts_by_display_width_with_an_ellipsis() {
        assert_eq!(fit("Surfin' Bird", 20), "Surfin' Bird");
        assert_eq!(fit("Surfin' Bird", 8), "Surfin'…");
        assert_eq!(fit("Surfin' Bird", 1), "…");
        assert_eq!(fit("Surfin' Bird", 0), "");
        // CJK: two columns each; a cut never leaves half a character.
        assert_eq!(fit("東京事変", 8), "東京事変");
        assert_eq!(fit("東京事変", 7), "東京事…");
        assert_eq!(fit("東京事変", 6), "東京…");
        assert_eq!(fit("東京事変", 6).width(), 5);
        // A combining accent stays with its letter.
        assert_eq!(fit("Beyonce\u{301} live", 8), "Beyonce\u{301}…");
        assert_eq!(fit("Beyonce\u{301} live", 8).width(), 8);
        // No space before the ellipsis.
        assert_eq!(fit("Beyonce\u{301} live", 9), "Beyonce\u{301}…");
        // Emoji are two columns wide.
        assert_eq!(fit("🎸🎸🎸", 5), "🎸🎸…");
    }

    #[test]
    fn fit_never_exceeds_the_width() {
        let samples = [
            "Beyoncé",
            "Beyonce\u{301}",
            "東京 🎵 Café",
            "❤\u{fe0f} love",
            "👩\u{200d}👩\u{200d}👧 family",
            "Sigur Rós – Ágætis byrjun",
            "",
        ];
        for text in samples {
            for width in 0..20 {
                let cut = fit(text, width);
                assert!(cut.width() <= width, "{text:?} at {width}: {cut:?}");
                if text.width() <= width {
                    assert_eq!(cut, text);
                } else if width > 0 {
                    assert!(cut.ends_with(ELLIPSIS), "{cut:?}");
                }
            }
        }
    }

    #[test]
    fn columns_align_on_display_width() {
        let mut table = Table::new(vec![
            Column::number("#"),
            Column::text("NAME", 1),
            Column::fixed("CODE"),
        ]);
        table.row(vec!["1".into(), "Café".into(), "a".into()]);
        table.row(vec!["2".into(), "東京".into(), "b".into()]);
        table.row(vec!["10".into(), "🎸 x".into(), "c".into()]);
        table.row(vec!["11".into(), "Beyonce\u{301}".into(), "d".into()]);
        let text = render(&table, 80);
        assert_eq!(
            text,
            " #  NAME     CODE\n\
             \x201  Café     a\n\
             \x202  東京     b\n\
             10  🎸 x     c\n\
             11  Beyonce\u{301}  d\n"
        );
        let columns: Vec<usize> = text
            .lines()
            .map(|l| l[..l.rfind(' ').unwrap()].width())
            .collect();
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{columns:?}");
    }

    #[test]
    fn text_columns_shrink_to_fit_by_weight_and_fixed_ones_do_not() {
        let mut table = Table::new(vec![
            Column::text("TITLE", 2),
            Column::text("ARTISTS", 1),
            Column::number("LENGTH"),
        ]);
        table.row(vec![
            "A very long title that goes on and on".into(),
            "Some Band, Another Band".into(),
            "12:34".into(),
        ]);
        table.row(vec!["Short".into(), "X".into(), "1:00".into()]);
        let text = render(&table, 40);
        insta::assert_snapshot!(text, @r"
        TITLE                 ARTISTS     LENGTH
        A very long title t…  Some Band…   12:34
        Short                 X             1:00
        ");
        assert!(text.lines().all(|l| l.width() <= 40));
    }

    #[test]
    fn a_column_that_needs_less_than_its_share_keeps_its_width() {
        let mut table = Table::new(vec![Column::text("A", 1), Column::text("B", 1)]);
        table.row(vec!["abc".into(), "x".repeat(60)]);
        let text = render(&table, 30);
        assert_eq!(
            text.lines().nth(1).unwrap(),
            format!("abc  {}…", "x".repeat(24))
        );
    }

    #[test]
    fn optional_columns_are_left_out_when_empty_and_control_characters_are_blanked() {
        let mut table = Table::new(vec![
            Column::text("NAME", 1),
            Column::number("FOLLOWERS").optional(),
        ]);
        table.row(vec!["line\nbreak\u{1b}[31m".into(), String::new()]);
        assert_eq!(render(&table, 80), "NAME\nline break [31m\n");
    }

    #[test]
    fn streaming_layout_shares_the_width_by_weight() {
        let layout = Layout::streaming(
            vec![
                Column::number("#"),
                Column::text("TITLE", 2),
                Column::text("ARTISTS", 1),
                Column::number("LENGTH"),
            ],
            &[5, 0, 0, 7],
            60,
        );
        assert_eq!(layout.widths, vec![5, 28, 14, 7]);
        let mut out = Vec::new();
        layout.header(&mut out).unwrap();
        out = anstream::adapter::strip_str(&String::from_utf8(out).unwrap())
            .to_string()
            .into_bytes();
        layout
            .line(
                &mut out,
                &["1", "東京 🎵 Café and a very long name", "Band", "3:01"],
            )
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "    #  TITLE                         ARTISTS          LENGTH\n\
             \x20   1  東京 🎵 Café and a very lon…  Band               3:01\n"
        );
    }
}
