//! `aims check`: every finding, as `path:line:column: severity: message`.

use std::path::Path;

use rayon::prelude::*;
use serde_json::json;

use super::args::CheckFormat;
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace, today};
use crate::model::{Diagnostic, Severity, review, sort_diagnostics};
use crate::text::visible;

pub fn run(
    dir: Option<&Path>,
    strict: bool,
    format: CheckFormat,
    out: &mut Output,
) -> Result<u8, Failure> {
    let mut workspace = open_workspace(dir)?;
    let mut diagnostics = std::mem::take(&mut workspace.diagnostics);
    diagnostics.extend(review(&workspace.catalogs, &workspace.records, today()));
    if strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    sort_diagnostics(&mut diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    match format {
        CheckFormat::Text => {
            // One write for every finding: a large workspace has thousands,
            // formatted on every thread.
            let lines: Vec<String> = diagnostics
                .par_iter()
                .map(|d| out.finding_line(d))
                .collect();
            let lines = lines.concat();
            out.data(&lines);
            let files = 1
                + workspace.records.systems.len()
                + workspace.records.soa.len()
                + workspace.records.impacts.len();
            out.note(&format!(
                "{errors} error{}, {warnings} warning{} ({files} records read)",
                plural(errors),
                plural(warnings)
            ));
        }
        CheckFormat::Github => out.data(
            &diagnostics
                .iter()
                .map(github_annotation)
                .collect::<String>(),
        ),
        CheckFormat::Json => {
            let list: Vec<_> = diagnostics.iter().map(diagnostic_json).collect();
            let report = json!({ "errors": errors, "warnings": warnings, "diagnostics": list });
            out.json(&report);
        }
    }
    // Freeing every record of a large workspace one by one takes longer than
    // the operating system takes to reclaim the memory when we exit.
    std::mem::forget(workspace);
    Ok(if errors > 0 { EXIT_FINDINGS } else { EXIT_OK })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A GitHub Actions workflow command, which shows the finding on the line
/// it names in a pull request's files.
fn github_annotation(d: &Diagnostic) -> String {
    // The workflow-command escapes: `%`, CR and LF everywhere, and in a
    // property `:` and `,` too, since they separate properties.
    let data = |text: &str| {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |text: &str| data(text).replace(':', "%3A").replace(',', "%2C");
    format!(
        "::{} file={},line={},col={},title=aims {}::{}\n",
        d.severity.as_str(),
        property(&visible(&d.path, false)),
        d.pos.line,
        d.pos.col,
        d.kind.as_str(),
        data(&visible(&d.message, false))
    )
}

fn diagnostic_json(d: &Diagnostic) -> serde_json::Value {
    json!({
        "path": d.path,
        "line": d.pos.line,
        "column": d.pos.col,
        "severity": d.severity.as_str(),
        "kind": d.kind.as_str(),
        "message": d.message,
    })
}
