//! The small pieces of the interface's state (tabs, focus, notices, a
//! list's selection and filter) and what other modules and tests may read
//! of [`App`]; they change it only through actions.

use std::path::PathBuf;

use super::action::Command;
use super::app::App;
use super::filter::Filter;
use super::popup::{Draft, Popup};
use super::rows::{Column, ControlRow, RiskRow};
use crate::text::count;
use crate::workspace::{Cleanup, Workspace};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Inventory,
    Controls,
    Progress,
    Gaps,
    Risks,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Inventory,
        Tab::Controls,
        Tab::Progress,
        Tab::Gaps,
        Tab::Risks,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Inventory => "Inventory",
            Tab::Controls => "Controls",
            Tab::Progress => "Progress",
            Tab::Gaps => "Gaps",
            Tab::Risks => "Risks",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

impl Notice {
    /// What removing the leftover temporary files at start did, if anything.
    pub fn after_cleanup(cleanup: &Cleanup) -> Option<Notice> {
        let what = "left by an aims stopped mid-write";
        if let Some((path, e)) = cleanup.failed.first() {
            return Some(Notice {
                text: format!(
                    "cannot remove {path}, a temporary file {what}: {e}; delete it by hand"
                ),
                is_error: true,
            });
        }
        let removed = &cleanup.removed;
        (!removed.is_empty()).then(|| Notice {
            text: format!(
                "removed {} {what}: {}",
                count(removed.len(), "temporary file", "temporary files"),
                removed.join(", ")
            ),
            is_error: false,
        })
    }

    /// This notice followed by `next`, on one line.
    pub fn and(self, next: Notice) -> Notice {
        Notice {
            text: format!("{}; {}", self.text, next.text),
            is_error: self.is_error || next.is_error,
        }
    }
}

/// A list's selection and filter, with the rows they produce.
#[derive(Debug)]
pub struct ListState<R> {
    pub selected: usize,
    pub filter: Filter,
    pub rows: Vec<R>,
    /// The first row on screen, kept between frames by the view so that the
    /// list scrolls only when the selection leaves it (a `Cell` because
    /// drawing reads the app and this is drawing's own memory).
    pub offset: std::cell::Cell<usize>,
}

impl<R> Default for ListState<R> {
    fn default() -> Self {
        ListState {
            selected: 0,
            filter: Filter::default(),
            rows: Vec::new(),
            offset: std::cell::Cell::new(0),
        }
    }
}

impl<R> ListState<R> {
    pub(crate) fn select(&mut self, index: usize) {
        self.selected = index.min(self.rows.len().saturating_sub(1));
    }

    pub(super) fn step(&mut self, command: Command, page: usize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = match command {
            Command::SelectNext => (self.selected + 1).min(last),
            Command::SelectPrev => self.selected.saturating_sub(1),
            Command::SelectFirst => 0,
            Command::SelectLast => last,
            Command::PageDown => (self.selected + page).min(last),
            Command::PageUp => self.selected.saturating_sub(page),
            _ => self.selected,
        };
    }
}

/// What other modules and tests may read of the state; they change it
/// through actions (see [`App::update`] and `tui::process`).
impl App {
    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn popups(&self) -> &[Popup] {
        &self.popups
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        self.workspace.as_ref()
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub fn controls(&self) -> &ListState<ControlRow> {
        &self.controls
    }

    pub fn systems(&self) -> &ListState<String> {
        &self.systems
    }

    pub fn risks(&self) -> &ListState<RiskRow> {
        &self.risks
    }

    /// The inventory's sort column, and whether it is descending.
    pub fn sort(&self) -> (Column, bool) {
        self.sort
    }

    pub fn detail_scroll(&self) -> u16 {
        self.detail_scroll
    }

    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
    }

    /// Files whose last write failed.
    pub fn unsaved(&self) -> &std::collections::BTreeSet<String> {
        &self.unsaved
    }

    /// How the header names the workspace's folder (tests fix it, because
    /// a temporary folder's name changes each run).
    pub fn set_root_label(&mut self, label: impl Into<String>) {
        self.root_label = label.into();
    }

    /// Keeps work in `dir` when aims has to stop.
    pub fn keep_recoveries_in(&mut self, dir: PathBuf) {
        self.recovery_dir = Some(dir);
    }

    /// Work kept by an earlier session, offered once the workspace loads.
    pub fn offer_kept_work(&mut self, draft: Option<Draft>) {
        self.draft_found = draft;
    }
}
