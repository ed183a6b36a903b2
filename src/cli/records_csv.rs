//! Records as CSV, one row per record under a header of the record type's
//! declared keys, for `inventory list` and `soa list`. Lists are joined
//! with `;`, because an item may hold a comma; control characters are made
//! visible like everywhere else, because a CSV is as likely to be `cat` as
//! parsed.

use crate::model::Fields;
use crate::text::visible;

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
            cells.push(visible(&items.join(";"), true).into_owned());
            if let Some(extra) = extra.as_ref().filter(|e| e.after == *key) {
                let value = extra.values.get(row).map_or("", String::as_str);
                cells.push(visible(value, true).into_owned());
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
