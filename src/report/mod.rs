//! Exports of a workspace for other readers: auditors, procurement teams
//! and other tools. Each format is a pure function of catalogues and records.
//!
//! Text from the files is carried as typed: right-to-left marks, joiners
//! and every script survive byte for byte. What a format cannot carry is
//! decided by the format: JSON escapes controls its own way (the same data
//! once parsed), CSV carries them as they are (data for other tools; the
//! command line shows them visibly only when it prints to a terminal), and
//! the Markdown and HTML documents show them as `^[` (see each module).

use std::sync::atomic::{AtomicBool, Ordering};

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

/// Set once a process means to exit as soon as its export is written.
static EXIT_AFTER_EXPORT: AtomicBool = AtomicBool::new(false);

/// Says that this process exits once its export is written, as `aims
/// export` does: what an export leaves behind is then never freed, since
/// the operating system takes it back at once at the exit, while freeing it
/// piece by piece would take the cores the export still needs.
pub fn exit_after_export() {
    EXIT_AFTER_EXPORT.store(true, Ordering::Relaxed);
}

/// Frees `value` on a thread of its own: a large inventory's report or
/// workbook takes tens of milliseconds to free, which the caller need not
/// wait for; a process about to exit does not free it at all.
fn free_in_background<T: Send + 'static>(value: T) {
    if EXIT_AFTER_EXPORT.load(Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        std::thread::spawn(move || drop(value));
    }
}

/// Appends the rendered `pieces` to `out`, each copied once into room made
/// for all of them, and frees them in the background: a large inventory's
/// report runs to tens of megabytes.
fn append_all(out: &mut String, pieces: Vec<String>) {
    out.reserve(pieces.iter().map(String::len).sum());
    for piece in &pieces {
        out.push_str(piece);
    }
    free_in_background(pieces);
}
