//! Keys while a popup is open: the popup on top gets them, changes in
//! place, and what a confirmed popup means is decided here. A popup that
//! edits a field hands its value to `App::set_field`, which puts it where
//! its opener keeps it (an open form, or the record in the workspace).

use super::action::Command;
use super::app::{App, Effect};

use super::popup::{ALL_SYSTEMS, Popup, RecordRef};
use crate::model::codec::{NO_SYSTEM, split_list};
use crate::model::{FieldKind, Target};
use crate::workspace::Record;

impl App {
    pub(crate) fn run_in_popup(&mut self, command: Command) -> Vec<Effect> {
        let Some(top) = self.popups.last_mut() else {
            return Vec::new();
        };
        match top {
            Popup::Broken { .. } => self.run_broken(command),
            Popup::Merge(_) => self.run_merge(command),
            Popup::Help { scroll }
            | Popup::Guide { scroll }
            | Popup::Owners { scroll, .. }
            | Popup::Crosswalk { scroll, .. }
            | Popup::History { scroll, .. } => {
                match command {
                    Command::SelectNext => {
                        *scroll = scroll.saturating_add(1).min(self.popup_max.get());
                    }
                    Command::SelectPrev => *scroll = scroll.saturating_sub(1),
                    Command::ToggleHelp => {
                        self.popups.pop();
                    }
                    _ => {}
                }
                Vec::new()
            }
            Popup::Text(_) if command == Command::Confirm => self.confirm_text(),
            Popup::Text(text) => {
                let offered = text.suggestions().len();
                match command {
                    Command::DropText => self.popups.push(Popup::ConfirmDrop),
                    Command::SelectNext if offered > 0 => {
                        text.picked = Some(text.picked.map_or(0, |i| (i + 1).min(offered - 1)));
                    }
                    Command::SelectPrev => {
                        text.picked = text.picked.and_then(|i| i.checked_sub(1));
                    }
                    Command::ToggleGuidance => text.show_guidance = !text.show_guidance,
                    _ => {}
                }
                Vec::new()
            }
            Popup::Select(select) => {
                let visible = select.visible().len();
                match command {
                    Command::SelectNext => {
                        select.selected = (select.selected + 1).min(visible.saturating_sub(1))
                    }
                    Command::SelectPrev => select.selected = select.selected.saturating_sub(1),
                    Command::Toggle => select.toggle(),
                    Command::StartFilter => select.filter.editing = true,
                    Command::AcceptFilter => {
                        select.filter.editing = false;
                        // One match left: Enter takes it, as a person expects.
                        if select.single && visible == 1 {
                            return self.confirm_select();
                        }
                    }
                    Command::Back if select.filter.is_active() => {
                        select.filter = Default::default();
                        select.selected = 0;
                    }
                    // Esc never throws ticks away, but in a one-choice list
                    // the highlight is not a choice: it leaves the value be.
                    Command::Back if select.single => {
                        self.popups.pop();
                    }
                    Command::Back | Command::Confirm => return self.confirm_select(),
                    _ => {}
                }
                Vec::new()
            }
            Popup::Evidence { control, selected } => {
                let (control, at) = (control.clone(), *selected);
                let count = self.evidence_of(&control).len();
                let select = |app: &mut App, to: usize| {
                    if let Some(Popup::Evidence { selected, .. }) = app.popups.last_mut() {
                        *selected = to;
                    }
                };
                match command {
                    Command::SelectNext => select(self, (at + 1).min(count.saturating_sub(1))),
                    Command::SelectPrev => select(self, at.saturating_sub(1)),
                    Command::AddItem => {
                        select(self, count);
                        self.open_form(RecordRef::Evidence(control, None));
                    }
                    Command::Open if count > 0 => {
                        self.open_form(RecordRef::Evidence(control, Some(at)));
                    }
                    Command::RemoveItem if count > 0 => {
                        select(self, at.min(count.saturating_sub(2)));
                        return self.remove_evidence(&control, at);
                    }
                    Command::Confirm => {
                        self.popups.pop();
                    }
                    _ => {}
                }
                Vec::new()
            }
            Popup::Conflict { armed: false, .. } => {
                self.remind_conflict_keys();
                Vec::new()
            }
            Popup::Conflict { scroll, .. } => match command {
                Command::KeepMine => self.keep_mine(),
                Command::TakeTheirs => {
                    let Some(Popup::Conflict { record, .. }) = self.popups.pop() else {
                        return Vec::new();
                    };
                    // Back to the record before my edit first, so that if
                    // their file turns out broken, what stays in memory is
                    // the last good version and not my dropped edit.
                    self.drop_unwritten_edit(&record.path());
                    // Memory may hold mine (kept over a first conflict):
                    // the file is read again whatever aims thinks it holds.
                    self.unsaved.remove(&record.path());
                    vec![Effect::ReloadAnyway(record.path())]
                }
                Command::SelectNext => {
                    *scroll = scroll.saturating_add(1);
                    Vec::new()
                }
                Command::SelectPrev => {
                    *scroll = scroll.saturating_sub(1);
                    Vec::new()
                }
                _ => {
                    self.remind_conflict_keys();
                    Vec::new()
                }
            },
            Popup::Form(_) => self.run_form(command),
            Popup::Impact { .. } => self.run_impact(command),
            Popup::ConfirmImpact { system, implied } => {
                let (system, implied) = (system.clone(), *implied);
                self.popups.pop();
                match command {
                    Command::Confirm => self.accept_impact_rating(&system, implied),
                    _ => Vec::new(),
                }
            }
            Popup::ConfirmDrop => {
                self.popups.pop();
                if command == Command::Confirm {
                    self.popups.pop();
                    self.notify("closed without saving the text");
                }
                Vec::new()
            }
            Popup::ConfirmQuit => {
                self.popups.pop();
                match command {
                    Command::Confirm => vec![Effect::Quit],
                    _ => Vec::new(),
                }
            }
            Popup::Recovery { armed: false, .. } => Vec::new(),
            Popup::Recovery { .. } => self.answer_recovery(command),
        }
    }

    /// Stores the text of the editor on top; an error keeps it open, text
    /// in place, with the message.
    fn confirm_text(&mut self) -> Vec<Effect> {
        let Some(Popup::Text(text)) = self.popups.last() else {
            return Vec::new();
        };
        let (field, original, value) = (text.field.clone(), text.original.clone(), text.value());
        // The editor goes first, so that what setting opens (a conflict)
        // lands on top of its opener.
        let Some(Popup::Text(text)) = self.popups.pop() else {
            return Vec::new();
        };
        match self.set_field(&field, &original, &value) {
            Ok(effects) => effects,
            Err(message) => {
                let mut text = text;
                text.error = Some(message);
                self.popups.push(Popup::Text(text));
                Vec::new()
            }
        }
    }

    /// Stores what a pick list stands for.
    fn confirm_select(&mut self) -> Vec<Effect> {
        let Some(Popup::Select(select)) = self.popups.pop() else {
            return Vec::new();
        };
        let original = self.field_value(&select.field);
        let value = match select.field.spec.kind {
            FieldKind::References(Target::Systems) => {
                let ticked = select.checked_values();
                if ticked.iter().any(|v| v == ALL_SYSTEMS) {
                    String::new()
                } else if ticked.is_empty() {
                    // Nothing ticked says "no system", as an empty list in the file.
                    NO_SYSTEM.to_string()
                } else {
                    keep_order(&split_list(&original), &ticked).join(", ")
                }
            }
            FieldKind::Choices(_) | FieldKind::References(_) => {
                keep_order(&split_list(&original), &select.checked_values()).join(", ")
            }
            _ => select.value(),
        };
        match self.set_field(&select.field, &original, &value) {
            Ok(effects) => effects,
            Err(message) => {
                self.warn(message);
                Vec::new()
            }
        }
    }

    /// Writes my version over a file that changed on disk, but only over
    /// the version shown in the popup: if it changed again since, the
    /// popup comes back with the new differences.
    fn keep_mine(&mut self) -> Vec<Effect> {
        let Some(Popup::Conflict { record, disk, .. }) = self.popups.pop() else {
            return Vec::new();
        };
        self.put((*record).clone(), true);
        self.records_changed_at(Some(&record.path()));
        vec![Effect::WriteOver(*record, disk)]
    }

    /// Puts back the record as it was before the last edit of `path`, which
    /// was not written (its file changed on disk), and forgets that edit.
    fn drop_unwritten_edit(&mut self, path: &str) {
        if let Some(edit) = self.history.take_last(path) {
            match edit.before {
                Some(before) => self.put(before, true),
                None => self.put(edit.after, false),
            }
        }
    }

    /// Says how a conflict is answered, when a key did not answer it.
    fn remind_conflict_keys(&mut self) {
        self.warn("changed on disk: read it, then Ctrl-o keeps yours, Ctrl-t takes theirs");
    }

    /// Makes the popups on the stack answerable: called once the keys that
    /// were queued when they appeared have been handled.
    pub(crate) fn arm_popups(&mut self) {
        for popup in &mut self.popups {
            match popup {
                Popup::Conflict { armed, .. } | Popup::Recovery { armed, .. } => *armed = true,
                Popup::Merge(merge) => merge.armed = true,
                _ => {}
            }
        }
    }

    /// The record a conflict popup is about, and the disk's text.
    pub fn conflict(&self) -> Option<(&Record, Option<&str>)> {
        match self.popups.last()? {
            Popup::Conflict { record, disk, .. } => Some((record, disk.as_deref())),
            _ => None,
        }
    }
}

/// The ticked values in the order the file had them, new ones after: so
/// closing a picker without changes leaves the file as it was.
fn keep_order(before: &[String], ticked: &[String]) -> Vec<String> {
    let mut out: Vec<String> = before
        .iter()
        .filter(|v| ticked.contains(v))
        .cloned()
        .collect();
    out.extend(ticked.iter().filter(|v| !before.contains(v)).cloned());
    out
}
