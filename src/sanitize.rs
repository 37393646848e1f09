//! The one definition of a character that must not reach a reader, and the terminal's policy
//! for it.
//!
//! A catalogue is user input. A name holding `ESC [ 2 J` would clear the screen of whoever lists
//! it, a right-to-left override can make text read differently from what it is, and invisible
//! characters (zero-width spaces, tag characters) can hide text or make two names that look the
//! same differ. The loader refuses catalogue text holding any of them ([`is_unsafe`]), so
//! catalogue text reaches every output clean. What srm prints that does not come from a
//! catalogue (arguments and paths quoted in messages, clap's errors) goes through [`clean`],
//! which, like fd, escapes such characters into visible `\u{..}` form.

use std::borrow::Cow;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Characters that must not reach a reader as they are: C0 and C1 controls and DEL; format
/// characters (Unicode category Cf: bidirectional controls, zero-width spaces and joiners,
/// soft hyphen, byte-order mark, tag characters…); the line and paragraph separators
/// U+2028 and U+2029; and noncharacters (U+FDD0–U+FDEF, and the last two code points of
/// every plane, such as U+FFFE), which XML refuses.
pub fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    let n = c as u32;
    c.is_control()
        || matches!(
            c.general_category(),
            GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        )
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// How much of a value a message quotes.
const QUOTED: usize = 64;

/// A value from a file or a command line as a message quotes it: cut at 64 characters, then
/// `…`, and [`clean`]ed, so that it stays short and on its line.
pub fn cut(value: &str) -> Cow<'_, str> {
    let value = match value.char_indices().nth(QUOTED) {
        Some((end, _)) => Cow::Owned(format!("{}…", &value[..end])),
        None => Cow::Borrowed(value),
    };
    match clean(&value) {
        Cow::Borrowed(_) => value,
        Cow::Owned(clean) => Cow::Owned(clean),
    }
}

/// Every line of `s` cleaned, line breaks kept: for messages of more than one line.
pub fn clean_lines(s: &str) -> String {
    s.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// `s` with line breaks and tabs as spaces and every other unsafe character escaped.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(
            clean("Operating system — ünïcode, 日本語, עברית"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_and_controls_become_visible() {
        assert_eq!(clean("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(clean("x\u{7f}\u{9b}y"), "x\\u{7f}\\u{9b}y");
        assert_eq!(clean("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(clean("two\nlines\tand tab"), "two lines and tab");
    }

    #[test]
    fn invisible_format_and_noncharacters_are_unsafe() {
        for c in [
            '\u{0}',
            '\u{85}',
            '\u{ad}',
            '\u{200b}',
            '\u{200d}',
            '\u{2060}',
            '\u{2064}',
            '\u{feff}',
            '\u{2028}',
            '\u{2029}',
            '\u{e0001}',
            '\u{e007f}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{fdd0}',
            '\u{1fffe}',
            '\u{10ffff}',
            '\u{061c}',
            '\u{2066}',
        ] {
            assert!(is_unsafe(c), "U+{:04X}", c as u32);
        }
        for c in ['a', 'é', 'О', 'ｎ', '—', '日', '\u{301}'] {
            assert!(!is_unsafe(c), "U+{:04X}", c as u32);
        }
    }
}
