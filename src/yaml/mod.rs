//! A small YAML document model with source positions, and its canonical writer.
//!
//! aims reads YAML through `saphyr-parser` events into [`Node`]s that remember
//! where they came from, so that every diagnostic can name a line and column,
//! and writes records back through [`emit_document`] in one canonical form. This module
//! knows nothing of aims records: `model` turns nodes into typed records.

mod comments;
mod emit;
mod fast;
mod parse;
mod read;
mod scalar;

pub use comments::{Carried, DroppedComment, carry_comments, carry_comments_of};
pub use emit::emit_document;
pub use fast::parse_canonical;
pub use parse::{Limits, ParseError, parse_document, parse_full};
pub use read::{
    Choice, Extra, Finding, Findings, MapReader, Positions, Problem, parse_date, read_choice,
    scalar_text,
};
pub use scalar::{is_plain_safe, resolves_to_non_string};

/// A position in a source file: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };

    pub fn new(line: usize, col: usize) -> Pos {
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }
}

/// How a scalar was written. Plain scalars may mean numbers, booleans or null
/// to other YAML readers; quoted and block scalars are always strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    Plain,
    Quoted,
    Block,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar { text: String, kind: ScalarKind },
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key with the position it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub text: String,
    pub pos: Pos,
}

impl Key {
    /// A key built in memory, for writing; it has no source position.
    pub fn new(text: impl Into<String>) -> Key {
        Key {
            text: text.into(),
            pos: Pos::default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    /// A node built in memory, for writing; it has no source position.
    pub fn new(value: Value) -> Node {
        Node {
            value,
            pos: Pos::default(),
        }
    }

    /// A string scalar: written plain when that reads back as the same string.
    pub fn string(text: impl Into<String>) -> Node {
        Node::new(Value::Scalar {
            text: text.into(),
            kind: ScalarKind::Quoted,
        })
    }

    /// A scalar whose text is meant as a YAML value (bool, number, date, enum word).
    pub fn plain(text: impl Into<String>) -> Node {
        Node::new(Value::Scalar {
            text: text.into(),
            kind: ScalarKind::Plain,
        })
    }

    pub fn map(entries: Vec<(String, Node)>) -> Node {
        Node::new(Value::Map(
            entries
                .into_iter()
                .map(|(text, node)| (Key::new(text), node))
                .collect(),
        ))
    }

    pub fn seq(items: Vec<Node>) -> Node {
        Node::new(Value::Seq(items))
    }

    /// What the node is, in words, for messages like "expected a list, found text".
    pub fn describe(&self) -> &'static str {
        match &self.value {
            Value::Scalar { text, kind } => {
                if *kind == ScalarKind::Plain && (text.is_empty() || text == "~" || text == "null")
                {
                    "nothing (null)"
                } else {
                    "a single value"
                }
            }
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// True for an explicit null: `key:` with nothing after it, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, kind: ScalarKind::Plain }
            if text.is_empty() || text == "~" || text.eq_ignore_ascii_case("null"))
    }
}
