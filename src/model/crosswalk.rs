//! A crosswalk from ISO/IEC 42001 to another framework: each item of the
//! framework, the controls of the catalogues in use that cite it, where
//! each of them stands in the Statement of Applicability, and how far the
//! item is covered. A pure function of the catalogues and the records.

use std::collections::{HashMap, HashSet};

use crate::catalog::{Catalogs, Framework};
use crate::choice_enum;

use super::{Records, Standing};

choice_enum! {
    /// How far the ISO controls that cite an item cover it (see
    /// [`COVERAGE_EXPLAINED`]).
    pub enum Coverage {
        Covered = "covered",
        Partial = "partial",
        Gap = "gap",
    }
}

/// What the three coverage words mean, for every place that shows them.
pub const COVERAGE_EXPLAINED: &str = "covered = at least one ISO control that cites the item applies (decided applicable, or a mandatory clause) and is implemented; partial = at least one applies, none is implemented yet; gap = none applies (each is excluded or undecided, or no control cites the item)";

#[derive(Clone, Debug, PartialEq)]
pub struct CrosswalkItem {
    pub id: String,
    pub title: String,
    /// In catalogue order.
    pub controls: Vec<Standing>,
}

impl CrosswalkItem {
    /// The controls that apply: decided applicable, or mandatory.
    pub fn applicable(&self) -> usize {
        self.controls
            .iter()
            .filter(|c| c.decision.applies())
            .count()
    }

    pub fn implemented(&self) -> usize {
        self.controls.iter().filter(|c| c.is_implemented()).count()
    }

    pub fn coverage(&self) -> Coverage {
        if self.implemented() > 0 {
            Coverage::Covered
        } else if self.applicable() > 0 {
            Coverage::Partial
        } else {
            Coverage::Gap
        }
    }
}

/// A category of subcategories or a chapter of articles, with its items.
#[derive(Clone, Debug, PartialEq)]
pub struct CrosswalkGroup {
    pub id: String,
    pub title: String,
    pub items: Vec<CrosswalkItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Crosswalk<'f> {
    pub framework: &'f Framework,
    pub groups: Vec<CrosswalkGroup>,
}

/// How many items are covered, partly covered and not covered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CoverageTally {
    pub items: usize,
    pub covered: usize,
    pub partial: usize,
    pub gap: usize,
}

impl CoverageTally {
    pub fn count(&self, coverage: Coverage) -> usize {
        match coverage {
            Coverage::Covered => self.covered,
            Coverage::Partial => self.partial,
            Coverage::Gap => self.gap,
        }
    }

    /// The share of all items at `coverage`, in per cent; `None` with no items.
    pub fn percent(&self, coverage: Coverage) -> Option<f64> {
        (self.items > 0).then(|| self.count(coverage) as f64 * 100.0 / self.items as f64)
    }

    /// "covered 20 of 72 (28%) · partial 45 (63%) · gap 7 (10%)".
    pub fn summary(&self) -> String {
        let share = |coverage| {
            self.percent(coverage)
                .map_or_else(String::new, |p| format!(" ({p:.0}%)"))
        };
        format!(
            "covered {} of {}{} · partial {}{} · gap {}{}",
            self.covered,
            self.items,
            share(Coverage::Covered),
            self.partial,
            share(Coverage::Partial),
            self.gap,
            share(Coverage::Gap),
        )
    }
}

impl Crosswalk<'_> {
    pub fn items(&self) -> impl Iterator<Item = &CrosswalkItem> {
        self.groups.iter().flat_map(|g| g.items.iter())
    }

    pub fn tally(&self) -> CoverageTally {
        let mut tally = CoverageTally::default();
        for item in self.items() {
            tally.items += 1;
            match item.coverage() {
                Coverage::Covered => tally.covered += 1,
                Coverage::Partial => tally.partial += 1,
                Coverage::Gap => tally.gap += 1,
            }
        }
        tally
    }
}

/// The heading of the items a workspace catalogue cites that the
/// framework's list does not hold (a typo, or an item aims does not list).
pub const UNLISTED_GROUP: &str = "Cited by a catalogue in use, not in aims's list";

pub fn crosswalk<'f>(
    framework: &'f Framework,
    catalogs: &Catalogs,
    records: &Records,
) -> Crosswalk<'f> {
    // Each item's controls, in catalogue order, and the cited ids in the
    // order first cited, for those the framework's list lacks.
    let mut citing: HashMap<String, Vec<Standing>> = HashMap::new();
    let mut cited_order: Vec<String> = Vec::new();
    for control in catalogs.controls() {
        let mut items = framework.id.items_cited_by(control);
        items.sort_unstable();
        items.dedup();
        for item in items {
            let controls = citing.entry(item.clone()).or_default();
            if controls.is_empty() {
                cited_order.push(item);
            }
            controls.push(Standing::of(control, records));
        }
    }
    let listed: HashSet<&str> = framework.items().map(|i| i.id.as_str()).collect();
    let unlisted: Vec<String> = cited_order
        .into_iter()
        .filter(|id| !listed.contains(id.as_str()))
        .collect();
    let mut item = |id: &str, title: &str| CrosswalkItem {
        id: id.to_string(),
        title: title.to_string(),
        controls: citing.remove(id).unwrap_or_default(),
    };
    let mut groups: Vec<CrosswalkGroup> = framework
        .groups
        .iter()
        .map(|group| CrosswalkGroup {
            id: group.id.clone(),
            title: group.title.clone(),
            items: group.items.iter().map(|i| item(&i.id, &i.title)).collect(),
        })
        .collect();
    let unlisted: Vec<CrosswalkItem> = unlisted.iter().map(|id| item(id, "")).collect();
    if !unlisted.is_empty() {
        groups.push(CrosswalkGroup {
            id: "unlisted".into(),
            title: UNLISTED_GROUP.into(),
            items: unlisted,
        });
    }
    Crosswalk { framework, groups }
}
