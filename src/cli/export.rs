//! `aims export`: the workspace for other readers.

use std::path::Path;

use super::args::ExportFormat;
use super::{EXIT_OK, EXIT_WRITE, Failure, Output, open_workspace, today};
use crate::report::{export_csv, export_html, export_json, export_markdown};
use crate::workspace::write_atomically;

pub fn run(
    dir: Option<&Path>,
    format: ExportFormat,
    output: Option<&Path>,
    out: &mut Output,
) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    for d in workspace.diagnostics.iter().filter(|d| d.is_error()) {
        out.diagnostic(d);
    }
    let text = match format {
        ExportFormat::Md => export_markdown(&workspace.catalogs, &workspace.records, today()),
        ExportFormat::Csv => export_csv(&workspace.catalogs, &workspace.records),
        ExportFormat::Html => export_html(&workspace.catalogs, &workspace.records, today()),
        ExportFormat::Json => {
            let value = export_json(&workspace.catalogs, &workspace.records, today());
            crate::text::escape_hidden_in_json(&format!("{value:#}\n"))
        }
    };
    match output {
        Some(path) => write_atomically(path, text.as_bytes()).map_err(|e| Failure {
            code: EXIT_WRITE,
            message: format!("cannot write {}: {e}", path.display()),
        })?,
        None => out.data(&text),
    }
    Ok(EXIT_OK)
}
