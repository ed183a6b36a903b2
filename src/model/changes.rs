//! What moved between two versions of the records, for the meeting that
//! asks what happened since the last one: decisions made and changed,
//! status moves, systems added and decommissioned, risks opened and
//! closed, reviews done. Pure: both versions are passed in.

use std::collections::BTreeMap;

use crate::catalog::Catalogs;
use crate::yaml::Choice;

use super::{Lifecycle, Records, RiskStatus, impact_path, soa_path, system_path};

/// What kind of move a change is, in the order a meeting reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    DecisionMade,
    DecisionChanged,
    StatusMoved,
    SystemAdded,
    SystemDecommissioned,
    SystemRemoved,
    RiskOpened,
    RiskClosed,
    ReviewDone,
}

impl ChangeKind {
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::DecisionMade => "decision_made",
            ChangeKind::DecisionChanged => "decision_changed",
            ChangeKind::StatusMoved => "status_moved",
            ChangeKind::SystemAdded => "system_added",
            ChangeKind::SystemDecommissioned => "system_decommissioned",
            ChangeKind::SystemRemoved => "system_removed",
            ChangeKind::RiskOpened => "risk_opened",
            ChangeKind::RiskClosed => "risk_closed",
            ChangeKind::ReviewDone => "review_done",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::DecisionMade => "decision made",
            ChangeKind::DecisionChanged => "decision changed",
            ChangeKind::StatusMoved => "status moved",
            ChangeKind::SystemAdded => "system added",
            ChangeKind::SystemDecommissioned => "system decommissioned",
            ChangeKind::SystemRemoved => "system removed",
            ChangeKind::RiskOpened => "risk opened",
            ChangeKind::RiskClosed => "risk closed",
            ChangeKind::ReviewDone => "review done",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// The file that changed, for finding who changed it.
    pub path: String,
    /// The record: a control id, a system id or a risk id.
    pub id: String,
    pub text: String,
}

fn decision_word(applicable: Option<bool>) -> &'static str {
    match applicable {
        Some(true) => "applicable",
        Some(false) => "excluded",
        None => "undecided",
    }
}

fn word<C: Choice>(value: Option<C>) -> String {
    value.map_or("none".to_string(), |v| v.as_str().replace('_', " "))
}

/// Every move from `old` to `new`, by kind, then in each record type's order.
pub fn changes(catalogs: &Catalogs, old: &Records, new: &Records) -> Vec<Change> {
    let mut out = Vec::new();
    let title = |id: &str| {
        catalogs
            .control(id)
            .map_or(id.to_string(), |c| format!("{id} {}", c.title))
    };
    for (id, entry) in &new.soa {
        let before = old.soa.get(id);
        let change = |kind, text: String| Change {
            kind,
            path: soa_path(id),
            id: id.clone(),
            text,
        };
        let was = before.and_then(|e| e.applicable);
        match (was, entry.applicable) {
            (None, Some(now)) => out.push(change(
                ChangeKind::DecisionMade,
                format!("{}: {}", title(id), decision_word(Some(now))),
            )),
            (Some(was), Some(now)) if was != now => out.push(change(
                ChangeKind::DecisionChanged,
                format!(
                    "{}: {} → {}",
                    title(id),
                    decision_word(Some(was)),
                    decision_word(Some(now))
                ),
            )),
            (Some(was), None) => out.push(change(
                ChangeKind::DecisionChanged,
                format!("{}: {} → undecided", title(id), decision_word(Some(was))),
            )),
            _ => {}
        }
        let status_was = before.and_then(|e| e.status);
        if status_was != entry.status {
            out.push(change(
                ChangeKind::StatusMoved,
                format!(
                    "{}: {} → {}",
                    title(id),
                    word(status_was),
                    word(entry.status)
                ),
            ));
        }
        if entry.reviewed_on.is_some() && entry.reviewed_on != before.and_then(|e| e.reviewed_on) {
            let by = entry
                .reviewed_by
                .as_deref()
                .map_or(String::new(), |b| format!(" by {b}"));
            out.push(change(
                ChangeKind::ReviewDone,
                format!(
                    "{}: reviewed{by} on {}",
                    title(id),
                    entry.reviewed_on.map(|d| d.to_string()).unwrap_or_default()
                ),
            ));
        }
    }
    for (id, system) in &new.systems {
        let change = |kind, text: String| Change {
            kind,
            path: system_path(id),
            id: id.clone(),
            text,
        };
        match old.systems.get(id) {
            None => out.push(change(
                ChangeKind::SystemAdded,
                format!("{} ({})", system.name, system.stage()),
            )),
            Some(before) => {
                let retired = |s: &super::AiSystem| s.lifecycle == Some(Lifecycle::Decommissioned);
                if retired(system) && !retired(before) {
                    out.push(change(
                        ChangeKind::SystemDecommissioned,
                        system.name.clone(),
                    ));
                }
                if system.reviewed.is_some() && system.reviewed != before.reviewed {
                    out.push(change(
                        ChangeKind::ReviewDone,
                        format!(
                            "{}: reviewed on {}",
                            system.name,
                            system.reviewed.map(|d| d.to_string()).unwrap_or_default()
                        ),
                    ));
                }
            }
        }
    }
    for (id, system) in &old.systems {
        if !new.systems.contains_key(id) {
            out.push(Change {
                kind: ChangeKind::SystemRemoved,
                path: system_path(id),
                id: id.clone(),
                text: format!("{}: its file was deleted", system.name),
            });
        }
    }
    let risks = |records: &Records| -> BTreeMap<String, (String, Option<RiskStatus>, String)> {
        records
            .risks()
            .map(|(system, risk)| {
                (
                    risk.id.clone(),
                    (system.to_string(), risk.status, risk.title.clone()),
                )
            })
            .collect()
    };
    let (before, now) = (risks(old), risks(new));
    let closed = |status: Option<RiskStatus>| {
        matches!(status, Some(RiskStatus::Closed | RiskStatus::Accepted))
    };
    for (id, (system, status, title)) in &now {
        let change = |kind, text: String| Change {
            kind,
            path: impact_path(system),
            id: id.clone(),
            text,
        };
        match before.get(id) {
            None if !closed(*status) => {
                out.push(change(ChangeKind::RiskOpened, format!("{id}: {title}")))
            }
            Some((_, was, _)) if closed(*status) && !closed(*was) => out.push(change(
                ChangeKind::RiskClosed,
                format!("{id}: {title} ({})", word(*status)),
            )),
            _ => {}
        }
    }
    for (system, assessment) in &new.impacts {
        let was = old.impacts.get(system).and_then(|a| a.assessed_on);
        if assessment.assessed_on.is_some() && assessment.assessed_on != was {
            out.push(Change {
                kind: ChangeKind::ReviewDone,
                path: impact_path(system),
                id: system.clone(),
                text: format!(
                    "impact assessment of {system}: assessed on {}",
                    assessment
                        .assessed_on
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                ),
            });
        }
    }
    out.sort_by_key(|change| change.kind);
    out
}
