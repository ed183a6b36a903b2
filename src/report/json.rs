//! The JSON export: manifest, inventory, every SoA entry (undecided ones
//! included, so the list is the full Statement of Applicability), impact
//! assessments with risk levels, and the computed progress.

use crate::model::Fields as _;
use rayon::prelude::*;
use serde_json::{Map, Value, json};

use super::control::DocumentControl;
use super::obligations::{DutiesReport, duties_export_json};
use crate::catalog::{Catalogs, DutyRules};
use crate::model::obligations::current_obligations;
use crate::model::{CatalogProgress, ProgressRow, Records, SoaEntry, node_to_json, progress};
use crate::text::escape_controls_in_json;

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The version of the export's JSON layout (documented in the README):
/// raised when a key changes meaning or goes away, not when one is added.
pub const SCHEMA_VERSION: u32 = 2;

pub fn export_json(control: &DocumentControl, catalogs: &Catalogs, records: &Records) -> Value {
    // The two largest parts, built side by side.
    let (inventory, duties) = rayon::join(
        || -> Vec<Value> {
            records
                .systems
                .par_iter()
                .map(|(_, s)| node_to_json(&s.to_node()))
                .collect()
        },
        || duties(control, catalogs, records),
    );
    let soa: Vec<Value> = catalogs
        .controls()
        .map(|control| {
            let entry = records
                .soa
                .get(&control.id)
                .cloned()
                .unwrap_or_else(|| SoaEntry::new(&control.id));
            let mut out = Map::new();
            out.insert("control".into(), json!(control.id));
            out.insert("title".into(), json!(control.full_title()));
            out.insert("catalog".into(), json!(control.catalog));
            out.insert("group".into(), json!(control.group));
            out.insert(
                "kind".into(),
                json!(crate::yaml::Choice::as_str(control.kind)),
            );
            out.insert("decided".into(), json!(entry.is_decided()));
            for (key, value) in object(node_to_json(&entry.to_node())) {
                out.entry(key).or_insert(value);
            }
            // What the catalogue says of excluding it, and an example, for
            // a reader weighing the decision outside aims.
            out.insert(
                "catalogue_notes".into(),
                json!({ "exclusion": control.exclusion, "example": control.example }),
            );
            Value::Object(out)
        })
        .collect();
    let impact: Vec<Value> = records
        .impacts
        .values()
        .map(|assessment| {
            let mut out = object(node_to_json(&assessment.to_node()));
            if let Some(Value::Array(risks)) = out.get_mut("risks") {
                for (risk, model) in risks.iter_mut().zip(&assessment.risks) {
                    if let Value::Object(risk) = risk {
                        risk.insert(
                            "level".into(),
                            json!(model.level().map(crate::yaml::Choice::as_str)),
                        );
                    }
                }
            }
            Value::Object(out)
        })
        .collect();
    let provenance = control.provenance.as_ref().map(|p| {
        json!({
            "commit": p.commit,
            "date": p.date,
            "author": p.author,
            "uncommitted_changes": p.uncommitted,
        })
    });
    let mut document = json!({
        "schema": "aims-export",
        "schema_version": SCHEMA_VERSION,
        "aims": env!("CARGO_PKG_VERSION"),
        "generated_on": control.generated.to_string(),
        "document": {
            "version": control.version,
            "approved_by": control.approved_by,
            "approved_on": control.approved_on.map(|d| d.to_string()),
            "next_review": control.next_review.map(|d| d.to_string()),
            "catalogs": control.catalogs,
            "git": provenance,
        },
        "draft": {
            "is_draft": control.is_draft(),
            "reasons": control.draft,
        },
        "manifest": node_to_json(&records.manifest.to_node()),
        "progress": progress_json(&progress(catalogs, records)),
        "crosswalks": super::crosswalk::crosswalks_json(catalogs, records),
    });
    // Moved in rather than through `json!`, which would copy each of these
    // large values whole and then free the original.
    let parts = [
        ("inventory", Value::Array(inventory)),
        ("soa", Value::Array(soa)),
        ("impact_assessments", Value::Array(impact)),
        ("eu_ai_act_duties", duties),
    ];
    if let Value::Object(map) = &mut document {
        map.extend(parts.map(|(key, value)| (key.to_string(), value)));
    }
    document
}

/// The EU AI Act duties of the systems in use, each rule's text once.
fn duties(control: &DocumentControl, catalogs: &Catalogs, records: &Records) -> Value {
    let rules = DutyRules::builtin();
    let systems = current_obligations(rules, catalogs, records);
    duties_export_json(&DutiesReport {
        rules,
        organisation: &records.manifest.organisation,
        today: control.generated,
        systems: &systems,
    })
}

/// A JSON document as aims prints and writes it: pretty, with a final
/// newline, and safe to `cat` (see [`escape_controls_in_json`]).
pub fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_pretty(&mut out, value, 0);
    out.push('\n');
    out
}

/// Appends `value` as serde_json's pretty printer writes it `depth` levels
/// down, control characters escaped. The members of a large object or
/// array are written on every thread and joined: a large inventory's
/// export is tens of megabytes of JSON.
fn write_pretty(out: &mut String, value: &Value, depth: usize) {
    /// Fewer members than this are written in one piece.
    const MANY: usize = 32;
    let inner = "  ".repeat(depth + 1);
    let (open, close, members): (char, char, Vec<String>) = match value {
        Value::Array(items) if items.len() >= MANY || (depth == 0 && !items.is_empty()) => {
            let members = items
                .par_iter()
                .map(|item| {
                    let mut member = inner.clone();
                    write_pretty(&mut member, item, depth + 1);
                    member
                })
                .collect();
            ('[', ']', members)
        }
        Value::Object(map) if map.len() >= MANY || (depth == 0 && !map.is_empty()) => {
            let entries: Vec<(&String, &Value)> = map.iter().collect();
            let members = entries
                .par_iter()
                .map(|(key, value)| {
                    let mut member = inner.clone();
                    member.push_str(&escape_controls_in_json(
                        serde_json::to_string(key).unwrap_or_default(),
                    ));
                    member.push_str(": ");
                    write_pretty(&mut member, value, depth + 1);
                    member
                })
                .collect();
            ('{', '}', members)
        }
        _ => {
            out.push_str(&escape_controls_in_json(pretty_piece(value, depth)));
            return;
        }
    };
    out.reserve(members.iter().map(|m| m.len() + 2).sum::<usize>() + inner.len() + 4);
    out.push(open);
    out.push('\n');
    for (i, member) in members.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(member);
    }
    out.push('\n');
    out.push_str(&inner[2..]);
    out.push(close);
}

/// `value` pretty-printed in one piece, its lines indented for `depth`
/// levels down: the printer is first taken down that many levels, as if
/// it were inside as many arrays.
fn pretty_piece(value: &Value, depth: usize) -> String {
    use serde::Serialize;
    use serde_json::ser::{Formatter, PrettyFormatter};
    let mut formatter = PrettyFormatter::new();
    for _ in 0..depth {
        // Writing to a sink cannot fail.
        let _ = formatter.begin_array(&mut std::io::sink());
    }
    // As bytes: serde_json's writer is several times faster than its
    // `Display`, which a large export feels.
    let mut bytes = Vec::new();
    let written = value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut bytes, formatter,
    ));
    match written.ok().and_then(|()| String::from_utf8(bytes).ok()) {
        Some(text) => text,
        None => format!("{value:#}"),
    }
}

pub fn progress_json(progress: &[CatalogProgress]) -> Value {
    Value::Array(
        progress
            .iter()
            .map(|c| {
                json!({
                    "catalog": c.catalog,
                    "title": c.title,
                    "groups": c.groups.iter().map(row_json).collect::<Vec<_>>(),
                    "total": row_json(&c.total),
                })
            })
            .collect(),
    )
}

fn row_json(row: &ProgressRow) -> Value {
    let round = |p: Option<f64>| p.map(|p| (p * 10.0).round() / 10.0);
    json!({
        "id": row.id,
        "title": row.title,
        "controls": row.total,
        "decided": row.decidable.then_some(row.decided),
        "applicable": row.applicable,
        "excluded": row.excluded,
        "undecided": row.undecided,
        "status": {
            "none": row.no_status,
            "not_started": row.not_started,
            "planned": row.planned,
            "partial": row.partial,
            "implemented": row.implemented,
        },
        "decided_percent": round(row.decided_percent()),
        "implemented_percent": round(row.implemented_percent()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_in_pieces_as_serde_json_writes_it_whole() {
        let many: Vec<Value> = (0..40)
            .map(|i| json!({ "id": i, "lines": "one\ntwo", "empty": [], "none": {}, "list": [1, [2, 3]] }))
            .collect();
        let wide: Map<String, Value> = (0..40)
            .map(|i| {
                (
                    format!("key {i}"),
                    json!({ "deep": { "deeper": [i, "x"] } }),
                )
            })
            .collect();
        for value in [
            json!({}),
            json!([]),
            json!("text"),
            json!({ "a": 1 }),
            json!({ "many": many, "wide": wide, "small": [1, 2], "nothing": null }),
            Value::Array(many.clone()),
        ] {
            let whole = serde_json::to_string_pretty(&value).expect("serialises");
            assert_eq!(json_text(&value), whole + "\n");
        }
    }

    #[test]
    fn keys_and_values_have_their_bidi_controls_escaped() {
        let value = json!({ "k\u{202e}": ["v\u{202e}"] });
        let text = json_text(&value);
        assert!(
            text.contains("k\\u202e") && text.contains("v\\u202e"),
            "{text}"
        );
    }
}
