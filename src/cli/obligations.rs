//! `aims obligations [SYSTEM]`: the EU AI Act duties of each system in use,
//! or of the one named, from the built-in duty rules: a table for people,
//! or CSV, JSON and Markdown from `report`. Indicative, and each format
//! says so.

use std::path::{Path, PathBuf};

use super::args::ViewFormat;
use super::inventory::note_broken_systems;
use super::listing::aligned_table;
use super::soa::note_broken_entries;
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, edit_distance, open_workspace};
use crate::catalog::DutyRules;
use crate::model::obligations::{Obligations, obligations};
use crate::model::{AiSystem, is_valid_slug};
use crate::report::{
    DutiesReport, classification_line, duties_json, duties_markdown, duties_table, table_csv,
};
use crate::text::{count, visible};

/// Splits the positionals: a lone argument that names a workspace folder
/// (one holding aims.yaml) or cannot be an id is the folder, so that
/// `aims obligations ~/aims` works as the other commands' `DIR` does.
pub fn system_and_dir<'a>(
    system: Option<&'a str>,
    dir: Option<&Path>,
) -> (Option<&'a str>, Option<PathBuf>) {
    match (system, dir) {
        (Some(only), None)
            if !is_valid_slug(only)
                || Path::new(only).join(crate::model::MANIFEST_PATH).is_file() =>
        {
            (None, Some(PathBuf::from(only)))
        }
        (system, dir) => (system, dir.map(Path::to_path_buf)),
    }
}

pub fn run(
    system: Option<&str>,
    dir: Option<&Path>,
    format: ViewFormat,
    out: &mut Output,
) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    note_broken_systems(&workspace, out);
    note_broken_entries(&workspace, out);
    let records = &workspace.records;
    let systems: Vec<&AiSystem> = match system {
        Some(id) => match records.systems.get(id) {
            Some(system) => vec![system],
            None => {
                out.error(&unknown_system(id, records.systems.keys()));
                return Ok(EXIT_FINDINGS);
            }
        },
        None => {
            let retired = records.systems.len() - records.current_systems().count();
            if retired > 0 {
                out.note(&format!(
                    "note: {} left out; name one to see its duties",
                    count(
                        retired,
                        "decommissioned system is",
                        "decommissioned systems are"
                    )
                ));
            }
            records.current_systems().collect()
        }
    };
    let rules = DutyRules::builtin();
    let found: Vec<Obligations> = systems
        .into_iter()
        .map(|system| obligations(rules, &workspace.catalogs, records, system))
        .collect();
    let report = DutiesReport {
        rules,
        organisation: &records.manifest.organisation,
        today: super::today(),
        systems: &found,
    };
    match format {
        ViewFormat::Table => out.data(&table(&report)),
        ViewFormat::Json => out.json(&duties_json(&report)),
        ViewFormat::Csv => out.document(&table_csv(&duties_table(rules, &found))),
        ViewFormat::Md => out.document(&duties_markdown(&report)),
    }
    Ok(EXIT_OK)
}

/// "unknown system `cv-screenin`; did you mean `cv-screening`?"
fn unknown_system<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> String {
    let near = known
        .map(|k| (edit_distance(k, id), k))
        .filter(|(distance, _)| *distance <= 3)
        .min();
    match near {
        Some((_, near)) => format!(
            "unknown system `{id}`: there is no inventory/{id}.yaml; did you mean `{near}`?"
        ),
        None => format!(
            "unknown system `{id}`: there is no inventory/{id}.yaml (see `aims inventory list`)"
        ),
    }
}

/// The columns of a system's duties, with the widest each may grow.
const COLUMNS: [(&str, usize); 5] = [
    ("articles", 16),
    ("duty", 40),
    ("applies from", 24),
    ("coverage", 14),
    ("ISO controls (state in the SoA)", 200),
];

/// A block per system: its classification, what looks wrong or is
/// missing, its duties, and what each `?` duty depends on.
fn table(report: &DutiesReport) -> String {
    let rules = report.rules;
    let mut text = format!(
        "{}\n{}\n{}\n",
        rules.title,
        rules.notice,
        visible(&report.about(), false)
    );
    if report.systems.is_empty() {
        text.push_str("\nNo AI system to show: the inventory has none in use.\n");
    }
    for found in report.systems {
        let system = found.system;
        text.push_str(&format!(
            "\n{} ({})\n{}\n",
            visible(&system.name, false),
            system.id,
            classification_line(found)
        ));
        for doubt in &found.doubts {
            text.push_str(&format!("! {}\n", visible(&doubt.message, false)));
        }
        for missing in &found.missing {
            text.push_str(&format!("- {missing}\n"));
        }
        if found.duties.is_empty() {
            continue;
        }
        let rows: Vec<Vec<String>> = found
            .duties
            .iter()
            .map(|duty| {
                let marker = if duty.conditions.is_empty() { "" } else { " ?" };
                let from = match &duty.date.pending {
                    Some(pending) => format!("{} ({})", duty.date.from, pending.from),
                    None => duty.date.from.to_string(),
                };
                let controls = if duty.controls.is_empty() {
                    "none".to_string()
                } else {
                    duty.controls_text(", ")
                };
                vec![
                    format!("{}{marker}", duty.articles()),
                    duty.rule.title.clone(),
                    from,
                    duty.coverage().label().to_string(),
                    controls,
                ]
            })
            .collect();
        text.push_str(&aligned_table(&COLUMNS, &rows));
        for duty in found.duties.iter().filter(|d| !d.conditions.is_empty()) {
            text.push_str(&format!(
                "? {} only if {}\n",
                duty.articles(),
                duty.conditions.join("; and ")
            ));
        }
    }
    text.push_str(&format!(
        "\n? the duty applies only if what follows the table holds.\n(date) the later date an amendment would set: {}\n",
        rules.dates_note
    ));
    text
}
