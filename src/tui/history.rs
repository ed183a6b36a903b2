//! Undo and redo of edits. Each edit remembers a whole record before and
//! after, so undoing writes the earlier record back to its file (or removes
//! a file the edit created).

use crate::workspace::Record;

#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// `None`: the record did not exist (its file will be removed on undo).
    pub before: Option<Record>,
    pub after: Record,
    /// The file's text before the edit was written, once known: undo puts
    /// these bytes back, so a hand-written file keeps its comments.
    pub before_text: Option<String>,
}

#[derive(Default, Debug)]
pub struct History {
    done: Vec<Edit>,
    undone: Vec<Edit>,
}

/// Edits kept for undo; older ones are forgotten.
const DEPTH: usize = 500;

impl History {
    pub fn record(&mut self, edit: Edit) {
        self.done.push(edit);
        if self.done.len() > DEPTH {
            self.done.remove(0);
        }
        self.undone.clear();
    }

    pub fn undo(&mut self) -> Option<Edit> {
        let edit = self.done.pop()?;
        self.undone.push(edit.clone());
        Some(edit)
    }

    /// Removes and returns the latest edit of `path`, if it is the latest edit.
    pub fn take_last(&mut self, path: &str) -> Option<Edit> {
        if self.done.last().is_some_and(|e| e.after.path() == path) {
            self.done.pop()
        } else {
            None
        }
    }

    /// Records the text the latest edit of `path` replaced on disk.
    pub fn replaced(&mut self, path: &str, text: String) {
        if let Some(edit) = self.done.iter_mut().rev().find(|e| e.after.path() == path)
            && edit.before_text.is_none()
        {
            edit.before_text = Some(text);
        }
    }

    /// Drops every edit of the file at `path`, after it changed on disk.
    pub fn forget(&mut self, path: &str) {
        self.done.retain(|e| e.after.path() != path);
        self.undone.retain(|e| e.after.path() != path);
    }

    pub fn redo(&mut self) -> Option<Edit> {
        let edit = self.undone.pop()?;
        self.done.push(edit.clone());
        Some(edit)
    }
}

/// An edit in words, for the notice after undo or redo: going from
/// `from` to `to` (`None`: no file) of `record`, e.g.
/// "A.4.2: applicable -> undecided".
pub fn describe_change(from: Option<&Record>, to: Option<&Record>, record: &Record) -> String {
    let (from, to) = match (from, to) {
        (None, _) => return format!("{} created", record.path()),
        (_, None) => return format!("{} removed (the edit had created it)", record.path()),
        (Some(from), Some(to)) => (from, to),
    };
    let changes = Record::changes(from, to);
    let label = record.label();
    match changes.as_slice() {
        [] => format!("{label}: no change"),
        [("applicable", old, new)] => {
            format!("{label}: {} -> {}", decision(old), decision(new))
        }
        [(key, old, new)] => format!("{label}: {key} {} -> {}", short(old), short(new)),
        many => {
            let keys: Vec<&str> = many.iter().map(|(k, _, _)| *k).collect();
            format!("{label}: {} changed", keys.join(", "))
        }
    }
}

fn decision(applicable: &str) -> &'static str {
    match applicable {
        "true" => "applicable",
        "false" => "excluded",
        _ => "undecided",
    }
}

/// A value cut to a few words, on one line, for a notice.
fn short(value: &str) -> String {
    if value.is_empty() {
        return "(empty)".to_string();
    }
    let line = value.trim_end().replace('\n', " ⏎ ");
    let mut chars = line.chars();
    let cut: String = chars.by_ref().take(30).collect();
    if chars.next().is_some() {
        format!("\"{cut}…\"")
    } else {
        format!("\"{cut}\"")
    }
}
