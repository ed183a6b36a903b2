//! When a string can be written as a plain scalar and still read back as the
//! same string, by aims and by other YAML readers (YAML 1.1 and 1.2 alike).

/// Words that YAML 1.1 or 1.2 readers take for booleans or null.
const SPECIAL_WORDS: &[&str] = &[
    "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
];

/// True when a plain scalar with this text would be read as something other
/// than a string: null, a boolean, a number, a date or a timestamp.
pub fn resolves_to_non_string(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if SPECIAL_WORDS.contains(&lower.as_str()) {
        return true;
    }
    if matches!(
        lower.as_str(),
        ".inf" | "-.inf" | "+.inf" | ".nan" | ".infinity"
    ) {
        return true;
    }
    let body = text.trim_start_matches(['+', '-']);
    let Some(first) = body.chars().next() else {
        return false;
    };
    // Numbers in every notation YAML 1.1 knows (1_000, 0x1f, 1:30, 1e3, .5)
    // and dates start with a digit or a dot and use only these characters.
    (first.is_ascii_digit() || (first == '.' && body.len() > 1))
        && body
            .chars()
            .all(|c| c.is_ascii_hexdigit() || "._:+-xXoObBtTzZ ".contains(c))
}

/// True when `text` can be written plain in block context and reads back
/// as exactly this string.
pub fn is_plain_safe(text: &str) -> bool {
    if resolves_to_non_string(text) {
        return false;
    }
    let Some(first) = text.chars().next() else {
        return false;
    };
    if first.is_whitespace() || text.ends_with(char::is_whitespace) {
        return false;
    }
    if "[]{},#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if "-?:".contains(first) {
        let second = text[first.len_utf8()..].chars().next();
        if second.is_none_or(|c| c == ' ') {
            return false;
        }
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    !text.chars().any(needs_escape)
}

/// Characters that only a double-quoted scalar can carry faithfully.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_booleans_and_dates_are_not_plain_strings() {
        for text in [
            "4.1",
            "10",
            "1_000",
            "0x1f",
            "1e3",
            "true",
            "No",
            "~",
            "2026-10-12",
            "12:30",
            ".5",
        ] {
            assert!(!is_plain_safe(text), "{text}");
        }
    }

    #[test]
    fn ordinary_text_is_plain() {
        for text in [
            "A.6.2.4",
            "Priya Shah",
            "gpt-4o-2024-08-06",
            "ISO/IEC 42001",
            "-x",
            "e-mail",
        ] {
            assert!(is_plain_safe(text), "{text}");
        }
    }

    #[test]
    fn digit_led_ids_are_quoted_for_consistency() {
        // No reader takes 6.1.2 for a number, but 6.1 is one: quoting every
        // digit-led id keeps clause ids looking alike in every file.
        assert!(!is_plain_safe("6.1.2"));
    }

    #[test]
    fn indicators_and_comments_need_quotes() {
        for text in [
            "- item", "a: b", "a #b", "#x", "*star", "key:", "'q'", " pad",
        ] {
            assert!(!is_plain_safe(text), "{text}");
        }
    }
}
