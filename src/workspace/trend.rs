//! Progress over time, from git: the Statement of Applicability as it stood
//! at the end of each day a commit changed it, and the two measures of
//! `model::progress` on each.
//!
//! One `git log --raw` pass names the SoA files each commit changed and the
//! blob each then held; one `git cat-file --batch` reads every distinct
//! blob once. The entries are kept in memory and changed commit by commit,
//! and progress is counted after the last commit of each day, so the cost
//! grows with the changes, not with the size of the workspace times the
//! number of commits.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::git::{HistoryError, cat_files, raw_log};
use super::history::read;
use super::{Record, SOA_DIR};
use crate::catalog::Catalogs;
use crate::model::{CatalogProgress, Manifest, Records, progress};

/// Progress at the end of one day.
#[derive(Clone, Debug, PartialEq)]
pub struct Day {
    pub date: NaiveDate,
    /// The day's last commit that changed the SoA.
    pub commit: String,
    pub progress: Vec<CatalogProgress>,
}

/// Progress on every day the SoA changed, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trend {
    pub days: Vec<Day>,
    /// Versions of SoA files that did not read as an entry (broken YAML, a
    /// merge conflict committed): counted as undecided while they stood.
    pub unreadable: usize,
}

/// The trend of the workspace at `root`, counted against `catalogs` (the
/// catalogues in use now).
pub fn trend(root: &Path, catalogs: &Catalogs, manifest: &Manifest) -> Result<Trend, HistoryError> {
    let log = raw_log(root, &[SOA_DIR])?;
    // The control each record file names, for files of the SoA folder only.
    let control = |path: &str| -> Option<String> {
        let name = path.strip_prefix(SOA_DIR)?.strip_prefix('/')?;
        let stem = name.strip_suffix(".yaml")?;
        (!stem.contains('/')).then(|| stem.to_string())
    };
    // Every distinct blob once, with a path to read it as.
    let mut wanted: HashMap<&str, &str> = HashMap::new();
    for commit in &log {
        for file in &commit.files {
            if file.status != 'D' && control(&file.path).is_some() {
                wanted.entry(&file.blob).or_insert(&file.path);
            }
        }
    }
    let wanted: Vec<(&str, &str)> = wanted.into_iter().collect();
    let names: Vec<String> = wanted.iter().map(|(blob, _)| blob.to_string()).collect();
    let blobs = cat_files(root, &names)?;
    let entries: HashMap<&str, Option<crate::model::SoaEntry>> = wanted
        .par_iter()
        .zip(blobs.par_iter())
        .map(|(&(blob, path), bytes)| {
            let entry = match read(path, bytes.as_deref()) {
                Ok(Some(Record::Soa(entry))) => Some(entry),
                _ => None,
            };
            (blob, entry)
        })
        .collect();

    let mut records = Records::new(manifest.clone());
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    let mut unreadable = 0;
    for (i, commit) in log.iter().enumerate() {
        for file in &commit.files {
            let Some(id) = control(&file.path) else {
                continue;
            };
            match entries.get(file.blob.as_str()) {
                Some(Some(entry)) if file.status != 'D' => {
                    records.soa.insert(id, entry.clone());
                }
                Some(None) if file.status != 'D' => {
                    unreadable += 1;
                    records.soa.remove(&id);
                }
                _ => {
                    records.soa.remove(&id);
                }
            }
        }
        let date = day_of(&commit.date);
        let last_of_day = log.get(i + 1).is_none_or(|next| day_of(&next.date) != date);
        if let (true, Some(date)) = (last_of_day, date) {
            days.insert(
                date,
                Day {
                    date,
                    commit: commit.commit.clone(),
                    progress: progress(catalogs, &records),
                },
            );
        }
    }
    Ok(Trend {
        days: days.into_values().collect(),
        unreadable,
    })
}

/// The day of an ISO 8601 date as git gives it, in its own offset.
fn day_of(date: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()
}
