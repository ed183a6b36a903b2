//! What each list shows, in order: the rows of the controls tree and of the
//! inventory table, narrowed by their filters. Recomputed when the filter or
//! the records change, never while drawing.

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

/// The inventory prepared for fast sorting and filtering: built once when
/// the systems change, so a key press only scores prepared strings and
/// sorts on prepared ranks.
#[derive(Debug, Default)]
pub struct SystemIndex {
    ids: Vec<String>,
    /// Name, id, vendor, owner and business unit: what the filter matches.
    haystacks: Vec<String>,
    /// For each column (in [`Column::ALL`] order) that has been sorted on or
    /// prepared, the rank of each system's cell text in that column.
    ranks: [Option<Vec<Rank>>; Column::ALL.len()],
    /// Positions into `ids` in the current sort order.
    order: Vec<usize>,
}

/// Where a cell's text comes among the column's texts, compared in lower
/// case; equal texts share a rank, and an empty cell has none (it goes
/// last whichever way the column is sorted).
type Rank = Option<u32>;

fn column_ranks(records: &Records, column: Column) -> Vec<Rank> {
    let keys: Vec<String> = records
        .systems
        .values()
        .map(|s| cell_text(s, column).to_lowercase())
        .collect();
    let mut by_key: Vec<usize> = (0..keys.len()).collect();
    by_key.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut ranks = vec![None; keys.len()];
    let mut rank = 0;
    for (i, &position) in by_key.iter().enumerate() {
        if i > 0 && keys[position] != keys[by_key[i - 1]] {
            rank += 1;
        }
        ranks[position] = (!keys[position].is_empty()).then_some(rank);
    }
    ranks
}

fn column_slot(column: Column) -> usize {
    Column::ALL
        .iter()
        .position(|c| *c == column)
        .expect("every column is in Column::ALL")
}

impl SystemIndex {
    pub fn new(records: &Records, sort: Column, descending: bool) -> SystemIndex {
        let systems: Vec<&AiSystem> = records.systems.values().collect();
        let ids = systems.iter().map(|s| s.id.clone()).collect();
        let haystacks = systems
            .iter()
            .map(|s| {
                format!(
                    "{} {} {} {} {}",
                    s.name,
                    s.id,
                    s.vendor.as_deref().unwrap_or(""),
                    s.owner.as_deref().unwrap_or(""),
                    s.business_unit.as_deref().unwrap_or("")
                )
            })
            .collect();
        let mut index = SystemIndex {
            ids,
            haystacks,
            ranks: Default::default(),
            order: Vec::new(),
        };
        index.sort(records, sort, descending);
        index
    }

    /// Orders the index by another column, keeping the rest: a sort key
    /// must not rebuild what only a change of the systems changes. Systems
    /// with the same text keep the order of their ids.
    pub fn sort(&mut self, records: &Records, sort: Column, descending: bool) {
        self.prepare(records, sort);
        let ranks = self.ranks[column_slot(sort)]
            .as_deref()
            .expect("the column was just prepared");
        let mut order: Vec<usize> = (0..ranks.len()).collect();
        order.sort_by(|&a, &b| match (ranks[a], ranks[b]) {
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(_), None) => std::cmp::Ordering::Less,
            (ra, rb) if descending => rb.cmp(&ra),
            (ra, rb) => ra.cmp(&rb),
        });
        self.order = order;
    }

    /// Ranks the systems on `column` unless that was done already: the
    /// slow half of sorting, done once per column.
    fn prepare(&mut self, records: &Records, column: Column) {
        let slot = &mut self.ranks[column_slot(column)];
        if slot.is_none() {
            *slot = Some(column_ranks(records, column));
        }
    }

    /// Whether every column is ranked, so that no sort key has to.
    pub fn is_ranked(&self) -> bool {
        self.ranks.iter().all(Option::is_some)
    }

    /// Ranks one more column, ahead of its sort key.
    pub fn rank_next(&mut self, records: &Records) {
        let next = Column::ALL
            .iter()
            .zip(&self.ranks)
            .find_map(|(column, ranks)| ranks.is_none().then_some(*column));
        if let Some(column) = next {
            self.prepare(records, column);
        }
    }

    pub fn id(&self, position: usize) -> &str {
        &self.ids[position]
    }

    /// Positions (in sort order) that match `query`, and the index of the
    /// best match among them. `within`, the matches of a shorter query that
    /// this one extends, narrows the search while the user types.
    pub fn filter(&self, query: &str, within: Option<&[usize]>) -> (Vec<usize>, Option<usize>) {
        if query.is_empty() {
            return (self.order.clone(), None);
        }
        let mut fuzzy = FuzzyQuery::new(query);
        let mut best: Option<(u32, usize)> = None;
        let mut rows = Vec::new();
        let candidates: &[usize] = within.unwrap_or(&self.order);
        for &position in candidates {
            if let Some(score) = fuzzy.score(&self.haystacks[position]) {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, rows.len()));
                }
                rows.push(position);
            }
        }
        (rows, best.map(|(_, i)| i))
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

    /// Sorting on ranks orders the systems as comparing their cell texts
    /// would: in lower case, ties in the order of their ids, and empty
    /// cells last whichever way.
    #[test]
    fn sorting_on_ranks_orders_as_the_texts_compare() {
        use crate::model::{Lifecycle, Manifest};
        let mut records = Records::new(Manifest::new("Test Ltd"));
        let owners = ["bea", "", "Al", "al", "bea", "", "Cy", "al"];
        for (i, owner) in owners.iter().enumerate() {
            let system = AiSystem {
                id: format!("s{i}"),
                name: format!("System {}", (i * 5) % 8),
                owner: (!owner.is_empty()).then(|| owner.to_string()),
                lifecycle: (i % 3 != 0).then_some(Lifecycle::Operation),
                ..AiSystem::default()
            };
            records.systems.insert(system.id.clone(), system);
        }
        let by_comparing = |column: Column, descending: bool| -> Vec<String> {
            let mut systems: Vec<&AiSystem> = records.systems.values().collect();
            systems.sort_by(|a, b| {
                let (ka, kb) = (
                    cell_text(a, column).to_lowercase(),
                    cell_text(b, column).to_lowercase(),
                );
                match (ka.is_empty(), kb.is_empty()) {
                    (true, false) => std::cmp::Ordering::Greater,
                    (false, true) => std::cmp::Ordering::Less,
                    _ if descending => kb.cmp(&ka),
                    _ => ka.cmp(&kb),
                }
            });
            systems.iter().map(|s| s.id.clone()).collect()
        };
        let mut index = SystemIndex::new(&records, Column::Name, false);
        for column in Column::ALL {
            for descending in [false, true] {
                index.sort(&records, column, descending);
                let (order, _) = index.filter("", None);
                let ids: Vec<String> = order.iter().map(|&p| index.id(p).to_string()).collect();
                assert_eq!(
                    ids,
                    by_comparing(column, descending),
                    "{column:?} {descending}"
                );
            }
        }
    }
}
