//! Making catalogue text safe to show on a terminal.
//!
//! A catalogue is user input. A name holding `ESC [ 2 J` would clear the screen of whoever lists
//! it, and a right-to-left override can make text read differently from what it is. Like fd, we
//! escape such characters into visible `\u{..}` form before they reach a terminal, so a crafted
//! catalogue can neither drive the terminal nor hide what it says. Line breaks and tabs become
//! spaces, which keeps table cells on their rows. JSON needs none of this: the serialiser
//! escapes control characters by construction.

use std::borrow::Cow;

/// Characters that must not reach a terminal as they are: C0 and C1 controls, DEL, and the
/// bidirectional overrides, embeddings, isolates and marks.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
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
            clean("Operating system — ünïcode"),
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
}
