//! The crosswalks in every form: a section of the readable reports (one
//! per framework, at the end of the Markdown and HTML exports), their data
//! in the JSON export, and the Markdown, CSV and JSON of `aims crosswalk`.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::csv::table_csv;
use super::document::{Block, NONE, Report, Row, RowKind, Section, Table};
use super::tables::crosswalk_table;
use crate::catalog::{Catalogs, Framework, FrameworkId};
use crate::model::{
    COVERAGE_EXPLAINED, Coverage, Crosswalk, CrosswalkItem, Records, Standing, crosswalk,
};
use crate::yaml::Choice;

/// Every framework aims crosswalks to, in the order the reports show them.
pub(super) fn crosswalks(catalogs: &Catalogs, records: &Records) -> Vec<Crosswalk<'static>> {
    FrameworkId::ALL
        .iter()
        .map(|id| crosswalk(Framework::builtin(*id), catalogs, records))
        .collect()
}

/// A section per framework, for the end of the Markdown and HTML exports.
pub fn crosswalk_sections(catalogs: &Catalogs, records: &Records) -> Vec<Section> {
    crosswalks(catalogs, records).iter().map(section).collect()
}

/// Every crosswalk's data, for the JSON export, by framework id.
pub fn crosswalks_json(catalogs: &Catalogs, records: &Records) -> Value {
    let map = crosswalks(catalogs, records)
        .iter()
        .map(|c| (c.framework.id.as_str().to_string(), crosswalk_json(c)))
        .collect();
    Value::Object(map)
}

/// `aims crosswalk --format md`: one document with the framework's section.
pub fn crosswalk_markdown(crosswalk: &Crosswalk, organisation: &str, today: NaiveDate) -> String {
    let mut section = section(crosswalk);
    section.blocks.insert(0, Block::Paragraph(generated(today)));
    super::markdown::render(&Report {
        title: format!(
            "{organisation}: ISO/IEC 42001 crosswalk to the {}",
            crosswalk.framework.title
        ),
        draft: Vec::new(),
        sections: vec![section],
    })
}

/// The line that dates a view printed as a document.
pub fn generated(today: NaiveDate) -> String {
    format!(
        "Generated on {today} by aims {}.",
        env!("CARGO_PKG_VERSION")
    )
}

/// "Subcategory" or "Article", as a column heading.
fn item_heading(id: FrameworkId) -> &'static str {
    match id {
        FrameworkId::NistAiRmf => "Subcategory",
        FrameworkId::EuAiAct => "Article",
    }
}

/// "2/3": implemented of the controls that apply; `—` when none applies.
pub fn implemented_share(item: &CrosswalkItem) -> String {
    match item.applicable() {
        0 => NONE.to_string(),
        applicable => format!("{}/{applicable}", item.implemented()),
    }
}

fn section(crosswalk: &Crosswalk) -> Section {
    let framework = crosswalk.framework;
    let rows = crosswalk
        .items()
        .map(|item| {
            let controls: Vec<String> = item
                .controls
                .iter()
                .map(|c| format!("{} ({})", c.id, c.described()))
                .collect();
            Row {
                cells: vec![
                    item.id.clone(),
                    if item.title.is_empty() {
                        NONE.to_string()
                    } else {
                        item.title.clone()
                    },
                    item.coverage().to_string(),
                    implemented_share(item),
                    if controls.is_empty() {
                        "no control cites it".to_string()
                    } else {
                        controls.join("; ")
                    },
                ],
                kind: if item.coverage() == Coverage::Gap {
                    RowKind::Attention
                } else {
                    RowKind::Plain
                },
            }
        })
        .collect();
    Section {
        heading: format!("Crosswalk to the {}", framework.title),
        blocks: vec![
            Block::Paragraph(framework.note.clone()),
            Block::Paragraph(format!("Coverage: {}.", crosswalk.tally().summary())),
            Block::Note(format!(
                "{COVERAGE_EXPLAINED}. Implemented: controls implemented of those that apply."
            )),
            Block::Table(Table {
                header: [
                    item_heading(framework.id),
                    "Title",
                    "Coverage",
                    "Implemented",
                    "ISO/IEC 42001 controls",
                ]
                .map(String::from)
                .to_vec(),
                rows,
            }),
        ],
    }
}

/// A control as JSON: its id, title, decision and status (keys of the file format).
pub fn standing_json(standing: &Standing) -> Value {
    json!({
        "id": standing.id,
        "title": standing.title,
        "decision": standing.decision.as_str(),
        "status": standing.status.map(Choice::as_str),
    })
}

/// The JSON of one crosswalk; its keys are listed in the README.
pub fn crosswalk_json(crosswalk: &Crosswalk) -> Value {
    let framework = crosswalk.framework;
    let tally = crosswalk.tally();
    let percent = |coverage| tally.percent(coverage).map(|p| (p * 10.0).round() / 10.0);
    let items: Vec<Value> = crosswalk
        .groups
        .iter()
        .flat_map(|group| {
            group.items.iter().map(|item| {
                json!({
                    "id": item.id,
                    "title": item.title,
                    "group": group.id,
                    "group_title": group.title,
                    "coverage": item.coverage().as_str(),
                    "applicable": item.applicable(),
                    "implemented": item.implemented(),
                    "controls": item.controls.iter().map(standing_json).collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    json!({
        "framework": framework.id.as_str(),
        "title": framework.title,
        "source": framework.source,
        "note": framework.note,
        "coverage_explained": COVERAGE_EXPLAINED,
        "coverage": {
            "items": tally.items,
            "covered": tally.covered,
            "partial": tally.partial,
            "gap": tally.gap,
            "covered_percent": percent(Coverage::Covered),
            "partial_percent": percent(Coverage::Partial),
            "gap_percent": percent(Coverage::Gap),
        },
        "items": items,
    })
}

/// One crosswalk as the export's crosswalk table (see `tables.rs`).
pub fn crosswalk_csv(crosswalk: &Crosswalk) -> String {
    table_csv(&crosswalk_table(std::slice::from_ref(crosswalk)))
}
