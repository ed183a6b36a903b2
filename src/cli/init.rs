//! `aims init DIR`: a new workspace with a manifest and empty record
//! folders; every control starts undecided (no SoA file yet).

use std::path::Path;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_WRITE, Failure, Output};
use crate::model::Manifest;
use crate::workspace::{
    IMPACT_DIR, INVENTORY_DIR, MANIFEST_FILE, Record, SOA_DIR, is_workspace, write_atomically,
};

pub fn run(dir: &Path, org: Option<&str>, out: &mut Output) -> Result<u8, Failure> {
    if is_workspace(dir) {
        out.error(&format!(
            "{} already holds a workspace ({MANIFEST_FILE}); nothing was changed",
            dir.display()
        ));
        return Ok(EXIT_FINDINGS);
    }
    let io = |e: std::io::Error| Failure {
        code: EXIT_WRITE,
        message: format!("cannot create {}: {e}", dir.display()),
    };
    for sub in [INVENTORY_DIR, SOA_DIR, IMPACT_DIR] {
        let folder = dir.join(sub);
        std::fs::create_dir_all(&folder).map_err(io)?;
        // Git keeps no empty folders; the marker keeps the layout in a clone.
        let keep = folder.join(".gitkeep");
        if !keep.exists() {
            std::fs::write(&keep, b"").map_err(io)?;
        }
    }
    let organisation = org.unwrap_or("Your organisation");
    let mut manifest = Manifest::new(organisation);
    manifest.scope = Some(format!(
        "Every AI system {organisation} builds, buys or uses inside third-party tools.\n"
    ));
    write_atomically(
        &dir.join(MANIFEST_FILE),
        Record::Manifest(manifest).to_text().as_bytes(),
    )
    .map_err(io)?;
    out.note(&format!(
        "created a workspace in {}: edit {MANIFEST_FILE} (organisation, scope, roles), then run `aims {}`",
        dir.display(),
        dir.display()
    ));
    Ok(EXIT_OK)
}
