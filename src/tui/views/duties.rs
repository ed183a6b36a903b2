//! The section "EU AI Act duties (indicative)" of a system's page on the
//! Inventory tab: what looks wrong with its recorded role or tier, then each
//! duty with its date, its coverage by ISO controls and what it depends on.

use chrono::NaiveDate;
use ratatui::text::{Line, Span};

use super::super::theme::Theme;
use crate::catalog::DutyRules;
use crate::model::AiSystem;
use crate::model::obligations::{Coverage, obligations};
use crate::report::date_text;
use crate::text::visible;
use crate::workspace::Workspace;

const HEADING: &str = "EU AI Act duties (indicative, not legal advice)";

pub fn duty_lines(
    workspace: &Workspace,
    system: &AiSystem,
    today: NaiveDate,
    theme: Theme,
) -> Vec<Line<'static>> {
    let found = obligations(
        DutyRules::builtin(),
        &workspace.catalogs,
        &workspace.records,
        system,
    );
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled(HEADING, theme.title())),
    ];
    for doubt in &found.doubts {
        lines.push(Line::from(Span::styled(
            format!("! {}", visible(&doubt.message, false)),
            theme.warn(),
        )));
    }
    for missing in &found.missing {
        lines.push(Line::from(Span::styled(
            format!("- {missing}"),
            theme.dim(),
        )));
    }
    for duty in &found.duties {
        let coverage = duty.coverage();
        let style = match coverage {
            Coverage::Implemented => theme.good(),
            Coverage::Gap => theme.warn(),
            Coverage::InProgress | Coverage::NoIsoControl => theme.plain(),
        };
        let verb = if duty.in_force(today) {
            "since"
        } else {
            "from"
        };
        lines.push(Line::from(vec![
            Span::styled(duty.articles(), theme.key()),
            Span::raw(format!(" {}", duty.rule.title)),
        ]));
        lines.push(Line::from(vec![
            Span::styled(format!("  {verb} {} · ", date_text(duty)), theme.dim()),
            Span::styled(coverage.label(), style),
        ]));
        if !duty.controls.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("  {}", duty.controls_text(", ")),
                theme.dim(),
            )));
        }
        for condition in &duty.conditions {
            lines.push(Line::from(Span::styled(
                format!("  only if {condition}"),
                theme.dim(),
            )));
        }
    }
    lines
}
