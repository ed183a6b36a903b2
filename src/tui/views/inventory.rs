//! The inventory pane: a table of AI systems and the selected one's details.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::super::app::{App, Focus};
use super::super::filter::FuzzyQuery;
use super::super::rows::{Column, cell_text};
use super::super::theme::Theme;
use super::controls::highlight;
use super::{clip, scroll_offset};
use crate::text::{count, visible};
use crate::yaml::Choice;

/// The columns that fit, in order of importance, with their widths.
fn columns_for(width: u16) -> Vec<(Column, u16)> {
    let wanted = [
        (Column::Name, 24),
        (Column::Sourcing, 8),
        (Column::Owner, 16),
        (Column::Risk, 10),
        (Column::Impact, 10),
        (Column::Lifecycle, 14),
        (Column::Approval, 10),
        (Column::NextReview, 11),
        (Column::Vendor, 16),
        (Column::Role, 12),
    ];
    let mut used = 0;
    let mut chosen: Vec<(Column, u16)> = Vec::new();
    for (column, w) in wanted {
        if used + w < width {
            used += w + 1;
            chosen.push((column, w));
        }
    }
    chosen.sort_by_key(|(c, _)| Column::ALL.iter().position(|a| a == c));
    chosen
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let wide = area.width >= 120;
    let [table_area, detail_area] = if wide {
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area)
    };
    let focused = app.focus == Focus::List && app.popups.is_empty();
    let columns = columns_for(table_area.width.saturating_sub(2));
    let header = Row::new(
        columns
            .iter()
            .map(|(c, _)| Cell::from(Span::styled(c.title(), theme.title()))),
    );
    // Only the rows on screen are built, so a 10,000-system inventory costs
    // no more to draw than a small one.
    let height = usize::from(table_area.height.saturating_sub(3)).max(1);
    let offset = scroll_offset(
        app.systems.offset.get(),
        app.systems.selected,
        height,
        app.systems.rows.len(),
    );
    app.systems.offset.set(offset);
    // One matcher for every row: making one costs more than matching a name.
    let query = &app.systems.filter.query;
    let mut fuzzy = (!query.is_empty()).then(|| FuzzyQuery::new(query));
    let mut name_matches = |name: &str| {
        fuzzy
            .as_mut()
            .map(|fuzzy| fuzzy.indices(name))
            .unwrap_or_default()
    };
    let rows: Vec<Row> = app
        .systems
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .filter_map(|id| workspace.records.systems.get(id))
        .map(|system| {
            let matched = name_matches(&system.name);
            Row::new(columns.iter().map(|(column, width)| {
                let text = clip(
                    &visible(&cell_text(system, *column), false),
                    usize::from(*width),
                );
                if *column == Column::Name {
                    Cell::from(Line::from(highlight(&text, &matched, theme)))
                } else {
                    Cell::from(text)
                }
            }))
        })
        .collect();
    let title = format!(
        " Inventory: {} of {} · sorted by {} {} ",
        app.systems.rows.len(),
        count(workspace.records.systems.len(), "system", "systems"),
        app.sort.0.title().to_lowercase(),
        if app.sort.1 { "▼" } else { "▲" }
    );
    let table = Table::new(rows, columns.iter().map(|(_, w)| Constraint::Length(*w)))
        .header(header)
        .block(
            Block::bordered()
                .title(title)
                .border_style(theme.border(focused)),
        )
        .row_highlight_style(theme.selected(focused));
    let mut state = TableState::default().with_selected(Some(
        app.systems.selected - offset.min(app.systems.selected),
    ));
    frame.render_stateful_widget(table, table_area, &mut state);
    draw_detail(frame, detail_area, app, theme);
}

fn draw_detail(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let focused = app.focus == Focus::Detail && app.popups.is_empty();
    let block = Block::bordered().border_style(theme.border(focused));
    let Some(system) = app
        .selected_system_id()
        .and_then(|id| workspace.records.systems.get(id))
    else {
        let text = if workspace.records.systems.is_empty() {
            "No AI systems yet. Add one as inventory/<id>.yaml (see the README)."
        } else {
            "No system matches the filter (Esc clears it)."
        };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    let mut lines = vec![Line::from(Span::styled(
        visible(&format!("{} ({})", system.name, system.id), false).into_owned(),
        theme.title(),
    ))];
    let mut pair = |label: &str, value: String| {
        if !value.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<18}"), theme.dim()),
                Span::raw(visible(&value, true).replace('\n', " ")),
            ]));
        }
    };
    pair(
        "Description",
        system.description.clone().unwrap_or_default(),
    );
    for column in Column::ALL.iter().skip(1) {
        pair(column.title(), cell_text(system, *column));
    }
    pair(
        "Business unit",
        system.business_unit.clone().unwrap_or_default(),
    );
    pair("Model", system.model.clone().unwrap_or_default());
    pair("Annex III", system.annex_iii.clone().unwrap_or_default());
    pair(
        "GPAI",
        system.gpai.map(|g| g.to_string()).unwrap_or_default(),
    );
    let affected: Vec<&str> = system.affected.iter().map(|a| a.as_str()).collect();
    pair("Affected", affected.join(", "));
    pair(
        "Personal data",
        system
            .personal_data
            .map(|p| p.to_string())
            .unwrap_or_default(),
    );
    pair("DPIA", system.dpia.clone().unwrap_or_default());
    pair("Data", system.data.clone().unwrap_or_default());
    pair(
        "Human oversight",
        system.human_oversight.clone().unwrap_or_default(),
    );
    pair(
        "Limitations",
        system.limitations.clone().unwrap_or_default(),
    );
    pair(
        "Reviewed",
        system.reviewed.map(|d| d.to_string()).unwrap_or_default(),
    );
    pair("Tags", system.tags.join(", "));
    let assessed = workspace.records.impacts.get(&system.id);
    pair(
        "Impact assessment",
        match assessed {
            Some(a) => format!(
                "impact/{}.yaml, {}, {}",
                system.id,
                count(a.impacts.len(), "group", "groups"),
                count(a.risks.len(), "risk", "risks")
            ),
            None => "none yet".to_string(),
        },
    );
    lines.extend(super::duties::duty_lines(
        workspace, system, app.today, theme,
    ));
    super::draw_page(frame, app, lines, block, area);
}
