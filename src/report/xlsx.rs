//! The spreadsheet: one workbook with a cover sheet (document control) and
//! a sheet per table, header rows frozen and filtered, columns sized to
//! their content, long text wrapped, dates as real dates.

use rayon::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::csv::neutralised;
use super::tables::{DataTable, TableId, Value};

/// The widest a column grows, in characters; long text wraps within it.
const MAX_WIDTH: usize = 60;

/// The workbook as bytes: `cover` is the document control, label and
/// value per row, then a sheet for each of `tables`, each table made by
/// `table` when its sheet is filled.
pub fn workbook(
    cover: &[(String, String)],
    tables: &[TableId],
    table: impl Fn(TableId) -> DataTable + Sync,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // The fastest level: a large inventory's workbook is about half as
    // large again as at the default level, and written in two thirds of
    // the time, which is what keeps it within 3x of `aims check`.
    book.set_zip_compression_level(1);
    book.push_worksheet(cover_sheet(cover)?);
    // Each table is made and its sheet filled on every thread, one after
    // the other, so that no thread waits for the largest table before it
    // starts on the sheets. A constant-memory sheet turns each row into XML
    // as it is written, on the thread that fills it, with its text inline:
    // saving then only compresses, where a sheet kept in memory is turned
    // into XML and its text into one shared table at the end, on one
    // thread, which took three times as long as the rest of the save. Its
    // rows wait in an unnamed temporary file, gone when aims exits.
    let formats = SheetFormats::new();
    formats.register(&mut book)?;
    let mut sheets = tables
        .iter()
        .map(|_| book.new_worksheet_with_constant_memory())
        .collect::<Result<Vec<_>, _>>()?;
    let filled = with_temp_write_failures_caught(|| {
        sheets
            .par_iter_mut()
            .zip(tables)
            .try_for_each(|(sheet, id)| table_sheet(sheet, &formats, &table(*id)))?;
        for sheet in sheets {
            book.push_worksheet(sheet);
        }
        book.save_to_buffer()
    });
    super::free_in_background(book);
    filled
}

/// What the library says, as a panic, when it cannot write a row to its
/// temporary file.
const TEMP_WRITE_FAILED: &str = "Couldn't write to xml file";

/// Runs `fill`, turning the library's panic when a row cannot be written
/// to its temporary file (a full disk) into the error it is, without the
/// panic's report: nothing half-made is written, and the command says what
/// went wrong. Any other panic is reported and goes on as before.
fn with_temp_write_failures_caught(
    fill: impl FnOnce() -> Result<Vec<u8>, XlsxError>,
) -> Result<Vec<u8>, XlsxError> {
    use std::panic::{self, PanicHookInfo};
    use std::sync::Arc;
    let is_temp_write = |info: &PanicHookInfo| {
        let text = info.payload().downcast_ref::<String>().map(String::as_str);
        text.is_some_and(|t| t.starts_with(TEMP_WRITE_FAILED))
    };
    let previous: Arc<dyn Fn(&PanicHookInfo) + Send + Sync> = panic::take_hook().into();
    let report = Arc::clone(&previous);
    panic::set_hook(Box::new(move |info| {
        if !is_temp_write(info) {
            report(info);
        }
    }));
    let filled = panic::catch_unwind(panic::AssertUnwindSafe(fill));
    let _ours = panic::take_hook();
    panic::set_hook(Box::new(move |info| previous(info)));
    match filled {
        Ok(done) => done,
        Err(payload) => match payload.downcast::<String>() {
            Ok(text) if text.starts_with(TEMP_WRITE_FAILED) => {
                Err(XlsxError::IoError(std::io::Error::other(format!(
                    "its rows could not be written to a temporary file ({}); is the temporary folder (TMPDIR) full?",
                    text.trim_start_matches(TEMP_WRITE_FAILED)
                        .trim_start_matches(": ")
                ))))
            }
            Ok(text) => panic::resume_unwind(text),
            Err(other) => panic::resume_unwind(other),
        },
    }
}

/// The formats of the table sheets.
struct SheetFormats {
    bold: Format,
    wrap: Format,
    date: Format,
}

impl SheetFormats {
    fn new() -> SheetFormats {
        SheetFormats {
            bold: Format::new().set_bold(),
            wrap: wrapped(),
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Top),
        }
    }

    /// Gives each format its number in the workbook, on one thread. The
    /// sheets share the workbook's table of formats, and two sheets adding
    /// the same new format at the same moment could give two formats one
    /// number: dates shown as numbers, headers not bold.
    fn register(&self, book: &mut Workbook) -> Result<(), XlsxError> {
        let mut sheet = book.new_worksheet_with_constant_memory()?;
        for (col, format) in [&self.bold, &self.wrap, &self.date].into_iter().enumerate() {
            sheet.set_column_format(u16::try_from(col).unwrap_or(0), format)?;
        }
        Ok(())
    }
}

fn cover_sheet(cover: &[(String, String)]) -> Result<Worksheet, XlsxError> {
    let bold = Format::new().set_bold();
    let wrap = wrapped();
    let mut sheet = Worksheet::new();
    sheet.set_name("Document")?;
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 90)?;
    for (i, (label, value)) in cover.iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(u32::MAX);
        sheet.write_with_format(row, 0, label, &bold)?;
        sheet.write_with_format(row, 1, neutralised(value), &wrap)?;
    }
    Ok(sheet)
}

fn wrapped() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}

fn table_sheet(
    sheet: &mut Worksheet,
    formats: &SheetFormats,
    table: &DataTable,
) -> Result<(), XlsxError> {
    let SheetFormats { bold, wrap, date } = formats;
    sheet.set_name(table.id.title())?;
    for (c, column) in table.columns.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_with_format(0, col, &column.label, bold)?;
        let longest = table
            .rows
            .iter()
            .map(|row| widest_line(&row[c]))
            .chain([column.label.len()])
            .max()
            .unwrap_or(8);
        let width = if column.long {
            MAX_WIDTH
        } else {
            longest.clamp(8, MAX_WIDTH)
        };
        sheet.set_column_width(col, width as f64 + 2.0)?;
        // Cells written without a format of their own take the column's:
        // one look-up of the format per column instead of one per cell.
        sheet.set_column_format(col, wrap)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let at = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, value) in row.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            match value {
                Value::Text(text) => {
                    sheet.write(at, col, neutralised(text))?;
                }
                Value::Date(day) => {
                    let day = ExcelDateTime::parse_from_str(&day.to_string())?;
                    sheet.write_with_format(at, col, &day, date)?;
                }
                Value::Number(n) => {
                    sheet.write(at, col, *n)?;
                }
                Value::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// The length of a value's longest line, without making text of it.
fn widest_line(value: &Value) -> usize {
    match value {
        Value::Text(text) => text.lines().map(str::len).max().unwrap_or(0),
        Value::Date(_) => "yyyy-mm-dd".len(),
        Value::Number(_) | Value::Empty => value.display().len(),
    }
}
