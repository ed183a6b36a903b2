//! The risk register: every risk of every impact assessment, highest level
//! first, with the system it belongs to and the controls that treat it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::super::app::{App, Focus};
use super::super::theme::Theme;
use super::{clip, scroll_offset};
use crate::model::Level;
use crate::text::visible;
use crate::yaml::Choice;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(6)]).areas(area);
    let focused = app.focus == Focus::List && app.popups.is_empty();
    let height = usize::from(table_area.height.saturating_sub(3)).max(1);
    let offset = scroll_offset(
        app.risks.offset.get(),
        app.risks.selected,
        height,
        app.risks.rows.len(),
    );
    app.risks.offset.set(offset);
    let title_width = usize::from(table_area.width.saturating_sub(60)).max(12);
    let rows: Vec<Row> = app
        .risks
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .filter_map(|row| {
            let risk = workspace
                .records
                .impacts
                .get(&row.system)?
                .risks
                .get(row.index)?;
            let level = risk.level();
            let level_style = match level {
                Some(Level::High) => theme.bad(),
                Some(Level::Medium) => theme.warn(),
                _ => theme.plain(),
            };
            Some(Row::new(vec![
                Cell::from(Span::styled(
                    level.map_or("—", |l| l.as_str()).to_uppercase(),
                    level_style,
                )),
                Cell::from(risk.status.map_or("open", |s| s.as_str())),
                Cell::from(clip(&visible(&risk.title, false), title_width)),
                Cell::from(clip(&visible(&row.system, false), 20)),
                Cell::from(clip(
                    &visible(risk.owner.as_deref().unwrap_or("—"), false),
                    16,
                )),
            ]))
        })
        .collect();
    let header = Row::new(
        ["Level", "Status", "Risk", "System", "Owner"]
            .map(|h| Cell::from(Span::styled(h, theme.title()))),
    );
    let count = app.summary.risks;
    let table = Table::new(
        rows,
        [
            Constraint::Length(7),
            Constraint::Length(9),
            Constraint::Min(12),
            Constraint::Length(20),
            Constraint::Length(16),
        ],
    )
    .header(header)
    .block(
        Block::bordered()
            .title(format!(
                " Risk register: {} of {count} risks ",
                app.risks.rows.len()
            ))
            .border_style(theme.border(focused)),
    )
    .row_highlight_style(theme.selected(focused));
    let mut state =
        TableState::default().with_selected(Some(app.risks.selected.saturating_sub(offset)));
    frame.render_stateful_widget(table, table_area, &mut state);

    let mut lines = Vec::new();
    if let Some(row) = app.risks.rows.get(app.risks.selected)
        && let Some(risk) = workspace
            .records
            .impacts
            .get(&row.system)
            .and_then(|a| a.risks.get(row.index))
    {
        lines.push(Line::from(Span::styled(
            visible(&format!("{} · {}", risk.id, risk.title), false).into_owned(),
            theme.title(),
        )));
        lines.push(Line::from(format!(
            "severity {} × likelihood {} = {} · treatment {} · owner {}",
            risk.severity.map_or("—", |l| l.as_str()),
            risk.likelihood.map_or("—", |l| l.as_str()),
            risk.level().map_or("—", |l| l.as_str()),
            risk.treatment.map_or("—", |t| t.as_str()),
            visible(risk.owner.as_deref().unwrap_or("—"), false)
        )));
        let controls = if risk.controls.is_empty() {
            "none yet".to_string()
        } else {
            risk.controls.join(", ")
        };
        lines.push(Line::from(format!(
            "system {} · treated by {}",
            visible(&row.system, false),
            visible(&controls, false)
        )));
    } else if count == 0 {
        lines.push(Line::from(
            "No risks yet: open a system's impact assessment (1, then i) and add them there.",
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().border_style(theme.border(false)))
            .wrap(Wrap { trim: false }),
        detail_area,
    );
}
