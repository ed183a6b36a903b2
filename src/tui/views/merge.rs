//! The list of files with errors, and a conflicted file's two sides, key
//! by key, with the side chosen for each.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::super::app::App;
use super::super::popup::MergePopup;
use super::super::theme::Theme;
use super::popups::{centred, frame_block, help_line, open_box};
use crate::text::{clip, visible};
use crate::workspace::{Merge, Which};

/// Each file that failed to load: its first errors with where they are,
/// and what is missing because of it; the selected file is highlighted.
pub fn broken(frame: &mut Frame, area: Rect, app: &App, selected: usize, theme: Theme) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let rect = centred(area, 76, area.height.saturating_sub(2));
    let width = usize::from(rect.width.saturating_sub(2));
    let mut lines = Vec::new();
    let mut selected_at = 0;
    for (i, (path, hidden)) in workspace.hidden_by_broken_files().into_iter().enumerate() {
        if i == selected {
            selected_at = lines.len();
        }
        let style = if i == selected {
            theme.selected(true)
        } else {
            theme.bad()
        };
        lines.push(Line::from(Span::styled(
            clip(&visible(path, false), width),
            style,
        )));
        for d in workspace
            .diagnostics
            .iter()
            .filter(|d| d.path == path && d.is_error())
            .take(3)
        {
            let text = format!(
                "  {}:{}: {}",
                d.pos.line,
                d.pos.col,
                visible(&d.message, false)
            );
            lines.push(Line::from(clip(&text, width)));
        }
        let missing = format!("  Missing until it is fixed: {}", visible(&hidden, false));
        lines.push(Line::from(Span::styled(clip(&missing, width), theme.dim())));
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "aims never writes over these files. Enter on a file with a merge conflict shows both sides to choose from; fix other errors in an editor (`aims check` lists them).",
        theme.dim(),
    )));
    // Lines are clipped, not wrapped, so the selected file's first line is
    // where it was counted.
    let height = usize::from(rect.height.saturating_sub(2));
    let scroll = selected_at.saturating_sub(height.saturating_sub(6));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(
                "Files with errors (j/k select, Enter resolve, Esc close)",
                theme,
            ))
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        rect,
    );
}

/// The keys the sides disagree on, ours and theirs side by side with the
/// chosen one marked (readable without colour), and the selected key's two
/// values in full below.
pub fn merge(frame: &mut Frame, area: Rect, popup: &MergePopup, said: Option<&str>, theme: Theme) {
    let merge = &popup.merge;
    let rect = centred(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    let title = format!("Merge conflict in {}", visible(&merge.path, false));
    let (body, help_area) = open_box(frame, rect, &title, theme);
    let [intro, table, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(6),
    ])
    .areas(body);
    let intro_text = match popup.error.as_deref().or(said) {
        Some(error) => Span::styled(visible(error, false).into_owned(), theme.bad()),
        None => Span::raw(format!(
            "{} and {} disagree. Choose a side for each key; Enter writes the record clean.",
            visible(&merge.ours.name(), false),
            visible(&merge.theirs.name(), false)
        )),
    };
    frame.render_widget(Paragraph::new(intro_text).wrap(Wrap { trim: true }), intro);
    if merge.rows.is_empty() {
        whole_sides(frame, table, detail, popup, theme);
    } else {
        key_table(frame, table, popup, theme);
        key_detail(frame, detail, popup, theme);
    }
    help_line(
        frame,
        help_area,
        "h/l ours/theirs · Ctrl-o/Ctrl-t all ours/theirs · Enter write · Esc close",
        theme,
    );
}

fn key_table(frame: &mut Frame, area: Rect, popup: &MergePopup, theme: Theme) {
    let merge = &popup.merge;
    let width = usize::from(area.width);
    let key_width = merge
        .rows
        .iter()
        .map(|r| r.key.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(3, 18);
    let side_width = width.saturating_sub(key_width + 6) / 2;
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "  {:key_width$}  {:side_width$}  {}",
            "key",
            clip(&format!("  {}", merge.ours.name()), side_width),
            clip(&format!("  {}", merge.theirs.name()), side_width),
        ),
        theme.dim(),
    ))];
    let height = usize::from(area.height).saturating_sub(1);
    let first = super::scroll_offset(0, popup.selected, height, merge.rows.len());
    for (i, row) in merge.rows.iter().enumerate().skip(first).take(height) {
        let chosen = popup.choices[i];
        let cell = |which: Which| {
            let mark = if chosen == which { "● " } else { "  " };
            let text = format!("{mark}{}", visible(&row.show(which), false));
            let style = if chosen == which {
                theme.title()
            } else {
                theme.dim()
            };
            Span::styled(format!("{:side_width$}", clip(&text, side_width)), style)
        };
        let pointer = if i == popup.selected { "▸ " } else { "  " };
        let key = format!("{pointer}{:key_width$}  ", clip(&row.key, key_width));
        let key_style = if i == popup.selected {
            theme.selected(true)
        } else {
            theme.plain()
        };
        lines.push(Line::from(vec![
            Span::styled(key, key_style),
            cell(Which::Ours),
            Span::raw("  "),
            cell(Which::Theirs),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn key_detail(frame: &mut Frame, area: Rect, popup: &MergePopup, theme: Theme) {
    let merge = &popup.merge;
    let Some(row) = merge.rows.get(popup.selected) else {
        return;
    };
    let lines = vec![
        Line::from(Span::styled(
            format!(
                "{}: {}",
                merge.ours.name(),
                visible(&row.show(Which::Ours), false)
            ),
            theme.plain(),
        )),
        Line::from(Span::styled(
            format!(
                "{}: {}",
                merge.theirs.name(),
                visible(&row.show(Which::Theirs), false)
            ),
            theme.plain(),
        )),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(&format!("{} in full", row.key), theme))
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// With no key-by-key view (a side does not read as a record), each
/// conflict's lines, and which side is taken whole.
fn whole_sides(frame: &mut Frame, table: Rect, detail: Rect, popup: &MergePopup, theme: Theme) {
    let merge = &popup.merge;
    let [sides, reasons] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(detail.height)]).areas(Rect {
            height: table.height + detail.height,
            ..table
        });
    let mut lines = Vec::new();
    let text_lines: Vec<&str> = merge.seen.lines().collect();
    for hunk in &merge.hunks {
        for (which, side) in [(Which::Ours, &hunk.ours), (Which::Theirs, &hunk.theirs)] {
            let chosen = popup.choices.first() == Some(&which);
            let mark = if chosen { "● " } else { "  " };
            lines.push(Line::from(Span::styled(
                format!("{mark}{}", side.describe(which.word())),
                if chosen { theme.title() } else { theme.dim() },
            )));
            for line in text_lines.get(side.from - 1..side.to).unwrap_or_default() {
                lines.push(Line::from(format!("    {}", visible(line, false))));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), sides);
    frame.render_widget(
        Paragraph::new(reading(merge))
            .wrap(Wrap { trim: true })
            .style(theme.dim()),
        reasons,
    );
}

/// Why a side is not shown key by key.
fn reading(merge: &Merge) -> Vec<Line<'static>> {
    [&merge.ours, &merge.theirs]
        .into_iter()
        .map(|version| match &version.read {
            Ok(_) => Line::from(format!("{} reads as a record", version.name())),
            Err(why) => Line::from(format!(
                "{} does not read as a record: {}",
                version.name(),
                visible(why, false)
            )),
        })
        .collect()
}
