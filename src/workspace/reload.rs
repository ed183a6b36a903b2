//! Re-reading single files that changed on disk while the workspace is
//! open, so that one `git pull` does not mean reloading everything.

use std::collections::{HashMap, HashSet};
use std::fs;

use super::files::read_record_bytes;
use super::load::{Job, Kind, Parsed, check_references, load_manifest, load_one};
use super::{IMPACT_DIR, INVENTORY_DIR, MANIFEST_FILE, SOA_DIR, Workspace};
use crate::model::{Diagnostic, sort_diagnostics};

/// What re-reading one file found.
#[derive(Debug, PartialEq, Eq)]
pub enum Reloaded {
    /// The file holds what we last loaded or wrote.
    Unchanged,
    Updated,
    /// The file is gone; its record was dropped.
    Removed,
    /// The file now has errors; the last good record is kept in memory
    /// and the file will not be written until it is fixed.
    Broken,
    /// Not a record file aims reloads (catalogues are read at start only).
    Ignored,
}

impl Workspace {
    /// Re-reads one record file (`inventory/x.yaml`, `soa/A.2.2.yaml`,
    /// `impact/x.yaml` or `aims.yaml`) after it changed on disk.
    pub fn reload(&mut self, path: &str) -> Reloaded {
        self.reload_file(path, false)
    }

    /// Re-reads one record file even if it holds what aims last read: for
    /// when what is in memory is not what is on disk (an edit the user
    /// chose to drop for theirs).
    pub fn reload_anyway(&mut self, path: &str) -> Reloaded {
        self.reload_file(path, true)
    }

    /// The text of a file as aims last re-read it this session, if it did:
    /// what a change someone else made looks like, for the conflict popup.
    pub fn reloaded_text(&self, path: &str) -> Option<&str> {
        self.reloaded.get(path).map(String::as_str)
    }

    fn reload_file(&mut self, path: &str, anyway: bool) -> Reloaded {
        let kind = match path.split_once('/') {
            Some((INVENTORY_DIR, _)) => Some(Kind::System),
            Some((SOA_DIR, _)) => Some(Kind::Soa),
            Some((IMPACT_DIR, _)) => Some(Kind::Impact),
            _ if path == MANIFEST_FILE => None,
            _ => return Reloaded::Ignored,
        };
        let full = self.root.join(path);
        let Ok(file_type) = fs::symlink_metadata(&full).map(|m| m.file_type()) else {
            return self.forget(path, kind);
        };
        let outcome = match kind {
            None => {
                let mut diagnostics = Vec::new();
                let mut loaded = HashMap::new();
                let mut broken = HashSet::new();
                let (manifest, newer) =
                    load_manifest(&self.root, &mut diagnostics, &mut loaded, &mut broken);
                if !anyway && loaded.get(path) == self.loaded.get(path) && !broken.contains(path) {
                    return Reloaded::Unchanged;
                }
                self.remember_text(path);
                self.replace_file_diagnostics(path, diagnostics);
                self.loaded.extend(loaded);
                // A manifest upgraded by a newer aims stops every write, as
                // it does when found at start.
                self.read_only = newer;
                if broken.contains(path) {
                    self.broken.insert(path.to_string());
                    Reloaded::Broken
                } else {
                    self.records.manifest = manifest;
                    self.broken.remove(path);
                    Reloaded::Updated
                }
            }
            Some(kind) => {
                let Some(stem) = path
                    .split_once('/')
                    .and_then(|(_, name)| name.strip_suffix(".yaml"))
                else {
                    return Reloaded::Ignored;
                };
                let job = Job {
                    path: path.to_string(),
                    stem: stem.to_string(),
                    kind,
                    file_type: Some(file_type),
                };
                let result = load_one(&self.root, &job, None);
                if !anyway
                    && result.fingerprint.is_some()
                    && result.fingerprint == self.loaded.get(path).copied()
                {
                    return Reloaded::Unchanged;
                }
                self.remember_text(path);
                self.replace_file_diagnostics(path, result.diagnostics);
                if let Some(fingerprint) = result.fingerprint {
                    self.loaded.insert(path.to_string(), fingerprint);
                }
                let unknown_control = match &result.record {
                    Some(Parsed::Soa(entry)) => self.catalogs.control(&entry.control).is_none(),
                    _ => false,
                };
                if unknown_control && let Some(Parsed::Soa(entry)) = &result.record {
                    self.file_diagnostics.push(Diagnostic::error(
                        crate::model::Kind::UnknownReference,
                        path,
                        entry.positions.at("control"),
                        format!(
                            "unknown control id `{}`: no catalogue in use defines it (see `aims catalog`)",
                            entry.control
                        ),
                    ));
                }
                match result.record {
                    None => {
                        self.broken.insert(path.to_string());
                        self.refresh_diagnostics();
                        return Reloaded::Broken;
                    }
                    Some(Parsed::Soa(_)) if unknown_control => {
                        self.broken.insert(path.to_string());
                        self.refresh_diagnostics();
                        return Reloaded::Broken;
                    }
                    Some(Parsed::System(system)) => {
                        self.records.systems.insert(job.stem, system);
                    }
                    Some(Parsed::Soa(entry)) => {
                        self.records.soa.insert(job.stem, entry);
                    }
                    Some(Parsed::Impact(assessment)) => {
                        self.records.impacts.insert(job.stem, assessment);
                    }
                }
                self.broken.remove(path);
                Reloaded::Updated
            }
        };
        self.refresh_diagnostics();
        outcome
    }

    fn remember_text(&mut self, path: &str) {
        // With the loader's checks: a named pipe or a huge file put there
        // behind our back must not stall the interface.
        if let Ok(bytes) = read_record_bytes(&self.root, &self.root.join(path), None) {
            self.reloaded.insert(
                path.to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        }
    }

    fn forget(&mut self, path: &str, kind: Option<Kind>) -> Reloaded {
        let stem = path
            .split_once('/')
            .and_then(|(_, name)| name.strip_suffix(".yaml"))
            .unwrap_or_default();
        let removed = match kind {
            Some(Kind::System) => self.records.systems.remove(stem).is_some(),
            Some(Kind::Soa) => self.records.soa.remove(stem).is_some(),
            Some(Kind::Impact) => self.records.impacts.remove(stem).is_some(),
            None => false,
        };
        let known = self.loaded.remove(path).is_some() | self.broken.remove(path);
        self.replace_file_diagnostics(path, Vec::new());
        self.refresh_diagnostics();
        if removed || known {
            Reloaded::Removed
        } else {
            Reloaded::Unchanged
        }
    }

    fn replace_file_diagnostics(&mut self, path: &str, diagnostics: Vec<Diagnostic>) {
        self.file_diagnostics.retain(|d| d.path != path);
        self.file_diagnostics.extend(diagnostics);
    }

    /// Rebuilds the full list: per-file findings plus the checks across files.
    pub(super) fn refresh_diagnostics(&mut self) {
        let mut diagnostics = self.file_diagnostics.clone();
        check_references(
            &self.records,
            &self.catalogs,
            &self.broken,
            &mut diagnostics,
        );
        sort_diagnostics(&mut diagnostics);
        self.diagnostics = diagnostics;
    }
}
