//! What the interface keeps when it has to stop, and how it opens it again:
//! the form and the field editor on top (text in place), and records whose
//! write failed. The files themselves are `recovery`'s business.

use super::action::Command;
use super::app::{App, Effect};
use super::popup::{Draft, FormPopup, FormRecord, Popup, TextPopup};
use crate::workspace::{Base, Record};

impl App {
    /// What to keep if aims stops now, or `None` when nothing would be
    /// lost: the form and field editor nearest the top, and the records
    /// whose last write failed.
    pub fn draft(&self) -> Option<Draft> {
        let form = self.popups.iter().rev().find_map(|p| match p {
            Popup::Form(form) => Some(form),
            _ => None,
        });
        let text = self.popups.iter().rev().find_map(|p| match p {
            Popup::Text(text) => Some(text),
            _ => None,
        });
        // Every change to an existing record's form is written at once, so
        // only a new record's form holds anything unsaved on its own.
        let form = form
            .filter(|f| f.is_new() || text.is_some())
            .map(|f| (f.target.clone(), f.record.clone(), f.selected));
        let field = text.map(|t| (t.field.clone(), t.text(), t.original.clone()));
        let base_of = |path: &str| {
            self.workspace
                .as_ref()
                .map_or(Base::Ask, |w| w.base_of(path))
        };
        let mut unsaved: Vec<(Record, Base)> = self
            .unsaved
            .iter()
            .filter_map(|path| Some((self.record_at(path)?, base_of(path))))
            .collect();
        // A conflict still open holds my version, unwritten: it comes back
        // as the same question, never written unseen.
        for popup in &self.popups {
            if let Popup::Conflict { record, .. } = popup {
                unsaved.retain(|(r, _)| r.path() != record.path());
                unsaved.push(((**record).clone(), Base::Ask));
            }
        }
        let draft = Draft {
            form,
            field,
            unsaved,
            saved_at: String::new(),
        };
        (!draft.is_empty()).then_some(draft)
    }

    /// The answer to "text kept from last time".
    pub(crate) fn answer_recovery(&mut self, command: Command) -> Vec<Effect> {
        let Some(Popup::Recovery { draft, .. }) = self.popups.pop() else {
            return Vec::new();
        };
        match command {
            Command::Confirm => self.restore_draft(*draft),
            Command::Discard => {
                self.notify("the kept work was discarded");
                vec![Effect::ForgetDraft]
            }
            _ => {
                self.notify("the kept work stays kept; it is offered again next time");
                vec![Effect::ReleaseDraft]
            }
        }
    }

    /// Opens the kept form and editor again as they were, and writes the
    /// kept records again (through the usual checks: a file that changed
    /// meanwhile shows its differences first).
    fn restore_draft(&mut self, draft: Draft) -> Vec<Effect> {
        let paths: Vec<String> = [
            draft.form.as_ref().and_then(|(target, _, _)| target.path()),
            draft
                .field
                .as_ref()
                .and_then(|(field, _, _)| field.record.path()),
        ]
        .into_iter()
        .flatten()
        .chain(draft.unsaved.iter().map(|(record, _)| record.path()))
        .collect();
        for path in paths {
            if self.refuse_path(&path) {
                // Not lost to a file that broke meanwhile: it stays kept,
                // and is offered again once the file is fixed.
                return vec![Effect::ReleaseDraft];
            }
        }
        let mut effects = Vec::new();
        for (record, base) in draft.unsaved {
            // Written only over the file that session read; otherwise both
            // versions are shown, as for any change made meanwhile.
            effects.extend(self.apply(record).into_iter().map(|effect| match effect {
                Effect::Write(record) => Effect::WriteSince(record, base),
                other => other,
            }));
        }
        if let Some((target, record, selected)) = draft.form {
            let opened = if target.is_new() {
                let mut form = FormPopup::new(target, record);
                // What was kept counts as entered: measured against the
                // kept record itself it looked untouched, and Esc closed the
                // form without creating the record, losing the kept work.
                form.initial = form.target.blank();
                form.selected = selected.min(form.rows.len().saturating_sub(1));
                // An id other than the one the name makes was typed by hand.
                form.id_typed = match &form.record {
                    FormRecord::System(s) => {
                        !s.id.is_empty() && s.id != crate::model::slug_from_name(&s.name)
                    }
                    _ => false,
                };
                self.popups.push(Popup::Form(Box::new(form)));
                true
            } else {
                self.open_form(target)
            };
            if opened && let Some(Popup::Form(form)) = self.popups.last_mut() {
                form.selected = selected.min(form.rows.len().saturating_sub(1));
            }
        }
        if let Some((field, text, original)) = draft.field {
            let mut popup = TextPopup::new(field, "");
            popup.paste(&text);
            popup.original = original;
            self.popups.push(Popup::Text(Box::new(popup)));
        }
        self.recovered = true;
        effects
    }

    /// Once the restored work is saved (no editor or form left, nothing
    /// unwritten), its recovery file can go.
    pub(crate) fn settle_recovery(&mut self) -> Option<Effect> {
        let open = self
            .popups
            .iter()
            .any(|p| matches!(p, Popup::Form(_) | Popup::Text(_) | Popup::Conflict { .. }));
        (self.recovered && !open && self.unsaved.is_empty()).then(|| {
            self.recovered = false;
            Effect::ForgetDraft
        })
    }
}
