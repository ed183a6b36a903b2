//! The EU AI Act duties of an AI system: the rules of
//! `catalog::DutyRules` applied to its recorded role, tier, Annex III point
//! and GPAI use, each duty with the date it applies from, what must also be
//! true for it to apply, and the ISO/IEC 42001 controls that help meet it
//! with how far the Statement of Applicability has got with them, so the
//! gap shows. Indicative, as the rules say. Pure: today is passed in.

use chrono::NaiveDate;

use crate::catalog::eu_ai_act::list_item_articles;
use crate::catalog::{
    ApplicationDate, Catalogs, Control, DutyCondition, DutyRule, DutyRules, RuleTier,
};

use super::classification::{Doubt, Route, Tier, annex_iii_point, doubts, tier};
use super::{AiSystem, EuRole, Records, Status};

/// One system's duties, with what keeps more from being derived.
pub struct Obligations<'a> {
    pub system: &'a AiSystem,
    pub tier: Option<Tier>,
    pub duties: Vec<Duty<'a>>,
    pub doubts: Vec<Doubt>,
    /// What the inventory lacks for the list to be complete.
    pub missing: Vec<String>,
}

pub struct Duty<'a> {
    pub rule: &'a DutyRule,
    /// The rule's date for this system's route.
    pub date: &'a ApplicationDate,
    /// What must also be true for the duty to apply, which the inventory
    /// cannot tell; empty when it applies as recorded.
    pub conditions: Vec<String>,
    pub controls: Vec<ControlSupport<'a>>,
}

/// A supporting control and where the SoA stands on it for this system.
pub struct ControlSupport<'a> {
    pub id: &'a str,
    /// `None` when no catalogue in use defines it.
    pub control: Option<&'a Control>,
    pub state: ControlState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlState {
    /// No catalogue in use defines the control.
    NotInUse,
    Undecided,
    Excluded,
    /// Applicable, but only to other systems (`systems:` leaves this one out).
    OtherSystems,
    /// Applicable to this system (or a mandatory clause), with its status.
    Applies(Option<Status>),
}

impl ControlState {
    pub fn label(self) -> &'static str {
        match self {
            ControlState::NotInUse => "not in use",
            ControlState::Undecided => "undecided",
            ControlState::Excluded => "excluded",
            ControlState::OtherSystems => "other systems",
            ControlState::Applies(None) => "no status",
            ControlState::Applies(Some(status)) => status.label(),
        }
    }

    /// The state as JSON and CSV name it: "not_started", "other_systems".
    pub fn key(self) -> &'static str {
        match self {
            ControlState::NotInUse => "not_in_use",
            ControlState::Undecided => "undecided",
            ControlState::Excluded => "excluded",
            ControlState::OtherSystems => "other_systems",
            ControlState::Applies(None) => "no_status",
            ControlState::Applies(Some(status)) => crate::yaml::Choice::as_str(status),
        }
    }

    /// A control that does nothing for this system yet: a gap.
    pub fn is_gap(self) -> bool {
        !matches!(self, ControlState::Applies(_))
    }
}

/// How far the supporting controls of a duty have got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// Every supporting control is implemented.
    Implemented,
    /// Every one applies to the system; not all are implemented.
    InProgress,
    /// One is undecided, excluded, for other systems or not in use.
    Gap,
    /// No ISO/IEC 42001 control supports the duty.
    NoIsoControl,
}

impl Coverage {
    pub fn label(self) -> &'static str {
        match self {
            Coverage::Implemented => "implemented",
            Coverage::InProgress => "in progress",
            Coverage::Gap => "gap",
            Coverage::NoIsoControl => "no ISO control",
        }
    }

    /// The word JSON and CSV carry.
    pub fn key(self) -> &'static str {
        match self {
            Coverage::Implemented => "implemented",
            Coverage::InProgress => "in_progress",
            Coverage::Gap => "gap",
            Coverage::NoIsoControl => "no_iso_control",
        }
    }
}

impl ControlSupport<'_> {
    /// "A.9.2 implemented".
    pub fn describe(&self) -> String {
        format!("{} {}", self.id, self.state.label())
    }
}

impl Duty<'_> {
    /// "Art. 26", "Arts. 18/19, Art. 20".
    pub fn articles(&self) -> String {
        self.rule.articles.join(", ")
    }

    /// Each supporting control with its state: "A.9.2 implemented, 7.2 partial".
    pub fn controls_text(&self, separator: &str) -> String {
        let parts: Vec<String> = self.controls.iter().map(ControlSupport::describe).collect();
        parts.join(separator)
    }

    /// In force under the Act as published (an amendment may postpone it).
    pub fn in_force(&self, today: NaiveDate) -> bool {
        self.date.from <= today
    }

    pub fn coverage(&self) -> Coverage {
        if self.controls.is_empty() {
            Coverage::NoIsoControl
        } else if self.controls.iter().any(|c| c.state.is_gap()) {
            Coverage::Gap
        } else if self
            .controls
            .iter()
            .all(|c| c.state == ControlState::Applies(Some(Status::Implemented)))
        {
            Coverage::Implemented
        } else {
            Coverage::InProgress
        }
    }
}

/// Whether a condition holds for the system, or would if something the
/// inventory does not record were true.
enum Holds {
    Yes,
    If(Vec<String>),
    No,
}

/// The duties of `system` under `rules`, in the rules' order.
pub fn obligations<'a>(
    rules: &'a DutyRules,
    catalogs: &'a Catalogs,
    records: &'a Records,
    system: &'a AiSystem,
) -> Obligations<'a> {
    let tier = tier(system);
    let mut missing = Vec::new();
    let role = match system.eu_role {
        None => {
            missing.push(
                "no EU AI Act role is recorded (`eu_ai_act.role`), so no duty can be derived"
                    .to_string(),
            );
            None
        }
        Some(EuRole::None) => {
            missing.push(
                "its role is `none`: the Act places no duty on the organisation for it".to_string(),
            );
            None
        }
        Some(role) => Some(role),
    };
    if role.is_some() && tier.is_none() {
        missing.push(
            "its risk tier is not assessed (`eu_ai_act.risk`): only the duties of every tier are listed; classify it (Art. 6, Annex III) for the rest"
                .to_string(),
        );
    }
    let mut duties: Vec<Duty> = match role {
        None => Vec::new(),
        Some(role) => rules
            .rules
            .iter()
            .filter(|rule| rule.who.contains(&role))
            .filter_map(|rule| {
                let conditions = match rule_holds(rule, system, tier, records) {
                    Holds::No => return None,
                    Holds::Yes => Vec::new(),
                    Holds::If(unknown) => unknown,
                };
                let conditions = rule.only_if.iter().cloned().chain(conditions).collect();
                let date = match (tier, &rule.annex_i_from) {
                    (Some(Tier::High(Route::AnnexI)), Some(date)) => date,
                    _ => &rule.applies_from,
                };
                Some(Duty {
                    rule,
                    date,
                    conditions,
                    controls: supporting_controls(rule, catalogs, records, &system.id),
                })
            })
            .collect(),
    };
    // In the Act's order, which is how a lawyer reads them; rules of one
    // article keep the file's order.
    duties.sort_by_key(|duty| first_article(duty.rule));
    Obligations {
        system,
        tier,
        duties,
        doubts: doubts(system),
        missing,
    }
}

/// The duties of every system in use, in the inventory's order.
pub fn current_obligations<'a>(
    rules: &'a DutyRules,
    catalogs: &'a Catalogs,
    records: &'a Records,
) -> Vec<Obligations<'a>> {
    records
        .current_systems()
        .map(|system| obligations(rules, catalogs, records, system))
        .collect()
}

fn first_article(rule: &DutyRule) -> u32 {
    rule.articles
        .first()
        .and_then(|a| list_item_articles(a))
        .and_then(|a| a.first().copied())
        .unwrap_or(u32::MAX)
}

/// A rule holds when any of its alternatives does (and always when it has none).
fn rule_holds(rule: &DutyRule, system: &AiSystem, tier: Option<Tier>, records: &Records) -> Holds {
    if rule.when.is_empty() {
        return Holds::Yes;
    }
    let mut maybe = None;
    for condition in &rule.when {
        match condition_holds(condition, system, tier, records) {
            Holds::Yes => return Holds::Yes,
            Holds::If(unknown) => {
                maybe.get_or_insert(unknown);
            }
            Holds::No => {}
        }
    }
    maybe.map_or(Holds::No, Holds::If)
}

fn condition_holds(
    condition: &DutyCondition,
    system: &AiSystem,
    tier: Option<Tier>,
    records: &Records,
) -> Holds {
    if !condition.tiers.is_empty()
        && !tier.is_some_and(|tier| condition.tiers.iter().any(|t| tier_is(tier, *t)))
    {
        return Holds::No;
    }
    let point = annex_iii_point(system);
    if !condition.annex_iii.is_empty()
        && !point.is_some_and(|p| condition.annex_iii.iter().any(|c| c.covers(p)))
    {
        return Holds::No;
    }
    if point.is_some_and(|p| condition.annex_iii_except.iter().any(|c| c.covers(p))) {
        return Holds::No;
    }
    let mut unknown = Vec::new();
    // Each fact a condition may ask for, with what to check when the
    // workspace does not record it: that it holds, or that it does not.
    let facts = [
        (
            condition.gpai,
            system.gpai,
            [
                "it is built on, or is, a general-purpose AI model",
                "it is not built on a general-purpose AI model",
            ],
            "`eu_ai_act.gpai` is not recorded",
        ),
        (
            condition.public_service,
            records.manifest.public_service,
            [
                "the organisation is a body governed by public law or a private entity providing public services",
                "the organisation is neither a body governed by public law nor a private entity providing public services",
            ],
            "`eu_ai_act.public_service` is not recorded in aims.yaml",
        ),
    ];
    for (wanted, recorded, [if_true, if_false], unrecorded) in facts {
        match (wanted, recorded) {
            (None, _) => {}
            (Some(wanted), Some(recorded)) if wanted != recorded => return Holds::No,
            (Some(_), Some(_)) => {}
            (Some(wanted), None) => unknown.push(format!(
                "{} ({unrecorded})",
                if wanted { if_true } else { if_false }
            )),
        }
    }
    if unknown.is_empty() {
        Holds::Yes
    } else {
        Holds::If(unknown)
    }
}

fn tier_is(tier: Tier, wanted: RuleTier) -> bool {
    match wanted {
        RuleTier::Prohibited => tier == Tier::Prohibited,
        RuleTier::High => matches!(tier, Tier::High(_)),
        RuleTier::HighAnnexI => tier == Tier::High(Route::AnnexI),
        RuleTier::HighAnnexIii => tier == Tier::High(Route::AnnexIii),
        RuleTier::Limited => tier == Tier::Limited,
        RuleTier::Minimal => tier == Tier::Minimal,
    }
}

fn supporting_controls<'a>(
    rule: &'a DutyRule,
    catalogs: &'a Catalogs,
    records: &Records,
    system: &str,
) -> Vec<ControlSupport<'a>> {
    rule.iso_controls
        .iter()
        .map(|id| {
            let control = catalogs.control(id);
            let entry = records.soa.get(id.as_str());
            let state = match control {
                None => ControlState::NotInUse,
                Some(control) if control.is_requirement() => {
                    ControlState::Applies(entry.and_then(|e| e.status))
                }
                Some(_) => match entry {
                    None => ControlState::Undecided,
                    Some(entry) => match entry.applicable {
                        None => ControlState::Undecided,
                        Some(false) => ControlState::Excluded,
                        Some(true)
                            if entry
                                .systems
                                .as_ref()
                                .is_some_and(|ids| !ids.iter().any(|s| s == system)) =>
                        {
                            ControlState::OtherSystems
                        }
                        Some(true) => ControlState::Applies(entry.status),
                    },
                },
            };
            ControlSupport {
                id: id.as_str(),
                control,
                state,
            }
        })
        .collect()
}
