//! `aims export`: the workspace for other readers.

use std::path::Path;

use super::args::ExportFormat;
use super::setting::report_errors;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_WRITE, Failure, Output, open_workspace, today};
use crate::report::{export_csv, export_html, export_json, export_markdown, html_text, json_text};
use crate::workspace::write_atomically;

pub fn run(
    dir: Option<&Path>,
    format: ExportFormat,
    draft: bool,
    output: Option<&Path>,
    out: &mut Output,
) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    let has_errors = report_errors(&workspace, out);
    if has_errors && !draft {
        out.note("nothing was exported: an auditor would read what is missing as undecided; fix the files, or export with --draft to get a draft that says what is missing");
        return Ok(EXIT_FINDINGS);
    }
    // What the DRAFT banner says: every broken file and what it leaves out.
    let missing: Vec<String> = workspace
        .hidden_by_broken_files()
        .into_iter()
        .map(|(path, hidden)| format!("{path} has errors, so {hidden} is missing"))
        .collect();
    let banner = has_errors.then(|| {
        let mut lines =
            vec!["DRAFT: the workspace has errors, so this document is incomplete.".to_string()];
        lines.extend(missing.iter().cloned());
        lines
    });
    let text = match format {
        ExportFormat::Md => {
            let text = export_markdown(&workspace.catalogs, &workspace.records, today());
            match &banner {
                Some(lines) => {
                    let quoted: String = lines.iter().map(|l| format!("> **{l}**\n>\n")).collect();
                    format!("{quoted}\n{text}")
                }
                None => text,
            }
        }
        ExportFormat::Csv => {
            let text = export_csv(&workspace.catalogs, &workspace.records);
            match &banner {
                // One cell a line, above the header, so a spreadsheet shows it.
                Some(lines) => {
                    let cells: String = lines
                        .iter()
                        .map(|l| format!("\"{}\"\n", l.replace('"', "\"\"")))
                        .collect();
                    format!("{cells}{text}")
                }
                None => text,
            }
        }
        ExportFormat::Html => {
            let text = export_html(&workspace.catalogs, &workspace.records, today());
            match &banner {
                Some(lines) => {
                    let items: String = lines
                        .iter()
                        .map(|l| format!("<p><strong>{}</strong></p>\n", html_text(l)))
                        .collect();
                    text.replacen(
                        "<body>\n",
                        &format!("<body>\n<div class=\"draft\" style=\"border:3px solid #b00;padding:0.5em\">\n{items}</div>\n"),
                        1,
                    )
                }
                None => text,
            }
        }
        ExportFormat::Json => {
            let mut value = export_json(&workspace.catalogs, &workspace.records, today());
            if let (Some(_), Some(map)) = (&banner, value.as_object_mut()) {
                map.insert(
                    "draft".into(),
                    serde_json::json!({ "incomplete": true, "missing": missing }),
                );
            }
            json_text(&value)
        }
    };
    match output {
        Some(path) => write_atomically(path, text.as_bytes()).map_err(|e| Failure {
            code: EXIT_WRITE,
            message: format!("cannot write {}: {e}", path.display()),
        })?,
        // JSON escapes what could act on a terminal itself, and stays JSON.
        None if format == ExportFormat::Json => out.data(&text),
        None => out.document(&text),
    }
    Ok(EXIT_OK)
}
