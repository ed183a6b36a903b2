//! Text from files is data: before it reaches a terminal, control
//! characters and escape sequences are made visible (`^[`, `<U+202E>`), so a
//! name in a YAML file can never move the cursor, recolour the screen or
//! reorder what is shown.

use std::borrow::Cow;

/// `text` with every control character shown in caret or `<U+XXXX>` form.
/// Newlines are kept when `keep_newlines` is set (multi-line fields).
///
/// ```
/// use aims::text::visible;
///
/// assert_eq!(visible("\u{1b}[31mred", false), "^[[31mred");
/// assert_eq!(visible("a\u{202e}b", false), "a<U+202E>b");
/// assert_eq!(visible("two\nlines", true), "two\nlines");
/// ```
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

/// `text` cut to `width` terminal cells, with `…` where it was cut.
/// `n` things, singular when there is one: "1 risk", "2 risks".
///
/// ```
/// assert_eq!(aims::text::count(1, "risk", "risks"), "1 risk");
/// assert_eq!(aims::text::count(0, "system", "systems"), "0 systems");
/// ```
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn clip(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    // Measured as a whole string each time, because some sequences (an
    // emoji with its variation selector) are wider than their characters.
    let mut cut = String::new();
    for c in text.chars() {
        cut.push(c);
        if cut.width() + 1 > width {
            cut.pop();
            break;
        }
    }
    cut.push('…');
    cut
}

/// serde_json escapes the C0 controls (ESC among them) but writes DEL, the
/// C1 controls (U+009B starts an escape sequence on some terminals) and the
/// bidirectional and zero-width marks as they are. They can only occur
/// inside strings, so `\uXXXX` there means the same JSON and shows nothing
/// surprising on a terminal.
pub fn escape_hidden_in_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c as u32 >= 0x7f && is_hidden(c, false) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One line of a line-by-line comparison of two texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine<'a> {
    Same(&'a str),
    /// Only in the first text.
    Old(&'a str),
    /// Only in the second text.
    New(&'a str),
}

/// The lines of `old` and `new` in order, marked as shared or as only in
/// one of them (a longest common subsequence; records are a few dozen lines).
pub fn line_diff<'a>(old: &'a str, new: &'a str) -> Vec<DiffLine<'a>> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(DiffLine::Same(a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            out.push(DiffLine::Old(a[i]));
            i += 1;
        } else {
            out.push(DiffLine::New(b[j]));
            j += 1;
        }
    }
    out
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
    fn json_escapes_what_serde_json_leaves_raw() {
        let json = serde_json::json!({ "name": "a\u{202e}b\u{9b}c\u{7f}d\u{1b}é" }).to_string();
        let safe = escape_hidden_in_json(&json);
        assert_eq!(safe, r#"{"name":"a\u202eb\u009bc\u007fd\u001bé"}"#);
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back["name"], "a\u{202e}b\u{9b}c\u{7f}d\u{1b}é");
    }

    #[test]
    fn clip_counts_terminal_cells_and_marks_the_cut() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("exactly10!", 10), "exactly10!");
        assert_eq!(clip("a longer name", 8), "a longe…");
        // Wide characters take two cells each.
        assert_eq!(clip("日本語のなまえ", 7), "日本語…");
        assert!(unicode_width::UnicodeWidthStr::width(clip("日本語のなまえ", 7).as_str()) <= 7);
    }

    #[test]
    fn a_line_diff_marks_what_changed() {
        let diff = line_diff("a\nb\nc\n", "a\nB\nc\nd\n");
        assert_eq!(
            diff,
            vec![
                DiffLine::Same("a"),
                DiffLine::Old("b"),
                DiffLine::New("B"),
                DiffLine::Same("c"),
                DiffLine::New("d"),
            ]
        );
    }

    #[test]
    fn ordinary_text_is_borrowed() {
        assert!(matches!(visible("Ülf's tool", false), Cow::Borrowed(_)));
    }
}
