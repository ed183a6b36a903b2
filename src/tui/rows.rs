//! What each list shows, in order: the rows of the controls tree and of the
//! inventory table, narrowed by their filters. Recomputed when the filter or
//! the records change, never while drawing.

use crate::catalog::Catalogs;
use crate::model::Records;

use super::filter::FuzzyQuery;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ControlRow {
    /// A domain (A.5) or clause (6): catalogue index and group index.
    Group(usize, usize),
    Control {
        id: String,
        /// Matched character positions in "id title", for highlighting.
        matched: Vec<usize>,
    },
}

/// The text a control is matched and highlighted on.
pub fn control_label(id: &str, title: &str) -> String {
    format!("{id} {title}")
}

/// The controls tree; with a query, only matching controls, best first
/// in `best` (an index into the rows).
pub fn control_rows(catalogs: &Catalogs, query: &str) -> (Vec<ControlRow>, Option<usize>) {
    let mut rows = Vec::new();
    if query.is_empty() {
        for (ci, catalog) in catalogs.catalogs.iter().enumerate() {
            for (gi, group) in catalog.groups.iter().enumerate() {
                rows.push(ControlRow::Group(ci, gi));
                for control in &group.controls {
                    rows.push(ControlRow::Control {
                        id: control.id.clone(),
                        matched: Vec::new(),
                    });
                }
            }
        }
        return (rows, None);
    }
    let mut fuzzy = FuzzyQuery::new(query);
    let mut best: Option<(u32, usize)> = None;
    for control in catalogs.controls() {
        let label = control_label(&control.id, &control.full_title());
        // Guidance counts too, but a match in the id or title ranks higher.
        let score = fuzzy
            .score(&label)
            .map(|s| s * 2)
            .or_else(|| fuzzy.score(&format!("{label} {}", control.guidance)));
        if let Some(score) = score {
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, rows.len()));
            }
            rows.push(ControlRow::Control {
                id: control.id.clone(),
                matched: fuzzy.indices(&label),
            });
        }
    }
    (rows, best.map(|(_, i)| i))
}

/// The columns of the inventory table, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Sourcing,
    Vendor,
    Owner,
    Lifecycle,
    Approval,
    Role,
    Risk,
    Impact,
    NextReview,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::Name,
        Column::Sourcing,
        Column::Vendor,
        Column::Owner,
        Column::Lifecycle,
        Column::Approval,
        Column::Role,
        Column::Risk,
        Column::Impact,
        Column::NextReview,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Sourcing => "Sourcing",
            Column::Vendor => "Vendor",
            Column::Owner => "Owner",
            Column::Lifecycle => "Lifecycle",
            Column::Approval => "Approval",
            Column::Role => "EU role",
            Column::Risk => "EU risk",
            Column::Impact => "Impact",
            Column::NextReview => "Next review",
        }
    }
}

/// The systems shown, as ids in order, filtered by `query` (name, id,
/// vendor, owner, business unit), best match selected.
pub fn system_rows(records: &Records, query: &str) -> (Vec<String>, Option<usize>) {
    if query.is_empty() {
        return (records.systems.keys().cloned().collect(), None);
    }
    let mut fuzzy = FuzzyQuery::new(query);
    let mut best: Option<(u32, usize)> = None;
    let mut rows = Vec::new();
    for system in records.systems.values() {
        let haystack = format!(
            "{} {} {} {} {}",
            system.name,
            system.id,
            system.vendor.as_deref().unwrap_or(""),
            system.owner.as_deref().unwrap_or(""),
            system.business_unit.as_deref().unwrap_or("")
        );
        if let Some(score) = fuzzy.score(&haystack) {
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, rows.len()));
            }
            rows.push(system.id.clone());
        }
    }
    (rows, best.map(|(_, i)| i))
}

/// Positions of `query`'s match in a system's name, for highlighting.
pub fn name_matches(name: &str, query: &str) -> Vec<usize> {
    if query.is_empty() {
        return Vec::new();
    }
    FuzzyQuery::new(query).indices(name)
}
