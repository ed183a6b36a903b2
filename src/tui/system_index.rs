//! The inventory prepared for the keys of its table: each system's id and
//! the text the filter matches, built once when the systems change, and
//! the ranks of each column's texts, made once per column, so that a key
//! press only scores prepared strings and sorts on prepared ranks.

use crate::model::{AiSystem, Records};

use super::filter::FuzzyQuery;
use super::rows::{Column, cell_text};

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

#[cfg(test)]
mod tests {
    use super::*;

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
