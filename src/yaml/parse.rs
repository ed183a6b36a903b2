//! Reading one YAML document into a [`Node`] tree, with budgets.
//!
//! The budgets are what make hostile or broken input safe to open: alias
//! expansion ("billion laughs") and nesting depth are both capped, and the
//! builder keeps its own stack, so no input can exhaust the call stack.

use std::collections::HashMap;
use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::{Key, Node, Pos, ScalarKind, Value};

/// Caps on one document. The defaults are far above any real record.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest nesting of lists and mappings.
    pub max_depth: usize,
    /// Most nodes after aliases are expanded.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_nodes: 200_000,
        }
    }
}

/// Why a document could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub pos: Pos,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.col, self.message)
    }
}

impl std::error::Error for ParseError {}

enum Frame {
    Seq {
        items: Vec<Node>,
        pos: Pos,
        anchor: usize,
    },
    Map {
        entries: Vec<(Key, Node)>,
        pending_key: Option<Key>,
        pos: Pos,
        anchor: usize,
    },
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    limits: Limits,
    root: Option<Node>,
}

fn pos_of(span: &Span) -> Pos {
    Pos::new(span.start.line(), span.start.col() + 1)
}

fn error(pos: Pos, message: impl Into<String>) -> ParseError {
    ParseError {
        pos,
        message: message.into(),
    }
}

/// How many values a node holds, itself and its keys included: what
/// [`Limits::max_nodes`] caps.
pub(super) fn count_nodes(node: &Node) -> usize {
    match &node.value {
        Value::Scalar { .. } => 1,
        Value::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(_, value)| 1 + count_nodes(value))
                .sum::<usize>()
        }
    }
}

impl Builder {
    fn count(&mut self, n: usize, pos: Pos) -> Result<(), ParseError> {
        self.nodes += n;
        if self.nodes > self.limits.max_nodes {
            return Err(error(
                pos,
                format!(
                    "the document expands to more than {} values (aliases that repeat each other?); write the values out",
                    self.limits.max_nodes
                ),
            ));
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), ParseError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(error(
                pos,
                format!(
                    "nesting is deeper than {} levels; records are never this deep",
                    self.limits.max_depth
                ),
            ));
        }
        self.count(1, pos)?;
        self.stack.push(frame);
        Ok(())
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors
                .insert(anchor, (node.clone(), count_nodes(node)));
        }
    }

    /// Hands a finished node to its parent (or makes it the root).
    fn attach(&mut self, node: Node) -> Result<(), ParseError> {
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(node);
                Ok(())
            }
            Some(Frame::Map {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                Some(key) => {
                    entries.push((key, node));
                    Ok(())
                }
                None => {
                    let Value::Scalar { text, .. } = node.value else {
                        return Err(error(
                            node.pos,
                            "a key must be a plain word, not a list or mapping",
                        ));
                    };
                    if let Some((first, _)) = entries.iter().find(|(key, _)| key.text == text) {
                        return Err(error(
                            node.pos,
                            format!(
                                "duplicate key `{}` (first at line {}); keep one of them",
                                text, first.pos.line
                            ),
                        ));
                    }
                    *pending_key = Some(Key {
                        text,
                        pos: node.pos,
                    });
                    Ok(())
                }
            },
        }
    }

    fn close(&mut self) -> Result<(), ParseError> {
        let (node, anchor) = match self.stack.pop() {
            Some(Frame::Seq { items, pos, anchor }) => (
                Node {
                    value: Value::Seq(items),
                    pos,
                },
                anchor,
            ),
            Some(Frame::Map {
                entries,
                pos,
                anchor,
                ..
            }) => (
                Node {
                    value: Value::Map(entries),
                    pos,
                },
                anchor,
            ),
            None => return Err(error(Pos::START, "unbalanced YAML structure")),
        };
        self.remember(anchor, &node);
        self.attach(node)
    }
}

fn scalar_kind(style: ScalarStyle) -> ScalarKind {
    match style {
        ScalarStyle::Plain => ScalarKind::Plain,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => ScalarKind::Quoted,
        _ => ScalarKind::Block,
    }
}

/// Reads the single document in `text`. `Ok(None)` means the text holds no
/// document at all (empty, or only comments).
pub fn parse_document(text: &str, limits: Limits) -> Result<Option<Node>, ParseError> {
    // Files aims wrote are read by the fast path; anything else, and every
    // error, by the full parser.
    match super::fast::parse_canonical(text, limits) {
        Some(node) => Ok(Some(node)),
        None => parse_full(text, limits),
    }
}

/// [`parse_document`] without the fast path: the YAML parser itself, which
/// the fast reader must never contradict (the tests hold one against the
/// other).
pub fn parse_full(text: &str, limits: Limits) -> Result<Option<Node>, ParseError> {
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        limits,
        root: None,
    };
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            error(
                Pos::new(e.marker().line(), e.marker().col() + 1),
                format!("YAML syntax error: {}", e.info()),
            )
        })?;
        let pos = pos_of(&span);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(error(
                        pos,
                        "a second YAML document (`---`); a file holds exactly one record",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, _tag) => {
                builder.count(1, pos)?;
                let node = Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        kind: scalar_kind(style),
                    },
                    pos,
                };
                builder.remember(anchor, &node);
                builder.attach(node)?;
            }
            Event::SequenceStart(anchor, _tag) => builder.open(
                Frame::Seq {
                    items: Vec::new(),
                    pos,
                    anchor,
                },
                pos,
            )?,
            Event::MappingStart(anchor, _tag) => builder.open(
                Frame::Map {
                    // Records have a dozen or two keys; fewer regrowths.
                    entries: Vec::with_capacity(16),
                    pending_key: None,
                    pos,
                    anchor,
                },
                pos,
            )?,
            Event::SequenceEnd | Event::MappingEnd => builder.close()?,
            Event::Alias(anchor) => {
                let Some((node, size)) = builder.anchors.get(&anchor).cloned() else {
                    return Err(error(pos, "alias to an unknown anchor"));
                };
                builder.count(size, pos)?;
                builder.attach(Node { pos, ..node })?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    Ok(builder.root)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Option<Node>, ParseError> {
        parse_document(text, Limits::default())
    }

    #[test]
    fn positions_are_one_based() {
        let node = parse("a: 1\nb:\n  - x\n").unwrap().unwrap();
        let Value::Map(entries) = node.value else {
            panic!("expected a map")
        };
        assert_eq!(entries[1].0.pos, Pos { line: 2, col: 1 });
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("expected a list")
        };
        assert_eq!(items[0].pos, Pos { line: 3, col: 5 });
    }

    #[test]
    fn duplicate_keys_name_both_lines() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.pos, Pos { line: 3, col: 1 });
        assert!(err.message.contains("first at line 1"), "{}", err.message);
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='j' {
            text.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = name;
        }
        let err = parse(&text).unwrap_err();
        assert!(
            err.message.contains("expands to more than"),
            "{}",
            err.message
        );
    }

    #[test]
    fn deep_nesting_is_stopped() {
        let text = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("nesting is deeper"), "{}", err.message);
        // Far deeper input is refused by the parser itself, still without a crash.
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&text).is_err());
    }

    #[test]
    fn empty_and_comment_only_texts_hold_no_document() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("# just a comment\n").unwrap(), None);
    }

    #[test]
    fn second_document_is_refused() {
        let err = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(err.message.contains("second YAML document"));
    }
}
