//! `aims inventory list|add|set`: the AI systems of the inventory from the
//! command line, for scripts and for people who would rather not open the
//! full-screen interface.
//!
//! Every value goes through `AiSystem::set`, the one validator the
//! interface's forms use too, so a value this command accepts is a value the
//! loader accepts, with the same message when it is not. Nothing is written
//! until every value of a command has been checked.

use std::collections::HashSet;
use std::path::Path;

use super::args::{AddArgs, InventoryFormat};
use super::listing::{aligned_table, records_csv};
use super::setting::{
    apply, is_canonical_on_disk, note_written, refuse_broken, refuse_read_only, refused, report,
    save,
};
use super::{EXIT_OK, Failure, Output, open_workspace};
use crate::model::{AiSystem, Fields, is_valid_slug, node_to_json, slug_from_name, system_path};
use crate::text::visible;
use crate::workspace::{Record, Workspace};

// --- list ----------------------------------------------------------------

pub fn list(dir: Option<&Path>, format: InventoryFormat, out: &mut Output) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    note_broken_systems(&workspace, out);
    // `systems` is a BTreeMap by id, so every format lists in id order.
    let systems: Vec<&AiSystem> = workspace.records.systems.values().collect();
    match format {
        InventoryFormat::Table if systems.is_empty() => {
            out.note("the inventory is empty; add a system with `aims inventory add --name NAME`");
        }
        InventoryFormat::Table => out.data(&table(&systems)),
        InventoryFormat::Json => {
            let list: Vec<serde_json::Value> =
                systems.iter().map(|s| node_to_json(&s.to_node())).collect();
            out.json(&serde_json::Value::Array(list));
        }
        InventoryFormat::Csv => out.document(&records_csv(&systems, None)),
    }
    Ok(EXIT_OK)
}

/// Systems whose file has errors are not in the records, so a listing
/// would silently leave them out; say so.
pub(super) fn note_broken_systems(workspace: &Workspace, out: &mut Output) {
    let broken: HashSet<&str> = workspace
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.path.starts_with("inventory/"))
        .map(|d| d.path.as_str())
        .filter(|path| workspace.is_broken(path))
        .collect();
    if !broken.is_empty() {
        out.note(&format!(
            "note: {} inventory file{} errors and {} not listed; run `aims check`",
            broken.len(),
            if broken.len() == 1 { " has" } else { "s have" },
            if broken.len() == 1 { "is" } else { "are" },
        ));
    }
}

/// Column titles and the widest each may grow, in terminal cells: enough
/// for every enum word, and for most names without a table wider than a
/// wide terminal.
const COLUMNS: [(&str, usize); 11] = [
    ("id", 28),
    ("name", 32),
    ("sourcing", 8),
    ("vendor", 20),
    ("owner", 20),
    ("lifecycle", 14),
    ("approval", 10),
    ("EU role", 25),
    ("EU risk", 10),
    ("impact", 10),
    ("next review", 11),
];

fn row(system: &AiSystem) -> [String; 11] {
    [
        "id",
        "name",
        "sourcing",
        "vendor",
        "owner",
        "lifecycle",
        "approval",
        "eu_ai_act.role",
        "eu_ai_act.risk",
        "impact",
        "next_review",
    ]
    .map(|key| {
        let value = system.get(key).expect("the columns are declared fields");
        if value.is_empty() {
            "-".to_string()
        } else {
            visible(&value, false).into_owned()
        }
    })
}

fn table(systems: &[&AiSystem]) -> String {
    let rows: Vec<Vec<String>> = systems.iter().map(|s| row(s).to_vec()).collect();
    aligned_table(&COLUMNS, &rows)
}

// --- add -----------------------------------------------------------------

pub fn add(dir: Option<&Path>, args: &AddArgs, out: &mut Output) -> Result<u8, Failure> {
    let mut workspace = open_workspace(dir)?;
    refuse_read_only(&workspace)?;
    let mut problems = Vec::new();
    let id = match &args.id {
        Some(id) => {
            if !is_valid_slug(id) {
                problems.push(format!(
                    "`{id}` is not a valid system id: use lower-case letters, digits and dashes (at most 64, not starting with a dash)"
                ));
            }
            id.clone()
        }
        None => {
            let id = slug_from_name(&args.name);
            // An empty name is reported by the setter below; one message is enough.
            if id.is_empty() && !args.name.trim().is_empty() {
                problems.push(format!(
                    "cannot make an id from the name `{}`; give one with --id",
                    args.name
                ));
            }
            id
        }
    };
    if is_valid_slug(&id) {
        let path = system_path(&id);
        // Any file counts, even one that failed to load: writing would lose it.
        if std::fs::symlink_metadata(workspace.root.join(&path)).is_ok() {
            let how = if args.id.is_some() {
                "choose another id with --id"
            } else {
                "the id was made from the name; choose another with --id"
            };
            let state = if workspace.is_broken(&path) {
                " (it has errors; see `aims check`)"
            } else {
                ""
            };
            problems.push(format!("{path} already exists{state}; {how}"));
        }
    }

    let mut system = AiSystem {
        id: id.clone(),
        ..AiSystem::default()
    };
    let mut assignments = vec![("name".to_string(), args.name.clone())];
    assignments.extend(
        flag_values(args)
            .into_iter()
            .filter_map(|(key, value)| value.map(|v| (key.to_string(), v.clone()))),
    );
    for (key, value) in &args.set {
        if key == "id" {
            problems.push("the id is not a field to --set; give it with --id".to_string());
        } else {
            assignments.push((key.clone(), value.clone()));
        }
    }
    problems.extend(apply(&mut system, &assignments, no_rules));
    if !problems.is_empty() {
        return Ok(report(&problems, out));
    }

    save(&mut workspace, Record::System(system))?;
    out.data(&format!("{id}\n"));
    out.note(&format!(
        "added {}; change it with `aims inventory set {id} FIELD=VALUE`",
        system_path(&id)
    ));
    Ok(EXIT_OK)
}

/// The field each flag of `add` sets, by its key in `AiSystem::FIELDS`.
fn flag_values(args: &AddArgs) -> [(&'static str, Option<&String>); 22] {
    [
        ("description", args.description.as_ref()),
        ("sourcing", args.sourcing.as_ref()),
        ("vendor", args.vendor.as_ref()),
        ("owner", args.owner.as_ref()),
        ("business_unit", args.business_unit.as_ref()),
        ("model", args.model.as_ref()),
        ("lifecycle", args.lifecycle.as_ref()),
        ("approval", args.approval.as_ref()),
        ("eu_ai_act.role", args.eu_role.as_ref()),
        ("eu_ai_act.risk", args.eu_risk.as_ref()),
        ("eu_ai_act.annex_iii", args.annex_iii.as_ref()),
        ("eu_ai_act.gpai", args.gpai.as_ref()),
        ("affected", args.affected.as_ref()),
        ("personal_data", args.personal_data.as_ref()),
        ("dpia", args.dpia.as_ref()),
        ("impact", args.impact.as_ref()),
        ("data", args.data.as_ref()),
        ("human_oversight", args.human_oversight.as_ref()),
        ("limitations", args.limitations.as_ref()),
        ("reviewed", args.reviewed.as_ref()),
        ("next_review", args.next_review.as_ref()),
        ("tags", args.tags.as_ref()),
    ]
}

// --- set -----------------------------------------------------------------

pub fn set(
    dir: Option<&Path>,
    id: &str,
    assignments: &[(String, String)],
    out: &mut Output,
) -> Result<u8, Failure> {
    let mut workspace = open_workspace(dir)?;
    refuse_read_only(&workspace)?;
    // Checked before the id is used to build a path, so `../x` never is one.
    if !is_valid_slug(id) {
        return Err(refused(format!(
            "`{id}` is not a system id (lower-case letters, digits and dashes); see `aims inventory list` for the ids"
        )));
    }
    let path = system_path(id);
    refuse_broken(&workspace, &path, out)?;
    let Some(original) = workspace.records.systems.get(id) else {
        return Err(refused(format!(
            "no system `{id}` in the inventory; see `aims inventory list` for the ids, or add it with `aims inventory add`"
        )));
    };
    let mut system = original.clone();
    let problems = apply(&mut system, assignments, no_rules);
    if !problems.is_empty() {
        return Ok(report(&problems, out));
    }
    let was_canonical = is_canonical_on_disk(&workspace, &Record::System(original.clone()));
    let outcome = save(&mut workspace, Record::System(system))?;
    note_written(outcome, &path, was_canonical, out);
    Ok(EXIT_OK)
}

/// The inventory's fields have no rules beyond their own values.
fn no_rules(_: &AiSystem, _: &str) -> Result<(), String> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_add_flag_names_a_known_field() {
        let args = AddArgs {
            dir: None,
            name: String::new(),
            id: None,
            description: None,
            sourcing: None,
            vendor: None,
            owner: None,
            business_unit: None,
            model: None,
            lifecycle: None,
            approval: None,
            eu_role: None,
            eu_risk: None,
            annex_iii: None,
            gpai: None,
            affected: None,
            personal_data: None,
            dpia: None,
            impact: None,
            data: None,
            human_oversight: None,
            limitations: None,
            reviewed: None,
            next_review: None,
            tags: None,
            set: Vec::new(),
        };
        let keys: Vec<&str> = flag_values(&args).iter().map(|(k, _)| *k).collect();
        for key in &keys {
            assert!(
                AiSystem::field(key).is_ok_and(|f| f.spec.is_editable()),
                "--{key} sets no field"
            );
        }
        // With --name, every field has its own flag.
        assert_eq!(
            keys.len() + 1,
            AiSystem::specs().filter(|s| s.is_editable()).count()
        );
    }

    #[test]
    fn all_problems_are_reported_and_repeats_refused() {
        let mut system = AiSystem::default();
        let problems = apply(
            &mut system,
            &[
                ("sourcing".into(), "rented".into()),
                ("owner".into(), "A".into()),
                ("owner".into(), "B".into()),
                ("reviewed".into(), "2026-02-30".into()),
            ],
            no_rules,
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[1].contains("more than once"));
    }
}
