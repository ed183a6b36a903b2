//! `aims progress`: per-domain and per-clause progress, in a table, JSON
//! or a Markdown table for a report.

use std::path::Path;

use super::args::TableFormat;
use super::setting::report_errors;
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace};
use crate::model::{CatalogProgress, MEASURES_EXPLAINED, ProgressRow, progress};
use crate::report::{markdown_text, progress_json};
use crate::text::visible;

const TITLE_WIDTH: usize = 34;

pub fn run(dir: Option<&Path>, format: TableFormat, out: &mut Output) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    if report_errors(&workspace, out) {
        out.note("no progress is reported while files have errors: it would count what is missing as undecided; fix them first (`aims check`)");
        return Ok(EXIT_FINDINGS);
    }
    let rows = progress(&workspace.catalogs, &workspace.records);
    match format {
        TableFormat::Table => out.data(&table(&rows)),
        TableFormat::Md => out.document(&markdown(&rows)),
        TableFormat::Json => out.json(&progress_json(&rows)),
    }
    Ok(EXIT_OK)
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "-".to_string(), |p| format!("{p:.0}%"))
}

fn decided(row: &ProgressRow) -> String {
    if row.decidable {
        row.decided.to_string()
    } else {
        "-".to_string()
    }
}

fn clip(text: &str, width: usize) -> String {
    crate::text::clip(&visible(text, false), width)
}

const HEADER: [&str; 13] = [
    "",
    "",
    "controls",
    "decided",
    "applicable",
    "excluded",
    "undecided",
    "not started",
    "planned",
    "partial",
    "implemented",
    "decided %",
    "implemented %",
];

fn cells(row: &ProgressRow) -> [String; 13] {
    [
        row.id.clone(),
        row.title.clone(),
        row.total.to_string(),
        decided(row),
        row.applicable.to_string(),
        row.excluded.to_string(),
        row.undecided.to_string(),
        row.not_started.to_string(),
        row.planned.to_string(),
        row.partial.to_string(),
        row.implemented.to_string(),
        pct(row.decided_percent()),
        pct(row.implemented_percent()),
    ]
}

fn table(progress: &[CatalogProgress]) -> String {
    let short = [
        "",
        "",
        "ctrl",
        "dec",
        "appl",
        "excl",
        "undec",
        "n/s",
        "plan",
        "part",
        "impl",
        "decided",
        "implemented",
    ];
    let mut text = String::new();
    for catalog in progress {
        text.push_str(&format!("{}\n", visible(&catalog.title, false)));
        let line = |cells: &[String]| {
            let mut line = format!(
                "  {:<6} {:<TITLE_WIDTH$}",
                visible(&cells[0], false),
                clip(&cells[1], TITLE_WIDTH)
            );
            for (i, cell) in cells[2..].iter().enumerate() {
                let width = short[i + 2].len().max(4);
                line.push_str(&format!(" {cell:>width$}"));
            }
            line.push('\n');
            line
        };
        let header: Vec<String> = short.iter().map(|s| s.to_string()).collect();
        text.push_str(&line(&header));
        for row in &catalog.groups {
            text.push_str(&line(&cells(row)));
        }
        let mut total = cells(&catalog.total);
        total[0] = "all".into();
        total[1] = String::new();
        text.push_str(&line(&total));
        text.push('\n');
    }
    text.push_str("ctrl controls, dec decided, appl applicable, excl excluded, undec undecided,\n");
    text.push_str("n/s not started, plan planned, part partial, impl implemented.\n");
    text.push_str(MEASURES_EXPLAINED);
    text.push_str(".\n");
    text
}

fn markdown(progress: &[CatalogProgress]) -> String {
    let mut text = String::new();
    for catalog in progress {
        text.push_str(&format!("## {}\n\n", markdown_text(&catalog.title)));
        text.push_str(&format!("| {} |\n", HEADER.join(" | ")));
        text.push_str(&format!("|{}\n", "---|".repeat(HEADER.len())));
        for row in catalog.groups.iter().chain(std::iter::once(&catalog.total)) {
            let mut cells = cells(row).map(|cell| markdown_text(&cell));
            if row.id == "total" {
                cells[0] = "**All**".into();
                cells[1] = String::new();
            }
            text.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        text.push('\n');
    }
    text.push_str(&format!("*{MEASURES_EXPLAINED}.*\n"));
    text
}
