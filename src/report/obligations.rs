//! The EU AI Act duties of the systems, for other readers: JSON (keys
//! documented in the README), a table for CSV and the workbook (a row per
//! duty, doubt or missing fact, after a row with the notice) and Markdown.
//! Each says that the duties are indicative and not legal advice.

use chrono::NaiveDate;
use serde_json::json;

use super::document::{Block, Section, document_table};
use super::markdown::inline;
use super::tables::{Column, DataTable, TableId, Value};
use crate::catalog::{ApplicationDate, DutyRule, DutyRules};
use crate::model::AiSystem;
use crate::model::classification::{Route, Tier, tier_words};
use crate::model::obligations::{Coverage, Duty, Obligations};
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

/// `aims obligations --format json`: each duty in full, within its system.
pub fn duties_json(report: &DutiesReport) -> serde_json::Value {
    let systems = report
        .systems
        .iter()
        .map(|found| {
            let duties: Vec<serde_json::Value> = found
                .duties
                .iter()
                .map(|duty| {
                    let mut entry = rule_json(duty.rule);
                    entry.append(&mut duty_state_json(duty, report.today));
                    serde_json::Value::Object(entry)
                })
                .collect();
            let mut entry = system_json(found);
            entry.insert("duties".into(), serde_json::Value::Array(duties));
            serde_json::Value::Object(entry)
        })
        .collect();
    duties_document(report, Vec::new(), systems)
}

/// The duties in the JSON export: what each rule asks, once (`rules`),
/// and for each system the ids of its duties, of those not yet in force,
/// of those whose supporting controls show a gap, and the conditions of
/// those that have some (the state of every control is in the export's
/// `soa`). `aims obligations --format json` has each duty in full; here
/// that would triple a large inventory's export.
pub fn duties_export_json(report: &DutiesReport) -> serde_json::Value {
    let pending = |date: Option<&ApplicationDate>| {
        json!(
            date.and_then(|d| d.pending.as_ref())
                .map(|p| json!({"from": p.from.to_string(), "by": p.by}))
        )
    };
    let rules = report
        .rules
        .rules
        .iter()
        .map(|rule| {
            let mut entry = rule_json(rule);
            let falls_on: Vec<&str> = rule.who.iter().map(|r| r.as_str()).collect();
            entry.extend([
                ("falls_on".to_string(), json!(falls_on)),
                ("only_if".to_string(), json!(rule.only_if)),
                ("iso_controls".to_string(), json!(rule.iso_controls)),
                (
                    "applies_from".to_string(),
                    json!(rule.applies_from.from.to_string()),
                ),
                ("pending".to_string(), pending(Some(&rule.applies_from))),
                (
                    "annex_i_from".to_string(),
                    json!(rule.annex_i_from.as_ref().map(|d| d.from.to_string())),
                ),
                (
                    "annex_i_pending".to_string(),
                    pending(rule.annex_i_from.as_ref()),
                ),
            ]);
            serde_json::Value::Object(entry)
        })
        .collect();
    let systems = report
        .systems
        .iter()
        .map(|found| {
            let ids = |keep: &dyn Fn(&Duty) -> bool| -> serde_json::Value {
                json!(
                    found
                        .duties
                        .iter()
                        .filter(|d| keep(d))
                        .map(|d| d.rule.id.as_str())
                        .collect::<Vec<_>>()
                )
            };
            // What the inventory does not tell for this system; each rule's
            // own condition is its `only_if`, above.
            let conditions: JsonMap = found
                .duties
                .iter()
                .filter_map(|d| {
                    let unknown: Vec<&String> = d
                        .conditions
                        .iter()
                        .filter(|c| d.rule.only_if.as_ref() != Some(*c))
                        .collect();
                    (!unknown.is_empty()).then(|| (d.rule.id.clone(), json!(unknown)))
                })
                .collect();
            // Its name, role and risk are in the export's inventory.
            let serde_json::Value::Object(mut entry) = json!({
                "id": found.system.id,
                "tier": tier_words(found.system),
                "route": route_key(found.tier),
                "doubts": doubts_json(found),
                "missing": found.missing,
            }) else {
                unreachable!("json! of braces is an object")
            };
            entry.extend([
                ("duties".to_string(), ids(&|_| true)),
                (
                    "duties_to_come".to_string(),
                    ids(&|d| !d.in_force(report.today)),
                ),
                (
                    "duties_with_a_gap".to_string(),
                    ids(&|d| d.coverage() == Coverage::Gap),
                ),
                (
                    "conditions".to_string(),
                    serde_json::Value::Object(conditions),
                ),
            ]);
            serde_json::Value::Object(entry)
        })
        .collect();
    duties_document(report, rules, systems)
}

type JsonMap = serde_json::Map<String, serde_json::Value>;

/// A system as the JSON of its duties names it, before its duties.
fn system_json(found: &Obligations) -> JsonMap {
    let system = found.system;
    let serde_json::Value::Object(map) = json!({
        "id": system.id,
        "name": system.name,
        "lifecycle": system.lifecycle.map(Choice::as_str),
        "role": system.eu_role.map(Choice::as_str),
        "risk": system.eu_risk.map(Choice::as_str),
        "annex_iii": system.annex_iii,
        "gpai": system.gpai,
        "tier": tier_words(system),
        "route": route_key(found.tier),
        "doubts": doubts_json(found),
        "missing": found.missing,
    }) else {
        unreachable!("json! of braces is an object")
    };
    map
}

fn doubts_json(found: &Obligations) -> serde_json::Value {
    found
        .doubts
        .iter()
        .map(|d| json!({"code": d.code, "message": d.message}))
        .collect()
}

/// The notice and the rules' sources around the systems, and the `rules`
/// when there are some.
fn duties_document(
    report: &DutiesReport,
    rules: Vec<serde_json::Value>,
    systems: Vec<serde_json::Value>,
) -> serde_json::Value {
    let mut document = json!({
        "title": report.rules.title,
        "notice": report.rules.notice,
        "organisation": report.organisation,
        "generated_on": report.today.to_string(),
        "regulation": report.rules.regulation,
        "rules_checked": report.rules.checked.to_string(),
        "dates_note": report.rules.dates_note,
    });
    // Moved in rather than through `json!`, which would copy them whole.
    document["systems"] = serde_json::Value::Array(systems);
    if !rules.is_empty() {
        document["rules"] = serde_json::Value::Array(rules);
    }
    document
}

/// What a rule says, the same for every system it falls on.
fn rule_json(rule: &DutyRule) -> JsonMap {
    let serde_json::Value::Object(map) = json!({
        "id": rule.id,
        "articles": rule.articles,
        "title": rule.title,
        "duty": rule.duty,
        "source": rule.source,
    }) else {
        unreachable!("json! of braces is an object")
    };
    map
}

/// A duty as it stands for one system: its dates, conditions and the
/// state of its supporting controls.
fn duty_state_json(duty: &Duty, today: NaiveDate) -> JsonMap {
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
    let serde_json::Value::Object(map) = json!({
        "applies_from": duty.date.from.to_string(),
        "in_force": duty.in_force(today),
        "pending_from": duty.date.pending.as_ref().map(|p| p.from.to_string()),
        "pending_by": duty.date.pending.as_ref().map(|p| p.by.clone()),
        "conditions": duty.conditions,
        "coverage": duty.coverage().key(),
        "controls": controls,
    }) else {
        unreachable!("json! of braces is an object")
    };
    map
}

/// The duties as a table (a CSV file, a sheet of the workbook): a row per
/// doubt, missing fact and duty of each system (`kind` says which), after
/// a first row of kind `notice` that says what the rows are worth. Lists
/// within a cell are joined with `; `.
pub fn duties_table(rules: &DutyRules, systems: &[Obligations]) -> DataTable {
    let columns = Column::list(&[
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
    ]);
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
                Value::text(role_words(system)),
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

/// Each system's duties in one row: the articles in force, those still to
/// come with their date, those whose supporting controls show a gap in the
/// SoA, and what to check in the inventory. What each duty asks is in
/// [`duty_rules_table`], once.
pub fn duties_by_system_table(systems: &[Obligations], today: NaiveDate) -> DataTable {
    let columns = Column::list(&[
        ("system", "System", false),
        ("name", "Name", false),
        ("role", "EU AI Act role", false),
        ("tier", "Risk tier", false),
        ("in_force", "Duties in force", true),
        ("to_come", "Duties to come", true),
        ("gaps", "Duties with a gap in the SoA", true),
        ("to_check", "To check", true),
    ]);
    let rows = systems
        .iter()
        .map(|found| {
            let system = found.system;
            let list = |keep: &dyn Fn(&Duty) -> bool, show: &dyn Fn(&Duty) -> String| {
                let mut shown: Vec<String> =
                    found.duties.iter().filter(|d| keep(d)).map(show).collect();
                shown.dedup();
                Value::text(shown.join("; "))
            };
            let to_check: Vec<&str> = found
                .doubts
                .iter()
                .map(|d| d.message.as_str())
                .chain(found.missing.iter().map(String::as_str))
                .collect();
            vec![
                Value::text(&system.id),
                Value::text(&system.name),
                Value::text(role_words(system)),
                Value::text(tier_words(system)),
                list(&|d| d.in_force(today), &|d| d.articles()),
                list(&|d| !d.in_force(today), &|d| {
                    format!("{} from {}", d.articles(), date_text(d))
                }),
                list(&|d| d.coverage() == Coverage::Gap, &|d| d.articles()),
                Value::text(to_check.join("; ")),
            ]
        })
        .collect();
    DataTable {
        id: TableId::DutiesBySystem,
        columns,
        rows,
    }
}

/// The duty rules, a row each: what it asks, of whom, from when, under what
/// condition the inventory cannot tell, and the ISO controls that help.
pub fn duty_rules_table(rules: &DutyRules) -> DataTable {
    let columns = Column::list(&[
        ("id", "Id", false),
        ("articles", "Articles", false),
        ("title", "Duty", false),
        ("text", "What it asks", true),
        ("falls_on", "Falls on", false),
        ("applies_from", "Applies from", false),
        ("annex_i_from", "For Annex I products, from", false),
        ("pending_from", "Later date if amended", false),
        ("only_if", "Only if", true),
        ("iso_controls", "Supporting ISO controls", true),
        ("source", "Source", true),
    ]);
    let rows = rules
        .rules
        .iter()
        .map(|rule| {
            let falls_on: Vec<String> = rule
                .who
                .iter()
                .map(|role| role.as_str().replace('_', " "))
                .collect();
            vec![
                Value::text(&rule.id),
                Value::text(rule.articles.join("; ")),
                Value::text(&rule.title),
                Value::text(&rule.duty),
                Value::text(falls_on.join(", ")),
                Value::Date(rule.applies_from.from),
                rule.annex_i_from
                    .as_ref()
                    .map_or(Value::Empty, |date| Value::Date(date.from)),
                rule.applies_from
                    .pending
                    .as_ref()
                    .map_or(Value::Empty, |p| Value::Date(p.from)),
                Value::text(rule.only_if.clone().unwrap_or_default()),
                Value::text(rule.iso_controls.join(", ")),
                Value::text(&rule.source),
            ]
        })
        .collect();
    DataTable {
        id: TableId::DutyRules,
        columns,
        rows,
    }
}

/// The duties in the Markdown and HTML exports: what they are worth, a row
/// per system in use, then what each duty asks.
pub fn duties_section(report: &DutiesReport) -> Section {
    let mut blocks = vec![
        Block::Note(report.rules.notice.clone()),
        Block::Paragraph(format!(
            "Rules checked on {} against {}.",
            report.rules.checked, report.rules.regulation
        )),
    ];
    if !report.rules.dates_note.is_empty() {
        blocks.push(Block::Paragraph(report.rules.dates_note.clone()));
    }
    blocks.push(Block::Subheading("By system".into()));
    if report.systems.is_empty() {
        blocks.push(Block::Note("No AI system in use is recorded.".into()));
    } else {
        let table = duties_by_system_table(report.systems, report.today);
        let gaps = table.columns.iter().position(|c| c.key == "gaps");
        blocks.push(Block::Table(document_table(&table, |row| {
            gaps.is_some_and(|g| row[g] != Value::Empty)
        })));
    }
    blocks.push(Block::Subheading("The duties".into()));
    let rules = duty_rules_table(report.rules).select(&[
        "articles",
        "title",
        "text",
        "falls_on",
        "applies_from",
        "only_if",
        "iso_controls",
    ]);
    blocks.push(Block::Table(document_table(&rules, |_| false)));
    Section {
        heading: report.rules.title.clone(),
        blocks,
    }
}

/// "deployer", "product manufacturer"; empty when not recorded.
fn role_words(system: &AiSystem) -> String {
    system
        .eu_role
        .map_or(String::new(), |r| r.as_str().replace('_', " "))
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
