//! `aims init DIR`: a new workspace with a manifest and empty record
//! folders; every control starts undecided (no SoA file yet). It is a git
//! repository with a `.gitignore` for aims's temporary files, unless
//! `--no-git` or it is inside a repository already.

use std::path::Path;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_WRITE, Failure, Output};
use crate::model::Manifest;
use crate::workspace::{
    GitOutcome, Gitignore, MANIFEST_FILE, Record, TEMP_PATTERN, create, is_workspace,
};

pub fn run(dir: &Path, org: Option<&str>, git: bool, out: &mut Output) -> Result<u8, Failure> {
    if is_workspace(dir) {
        out.error(&format!(
            "{} already holds a workspace ({MANIFEST_FILE}); nothing was changed",
            dir.display()
        ));
        return Ok(EXIT_FINDINGS);
    }
    let organisation = org.unwrap_or("Your organisation");
    let mut manifest = Manifest::new(organisation);
    manifest.scope = Some(format!(
        "Every AI system {organisation} builds, buys or uses inside third-party tools.\n"
    ));
    let manifest = Record::Manifest(manifest).to_text();
    let created = create(dir, &manifest, git).map_err(|e| Failure {
        code: EXIT_WRITE,
        message: e.to_string(),
    })?;
    let shown = dir.display();
    match created.git {
        GitOutcome::Made => out.note(&format!("made {shown} a git repository")),
        GitOutcome::InRepository => out.note(&format!(
            "{shown} is inside a git repository already, which keeps it; no repository of its own was made"
        )),
        GitOutcome::NotAsked => {}
        GitOutcome::NotInstalled => out.note(&format!(
            "note: git is not installed, so {shown} is not a git repository; run `git init` there once it is"
        )),
        GitOutcome::UnreadableGitFolder => out.note(&format!(
            "note: {shown}/.git exists but git cannot read it as a repository; aims left it alone and made none"
        )),
        GitOutcome::Unknown(said) => out.note(&format!(
            "note: git could not tell whether {shown} is inside a repository ({said}), so none was made; run `git init` there if it is not"
        )),
    }
    match created.gitignore {
        Gitignore::Written => {}
        Gitignore::Appended => out.note(&format!(
            "added `{TEMP_PATTERN}` (aims's temporary files) to the existing .gitignore"
        )),
        Gitignore::Unchanged => {}
    }
    out.note(&format!(
        "created a workspace in {shown}: edit {MANIFEST_FILE} (organisation, scope, roles), then run `aims {shown}`"
    ));
    Ok(EXIT_OK)
}
