//! Comments of a hand-written file, carried into its canonical rewrite.
//!
//! The canonical writer knows nothing of comments, so a rewrite would lose
//! every one. Instead each comment of the old text is tied to the key (or
//! list item) it sits above or ends, found by that key's path, and put back
//! in the same place in the new text. A comment whose key is gone cannot be
//! placed: it is returned, so that the caller can say so.

use std::collections::HashMap;
use std::fmt;

use super::{Limits, Node, Pos, Value, emit_document, parse_document};

/// A comment the new text has no place for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroppedComment {
    /// The line it was on, 1-based.
    pub line: usize,
    /// The comment itself, from `#`.
    pub text: String,
    /// The key it belonged to, dotted (`eu_ai_act.role`, `evidence[ref=x]`).
    pub key: String,
}

impl fmt::Display for DroppedComment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: `{}` (on `{}`, which is gone)",
            self.line, self.text, self.key
        )
    }
}

/// The new text with the old text's comments in it, and those left out.
#[derive(Debug)]
pub struct Carried {
    pub text: String,
    pub dropped: Vec<DroppedComment>,
}

/// One step of the way to a node: a mapping key, or a list item named by
/// its content (so that a comment follows its item when others are added
/// or removed before it).
type Path = Vec<String>;

enum Place {
    /// Above the first key: the file's own header.
    Header,
    /// On lines of its own just above a key.
    Above(Path),
    /// At the end of a key's line.
    After(Path),
    /// After the last key.
    Footer,
}

struct Comment {
    line: usize,
    text: String,
    place: Place,
}

impl Comment {
    /// The top-level key the comment belongs to; `None` for the header
    /// and the footer.
    fn top_key(&self) -> Option<&str> {
        match &self.place {
            Place::Above(path) | Place::After(path) => path.first().map(String::as_str),
            Place::Header | Place::Footer => None,
        }
    }
}

/// `new` (canonical text, no comments) with the comments of `old` placed
/// at the keys they belong to. `old` is the file being replaced; when it is
/// not YAML aims can read, its comments have no key and go at the end.
pub fn carry_comments(old: &str, new: &str) -> Carried {
    carry_comments_of(old, new, &|_| true)
}

/// [`carry_comments`] for the comments whose top-level key `wanted` takes
/// (`None`: the file's header and footer): to carry each key's comments
/// from the version of a file its value came from.
pub fn carry_comments_of(old: &str, new: &str, wanted: &dyn Fn(Option<&str>) -> bool) -> Carried {
    let old = old.strip_prefix('\u{feff}').unwrap_or(old);
    // Most files have no `#` at all: no need to read them again.
    let spans = if old.contains('#') {
        find_comments(old)
    } else {
        Vec::new()
    };
    if spans.is_empty() {
        return Carried {
            text: new.to_string(),
            dropped: Vec::new(),
        };
    }
    let lines: Vec<&str> = old.split('\n').collect();
    let old_root = match parse_document(old, Limits::default()) {
        Ok(Some(root)) => root,
        _ => Node::map(Vec::new()),
    };
    let old_starts = path_starts(&old_root);
    let comments: Vec<Comment> = spans
        .iter()
        .map(|span| Comment {
            line: span.line + 1,
            text: lines[span.line][span.start..]
                .trim_end_matches(['\r', ' ', '\t'])
                .to_string(),
            place: place_of(span, &lines, &old_starts),
        })
        .filter(|comment| wanted(comment.top_key()))
        .collect();
    let Ok(Some(new_root)) = parse_document(new, Limits::default()) else {
        return unplaced(new, comments, "(text aims could not read)");
    };
    let carried = place(new, &comments, &path_starts(&new_root));
    // Comments change nothing YAML reads; should one ever seem to, the
    // text is written without them, and the caller says so.
    match parse_document(&carried.text, Limits::default()) {
        Ok(Some(read)) if emit_document(&read) == emit_document(&new_root) => carried,
        _ => unplaced(new, comments, "(a place aims could not keep)"),
    }
}

/// `new` as it is, every comment reported dropped for `why`.
fn unplaced(new: &str, comments: Vec<Comment>, why: &str) -> Carried {
    Carried {
        text: new.to_string(),
        dropped: comments
            .into_iter()
            .map(|c| DroppedComment {
                line: c.line,
                text: c.text,
                key: why.to_string(),
            })
            .collect(),
    }
}

/// A comment's place in the old text: where it starts, in bytes.
struct Span {
    /// 0-based line.
    line: usize,
    /// Byte offset of `#` in the line.
    start: usize,
}

/// Every comment of a YAML text. A `#` starts a comment at the start of a
/// line or after white space, outside quoted and block scalars: which is
/// why this follows quotes, flow brackets and block scalars across lines.
fn find_comments(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let mut scan = Scan::default();
    for (number, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(start) = scan.line(line) {
            found.push(Span {
                line: number,
                start,
            });
        }
    }
    found
}

/// What carries from one line to the next while looking for comments.
#[derive(Default)]
struct Scan {
    /// Inside a quoted scalar that goes on past its line.
    quote: Option<char>,
    /// Depth of `[` and `{`.
    flow: usize,
    /// Inside a block scalar (`|` or `>`): its parent's indentation, and
    /// the content's once known.
    block: Option<(usize, Option<usize>)>,
}

impl Scan {
    /// Reads one line (without its line break); returns where its comment
    /// starts, if it has one.
    fn line(&mut self, line: &str) -> Option<usize> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some((parent, content)) = self.block {
            let blank = line.trim().is_empty();
            let inside = match content {
                _ if blank => true,
                Some(content) => indent >= content,
                None if indent > parent => {
                    self.block = Some((parent, Some(indent)));
                    true
                }
                None => false,
            };
            if inside {
                return None;
            }
            self.block = None;
        }
        let bytes = line.as_bytes();
        let mut token_start = self.quote.is_none();
        // The column of the key or dash a block scalar on this line belongs to.
        let mut parent = indent;
        let mut token_col = indent;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if let Some(q) = self.quote {
                i += 1;
                if q == '"' && c == b'\\' {
                    i += 1;
                } else if c == q as u8 {
                    if q == '\'' && bytes.get(i) == Some(&b'\'') {
                        i += 1;
                    } else {
                        self.quote = None;
                    }
                }
                continue;
            }
            let next = bytes.get(i + 1).copied();
            let ends_word = |b: Option<u8>| matches!(b, None | Some(b' ' | b'\t'));
            match c {
                b' ' | b'\t' => {}
                b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => return Some(i),
                b'"' | b'\'' if token_start => {
                    self.quote = Some(c as char);
                    token_col = i;
                    token_start = false;
                }
                b'-' | b'?' if token_start && self.flow == 0 && ends_word(next) => parent = i,
                b'|' | b'>' if token_start && self.flow == 0 => {
                    let explicit = line[i + 1..]
                        .chars()
                        .take_while(|c| !c.is_whitespace())
                        .find_map(|c| c.to_digit(10))
                        .map(|m| parent + m as usize);
                    self.block = Some((parent, explicit));
                    token_start = false;
                }
                b'[' | b'{' if token_start || self.flow > 0 => {
                    self.flow += 1;
                    token_start = true;
                }
                b']' | b'}' if self.flow > 0 => {
                    self.flow -= 1;
                    token_start = false;
                }
                b',' if self.flow > 0 => token_start = true,
                b':' if ends_word(next)
                    || (self.flow > 0
                        && matches!(next, Some(b',' | b'[' | b']' | b'{' | b'}'))) =>
                {
                    parent = token_col;
                    token_start = true;
                }
                b'&' | b'!' if token_start => {
                    // An anchor or a tag: the value follows it.
                    while i + 1 < bytes.len() && !matches!(bytes[i + 1], b' ' | b'\t') {
                        i += 1;
                    }
                }
                _ if token_start => {
                    token_col = i;
                    token_start = false;
                }
                _ => {}
            }
            i += 1;
        }
        None
    }
}

/// Where each key and list item starts, in document order, with its path.
fn path_starts(root: &Node) -> Vec<(Pos, Path)> {
    let mut starts = Vec::new();
    let mut stack: Vec<(&Node, Path)> = vec![(root, Vec::new())];
    while let Some((node, path)) = stack.pop() {
        let mut children: Vec<(&Node, Path)> = Vec::new();
        match &node.value {
            Value::Map(entries) => {
                for (key, value) in entries {
                    let mut child = path.clone();
                    child.push(key.text.clone());
                    starts.push((key.pos, child.clone()));
                    children.push((value, child));
                }
            }
            Value::Seq(items) => {
                let mut seen: HashMap<String, usize> = HashMap::new();
                for (index, item) in items.iter().enumerate() {
                    let mut name = item_name(item).unwrap_or_else(|| format!("{index}"));
                    let count = seen.entry(name.clone()).or_default();
                    *count += 1;
                    if *count > 1 {
                        name = format!("{name}~{count}");
                    }
                    let mut child = path.clone();
                    child.push(format!("[{name}]"));
                    starts.push((item.pos, child.clone()));
                    children.push((item, child));
                }
            }
            Value::Scalar { .. } => {}
        }
        stack.extend(children.into_iter().rev());
    }
    // A list item and its first key start at the same place; the item is
    // the outer one and comes first.
    starts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.len().cmp(&b.1.len())));
    starts
}

/// A list item by what it holds: its text, or its first key and value.
fn item_name(item: &Node) -> Option<String> {
    match &item.value {
        Value::Scalar { text, .. } => Some(text.clone()),
        Value::Map(entries) => entries.first().map(|(key, value)| match &value.value {
            Value::Scalar { text, .. } => format!("{}={text}", key.text),
            _ => key.text.clone(),
        }),
        Value::Seq(_) => None,
    }
}

/// A comment on a line of its own belongs to the key that follows it (or
/// is the file's header or footer); one after a value, to the last key
/// that started before it.
fn place_of(span: &Span, lines: &[&str], starts: &[(Pos, Path)]) -> Place {
    let line = lines[span.line];
    let col = line[..span.start].chars().count() + 1;
    let at = Pos::new(span.line + 1, col);
    let own_line = line[..span.start].trim().is_empty();
    if own_line {
        match starts.iter().position(|(pos, _)| *pos > at) {
            Some(0) => Place::Header,
            Some(i) => Place::Above(starts[i].1.clone()),
            None => Place::Footer,
        }
    } else {
        match starts.iter().rev().find(|(pos, _)| *pos < at) {
            Some((_, path)) => Place::After(path.clone()),
            None => Place::Header,
        }
    }
}

/// Writes `new` with each comment at its place; returns those that have none.
fn place(new: &str, comments: &[Comment], starts: &[(Pos, Path)]) -> Carried {
    let line_of: HashMap<&Path, usize> = starts
        .iter()
        .rev()
        .map(|(pos, path)| (path, pos.line as usize - 1))
        .collect();
    let lines: Vec<&str> = new.lines().collect();
    let mut above: Vec<Vec<&str>> = vec![Vec::new(); lines.len()];
    let mut after: Vec<Option<&str>> = vec![None; lines.len()];
    let mut header = Vec::new();
    let mut footer = Vec::new();
    let mut dropped = Vec::new();
    for comment in comments {
        let text = comment.text.as_str();
        let target = match &comment.place {
            Place::Header => {
                header.push(text);
                continue;
            }
            Place::Footer => {
                footer.push(text);
                continue;
            }
            Place::Above(path) | Place::After(path) => (path, line_of.get(path)),
        };
        match (target, &comment.place) {
            ((_, Some(&line)), Place::After(_)) if after[line].is_none() => {
                after[line] = Some(text);
            }
            // A second comment for one line (two items of a list written on
            // one line) goes above it: a line has room for one.
            ((_, Some(&line)), _) => above[line].push(text),
            ((path, None), _) => dropped.push(DroppedComment {
                line: comment.line,
                text: comment.text.clone(),
                key: dotted(path),
            }),
        }
    }
    let mut text = String::with_capacity(new.len() + 64 * comments.len());
    for comment in header {
        text.push_str(comment);
        text.push('\n');
    }
    for (i, line) in lines.iter().enumerate() {
        let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
        for comment in &above[i] {
            text.push_str(indent);
            text.push_str(comment);
            text.push('\n');
        }
        text.push_str(line);
        if let Some(comment) = after[i] {
            text.push(' ');
            text.push_str(comment);
        }
        text.push('\n');
    }
    for comment in footer {
        text.push_str(comment);
        text.push('\n');
    }
    Carried { text, dropped }
}

/// A path as a person reads it: `eu_ai_act.role`, `evidence[ref=policy]`.
fn dotted(path: &Path) -> String {
    let mut out = String::new();
    for step in path {
        if !out.is_empty() && !step.starts_with('[') {
            out.push('.');
        }
        out.push_str(step);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical text of `old`, with `old`'s comments carried over.
    fn rewrite(old: &str) -> Carried {
        let root = parse_document(old, Limits::default()).unwrap().unwrap();
        carry_comments(old, &emit_document(&root))
    }

    fn found(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.split('\n').collect();
        find_comments(text)
            .iter()
            .map(|s| lines[s.line][s.start..].to_string())
            .collect()
    }

    #[test]
    fn a_hash_inside_text_is_not_a_comment() {
        let text = "a: x#y # one\nb: 'it''s # not' # two\nc: \"q \\\" # not\" # three\nd: |\n  # text, not a comment\n  more # text\n# four\ne: [x, y] # five\nf: >-\n    # text\n  # six\ng: 'multi\n  line # still text' # seven\n";
        assert_eq!(
            found(text),
            [
                "# one", "# two", "# three", "# four", "# five", "# six", "# seven"
            ]
        );
    }

    #[test]
    fn block_scalars_in_list_items_and_explicit_indents_are_followed() {
        let text = "a:\n  - |\n    # text\n  # one\n  - b: |2\n       # text\n    # two\nc: x\n";
        assert_eq!(found(text), ["# one", "# two"]);
    }

    #[test]
    fn comments_in_every_position_survive_a_rewrite() {
        let old = "# header\n# by Priya\n\nname: 'Bot'   # working title\n# above owner\nowner: Ana\nnotes: |\n  # part of the notes\n  line two\n# above the block\neu_ai_act:   # the Act\n  # role above\n  role: deployer # role after\nevidence:\n  # first item\n  - ref: policy.pdf  # ref after\n    # above note\n    note: signed\n  - ref: minutes.md\ncontrols:\n  - A.5.2   # kept with its item\n  - A.6.1\n# footer\n";
        let carried = rewrite(old);
        assert_eq!(carried.dropped, []);
        assert_eq!(
            carried.text,
            "# header\n# by Priya\nname: Bot # working title\n# above owner\nowner: Ana\nnotes: |\n  # part of the notes\n  line two\n# above the block\neu_ai_act: # the Act\n  # role above\n  role: deployer # role after\nevidence:\n  # first item\n  - ref: policy.pdf # ref after\n    # above note\n    note: signed\n  - ref: minutes.md\ncontrols: [A.5.2, A.6.1] # kept with its item\n# footer\n"
        );
        // Carrying them again changes nothing: fmt is stable.
        assert_eq!(rewrite(&carried.text).text, carried.text);
    }

    #[test]
    fn a_comment_follows_its_key_when_the_order_changes() {
        let old = "owner: Ana # acting\n# the control\ncontrol: A.2.2\n";
        let new = "control: A.2.2\nowner: Ana\n";
        let carried = carry_comments(old, new);
        assert_eq!(
            carried.text,
            "# the control\ncontrol: A.2.2\nowner: Ana # acting\n"
        );
    }

    #[test]
    fn a_comment_whose_key_is_gone_is_reported() {
        let old = "a: 1\n# why b\nb: 2 # b's value\nc:\n  - ref: x # the x\n";
        let carried = carry_comments(old, "a: 1\nc: []\n");
        assert_eq!(carried.text, "a: 1\nc: []\n");
        let dropped: Vec<String> = carried.dropped.iter().map(ToString::to_string).collect();
        assert_eq!(
            dropped,
            [
                "line 2: `# why b` (on `b`, which is gone)",
                "line 3: `# b's value` (on `b`, which is gone)",
                "line 5: `# the x` (on `c[ref=x].ref`, which is gone)",
            ]
        );
    }

    #[test]
    fn byte_order_marks_crlf_and_multibyte_text_keep_their_places() {
        let old = "\u{feff}# ملاحظة\r\nname: 名前 # 注\r\nowner: Zoë\r\n";
        let carried = carry_comments(old, "name: 名前\nowner: Zoë\n");
        assert_eq!(carried.text, "# ملاحظة\nname: 名前 # 注\nowner: Zoë\n");
    }

    #[test]
    fn text_without_comments_is_returned_as_it_is() {
        let carried = carry_comments("a: 'x # y'\n", "a: 'x # y'\n");
        assert_eq!(carried.text, "a: 'x # y'\n");
        assert!(carried.dropped.is_empty());
    }

    mod properties {
        use super::*;
        use crate::yaml::ScalarKind;
        use proptest::prelude::*;

        fn word() -> impl Strategy<Value = String> {
            "[a-z][a-z_]{0,7}"
        }

        /// Text as people type it: spaces, quotes, colons, hashes, several
        /// lines, several scripts.
        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    word(),
                    Just(" ".to_string()),
                    Just(" # ".to_string()),
                    Just(": ".to_string()),
                    Just("'".to_string()),
                    Just("\"".to_string()),
                    Just("\n".to_string()),
                    Just("Zoë 名前 ملاحظة 👩‍💻".to_string()),
                    Just("- [x]".to_string()),
                ],
                1..8,
            )
            .prop_map(|parts| parts.concat())
        }

        fn scalar() -> impl Strategy<Value = Node> {
            prop_oneof![
                text().prop_map(|t| Node::new(Value::Scalar {
                    text: t,
                    kind: ScalarKind::Quoted
                })),
                word().prop_map(Node::plain),
            ]
        }

        fn map_of(value: impl Strategy<Value = Node>) -> impl Strategy<Value = Node> {
            proptest::collection::btree_map(word(), value, 1..5)
                .prop_map(|entries| Node::map(entries.into_iter().collect()))
        }

        /// A record-shaped tree: a mapping of scalars, blocks, word lists
        /// and lists of small mappings.
        fn record() -> impl Strategy<Value = Node> {
            let inner = prop_oneof![
                scalar(),
                proptest::collection::vec(word().prop_map(Node::plain), 0..4).prop_map(Node::seq),
                proptest::collection::vec(map_of(scalar()), 1..3).prop_map(Node::seq),
                map_of(scalar()),
            ];
            map_of(inner)
        }

        /// Comments put into canonical text where a person would: above a
        /// key or item at its indentation, and at the end of its line.
        /// With `restyle`, some quoted values are put in single quotes.
        fn commented(
            canonical: &str,
            picks: &[(bool, bool, String)],
            restyle: bool,
        ) -> (String, Vec<String>) {
            let root = parse_document(canonical, Limits::default())
                .unwrap()
                .unwrap();
            let key_lines: std::collections::BTreeSet<usize> = path_starts(&root)
                .iter()
                .map(|(pos, _)| pos.line as usize - 1)
                .collect();
            let mut out = String::new();
            let mut inserted = Vec::new();
            for (i, line) in canonical.lines().enumerate() {
                let pick = &picks[i % picks.len()];
                let keyed = key_lines.contains(&i);
                let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
                let comment = format!("# {}", pick.2);
                if keyed && pick.0 {
                    out.push_str(&format!("{indent}{comment}\n"));
                    inserted.push(comment.clone());
                }
                out.push_str(&restyled(line, keyed && restyle && pick.0 != pick.1));
                if keyed && pick.1 {
                    out.push_str(&format!(" {comment} end"));
                    inserted.push(format!("{comment} end"));
                }
                out.push('\n');
            }
            (out, inserted)
        }

        /// `key: "text"` as a person might write it, in single quotes.
        fn restyled(line: &str, single: bool) -> String {
            let Some((key, value)) = line.split_once(": \"") else {
                return line.to_string();
            };
            match value.strip_suffix('"') {
                Some(inner) if single && !inner.contains('\\') => {
                    format!("{key}: '{}'", inner.replace('\'', "''"))
                }
                _ => line.to_string(),
            }
        }

        proptest! {
            #[test]
            fn comments_put_anywhere_are_found_and_carried_exactly(
                root in record(),
                picks in proptest::collection::vec(
                    (any::<bool>(), any::<bool>(), "[ -~é名👩]{0,12}"), 1..9),
            ) {
                let canonical = emit_document(&root);
                let (hand, inserted) = commented(&canonical, &picks, true);
                // The comments change nothing that YAML reads.
                let read = parse_document(&hand, Limits::default()).unwrap().unwrap();
                prop_assert_eq!(emit_document(&read), canonical.clone());
                let found: Vec<String> =
                    found(&hand).into_iter().map(|c| c.trim_end().to_string()).collect();
                let inserted: Vec<String> =
                    inserted.into_iter().map(|c| c.trim_end().to_string()).collect();
                prop_assert_eq!(found, inserted);
                let carried = carry_comments(&hand, &canonical);
                prop_assert_eq!(carried.dropped, vec![]);
                let expected: String = commented(&canonical, &picks, false)
                    .0
                    .lines()
                    .map(|l| format!("{}\n", l.trim_end()))
                    .collect();
                prop_assert_eq!(&carried.text, &expected);
                prop_assert_eq!(carry_comments(&carried.text, &canonical).text, carried.text);
            }
        }
    }
}
