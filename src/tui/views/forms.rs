//! Forms of named fields, and the impact assessment of one system.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::super::app::App;
use super::super::popup::FormPopup;
use super::super::theme::Theme;
use super::clip;
use super::popups::{centred, help_line, open_box, pick_list};
use crate::model::{FieldKind, ImpactAssessment};
use crate::text::visible;
use crate::yaml::Choice;

pub fn form(frame: &mut Frame, area: Rect, form: &FormPopup, theme: Theme) {
    let height = (form.rows.len() as u16 + 4).min(area.height.saturating_sub(2));
    let rect = centred(area, area.width.saturating_sub(6).min(96), height);
    let (list_area, help_area) = open_box(frame, rect, &visible(&form.title(), false), theme);
    let value_width = usize::from(list_area.width.saturating_sub(24));
    let items: Vec<ListItem> = form
        .rows
        .iter()
        .enumerate()
        .map(|(row, spec)| {
            let value = form.value(row);
            let shown = visible(&value, true).replace('\n', " ⏎ ");
            let hint = match spec.kind {
                FieldKind::Choice(_) | FieldKind::Choices(_) | FieldKind::References(_) => " ▾",
                FieldKind::Bool => " ⇄",
                _ => "",
            };
            let mark = if spec.required { "*" } else { " " };
            let value_span = if value.is_empty() {
                Span::styled("—", theme.dim())
            } else {
                Span::raw(clip(&shown, value_width))
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!("{mark}{:<21}", spec.label), theme.dim()),
                value_span,
                Span::styled(hint, theme.dim()),
            ]))
        })
        .collect();
    pick_list(frame, list_area, items, form.selected, theme);
    let help = match &form.error {
        Some(error) => Span::styled(visible(error, false).into_owned(), theme.bad()),
        None if form.is_new() => Span::styled(
            "Enter edits a field · Esc creates it (* required)",
            theme.dim(),
        ),
        None => Span::styled(
            "Enter edits a field; each change is saved at once · Esc closes",
            theme.dim(),
        ),
    };
    frame.render_widget(Paragraph::new(help), help_area);
}

fn level(value: Option<impl Choice>) -> String {
    value.map_or_else(|| "—".to_string(), |v| v.as_str().to_string())
}

/// The rows of a system's assessment as the editor lists them.
pub fn impact_lines(assessment: &ImpactAssessment, width: usize) -> Vec<String> {
    let mut rows = vec![format!(
        "Assessed by {} on {} · next review {}",
        assessment.assessed_by.as_deref().unwrap_or("—"),
        assessment.assessed_on.map_or("—".into(), |d| d.to_string()),
        assessment.next_review.map_or("—".into(), |d| d.to_string())
    )];
    for entry in &assessment.impacts {
        rows.push(format!(
            "  {:<13} severity {:<6} likelihood {:<6} residual {:<6} {}",
            entry.group.as_str(),
            level(entry.severity),
            level(entry.likelihood),
            level(entry.residual),
            entry
                .description
                .as_deref()
                .unwrap_or("")
                .replace('\n', " ")
        ));
    }
    rows.push("  + add an affected group (g)".into());
    for risk in &assessment.risks {
        rows.push(format!(
            "  {:<6} {:<8} {} · {} · {} · {}",
            level(risk.level()).to_uppercase(),
            level(risk.status),
            risk.id,
            risk.title,
            risk.owner.as_deref().unwrap_or("no owner"),
            if risk.controls.is_empty() {
                "no controls".to_string()
            } else {
                risk.controls.join(", ")
            }
        ));
    }
    rows.push("  + add a risk (r)".into());
    rows.into_iter()
        .map(|r| clip(&visible(&r, false), width))
        .collect()
}

pub fn impact(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    system: &str,
    selected: usize,
    theme: Theme,
) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let assessment = workspace
        .records
        .impacts
        .get(system)
        .cloned()
        .unwrap_or_else(|| ImpactAssessment {
            system: system.to_string(),
            ..ImpactAssessment::default()
        });
    let rect = centred(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    let implied = assessment
        .implied_rating()
        .map_or("not yet rated".to_string(), |l| {
            format!("implies impact {l}")
        });
    let inventory = workspace
        .records
        .systems
        .get(system)
        .and_then(|s| s.impact)
        .map_or("—", |i| i.as_str());
    let title = format!("Impact assessment of {system} · {implied} · inventory says {inventory}");
    let (list_area, help_area) = open_box(frame, rect, &visible(&title, false), theme);
    let lines = impact_lines(&assessment, usize::from(list_area.width));
    let groups = assessment.impacts.len();
    let items: Vec<ListItem> = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let style = if i == 0 || i == groups + 1 || i == groups + assessment.risks.len() + 2 {
                theme.dim()
            } else {
                theme.plain()
            };
            ListItem::new(Span::styled(line, style))
        })
        .collect();
    pick_list(frame, list_area, items, selected, theme);
    help_line(
        frame,
        help_area,
        "Enter edit · g add a group · r add a risk · D remove · Esc close · risk level = severity x likelihood",
        theme,
    );
}
