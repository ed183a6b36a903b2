//! A fast reader for the canonical form that aims itself writes.
//!
//! Almost every file in a workspace was written by aims, and a general YAML
//! parser spends most of a large `aims check` on them. This reader handles
//! only that form (block mappings and lists, two-space indentation, plain
//! and double-quoted scalars, literal blocks, flow lists of plain words) and
//! gives up, returning `None`, at the first thing outside it; the caller
//! then uses the full parser. For every text it accepts it builds the very
//! tree the full parser builds, positions included, and it declines what
//! breaks the read [`Limits`], so that the full parser reports it; tests
//! compare the two (`tests/core_fast_reader.rs`, mutated records included).

use super::parse::count_nodes;
use super::scalar::{any_needs_escape, is_indicator, is_plain_safe, plain_body_is_clean};
use super::{Key, Limits, Node, Pos, ScalarKind, Value};

/// The longest key, quotes included, that YAML reads in block style (an
/// "implicit key"), in characters.
const MAX_KEY_CHARS: usize = 1024;

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
    /// Lists and mappings nested deeper than this are the full parser's to
    /// refuse (the root mapping is at depth 0).
    max_depth: usize,
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

/// Reads `text` if it is in canonical form and within `limits`; `None`
/// otherwise.
pub fn parse_canonical(text: &str, limits: Limits) -> Option<Node> {
    if text.is_empty()
        || !text.ends_with('\n')
        || text.bytes().any(|b| b == b'\t' || b == b'\r')
        || text.starts_with('\u{feff}')
    {
        return None;
    }
    let mut lines = Vec::with_capacity(32);
    for (i, raw) in split_lines(text).enumerate() {
        let content = raw.trim_start_matches(' ');
        if content.is_empty() && !raw.is_empty() {
            // Lines of only spaces are not canonical.
            return None;
        }
        if is_document_marker(raw) {
            // `--- key: value` is a new document to YAML, not a key.
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
    let mut reader = Reader {
        lines,
        next: 0,
        max_depth: limits.max_depth,
    };
    let root = reader.mapping(0, 0)?;
    (reader.next == reader.lines.len() && count_nodes(&root) <= limits.max_nodes).then_some(root)
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<&Line<'a>> {
        self.lines.get(self.next)
    }

    /// The entries of a block mapping whose keys stand at `indent`.
    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth >= self.max_depth {
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
        let flow_too_deep = depth + 1 >= self.max_depth;
        match rest {
            "|" | "|-" | "|+" => self.literal(rest, indent + 2),
            _ if flow_too_deep && rest.starts_with(['[', '{']) => None,
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
        if depth >= self.max_depth {
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
            if any_needs_escape(line.content) {
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

/// The lines of `text`, which ends with a line break. Lines of a record are
/// short, and a plain scan finds their ends faster than a general search.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(move |(end, _)| {
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// `---` or `...` at the start of a line, alone or before a space: where
/// a YAML document starts or ends.
fn is_document_marker(line: &str) -> bool {
    ["---", "..."].iter().any(|marker| {
        line.strip_prefix(marker)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
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
    let (key, written, rest) = if content.starts_with('"') {
        let (key, used) = double_quoted(content)?;
        let rest = match content[used..].strip_prefix(':')? {
            "" => "",
            rest => rest.strip_prefix(' ')?,
        };
        (key, &content[..used], rest)
    } else {
        // The first colon must end the key: one inside it is not canonical.
        let colon = content.find(':')?;
        let key = &content[..colon];
        let rest = match &content[colon + 1..] {
            "" => "",
            rest => rest.strip_prefix(' ')?,
        };
        if key.is_empty()
            || !(is_plain_safe(key) || key.parse::<u32>().is_ok())
            || rest.starts_with(' ')
        {
            return None;
        }
        (key.to_string(), key, rest)
    };
    // YAML reads a key on one line only up to this length and refuses a
    // longer one; the full parser must be the one to say so.
    if written.len() > MAX_KEY_CHARS && written.chars().count() > MAX_KEY_CHARS {
        return None;
    }
    Some((key, rest))
}

/// The 0-based column where `rest` starts within `content`.
fn rest_col(content: &str, rest: &str) -> usize {
    content[..content.len() - rest.len()].chars().count()
}

/// A plain scalar the full parser reads as exactly this text.
fn plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    // `- x`, `? x`, `: x` and a lone `-`, `?` or `:` are indicators.
    let dash_like = matches!(first, b'-' | b'?' | b':') && bytes.get(1).is_none_or(|&b| b == b' ');
    // A leading space (`-  x`) is indentation to the full parser, not text.
    first != b' '
        && !is_indicator(char::from(first))
        && !dash_like
        && last != b':'
        && last != b' '
        && plain_body_is_clean(text)
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
