//! `aims history RECORD [--patch]`: the commits that changed one record's
//! file, newest first, and with `--patch` the fields each changed. The
//! record is named as people know it (a control, a system) or by its path;
//! the history itself comes from `workspace::history`.

use std::path::{Component, Path};

use serde_json::json;

use super::args::HistoryFormat;
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, edit_distance, open_workspace};
use crate::model::{MANIFEST_PATH, soa_path, system_path};
use crate::text::{clip, visible};
use crate::workspace::{FieldChange, HistoryError, Patch, Revision, Workspace, history};

pub fn run(
    record: &str,
    dir: Option<&Path>,
    patch: bool,
    format: HistoryFormat,
    out: &mut Output,
) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    let path = resolve(&workspace, record)?;
    let changes = match history(&workspace.root, &path, patch) {
        Ok(changes) => changes,
        Err(why) => {
            let why = why_no_history(&workspace.root, &format!("the history of {path}"), why)?;
            out.note(&format!("no history of {path}: {why}"));
            return finish_empty(&path, format, out);
        }
    };
    if changes.is_empty() {
        out.note(&format!("no history of {path}: it was never committed"));
        return finish_empty(&path, format, out);
    }
    match format {
        HistoryFormat::Table => out.data(&table(&changes)),
        HistoryFormat::Json => out.json(&history_json(&path, &changes)),
    }
    Ok(EXIT_OK)
}

/// No history: nothing for people, an empty list for tools.
fn finish_empty(path: &str, format: HistoryFormat, out: &mut Output) -> Result<u8, Failure> {
    if format == HistoryFormat::Json {
        out.json(&history_json(path, &[]));
    }
    Ok(EXIT_OK)
}

/// The file of the record named: a control's decision, a system, or a
/// path inside the workspace.
fn resolve(workspace: &Workspace, record: &str) -> Result<String, Failure> {
    if record.contains('/') || record.ends_with(".yaml") {
        return inside(workspace, record);
    }
    if workspace.catalogs.control(record).is_some() {
        return Ok(soa_path(record));
    }
    if workspace.records.systems.contains_key(record)
        || workspace.root.join(system_path(record)).is_file()
    {
        return Ok(system_path(record));
    }
    let names = workspace
        .catalogs
        .controls()
        .map(|c| c.id.clone())
        .chain(workspace.records.systems.keys().cloned());
    let near = names
        .map(|name| {
            (
                edit_distance(&name.to_lowercase(), &record.to_lowercase()),
                name,
            )
        })
        .filter(|(distance, _)| *distance <= 2)
        .min();
    let hint = match near {
        Some((_, name)) => format!("; did you mean `{name}`?"),
        None => "; name a control (A.6.2.4), a system (`aims inventory list`) or a file (impact/cv-screening.yaml)".to_string(),
    };
    Err(Failure::usage(format!(
        "unknown record `{record}`: no control of the catalogues in use and no system of the inventory{hint}"
    )))
}

/// A path named on the command line, relative to the workspace root: as
/// typed from the current folder when that names a file in the workspace,
/// else as relative to the root.
fn inside(workspace: &Workspace, record: &str) -> Result<String, Failure> {
    if let Ok(real) = std::fs::canonicalize(record)
        && let Ok(relative) = real.strip_prefix(&workspace.root)
    {
        return Ok(slashed(relative));
    }
    let path = Path::new(record.strip_prefix("./").unwrap_or(record));
    let clean = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !clean {
        return Err(Failure::usage(format!(
            "`{record}` is not a file of the workspace at {}",
            workspace.root.display()
        )));
    }
    let relative = slashed(path);
    if relative == MANIFEST_PATH || relative.ends_with(".yaml") {
        Ok(relative)
    } else {
        Err(Failure::usage(format!(
            "`{record}` is not a record file (aims.yaml, inventory/<id>.yaml, soa/<control>.yaml, impact/<id>.yaml)"
        )))
    }
}

fn slashed(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The day of an ISO 8601 date as git gives it.
fn day(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

fn short_commit(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

fn table(changes: &[Revision]) -> String {
    let author_width = changes
        .iter()
        .map(|c| unicode_width::UnicodeWidthStr::width(c.log.author.as_str()).min(24))
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for change in changes {
        let log = &change.log;
        let author = clip(&visible(&log.author, false), author_width);
        let pad = author_width - unicode_width::UnicodeWidthStr::width(author.as_str());
        text.push_str(&format!(
            "{}  {}  {author}{}  {}",
            day(&log.date),
            short_commit(&log.commit),
            " ".repeat(pad),
            visible(&log.subject, false)
        ));
        match (log.status, &log.old_path) {
            ('A', _) => text.push_str("  (new file)"),
            ('D', _) => text.push_str("  (file removed)"),
            (_, Some(old)) => text.push_str(&format!("  (from {})", visible(old, false))),
            _ => {}
        }
        text.push('\n');
        match &change.patch {
            None => {}
            Some(Patch::Unreadable(why)) => {
                text.push_str(&format!("    ({})\n", visible(why, false)));
            }
            Some(Patch::Fields(fields)) if fields.is_empty() => {
                text.push_str("    (no field changed: layout, comments or unknown keys only)\n");
            }
            Some(Patch::Fields(fields)) => {
                for field in fields {
                    text.push_str(&format!("    {field}\n"));
                }
            }
        }
    }
    text
}

fn history_json(path: &str, changes: &[Revision]) -> serde_json::Value {
    let commits: Vec<serde_json::Value> = changes
        .iter()
        .map(|change| {
            let log = &change.log;
            let status = match log.status {
                'A' => "added",
                'D' => "deleted",
                'R' => "renamed",
                'C' => "copied",
                _ => "modified",
            };
            let mut commit = json!({
                "commit": log.commit,
                "date": log.date,
                "author": log.author,
                "subject": log.subject,
                "status": status,
                "path": log.path,
                "old_path": log.old_path,
            });
            match &change.patch {
                Some(Patch::Fields(fields)) => {
                    commit["changes"] = fields.iter().map(change_json).collect();
                }
                Some(Patch::Unreadable(why)) => commit["unreadable"] = json!(why),
                None => {}
            }
            commit
        })
        .collect();
    json!({ "record": path, "commits": commits })
}

fn change_json(change: &FieldChange) -> serde_json::Value {
    match change {
        FieldChange::Value { key, old, new } => {
            json!({ "field": key, "change": "set", "old": old, "new": new })
        }
        FieldChange::Added { key, item } => {
            json!({ "field": key, "change": "added", "item": item })
        }
        FieldChange::Removed { key, item } => {
            json!({ "field": key, "change": "removed", "item": item })
        }
    }
}

/// Why there is no history to show, for a note; git failing otherwise is
/// an error of its own (`what` names what was being read).
pub(super) fn why_no_history(
    root: &Path,
    what: &str,
    why: HistoryError,
) -> Result<String, Failure> {
    match why {
        HistoryError::Git(said) => Err(Failure {
            code: EXIT_FINDINGS,
            message: format!("cannot read {what}: git failed: {said}"),
        }),
        HistoryError::NotARepository => Ok(format!(
            "{} is not in a git repository (`git init` there and commit to start one)",
            root.display()
        )),
        other => Ok(other.to_string()),
    }
}
