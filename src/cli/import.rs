//! `aims import soa|inventory FILE`: a spreadsheet in, through the core's
//! reading, matching and planning (`crate::import`). A dry run prints what
//! each row would do; `--write` then writes each record, one at a time,
//! through the same checked write path as `aims soa set` and `aims
//! inventory set`.

use std::path::Path;

use super::args::{DateFormat, ImportArgs};
use super::setting::{note_dropped, refuse_read_only, save};
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace};
use crate::import::{self, Action, Change, DateOrder, Kind, Options, Plan, RowPlan};
use crate::text::{clip, visible};
use crate::workspace::SaveOutcome;

/// The largest file read, so that a wrong file (a database dump, a video)
/// is refused at once rather than read into memory: a register or an SoA
/// is a few hundred kilobytes.
const MAX_SHEET_BYTES: u64 = 100_000_000;

impl From<DateFormat> for DateOrder {
    fn from(format: DateFormat) -> DateOrder {
        match format {
            DateFormat::Dmy => DateOrder::Dmy,
            DateFormat::Mdy => DateOrder::Mdy,
            DateFormat::Ymd => DateOrder::Ymd,
        }
    }
}

pub fn run(
    kind: Kind,
    dir: Option<&Path>,
    args: &ImportArgs,
    out: &mut Output,
) -> Result<u8, Failure> {
    let mut workspace = open_workspace(dir)?;
    if args.write {
        refuse_read_only(&workspace)?;
    }
    let file = args.file.display().to_string();
    let fail = |e: import::ImportError| Failure::usage(format!("{file}: {e}"));
    let size = std::fs::metadata(&args.file)
        .map_err(|e| Failure::usage(format!("cannot read {file}: {e}")))?
        .len();
    if size > MAX_SHEET_BYTES {
        return Err(Failure::usage(format!(
            "{file} is {} MB; aims imports spreadsheets of up to {} MB: split it, or save only the sheet with the table",
            size / 1_000_000,
            MAX_SHEET_BYTES / 1_000_000
        )));
    }
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::usage(format!("cannot read {file}: {e}")))?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sheet = import::read(&name, &bytes, args.sheet.as_deref()).map_err(|e| fail(e.into()))?;
    let columns = import::match_columns(kind, &sheet, &args.map).map_err(|e| {
        // The header may be on another sheet than the first.
        let others = match e {
            import::ImportError::MissingColumn { .. } | import::ImportError::NoRows
                if args.sheet.is_none() && sheet.sheets.len() > 1 =>
            {
                let names: Vec<String> = sheet.sheets.iter().map(|n| format!("`{n}`")).collect();
                format!(
                    " (this is its first sheet; choose another with --sheet NAME: {})",
                    names.join(", ")
                )
            }
            _ => String::new(),
        };
        Failure::usage(format!("{file}: {e}{others}"))
    })?;
    let given = args.date_format.map(DateOrder::from);
    let order = import::date_order(kind, &sheet, &columns, given).map_err(fail)?;
    if !columns.ignored.is_empty() {
        let ignored: Vec<String> = columns.ignored.iter().map(|h| format!("`{h}`")).collect();
        out.note(&format!(
            "{file}: left out the columns {} (no field matches; --map 'HEADER=FIELD' reads one)",
            ignored.join(", ")
        ));
    }
    let options = Options {
        order,
        overwrite: args.overwrite,
    };
    let plan = import::plan(kind, &sheet, &columns, &workspace, options);
    out.data(&table(kind, &plan));

    let mut refused = Vec::new();
    if args.write {
        for row in &plan.rows {
            let Some(record) = row.record.clone() else {
                continue;
            };
            let path = record.path();
            match save(&mut workspace, record) {
                Ok(SaveOutcome::Written(dropped)) => note_dropped(&path, &dropped, out),
                Ok(SaveOutcome::Unchanged) => {}
                Err(failure) if failure.code == EXIT_FINDINGS => {
                    out.error(&format!("row {}: {}", row.row, failure.message));
                    refused.push(row.action);
                }
                Err(failure) => {
                    out.error(&failure.message);
                    out.note(&format!(
                        "stopped at row {}: the rows above it were written; import again once this is fixed",
                        row.row
                    ));
                    return Ok(failure.code);
                }
            }
        }
    }
    summary(&file, &plan, args, &refused, out);
    let skipped = plan.count(Action::Skip) + refused.len();
    Ok(if skipped > 0 { EXIT_FINDINGS } else { EXIT_OK })
}

/// Says what the import did or would do, and what to do next.
fn summary(file: &str, plan: &Plan, args: &ImportArgs, refused: &[Action], out: &mut Output) {
    let (create, update) = (plan.count(Action::Create), plan.count(Action::Update));
    let (unchanged, skipped) = (plan.count(Action::Unchanged), plan.count(Action::Skip));
    let kept: usize = plan
        .rows
        .iter()
        .filter(|r| r.action != Action::Skip)
        .map(|r| r.changes.iter().filter(|c| c.kept).count())
        .sum();
    let counts = if args.write {
        format!(
            "created {}, updated {}, {unchanged} unchanged, {skipped} skipped{}",
            create - refused.iter().filter(|a| **a == Action::Create).count(),
            update - refused.iter().filter(|a| **a == Action::Update).count(),
            if refused.is_empty() {
                String::new()
            } else {
                format!(", {} refused", refused.len())
            }
        )
    } else {
        format!("{create} to create, {update} to update, {unchanged} unchanged, {skipped} skipped")
    };
    if args.write {
        out.note(&format!("{file}: {counts}"));
    } else {
        out.note(&format!(
            "{file}: {counts}; a dry run, nothing was written: add --write to apply it"
        ));
    }
    if kept > 0 {
        out.note(&format!(
            "{kept} value{} in the sheet differ{} from what the workspace holds and {} kept; --overwrite replaces them",
            if kept == 1 { "" } else { "s" },
            if kept == 1 { "s" } else { "" },
            if kept == 1 { "is" } else { "are" },
        ));
    }
    if skipped > 0 {
        out.note("fix the skipped rows in the sheet (or in the workspace) and import it again; rows already imported stay as they are");
    }
}

/// A value shortened for one line of the table: its first line, clipped,
/// with control characters shown.
fn short(value: &str) -> String {
    let first = value.lines().next().unwrap_or("");
    let first = if value.trim_end().contains('\n') {
        format!("{first} …")
    } else {
        first.to_string()
    };
    visible(&clip(&first, 40), false).into_owned()
}

fn change_text(change: &Change, action: Action) -> String {
    let (old, new) = (short(&change.old), short(&change.new));
    if change.kept {
        format!("kept {}: `{old}` (the sheet says `{new}`)", change.field)
    } else if action == Action::Create || change.old.is_empty() {
        format!("{}: {new}", change.field)
    } else {
        format!("{}: {old} → {new}", change.field)
    }
}

/// The plan as a table: a line per row, its details on lines of their own
/// under the first when there are several.
fn table(kind: Kind, plan: &Plan) -> String {
    let lines: Vec<(String, String, &str, Vec<String>)> = plan
        .rows
        .iter()
        .map(|row: &RowPlan| {
            let details: Vec<String> = if matches!(row.action, Action::Skip | Action::Heading) {
                row.reasons
                    .iter()
                    .map(|r| visible(r, false).into_owned())
                    .collect()
            } else if row.changes.is_empty() && !row.existed {
                vec!["nothing to record".to_string()]
            } else if row.changes.is_empty() {
                vec!["the workspace already holds these values".to_string()]
            } else {
                row.changes
                    .iter()
                    .map(|c| change_text(c, row.action))
                    .collect()
            };
            let action = match row.action {
                Action::Create => "create",
                Action::Update => "update",
                Action::Unchanged => "unchanged",
                Action::Skip => "skip",
                Action::Heading => "heading",
            };
            (
                row.row.to_string(),
                visible(&clip(&row.id, 30), false).into_owned(),
                action,
                details,
            )
        })
        .collect();
    let id_title = match kind {
        Kind::Soa => "control",
        Kind::Inventory => "system",
    };
    let row_width = lines.iter().map(|l| l.0.len()).max().unwrap_or(0).max(3);
    let id_width = lines
        .iter()
        .map(|l| l.1.chars().count())
        .max()
        .unwrap_or(0)
        .max(id_title.len());
    let action_width = "unchanged".len();
    let indent = row_width + id_width + action_width + 6;
    let mut text = format!(
        "{:<row_width$}  {:<id_width$}  {:<action_width$}  details\n",
        "row", id_title, "action"
    );
    for (row, id, action, details) in &lines {
        let first = details.first().map(String::as_str).unwrap_or("");
        let line = format!("{row:<row_width$}  {id:<id_width$}  {action:<action_width$}  {first}");
        text.push_str(line.trim_end());
        text.push('\n');
        for detail in details.iter().skip(1) {
            text.push_str(&" ".repeat(indent));
            text.push_str(detail);
            text.push('\n');
        }
    }
    text
}
