//! What the lists and the figures on screen show, derived from the records,
//! the filters and the sort: recomputed when one of them changes, never
//! while drawing, and what can be prepared before a key asks for it.

use super::app::{App, Tab};
use super::rows::{ControlRow, control_rows, risk_rows};
use super::summary::Summary;
use super::system_index::SystemIndex;
use crate::model::{by_owner, gaps};

impl App {
    /// Recomputes everything derived from the records (the inventory index,
    /// the gaps, the risk register) and the rows of every list, after the
    /// records changed.
    pub(crate) fn records_changed(&mut self) {
        self.records_changed_at(None);
    }

    /// Like [`App::records_changed`], knowing which file changed: an edit of
    /// a control leaves the inventory index alone, which on a large
    /// workspace is the expensive part.
    pub(crate) fn records_changed_at(&mut self, path: Option<&str>) {
        if self.workspace.is_none() {
            return;
        }
        if path.is_none_or(|p| p.starts_with("inventory/")) {
            self.rebuild_index();
        }
        self.gaps = None;
        self.owners = None;
        if self.tab == Tab::Gaps {
            self.ensure_gaps();
        }
        if self.tab == Tab::Progress {
            self.ensure_owners();
        }
        if let Some(workspace) = &self.workspace {
            self.summary = Summary::new(&workspace.catalogs, &workspace.records, self.today);
            self.risks.rows = risk_rows(&workspace.records, &self.risks.filter.query).0;
            self.risks.select(self.risks.selected);
        }
        self.refresh_meeting();
        self.refresh_controls();
        self.refresh_systems();
    }

    /// The inventory index, after the systems or the sort changed.
    pub(crate) fn rebuild_index(&mut self) {
        if let Some(workspace) = &self.workspace {
            self.system_index = SystemIndex::new(&workspace.records, self.sort.0, self.sort.1);
        }
    }

    /// Whether there is work that a later key would otherwise wait for:
    /// ranking the inventory on each column for its sort key, the gaps for
    /// the Gaps tab and who owes what for the Progress tab. The loop does
    /// it while no key is waiting.
    pub(crate) fn has_work_ahead(&self) -> bool {
        self.workspace.is_some()
            && (!self.system_index.is_ranked() || self.gaps.is_none() || self.owners.is_none())
    }

    /// One piece of that work, a few milliseconds, so that a key pressed
    /// meanwhile waits no longer than that.
    pub(crate) fn work_ahead(&mut self) {
        match &self.workspace {
            Some(workspace) if !self.system_index.is_ranked() => {
                self.system_index.rank_next(&workspace.records);
            }
            _ if self.gaps.is_none() => self.ensure_gaps(),
            _ => self.ensure_owners(),
        }
    }

    /// Computes who owes what if it is out of date; only the Progress tab
    /// shows it.
    pub(crate) fn ensure_owners(&mut self) {
        if self.owners.is_none()
            && let Some(workspace) = &self.workspace
        {
            let loads = by_owner(&workspace.catalogs, &workspace.records, self.today);
            self.owners = Some(
                loads
                    .into_iter()
                    .map(|load| {
                        let overdue = load.overdue();
                        (load.owner, load.items.len(), overdue)
                    })
                    .collect(),
            );
        }
    }

    /// Computes the gaps if they are out of date; only the Gaps tab needs
    /// them, and on a large workspace they take a while.
    pub(crate) fn ensure_gaps(&mut self) {
        if self.gaps.is_none()
            && let Some(workspace) = &self.workspace
        {
            self.gaps = Some(gaps(&workspace.catalogs, &workspace.records, self.today));
        }
    }

    /// The controls tree after its filter changed, keeping the selection on
    /// the same row where it still shows (or on the best match while typing).
    pub(crate) fn refresh_controls(&mut self) {
        let Some(workspace) = &self.workspace else {
            return;
        };
        let keep = self.controls.rows.get(self.controls.selected).cloned();
        let (rows, best) = control_rows(&workspace.catalogs, &self.controls.filter.query);
        self.controls.rows = rows;
        let kept = keep.and_then(|row| {
            self.controls.rows.iter().position(|r| match (r, &row) {
                (ControlRow::Control { id: a, .. }, ControlRow::Control { id: b, .. }) => a == b,
                (a, b) => a == b,
            })
        });
        let editing = self.controls.filter.editing;
        self.controls
            .select(best.filter(|_| editing).or(kept).unwrap_or(0));
    }

    /// The inventory rows after the filter or sort changed.
    pub(crate) fn refresh_systems(&mut self) {
        let keep = self.selected_system_id().map(str::to_string);
        let (matches, best) = self.system_index.filter(&self.systems.filter.query);
        self.systems.rows = matches
            .iter()
            .map(|&p| self.system_index.id(p).to_string())
            .collect();
        let kept = keep.and_then(|id| self.systems.rows.iter().position(|r| *r == id));
        let editing = self.systems.filter.editing;
        self.systems
            .select(best.filter(|_| editing).or(kept).unwrap_or(0));
    }

    /// After a filter's text changed.
    pub(crate) fn filter_changed(&mut self) {
        match self.tab {
            Tab::Controls => self.refresh_controls(),
            Tab::Inventory => self.refresh_systems(),
            Tab::Risks => {
                if let Some(workspace) = &self.workspace {
                    let (rows, best) = risk_rows(&workspace.records, &self.risks.filter.query);
                    self.risks.rows = rows;
                    self.risks.select(best.unwrap_or(0));
                }
            }
            Tab::Progress | Tab::Gaps => {}
        }
    }
}
