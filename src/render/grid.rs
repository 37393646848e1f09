//! The boxed tables people read: cells collected row by row, then written a line at a time.
//!
//! comfy-table lays out a table that must fit a terminal's width (wrapping cells) or carries
//! colours. A table at its natural width without colours, which is what a pipe, a file or CI
//! gets, is written here directly in comfy-table's layout (its `UTF8_FULL_CONDENSED` preset
//! with rounded corners, cells padded by one space, columns as wide as their widest line):
//! byte for byte the same text, which a test holds against comfy-table itself, at a fraction of
//! the cost. A 100,000-row answer kept about a kilobyte of comfy-table's cell structures per
//! row; here the cells' text is kept in one buffer, with a dozen bytes a cell beside it, and
//! the table goes to its writer a line at a time rather than as one string.

use std::borrow::Cow;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Color, ContentArrangement};
use unicode_width::UnicodeWidthStr;

use super::Style;

/// One cell: its text (lines split at `\n`), borrowed from the answer where it is spelt there
/// or an owner word, and, when colours are on, its colour.
#[derive(Clone, Debug)]
pub(super) struct Cell<'a> {
    text: Cow<'a, str>,
    color: Option<Color>,
}

impl<'a> Cell<'a> {
    pub(super) fn new(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell {
            text: text.into(),
            color: None,
        }
    }

    pub(super) fn fg(mut self, color: Color) -> Cell<'a> {
        self.color = Some(color);
        self
    }
}

impl From<String> for Cell<'_> {
    fn from(text: String) -> Self {
        Cell::new(text)
    }
}

/// A table with a header, laid out when it is written.
///
/// The body's cells are kept as their text, one after the other in one buffer, and for each
/// cell its length, its width and its colour: about a dozen bytes a cell beyond its text,
/// where a cell of its own (a string, a list of its lines) would take several times that.
/// Columns are measured as rows come, so writing is one pass that slices the buffer.
pub(super) struct Table<'a> {
    style: Style,
    header: Vec<Cell<'a>>,
    text: String,
    cells: Vec<Stored>,
    /// For each row: how many cells, and how many lines its tallest cell has.
    rows: Vec<(u32, u32)>,
    /// Each column's width so far, at natural width: its widest line, one character at least.
    widths: Vec<usize>,
}

/// What a table keeps of one of its cells beside its text.
#[derive(Clone, Copy)]
struct Stored {
    len: u32,
    /// The widest line's columns, where the cell has one line (taller cells are measured
    /// again as they are written).
    width: u16,
    color: Option<Color>,
}

impl<'a> Table<'a> {
    pub(super) fn new(style: Style, header: impl IntoIterator<Item = Cell<'a>>) -> Table<'a> {
        let header: Vec<Cell<'a>> = header.into_iter().collect();
        let mut table = Table {
            style,
            header: Vec::new(),
            text: String::new(),
            cells: Vec::new(),
            rows: Vec::new(),
            widths: Vec::new(),
        };
        for (column, cell) in header.iter().enumerate() {
            table.measure(column, &cell.text);
        }
        table.header = header;
        table
    }

    /// Widens the columns for `text` in column `column`; its widest line and its lines.
    fn measure(&mut self, column: usize, text: &str) -> (usize, u32) {
        if self.widths.len() <= column {
            self.widths.resize(column + 1, 1);
        }
        let (mut widest, mut lines) = (0, 0u32);
        for line in text.split('\n') {
            widest = widest.max(width(line).min(usize::from(u16::MAX)));
            lines = lines.saturating_add(1);
        }
        self.widths[column] = self.widths[column].max(widest);
        (widest, lines)
    }

    pub(super) fn add_row<C: Into<Cell<'a>>>(&mut self, cells: impl IntoIterator<Item = C>) {
        let (mut count, mut height) = (0u32, 1u32);
        for (column, cell) in cells.into_iter().enumerate() {
            let cell: Cell<'a> = cell.into();
            let (widest, lines) = self.measure(column, &cell.text);
            self.text.push_str(&cell.text);
            self.cells.push(Stored {
                len: u32::try_from(cell.text.len()).unwrap_or(u32::MAX),
                width: u16::try_from(widest).unwrap_or(u16::MAX),
                color: cell.color,
            });
            count += 1;
            height = height.max(lines);
        }
        self.rows.push((count, height));
    }

    /// Calls `each` with every body row's height and cells (their text and what is kept of
    /// them), in order, until it fails.
    fn body<'s, E>(
        &'s self,
        mut each: impl FnMut(u32, &[(&'s str, Stored)]) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut cells = self.cells.iter();
        let mut at = 0;
        let mut row: Vec<(&'s str, Stored)> = Vec::new();
        for &(count, height) in &self.rows {
            row.clear();
            for &c in cells.by_ref().take(count as usize) {
                let end = (at + c.len as usize).min(self.text.len());
                row.push((self.text.get(at..end).unwrap_or(""), c));
                at = end;
            }
            each(height, &row)?;
        }
        Ok(())
    }

    /// The table as text, each line ending in a newline.
    pub(super) fn render(&self) -> String {
        let mut out = Vec::new();
        // Writing to memory does not fail.
        let _ = self.write(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the table, each line ending in a newline.
    pub(super) fn write(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if self.style.width.is_none() && !self.style.color {
            return self.natural(out);
        }
        let mut text = self.comfy().trim_fmt();
        text.push('\n');
        out.write_all(text.as_bytes())
    }

    /// The table as comfy-table lays it out for `style`.
    fn comfy(&self) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table.load_style(UTF8_FULL_CONDENSED.with_rounded_corners());
        // We decide about the terminal ourselves (see `Style`); comfy-table must not look again.
        table.force_no_tty();
        if self.style.color {
            table.enforce_styling();
        }
        match self.style.width {
            Some(width) => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
                table.set_width(width);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        let cell = |text: &str, color: Option<Color>| {
            let cell = comfy_table::Cell::new(text);
            match color {
                Some(color) => cell.fg(color),
                None => cell,
            }
        };
        table.set_header(self.header.iter().map(|c| cell(&c.text, c.color)));
        let _ = self.body(|_, row| {
            table.add_row(row.iter().map(|(text, c)| cell(text, c.color)));
            Ok::<(), ()>(())
        });
        table
    }

    /// comfy-table's layout at natural width, without colours, written a line at a time.
    fn natural(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let widths = &self.widths;
        let mut line = String::new();
        let rule = |line: &mut String, left: char, fill: char, join: char, right: char| {
            line.push(left);
            for (i, &w) in widths.iter().enumerate() {
                if i > 0 {
                    line.push(join);
                }
                line.extend(std::iter::repeat_n(fill, w + 2));
            }
            line.push(right);
            line.push('\n');
        };
        // A row of cells, each given with its width where it has one line.
        let row = |line: &mut String, height: u32, cells: &[(&str, Option<usize>)]| {
            if height == 1 {
                // One line, the usual case: each cell is written as it is, at the width measured.
                line.push('│');
                for (i, &w) in widths.iter().enumerate() {
                    if i > 0 {
                        line.push('┆');
                    }
                    let (text, lw) = match cells.get(i) {
                        Some(&(text, lw)) => (text, lw.unwrap_or_else(|| width(text))),
                        None => ("", 0),
                    };
                    line.push(' ');
                    line.push_str(text);
                    pad(line, w.saturating_sub(lw) + 1);
                }
                line.push_str("│\n");
                return;
            }
            let mut lines: Vec<std::str::Split<'_, char>> =
                cells.iter().map(|(text, _)| text.split('\n')).collect();
            // Every line ends in a border, so comfy-table's `trim_fmt` (which trims each line's
            // end) leaves them as they are written here.
            for _ in 0..height {
                line.push('│');
                for (i, &w) in widths.iter().enumerate() {
                    if i > 0 {
                        line.push('┆');
                    }
                    let text = lines.get_mut(i).and_then(Iterator::next).unwrap_or("");
                    line.push(' ');
                    line.push_str(text);
                    pad(line, w.saturating_sub(width(text)) + 1);
                }
                line.push('│');
                line.push('\n');
            }
        };
        rule(&mut line, '╭', '─', '┬', '╮');
        let header: Vec<(&str, Option<usize>)> =
            self.header.iter().map(|c| (&*c.text, None)).collect();
        let height = self
            .header
            .iter()
            .map(|c| c.text.split('\n').count())
            .max()
            .unwrap_or(1);
        row(
            &mut line,
            u32::try_from(height).unwrap_or(u32::MAX),
            &header,
        );
        rule(&mut line, '╞', '═', '╪', '╡');
        out.write_all(line.as_bytes())?;
        let mut cells: Vec<(&str, Option<usize>)> = Vec::new();
        self.body(|height, body| {
            line.clear();
            cells.clear();
            cells.extend(
                body.iter()
                    .map(|&(text, c)| (text, Some(usize::from(c.width)))),
            );
            row(&mut line, height, &cells);
            out.write_all(line.as_bytes())
        })?;
        line.clear();
        rule(&mut line, '╰', '─', '┴', '╯');
        out.write_all(line.as_bytes())
    }
}

/// `n` spaces, a slice at a time.
pub(super) fn pad(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// The columns `line` takes, as comfy-table measures it (unicode-width); printable ASCII, the
/// usual text, takes one column a byte without a table lookup.
///
/// A line with other characters (a part's `└`) is measured by unicode-width from the character
/// before its first non-ASCII one to its last non-ASCII one: the sequences unicode-width reads
/// as one (a combining mark, a keycap `#` + U+FE0F + U+20E3, an emoji ZWJ sequence) start
/// at most one character before a non-ASCII character and end on one, so the printable ASCII
/// around that stretch takes one column a byte.
fn width(line: &str) -> usize {
    if crate::sanitize::printable_ascii(line) {
        return line.len();
    }
    let printable = |b: &u8| (b' '..=b'~').contains(b);
    let bytes = line.as_bytes();
    // The first and the last byte that is not printable ASCII: one scan from each end, over
    // the printable ASCII there only.
    let first = bytes.iter().position(|b| !printable(b)).unwrap_or(0);
    let end = bytes.len() - bytes.iter().rev().take_while(|b| printable(b)).count();
    // An ASCII control there is measured with the whole line.
    match (
        bytes.get(first),
        end.checked_sub(1).and_then(|last| bytes.get(last)),
    ) {
        (Some(a), Some(z)) if !a.is_ascii() && !z.is_ascii() => {}
        _ => return line.width(),
    }
    // Every byte of a character beyond ASCII is beyond ASCII, so `first` starts a character
    // and `end` follows one; the byte before `first` is ASCII, a character of its own.
    let start = first.saturating_sub(1);
    match line.get(start..end) {
        Some(middle) => start + middle.width() + (bytes.len() - end),
        None => line.width(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(header: &[&str], rows: &[&[&str]]) -> (String, String) {
        let style = Style {
            color: false,
            width: None,
        };
        let mut table = Table::new(style, header.iter().map(|&h| Cell::new(h)));
        for row in rows {
            table.add_row(row.iter().map(|&c| Cell::new(c)));
        }
        let mut comfy = table.comfy().trim_fmt();
        comfy.push('\n');
        (table.render(), comfy)
    }

    #[test]
    fn natural_width_tables_are_laid_out_as_comfy_table_lays_them_out() {
        let cases: &[(&[&str], &[&[&str]])] = &[
            (
                &["Layer", "Owner"],
                &[&["os", "provider"], &["data", "customer"]],
            ),
            (&["A"], &[]),
            (&["", ""], &[&["", ""]]),
            // Lines of different heights, and a cell's empty last line.
            (
                &["Row", "Duties"],
                &[&["a\nb\nc", "x"], &["", "one\ntwo\n"], &["z", ""]],
            ),
            // Wide and combining characters, and box-drawing text inside cells.
            (
                &["名前", "note"],
                &[
                    &["データ", "e\u{301}te\u{301}"],
                    &["└ part (id)", "☐ do it\n☐ then"],
                ],
            ),
            // Rows shorter and longer than the header.
            (&["a", "b", "c"], &[&["1"], &["1", "2", "3", "4"]]),
            // Blanks at a cell's end, in the last column and before it.
            (&["x ", "y"], &[&["a  ", "b  "], &["  ", "   "]]),
            // Padding longer than one slice of spaces.
            (
                &["h", "w"],
                &[
                    &["x", "y"],
                    &[
                        "a cell of well over sixty-four characters, so that the others pad past one slice",
                        "z",
                    ],
                ],
            ),
        ];
        for (header, rows) in cases {
            let (natural, comfy) = both(header, rows);
            assert_eq!(natural, comfy, "{header:?} {rows:?}");
        }
    }

    #[test]
    fn printable_ascii_is_measured_as_unicode_width_measures_it() {
        let ascii: String = (b' '..=b'~').map(char::from).collect();
        assert_eq!(width(&ascii), ascii.width());
        for s in [
            "",
            "plain",
            "é",
            "データ",
            "☐ do it",
            "e\u{301}",
            "  └ Generated row 1 (r1)",
            "a\u{301}bc and more",
            "key #\u{fe0f}\u{20e3} cap",
            "#\u{fe0f}\u{20e3}",
            "x \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} family",
            "\u{1f44d}\u{1f3fd} ok",
            "ok \u{2764}\u{fe0f}",
            "tab\tand é",
            "لا and لا",
            "mixed データ and ascii",
        ] {
            assert_eq!(width(s), s.width(), "{s:?}");
        }
    }

    #[test]
    fn text_around_other_characters_is_measured_as_unicode_width_measures_it() {
        // Every string of up to four of these pieces: marks and joiners next to ASCII and to
        // other characters, at either end and between.
        let pieces = [
            "a",
            "#",
            "1",
            " ",
            "\u{7f}",
            "é",
            "\u{301}",
            "\u{fe0f}",
            "\u{20e3}",
            "\u{200d}",
            "\u{1f468}",
            "\u{1f3fd}",
            "ل",
            "ا",
            "デ",
            "└",
        ];
        let n = pieces.len();
        for k in 0..n * n * n * n {
            let s: String = [k % n, k / n % n, k / n / n % n, k / n / n / n]
                .iter()
                .map(|&i| pieces[i])
                .collect();
            assert_eq!(width(&s), s.width(), "{s:?}");
        }
    }

    #[test]
    fn a_table_with_colours_or_a_width_is_comfy_tables() {
        let style = Style {
            color: false,
            width: Some(20),
        };
        let mut table = Table::new(style, [Cell::new("Layer"), Cell::new("Note")]);
        table.add_row(vec![Cell::new("os"), Cell::new("a long note that wraps")]);
        let mut comfy = table.comfy().trim_fmt();
        comfy.push('\n');
        assert_eq!(table.render(), comfy);
        assert!(table.render().lines().all(|l| l.width() <= 20));
    }
}
