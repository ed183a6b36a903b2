//! Editing fields of records, one path for every record: a text editor or
//! a pick list for one field (the SoA keys of the controls pane), or a
//! form of all of a record's fields (systems, roles, assessments, risks,
//! evidence). Values go through the core's one checked setter
//! (`model::Fields`), the same as `aims inventory set` and `aims soa set`
//! use. An existing record is written as soon as a field changes; a new
//! one is created when its form is closed with its required fields set.

use super::action::Command;
use super::app::{App, Effect};
use super::popup::{
    ALL_SYSTEMS, FieldRef, FormPopup, FormRecord, Popup, RecordRef, SelectItem, SelectPopup,
    TextPopup,
};
use crate::catalog::EXCLUSION_HEADING;
use crate::model::codec::{NO_SYSTEM, split_list};
use crate::model::{
    AiSystem, FieldKind, Fields, ImpactAssessment, Target, check_references, check_soa_edit,
    is_valid_slug, slug_from_name,
};
use crate::workspace::Record;

impl App {
    pub(crate) fn assessment(&self, system: &str) -> ImpactAssessment {
        self.workspace
            .as_ref()
            .and_then(|w| w.records.impacts.get(system).cloned())
            .unwrap_or_else(|| ImpactAssessment {
                system: system.to_string(),
                ..ImpactAssessment::default()
            })
    }

    pub(crate) fn system(&self, id: &str) -> Option<AiSystem> {
        self.workspace.as_ref()?.records.systems.get(id).cloned()
    }

    pub(crate) fn open_roles(&mut self) -> Vec<Effect> {
        self.open_form(RecordRef::Manifest);
        Vec::new()
    }

    /// The record `target` names as it is in memory now; `None` when it is
    /// gone (or, for a new record, lives only in its form).
    pub(crate) fn record_of(&self, target: &RecordRef) -> Option<FormRecord> {
        let records = &self.workspace.as_ref()?.records;
        Some(match target {
            RecordRef::NewSystem
            | RecordRef::ImpactEntry(_, None)
            | RecordRef::Risk(_, None)
            | RecordRef::Evidence(_, None) => return None,
            RecordRef::System(id) => FormRecord::System(records.systems.get(id)?.clone()),
            RecordRef::Manifest => FormRecord::Manifest(records.manifest.clone()),
            RecordRef::Assessment(system) => FormRecord::Assessment(self.assessment(system)),
            RecordRef::ImpactEntry(system, Some(i)) => {
                FormRecord::Entry(records.impacts.get(system)?.impacts.get(*i)?.clone())
            }
            RecordRef::Risk(system, Some(i)) => {
                FormRecord::Risk(records.impacts.get(system)?.risks.get(*i)?.clone())
            }
            RecordRef::Soa(control) => FormRecord::Soa(self.entry(control)),
            RecordRef::Evidence(control, Some(i)) => {
                FormRecord::Evidence(records.soa.get(control)?.evidence.get(*i)?.clone())
            }
        })
    }

    /// Where an entry of a list (a risk, an affected group, a piece of
    /// evidence) is now: the file may have been re-read with another order
    /// since its form opened, so it is found again as the form last saw it.
    /// `None` when it is gone (or changed by someone else: they choose).
    fn resolve(&self, target: &RecordRef) -> Option<RecordRef> {
        let seen = self.popups.iter().rev().find_map(|p| match p {
            Popup::Form(form) if form.target == *target => Some(&form.initial),
            _ => None,
        });
        let (Some(seen), Some(count)) = (seen, self.entries_in(target)) else {
            return Some(target.clone());
        };
        let same = |a: &FormRecord, b: &FormRecord| {
            a.to_json() == b.to_json() && a.get("id").ok() == b.get("id").ok()
        };
        let at = |i: usize| target.at(i);
        let index = target.index()?;
        if self.record_of(&at(index)).is_some_and(|r| same(&r, seen)) {
            return Some(at(index));
        }
        (0..count)
            .map(at)
            .find(|other| self.record_of(other).is_some_and(|r| same(&r, seen)))
    }

    /// How many entries the list holding `target` has, for an entry of one.
    fn entries_in(&self, target: &RecordRef) -> Option<usize> {
        match target {
            RecordRef::ImpactEntry(system, Some(_)) => Some(self.assessment(system).impacts.len()),
            RecordRef::Risk(system, Some(_)) => Some(self.assessment(system).risks.len()),
            RecordRef::Evidence(control, Some(_)) => Some(self.entry(control).evidence.len()),
            _ => None,
        }
    }

    /// The whole record (one file) that `record` belongs in, with it in place.
    fn placed(&self, target: &RecordRef, record: FormRecord) -> Option<Record> {
        Some(match (target, record) {
            (RecordRef::NewSystem | RecordRef::System(_), FormRecord::System(system)) => {
                Record::System(system)
            }
            (RecordRef::Manifest, FormRecord::Manifest(manifest)) => Record::Manifest(manifest),
            (RecordRef::Assessment(system), FormRecord::Assessment(header)) => {
                let mut assessment = self.assessment(system);
                assessment.assessed_by = header.assessed_by;
                assessment.assessed_on = header.assessed_on;
                assessment.next_review = header.next_review;
                Record::Impact(assessment)
            }
            (RecordRef::ImpactEntry(system, index), FormRecord::Entry(entry)) => {
                let mut assessment = self.assessment(system);
                match index.filter(|i| *i < assessment.impacts.len()) {
                    Some(i) => assessment.impacts[i] = entry,
                    None => assessment.impacts.push(entry),
                }
                Record::Impact(assessment)
            }
            (RecordRef::Risk(system, index), FormRecord::Risk(risk)) => {
                let mut assessment = self.assessment(system);
                match index.filter(|i| *i < assessment.risks.len()) {
                    Some(i) => assessment.risks[i] = risk,
                    None => assessment.risks.push(risk),
                }
                Record::Impact(assessment)
            }
            (RecordRef::Soa(_), FormRecord::Soa(entry)) => Record::Soa(entry),
            (RecordRef::Evidence(control, index), FormRecord::Evidence(evidence)) => {
                let mut entry = self.entry(control);
                match index.filter(|i| *i < entry.evidence.len()) {
                    Some(i) => entry.evidence[i] = evidence,
                    None => entry.evidence.push(evidence),
                }
                Record::Soa(entry)
            }
            _ => return None,
        })
    }

    /// Refuses to edit a record whose file has errors or cannot be
    /// written, saying where the problem is and what to do; true if refused.
    pub(crate) fn refuse_edit(&mut self, target: &RecordRef) -> bool {
        match target.path() {
            Some(path) => self.refuse_path(&path),
            None => self.refuse_path(""),
        }
    }

    /// Like [`App::refuse_edit`], for the record file at `path` (empty: a
    /// record with no file yet).
    pub(crate) fn refuse_path(&mut self, path: &str) -> bool {
        let Some(workspace) = &self.workspace else {
            return true;
        };
        if workspace.is_read_only() {
            self.warn("this workspace was written by a newer aims; it is read-only here");
            return true;
        }
        let path = path.to_string();
        if path.is_empty() || !workspace.is_broken(&path) {
            return false;
        }
        let first = workspace
            .diagnostics
            .iter()
            .find(|d| d.path == path && d.is_error());
        // What to do comes before the parser's words, so that it shows
        // even when the status line clips the message at 80 columns.
        self.warn(match first {
            Some(d) => format!(
                "{path}:{}:{} has an error; fix the file first (aims never writes over it): {}",
                d.pos.line, d.pos.col, d.message
            ),
            None => format!("{path} has errors; fix the file first (aims never writes over it)"),
        });
        true
    }

    /// Opens the form of `target`: an existing record as it is now, or a
    /// blank one for a new record. False when it cannot be edited.
    pub(crate) fn open_form(&mut self, target: RecordRef) -> bool {
        if self.refuse_edit(&target) {
            return false;
        }
        let record = if target.is_new() {
            target.blank()
        } else {
            match self.record_of(&target) {
                Some(record) => record,
                None => {
                    self.warn("that record is gone (it changed on disk)");
                    return false;
                }
            }
        };
        self.popups
            .push(Popup::Form(Box::new(FormPopup::new(target, record))));
        true
    }

    /// The value of `field` as an editor would start from: in its open
    /// form if there is one, else in the record as it is now.
    pub(crate) fn field_value(&self, field: &FieldRef) -> String {
        let in_form = self.popups.iter().rev().find_map(|p| match p {
            Popup::Form(form) if form.target == field.record => Some(&form.record),
            _ => None,
        });
        let record = match in_form {
            Some(record) => Some(record.clone()),
            None => self.record_of(&field.record),
        };
        record
            .and_then(|r| r.get(field.key()).ok())
            .unwrap_or_default()
    }

    /// Opens the editor of one field: a pick list for choices and
    /// references, a flip for yes/no, a text editor for the rest.
    pub(crate) fn open_field(&mut self, field: FieldRef) -> Vec<Effect> {
        if !field.record.is_new() && self.refuse_edit(&field.record) {
            return Vec::new();
        }
        let value = self.field_value(&field);
        match field.spec.kind {
            FieldKind::Bool => {
                let next = match value.as_str() {
                    "" => "true",
                    "true" => "false",
                    _ => "",
                };
                self.set_field(&field, &value, next)
                    .unwrap_or_else(|message| {
                        self.warn(message);
                        Vec::new()
                    })
            }
            FieldKind::Choice(words) | FieldKind::Choices(words) => {
                let single = matches!(field.spec.kind, FieldKind::Choice(_));
                let chosen = split_list(&value);
                let mut items: Vec<SelectItem> = Vec::new();
                if single && !field.spec.required {
                    items.push(SelectItem {
                        label: "(none)".into(),
                        value: String::new(),
                        checked: value.is_empty(),
                    });
                }
                items.extend(words.iter().map(|word| SelectItem {
                    label: word.replace('_', " "),
                    value: word.to_string(),
                    checked: chosen.iter().any(|c| c == word),
                }));
                self.open_select(field, items, single);
                Vec::new()
            }
            FieldKind::References(target) => {
                let items = self.reference_items(target, &value);
                self.open_select(field, items, false);
                Vec::new()
            }
            FieldKind::Text
            | FieldKind::LongText
            | FieldKind::Person
            | FieldKind::Date
            | FieldKind::List => {
                let mut popup = TextPopup::new(field, &value);
                if popup.field.spec.kind == FieldKind::Person {
                    popup.people = self.people();
                }
                if let RecordRef::Soa(control) = &popup.field.record {
                    // Whoever justifies an exclusion reads first whether
                    // one is ever credible, even where the guidance is
                    // otherwise hidden (a narrow terminal).
                    let excluding = popup.field.spec.key == "justification"
                        && self.entry(control).applicable == Some(false);
                    popup.guidance = self.guidance_of(control, excluding);
                    popup.show_guidance |= excluding
                        && popup
                            .guidance
                            .as_deref()
                            .is_some_and(|g| g.contains(EXCLUSION_HEADING));
                }
                self.popups.push(Popup::Text(Box::new(popup)));
                Vec::new()
            }
            FieldKind::Entries | FieldKind::Number => Vec::new(),
        }
    }

    /// Every person named anywhere in the workspace (owners, reviewers,
    /// assessors, roles), once each, in order.
    pub(crate) fn people(&self) -> Vec<String> {
        let Some(workspace) = &self.workspace else {
            return Vec::new();
        };
        let records = &workspace.records;
        let mut names: Vec<String> = records
            .soa
            .values()
            .flat_map(|e| [e.owner.clone(), e.reviewed_by.clone()])
            .chain(records.systems.values().map(|s| s.owner.clone()))
            .chain(records.impacts.values().map(|a| a.assessed_by.clone()))
            .chain(records.risks().map(|(_, r)| r.owner.clone()))
            .chain(records.manifest.roles().into_iter().map(|(_, _, who)| who))
            .flatten()
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// What the catalogue says of a control, for the editors of its entry.
    /// A control's notes for the editor's side panel; `excluding` puts
    /// the note on exclusion first.
    fn guidance_of(&self, control: &str, excluding: bool) -> Option<String> {
        let control = self.workspace.as_ref()?.catalogs.control(control)?;
        let mut notes = control.notes();
        if excluding {
            notes.sort_by_key(|(heading, _)| *heading != EXCLUSION_HEADING);
        }
        let mut text = format!("{} {}", control.id, control.full_title());
        for (heading, body) in notes {
            // The panel is all guidance: that one needs no heading.
            match heading {
                "Guidance" => text.push_str(&format!("\n\n{body}")),
                _ => text.push_str(&format!("\n\n{heading}\n{body}")),
            }
        }
        Some(text)
    }

    fn open_select(&mut self, field: FieldRef, items: Vec<SelectItem>, single: bool) {
        // A one-choice list starts on the current value, so Enter keeps it.
        let selected = if single {
            items.iter().position(|i| i.checked).unwrap_or(0)
        } else {
            0
        };
        self.popups.push(Popup::Select(Box::new(SelectPopup {
            field,
            items,
            selected,
            filter: Default::default(),
            single,
        })));
    }

    /// The choices of a reference field, the ones named in `value` ticked:
    /// every record of the kind, and any named one that is not there, so
    /// that confirming never drops one unseen.
    fn reference_items(&self, target: Target, value: &str) -> Vec<SelectItem> {
        let named = split_list(value);
        let mut items = Vec::new();
        let Some(workspace) = &self.workspace else {
            return items;
        };
        let mut known: Vec<(String, String, bool)> = match target {
            Target::Systems => {
                items.push(SelectItem {
                    label: "All systems in scope".into(),
                    value: ALL_SYSTEMS.into(),
                    checked: value.is_empty(),
                });
                workspace
                    .records
                    .systems
                    .values()
                    .filter(|s| s.is_current() || named.contains(&s.id))
                    .map(|s| {
                        let label = if s.is_current() {
                            format!("{} ({})", s.name, s.id)
                        } else {
                            format!("{} ({}, decommissioned)", s.name, s.id)
                        };
                        (s.id.clone(), label, true)
                    })
                    .collect()
            }
            Target::Controls => workspace
                .catalogs
                .controls()
                .map(|c| (c.id.clone(), format!("{} {}", c.id, c.title), true))
                .collect(),
            Target::Risks => workspace
                .records
                .risks()
                .map(|(_, r)| (r.id.clone(), format!("{} {}", r.id, r.title), true))
                .collect(),
        };
        for id in &named {
            if id != NO_SYSTEM && !known.iter().any(|(k, _, _)| k == id) {
                known.push((id.clone(), format!("{id} (not found)"), false));
            }
        }
        items.extend(known.into_iter().map(|(id, label, _)| SelectItem {
            checked: named.contains(&id),
            label,
            value: id,
        }));
        items
    }

    /// The record and field the text editor on top edits, if one is on top.
    pub fn editing(&self) -> Option<(RecordRef, &'static str)> {
        match self.popups.last()? {
            Popup::Text(text) => Some((text.field.record.clone(), text.field.key())),
            _ => None,
        }
    }

    /// The text in the editor on top, as it would be stored.
    pub fn editor_text(&self) -> Option<String> {
        match self.popups.last()? {
            Popup::Text(text) => Some(text.text()),
            _ => None,
        }
    }

    /// Stores a value typed or picked for `field`; `original` is the value
    /// the editor opened with. `Err` carries the message for the editor,
    /// which stays open with the text in place.
    pub(crate) fn set_field(
        &mut self,
        field: &FieldRef,
        original: &str,
        value: &str,
    ) -> Result<Vec<Effect>, String> {
        let key = field.key();
        if field.record.is_new() {
            return self.set_in_new_form(field, value).map(|()| Vec::new());
        }
        let current = self
            .resolve(&field.record)
            .and_then(|at| Some((self.record_of(&at)?, at)));
        let Some((current, at)) = current else {
            return Err(
                "this entry is gone from disk; the text cannot be saved: copy it if you need it, then Ctrl-x closes the editor"
                    .into(),
            );
        };
        let mut updated = current.clone();
        updated.set(key, value)?;
        self.check_edit(field, &updated)?;
        let theirs = current.get(key)?;
        let mine = updated.get(key)?;
        if theirs == mine {
            return Ok(Vec::new());
        }
        if theirs != original {
            // Someone changed this very field while it was being edited
            // (the file was reloaded): they choose, seeing both.
            if let Some(record) = self.placed(&at, updated) {
                // The file as it was re-read, comments and all: what "keep
                // mine" will be written over. Failing that (it was never
                // re-read), the record it holds, in canonical form.
                let reread = self
                    .workspace
                    .as_ref()
                    .and_then(|w| w.reloaded_text(&record.path()))
                    .map(str::to_string);
                let disk =
                    reread.or_else(|| self.placed(&at, current).map(|theirs| theirs.to_text()));
                self.popups.push(Popup::Conflict {
                    record: Box::new(record),
                    disk,
                    scroll: 0,
                    armed: false,
                });
            }
            return Ok(Vec::new());
        }
        if let Some(record) = self.placed(&at, updated.clone()) {
            // Refused here, the editor stays open with the text in it.
            self.check_record(&record)?;
        }
        for popup in self.popups.iter_mut() {
            if let Popup::Form(form) = popup
                && form.target == field.record
            {
                form.record = updated.clone();
                form.initial = updated.clone();
            }
        }
        Ok(self.store(&at, updated))
    }

    /// The rules beyond the field's own values: references that exist,
    /// and the SoA's rules.
    fn check_edit(&self, field: &FieldRef, updated: &FormRecord) -> Result<(), String> {
        let Some(workspace) = &self.workspace else {
            return Ok(());
        };
        let key = field.key();
        if let FieldKind::References(_) = field.spec.kind {
            let ids: Vec<String> = updated
                .get(key)
                .map(|v| split_list(&v))
                .unwrap_or_default()
                .into_iter()
                .filter(|id| id != NO_SYSTEM)
                .collect();
            check_references(&field.spec, &ids, &workspace.catalogs, &workspace.records)?;
        }
        if let FormRecord::Soa(entry) = updated {
            let requirement = workspace
                .catalogs
                .control(&entry.control)
                .is_some_and(|c| c.is_requirement());
            check_soa_edit(entry, key, requirement)?;
        }
        Ok(())
    }

    /// A value for a record that exists only in its form, until it closes.
    fn set_in_new_form(&mut self, field: &FieldRef, value: &str) -> Result<(), String> {
        let Some(form) = self.popups.iter_mut().rev().find_map(|p| match p {
            Popup::Form(form) if form.target == field.record => Some(form),
            _ => None,
        }) else {
            return Err("the form of this record was closed".into());
        };
        if let (RecordRef::NewSystem, FormRecord::System(system)) = (&form.target, &mut form.record)
        {
            if field.key() == "id" {
                let id = value.trim().to_string();
                if !is_valid_slug(&id) {
                    return Err(format!(
                        "`{id}` is not a valid id: lower-case letters, digits and dashes, at most 64"
                    ));
                }
                system.id = id;
                form.id_typed = true;
                return Ok(());
            }
            if value.trim().is_empty() {
                system.clear(field.key())?;
            } else {
                system.set(field.key(), value)?;
            }
            if field.key() == "name" && !form.id_typed {
                system.id = slug_from_name(&system.name);
            }
            return Ok(());
        }
        // An empty required field is let be until the form closes, which
        // says what is missing; the editor must not trap the reviewer.
        if value.trim().is_empty() {
            form.record.clear(field.key())?;
        } else {
            form.record.set(field.key(), value)?;
        }
        Ok(())
    }

    /// Writes a record into its place in the workspace.
    fn store(&mut self, target: &RecordRef, record: FormRecord) -> Vec<Effect> {
        match self.placed(target, record) {
            Some(record) => self.apply(record),
            None => Vec::new(),
        }
    }

    /// Keys while a form is on top.
    pub(crate) fn run_form(&mut self, command: Command) -> Vec<Effect> {
        let Some(Popup::Form(form)) = self.popups.last_mut() else {
            return Vec::new();
        };
        match command {
            Command::SelectNext => form.selected = (form.selected + 1).min(form.rows.len() - 1),
            Command::SelectPrev => form.selected = form.selected.saturating_sub(1),
            Command::Open => {
                form.error = None;
                let spec = form.rows[form.selected];
                let field = FieldRef {
                    record: form.target.clone(),
                    spec,
                };
                return self.open_field(field);
            }
            Command::Confirm => return self.close_form(),
            _ => {}
        }
        Vec::new()
    }

    /// Closing a form creates a new record if its required fields are set.
    /// A second close after the warning lets the unfinished record go.
    fn close_form(&mut self) -> Vec<Effect> {
        let Some(Popup::Form(form)) = self.popups.last() else {
            return Vec::new();
        };
        let touched = form.record != form.initial || form.id_typed;
        if !form.is_new() || !touched {
            self.popups.pop();
            return Vec::new();
        }
        if let Some(problem) = self.creation_problem(form) {
            let Some(Popup::Form(form)) = self.popups.last_mut() else {
                return Vec::new();
            };
            if form.error.as_deref() == Some(problem.as_str()) {
                self.popups.pop();
                self.notify("not created: the form was closed without its required fields");
            } else {
                form.error = Some(problem);
            }
            return Vec::new();
        }
        let (target, mut record) = (form.target.clone(), form.record.clone());
        if let (RecordRef::Risk(system, None), FormRecord::Risk(risk)) = (&target, &mut record) {
            risk.id = self.new_risk_id(system);
        }
        // Asked before the form goes, so a refusal (too long, a file that
        // broke meanwhile) leaves the form and what was typed in it.
        let placed = self.placed(&target, record.clone());
        if let Some(Err(refused)) = placed.as_ref().map(|r| self.check_record(r)) {
            if let Some(Popup::Form(form)) = self.popups.last_mut() {
                form.error = Some(refused);
            }
            return Vec::new();
        }
        self.popups.pop();
        let effects = self.store(&target, record.clone());
        if let FormRecord::System(system) = &record {
            self.notify(format!("added inventory/{}.yaml", system.id));
            self.jump_to_system(&system.id);
        }
        effects
    }

    /// Why the form's new record cannot be created yet, if it cannot.
    fn creation_problem(&self, form: &FormPopup) -> Option<String> {
        for (row, spec) in form.rows.iter().enumerate() {
            if spec.required && form.value(row).trim().is_empty() {
                return Some(format!(
                    "{} is required (Esc again leaves without creating it)",
                    spec.label
                ));
            }
        }
        if let FormRecord::System(system) = &form.record {
            let id = &system.id;
            if !is_valid_slug(id) {
                return Some(format!("`{id}` is not a valid id; edit the Id row"));
            }
            let taken = self.workspace.as_ref().is_some_and(|w| {
                w.records.systems.contains_key(id) || w.is_broken(&crate::model::system_path(id))
            });
            if taken {
                return Some(format!("id `{id}` is taken: edit Id (Esc again leaves)"));
            }
        }
        None
    }

    /// `<system>-<n>`, the first number not used by any risk in the workspace.
    fn new_risk_id(&self, system: &str) -> String {
        let used: Vec<String> = self
            .workspace
            .as_ref()
            .map(|w| w.records.risks().map(|(_, r)| r.id.clone()).collect())
            .unwrap_or_default();
        (1..)
            .map(|n| format!("{system}-{n}"))
            .find(|id| !used.contains(id))
            .expect("an unused number exists")
    }
}
