//! Markdown as GitHub renders it: comrak (the Rust port of cmark-gfm) with GitHub's extensions
//! (extended autolinks, tables, task lists, strikethrough) renders every Markdown answer srm
//! gives for catalogues whose every text field is hostile, and the HTML must have the same
//! elements, in the same order, as for a benign catalogue of the same shape: catalogue text
//! makes no link, no code, no list, no rule, no heading, no quote. The only links are to the
//! catalogue's validated source URL.

use std::path::Path;

use serde_json::{Value, json};

use predicates::prelude::*;

use crate::srm;

/// Text that GitHub would read as a link or a block if it went out as it is.
const HOSTILE: &[&str] = &[
    "victim@evil.example",
    "mailto:x@evil.example",
    "xmpp:x@evil.example",
    "www.evil.example/login",
    "WWW.evil.example/login",
    "(www.evil.example)",
    "https://evil.example",
    "see http://evil.example/a?b=c",
    "ftp://evil.example",
    "    code block",
    "  1. nested list",
    "  2) nested list",
    " ---",
    "   ***",
    "  - item",
    "  * item",
    "  + item",
    "  > quote",
    "   # heading",
    "  ```fence",
    "1. list",
    "- item",
    "===",
    "[login](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<https://evil.example>",
    "[x]: https://evil.example",
    "~~gone~~ *em* **strong** `code`",
    "| cell | cell |",
    "trailing blanks   ",
    "a\\@b\\:c",
];

/// The validated URL of the catalogue's one linked source.
const SOURCE_URL: &str = "https://example.org/source";

/// A catalogue with every text field set to `t` (aliases, which must be unique, start with it).
fn catalogue(t: &str) -> Value {
    let duties = json!({ "customer": [t, t], "provider": [t] });
    let controls = json!([{ "ids": ["ac-2", "sc-7"], "why": t }]);
    json!({
        "sources": [
            { "id": "src", "title": t, "url": SOURCE_URL },
            { "id": "book", "title": t },
        ],
        "models": [
            { "id": "iaas", "name": t, "aliases": [format!("{t} m1")], "description": t },
            { "id": "saas", "name": t, "aliases": [format!("{t} m2")], "description": t },
        ],
        "layers": [
            {
                "id": "os",
                "name": t,
                "aliases": [format!("{t} l1")],
                "keywords": ["zebra", t],
                "description": t,
                "remark": t,
                "owners": { "iaas": "customer", "saas": "depends" },
                "notes": { "iaas": t, "saas": t },
                "duties": duties,
                "source": "src",
                "see_also": ["book"],
                "controls": controls,
            },
            {
                "id": "net",
                "name": t,
                "description": t,
                "remark": t,
                "parts": [
                    {
                        "id": "fw",
                        "name": t,
                        "aliases": [format!("{t} p1")],
                        "keywords": ["zebra"],
                        "description": t,
                        "owners": { "iaas": "customer", "saas": "provider" },
                        "notes": { "iaas": t },
                        "duties": duties,
                        "source": "book",
                        "controls": controls,
                    },
                    {
                        "id": "dns",
                        "name": t,
                        "owners": { "iaas": "shared", "saas": "provider" },
                        "notes": { "iaas": t },
                        "duties": duties,
                        "source": "src",
                    },
                ],
            },
        ],
    })
}

/// Every Markdown answer srm gives.
const COMMANDS: &[&[&str]] = &[
    &["who"],
    &["who", "--model", "iaas"],
    &["who", "--layer", "os", "--model", "iaas"],
    &["who", "--layer", "net", "--model", "iaas"],
    &["diff", "iaas", "saas"],
    &["diff", "iaas", "saas", "--all"],
    &["diff", "iaas", "saas", "--controls"],
    &["retained"],
    &["matrix"],
    &["layers"],
    &["models"],
    &["checklist", "iaas"],
    &["checklist", "saas"],
    &["explain", "os"],
    &["explain", "net"],
    &["explain", "fw"],
    &["explain", "iaas"],
    &["find", "zebra"],
    &["controls", "--model", "iaas"],
    &["control", "ac-2"],
];

/// HTML as GitHub's renderer makes it, with raw HTML left out (and marked as left out).
fn gfm(md: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    options.extension.table = true;
    options.extension.tasklist = true;
    options.extension.strikethrough = true;
    comrak::markdown_to_html(md, &options)
}

/// The element names of `html`, opening and closing, in order.
fn elements(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .filter_map(|tag| {
            let end = tag.find(|c: char| c.is_whitespace() || c == '>')?;
            Some(&tag[..end])
        })
        .collect()
}

/// The targets of the links in `html`.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("<a ")
        .skip(1)
        .map(|a| {
            a.strip_prefix("href=\"")
                .and_then(|rest| rest.split('"').next())
                .unwrap_or(a)
        })
        .collect()
}

fn markdown(dir: &Path, catalog: &Path, command: &[&str]) -> String {
    let out = srm()
        .current_dir(dir)
        .arg("--catalog")
        .arg(catalog)
        .args(command)
        .args(["--format", "markdown"])
        .assert()
        // A search that finds nothing is exit 1 (as grep), and still an answer.
        .code(if command.first() == Some(&"find") {
            predicates::ord::eq(0).or(predicates::ord::eq(1)).boxed()
        } else {
            predicates::ord::eq(0).boxed()
        })
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 output")
}

#[test]
fn catalogue_text_makes_no_link_and_no_block_on_github() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, catalogue(text).to_string()).unwrap();
        path
    };
    let benign = write("benign.json", "Plain words");
    let expected: Vec<(Vec<String>, String)> = COMMANDS
        .iter()
        .map(|command| {
            let html = gfm(&markdown(dir.path(), &benign, command));
            (
                elements(&html).into_iter().map(String::from).collect(),
                html,
            )
        })
        .collect();
    // The benign answers have the elements srm itself writes, so an equal sequence is a real
    // check: headings, tables, lists, task lists, code spans of ids, the one link.
    let all: Vec<&str> = expected
        .iter()
        .flat_map(|(e, _)| e.iter().map(String::as_str))
        .collect();
    for element in [
        "h1",
        "h2",
        "h3",
        "table",
        "ul",
        "input",
        "code",
        "a",
        "blockquote",
    ] {
        assert!(
            all.contains(&element),
            "no <{element}> for a benign catalogue"
        );
    }
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let path = write(&format!("hostile-{i}.json"), hostile);
        for (command, (structure, benign_html)) in COMMANDS.iter().zip(&expected) {
            let what = format!("{hostile:?}: srm {}", command.join(" "));
            let md = markdown(dir.path(), &path, command);
            let html = gfm(&md);
            assert!(
                !html.contains("raw HTML omitted"),
                "{what}: raw HTML\n{md}\n{html}"
            );
            for href in hrefs(&html) {
                assert_eq!(href, SOURCE_URL, "{what}: a link\n{md}\n{html}");
            }
            assert_eq!(
                elements(&html),
                *structure,
                "{what}: elements differ from a benign catalogue's\n{md}\n{html}\nbenign:\n{benign_html}"
            );
        }
    }
}

/// An argument that srm writes into Markdown (the words of `find`) is escaped by the same
/// policy.
#[test]
fn words_searched_for_make_no_link_on_github() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.json");
    std::fs::write(&path, catalogue("Plain words").to_string()).unwrap();
    for words in [
        "victim@evil.example",
        "www.evil.example",
        "https://evil.example",
    ] {
        let html = gfm(&markdown(dir.path(), &path, &["find", words]));
        assert!(!html.contains("<a "), "{words}: {html}");
    }
}
