//! What each list shows, in order: the rows of the controls tree and of the
//! risk register, narrowed by their filters, and the columns of the
//! inventory table (whose rows come from `system_index.rs`).
//! Recomputed when the filter or the records change, never while drawing.

use crate::catalog::Catalogs;
use crate::model::{AiSystem, Records};
use crate::yaml::Choice;

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
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut best: Option<(u32, usize)> = None;
    for control in catalogs.controls() {
        let label = control_label(&control.id, &control.full_title());
        // The id and title match fuzzily; the guidance only by the whole
        // words of the query, since a fuzzy match in a long text matches
        // nearly anything. A title match ranks above a guidance match.
        let score = fuzzy.score(&label).map(|s| s + 1000).or_else(|| {
            let guidance = control.guidance.to_lowercase();
            words
                .iter()
                .all(|w| guidance.contains(w.as_str()))
                .then_some(1)
        });
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

/// The text of one cell of the inventory table (also what it sorts on).
pub fn cell_text(system: &AiSystem, column: Column) -> String {
    fn word<T: Choice>(value: Option<T>) -> String {
        value
            .map(|v| v.as_str().replace('_', " "))
            .unwrap_or_default()
    }
    match column {
        Column::Name => system.name.clone(),
        Column::Sourcing => word(system.sourcing),
        Column::Vendor => system.vendor.clone().unwrap_or_default(),
        Column::Owner => system.owner.clone().unwrap_or_default(),
        Column::Lifecycle => word(system.lifecycle),
        Column::Approval => word(system.approval),
        Column::Role => word(system.eu_role),
        Column::Risk => word(system.eu_risk),
        Column::Impact => word(system.impact),
        Column::NextReview => system
            .next_review
            .map(|d| d.to_string())
            .unwrap_or_default(),
    }
}

/// One risk of the register: the system whose assessment holds it, and its
/// position there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskRow {
    pub system: String,
    pub index: usize,
}

/// Every risk, highest level first (then open before treated, then id),
/// narrowed by `query` over status, owner, system, id and title, with the
/// index of the best match.
pub fn risk_rows(records: &Records, query: &str) -> (Vec<RiskRow>, Option<usize>) {
    use crate::model::{Level, RiskStatus};
    let rank_level = |l: Option<Level>| match l {
        Some(Level::High) => 0,
        Some(Level::Medium) => 1,
        Some(Level::Low) => 2,
        None => 3,
    };
    let rank_status = |s: Option<RiskStatus>| match s {
        None | Some(RiskStatus::Open) => 0,
        Some(RiskStatus::Treating) => 1,
        Some(RiskStatus::Accepted) => 2,
        Some(RiskStatus::Closed) => 3,
    };
    let mut fuzzy = (!query.is_empty()).then(|| FuzzyQuery::new(query));
    let mut rows: Vec<(u8, u8, String, RiskRow, u32)> = Vec::new();
    for assessment in records.impacts.values() {
        for (index, risk) in assessment.risks.iter().enumerate() {
            let mut score = 0;
            if let Some(fuzzy) = fuzzy.as_mut() {
                let haystack = format!(
                    "{} {} {} {} {}",
                    risk.status.map(|s| s.as_str()).unwrap_or("open"),
                    risk.owner.as_deref().unwrap_or(""),
                    assessment.system,
                    risk.id,
                    risk.title
                );
                match fuzzy.score(&haystack) {
                    Some(found) => score = found,
                    None => continue,
                }
            }
            rows.push((
                rank_level(risk.level()),
                rank_status(risk.status),
                risk.id.clone(),
                RiskRow {
                    system: assessment.system.clone(),
                    index,
                },
                score,
            ));
        }
    }
    rows.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    let best = (!query.is_empty())
        .then(|| {
            rows.iter()
                .enumerate()
                .max_by_key(|(i, r)| (r.4, std::cmp::Reverse(*i)))
                .map(|(i, _)| i)
        })
        .flatten();
    (
        rows.into_iter().map(|(_, _, _, row, _)| row).collect(),
        best,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_from_the_guidance_narrows_the_controls() {
        let catalogs = Catalogs::builtin();
        let (rows, _) = control_rows(&catalogs, "provenance");
        let ids: Vec<String> = rows
            .iter()
            .filter_map(|r| match r {
                ControlRow::Control { id, .. } => Some(id.clone()),
                ControlRow::Group(..) => None,
            })
            .collect();
        assert!(ids.len() <= 5, "{ids:?}");
        assert!(ids.contains(&"A.7.5".to_string()));
    }
}
