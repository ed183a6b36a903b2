//! The keys of the inventory, the risk register and a system's impact
//! assessment: opening forms, decommissioning, sorting and jumping between
//! a risk, its system and its controls.

use super::action::Command;
use super::app::{App, Effect, Tab};
use super::popup::{Popup, RecordRef};
use super::rows::Column;
use crate::model::{ImpactAssessment, Lifecycle, rating_of};
use crate::workspace::Record;

impl App {
    /// The keys of the inventory that act on the selected system.
    pub(crate) fn inventory_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::NewSystem => {
                self.open_form(RecordRef::NewSystem);
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
                if let Some(workspace) = &self.workspace {
                    self.system_index
                        .sort(&workspace.records, self.sort.0, self.sort.1);
                }
                self.refresh_systems();
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
                self.open_form(RecordRef::System(id));
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
                if self.refuse_edit(&RecordRef::System(id.clone())) {
                    return Vec::new();
                }
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
    pub(crate) fn risk_command(&mut self, command: Command) -> Vec<Effect> {
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

    pub(crate) fn jump_to_system(&mut self, id: &str) {
        self.tab = Tab::Inventory;
        self.systems.filter = Default::default();
        self.refresh_systems();
        if let Some(index) = self.systems.rows.iter().position(|r| r == id) {
            self.systems.select(index);
        }
    }

    pub(crate) fn jump_to_control(&mut self, id: &str) {
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

    /// Keys while a system's impact assessment is on top. Rows: the header,
    /// each affected group, "add a group", each risk, "add a risk".
    pub(crate) fn run_impact(&mut self, command: Command) -> Vec<Effect> {
        let Some(Popup::Impact { system, selected }) = self.popups.last() else {
            return Vec::new();
        };
        let (system, selected) = (system.clone(), *selected);
        let assessment = self.assessment(&system);
        let groups = assessment.impacts.len();
        let last = groups + assessment.risks.len() + 2;
        let selected = selected.min(last);
        let row = |selected: usize| -> RecordRef {
            match selected {
                0 => RecordRef::Assessment(system.clone()),
                i if i <= groups => RecordRef::ImpactEntry(system.clone(), Some(i - 1)),
                i if i == groups + 1 => RecordRef::ImpactEntry(system.clone(), None),
                i if i < last => RecordRef::Risk(system.clone(), Some(i - groups - 2)),
                _ => RecordRef::Risk(system.clone(), None),
            }
        };
        let select = |app: &mut App, to: usize| {
            if let Some(Popup::Impact { selected, .. }) = app.popups.last_mut() {
                *selected = to;
            }
        };
        match command {
            Command::SelectNext => select(self, (selected + 1).min(last)),
            Command::SelectPrev => select(self, selected.saturating_sub(1)),
            Command::AddItem => {
                select(self, groups + 1);
                self.open_form(RecordRef::ImpactEntry(system, None));
            }
            Command::AddRisk => {
                select(self, last);
                self.open_form(RecordRef::Risk(system, None));
            }
            Command::Open => {
                self.open_form(row(selected));
            }
            Command::RemoveItem => {
                let mut changed = assessment;
                match row(selected) {
                    RecordRef::ImpactEntry(_, Some(i)) => {
                        changed.impacts.remove(i);
                    }
                    RecordRef::Risk(_, Some(i)) => {
                        changed.risks.remove(i);
                    }
                    _ => return Vec::new(),
                }
                if self.refuse_edit(&RecordRef::Assessment(system)) {
                    return Vec::new();
                }
                select(self, selected.saturating_sub(1));
                return self.apply(Record::Impact(changed));
            }
            Command::Confirm => {
                self.popups.pop();
                return self.offer_impact_rating(&system);
            }
            _ => {}
        }
        Vec::new()
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
    pub(crate) fn accept_impact_rating(
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
