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
