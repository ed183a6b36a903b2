//! The controls pane: domains and clauses with their controls on the left,
//! the selected control and its SoA entry on the right.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};

use super::super::app::{App, Focus};
use super::super::rows::{ControlRow, control_label};
use super::super::theme::Theme;
use super::{clip, percent, scroll_offset};
use crate::catalog::{Catalog, Control, Group};
use crate::model::{Decision, ProgressRow, SoaEntry, Status, suggestions};
use crate::text::visible;
use crate::yaml::Choice;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let list_width = (area.width * 2 / 5).clamp(30, 52);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(area);
    draw_list(frame, left, app, theme);
    draw_detail(frame, right, app, theme);
}

fn group_figure(row: &ProgressRow) -> String {
    if row.decidable {
        format!("{}/{}", row.decided, row.total)
    } else {
        format!("{}/{}", row.implemented, row.total)
    }
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let focused = app.focus == Focus::List && app.popups.is_empty();
    let rows_progress = &app.summary.progress;
    let inner_width = usize::from(area.width.saturating_sub(2));
    let items: Vec<ListItem> = app
        .controls
        .rows
        .iter()
        .map(|row| match row {
            ControlRow::Group(ci, gi) => {
                let group: &Group = &workspace.catalogs.catalogs[*ci].groups[*gi];
                let figure = rows_progress
                    .get(*ci)
                    .and_then(|c| c.groups.get(*gi))
                    .map(group_figure)
                    .unwrap_or_default();
                let title = clip(
                    &visible(&format!("{} {}", group.id, group.title), false),
                    inner_width.saturating_sub(figure.len() + 1),
                );
                let pad = inner_width.saturating_sub(title.chars().count() + figure.len());
                ListItem::new(Line::from(vec![
                    Span::styled(title, theme.title()),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(figure, theme.dim()),
                ]))
            }
            ControlRow::Control { id, matched } => {
                let Some(control) = workspace.catalogs.control(id) else {
                    return ListItem::new(id.clone());
                };
                let entry = workspace.records.soa.get(id);
                let decision = Decision::of(control, entry);
                let mark = decision.marker();
                let status = entry.and_then(|e| e.status).map_or("", Status::short);
                let mark_style = match decision {
                    Decision::Applicable => theme.good(),
                    Decision::Excluded => theme.dim(),
                    Decision::Undecided => theme.warn(),
                    Decision::Mandatory => theme.plain(),
                };
                let label =
                    visible(&control_label(&control.id, &control.full_title()), false).into_owned();
                let room = inner_width.saturating_sub(status.len() + 5);
                let shown = clip(&label, room);
                let mut spans = vec![
                    Span::raw(" "),
                    Span::styled(mark, mark_style),
                    Span::raw(" "),
                ];
                spans.extend(highlight(&shown, matched, theme));
                let pad = inner_width.saturating_sub(shown.chars().count() + status.len() + 3);
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(status, theme.dim()));
                ListItem::new(Line::from(spans))
            }
        })
        .collect();
    let title = if app.controls.filter.is_active() {
        " Controls (filtered) "
    } else {
        " Controls "
    };
    let list = List::new(items)
        .block(
            Block::bordered()
                .title(title)
                .border_style(theme.border(focused)),
        )
        .highlight_style(theme.selected(focused));
    let mut state = ListState::default()
        .with_selected(Some(app.controls.selected))
        .with_offset(scroll_offset(
            app.controls.offset.get(),
            app.controls.selected,
            usize::from(area.height.saturating_sub(2)),
            app.controls.rows.len(),
        ));
    frame.render_stateful_widget(list, area, &mut state);
    app.controls.offset.set(state.offset());
}

/// Spans of `text` with the characters at `matched` highlighted.
pub fn highlight<'a>(text: &str, matched: &[usize], theme: Theme) -> Vec<Span<'a>> {
    if matched.is_empty() {
        return vec![Span::raw(text.to_string())];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in text.chars().enumerate() {
        let is_match = matched.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched {
                theme.matched()
            } else {
                Style::default()
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        run.push(c);
    }
    let style = if run_matched {
        theme.matched()
    } else {
        Style::default()
    };
    spans.push(Span::styled(run, style));
    spans
}

fn section<'a>(lines: &mut Vec<Line<'a>>, title: &str, theme: Theme) {
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(title.to_string(), theme.title())));
}

/// Adds `text` as paragraphs: the line breaks of a YAML block are where
/// someone's editor wrapped, so lines are joined and re-wrapped to the pane;
/// blank lines and list items keep their own lines.
fn text_lines<'a>(lines: &mut Vec<Line<'a>>, text: &str) {
    for paragraph in reflow(&visible(text, true)) {
        lines.push(Line::from(paragraph));
    }
}

pub fn reflow(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joining = false;
    for line in text.lines() {
        let trimmed = line.trim_end();
        let starts_item =
            trimmed.trim_start().starts_with(['-', '*', '•']) || trimmed.starts_with(' ');
        if trimmed.is_empty() {
            out.push(String::new());
            joining = false;
        } else if joining && !starts_item {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(trimmed.trim_start());
            }
        } else {
            out.push(trimmed.to_string());
            joining = true;
        }
    }
    out
}

/// `  key Label     value`: the key that edits a field stands before it,
/// so long values never push it out of sight.
fn field<'a>(label: &str, value: String, key: &str, theme: Theme) -> Line<'a> {
    let value_style = if value.is_empty() {
        theme.dim()
    } else {
        theme.plain()
    };
    let value = if value.is_empty() {
        "—".to_string()
    } else {
        value
    };
    Line::from(vec![
        Span::styled(format!("{key:>5} "), theme.key()),
        Span::styled(format!("{label:<10}"), theme.dim()),
        Span::styled(value, value_style),
    ])
}

fn draw_detail(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let focused = app.focus == Focus::Detail && app.popups.is_empty();
    let block = Block::bordered().border_style(theme.border(focused));
    let mut lines: Vec<Line> = Vec::new();
    match app.controls.rows.get(app.controls.selected) {
        Some(ControlRow::Group(ci, gi)) => {
            let catalog: &Catalog = &workspace.catalogs.catalogs[*ci];
            let group = &catalog.groups[*gi];
            lines.push(Line::from(Span::styled(
                visible(&format!("{} {}", group.id, group.title), false).into_owned(),
                theme.title(),
            )));
            lines.push(Line::from(Span::styled(
                visible(&catalog.title, false).into_owned(),
                theme.dim(),
            )));
            if let Some(row) = app
                .summary
                .progress
                .get(*ci)
                .and_then(|c| c.groups.get(*gi))
            {
                lines.push(Line::default());
                if row.decidable {
                    lines.push(Line::from(format!(
                        "decided {} of {} ({})   applicable {}   excluded {}   undecided {}",
                        row.decided,
                        row.total,
                        percent(row.decided_percent()),
                        row.applicable,
                        row.excluded,
                        row.undecided
                    )));
                }
                lines.push(Line::from(format!(
                    "implemented {} of {} applicable ({})",
                    row.implemented,
                    row.applicable,
                    percent(row.implemented_percent())
                )));
            }
            section(&mut lines, "Objective", theme);
            text_lines(&mut lines, &group.objective);
        }
        Some(ControlRow::Control { id, .. }) => {
            if let Some(control) = workspace.catalogs.control(id) {
                let width = usize::from(area.width.saturating_sub(2));
                control_detail(&mut lines, app, control, width, theme);
            }
        }
        None => lines.push(Line::from("No control matches the filter (Esc clears it).")),
    }
    super::draw_page(frame, app, lines, block, area);
}

/// Splits `text` at spaces into lines of at most `width` columns.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The entry of one control. The title always takes two lines and each
/// field one, so that the fields stay on the same rows from one control to
/// the next and moving the selection redraws only what really changed
/// (which keeps a move under 2 KB on the wire, even over a slow link).
fn control_detail<'a>(
    lines: &mut Vec<Line<'a>>,
    app: &App,
    control: &Control,
    width: usize,
    theme: Theme,
) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let entry = workspace.records.soa.get(&control.id);
    let empty = SoaEntry::new(&control.id);
    let e = entry.unwrap_or(&empty);
    let title = visible(&format!("{} {}", control.id, control.full_title()), false).into_owned();
    let mut title_lines = wrap_words(&title, width);
    if title_lines.len() > 2 {
        let rest = title_lines[1..].join(" ");
        title_lines.truncate(1);
        title_lines.push(clip(&rest, width));
    }
    title_lines.resize(2, String::new());
    for line in title_lines {
        lines.push(Line::from(Span::styled(line, theme.title())));
    }
    let field = |label: &str, value: String, key: &str| {
        field(label, clip(&value, width.saturating_sub(16)), key, theme)
    };
    let decision = Decision::of(control, entry);
    let keys = if control.is_requirement() {
        ""
    } else {
        "a/x/c"
    };
    let status_line = vec![
        Span::styled(format!("{keys:>5} "), theme.key()),
        Span::styled(format!("{:<10}", "Decision"), theme.dim()),
        Span::styled(
            decision.to_string(),
            match decision {
                Decision::Applicable => theme.good(),
                Decision::Undecided => theme.warn(),
                _ => theme.plain(),
            },
        ),
    ];
    lines.push(Line::from(status_line));
    lines.push(field(
        "Status",
        e.status
            .map(|s| s.as_str().replace('_', " "))
            .unwrap_or_default(),
        "Space",
    ));
    lines.push(field(
        "Owner",
        visible(e.owner.as_deref().unwrap_or(""), false).into_owned(),
        "o",
    ));
    lines.push(field(
        "Due",
        e.due.map(|d| d.to_string()).unwrap_or_default(),
        "d",
    ));
    if !control.is_requirement() {
        let basis: Vec<&str> = e.basis.iter().map(|b| b.as_str()).collect();
        lines.push(field("Basis", basis.join(", "), "b"));
    }
    let systems = match &e.systems {
        None => "all in scope".to_string(),
        Some(list) => visible(&list.join(", "), false).into_owned(),
    };
    lines.push(field("Systems", systems, "s"));
    let reviewed = match (&e.reviewed_by, e.reviewed_on) {
        (Some(who), Some(on)) => format!("{} on {on}", visible(who, false)),
        (Some(who), None) => visible(who, false).into_owned(),
        (None, Some(on)) => on.to_string(),
        (None, None) => String::new(),
    };
    lines.push(field("Reviewed", reviewed, "r"));
    if !control.is_requirement() {
        section(lines, "Justification (J)", theme);
        match &e.justification {
            Some(text) if !text.trim().is_empty() => text_lines(lines, text),
            _ if e.applicable.is_some() => lines.push(Line::from(Span::styled(
                "missing: a decision needs a justification",
                theme.bad(),
            ))),
            _ => lines.push(Line::from(Span::styled("—", theme.dim()))),
        }
    }
    section(
        lines,
        &format!("Evidence ({}) (e)", e.evidence.len()),
        theme,
    );
    for evidence in &e.evidence {
        let note = evidence.note.as_deref().unwrap_or("");
        lines.push(Line::from(format!(
            "• {}{}{}",
            visible(&evidence.reference, false),
            if note.is_empty() { "" } else { ": " },
            visible(note, false)
        )));
    }
    if let Some(notes) = &e.notes {
        section(lines, "Notes (N)", theme);
        text_lines(lines, notes);
    }
    // A control can treat thousands of risks, so a line is kept as it was
    // made when nothing in it needs showing, rather than copied.
    let treated: Vec<Line> = app
        .summary
        .risks_treated_by(&control.id, &workspace.records)
        .map(|(system, r)| {
            let text = format!(
                "• {} {} ({}, {}): {}",
                r.level().map_or("—", |l| l.as_str()).to_uppercase(),
                r.id,
                system,
                r.status.map_or("open", |s| s.as_str()),
                r.title
            );
            Line::from(match visible(&text, false) {
                Cow::Borrowed(_) => text,
                Cow::Owned(shown) => shown,
            })
        })
        .collect();
    if !treated.is_empty() {
        section(
            lines,
            &format!("Risks it treats ({}) (tab 5)", treated.len()),
            theme,
        );
        lines.extend(treated);
    }
    let found = suggestions(control, &workspace.records);
    if !found.is_empty() {
        section(lines, "Suggestion from the inventory (A accepts)", theme);
        for (suggestion, systems) in found {
            let mut text = format!("{}: {}", suggestion.suggest.as_str(), suggestion.reason);
            if !systems.is_empty() {
                let shown: Vec<String> = systems
                    .iter()
                    .take(5)
                    .map(|id| {
                        workspace
                            .records
                            .systems
                            .get(*id)
                            .map_or_else(|| id.to_string(), |s| s.label())
                    })
                    .collect();
                text.push_str(&format!(" (systems: {}", shown.join("; ")));
                if systems.len() > 5 {
                    text.push_str(&format!(" and {} more", systems.len() - 5));
                }
                text.push(')');
            }
            lines.push(Line::from(Span::styled(
                visible(&text, false).into_owned(),
                theme.warn(),
            )));
        }
    }
    for (heading, body) in control.notes() {
        section(lines, heading, theme);
        text_lines(lines, body);
    }
    if !control.evidence.is_empty() {
        section(lines, "Typical evidence", theme);
        for item in &control.evidence {
            lines.push(Line::from(format!("• {}", visible(item, false))));
        }
    }
    section(lines, "Crosswalk", theme);
    lines.push(Line::from(format!(
        "NIST AI RMF: {}",
        if control.nist_ai_rmf.is_empty() {
            "—".to_string()
        } else {
            control.nist_ai_rmf.join(", ")
        }
    )));
    lines.push(Line::from(format!(
        "EU AI Act (indicative): {}",
        if control.eu_ai_act.is_empty() {
            "—".to_string()
        } else {
            control.eu_ai_act.join(", ")
        }
    )));
}
