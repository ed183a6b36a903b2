//! Exports of a workspace for other readers: auditors, procurement teams
//! and other tools. Each format is a pure function of catalogues and records.
//!
//! Text from the files is carried as typed: right-to-left marks, joiners
//! and every script survive byte for byte. What a format cannot carry is
//! decided by the format: JSON escapes controls its own way (the same data
//! once parsed), CSV carries them as they are (data for other tools; the
//! command line shows them visibly only when it prints to a terminal), and
//! the Markdown and HTML documents show them as `^[` (see each module).

mod control;
mod crosswalk;
mod csv;
mod document;
mod gdpr;
mod html;
mod json;
mod markdown;
mod obligations;
mod tables;
mod xlsx;

pub use control::{Circumstances, DocumentControl};
pub use crosswalk::{
    crosswalk_csv, crosswalk_json, crosswalk_markdown, crosswalk_sections, crosswalks_json,
    implemented_share,
};
pub use csv::{BOM as CSV_BOM, table_csv, write_csv};
pub use gdpr::{gdpr_csv, gdpr_json, gdpr_markdown};
pub use html::{export_html, text as html_text};
pub use json::{export_json, json_text, progress_json};
pub use markdown::{export_markdown, inline as markdown_text};
pub use obligations::{
    DutiesReport, classification as classification_line, date_text, duties_json, duties_markdown,
    duties_table,
};
pub use tables::{Column, DataTable, TableId, Value, data_table};
pub use xlsx::workbook;

/// Frees `value` on a thread of its own: a large inventory's report or
/// workbook takes tens of milliseconds to free, which the caller need not
/// wait for (and a command that exits next never does).
fn free_in_background<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}
