//! The certification-readiness guide shipped with the catalogues: the
//! documented information the standard asks for, what each audit stage
//! needs, and where certification stands against the EU AI Act.

use std::sync::OnceLock;

use super::data_file::read_data_file;
use crate::yaml::{Findings, MapReader, Node};

#[derive(Clone, Debug, PartialEq)]
pub struct Guide {
    pub title: String,
    pub summary: String,
    pub sections: Vec<GuideSection>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GuideSection {
    pub id: String,
    pub title: String,
    pub text: String,
    pub items: Vec<GuideItem>,
}

/// One thing to have or know, with the clauses that ask for it and the
/// articles of the AI Act it names.
#[derive(Clone, Debug, PartialEq)]
pub struct GuideItem {
    pub name: String,
    pub clauses: Vec<String>,
    pub articles: Vec<String>,
    pub text: String,
}

const SOURCE: &str = include_str!("../../catalog/certification-readiness.yaml");

impl Guide {
    /// The guide built into aims.
    pub fn builtin() -> &'static Guide {
        static GUIDE: OnceLock<Guide> = OnceLock::new();
        GUIDE.get_or_init(|| parse_guide(SOURCE).expect("the built-in guide is checked by tests"))
    }

    /// The guide as Markdown: headings, one bullet per item with its
    /// clauses and articles.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n\n{}\n", self.title, self.summary.trim());
        for section in &self.sections {
            out.push_str(&format!(
                "\n## {}\n\n{}\n\n",
                section.title,
                section.text.trim()
            ));
            for item in &section.items {
                out.push_str(&format!(
                    "- **{}**{}: {}\n",
                    item.name,
                    item.refs(),
                    one_line(&item.text)
                ));
            }
        }
        out
    }
}

impl GuideItem {
    /// " (clauses 6.1.3, 8.3; Art. 11)", or nothing.
    pub fn refs(&self) -> String {
        let mut parts = Vec::new();
        match self.clauses.as_slice() {
            [] => {}
            [one] => parts.push(format!("clause {one}")),
            many => parts.push(format!("clauses {}", many.join(", "))),
        }
        if !self.articles.is_empty() {
            parts.push(self.articles.join(", "));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join("; "))
        }
    }
}

/// A wrapped paragraph as one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads the guide's YAML; every problem is returned with its position.
pub fn parse_guide(text: &str) -> Result<Guide, Findings> {
    read_data_file(text, "the guide is empty", read_guide)
}

fn read_guide(node: Node, findings: &mut Findings) -> Option<Guide> {
    let mut map = MapReader::new(node, "a guide", findings)?;
    map.text("guide");
    let title = map.required_text("title");
    let summary = map.text("summary").unwrap_or_default();
    let sections = map.list("sections", read_section).unwrap_or_default();
    map.finish(&["guide", "title", "summary", "sections"]);
    Some(Guide {
        title: title?,
        summary,
        sections,
    })
}

fn read_section(node: Node, findings: &mut Findings) -> Option<GuideSection> {
    let mut map = MapReader::new(node, "a section", findings)?;
    let id = map.required_text("id");
    let title = map.required_text("title");
    let text = map.text("text").unwrap_or_default();
    let items = map.list("items", read_item).unwrap_or_default();
    map.finish(&["id", "title", "text", "items"]);
    Some(GuideSection {
        id: id?,
        title: title?,
        text,
        items,
    })
}

fn read_item(node: Node, findings: &mut Findings) -> Option<GuideItem> {
    let mut map = MapReader::new(node, "an item", findings)?;
    let name = map.required_text("name");
    let clauses = map.text_list("clauses");
    let articles = map.text_list("articles");
    let text = map.text("text").unwrap_or_default();
    map.finish(&["name", "clauses", "articles", "text"]);
    Some(GuideItem {
        name: name?,
        clauses,
        articles,
        text,
    })
}
