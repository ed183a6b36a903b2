//! Readiness: the four first steps of ISO 42001 as a checklist with counts.
//! Know every AI system (the inventory), assess each one's impact, name who
//! is accountable, and decide and implement an AI policy (A.2.2).

use chrono::NaiveDate;

use super::Records;

/// The control that holds the AI policy.
pub const AI_POLICY: &str = "A.2.2";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    /// Systems still in use.
    pub systems: usize,
    pub systems_without_owner: usize,
    /// Live systems with an impact assessment, and how many of those are
    /// past their review date.
    pub assessed: usize,
    pub assessments_overdue: usize,
    pub roles_named: usize,
    pub roles_total: usize,
    pub policy_decided: bool,
    pub policy_implemented: bool,
}

impl Readiness {
    pub fn inventory_done(&self) -> bool {
        self.systems > 0 && self.systems_without_owner == 0
    }

    pub fn assessments_done(&self) -> bool {
        self.systems > 0 && self.assessed == self.systems && self.assessments_overdue == 0
    }

    pub fn roles_done(&self) -> bool {
        self.roles_named == self.roles_total
    }

    pub fn policy_done(&self) -> bool {
        self.policy_decided && self.policy_implemented
    }
}

pub fn readiness(records: &Records, today: NaiveDate) -> Readiness {
    let mut ready = Readiness::default();
    for system in records.current_systems() {
        ready.systems += 1;
        if system.owner.as_deref().is_none_or(str::is_empty) {
            ready.systems_without_owner += 1;
        }
        if let Some(assessment) = records.impacts.get(&system.id) {
            ready.assessed += 1;
            if assessment.next_review.is_some_and(|d| d < today) {
                ready.assessments_overdue += 1;
            }
        }
    }
    let roles = records.manifest.roles();
    ready.roles_total = roles.len();
    ready.roles_named = roles
        .iter()
        .filter(|(_, _, holder)| holder.is_some())
        .count();
    if let Some(policy) = records.soa.get(AI_POLICY) {
        ready.policy_decided = policy.is_decided();
        ready.policy_implemented = policy.applicable == Some(true) && policy.is_implemented();
    }
    ready
}
