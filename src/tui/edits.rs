//! Changing records from the interface: every edit goes through
//! [`App::apply`], which updates the record in memory, remembers it for
//! undo and asks the loop to write exactly that one file.

use super::action::Command;
use super::app::{App, Effect};
use super::history::{Edit, describe_change};
use super::popup::{FieldRef, Popup, RecordRef};
use crate::model::{SoaEntry, Status, suggestions};
use crate::workspace::Record;

impl App {
    /// The record as it is in memory now (`None`: no file yet).
    pub(crate) fn current(&self, path_of: &Record) -> Option<Record> {
        let records = &self.workspace.as_ref()?.records;
        match path_of {
            Record::Manifest(_) => Some(Record::Manifest(records.manifest.clone())),
            Record::System(s) => records.systems.get(&s.id).cloned().map(Record::System),
            Record::Soa(e) => records.soa.get(&e.control).cloned().map(Record::Soa),
            Record::Impact(a) => records.impacts.get(&a.system).cloned().map(Record::Impact),
        }
    }

    /// The record held in memory for the file at `path`, if any.
    pub(crate) fn record_at(&self, path: &str) -> Option<Record> {
        self.workspace.as_ref()?.record_at(path)
    }

    /// Puts a record in memory as it is (or removes it, for `None`).
    pub(crate) fn put(&mut self, record: Record, present: bool) {
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

    /// Whether `record` may be written, asked of the workspace's write
    /// path before anything changes, so a refused edit loses nothing.
    pub(crate) fn check_record(&self, record: &Record) -> Result<(), String> {
        match &self.workspace {
            Some(workspace) => workspace.check_writable(record).map_err(|e| e.to_string()),
            None => Err("the workspace is still loading".into()),
        }
    }

    /// Applies one edit: memory, undo history, and the write of its file.
    pub(crate) fn apply(&mut self, after: Record) -> Vec<Effect> {
        let before = self.current(&after);
        if before.as_ref() == Some(&after) {
            return Vec::new();
        }
        if let Err(refused) = self.check_record(&after) {
            self.warn(refused);
            return Vec::new();
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

    pub(crate) fn undo(&mut self) -> Vec<Effect> {
        let Some(edit) = self.history.undo() else {
            self.notify("nothing to undo");
            return Vec::new();
        };
        self.notify(format!(
            "undone: {}",
            describe_change(Some(&edit.after), edit.before.as_ref(), &edit.after)
        ));
        match (edit.before, edit.before_text) {
            (Some(before), Some(text)) => {
                self.put(before.clone(), true);
                self.records_changed_at(Some(&before.path()));
                vec![Effect::RestoreText(before, text)]
            }
            (before, _) => self.restore(before, &edit.after),
        }
    }

    pub(crate) fn redo(&mut self) -> Vec<Effect> {
        let Some(edit) = self.history.redo() else {
            self.notify("nothing to redo");
            return Vec::new();
        };
        self.notify(format!(
            "redone: {}",
            describe_change(edit.before.as_ref(), Some(&edit.after), &edit.after)
        ));
        self.restore(Some(edit.after.clone()), &edit.after)
    }

    pub(crate) fn entry(&self, control: &str) -> SoaEntry {
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

    /// Opens the editor of the field `key` of a control's entry.
    fn edit_soa_field(&mut self, control: &str, key: &str) -> Vec<Effect> {
        match FieldRef::new(RecordRef::Soa(control.to_string()), key) {
            Some(field) => self.open_field(field),
            None => Vec::new(),
        }
    }

    /// The keys of the controls pane that change the selected entry.
    pub(crate) fn edit_control(&mut self, command: Command) -> Vec<Effect> {
        let Some(control) = self.selected_control() else {
            self.notify("select a control first (j/k)");
            return Vec::new();
        };
        let id = control.id.clone();
        let requirement = control.is_requirement();
        if self.refuse_edit(&RecordRef::Soa(id.clone())) {
            return Vec::new();
        }
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
            Command::EditSoa => {
                self.open_form(RecordRef::Soa(id));
                Vec::new()
            }
            Command::EditJustification => self.edit_soa_field(&id, "justification"),
            Command::EditNotes => self.edit_soa_field(&id, "notes"),
            Command::EditOwner => self.edit_soa_field(&id, "owner"),
            Command::EditDue => self.edit_soa_field(&id, "due"),
            Command::EditBasis => self.edit_soa_field(&id, "basis"),
            Command::EditSystems => self.edit_soa_field(&id, "systems"),
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
        if !self.entry(id).has_justification() {
            self.edit_soa_field(id, "justification");
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
        let Some((suggestion, systems)) = found.first() else {
            self.notify(format!("no suggestion for {id} from the inventory"));
            return Vec::new();
        };
        let applicable = suggestion.suggest == crate::catalog::SuggestedDecision::Applicable;
        let reason = suggestion_justification(&suggestion.reason, systems, &workspace.records);
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

    /// Removes the evidence at `index` of a control's entry.
    pub(crate) fn remove_evidence(&mut self, control: &str, index: usize) -> Vec<Effect> {
        if self.refuse_edit(&RecordRef::Soa(control.to_string())) {
            return Vec::new();
        }
        self.change_entry(control, |e| {
            if index < e.evidence.len() {
                e.evidence.remove(index);
            }
        })
    }

    pub(crate) fn evidence_of(&self, control: &str) -> Vec<crate::model::Evidence> {
        self.entry(control).evidence
    }
}

/// A justification from an accepted suggestion: its reason, and the
/// systems it rests on with their lifecycle as the inventory has it now
/// (for a rule about what no system does, the current systems it looked at),
/// so that the SoA says what the decision was based on.
fn suggestion_justification(
    reason: &str,
    systems: &[&str],
    records: &crate::model::Records,
) -> String {
    const SHOWN: usize = 10;
    let ids: Vec<&str> = if systems.is_empty() {
        records.current_systems().map(|s| s.id.as_str()).collect()
    } else {
        systems.to_vec()
    };
    let named: Vec<String> = ids
        .iter()
        .take(SHOWN)
        .map(|id| match records.systems.get(*id) {
            Some(system) => system.label(),
            None => id.to_string(),
        })
        .collect();
    let mut text = reason.trim_end().to_string();
    let what = if systems.is_empty() {
        "Systems in the inventory when this was decided"
    } else {
        "Based on"
    };
    if named.is_empty() {
        text.push_str("\nThe inventory held no live system when this was decided.");
    } else {
        let more = ids.len().saturating_sub(SHOWN);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        text.push_str(&format!("\n{what}: {}{more}.", named.join("; ")));
    }
    text.push('\n');
    text
}
