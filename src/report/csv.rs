//! The CSV export: the Statement of Applicability, one row per control of
//! every catalogue in use (undecided ones included), for spreadsheets and
//! other tools. Values are the words of the file format (`not_started`,
//! `best_practice`) so a script can match them; lists are joined with `; `.
//! Text is carried exactly as it is in the records, control characters
//! too: CSV has no escape for them, and a cell shown as `^[` would be
//! another value to the tool that reads it. The command line makes them
//! visible when it prints to a terminal.

use chrono::NaiveDate;

use super::document::{applicable_word, evidence_refs};
use crate::catalog::{Catalogs, Control};
use crate::model::{Records, SoaEntry};
use crate::yaml::Choice;

pub const HEADER: [&str; 13] = [
    "catalog",
    "id",
    "title",
    "applicable",
    "justification",
    "basis",
    "status",
    "owner",
    "systems",
    "evidence_refs",
    "due",
    "reviewed_by",
    "reviewed_on",
];

pub fn export_csv(catalogs: &Catalogs, records: &Records) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(HEADER)
        .expect("writing CSV to memory cannot fail");
    for control in catalogs.controls() {
        let cells = row(control, records.soa.get(&control.id));
        writer
            .write_record(&cells)
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("the cells are Rust strings, so the CSV is UTF-8")
}

fn row(control: &Control, entry: Option<&SoaEntry>) -> [String; 13] {
    // Block text ends in a newline in the file; a spreadsheet cell should not.
    let text = |f: fn(&SoaEntry) -> Option<&String>| {
        entry
            .and_then(f)
            .map_or_else(String::new, |t| t.trim_end().to_string())
    };
    let date = |f: fn(&SoaEntry) -> Option<NaiveDate>| {
        entry.and_then(f).map(|d| d.to_string()).unwrap_or_default()
    };
    // Requirements are mandatory: there is no decision, they always apply.
    let applicable = if control.is_requirement() {
        "yes"
    } else {
        applicable_word(entry.and_then(|e| e.applicable))
    };
    // No `systems` key means every system in scope, an empty list none;
    // the parentheses keep both apart from any system id (ids are slugs).
    let systems = match entry.and_then(|e| e.systems.as_ref()) {
        None => "(all)".to_string(),
        Some(systems) if systems.is_empty() => "(none)".to_string(),
        Some(systems) => systems.join("; "),
    };
    [
        control.catalog.clone(),
        control.id.clone(),
        control.full_title(),
        applicable.to_string(),
        text(|e| e.justification.as_ref()),
        entry
            .map(|e| {
                let words: Vec<&str> = e.basis.iter().map(|b| b.as_str()).collect();
                words.join("; ")
            })
            .unwrap_or_default(),
        entry
            .and_then(|e| e.status)
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        text(|e| e.owner.as_ref()),
        systems,
        evidence_refs(entry).unwrap_or_default(),
        date(|e| e.due),
        text(|e| e.reviewed_by.as_ref()),
        date(|e| e.reviewed_on),
    ]
}
