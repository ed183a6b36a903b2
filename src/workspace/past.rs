//! The workspace as it was at an earlier commit, read from git's objects
//! without touching the work tree, and who changed each file since: what
//! `aims progress --since` compares the records of today with.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::git::{cat_files, git};
use super::load::parse_record;
use super::{IMPACT_DIR, INVENTORY_DIR, MANIFEST_FILE, Record, SOA_DIR};
use crate::model::{Manifest, Records};

/// The records at a commit, and what happened to the files since.
#[derive(Debug)]
pub struct Past {
    /// The commit compared with, and its date (`None`: the workspace had
    /// no commit yet then, so everything in it is new).
    pub commit: Option<(String, String)>,
    pub records: Records,
    /// For each file changed since, who changed it last, by commit.
    pub changed_by: HashMap<String, String>,
    /// Files with changes not committed yet.
    pub uncommitted: HashSet<String>,
}

/// The workspace at `root` as it was at `when`: a date (`YYYY-MM-DD`, the
/// last commit before that day began) or anything git names a commit by.
pub fn past(root: &Path, when: &str) -> Result<Past, String> {
    let run = |args: &[&str]| -> Result<String, String> {
        let output = git(root, args).map_err(|e| format!("git cannot be run: {e}"))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
        }
    };
    run(&["rev-parse", "--is-inside-work-tree"]).map_err(|_| {
        "the workspace is not in a git repository, so there is no earlier version to compare with"
            .to_string()
    })?;
    let commit = if crate::yaml::parse_date(when).is_some() {
        let before = format!("--before={when} 00:00:00");
        let found = run(&["rev-list", "-1", &before, "HEAD", "--", "."]).unwrap_or_default();
        (!found.trim().is_empty()).then(|| found.trim().to_string())
    } else {
        let named = format!("{when}^{{commit}}");
        let found = run(&["rev-parse", "--verify", "--quiet", &named]).map_err(|_| {
            format!("`{when}` is neither a date (YYYY-MM-DD) nor a commit git knows")
        })?;
        Some(found.trim().to_string())
    };
    let Some(commit) = commit else {
        return Ok(Past {
            commit: None,
            records: Records::new(Manifest::default()),
            changed_by: authors_since(root, None),
            uncommitted: uncommitted(root),
        });
    };
    let date = run(&["log", "-1", "--format=%cs", &commit]).unwrap_or_default();
    let listed = run(&[
        "ls-tree",
        "-r",
        "--name-only",
        &commit,
        "--",
        MANIFEST_FILE,
        INVENTORY_DIR,
        SOA_DIR,
        IMPACT_DIR,
    ])?;
    let paths: Vec<&str> = listed.lines().filter(|p| p.ends_with(".yaml")).collect();
    let mut records = Records::new(Manifest::default());
    let names: Vec<String> = paths
        .iter()
        .map(|path| format!("{commit}:./{path}"))
        .collect();
    let texts = cat_files(root, &names).map_err(|e| e.to_string())?;
    for (path, bytes) in paths.iter().zip(texts) {
        // A file that did not read then is left out, as loading would.
        let text = bytes.and_then(|bytes| String::from_utf8(bytes).ok());
        match text.as_deref().and_then(|text| parse_record(path, text)) {
            Some(Record::Manifest(manifest)) => records.manifest = manifest,
            Some(Record::System(system)) => {
                records.systems.insert(system.id.clone(), system);
            }
            Some(Record::Soa(entry)) => {
                records.soa.insert(entry.control.clone(), entry);
            }
            Some(Record::Impact(assessment)) => {
                records
                    .impacts
                    .insert(assessment.system.clone(), assessment);
            }
            None => {}
        }
    }
    Ok(Past {
        commit: Some((commit.clone(), date.trim().to_string())),
        records,
        changed_by: authors_since(root, Some(&commit)),
        uncommitted: uncommitted(root),
    })
}

/// Who last changed each file in a commit after `commit` (every commit
/// when `None`), by path relative to the workspace.
fn authors_since(root: &Path, commit: Option<&str>) -> HashMap<String, String> {
    let range = commit.map_or("HEAD".to_string(), |c| format!("{c}..HEAD"));
    let Ok(output) = git(
        root,
        &[
            "log",
            "--format=%x01%an",
            "--name-only",
            "--relative",
            &range,
            "--",
            ".",
        ],
    ) else {
        return HashMap::new();
    };
    let mut authors = HashMap::new();
    let mut author = String::new();
    // Newest first: the first author met for a file changed it last.
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        if let Some(name) = line.strip_prefix('\u{1}') {
            author = name.to_string();
        } else if !line.is_empty() {
            authors
                .entry(line.to_string())
                .or_insert_with(|| author.clone());
        }
    }
    authors
}

/// The workspace's files that differ from the last commit, relative to it.
fn uncommitted(root: &Path) -> HashSet<String> {
    let prefix = git(root, &["rev-parse", "--show-prefix"])
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let Ok(output) = git(
        root,
        &[
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--",
            ".",
        ],
    ) else {
        return HashSet::new();
    };
    // Paths here are from the repository's root, whatever the folder.
    String::from_utf8_lossy(&output.stdout)
        .split('\0')
        .filter_map(|entry| entry.get(3..))
        .filter_map(|path| path.strip_prefix(&prefix))
        .map(str::to_string)
        .collect()
}
