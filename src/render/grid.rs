//! The boxed tables people read: cells measured, then written a line at a time.
//!
//! comfy-table lays out a table that must fit a terminal's width (wrapping cells) or carries
//! colours. A table at its natural width without colours, which is what a pipe, a file or CI
//! gets, is written here directly in comfy-table's layout (its `UTF8_FULL_CONDENSED` preset
//! with rounded corners, cells padded by one space, columns as wide as their widest line):
//! byte for byte the same text, which a test holds against comfy-table itself, at a fraction of
//! the cost. A 100,000-row answer kept about a kilobyte of comfy-table's cell structures per
//! row. A [`Table`] keeps its cells' text in one buffer, with a dozen bytes a cell beside it;
//! [`stream`], which the long answers use, asks for the rows twice, to measure and then to
//! write, and keeps two bytes a cell and one a row. Either goes to its writer a line at a time
//! rather than as one string.

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

impl Cell<'_> {
    /// The cell's widest line and its lines, as [`put`] measures them once the cell is written,
    /// and whether it is written as it is (not cut): a cell of printable ASCII pieces (or
    /// srm's marks) short enough not to be cut is measured piece by piece without being
    /// copied; any other is written into `scratch` first (and said to be cut).
    fn measure(&self, scratch: &mut String) -> (usize, u32, bool) {
        let quick = match &self.content {
            Content::Text(text) => {
                let (widest, lines) = measure(text);
                return (widest, lines, true);
            }
            Content::Joined(pieces) => pieces
                .iter()
                .try_fold((0, 0), |(len, columns), p| {
                    Some((len + p.len(), columns + plain(p)?))
                })
                .map(|(len, columns)| (len, columns, 1)),
            Content::Bullets(mark, items) => plain(mark).and_then(|m| {
                // Each line is the mark, a space and the item; lines are joined by a newline.
                let lines = items.len();
                items
                    .iter()
                    .try_fold((lines.saturating_sub(1), 0), |(len, widest), item| {
                        let line = m + 1 + plain(item)?;
                        Some((len + mark.len() + 1 + item.len(), widest.max(line)))
                    })
                    .and_then(|(len, widest)| {
                        Some((len, widest, u32::try_from(lines.max(1)).ok()?))
                    })
            }),
        };
        match quick {
            Some((len, columns, lines)) if len <= MAX_CELL => (columns, lines, true),
            _ => {
                scratch.clear();
                let (_, (widest, lines)) = put(scratch, self);
                (widest, lines, false)
            }
        }
    }
}

/// The columns of `text` where it is printable ASCII or srm's marks (one line, measured
/// without unicode-width); `None` otherwise.
fn plain(text: &str) -> Option<usize> {
    if crate::sanitize::printable_ascii(text) {
        Some(text.len())
    } else {
        ascii_and_marks(text)
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
            widen(&mut table.widths, column, measure(&text).0);
            table.header.push((text, cell.color));
        }
        table
    }

    /// Adds a body row. Its cells' text is copied into the table, so they need only live
    /// for the call.
    pub(super) fn add_row<'c, C: Into<Cell<'c>>>(&mut self, cells: impl IntoIterator<Item = C>) {
        let (mut count, mut height) = (0u32, 1u32);
        for (column, cell) in cells.into_iter().enumerate() {
            let (stored, (widest, lines)) = put(&mut self.text, &cell.into());
            widen(&mut self.widths, column, widest);
            self.cells.push(stored);
            count += 1;
            height = height.max(lines);
        }
        self.rows.push((count, height));
    }

    /// Calls `each` with every body row's height, its text and what is kept of its cells, in
    /// order, until it fails.
    fn body<E>(
        &self,
        mut each: impl FnMut(u32, &str, &[Stored]) -> Result<(), E>,
    ) -> Result<(), E> {
        let (mut at, mut first) = (0, 0);
        for &(count, height) in &self.rows {
            let cells = self.cells.get(first..).unwrap_or(&[]);
            let cells = cells.get(..count as usize).unwrap_or(cells);
            first += cells.len();
            let len: usize = cells.iter().map(|c| c.len as usize).sum();
            let end = (at + len).min(self.text.len());
            each(height, self.text.get(at..end).unwrap_or(""), cells)?;
            at = end;
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
        let _ = self.body(|_, text, cells| {
            table.add_row(split(text, cells).map(|(text, c)| cell(text, c.color)));
            Ok::<(), ()>(())
        });
        table
    }

    /// comfy-table's layout at natural width, without colours.
    fn natural(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut lines = Lines::new(&self.widths, out);
        lines.head(&self.header);
        self.body(|height, text, cells| {
            lines.row(
                height,
                &mut split(text, cells).map(|(text, c)| (text, Some(usize::from(c.width)))),
            );
            lines.flush(false)
        })?;
        lines.foot()
    }
}

/// Writes `rows` as a table with `header`'s cells, asking for them as it needs them: at
/// natural width without colours (a pipe, a file, CI), twice, once to measure the columns and
/// once to write a line at a time, so that what is kept is two bytes a cell (and one a row)
/// rather than its text; otherwise once, into a [`Table`] for comfy-table to lay out.
///
/// `rows` calls the function it is given with each body row's cells, in order, and gives the
/// same rows each time it is called.
pub(super) fn stream<'h>(
    style: Style,
    header: impl IntoIterator<Item = Cell<'h>>,
    rows: impl Fn(Row<'_>),
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut table = Table::new(style, header);
    if style.width.is_some() || style.color {
        rows(&mut |cells| table.add_row(cells));
        return table.write(out);
    }
    // Whether each row is one line of cells written as they are (none cut), and the columns
    // of the cells of such rows.
    let (mut scratch, mut columns, mut direct) = (String::new(), Vec::<u16>::new(), Vec::new());
    rows(&mut |cells| {
        let (start, mut all) = (columns.len(), true);
        for (column, cell) in cells.enumerate() {
            let (widest, lines, as_is) = cell.measure(&mut scratch);
            widen(&mut table.widths, column, widest);
            match u16::try_from(widest) {
                Ok(w) if as_is && lines == 1 => columns.push(w),
                _ => all = false,
            }
        }
        if !all {
            columns.truncate(start);
        }
        direct.push(all);
    });
    let mut lines = Lines::new(&table.widths, out);
    lines.head(&table.header);
    let (mut text, mut stored) = (scratch, Vec::new());
    let (mut direct, mut at, mut failed) = (direct.into_iter(), 0, None);
    rows(&mut |cells| {
        if failed.is_some() {
            return;
        }
        if direct.next().unwrap_or(false) {
            at += lines.direct(cells, columns.get(at..).unwrap_or(&[]));
        } else {
            // A row with a tall cell or one to cut is written as a table keeps it.
            text.clear();
            stored.clear();
            let mut height = 1;
            for cell in cells {
                let (s, (_, n)) = put(&mut text, &cell);
                stored.push(s);
                height = height.max(n);
            }
            lines.row(
                height,
                &mut split(&text, &stored).map(|(text, c)| (text, Some(usize::from(c.width)))),
            );
        }
        if let Err(e) = lines.flush(false) {
            failed = Some(e);
        }
    });
    match failed {
        Some(e) => Err(e),
        None => lines.foot(),
    }
}

/// What [`stream`]'s rows are given: a function to call with each row's cells.
pub(super) type Row<'r> = &'r mut dyn FnMut(&mut dyn Iterator<Item = Cell<'_>>);

/// A row's cells: each one's text, sliced in order from the row's `text`, and what is kept of it.
fn split<'s>(text: &'s str, cells: &'s [Stored]) -> impl Iterator<Item = (&'s str, Stored)> {
    let mut at = 0;
    cells.iter().map(move |&c| {
        let end = (at + c.len as usize).min(text.len());
        let cell = text.get(at..end).unwrap_or("");
        at = end;
        (cell, c)
    })
}

/// Writes `cell` at the end of `text`, cut at [`MAX_CELL`] characters where it is made of
/// pieces; what a table keeps of it, and its widest line and its lines.
fn put(text: &mut String, cell: &Cell) -> (Stored, (usize, u32)) {
    let start = text.len();
    cell.write_to(text);
    if !matches!(cell.content, Content::Text(_))
        && let Some(shown) = text.get(start..).and_then(cut)
    {
        text.truncate(start);
        text.push_str(&shown);
    }
    let written = text.get(start..).unwrap_or("");
    let (widest, lines) = measure(written);
    let stored = Stored {
        len: u32::try_from(written.len()).unwrap_or(u32::MAX),
        width: u16::try_from(widest).unwrap_or(u16::MAX),
        color: cell.color,
    };
    (stored, (widest, lines))
}

/// comfy-table's layout at natural width, without colours, for columns of `widths`, written to
/// `out` in pieces of about [`CHUNK`] bytes (a line at a time into a buffer of that size).
struct Lines<'w> {
    widths: &'w [usize],
    line: String,
    out: &'w mut dyn std::io::Write,
}

impl<'w> Lines<'w> {
    fn new(widths: &'w [usize], out: &'w mut dyn std::io::Write) -> Lines<'w> {
        Lines {
            widths,
            line: String::with_capacity(CHUNK + 1024),
            out,
        }
    }

    /// The top rule, the header's cells and the rule under them.
    fn head(&mut self, header: &[(Cow<'_, str>, Option<Color>)]) {
        self.rule('╭', '─', '┬', '╮');
        let height = header
            .iter()
            .map(|(text, _)| text.split('\n').count())
            .max()
            .unwrap_or(1);
        self.row(
            u32::try_from(height).unwrap_or(u32::MAX),
            &mut header.iter().map(|(text, _)| (&**text, None)),
        );
        self.rule('╞', '═', '╪', '╡');
    }

    /// The bottom rule, and everything not yet written.
    fn foot(mut self) -> std::io::Result<()> {
        self.rule('╰', '─', '┴', '╯');
        self.flush(true)
    }

    /// Passes the lines on once they fill a chunk, or all of them.
    fn flush(&mut self, all: bool) -> std::io::Result<()> {
        if all || self.line.len() >= CHUNK {
            self.out.write_all(self.line.as_bytes())?;
            self.line.clear();
        }
        Ok(())
    }

    fn rule(&mut self, left: char, fill: char, join: char, right: char) {
        let line = &mut self.line;
        line.push(left);
        for (i, &w) in self.widths.iter().enumerate() {
            if i > 0 {
                line.push(join);
            }
            line.extend(std::iter::repeat_n(fill, w + 2));
        }
        line.push(right);
        line.push('\n');
    }

    /// A row of one line, each cell written as it is, its columns the first of `columns`;
    /// how many cells it had.
    fn direct(&mut self, cells: &mut dyn Iterator<Item = Cell<'_>>, columns: &[u16]) -> usize {
        let line = &mut self.line;
        if self.widths.is_empty() {
            line.push_str("││\n");
            return cells.count();
        }
        // `│ cell ┆ cell │`: each cell after its border and a space, padded to its column,
        // then a space.
        let (mut border, mut count) = ("│ ", 0);
        for &w in self.widths {
            line.push_str(border);
            border = " ┆ ";
            let shown = match cells.next() {
                Some(cell) => {
                    cell.write_to(line);
                    count += 1;
                    columns.get(count - 1).map_or(0, |&c| usize::from(c))
                }
                None => 0,
            };
            pad(line, w.saturating_sub(shown));
        }
        line.push_str(" │\n");
        // Every row's cells have a column each (the columns grow to the widest row).
        count + cells.count()
    }

    /// A row of `height` lines: its cells' text, and their width where it has one line.
    fn row(&mut self, height: u32, cells: &mut dyn Iterator<Item = (&str, Option<usize>)>) {
        let (widths, line) = (self.widths, &mut self.line);
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
    }
}

/// How much of a table is written at a time: a writer's buffer of this size or less (the
/// output's is 64 KiB) passes it on without copying it.
const CHUNK: usize = 64 << 10;

/// Widens `widths[column]` to `widest` columns, a column of one at least.
fn widen(widths: &mut Vec<usize>, column: usize, widest: usize) {
    if widths.len() <= column {
        widths.resize(column + 1, 1);
    }
    if let Some(w) = widths.get_mut(column) {
        *w = (*w).max(widest);
    }
}

/// The widest line of `text`, in columns (at most `u16::MAX`), and its lines.
fn measure(text: &str) -> (usize, u32) {
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
    (widest.min(usize::from(u16::MAX)), lines)
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
    fn a_streamed_table_is_the_table_of_its_rows() {
        let long = "é".repeat(MAX_CELL);
        let longer = "x".repeat(MAX_CELL + 7);
        let pieces: [&[&str]; 6] = [
            &["name", " (", "id", ")"],
            &[],
            &["  └ ", "part", " (", "p", ")"],
            &[&long, "ab"],
            &["  └ ", &longer],
            &["データ", " ", "e\u{301}"],
        ];
        let items: [&[&str]; 6] = [
            &["one", "two"],
            &[],
            &["only"],
            &[&long],
            &[&longer, "and more"],
            &["☐ データ", "x\ny"],
        ];
        let texts = ["provider", "", "→ toward provider", "a\nb\nc", "名前", "x"];
        // Every row of the cases, in one table, then each alone, at each style.
        let all: Vec<usize> = (0..pieces.len()).collect();
        let mut sets: Vec<Vec<usize>> = all.iter().map(|&i| vec![i]).collect();
        sets.push(all);
        sets.push(Vec::new());
        for width in [None, Some(40)] {
            for color in [false, true] {
                let style = Style { color, width };
                for set in &sets {
                    let header = || [Cell::new("A"), Cell::new("B"), Cell::new("C")];
                    let cells = |i: usize| {
                        let text = Cell::new(texts[i]);
                        let text = if color { text.fg(Color::Red) } else { text };
                        [Cell::joined(pieces[i]), Cell::bullets("☐", items[i]), text]
                    };
                    let mut table = Table::new(style, header());
                    for &i in set {
                        table.add_row(cells(i));
                        // A shorter row.
                        table.add_row([Cell::new(texts[i])]);
                    }
                    let mut streamed = Vec::new();
                    let rows = |each: Row| {
                        for &i in set {
                            each(&mut cells(i).into_iter());
                            each(&mut std::iter::once(Cell::new(texts[i])));
                        }
                    };
                    stream(style, header(), rows, &mut streamed).unwrap_or_default();
                    let streamed = String::from_utf8(streamed).unwrap_or_default();
                    assert_eq!(streamed, table.render(), "{style:?} {set:?}");
                }
            }
        }
    }

    #[test]
    fn a_cell_is_measured_as_it_is_written() {
        let long = "é".repeat(MAX_CELL);
        let (joined, listed) = ([long.as_str(), "z"], [long.as_str()]);
        let cells = [
            Cell::joined(&["a", " (", "b", ")"]),
            Cell::joined(&["  └ ", "デ", "x"]),
            Cell::joined(&["a\nbc"]),
            Cell::joined(&joined),
            Cell::joined(&[]),
            Cell::bullets("☐", &["one", "three"]),
            Cell::bullets("•", &[]),
            Cell::bullets("☐", &["e\u{301}", "x"]),
            Cell::bullets("*", &listed),
            Cell::new("→ toward provider"),
            Cell::new("a\nbb\n"),
        ];
        for cell in &cells {
            let mut text = String::new();
            let (_, (widest, lines)) = put(&mut text, cell);
            let (w, l, as_is) = cell.measure(&mut String::new());
            assert_eq!((w, l), (widest, lines), "{cell:?}");
            // A cell said to be written as it is is written so.
            let mut plain = String::new();
            cell.write_to(&mut plain);
            assert!(!as_is || plain == text, "{cell:?}");
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
