//! Progress per group of controls and per catalogue, with the two measures
//! aims reports everywhere:
//!
//! * decided = controls with a decision *and* a justification / all controls;
//! * implemented = applicable controls marked `implemented` / applicable controls.
//!
//! Requirements (clauses 4-10) are mandatory: each counts as applicable and
//! has no decision to make, so only the implemented measure applies.

use crate::catalog::{CatalogKind, Catalogs, Control};

use super::{Records, Status};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgressRow {
    pub id: String,
    pub title: String,
    /// False for requirement rows, where "decided" has no meaning.
    pub decidable: bool,
    pub total: usize,
    pub decided: usize,
    pub applicable: usize,
    pub excluded: usize,
    pub undecided: usize,
    /// Applicable (or mandatory) entries by status; `no_status` has none yet.
    pub no_status: usize,
    pub not_started: usize,
    pub planned: usize,
    pub partial: usize,
    pub implemented: usize,
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

impl ProgressRow {
    pub fn decided_percent(&self) -> Option<f64> {
        if self.decidable {
            percent(self.decided, self.total)
        } else {
            None
        }
    }

    pub fn implemented_percent(&self) -> Option<f64> {
        percent(self.implemented, self.applicable)
    }

    fn add_control(&mut self, control: &Control, records: &Records) {
        let entry = records.soa.get(&control.id);
        self.total += 1;
        let applicable = if control.kind == CatalogKind::Requirements {
            true
        } else {
            match entry.and_then(|e| e.applicable) {
                Some(true) => true,
                Some(false) => {
                    self.excluded += 1;
                    false
                }
                None => {
                    self.undecided += 1;
                    false
                }
            }
        };
        if entry.is_some_and(|e| e.is_decided()) && self.decidable {
            self.decided += 1;
        }
        if applicable {
            self.applicable += 1;
            match entry.and_then(|e| e.status) {
                None => self.no_status += 1,
                Some(Status::NotStarted) => self.not_started += 1,
                Some(Status::Planned) => self.planned += 1,
                Some(Status::Partial) => self.partial += 1,
                Some(Status::Implemented) => self.implemented += 1,
            }
        }
    }

    fn absorb(&mut self, other: &ProgressRow) {
        self.total += other.total;
        self.decided += other.decided;
        self.applicable += other.applicable;
        self.excluded += other.excluded;
        self.undecided += other.undecided;
        self.no_status += other.no_status;
        self.not_started += other.not_started;
        self.planned += other.planned;
        self.partial += other.partial;
        self.implemented += other.implemented;
    }
}

/// Rows for one catalogue: a row per group, then its total.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogProgress {
    pub catalog: String,
    pub title: String,
    pub groups: Vec<ProgressRow>,
    pub total: ProgressRow,
}

pub fn progress(catalogs: &Catalogs, records: &Records) -> Vec<CatalogProgress> {
    catalogs
        .catalogs
        .iter()
        .map(|catalog| {
            let decidable = catalog.kind == CatalogKind::Controls;
            let groups: Vec<ProgressRow> = catalog
                .groups
                .iter()
                .map(|group| {
                    let mut row = ProgressRow {
                        id: group.id.clone(),
                        title: group.title.clone(),
                        decidable,
                        ..ProgressRow::default()
                    };
                    for control in &group.controls {
                        row.add_control(control, records);
                    }
                    row
                })
                .collect();
            let mut total = ProgressRow {
                id: "total".into(),
                title: catalog.title.clone(),
                decidable,
                ..ProgressRow::default()
            };
            for row in &groups {
                total.absorb(row);
            }
            CatalogProgress {
                catalog: catalog.id.clone(),
                title: catalog.title.clone(),
                groups,
                total,
            }
        })
        .collect()
}

/// One line on what the two measures mean, for every place that shows them.
pub const MEASURES_EXPLAINED: &str = "decided = controls with a decision and a justification / all controls; implemented = controls marked implemented / applicable controls";
