//! The Gaps tab: prioritised next steps, from the same function as
//! `aims gaps`, one a line with who is to close it; the selected one is
//! opened with Enter.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::app::App;
use super::super::theme::Theme;
use crate::model::{Gap, Priority, gaps};
use crate::text::visible;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    if app.workspace.is_none() {
        return;
    }
    // Computed on entering the tab; drawn here only if that did not happen
    // (tests draw without going through the tab key).
    let computed;
    let found: Vec<&Gap> = match &app.gaps {
        Some(_) => app.shown_gaps(),
        None => {
            let Some(workspace) = &app.workspace else {
                return;
            };
            computed = gaps(&workspace.catalogs, &workspace.records, app.today);
            computed.iter().collect()
        }
    };
    let mut lines = Vec::new();
    if found.is_empty() {
        lines.push(Line::from(match &app.gaps_view.owner {
            Some(owner) => format!("No gaps for {}.", visible(owner, false)),
            None => "No gaps: every control is decided and justified, and nothing is overdue."
                .to_string(),
        }));
    }
    // Only the lines on screen are built: a large workspace has thousands.
    // The selected gap is kept on screen.
    let height = usize::from(area.height.saturating_sub(7)).max(1);
    let selected = app.gaps_view.selected.min(found.len().saturating_sub(1));
    let top = selected.saturating_sub(height - 1);
    for (index, gap) in found.iter().enumerate().skip(top).take(height) {
        let style = match gap.priority {
            Priority::Urgent => theme.bad(),
            Priority::High => theme.warn(),
            Priority::Normal => theme.plain(),
        };
        let owner = gap
            .owner
            .as_deref()
            .map_or(String::new(), |o| format!(", {}", visible(o, false)));
        let mut line = Line::from(vec![
            Span::styled(format!("{:<7}", gap.priority.label()), style),
            Span::raw(visible(&gap.message, false).into_owned()),
            Span::styled(
                format!("  {}{owner}", visible(&gap.path, false)),
                theme.dim(),
            ),
        ]);
        if index == selected {
            line = line.style(theme.selected(true));
        }
        lines.push(line);
    }
    let whose = app
        .gaps_view
        .owner
        .as_deref()
        .map_or(String::new(), |o| format!(" for {}", visible(o, false)));
    let title = format!(" Gaps: {} next steps{whose} ", found.len());
    // The selected gap in full below the list, since a line of the list
    // cuts a long one at the edge of the screen.
    let [list, full] = Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(area);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(title)
                .border_style(theme.border(true)),
        ),
        list,
    );
    if let Some(gap) = found.get(selected) {
        let owner = gap.owner.as_deref().unwrap_or("no one");
        let text = vec![
            Line::from(visible(&gap.message, false).into_owned()),
            Line::from(Span::styled(
                format!(
                    "{}, for {}: Enter goes there",
                    visible(&gap.path, false),
                    visible(owner, false)
                ),
                theme.dim(),
            )),
        ];
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().border_style(theme.border(false))),
            full,
        );
    }
}
