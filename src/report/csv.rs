//! CSV, one table a file, for spreadsheets first: RFC 4180 with CRLF line
//! ends, UTF-8 with a byte-order mark (without it Excel on Windows reads
//! "£" and accented names as two letters each), and every text cell that
//! a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a
//! carriage return first) prefixed with `'`, which Excel and LibreOffice
//! show as plain text. Other control characters are carried as they are:
//! CSV has no escape for them; the command line shows them visibly only
//! when it prints to a terminal.

use super::tables::{DataTable, Value};

/// The byte-order mark Excel needs to read the file as UTF-8.
pub const BOM: &str = "\u{feff}";

pub fn table_csv(table: &DataTable) -> String {
    let header: Vec<&str> = table.columns.iter().map(|c| c.label.as_str()).collect();
    write_csv(&header, table.rows.iter().map(|row| row.iter().map(cell)))
}

/// The CSV of a header and rows of cells, written as given: a caller
/// passes text cells through [`neutralised`].
pub fn write_csv<R: IntoIterator<Item = String>>(
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(header)
        .expect("writing CSV to memory cannot fail");
    for row in rows {
        writer
            .write_record(row)
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    let text = String::from_utf8(bytes).expect("the cells are Rust strings, so the CSV is UTF-8");
    format!("{BOM}{text}")
}

fn cell(value: &Value) -> String {
    match value {
        Value::Text(text) => neutralised(text),
        other => other.display(),
    }
}

/// Text a spreadsheet would read as a formula, made text.
pub fn neutralised(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_text_and_the_rest_kept() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("-1+2"), "'-1+2");
        assert_eq!(neutralised("Zoë £5"), "Zoë £5");
    }
}
