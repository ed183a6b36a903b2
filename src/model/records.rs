//! All the records of one workspace, as read.

use std::collections::BTreeMap;

use super::{AiSystem, ImpactAssessment, Manifest, Risk, SoaEntry};

#[derive(Clone, Debug)]
pub struct Records {
    pub manifest: Manifest,
    /// By id; a `BTreeMap` so every listing comes out in a stable order.
    pub systems: BTreeMap<String, AiSystem>,
    pub soa: BTreeMap<String, SoaEntry>,
    pub impacts: BTreeMap<String, ImpactAssessment>,
}

impl Records {
    pub fn new(manifest: Manifest) -> Records {
        Records {
            manifest,
            systems: BTreeMap::new(),
            soa: BTreeMap::new(),
            impacts: BTreeMap::new(),
        }
    }

    /// The systems the AIMS covers now: every one not decommissioned.
    pub fn current_systems(&self) -> impl Iterator<Item = &AiSystem> {
        self.systems.values().filter(|s| s.is_current())
    }

    /// Every risk in the workspace with the system whose assessment holds it.
    pub fn risks(&self) -> impl Iterator<Item = (&str, &Risk)> {
        self.impacts
            .values()
            .flat_map(|a| a.risks.iter().map(move |r| (a.system.as_str(), r)))
    }
}
