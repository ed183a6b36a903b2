//! `aims gdpr`: the GDPR / UK GDPR view, indicative and not legal advice.
//! It is a command of its own rather than a `crosswalk` framework because
//! its rows are the inventory's systems, not a framework's items, and it
//! looks files up in the workspace (the DPIAs) where a crosswalk reads only
//! the records.

use std::path::Path;

use super::args::ViewFormat;
use super::listing::aligned_table;
use super::setting::report_errors;
use super::{EXIT_FINDINGS, EXIT_OK, Failure, Output, open_workspace, today};
use crate::catalog::Gdpr;
use crate::model::{ART22_EXPLAINED, DPIA_EXPLAINED, GdprView, gdpr_view};
use crate::report::{gdpr_csv, gdpr_json, gdpr_markdown};
use crate::text::{count, visible};

pub const HELP: &str = "\
Indicative, not legal advice: a data protection officer or lawyer decides
whether a DPIA is needed and whether Art. 22 applies. The UK GDPR keeps
the GDPR's article numbers.

Systems: every current system that processes personal data, or does not
say whether it does, with its DPIA reference. A relative path is looked up
in the workspace (found / not found); a web address is not fetched; an
absolute path, or one with `..`, or a link that leads out of the
workspace, is \"outside the workspace, not checked\" and never opened.

Automated decisions (Art. 22), from the inventory:
  check      it affects people (users, employees, customers or third
             parties) and no human oversight is recorded
  confirm    it affects people in a high-risk Annex III use and oversight
             is recorded: confirm a person really weighs each decision
  unknown    who it affects is not recorded
  overseen   it affects people and human oversight is recorded
  no individuals  it affects society at large only

Controls: the ISO controls that support a DPIA (Art. 35) and safeguards
for automated decisions (Art. 22), with their decision and status; the
list is data in catalog/gdpr.yaml.

csv has one row per system; json has the systems, the articles with
their controls, and the rules (keys in the README).

Exit status: 0 shown, 1 the workspace has errors, 2 usage or not a
workspace.";

pub fn run(dir: Option<&Path>, format: ViewFormat, out: &mut Output) -> Result<u8, Failure> {
    let workspace = open_workspace(dir)?;
    if report_errors(&workspace, out) {
        out.note("no GDPR view is shown while files have errors: a broken system file would drop out of it unseen; fix them first (`aims check`)");
        return Ok(EXIT_FINDINGS);
    }
    let view = gdpr_view(
        Gdpr::builtin(),
        &workspace.catalogs,
        &workspace.records,
        |path| workspace.look_up(path),
    );
    match format {
        ViewFormat::Table => out.data(&table(&view)),
        ViewFormat::Csv => out.document(&gdpr_csv(&view)),
        ViewFormat::Json => out.json(&gdpr_json(&view)),
        ViewFormat::Md => out.document(&gdpr_markdown(
            &view,
            &workspace.records.manifest.organisation,
            today(),
        )),
    }
    Ok(EXIT_OK)
}

const SYSTEM_COLUMNS: [(&str, usize); 5] = [
    ("system", 24),
    ("personal data", 13),
    ("DPIA", 50),
    ("DPIA file", 34),
    ("automated decisions (Art. 22)", 60),
];

const CONTROL_COLUMNS: [(&str, usize); 4] = [
    ("control", 8),
    ("title", 48),
    ("decision", 10),
    ("status", 12),
];

fn table(view: &GdprView) -> String {
    let gdpr = view.gdpr;
    let text = |t: &str| visible(t, false).into_owned();
    let mut out = format!("{}: {}\n\n", gdpr.title, gdpr.note);
    let flagged = view
        .systems
        .iter()
        .filter(|r| r.decisions.flagged())
        .count();
    out.push_str(&format!(
        "Systems that process personal data or do not say: {}; Art. 22 to look at: {flagged}\n",
        view.systems.len()
    ));
    if !view.systems.is_empty() {
        let rows: Vec<Vec<String>> = view
            .systems
            .iter()
            .map(|row| {
                vec![
                    text(&row.system.id),
                    if row.system.personal_data == Some(true) {
                        "yes".into()
                    } else {
                        "not recorded".into()
                    },
                    text(row.system.dpia.as_deref().unwrap_or("-")),
                    row.dpia.label().to_string(),
                    text(&row.decisions_text()),
                ]
            })
            .collect();
        out.push_str(&aligned_table(&SYSTEM_COLUMNS, &rows));
    }
    if !view.without_personal_data.is_empty() {
        let ids: Vec<String> = view
            .without_personal_data
            .iter()
            .map(|s| text(&s.id))
            .collect();
        out.push_str(&format!(
            "{} recorded as processing no personal data: {}\n",
            count(ids.len(), "system", "systems"),
            ids.join(", ")
        ));
    }
    for (article, standings) in &view.articles {
        out.push_str(&format!(
            "\n{} {}: the ISO controls that support it\n",
            article.id, article.title
        ));
        let rows: Vec<Vec<String>> = standings
            .iter()
            .map(|c| {
                vec![
                    c.id.clone(),
                    text(&c.title),
                    c.decision.to_string(),
                    c.status.map_or("-", |s| s.label()).to_string(),
                ]
            })
            .collect();
        out.push_str(&aligned_table(&CONTROL_COLUMNS, &rows));
    }
    out.push_str(&format!("\n{DPIA_EXPLAINED}.\n{ART22_EXPLAINED}.\n"));
    out
}
