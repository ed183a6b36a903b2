//! Prioritised next steps: what stands between the workspace and a
//! Statement of Applicability an auditor would accept. Pure: today is
//! passed in. The same list feeds `aims gaps` and the Gaps tab.

use chrono::NaiveDate;

use crate::catalog::Catalogs;

use super::{EuRisk, Kind, Level, Records, RiskStatus, review};

/// How urgent a gap is; lower comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// Legal exposure or a record an auditor would reject outright.
    Urgent,
    High,
    Normal,
}

impl Priority {
    pub fn label(self) -> &'static str {
        match self {
            Priority::Urgent => "urgent",
            Priority::High => "high",
            Priority::Normal => "normal",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub priority: Priority,
    /// The file to open to close the gap.
    pub path: String,
    pub message: String,
    /// Who is to close it: the owner of the record (of the risk, for a
    /// risk), or the AI governance lead for a decision nobody owns yet.
    pub owner: Option<String>,
    /// The controls it names, when it is about several (the undecided
    /// ones of a domain), so that a reader can go to the first.
    pub controls: Vec<String>,
}

pub fn gaps(catalogs: &Catalogs, records: &Records, today: NaiveDate) -> Vec<Gap> {
    let mut out = Vec::new();
    for system in records.current_systems() {
        if system.eu_risk == Some(EuRisk::Prohibited) {
            out.push(Gap {
                priority: Priority::Urgent,
                path: super::system_path(&system.id),
                message: format!(
                    "`{}` is marked as a prohibited practice under the EU AI Act; stop or change its use",
                    system.id
                ),
                owner: None,
                controls: Vec::new(),
            });
        }
    }
    for (system, risk) in records.risks() {
        if risk.level() == Some(Level::High) && matches!(risk.status, None | Some(RiskStatus::Open))
        {
            out.push(Gap {
                priority: Priority::Urgent,
                path: super::impact_path(system),
                message: format!(
                    "high risk `{}` is open and untreated: {}",
                    risk.id, risk.title
                ),
                owner: risk.owner.clone().filter(|o| !o.trim().is_empty()),
                controls: Vec::new(),
            });
        }
    }
    for diagnostic in review(catalogs, records, today) {
        let priority = match diagnostic.kind {
            Kind::HighRiskUnassessed | Kind::NoJustification | Kind::DoubtfulClassification => {
                Priority::High
            }
            _ => Priority::Normal,
        };
        out.push(Gap {
            priority,
            path: diagnostic.path,
            message: diagnostic.message,
            owner: None,
            controls: Vec::new(),
        });
    }
    for catalog in &catalogs.catalogs {
        for group in &catalog.groups {
            let undecided: Vec<&str> = group
                .controls
                .iter()
                .filter(|c| !c.is_requirement())
                .filter(|c| {
                    records
                        .soa
                        .get(&c.id)
                        .is_none_or(|e| e.applicable.is_none())
                })
                .map(|c| c.id.as_str())
                .collect();
            if !undecided.is_empty() {
                out.push(Gap {
                    priority: Priority::Normal,
                    path: "soa/".into(),
                    message: format!(
                        "{} {}: {} undecided ({})",
                        group.id,
                        group.title,
                        undecided.len(),
                        undecided.join(", ")
                    ),
                    owner: None,
                    controls: undecided.iter().map(|c| c.to_string()).collect(),
                });
            }
        }
    }
    for system in records.current_systems() {
        if !records.impacts.contains_key(&system.id) && system.eu_risk != Some(EuRisk::High) {
            out.push(Gap {
                priority: Priority::Normal,
                path: super::impact_path(&system.id),
                message: format!("`{}` has no impact assessment yet", system.id),
                owner: None,
                controls: Vec::new(),
            });
        }
    }
    for gap in out.iter_mut().filter(|g| g.owner.is_none()) {
        gap.owner = owner_of(records, &gap.path);
    }
    out.sort_by_key(|g| g.priority);
    out
}

/// The owner of the record at `path`: a control's, a system's, or for an
/// impact assessment its system's; for the controls nobody has decided
/// (`soa/`), the AI governance lead.
pub fn owner_of(records: &Records, path: &str) -> Option<String> {
    let stem = |dir: &str| {
        path.strip_prefix(dir)
            .and_then(|rest| rest.strip_suffix(".yaml"))
    };
    let owner = if path == "soa/" {
        records.manifest.governance_lead.clone()
    } else if let Some(control) = stem("soa/") {
        records.soa.get(control).and_then(|e| e.owner.clone())
    } else if let Some(id) = stem("inventory/").or_else(|| stem("impact/")) {
        records.systems.get(id).and_then(|s| s.owner.clone())
    } else {
        None
    };
    owner.filter(|o| !o.trim().is_empty())
}
