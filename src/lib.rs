//! aims: a terminal workbench for ISO/IEC 42001 AI management systems.
//!
//! The library is the core every front end stands on: the catalogues of
//! controls (`catalog`), the plain-file workspace (`workspace`), the typed
//! records and what is computed from them (`model`), exports (`report`) and
//! spreadsheet imports (`import`).
//! None of it knows about a terminal.

pub mod catalog;
pub mod cli;
pub mod import;
pub mod model;
pub mod report;
pub mod sample;
pub mod text;
pub mod tui;
pub mod workspace;
pub mod yaml;
