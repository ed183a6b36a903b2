//! Reading a spreadsheet into rows of cells: CSV (UTF-8 with or without a
//! byte-order mark, CRLF or LF, quoted cells over several lines, comma,
//! semicolon or tab between cells) and one sheet of an xlsx, xls or ods
//! workbook, with real date cells kept as dates. What the cells mean is for
//! `headers` and `values`; this module only reads, from bytes, so that
//! nothing here touches the disk.

use std::fmt;
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;

/// One cell, as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A real date cell of a workbook (never guessed from text).
    Date(NaiveDate),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the sheet shows it, for values and messages: a whole
    /// number without a decimal point.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// One row, numbered as a spreadsheet numbers it (the first is 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Empty)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// The rows of one sheet, blank ones included, so that numbers stay true.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub rows: Vec<Row>,
    /// Every sheet of the workbook it was read from (none for CSV), so a
    /// message can name the others.
    pub sheets: Vec<String>,
}

/// Why a file could not be read as a spreadsheet.
#[derive(Debug, PartialEq)]
pub enum SheetError {
    /// The name ends in none of the extensions aims reads.
    UnknownFormat,
    /// A CSV row that is not UTF-8 (a file saved in a legacy encoding).
    NotUtf8 {
        row: usize,
    },
    Csv(String),
    Workbook(String),
    /// `--sheet` names no sheet of the workbook.
    NoSheet {
        name: String,
        sheets: Vec<String>,
    },
    /// The workbook has no sheet at all.
    NoSheets,
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetError::UnknownFormat => f.write_str(
                "aims reads .csv, .xlsx, .xlsm, .xls and .ods files; save the spreadsheet in one of those",
            ),
            SheetError::NotUtf8 { row } => write!(
                f,
                "row {row} is not UTF-8 text; save the file as \"CSV UTF-8\" and try again"
            ),
            SheetError::Csv(e) => write!(f, "not readable as CSV: {e}"),
            SheetError::Workbook(e) => write!(f, "not readable as a workbook: {e}"),
            SheetError::NoSheet { name, sheets } => write!(
                f,
                "no sheet named `{name}`; its sheets are {}",
                sheets
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            SheetError::NoSheets => f.write_str("the workbook has no sheet"),
        }
    }
}

impl std::error::Error for SheetError {}

/// Whether a file name is a workbook (else CSV), by its extension.
fn is_workbook(name: &str) -> Option<bool> {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("csv" | "txt" | "tsv") => Some(false),
        Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods") => Some(true),
        _ => None,
    }
}

/// Reads the file named `name` (its extension picks the format) from its
/// bytes; for a workbook, the sheet `sheet`, else the first.
pub fn read(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Sheet, SheetError> {
    match is_workbook(name) {
        None => Err(SheetError::UnknownFormat),
        Some(false) => read_csv(bytes),
        Some(true) => read_workbook(bytes, sheet),
    }
}

/// The cell separator of a CSV file: the one of comma, semicolon and tab
/// its first line holds most of (outside quotes), because Excel writes
/// semicolons where the comma is the decimal mark.
fn delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'\n' if !quoted => break,
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(bytes))
        .from_reader(bytes);
    let mut rows = Vec::new();
    // Rows are numbered as records, so a cell over several lines is one
    // row, as a spreadsheet program shows it. (Blank lines, which the reader
    // skips, are not counted: its line positions are not exact enough.)
    for (i, record) in reader.byte_records().enumerate() {
        let number = i + 1;
        let record = record.map_err(|e| SheetError::Csv(e.to_string()))?;
        let mut cells = Vec::with_capacity(record.len());
        for field in record.iter() {
            let text =
                std::str::from_utf8(field).map_err(|_| SheetError::NotUtf8 { row: number })?;
            // Line ends inside a quoted cell are the file's, not the text's.
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            cells.push(if text.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(text)
            });
        }
        rows.push(Row { number, cells });
    }
    Ok(Sheet {
        rows,
        sheets: Vec::new(),
    })
}

fn read_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Sheet, SheetError> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| SheetError::Workbook(e.to_string()))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| SheetError::NoSheet {
                name: wanted.to_string(),
                sheets: names.clone(),
            })?,
        None => names.first().cloned().ok_or(SheetError::NoSheets)?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| SheetError::Workbook(e.to_string()))?;
    // The range starts at its first used cell; numbers and column letters
    // count from A1, as the person sees them.
    let (top, left) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = vec![Cell::Empty; left as usize];
            cells.extend(row.iter().map(cell_of));
            Row {
                number: top as usize + i + 1,
                cells,
            }
        })
        .collect();
    Ok(Sheet {
        rows,
        sheets: names,
    })
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) if text.trim().is_empty() => Cell::Empty,
        Data::String(text) => Cell::Text(text.replace("\r\n", "\n")),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(when) if when.is_datetime() => {
            let (year, month, day, ..) = when.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())
                .map_or_else(|| Cell::Text(when.to_string()), Cell::Date)
        }
        Data::DateTimeIso(text) => text
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::Text(text.clone()), Cell::Date),
        other => Cell::Text(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|r| r.cells.iter().map(Cell::text).collect())
            .collect()
    }

    #[test]
    fn csv_with_bom_crlf_and_a_cell_over_two_lines() {
        let bytes =
            b"\xEF\xBB\xBFControl ID,Justification\r\nA.2.2,\"first\r\nsecond\"\r\n\r\nA.3.2,x\r\n";
        let sheet = read("soa.csv", bytes, None).expect("reads");
        assert_eq!(
            texts(&sheet),
            [
                vec!["Control ID", "Justification"],
                vec!["A.2.2", "first\nsecond"],
                vec!["A.3.2", "x"],
            ]
        );
        // The cell over two lines is one row.
        assert_eq!(sheet.rows[2].number, 3);
    }

    #[test]
    fn semicolons_are_taken_for_the_separator_when_the_header_has_more() {
        let sheet = read("x.CSV", b"Name;Vendor, Inc;Owner\nA;B;C\n", None).expect("reads");
        assert_eq!(texts(&sheet)[0], ["Name", "Vendor, Inc", "Owner"]);
    }

    #[test]
    fn legacy_encodings_and_unknown_formats_are_refused_with_advice() {
        let error = read("x.csv", b"Name\nCaf\xE9\n", None).expect_err("not UTF-8");
        assert_eq!(error, SheetError::NotUtf8 { row: 2 });
        assert!(error.to_string().contains("CSV UTF-8"));
        assert_eq!(read("x.pdf", b"", None), Err(SheetError::UnknownFormat));
        assert!(matches!(
            read("x.xlsx", b"not a zip", None),
            Err(SheetError::Workbook(_))
        ));
    }
}
