//! One Statement of Applicability entry (`soa/<control-id>.yaml`): the
//! decision on a control, or the status of a mandatory requirement.

use chrono::NaiveDate;

use super::field::record;
use super::{Basis, Status};

record! {
    /// One piece of evidence for a control: where it is and what it shows.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Evidence as "an evidence entry (`ref:` and `note:`)" {
        reference: String = Text {
            key: "ref", label: "Reference",
            help: "a path in the workspace or a URL", required: true,
        },
        note: Option<String> = Text {
            key: "note", label: "Note", help: "what the evidence shows",
        },
    }
}

record! {
    /// The Statement of Applicability entry of one control, or the status
    /// of a mandatory requirement.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct SoaEntry as "a Statement of Applicability entry" {
        control: String = Text {
            key: "control", label: "Control",
            help: "the catalogue id; names the file soa/<control>.yaml",
            required: true, fixed: true,
        },
        /// `None` is undecided.
        applicable: Option<bool> = Bool {
            key: "applicable", label: "Applicable",
            help: "the decision: true applies, false excludes, empty is undecided",
        },
        justification: Option<String> = LongText {
            key: "justification", label: "Justification",
            help: "why the control is included or excluded; required once decided",
        },
        basis: Vec<Basis> = ChooseMany {
            key: "basis", label: "Basis", help: "what the decision rests on",
        },
        status: Option<Status> = Choose {
            key: "status", label: "Status", help: "how far the control is implemented",
        },
        owner: Option<String> = Person {
            key: "owner", label: "Owner", help: "the person accountable for the control",
        },
        /// `None` means every system in scope.
        systems: Option<Vec<String>> = Systems {
            key: "systems", label: "Systems", help: "the systems it applies to; empty for all in scope",
        },
        evidence: Vec<Evidence> = Entry {
            key: "evidence", label: "Evidence", help: "what shows the control works",
        },
        due: Option<NaiveDate> = Date {
            key: "due", label: "Due", help: "when the work on it is due",
        },
        reviewed_by: Option<String> = Person {
            key: "reviewed_by", label: "Reviewed by", help: "who last reviewed the entry",
        },
        reviewed_on: Option<NaiveDate> = Date {
            key: "reviewed_on", label: "Reviewed on", help: "when it was last reviewed",
        },
        risks: Vec<String> = Risks {
            key: "risks", label: "Risks", help: "risks of the register this control treats",
        },
        notes: Option<String> = LongText {
            key: "notes", label: "Notes", help: "anything else worth knowing",
        },
    }
}

impl SoaEntry {
    pub fn new(control: &str) -> SoaEntry {
        SoaEntry {
            control: control.to_string(),
            ..SoaEntry::default()
        }
    }

    pub fn has_justification(&self) -> bool {
        self.justification
            .as_deref()
            .is_some_and(|j| !j.trim().is_empty())
    }

    /// Decided: applicability set and a justification written.
    pub fn is_decided(&self) -> bool {
        self.applicable.is_some() && self.has_justification()
    }

    pub fn is_implemented(&self) -> bool {
        self.status == Some(Status::Implemented)
    }
}
