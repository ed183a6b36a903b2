//! The status line (notices, errors, the filter being typed) and the key
//! hints, generated from the keymap for the keys that work here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Tab};
use super::super::keymap::hints;
use super::super::theme::Theme;
use super::clip;
use crate::text::visible;

pub fn draw(frame: &mut Frame, status: Rect, keys: Rect, app: &App, theme: Theme) {
    let width = usize::from(status.width);
    let filter = match app.tab {
        Tab::Controls => Some(&app.controls.filter),
        Tab::Inventory => Some(&app.systems.filter),
        Tab::Risks => Some(&app.risks.filter),
        _ => None,
    }
    // While typing, the filter owns the line; once kept, a notice (the
    // answer to the last key) goes first.
    .filter(|f| f.editing || (f.is_active() && app.notice.is_none()))
    .filter(|_| app.popups.is_empty());
    let line = if let Some(filter) = filter {
        let shown = match app.tab {
            Tab::Controls => app
                .controls
                .rows
                .iter()
                .filter(|r| matches!(r, super::super::rows::ControlRow::Control { .. }))
                .count(),
            Tab::Risks => app.risks.rows.len(),
            _ => app.systems.rows.len(),
        };
        let cursor = if filter.editing { "▏" } else { "" };
        Line::from(vec![
            Span::styled("/", theme.key()),
            Span::raw(clip(
                &visible(&filter.query, false),
                width.saturating_sub(20),
            )),
            Span::raw(cursor),
            Span::styled(format!("  {shown} match"), theme.dim()),
        ])
    } else if let Some(notice) = &app.notice {
        let style = if notice.is_error {
            theme.bad()
        } else {
            theme.plain()
        };
        Line::from(Span::styled(
            clip(&visible(&notice.text, false), width),
            style,
        ))
    } else {
        Line::default()
    };
    frame.render_widget(Paragraph::new(line), status);

    let mut spans = Vec::new();
    let mut used = 0;
    let contexts = if app.workspace.is_some() {
        app.contexts()
    } else {
        vec![super::super::keymap::Context::Global]
    };
    for (key, hint) in hints(&contexts) {
        let piece = key.chars().count() + hint.chars().count() + 3;
        if used + piece > usize::from(keys.width) {
            break;
        }
        used += piece;
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {hint} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), keys);
}
