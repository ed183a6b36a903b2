//! The crosswalk popup of the Progress tab: the coverage of another
//! framework first, then each of its items with the ISO controls that cite
//! it, marked as the controls list marks them, and what the marks mean.
//! Coverage is a word as well as a colour, so it reads without colour too.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::super::app::App;
use super::super::theme::Theme;
use super::popups::{centred, frame_block, scrolled_popup};
use crate::catalog::{Framework, FrameworkId};
use crate::model::{COVERAGE_EXPLAINED, Coverage, MARKERS_EXPLAINED, crosswalk};
use crate::report::implemented_share;
use crate::text::visible;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    framework: FrameworkId,
    scroll: u16,
    theme: Theme,
) {
    let Some(workspace) = &app.workspace else {
        return;
    };
    let framework = Framework::builtin(framework);
    let crosswalk = crosswalk(framework, &workspace.catalogs, &workspace.records);
    let text = |t: &str| visible(t, false).into_owned();
    let mut lines = vec![Line::from(Span::styled(
        format!("Coverage: {}", crosswalk.tally().summary()),
        theme.title(),
    ))];
    for group in &crosswalk.groups {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("{} {}", text(&group.id), text(&group.title)),
            theme.title(),
        )));
        for item in &group.items {
            let coverage = item.coverage();
            let style = match coverage {
                Coverage::Covered => theme.good(),
                Coverage::Partial => theme.warn(),
                Coverage::Gap => theme.bad(),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{:<13}", text(&item.id)), theme.key()),
                Span::styled(format!("{:<8}", coverage.to_string()), style),
                Span::raw(format!("{:>5}  ", implemented_share(item))),
                Span::raw(text(&item.title)),
            ]));
            let controls: Vec<String> = item.controls.iter().map(|c| text(&c.marked())).collect();
            let controls = if controls.is_empty() {
                "no control cites it".to_string()
            } else {
                controls.join(", ")
            };
            lines.push(Line::from(Span::styled(
                format!("{:13}{controls}", ""),
                theme.dim(),
            )));
        }
    }
    // What the words and marks mean comes last, so that at 80x24 the
    // first screen is the coverage and the first items.
    lines.push(Line::default());
    for note in [
        format!("{COVERAGE_EXPLAINED}."),
        format!("n/m: controls implemented of those that apply. {MARKERS_EXPLAINED}."),
        framework.note.clone(),
    ] {
        lines.push(Line::from(Span::styled(note, theme.dim())));
    }
    let rect = centred(area, 110, area.height.saturating_sub(2));
    let title = format!(
        "Crosswalk to the {} (Esc closes, j/k scroll)",
        framework.title
    );
    scrolled_popup(
        frame,
        app,
        Paragraph::new(lines)
            .block(frame_block(&title, theme))
            .wrap(Wrap { trim: false }),
        rect,
        scroll,
    );
}
