//! The EU AI Act duties of the systems, for other readers: JSON (keys
//! documented in the README), a table for CSV and the workbook (a row per
//! duty, doubt or missing fact, after a row with the notice) and Markdown.
//! Each says that the duties are indicative and not legal advice.

use chrono::NaiveDate;
use serde_json::json;

use super::markdown::inline;
use super::tables::{Column, DataTable, TableId, Value};
use crate::catalog::DutyRules;
use crate::model::classification::{Route, Tier, tier_words};
use crate::model::obligations::{Duty, Obligations};
use crate::yaml::Choice;

/// What is reported, for whom and when.
pub struct DutiesReport<'a> {
    pub rules: &'a DutyRules,
    pub organisation: &'a str,
    pub today: NaiveDate,
    pub systems: &'a [Obligations<'a>],
}

impl DutiesReport<'_> {
    /// The line under the title: organisation, date and the rules' sources.
    pub fn about(&self) -> String {
        format!(
            "{}, {}. Rules checked on {} against {}.",
            self.organisation, self.today, self.rules.checked, self.rules.regulation
        )
    }
}

/// "2026-08-02", with the later date an amendment would set.
pub fn date_text(duty: &Duty) -> String {
    match &duty.date.pending {
        Some(pending) => format!("{} ({} under {})", duty.date.from, pending.from, pending.by),
        None => duty.date.from.to_string(),
    }
}

fn route_key(tier: Option<Tier>) -> Option<&'static str> {
    match tier? {
        Tier::High(Route::AnnexI) => Some("annex_i"),
        Tier::High(Route::AnnexIii) => Some("annex_iii"),
        _ => None,
    }
}

pub fn duties_json(report: &DutiesReport) -> serde_json::Value {
    let systems: Vec<serde_json::Value> = report
        .systems
        .iter()
        .map(|found| {
            let system = found.system;
            let duties: Vec<serde_json::Value> = found
                .duties
                .iter()
                .map(|duty| {
                    let controls: Vec<serde_json::Value> = duty
                        .controls
                        .iter()
                        .map(|c| {
                            json!({
                                "id": c.id,
                                "title": c.control.map(|c| c.full_title()),
                                "state": c.state.key(),
                            })
                        })
                        .collect();
                    json!({
                        "id": duty.rule.id,
                        "articles": duty.rule.articles,
                        "title": duty.rule.title,
                        "duty": duty.rule.duty,
                        "applies_from": duty.date.from.to_string(),
                        "in_force": duty.in_force(report.today),
                        "pending_from": duty.date.pending.as_ref().map(|p| p.from.to_string()),
                        "pending_by": duty.date.pending.as_ref().map(|p| p.by.clone()),
                        "conditions": duty.conditions,
                        "coverage": duty.coverage().key(),
                        "controls": controls,
                        "source": duty.rule.source,
                    })
                })
                .collect();
            let doubts: Vec<serde_json::Value> = found
                .doubts
                .iter()
                .map(|d| json!({"code": d.code, "message": d.message}))
                .collect();
            json!({
                "id": system.id,
                "name": system.name,
                "lifecycle": system.lifecycle.map(Choice::as_str),
                "role": system.eu_role.map(Choice::as_str),
                "risk": system.eu_risk.map(Choice::as_str),
                "annex_iii": system.annex_iii,
                "gpai": system.gpai,
                "tier": tier_words(system),
                "route": route_key(found.tier),
                "doubts": doubts,
                "missing": found.missing,
                "duties": duties,
            })
        })
        .collect();
    json!({
        "title": report.rules.title,
        "notice": report.rules.notice,
        "organisation": report.organisation,
        "generated_on": report.today.to_string(),
        "regulation": report.rules.regulation,
        "rules_checked": report.rules.checked.to_string(),
        "dates_note": report.rules.dates_note,
        "systems": systems,
    })
}

/// The duties as a table (a CSV file, a sheet of the workbook): a row per
/// doubt, missing fact and duty of each system (`kind` says which), after
/// a first row of kind `notice` that says what the rows are worth. Lists
/// within a cell are joined with `; `.
pub fn duties_table(rules: &DutyRules, systems: &[Obligations]) -> DataTable {
    let columns = [
        ("system", "System", false),
        ("name", "Name", false),
        ("role", "EU AI Act role", false),
        ("tier", "Risk tier", false),
        ("kind", "Kind", false),
        ("id", "Id", false),
        ("articles", "Articles", false),
        ("title", "Duty", false),
        ("text", "What it asks", true),
        ("applies_from", "Applies from", false),
        ("pending_from", "Later date if amended", false),
        ("conditions", "Only if", true),
        ("coverage", "Coverage", false),
        ("iso_controls", "ISO controls (state in the SoA)", true),
        ("source", "Source", true),
    ]
    .map(|(key, label, long)| Column::new(key, label, long))
    .to_vec();
    let row = |cells: [Value; 15]| cells.to_vec();
    let mut rows = vec![row([
        Value::Empty,
        Value::Empty,
        Value::Empty,
        Value::Empty,
        Value::text("notice"),
        Value::Empty,
        Value::Empty,
        Value::text(&rules.title),
        Value::text(format!("{} {}", rules.notice, rules.dates_note)),
        Value::Empty,
        Value::Empty,
        Value::Empty,
        Value::Empty,
        Value::Empty,
        Value::text(&rules.regulation),
    ])];
    for found in systems {
        let system = found.system;
        let about = |kind: &str| {
            [
                Value::text(&system.id),
                Value::text(&system.name),
                Value::text(
                    system
                        .eu_role
                        .map_or(String::new(), |r| r.as_str().replace('_', " ")),
                ),
                Value::text(tier_words(system)),
                Value::text(kind),
            ]
        };
        let note = |kind: &str, id: &str, text: &str| {
            let [system, name, role, tier, kind] = about(kind);
            row([
                system,
                name,
                role,
                tier,
                kind,
                Value::text(id),
                Value::Empty,
                Value::Empty,
                Value::text(text),
                Value::Empty,
                Value::Empty,
                Value::Empty,
                Value::Empty,
                Value::Empty,
                Value::Empty,
            ])
        };
        rows.extend(
            found
                .doubts
                .iter()
                .map(|d| note("doubt", d.code, &d.message)),
        );
        rows.extend(found.missing.iter().map(|m| note("missing", "", m)));
        for duty in &found.duties {
            let [system, name, role, tier, kind] = about("duty");
            rows.push(row([
                system,
                name,
                role,
                tier,
                kind,
                Value::text(&duty.rule.id),
                Value::text(duty.rule.articles.join("; ")),
                Value::text(&duty.rule.title),
                Value::text(&duty.rule.duty),
                Value::Date(duty.date.from),
                duty.date
                    .pending
                    .as_ref()
                    .map_or(Value::Empty, |p| Value::Date(p.from)),
                Value::text(duty.conditions.join("; ")),
                Value::text(duty.coverage().label()),
                Value::text(duty.controls_text("; ")),
                Value::text(&duty.rule.source),
            ]));
        }
    }
    DataTable {
        id: TableId::Duties,
        columns,
        rows,
    }
}

/// A section per system: its classification, doubts and missing facts,
/// then a table of its duties.
pub fn duties_markdown(report: &DutiesReport) -> String {
    let mut out = format!(
        "# {}\n\n*{}*\n\n{}\n",
        inline(&report.rules.title),
        inline(&report.rules.notice),
        inline(&report.about())
    );
    if !report.rules.dates_note.is_empty() {
        out.push_str(&format!("\n{}\n", inline(&report.rules.dates_note)));
    }
    if report.systems.is_empty() {
        out.push_str("\n*No AI system to show.*\n");
    }
    for found in report.systems {
        let system = found.system;
        out.push_str(&format!(
            "\n## {} ({})\n\n{}\n",
            inline(&system.name),
            inline(&system.id),
            inline(&classification(found))
        ));
        for doubt in &found.doubts {
            out.push_str(&format!("\n- **Check:** {}", inline(&doubt.message)));
        }
        for missing in &found.missing {
            out.push_str(&format!("\n- **Missing:** {}", inline(missing)));
        }
        if !found.doubts.is_empty() || !found.missing.is_empty() {
            out.push('\n');
        }
        if found.duties.is_empty() {
            out.push_str("\n*No duty derived.*\n");
            continue;
        }
        out.push_str(
            "\n| Articles | Duty | Applies from | Supporting ISO controls | Coverage |\n|---|---|---|---|---|\n",
        );
        for duty in &found.duties {
            let mut text = format!(
                "**{}**: {}",
                inline(&duty.rule.title),
                inline(&duty.rule.duty)
            );
            for condition in &duty.conditions {
                text.push_str(&format!("<br>*Only if* {}", inline(condition)));
            }
            text.push_str(&format!("<br>Source: {}", inline(&duty.rule.source)));
            let controls = if duty.controls.is_empty() {
                "none".to_string()
            } else {
                inline(&duty.controls_text(", "))
            };
            out.push_str(&format!(
                "| {} | {} | {}{} | {} | {} |\n",
                inline(&duty.articles()),
                text,
                inline(&date_text(duty)),
                if duty.in_force(report.today) {
                    ", in force"
                } else {
                    ""
                },
                controls,
                duty.coverage().label()
            ));
        }
    }
    out
}

/// "Role: deployer · high-risk, Annex III 4(a) · GPAI: no · in use".
pub fn classification(found: &Obligations) -> String {
    let system = found.system;
    let gpai = match system.gpai {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not recorded",
    };
    format!(
        "Role: {} · {} · GPAI: {gpai} · {}",
        system.eu_role.map_or("not recorded", Choice::as_str),
        tier_words(system),
        system.stage()
    )
}
