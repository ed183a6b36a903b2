//! Catalogues of controls: the ISO/IEC 42001 Annex A controls, the clause 4-10
//! requirements, and any a workspace adds under its own `catalog/` folder;
//! and the other frameworks aims relates them to (the NIST AI RMF, the EU
//! AI Act, the GDPR).
//!
//! A catalogue is data (YAML), read once; [`Catalogs`] is the set a
//! workspace uses, indexed by control id. Nothing here reads a workspace.

mod builtin;
mod data_file;
mod duties;
pub mod eu_ai_act;
mod framework;
mod gdpr;
mod guide;
mod parse;

pub use builtin::{BUILTIN_IDS, builtin_source};
pub use duties::{
    ApplicationDate, DutyCondition, DutyRule, DutyRules, PendingDate, RuleTier, parse_duty_rules,
};
pub use framework::{Framework, FrameworkGroup, FrameworkId, FrameworkItem, parse_framework};
pub use gdpr::{Gdpr, GdprArticle, parse_gdpr};
pub use guide::{Guide, GuideItem, GuideSection, parse_guide};
pub use parse::parse_catalog;

use std::collections::HashMap;

use crate::choice_enum;

choice_enum! {
    /// Whether entries are decided (controls) or simply met (requirements).
    pub enum CatalogKind {
        /// Reference controls: each is decided applicable or excluded.
        Controls = "controls",
        /// Mandatory requirements: status only, never excluded.
        Requirements = "requirements",
    }
}

choice_enum! {
    /// The inventory fields a suggestion rule can test.
    pub enum SystemField {
        Sourcing = "sourcing",
        Risk = "risk",
        Role = "role",
        PersonalData = "personal_data",
        Gpai = "gpai",
        Affected = "affected",
    }
}

choice_enum! {
    /// Whether a rule asks about any current system or about none of them.
    pub enum Quantifier {
        Any = "any",
        None = "none",
    }
}

choice_enum! {
    /// What a rule suggests deciding.
    pub enum SuggestedDecision {
        Applicable = "applicable",
        Excluded = "excluded",
    }
}

/// "Any (or no) current system has every one of these fields in these values."
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub quantifier: Quantifier,
    pub fields: Vec<(SystemField, Vec<String>)>,
}

/// An applicability hint derived from the inventory, shown with its reason
/// and never applied without the user's say-so.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub when: Condition,
    pub suggest: SuggestedDecision,
    pub reason: String,
}

/// The heading of a control's note on whether excluding it is credible.
pub const EXCLUSION_HEADING: &str = "Excluding it from the SoA";

#[derive(Clone, Debug, PartialEq)]
pub struct Control {
    pub id: String,
    pub title: String,
    /// The catalogue kind, copied here because every screen asks.
    pub kind: CatalogKind,
    pub catalog: String,
    pub group: String,
    pub subgroup: Option<String>,
    /// For requirements whose title alone is vague ("General"): the parent.
    pub parent_title: Option<String>,
    pub guidance: String,
    pub audit: String,
    pub deployer: String,
    pub provider: String,
    /// Whether excluding the control is ever credible, and if so a model
    /// justification and what should trigger a second look.
    pub exclusion: String,
    /// One filled-in artefact line to copy and adapt.
    pub example: String,
    pub evidence: Vec<String>,
    pub nist_ai_rmf: Vec<String>,
    pub eu_ai_act: Vec<String>,
    pub suggestions: Vec<Suggestion>,
}

impl Control {
    /// The control's notes in reading order, each with its heading; the
    /// empty ones left out. The example comes right under the guidance,
    /// where it makes the guidance concrete.
    pub fn notes(&self) -> Vec<(&'static str, &str)> {
        [
            ("Guidance", &self.guidance),
            ("An example to adapt", &self.example),
            ("What an auditor looks for", &self.audit),
            ("If you buy or embed AI (deployer)", &self.deployer),
            ("If you build AI (provider)", &self.provider),
            (EXCLUSION_HEADING, &self.exclusion),
        ]
        .into_iter()
        .filter(|(_, body)| !body.trim().is_empty())
        .map(|(heading, body)| (heading, body.trim()))
        .collect()
    }

    /// The title with its parent where the title alone says little.
    pub fn full_title(&self) -> String {
        match &self.parent_title {
            Some(parent) => format!("{} ({parent})", self.title),
            None => self.title.clone(),
        }
    }

    pub fn is_requirement(&self) -> bool {
        self.kind == CatalogKind::Requirements
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub objective: String,
    pub subgroups: Vec<(String, String)>,
    pub controls: Vec<Control>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Catalog {
    pub id: String,
    pub title: String,
    pub kind: CatalogKind,
    pub source: String,
    pub note: String,
    pub groups: Vec<Group>,
}

impl Catalog {
    pub fn controls(&self) -> impl Iterator<Item = &Control> {
        self.groups.iter().flat_map(|g| g.controls.iter())
    }
}

/// The catalogues a workspace uses, with an index from control id.
#[derive(Clone, Debug, Default)]
pub struct Catalogs {
    pub catalogs: Vec<Catalog>,
    index: HashMap<String, (usize, usize, usize)>,
}

/// Two catalogues in use that define the same control id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateControl {
    pub id: String,
    pub first: String,
    pub second: String,
}

impl Catalogs {
    /// Joins catalogues; a control id defined twice is kept from the first
    /// catalogue and reported.
    pub fn new(catalogs: Vec<Catalog>) -> (Catalogs, Vec<DuplicateControl>) {
        let mut index = HashMap::new();
        let mut duplicates = Vec::new();
        for (ci, catalog) in catalogs.iter().enumerate() {
            for (gi, group) in catalog.groups.iter().enumerate() {
                for (ki, control) in group.controls.iter().enumerate() {
                    if let Some(&(first, _, _)) = index.get(&control.id) {
                        let first: &Catalog = &catalogs[first];
                        duplicates.push(DuplicateControl {
                            id: control.id.clone(),
                            first: first.id.clone(),
                            second: catalog.id.clone(),
                        });
                    } else {
                        index.insert(control.id.clone(), (ci, gi, ki));
                    }
                }
            }
        }
        (Catalogs { catalogs, index }, duplicates)
    }

    /// The built-in catalogues, all of them.
    pub fn builtin() -> Catalogs {
        let catalogs = BUILTIN_IDS
            .iter()
            .filter_map(|id| builtin_source(id))
            .map(|text| {
                parse_catalog(text, "built-in").expect("built-in catalogues are checked by tests")
            })
            .collect();
        Catalogs::new(catalogs).0
    }

    pub fn control(&self, id: &str) -> Option<&Control> {
        let &(c, g, k) = self.index.get(id)?;
        Some(&self.catalogs[c].groups[g].controls[k])
    }

    pub fn group_of(&self, id: &str) -> Option<&Group> {
        let &(c, g, _) = self.index.get(id)?;
        Some(&self.catalogs[c].groups[g])
    }

    /// Every control in catalogue order.
    pub fn controls(&self) -> impl Iterator<Item = &Control> {
        self.catalogs.iter().flat_map(Catalog::controls)
    }

    pub fn groups(&self) -> impl Iterator<Item = (&Catalog, &Group)> {
        self.catalogs
            .iter()
            .flat_map(|c| c.groups.iter().map(move |g| (c, g)))
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// Control ids name files (`soa/<id>.yaml`), so they may hold only
/// characters that cannot escape the folder: no `/`, no `..`.
pub fn is_valid_control_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && !id.contains("..")
        && !id.ends_with('.')
}
