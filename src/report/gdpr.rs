//! The GDPR / UK GDPR view of `aims gdpr` as Markdown, CSV and JSON. Every
//! form says that it is indicative and not legal advice.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::crosswalk::{generated, standing_json};
use super::csv::{neutralised, write_csv};
use super::document::{Block, NONE, Report, Row, RowKind, Section, Table, reflow};
use crate::model::{ART22_EXPLAINED, DPIA_EXPLAINED, DpiaFile, GdprView, PrivacyRow};
use crate::yaml::Choice;

/// "yes", or "not recorded" for a system that does not say.
fn personal_data_word(row: &PrivacyRow) -> &'static str {
    match row.system.personal_data {
        Some(true) => "yes",
        _ => "not recorded",
    }
}

/// "employees; third parties", as people read the groups.
fn affected_words(row: &PrivacyRow) -> String {
    let words: Vec<String> = row
        .system
        .affected
        .iter()
        .map(|g| g.as_str().replace('_', " "))
        .collect();
    words.join("; ")
}

fn oversight_word(row: &PrivacyRow) -> &'static str {
    if row.oversight_recorded() {
        "recorded"
    } else {
        "none recorded"
    }
}

/// Whether a data protection officer should look at the row.
fn needs_attention(row: &PrivacyRow) -> bool {
    row.dpia != DpiaFile::Found || row.decisions.flagged()
}

pub fn gdpr_markdown(view: &GdprView, organisation: &str, today: NaiveDate) -> String {
    let mut sections = sections(view);
    sections[0].blocks.insert(
        0,
        Block::Paragraph(format!("{} {}", view.gdpr.note, generated(today))),
    );
    super::markdown::render(&Report {
        title: format!("{organisation}: {} view", view.gdpr.title),
        draft: Vec::new(),
        sections,
    })
}

fn sections(view: &GdprView) -> Vec<Section> {
    let mut systems = vec![
        Block::Note(format!("{DPIA_EXPLAINED}.")),
        Block::Note(format!("{ART22_EXPLAINED}.")),
    ];
    if view.systems.is_empty() {
        systems.push(Block::Paragraph(
            "No current system processes personal data, or none says so.".into(),
        ));
    } else {
        let rows = view
            .systems
            .iter()
            .map(|row| Row {
                cells: vec![
                    row.system.name.clone(),
                    row.system.id.clone(),
                    personal_data_word(row).to_string(),
                    row.system.dpia.clone().unwrap_or_else(|| NONE.to_string()),
                    row.dpia.label().to_string(),
                    row.decisions_text(),
                ],
                kind: if needs_attention(row) {
                    RowKind::Attention
                } else {
                    RowKind::Plain
                },
            })
            .collect();
        systems.push(Block::Table(Table {
            header: [
                "System",
                "Id",
                "Personal data",
                "DPIA",
                "DPIA file",
                "Automated decisions (Art. 22)",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }));
    }
    if !view.without_personal_data.is_empty() {
        let ids: Vec<&str> = view
            .without_personal_data
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        systems.push(Block::Paragraph(format!(
            "Recorded as processing no personal data: {}.",
            ids.join(", ")
        )));
    }
    let mut controls = Vec::new();
    for (article, standings) in &view.articles {
        controls.push(Block::Subheading(format!(
            "{} {}",
            article.id, article.title
        )));
        controls.push(Block::Paragraph(reflow(&article.text)));
        controls.push(Block::Table(Table {
            header: ["Control", "Title", "Decision", "Status"]
                .map(String::from)
                .to_vec(),
            rows: standings
                .iter()
                .map(|c| Row {
                    cells: vec![
                        c.id.clone(),
                        c.title.clone(),
                        c.decision.to_string(),
                        c.status.map_or(NONE, |s| s.label()).to_string(),
                    ],
                    kind: if c.decision.applies() {
                        RowKind::Plain
                    } else {
                        RowKind::Attention
                    },
                })
                .collect(),
        }));
    }
    vec![
        Section {
            heading: "Systems that process personal data".into(),
            blocks: systems,
        },
        Section {
            heading: "ISO/IEC 42001 controls that support a DPIA and safeguard automated decisions"
                .into(),
            blocks: controls,
        },
    ]
}

pub const CSV_HEADER: [&str; 9] = [
    "system",
    "name",
    "personal_data",
    "dpia",
    "dpia_file",
    "affected",
    "human_oversight",
    "art22",
    "art22_finding",
];

/// One row per system that processes personal data (or does not say);
/// the controls are in the other formats and in `aims soa list`.
pub fn gdpr_csv(view: &GdprView) -> String {
    let rows = view.systems.iter().map(|row| {
        vec![
            row.system.id.clone(),
            row.system.name.clone(),
            personal_data_word(row).to_string(),
            row.system.dpia.clone().unwrap_or_default(),
            row.dpia.label().to_string(),
            affected_words(row),
            oversight_word(row).to_string(),
            row.decisions.as_str().replace('_', " "),
            row.decisions_text(),
        ]
    });
    write_csv(
        &CSV_HEADER,
        rows.map(|row| row.into_iter().map(|cell| neutralised(&cell))),
    )
}

/// The JSON of the view; its keys are listed in the README.
pub fn gdpr_json(view: &GdprView) -> Value {
    let systems: Vec<Value> = view
        .systems
        .iter()
        .map(|row| {
            let system = row.system;
            json!({
                "id": system.id,
                "name": system.name,
                "personal_data": system.personal_data,
                "dpia": system.dpia,
                "dpia_file": row.dpia.as_str(),
                "affected": system.affected.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
                "human_oversight": row.oversight_recorded(),
                "art22": row.decisions.as_str(),
                "art22_flagged": row.decisions.flagged(),
                "art22_finding": row.decisions_text(),
            })
        })
        .collect();
    let articles: Vec<Value> = view
        .articles
        .iter()
        .map(|(article, standings)| {
            json!({
                "id": article.id,
                "title": article.title,
                "text": reflow(&article.text),
                "controls": standings.iter().map(standing_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "title": view.gdpr.title,
        "note": view.gdpr.note,
        "source": view.gdpr.source,
        "rules": { "dpia_file": DPIA_EXPLAINED, "art22": ART22_EXPLAINED },
        "systems": systems,
        "without_personal_data": view
            .without_personal_data
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        "articles": articles,
    })
}
