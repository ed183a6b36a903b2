//! When a string can be written as a plain scalar and still read back as the
//! same string, by aims and by other YAML readers (YAML 1.1 and 1.2 alike).

/// Words that YAML 1.1 or 1.2 readers take for booleans, null, infinity or
/// not-a-number, in any case.
const SPECIAL_WORDS: &[&str] = &[
    "",
    "~",
    "null",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    ".inf",
    "-.inf",
    "+.inf",
    ".nan",
    ".infinity",
];

/// True when a plain scalar with this text would be read as something other
/// than a string: null, a boolean, a number, a date or a timestamp.
pub fn resolves_to_non_string(text: &str) -> bool {
    if SPECIAL_WORDS.iter().any(|w| w.eq_ignore_ascii_case(text)) {
        return true;
    }
    let body = text.trim_start_matches(['+', '-']);
    let Some(&first) = body.as_bytes().first() else {
        return false;
    };
    // Numbers in every notation YAML 1.1 knows (1_000, 0x1f, 1:30, 1e3, .5)
    // and dates start with a digit or a dot and use only these characters.
    (first.is_ascii_digit() || (first == b'.' && body.len() > 1))
        && body.bytes().all(|b| {
            b.is_ascii_hexdigit()
                || matches!(
                    b,
                    b'.' | b'_'
                        | b':'
                        | b'+'
                        | b'-'
                        | b'x'
                        | b'X'
                        | b'o'
                        | b'O'
                        | b'b'
                        | b'B'
                        | b't'
                        | b'T'
                        | b'z'
                        | b'Z'
                        | b' '
                )
        })
}

/// True when `text` can be written plain in block context and reads back
/// as exactly this string.
pub fn is_plain_safe(text: &str) -> bool {
    if is_identifier(text) {
        // Every key of every record is one, so they skip the general test.
        return !SPECIAL_WORDS.contains(&text);
    }
    if resolves_to_non_string(text) {
        return false;
    }
    let Some(first) = text.chars().next() else {
        return false;
    };
    if first.is_whitespace() || text.ends_with(char::is_whitespace) {
        return false;
    }
    if is_indicator(first) {
        return false;
    }
    if matches!(first, '-' | '?' | ':') {
        let second = text[1..].chars().next();
        if second.is_none_or(|c| c == ' ') {
            return false;
        }
    }
    !text.ends_with(':') && plain_body_is_clean(text)
}

/// A lower-case word of letters, digits and underscores that starts with a
/// letter, like `next_review`: plain unless it is one of the special words.
fn is_identifier(text: &str) -> bool {
    text.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The characters that cannot start a plain scalar.
pub fn is_indicator(c: char) -> bool {
    matches!(
        c,
        '[' | ']'
            | '{'
            | '}'
            | ','
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    )
}

/// True when nothing inside `text` would end a plain scalar early (`: `,
/// ` #`) or needs a double-quoted scalar to carry it.
pub fn plain_body_is_clean(text: &str) -> bool {
    !text
        .as_bytes()
        .windows(2)
        .any(|pair| pair == b": " || pair == b" #")
        && !any_needs_escape(text)
}

/// True when some character of `text` needs a double-quoted scalar. Every
/// key and value of a large workspace goes through this, and nearly all
/// are ASCII, which is checked a byte at a time.
pub fn any_needs_escape(text: &str) -> bool {
    if text.is_ascii() {
        text.bytes().any(|b| b < 0x20 || b == 0x7f)
    } else {
        text.chars().any(needs_escape)
    }
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
            "no",
            "off",
            "null",
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
            "next_review",
            "risk2",
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
