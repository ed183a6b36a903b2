//! `aims progress --by owner`: who owes what, for a review board. Each
//! person with their open controls, the systems in use and open risks they
//! own, and what of it is overdue, overdue first; what nobody owns last.

use std::path::Path;

use serde_json::json;

use super::args::TableFormat;
use super::setting::report_errors;
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace, today};
use crate::model::{OwnerLoad, by_owner};
use crate::report::markdown_text;
use crate::text::{count, visible};

/// How the people with nothing assigned are named.
const NO_ONE: &str = "no one";

pub fn run(dir: Option<&Path>, format: TableFormat, out: &mut Output) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    if report_errors(&workspace, out) {
        out.note("no one's list is shown while files have errors: what they hold would be missing from it; fix them first (`aims check`)");
        return Ok(EXIT_FINDINGS);
    }
    let today = today();
    let loads = by_owner(&workspace.catalogs, &workspace.records, today);
    match format {
        TableFormat::Table => out.data(&table(&loads)),
        TableFormat::Md => out.document(&markdown(&loads, today)),
        TableFormat::Json => out.json(&json_of(&loads, today)),
    }
    Ok(EXIT_OK)
}

fn name(load: &OwnerLoad) -> &str {
    load.owner.as_deref().unwrap_or(NO_ONE)
}

/// "3 open, 1 overdue".
fn tally(load: &OwnerLoad) -> String {
    match load.overdue() {
        0 => format!("{} open", load.items.len()),
        overdue => format!("{} open, {overdue} overdue", load.items.len()),
    }
}

fn table(loads: &[OwnerLoad]) -> String {
    if loads.is_empty() {
        return "nothing is open: every control in force is implemented, and no system or risk is open\n".to_string();
    }
    let mut text = String::new();
    for load in loads {
        text.push_str(&format!(
            "{}: {}\n",
            visible(name(load), false),
            tally(load)
        ));
        for item in &load.items {
            let overdue = if item.overdue_since.is_some() {
                "overdue"
            } else {
                ""
            };
            text.push_str(&format!(
                "  {overdue:<7} {:<10} {:<24} {}\n",
                item.kind.word(),
                visible(&item.id, false),
                visible(&item.what, false)
            ));
        }
        text.push('\n');
    }
    text.push_str(&format!(
        "{} with something open.\n",
        count(
            loads.iter().filter(|l| l.owner.is_some()).count(),
            "person",
            "people"
        )
    ));
    text
}

fn markdown(loads: &[OwnerLoad], today: chrono::NaiveDate) -> String {
    let mut text = format!("# Who owes what\n\nOn {today}; overdue first.\n");
    for load in loads {
        text.push_str(&format!(
            "\n## {} ({})\n\n| | Kind | Id | What |\n|---|---|---|---|\n",
            markdown_text(name(load)),
            tally(load)
        ));
        for item in &load.items {
            text.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                if item.overdue_since.is_some() {
                    "**overdue**"
                } else {
                    ""
                },
                item.kind.word(),
                markdown_text(&item.id),
                markdown_text(&item.what)
            ));
        }
    }
    text
}

fn json_of(loads: &[OwnerLoad], today: chrono::NaiveDate) -> serde_json::Value {
    let owners: Vec<serde_json::Value> = loads
        .iter()
        .map(|load| {
            let items: Vec<serde_json::Value> = load
                .items
                .iter()
                .map(|item| {
                    json!({
                        "kind": item.kind.word(),
                        "id": item.id,
                        "path": item.path,
                        "what": item.what,
                        "overdue_since": item.overdue_since.map(|d| d.to_string()),
                    })
                })
                .collect();
            json!({
                "owner": load.owner,
                "open": load.items.len(),
                "overdue": load.overdue(),
                "items": items,
            })
        })
        .collect();
    json!({ "generated_on": today.to_string(), "owners": owners })
}
