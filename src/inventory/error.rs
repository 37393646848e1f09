//! Inventory errors: one line, a place, and no value of the file.

use std::fmt;

/// Why an inventory could not be read, and where (1-based line and column), when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryError {
    pub message: String,
    pub at: Option<(usize, usize)>,
}

impl InventoryError {
    pub fn new(message: impl Into<String>) -> InventoryError {
        InventoryError {
            message: message.into(),
            at: None,
        }
    }

    pub fn at(mut self, at: Option<(usize, usize)>) -> InventoryError {
        self.at = at;
        self
    }

    /// A serde_json error, placed; `base` is the line and column the parsed text starts at
    /// within the file (a part re-read from a slice of it).
    pub(crate) fn json(
        err: &serde_json::Error,
        what: &str,
        base: (usize, usize),
    ) -> InventoryError {
        let line = err.line();
        let column = err.column();
        let at = (line > 0).then(|| {
            if line == 1 {
                (base.0, base.1 + column.saturating_sub(1))
            } else {
                (base.0 + line - 1, column)
            }
        });
        InventoryError::new(format!("{what}: {}", json_reason(err))).at(at)
    }

    /// A YAML error, placed.
    pub(crate) fn yaml(err: &serde_saphyr::Error, what: &str) -> InventoryError {
        let at = err.location().filter(|l| l.line() > 0).map(|l| {
            let wide = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
            (wide(l.line()), wide(l.column()))
        });
        let text = err.to_string();
        let first = strip_place(text.lines().next().unwrap_or_default());
        // The parser names a key written twice: the key is the file's text.
        let reason = if first.contains("duplicate") {
            "a key is written twice in one mapping; keep one".to_string()
        } else {
            without_values(first)
        };
        InventoryError::new(format!("{what}: {reason}")).at(at)
    }
}

impl fmt::Display for InventoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InventoryError {}

/// serde_json's reason, without its place (srm prints that as a prefix) and without any value
/// it would quote: `invalid type: string "hunter2", expected a string` quotes the file.
fn json_reason(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let text = err.to_string();
    let reason = strip_place(&text);
    match err.classify() {
        Category::Eof => "the file ends in the middle of a value; is it cut short?".to_string(),
        Category::Syntax => format!("not valid JSON ({reason})"),
        Category::Data => without_values(reason),
        Category::Io => format!("cannot read it ({reason})"),
    }
}

/// The message without serde's ` at line L column C` suffix.
fn strip_place(text: &str) -> &str {
    match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// A data error in words that quote nothing of the file: serde's `invalid type`/`invalid
/// value`/`unknown variant` name the value found; only what was expected is kept.
fn without_values(reason: &str) -> String {
    let quotes = reason.contains('"') || reason.contains('`') || reason.contains('\'');
    let names_value = [
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
    ]
    .iter()
    .any(|p| reason.starts_with(p));
    if names_value || (quotes && !reason.starts_with("missing field")) {
        match reason.rsplit_once(", expected ") {
            Some((_, expected)) if !expected.contains('"') => {
                format!("a value of the wrong kind (expected {expected})")
            }
            _ => "a value of the wrong kind".to_string(),
        }
    } else {
        reason.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_quote_no_value() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            r#type: String,
        }
        let err = serde_json::from_str::<T>(r#"{"type": 42424242}"#).unwrap_err();
        let e = InventoryError::json(&err, "resource", (1, 1));
        assert!(!e.message.contains("42424242"), "{}", e.message);
        assert!(e.message.contains("expected a string"), "{}", e.message);
        let err = serde_json::from_str::<T>("{\n  \"type\": \"x\",\n  oops").unwrap_err();
        let e = InventoryError::json(&err, "resource", (10, 5));
        assert_eq!(e.at, Some((12, 3)));
        let err = serde_json::from_str::<T>("{}").unwrap_err();
        let e = InventoryError::json(&err, "resource", (1, 1));
        assert!(e.message.contains("missing field `type`"), "{}", e.message);
    }
}
