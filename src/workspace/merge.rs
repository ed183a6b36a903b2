//! Files left with git's conflict markers: where each conflict is, the two
//! versions of the file they stand for, and the record made by taking, key
//! by key, one side or the other.

use std::fs;

use super::{Record, SaveError, SaveOutcome, Workspace, record_from_node, save::Expect};
use crate::yaml::{
    Key, Limits, Node, Value, carry_comments, carry_comments_of, emit_document, parse_document,
};

/// One conflict: the lines between `<<<<<<<` and `>>>>>>>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk {
    /// The line of `<<<<<<<`, 1-based.
    pub start: usize,
    pub ours: Side,
    /// The common ancestor's lines, in the diff3 style (`|||||||`).
    pub base: Option<Side>,
    pub theirs: Side,
    /// The line of `>>>>>>>`.
    pub end: usize,
}

/// The lines of one side of a conflict, `from..=to` (empty when `to < from`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    /// What git wrote after the marker: a branch or a commit.
    pub label: String,
    pub from: usize,
    pub to: usize,
}

impl Side {
    /// "ours (HEAD) is lines 3-4", for messages.
    pub fn describe(&self, name: &str) -> String {
        let name = if self.label.is_empty() {
            name.to_string()
        } else {
            format!("{name} ({})", self.label)
        };
        match self.to.checked_sub(self.from) {
            None => format!("{name} is empty (after line {})", self.from - 1),
            Some(0) => format!("{name} is line {}", self.from),
            Some(_) => format!("{name} is lines {}-{}", self.from, self.to),
        }
    }
}

/// A conflict being read: where it opened, ours's label, and where the
/// base (diff3 style) and theirs begin once seen.
struct Opened {
    start: usize,
    label: String,
    base: Option<(usize, String)>,
    middle: Option<usize>,
}

/// The conflicts of `text`; `Err` with the line of a `<<<<<<<` that is
/// never closed.
pub fn conflict_hunks(text: &str) -> Result<Vec<Hunk>, usize> {
    if !text.starts_with("<<<<<<<") && !text.contains("\n<<<<<<<") {
        return Ok(Vec::new());
    }
    let label = |line: &str| line[7..].trim().to_string();
    let mut hunks = Vec::new();
    let mut open: Option<Opened> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with("<<<<<<<") {
            open = Some(Opened {
                start: n,
                label: label(line),
                base: None,
                middle: None,
            });
        } else if line.starts_with("|||||||") {
            if let Some(
                opened @ Opened {
                    base: None,
                    middle: None,
                    ..
                },
            ) = open.as_mut()
            {
                opened.base = Some((n, label(line)));
            }
        } else if line.trim_end() == "=======" {
            if let Some(opened @ Opened { middle: None, .. }) = open.as_mut() {
                opened.middle = Some(n);
            }
        } else if line.starts_with(">>>>>>>")
            && let Some(Opened {
                start,
                label: ours,
                base,
                middle: Some(middle),
            }) = open.take()
        {
            let ours_end = base.as_ref().map_or(middle, |(at, _)| *at);
            hunks.push(Hunk {
                start,
                ours: Side {
                    label: ours,
                    from: start + 1,
                    to: ours_end - 1,
                },
                base: base.map(|(at, label)| Side {
                    label,
                    from: at + 1,
                    to: middle - 1,
                }),
                theirs: Side {
                    label: label(line),
                    from: middle + 1,
                    to: n - 1,
                },
                end: n,
            });
        }
    }
    match open {
        Some(opened) => Err(opened.start),
        None => Ok(hunks),
    }
}

/// One side of a conflicted file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Ours,
    Theirs,
}

impl Which {
    /// "ours" or "theirs", as git says it.
    pub fn word(self) -> &'static str {
        match self {
            Which::Ours => "ours",
            Which::Theirs => "theirs",
        }
    }
}

/// The file as that side wrote it: each conflict replaced by its lines.
pub fn side_text(text: &str, hunks: &[Hunk], which: Which) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut next = 1;
    for hunk in hunks {
        let side = match which {
            Which::Ours => &hunk.ours,
            Which::Theirs => &hunk.theirs,
        };
        for line in &lines[next - 1..hunk.start - 1] {
            out.push_str(line);
        }
        for line in lines.get(side.from - 1..side.to).unwrap_or_default() {
            out.push_str(line);
        }
        next = hunk.end + 1;
    }
    for line in lines.get(next - 1..).unwrap_or_default() {
        out.push_str(line);
    }
    out
}

/// A conflicted record file, read as its two sides.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    pub path: String,
    /// The file as it is on disk, markers and all: what a resolution replaces.
    pub seen: String,
    pub hunks: Vec<Hunk>,
    /// Each side's text, and its top-level keys (or why it does not read).
    pub ours: Version,
    pub theirs: Version,
    /// The top-level keys whose values differ, in the order of the record.
    pub rows: Vec<MergeRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub which: Which,
    pub label: String,
    pub text: String,
    pub read: Result<Vec<(Key, Node)>, String>,
}

impl Version {
    /// "ours (HEAD)": the side and what git called it.
    pub fn name(&self) -> String {
        let side = self.which.word();
        if self.label.is_empty() {
            side.to_string()
        } else {
            format!("{side} ({})", self.label)
        }
    }
}

/// One key the two sides disagree on; `None`: that side has no such key.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeRow {
    pub key: String,
    pub ours: Option<Node>,
    pub theirs: Option<Node>,
}

impl MergeRow {
    /// A side's value as one line of YAML, or "(none)".
    pub fn show(&self, which: Which) -> String {
        let value = match which {
            Which::Ours => &self.ours,
            Which::Theirs => &self.theirs,
        };
        match value {
            None => "(none)".to_string(),
            Some(node) => {
                let text = emit_document(&Node::map(vec![("k".into(), node.clone())]));
                text.strip_prefix("k:")
                    .unwrap_or(&text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        }
    }
}

impl Merge {
    /// One side of the file.
    pub fn version(&self, which: Which) -> &Version {
        match which {
            Which::Ours => &self.ours,
            Which::Theirs => &self.theirs,
        }
    }

    /// The record made of each row's chosen side (`choices[i]` for
    /// `rows[i]`) and the keys both sides agree on. With no rows (one side
    /// does not read, or they differ only in comments) the side chosen
    /// first is taken whole.
    pub fn result(&self, choices: &[Which]) -> Result<Record, String> {
        let chosen = |i: usize| choices.get(i).copied().unwrap_or(Which::Ours);
        let whole = self.version(chosen(0));
        let base = whole.read.clone().map_err(|why| {
            format!("{} does not read as a record ({why}); take the other side, or fix the file in an editor", whole.name())
        })?;
        let mut entries = base;
        for (i, row) in self.rows.iter().enumerate() {
            let value = match chosen(i) {
                Which::Ours => &row.ours,
                Which::Theirs => &row.theirs,
            };
            let at = entries.iter().position(|(k, _)| k.text == row.key);
            match (at, value) {
                (Some(at), Some(value)) => entries[at].1 = value.clone(),
                (Some(at), None) => {
                    entries.remove(at);
                }
                (None, Some(value)) => entries.push((Key::new(row.key.clone()), value.clone())),
                (None, None) => {}
            }
        }
        record_from_node(&self.path, Node::new(Value::Map(entries)))
    }

    /// The text to write for `record`: its canonical form, with the comments
    /// of each key taken from the side its value came from (the header and
    /// footer from ours).
    fn text_for(&self, record: &Record, choices: &[Which]) -> String {
        if self.rows.is_empty() {
            let which = choices.first().copied().unwrap_or(Which::Ours);
            return carry_comments(&self.version(which).text, &record.to_text()).text;
        }
        let theirs: Vec<&str> = self
            .rows
            .iter()
            .zip(choices)
            .filter(|(_, which)| **which == Which::Theirs)
            .map(|(row, _)| row.key.as_str())
            .collect();
        let ours_kept = |key: Option<&str>| key.is_none_or(|key| !theirs.contains(&key));
        let with_ours = carry_comments_of(&self.ours.text, &record.to_text(), &ours_kept);
        let theirs_kept = |key: Option<&str>| key.is_some_and(|key| theirs.contains(&key));
        carry_comments_of(&self.theirs.text, &with_ours.text, &theirs_kept).text
    }
}

/// Reads one side: its top-level keys, or why it is not a record.
fn version(path: &str, which: Which, label: &str, text: String) -> Version {
    let read = match parse_document(&text, Limits::default()) {
        Ok(Some(node)) => match record_from_node(path, node.clone()) {
            Ok(_) => match node.value {
                Value::Map(entries) => Ok(entries),
                _ => Err("it is not a mapping".to_string()),
            },
            Err(why) => Err(why),
        },
        Ok(None) => Err("it is empty".to_string()),
        Err(e) => Err(e.to_string()),
    };
    Version {
        which,
        label: label.to_string(),
        text,
        read,
    }
}

/// The keys whose values differ between two sides, in the order they come.
fn differing(ours: &[(Key, Node)], theirs: &[(Key, Node)]) -> Vec<MergeRow> {
    let same = |a: &Node, b: &Node| {
        let wrap = |n: &Node| emit_document(&Node::map(vec![("k".into(), n.clone())]));
        wrap(a) == wrap(b)
    };
    let find = |entries: &[(Key, Node)], key: &str| {
        entries
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(_, v)| v.clone())
    };
    let mut keys: Vec<&str> = ours.iter().map(|(k, _)| k.text.as_str()).collect();
    for (k, _) in theirs {
        if !keys.contains(&k.text.as_str()) {
            keys.push(&k.text);
        }
    }
    keys.into_iter()
        .filter_map(|key| {
            let (a, b) = (find(ours, key), find(theirs, key));
            let differ = match (&a, &b) {
                (Some(a), Some(b)) => !same(a, b),
                (None, None) => false,
                _ => true,
            };
            differ.then(|| MergeRow {
                key: key.to_string(),
                ours: a,
                theirs: b,
            })
        })
        .collect()
}

impl Workspace {
    /// The conflicted file at `path`, read as its two sides; `None` when it
    /// holds no (complete) conflict.
    pub fn merge_of(&self, path: &str) -> Option<Merge> {
        let seen = fs::read_to_string(self.root.join(path)).ok()?;
        let hunks = conflict_hunks(&seen).ok().filter(|h| !h.is_empty())?;
        let first = &hunks[0];
        let side = |which: Which, label: &str| {
            version(path, which, label, side_text(&seen, &hunks, which))
        };
        let ours = side(Which::Ours, &first.ours.label);
        let theirs = side(Which::Theirs, &first.theirs.label);
        let rows = match (&ours.read, &theirs.read) {
            (Ok(a), Ok(b)) => differing(a, b),
            _ => Vec::new(),
        };
        Some(Merge {
            path: path.to_string(),
            seen,
            hunks,
            ours,
            theirs,
            rows,
        })
    }

    /// Writes the record chosen from a conflicted file, clean, over exactly
    /// the text the user saw (else a conflict), then reads it again.
    pub fn resolve_merge(
        &mut self,
        merge: &Merge,
        choices: &[Which],
    ) -> Result<SaveOutcome, SaveError> {
        let record = merge
            .result(choices)
            .map_err(|reason| SaveError::Unreadable {
                path: merge.path.clone(),
                reason,
            })?;
        let text = merge.text_for(&record, choices);
        let outcome = self
            .write_record(&record, Some(&text), Expect::Seen(Some(&merge.seen)))
            .map(|(outcome, _)| outcome)?;
        self.reload_anyway(&merge.path);
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFLICTED: &str = "control: A.5.2\n<<<<<<< HEAD\nstatus: partial\nowner: Ana\n||||||| base\nstatus: planned\n=======\nstatus: implemented\n>>>>>>> review\napplicable: true\n";

    #[test]
    fn hunks_name_each_side_and_the_base() {
        let hunks = conflict_hunks(CONFLICTED).unwrap();
        assert_eq!(hunks.len(), 1);
        let hunk = &hunks[0];
        assert_eq!(hunk.ours.describe("ours"), "ours (HEAD) is lines 3-4");
        assert_eq!(
            hunk.base.as_ref().unwrap().describe("base"),
            "base (base) is line 6"
        );
        assert_eq!(hunk.theirs.describe("theirs"), "theirs (review) is line 8");
        assert_eq!(
            side_text(CONFLICTED, &hunks, Which::Ours),
            "control: A.5.2\nstatus: partial\nowner: Ana\napplicable: true\n"
        );
        assert_eq!(
            side_text(CONFLICTED, &hunks, Which::Theirs),
            "control: A.5.2\nstatus: implemented\napplicable: true\n"
        );
    }

    #[test]
    fn an_unclosed_conflict_is_an_error_and_no_markers_no_conflict() {
        assert_eq!(conflict_hunks("a: 1\n<<<<<<< HEAD\na: 2\n"), Err(2));
        assert_eq!(conflict_hunks("a: 1\n"), Ok(Vec::new()));
    }

    #[test]
    fn an_empty_side_is_said_so() {
        let hunks = conflict_hunks("<<<<<<< HEAD\n=======\nb: 1\n>>>>>>> x\n").unwrap();
        assert_eq!(
            hunks[0].ours.describe("ours"),
            "ours (HEAD) is empty (after line 1)"
        );
        assert_eq!(
            side_text(
                "<<<<<<< HEAD\n=======\nb: 1\n>>>>>>> x\n",
                &hunks,
                Which::Ours
            ),
            ""
        );
    }
}
