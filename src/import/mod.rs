//! Importing a spreadsheet: an organisation's draft Statement of
//! Applicability or AI register, as CSV or a workbook, turned into the
//! records of a workspace.
//!
//! Four steps, one module each: `sheet` reads the file into rows of cells;
//! `headers` finds which column holds which field; `values` turns each
//! cell into the text the field takes; `plan` sets those values on the
//! records with their own declared setters and the SoA's rules, and says
//! per row what would be created, updated or skipped and why. Writing the
//! plan is the caller's, through the workspace's one write path; nothing
//! here touches the disk or a terminal.

mod headers;
mod plan;
mod sheet;
mod values;

use std::fmt;

pub use headers::{Column, Columns, field_for, letter, match_columns};
pub use plan::{Action, Change, Options, Plan, RowPlan, plan};
pub use sheet::{Cell, Row, Sheet, SheetError, read};
pub use values::{DateEvidence, DateOrder};

use crate::model::{AiSystem, FieldSpec, Fields, SoaEntry};

/// What a spreadsheet holds: SoA decisions or AI systems.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Soa,
    Inventory,
}

impl Kind {
    /// The fields a column may fill: the record's id and every field a
    /// person edits as one value.
    pub fn fields(self) -> Vec<&'static FieldSpec> {
        fn of<R: Fields>(key: &str) -> Vec<&'static FieldSpec> {
            R::specs()
                .filter(|s| s.key == key || s.is_editable())
                .collect()
        }
        match self {
            Kind::Soa => of::<SoaEntry>("control"),
            Kind::Inventory => of::<AiSystem>("id"),
        }
    }
}

/// Why a spreadsheet cannot be imported at all (a row that cannot is
/// skipped instead, with its reason in the plan). Each says what to do.
#[derive(Debug, PartialEq)]
pub enum ImportError {
    Sheet(SheetError),
    /// The sheet has no row that is not blank.
    NoRows,
    /// `--map` names a field the record does not have.
    UnknownMapField {
        field: String,
        known: String,
    },
    /// `--map` names a header the header row does not hold.
    MapHeaderNotFound {
        header: String,
        row: usize,
        found: Vec<String>,
    },
    /// Two columns fill the same field.
    DuplicateColumn {
        field: &'static str,
        first: String,
        second: String,
        header: String,
    },
    /// No column names the record: a control id, or a system's name or id.
    MissingColumn {
        kind: Kind,
        row: usize,
        found: Vec<String>,
    },
    /// Dates could be day-first or month-first and nothing settles which.
    AmbiguousDates {
        example: String,
    },
    /// Some dates are only day-first and others only month-first.
    MixedDates {
        day_first: String,
        month_first: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let listed = |found: &[String]| {
            if found.is_empty() {
                "nothing".to_string()
            } else {
                found
                    .iter()
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        match self {
            ImportError::Sheet(e) => e.fmt(f),
            ImportError::NoRows => {
                f.write_str("it holds no rows; is it the right file (or sheet)?")
            }
            ImportError::UnknownMapField { field, known } => write!(
                f,
                "--map names the field `{field}`, which this import does not have; the fields are {known} (or nothing, to leave the column out)"
            ),
            ImportError::MapHeaderNotFound { header, row, found } => write!(
                f,
                "--map names the column `{header}`, but the header row (row {row}) holds {}",
                listed(found)
            ),
            ImportError::DuplicateColumn {
                field,
                first,
                second,
                header,
            } => write!(
                f,
                "{first} and {second} both give `{field}`; leave one out with --map '{header}=' or send it elsewhere with --map '{header}=FIELD'"
            ),
            ImportError::MissingColumn { kind, row, found } => {
                let needed = match kind {
                    Kind::Soa => "a control id (a column headed `Control ID`, `Control` or `Ref`)",
                    Kind::Inventory => {
                        "a system's name or id (a column headed `System name`, `Name` or `Id`)"
                    }
                };
                write!(
                    f,
                    "no column holds {needed}; the header row (row {row}) holds {}: name the column with --map 'HEADER={}'",
                    listed(found),
                    match kind {
                        Kind::Soa => "control",
                        Kind::Inventory => "name",
                    }
                )
            }
            ImportError::AmbiguousDates { example } => write!(
                f,
                "its dates could be day-first or month-first (e.g. {example}) and no date settles which; say with --date-format dmy (31/12/2027), mdy (12/31/2027) or ymd"
            ),
            ImportError::MixedDates {
                day_first,
                month_first,
            } => write!(
                f,
                "its dates are written both day-first ({day_first}) and month-first ({month_first}); correct them, or say which with --date-format dmy|mdy and the others are skipped"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<SheetError> for ImportError {
    fn from(error: SheetError) -> ImportError {
        ImportError::Sheet(error)
    }
}

/// The order of the dates a sheet writes with numbers only: the one given,
/// else the one its dates settle, else none needed (all ISO, real date
/// cells, or dates that read the same either way).
pub fn date_order(
    kind: Kind,
    sheet: &Sheet,
    columns: &Columns,
    given: Option<DateOrder>,
) -> Result<Option<DateOrder>, ImportError> {
    if given.is_some() {
        return Ok(given);
    }
    let specs = kind.fields();
    let dates: Vec<&Column> = columns
        .mapped
        .iter()
        .filter(|c| {
            specs
                .iter()
                .any(|s| s.key == c.field && s.kind == crate::model::FieldKind::Date)
        })
        .collect();
    let mut evidence = DateEvidence::default();
    for row in &sheet.rows[columns.header_row + 1..] {
        for column in &dates {
            if let Cell::Text(text) = row.cell(column.index) {
                evidence.note(text, || format!("row {}, {}", row.number, column.place()));
            }
        }
    }
    match evidence {
        DateEvidence {
            day_first: Some(day_first),
            month_first: Some(month_first),
            ..
        } => Err(ImportError::MixedDates {
            day_first,
            month_first,
        }),
        DateEvidence {
            day_first: Some(_), ..
        } => Ok(Some(DateOrder::Dmy)),
        DateEvidence {
            month_first: Some(_),
            ..
        } => Ok(Some(DateOrder::Mdy)),
        DateEvidence {
            ambiguous: Some(example),
            ..
        } => Err(ImportError::AmbiguousDates { example }),
        _ => Ok(None),
    }
}
