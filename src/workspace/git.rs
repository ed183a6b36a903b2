//! The `git` command, for the little a new workspace asks of it: whether a
//! folder is already inside a work tree, and a new repository. Run in batch
//! mode with its output captured, so nothing of git's reaches the terminal
//! unasked.

use std::io;
use std::path::Path;
use std::process::{Command, Output};

/// Whether a folder is in a git work tree, as git sees it.
#[derive(Debug, PartialEq, Eq)]
pub enum Around {
    /// In a work tree (or a repository's own folder): no new repository.
    Repository,
    /// In none.
    Nothing,
    /// git is not installed (not on `PATH`).
    NoGit,
    /// git could not tell (a repository of another user, say), with what
    /// it said.
    Unknown(String),
}

/// git in batch mode, in English (its messages are read below), and aimed
/// at `dir` whatever `GIT_DIR` a hook may have set.
pub(super) fn git(dir: &Path, args: &[&str]) -> io::Result<Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("LC_ALL", "C")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
}

/// What holds `dir`, which must exist.
pub fn around(dir: &Path) -> Around {
    let output = match git(dir, &["rev-parse", "--is-inside-work-tree"]) {
        Ok(output) => output,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Around::NoGit,
        Err(e) => return Around::Unknown(e.to_string()),
    };
    let said = said(&output);
    if output.status.success() {
        // "true" in a work tree, "false" inside a `.git` folder: a
        // repository either way.
        Around::Repository
    } else if said.contains("not a git repository") {
        Around::Nothing
    } else {
        Around::Unknown(said)
    }
}

/// Makes `dir` a new repository, with the user's own defaults (initial
/// branch, templates).
pub fn init(dir: &Path) -> io::Result<()> {
    let output = git(dir, &["init", "--quiet"])?;
    if output.status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "`git init` failed: {}",
            said(&output)
        )))
    }
}

/// What git said on stderr, on one line.
fn said(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("; ")
}

/// Where the workspace stands in git, for a document's provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    pub commit: String,
    /// The commit's date, as git gives it (ISO 8601).
    pub date: String,
    pub author: String,
    /// Files under the workspace folder differ from the commit.
    pub uncommitted: bool,
}

/// The last commit that touched `dir`, and whether anything under it has
/// changed since; `None` outside a repository, without git, or before the
/// first commit.
pub fn provenance(dir: &Path) -> Option<Provenance> {
    let log = git(dir, &["log", "-1", "--format=%H%x00%cI%x00%an", "--", "."]).ok()?;
    if !log.status.success() {
        return None;
    }
    let line = String::from_utf8_lossy(&log.stdout).trim().to_string();
    let mut parts = line.split('\0');
    let (commit, date, author) = (parts.next()?, parts.next()?, parts.next()?);
    if commit.is_empty() {
        return None;
    }
    let status = git(dir, &["status", "--porcelain", "--", "."]).ok()?;
    Some(Provenance {
        commit: commit.to_string(),
        date: date.to_string(),
        author: author.to_string(),
        uncommitted: !status.stdout.is_empty(),
    })
}
