//! Exports of a workspace for other readers: auditors, procurement teams
//! and other tools. Each format is a pure function of catalogues and records.

mod csv;
mod document;
mod html;
mod json;
mod markdown;

pub use csv::export_csv;
pub use html::{export_html, text as html_text};
pub use json::{export_json, progress_json};
pub use markdown::export_markdown;
