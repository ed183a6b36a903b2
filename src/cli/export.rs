//! `aims export`: the workspace for other readers, under document control:
//! a certification body's auditor, a client's procurement team, another
//! tool.

use std::io::IsTerminal;
use std::path::Path;

use super::args::ExportFormat;
use super::setting::report_errors;
use super::{
    EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, EXIT_WRITE, Failure, Output, open_workspace_alongside,
    today,
};
use crate::report::{
    Circumstances, DocumentControl, TableId, data_table, export_html, export_json, export_markdown,
    json_text, table_csv, workbook,
};
use crate::workspace::{Provenance, Workspace, provenance, write_atomically};

pub struct Request<'a> {
    pub format: ExportFormat,
    pub table: TableId,
    pub draft: bool,
    pub output: Option<&'a Path>,
}

pub fn run(dir: Option<&Path>, request: Request, out: &mut Output) -> Result<u8, Failure> {
    crate::report::exit_after_export();
    // git is asked about the workspace while it loads: in a repository of
    // thousands of records `git status` takes about as long as the load.
    let (workspace, provenance) = open_workspace_alongside(dir, provenance)?;
    let has_errors = report_errors(&workspace, out);
    if has_errors && !request.draft {
        out.note("nothing was exported: an auditor would read what is missing as undecided; fix the files, or export with --draft to get a draft that says what is missing");
        return Ok(EXIT_FINDINGS);
    }
    if request.format == ExportFormat::Xlsx
        && request.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(Failure {
            code: EXIT_USAGE,
            message: "a workbook is binary: write it to a file with -o FILE.xlsx (or pipe it)"
                .into(),
        });
    }
    let control = document_control(&workspace, provenance);
    let (catalogs, records) = (&workspace.catalogs, &workspace.records);
    let bytes = match request.format {
        ExportFormat::Md => export_markdown(&control, catalogs, records).into_bytes(),
        ExportFormat::Html => export_html(&control, catalogs, records).into_bytes(),
        ExportFormat::Json => {
            let document = export_json(&control, catalogs, records);
            let text = json_text(&document);
            // Freeing a large inventory's tree value by value takes longer
            // than the operating system takes to reclaim it when we exit.
            std::mem::forget(document);
            text.into_bytes()
        }
        ExportFormat::Csv => {
            let table = data_table(request.table, catalogs, records, control.generated);
            let text = table_csv(&table);
            // Broken files: their names above the header, where a
            // spreadsheet shows them first.
            match workspace.hidden_by_broken_files() {
                missing if missing.is_empty() => text.into_bytes(),
                missing => {
                    let mut lines = vec![
                        "DRAFT: the workspace has errors, so this table is incomplete.".to_string(),
                    ];
                    lines.extend(missing.into_iter().map(|(path, hidden)| {
                        format!("{path} has errors, so {hidden} is missing")
                    }));
                    let cells: String = lines
                        .iter()
                        .map(|l| format!("\"{}\"\r\n", l.replace('"', "\"\"")))
                        .collect();
                    let body = text.strip_prefix(crate::report::CSV_BOM).unwrap_or(&text);
                    format!("{}{cells}{body}", crate::report::CSV_BOM).into_bytes()
                }
            }
        }
        ExportFormat::Xlsx => workbook(&control.rows(), &TableId::ALL, |id| {
            data_table(id, catalogs, records, control.generated)
        })
        .map_err(|e| Failure {
            code: EXIT_WRITE,
            message: format!("cannot make the workbook: {e}"),
        })?,
    };
    match request.output {
        Some(path) => write_atomically(path, &bytes).map_err(|e| Failure {
            code: EXIT_WRITE,
            message: format!("cannot write {}: {e}", path.display()),
        })?,
        None => match request.format {
            // JSON escapes what could act on a terminal itself; a workbook
            // only reaches a pipe.
            ExportFormat::Json | ExportFormat::Xlsx => out.bytes(&bytes),
            _ => out.document(&String::from_utf8_lossy(&bytes)),
        },
    }
    if control.is_draft() {
        out.note(&format!("exported a DRAFT: {}", control.draft.join("; ")));
    }
    // Freeing every record of a large workspace one by one takes longer
    // than the operating system takes to reclaim the memory when we exit.
    std::mem::forget(workspace);
    Ok(EXIT_OK)
}

/// What the top of every export says, and whether it is a draft.
fn document_control(workspace: &Workspace, provenance: Option<Provenance>) -> DocumentControl {
    let today = today();
    let last_change = match &provenance {
        Some(p) if p.uncommitted => Some(today),
        Some(p) => crate::yaml::parse_date(p.date.get(..10).unwrap_or_default()),
        None => workspace.newest_file_date(),
    };
    let missing = workspace
        .hidden_by_broken_files()
        .into_iter()
        .map(|(path, hidden)| format!("{path} has errors, so {hidden} is missing"))
        .collect();
    DocumentControl::new(
        &workspace.catalogs,
        &workspace.records,
        Circumstances {
            today,
            provenance,
            last_change,
            missing,
        },
    )
}
