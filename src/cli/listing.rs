//! Lists of records for `inventory list` and `soa list`: a table for
//! people, clipped to fit, and CSV, one row per record under a header of
//! the record type's declared keys. In CSV, lists are joined with `;`,
//! because an item may hold a comma; text is as it is in the records, as in
//! the CSV export (`Output::document` shows control characters on a
//! terminal).

use unicode_width::UnicodeWidthStr;

use crate::model::Fields;
use crate::text::clip;

/// A table with its columns aligned: each as wide as its widest cell, up
/// to its cap in terminal cells (`columns` holds each title and cap).
pub fn aligned_table(columns: &[(&str, usize)], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, (title, cap))| {
            let widest = rows.iter().map(|r| r[i].width()).max().unwrap_or(0);
            widest.min(*cap).max(title.width())
        })
        .collect();
    let line = |cells: &[String]| {
        let mut line = String::new();
        for (cell, width) in cells.iter().zip(&widths) {
            let cell = clip(cell, *width);
            line.push_str(&cell);
            line.push_str(&" ".repeat(width.saturating_sub(cell.width()) + 2));
        }
        format!("{}\n", line.trim_end())
    };
    let header: Vec<String> = columns.iter().map(|(t, _)| t.to_string()).collect();
    let mut text = line(&header);
    for row in rows {
        text.push_str(&line(row));
    }
    text
}

/// A column that is not a field of the record, placed after the field
/// `after` (a control's title, after its id).
pub struct Extra<'a> {
    pub after: &'static str,
    pub header: &'static str,
    pub values: &'a [String],
}

pub fn records_csv<R: Fields>(records: &[&R], extra: Option<Extra>) -> String {
    let keys: Vec<&str> = R::specs().map(|s| s.key).collect();
    let mut header: Vec<&str> = Vec::new();
    for key in &keys {
        header.push(key);
        if let Some(extra) = extra.as_ref().filter(|e| e.after == *key) {
            header.push(extra.header);
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(&header)
        .expect("writing CSV to memory cannot fail");
    for (row, record) in records.iter().enumerate() {
        let mut cells = Vec::new();
        for key in &keys {
            let items = record.items(key).expect("the keys are declared fields");
            cells.push(items.join(";"));
            if let Some(extra) = extra.as_ref().filter(|e| e.after == *key) {
                cells.push(extra.values.get(row).cloned().unwrap_or_default());
            }
        }
        writer
            .write_record(cells)
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("the cells are Rust strings, so the CSV is UTF-8")
}
