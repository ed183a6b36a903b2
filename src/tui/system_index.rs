//! The inventory prepared for the keys of its table: each system's id and
//! the text the filter matches, built once when the systems change; the
//! ranks of each column's texts, made once per column; and the scores of
//! the queries typed so far. A key press then scores only what the query
//! before it matched, and sorts on prepared ranks.

use rayon::prelude::*;

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
    /// Each query typed so far in the filter, shortest first, with the
    /// score of every system it matches (by position): a character typed
    /// scores only the matches of the query before it, and Backspace
    /// finds its query already scored.
    typed: Vec<(String, Vec<Option<u32>>)>,
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
            typed: Vec::new(),
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
    /// best match among them (the first of the highest scores).
    pub fn filter(&mut self, query: &str) -> (Vec<usize>, Option<usize>) {
        if query.is_empty() {
            self.typed.clear();
            return (self.order.clone(), None);
        }
        self.score_typed(query);
        let (_, scores) = self.typed.last().expect("the query was just scored");
        let mut best: Option<(u32, usize)> = None;
        let mut rows = Vec::new();
        for &position in &self.order {
            if let Some(score) = scores[position] {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, rows.len()));
                }
                rows.push(position);
            }
        }
        (rows, best.map(|(_, i)| i))
    }

    /// Puts the score of every system for `query` last in `typed`, from the
    /// queries typed so far where they tell: only the matches of the
    /// longest of them that `query` narrows are scored, and none if it is
    /// one of them.
    fn score_typed(&mut self, query: &str) {
        while let Some((typed, _)) = self.typed.last()
            && !narrows(typed, query)
        {
            self.typed.pop();
        }
        if self.typed.last().is_none_or(|(typed, _)| typed != query) {
            let candidates: Vec<usize> = match self.typed.last() {
                Some((_, scores)) => (0..scores.len()).filter(|&p| scores[p].is_some()).collect(),
                None => (0..self.haystacks.len()).collect(),
            };
            let mut scores = vec![None; self.haystacks.len()];
            for (position, score) in self.score(query, &candidates) {
                scores[position] = score;
            }
            self.typed.push((query.to_string(), scores));
        }
    }

    /// The score of each candidate, in order. Scoring is most of a filter
    /// key's time on a large inventory, so a long list is scored in small
    /// parts shared among the cores: a core busy with something else then
    /// delays only the part it took.
    fn score(&self, query: &str, candidates: &[usize]) -> Vec<(usize, Option<u32>)> {
        const PART: usize = 500;
        let score = |part: &[usize]| -> Vec<(usize, Option<u32>)> {
            let mut fuzzy = FuzzyQuery::new(query);
            part.iter()
                .map(|&p| (p, fuzzy.score(&self.haystacks[p])))
                .collect()
        };
        if candidates.len() <= PART {
            // Handing it to another thread would cost more than it saves.
            return score(candidates);
        }
        candidates
            .par_chunks(PART)
            .map(score)
            .flatten_iter()
            .collect()
    }
}

/// Whether everything `longer` matches, `shorter` matches too, so that
/// `longer` need only be tried on the matches of `shorter`: when it only
/// adds plain text. The pattern's operators can widen a match as text is
/// added (`!b`, not b, to `!ba`, not ba), so a query holding any of them
/// (`!` not, `^` starts with, `'` exactly, `$` ends with, `\` escape) is
/// tried on every system.
fn narrows(shorter: &str, longer: &str) -> bool {
    shorter == longer
        || (longer.starts_with(shorter) && !longer.contains(['!', '^', '\'', '$', '\\']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Manifest;

    /// Records holding a system of each of these names (ids `s0`, `s1`, …).
    fn named(names: &[&str]) -> Records {
        let mut records = Records::new(Manifest::new("Test Ltd"));
        for (i, name) in names.iter().enumerate() {
            let system = AiSystem {
                id: format!("s{i}"),
                name: name.to_string(),
                ..AiSystem::default()
            };
            records.systems.insert(system.id.clone(), system);
        }
        records
    }

    /// The ids `query` shows, in order, and the index of the best match.
    fn filtered(index: &mut SystemIndex, query: &str) -> (Vec<String>, Option<usize>) {
        let (rows, best) = index.filter(query);
        (
            rows.iter().map(|&p| index.id(p).to_string()).collect(),
            best,
        )
    }

    /// Regression: the filter tried a query only on the matches of the one
    /// before it, but "not b" matches less than "not ba": typing `a` after
    /// `!b` found nothing.
    #[test]
    fn a_query_typed_on_after_an_operator_is_tried_on_every_system() {
        let records = named(&["Fox bx", "Fox ba"]);
        let mut index = SystemIndex::new(&records, Column::Name, false);
        assert_eq!(filtered(&mut index, "!b").0, Vec::<String>::new());
        assert_eq!(filtered(&mut index, "!ba").0, ["s0"]);
    }

    /// A list long enough to be scored in parts on several threads comes
    /// out as scoring it in one piece does: same rows, same order, same
    /// best match.
    #[test]
    fn a_long_list_scored_in_parts_matches_as_a_whole() {
        let names: Vec<String> = (0..1_700)
            .map(|i| format!("System {i} of {}", i % 37))
            .collect();
        let records = named(&names.iter().map(String::as_str).collect::<Vec<_>>());
        let mut index = SystemIndex::new(&records, Column::Name, false);
        for query in ["sys 1", "of 3", "9 9"] {
            let mut fuzzy = FuzzyQuery::new(query);
            let mut best: Option<(u32, usize)> = None;
            let mut whole = Vec::new();
            for &p in &index.order {
                if let Some(score) = fuzzy.score(&index.haystacks[p]) {
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, whole.len()));
                    }
                    whole.push(index.id(p).to_string());
                }
            }
            let expected = (whole, best.map(|(_, i)| i));
            assert_eq!(filtered(&mut index, query), expected, "{query:?}");
        }
    }

    /// Typing on, erasing and sorting between keys give what filtering
    /// afresh gives, best match included.
    #[test]
    fn remembered_queries_filter_as_a_fresh_index_does() {
        let records = named(&[
            "Cv screening",
            "Chat assistant",
            "Credit scoring",
            "Crop yield",
            "screen reader",
            "Scoring engine",
            "Support chat",
        ]);
        let mut index = SystemIndex::new(&records, Column::Name, false);
        let steps = [
            "s", "sc", "sco", "scor", "sco", "sc", "sc ", "sc c", "sc", "", "c", "ch", "c",
        ];
        for (i, query) in steps.into_iter().enumerate() {
            if i == 7 {
                index.sort(&records, Column::Name, true);
            }
            let mut fresh = SystemIndex::new(&records, Column::Name, i >= 7);
            let expected = filtered(&mut fresh, query);
            assert_eq!(filtered(&mut index, query), expected, "{query:?}");
        }
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
                let (order, _) = index.filter("");
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
