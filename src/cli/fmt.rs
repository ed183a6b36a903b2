//! `aims fmt`: rewrite every record in canonical form (or, with `--check`,
//! list those that would change). Files with errors are left alone, and
//! `--check` fails on them: a file that cannot be read is not canonical.

use std::path::Path;

use super::setting::{note_dropped, save};
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace};
use crate::workspace::SaveOutcome;

pub fn run(dir: Option<&Path>, check: bool, out: &mut Output) -> Result<u8, Failure> {
    let mut workspace = open_workspace(dir)?;
    if workspace.is_read_only() {
        return Err(Failure::usage(
            "the workspace was written by a newer aims; upgrade aims before formatting it",
        ));
    }
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
    } else {
        EXIT_OK
    })
}
