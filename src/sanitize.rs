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
/// U+2028 and U+2029; noncharacters (U+FDD0–U+FDEF, and the last two code points of every
/// plane, such as U+FFFE), which XML refuses; and the characters that draw nothing although
/// they are letters or marks rather than format characters: the Hangul fillers (U+115F,
/// U+1160, U+3164, U+FFA0), the braille blank (U+2800), the combining grapheme joiner (U+034F)
/// and the variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF). A name of two U+3164 would
/// print as blank.
pub fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    let n = c as u32;
    matches!(
        n,
        0x115F | 0x1160 | 0x3164 | 0xFFA0 | 0x2800 | 0x034F | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF
    ) || c.is_control()
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

/// Whether `text` is printable ASCII only (space to `~`): text that needs no decoding to
/// check or measure, one column a byte.
pub fn printable_ascii(text: &str) -> bool {
    // Eight bytes at a time: a word holds a byte below 0x20 when subtracting 0x20 from each
    // borrows into a byte whose top bit was clear, and a byte above 0x7E when adding 1 to each
    // (or the byte itself) sets a top bit (both tests are exact for whether any byte does).
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const TOPS: u64 = u64::from_ne_bytes([0x80; 8]);
    let (words, rest) = text.as_bytes().as_chunks::<8>();
    let bad = words.iter().fold(0, |bad, word| {
        let w = u64::from_ne_bytes(*word);
        bad | (w.wrapping_sub(0x20 * ONES) & !w) | w.wrapping_add(ONES) | w
    });
    bad & TOPS == 0 && rest.iter().all(|b| (b' '..=b'~').contains(b))
}

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

/// Text for a terminal, lines kept: every unsafe character but the line feed is escaped as
/// [`clean`] escapes it (a carriage return or a tab too, which could hide what a line holds).
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c != '\n' && is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` with line breaks and tabs as spaces and every other unsafe character escaped.
pub fn clean(s: &str) -> Cow<'_, str> {
    // Printable ASCII, the usual case, is checked a byte at a time.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) || !s.chars().any(is_unsafe) {
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
    fn printable_ascii_is_space_to_tilde() {
        assert!(printable_ascii(""));
        assert!(printable_ascii(" plain text, with ~ and {braces} 0-9 "));
        for bad in [
            "tab\there",
            "bell\u{7}",
            "del\u{7f}",
            "é",
            "line\n",
            "\u{202e}",
        ] {
            assert!(!printable_ascii(bad), "{bad:?}");
        }
        let long = "x".repeat(100) + "\u{1b}" + &"y".repeat(100);
        assert!(!printable_ascii(&long));
        // Every byte value at every place of a word and of the rest.
        for at in 0..19 {
            for b in 0..=255u8 {
                let mut bytes = vec![b'a'; 19];
                bytes[at] = b;
                let text = String::from_utf8_lossy(&bytes);
                let want = text.bytes().all(|b| (b' '..=b'~').contains(&b));
                assert_eq!(printable_ascii(&text), want, "{b:#x} at {at}");
            }
        }
    }

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
            '\u{3164}',
            '\u{115f}',
            '\u{1160}',
            '\u{ffa0}',
            '\u{2800}',
            '\u{34f}',
            '\u{fe00}',
            '\u{fe0f}',
            '\u{e0100}',
            '\u{e01ef}',
        ] {
            assert!(is_unsafe(c), "U+{:04X}", c as u32);
        }
        for c in ['a', 'é', 'О', 'ｎ', '—', '日', '\u{301}'] {
            assert!(!is_unsafe(c), "U+{:04X}", c as u32);
        }
    }
}
