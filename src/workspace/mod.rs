//! The workspace folder: finding it, loading every file (in parallel) into
//! records with diagnostics, and writing records back one file at a time.
//!
//! This is the only module that touches the disk. A file that fails to
//! read is reported, remembered as broken and never written over.

mod create;
mod discover;
mod files;
pub mod git;
mod history;
mod leftovers;
mod load;
mod lookup;
mod merge;
mod past;
mod reload;
mod save;
mod trend;

pub use crate::model::{Diagnostic, Severity, sort_diagnostics};
pub use create::{CreateError, Created, GitOutcome, Gitignore, create};
pub use discover::{DiscoverError, discover, is_workspace};
pub use files::{Fingerprint, MAX_RECORD_BYTES};
pub use git::{HistoryError, LogEntry, Provenance, provenance};
pub use history::{FieldChange, Patch, Revision, history};
pub use leftovers::{Cleanup, TEMP_PATTERN};
pub use save::{Base, Record, SaveError, SaveOutcome, write_atomically};
pub use trend::{Day, Trend, trend};

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::catalog::Catalogs;
use crate::model::Records;

/// The file names of the manifest and the record folders.
pub const MANIFEST_FILE: &str = "aims.yaml";
pub const INVENTORY_DIR: &str = "inventory";
pub const SOA_DIR: &str = "soa";
pub const IMPACT_DIR: &str = "impact";
pub const CATALOG_DIR: &str = "catalog";

/// A loaded workspace.
#[derive(Debug)]
pub struct Workspace {
    /// Canonical path of the folder holding `aims.yaml`.
    pub root: PathBuf,
    pub records: Records,
    pub catalogs: Catalogs,
    /// What loading found: syntax errors, bad values, unknown ids.
    pub diagnostics: Vec<Diagnostic>,
    /// The findings of each file on its own; `diagnostics` adds the checks
    /// across files, and is rebuilt from this when one file is reloaded.
    file_diagnostics: Vec<Diagnostic>,
    /// The fingerprint of every record file as loaded, by relative path, so a
    /// write can tell whether someone changed the file since.
    loaded: HashMap<String, Fingerprint>,
    /// Files that failed to load: left untouched, never written.
    broken: HashSet<String>,
    /// True when the manifest is from a newer aims: nothing may be written.
    read_only: bool,
    /// The folder that was opened, to refuse writes once it is another.
    root_id: save::FolderId,
    /// The text of the files re-read this session, as they were re-read.
    reloaded: HashMap<String, String>,
}

pub use load::{load, parse_record, record_from_node};
pub use merge::{Hunk, Merge, MergeRow, Side, Version, Which, conflict_hunks, side_text};
pub use past::{Past, past};
pub use reload::Reloaded;

impl Workspace {
    /// The day the newest record file was last written, by its clock.
    pub fn newest_file_date(&self) -> Option<chrono::NaiveDate> {
        // A stat per file, on every thread: a large inventory has thousands.
        self.loaded
            .par_iter()
            .filter_map(|(path, _)| {
                std::fs::metadata(self.root.join(path))
                    .ok()?
                    .modified()
                    .ok()
            })
            .max()
            .map(|time| chrono::DateTime::<chrono::Local>::from(time).date_naive())
    }

    pub fn is_broken(&self, path: &str) -> bool {
        self.broken.contains(path)
    }

    /// The files that failed to load, in order: left untouched, never
    /// written, and what they hold is missing from the records.
    pub fn broken_files(&self) -> Vec<&str> {
        let mut files: Vec<&str> = self.broken.iter().map(String::as_str).collect();
        files.sort_unstable();
        files
    }

    /// The record held in memory for the file at `path` (relative to the
    /// root), if any.
    pub fn record_at(&self, path: &str) -> Option<Record> {
        let records = &self.records;
        if path == MANIFEST_FILE {
            return Some(Record::Manifest(records.manifest.clone()));
        }
        let (dir, name) = path.split_once('/')?;
        let stem = name.strip_suffix(".yaml")?;
        match dir {
            INVENTORY_DIR => records.systems.get(stem).cloned().map(Record::System),
            SOA_DIR => records.soa.get(stem).cloned().map(Record::Soa),
            IMPACT_DIR => records.impacts.get(stem).cloned().map(Record::Impact),
            _ => None,
        }
    }

    /// Each file that failed to load, with what is missing because of it:
    /// what a report or a count leaves out, to be said, never hidden.
    pub fn hidden_by_broken_files(&self) -> Vec<(&str, String)> {
        self.broken_files()
            .into_iter()
            .map(|path| {
                let stem = path
                    .split_once('/')
                    .and_then(|(_, name)| name.strip_suffix(".yaml"))
                    .unwrap_or(path);
                let hidden = match path.split_once('/').map(|(dir, _)| dir) {
                    _ if path == MANIFEST_FILE => {
                        "the manifest (organisation, scope, roles)".to_string()
                    }
                    Some(INVENTORY_DIR) => format!("the AI system `{stem}`"),
                    Some(SOA_DIR) => format!("the decision on {stem} (counted as undecided)"),
                    Some(IMPACT_DIR) => format!("the impact assessment of `{stem}` and its risks"),
                    _ => "what it holds".to_string(),
                };
                (path, hidden)
            })
            .collect()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}
