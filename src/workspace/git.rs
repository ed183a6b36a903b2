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
fn git(dir: &Path, args: &[&str]) -> io::Result<Output> {
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
