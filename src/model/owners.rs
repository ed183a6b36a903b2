//! Who owes what: for each person, the controls they own that are still
//! open, the systems in use and the open risks they own, and the reviews
//! and due dates of theirs that have passed, overdue first. What nobody
//! owns is listed too, under no one, since that is what a review board
//! most needs to assign. Pure: today is passed in.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::catalog::Catalogs;

use super::{Records, RiskStatus, Status, impact_path, soa_path, system_path};
use crate::yaml::Choice;

/// What kind of record an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OwedKind {
    Control,
    System,
    Assessment,
    Risk,
}

impl OwedKind {
    pub fn word(self) -> &'static str {
        match self {
            OwedKind::Control => "control",
            OwedKind::System => "system",
            OwedKind::Assessment => "assessment",
            OwedKind::Risk => "risk",
        }
    }
}

/// One thing a person owes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owed {
    pub kind: OwedKind,
    pub id: String,
    /// The file to open to act on it.
    pub path: String,
    /// Its title or name, and where it stands: "AI policy: partial".
    pub what: String,
    /// The date it was due by, when that has passed.
    pub overdue_since: Option<NaiveDate>,
}

/// A person's items, overdue first (longest overdue first), then controls
/// in the catalogue's order, systems (each with its assessment) and risks.
/// `owner` is `None` for what nobody owns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerLoad {
    pub owner: Option<String>,
    pub items: Vec<Owed>,
}

impl OwnerLoad {
    pub fn overdue(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.overdue_since.is_some())
            .count()
    }
}

/// Every owner's open items; people with overdue items first (most
/// first), then by name, and what nobody owns last.
pub fn by_owner(catalogs: &Catalogs, records: &Records, today: NaiveDate) -> Vec<OwnerLoad> {
    let mut owed: BTreeMap<Option<String>, Vec<Owed>> = BTreeMap::new();
    let mut add = |owner: Option<&String>, item: Owed| {
        let owner = owner.filter(|o| !o.trim().is_empty()).cloned();
        owed.entry(owner).or_default().push(item);
    };
    let past = |date: Option<NaiveDate>| date.filter(|d| *d < today);
    for control in catalogs.controls() {
        let entry = records.soa.get(&control.id);
        let in_force = control.is_requirement() || entry.and_then(|e| e.applicable) == Some(true);
        if !in_force || entry.is_some_and(|e| e.status == Some(Status::Implemented)) {
            continue;
        }
        let status = entry
            .and_then(|e| e.status)
            .map_or("no status".to_string(), |s| s.label().to_string());
        let due = entry.and_then(|e| e.due);
        add(
            entry.and_then(|e| e.owner.as_ref()),
            Owed {
                kind: OwedKind::Control,
                id: control.id.clone(),
                path: soa_path(&control.id),
                what: match due {
                    Some(due) => format!("{}: {status}, due {due}", control.full_title()),
                    None => format!("{}: {status}", control.full_title()),
                },
                overdue_since: past(due),
            },
        );
    }
    for system in records.current_systems() {
        let review = system
            .next_review
            .map_or(String::new(), |d| format!(", next review {d}"));
        add(
            system.owner.as_ref(),
            Owed {
                kind: OwedKind::System,
                id: system.id.clone(),
                path: system_path(&system.id),
                what: format!("{}: {}{review}", system.name, system.stage()),
                overdue_since: past(system.next_review),
            },
        );
        if let Some(assessment) = records.impacts.get(&system.id)
            && let Some(due) = past(assessment.next_review)
        {
            add(
                system.owner.as_ref(),
                Owed {
                    kind: OwedKind::Assessment,
                    id: system.id.clone(),
                    path: impact_path(&system.id),
                    what: format!("impact assessment of {}: review due {due}", system.name),
                    overdue_since: Some(due),
                },
            );
        }
    }
    for (system, risk) in records.risks() {
        if !matches!(risk.status, None | Some(RiskStatus::Open)) {
            continue;
        }
        let level = risk.level().map_or("level not rated".to_string(), |l| {
            format!("{} level", l.as_str())
        });
        add(
            risk.owner.as_ref(),
            Owed {
                kind: OwedKind::Risk,
                id: risk.id.clone(),
                path: impact_path(system),
                what: format!("{}: open, {level}", risk.title),
                overdue_since: None,
            },
        );
    }
    let mut loads: Vec<OwnerLoad> = owed
        .into_iter()
        .map(|(owner, mut items)| {
            // Stable: the rest keep the catalogue's and the inventory's order.
            items.sort_by_key(|i| (i.overdue_since.is_none(), i.overdue_since));
            OwnerLoad { owner, items }
        })
        .collect();
    loads.sort_by(|a, b| {
        (a.owner.is_none(), std::cmp::Reverse(a.overdue()), &a.owner).cmp(&(
            b.owner.is_none(),
            std::cmp::Reverse(b.overdue()),
            &b.owner,
        ))
    });
    loads
}
