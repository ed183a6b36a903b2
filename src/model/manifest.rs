//! The manifest, `aims.yaml`: who the organisation is, its scope, the
//! catalogues in use and who is accountable for what.

use super::Entries;
use crate::yaml::{Extra, Findings, MapReader, Node, Positions};

/// The format version this aims reads and writes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Roles {
    pub governance_lead: Option<String>,
    pub risk_classification: Option<String>,
    pub vendor_selection: Option<String>,
    pub deployment_approval: Option<String>,
    pub extra: Extra,
}

impl Roles {
    /// Each role with its label and holder, in the order they are shown.
    pub fn named(&self) -> [(&'static str, &'static str, Option<&str>); 4] {
        [
            (
                "governance_lead",
                "AI governance lead",
                self.governance_lead.as_deref(),
            ),
            (
                "risk_classification",
                "Risk classification",
                self.risk_classification.as_deref(),
            ),
            (
                "vendor_selection",
                "Vendor selection",
                self.vendor_selection.as_deref(),
            ),
            (
                "deployment_approval",
                "Deployment approval",
                self.deployment_approval.as_deref(),
            ),
        ]
    }
}

const ROLE_KEYS: &[&str] = &[
    "governance_lead",
    "risk_classification",
    "vendor_selection",
    "deployment_approval",
];

#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    pub version: u32,
    pub organisation: String,
    pub scope: Option<String>,
    pub catalogs: Vec<String>,
    /// Whether the file names its catalogues; a manifest that leaves them
    /// out keeps following the built-in default, so it is not written in.
    pub catalogs_named: bool,
    pub roles: Roles,
    pub extra: Extra,
    pub positions: Positions,
}

impl Manifest {
    pub fn new(organisation: &str) -> Manifest {
        Manifest {
            version: FORMAT_VERSION,
            organisation: organisation.to_string(),
            scope: None,
            catalogs: crate::catalog::BUILTIN_IDS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            catalogs_named: true,
            roles: Roles::default(),
            extra: Extra::default(),
            positions: Positions::default(),
        }
    }

    pub fn read(node: Node, findings: &mut Findings) -> Option<Manifest> {
        let mut map = MapReader::new(node, "the manifest", findings)?;
        let positions = map.positions();
        let version_pos = map.key_pos("aims").unwrap_or(map.pos);
        let version = map.required_text("aims").and_then(|v| match v.parse::<u32>() {
            Ok(v) if v > FORMAT_VERSION => {
                map.findings.error(
                    version_pos,
                    format!(
                        "this workspace is format {v}, written by a newer aims; this aims reads format {FORMAT_VERSION}: upgrade aims before opening it"
                    ),
                );
                None
            }
            Ok(v) if v >= 1 => Some(v),
            _ => {
                map.findings.error(
                    version_pos,
                    format!("`aims` is the format version and must be {FORMAT_VERSION}, found `{v}`"),
                );
                None
            }
        });
        let organisation = map.required_text("organisation");
        let scope = map.text("scope");
        let catalogs_named = map.key_pos("catalogs").is_some();
        let catalogs = if catalogs_named {
            map.text_list("catalogs")
        } else {
            crate::catalog::BUILTIN_IDS
                .iter()
                .map(|s| s.to_string())
                .collect()
        };
        let mut roles = Roles::default();
        if let Some(node) = map.take("roles")
            && let Some(mut r) = MapReader::new(node, "`roles`", map.findings)
        {
            roles.governance_lead = r.text("governance_lead");
            roles.risk_classification = r.text("risk_classification");
            roles.vendor_selection = r.text("vendor_selection");
            roles.deployment_approval = r.text("deployment_approval");
            roles.extra = r.finish(ROLE_KEYS);
        }
        let extra = map.finish(&["aims", "organisation", "scope", "catalogs", "roles"]);
        Some(Manifest {
            version: version?,
            organisation: organisation?,
            scope,
            catalogs,
            catalogs_named,
            roles,
            extra,
            positions,
        })
    }

    pub fn to_node(&self) -> Node {
        let mut e = Entries::default();
        e.plain("aims", Some(self.version));
        e.text("organisation", &Some(self.organisation.clone()));
        e.text("scope", &self.scope);
        if self.catalogs_named {
            e.texts("catalogs", &self.catalogs);
        }
        let mut roles = Entries::default();
        roles.text("governance_lead", &self.roles.governance_lead);
        roles.text("risk_classification", &self.roles.risk_classification);
        roles.text("vendor_selection", &self.roles.vendor_selection);
        roles.text("deployment_approval", &self.roles.deployment_approval);
        e.node("roles", roles.finish(&self.roles.extra));
        e.finish(&self.extra)
    }
}
