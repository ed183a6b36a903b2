//! Text from files is data. Before it reaches a terminal, control
//! characters, escape sequences and invisible marks are made visible (`^[`,
//! `<U+202E>`), so a name in a YAML file can never move the cursor, recolour
//! the screen or reorder what is shown. Files aims writes for other readers
//! (exports) keep legitimate text exactly as typed, right-to-left marks and
//! joined emoji included; each format decides what it cannot carry (see
//! [`controls_visible`] and [`escape_controls_in_json`]).

use std::borrow::Cow;

/// `text` as a terminal should show it: every control character in caret
/// or `<U+XXXX>` form, and so are bidirectional controls and invisible marks
/// (a terminal would act on the first, or show nothing for the others).
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
    shown(text, |c| is_hidden(c, keep_newlines))
}

/// `text` for a document people read (the Markdown and HTML exports): only
/// the control characters are shown in caret or `<U+XXXX>` form, tab and
/// newline aside, because they are not text: no renderer draws them, and
/// in YAML they can only have been typed as an escape (`\e`). Everything
/// else, right-to-left marks and zero-width joiners included, stays as it is.
///
/// ```
/// use aims::text::controls_visible;
///
/// assert_eq!(controls_visible("\u{1b}[31m\tred\n"), "^[[31m\tred\n");
/// assert_eq!(controls_visible("\u{200f}\u{645} \u{1f469}\u{200d}\u{1f4bb}"), "\u{200f}\u{645} \u{1f469}\u{200d}\u{1f4bb}");
/// ```
pub fn controls_visible(text: &str) -> Cow<'_, str> {
    shown(text, |c| c.is_control() && c != '\n' && c != '\t')
}

/// `text` with the characters `hide` picks shown in caret or `<U+XXXX>` form.
fn shown(text: &str, hide: impl Fn(char) -> bool) -> Cow<'_, str> {
    // Printable ASCII is never hidden, and most text is nothing else: only
    // its control characters need asking about.
    let hidden_ascii = |b: u8| (b < b' ' || b == 0x7f) && hide(char::from(b));
    let clean = if text.is_ascii() {
        !text.bytes().any(hidden_ascii)
    } else {
        !text.chars().any(&hide)
    };
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !hide(c) {
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

/// `n` things, singular when there is one: "1 risk", "2 risks".
///
/// ```
/// assert_eq!(aims::text::count(1, "risk", "risks"), "1 risk");
/// assert_eq!(aims::text::count(0, "system", "systems"), "0 systems");
/// ```
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` cut to `width` terminal cells, with `…` where it was cut.
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

/// JSON text that is safe to `cat` and means the same data. serde_json
/// escapes the C0 controls (ESC among them) but writes DEL and the C1
/// controls (U+009B starts an escape sequence on some terminals) as they
/// are, and the bidirectional controls too, which would let a value
/// reorder how the JSON around it reads in an editor ("Trojan Source").
/// They can only occur inside strings, so `\uXXXX` there parses back to
/// the very same text. Right-to-left marks, joiners and every other
/// character stay as typed.
pub fn escape_controls_in_json(json: String) -> String {
    // Every character escaped here starts with one of these bytes in UTF-8
    // (U+007F-U+009F, and the bidirectional controls at U+202A and U+2066);
    // a large export usually has none, and a byte scan is many times faster
    // than decoding.
    if !json.bytes().any(|b| matches!(b, 0x7f | 0xc2 | 0xe2)) {
        return json;
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if (c.is_control() && c as u32 >= 0x7f) || is_bidi_control(c) {
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

/// Characters a terminal would act on, or that would silently change how
/// the text around them reads there (bidirectional controls, invisible
/// marks).
fn is_hidden(c: char, keep_newlines: bool) -> bool {
    if c == '\n' && keep_newlines {
        return false;
    }
    if c == '\t' {
        return !keep_newlines;
    }
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{200b}'..='\u{200f}' | '\u{feff}')
}

/// The bidirectional embeddings, overrides and isolates (U+202A to U+202E,
/// U+2066 to U+2069): unlike a right-to-left mark, each reorders the text
/// after it until it is closed, beyond the value that holds it.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
        let json =
            serde_json::json!({ "name": "a\u{202e}b\u{9b}c\u{7f}d\u{1b}é\u{2066}" }).to_string();
        let safe = escape_controls_in_json(json);
        assert_eq!(safe, r#"{"name":"a\u202eb\u009bc\u007fd\u001bé\u2066"}"#);
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back["name"], "a\u{202e}b\u{9b}c\u{7f}d\u{1b}é\u{2066}");
    }

    #[test]
    fn json_keeps_right_to_left_marks_and_joiners_as_typed() {
        let name = "\u{200f}\u{645}\u{631}\u{62d}\u{628}\u{627} \u{1f469}\u{200d}\u{1f4bb} Ops\u{200c}\u{feff}";
        let json = serde_json::json!({ "name": name }).to_string();
        assert_eq!(escape_controls_in_json(json.clone()), json);
        assert!(json.contains(name));
    }

    #[test]
    fn json_with_nothing_to_escape_is_kept_as_it_is() {
        let json = serde_json::json!({ "name": "plain £ text, \u{e9}t\u{e9}" }).to_string();
        assert_eq!(escape_controls_in_json(json.clone()), json);
    }

    #[test]
    fn documents_show_only_control_characters() {
        assert_eq!(
            controls_visible("a\u{1b}b\u{7f}c\u{9b}d\re"),
            "a^[b^?c<U+009B>d^Me"
        );
        assert_eq!(controls_visible("tab\tand\nline"), "tab\tand\nline");
        let legit = "\u{200f}\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{1f469}\u{200d}\u{1f4bb} x\u{202e}y";
        assert!(matches!(controls_visible(legit), Cow::Borrowed(_)));
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
