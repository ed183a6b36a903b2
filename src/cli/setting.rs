//! Setting fields of one record from `FIELD=VALUE` pairs, shared by
//! `aims inventory add|set` and `aims soa set`: every assignment is checked
//! by the record's declared fields (the same messages as the interface),
//! every problem is reported, and nothing is written unless all pass; then
//! one write through the workspace's one write path.

use std::collections::HashSet;

use super::{EXIT_FINDINGS, EXIT_USAGE, EXIT_WRITE, Failure, Output};
use crate::model::Fields;
use crate::workspace::{Record, SaveError, SaveOutcome, Workspace};
use crate::yaml::DroppedComment;

/// Applies every assignment in order and returns every problem, so one run
/// tells the user everything that is wrong rather than the first thing.
/// `rules` checks what a field's own values cannot (references, the SoA's
/// rules) after each assignment.
pub fn apply<R: Fields>(
    record: &mut R,
    assignments: &[(String, String)],
    mut rules: impl FnMut(&R, &str) -> Result<(), String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (key, value) in assignments {
        if !seen.insert(key.as_str()) {
            problems.push(format!(
                "`{key}` is given more than once; give each field once"
            ));
            continue;
        }
        if let Err(error) = record.set(key, value) {
            problems.push(error.to_string());
        }
    }
    // The rules see the record with every assignment made, so that
    // `applicable=true status=planned` passes in any order.
    for (key, _) in assignments {
        if R::field(key).is_ok()
            && let Err(problem) = rules(record, key)
            && !problems.contains(&problem)
        {
            problems.push(problem);
        }
    }
    problems
}

/// Prints the problems of a refused command; its exit code.
pub fn report(problems: &[String], out: &mut Output) -> u8 {
    for problem in problems {
        out.error(problem);
    }
    out.note("nothing was written");
    EXIT_FINDINGS
}

/// A refusal of the record the command names (exit 1), which says, like
/// every refusal, that nothing was written.
pub fn refused(message: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_FINDINGS,
        message: format!("{}; nothing was written", message.into()),
    }
}

pub fn refuse_read_only(workspace: &Workspace) -> Result<(), Failure> {
    if workspace.is_read_only() {
        return Err(Failure::usage(
            "the workspace was written by a newer aims; upgrade aims before changing it",
        ));
    }
    Ok(())
}

/// Refuses a record whose file has errors, printing them.
pub fn refuse_broken(workspace: &Workspace, path: &str, out: &mut Output) -> Result<(), Failure> {
    if workspace.is_broken(path) {
        for d in workspace.diagnostics.iter().filter(|d| d.path == path) {
            out.diagnostic(d);
        }
        return Err(refused(SaveError::Broken(path.to_string()).to_string()));
    }
    Ok(())
}

/// For the reports (`progress`, `gaps`, `export`): whether the workspace
/// has errors, after saying so, each error and what each broken file
/// leaves out, so that nothing is missing from a report unsaid.
pub fn report_errors(workspace: &Workspace, out: &mut Output) -> bool {
    if !workspace.has_errors() {
        return false;
    }
    for d in workspace.diagnostics.iter().filter(|d| d.is_error()) {
        out.diagnostic(d);
    }
    for (path, hidden) in workspace.hidden_by_broken_files() {
        out.error(&format!("{path} has errors, so {hidden} is missing"));
    }
    true
}

/// Writes one record, with the exit code each failure deserves: a problem
/// with the record is a refusal (1), a folder that cannot be written a
/// write failure (3).
pub fn save(workspace: &mut Workspace, record: Record) -> Result<SaveOutcome, Failure> {
    workspace.save(&record).map_err(|e| match e {
        SaveError::Conflict { .. }
        | SaveError::Broken(_)
        | SaveError::Unreadable { .. }
        | SaveError::InvalidId(_) => refused(e.to_string()),
        SaveError::ReadOnly => Failure {
            code: EXIT_USAGE,
            message: e.to_string(),
        },
        SaveError::WorkspaceGone(_) => Failure {
            code: EXIT_WRITE,
            message: e.to_string(),
        },
        SaveError::Io { .. } => Failure {
            code: EXIT_WRITE,
            message: format!("{e}; nothing was written"),
        },
    })
}

/// Says what a `set` did to the file at `path`. Writing is canonical, so a
/// hand-laid-out file loses its layout with the first edit (its comments
/// stay); better said than discovered in a diff.
pub fn note_written(outcome: SaveOutcome, path: &str, was_canonical: bool, out: &mut Output) {
    match outcome {
        SaveOutcome::Unchanged => out.note(&format!(
            "{path} already holds these values; nothing was written"
        )),
        SaveOutcome::Written(dropped) => {
            if was_canonical {
                out.note(&format!("updated {path}"));
            } else {
                out.note(&format!(
                    "updated {path}, rewritten in aims's layout (its comments are kept)"
                ));
            }
            note_dropped(path, &dropped, out);
        }
    }
}

/// Names each comment a write could not keep, because its key is gone.
pub fn note_dropped(path: &str, dropped: &[DroppedComment], out: &mut Output) {
    for comment in dropped {
        out.note(&format!("dropped a comment of {path}, {comment}"));
    }
}

/// Whether the file of `record` on disk is what aims would write: its
/// canonical text, with the comments it has.
pub fn is_canonical_on_disk(workspace: &Workspace, record: &Record) -> bool {
    std::fs::read(workspace.root.join(record.path()))
        .is_ok_and(|disk| disk == workspace.text_to_write(record).text.as_bytes())
}
