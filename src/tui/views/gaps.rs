//! The Gaps tab: prioritised next steps, from the same function as
//! `aims gaps`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::app::App;
use super::super::theme::Theme;
use crate::model::{Priority, gaps};
use crate::text::visible;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    // Computed on entering the tab; drawn here only if that did not happen
    // (tests draw without going through the tab key).
    let computed;
    let found = match &app.gaps {
        Some(found) => found,
        None => {
            computed = gaps(&workspace.catalogs, &workspace.records, app.today);
            &computed
        }
    };
    let mut lines = Vec::new();
    if found.is_empty() {
        lines.push(Line::from(
            "No gaps: every control is decided and justified, and nothing is overdue.",
        ));
    }
    // Only the lines on screen are built: a large workspace has thousands.
    let height = usize::from(area.height.saturating_sub(2));
    let max = found.len().saturating_sub(height);
    app.detail_max.set(u16::try_from(max).unwrap_or(u16::MAX));
    for gap in found
        .iter()
        .skip(usize::from(app.detail_scroll).min(max))
        .take(height)
    {
        let style = match gap.priority {
            Priority::Urgent => theme.bad(),
            Priority::High => theme.warn(),
            Priority::Normal => theme.plain(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<7}", gap.priority.label()), style),
            Span::raw(visible(&gap.message, false).into_owned()),
            Span::styled(format!("  {}", visible(&gap.path, false)), theme.dim()),
        ]));
    }
    let title = format!(" Gaps: {} next steps ", found.len());
    frame.render_widget(
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(title)
                    .border_style(theme.border(false)),
            )
            .wrap(Wrap { trim: false }),
        area,
    );
}
