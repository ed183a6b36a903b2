//! One AI system of the inventory (`inventory/<id>.yaml`).

use chrono::NaiveDate;

use super::field::record;
use super::{AffectedGroup, Approval, EuRisk, EuRole, ImpactRating, Lifecycle, Sourcing};

record! {
    /// One AI system the organisation builds, buys or uses inside other tools.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct AiSystem as "an AI system" {
        id: String = Text {
            key: "id", label: "Id (file name)",
            help: "lower-case letters, digits and dashes; names the file inventory/<id>.yaml",
            required: true, fixed: true,
        },
        name: String = Text {
            key: "name", label: "Name", help: "what people call the system", required: true,
        },
        description: Option<String> = LongText {
            key: "description", label: "Description", help: "what it does, and for whom",
        },
        sourcing: Option<Sourcing> = Choose {
            key: "sourcing", label: "Sourcing",
            help: "made in-house, bought as a product, or an AI feature inside another tool",
        },
        vendor: Option<String> = Text {
            key: "vendor", label: "Vendor", help: "the supplier, for bought and embedded systems",
        },
        owner: Option<String> = Person {
            key: "owner", label: "Owner", help: "the person accountable for the system",
        },
        business_unit: Option<String> = Text {
            key: "business_unit", label: "Business unit", help: "the part of the organisation using it",
        },
        model: Option<String> = Text {
            key: "model", label: "Model", help: "the underlying model or product version, where known",
        },
        lifecycle: Option<Lifecycle> = Choose {
            key: "lifecycle", label: "Lifecycle", help: "where the system is in its life",
        },
        approval: Option<Approval> = Choose {
            key: "approval", label: "Approval", help: "the deployment-approval decision",
        },
        eu_role: Option<EuRole> = Choose {
            key: "eu_ai_act.role", label: "EU AI Act role",
            help: "the organisation's role for this system under the EU AI Act",
        },
        eu_risk: Option<EuRisk> = Choose {
            key: "eu_ai_act.risk", label: "EU AI Act risk", help: "the system's risk tier under the Act",
        },
        annex_iii: Option<String> = Text {
            key: "eu_ai_act.annex_iii", label: "Annex III point",
            help: "area and point of a high-risk use case, e.g. 4(a)",
        },
        gpai: Option<bool> = Bool {
            key: "eu_ai_act.gpai", label: "GPAI-based",
            help: "built on, or is, a general-purpose AI model",
        },
        affected: Vec<AffectedGroup> = ChooseMany {
            key: "affected", label: "Affected", help: "who the system can affect",
        },
        personal_data: Option<bool> = Bool {
            key: "personal_data", label: "Personal data", help: "whether it processes personal data",
        },
        dpia: Option<String> = Text {
            key: "dpia", label: "DPIA",
            help: "where the data-protection impact assessment is (a path or URL)",
        },
        impact: Option<ImpactRating> = Choose {
            key: "impact", label: "Impact", help: "the overall rating, from its impact assessment",
        },
        data: Option<String> = LongText {
            key: "data", label: "Data",
            help: "the data it uses or was trained on, and its classification",
        },
        human_oversight: Option<String> = LongText {
            key: "human_oversight", label: "Human oversight",
            help: "who can override or stop it, and how",
        },
        limitations: Option<String> = LongText {
            key: "limitations", label: "Limitations", help: "known limitations and biases",
        },
        reviewed: Option<NaiveDate> = Date {
            key: "reviewed", label: "Reviewed", help: "when the entry was last reviewed",
        },
        next_review: Option<NaiveDate> = Date {
            key: "next_review", label: "Next review", help: "when it is due for review",
        },
        tags: Vec<String> = List {
            key: "tags", label: "Tags", help: "words to group and find systems by",
        },
    }
}

impl AiSystem {
    /// A system the AIMS covers now: in use, or on its way in (a concept,
    /// being procured or developed); anything but decommissioned.
    pub fn is_current(&self) -> bool {
        self.lifecycle != Some(Lifecycle::Decommissioned)
    }

    /// Where the system is in its life, in words ("being procured").
    pub fn stage(&self) -> &'static str {
        match self.lifecycle {
            None => "lifecycle not recorded",
            Some(Lifecycle::Concept) => "a concept",
            Some(Lifecycle::Procurement) => "being procured",
            Some(Lifecycle::Development) => "in development",
            Some(Lifecycle::Deployment) => "being deployed",
            Some(Lifecycle::Operation) => "in use",
            Some(Lifecycle::Monitoring) => "in use, monitored",
            Some(Lifecycle::Decommissioned) => "decommissioned",
        }
    }

    /// How a suggestion or a report names the system: "Name (id, in use)".
    pub fn label(&self) -> String {
        format!("{} ({}, {})", self.name, self.id, self.stage())
    }
}
