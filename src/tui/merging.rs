//! The list of broken files, and resolving a merge conflict from it: the
//! two sides of a conflicted record key by key, one side chosen for each,
//! and the record written clean.

use super::action::Command;
use super::app::{App, Effect};
use super::popup::{MergePopup, Popup};
use crate::workspace::Which;

impl App {
    pub(crate) fn run_broken(&mut self, command: Command) -> Vec<Effect> {
        let files = self
            .workspace
            .as_ref()
            .map_or(0, |w| w.broken_files().len());
        let Some(Popup::Broken { selected }) = self.popups.last_mut() else {
            return Vec::new();
        };
        match command {
            Command::SelectNext => *selected = (*selected + 1).min(files.saturating_sub(1)),
            Command::SelectPrev => *selected = selected.saturating_sub(1),
            Command::Open => {
                let at = *selected;
                self.open_merge(at);
            }
            Command::Back => {
                self.popups.pop();
            }
            _ => {}
        }
        Vec::new()
    }

    /// Opens the side-by-side view of the `at`-th broken file, if what
    /// breaks it is a merge conflict.
    fn open_merge(&mut self, at: usize) {
        let Some(workspace) = &self.workspace else {
            return;
        };
        let Some(path) = workspace.broken_files().into_iter().nth(at) else {
            return;
        };
        match workspace.merge_of(path) {
            Some(merge) => self
                .popups
                .push(Popup::Merge(Box::new(MergePopup::new(merge)))),
            None => self.warn(format!(
                "{path} has no merge conflict to resolve; fix its errors in an editor"
            )),
        }
    }

    pub(crate) fn run_merge(&mut self, command: Command) -> Vec<Effect> {
        let Some(Popup::Merge(merge)) = self.popups.last_mut() else {
            return Vec::new();
        };
        match command {
            Command::SelectNext => {
                merge.selected = (merge.selected + 1).min(merge.choices.len() - 1);
            }
            Command::SelectPrev => merge.selected = merge.selected.saturating_sub(1),
            Command::PickOurs => merge.pick(Which::Ours),
            Command::PickTheirs => merge.pick(Which::Theirs),
            Command::KeepMine => merge.pick_all(Which::Ours),
            Command::TakeTheirs => merge.pick_all(Which::Theirs),
            Command::Back => {
                self.popups.pop();
            }
            Command::Confirm if !merge.armed => {
                self.warn("read both sides first, then Enter writes the record as chosen");
            }
            Command::Confirm => {
                // The record is checked here, so that a side that does not
                // read keeps the view open with the reason.
                if let Err(why) = merge.merge.result(&merge.choices) {
                    merge.error = Some(why);
                    return Vec::new();
                }
                let Some(Popup::Merge(merge)) = self.popups.pop() else {
                    return Vec::new();
                };
                let MergePopup { merge, choices, .. } = *merge;
                return vec![Effect::ResolveMerge(Box::new(merge), choices)];
            }
            _ => {}
        }
        Vec::new()
    }

    /// After a resolution: the list of broken files closes when none is
    /// left, and the user hears what was written.
    pub(crate) fn resolved(
        &mut self,
        path: String,
        outcome: Result<Vec<crate::yaml::DroppedComment>, String>,
    ) {
        let left = self
            .workspace
            .as_ref()
            .map_or(0, |w| w.broken_files().len());
        if let Some(Popup::Broken { selected }) = self.popups.last_mut() {
            *selected = (*selected).min(left.saturating_sub(1));
            if left == 0 {
                self.popups.pop();
            }
        }
        match outcome {
            Ok(dropped) => {
                self.history.forget(&path);
                self.records_changed_at(Some(&path));
                match dropped.first() {
                    None => self.notify(format!(
                        "resolved the merge conflict in {path}: written clean; edit it as usual"
                    )),
                    Some(first) => self.warn(format!(
                        "resolved the merge conflict in {path}; dropped its comment {first}"
                    )),
                }
            }
            Err(why) => self.warn(why),
        }
    }
}
