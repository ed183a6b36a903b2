//! The progress view, for a meeting room: per domain, two thick bars
//! (decided; implemented of applicable) with their counts, bold and in
//! full blocks so they read from the back of a room and without colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::App;
use super::super::theme::Theme;
use super::{clip, percent};
use crate::model::{AI_POLICY, MEASURES_EXPLAINED, ProgressRow};
use crate::text::{count, visible};

/// The most owners and changes the side of a wide screen lists; the rest
/// are a command away.
const MAX_OWNERS: usize = 10;
const MAX_CHANGES: usize = 8;

/// The first steps as a checklist.
fn checklist_lines<'a>(app: &App, theme: Theme) -> Vec<Line<'a>> {
    let ready = &app.summary.readiness;
    let item = |done: bool, text: String| {
        let (mark, style) = if done {
            ("[x] ", theme.good())
        } else {
            ("[ ] ", theme.warn())
        };
        Line::from(vec![
            Span::styled(mark, style.add_modifier(ratatui::style::Modifier::BOLD)),
            Span::styled(text, theme.title()),
        ])
    };
    let said = |yes: bool, word: &str| {
        if yes {
            word.to_string()
        } else {
            format!("not {word}")
        }
    };
    let mut lines = vec![
        Line::from(Span::styled("READINESS: THE FIRST STEPS", theme.title())),
        item(
            ready.inventory_done(),
            format!(
                "Inventory: {}, {} without an owner",
                count(ready.systems, "AI system", "AI systems"),
                ready.systems_without_owner
            ),
        ),
        item(
            ready.assessments_done(),
            format!(
                "Impact assessments: {} of {}, {} overdue for review",
                ready.assessed,
                count(ready.systems, "system", "systems"),
                ready.assessments_overdue
            ),
        ),
        item(
            ready.roles_done(),
            format!(
                "Roles named: {} of {} (R edits them)",
                ready.roles_named, ready.roles_total
            ),
        ),
        item(
            ready.policy_done(),
            format!(
                "AI policy ({AI_POLICY}): {}, {}",
                said(ready.policy_decided, "decided"),
                said(ready.policy_implemented, "implemented")
            ),
        ),
    ];
    lines.push(Line::default());
    lines
}

/// Who is accountable, and where the guides are.
fn roles_lines<'a>(app: &App, theme: Theme) -> Vec<Line<'a>> {
    let Some(workspace) = &app.workspace else {
        return Vec::new();
    };
    let mut lines = vec![Line::from(Span::styled("ROLES", theme.title()))];
    for (_, label, holder) in workspace.records.manifest.roles() {
        lines.push(Line::from(vec![
            Span::styled(format!("  {label}: "), theme.dim()),
            Span::raw(visible(holder.as_deref().unwrap_or("not named"), false).into_owned()),
        ]));
    }
    lines.extend(hint_lines(theme));
    lines
}

/// Where the guides are.
fn hint_lines<'a>(theme: Theme) -> Vec<Line<'a>> {
    vec![
        Line::from(Span::styled(
            "c: what certification asks for, stage by stage",
            theme.dim(),
        )),
        Line::from(Span::styled(
            "n / e: crosswalk to NIST AI RMF / EU AI Act",
            theme.dim(),
        )),
        Line::default(),
    ]
}

/// Who owes what, overdue first: for a review board on a wide screen.
fn owner_lines<'a>(app: &App, theme: Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled("WHO OWES WHAT", theme.title()))];
    // Worked out on entering the tab and while idle; until then, nothing.
    let owners = app.owners.as_deref().unwrap_or_default();
    for (owner, open, overdue) in owners.iter().take(MAX_OWNERS) {
        let name = visible(owner.as_deref().unwrap_or("no one"), false).into_owned();
        let mut spans = vec![Span::raw(format!("  {name}: {open} open"))];
        if *overdue > 0 {
            spans.push(Span::styled(format!(", {overdue} overdue"), theme.bad()));
        }
        lines.push(Line::from(spans));
    }
    let more = owners.len().saturating_sub(MAX_OWNERS);
    lines.push(Line::from(Span::styled(
        if more > 0 {
            format!("{more} more: w lists everyone's items")
        } else {
            "w: each one's items; 4 then o: their gaps".to_string()
        },
        theme.dim(),
    )));
    lines
}

/// The decided share of each domain over the days the SoA changed, as a
/// line of bars, and what moved since the last meeting: for a review board
/// on a wide screen.
fn meeting_lines<'a>(app: &App, theme: Theme, width: usize) -> Vec<Line<'a>> {
    let Some(meeting) = &app.meeting else {
        return vec![Line::from(Span::styled(
            "reading the history…",
            theme.dim(),
        ))];
    };
    let mut lines = vec![Line::default()];
    match &meeting.trend {
        Ok(trend) if !trend.days.is_empty() => {
            let days = trend.days.len();
            let first = trend
                .days
                .first()
                .map(|d| d.date.to_string())
                .unwrap_or_default();
            lines.push(Line::from(Span::styled(
                format!(
                    "TREND, DECIDED: {} since {first}",
                    count(days, "DAY", "DAYS")
                ),
                theme.title(),
            )));
            let shown = width.saturating_sub(14).max(4);
            let recent = &trend.days[days.saturating_sub(shown)..];
            // The Annex A domains of each day: the catalogue with decisions.
            let by_day: Vec<&[ProgressRow]> = recent
                .iter()
                .map(|day| {
                    day.progress
                        .iter()
                        .find(|c| c.total.decidable)
                        .map_or(&[][..], |c| c.groups.as_slice())
                })
                .collect();
            let latest = by_day.last().copied().unwrap_or_default();
            for (g, row) in latest.iter().enumerate() {
                let shares: Vec<Option<f64>> = by_day
                    .iter()
                    .map(|groups| groups.get(g).and_then(|r| r.decided_percent()))
                    .collect();
                lines.push(Line::from(vec![
                    Span::raw(format!("  {:<5}", row.id)),
                    Span::styled(sparkline(&shares), theme.good()),
                    Span::raw(format!(" {}", percent(row.decided_percent()))),
                ]));
            }
        }
        Ok(_) => lines.push(Line::from(Span::styled(
            "No trend yet: no commit has changed the SoA.",
            theme.dim(),
        ))),
        Err(why) => lines.push(Line::from(Span::styled(
            format!("No trend: {why}."),
            theme.dim(),
        ))),
    }
    lines.push(Line::default());
    match &meeting.past {
        Ok(_) => {
            lines.push(Line::from(Span::styled(
                format!(
                    "SINCE {} ({} DAYS): {}",
                    meeting.since,
                    super::super::meeting::MEETING_DAYS,
                    count(meeting.changes.len(), "CHANGE", "CHANGES")
                ),
                theme.title(),
            )));
            // A line each, cut at the edge; the whole list is a command away.
            for change in meeting.changes.iter().take(MAX_CHANGES) {
                let text = format!("  {}: {}", change.kind.label(), change.text);
                lines.push(Line::from(clip(&visible(&text, false), width)));
            }
            let more = meeting.changes.len().saturating_sub(MAX_CHANGES);
            let hint = if more > 0 {
                format!("{more} more: aims progress --since {}", meeting.since)
            } else {
                "aims progress --since DATE: since another day".to_string()
            };
            lines.push(Line::from(Span::styled(clip(&hint, width), theme.dim())));
        }
        Err(why) => lines.push(Line::from(Span::styled(
            format!("No changes to show: {why}."),
            theme.dim(),
        ))),
    }
    lines
}

/// Shares as a line of eighth-blocks, lowest to highest.
fn sparkline(shares: &[Option<f64>]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    shares
        .iter()
        .map(|share| match share {
            None => ' ',
            Some(p) => BLOCKS[((p / 100.0 * 7.0).round() as usize).min(7)],
        })
        .collect()
}

fn bar(fraction: Option<f64>, width: usize) -> (String, String) {
    let filled = fraction.map_or(0, |f| ((f / 100.0) * width as f64).round() as usize);
    let filled = filled.min(width);
    ("█".repeat(filled), "░".repeat(width - filled))
}

/// A bar with its percentage and `part/whole`, in `style`.
fn bar_spans<'a>(
    value: Option<f64>,
    part: usize,
    whole: usize,
    width: usize,
    style: ratatui::style::Style,
    theme: Theme,
) -> [Span<'a>; 3] {
    let (done, todo) = bar(value, width);
    [
        Span::styled(done, style),
        Span::styled(todo, theme.dim()),
        Span::styled(
            format!(" {:>4} {:>5} ", percent(value), format!("{part}/{whole}")),
            theme.title(),
        ),
    ]
}

fn row_line<'a>(
    row: &ProgressRow,
    label: &str,
    label_width: usize,
    bar_width: usize,
    theme: Theme,
) -> Line<'a> {
    // One column of space after the label, so a long one never touches its bar.
    let mut spans = vec![Span::styled(
        format!(
            "{:<label_width$}",
            clip(&visible(label, false), label_width.saturating_sub(1))
        ),
        theme.title(),
    )];
    if row.decidable {
        let style = theme.good().add_modifier(ratatui::style::Modifier::BOLD);
        spans.extend(bar_spans(
            row.decided_percent(),
            row.decided,
            row.total,
            bar_width,
            style,
            theme,
        ));
    } else {
        spans.push(Span::styled(
            format!("{:<w$}", "mandatory", w = bar_width + 12),
            theme.dim(),
        ));
    }
    spans.extend(bar_spans(
        row.implemented_percent(),
        row.implemented,
        row.applicable,
        bar_width,
        theme.key(),
        theme,
    ));
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    if app.workspace.is_none() {
        return;
    }
    let all = &app.summary.progress;
    let body_rows: usize = all.iter().map(|c| c.groups.len() + 3).sum::<usize>() + 3;
    let spacious = usize::from(area.height.saturating_sub(2)) >= body_rows * 2 - 4;
    // Wide screens show the first steps beside the bars; narrow ones after
    // them, so the bars are what a meeting sees first.
    let wide = area.width >= 120;
    let (area, side) = if wide {
        let [main, side] = ratatui::layout::Layout::horizontal([
            ratatui::layout::Constraint::Min(60),
            ratatui::layout::Constraint::Length(48),
        ])
        .areas(area);
        (main, Some(side))
    } else {
        (area, None)
    };
    let width = usize::from(area.width.saturating_sub(2));
    let label_width = (width / 3).clamp(14, 40);
    let bar_width = (width.saturating_sub(label_width + 24) / 2).max(4);
    // A narrow screen opens on the checklist, then the bars; the roles
    // follow them.
    let mut lines = if side.is_some() {
        Vec::new()
    } else {
        checklist_lines(app, theme)
    };
    for catalog in all {
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{:<label_width$}",
                    clip(
                        &visible(&catalog.title, false),
                        label_width.saturating_sub(1)
                    )
                ),
                theme.title(),
            ),
            Span::styled(
                format!(
                    "{:<w$}",
                    if catalog.total.decidable {
                        "DECIDED"
                    } else {
                        ""
                    },
                    w = bar_width + 12
                ),
                theme.title(),
            ),
            Span::styled("IMPLEMENTED of applicable", theme.title()),
        ]));
        for row in &catalog.groups {
            let label = format!("{} {}", row.id, row.title);
            lines.push(row_line(row, &label, label_width, bar_width, theme));
            if spacious {
                lines.push(Line::default());
            }
        }
        lines.push(row_line(
            &catalog.total,
            "All",
            label_width,
            bar_width,
            theme,
        ));
        let t = &catalog.total;
        if t.decidable {
            lines.push(Line::from(Span::styled(
                format!(
                    "{} applicable · {} excluded · {} undecided · status: {} not started, {} planned, {} partial, {} implemented",
                    t.applicable, t.excluded, t.undecided, t.not_started + t.no_status, t.planned, t.partial, t.implemented
                ),
                theme.dim(),
            )));
        } else {
            lines.push(Line::from(Span::styled(
                format!(
                    "status: {} not started, {} planned, {} partial, {} implemented",
                    t.not_started + t.no_status,
                    t.planned,
                    t.partial,
                    t.implemented
                ),
                theme.dim(),
            )));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(MEASURES_EXPLAINED, theme.dim())));
    match side {
        Some(side) => {
            // The roles are in the header on a wide screen.
            let mut side_lines = checklist_lines(app, theme);
            side_lines.extend(hint_lines(theme));
            side_lines.extend(owner_lines(app, theme));
            side_lines.extend(meeting_lines(
                app,
                theme,
                usize::from(side.width.saturating_sub(2)),
            ));
            frame.render_widget(
                Paragraph::new(side_lines)
                    .block(
                        Block::bordered()
                            .title(" Readiness ")
                            .border_style(theme.border(false)),
                    )
                    .wrap(ratatui::widgets::Wrap { trim: false }),
                side,
            );
        }
        None => {
            // The rest of what a wide screen shows beside the bars, below.
            lines.push(Line::default());
            lines.extend(roles_lines(app, theme));
            lines.extend(owner_lines(app, theme));
            lines.extend(meeting_lines(app, theme, width));
        }
    }
    let block = Block::bordered()
        .title(" Progress ")
        .border_style(theme.border(false));
    super::draw_page(frame, app, lines, block, area);
}
