//! The canonical writer: one node tree, one text.
//!
//! Two spaces of indentation; mappings and lists of mappings in block style;
//! short lists of plain words in flow style (`[a, b]`); multi-line text as a
//! literal block (`|`); anything that would not read back as the same string
//! in double quotes. No comments, no document marker, LF line ends.

use std::fmt::Write;

use super::scalar::{any_needs_escape, is_plain_safe, needs_escape};
use super::{Node, ScalarKind, Value};

/// Lines longer than this switch a list of words from flow to block style.
const FLOW_WIDTH: usize = 80;

/// Writes a document whose root is a mapping (every aims record is one).
pub fn emit_document(root: &Node) -> String {
    let mut out = String::new();
    match &root.value {
        Value::Map(entries) => {
            for (key, value) in entries {
                emit_entry(&mut out, 0, &key.text, value);
            }
        }
        _ => emit_value_line(&mut out, 0, root),
    }
    out
}

fn indent(out: &mut String, width: usize) {
    out.extend(std::iter::repeat_n(' ', width));
}

fn emit_key(out: &mut String, key: &str) {
    if is_plain_safe(key) || key.parse::<u32>().is_ok() {
        out.push_str(key);
    } else {
        push_double_quoted(out, key);
    }
}

/// `key: value` at `level` spaces, with the value's own lines below if needed.
fn emit_entry(out: &mut String, level: usize, key: &str, value: &Node) {
    indent(out, level);
    emit_key(out, key);
    out.push(':');
    emit_after_indicator(out, level, value);
}

/// Writes what follows `key:` or `- `, where `level` is the indentation of
/// the line holding that indicator.
fn emit_after_indicator(out: &mut String, level: usize, value: &Node) {
    match &value.value {
        Value::Scalar { text, kind } => {
            if is_block_text(text, *kind) {
                push_block(out, level + 2, text);
            } else {
                out.push(' ');
                push_scalar(out, text, *kind);
                out.push('\n');
            }
        }
        Value::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Value::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Value::Seq(items) => {
            if let Some(flow) = flow_list(items)
                && level + flow.len() < FLOW_WIDTH
            {
                out.push(' ');
                out.push_str(&flow);
                out.push('\n');
            } else {
                out.push('\n');
                for item in items {
                    emit_item(out, level + 2, item);
                }
            }
        }
        Value::Map(entries) => {
            out.push('\n');
            for (key, value) in entries {
                emit_entry(out, level + 2, &key.text, value);
            }
        }
    }
}

/// One `- item` line at `level`; a mapping item starts on the dash line.
fn emit_item(out: &mut String, level: usize, item: &Node) {
    indent(out, level);
    out.push('-');
    match &item.value {
        Value::Map(entries) if !entries.is_empty() => {
            for (i, (key, value)) in entries.iter().enumerate() {
                if i == 0 {
                    out.push(' ');
                    emit_key(out, &key.text);
                    out.push(':');
                    emit_after_indicator(out, level + 2, value);
                } else {
                    emit_entry(out, level + 2, &key.text, value);
                }
            }
        }
        _ => emit_after_indicator(out, level, item),
    }
}

fn emit_value_line(out: &mut String, level: usize, node: &Node) {
    indent(out, level);
    if let Value::Scalar { text, kind } = &node.value {
        push_scalar(out, text, *kind);
        out.push('\n');
    }
}

/// `[a, b, c]` when every item is a scalar that reads back unchanged there.
fn flow_list(items: &[Node]) -> Option<String> {
    let mut flow = String::from("[");
    for (i, item) in items.iter().enumerate() {
        let Value::Scalar { text, kind } = &item.value else {
            return None;
        };
        let plain = if *kind == ScalarKind::Plain {
            !text.is_empty() && !any_needs_escape(text)
        } else {
            is_plain_safe(text)
        };
        // Only single words go in a flow list: some readers stumble on a
        // word that ends in ` -` there, and a block list is as clear.
        if !plain || text.contains([',', '[', ']', '{', '}', '#', ' ']) {
            return None;
        }
        if i > 0 {
            flow.push_str(", ");
        }
        flow.push_str(text);
    }
    flow.push(']');
    Some(flow)
}

/// Multi-line text goes in a literal block, unless it holds characters a
/// block cannot carry or starts with a space (which would need an
/// indentation indicator; double quotes are simpler to read back).
fn is_block_text(text: &str, kind: ScalarKind) -> bool {
    kind != ScalarKind::Plain
        && text.contains('\n')
        && !text.starts_with([' ', '\t', '\n'])
        && !text
            .chars()
            .any(|c| c != '\n' && c != '\t' && needs_escape(c))
        && !text.lines().any(|line| line.ends_with([' ', '\t']))
}

fn push_block(out: &mut String, level: usize, text: &str) {
    let body = text.trim_end_matches('\n');
    let trailing = text.len() - body.len();
    out.push_str(match trailing {
        0 => " |-\n",
        1 => " |\n",
        _ => " |+\n",
    });
    for line in body.split('\n') {
        if !line.is_empty() {
            indent(out, level);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
}

fn push_scalar(out: &mut String, text: &str, kind: ScalarKind) {
    let plain = match kind {
        // A plain scalar keeps its YAML meaning (a number stays a number).
        ScalarKind::Plain => !text.is_empty() && !any_needs_escape(text),
        ScalarKind::Quoted | ScalarKind::Block => is_plain_safe(text),
    };
    if plain {
        out.push_str(text);
    } else if kind == ScalarKind::Plain && text.is_empty() {
        out.push_str("null");
    } else {
        push_double_quoted(out, text);
    }
}

fn push_double_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\u{1b}' => out.push_str("\\e"),
            c if needs_escape(c) => {
                let code = u32::from(c);
                if code <= 0xff {
                    let _ = write!(out, "\\x{code:02x}");
                } else {
                    let _ = write!(out, "\\u{code:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::super::{Limits, parse_document};
    use super::*;

    fn round_trip(text: &str) -> String {
        let node = parse_document(text, Limits::default()).unwrap().unwrap();
        emit_document(&node)
    }

    #[test]
    fn canonical_text_is_a_fixed_point() {
        let text = "\
id: cv-screener
name: \"4.1\"
description: |
  Two lines
  of text.
tags: [hr, recruitment]
count: 3
eu_ai_act:
  role: deployer
evidence:
  - ref: policies/ai.pdf
    note: \"Signed: yes\"
  - ref: x
empty: []
";
        assert_eq!(round_trip(text), text);
    }

    #[test]
    fn awkward_strings_survive_a_round_trip() {
        for value in [
            "a: b",
            "\u{1b}[31mred",
            "trailing space ",
            "  leading",
            "line\n  indented\n",
            "no newline\nat end",
            "many\n\n\n",
            "tab\there",
            "quote \" and \\",
            "\u{202e}bidi",
            "yes",
        ] {
            let node = Node::map(vec![("k".into(), Node::string(value))]);
            let text = emit_document(&node);
            let back = parse_document(&text, Limits::default()).unwrap().unwrap();
            let Value::Map(entries) = back.value else {
                panic!("map")
            };
            let Value::Scalar { text: got, .. } = &entries[0].1.value else {
                panic!("scalar")
            };
            assert_eq!(got, value, "written as {text:?}");
        }
    }

    #[test]
    fn long_word_lists_switch_to_block_style() {
        let items = (0..30).map(|i| Node::string(format!("item-{i}"))).collect();
        let text = emit_document(&Node::map(vec![("tags".into(), Node::seq(items))]));
        assert!(text.starts_with("tags:\n  - item-0\n"), "{text}");
    }
}
