//! The one module that names the YAML crate.
//!
//! serde_yaml is archived upstream but safe for this use: its parser caps alias expansion
//! (billion-laughs) and nesting depth, so hostile input ends in an error, not a hang. Swapping it
//! for a maintained fork (serde_yaml_ng, serde_norway) is a change to the `use` line below.

use serde::de::DeserializeOwned;
use serde_yaml as backend;

/// A parse failure, with the 1-based line and column where the parser gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Serialises a value as a YAML document.
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, String> {
    backend::to_string(value).map_err(|e| e.to_string())
}

/// Deepest flow nesting (`[` and `{`) accepted; a catalogue needs five levels at most.
pub const MAX_FLOW_DEPTH: usize = 64;

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    check_flow_depth(text, MAX_FLOW_DEPTH)?;
    backend::from_str(text).map_err(|err| {
        let location = err.location();
        let mut message = err.to_string();
        // The crate appends " at line L column C"; we print the location as a prefix instead.
        if let Some(loc) = &location {
            let suffix = format!(" at line {} column {}", loc.line(), loc.column());
            if let Some(pos) = message.find(&suffix) {
                message.replace_range(pos..pos + suffix.len(), "");
            }
        }
        YamlError {
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message,
        }
    })
}

/// Refuses flow collections nested deeper than `max`, before the parser sees them.
///
/// Why: libyaml's scanner rechecks every open flow level at each token, so `[[[[…]]]]` costs
/// time quadratic in its depth: 40,000 levels (80 KB) take seconds, a few megabytes take hours,
/// all well before serde's recursion limit is reached. This scan is linear. It must never count
/// less than the parser will nest, so it follows the YAML rules that decide what is structure:
/// quoted scalars and block scalars (whose brackets are text), comments, and flow indicators,
/// which outside flow collections mean something only where a node starts. Where it cannot
/// tell, it counts, and over-counting only matters past `max` unclosed brackets of prose.
fn check_flow_depth(text: &str, max: usize) -> Result<(), YamlError> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut line = 1usize;
    let mut line_start = 0usize;
    let mut i = 0usize;
    // Whether the next non-blank character begins a node (so a quote opens a quoted scalar).
    let mut node_start = true;
    // Indentation of the current line, and whether only spaces have been seen on it so far.
    let mut indent = 0usize;
    let mut in_indent = true;
    let is_blank = |b: u8| b == b' ' || b == b'\t';
    let is_break = |b: u8| b == b'\n' || b == b'\r';
    let blank_or_end = |j: usize| j >= bytes.len() || is_blank(bytes[j]) || is_break(bytes[j]);
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
            indent = 0;
            in_indent = true;
            if depth == 0 {
                node_start = true;
            }
            i += 1;
            continue;
        }
        if in_indent {
            if b == b' ' {
                indent += 1;
                i += 1;
                continue;
            }
            in_indent = false;
        }
        let prev_blank = i == line_start || is_blank(bytes[i - 1]);
        match b {
            b' ' | b'\t' | b'\r' => {}
            b'#' if prev_blank => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' if node_start => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    if i < bytes.len() && bytes[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                node_start = false;
            }
            b'\'' if node_start => {
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if bytes[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                node_start = false;
            }
            b'|' | b'>' if node_start && depth == 0 => {
                // A block scalar: its header, then every line indented deeper than `indent`
                // (or by the explicit indentation indicator) is text.
                let mut explicit = None;
                while i < bytes.len() && !is_break(bytes[i]) {
                    if bytes[i].is_ascii_digit() && explicit.is_none() {
                        explicit = Some(usize::from(bytes[i] - b'0'));
                    }
                    if bytes[i] == b'#' {
                        break;
                    }
                    i += 1;
                }
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                let mut content = explicit.map(|e| indent + e.max(1));
                loop {
                    // `i` is at a line break (or the end); look at the next line.
                    if i >= bytes.len() {
                        break;
                    }
                    let next = i + 1;
                    let mut j = next;
                    while j < bytes.len() && bytes[j] == b' ' {
                        j += 1;
                    }
                    let spaces = j - next;
                    let blank_line = j >= bytes.len() || is_break(bytes[j]);
                    let inside = blank_line
                        || match content {
                            Some(c) => spaces >= c,
                            None if spaces > indent => {
                                content = Some(spaces);
                                true
                            }
                            None => false,
                        };
                    if !inside {
                        break;
                    }
                    line += 1;
                    line_start = next;
                    i = next;
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                continue;
            }
            b'[' | b'{' if depth > 0 || node_start => {
                depth += 1;
                if depth > max {
                    return Err(YamlError {
                        line: Some(line),
                        column: Some(text[line_start..i].chars().count() + 1),
                        message: format!(
                            "flow collections nested more than {max} deep; a catalogue needs only a few levels"
                        ),
                    });
                }
                node_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                node_start = false;
            }
            b',' if depth > 0 => node_start = true,
            b':' if depth > 0 || blank_or_end(i + 1) => node_start = true,
            b'-' | b'?' if node_start && blank_or_end(i + 1) => {}
            b'&' | b'!' | b'*' if node_start => {
                // Anchors, tags and aliases: a token, after which a node may still start.
                while i < bytes.len() && !is_blank(bytes[i]) && !is_break(bytes[i]) {
                    if depth > 0 && matches!(bytes[i], b',' | b'[' | b']' | b'{' | b'}') {
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            _ => node_start = false,
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn depth_ok(text: &str) -> bool {
        check_flow_depth(text, 3).is_ok()
    }

    #[test]
    fn deep_flow_nesting_is_refused_with_its_place() {
        assert!(depth_ok("a: [[[1]]]\n"));
        let err = check_flow_depth("a:\n  [[[[1]]]]\n", 3).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(6)));
        assert!(!depth_ok("a: {b: {c: [d, [e]]}}\n"));
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        assert!(depth_ok(
            "a: 'x [[[[ y'\nb: \"[[[[\\\" [[[[\"\nc: text [[[[ more\n# [[[[\n"
        ));
        assert!(depth_ok(
            "a: |\n  [[[[\n  {{{{\nb: >-\n    [[[[\n\n    [[[[\n"
        ));
        assert!(depth_ok("a: [\"]]]]\", '[[[[', x]\n"));
    }

    #[test]
    fn closers_hidden_in_text_do_not_hide_real_nesting() {
        // Quoted closers inside flow collections are text, so the real depth still counts.
        assert!(!depth_ok(
            "a: [\"]]]]\", [\"]]]\", [!!str \"]]\", ['] ]', [1]]]]]\n"
        ));
        // A block scalar ends at the first line indented no deeper than its parent.
        assert!(!depth_ok("a: |\n  'open\nb: [[[[1]]]]\n"));
        // An apostrophe inside a plain scalar does not open a quote.
        assert!(!depth_ok("a: don't\nb: [[[[1]]]]\n"));
        // Nor does a quote after a comma outside flow collections.
        assert!(!depth_ok("a: x, 'y\nb: [[[[1]]]]\n"));
    }

    #[test]
    fn error_location_is_split_from_the_message() {
        let err = from_str::<BTreeMap<String, u32>>("a: 1\nb: [\n").unwrap_err();
        assert!(err.line.is_some(), "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
    }
}
