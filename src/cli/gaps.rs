//! `aims gaps`: prioritised next steps, the same list as the Gaps tab.

use std::path::Path;

use serde_json::json;

use super::args::GapsFormat;
use super::{EXIT_OK, Failure, Output, open_workspace, today};
use crate::model::gaps;
use crate::text::visible;

pub fn run(dir: Option<&Path>, format: GapsFormat, out: &mut Output) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    let found = gaps(&workspace.catalogs, &workspace.records, today());
    let text = match format {
        GapsFormat::Text => {
            let mut text = String::new();
            for gap in &found {
                text.push_str(&format!(
                    "{:<7} {}  ({})\n",
                    gap.priority.label(),
                    visible(&gap.message, false),
                    visible(&gap.path, false)
                ));
            }
            if found.is_empty() {
                text.push_str(
                    "no gaps: every control is decided and justified, nothing is overdue\n",
                );
            }
            text
        }
        GapsFormat::Json => {
            let list: Vec<_> = found
                .iter()
                .map(|g| json!({ "priority": g.priority.label(), "path": g.path, "message": g.message }))
                .collect();
            crate::text::escape_hidden_in_json(&format!("{:#}\n", json!({ "gaps": list })))
        }
    };
    out.data(&text);
    Ok(EXIT_OK)
}
