//! The matrix as a picture: a self-contained HTML page and a standalone SVG, drawn the way the
//! published diagrams are: layers down, models across, one colored cell per owner (shared as a
//! split cell, depends hatched), a legend, parts under their layer, the rows the customer
//! always retains marked, and the sources at the foot. No network: styles are inline, and every
//! catalogue string is escaped.

use std::fmt::Write as _;

use crate::catalog::Derived;
use crate::query::Matrix;

use super::palette::{self, CUSTOMER, DEPENDS, DEPENDS_LIGHT, PROVIDER, RETAINED};

/// Escapes text for HTML and XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's style; `{owner}` marks where each owner's background goes, `{retained}` the mark
/// of a retained row ([`css`] fills them from the palette).
const CSS: &str = r#"
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; margin: 2rem; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
table { border-collapse: separate; border-spacing: 3px; }
th { text-align: left; padding: .4rem .6rem; background: #f3f4f6; }
th.model { text-align: center; min-width: 7.5rem; }
td { padding: .35rem .6rem; }
td.name.layer { font-weight: 600; }
td.name.part { padding-left: 1.8rem; color: #374151; }
td.owner { text-align: center; color: #fff; font-weight: 600; border-radius: 3px; }
td.customer { background: {customer}; }
td.provider { background: {provider}; }
td.shared { background: {shared}; }
td.depends { background: {depends}; }
td.split { background: {split}; }
tr.retained td.name { box-shadow: inset 5px 0 {retained}; }
.legend { display: flex; gap: 1.2rem; margin: 1rem 0; flex-wrap: wrap; }
.legend span.swatch { display: inline-block; width: 1.6rem; height: 1rem; vertical-align: middle; margin-right: .4rem; border-radius: 3px; }
.swatch.customer { background: {customer}; } .swatch.provider { background: {provider}; }
.swatch.shared { background: {shared}; }
.swatch.depends { background: {depends}; }
.swatch.split { background: {split}; }
.swatch.retained { background: {retained}; width: .4rem !important; }
footer { margin-top: 1.5rem; color: #4b5563; font-size: .9rem; }
"#;

/// [`CSS`] in the palette's colours.
fn css() -> String {
    let mut css = CSS.replace("{retained}", RETAINED);
    for owner in Derived::SHOWN {
        css = css.replace(&format!("{{{owner}}}"), &palette::css_background(owner));
    }
    css
}

fn legend_label(owner: Derived) -> &'static str {
    match owner {
        Derived::Customer => "customer",
        Derived::Provider => "provider",
        Derived::Shared => "shared",
        Derived::Depends => "depends on the model chosen",
        Derived::Split => "split: a layer whose rows have different owners",
        Derived::Unmapped => "unmapped: the catalogue maps no control",
    }
}

pub fn html(m: &Matrix) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    out.push_str("<title>Shared responsibility matrix</title>\n<style>");
    out.push_str(&css());
    out.push_str("</style>\n</head>\n<body>\n<h1>Shared responsibility matrix</h1>\n");
    out.push_str("<table>\n<thead><tr><th>Layer</th>");
    for model in &m.models {
        let _ = write!(
            out,
            "<th class=\"model\" data-model=\"{}\">{}</th>",
            esc(model.id),
            esc(model.name)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let mut row =
        |kind: &str, id: &str, name: &str, owners: Vec<(&str, Derived)>, retained: bool| {
            let _ = write!(
                out,
                "<tr class=\"{kind}{}\" data-id=\"{}\"><td class=\"name {kind}\">{}</td>",
                if retained { " retained" } else { "" },
                esc(id),
                esc(name)
            );
            for (model, owner) in owners {
                let _ = write!(
                    out,
                    "<td class=\"owner {owner}\" data-model=\"{}\" title=\"{}\">{owner}</td>",
                    esc(model),
                    legend_label(owner)
                );
            }
            out.push_str("</tr>\n");
        };
    for layer in m.layers.iter() {
        row(
            "layer",
            layer.id,
            layer.name,
            layer.owners.cells(),
            layer.retained,
        );
        for part in &layer.rows {
            row(
                "part",
                part.id,
                part.name,
                part.owners.cells(),
                part.retained,
            );
        }
    }
    out.push_str("</tbody>\n</table>\n<div class=\"legend\">\n");
    for owner in Derived::SHOWN {
        let _ = writeln!(
            out,
            "<div><span class=\"swatch {owner}\"></span>{}</div>",
            legend_label(owner)
        );
    }
    out.push_str(
        "<div><span class=\"swatch retained\"></span>always retained by the customer</div>\n",
    );
    out.push_str("</div>\n<p>A layer made of parts has the owner its parts agree on, and is split when they differ.</p>\n");
    out.push_str("<footer>\n<p>Sources:</p>\n<ul>\n");
    for s in &m.sources {
        let title = esc(s.title);
        match s.url {
            Some(url) => {
                let _ = writeln!(
                    out,
                    "<li>[{}] <a href=\"{}\">{title}</a></li>",
                    esc(s.id),
                    esc(url)
                );
            }
            None => {
                let _ = writeln!(out, "<li>[{}] {title}</li>", esc(s.id));
            }
        }
    }
    out.push_str("</ul>\n<p>Generated by srm.</p>\n</footer>\n</body>\n</html>\n");
    out
}

pub fn svg(m: &Matrix) -> String {
    const NAME_W: usize = 340;
    const COL_W: usize = 120;
    const ROW_H: usize = 26;
    const GAP: usize = 3;
    const PAD: usize = 16;
    let rows: usize = m.layers.iter().map(|l| 1 + l.rows.len()).sum();
    let width = PAD * 2 + NAME_W + m.models.len() * (COL_W + GAP);
    let table_h = (rows + 1) * (ROW_H + GAP);
    let legend_y = PAD + table_h + 12;
    let sources_y = legend_y + 40;
    let height = sources_y + 20 + 36 * m.sources.len() + PAD;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"system-ui, sans-serif\" font-size=\"13\">"
    );
    out.push_str("<title>Shared responsibility matrix</title>\n");
    let _ = writeln!(
        out,
        "<defs><pattern id=\"hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"{DEPENDS_LIGHT}\"/><rect width=\"4\" height=\"8\" fill=\"{DEPENDS}\"/></pattern></defs>"
    );
    let _ = writeln!(
        out,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    // Header.
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-weight=\"700\">Layer</text>",
        PAD + 6,
        PAD + 17
    );
    for (i, model) in m.models.iter().enumerate() {
        let x = PAD + NAME_W + i * (COL_W + GAP);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"700\" data-model=\"{}\">{}</text>",
            x + COL_W / 2,
            PAD + 17,
            esc(model.id),
            esc(model.name)
        );
    }
    let mut y = PAD + ROW_H + GAP;
    let row = |out: &mut String,
               y: usize,
               part: bool,
               id: &str,
               name: &str,
               owners: Vec<(&str, Derived)>,
               retained: bool| {
        if retained {
            let _ = writeln!(
                out,
                "<rect x=\"{PAD}\" y=\"{y}\" width=\"5\" height=\"{ROW_H}\" fill=\"{RETAINED}\"/>"
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\"{} data-id=\"{}\">{}</text>",
            PAD + if part { 28 } else { 10 },
            y + 17,
            if part { "" } else { " font-weight=\"600\"" },
            esc(id),
            esc(name)
        );
        for (i, (_, owner)) in owners.into_iter().enumerate() {
            let x = PAD + NAME_W + i * (COL_W + GAP);
            cell_svg(out, x, y, COL_W, ROW_H, owner);
        }
    };
    for layer in m.layers.iter() {
        row(
            &mut out,
            y,
            false,
            layer.id,
            layer.name,
            layer.owners.cells(),
            layer.retained,
        );
        y += ROW_H + GAP;
        for part in &layer.rows {
            row(
                &mut out,
                y,
                true,
                part.id,
                part.name,
                part.owners.cells(),
                part.retained,
            );
            y += ROW_H + GAP;
        }
    }
    // Legend.
    let mut x = PAD;
    for owner in Derived::SHOWN {
        cell_svg(&mut out, x, legend_y, 28, 16, owner);
        let label = legend_label(owner);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{label}</text>",
            x + 34,
            legend_y + 13
        );
        x += 34 + label.len() * 7 + 22;
    }
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{legend_y}\" width=\"5\" height=\"16\" fill=\"{RETAINED}\"/><text x=\"{}\" y=\"{}\">always retained by the customer</text>",
        x + 11,
        legend_y + 13
    );
    let _ = writeln!(
        out,
        "<text x=\"{PAD}\" y=\"{sources_y}\" fill=\"#4b5563\">Sources:</text>"
    );
    // Two lines a source, title then address, so long URLs stay inside the picture.
    for (i, s) in m.sources.iter().enumerate() {
        let y = sources_y + 20 + 36 * i;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{y}\" fill=\"#4b5563\">[{}] {}</text>",
            PAD + 10,
            esc(s.id),
            esc(s.title)
        );
        if let Some(url) = s.url {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" fill=\"#6b7280\" font-size=\"11\">{}</text>",
                PAD + 24,
                y + 15,
                esc(url)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

/// One owner cell: a filled box, split diagonally for shared, hatched for depends.
fn cell_svg(out: &mut String, x: usize, y: usize, w: usize, h: usize, owner: Derived) {
    match owner {
        Derived::Shared => {
            let _ = writeln!(
                out,
                "<g class=\"cell shared\"><polygon points=\"{x},{y} {},{y} {x},{}\" fill=\"{CUSTOMER}\"/><polygon points=\"{},{y} {},{} {x},{}\" fill=\"{PROVIDER}\"/></g>",
                x + w,
                y + h,
                x + w,
                x + w,
                y + h,
                y + h
            );
        }
        _ => {
            let fill = palette::solid(owner).unwrap_or("url(#hatch)");
            let _ = writeln!(
                out,
                "<rect class=\"cell {owner}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"3\" fill=\"{fill}\"/>"
            );
        }
    }
    if h >= 20 {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"600\">{owner}</text>",
            x + w / 2,
            y + h / 2 + 5
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_in_content_and_attributes() {
        assert_eq!(esc("<b a=\"x\">&'"), "&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn the_page_style_has_every_colour_filled_in() {
        let css = css();
        // A placeholder is a word in braces; CSS's own braces hold declarations, never a word.
        for (i, _) in css.match_indices('{') {
            let word = css[i + 1..].split('}').next().unwrap_or_default();
            assert!(
                !word.chars().all(|c| c.is_ascii_lowercase()),
                "placeholder {{{word}}} left"
            );
        }
        assert!(css.contains(&format!("td.customer {{ background: {CUSTOMER}; }}")));
        assert!(css.contains(palette::RETAINED));
    }
}
