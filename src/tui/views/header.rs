//! The two lines at the top: who and what this is, and the tabs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Tab};
use super::super::theme::Theme;
use super::clip;
use crate::text::{count, visible};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let width = usize::from(area.width);
    let mut facts = Vec::new();
    let mut organisation = String::from("…");
    if let Some(workspace) = &app.workspace {
        organisation = visible(&workspace.records.manifest.organisation, false).into_owned();
        facts.push(count(app.summary.readiness.systems, "system", "systems"));
        if let Some(annex) = app.summary.progress.iter().find(|c| c.total.decidable) {
            facts.push(format!(
                "{}/{} decided",
                annex.total.decided, annex.total.total
            ));
            facts.push(format!(
                "{}/{} implemented",
                annex.total.implemented, annex.total.applicable
            ));
        }
    }
    let folder = app.root_label.clone();
    let mut parts = vec![
        organisation,
        visible(&folder, false).into_owned(),
        visible(&app.reviewer, false).into_owned(),
    ];
    parts.extend(facts);
    let line = format!(" {}", parts.join(" · "));
    // Broken files come first, where they cannot be clipped away: what
    // they hold is missing from every count on the screen.
    let broken = app.workspace.as_ref().map_or(0, |w| w.broken_files().len());
    let mut first = vec![Span::styled(" aims ", theme.tab(true))];
    let mut room = width.saturating_sub(6);
    if broken > 0 {
        let alarm = format!(
            " {} (! lists) ",
            count(broken, "broken file", "broken files")
        );
        room = room.saturating_sub(alarm.chars().count());
        first.push(Span::styled(alarm, theme.bad()));
    }
    first.push(Span::styled(clip(&line, room), theme.title()));
    let first = Line::from(first);
    let mut tabs = Vec::new();
    for (i, tab) in Tab::ALL.iter().enumerate() {
        tabs.push(Span::raw(" "));
        tabs.push(Span::styled(
            format!(" {} {} ", i + 1, tab.title()),
            theme.tab(*tab == app.tab),
        ));
    }
    if let Some(workspace) = &app.workspace
        && let Some(lead) = &workspace.records.manifest.governance_lead
    {
        let used: usize = tabs.iter().map(|s| s.content.chars().count()).sum();
        let text = format!("  AI governance lead: {}", visible(lead, false));
        if used + text.chars().count() < width {
            tabs.push(Span::styled(text, theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(vec![first, Line::from(tabs)]), area);
}
