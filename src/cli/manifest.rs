//! `aims manifest FIELD=VALUE...`: the workspace's own record, aims.yaml
//! (organisation, scope, roles, document control), set from the command
//! line with the same checks as the interface's `R` form.

use std::path::Path;

use super::setting::{
    apply, is_canonical_on_disk, note_written, refuse_broken, refuse_read_only, report, save,
};
use super::{EXIT_OK, Failure, Output, open_workspace};
use crate::model::MANIFEST_PATH;
use crate::workspace::Record;

pub fn set(
    dir: Option<&Path>,
    assignments: &[(String, String)],
    out: &mut Output,
) -> Result<u8, Failure> {
    let mut workspace = open_workspace(dir)?;
    refuse_read_only(&workspace)?;
    refuse_broken(&workspace, MANIFEST_PATH, out)?;
    let original = workspace.records.manifest.clone();
    let mut manifest = original.clone();
    // Catalogues are read at start, so they change by hand, with a restart.
    let problems = apply(&mut manifest, assignments, |_, key| match key {
        "catalogs" => Err(format!(
            "`{key}` is not set from the command line; edit aims.yaml by hand"
        )),
        _ => Ok(()),
    });
    if !problems.is_empty() {
        return Ok(report(&problems, out));
    }
    let was_canonical = is_canonical_on_disk(&workspace, &Record::Manifest(original));
    let outcome = save(&mut workspace, Record::Manifest(manifest))?;
    note_written(outcome, MANIFEST_PATH, was_canonical, out);
    Ok(EXIT_OK)
}
