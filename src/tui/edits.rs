//! Changing records from the interface: every edit goes through
//! [`App::apply`], which updates the record in memory, remembers it for
//! undo and asks the loop to write exactly that one file.

use super::action::Command;
use super::app::{App, Effect};
use super::history::Edit;
use super::popup::{
    ALL_SYSTEMS, Popup, SelectItem, SelectPopup, SelectTarget, TextPopup, TextTarget,
};
use crate::model::{Basis, Evidence, SoaEntry, Status, suggestions};
use crate::workspace::Record;
use crate::yaml::{Choice, parse_date};

impl App {
    /// The record as it is in memory now (`None`: no file yet).
    pub fn current(&self, path_of: &Record) -> Option<Record> {
        let records = &self.workspace.as_ref()?.records;
        match path_of {
            Record::Manifest(_) => Some(Record::Manifest(records.manifest.clone())),
            Record::System(s) => records.systems.get(&s.id).cloned().map(Record::System),
            Record::Soa(e) => records.soa.get(&e.control).cloned().map(Record::Soa),
            Record::Impact(a) => records.impacts.get(&a.system).cloned().map(Record::Impact),
        }
    }

    /// Puts a record in memory as it is (or removes it, for `None`).
    pub fn put(&mut self, record: Record, present: bool) {
        let Some(workspace) = self.workspace.as_mut() else {
            return;
        };
        let records = &mut workspace.records;
        match record {
            Record::Manifest(m) => records.manifest = m,
            Record::System(s) if present => {
                records.systems.insert(s.id.clone(), s);
            }
            Record::System(s) => {
                records.systems.remove(&s.id);
            }
            Record::Soa(e) if present => {
                records.soa.insert(e.control.clone(), e);
            }
            Record::Soa(e) => {
                records.soa.remove(&e.control);
            }
            Record::Impact(a) if present => {
                records.impacts.insert(a.system.clone(), a);
            }
            Record::Impact(a) => {
                records.impacts.remove(&a.system);
            }
        }
    }

    /// Applies one edit: memory, undo history, and the write of its file.
    pub fn apply(&mut self, after: Record) -> Vec<Effect> {
        let before = self.current(&after);
        if before.as_ref() == Some(&after) {
            return Vec::new();
        }
        if let Some(workspace) = &self.workspace {
            let path = after.path();
            if workspace.is_broken(&path) {
                self.warn(format!(
                    "{path} has errors on disk; fix it by hand first (run `aims check`), aims will not overwrite it"
                ));
                return Vec::new();
            }
            if workspace.is_read_only() {
                self.warn("this workspace was written by a newer aims; it is read-only here");
                return Vec::new();
            }
        }
        self.put(after.clone(), true);
        self.history.record(Edit {
            before,
            after: after.clone(),
            before_text: None,
        });
        self.records_changed_at(Some(&after.path()));
        vec![Effect::Write(after)]
    }

    fn restore(&mut self, record: Option<Record>, template: &Record) -> Vec<Effect> {
        match record {
            Some(record) => {
                self.put(record.clone(), true);
                self.records_changed_at(Some(&record.path()));
                vec![Effect::Write(record)]
            }
            None => {
                self.put(template.clone(), false);
                self.records_changed_at(Some(&template.path()));
                vec![Effect::Remove(template.path())]
            }
        }
    }

    pub fn undo(&mut self) -> Vec<Effect> {
        let Some(edit) = self.history.undo() else {
            self.notify("nothing to undo");
            return Vec::new();
        };
        self.notify(format!("undone: {}", edit.after.path()));
        match (edit.before, edit.before_text) {
            (Some(before), Some(text)) => {
                self.put(before.clone(), true);
                self.records_changed_at(Some(&before.path()));
                vec![Effect::RestoreText(before, text)]
            }
            (before, _) => self.restore(before, &edit.after),
        }
    }

    pub fn redo(&mut self) -> Vec<Effect> {
        let Some(edit) = self.history.redo() else {
            self.notify("nothing to redo");
            return Vec::new();
        };
        self.notify(format!("redone: {}", edit.after.path()));
        self.restore(Some(edit.after.clone()), &edit.after)
    }

    fn entry(&self, control: &str) -> SoaEntry {
        self.workspace
            .as_ref()
            .and_then(|w| w.records.soa.get(control).cloned())
            .unwrap_or_else(|| SoaEntry::new(control))
    }

    fn change_entry(&mut self, control: &str, change: impl FnOnce(&mut SoaEntry)) -> Vec<Effect> {
        let mut entry = self.entry(control);
        change(&mut entry);
        self.apply(Record::Soa(entry))
    }

    /// The keys of the controls pane that change the selected entry.
    pub fn edit_control(&mut self, command: Command) -> Vec<Effect> {
        let Some(control) = self.selected_control() else {
            self.notify("select a control first (j/k)");
            return Vec::new();
        };
        let id = control.id.clone();
        let requirement = control.is_requirement();
        let entry = self.entry(&id);
        match command {
            Command::MarkApplicable | Command::MarkExcluded | Command::ClearDecision
                if requirement =>
            {
                self.notify(format!(
                    "{id} is a mandatory requirement: it always applies; set its status with Space"
                ));
                Vec::new()
            }
            Command::MarkApplicable => self.decide(&id, Some(true)),
            Command::MarkExcluded => self.decide(&id, Some(false)),
            Command::ClearDecision => self.change_entry(&id, |e| e.applicable = None),
            Command::CycleStatus => {
                if !requirement && entry.applicable != Some(true) {
                    self.notify(format!(
                        "{id} is not applicable; mark it applicable (a) to track its status"
                    ));
                    return Vec::new();
                }
                let effects = self.change_entry(&id, |e| e.status = Some(Status::next(e.status)));
                if let Some(status) = self.entry(&id).status {
                    self.notify(format!("{id}: {status}"));
                }
                effects
            }
            Command::EditJustification if requirement => {
                self.notify(format!(
                    "{id} is mandatory and needs no justification; N edits its notes"
                ));
                Vec::new()
            }
            Command::EditJustification => {
                self.open_text(TextTarget::Justification(id), &entry.justification)
            }
            Command::EditNotes => self.open_text(TextTarget::Notes(id), &entry.notes),
            Command::EditOwner => self.open_text(TextTarget::Owner(id), &entry.owner),
            Command::EditDue => {
                self.open_text(TextTarget::Due(id), &entry.due.map(|d| d.to_string()))
            }
            Command::EditBasis => {
                let items = Basis::ALL
                    .iter()
                    .map(|b| SelectItem {
                        label: b.as_str().replace('_', " "),
                        value: b.as_str().to_string(),
                        checked: entry.basis.contains(b),
                    })
                    .collect();
                self.open_select(SelectTarget::Basis(id), items)
            }
            Command::EditSystems => {
                let mut items = vec![SelectItem {
                    label: "All systems in scope".into(),
                    value: ALL_SYSTEMS.into(),
                    checked: entry.systems.is_none(),
                }];
                if let Some(workspace) = &self.workspace {
                    let named =
                        |id: &String| entry.systems.as_ref().is_some_and(|l| l.contains(id));
                    // Live systems, and any other system the entry already
                    // names, so that confirming never drops one unseen.
                    items.extend(
                        workspace
                            .records
                            .systems
                            .values()
                            .filter(|s| s.is_live() || named(&s.id))
                            .map(|s| SelectItem {
                                label: if s.is_live() {
                                    format!("{} ({})", s.name, s.id)
                                } else {
                                    format!("{} ({}, decommissioned)", s.name, s.id)
                                },
                                value: s.id.clone(),
                                checked: named(&s.id),
                            }),
                    );
                    for id in entry.systems.iter().flatten() {
                        if !workspace.records.systems.contains_key(id) {
                            items.push(SelectItem {
                                label: format!("{id} (not in the inventory)"),
                                value: id.clone(),
                                checked: true,
                            });
                        }
                    }
                }
                self.open_select(SelectTarget::Systems(id), items)
            }
            Command::EditEvidence => {
                self.popups.push(Popup::Evidence {
                    control: id,
                    selected: 0,
                });
                Vec::new()
            }
            Command::StampReview => {
                let (who, today) = (self.reviewer.clone(), self.today);
                let effects = self.change_entry(&id, |e| {
                    e.reviewed_by = Some(who);
                    e.reviewed_on = Some(today);
                });
                self.notify(format!("{id} reviewed by {} on {today}", self.reviewer));
                effects
            }
            Command::AcceptSuggestion => self.accept_suggestion(&id),
            _ => Vec::new(),
        }
    }

    /// Sets the decision; a decision needs a justification, so the editor
    /// opens at once when there is none.
    fn decide(&mut self, id: &str, applicable: Option<bool>) -> Vec<Effect> {
        let effects = self.change_entry(id, |e| e.applicable = applicable);
        let entry = self.entry(id);
        if !entry.has_justification() {
            self.open_text(TextTarget::Justification(id.to_string()), &None);
        }
        effects
    }

    fn accept_suggestion(&mut self, id: &str) -> Vec<Effect> {
        let Some(workspace) = &self.workspace else {
            return Vec::new();
        };
        let Some(control) = workspace.catalogs.control(id) else {
            return Vec::new();
        };
        let found = suggestions(control, &workspace.records);
        let Some((suggestion, _)) = found.first() else {
            self.notify(format!("no suggestion for {id} from the inventory"));
            return Vec::new();
        };
        let applicable = suggestion.suggest == crate::catalog::SuggestedDecision::Applicable;
        let reason = suggestion.reason.clone();
        let effects = self.change_entry(id, |e| {
            e.applicable = Some(applicable);
            if !e.has_justification() {
                e.justification = Some(reason);
            }
        });
        self.notify(format!(
            "{id} marked {}; the suggestion's reason is the justification until you edit it (J)",
            if applicable { "applicable" } else { "excluded" }
        ));
        effects
    }

    fn open_text(&mut self, target: TextTarget, value: &Option<String>) -> Vec<Effect> {
        let text = value.clone().unwrap_or_default();
        self.popups
            .push(Popup::Text(Box::new(TextPopup::new(target, &text))));
        Vec::new()
    }

    fn open_select(&mut self, target: SelectTarget, items: Vec<SelectItem>) -> Vec<Effect> {
        self.popups.push(Popup::Select(Box::new(SelectPopup {
            target,
            items,
            selected: 0,
            filter: Default::default(),
            single: false,
        })));
        Vec::new()
    }

    /// Stores what a text popup holds; `Err` keeps the popup open with a message.
    pub fn confirm_text(&mut self, popup: &TextPopup) -> Result<Vec<Effect>, String> {
        let text = popup.text();
        let value = (!text.is_empty()).then(|| text.clone());
        let control = popup.target.control().to_string();
        let current = self.entry(&control);
        let on_record = |e: &SoaEntry| -> String {
            match &popup.target {
                TextTarget::Justification(_) => e.justification.clone().unwrap_or_default(),
                TextTarget::Notes(_) => e.notes.clone().unwrap_or_default(),
                TextTarget::Owner(_) => e.owner.clone().unwrap_or_default(),
                _ => popup.original.clone(),
            }
        };
        // The file was reloaded while the user typed and someone else wrote
        // this very field: never overwrite theirs silently.
        let theirs = on_record(&current);
        if theirs != popup.original && theirs != text {
            let mut mine = current.clone();
            match &popup.target {
                TextTarget::Justification(_) => mine.justification = value,
                TextTarget::Notes(_) => mine.notes = value,
                TextTarget::Owner(_) => mine.owner = value,
                _ => {}
            }
            let disk = Some(Record::Soa(current).to_text());
            self.popups.push(Popup::Conflict {
                record: Box::new(Record::Soa(mine)),
                disk,
                scroll: 0,
            });
            return Ok(Vec::new());
        }
        let effects = match &popup.target {
            TextTarget::Justification(_) => {
                self.change_entry(&control, |e| e.justification = value)
            }
            TextTarget::Notes(_) => self.change_entry(&control, |e| e.notes = value),
            TextTarget::Owner(_) => self.change_entry(&control, |e| e.owner = value),
            TextTarget::Due(_) => {
                let due = match value {
                    None => None,
                    Some(text) => Some(parse_date(&text).ok_or_else(|| {
                        format!(
                            "`{text}` is not a real date; write it as YYYY-MM-DD, e.g. {}",
                            self.today
                        )
                    })?),
                };
                self.change_entry(&control, |e| e.due = due)
            }
            TextTarget::EvidenceRef(_, index) => {
                let Some(reference) = value else {
                    return Ok(Vec::new());
                };
                let mut entry = current;
                let index = match *index {
                    Some(i) if i < entry.evidence.len() => {
                        entry.evidence[i].reference = reference;
                        i
                    }
                    _ => {
                        entry.evidence.push(Evidence {
                            reference,
                            ..Evidence::default()
                        });
                        entry.evidence.len() - 1
                    }
                };
                let note = entry.evidence[index].note.clone();
                let effects = self.apply(Record::Soa(entry));
                self.open_text(TextTarget::EvidenceNote(control, index), &note);
                effects
            }
            // Form fields are confirmed by the form (see `set_form_value`).
            TextTarget::FormField(..) => Vec::new(),
            TextTarget::EvidenceNote(_, index) => {
                let index = *index;
                self.change_entry(&control, |e| {
                    if let Some(evidence) = e.evidence.get_mut(index) {
                        evidence.note = value;
                    }
                })
            }
        };
        Ok(effects)
    }

    pub fn confirm_select(&mut self, popup: &SelectPopup) -> Vec<Effect> {
        let values = popup.checked_values();
        match &popup.target {
            SelectTarget::Basis(control) => {
                let before: Vec<String> = self
                    .entry(control)
                    .basis
                    .iter()
                    .map(|b| b.as_str().to_string())
                    .collect();
                let basis: Vec<Basis> = keep_order(&before, &values)
                    .iter()
                    .filter_map(|v| Basis::from_word(v))
                    .collect();
                self.change_entry(control, |e| e.basis = basis)
            }
            SelectTarget::FormField(..) => Vec::new(),
            SelectTarget::Systems(control) => {
                // "All systems" ticked means every system in scope; nothing
                // ticked is an explicit empty list ("no system"), as in the file.
                let systems = if values.iter().any(|v| v == ALL_SYSTEMS) {
                    None
                } else {
                    let before = self.entry(control).systems.unwrap_or_default();
                    Some(keep_order(&before, &values))
                };
                self.change_entry(control, |e| e.systems = systems)
            }
        }
    }

    pub fn remove_evidence(&mut self, control: &str, index: usize) -> Vec<Effect> {
        self.change_entry(control, |e| {
            if index < e.evidence.len() {
                e.evidence.remove(index);
            }
        })
    }

    pub fn evidence_of(&self, control: &str) -> Vec<Evidence> {
        self.entry(control).evidence
    }

    pub fn edit_evidence(&mut self, control: &str, index: Option<usize>) {
        let reference = index.and_then(|i| {
            self.entry(control)
                .evidence
                .get(i)
                .map(|e| e.reference.clone())
        });
        self.open_text(
            TextTarget::EvidenceRef(control.to_string(), index),
            &reference,
        );
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
