//! Exports of a workspace for other readers: auditors, procurement teams
//! and other tools. Each format is a pure function of catalogues and records.

mod json;

pub use json::{export_json, progress_json};
