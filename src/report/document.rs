//! The content of the readable reports (Markdown and HTML), built once so
//! that both formats say exactly the same thing: title, scope,
//! accountability, progress, the Statement of Applicability per catalogue,
//! the inventory and the risk register, then the crosswalks (`crosswalk.rs`).
//!
//! Text here is still raw text from the files; each renderer makes control
//! characters visible and escapes for its own format. Multi-line text is
//! reflowed (see [`reflow`]) so a hard-wrapped YAML paragraph reads as one
//! paragraph in a table cell.

use chrono::NaiveDate;
use rayon::prelude::*;

use super::control::DocumentControl;
use super::obligations::DutiesReport;
use super::tables::{DataTable, TableId, Value, data_table};
use crate::catalog::{CatalogKind, Catalogs, DutyRules};
use crate::model::obligations::current_obligations;
use crate::model::{AiSystem, MEASURES_EXPLAINED, ProgressRow, Records, progress};
use crate::yaml::Choice;

/// What an empty cell shows, so a blank is never mistaken for a lost value.
pub const NONE: &str = "—";

pub struct Report {
    pub title: String,
    /// Why the document is a draft; empty when final.
    pub draft: Vec<String>,
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
    /// Bars of decided and implemented shares, for formats that can draw.
    Chart(Vec<Bar>),
}

pub struct Bar {
    pub label: String,
    pub decided: Option<f64>,
    pub implemented: Option<f64>,
}

pub struct Table {
    pub header: Vec<String>,
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

pub fn build(control: &DocumentControl, catalogs: &Catalogs, records: &Records) -> Report {
    let today = control.generated;
    type Build<'a> = Box<dyn Fn() -> Vec<Section> + Send + Sync + 'a>;
    // Built on every thread: on a large inventory the sections take as
    // long as loading it.
    let builders: Vec<Build> = vec![
        Box::new(|| vec![document_control(control)]),
        Box::new(|| vec![scope(records)]),
        Box::new(|| vec![accountability(records)]),
        Box::new(|| vec![progress_section(catalogs, records)]),
        Box::new(|| vec![soa_section(catalogs, records, today)]),
        Box::new(|| vec![inventory_section(records, today)]),
        Box::new(|| vec![impact_section(records, today)]),
        Box::new(|| vec![risk_section(catalogs, records, today)]),
        Box::new(|| vec![duties_section(control, catalogs, records)]),
        Box::new(|| super::crosswalk::crosswalk_sections(catalogs, records)),
    ];
    let sections: Vec<Vec<Section>> = builders.par_iter().map(|build| build()).collect();
    Report {
        title: control.title(),
        draft: control.draft.clone(),
        sections: sections.into_iter().flatten().collect(),
    }
}

/// The EU AI Act duties of the systems in use (`obligations.rs`).
fn duties_section(control: &DocumentControl, catalogs: &Catalogs, records: &Records) -> Section {
    let rules = DutyRules::builtin();
    let systems = current_obligations(rules, catalogs, records);
    super::obligations::duties_section(&DutiesReport {
        rules,
        organisation: &records.manifest.organisation,
        today: control.generated,
        systems: &systems,
    })
}

fn document_control(control: &DocumentControl) -> Section {
    let rows = control
        .rows()
        .into_iter()
        .filter(|(label, _)| label != "Scope")
        .map(|(label, value)| {
            let attention = label == "Warning" || (label == "Status" && control.is_draft());
            let row = Row::new(vec![label, value]);
            if attention {
                row.kind(RowKind::Attention)
            } else {
                row
            }
        })
        .collect();
    Section {
        heading: "Document control".into(),
        blocks: vec![Block::Table(Table {
            header: vec!["".into(), "".into()],
            rows,
        })],
    }
}

/// A data table as a document table: its headings, and each value as text.
pub(super) fn document_table(table: &DataTable, attention: impl Fn(&[Value]) -> bool) -> Table {
    Table {
        header: table.columns.iter().map(|c| c.label.clone()).collect(),
        rows: table
            .rows
            .iter()
            .map(|values| {
                let row = Row::new(
                    values
                        .iter()
                        .map(|v| match v {
                            Value::Empty => NONE.to_string(),
                            Value::Text(text) => reflow(text),
                            other => other.display(),
                        })
                        .collect(),
                );
                if attention(values) {
                    row.kind(RowKind::Attention)
                } else {
                    row
                }
            })
            .collect(),
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
            header: vec!["Role".into(), "Held by".into()],
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
            header: ["", group, "Controls", "Decided", "Implemented"]
                .map(String::from)
                .to_vec(),
            rows: rows.groups.iter().map(progress_row).collect(),
        };
        let mut total = progress_row(&rows.total).kind(RowKind::Total);
        total.cells[0] = "All".into();
        total.cells[1] = String::new();
        table.rows.push(total);
        blocks.push(Block::Subheading(rows.title.clone()));
        blocks.push(Block::Chart(
            rows.groups
                .iter()
                .map(|g| Bar {
                    label: format!("{} {}", g.id, g.title),
                    decided: g.decided_percent(),
                    implemented: g.implemented_percent(),
                })
                .collect(),
        ));
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

fn soa_section(catalogs: &Catalogs, records: &Records, today: NaiveDate) -> Section {
    let mut blocks = vec![Block::Note(
        "Every control of each catalogue in use, undecided ones included, with every field of its entry. \
         Clauses 4 to 10 are mandatory, so they have no applicability decision."
            .into(),
    )];
    let whole = data_table(TableId::Soa, catalogs, records, today);
    let catalog_column = whole.columns.iter().position(|c| c.key == "catalog");
    let decision_column = whole.columns.iter().position(|c| c.key == "decision");
    for catalog in &catalogs.catalogs {
        let mut part = whole.clone();
        part.rows.retain(|row| {
            catalog_column.is_some_and(|c| row[c] == Value::Text(catalog.id.clone()))
        });
        if let Some(c) = catalog_column {
            part.columns.remove(c);
            part.rows.iter_mut().for_each(|row| {
                row.remove(c);
            });
        }
        let undecided = Value::Text("undecided".into());
        let decision =
            decision_column.map(|d| d - usize::from(catalog_column.is_some_and(|c| c < d)));
        blocks.push(Block::Subheading(catalog.title.clone()));
        blocks.push(Block::Table(document_table(&part, |row| {
            decision.is_some_and(|d| row[d] == undecided)
        })));
    }
    Section {
        heading: "Statement of Applicability".into(),
        blocks,
    }
}

fn inventory_section(records: &Records, today: NaiveDate) -> Section {
    if records.systems.is_empty() {
        return Section {
            heading: "AI system inventory".into(),
            blocks: vec![Block::Note("No AI systems are recorded.".into())],
        };
    }
    let mut blocks = vec![Block::Table(Table {
        header: [
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
        ]
        .map(String::from)
        .to_vec(),
        rows: records
            .systems
            .values()
            .map(|system| inventory_row(system, today))
            .collect(),
    })];
    // Then every field of each system, as the auditor will ask for them.
    let table = data_table(TableId::Inventory, &Catalogs::default(), records, today);
    let systems: Vec<&AiSystem> = records.systems.values().collect();
    let pages: Vec<[Block; 2]> = systems
        .par_iter()
        .zip(&table.rows)
        .map(|(system, values)| {
            [
                Block::Subheading(format!("{} ({})", system.name, system.id)),
                Block::Table(Table {
                    header: vec!["Field".into(), "Value".into()],
                    rows: table
                        .columns
                        .iter()
                        .zip(values)
                        .filter(|(_, value)| **value != Value::Empty)
                        .map(|(column, value)| {
                            let shown = match value {
                                Value::Text(text) => reflow(text),
                                other => reflow(&other.display()),
                            };
                            Row::new(vec![column.label.clone(), shown])
                        })
                        .collect(),
                }),
            ]
        })
        .collect();
    blocks.extend(pages.into_iter().flatten());
    Section {
        heading: "AI system inventory".into(),
        blocks,
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

fn impact_section(records: &Records, today: NaiveDate) -> Section {
    if records.impacts.is_empty() {
        return Section {
            heading: "Impact assessments".into(),
            blocks: vec![Block::Note("No impact assessment is recorded.".into())],
        };
    }
    let table = data_table(TableId::Impact, &Catalogs::default(), records, today);
    let high = |row: &[Value]| row.iter().any(|v| *v == Value::Text("high".into()));
    Section {
        heading: "Impact assessments".into(),
        blocks: vec![
            Block::Note(
                "One row per affected group: severity and likelihood before mitigation, the mitigations, and the residual level."
                    .into(),
            ),
            Block::Table(document_table(&table, high)),
        ],
    }
}

fn risk_section(catalogs: &Catalogs, records: &Records, today: NaiveDate) -> Section {
    if records.risks().next().is_none() {
        return Section {
            heading: "Risk register".into(),
            blocks: vec![Block::Note("No risks are recorded.".into())],
        };
    }
    let table = data_table(TableId::Risks, catalogs, records, today);
    Section {
        heading: "Risk register".into(),
        blocks: vec![
            Block::Note(
                "Level from the 3x3 matrix of severity and likelihood; highest first.".into(),
            ),
            Block::Table(document_table(&table, |row| {
                row.first() == Some(&Value::Text("high".into()))
            })),
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
    if !text.contains('\n') {
        // Most values are one line: the same, without the paragraphs.
        return text.trim().to_string();
    }
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
