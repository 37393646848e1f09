//! The boxed tables people read: cells collected row by row, then laid out once.
//!
//! comfy-table lays out a table that must fit a terminal's width (wrapping cells) or carries
//! colours. A table at its natural width without colours, which is what a pipe, a file or CI
//! gets, is written here directly in comfy-table's layout (its `UTF8_FULL_CONDENSED` preset
//! with rounded corners, cells padded by one space, columns as wide as their widest line):
//! byte for byte the same text, which a test holds against comfy-table itself, at a fraction of
//! the cost. A 100,000-row answer kept about a kilobyte of comfy-table's cell structures per
//! row; here a cell is its text.

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

/// A table with a header, laid out when it is rendered.
pub(super) struct Table<'a> {
    style: Style,
    header: Vec<Cell<'a>>,
    rows: Vec<Vec<Cell<'a>>>,
}

impl<'a> Table<'a> {
    pub(super) fn new(style: Style, header: impl IntoIterator<Item = Cell<'a>>) -> Table<'a> {
        Table {
            style,
            header: header.into_iter().collect(),
            rows: Vec::new(),
        }
    }

    pub(super) fn add_row<C: Into<Cell<'a>>>(&mut self, cells: impl IntoIterator<Item = C>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// The table as text, each line ending in a newline.
    pub(super) fn render(&self) -> String {
        if self.style.width.is_none() && !self.style.color {
            return self.natural();
        }
        let mut out = self.comfy().trim_fmt();
        out.push('\n');
        out
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
        let cell = |c: &Cell| {
            let cell = comfy_table::Cell::new(&*c.text);
            match c.color {
                Some(color) => cell.fg(color),
                None => cell,
            }
        };
        table.set_header(self.header.iter().map(cell));
        for row in &self.rows {
            table.add_row(row.iter().map(cell));
        }
        table
    }

    /// comfy-table's layout at natural width, without colours, written in one pass over the
    /// cells after one pass to measure them.
    fn natural(&self) -> String {
        let all = || std::iter::once(&self.header).chain(&self.rows);
        let columns = all().map(Vec::len).max().unwrap_or(0);
        // Each column as wide as its widest line, one character at least. The cells of a row
        // of one line are measured once, and their widths kept for writing them; a row of
        // several lines is measured again as it is written.
        let mut widths = vec![1usize; columns];
        let mut measured: Vec<usize> = Vec::with_capacity((self.rows.len() + 1) * columns);
        // Each row's height in lines, the header's first.
        let mut heights: Vec<usize> = Vec::with_capacity(self.rows.len() + 1);
        // Bytes a line's text takes beyond its columns (a character of several bytes).
        let mut extra = 0;
        for row in all() {
            let mut height = 1;
            for (w, cell) in widths.iter_mut().zip(row) {
                let mut cw = 0;
                let mut h = 0;
                for line in cell.text.split('\n') {
                    cw = width(line).min(usize::from(u16::MAX));
                    *w = (*w).max(cw);
                    h += 1;
                }
                height = height.max(h);
                extra += cell.text.len().saturating_sub(cw);
                measured.push(cw);
            }
            heights.push(height);
        }
        let lines: usize = heights.iter().sum();
        // A line of cells is as long as the widths and their padding, its borders (3 bytes
        // each) and what its text takes beyond its columns; a rule is 3 bytes a column too:
        // reserved once rather than grown by copying.
        let inner: usize = widths.iter().map(|w| w + 2).sum();
        let borders = 3 * (columns + 1) + 1;
        let capacity = (inner + borders)
            .saturating_mul(lines)
            .saturating_add(extra)
            .saturating_add((3 * inner + borders).saturating_mul(3));
        let mut out = String::with_capacity(capacity);
        let mut offset = 0;
        let rule = |out: &mut String, left: char, fill: char, join: char, right: char| {
            out.push(left);
            for (i, &w) in widths.iter().enumerate() {
                if i > 0 {
                    out.push(join);
                }
                out.extend(std::iter::repeat_n(fill, w + 2));
            }
            out.push(right);
            out.push('\n');
        };
        let mut row = |out: &mut String, r: usize, cells: &[Cell]| {
            let known = &measured[offset..offset + cells.len().min(columns)];
            offset += known.len();
            if heights[r] == 1 {
                // One line, the usual case: each cell is written as it is, at the width measured.
                out.push('│');
                for (i, &w) in widths.iter().enumerate() {
                    if i > 0 {
                        out.push('┆');
                    }
                    let (line, lw) = match (cells.get(i), known.get(i)) {
                        (Some(c), Some(&lw)) => (&*c.text, lw),
                        _ => ("", 0),
                    };
                    out.push(' ');
                    out.push_str(line);
                    pad(out, w.saturating_sub(lw) + 1);
                }
                out.push_str("│\n");
                return;
            }
            let mut lines: Vec<std::str::Split<'_, char>> =
                cells.iter().map(|c| c.text.split('\n')).collect();
            // Every line ends in a border, so comfy-table's `trim_fmt` (which trims each line's
            // end) leaves them as they are written here.
            for _ in 0..heights[r] {
                out.push('│');
                for (i, &w) in widths.iter().enumerate() {
                    if i > 0 {
                        out.push('┆');
                    }
                    let line = lines.get_mut(i).and_then(Iterator::next).unwrap_or("");
                    out.push(' ');
                    out.push_str(line);
                    pad(out, w.saturating_sub(width(line)) + 1);
                }
                out.push('│');
                out.push('\n');
            }
        };
        rule(&mut out, '╭', '─', '┬', '╮');
        row(&mut out, 0, &self.header);
        rule(&mut out, '╞', '═', '╪', '╡');
        for (r, cells) in self.rows.iter().enumerate() {
            row(&mut out, r + 1, cells);
        }
        rule(&mut out, '╰', '─', '┴', '╯');
        out
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
fn width(line: &str) -> usize {
    if line.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        line.len()
    } else {
        line.width()
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
        (table.natural(), comfy)
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
        for s in ["", "plain", "é", "データ", "☐ do it", "e\u{301}"] {
            assert_eq!(width(s), s.width(), "{s:?}");
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
