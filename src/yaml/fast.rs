//! A fast reader for the canonical form that aims itself writes.
//!
//! Almost every file in a workspace was written by aims, and a general YAML
//! parser spends most of a large `aims check` on them. This reader handles
//! only that form (block mappings and lists, two-space indentation, plain
//! and double-quoted scalars, literal blocks, flow lists of plain words) and
//! gives up, returning `None`, at the first thing outside it; the caller
//! then uses the full parser. For every text it accepts it builds the very
//! tree the full parser builds, positions included; a test compares the two.

use super::scalar::{is_plain_safe, needs_escape};
use super::{Key, Node, Pos, ScalarKind, Value};

/// The deepest nesting the fast path follows; deeper input is left to the
/// full parser and its limits.
const MAX_DEPTH: usize = 32;

struct Line<'a> {
    /// 1-based line number.
    number: usize,
    indent: usize,
    /// The text after the indentation; empty for a blank line.
    content: &'a str,
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    next: usize,
}

fn pos(line: usize, col: usize) -> Pos {
    Pos::new(line, col)
}

fn scalar(text: String, kind: ScalarKind, at: Pos) -> Node {
    Node {
        value: Value::Scalar { text, kind },
        pos: at,
    }
}

/// Reads `text` if it is in canonical form; `None` otherwise.
pub fn parse_canonical(text: &str) -> Option<Node> {
    if text.is_empty()
        || !text.ends_with('\n')
        || text.contains(['\t', '\r'])
        || text.starts_with('\u{feff}')
    {
        return None;
    }
    let mut lines = Vec::new();
    for (i, raw) in text.split_terminator('\n').enumerate() {
        let content = raw.trim_start_matches(' ');
        if content.is_empty() && !raw.is_empty() {
            // Lines of only spaces are not canonical.
            return None;
        }
        lines.push(Line {
            number: i + 1,
            indent: raw.len() - content.len(),
            content,
        });
    }
    if lines
        .first()
        .is_none_or(|l| l.indent != 0 || l.content.is_empty())
    {
        return None;
    }
    let mut reader = Reader { lines, next: 0 };
    let root = reader.mapping(0, 0)?;
    (reader.next == reader.lines.len()).then_some(root)
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<&Line<'a>> {
        self.lines.get(self.next)
    }

    /// The entries of a block mapping whose keys stand at `indent`.
    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.peek()?;
        let at = pos(start.number, indent + 1);
        let mut entries: Vec<(Key, Node)> = Vec::with_capacity(16);
        while let Some(line) = self.peek() {
            if line.indent < indent || line.content.is_empty() {
                break;
            }
            if line.indent > indent || line.content.starts_with("- ") || line.content == "-" {
                return None;
            }
            let (number, content) = (line.number, line.content);
            self.next += 1;
            let (key, rest) = split_key(content)?;
            if entries.iter().any(|(k, _)| k.text == key) {
                // Duplicates are the full parser's to report.
                return None;
            }
            let value = self.value_after(
                rest,
                number,
                indent,
                indent + rest_col(content, rest),
                depth,
            )?;
            entries.push((
                Key {
                    text: key,
                    pos: pos(number, indent + 1),
                },
                value,
            ));
        }
        Some(Node {
            value: Value::Map(entries),
            pos: at,
        })
    }

    /// The value after `key:` (or after `- `): `rest` is what follows on
    /// the same line, `col0` its 0-based column; `indent` is the indentation
    /// of the line holding the indicator.
    fn value_after(
        &mut self,
        rest: &str,
        number: usize,
        indent: usize,
        col0: usize,
        depth: usize,
    ) -> Option<Node> {
        if rest.is_empty() {
            // A nested block on the following lines.
            let next = self.peek()?;
            if next.content.is_empty() {
                return None;
            }
            return if next.indent == indent + 2 && is_item(next.content) {
                self.sequence(indent + 2, depth + 1)
            } else if next.indent == indent + 2 {
                self.mapping(indent + 2, depth + 1)
            } else {
                None
            };
        }
        let at = pos(number, col0 + 1);
        match rest {
            "|" | "|-" | "|+" => self.literal(rest, indent + 2),
            "[]" => Some(Node {
                value: Value::Seq(Vec::new()),
                pos: at,
            }),
            "{}" => Some(Node {
                value: Value::Map(Vec::new()),
                pos: at,
            }),
            _ if rest.starts_with('[') => flow_list(rest, number, col0),
            _ if rest.starts_with('"') => {
                let (text, used) = double_quoted(rest)?;
                (used == rest.len()).then(|| scalar(text, ScalarKind::Quoted, at))
            }
            _ => plain(rest).then(|| scalar(rest.to_string(), ScalarKind::Plain, at)),
        }
    }

    /// A block list whose dashes stand at `indent`.
    fn sequence(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let at = pos(self.peek()?.number, indent + 1);
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent < indent || line.content.is_empty() {
                break;
            }
            if line.indent > indent || !line.content.starts_with("- ") {
                return None;
            }
            let (number, content) = (line.number, &line.content[2..]);
            if is_entry(content) {
                // A mapping item: its first entry shares the dash's line, the
                // rest stand two columns further in. Read the first entry by
                // pretending the line starts at that column.
                self.lines[self.next].indent = indent + 2;
                self.lines[self.next].content = content;
                items.push(self.mapping(indent + 2, depth + 1)?);
            } else {
                self.next += 1;
                items.push(self.value_after(content, number, indent, indent + 2, depth)?);
            }
        }
        Some(Node {
            value: Value::Seq(items),
            pos: at,
        })
    }

    /// A literal block (`|`, `|-`, `|+`) whose lines stand at `indent`.
    fn literal(&mut self, header: &str, indent: usize) -> Option<Node> {
        let first = self.peek()?;
        if first.content.is_empty() || first.indent != indent {
            return None;
        }
        let at = pos(first.number, indent + 1);
        let mut text = String::new();
        let mut blank = 0;
        while let Some(line) = self.peek() {
            if line.content.is_empty() {
                blank += 1;
                self.next += 1;
                continue;
            }
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                // More indentation inside a block is content the full
                // parser keeps; simpler to let it.
                return None;
            }
            if line.content.chars().any(needs_escape) {
                // aims never writes these in a block; the full parser
                // refuses some of them (a NUL, a byte-order mark) and must
                // be the one to say so.
                return None;
            }
            for _ in 0..blank {
                text.push('\n');
            }
            blank = 0;
            text.push_str(line.content);
            text.push('\n');
            self.next += 1;
        }
        match header {
            "|" => {}
            "|-" => {
                text.pop();
            }
            _ => {
                for _ in 0..blank {
                    text.push('\n');
                }
            }
        }
        if blank > 0 && header != "|+" {
            // Blank lines before the next key belong to no one in the
            // canonical form; leave such text to the full parser.
            return None;
        }
        Some(scalar(text, ScalarKind::Block, at))
    }
}

fn is_item(content: &str) -> bool {
    content.starts_with("- ")
}

/// True when a list item's text starts a mapping (`key: value` or `key:`).
fn is_entry(content: &str) -> bool {
    split_key(content).is_some()
}

/// `key: rest` or `key:` into the key and what follows the separator.
fn split_key(content: &str) -> Option<(String, &str)> {
    if content.starts_with('"') {
        let (key, used) = double_quoted(content)?;
        let after = &content[used..];
        return match after.strip_prefix(':') {
            Some("") => Some((key, "")),
            Some(rest) => rest.strip_prefix(' ').map(|rest| (key, rest)),
            None => None,
        };
    }
    let (key, rest) = match content.find(": ") {
        Some(i) => (&content[..i], &content[i + 2..]),
        None => (content.strip_suffix(':')?, ""),
    };
    if key.is_empty() || key.contains(':') || !(is_plain_safe(key) || key.parse::<u32>().is_ok()) {
        return None;
    }
    if rest.starts_with(' ') {
        return None;
    }
    Some((key.to_string(), rest))
}

/// The 0-based column where `rest` starts within `content`.
fn rest_col(content: &str, rest: &str) -> usize {
    content[..content.len() - rest.len()].chars().count()
}

/// A plain scalar the full parser reads as exactly this text.
fn plain(text: &str) -> bool {
    const INDICATORS: &str = "[]{},#&*!|>'\"%@`";
    let Some(first) = text.chars().next() else {
        return false;
    };
    let dash_like = text.starts_with(['-', '?', ':']) && text[1..].starts_with(' ');
    // A leading space (`-  x`) is indentation to the full parser, not text.
    first != ' '
        && !INDICATORS.contains(first)
        && !dash_like
        && !matches!(text, "-" | "?" | ":")
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with([':', ' '])
        && !text.chars().any(needs_escape)
}

/// `[a, b, c]` of plain words on one line.
fn flow_list(rest: &str, number: usize, col0: usize) -> Option<Node> {
    let inner = rest.strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::new();
    let mut offset = col0 + 1;
    for word in inner.split(", ") {
        if word.is_empty() || word.contains([',', '[', ']', '{', '}', '"', ' ']) || !plain(word) {
            return None;
        }
        items.push(scalar(
            word.to_string(),
            ScalarKind::Plain,
            pos(number, offset + 1),
        ));
        offset += word.chars().count() + 2;
    }
    Some(Node {
        value: Value::Seq(items),
        pos: pos(number, col0 + 1),
    })
}

/// A double-quoted scalar at the start of `text`: its value and the bytes
/// it used, closing quote included.
fn double_quoted(text: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    'e' => out.push('\u{1b}'),
                    'x' | 'u' | 'U' => {
                        let len = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut code = 0u32;
                        for _ in 0..len {
                            code = code * 16 + chars.next()?.1.to_digit(16)?;
                        }
                        out.push(char::from_u32(code)?);
                    }
                    _ => return None,
                }
            }
            c if c.is_control() => return None,
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use proptest::prelude::*;
    use proptest::sample::select;
    use proptest::test_runner::{Config, TestRunner};

    use super::super::parse::{parse_document, parse_full};
    use super::super::{Limits, emit_document};
    use super::*;

    fn full(text: &str) -> Node {
        parse_full(text, Limits::default()).unwrap().unwrap()
    }

    /// Either the fast reader declines (false), or it builds exactly the
    /// tree the full parser builds (true). Accepting a text the full parser
    /// refuses, or reading it differently, fails the test.
    fn agrees(text: &str) -> bool {
        match parse_canonical(text) {
            None => false,
            Some(fast) => {
                assert_eq!(
                    Ok(Some(fast)),
                    parse_full(text, Limits::default()),
                    "for:\n{text:?}"
                );
                true
            }
        }
    }

    #[test]
    fn canonical_records_read_the_same_as_with_the_full_parser() {
        let text = "id: x\nname: \"a: b\"\ndescription: |\n  two\n\n  lines\neu_ai_act:\n  role: deployer\naffected: [users, employees]\nevidence:\n  - ref: a.pdf\n    note: x\n  - ref: b\ntags:\n  - long item\n  - |\n    block\n    item\n  - \"quoted \\e[31m\"\nempty: []\nnone: {}\nstrip: |-\n  no end\nkeep: |+\n  more\n\n\nlast: \"4.1\"\n";
        assert!(agrees(text));
    }

    #[test]
    fn plain_unicode_and_yaml_looking_text_is_read_the_same() {
        for text in [
            "name: Ülf's tool «ok» — naïve café, 2€\n",
            "name: 日本語のテキスト\n",
            "name: שלום עולם and مرحبا\n",
            "name: \u{202e}right-to-left override\n",
            "name: robot 🤖 and family 👨\u{200d}👩\u{200d}👧\n",
            "tags: [🤖, ünï, שלום, 日本]\n",
            "名前: x\n",
            "a: x:y\n",
            "a: a#b\n",
            "a: -x\n",
            "a: ?x\n",
            "a: 1.0\n",
            "a: yes\n",
            "a: null\n",
            "a: ~\n",
            "a: 2026-10-12\n",
            "a: \"- x\"\n",
            "a: \"a: b\"\n",
            "a: \"#\"\n",
            "\"a: b\": 1\n",
            "4: x\n",
            "description: |\n  - x\n  a: b\n  # not a comment\n  yes\n  🤖 שלום\n",
            "list:\n  - a: 1\n    b: [x, y]\n  - |\n    block\n  - plain 🤖\n",
        ] {
            assert!(agrees(text), "declined {text:?}");
        }
    }

    #[test]
    fn anything_outside_the_canonical_form_is_declined() {
        for text in [
            // Comments.
            "# heading\na: 1\n",
            "a: 1 # comment\n",
            "a: [x, y] # comment\n",
            "a:\n  # inside\n  b: 1\n",
            // Scalar styles aims does not write.
            "a: 'single'\n",
            "a: >\n  folded\n",
            "a: |2\n  indicator\n",
            "a: | # comment\n  x\n",
            // Flow mappings, and flow lists of more than plain words.
            "a: {b: 1}\n",
            "{a: 1}\n",
            "a: [x, {b: 1}]\n",
            "a: [\"q\", y]\n",
            "a: [x y]\n",
            "a: [x,y]\n",
            "a: [x, , y]\n",
            // Anchors, aliases, tags, directives, documents, complex keys.
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "%YAML 1.2\n---\na: 1\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "? a\n: 1\n",
            // Tabs, odd indentation, stray spaces and blank lines.
            "a:\tb\n",
            "a:\n\tb: 1\n",
            "a: |\n  x\ty\n",
            "a:\n    deep: 1\n",
            "a:\n b: 1\n",
            "a:\n   b: 1\n",
            "a:\n- x\n",
            "a:\n   - x\n",
            " a: 1\n",
            "a:  two spaces\n",
            "a: trailing \n",
            "a: 1\n  \nb: 2\n",
            "a: 1\n\nb: 2\n",
            "a: |\n  x\n\nb: 1\n",
            "a: |\n   more\n  less\n",
            "a: b\n   c\n",
            // Line ends, byte-order mark, the end of the file.
            "a: 1\r\n",
            "\u{feff}a: 1\n",
            "a: 1",
            "",
            "\n",
            // Duplicate keys are the full parser's to report.
            "a: 1\na: 2\n",
            // Control characters and a byte-order mark inside the document.
            "a: |\n  x\0y\n",
            "a: |\n  x\u{1}y\n",
            "a: |\n  \u{1b}[31mred\n",
            "a: |\n  x\u{7f}\n",
            "a: |\n  next\u{85}line\n",
            "a: |\n  \u{feff}x\n",
            "a: |\n  x\u{2028}y\n",
            "a: x\0y\n",
            "a: x\u{1b}y\n",
            "a: x\u{feff}y\n",
            "a: x\u{2028}y\n",
            "a:\n  -  x\n",
            "a: ?\n",
            "a: :\n",
            "a: [?]\n",
            "a: [x\u{feff}y]\n",
            "a:\n  - x\u{feff}y\n",
            "a: \"x\0y\"\n",
            "x\0y: 1\n",
        ] {
            assert_eq!(parse_canonical(text), None, "accepted {text:?}");
        }
    }

    /// Regression: the fast reader took a NUL or a byte-order mark inside a
    /// block or plain scalar as text, so a file the YAML parser refuses
    /// loaded without an error.
    #[test]
    fn a_nul_or_byte_order_mark_inside_a_document_is_an_error() {
        for text in [
            "a: |\n  x\0y\n",
            "a: |\n  \u{feff}x\n",
            "a: x\u{feff}y\n",
            "a: [x\u{feff}y]\n",
            "a:\n  - x\u{feff}y\n",
        ] {
            assert!(
                parse_document(text, Limits::default()).is_err(),
                "read without an error: {text:?}"
            );
        }
    }

    #[test]
    fn the_example_workspace_and_the_catalogues_agree() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/workspace-example");
        let (mut files, mut accepted) = (0, 0);
        for dir in ["", "inventory", "soa", "impact"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}"))
                .unwrap()
                .flatten()
            {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    files += 1;
                    if agrees(&text) {
                        accepted += 1;
                    }
                    // What aims writes is always read by the fast path.
                    let canonical = emit_document(&full(&text));
                    assert!(agrees(&canonical), "{}", path.display());
                }
            }
        }
        assert_eq!(files, 1 + 13 + 29 + 3);
        assert_eq!(accepted, files, "the example is canonical");
        for name in ["iso42001-annex-a", "iso42001-clauses"] {
            let text = std::fs::read_to_string(format!(
                "{}/catalog/{name}.yaml",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            // The catalogues are written by hand: their flow lists hold
            // phrases (`[GOVERN 1.1, MAP 1.4]`), which the fast reader leaves
            // to the full parser; `agrees` fails if it took them and read
            // them differently.
            agrees(&text);
            // Written by aims, they are taken by the fast reader, and read
            // the same.
            let canonical = emit_document(&full(&text));
            assert!(agrees(&canonical), "{name}");
        }
    }

    /// Text as a person might type it: ASCII, any printable Unicode,
    /// multi-byte, right-to-left, emoji, text that looks like YAML, and now
    /// and then a character the canonical form never holds raw.
    fn line_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-zA-Z0-9 ._/:#-]{1,20}",
            3 => "\\PC{1,12}",
            4 => select(vec![
                "Ülf's tool «ok»", "naïve café — 2€", "日本語のテキスト", "שלום עולם",
                "مرحبا بالعالم", "\u{202e}rtl override", "🤖 robot", "👨\u{200d}👩\u{200d}👧",
                "e\u{301}", "- x", "-x", "a: b", "a:b", "#", "# c", "x #c", "x#c", "yes",
                "no", "on", "null", "~", "1.0", "4.1", "0x1f", "1e3", "2026-10-12",
                "2026-10-12T10:00:00Z", "12:30", "[x]", "{a: b}", "&a", "*a", "!tag", "|",
                ">", "'q'", "\"q\"", "%x", "@x", "`x`", "?x", "? x", ":x", "x:", "---",
                "...", " lead", "trail ", "quote \" and \\",
            ]).prop_map(str::to_string),
            1 => select(vec![
                "nul\0", "bom\u{feff}", "esc\u{1b}[31m", "tab\there", "del\u{7f}",
                "nel\u{85}", "ls\u{2028}", "cr\r",
            ]).prop_map(str::to_string),
        ]
    }

    /// One line, or several joined by newlines, with or without a last one.
    fn text_strategy() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(line_strategy(), 1..4),
            0..3usize,
            any::<bool>(),
        )
            .prop_map(|(lines, trailing, blank_inside)| {
                let sep = if blank_inside { "\n\n" } else { "\n" };
                let mut text = lines.join(sep);
                text.extend(std::iter::repeat_n('\n', trailing));
                text
            })
    }

    /// A word as aims writes it plain because it means a YAML value.
    fn value_word() -> impl Strategy<Value = String> {
        select(vec![
            "true",
            "false",
            "null",
            "10",
            "4.1",
            "2026-10-12",
            "deployer",
            "not_started",
        ])
        .prop_map(str::to_string)
    }

    fn key_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z_]{1,8}",
            select(vec![
                "id", "x y", "on", "4", "a: b", "naïve", "名前", "🤖", "-x", "#k",
            ])
            .prop_map(str::to_string),
        ]
    }

    /// A record as the program builds it in memory, to be written by
    /// [`emit_document`].
    fn node_strategy() -> impl Strategy<Value = Node> {
        let leaf = prop_oneof![
            3 => text_strategy().prop_map(Node::string),
            1 => value_word().prop_map(Node::plain),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Node::seq),
                proptest::collection::btree_map(key_strategy(), inner, 0..4)
                    .prop_map(|m| Node::map(m.into_iter().collect())),
            ]
        })
    }

    /// A value written by hand, not through the writer: plain scalars
    /// exactly as typed, literal blocks, flow lists, nested blocks.
    #[derive(Clone, Debug)]
    enum Raw {
        Plain(String),
        Block(&'static str, Vec<String>),
        Flow(Vec<String>),
        Map(Vec<(String, Raw)>),
        Seq(Vec<Raw>),
    }

    fn raw_strategy() -> impl Strategy<Value = Raw> {
        let leaf = prop_oneof![
            4 => line_strategy().prop_map(Raw::Plain),
            2 => (
                select(vec!["|", "|-", "|+"]),
                proptest::collection::vec(
                    prop_oneof![4 => line_strategy(), 1 => Just(String::new())],
                    1..4,
                ),
            )
                .prop_map(|(header, lines)| Raw::Block(header, lines)),
            1 => proptest::collection::vec(line_strategy(), 0..4).prop_map(Raw::Flow),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Raw::Seq),
                proptest::collection::vec((key_strategy(), inner), 0..4).prop_map(Raw::Map),
            ]
        })
    }

    /// Writes `raw` after `key:` or `- ` on a line indented by `level`.
    fn write_after_indicator(out: &mut String, level: usize, raw: &Raw) {
        let pad = |n: usize| " ".repeat(n);
        match raw {
            Raw::Plain(text) => out.push_str(&format!(" {text}\n")),
            Raw::Flow(words) => out.push_str(&format!(" [{}]\n", words.join(", "))),
            Raw::Block(header, lines) => {
                out.push_str(&format!(" {header}\n"));
                for line in lines {
                    if !line.is_empty() {
                        out.push_str(&pad(level + 2));
                        out.push_str(line);
                    }
                    out.push('\n');
                }
            }
            Raw::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
            Raw::Seq(items) if items.is_empty() => out.push_str(" []\n"),
            Raw::Map(entries) => {
                out.push('\n');
                for (key, value) in entries {
                    out.push_str(&format!("{}{key}:", pad(level + 2)));
                    write_after_indicator(out, level + 2, value);
                }
            }
            Raw::Seq(items) => {
                out.push('\n');
                for item in items {
                    out.push_str(&format!("{}-", pad(level + 2)));
                    match item {
                        Raw::Map(entries) if !entries.is_empty() => {
                            for (i, (key, value)) in entries.iter().enumerate() {
                                let at = if i == 0 { " ".into() } else { pad(level + 4) };
                                out.push_str(&format!("{at}{key}:"));
                                write_after_indicator(out, level + 4, value);
                            }
                        }
                        other => write_after_indicator(out, level + 2, other),
                    }
                }
            }
        }
    }

    /// Runs `check` on `PROPTEST_CASES` cases (default 512) and returns how
    /// many of them the fast reader accepted.
    fn run_cases<S: Strategy>(strategy: S, check: impl Fn(S::Value) -> bool) -> (u32, u32)
    where
        S::Value: std::fmt::Debug,
    {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(512);
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let accepted = Cell::new(0);
        let result = runner.run(&strategy, |value| {
            if check(value) {
                accepted.set(accepted.get() + 1);
            }
            Ok(())
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
        (accepted.get(), cases)
    }

    /// Whatever aims writes, the full parser reads, and the fast reader
    /// either declines or builds the very same tree. Most of it must be
    /// taken by the fast reader, so that the comparison is not empty.
    #[test]
    fn written_records_read_the_same_either_way() {
        let strategy = proptest::collection::btree_map(key_strategy(), node_strategy(), 1..6);
        let (accepted, cases) = run_cases(strategy, |entries| {
            let text = emit_document(&Node::map(entries.into_iter().collect()));
            let slow = parse_full(&text, Limits::default());
            assert!(
                slow.is_ok(),
                "aims wrote YAML it cannot read:\n{text}\n{slow:?}"
            );
            agrees(&text)
        });
        // About two in three are taken (tabs and indented lines in blocks
        // go to the full parser); half or fewer means it declines what it
        // should read. Too few cases say nothing either way.
        assert!(
            cases < 200 || accepted * 2 > cases,
            "the fast reader took only {accepted} of {cases}"
        );
    }

    /// Hand-written text near the canonical form: plain scalars exactly as
    /// typed, blocks, flow lists. The fast reader declines or agrees.
    #[test]
    fn hand_written_text_is_declined_or_read_the_same() {
        let strategy = proptest::collection::vec((key_strategy(), raw_strategy()), 1..6);
        let (accepted, cases) = run_cases(strategy, |entries| {
            let mut text = String::new();
            for (key, value) in &entries {
                text.push_str(&format!("{key}:"));
                write_after_indicator(&mut text, 0, value);
            }
            agrees(&text)
        });
        // About one in eight is canonical; one in 25 or fewer means it
        // declines what it should read. Too few cases say nothing.
        assert!(
            cases < 200 || accepted * 25 > cases,
            "the fast reader took only {accepted} of {cases}"
        );
    }
}
