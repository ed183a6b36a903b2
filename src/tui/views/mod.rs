//! Drawing. One file per pane or popup; each reads the `App` and draws into
//! a frame, and none changes state. Text from files passes through
//! [`crate::text::visible`] before it reaches the screen.

mod controls;
mod footer;
mod forms;
mod gaps;
mod header;
mod inventory;
mod popups;
mod progress;
mod risks;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use std::hash::{Hash, Hasher};

use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::{App, Tab};
use super::theme::Theme;

/// Draws a bordered page of text, wrapped and scrolled as far as the app
/// asks but never past its last line, and notes for the app the furthest it
/// can go: paging down stops at the end instead of scrolling into blank space.
///
/// Counting the wrapped lines of a long page (a control that thousands of
/// risks name) takes longer than a frame, so the count is skipped while no
/// key can scroll the page and it shows from the top, and is remembered by
/// the page's text so that scrolling counts it once.
pub fn draw_page(
    frame: &mut Frame,
    app: &App,
    lines: Vec<Line<'static>>,
    block: Block<'static>,
    area: Rect,
) {
    let text_key =
        (app.detail_scroll > 0 || app.keys_scroll_page()).then(|| text_key(&lines, area));
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    let Some(text_key) = text_key else {
        app.detail_max.set(u16::MAX);
        frame.render_widget(paragraph, area);
        return;
    };
    let total = match app.page_length.get() {
        Some((key, total)) if key == text_key => total,
        _ => {
            let total = paragraph.line_count(area.width.saturating_sub(2));
            app.page_length.set(Some((text_key, total)));
            total
        }
    };
    let rows = usize::from(area.height.saturating_sub(2));
    let max = u16::try_from(total.saturating_sub(rows)).unwrap_or(u16::MAX);
    app.detail_max.set(max);
    frame.render_widget(paragraph.scroll((app.detail_scroll.min(max), 0)), area);
}

/// What the wrapped length of a page depends on: its text and its width.
fn text_key(lines: &[Line], area: Rect) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    area.width.hash(&mut hasher);
    for line in lines {
        for span in &line.spans {
            span.content.hash(&mut hasher);
        }
        // So that text moved from the end of one line to the start of the
        // next hashes differently.
        hasher.write_u8(0xff);
    }
    hasher.finish()
}

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
