//! What an import would do, row by row, against the workspace as loaded:
//! create a record, update one, leave one as it is, or skip the row with
//! its reasons. Values are set with the records' own declared setters and
//! checked with the SoA's rules, the code the forms and `set` use, so a row
//! the plan accepts is one the workspace's write path accepts.
//!
//! An existing value is never replaced unless `overwrite` is set; a value
//! the sheet gives differently is kept and shown, so nobody loses a
//! decision to a stale spreadsheet.

use std::collections::HashMap;

use super::values::{DateOrder, field_text, words};
use super::{Column, Columns, Kind, Sheet};
use crate::catalog::is_valid_control_id;
use crate::model::{
    AiSystem, Fields, SoaEntry, check_references, check_soa_edit, is_valid_slug, slug_from_name,
    soa_path, system_path,
};
use crate::workspace::{Record, Workspace};

/// How to read and apply the sheet.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The order of dates written with numbers only, when there are any.
    pub order: Option<DateOrder>,
    /// Replace values the workspace already holds.
    pub overwrite: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    /// The record already holds everything the row says (or keeps its own
    /// values over the row's, without `overwrite`).
    Unchanged,
    Skip,
    /// A heading of the sheet (a group of controls, `A.2 Policies`), no
    /// record: passed over, not counted as skipped.
    Heading,
}

/// One field the row gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    /// As the record holds it now (empty: not set).
    pub old: String,
    pub new: String,
    /// The record keeps `old`: it had a value and `overwrite` was not set.
    pub kept: bool,
}

/// What becomes of one row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowPlan {
    /// The row's number in the sheet.
    pub row: usize,
    /// The control or system id (what the row names, when it is no id).
    pub id: String,
    pub action: Action,
    pub changes: Vec<Change>,
    /// Why the row is skipped, each naming the cell and what to do.
    pub reasons: Vec<String>,
    /// The record to write, for `Create` and `Update`.
    pub record: Option<Record>,
    /// Whether the workspace holds the record already.
    pub existed: bool,
}

impl RowPlan {
    fn skip(row: usize, id: &str, reason: String) -> RowPlan {
        RowPlan {
            row,
            id: id.to_string(),
            action: Action::Skip,
            changes: Vec::new(),
            reasons: vec![reason],
            record: None,
            existed: false,
        }
    }

    fn finish(
        row: usize,
        id: &str,
        existed: bool,
        changes: Vec<Change>,
        reasons: Vec<String>,
        record: Record,
    ) -> RowPlan {
        let action = if !reasons.is_empty() {
            Action::Skip
        } else if !existed && changes.is_empty() {
            // A row that says nothing a file would hold ("mandatory" on a
            // clause) makes no file.
            Action::Unchanged
        } else if !existed {
            Action::Create
        } else if changes.iter().any(|c| !c.kept) {
            Action::Update
        } else {
            Action::Unchanged
        };
        let writes = matches!(action, Action::Create | Action::Update);
        RowPlan {
            row,
            id: id.to_string(),
            action,
            changes,
            reasons,
            record: writes.then_some(record),
            existed,
        }
    }
}

/// The plan of a whole sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub rows: Vec<RowPlan>,
}

impl Plan {
    pub fn count(&self, action: Action) -> usize {
        self.rows.iter().filter(|r| r.action == action).count()
    }
}

/// Plans the rows under the header of `sheet` against `workspace`.
pub fn plan(
    kind: Kind,
    sheet: &Sheet,
    columns: &Columns,
    workspace: &Workspace,
    options: Options,
) -> Plan {
    let mut planner = Planner {
        columns,
        workspace,
        options,
        seen: HashMap::new(),
        assigned: HashMap::new(),
    };
    let rows = sheet.rows[columns.header_row + 1..]
        .iter()
        .filter(|row| !row.is_blank())
        .map(|row| match kind {
            Kind::Soa => planner.soa_row(row),
            Kind::Inventory => planner.system_row(row),
        })
        .collect();
    Plan { rows }
}

struct Planner<'a> {
    columns: &'a Columns,
    workspace: &'a Workspace,
    options: Options,
    /// The row that first named each id.
    seen: HashMap<String, usize>,
    /// Ids made from names in this sheet, by the name's words.
    assigned: HashMap<String, String>,
}

/// A control id as people type it: spaces dropped, `a.` made `A.`.
fn control_id(text: &str) -> String {
    let id: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    match id.strip_prefix("a.") {
        Some(rest) => format!("A.{rest}"),
        None => id,
    }
}

impl Planner<'_> {
    /// The text each field of the row takes, and the reasons of the cells
    /// that cannot be mapped. Empty cells say nothing: they never clear.
    fn values<'c>(
        &'c self,
        kind: Kind,
        row: &super::Row,
        skip: &[&str],
        reasons: &mut Vec<String>,
    ) -> Vec<(&'c Column, String)> {
        let specs = kind.fields();
        let mut values = Vec::new();
        for column in &self.columns.mapped {
            if skip.contains(&column.field) {
                continue;
            }
            let cell = row.cell(column.index);
            if cell.is_empty() {
                continue;
            }
            let Some(spec) = specs.iter().find(|s| s.key == column.field) else {
                continue;
            };
            match field_text(spec, cell, self.options.order) {
                Ok(text) if text.trim().is_empty() => {}
                Ok(text) => values.push((column, text)),
                Err(reason) => reasons.push(format!("{}: {reason}", column.place())),
            }
        }
        values
    }

    /// Notes the row as the one naming `id`, or says which row did first.
    fn duplicate(&mut self, id: &str, row: usize) -> Option<String> {
        match self.seen.get(id) {
            Some(first) => Some(format!(
                "a duplicate: row {first} already gives {id}; only the first is imported"
            )),
            None => {
                self.seen.insert(id.to_string(), row);
                None
            }
        }
    }

    fn broken(&self, path: &str) -> Option<String> {
        self.workspace.is_broken(path).then(|| {
            format!("{path} has errors (see `aims check`); fix it by hand first, aims will not overwrite it")
        })
    }

    fn soa_row(&mut self, row: &super::Row) -> RowPlan {
        let key = self.columns.of("control").expect("matched before planning");
        let cell = row.cell(key.index).text();
        // "A.2.2" alone, or followed by the title ("A.2.2 AI policy").
        let first = cell.split_whitespace().next().unwrap_or("");
        let catalogs = &self.workspace.catalogs;
        let known = |id: &String| is_valid_control_id(id) && catalogs.control(id).is_some();
        let id = [control_id(&cell), control_id(first)]
            .into_iter()
            .find(known)
            .unwrap_or_else(|| control_id(&cell));
        if id.is_empty() {
            return RowPlan::skip(row.number, "-", format!("no control id in {}", key.place()));
        }
        let Some(requirement) = catalogs.control(&id).map(|c| c.is_requirement()) else {
            let group = control_id(first);
            let alone = self
                .columns
                .mapped
                .iter()
                .all(|c| c.index == key.index || row.cell(c.index).is_empty());
            if alone && catalogs.groups().any(|(_, g)| g.id == group) {
                return RowPlan {
                    action: Action::Heading,
                    reasons: vec![format!("the heading of the group {group}; passed over")],
                    ..RowPlan::skip(row.number, &group, String::new())
                };
            }
            return RowPlan::skip(
                row.number,
                &id,
                format!(
                    "unknown control `{id}` in {}: no catalogue in use defines it (see `aims soa list`)",
                    key.place()
                ),
            );
        };
        if let Some(reason) = self
            .duplicate(&id, row.number)
            .or_else(|| self.broken(&soa_path(&id)))
        {
            return RowPlan::skip(row.number, &id, reason);
        }
        let mut reasons = Vec::new();
        let mut values = self.values(Kind::Soa, row, &["control"], &mut reasons);
        let original = self.workspace.records.soa.get(&id).cloned();
        let decision = values.iter().position(|(c, _)| c.field == "applicable");
        if requirement {
            // A mandatory clause always applies: "yes" agrees and is dropped.
            if let Some(at) = decision {
                let (column, text) = values.remove(at);
                if text == "false" {
                    reasons.push(format!(
                        "{id} is a mandatory requirement and cannot be excluded, but {} says `{}`",
                        column.place(),
                        row.cell(column.index).text().trim()
                    ));
                }
            }
        } else if decision.is_none() && original.as_ref().is_none_or(|o| o.applicable.is_none()) {
            let place = self
                .columns
                .of("applicable")
                .map_or("no column gives applicability".to_string(), |c| {
                    format!("nothing in {}", c.place())
                });
            reasons.push(format!(
                "no decision: {place}; write Yes or No (N/A for excluded)"
            ));
        }
        // Said in the sheet's terms rather than as the rule's advice to
        // mark the control applicable.
        let excluded = values
            .iter()
            .any(|(c, text)| c.field == "applicable" && text == "false");
        let status_given = values.iter().find(|(c, _)| c.field == "status");
        let excluded_with_status = excluded && status_given.is_some();
        if let Some((column, _)) = status_given
            && excluded
        {
            reasons.push(format!(
                "{} gives `{}`, but the row excludes {id}, and an excluded control has no status: empty the cell or write N/A",
                column.place(),
                row.cell(column.index).text().trim()
            ));
        }
        let mut entry = original.clone().unwrap_or_else(|| SoaEntry::new(&id));
        let changes = merge(&mut entry, &values, self.options.overwrite, &mut reasons);
        // A new decision is checked against the status the entry keeps
        // too: excluding a control must not leave it "implemented".
        let mut changed: Vec<&str> = changes
            .iter()
            .filter(|c| !c.kept)
            .map(|c| c.field)
            .collect();
        if changed.contains(&"applicable") && !changed.contains(&"status") {
            changed.push("status");
        }
        // Said above in the sheet's words; once is enough.
        if excluded_with_status {
            changed.retain(|f| *f != "status");
        }
        for field in changed {
            let (catalogs, records) = (&self.workspace.catalogs, &self.workspace.records);
            let rule = check_soa_edit(&entry, field, requirement).and_then(|()| {
                let spec = SoaEntry::field(field).map_err(|e| e.to_string())?.spec;
                let ids = entry.items(field).map_err(|e| e.to_string())?;
                let ids: Vec<String> = ids.into_iter().filter(|i| !i.is_empty()).collect();
                check_references(&spec, &ids, catalogs, records)
            });
            if let Err(reason) = rule
                && !reasons.contains(&reason)
            {
                reasons.push(reason);
            }
        }
        RowPlan::finish(
            row.number,
            &id,
            original.is_some(),
            changes,
            reasons,
            Record::Soa(entry),
        )
    }

    fn system_row(&mut self, row: &super::Row) -> RowPlan {
        let name_column = self.columns.of("name");
        let name = name_column
            .map(|c| row.cell(c.index).text().trim().to_string())
            .unwrap_or_default();
        let given = self
            .columns
            .of("id")
            .map(|c| (c, row.cell(c.index).text().trim().to_string()))
            .filter(|(_, id)| !id.is_empty());
        let id = match given {
            Some((column, id)) => {
                let id = id.to_lowercase();
                if !is_valid_slug(&id) {
                    return RowPlan::skip(
                        row.number,
                        &id,
                        format!(
                            "`{id}` in {} is not a system id: use lower-case letters, digits and dashes (at most 64)",
                            column.place()
                        ),
                    );
                }
                id
            }
            None if name.is_empty() => {
                let place = name_column.map_or("no column".to_string(), |c| c.place());
                return RowPlan::skip(
                    row.number,
                    "-",
                    format!("no name in {place}, and no id to find the system by"),
                );
            }
            None => match self.id_for_name(&name) {
                Some(id) => id,
                None => {
                    return RowPlan::skip(
                        row.number,
                        &name,
                        format!("cannot make an id from the name `{name}`; add an Id column"),
                    );
                }
            },
        };
        if let Some(reason) = self
            .duplicate(&id, row.number)
            .or_else(|| self.broken(&system_path(&id)))
        {
            return RowPlan::skip(row.number, &id, reason);
        }
        let mut reasons = Vec::new();
        let values = self.values(Kind::Inventory, row, &["id"], &mut reasons);
        let original = self.workspace.records.systems.get(&id).cloned();
        if original.is_none() && name.is_empty() {
            reasons.push(format!(
                "no name: a new system needs one ({})",
                name_column.map_or("no column gives names".to_string(), |c| format!(
                    "{} is empty",
                    c.place()
                ))
            ));
        }
        let mut system = original.clone().unwrap_or_else(|| AiSystem {
            id: id.clone(),
            ..AiSystem::default()
        });
        let changes = merge(&mut system, &values, self.options.overwrite, &mut reasons);
        RowPlan::finish(
            row.number,
            &id,
            original.is_some(),
            changes,
            reasons,
            Record::System(system),
        )
    }

    /// The id of the system named `name`: the one in the inventory with
    /// that name (by its words: case and punctuation aside) or with the id
    /// the name makes, else that id made unique among the sheet's names.
    fn id_for_name(&mut self, name: &str) -> Option<String> {
        let said = words(name);
        let systems = &self.workspace.records.systems;
        if let Some(system) = systems.values().find(|s| words(&s.name) == said) {
            return Some(system.id.clone());
        }
        if let Some(id) = self.assigned.get(&said) {
            return Some(id.clone());
        }
        let base = slug_from_name(name);
        if base.is_empty() {
            return None;
        }
        let taken = |id: &str| self.assigned.values().any(|a| a == id);
        let mut id = base.clone();
        let mut n = 2;
        while taken(&id) {
            let suffix = format!("-{n}");
            let stem: String = base.chars().take(64 - suffix.len()).collect();
            id = format!("{}{suffix}", stem.trim_end_matches('-'));
            n += 1;
        }
        self.assigned.insert(said, id.clone());
        Some(id)
    }
}

/// Sets each value on `record` with the field's own setter: a value where
/// there was none, or any value with `overwrite`; a different value kept
/// otherwise. Returns what changed (or would have).
fn merge<R: Fields + Clone>(
    record: &mut R,
    values: &[(&Column, String)],
    overwrite: bool,
    reasons: &mut Vec<String>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    for (column, text) in values {
        let old = record.get(column.field).unwrap_or_default();
        let mut trial = record.clone();
        if let Err(error) = trial.set(column.field, text) {
            reasons.push(format!("{}: {error}", column.place()));
            continue;
        }
        let new = trial.get(column.field).unwrap_or_default();
        if new == old {
            continue;
        }
        let kept = !old.trim().is_empty() && !overwrite;
        if !kept {
            *record = trial;
        }
        changes.push(Change {
            field: column.field,
            old,
            new,
            kept,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::super::{Cell, Row, match_columns};
    use super::*;

    fn example() -> Workspace {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("workspace-example");
        crate::workspace::load(&root).expect("the example loads")
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                number: i + 1,
                cells: cells
                    .iter()
                    .map(|c| match c.is_empty() {
                        true => Cell::Empty,
                        false => Cell::Text(c.to_string()),
                    })
                    .collect(),
            })
            .collect();
        Sheet {
            rows,
            sheets: Vec::new(),
        }
    }

    fn soa_plan(rows: &[&[&str]], overwrite: bool) -> Plan {
        let (workspace, sheet) = (example(), sheet(rows));
        let columns = match_columns(Kind::Soa, &sheet, &[]).expect("matched");
        let options = Options {
            order: None,
            overwrite,
        };
        plan(Kind::Soa, &sheet, &columns, &workspace, options)
    }

    #[test]
    fn a_decision_the_workspace_holds_is_kept_unless_overwrite() {
        let rows: &[&[&str]] = &[&["Control", "Applicable", "Owner"], &["A.5.2", "N", "B"]];
        let kept = soa_plan(rows, false);
        assert_eq!(kept.rows[0].action, Action::Unchanged);
        assert!(kept.rows[0].record.is_none());
        let fields: Vec<(&str, bool)> = kept.rows[0]
            .changes
            .iter()
            .map(|c| (c.field, c.kept))
            .collect();
        assert_eq!(fields, [("applicable", true), ("owner", true)]);

        // Replaced, the exclusion leaves a status on an excluded control,
        // which the SoA's rules refuse: the row is skipped, not half-done.
        let replaced = soa_plan(rows, true);
        assert_eq!(replaced.rows[0].action, Action::Skip);
        assert!(
            replaced.rows[0].reasons[0].contains("only an applicable control has a status"),
            "{:?}",
            replaced.rows[0].reasons
        );
    }

    #[test]
    fn an_excluded_control_with_a_status_is_skipped_in_the_sheets_words() {
        let rows: &[&[&str]] = &[
            &["Control", "Applicable", "Justification", "Status"],
            &["A.4.2", "Excluded", "No", "Not started"],
        ];
        let plan = soa_plan(rows, false);
        assert_eq!(
            plan.rows[0].reasons,
            [
                "column D `Status` gives `Not started`, but the row excludes A.4.2, and an excluded control has no status: empty the cell or write N/A"
            ]
        );
    }

    #[test]
    fn mandatory_clauses_take_yes_and_refuse_no() {
        let rows: &[&[&str]] = &[
            &["Control", "Applicable", "Status"],
            &["4.2", "Yes", "Planned"],
            &["4.4", "No", "Planned"],
        ];
        let plan = soa_plan(rows, false);
        assert_eq!(plan.rows[0].action, Action::Create);
        let Some(Record::Soa(entry)) = &plan.rows[0].record else {
            panic!("an entry to write: {:?}", plan.rows[0]);
        };
        assert_eq!(entry.applicable, None);
        assert_eq!(plan.rows[1].action, Action::Skip);
        assert!(plan.rows[1].reasons[0].contains("cannot be excluded"));
    }

    #[test]
    fn rows_name_their_cell_and_value_when_skipped() {
        let rows: &[&[&str]] = &[
            &["Control", "Applicable", "Due date"],
            &["A.4.2", "Y", "next year"],
            &["", "Y", ""],
        ];
        let plan = soa_plan(rows, false);
        assert_eq!(
            plan.rows[0].reasons,
            ["column C `Due date`: `next year` is not a date; write it as YYYY-MM-DD"]
        );
        assert_eq!(
            plan.rows[1].reasons,
            ["no control id in column A `Control`"]
        );
        assert_eq!(plan.count(Action::Skip), 2);
    }
}
