//! Text from files is data: before it reaches a terminal, control
//! characters and escape sequences are made visible (`^[`, `<U+202E>`), so a
//! name in a YAML file can never move the cursor, recolour the screen or
//! reorder what is shown.

use std::borrow::Cow;

/// `text` with every control character shown in caret or `<U+XXXX>` form.
/// Newlines are kept when `keep_newlines` is set (multi-line fields).
pub fn visible(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hidden(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_hidden(c, keep_newlines) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        } else if c == '\u{7f}' {
            out.push_str("^?");
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    Cow::Owned(out)
}

/// Characters that would act on a terminal, or silently change how the text
/// around them reads (bidirectional overrides, zero-width marks).
fn is_hidden(c: char, keep_newlines: bool) -> bool {
    if c == '\n' && keep_newlines {
        return false;
    }
    if c == '\t' {
        return !keep_newlines;
    }
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        assert_eq!(visible("\u{1b}[31mred", false), "^[[31mred");
        assert_eq!(visible("a\u{7f}b", false), "a^?b");
        assert_eq!(visible("x\u{202e}y", false), "x<U+202E>y");
        assert_eq!(visible("two\nlines", true), "two\nlines");
        assert_eq!(visible("two\nlines", false), "two^Jlines");
        assert_eq!(visible("\u{9b}2J", false), "<U+009B>2J");
    }

    #[test]
    fn ordinary_text_is_borrowed() {
        assert!(matches!(visible("Ülf's tool", false), Cow::Borrowed(_)));
    }
}
