//! `aims gaps`: prioritised next steps, the same list as the Gaps tab.

use std::path::Path;

use serde_json::json;

use super::args::GapsFormat;
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace, today};
use crate::model::gaps;
use crate::text::visible;

pub fn run(
    dir: Option<&Path>,
    format: GapsFormat,
    owner: Option<&str>,
    out: &mut Output,
) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    // Broken files come first: until they are fixed, what they hold is
    // missing from every other gap below.
    let broken: Vec<(String, String)> = workspace
        .hidden_by_broken_files()
        .into_iter()
        .map(|(path, hidden)| {
            let message = format!(
                "{path} has errors, so {hidden} is missing: fix the file (`aims check` says where)"
            );
            (path.to_string(), message)
        })
        .collect();
    let found: Vec<(String, String, String, Option<String>)> = broken
        .into_iter()
        .map(|(path, message)| ("broken".to_string(), message, path, None))
        .chain(
            gaps(&workspace.catalogs, &workspace.records, today())
                .into_iter()
                .map(|g| (g.priority.label().to_string(), g.message, g.path, g.owner)),
        )
        .filter(|(priority, _, _, gap_owner)| {
            // Broken files are everyone's: they hide the rest.
            owner.is_none_or(|wanted| {
                priority == "broken" || gap_owner.as_deref().is_some_and(|o| same_person(o, wanted))
            })
        })
        .collect();
    let any_broken = found
        .first()
        .is_some_and(|(priority, _, _, _)| priority == "broken");
    match format {
        GapsFormat::Text => {
            let mut text = String::new();
            for (priority, message, path, owner) in &found {
                let owner = owner
                    .as_deref()
                    .map_or(String::new(), |o| format!(", {}", visible(o, false)));
                text.push_str(&format!(
                    "{:<7} {}  ({}{owner})\n",
                    priority,
                    visible(message, false),
                    visible(path, false)
                ));
            }
            if found.is_empty() {
                text.push_str(
                    "no gaps: every control is decided and justified, nothing is overdue\n",
                );
            }
            out.data(&text);
        }
        GapsFormat::Json => {
            let list: Vec<_> = found
                .iter()
                .map(|(priority, message, path, owner)| {
                    json!({ "priority": priority, "path": path, "message": message, "owner": owner })
                })
                .collect();
            out.json(&json!({ "gaps": list }));
        }
    }
    Ok(if any_broken { EXIT_FINDINGS } else { EXIT_OK })
}

/// Names match whatever their case and spacing: "daniel  okafor" is
/// Daniel Okafor.
fn same_person(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
    words(a) == words(b)
}
