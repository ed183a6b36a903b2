//! `aims crosswalk --framework nist-ai-rmf|eu-ai-act`: each item of the
//! other framework, the ISO controls that cite it, where they stand in the
//! Statement of Applicability, and the coverage of each item and overall.

use std::path::Path;

use super::args::{CrosswalkFramework, ViewFormat};
use super::listing::aligned_table;
use super::setting::report_errors;
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace, today};
use crate::catalog::{Framework, FrameworkId};
use crate::model::{COVERAGE_EXPLAINED, Crosswalk, MARKERS_EXPLAINED, crosswalk};
use crate::report::{crosswalk_csv, crosswalk_json, crosswalk_markdown, implemented_share};
use crate::text::{count, visible};

pub const HELP: &str = "\
Coverage of an item:
  covered  at least one ISO control that cites it applies (decided
           applicable, or a mandatory clause) and is implemented
  partial  at least one applies, none is implemented yet
  gap      none applies: each is excluded or undecided, or no control
           cites the item

The NIST AI RMF mapping is NIST's own crosswalk; the EU AI Act one is
indicative (ISO/IEC 42001 gives no presumption of conformity). Each
control's catalogue entry names the items it helps with.

csv has one row per item and control (an item no control cites has one
row with the control left empty); json has every item with its controls,
and the coverage counts and percentages (keys in the README).

Examples:
  aims crosswalk --framework nist-ai-rmf
  aims crosswalk --framework eu-ai-act --format csv > eu-ai-act.csv
  aims crosswalk --framework nist-ai-rmf --format json |
      jq '.items[] | select(.coverage == \"gap\") | .id'

Exit status: 0 shown, 1 the workspace has errors (nothing is counted),
2 usage or not a workspace.";

pub fn run(
    dir: Option<&Path>,
    framework: CrosswalkFramework,
    format: ViewFormat,
    out: &mut Output,
) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    if report_errors(&workspace, out) {
        out.note("no crosswalk is shown while files have errors: it would count what is missing as undecided; fix them first (`aims check`)");
        return Ok(EXIT_FINDINGS);
    }
    let id = match framework {
        CrosswalkFramework::NistAiRmf => FrameworkId::NistAiRmf,
        CrosswalkFramework::EuAiAct => FrameworkId::EuAiAct,
    };
    let crosswalk = crosswalk(
        Framework::builtin(id),
        &workspace.catalogs,
        &workspace.records,
    );
    match format {
        ViewFormat::Table => out.data(&table(&crosswalk)),
        ViewFormat::Csv => out.document(&crosswalk_csv(&crosswalk)),
        ViewFormat::Json => out.json(&crosswalk_json(&crosswalk)),
        ViewFormat::Md => out.document(&crosswalk_markdown(
            &crosswalk,
            &workspace.records.manifest.organisation,
            today(),
        )),
    }
    Ok(EXIT_OK)
}

/// The columns, with the widest each may grow.
const COLUMNS: [(&str, usize); 5] = [
    ("item", 12),
    ("title", 36),
    ("coverage", 8),
    ("impl", 5),
    ("ISO controls", CONTROLS_WIDTH),
];

/// How wide the list of controls may be before it goes on under itself.
const CONTROLS_WIDTH: usize = 44;

/// The marked controls ("A.5.2 A done") in lines of at most `width`.
fn control_lines(marked: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for mark in marked {
        match lines.last_mut() {
            Some(line) if line.len() + 2 + mark.len() <= width => {
                line.push_str(", ");
                line.push_str(mark);
            }
            _ => lines.push(mark.clone()),
        }
    }
    if lines.is_empty() {
        lines.push("none cites it".into());
    }
    lines
}

fn table(crosswalk: &Crosswalk) -> String {
    let framework = crosswalk.framework;
    let (one, many) = framework.id.item_words();
    let mut rows = Vec::new();
    for item in crosswalk.items() {
        let marked: Vec<String> = item
            .controls
            .iter()
            .map(|c| visible(&c.marked(), false).into_owned())
            .collect();
        let title = if item.title.is_empty() {
            "-".to_string()
        } else {
            visible(&item.title, false).into_owned()
        };
        for (i, controls) in control_lines(&marked, CONTROLS_WIDTH)
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 {
                [
                    visible(&item.id, false).into_owned(),
                    title.clone(),
                    item.coverage().to_string(),
                    implemented_share(item),
                ]
            } else {
                Default::default()
            };
            rows.push(lead.into_iter().chain([controls]).collect());
        }
    }
    let tally = crosswalk.tally();
    format!(
        "ISO/IEC 42001 crosswalk to the {}: {}\n{}\n\n{}\n{}.\n{}.\nimpl = controls implemented of those that apply.\nmarkers: {MARKERS_EXPLAINED}.\n",
        framework.title,
        count(tally.items, one, many),
        framework.note,
        aligned_table(&COLUMNS, &rows),
        tally.summary(),
        COVERAGE_EXPLAINED,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_wrap_under_themselves_and_an_uncited_item_says_so() {
        let marked: Vec<String> = ["4.1 M done", "6.2 M plan", "A.2.2 A done", "A.2.4 X"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            control_lines(&marked, 24),
            ["4.1 M done, 6.2 M plan", "A.2.2 A done, A.2.4 X"]
        );
        assert_eq!(control_lines(&[], 24), ["none cites it"]);
    }
}
