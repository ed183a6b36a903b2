//! Keys while a popup is open: the popup on top gets them, and what a
//! confirmed popup means is decided here.

use super::action::Command;
use super::app::{App, Effect};
use super::popup::{Draft, Popup, SelectTarget, TextTarget};
use crate::workspace::Record;

impl App {
    pub fn run_in_popup(&mut self, command: Command) -> Vec<Effect> {
        let Some(popup) = self.popups.pop() else {
            return Vec::new();
        };
        match popup {
            Popup::Help { scroll } => {
                match command {
                    Command::SelectNext => self.popups.push(Popup::Help {
                        scroll: scroll.saturating_add(1),
                    }),
                    Command::SelectPrev => self.popups.push(Popup::Help {
                        scroll: scroll.saturating_sub(1),
                    }),
                    _ => {}
                }
                Vec::new()
            }
            Popup::Text(text) => {
                if command != Command::Confirm {
                    self.popups.push(Popup::Text(text));
                    return Vec::new();
                }
                let result = match &text.target {
                    TextTarget::FormField(row, _) => self.set_form_value(*row, &text.text()),
                    _ => self.confirm_text(&text),
                };
                match result {
                    Ok(effects) => {
                        // Evidence entry continues with its note: keep that on top.
                        effects
                    }
                    Err(message) => {
                        let mut text = text;
                        text.error = Some(message);
                        self.popups.push(Popup::Text(text));
                        Vec::new()
                    }
                }
            }
            Popup::Select(mut select) => {
                let visible = select.visible().len();
                match command {
                    Command::SelectNext => {
                        select.selected = (select.selected + 1).min(visible.saturating_sub(1))
                    }
                    Command::SelectPrev => select.selected = select.selected.saturating_sub(1),
                    Command::Toggle => select.toggle(),
                    Command::StartFilter => select.filter.editing = true,
                    Command::AcceptFilter => select.filter.editing = false,
                    Command::Back if select.filter.is_active() => {
                        select.filter = Default::default();
                        select.selected = 0;
                    }
                    // Esc never throws ticks away, but in a one-choice list
                    // the highlight is not a choice: it leaves the value be.
                    Command::Back if select.single => return Vec::new(),
                    Command::Back => return self.confirm_select_popup(&select),
                    Command::Confirm => return self.confirm_select_popup(&select),
                    _ => {}
                }
                self.popups.push(Popup::Select(select));
                Vec::new()
            }
            Popup::Evidence { control, selected } => {
                let count = self.evidence_of(&control).len();
                let mut keep = true;
                let mut effects = Vec::new();
                let mut selected = selected;
                match command {
                    Command::SelectNext => selected = (selected + 1).min(count.saturating_sub(1)),
                    Command::SelectPrev => selected = selected.saturating_sub(1),
                    Command::AddItem => {
                        self.popups.push(Popup::Evidence {
                            control: control.clone(),
                            selected: count,
                        });
                        self.edit_evidence(&control, None);
                        return Vec::new();
                    }
                    Command::Open if count > 0 => {
                        self.popups.push(Popup::Evidence {
                            control: control.clone(),
                            selected,
                        });
                        self.edit_evidence(&control, Some(selected));
                        return Vec::new();
                    }
                    Command::RemoveItem if count > 0 => {
                        effects = self.remove_evidence(&control, selected);
                        selected = selected.min(count.saturating_sub(2));
                    }
                    Command::Confirm => keep = false,
                    _ => {}
                }
                if keep {
                    self.popups.push(Popup::Evidence { control, selected });
                }
                effects
            }
            Popup::Conflict {
                record,
                disk,
                scroll,
            } => match command {
                Command::KeepMine => {
                    self.put((*record).clone(), true);
                    self.records_changed_at(Some(&record.path()));
                    vec![Effect::WriteOver(*record)]
                }
                Command::TakeTheirs => {
                    // Back to the record before my edit first, so that if
                    // their file turns out broken, what stays in memory is
                    // the last good version and not my dropped edit.
                    self.drop_unwritten_edit(&record.path());
                    vec![Effect::Reload(record.path())]
                }
                _ => {
                    let scroll = match command {
                        Command::SelectNext => scroll.saturating_add(1),
                        Command::SelectPrev => scroll.saturating_sub(1),
                        _ => scroll,
                    };
                    self.popups.push(Popup::Conflict {
                        record,
                        disk,
                        scroll,
                    });
                    Vec::new()
                }
            },
            Popup::Form(form) => self.run_form(command, form),
            Popup::Impact { system, selected } => self.run_impact(command, system, selected),
            Popup::ConfirmImpact { system, implied } => match command {
                Command::Confirm => self.accept_impact_rating(&system, implied),
                _ => Vec::new(),
            },
            Popup::ConfirmQuit => match command {
                Command::Confirm => vec![Effect::Quit],
                _ => Vec::new(),
            },
            Popup::Recovery(draft) => match command {
                Command::Confirm => {
                    if let Some((target, key)) = &draft.form {
                        if !self.reopen_form_field(target, key, &draft.text) {
                            self.warn("the record the kept text belongs to is gone; the text is shown in the notice");
                            self.notify(draft.text.clone());
                        }
                        return vec![Effect::ForgetDraft];
                    }
                    if matches!(draft.target, TextTarget::FormField(..)) {
                        // A new record's form: nothing to reopen it in.
                        self.notify(format!("kept text: {}", draft.text));
                        return vec![Effect::ForgetDraft];
                    }
                    let mut text = super::popup::TextPopup::new(draft.target.clone(), "");
                    text.paste(&draft.text);
                    text.original = self.field_value(&draft.target);
                    self.popups.push(Popup::Text(Box::new(text)));
                    vec![Effect::ForgetDraft]
                }
                Command::Discard => {
                    self.notify("the kept text was discarded");
                    vec![Effect::ForgetDraft]
                }
                _ => {
                    self.notify("the kept text stays kept; it is offered again next time");
                    Vec::new()
                }
            },
        }
    }

    /// What a confirmed choice list means for its target.
    fn confirm_select_popup(&mut self, select: &super::popup::SelectPopup) -> Vec<Effect> {
        if let SelectTarget::FormField(row, _) = select.target {
            let value = if select.single {
                let visible = select.visible();
                visible
                    .get(select.selected)
                    .map(|&i| select.items[i].value.clone())
                    .unwrap_or_default()
            } else {
                select.checked_values().join(", ")
            };
            return match self.set_form_value(row, &value) {
                Ok(effects) => effects,
                Err(message) => {
                    self.warn(message);
                    Vec::new()
                }
            };
        }
        self.confirm_select(select)
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

    /// The current value of the field a text target names.
    pub fn field_value(&self, target: &TextTarget) -> String {
        let Some(workspace) = &self.workspace else {
            return String::new();
        };
        let entry = workspace.records.soa.get(target.control());
        let text = match target {
            TextTarget::Justification(_) => entry.and_then(|e| e.justification.clone()),
            TextTarget::Notes(_) => entry.and_then(|e| e.notes.clone()),
            TextTarget::Owner(_) => entry.and_then(|e| e.owner.clone()),
            _ => None,
        };
        text.unwrap_or_default()
    }

    /// The text of the editor on top, if one is open: what a hangup keeps.
    /// A field of a form also names the form's record and the field's key;
    /// a new record's form cannot be opened again, so only its text is kept.
    pub fn editor_text(&self) -> Option<Draft> {
        let at = self
            .popups
            .iter()
            .rposition(|p| matches!(p, Popup::Text(_)))?;
        let Popup::Text(text) = &self.popups[at] else {
            return None;
        };
        let form = match (&text.target, at.checked_sub(1).map(|i| &self.popups[i])) {
            (TextTarget::FormField(row, _), Some(Popup::Form(form))) if !form.is_new() => form
                .rows
                .get(*row)
                .map(|spec| (form.target.clone(), spec.key.to_string())),
            _ => None,
        };
        Some(Draft {
            target: text.target.clone(),
            text: text.text(),
            saved_at: String::new(),
            form,
        })
    }

    /// The record a conflict popup is about, and the disk's text.
    pub fn conflict(&self) -> Option<(&Record, Option<&str>)> {
        match self.popups.last()? {
            Popup::Conflict { record, disk, .. } => Some((record, disk.as_deref())),
            _ => None,
        }
    }
}
