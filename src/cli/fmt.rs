//! `aims fmt`: rewrite every record in canonical form (or, with `--check`,
//! list those that would change). Files with errors are left alone.

use std::path::Path;

use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace};
use crate::workspace::write_atomically;

pub fn run(dir: Option<&Path>, check: bool, out: &mut Output) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    if workspace.is_read_only() {
        return Err(Failure::usage(
            "the workspace was written by a newer aims; upgrade aims before formatting it",
        ));
    }
    let changes = workspace.non_canonical();
    for d in workspace.diagnostics.iter().filter(|d| d.is_error()) {
        out.diagnostic(d);
    }
    for (path, text) in &changes {
        if check {
            out.data(&format!("{path}\n"));
        } else {
            write_atomically(&workspace.root.join(path), text.as_bytes())
                .map_err(|e| Failure::usage(format!("cannot write {path}: {e}")))?;
            out.note(&format!("formatted {path}"));
        }
    }
    if check && !changes.is_empty() {
        out.note(&format!(
            "{} file{} not in canonical form; run `aims fmt`",
            changes.len(),
            if changes.len() == 1 { " is" } else { "s are" }
        ));
        return Ok(EXIT_FINDINGS);
    }
    Ok(EXIT_OK)
}
