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
use crate::model::{MEASURES_EXPLAINED, ProgressRow, progress};
use crate::text::visible;

fn bar(fraction: Option<f64>, width: usize) -> (String, String) {
    let filled = fraction.map_or(0, |f| ((f / 100.0) * width as f64).round() as usize);
    let filled = filled.min(width);
    ("█".repeat(filled), "░".repeat(width - filled))
}

fn row_line<'a>(
    row: &ProgressRow,
    label: &str,
    label_width: usize,
    bar_width: usize,
    theme: Theme,
) -> Line<'a> {
    let mut spans = vec![Span::styled(
        format!(
            "{:<label_width$}",
            clip(&visible(label, false), label_width)
        ),
        theme.title(),
    )];
    if row.decidable {
        let (done, todo) = bar(row.decided_percent(), bar_width);
        spans.push(Span::styled(
            done,
            theme.good().add_modifier(ratatui::style::Modifier::BOLD),
        ));
        spans.push(Span::styled(todo, theme.dim()));
        spans.push(Span::styled(
            format!(
                " {:>4} {:>5} ",
                percent(row.decided_percent()),
                format!("{}/{}", row.decided, row.total)
            ),
            theme.title(),
        ));
    } else {
        spans.push(Span::styled(
            format!("{:<w$}", "mandatory", w = bar_width + 12),
            theme.dim(),
        ));
    }
    let (done, todo) = bar(row.implemented_percent(), bar_width);
    spans.push(Span::styled(done, theme.key()));
    spans.push(Span::styled(todo, theme.dim()));
    spans.push(Span::styled(
        format!(
            " {:>4} {:>5}",
            percent(row.implemented_percent()),
            format!("{}/{}", row.implemented, row.applicable)
        ),
        theme.title(),
    ));
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let width = usize::from(area.width.saturating_sub(2));
    let label_width = (width / 3).clamp(14, 40);
    let bar_width = (width.saturating_sub(label_width + 24) / 2).max(4);
    let all = progress(&workspace.catalogs, &workspace.records);
    let body_rows: usize = all.iter().map(|c| c.groups.len() + 3).sum::<usize>() + 3;
    let spacious = usize::from(area.height.saturating_sub(2)) >= body_rows * 2 - 4;
    let mut lines = Vec::new();
    for catalog in &all {
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{:<label_width$}",
                    clip(&visible(&catalog.title, false), label_width)
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
    let block = Block::bordered()
        .title(" Progress ")
        .border_style(theme.border(false));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((app.detail_scroll, 0)),
        area,
    );
}
