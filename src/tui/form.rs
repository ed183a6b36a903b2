//! Forms over named fields: AI systems, the accountability roles, and the
//! parts of an impact assessment. Values go through the core's one checked
//! setter (`model::Fields`), the same as `aims inventory set` uses. An
//! existing record is written as soon as a field is changed; a new one is
//! created when its form is closed with its required fields filled in.

use super::action::Command;
use super::app::{App, Effect, Tab};
use super::popup::{
    FormPopup, FormRecord, FormTarget, Popup, SelectItem, SelectPopup, SelectTarget, TextPopup,
    TextTarget,
};
use super::rows::Column;
use crate::model::{
    AiSystem, FieldKind, ImpactAssessment, ImpactEntry, Lifecycle, Risk, is_valid_slug, rating_of,
    slug_from_name,
};
use crate::workspace::Record;

impl App {
    fn assessment(&self, system: &str) -> ImpactAssessment {
        self.workspace
            .as_ref()
            .and_then(|w| w.records.impacts.get(system).cloned())
            .unwrap_or_else(|| ImpactAssessment {
                system: system.to_string(),
                ..ImpactAssessment::default()
            })
    }

    fn system(&self, id: &str) -> Option<AiSystem> {
        self.workspace.as_ref()?.records.systems.get(id).cloned()
    }

    pub fn open_roles(&mut self) -> Vec<Effect> {
        let Some(workspace) = &self.workspace else {
            return Vec::new();
        };
        let roles = workspace.records.manifest.roles.clone();
        self.open_form(FormTarget::Roles, FormRecord::Roles(roles));
        Vec::new()
    }

    fn open_form(&mut self, target: FormTarget, record: FormRecord) {
        self.popups
            .push(Popup::Form(Box::new(FormPopup::new(target, record))));
    }

    /// The keys of the inventory that act on the selected system.
    pub fn inventory_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::NewSystem => {
                self.open_form(
                    FormTarget::NewSystem,
                    FormRecord::System(AiSystem::default()),
                );
                return Vec::new();
            }
            Command::SortNext | Command::SortReverse => {
                if command == Command::SortNext {
                    let index = Column::ALL
                        .iter()
                        .position(|c| *c == self.sort.0)
                        .unwrap_or(0);
                    self.sort = (Column::ALL[(index + 1) % Column::ALL.len()], false);
                } else {
                    self.sort.1 = !self.sort.1;
                }
                self.rebuild_index();
                self.refresh_systems(false);
                self.notify(format!(
                    "sorted by {} ({})",
                    self.sort.0.title().to_lowercase(),
                    if self.sort.1 {
                        "descending"
                    } else {
                        "ascending"
                    }
                ));
                return Vec::new();
            }
            _ => {}
        }
        let Some(id) = self.selected_system_id().map(str::to_string) else {
            self.notify("no system selected: n adds one");
            return Vec::new();
        };
        match command {
            Command::EditSystem => {
                if let Some(system) = self.system(&id) {
                    self.open_form(FormTarget::System(id), FormRecord::System(system));
                }
                Vec::new()
            }
            Command::EditImpact => {
                self.popups.push(Popup::Impact {
                    system: id,
                    selected: 0,
                });
                Vec::new()
            }
            Command::Decommission => {
                let Some(mut system) = self.system(&id) else {
                    return Vec::new();
                };
                if system.lifecycle == Some(Lifecycle::Decommissioned) {
                    self.notify(format!("`{id}` is already decommissioned"));
                    return Vec::new();
                }
                system.lifecycle = Some(Lifecycle::Decommissioned);
                let effects = self.apply(Record::System(system));
                self.notify(format!(
                    "`{id}` decommissioned: its file stays, with its history (u undoes)"
                ));
                effects
            }
            _ => Vec::new(),
        }
    }

    /// The keys of the risk register.
    pub fn risk_command(&mut self, command: Command) -> Vec<Effect> {
        let Some(row) = self.risks.rows.get(self.risks.selected).cloned() else {
            self.notify("no risk selected");
            return Vec::new();
        };
        let risk = self
            .workspace
            .as_ref()
            .and_then(|w| w.records.impacts.get(&row.system))
            .and_then(|a| a.risks.get(row.index))
            .cloned();
        match command {
            Command::JumpToSystem => self.jump_to_system(&row.system),
            Command::JumpToControl => {
                let controls = risk.map(|r| r.controls).unwrap_or_default();
                match controls.first() {
                    Some(first) => {
                        let first = first.clone();
                        self.jump_to_control(&first);
                        if controls.len() > 1 {
                            self.notify(format!("treated by {}", controls.join(", ")));
                        }
                    }
                    None => self
                        .notify("no control treats this risk yet: add some in its assessment (i)"),
                }
            }
            Command::EditImpact => {
                let selected = 2 + self.assessment(&row.system).impacts.len() + row.index;
                self.popups.push(Popup::Impact {
                    system: row.system,
                    selected,
                });
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn jump_to_system(&mut self, id: &str) {
        self.tab = Tab::Inventory;
        self.systems.filter = Default::default();
        self.refresh_systems(false);
        if let Some(index) = self.systems.rows.iter().position(|r| r == id) {
            self.systems.select(index);
        }
    }

    pub fn jump_to_control(&mut self, id: &str) {
        self.tab = Tab::Controls;
        self.controls.filter = Default::default();
        self.refresh_controls();
        let found =
            self.controls.rows.iter().position(
                |r| matches!(r, super::rows::ControlRow::Control { id: c, .. } if c == id),
            );
        match found {
            Some(index) => self.controls.select(index),
            None => self.warn(format!("no control `{id}` in the catalogues in use")),
        }
    }

    /// Opens the form of an existing record again with the field `key`
    /// being edited and holding `text`; false when the record is gone.
    pub fn reopen_form_field(&mut self, target: &FormTarget, key: &str, text: &str) -> bool {
        let record = match target {
            FormTarget::System(id) => self.system(id).map(FormRecord::System),
            FormTarget::Roles => self
                .workspace
                .as_ref()
                .map(|w| FormRecord::Roles(w.records.manifest.roles.clone())),
            FormTarget::Assessment(system) => Some(FormRecord::Assessment(self.assessment(system))),
            FormTarget::ImpactEntry(system, Some(i)) => self
                .assessment(system)
                .impacts
                .get(*i)
                .cloned()
                .map(FormRecord::Entry),
            FormTarget::Risk(system, Some(i)) => self
                .assessment(system)
                .risks
                .get(*i)
                .cloned()
                .map(FormRecord::Risk),
            _ => None,
        };
        let Some(record) = record else {
            return false;
        };
        let form = FormPopup::new(target.clone(), record);
        let Some(row) = form.rows.iter().position(|spec| spec.key == key) else {
            return false;
        };
        let spec = form.rows[row];
        let mut popup = TextPopup::new(TextTarget::FormField(row, spec.label), "");
        popup.multiline = matches!(spec.kind, FieldKind::LongText);
        popup.paste(text);
        self.popups.push(Popup::Form(Box::new(FormPopup {
            selected: row,
            ..form
        })));
        self.popups.push(Popup::Text(Box::new(popup)));
        true
    }

    /// Keys while a form is on top.
    pub fn run_form(&mut self, command: Command, mut form: Box<FormPopup>) -> Vec<Effect> {
        match command {
            Command::SelectNext => form.selected = (form.selected + 1).min(form.rows.len() - 1),
            Command::SelectPrev => form.selected = form.selected.saturating_sub(1),
            Command::Open => {
                let row = form.selected;
                let spec = form.rows[row];
                let value = form.value(row);
                form.error = None;
                match spec.kind {
                    FieldKind::Bool => {
                        let next = match value.as_str() {
                            "" => "true",
                            "true" => "false",
                            _ => "",
                        };
                        self.popups.push(Popup::Form(form));
                        return self.set_form_value(row, next).unwrap_or_default();
                    }
                    FieldKind::Choice(words) | FieldKind::Choices(words) => {
                        let single = matches!(spec.kind, FieldKind::Choice(_));
                        let chosen: Vec<String> =
                            value.split(',').map(|w| w.trim().to_string()).collect();
                        let mut items: Vec<SelectItem> = Vec::new();
                        if single {
                            items.push(SelectItem {
                                label: "(none)".into(),
                                value: String::new(),
                                checked: value.is_empty(),
                            });
                        }
                        items.extend(words().into_iter().map(|word| SelectItem {
                            label: word.replace('_', " "),
                            value: word.to_string(),
                            checked: chosen.iter().any(|c| c == word),
                        }));
                        let selected = items.iter().position(|i| i.checked).unwrap_or(0);
                        self.popups.push(Popup::Form(form));
                        self.popups.push(Popup::Select(Box::new(SelectPopup {
                            target: SelectTarget::FormField(row, spec.label),
                            items,
                            selected,
                            filter: Default::default(),
                            single,
                        })));
                        return Vec::new();
                    }
                    FieldKind::Text | FieldKind::LongText | FieldKind::Date | FieldKind::List => {
                        let mut text =
                            TextPopup::new(TextTarget::FormField(row, spec.label), &value);
                        text.multiline = matches!(spec.kind, FieldKind::LongText);
                        self.popups.push(Popup::Form(form));
                        self.popups.push(Popup::Text(Box::new(text)));
                        return Vec::new();
                    }
                }
            }
            Command::Confirm => return self.close_form(form),
            _ => {}
        }
        self.popups.push(Popup::Form(form));
        Vec::new()
    }

    /// Sets one field of the form on top; an existing record is written at
    /// once. `Err` carries the message for the field's editor.
    pub fn set_form_value(&mut self, row: usize, value: &str) -> Result<Vec<Effect>, String> {
        let Some(Popup::Form(form)) = self.popups.last_mut() else {
            return Ok(Vec::new());
        };
        let spec = form.rows[row];
        if spec.key == "id" && form.target == FormTarget::NewSystem {
            let id = value.trim().to_string();
            if !is_valid_slug(&id) {
                return Err(format!(
                    "`{id}` is not a valid id: lower-case letters, digits and dashes, at most 64"
                ));
            }
            form.id = id;
            form.id_typed = true;
            return Ok(Vec::new());
        }
        if spec.key == "controls"
            && let Some(workspace) = &self.workspace
        {
            for id in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                if workspace.catalogs.control(id).is_none() {
                    return Err(format!("unknown control id `{id}` (see tab 2)"));
                }
            }
        }
        if form.is_new() {
            form.record.set(spec.key, value)?;
            if form.target == FormTarget::NewSystem
                && spec.key == "name"
                && !form.id_typed
                && let FormRecord::System(system) = &form.record
            {
                form.id = slug_from_name(&system.name);
            }
            return Ok(Vec::new());
        }
        let (target, original) = (form.target.clone(), form.initial.get(spec.key));
        // The record as it is now (it may have been reloaded from disk while
        // the form was open): only the edited field changes, so nobody
        // else's change to another field is written over.
        let Some(mut updated) = self.current_form_record(&target) else {
            return Err("this entry changed on disk and is gone; close the form (Esc)".into());
        };
        let theirs = updated.get(spec.key);
        updated.set(spec.key, value)?;
        if theirs != original && theirs != updated.get(spec.key) {
            // Someone changed this very field meanwhile: they choose.
            if let Some(record) = self.placed(&target, updated) {
                let disk = self.current(&record).map(|r| r.to_text());
                self.popups.push(Popup::Conflict {
                    record: Box::new(record),
                    disk,
                    scroll: 0,
                });
            }
            return Ok(Vec::new());
        }
        if let Some(Popup::Form(form)) = self.popups.last_mut() {
            form.record = updated.clone();
            form.initial = updated.clone();
        }
        Ok(self.store(&target, updated))
    }

    /// The record an existing form edits, as it is in memory now. Entries
    /// of an assessment are found again by risk id or group, in case the
    /// file was reloaded with another order.
    fn current_form_record(&self, target: &FormTarget) -> Option<FormRecord> {
        let Some(Popup::Form(form)) = self.popups.last() else {
            return None;
        };
        match (target, &form.initial) {
            (FormTarget::System(id), _) => self.system(id).map(FormRecord::System),
            (FormTarget::Roles, _) => self
                .workspace
                .as_ref()
                .map(|w| FormRecord::Roles(w.records.manifest.roles.clone())),
            (FormTarget::Assessment(system), _) => {
                Some(FormRecord::Assessment(self.assessment(system)))
            }
            (FormTarget::ImpactEntry(system, Some(i)), FormRecord::Entry(initial)) => self
                .assessment(system)
                .impacts
                .get(*i)
                .filter(|e| e.group == initial.group)
                .cloned()
                .map(FormRecord::Entry),
            (FormTarget::Risk(system, Some(_)), FormRecord::Risk(initial)) => self
                .assessment(system)
                .risks
                .iter()
                .find(|r| r.id == initial.id)
                .cloned()
                .map(FormRecord::Risk),
            _ => None,
        }
    }

    /// The whole record that a form's record belongs in, with it in place.
    fn placed(&self, target: &FormTarget, record: FormRecord) -> Option<Record> {
        Some(match (target, record) {
            (FormTarget::NewSystem | FormTarget::System(_), FormRecord::System(system)) => {
                Record::System(system)
            }
            (FormTarget::Roles, FormRecord::Roles(roles)) => {
                let mut manifest = self.workspace.as_ref()?.records.manifest.clone();
                manifest.roles = roles;
                Record::Manifest(manifest)
            }
            (FormTarget::Assessment(system), FormRecord::Assessment(header)) => {
                let mut assessment = self.assessment(system);
                assessment.assessed_by = header.assessed_by;
                assessment.assessed_on = header.assessed_on;
                assessment.next_review = header.next_review;
                Record::Impact(assessment)
            }
            (FormTarget::ImpactEntry(system, index), FormRecord::Entry(entry)) => {
                let mut assessment = self.assessment(system);
                match index.filter(|i| *i < assessment.impacts.len()) {
                    Some(i) => assessment.impacts[i] = entry,
                    None => assessment.impacts.push(entry),
                }
                Record::Impact(assessment)
            }
            (FormTarget::Risk(system, _), FormRecord::Risk(risk)) => {
                let mut assessment = self.assessment(system);
                match assessment.risks.iter().position(|r| r.id == risk.id) {
                    Some(i) => assessment.risks[i] = risk,
                    None => assessment.risks.push(risk),
                }
                Record::Impact(assessment)
            }
            _ => return None,
        })
    }

    /// Writes a form's record into its place in the workspace.
    fn store(&mut self, target: &FormTarget, record: FormRecord) -> Vec<Effect> {
        match self.placed(target, record) {
            Some(record) => self.apply(record),
            None => Vec::new(),
        }
    }

    /// Closing a form creates a new record if its required fields are set.
    /// A second close after the warning lets the unfinished record go.
    fn close_form(&mut self, mut form: Box<FormPopup>) -> Vec<Effect> {
        if !form.is_new() {
            return Vec::new();
        }
        let touched = form.record != form.initial || form.id_typed;
        if !touched {
            return Vec::new();
        }
        let problem = self.creation_problem(&form);
        if let Some(problem) = problem {
            if form.error.as_deref() == Some(problem.as_str()) {
                self.notify("not created: the form was closed without its required fields");
                return Vec::new();
            }
            form.error = Some(problem);
            self.popups.push(Popup::Form(form));
            return Vec::new();
        }
        let mut record = form.record.clone();
        match (&form.target, &mut record) {
            (FormTarget::NewSystem, FormRecord::System(system)) => {
                system.id = form.id.clone();
                self.notify(format!("added inventory/{}.yaml", system.id));
            }
            (FormTarget::Risk(system, None), FormRecord::Risk(risk)) => {
                risk.id = self.new_risk_id(system);
            }
            _ => {}
        }
        let target = form.target.clone();
        let effects = self.store(&target, record);
        if let FormTarget::NewSystem = target {
            let id = form.id.clone();
            self.jump_to_system(&id);
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
        if form.target == FormTarget::NewSystem {
            let taken = self.workspace.as_ref().is_some_and(|w| {
                w.records.systems.contains_key(&form.id)
                    || w.is_broken(&crate::model::system_path(&form.id))
            });
            if !is_valid_slug(&form.id) {
                return Some(format!("`{}` is not a valid id; edit the Id row", form.id));
            }
            if taken {
                return Some(format!(
                    "id `{}` is taken: edit Id (Esc again leaves)",
                    form.id
                ));
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

    /// Keys while a system's impact assessment is on top. Rows: the header,
    /// each affected group, "add a group", each risk, "add a risk".
    pub fn run_impact(&mut self, command: Command, system: String, selected: usize) -> Vec<Effect> {
        let assessment = self.assessment(&system);
        let groups = assessment.impacts.len();
        let risks = assessment.risks.len();
        let last = groups + risks + 2;
        let mut selected = selected.min(last);
        let keep = |app: &mut App, selected: usize| {
            app.popups.push(Popup::Impact {
                system: system.clone(),
                selected,
            })
        };
        match command {
            Command::SelectNext => selected = (selected + 1).min(last),
            Command::SelectPrev => selected = selected.saturating_sub(1),
            Command::AddItem => {
                keep(self, groups + 1);
                self.open_form(
                    FormTarget::ImpactEntry(system.clone(), None),
                    FormRecord::Entry(ImpactEntry {
                        group: crate::model::AffectedGroup::Users,
                        description: None,
                        severity: None,
                        likelihood: None,
                        mitigations: None,
                        residual: None,
                        extra: Default::default(),
                    }),
                );
                return Vec::new();
            }
            Command::AddRisk => {
                keep(self, last);
                self.open_form(
                    FormTarget::Risk(system.clone(), None),
                    FormRecord::Risk(Risk {
                        id: String::new(),
                        title: String::new(),
                        severity: None,
                        likelihood: None,
                        treatment: None,
                        owner: None,
                        controls: Vec::new(),
                        status: None,
                        extra: Default::default(),
                    }),
                );
                return Vec::new();
            }
            Command::Open => {
                keep(self, selected);
                match selected {
                    0 => self.open_form(
                        FormTarget::Assessment(system.clone()),
                        FormRecord::Assessment(assessment),
                    ),
                    i if i <= groups => self.open_form(
                        FormTarget::ImpactEntry(system.clone(), Some(i - 1)),
                        FormRecord::Entry(assessment.impacts[i - 1].clone()),
                    ),
                    i if i == groups + 1 => return self.run_impact_add(Command::AddItem),
                    i if i < last => self.open_form(
                        FormTarget::Risk(system.clone(), Some(i - groups - 2)),
                        FormRecord::Risk(assessment.risks[i - groups - 2].clone()),
                    ),
                    _ => return self.run_impact_add(Command::AddRisk),
                }
                return Vec::new();
            }
            Command::RemoveItem => {
                let mut changed = assessment.clone();
                if (1..=groups).contains(&selected) {
                    changed.impacts.remove(selected - 1);
                } else if selected > groups + 1 && selected < last {
                    changed.risks.remove(selected - groups - 2);
                } else {
                    keep(self, selected);
                    return Vec::new();
                }
                keep(self, selected.saturating_sub(1));
                return self.apply(Record::Impact(changed));
            }
            Command::Confirm => return self.offer_impact_rating(&system),
            _ => {}
        }
        keep(self, selected);
        Vec::new()
    }

    /// "Add" on an add row: the popup for the assessment is already back on
    /// the stack, so run the command against it.
    fn run_impact_add(&mut self, command: Command) -> Vec<Effect> {
        match self.popups.pop() {
            Some(Popup::Impact { system, selected }) => self.run_impact(command, system, selected),
            Some(other) => {
                self.popups.push(other);
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    /// After the assessment closes: if it implies another overall impact
    /// than the inventory records, ask before changing the inventory.
    fn offer_impact_rating(&mut self, system: &str) -> Vec<Effect> {
        let implied = self
            .workspace
            .as_ref()
            .and_then(|w| w.records.impacts.get(system))
            .and_then(ImpactAssessment::implied_rating);
        let current = self.system(system).and_then(|s| s.impact);
        if let Some(implied) = implied
            && current != Some(rating_of(implied))
        {
            self.popups.push(Popup::ConfirmImpact {
                system: system.to_string(),
                implied,
            });
        }
        Vec::new()
    }

    /// The user agreed: set the inventory's impact to what the assessment implies.
    pub fn accept_impact_rating(
        &mut self,
        system: &str,
        implied: crate::model::Level,
    ) -> Vec<Effect> {
        let Some(mut record) = self.system(system) else {
            return Vec::new();
        };
        record.impact = Some(rating_of(implied));
        let effects = self.apply(Record::System(record));
        self.notify(format!(
            "`{system}` impact set to {implied}, as its assessment implies"
        ));
        effects
    }
}
