//! `aims fmt`: rewrite every record in canonical form (or, with `--check`,
//! list those that would change). Files with errors are left alone, and
//! `--check` fails on them: a file that cannot be read is not canonical.
//!
//! It also removes the temporary files that writes of an aims stopped
//! mid-write left behind, once a minute old (younger ones may be a running
//! aims's). `--check` changes nothing, so it only says which it would
//! remove, and does not fail on them: they are not records, and `aims
//! check` warns about them.

use std::path::Path;

use super::setting::{note_dropped, save};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_WRITE, Failure, Output, open_workspace};
use crate::workspace::{SaveOutcome, Workspace};

/// What a removed leftover was, said after its path.
const LEFTOVER: &str = "a temporary file left by an aims that was stopped mid-write";

pub fn run(dir: Option<&Path>, check: bool, out: &mut Output) -> Result<u8, Failure> {
    let mut workspace = open_workspace(dir)?;
    if workspace.is_read_only() {
        return Err(Failure::usage(
            "the workspace was written by a newer aims; upgrade aims before formatting it",
        ));
    }
    let leftovers_kept = leftovers(&mut workspace, check, out);
    let changes = workspace.non_canonical();
    for d in workspace.diagnostics.iter().filter(|d| d.is_error()) {
        out.diagnostic(d);
    }
    for record in &changes {
        let path = record.path();
        if check {
            out.data(&format!("{path}\n"));
        } else {
            let outcome = save(&mut workspace, record.clone())?;
            out.note(&format!("formatted {path}"));
            if let SaveOutcome::Written(dropped) = outcome {
                note_dropped(&path, &dropped, out);
            }
        }
    }
    let broken = workspace.broken_files();
    if check {
        for path in &broken {
            out.data(&format!("{path}\n"));
        }
    }
    if !broken.is_empty() {
        out.note(&format!(
            "{} file{} errors and {} left alone; fix {} first (`aims check` says where)",
            broken.len(),
            if broken.len() == 1 { " has" } else { "s have" },
            if broken.len() == 1 { "was" } else { "were" },
            if broken.len() == 1 { "it" } else { "them" },
        ));
    }
    if check && !changes.is_empty() {
        out.note(&format!(
            "{} file{} not in canonical form; run `aims fmt`",
            changes.len(),
            if changes.len() == 1 { " is" } else { "s are" }
        ));
    }
    Ok(if check && (!changes.is_empty() || !broken.is_empty()) {
        EXIT_FINDINGS
    } else if leftovers_kept {
        EXIT_WRITE
    } else {
        EXIT_OK
    })
}

/// Removes the stale leftovers (with `check`, names them), a line for
/// each; true if one could not be removed.
fn leftovers(workspace: &mut Workspace, check: bool, out: &mut Output) -> bool {
    if check {
        for path in workspace.stale_leftovers() {
            out.note(&format!("would remove {path}: {LEFTOVER}"));
        }
        return false;
    }
    let cleanup = workspace.remove_stale_leftovers();
    for path in &cleanup.removed {
        out.note(&format!("removed {path}: {LEFTOVER}"));
    }
    for (path, e) in &cleanup.failed {
        out.error(&format!(
            "cannot remove {path} ({LEFTOVER}): {e}; delete it by hand"
        ));
    }
    !cleanup.failed.is_empty()
}
