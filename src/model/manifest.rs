//! The manifest, `aims.yaml`: who the organisation is, its scope, the
//! catalogues in use and who is accountable for what.

use chrono::NaiveDate;

use super::Fields;
use super::field::record;

/// The format version this aims reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The block of the manifest that names who decides what.
pub const ROLES: &str = "roles";

record! {
    /// The manifest of a workspace.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Manifest as "the manifest" {
        version: u32 = Version {
            key: "aims", label: "Format version",
            help: "the version of the file format", required: true, fixed: true,
        },
        organisation: String = Text {
            key: "organisation", label: "Organisation",
            help: "the organisation the management system belongs to", required: true,
        },
        scope: Option<String> = LongText {
            key: "scope", label: "Scope", help: "what the AI management system covers",
        },
        /// `None`: the file names no catalogues and follows the built-in ones.
        catalogs: Option<Vec<String>> = Catalogs {
            key: "catalogs", label: "Catalogues",
            help: "built-in catalogue ids, or files under catalog/; empty for the built-in ones",
        },
        governance_lead: Option<String> = Person {
            key: "roles.governance_lead", label: "AI governance lead",
            help: "who leads the AI management system",
        },
        risk_classification: Option<String> = Person {
            key: "roles.risk_classification", label: "Risk classification",
            help: "who decides a system's risk tier",
        },
        vendor_selection: Option<String> = Person {
            key: "roles.vendor_selection", label: "Vendor selection",
            help: "who chooses AI suppliers",
        },
        deployment_approval: Option<String> = Person {
            key: "roles.deployment_approval", label: "Deployment approval",
            help: "who approves a system for use",
        },
        public_service: Option<bool> = Bool {
            key: "eu_ai_act.public_service", label: "Public body/service",
            help: "a body governed by public law, or a private entity providing public services (EU AI Act Art. 27)",
        },
        document_version: Option<String> = Text {
            key: "document.version", label: "Document version",
            help: "the version of the Statement of Applicability and its exports, e.g. 1.3",
        },
        approved_by: Option<String> = Person {
            key: "document.approved_by", label: "Approved by",
            help: "the member of top management who approved this version",
        },
        approved_on: Option<NaiveDate> = Date {
            key: "document.approved_on", label: "Approved on",
            help: "when this version was approved",
        },
        next_review: Option<NaiveDate> = Date {
            key: "document.next_review", label: "Next review",
            help: "when the Statement of Applicability is due for review",
        },
    }
}

impl Manifest {
    pub fn new(organisation: &str) -> Manifest {
        Manifest {
            version: FORMAT_VERSION,
            organisation: organisation.to_string(),
            catalogs: Some(
                crate::catalog::BUILTIN_IDS
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
            ..Manifest::default()
        }
    }

    /// The catalogues in use: those the file names, else the built-in ones.
    pub fn catalog_ids(&self) -> Vec<String> {
        match &self.catalogs {
            Some(ids) => ids.clone(),
            None => crate::catalog::BUILTIN_IDS
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }

    /// Each accountability role with its label and holder, in order.
    /// A role nobody holds has `None`.
    pub fn roles(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        Self::FIELDS
            .iter()
            .filter(|f| f.spec.group() == Some(ROLES))
            .map(|f| {
                let holder = (f.get)(self);
                let holder = (!holder.trim().is_empty()).then_some(holder);
                (f.spec.key, f.spec.label, holder)
            })
            .collect()
    }
}
