//! The tables of an export, built once from the records' field
//! declarations so that every format holds every field: the Statement of
//! Applicability, the inventory, the impact assessments, the risk register,
//! progress and the crosswalks. Values are what a person reads ("not started", "yes");
//! dates stay dates, so that a spreadsheet can sort and filter them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::catalog::{Catalogs, Control, DutyRules};
use crate::model::obligations::current_obligations;
use crate::model::{
    AiSystem, Crosswalk, Field, FieldKind, Fields, ImpactAssessment, ImpactEntry, Records, Risk,
    SoaEntry, progress,
};
use crate::yaml::Choice;

/// The tables an export can hold, in the order documents show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableId {
    Soa,
    Inventory,
    Impact,
    Risks,
    Progress,
    /// The EU AI Act duties of each system in use, a row per duty.
    Duties,
    /// The same duties, a row per system in use.
    DutiesBySystem,
    /// What each duty rule asks, of whom and from when.
    DutyRules,
    /// The NIST AI RMF and EU AI Act crosswalks, a row per item and control.
    Crosswalks,
}

impl TableId {
    /// The tables of the workbook, in order.
    /// A row per duty and system would double the workbook's size and time
    /// on a large inventory: it has the duties by system, and what each one
    /// asks once, instead (the full table is `--table duties`).
    pub const ALL: [TableId; 8] = [
        TableId::Soa,
        TableId::Inventory,
        TableId::Impact,
        TableId::Risks,
        TableId::Progress,
        TableId::DutiesBySystem,
        TableId::DutyRules,
        TableId::Crosswalks,
    ];

    /// The word `--table` takes, and a sheet's name.
    pub fn key(self) -> &'static str {
        match self {
            TableId::Soa => "soa",
            TableId::Inventory => "inventory",
            TableId::Impact => "impact",
            TableId::Risks => "risks",
            TableId::Progress => "progress",
            TableId::Duties => "duties",
            TableId::DutiesBySystem => "duties-by-system",
            TableId::DutyRules => "duty-rules",
            TableId::Crosswalks => "crosswalks",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            TableId::Soa => "Statement of Applicability",
            TableId::Inventory => "AI system inventory",
            TableId::Impact => "Impact assessments",
            TableId::Risks => "Risk register",
            TableId::Progress => "Progress",
            TableId::Duties => "EU AI Act duties",
            TableId::DutiesBySystem => "EU AI Act duties by system",
            TableId::DutyRules => "EU AI Act duty rules",
            TableId::Crosswalks => "Crosswalks",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Date(NaiveDate),
    Number(f64),
    Empty,
}

impl Value {
    pub(super) fn text(text: impl Into<String>) -> Value {
        let text = text.into();
        if text.trim().is_empty() {
            Value::Empty
        } else {
            Value::Text(text.trim_end().to_string())
        }
    }

    /// The value as text, `""` when empty.
    pub fn display(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Date(date) => date.to_string(),
            Value::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
            Value::Number(n) => format!("{n:.1}"),
            Value::Empty => String::new(),
        }
    }
}

/// A column: its JSON-style key and the heading people read.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub key: String,
    pub label: String,
    /// Long text wants a wide, wrapped column.
    pub long: bool,
}

impl Column {
    /// Columns from their key, heading and whether they hold long text.
    pub(super) fn list(columns: &[(&str, &str, bool)]) -> Vec<Column> {
        columns
            .iter()
            .map(|(key, label, long)| Column::new(key, label, *long))
            .collect()
    }

    pub(super) fn new(key: &str, label: &str, long: bool) -> Column {
        Column {
            key: key.to_string(),
            label: label.to_string(),
            long,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DataTable {
    pub id: TableId,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl DataTable {
    /// The table with only the columns named by `keys`, in that order.
    pub fn select(&self, keys: &[&str]) -> DataTable {
        let at: Vec<usize> = keys
            .iter()
            .filter_map(|key| self.columns.iter().position(|c| c.key == *key))
            .collect();
        DataTable {
            id: self.id,
            columns: at.iter().map(|&i| self.columns[i].clone()).collect(),
            rows: self
                .rows
                .iter()
                .map(|row| at.iter().map(|&i| row[i].clone()).collect())
                .collect(),
        }
    }
}

/// Builds one table; `today` tells the duties in force from those to come.
pub fn data_table(
    id: TableId,
    catalogs: &Catalogs,
    records: &Records,
    today: NaiveDate,
) -> DataTable {
    let duties = || current_obligations(DutyRules::builtin(), catalogs, records);
    match id {
        TableId::Soa => soa_table(catalogs, records),
        TableId::Inventory => inventory_table(records),
        TableId::Impact => impact_table(records),
        TableId::Risks => risk_table(records),
        TableId::Progress => progress_table(catalogs, records),
        TableId::Duties => super::obligations::duties_table(DutyRules::builtin(), &duties()),
        TableId::DutiesBySystem => super::obligations::duties_by_system_table(&duties(), today),
        TableId::DutyRules => super::obligations::duty_rules_table(DutyRules::builtin()),
        TableId::Crosswalks => crosswalk_table(&super::crosswalk::crosswalks(catalogs, records)),
    }
}

/// The columns of a record type's plain fields (not its lists of entries),
/// leaving out `skip`.
fn field_columns<R: Fields>(skip: &[&str]) -> Vec<Column> {
    R::FIELDS
        .iter()
        .filter(|f| f.spec.kind != FieldKind::Entries && !skip.contains(&f.spec.key))
        .map(|f| Column::new(&f.spec.key.replace('.', "_"), f.spec.label, long(f)))
        .collect()
}

fn long<R>(field: &Field<R>) -> bool {
    matches!(field.spec.kind, FieldKind::LongText)
}

/// The values of a record's plain fields, in `field_columns` order.
fn field_values<R: Fields>(record: &R, skip: &[&str]) -> Vec<Value> {
    R::FIELDS
        .iter()
        .filter(|f| f.spec.kind != FieldKind::Entries && !skip.contains(&f.spec.key))
        .map(|f| field_value(f, record))
        .collect()
}

/// A field's value as people read it: words without underscores, yes/no,
/// dates as dates.
fn field_value<R: Fields>(field: &Field<R>, record: &R) -> Value {
    let text = (field.get)(record);
    if text.trim().is_empty() {
        return Value::Empty;
    }
    match field.spec.kind {
        FieldKind::Date => crate::yaml::parse_date(&text).map_or(Value::text(text), Value::Date),
        FieldKind::Bool => Value::text(match text.as_str() {
            "true" => "yes",
            "false" => "no",
            other => other,
        }),
        FieldKind::Choice(_) | FieldKind::Choices(_) => Value::text(text.replace('_', " ")),
        FieldKind::Number => text.parse().map_or(Value::text(text), Value::Number),
        _ => Value::text(text),
    }
}

/// The decision on a control as a word.
pub fn decision(control: &Control, entry: Option<&SoaEntry>) -> &'static str {
    if control.is_requirement() {
        return "mandatory";
    }
    match entry.and_then(|e| e.applicable) {
        Some(true) => "applicable",
        Some(false) => "excluded",
        None => "undecided",
    }
}

const SOA_SKIP: &[&str] = &["control", "applicable", "systems", "risks"];

fn soa_table(catalogs: &Catalogs, records: &Records) -> DataTable {
    let mut columns = vec![
        Column::new("catalog", "Catalogue", false),
        Column::new("control", "Control", false),
        Column::new("title", "Title", false),
        Column::new("decision", "Decision", false),
    ];
    columns.extend(field_columns::<SoaEntry>(SOA_SKIP));
    columns.extend([
        Column::new("systems", "Systems", false),
        Column::new("evidence", "Evidence (reference: note)", true),
        Column::new("risks", "Risks it treats", false),
    ]);
    let blank = SoaEntry::default();
    let naming = risks_naming_controls(records);
    let rows = catalogs
        .controls()
        .map(|control| {
            let entry = records.soa.get(&control.id);
            let mut row = vec![
                Value::text(&control.catalog),
                Value::text(&control.id),
                Value::text(control.full_title()),
                Value::text(decision(control, entry)),
            ];
            row.extend(field_values(entry.unwrap_or(&blank), SOA_SKIP));
            row.push(Value::text(systems_words(entry, records)));
            row.push(Value::text(evidence_lines(entry)));
            row.push(Value::text(
                treated_risks(entry, naming.get(control.id.as_str())).join("; "),
            ));
            row
        })
        .collect();
    DataTable {
        id: TableId::Soa,
        columns,
        rows,
    }
}

/// "all systems in scope", "none", or the systems' names.
fn systems_words(entry: Option<&SoaEntry>, records: &Records) -> String {
    match entry.and_then(|e| e.systems.as_ref()) {
        None => "all systems in scope".to_string(),
        Some(ids) if ids.is_empty() => "none".to_string(),
        Some(ids) => ids
            .iter()
            .map(|id| {
                records
                    .systems
                    .get(id)
                    .map_or_else(|| id.clone(), |s| format!("{} ({id})", s.name))
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Each piece of evidence on a line of its own: "reference: note".
fn evidence_lines(entry: Option<&SoaEntry>) -> String {
    entry
        .map(|e| {
            e.evidence
                .iter()
                .map(|ev| match ev.note.as_deref() {
                    Some(note) => format!("{}: {note}", ev.reference),
                    None => ev.reference.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// The ids of the risks that name each control, in the register's order.
fn risks_naming_controls(records: &Records) -> HashMap<&str, Vec<&str>> {
    let mut naming: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, risk) in records.risks() {
        for control in &risk.controls {
            naming.entry(control.as_str()).or_default().push(&risk.id);
        }
    }
    naming
}

/// The risks a control treats: those its entry names, then those naming it
/// (`naming`), each once.
fn treated_risks<'a>(entry: Option<&'a SoaEntry>, naming: Option<&Vec<&'a str>>) -> Vec<&'a str> {
    let named = entry
        .into_iter()
        .flat_map(|e| e.risks.iter().map(String::as_str));
    let mut seen = HashSet::new();
    named
        .chain(naming.into_iter().flatten().copied())
        .filter(|id| seen.insert(*id))
        .collect()
}

fn inventory_table(records: &Records) -> DataTable {
    DataTable {
        id: TableId::Inventory,
        columns: field_columns::<AiSystem>(&[]),
        rows: records
            .systems
            .values()
            .map(|system| field_values(system, &[]))
            .collect(),
    }
}

const ASSESSMENT_SKIP: &[&str] = &["system"];

/// One row per affected group, with its assessment's header.
fn impact_table(records: &Records) -> DataTable {
    let mut columns = vec![Column::new("system", "System", false)];
    columns.extend(field_columns::<ImpactAssessment>(ASSESSMENT_SKIP));
    columns.extend(field_columns::<ImpactEntry>(&[]));
    let rows = records
        .impacts
        .values()
        .flat_map(|assessment| {
            let head: Vec<Value> =
                std::iter::once(Value::text(system_name(&assessment.system, records)))
                    .chain(field_values(assessment, ASSESSMENT_SKIP))
                    .collect();
            let entries: Vec<&ImpactEntry> = assessment.impacts.iter().collect();
            let blank = ImpactEntry::default();
            // An assessment with no group yet still shows as a row.
            let entries = if entries.is_empty() {
                vec![&blank]
            } else {
                entries
            };
            entries
                .into_iter()
                .map(|entry| {
                    let mut row = head.clone();
                    row.extend(field_values(entry, &[]));
                    row
                })
                .collect::<Vec<_>>()
        })
        .collect();
    DataTable {
        id: TableId::Impact,
        columns,
        rows,
    }
}

fn system_name(id: &str, records: &Records) -> String {
    records
        .systems
        .get(id)
        .map_or_else(|| id.to_string(), |s| format!("{} ({id})", s.name))
}

/// Every risk, highest level first, with the system it belongs to.
fn risk_table(records: &Records) -> DataTable {
    let mut columns = vec![
        Column::new("level", "Level", false),
        Column::new("system", "System", false),
    ];
    columns.extend(field_columns::<Risk>(&[]));
    let mut risks: Vec<(&str, &Risk)> = records.risks().collect();
    risks.sort_by_key(|(_, risk)| std::cmp::Reverse(risk.level()));
    let rows = risks
        .into_iter()
        .map(|(system, risk)| {
            let mut row = vec![
                Value::text(risk.level().map_or("not rated", |l| l.as_str())),
                Value::text(system_name(system, records)),
            ];
            row.extend(field_values(risk, &[]));
            row
        })
        .collect();
    DataTable {
        id: TableId::Risks,
        columns,
        rows,
    }
}

/// Per catalogue, each domain or clause and the catalogue's total.
fn progress_table(catalogs: &Catalogs, records: &Records) -> DataTable {
    let columns = vec![
        Column::new("catalog", "Catalogue", false),
        Column::new("group", "Domain or clause", false),
        Column::new("title", "Title", false),
        Column::new("controls", "Controls", false),
        Column::new("decided", "Decided", false),
        Column::new("decided_percent", "Decided %", false),
        Column::new("applicable", "Applicable", false),
        Column::new("implemented", "Implemented", false),
        Column::new("implemented_percent", "Implemented %", false),
    ];
    let mut rows = Vec::new();
    for (catalog, progress) in catalogs.catalogs.iter().zip(progress(catalogs, records)) {
        for row in progress.groups.iter().chain([&progress.total]) {
            let percent = |p: Option<f64>| p.map_or(Value::Empty, |p| Value::Number(p.round()));
            rows.push(vec![
                Value::text(&catalog.id),
                Value::text(if std::ptr::eq(row, &progress.total) {
                    "all"
                } else {
                    row.id.as_str()
                }),
                Value::text(&row.title),
                Value::Number(row.total as f64),
                if row.decidable {
                    Value::Number(row.decided as f64)
                } else {
                    Value::text("mandatory")
                },
                percent(row.decided_percent()),
                Value::Number(row.applicable as f64),
                Value::Number(row.implemented as f64),
                percent(row.implemented_percent()),
            ]);
        }
    }
    DataTable {
        id: TableId::Progress,
        columns,
        rows,
    }
}

/// A row per item of each crosswalk and control that cites it (an item no
/// control cites has one row, its control cells empty), so that a
/// spreadsheet can filter and pivot either way.
pub fn crosswalk_table(crosswalks: &[Crosswalk]) -> DataTable {
    let columns = vec![
        Column::new("framework", "Framework", false),
        Column::new("group", "Group", false),
        Column::new("item", "Item", false),
        Column::new("item_title", "Item title", false),
        Column::new("coverage", "Coverage", false),
        Column::new("applicable", "Controls that apply", false),
        Column::new("implemented", "Implemented", false),
        Column::new("control", "ISO control", false),
        Column::new("control_title", "Control title", false),
        Column::new("decision", "Decision", false),
        Column::new("status", "Status", false),
    ];
    let mut rows = Vec::new();
    for crosswalk in crosswalks {
        for group in &crosswalk.groups {
            for item in &group.items {
                let head = [
                    Value::text(crosswalk.framework.id.as_str()),
                    Value::text(&group.id),
                    Value::text(&item.id),
                    Value::text(&item.title),
                    Value::text(item.coverage().as_str()),
                    Value::Number(item.applicable() as f64),
                    Value::Number(item.implemented() as f64),
                ];
                let controls: Vec<[Value; 4]> = item
                    .controls
                    .iter()
                    .map(|c| {
                        [
                            Value::text(&c.id),
                            Value::text(&c.title),
                            Value::text(c.decision.as_str()),
                            c.status.map_or(Value::Empty, |s| Value::text(s.label())),
                        ]
                    })
                    .collect();
                if controls.is_empty() {
                    rows.push(head.iter().cloned().chain(vec![Value::Empty; 4]).collect());
                }
                for control in controls {
                    rows.push(head.iter().cloned().chain(control).collect());
                }
            }
        }
    }
    DataTable {
        id: TableId::Crosswalks,
        columns,
        rows,
    }
}
