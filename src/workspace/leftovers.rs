//! Temporary files that writes left behind. Every write puts its bytes in
//! `.aims-<random>.tmp` beside the file and renames that over the file once
//! it is complete, so one is left only when aims was stopped in between
//! (killed, a power cut). Loading reports each as a warning; `aims fmt`
//! and the interface remove those old enough that no running aims can
//! still be writing them. Nothing else is ever removed: only regular files
//! named exactly so, directly in the folders aims writes.

use std::fs;
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::Workspace;
use crate::model::{Diagnostic, Kind};
use crate::yaml::Pos;

/// How every temporary file aims writes is named: the prefix, random
/// letters, the suffix.
pub(super) const TEMP_PREFIX: &str = ".aims-";
pub(super) const TEMP_SUFFIX: &str = ".tmp";
/// The same names as a glob, for `.gitignore`.
pub const TEMP_PATTERN: &str = ".aims-*.tmp";

/// A write takes milliseconds, so a temporary file untouched for this long
/// belongs to no running aims.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Whether `name` is one of aims's temporary files.
pub(super) fn is_temp_name(name: &str) -> bool {
    name.len() >= TEMP_PREFIX.len() + TEMP_SUFFIX.len()
        && name.starts_with(TEMP_PREFIX)
        && name.ends_with(TEMP_SUFFIX)
}

/// The warning for the entry `name` of `folder` ("" for the root), if it is
/// a leftover: a regular file (not a link, not a folder) with a temporary
/// file's name.
pub(super) fn leftover_warning(
    folder: &str,
    name: &str,
    file_type: Option<fs::FileType>,
) -> Option<Diagnostic> {
    if !is_temp_name(name) || !file_type.is_some_and(|t| t.is_file()) {
        return None;
    }
    let path = if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    };
    Some(Diagnostic::warning(
        Kind::LeftoverTempFile,
        &path,
        Pos::START,
        "a temporary file left by an aims that was stopped mid-write; delete it (`aims fmt` and the interface remove it once it is a minute old)",
    ))
}

/// The leftovers directly in the workspace root, where the manifest is
/// written (record folders are listed as they are loaded).
pub(super) fn root_leftovers(root: &Path) -> Vec<Diagnostic> {
    let Ok(entries) = fs::read_dir(root) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            leftover_warning("", &name, entry.file_type().ok())
        })
        .collect()
}

/// What removing leftovers did, by path relative to the root.
#[derive(Debug, Default)]
pub struct Cleanup {
    pub removed: Vec<String>,
    pub failed: Vec<(String, io::Error)>,
}

impl Workspace {
    /// The leftover temporary files found when the workspace was loaded,
    /// relative to the root.
    pub fn leftovers(&self) -> Vec<&str> {
        self.file_diagnostics
            .iter()
            .filter(|d| d.kind == Kind::LeftoverTempFile)
            .map(|d| d.path.as_str())
            .collect()
    }

    /// The leftovers that [`Workspace::remove_stale_leftovers`] would
    /// remove now: still regular files, untouched for a minute.
    pub fn stale_leftovers(&self) -> Vec<String> {
        let now = SystemTime::now();
        self.leftovers()
            .into_iter()
            .filter(|path| {
                fs::symlink_metadata(self.root.join(path)).is_ok_and(|meta| {
                    meta.is_file()
                        && meta
                            .modified()
                            .ok()
                            .and_then(|at| now.duration_since(at).ok())
                            .is_some_and(|age| age >= STALE_AFTER)
                })
            })
            .map(str::to_string)
            .collect()
    }

    /// Removes the leftovers no running aims can be writing (see
    /// [`Workspace::stale_leftovers`]); their warnings go with them.
    pub fn remove_stale_leftovers(&mut self) -> Cleanup {
        let mut cleanup = Cleanup::default();
        // Removed by someone else meanwhile: gone all the same.
        let mut gone = Vec::new();
        for path in self.stale_leftovers() {
            match fs::remove_file(self.root.join(&path)) {
                Ok(()) => cleanup.removed.push(path),
                Err(e) if e.kind() == io::ErrorKind::NotFound => gone.push(path),
                Err(e) => cleanup.failed.push((path, e)),
            }
        }
        self.file_diagnostics.retain(|d| {
            d.kind != Kind::LeftoverTempFile
                || !(cleanup.removed.contains(&d.path) || gone.contains(&d.path))
        });
        self.refresh_diagnostics();
        cleanup
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_aims_temporary_files_are_leftovers() {
        for name in [".aims-Ab12Cd.tmp", ".aims-.tmp", ".aims-x.y.tmp"] {
            assert!(is_temp_name(name), "{name}");
        }
        for name in [
            ".aims.tmp",
            "aims-Ab12Cd.tmp",
            ".aims-Ab12Cd.tmp~",
            ".aims-Ab12Cd.yaml",
            ".aims-tmp",
            ".gitkeep",
        ] {
            assert!(!is_temp_name(name), "{name}");
        }
    }
}
