//! `aims trend`: decided and implemented on each day the SoA changed, read
//! from git by `workspace::trend`: a table for people, a row per day and
//! scope in CSV, everything in JSON.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::json;

use super::args::TrendFormat;
use super::history::why_no_history;
use super::{EXIT_OK, Failure, Output, open_workspace};
use crate::model::{CatalogProgress, MEASURES_EXPLAINED, ProgressRow};
use crate::report::{progress_json, write_csv};
use crate::text::visible;
use crate::workspace::{Day, trend};

pub fn run(
    dir: Option<&Path>,
    since: Option<&str>,
    format: TrendFormat,
    out: &mut Output,
) -> Result<u8, Failure> {
    let since = match since {
        Some(text) => Some(crate::yaml::parse_date(text).ok_or_else(|| {
            Failure::usage(format!("--since `{text}` is not a date; write YYYY-MM-DD"))
        })?),
        None => None,
    };
    let workspace = open_workspace(dir)?;
    let found = match trend(
        &workspace.root,
        &workspace.catalogs,
        &workspace.records.manifest,
    ) {
        Ok(found) => found,
        Err(why) => {
            let why = why_no_history(&workspace.root, "the history", why)?;
            out.note(&format!("no trend: {why}"));
            return Ok(finish(&[], format, out));
        }
    };
    if found.unreadable > 0 {
        out.note(&format!(
            "note: {} of SoA files did not read as entries and count as undecided while they stood",
            crate::text::count(found.unreadable, "version", "versions")
        ));
    }
    let days: Vec<&Day> = found
        .days
        .iter()
        .filter(|day| since.is_none_or(|since: NaiveDate| day.date >= since))
        .collect();
    if days.is_empty() {
        out.note(match since {
            Some(_) => "no trend: the SoA did not change on or after --since",
            None => "no trend: no commit changed a file under soa/",
        });
    }
    Ok(finish(&days, format, out))
}

fn finish(days: &[&Day], format: TrendFormat, out: &mut Output) -> u8 {
    match format {
        TrendFormat::Table if days.is_empty() => {}
        TrendFormat::Table => out.data(&table(days)),
        TrendFormat::Csv => out.document(&csv(days)),
        TrendFormat::Json => out.json(&trend_json(days)),
    }
    EXIT_OK
}

/// The catalogues with decisions to make (Annex A), whose rows the table
/// and CSV show.
fn decidable(day: &Day) -> impl Iterator<Item = &CatalogProgress> {
    day.progress.iter().filter(|c| c.total.decidable)
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "-".to_string(), |p| format!("{p:.0}"))
}

fn table(days: &[&Day]) -> String {
    let mut text = String::new();
    let Some(first) = days.first() else {
        return text;
    };
    for (c, catalog) in decidable(first).enumerate() {
        text.push_str(&format!(
            "{}: decided% / implemented%\n",
            visible(&catalog.title, false)
        ));
        let mut header = format!("{:<10}  {:>7}  {:>11}", "date", "decided", "implemented");
        for group in &catalog.groups {
            header.push_str(&format!("  {:>7}", visible(&group.id, false)));
        }
        text.push_str(header.trim_end());
        text.push('\n');
        for day in days {
            let Some(progress) = decidable(day).nth(c) else {
                continue;
            };
            let total = &progress.total;
            let mut line = format!(
                "{:<10}  {:>7}  {:>11}",
                day.date,
                pct(total.decided_percent()).to_string() + "%",
                pct(total.implemented_percent()).to_string() + "%"
            );
            for group in &progress.groups {
                let cell = format!(
                    "{}/{}",
                    pct(group.decided_percent()),
                    pct(group.implemented_percent())
                );
                line.push_str(&format!("  {cell:>7}"));
            }
            text.push_str(&line);
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str(MEASURES_EXPLAINED);
    text.push_str(".\n");
    text
}

const CSV_HEADER: [&str; 10] = [
    "date",
    "commit",
    "catalog",
    "scope",
    "controls",
    "decided",
    "decided_percent",
    "applicable",
    "implemented",
    "implemented_percent",
];

fn csv(days: &[&Day]) -> String {
    let percent = |p: Option<f64>| p.map_or_else(String::new, |p| format!("{p:.1}"));
    let row = |day: &Day, catalog: &CatalogProgress, scope: &str, r: &ProgressRow| {
        vec![
            day.date.to_string(),
            day.commit.clone(),
            catalog.catalog.clone(),
            scope.to_string(),
            r.total.to_string(),
            r.decided.to_string(),
            percent(r.decided_percent()),
            r.applicable.to_string(),
            r.implemented.to_string(),
            percent(r.implemented_percent()),
        ]
    };
    let mut rows = Vec::new();
    for day in days {
        for catalog in decidable(day) {
            rows.push(row(day, catalog, "all", &catalog.total));
            for group in &catalog.groups {
                rows.push(row(day, catalog, &group.id, group));
            }
        }
    }
    write_csv(&CSV_HEADER, rows)
}

fn trend_json(days: &[&Day]) -> serde_json::Value {
    let days: Vec<serde_json::Value> = days
        .iter()
        .map(|day| {
            json!({
                "date": day.date.to_string(),
                "commit": day.commit,
                "progress": progress_json(&day.progress),
            })
        })
        .collect();
    json!({ "days": days })
}
