//! `aims soa list|set`: the Statement of Applicability from the command
//! line. Every control of the catalogues in use is listed, decided or not;
//! `set` checks values with the declared fields of an SoA entry and the
//! SoA's rules, the same code and words as the interface, and writes
//! nothing unless every assignment passes.

use std::path::Path;

use super::args::InventoryFormat as ListFormat;
use super::listing::{Extra, aligned_table, records_csv};
use super::setting::{
    apply, is_canonical_on_disk, note_written, refuse_broken, refuse_read_only, refused, report,
    save,
};
use super::{EXIT_OK, Failure, Output, open_workspace};
use crate::catalog::{Control, is_valid_control_id};
use crate::model::{
    Decision, Fields, SoaEntry, check_references, check_soa_edit, node_to_json, soa_path,
};
use crate::text::visible;
use crate::workspace::{Record, Workspace};

pub fn list(dir: Option<&Path>, format: ListFormat, out: &mut Output) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    note_broken_entries(&workspace, out);
    let rows: Vec<(&Control, SoaEntry)> = workspace
        .catalogs
        .controls()
        .map(|control| {
            let entry = workspace
                .records
                .soa
                .get(&control.id)
                .cloned()
                .unwrap_or_else(|| SoaEntry::new(&control.id));
            (control, entry)
        })
        .collect();
    match format {
        ListFormat::Table => out.data(&table(&rows)),
        ListFormat::Json => {
            let list = rows
                .iter()
                .map(|(control, entry)| {
                    let mut value = node_to_json(&entry.to_node());
                    if let Some(map) = value.as_object_mut() {
                        map.insert("title".into(), control.title.clone().into());
                        map.insert(
                            "decision".into(),
                            Decision::of(control, Some(entry)).to_string().into(),
                        );
                        map.insert("mandatory".into(), control.is_requirement().into());
                    }
                    value
                })
                .collect();
            out.json(&serde_json::Value::Array(list));
        }
        ListFormat::Csv => {
            let entries: Vec<&SoaEntry> = rows.iter().map(|(_, entry)| entry).collect();
            let titles: Vec<String> = rows.iter().map(|(c, _)| c.title.clone()).collect();
            let title = Extra {
                after: "control",
                header: "title",
                values: &titles,
            };
            out.document(&records_csv(&entries, Some(title)));
        }
    }
    Ok(EXIT_OK)
}

/// Entries whose file has errors show as undecided; say so.
pub(super) fn note_broken_entries(workspace: &Workspace, out: &mut Output) {
    let broken: Vec<&str> = workspace
        .catalogs
        .controls()
        .map(|c| c.id.as_str())
        .filter(|id| workspace.is_broken(&soa_path(id)))
        .collect();
    if !broken.is_empty() {
        out.note(&format!(
            "note: the file of {} has errors, so what it decides is not shown; run `aims check`",
            broken.join(", ")
        ));
    }
}

/// The columns of the table, with the widest each may grow.
const COLUMNS: [(&str, usize); 5] = [
    ("control", 9),
    ("title", 40),
    ("decision", 10),
    ("status", 11),
    ("owner", 30),
];

fn table(rows: &[(&Control, SoaEntry)]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(control, entry)| {
            let text = |v: Option<String>| v.filter(|v| !v.is_empty()).unwrap_or("-".into());
            vec![
                control.id.clone(),
                visible(&control.title, false).into_owned(),
                Decision::of(control, Some(entry)).to_string(),
                text(entry.status.map(|s| s.to_string())),
                text(
                    entry
                        .owner
                        .as_deref()
                        .map(|o| visible(o, false).into_owned()),
                ),
            ]
        })
        .collect();
    aligned_table(&COLUMNS, &cells)
}

pub fn set(
    dir: Option<&Path>,
    control: &str,
    assignments: &[(String, String)],
    out: &mut Output,
) -> Result<u8, Failure> {
    let mut workspace = open_workspace(dir)?;
    refuse_read_only(&workspace)?;
    // Checked before the id is used to build a path, so `../x` never is one.
    let known = is_valid_control_id(control)
        .then(|| workspace.catalogs.control(control))
        .flatten();
    let Some(requirement) = known.map(Control::is_requirement) else {
        return Err(refused(format!(
            "unknown control `{control}`: no catalogue in use defines it; see `aims soa list` for the controls"
        )));
    };
    let path = soa_path(control);
    refuse_broken(&workspace, &path, out)?;
    let original = workspace.records.soa.get(control).cloned();
    let mut entry = original.clone().unwrap_or_else(|| SoaEntry::new(control));
    let problems = {
        let (catalogs, records) = (&workspace.catalogs, &workspace.records);
        apply(&mut entry, assignments, |entry, key| {
            check_soa_edit(entry, key, requirement)?;
            let field = SoaEntry::field(key).map_err(|e| e.to_string())?;
            let ids = entry.items(key).map_err(|e| e.to_string())?;
            let ids: Vec<String> = ids.into_iter().filter(|i| !i.is_empty()).collect();
            check_references(&field.spec, &ids, catalogs, records)
        })
    };
    if !problems.is_empty() {
        return Ok(report(&problems, out));
    }
    let was_canonical = original.is_none_or(|o| is_canonical_on_disk(&workspace, &Record::Soa(o)));
    let outcome = save(&mut workspace, Record::Soa(entry))?;
    note_written(outcome, &path, was_canonical, out);
    Ok(EXIT_OK)
}
