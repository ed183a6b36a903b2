//! Where one control stands in the Statement of Applicability: its decision
//! in a word and its status, as every listing and crosswalk shows it.

use crate::catalog::Control;
use crate::choice_enum;

use super::{Records, SoaEntry, Status};

choice_enum! {
    /// A control's decision. Clauses 4 to 10 are mandatory: they always
    /// apply and take no decision.
    pub enum Decision {
        Applicable = "applicable",
        Excluded = "excluded",
        Undecided = "undecided",
        Mandatory = "mandatory",
    }
}

impl Decision {
    pub fn of(control: &Control, entry: Option<&SoaEntry>) -> Decision {
        if control.is_requirement() {
            return Decision::Mandatory;
        }
        match entry.and_then(|e| e.applicable) {
            Some(true) => Decision::Applicable,
            Some(false) => Decision::Excluded,
            None => Decision::Undecided,
        }
    }

    /// Whether the control is one the organisation must implement.
    pub fn applies(self) -> bool {
        matches!(self, Decision::Applicable | Decision::Mandatory)
    }

    /// One letter, readable without colour: `A`, `X`, `?` or `M`.
    pub fn marker(self) -> &'static str {
        match self {
            Decision::Applicable => "A",
            Decision::Excluded => "X",
            Decision::Undecided => "?",
            Decision::Mandatory => "M",
        }
    }
}

/// A control with its title, decision and status, as the SoA has them now.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub id: String,
    pub title: String,
    pub decision: Decision,
    /// Only for a control that applies: the status of an excluded or
    /// undecided one means nothing.
    pub status: Option<Status>,
}

impl Standing {
    pub fn of(control: &Control, records: &Records) -> Standing {
        let entry = records.soa.get(&control.id);
        let decision = Decision::of(control, entry);
        Standing {
            id: control.id.clone(),
            title: control.full_title(),
            decision,
            status: entry.and_then(|e| e.status).filter(|_| decision.applies()),
        }
    }

    pub fn is_implemented(&self) -> bool {
        self.decision.applies() && self.status == Some(Status::Implemented)
    }

    /// "A.5.2 A done", "6.1.4 M", "A.5.5 X": the id, the decision's
    /// marker and, for a control that applies, its status in four letters.
    pub fn marked(&self) -> String {
        match self.status {
            Some(status) => format!("{} {} {}", self.id, self.decision.marker(), status.short()),
            None => format!("{} {}", self.id, self.decision.marker()),
        }
    }

    /// "applicable, implemented", "mandatory, no status yet", "excluded".
    pub fn described(&self) -> String {
        match (self.decision.applies(), self.status) {
            (true, Some(status)) => format!("{}, {}", self.decision, status.label()),
            (true, None) => format!("{}, no status yet", self.decision),
            (false, _) => self.decision.to_string(),
        }
    }
}

/// The markers of [`Standing::marked`], explained once under a list.
pub const MARKERS_EXPLAINED: &str = "A applicable, X excluded, ? undecided, M mandatory clause; todo not started, plan planned, part partial, done implemented";
