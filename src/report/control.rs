//! Document control: what every export says at its top (organisation,
//! scope, catalogues, version, approval, review, provenance in git), and
//! whether it is a draft, with every reason why.

use chrono::NaiveDate;

use crate::catalog::Catalogs;
use crate::model::Records;
use crate::workspace::Provenance;

#[derive(Clone, Debug, PartialEq)]
pub struct DocumentControl {
    pub organisation: String,
    pub scope: Option<String>,
    pub catalogs: Vec<String>,
    pub generated: NaiveDate,
    pub version: Option<String>,
    pub approved_by: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub provenance: Option<Provenance>,
    /// Why the document is a draft; empty when it is final.
    pub draft: Vec<String>,
}

/// What decides draft or final besides the records.
pub struct Circumstances {
    pub today: NaiveDate,
    pub provenance: Option<Provenance>,
    /// When the workspace last changed (a commit, a file, or today when
    /// there are uncommitted changes).
    pub last_change: Option<NaiveDate>,
    /// Each broken file and what it leaves out.
    pub missing: Vec<String>,
}

impl DocumentControl {
    pub fn new(catalogs: &Catalogs, records: &Records, at: Circumstances) -> DocumentControl {
        let manifest = &records.manifest;
        let mut draft = at.missing.clone();
        let controls: Vec<_> = catalogs
            .controls()
            .filter(|c| !c.is_requirement())
            .collect();
        let undecided = controls
            .iter()
            .filter(|c| records.soa.get(&c.id).is_none_or(|e| !e.is_decided()))
            .count();
        if undecided > 0 {
            draft.push(format!(
                "{undecided} of {} Annex A controls are undecided",
                controls.len()
            ));
        }
        let unjustified = records
            .soa
            .values()
            .filter(|e| e.applicable.is_some() && !e.has_justification())
            .count();
        if unjustified > 0 {
            draft.push(format!(
                "{unjustified} decision{} no justification",
                if unjustified == 1 { " has" } else { "s have" }
            ));
        }
        match (&manifest.approved_by, manifest.approved_on) {
            (Some(_), Some(approved)) => {
                if let Some(changed) = at.last_change.filter(|changed| *changed > approved) {
                    draft.push(format!(
                        "approved on {approved}, but the workspace changed on {changed}; approve this version"
                    ));
                }
            }
            _ => draft.push(
                "no approval by top management is recorded (document.approved_by and approved_on in aims.yaml)"
                    .to_string(),
            ),
        }
        if let Some(review) = manifest.next_review.filter(|r| *r < at.today) {
            draft.push(format!("the review due on {review} has not been done"));
        }
        DocumentControl {
            organisation: manifest.organisation.clone(),
            scope: manifest.scope.clone(),
            catalogs: catalogs
                .catalogs
                .iter()
                .map(|c| format!("{} ({})", c.title, c.id))
                .collect(),
            generated: at.today,
            version: manifest.document_version.clone(),
            approved_by: manifest.approved_by.clone(),
            approved_on: manifest.approved_on,
            next_review: manifest.next_review,
            provenance: at.provenance,
            draft,
        }
    }

    pub fn is_draft(&self) -> bool {
        !self.draft.is_empty()
    }

    /// The title every format gives the document, marked while a draft.
    pub fn title(&self) -> String {
        let title = format!(
            "{}: Statement of Applicability and AI management system report",
            self.organisation
        );
        if self.is_draft() {
            format!("DRAFT: {title}")
        } else {
            title
        }
    }

    /// Label and value, in the order a cover page lists them.
    pub fn rows(&self) -> Vec<(String, String)> {
        let or_none = |v: Option<String>, none: &str| v.unwrap_or_else(|| none.to_string());
        let mut rows = vec![
            ("Organisation".to_string(), self.organisation.clone()),
            (
                "Scope".to_string(),
                or_none(
                    self.scope.clone().map(|s| s.trim().to_string()),
                    "not written",
                ),
            ),
            ("Catalogues".to_string(), self.catalogs.join("; ")),
            (
                "Document version".to_string(),
                or_none(self.version.clone(), "not set"),
            ),
            (
                "Approved by".to_string(),
                or_none(self.approved_by.clone(), "not approved"),
            ),
            (
                "Approved on".to_string(),
                or_none(self.approved_on.map(|d| d.to_string()), "not approved"),
            ),
            (
                "Next review".to_string(),
                or_none(self.next_review.map(|d| d.to_string()), "not set"),
            ),
            (
                "Generated".to_string(),
                format!("{} by aims {}", self.generated, env!("CARGO_PKG_VERSION")),
            ),
        ];
        match &self.provenance {
            Some(p) => {
                rows.push((
                    "Git commit".to_string(),
                    format!("{} of {} by {}", p.commit, p.date, p.author),
                ));
                if p.uncommitted {
                    rows.push((
                        "Warning".to_string(),
                        "the workspace has uncommitted changes: this document shows them, and no commit holds them".to_string(),
                    ));
                }
            }
            None => rows.push((
                "Git commit".to_string(),
                "none: the workspace is not in a git repository (or has no commit)".to_string(),
            )),
        }
        rows.push((
            "Status".to_string(),
            if self.is_draft() {
                format!("DRAFT: {}", self.draft.join("; "))
            } else {
                "final".to_string()
            },
        ));
        rows
    }
}
