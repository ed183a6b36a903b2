//! The EU AI Act duties of the systems, for other readers: JSON (keys
//! documented in the README), CSV (RFC 4180, a row per duty, doubt or
//! missing fact, after a row with the notice) and Markdown. Each says that
//! the duties are indicative and not legal advice.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::markdown::inline;
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

pub fn duties_json(report: &DutiesReport) -> Value {
    let systems: Vec<Value> = report
        .systems
        .iter()
        .map(|found| {
            let system = found.system;
            let duties: Vec<Value> = found
                .duties
                .iter()
                .map(|duty| {
                    let controls: Vec<Value> = duty
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
            let doubts: Vec<Value> = found
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

pub const CSV_HEADER: [&str; 16] = [
    "system",
    "name",
    "role",
    "tier",
    "kind",
    "id",
    "articles",
    "title",
    "text",
    "applies_from",
    "pending_from",
    "in_force",
    "conditions",
    "coverage",
    "iso_controls",
    "source",
];

/// One row per duty, doubt and missing fact of each system (`kind` says
/// which), after a first row of kind `notice` that says what the rows are
/// worth. Lists within a cell are joined with `; `.
pub fn duties_csv(report: &DutiesReport) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows: Vec<[String; 16]> = Vec::new();
    let mut notice: [String; 16] = Default::default();
    notice[4] = "notice".into();
    notice[7] = report.rules.title.clone();
    notice[8] = format!("{} {}", report.rules.notice, report.rules.dates_note);
    notice[15] = report.rules.regulation.clone();
    rows.push(notice);
    for found in report.systems {
        let system = found.system;
        let base = |kind: &str| {
            let mut row: [String; 16] = Default::default();
            row[0] = system.id.clone();
            row[1] = system.name.clone();
            row[2] = system
                .eu_role
                .map(|r| r.as_str().to_string())
                .unwrap_or_default();
            row[3] = tier_words(system);
            row[4] = kind.to_string();
            row
        };
        for doubt in &found.doubts {
            let mut row = base("doubt");
            row[5] = doubt.code.to_string();
            row[8] = doubt.message.clone();
            rows.push(row);
        }
        for missing in &found.missing {
            let mut row = base("missing");
            row[8] = missing.clone();
            rows.push(row);
        }
        for duty in &found.duties {
            let mut row = base("duty");
            row[5] = duty.rule.id.clone();
            row[6] = duty.rule.articles.join("; ");
            row[7] = duty.rule.title.clone();
            row[8] = duty.rule.duty.clone();
            row[9] = duty.date.from.to_string();
            row[10] = duty
                .date
                .pending
                .as_ref()
                .map(|p| p.from.to_string())
                .unwrap_or_default();
            row[11] = if duty.in_force(report.today) {
                "yes"
            } else {
                "no"
            }
            .into();
            row[12] = duty.conditions.join("; ");
            row[13] = duty.coverage().key().into();
            row[14] = duty.controls_text("; ");
            row[15] = duty.rule.source.clone();
            rows.push(row);
        }
    }
    writer
        .write_record(CSV_HEADER)
        .expect("writing CSV to memory cannot fail");
    for row in rows {
        writer
            .write_record(&row)
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("the cells are Rust strings, so the CSV is UTF-8")
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
