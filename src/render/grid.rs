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
/// or an owner word, or the pieces it is made of, and, when colours are on, its colour.
#[derive(Clone, Debug)]
pub(super) struct Cell<'a> {
    content: Content<'a>,
    color: Option<Color>,
}

/// What a cell's text is made of.
#[derive(Clone, Debug)]
enum Content<'a> {
    /// The text itself.
    Text(Cow<'a, str>),
    /// Pieces one after the other (`name (id)`), written straight into the table's text, cut
    /// at [`MAX_CELL`] characters there.
    Joined(&'a [&'a str]),
    /// Items a line each after a mark and a space (`☐ duty`), written and cut the same way.
    Bullets(&'a str, &'a [&'a str]),
}

/// Most characters a table cell shows; the rest is cut, and the cell says how much ([`cut`],
/// which `table::text_cell` applies to a whole text and the table to a cell of pieces).
pub(super) const MAX_CELL: usize = 2_000;

impl<'a> Cell<'a> {
    pub(super) fn new(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell {
            content: Content::Text(text.into()),
            color: None,
        }
    }

    /// A cell of `pieces` one after the other.
    pub(super) fn joined(pieces: &'a [&'a str]) -> Cell<'a> {
        Cell {
            content: Content::Joined(pieces),
            color: None,
        }
    }

    /// A cell of `items`, a line each, each after `mark` and a space.
    pub(super) fn bullets(mark: &'a str, items: &'a [&'a str]) -> Cell<'a> {
        Cell {
            content: Content::Bullets(mark, items),
            color: None,
        }
    }

    pub(super) fn fg(mut self, color: Color) -> Cell<'a> {
        self.color = Some(color);
        self
    }

    /// Appends the cell's text to `out`.
    fn write_to(&self, out: &mut String) {
        match &self.content {
            Content::Text(text) => out.push_str(text),
            Content::Joined(pieces) => {
                for p in *pieces {
                    out.push_str(p);
                }
            }
            Content::Bullets(mark, items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str(mark);
                    out.push(' ');
                    out.push_str(item);
                }
            }
        }
    }
}

impl From<String> for Cell<'_> {
    fn from(text: String) -> Self {
        Cell::new(text)
    }
}

/// `text` cut at [`MAX_CELL`] characters, saying how many more it has: `None` when it has
/// no more than that.
pub(super) fn cut(text: &str) -> Option<String> {
    // A text of at most MAX_CELL bytes has at most MAX_CELL characters.
    if text.len() <= MAX_CELL {
        return None;
    }
    let (end, _) = text.char_indices().nth(MAX_CELL)?;
    let rest = text[end..].chars().count();
    Some(format!(
        "{}… ({rest} more characters; --json shows them)",
        &text[..end]
    ))
}

/// A table with a header, laid out when it is written.
///
/// The body's cells are kept as their text, one after the other in one buffer, and for each
/// cell its length, its width and its colour: about a dozen bytes a cell beyond its text,
/// where a cell of its own (a string, a list of its lines) would take several times that.
/// Columns are measured as rows come, so writing is one pass that slices the buffer.
pub(super) struct Table<'a> {
    style: Style,
    header: Vec<(Cow<'a, str>, Option<Color>)>,
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
    /// A table with `header`'s cells (a header cell of pieces is joined, and not cut).
    pub(super) fn new(style: Style, header: impl IntoIterator<Item = Cell<'a>>) -> Table<'a> {
        let mut table = Table {
            style,
            header: Vec::new(),
            text: String::new(),
            cells: Vec::new(),
            rows: Vec::new(),
            widths: Vec::new(),
        };
        for (column, cell) in header.into_iter().enumerate() {
            let text = match cell.content {
                Content::Text(text) => text,
                _ => {
                    let mut text = String::new();
                    cell.write_to(&mut text);
                    Cow::Owned(text)
                }
            };
            measure(&mut table.widths, column, &text);
            table.header.push((text, cell.color));
        }
        table
    }

    /// Adds a body row. Its cells' text is copied into the table, so they need only live
    /// for the call.
    pub(super) fn add_row<'c, C: Into<Cell<'c>>>(&mut self, cells: impl IntoIterator<Item = C>) {
        let (mut count, mut height) = (0u32, 1u32);
        for (column, cell) in cells.into_iter().enumerate() {
            let cell: Cell<'c> = cell.into();
            let start = self.text.len();
            cell.write_to(&mut self.text);
            if !matches!(cell.content, Content::Text(_))
                && let Some(shown) = self.text.get(start..).and_then(cut)
            {
                self.text.truncate(start);
                self.text.push_str(&shown);
            }
            let written = self.text.get(start..).unwrap_or("");
            let (widest, lines) = measure(&mut self.widths, column, written);
            self.cells.push(Stored {
                len: u32::try_from(written.len()).unwrap_or(u32::MAX),
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
        table.set_header(self.header.iter().map(|(text, color)| cell(text, *color)));
        let _ = self.body(|_, row| {
            table.add_row(row.iter().map(|(text, c)| cell(text, c.color)));
            Ok::<(), ()>(())
        });
        table
    }

    /// comfy-table's layout at natural width, without colours, written to `out` in pieces of
    /// about [`CHUNK`] bytes (a line at a time into a buffer of that size).
    fn natural(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let widths = &self.widths;
        let mut line = String::with_capacity(CHUNK + 1024);
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
        // A row of cells: their text, and their width where it has one line.
        let row = |line: &mut String,
                   height: u32,
                   cells: &mut dyn Iterator<Item = (&str, Option<usize>)>| {
            if height == 1 {
                // One line, the usual case: each cell is written as it is, at the width measured.
                line.push('│');
                for (i, &w) in widths.iter().enumerate() {
                    if i > 0 {
                        line.push('┆');
                    }
                    let (text, lw) = match cells.next() {
                        Some((text, lw)) => (text, lw.unwrap_or_else(|| width(text))),
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
                cells.map(|(text, _)| text.split('\n')).collect();
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
        let height = self
            .header
            .iter()
            .map(|(text, _)| text.split('\n').count())
            .max()
            .unwrap_or(1);
        row(
            &mut line,
            u32::try_from(height).unwrap_or(u32::MAX),
            &mut self.header.iter().map(|(text, _)| (&**text, None)),
        );
        rule(&mut line, '╞', '═', '╪', '╡');
        self.body(|height, body| {
            row(
                &mut line,
                height,
                &mut body
                    .iter()
                    .map(|&(text, c)| (text, Some(usize::from(c.width)))),
            );
            if line.len() >= CHUNK {
                out.write_all(line.as_bytes())?;
                line.clear();
            }
            Ok::<(), std::io::Error>(())
        })?;
        rule(&mut line, '╰', '─', '┴', '╯');
        out.write_all(line.as_bytes())
    }
}

/// How much of a table is written at a time: a writer's buffer of this size or less (the
/// output's is 64 KiB) passes it on without copying it.
const CHUNK: usize = 64 << 10;

/// Widens `widths[column]` for `text`; its widest line and its lines.
fn measure(widths: &mut Vec<usize>, column: usize, text: &str) -> (usize, u32) {
    if widths.len() <= column {
        widths.resize(column + 1, 1);
    }
    let (widest, lines) = if crate::sanitize::printable_ascii(text) {
        // No line break, and a column a byte.
        (text.len(), 1)
    } else if let Some(columns) = ascii_and_marks(text) {
        // No line break either (a line break is neither), and a column a character.
        (columns, 1)
    } else {
        let (mut widest, mut lines) = (0, 0u32);
        for line in text.split('\n') {
            widest = widest.max(width(line));
            lines = lines.saturating_add(1);
        }
        (widest, lines)
    };
    let widest = widest.min(usize::from(u16::MAX));
    widths[column] = widths[column].max(widest);
    (widest, lines)
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
    if let Some(columns) = ascii_and_marks(line) {
        return columns;
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

/// The columns of a line of printable ASCII and of the marks srm's own tables put around
/// catalogue text (box drawing U+2500 to U+257F, a part's `└`; `☐`, `•`, `›`, `…` and the
/// arrows `←`, `→`, `↔`), one each: none of them joins a sequence unicode-width reads as one,
/// nor takes two columns. `None` for a line with any other character.
fn ascii_and_marks(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let (mut at, mut columns) = (0, 0);
    while let Some(&b) = bytes.get(at) {
        if (b' '..=b'~').contains(&b) {
            at += 1;
        } else {
            // Each is three bytes, E2 then two that tell them apart.
            match (b, bytes.get(at + 1), bytes.get(at + 2)) {
                (0xE2, Some(0x94 | 0x95), _)
                | (0xE2, Some(0x98), Some(0x90))
                | (0xE2, Some(0x80), Some(0xA2 | 0xA6 | 0xBA))
                | (0xE2, Some(0x86), Some(0x90 | 0x92 | 0x94)) => at += 3,
                _ => return None,
            }
        }
        columns += 1;
    }
    Some(columns)
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
            "╭─┬╮ │┆│ ╞═╪╡ ╰─┴╯ \u{2500}\u{257f}",
            "└\u{301} and └\u{fe0f}",
            "☐ a • b › c … d ← e → f ↔ g",
            "☐\u{fe0f} •\u{20e3} ›\u{301}",
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
            "☐",
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
    fn a_cell_of_pieces_is_the_cell_of_their_text_cut_as_a_whole_text_is() {
        let style = Style {
            color: false,
            width: None,
        };
        let long = "é".repeat(MAX_CELL);
        let longer = "x".repeat(MAX_CELL + 7);
        let cases: [(&[&str], &[&str]); 4] = [
            (&["name", " (", "id", ")"], &["one", "two"]),
            (&[], &[]),
            (&[&long, "ab"], &[&long]),
            (&["  └ ", &longer], &[&longer, "and more"]),
        ];
        for (pieces, items) in cases {
            let mut made = Table::new(style, [Cell::new("A"), Cell::new("B")]);
            made.add_row([Cell::joined(pieces), Cell::bullets("☐", items)]);
            let joined = pieces.concat();
            let bullets: Vec<String> = items.iter().map(|i| format!("☐ {i}")).collect();
            let whole = |text: String| Cell::new(cut(&text).unwrap_or(text));
            let mut expected = Table::new(style, [Cell::new("A"), Cell::new("B")]);
            expected.add_row([whole(joined), whole(bullets.join("\n"))]);
            assert_eq!(made.render(), expected.render(), "{pieces:?} {items:?}");
        }
        assert_eq!(cut(&"é".repeat(MAX_CELL)), None);
        let shown = cut(&longer).unwrap_or_default();
        assert!(
            shown.ends_with("x… (7 more characters; --json shows them)"),
            "{shown}"
        );
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
