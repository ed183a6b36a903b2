//! `aims progress --since DATE|COMMIT`: what moved since the last meeting,
//! from git: decisions made and changed, status moves, systems added or
//! decommissioned, risks opened and closed, reviews done, with who did each.

use std::path::Path;

use serde_json::json;

use super::args::TableFormat;
use super::setting::report_errors;
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace};
use crate::model::{Change, changes};
use crate::report::markdown_text;
use crate::text::{count, visible};
use crate::workspace::{Past, past};

pub fn run(
    dir: Option<&Path>,
    when: &str,
    format: TableFormat,
    out: &mut Output,
) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    if report_errors(&workspace, out) {
        out.note("nothing is compared while files have errors: what they hold would show as removed; fix them first (`aims check`)");
        return Ok(EXIT_FINDINGS);
    }
    let before = past(&workspace.root, when).map_err(Failure::usage)?;
    let found = changes(&workspace.catalogs, &before.records, &workspace.records);
    let since = match &before.commit {
        Some((commit, date)) => format!(
            "since {when} (commit {} of {date})",
            commit.get(..10).unwrap_or(commit)
        ),
        None => format!("since {when} (before the first commit: everything is new)"),
    };
    match format {
        TableFormat::Table => out.data(&table(&found, &before, &since)),
        TableFormat::Md => out.document(&markdown(&found, &before, &since)),
        TableFormat::Json => out.json(&json!({
            "since": when,
            "commit": before.commit.as_ref().map(|(c, _)| c),
            "commit_date": before.commit.as_ref().map(|(_, d)| d),
            "changes": found.iter().map(|c| json!({
                "kind": c.kind.key(),
                "id": c.id,
                "path": c.path,
                "text": c.text,
                "by": by(c, &before),
                "uncommitted": before.uncommitted.contains(&c.path),
            })).collect::<Vec<_>>(),
        })),
    }
    Ok(EXIT_OK)
}

/// Who made a change: who last committed its file since, or that it is
/// not committed yet.
fn by(change: &Change, before: &Past) -> String {
    if before.uncommitted.contains(&change.path) {
        "not committed yet".to_string()
    } else {
        before
            .changed_by
            .get(&change.path)
            .cloned()
            .unwrap_or_else(|| "unknown".to_string())
    }
}

fn table(found: &[Change], before: &Past, since: &str) -> String {
    let mut text = format!("{}, {since}\n", count(found.len(), "change", "changes"));
    for change in found {
        text.push_str(&format!(
            "  {:<22} {}  ({})\n",
            change.kind.label(),
            visible(&change.text, false),
            visible(&by(change, before), false)
        ));
    }
    text
}

fn markdown(found: &[Change], before: &Past, since: &str) -> String {
    let mut text = format!(
        "# What changed\n\n{}, {since}.\n\n| Change | What | By |\n|---|---|---|\n",
        count(found.len(), "change", "changes")
    );
    for change in found {
        text.push_str(&format!(
            "| {} | {} | {} |\n",
            change.kind.label(),
            markdown_text(&change.text),
            markdown_text(&by(change, before))
        ));
    }
    text
}
