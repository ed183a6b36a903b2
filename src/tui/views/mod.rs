//! Drawing. One file per pane or popup; each reads the `App` and draws into
//! a frame, and none changes state. Text from files passes through
//! [`crate::text::visible`] before it reaches the screen.

mod controls;
mod crosswalk;
mod duties;
mod footer;
mod forms;
mod gaps;
mod header;
mod history;
mod inventory;
mod merge;
mod page;
mod popups;
mod progress;
mod risks;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, Tab};
use super::theme::Theme;

pub use page::draw_page;

/// Below this size the layout cannot show a control and its entry.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let [head, body, status, keys] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header::draw(frame, head, app, theme);
    if let Some(error) = &app.load_error {
        let text =
            Paragraph::new(crate::text::visible(error, true).into_owned()).style(theme.bad());
        frame.render_widget(text, body);
    } else if app.workspace.is_none() {
        let text = Paragraph::new(format!("Loading {} …", app.root.display()))
            .alignment(Alignment::Center);
        frame.render_widget(text, centred_line(body));
    } else {
        match app.tab {
            Tab::Inventory => inventory::draw(frame, body, app, theme),
            Tab::Controls => controls::draw(frame, body, app, theme),
            Tab::Progress => progress::draw(frame, body, app, theme),
            Tab::Gaps => gaps::draw(frame, body, app, theme),
            Tab::Risks => risks::draw(frame, body, app, theme),
        }
    }
    footer::draw(frame, status, keys, app, theme);
    popups::draw(frame, area, app, theme);
}

fn centred_line(area: Rect) -> Rect {
    Rect {
        y: area.y + area.height / 2,
        height: 1,
        ..area
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "{}x{} here; aims needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::from("Enlarge the window, or press q to quit."),
    ];
    let y = area.height.saturating_sub(3) / 2;
    let text_area = Rect {
        y: area.y + y,
        height: area.height.min(3),
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center),
        text_area,
    );
}

pub use crate::text::clip;

/// The first row to show so that `selected` is visible. When the selection
/// leaves the window, the window jumps by half a page rather than one row:
/// scrolling redraws every row, and over a slow link one redraw per half
/// page is much cheaper than one per key press.
pub fn scroll_offset(offset: usize, selected: usize, height: usize, rows: usize) -> usize {
    let height = height.max(1);
    let max_offset = rows.saturating_sub(height);
    if selected < offset || selected >= offset + height {
        selected.saturating_sub(height / 2).min(max_offset)
    } else {
        offset.min(max_offset)
    }
}

/// A percentage for display, or a dash where it has no meaning.
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |p| format!("{p:.0}%"))
}
