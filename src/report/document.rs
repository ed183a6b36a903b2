//! The content of the readable reports (Markdown and HTML), built once so
//! that both formats say exactly the same thing: title, scope,
//! accountability, progress, the Statement of Applicability per catalogue,
//! the inventory and the risk register.
//!
//! Text here is still raw text from the files; each renderer makes control
//! characters visible and escapes for its own format. Multi-line text is
//! reflowed (see [`reflow`]) so a hard-wrapped YAML paragraph reads as one
//! paragraph in a table cell.

use chrono::NaiveDate;

use crate::catalog::{CatalogKind, Catalogs, Control};
use crate::model::{
    AiSystem, MEASURES_EXPLAINED, ProgressRow, Records, Risk, SoaEntry, Status, progress,
};
use crate::yaml::Choice;

/// What an empty cell shows, so a blank is never mistaken for a lost value.
pub const NONE: &str = "—";

pub struct Report {
    pub title: String,
    pub generated: String,
    pub sections: Vec<Section>,
}

pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

pub enum Block {
    /// One paragraph; `\n` in it is a line break worth keeping.
    Paragraph(String),
    /// A remark set apart (italic): a definition or an empty list.
    Note(String),
    Subheading(String),
    Table(Table),
}

pub struct Table {
    pub header: Vec<&'static str>,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub cells: Vec<String>,
    pub kind: RowKind,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum RowKind {
    Plain,
    /// A sum over the rows above it.
    Total,
    /// Something an auditor will ask about: undecided, overdue.
    Attention,
}

impl Row {
    fn new(cells: Vec<String>) -> Row {
        Row {
            cells,
            kind: RowKind::Plain,
        }
    }

    fn kind(mut self, kind: RowKind) -> Row {
        self.kind = kind;
        self
    }
}

pub fn build(catalogs: &Catalogs, records: &Records, today: NaiveDate) -> Report {
    let manifest = &records.manifest;
    Report {
        title: format!(
            "{}: Statement of Applicability and AI inventory",
            manifest.organisation
        ),
        generated: format!(
            "ISO/IEC 42001 AI management system. Generated on {today} by aims {}.",
            env!("CARGO_PKG_VERSION")
        ),
        sections: vec![
            scope(records),
            accountability(records),
            progress_section(catalogs, records),
            soa_section(catalogs, records),
            inventory_section(records, today),
            risk_section(records),
        ],
    }
}

fn scope(records: &Records) -> Section {
    let blocks = match records.manifest.scope.as_deref().map(paragraphs) {
        Some(paragraphs) if !paragraphs.is_empty() => {
            paragraphs.into_iter().map(Block::Paragraph).collect()
        }
        _ => vec![Block::Note("No scope is written in aims.yaml.".into())],
    };
    Section {
        heading: "Scope".into(),
        blocks,
    }
}

fn accountability(records: &Records) -> Section {
    let rows = records
        .manifest
        .roles()
        .iter()
        .map(|(_, label, holder)| {
            let holder = holder.as_deref().map(str::trim);
            let row = Row::new(vec![
                label.to_string(),
                holder.unwrap_or("not named").to_string(),
            ]);
            if holder.is_some() {
                row
            } else {
                row.kind(RowKind::Attention)
            }
        })
        .collect();
    Section {
        heading: "Accountability".into(),
        blocks: vec![Block::Table(Table {
            header: vec!["Role", "Held by"],
            rows,
        })],
    }
}

fn progress_section(catalogs: &Catalogs, records: &Records) -> Section {
    let mut blocks = vec![Block::Note(format!("{MEASURES_EXPLAINED}."))];
    for (catalog, rows) in catalogs.catalogs.iter().zip(progress(catalogs, records)) {
        let group = match catalog.kind {
            CatalogKind::Controls => "Domain",
            CatalogKind::Requirements => "Clause",
        };
        let mut table = Table {
            header: vec!["", group, "Controls", "Decided", "Implemented"],
            rows: rows.groups.iter().map(progress_row).collect(),
        };
        let mut total = progress_row(&rows.total).kind(RowKind::Total);
        total.cells[0] = "All".into();
        total.cells[1] = String::new();
        table.rows.push(total);
        blocks.push(Block::Subheading(rows.title.clone()));
        blocks.push(Block::Table(table));
    }
    Section {
        heading: "Progress".into(),
        blocks,
    }
}

fn progress_row(row: &ProgressRow) -> Row {
    let share = |part: usize, whole: usize, percent: Option<f64>| match percent {
        Some(p) => format!("{part}/{whole} ({p:.0}%)"),
        None => NONE.to_string(),
    };
    let decided = if row.decidable {
        share(row.decided, row.total, row.decided_percent())
    } else {
        "mandatory".to_string()
    };
    Row::new(vec![
        row.id.clone(),
        row.title.clone(),
        row.total.to_string(),
        decided,
        share(row.implemented, row.applicable, row.implemented_percent()),
    ])
}

fn soa_section(catalogs: &Catalogs, records: &Records) -> Section {
    let mut blocks = vec![Block::Note(
        "Every control of each catalogue in use, undecided ones included. \
         Clauses 4 to 10 are mandatory, so they have no applicability decision."
            .into(),
    )];
    for catalog in &catalogs.catalogs {
        let rows = catalog
            .controls()
            .map(|control| soa_row(control, records.soa.get(&control.id)))
            .collect();
        blocks.push(Block::Subheading(catalog.title.clone()));
        blocks.push(Block::Table(Table {
            header: vec![
                "Control",
                "Title",
                "Applicable",
                "Justification",
                "Status",
                "Owner",
                "Evidence",
            ],
            rows,
        }));
    }
    Section {
        heading: "Statement of Applicability".into(),
        blocks,
    }
}

fn soa_row(control: &Control, entry: Option<&SoaEntry>) -> Row {
    let applicable = if control.is_requirement() {
        "yes (mandatory)"
    } else {
        applicable_word(entry.and_then(|e| e.applicable))
    };
    let undecided = !control.is_requirement() && entry.is_none_or(|e| !e.is_decided());
    let row = Row::new(vec![
        control.id.clone(),
        control.full_title(),
        applicable.to_string(),
        cell(entry.and_then(|e| e.justification.as_deref())),
        status_words(entry.and_then(|e| e.status)).to_string(),
        cell(entry.and_then(|e| e.owner.as_deref())),
        evidence_refs(entry).unwrap_or_else(|| NONE.to_string()),
    ]);
    if undecided {
        row.kind(RowKind::Attention)
    } else {
        row
    }
}

/// `yes`, `no` or `undecided`, as every report writes a decision.
pub fn applicable_word(applicable: Option<bool>) -> &'static str {
    match applicable {
        Some(true) => "yes",
        Some(false) => "no",
        None => "undecided",
    }
}

fn status_words(status: Option<Status>) -> &'static str {
    match status {
        None => NONE,
        Some(Status::NotStarted) => "not started",
        Some(Status::Planned) => "planned",
        Some(Status::Partial) => "partial",
        Some(Status::Implemented) => "implemented",
    }
}

/// The evidence references joined with `; `, or `None` when there are none.
pub fn evidence_refs(entry: Option<&SoaEntry>) -> Option<String> {
    let refs: Vec<&str> = entry?
        .evidence
        .iter()
        .map(|e| e.reference.as_str())
        .collect();
    (!refs.is_empty()).then(|| refs.join("; "))
}

fn inventory_section(records: &Records, today: NaiveDate) -> Section {
    if records.systems.is_empty() {
        return Section {
            heading: "AI system inventory".into(),
            blocks: vec![Block::Note("No AI systems are recorded.".into())],
        };
    }
    let rows = records
        .systems
        .values()
        .map(|system| inventory_row(system, today))
        .collect();
    Section {
        heading: "AI system inventory".into(),
        blocks: vec![Block::Table(Table {
            header: vec![
                "Name",
                "Id",
                "Sourcing",
                "Vendor",
                "Owner",
                "Lifecycle",
                "EU AI Act role",
                "EU AI Act risk",
                "Impact",
                "Next review",
            ],
            rows,
        })],
    }
}

fn inventory_row(system: &AiSystem, today: NaiveDate) -> Row {
    let overdue = system.is_current() && system.next_review.is_some_and(|d| d < today);
    let next_review = match system.next_review {
        Some(date) if overdue => format!("{date} (overdue)"),
        Some(date) => date.to_string(),
        None => NONE.to_string(),
    };
    let row = Row::new(vec![
        system.name.clone(),
        system.id.clone(),
        word(system.sourcing),
        cell(system.vendor.as_deref()),
        cell(system.owner.as_deref()),
        word(system.lifecycle),
        word(system.eu_role),
        word(system.eu_risk),
        word(system.impact),
        next_review,
    ]);
    if overdue {
        row.kind(RowKind::Attention)
    } else {
        row
    }
}

fn risk_section(records: &Records) -> Section {
    let mut risks: Vec<(&str, &Risk)> = records.risks().collect();
    if risks.is_empty() {
        return Section {
            heading: "Risk register".into(),
            blocks: vec![Block::Note("No risks are recorded.".into())],
        };
    }
    // Highest level first, unrated last; within a level in file order.
    risks.sort_by_key(|(_, risk)| std::cmp::Reverse(risk.level()));
    let rows = risks
        .into_iter()
        .map(|(system, risk)| {
            let system = records
                .systems
                .get(system)
                .map_or(system, |s| s.name.as_str());
            Row::new(vec![
                risk.level()
                    .map_or("not rated", |level| level.as_str())
                    .to_string(),
                risk.id.clone(),
                risk.title.clone(),
                system.to_string(),
                cell(risk.owner.as_deref()),
                word(risk.status),
                if risk.controls.is_empty() {
                    NONE.to_string()
                } else {
                    risk.controls.join("; ")
                },
            ])
        })
        .collect();
    Section {
        heading: "Risk register".into(),
        blocks: vec![
            Block::Note(
                "Level from the 3x3 matrix of severity and likelihood; highest first.".into(),
            ),
            Block::Table(Table {
                header: vec![
                    "Level",
                    "Id",
                    "Title",
                    "System",
                    "Owner",
                    "Status",
                    "Treating controls",
                ],
                rows,
            }),
        ],
    }
}

/// A vocabulary word as people read it: `third_parties` as "third parties".
fn word(value: Option<impl Choice>) -> String {
    value.map_or_else(|| NONE.to_string(), |v| v.as_str().replace('_', " "))
}

fn cell(text: Option<&str>) -> String {
    match text.map(reflow) {
        Some(text) if !text.is_empty() => text,
        _ => NONE.to_string(),
    }
}

/// Multi-line text as one cell: the lines of a paragraph joined with
/// spaces, because YAML block text is wrapped for the file, not the page;
/// paragraphs and list items keep a line break between them.
pub fn reflow(text: &str) -> String {
    paragraphs(text).join("\n\n")
}

fn paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            let list_item = ["- ", "* ", "• "].iter().any(|m| line.starts_with(m));
            current.push(if list_item { '\n' } else { ' ' });
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflow_joins_wrapped_lines_and_keeps_paragraphs_and_items() {
        assert_eq!(reflow("one\ntwo\n"), "one two");
        assert_eq!(reflow("one\n\n\ntwo"), "one\n\ntwo");
        assert_eq!(reflow("list:\n- a\n- b"), "list:\n- a\n- b");
        assert_eq!(reflow("  \n"), "");
    }
}
