//! The git history of one record's file, in a popup: a line per commit,
//! newest first, and the fields each commit changed below it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::super::app::App;
use super::super::theme::Theme;
use super::popups::{centred, frame_block, scrolled_popup};
use crate::text::visible;
use crate::workspace::{Patch, Revision};

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    (path, outcome, scroll): (&str, &Result<Vec<Revision>, String>, u16),
    theme: Theme,
) {
    let rect = centred(area, 100, area.height.saturating_sub(2));
    let lines = match outcome {
        Err(why) => vec![Line::from(format!("No history: {}.", visible(why, false)))],
        Ok(changes) if changes.is_empty() => {
            vec![Line::from("No history: the file was never committed.")]
        }
        Ok(changes) => lines(changes, theme),
    };
    scrolled_popup(
        frame,
        app,
        Paragraph::new(lines)
            .block(frame_block(
                &format!(
                    "History of {} (Esc closes, j/k scroll)",
                    visible(path, false)
                ),
                theme,
            ))
            .wrap(Wrap { trim: false }),
        rect,
        scroll,
    );
}

fn lines(changes: &[Revision], theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for change in changes {
        let log = &change.log;
        lines.push(Line::from(vec![
            Span::styled(
                log.date.get(..10).unwrap_or(&log.date).to_string(),
                theme.key(),
            ),
            Span::styled(
                format!("  {}  ", log.commit.get(..7).unwrap_or(&log.commit)),
                theme.dim(),
            ),
            Span::styled(visible(&log.author, false).into_owned(), theme.title()),
            Span::raw(format!("  {}", visible(&log.subject, false))),
        ]));
        match &change.patch {
            Some(Patch::Fields(fields)) if fields.is_empty() => lines.push(Line::styled(
                "    no field changed: layout, comments or unknown keys only",
                theme.dim(),
            )),
            Some(Patch::Fields(fields)) => {
                for field in fields {
                    lines.push(Line::from(format!("    {field}")));
                }
            }
            Some(Patch::Unreadable(why)) => lines.push(Line::styled(
                format!("    {}", visible(why, false)),
                theme.dim(),
            )),
            None => {}
        }
    }
    lines
}
