//! The frameworks aims crosswalks ISO/IEC 42001 to: the subcategories of
//! the NIST AI RMF and the articles of the EU AI Act, each with its id and
//! a short title, shipped as data in `catalog/`.
//!
//! Which ISO controls cover an item is not kept here: each control's
//! catalogue entry lists the items it helps with (`nist_ai_rmf`,
//! `eu_ai_act`), so the mapping has one source and a workspace catalogue
//! that cites an item takes part in the crosswalk as it is.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::Control;
use super::data_file::read_data_file;
use super::eu_ai_act::list_item_articles;
use crate::choice_enum;
use crate::yaml::{Findings, MapReader, Node};

choice_enum! {
    /// A framework aims crosswalks to.
    pub enum FrameworkId {
        NistAiRmf = "nist-ai-rmf",
        EuAiAct = "eu-ai-act",
    }
}

impl FrameworkId {
    /// What one item of the framework is called, singular and plural.
    pub fn item_words(self) -> (&'static str, &'static str) {
        match self {
            FrameworkId::NistAiRmf => ("subcategory", "subcategories"),
            FrameworkId::EuAiAct => ("article", "articles"),
        }
    }

    /// The ids of this framework's items that `control` says it helps
    /// with. The catalogue writes AI Act references as it pleases ("Arts.
    /// 22-25", "Art. 26(5)"), so they become one id per article; annexes
    /// name no article and are left out.
    pub fn items_cited_by(self, control: &Control) -> Vec<String> {
        match self {
            FrameworkId::NistAiRmf => control.nist_ai_rmf.clone(),
            FrameworkId::EuAiAct => control
                .eu_ai_act
                .iter()
                .filter_map(|item| list_item_articles(item))
                .flatten()
                .map(|article| format!("Art. {article}"))
                .collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Framework {
    pub id: FrameworkId,
    pub title: String,
    pub source: String,
    /// What the crosswalk rests on, and how far to trust it.
    pub note: String,
    pub groups: Vec<FrameworkGroup>,
}

/// A category of subcategories, or a chapter of articles.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameworkGroup {
    pub id: String,
    pub title: String,
    pub items: Vec<FrameworkItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FrameworkItem {
    pub id: String,
    pub title: String,
}

impl Framework {
    /// The framework as shipped in `catalog/`.
    pub fn builtin(id: FrameworkId) -> &'static Framework {
        static NIST: OnceLock<Framework> = OnceLock::new();
        static EU: OnceLock<Framework> = OnceLock::new();
        let (cell, source) = match id {
            FrameworkId::NistAiRmf => (&NIST, include_str!("../../catalog/nist-ai-rmf.yaml")),
            FrameworkId::EuAiAct => (&EU, include_str!("../../catalog/eu-ai-act-articles.yaml")),
        };
        cell.get_or_init(|| {
            parse_framework(source).expect("the built-in frameworks are checked by tests")
        })
    }

    pub fn items(&self) -> impl Iterator<Item = &FrameworkItem> {
        self.groups.iter().flat_map(|g| g.items.iter())
    }
}

/// Reads a framework file; every problem is returned with its position.
pub fn parse_framework(text: &str) -> Result<Framework, Findings> {
    read_data_file(text, "the framework file is empty", read_framework)
}

fn read_framework(node: Node, findings: &mut Findings) -> Option<Framework> {
    let mut map = MapReader::new(node, "a framework", findings)?;
    let pos = map.pos;
    let named = map.key_pos("framework").is_some();
    let id = map.choice::<FrameworkId>("framework");
    let title = map.required_text("title");
    let source = map.text("source").unwrap_or_default();
    let note = map.text("note").unwrap_or_default();
    let groups = map.list("groups", read_group).unwrap_or_default();
    map.finish(&["framework", "title", "source", "note", "groups"]);
    if !named {
        findings.error(pos, "missing required key `framework`");
    }
    let mut seen = HashSet::new();
    for item in groups.iter().flat_map(|g| &g.items) {
        if !seen.insert(item.id.as_str()) {
            findings.error(pos, format!("item `{}` appears twice", item.id));
        }
    }
    if seen.is_empty() {
        findings.error(pos, "a framework needs at least one item");
    }
    Some(Framework {
        id: id?,
        title: title?,
        source,
        note,
        groups,
    })
}

fn read_group(node: Node, findings: &mut Findings) -> Option<FrameworkGroup> {
    let mut map = MapReader::new(node, "a group", findings)?;
    let id = map.required_text("id");
    let title = map.required_text("title");
    let items = map.list("items", read_item).unwrap_or_default();
    map.finish(&["id", "title", "items"]);
    Some(FrameworkGroup {
        id: id?,
        title: title?,
        items,
    })
}

fn read_item(node: Node, findings: &mut Findings) -> Option<FrameworkItem> {
    let mut map = MapReader::new(node, "an item", findings)?;
    let id = map.required_text("id");
    let title = map.required_text("title");
    map.finish(&["id", "title"]);
    Some(FrameworkItem {
        id: id?,
        title: title?,
    })
}
