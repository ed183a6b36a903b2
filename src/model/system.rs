//! One AI system of the inventory (`inventory/<id>.yaml`).

use chrono::NaiveDate;

use super::{AffectedGroup, Approval, Entries, EuRisk, EuRole, ImpactRating, Lifecycle, Sourcing};
use crate::yaml::{Extra, Findings, MapReader, Node, Positions};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EuAiAct {
    pub role: Option<EuRole>,
    pub risk: Option<EuRisk>,
    pub annex_iii: Option<String>,
    pub gpai: Option<bool>,
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AiSystem {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub sourcing: Option<Sourcing>,
    pub vendor: Option<String>,
    pub owner: Option<String>,
    pub business_unit: Option<String>,
    pub model: Option<String>,
    pub lifecycle: Option<Lifecycle>,
    pub approval: Option<Approval>,
    pub eu_ai_act: EuAiAct,
    pub affected: Vec<AffectedGroup>,
    pub personal_data: Option<bool>,
    pub dpia: Option<String>,
    pub impact: Option<ImpactRating>,
    pub data: Option<String>,
    pub human_oversight: Option<String>,
    pub limitations: Option<String>,
    pub reviewed: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub extra: Extra,
    pub positions: Positions,
}

/// The keys of a system file, in the order they are written.
pub const SYSTEM_KEYS: &[&str] = &[
    "id",
    "name",
    "description",
    "sourcing",
    "vendor",
    "owner",
    "business_unit",
    "model",
    "lifecycle",
    "approval",
    "eu_ai_act",
    "affected",
    "personal_data",
    "dpia",
    "impact",
    "data",
    "human_oversight",
    "limitations",
    "reviewed",
    "next_review",
    "tags",
];

const EU_KEYS: &[&str] = &["role", "risk", "annex_iii", "gpai"];

impl AiSystem {
    /// A system still in use: anything but decommissioned.
    pub fn is_live(&self) -> bool {
        self.lifecycle != Some(Lifecycle::Decommissioned)
    }

    pub fn read(node: Node, findings: &mut Findings) -> Option<AiSystem> {
        let mut map = MapReader::new(node, "an AI system", findings)?;
        let positions = map.positions();
        let id = map.required_text("id");
        let name = map.required_text("name");
        let mut system = AiSystem {
            description: map.text("description"),
            sourcing: map.choice("sourcing"),
            vendor: map.text("vendor"),
            owner: map.text("owner"),
            business_unit: map.text("business_unit"),
            model: map.text("model"),
            lifecycle: map.choice("lifecycle"),
            approval: map.choice("approval"),
            ..AiSystem::default()
        };
        if let Some(node) = map.take("eu_ai_act")
            && let Some(mut eu) = MapReader::new(node, "`eu_ai_act`", map.findings)
        {
            system.eu_ai_act = EuAiAct {
                role: eu.choice("role"),
                risk: eu.choice("risk"),
                annex_iii: eu.text("annex_iii"),
                gpai: eu.bool("gpai"),
                extra: Extra::default(),
            };
            system.eu_ai_act.extra = eu.finish(EU_KEYS);
        }
        system.affected = map.choice_list("affected");
        system.personal_data = map.bool("personal_data");
        system.dpia = map.text("dpia");
        system.impact = map.choice("impact");
        system.data = map.text("data");
        system.human_oversight = map.text("human_oversight");
        system.limitations = map.text("limitations");
        system.reviewed = map.date("reviewed");
        system.next_review = map.date("next_review");
        system.tags = map.text_list("tags");
        system.extra = map.finish(SYSTEM_KEYS);
        system.id = id?;
        system.name = name?;
        system.positions = positions;
        system.positions.shrink();
        Some(system)
    }

    pub fn to_node(&self) -> Node {
        let mut e = Entries::default();
        e.text("id", &Some(self.id.clone()));
        e.text("name", &Some(self.name.clone()));
        e.text("description", &self.description);
        e.word("sourcing", self.sourcing);
        e.text("vendor", &self.vendor);
        e.text("owner", &self.owner);
        e.text("business_unit", &self.business_unit);
        e.text("model", &self.model);
        e.word("lifecycle", self.lifecycle);
        e.word("approval", self.approval);
        let mut eu = Entries::default();
        eu.word("role", self.eu_ai_act.role);
        eu.word("risk", self.eu_ai_act.risk);
        eu.text("annex_iii", &self.eu_ai_act.annex_iii);
        eu.plain("gpai", self.eu_ai_act.gpai);
        e.node("eu_ai_act", eu.finish(&self.eu_ai_act.extra));
        e.words("affected", &self.affected);
        e.plain("personal_data", self.personal_data);
        e.text("dpia", &self.dpia);
        e.word("impact", self.impact);
        e.text("data", &self.data);
        e.text("human_oversight", &self.human_oversight);
        e.text("limitations", &self.limitations);
        e.plain("reviewed", self.reviewed);
        e.plain("next_review", self.next_review);
        e.texts("tags", &self.tags);
        e.finish(&self.extra)
    }
}
