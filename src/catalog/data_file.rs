//! Reading one of the YAML data files shipped in `catalog/` (a catalogue,
//! the readiness guide, a framework's items) into a checked value: parse,
//! then hand the top node to the file's reader, which reports every problem
//! with its position rather than stopping at the first.

use crate::yaml::{Findings, Limits, Node, Pos, parse_document};

/// Reads `text` with `read`; `empty` is the message for a file with no
/// content. Fails with every finding when any of them is an error.
pub fn read_data_file<T>(
    text: &str,
    empty: &str,
    read: impl FnOnce(Node, &mut Findings) -> Option<T>,
) -> Result<T, Findings> {
    let mut findings = Findings::default();
    let node = match parse_document(text, Limits::default()) {
        Ok(Some(node)) => node,
        Ok(None) => {
            findings.error(Pos::START, empty);
            return Err(findings);
        }
        Err(e) => {
            findings.error(e.pos, e.message);
            return Err(findings);
        }
    };
    match read(node, &mut findings) {
        Some(value) if !findings.has_errors() => Ok(value),
        _ => Err(findings),
    }
}
