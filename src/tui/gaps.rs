//! The Gaps tab as a list: the selected gap, the owner whose gaps are
//! shown, and going to the record that closes a gap.

use super::action::Command;
use super::app::{App, Effect};
use super::popup::Popup;
use super::state::Focus;
use crate::model::Gap;

/// What the Gaps tab shows: which gap is selected, and whose gaps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GapsView {
    pub selected: usize,
    /// Only this person's gaps (`None`: everyone's).
    pub owner: Option<String>,
}

impl App {
    /// The gaps on the tab, after the owner filter.
    pub(crate) fn shown_gaps(&self) -> Vec<&Gap> {
        let owner = self.gaps_view.owner.as_deref();
        self.gaps
            .iter()
            .flatten()
            .filter(|gap| owner.is_none_or(|o| gap.owner.as_deref() == Some(o)))
            .collect()
    }

    pub(crate) fn gaps_command(&mut self, command: Command) -> Vec<Effect> {
        self.ensure_gaps();
        match command {
            Command::OpenGap => self.open_gap(),
            Command::NextGapOwner => self.next_gap_owner(),
            Command::Back if self.gaps_view.owner.is_some() => {
                self.gaps_view = GapsView::default();
                self.notify("every owner's gaps");
            }
            _ => {}
        }
        Vec::new()
    }

    pub(crate) fn step_gaps(&mut self, command: Command) {
        self.ensure_gaps();
        let last = self.shown_gaps().len().saturating_sub(1);
        let page = self.page;
        let selected = &mut self.gaps_view.selected;
        *selected = match command {
            Command::SelectNext => (*selected + 1).min(last),
            Command::SelectPrev => selected.saturating_sub(1),
            Command::SelectFirst => 0,
            Command::SelectLast => last,
            Command::PageDown => (*selected + page).min(last),
            Command::PageUp => selected.saturating_sub(page),
            _ => *selected,
        };
    }

    /// Everyone's gaps, then each owner's in turn, by name.
    fn next_gap_owner(&mut self) {
        let mut owners: Vec<&str> = self
            .gaps
            .iter()
            .flatten()
            .filter_map(|gap| gap.owner.as_deref())
            .collect();
        owners.sort_unstable();
        owners.dedup();
        let next = match &self.gaps_view.owner {
            None => owners.first(),
            Some(current) => owners
                .iter()
                .position(|o| o == current)
                .and_then(|i| owners.get(i + 1)),
        }
        .map(|o| o.to_string());
        self.notify(match &next {
            Some(owner) => format!("{owner}'s gaps (o: the next owner, Esc: everyone's)"),
            None if owners.is_empty() => "no gap has an owner yet".to_string(),
            None => "every owner's gaps".to_string(),
        });
        self.gaps_view = GapsView {
            selected: 0,
            owner: next,
        };
    }

    /// Goes to the record that closes the selected gap: the control, the
    /// system, or the impact assessment.
    fn open_gap(&mut self) {
        let Some(gap) = self
            .shown_gaps()
            .get(self.gaps_view.selected)
            .map(|gap| (*gap).clone())
        else {
            self.notify("no gap selected");
            return;
        };
        let stem = |dir: &str| {
            gap.path
                .strip_prefix(dir)
                .and_then(|rest| rest.strip_suffix(".yaml"))
                .map(str::to_string)
        };
        if let Some(control) = gap.controls.first().cloned().or_else(|| stem("soa/")) {
            self.jump_to_control(&control);
            self.focus = Focus::Detail;
        } else if let Some(system) = stem("inventory/") {
            self.jump_to_system(&system);
            self.focus = Focus::Detail;
        } else if let Some(system) = stem("impact/") {
            self.jump_to_system(&system);
            self.popups.push(Popup::Impact {
                system,
                selected: 0,
            });
        } else {
            self.notify(format!("open {} to close it", gap.path));
        }
    }
}
