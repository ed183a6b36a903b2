//! One Statement of Applicability entry (`soa/<control-id>.yaml`): the
//! decision on a control, or the status of a mandatory requirement.

use chrono::NaiveDate;

use super::{Basis, Entries, Status};
use crate::yaml::{Extra, Findings, MapReader, Node, Positions, scalar_text};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    pub reference: String,
    pub note: Option<String>,
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SoaEntry {
    pub control: String,
    /// `None` is undecided.
    pub applicable: Option<bool>,
    pub justification: Option<String>,
    pub basis: Vec<Basis>,
    pub status: Option<Status>,
    pub owner: Option<String>,
    /// `None` means every system in scope.
    pub systems: Option<Vec<String>>,
    pub evidence: Vec<Evidence>,
    pub due: Option<NaiveDate>,
    pub reviewed_by: Option<String>,
    pub reviewed_on: Option<NaiveDate>,
    pub risks: Vec<String>,
    pub notes: Option<String>,
    pub extra: Extra,
    pub positions: Positions,
}

pub const SOA_KEYS: &[&str] = &[
    "control",
    "applicable",
    "justification",
    "basis",
    "status",
    "owner",
    "systems",
    "evidence",
    "due",
    "reviewed_by",
    "reviewed_on",
    "risks",
    "notes",
];

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

    pub fn read(node: Node, findings: &mut Findings) -> Option<SoaEntry> {
        let mut map = MapReader::new(node, "a Statement of Applicability entry", findings)?;
        let mut positions = map.positions();
        let control = map.required_text("control");
        let mut entry = SoaEntry {
            applicable: map.bool("applicable"),
            justification: map.text("justification"),
            basis: map.choice_list("basis"),
            status: map.choice("status"),
            owner: map.text("owner"),
            ..SoaEntry::default()
        };
        let mut n = 0;
        entry.systems = map.list("systems", |node, findings| {
            positions.push(&format!("systems.{n}"), node.pos);
            n += 1;
            scalar_text(node, "systems", findings)
        });
        entry.evidence = map.list("evidence", read_evidence).unwrap_or_default();
        entry.due = map.date("due");
        entry.reviewed_by = map.text("reviewed_by");
        entry.reviewed_on = map.date("reviewed_on");
        let mut n = 0;
        entry.risks = map
            .list("risks", |node, findings| {
                positions.push(&format!("risks.{n}"), node.pos);
                n += 1;
                scalar_text(node, "risks", findings)
            })
            .unwrap_or_default();
        entry.notes = map.text("notes");
        entry.extra = map.finish(SOA_KEYS);
        entry.control = control?;
        entry.positions = positions;
        entry.positions.shrink();
        Some(entry)
    }

    pub fn to_node(&self) -> Node {
        let mut e = Entries::default();
        e.text("control", &Some(self.control.clone()));
        e.plain("applicable", self.applicable);
        e.text("justification", &self.justification);
        e.words("basis", &self.basis);
        e.word("status", self.status);
        e.text("owner", &self.owner);
        if let Some(systems) = &self.systems {
            // An explicit empty list is kept: it says "no system", which is
            // not the same as leaving the key out ("every system").
            let items = systems.iter().cloned().map(Node::string).collect();
            e.0.push(("systems".into(), Node::seq(items)));
        }
        let evidence = self
            .evidence
            .iter()
            .map(|ev| {
                let mut item = Entries::default();
                item.text("ref", &Some(ev.reference.clone()));
                item.text("note", &ev.note);
                item.finish(&ev.extra)
            })
            .collect();
        e.nodes("evidence", evidence);
        e.plain("due", self.due);
        e.text("reviewed_by", &self.reviewed_by);
        e.plain("reviewed_on", self.reviewed_on);
        e.texts("risks", &self.risks);
        e.text("notes", &self.notes);
        e.finish(&self.extra)
    }
}

fn read_evidence(node: Node, findings: &mut Findings) -> Option<Evidence> {
    let mut map = MapReader::new(node, "an evidence entry (`ref:` and `note:`)", findings)?;
    let reference = map.required_text("ref");
    let note = map.text("note");
    let extra = map.finish(&["ref", "note"]);
    Some(Evidence {
        reference: reference?,
        note,
        extra,
    })
}
