//! The typed records of a workspace and what is computed from them.
//!
//! Records are read from YAML nodes into validated types (`*::read`) and
//! turned back into nodes for writing (`*::to_node`); unknown keys ride
//! along in `extra`. Progress, checks, the risk register, applicability
//! suggestions, the crosswalks and the GDPR view are pure functions of the
//! catalogues and the records.

mod changes;
mod checks;
pub mod classification;
pub mod codec;
mod crosswalk;
mod diagnostic;
mod enums;
mod field;
mod gaps;
mod gdpr;
mod impact;
mod manifest;
pub mod obligations;
mod owners;
mod progress;
mod readiness;
mod records;
mod rules;
mod soa;
mod standing;
mod suggest;
mod system;

pub use changes::{Change, ChangeKind, changes};
pub use checks::{rating_of, review};
pub use crosswalk::{
    COVERAGE_EXPLAINED, Coverage, CoverageTally, Crosswalk, CrosswalkGroup, CrosswalkItem,
    UNLISTED_GROUP, crosswalk,
};
pub use diagnostic::{Diagnostic, Kind, Severity, sort_diagnostics};
pub use enums::*;
pub use field::{Field, FieldError, FieldKind, FieldReader, FieldSpec, Fields, Target};
pub use gaps::{Gap, Priority, gaps, owner_of};
pub use gdpr::{
    ART22_EXPLAINED, AutomatedDecisions, DPIA_EXPLAINED, DpiaFile, DpiaReference, GdprView, Lookup,
    PrivacyRow, dpia_reference, gdpr_view,
};
pub use impact::{ImpactAssessment, ImpactEntry, Risk, risk_level};
pub use manifest::{FORMAT_VERSION, Manifest, ROLES};
pub use owners::{Owed, OwedKind, OwnerLoad, by_owner};
pub use progress::{CatalogProgress, MEASURES_EXPLAINED, ProgressRow, progress};
pub use readiness::{AI_POLICY, Readiness, readiness};
pub use records::Records;
pub use rules::{check_references, check_soa_edit};
pub use soa::{Evidence, SoaEntry};
pub use standing::{Decision, MARKERS_EXPLAINED, Standing};
pub use suggest::suggestions;
pub use system::AiSystem;

use crate::yaml::{Node, ScalarKind, Value};

/// Where each kind of record lives, relative to the workspace root.
pub fn system_path(id: &str) -> String {
    format!("inventory/{id}.yaml")
}

pub fn soa_path(control: &str) -> String {
    format!("soa/{control}.yaml")
}

pub fn impact_path(system: &str) -> String {
    format!("impact/{system}.yaml")
}

pub const MANIFEST_PATH: &str = "aims.yaml";

/// System ids (and catalogue ids) are slugs: `[a-z0-9][a-z0-9-]{0,63}`.
pub fn is_valid_slug(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// A slug made from a name: "HR Screening (v2)" becomes "hr-screening-v2".
pub fn slug_from_name(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        let c = deunicode_char(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug: String = slug.trim_end_matches('-').chars().take(64).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// The plain letter behind common accented Latin letters, so that a name
/// like "Ülf Fjörd" still gives a readable id.
fn deunicode_char(c: char) -> char {
    const FROM: &str = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ";
    const TO: &str = "aaaaaaceeeeiiiinoooooouuuuyyAAAAAACEEEEIIIINOOOOOOUUUUY";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// Builds the entries of a record's mapping, skipping empty optional values
/// so that the canonical form never holds `key:` with nothing after it.
#[derive(Default)]
pub struct Entries(pub Vec<(String, Node)>);

impl Entries {
    pub fn text(&mut self, key: &str, value: &Option<String>) {
        if let Some(text) = value.as_ref().filter(|t| !t.is_empty()) {
            self.0.push((key.into(), Node::string(text.clone())));
        }
    }

    pub fn word(&mut self, key: &str, value: Option<impl crate::yaml::Choice>) {
        if let Some(value) = value {
            self.0.push((key.into(), Node::plain(value.as_str())));
        }
    }

    pub fn plain(&mut self, key: &str, value: Option<impl ToString>) {
        if let Some(value) = value {
            self.0.push((key.into(), Node::plain(value.to_string())));
        }
    }

    pub fn texts(&mut self, key: &str, values: &[String]) {
        if !values.is_empty() {
            let items = values.iter().cloned().map(Node::string).collect();
            self.0.push((key.into(), Node::seq(items)));
        }
    }

    pub fn words<T: crate::yaml::Choice>(&mut self, key: &str, values: &[T]) {
        if !values.is_empty() {
            let items = values.iter().map(|v| Node::plain(v.as_str())).collect();
            self.0.push((key.into(), Node::seq(items)));
        }
    }

    pub fn nodes(&mut self, key: &str, values: Vec<Node>) {
        if !values.is_empty() {
            self.0.push((key.into(), Node::seq(values)));
        }
    }

    pub fn node(&mut self, key: &str, node: Node) {
        let empty = matches!(&node.value, Value::Map(e) if e.is_empty());
        if !empty {
            self.0.push((key.into(), node));
        }
    }

    pub fn finish(self, extra: &crate::yaml::Extra) -> Node {
        let mut entries = self.0;
        extra.write_into(&mut entries);
        Node::map(entries)
    }
}

/// A plain-text view of a scalar node, for JSON export of unknown keys.
pub fn node_to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Scalar { text, kind } => {
            if *kind != ScalarKind::Plain {
                return J::String(text.clone());
            }
            if node.is_null() {
                J::Null
            } else if let Ok(b) = text.parse::<bool>() {
                J::Bool(b)
            } else if let Ok(i) = text.parse::<i64>() {
                J::from(i)
            } else if let Some(f) = text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
            {
                J::Number(f)
            } else {
                J::String(text.clone())
            }
        }
        Value::Seq(items) => J::Array(items.iter().map(node_to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.text.clone(), node_to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("cv-screener"));
        assert!(!is_valid_slug("../etc"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("A"));
        assert_eq!(slug_from_name("HR Screening (v2)"), "hr-screening-v2");
        assert_eq!(slug_from_name("Ülf's  Tool!"), "ulf-s-tool");
    }
}
