//! Popups drawn over the panes: help, text editors, choices, evidence,
//! conflicts and questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::super::app::App;
use super::super::keymap::help_sections;
use super::super::popup::{Popup, SelectPopup, TextPopup};
use super::super::theme::Theme;
use super::{crosswalk, forms, merge};
use crate::catalog::Guide;
use crate::model::OwnerLoad;
use crate::text::{DiffLine, line_diff, visible};

/// A rectangle of `width` x `height` (clamped to `area`) in its middle.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    for popup in &app.popups {
        match popup {
            Popup::Help { scroll } => help(frame, area, app, *scroll, theme),
            Popup::Guide { scroll } => guide(frame, area, app, *scroll, theme),
            Popup::Owners { loads, scroll } => owners(frame, area, app, loads, *scroll, theme),
            Popup::Crosswalk { framework, scroll } => {
                crosswalk::draw(frame, area, app, *framework, *scroll, theme)
            }
            Popup::History {
                path,
                outcome,
                scroll,
            } => super::history::draw(frame, area, app, (path, outcome, *scroll), theme),
            Popup::Broken { selected } => merge::broken(frame, area, app, *selected, theme),
            Popup::Merge(popup) => {
                let said = app.notice.as_ref().filter(|n| n.is_error);
                merge::merge(frame, area, popup, said.map(|n| n.text.as_str()), theme)
            }
            Popup::Text(text) => text_editor(frame, area, text, theme),
            Popup::Select(select) => choices(frame, area, select, theme),
            Popup::Evidence { control, selected } => {
                evidence(frame, area, app, control, *selected, theme)
            }
            Popup::Conflict {
                record,
                disk,
                scroll,
                ..
            } => {
                let mine = record.to_text();
                let said = app.notice.as_ref().filter(|n| n.is_error);
                conflict(
                    frame,
                    area,
                    (&record.path(), &mine, disk.as_deref()),
                    said.map(|n| n.text.as_str()),
                    *scroll,
                    theme,
                )
            }
            Popup::Form(form) => forms::form(frame, area, form, theme),
            Popup::Impact { system, selected } => {
                forms::impact(frame, area, app, system, *selected, theme)
            }
            Popup::ConfirmImpact { system, implied } => {
                let current = app
                    .workspace
                    .as_ref()
                    .and_then(|w| w.records.systems.get(system))
                    .and_then(|s| s.impact)
                    .map_or("nothing", |i| crate::yaml::Choice::as_str(i));
                question(
                    frame,
                    area,
                    "Update the inventory?",
                    &format!(
                        "The impact assessment of `{system}` implies an overall impact of {implied} (its worst severity), but the inventory says {current}. Set the inventory to {implied}?"
                    ),
                    "y set it · n/Esc leave it",
                    theme,
                )
            }
            Popup::ConfirmDrop => question(
                frame,
                area,
                "Close without saving?",
                "The text in the editor is not saved anywhere; closing drops it. Close it anyway?",
                "y drop the text · n/Esc go back to it",
                theme,
            ),
            Popup::ConfirmQuit => question(
                frame,
                area,
                "Quit?",
                &format!(
                    "{} file{} could not be written (see the message line), so what you see there is not on disk. Quit anyway?",
                    app.unsaved.len(),
                    if app.unsaved.len() == 1 { "" } else { "s" }
                ),
                "y quit · n/Esc stay",
                theme,
            ),
            Popup::Recovery { draft, .. } => question(
                frame,
                area,
                "Work kept from last time",
                &format!(
                    "When aims last stopped ({}), this was not saved yet: {}",
                    draft.saved_at,
                    draft.describe()
                ),
                "y/Enter open it again as it was · Ctrl-x drop it · Esc later",
                theme,
            ),
        }
    }
}

/// Clears `rect`, draws a titled border and returns the body and the
/// one-line help row under it.
pub fn open_box(frame: &mut Frame, rect: Rect, title: &str, theme: Theme) -> (Rect, Rect) {
    frame.render_widget(Clear, rect);
    let block = frame_block(title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [body, help] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    (body, help)
}

/// A list with the selected row highlighted, in a popup's body.
pub fn pick_list(
    frame: &mut Frame,
    area: Rect,
    items: Vec<ListItem>,
    selected: usize,
    theme: Theme,
) {
    let list = List::new(items).highlight_style(theme.selected(true));
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
}

/// The dim line of keys at the foot of a popup.
pub fn help_line(frame: &mut Frame, area: Rect, text: &str, theme: Theme) {
    frame.render_widget(
        Paragraph::new(Span::styled(text.to_string(), theme.dim())),
        area,
    );
}

pub fn frame_block(title: &str, theme: Theme) -> Block<'static> {
    Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title()))
        .border_style(theme.border(true))
}

/// Draws a bordered page of text in `rect`, scrolled to `scroll` but never
/// past its last line; the furthest it can go is noted for the app, so that
/// scrolling down stops at the end.
pub(super) fn scrolled_popup(
    frame: &mut Frame,
    app: &App,
    page: Paragraph,
    rect: Rect,
    scroll: u16,
) {
    let rows = usize::from(rect.height.saturating_sub(2));
    let total = page.line_count(rect.width.saturating_sub(2));
    let max = u16::try_from(total.saturating_sub(rows)).unwrap_or(u16::MAX);
    app.popup_max.set(max);
    frame.render_widget(Clear, rect);
    frame.render_widget(page.scroll((scroll.min(max), 0)), rect);
}

fn help(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: Theme) {
    let rect = centred(area, 76, area.height.saturating_sub(2));
    let mut lines = Vec::new();
    for (context, rows) in help_sections(&app.pane_contexts()) {
        lines.push(Line::from(Span::styled(context.title(), theme.title())));
        for (keys, help) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), theme.key()),
                Span::raw(help),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Every edit is saved to its file at once. Esc never throws text away.",
        theme.dim(),
    )));
    scrolled_popup(
        frame,
        app,
        Paragraph::new(lines)
            .block(frame_block("Keys (Esc or ? closes, j/k scroll)", theme))
            .wrap(Wrap { trim: false }),
        rect,
        scroll,
    );
}

/// Each person's open items, as `aims progress --by owner` lists them.
fn owners(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    loads: &[OwnerLoad],
    scroll: u16,
    theme: Theme,
) {
    let rect = centred(area, 100, area.height.saturating_sub(2));
    let mut lines = Vec::new();
    for load in loads {
        let name = load.owner.as_deref().unwrap_or("no one");
        let overdue = match load.overdue() {
            0 => String::new(),
            n => format!(", {n} overdue"),
        };
        lines.push(Line::from(Span::styled(
            format!(
                "{}: {} open{overdue}",
                visible(name, false),
                load.items.len()
            ),
            theme.title(),
        )));
        for item in &load.items {
            let (mark, style) = match item.overdue_since {
                Some(_) => ("overdue ", theme.bad()),
                None => ("        ", theme.plain()),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  {mark}"), style),
                Span::styled(format!("{:<10} ", item.kind.word()), theme.dim()),
                Span::raw(format!(
                    "{} {}",
                    visible(&item.id, false),
                    visible(&item.what, false)
                )),
            ]));
        }
        lines.push(Line::default());
    }
    if loads.is_empty() {
        lines.push(Line::from("Nothing is open."));
    }
    scrolled_popup(
        frame,
        app,
        Paragraph::new(lines)
            .block(frame_block("Who owes what (Esc closes, j/k scroll)", theme))
            .wrap(Wrap { trim: false }),
        rect,
        scroll,
    );
}

/// The certification-readiness guide, scrolled.
fn guide(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: Theme) {
    let guide = Guide::builtin();
    let rect = centred(area, 100, area.height.saturating_sub(2));
    let mut lines = vec![Line::from(guide.summary.trim().replace('\n', " "))];
    for section in &guide.sections {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            section.title.clone(),
            theme.title(),
        )));
        lines.push(Line::from(section.text.trim().replace('\n', " ")));
        for item in &section.items {
            lines.push(Line::from(vec![
                Span::styled(format!("• {}", item.name), theme.key()),
                Span::styled(item.refs(), theme.dim()),
                Span::raw(format!(": {}", item.text.trim().replace('\n', " "))),
            ]));
        }
    }
    scrolled_popup(
        frame,
        app,
        Paragraph::new(lines)
            .block(frame_block(
                &format!("{} (Esc closes, j/k scroll)", guide.title),
                theme,
            ))
            .wrap(Wrap { trim: false }),
        rect,
        scroll,
    );
}

/// Wide enough to show a control's guidance beside the text being written.
const SIDE_BY_SIDE: u16 = 120;

fn text_editor(frame: &mut Frame, area: Rect, popup: &TextPopup, theme: Theme) {
    let multiline = popup.multiline;
    let suggestions = popup.suggestions();
    let guidance = popup.guidance.as_deref().filter(|_| multiline);
    let beside = guidance.is_some() && area.width >= SIDE_BY_SIDE;
    let below = guidance.is_some() && !beside && popup.show_guidance;
    let height = if multiline {
        area.height
            .saturating_sub(4)
            .min(if below { 30 } else { 18 })
    } else if suggestions.is_empty() {
        5
    } else {
        6 + suggestions.len() as u16
    };
    let width = if beside {
        area.width.saturating_sub(4)
    } else {
        area.width.saturating_sub(6).min(90)
    };
    let rect = centred(area, width, height);
    let (editor_rect, guidance_rect) = if beside {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(rect);
        (left, Some(right))
    } else if below {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rect);
        (top, Some(bottom))
    } else {
        (rect, None)
    };
    let (body, help_area) = open_box(
        frame,
        editor_rect,
        &visible(&popup.field.title(), false),
        theme,
    );
    // A refusal can be long (why, and what to do): it gets lines of its
    // own at the foot of the text, wrapped, rather than a clipped line.
    let body = match &popup.error {
        Some(error) if multiline => {
            let [text, why] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(body);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    visible(error, false).into_owned(),
                    theme.bad(),
                ))
                .wrap(Wrap { trim: true }),
                why,
            );
            text
        }
        _ => body,
    };
    if suggestions.is_empty() {
        frame.render_widget(&popup.area, body);
    } else {
        let [input, heading, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(body);
        frame.render_widget(&popup.area, input);
        help_line(frame, heading, "Names already used (↓ ↑ pick one):", theme);
        let items: Vec<ListItem> = suggestions
            .iter()
            .map(|name| ListItem::new(format!("  {}", visible(name, false))))
            .collect();
        let list_widget = List::new(items).highlight_style(theme.selected(true));
        let mut state = ListState::default().with_selected(popup.picked);
        frame.render_stateful_widget(list_widget, list, &mut state);
    }
    if let (Some(text), Some(rect)) = (guidance, guidance_rect) {
        let (body, keys) = open_box(frame, rect, "Guidance (F2 hides it)", theme);
        let paragraphs: Vec<Line> = super::controls::reflow(&visible(text, true))
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(paragraphs).wrap(Wrap { trim: false }), body);
        let whose = if beside {
            "from the catalogue; your text is on the left"
        } else {
            "from the catalogue; your text is above"
        };
        help_line(frame, keys, whose, theme);
    }
    let help = match &popup.error {
        Some(_) if multiline => Line::from(Span::styled(
            "Not saved: the text stays here to change · Esc or Ctrl-s tries again",
            theme.bad(),
        )),
        Some(error) => Line::from(Span::styled(
            visible(error, false).into_owned(),
            theme.bad(),
        )),
        None if multiline && guidance.is_some() && !beside && !below => Line::from(Span::styled(
            "Esc or Ctrl-s keeps the text and closes · Enter: new line · F2: guidance",
            theme.dim(),
        )),
        None if multiline => Line::from(Span::styled(
            "Esc or Ctrl-s keeps the text and closes · Enter: new line",
            theme.dim(),
        )),
        None => Line::from(Span::styled("Enter or Esc keeps the value", theme.dim())),
    };
    frame.render_widget(Paragraph::new(help), help_area);
}

fn choices(frame: &mut Frame, area: Rect, popup: &SelectPopup, theme: Theme) {
    let visible_items = popup.visible();
    let height = (visible_items.len() as u16 + 4)
        .min(area.height.saturating_sub(2))
        .max(6);
    let rect = centred(area, 64, height);
    let title = popup.field.title();
    let title = visible(&title, false);
    let (list_area, help_area) = open_box(frame, rect, &title, theme);
    let items: Vec<ListItem> = visible_items
        .iter()
        .map(|&i| {
            let item = &popup.items[i];
            let mark = if item.checked { "[x] " } else { "[ ] " };
            ListItem::new(format!("{mark}{}", visible(&item.label, false)))
        })
        .collect();
    pick_list(frame, list_area, items, popup.selected, theme);
    let help = if popup.filter.editing || !popup.filter.query.is_empty() {
        format!(
            "/{}  (Enter keeps the filter)",
            visible(&popup.filter.query, false)
        )
    } else {
        if popup.single {
            "Enter picks · / filters · Esc leaves it as it was".to_string()
        } else {
            "Space ticks · / filters · Enter or Esc keeps the ticks".to_string()
        }
    };
    frame.render_widget(Paragraph::new(Span::styled(help, theme.dim())), help_area);
}

fn evidence(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    control: &str,
    selected: usize,
    theme: Theme,
) {
    let entries = app.evidence_of(control);
    let height = (entries.len() as u16 + 4).clamp(6, area.height.saturating_sub(2));
    let rect = centred(area, 80, height);
    let (list_area, help_area) = open_box(frame, rect, &format!("Evidence for {control}"), theme);
    if entries.is_empty() {
        frame.render_widget(Paragraph::new("No evidence yet: n adds some."), list_area);
    } else {
        let items: Vec<ListItem> = entries
            .iter()
            .map(|e| {
                let note = e.note.as_deref().unwrap_or("");
                ListItem::new(format!(
                    "{}{}{}",
                    visible(&e.reference, false),
                    if note.is_empty() { "" } else { ": " },
                    visible(note, false)
                ))
            })
            .collect();
        pick_list(frame, list_area, items, selected, theme);
    }
    help_line(
        frame,
        help_area,
        "n add · Enter edit · D remove · Esc close",
        theme,
    );
}

/// The comparison of a file as it is on disk with my version of it;
/// `said` is the warning the last key drew, shown inside the popup since
/// the popup covers the status line.
fn conflict(
    frame: &mut Frame,
    area: Rect,
    (path, mine, disk): (&str, &str, Option<&str>),
    said: Option<&str>,
    scroll: u16,
    theme: Theme,
) {
    let rect = centred(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    let title = format!("{} changed on disk", visible(path, false));
    let (body, help_area) = open_box(frame, rect, &title, theme);
    let [intro, diff_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(body);
    let intro_text = match said {
        Some(said) => Span::styled(visible(said, false).into_owned(), theme.bad()),
        None => Span::raw(
            "Someone else changed this file since aims read it (a git pull, another editor). Nothing was overwritten. The lines that differ:",
        ),
    };
    frame.render_widget(Paragraph::new(intro_text).wrap(Wrap { trim: true }), intro);
    // One comparison, marked line by line (readable without colour), so
    // the user sees exactly what each choice keeps, even at 80x24.
    let theirs = disk.unwrap_or("");
    let diff = line_diff(theirs, mine);
    // Start a little above the first difference when it would be out of
    // sight, so the choice is never made without seeing it.
    let first = diff
        .iter()
        .position(|l| !matches!(l, DiffLine::Same(_)))
        .unwrap_or(0);
    let visible_rows = usize::from(diff_area.height.saturating_sub(2));
    let start = if first >= visible_rows {
        u16::try_from(first.saturating_sub(2)).unwrap_or(u16::MAX)
    } else {
        0
    };
    let lines: Vec<Line> = diff
        .into_iter()
        .map(|line| match line {
            DiffLine::Same(text) => Line::from(Span::styled(
                format!("  {}", visible(text, false)),
                theme.dim(),
            )),
            DiffLine::Old(text) => Line::from(Span::styled(
                format!("- {}", visible(text, false)),
                theme.bad(),
            )),
            DiffLine::New(text) => Line::from(Span::styled(
                format!("+ {}", visible(text, false)),
                theme.good(),
            )),
        })
        .collect();
    let label = if disk.is_none() {
        " The file was deleted on disk · + yours (j/k scroll) "
    } else {
        " - on disk now · + yours (j/k scroll) "
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(label))
            .scroll((start.saturating_add(scroll), 0)),
        diff_area,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            "Ctrl-o keep mine (write it over theirs) · Ctrl-t take theirs (drop my edit)",
            theme.key(),
        )),
        help_area,
    );
}

fn question(frame: &mut Frame, area: Rect, title: &str, text: &str, keys: &str, theme: Theme) {
    let rect = centred(area, 70, 12);
    frame.render_widget(Clear, rect);
    let mut lines = Text::from(visible(text, true).into_owned());
    lines.push_line(Line::default());
    lines.push_line(Line::from(Span::styled(keys.to_string(), theme.key())));
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(title, theme))
            .wrap(Wrap { trim: false }),
        rect,
    );
}
