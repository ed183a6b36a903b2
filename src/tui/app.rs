//! The state of the interface and the one place that changes it:
//! [`App::update`] takes an [`Action`] and returns the [`Effect`]s (writes,
//! reloads, quitting) for the loop to perform. No I/O happens in here, so
//! every behaviour can be tested by feeding actions.

use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Command};
use super::filter::Filter;
use super::history::History;
use super::keymap::{Context, lookup};
use super::popup::{Draft, Popup};
use super::rows::{Column, ControlRow, RiskRow};
use super::summary::Summary;
use super::system_index::SystemIndex;
use crate::catalog::Control;
use crate::model::{Gap, soa_path, system_path};
use crate::workspace::{Record, Reloaded, Workspace};

pub use super::state::{Focus, ListState, Notice, Tab};

/// Work for the loop: everything that touches the disk or ends the program.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Write(Record),
    /// Put back a file's earlier text, which holds this record (undo).
    RestoreText(Record, String),
    /// Write over a file that changed on disk, the user having seen it:
    /// only if it still holds the text shown (`None`: it was deleted).
    WriteOver(Record, Option<String>),
    /// Write a record kept by an earlier session, only over the file as
    /// that session read it.
    WriteSince(Record, crate::workspace::Base),
    /// Remove a file an edit created (undo).
    Remove(String),
    Reload(String),
    /// Re-read a file even if aims last read these bytes: what is in memory
    /// is not what is on disk (an edit dropped for theirs).
    ReloadAnyway(String),
    /// Write a conflicted file clean, from the side chosen for each key.
    ResolveMerge(Box<crate::workspace::Merge>, Vec<crate::workspace::Which>),
    /// The recovery file taken at start was dealt with: remove it.
    ForgetDraft,
    /// The recovery file taken at start is left for next time.
    ReleaseDraft,
    /// Remove the temporary files that writes of a stopped aims left.
    RemoveLeftovers,
    /// Read the git history of the file at the path (relative to the root).
    ReadHistory(String),
    /// Read the trend and the recent changes from git, for the Progress tab.
    ReadMeeting,
    Quit,
}

pub struct App {
    pub(crate) root: PathBuf,
    /// The workspace's path as the header shows it (home folder as `~`).
    pub(crate) root_label: String,
    /// `None` while the workspace is loading in the background.
    pub(crate) workspace: Option<Workspace>,
    pub(crate) load_error: Option<String>,
    pub(crate) reviewer: String,
    pub(crate) today: NaiveDate,
    pub(crate) tab: Tab,
    pub(crate) focus: Focus,
    pub(crate) controls: ListState<ControlRow>,
    pub(crate) systems: ListState<String>,
    pub(crate) risks: ListState<RiskRow>,
    /// The inventory column the table is sorted on, and whether descending.
    pub(crate) sort: (Column, bool),
    pub(crate) system_index: SystemIndex,
    /// Figures about the whole workspace, worked out when the records change.
    pub(crate) summary: Summary,
    /// The gaps, computed when the Gaps tab needs them (`None`: out of date).
    pub(crate) gaps: Option<Vec<Gap>>,
    pub(crate) gaps_view: super::gaps::GapsView,
    /// Who owes what, for the Progress tab on a wide screen: each owner
    /// (`None`: no one) with their open and overdue items, computed like
    /// the gaps (`None`: out of date).
    pub(crate) owners: Option<Vec<(Option<String>, usize, usize)>>,
    /// The trend and recent changes from git, once the Progress tab asked.
    pub(crate) meeting: Option<super::meeting::Meeting>,
    pub(crate) meeting_asked: bool,
    pub(crate) detail_scroll: u16,
    /// How far the page on screen can scroll, noted by the view that drew
    /// it (drawing's own memory, like a list's offset).
    pub(crate) detail_max: std::cell::Cell<u16>,
    /// The same for a scrolled popup (help, the readiness guide).
    pub(crate) popup_max: std::cell::Cell<u16>,
    pub(crate) popups: Vec<Popup>,
    pub(crate) notice: Option<Notice>,
    pub(crate) history: History,
    /// Rows in a page of the current list, from the last known screen size.
    pub(crate) page: usize,
    /// Files whose last write failed: what is in memory is not on disk.
    pub(crate) unsaved: std::collections::BTreeSet<String>,
    /// Work kept by a session that had to stop, to offer once loaded.
    pub(crate) draft_found: Option<Draft>,
    /// Kept work was opened again: its file goes once it is saved.
    pub(crate) recovered: bool,
    /// My versions of files whose write failed, set aside while their
    /// files are re-read after someone else changed them.
    pub(crate) unwritten: Vec<Record>,
    /// Where work is kept when aims has to stop (`None`: not kept, as in
    /// tests that do not ask for it).
    pub(crate) recovery_dir: Option<PathBuf>,
}

impl App {
    pub fn new(root: PathBuf, reviewer: String, today: NaiveDate) -> App {
        App {
            root_label: path_label(&root),
            root,
            workspace: None,
            load_error: None,
            reviewer,
            today,
            tab: Tab::Controls,
            focus: Focus::List,
            controls: ListState::default(),
            systems: ListState::default(),
            risks: ListState::default(),
            sort: (Column::Name, false),
            system_index: SystemIndex::default(),
            summary: Summary::default(),
            gaps: None,
            gaps_view: Default::default(),
            owners: None,
            meeting: None,
            meeting_asked: false,
            detail_scroll: 0,
            detail_max: std::cell::Cell::new(u16::MAX),
            popup_max: std::cell::Cell::new(u16::MAX),
            popups: Vec::new(),
            notice: None,
            history: History::default(),
            page: 10,
            unsaved: Default::default(),
            draft_found: None,
            recovered: false,
            unwritten: Vec::new(),
            recovery_dir: None,
        }
    }

    /// The key contexts in force, most specific first.
    pub(crate) fn contexts(&self) -> Vec<Context> {
        match self.popups.last() {
            Some(
                Popup::Help { .. }
                | Popup::Guide { .. }
                | Popup::Owners { .. }
                | Popup::Crosswalk { .. }
                | Popup::History { .. },
            ) => {
                vec![Context::Help]
            }
            Some(Popup::Broken { .. }) => vec![Context::Broken],
            Some(Popup::Merge(_)) => vec![Context::Merge],
            Some(Popup::Text(text)) if text.multiline => vec![Context::Editor],
            Some(Popup::Text(_)) => vec![Context::Field],
            Some(Popup::Select(select)) if select.filter.editing => vec![Context::Filter],
            Some(Popup::Select(_)) => vec![Context::Select, Context::List],
            Some(Popup::Evidence { .. }) => vec![Context::Evidence],
            Some(Popup::Conflict { .. }) => vec![Context::Conflict],
            Some(Popup::Recovery { .. }) => vec![Context::Recovery],
            Some(Popup::ConfirmQuit | Popup::ConfirmDrop | Popup::ConfirmImpact { .. }) => {
                vec![Context::Confirm]
            }
            Some(Popup::Form(_)) => vec![Context::Form],
            Some(Popup::Impact { .. }) => vec![Context::Impact],
            None => self.pane_contexts(),
        }
    }

    /// The contexts of the pane under any popup: what the help lists.
    pub(crate) fn pane_contexts(&self) -> Vec<Context> {
        match self.tab {
            Tab::Controls if self.controls.filter.editing => vec![Context::Filter],
            Tab::Inventory if self.systems.filter.editing => vec![Context::Filter],
            Tab::Controls => vec![Context::Controls, Context::List, Context::Global],
            Tab::Inventory => vec![Context::Inventory, Context::List, Context::Global],
            Tab::Risks if self.risks.filter.editing => vec![Context::Filter],
            Tab::Risks => vec![Context::Risks, Context::List, Context::Global],
            Tab::Progress => vec![Context::Progress, Context::Scroll, Context::Global],
            Tab::Gaps => vec![Context::Gaps, Context::Global],
        }
    }

    /// The action a key press means here: a command from the keymap, or a
    /// character for whatever text box has focus.
    pub fn action_for_key(&self, key: KeyEvent) -> Option<Action> {
        let contexts = self.contexts();
        if let Some(command) = lookup(&contexts, &key) {
            return Some(Action::Run(command));
        }
        match contexts.first() {
            Some(Context::Editor | Context::Field | Context::Filter) => Some(Action::Type(key)),
            // Any other key under a conflict is answered with how to
            // answer it, so typing on into it is seen to do nothing.
            Some(Context::Conflict) => Some(Action::Run(Command::Back)),
            _ => None,
        }
    }

    pub fn selected_control(&self) -> Option<&Control> {
        let workspace = self.workspace.as_ref()?;
        match self.controls.rows.get(self.controls.selected)? {
            ControlRow::Control { id, .. } => workspace.catalogs.control(id),
            ControlRow::Group(..) => None,
        }
    }

    pub fn selected_system_id(&self) -> Option<&str> {
        self.systems
            .rows
            .get(self.systems.selected)
            .map(String::as_str)
    }

    pub(crate) fn notify(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
    }

    pub(crate) fn warn(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
        });
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Run(command) => {
                // A notice answers the last key; the next key clears it.
                self.notice = None;
                let mut effects = self.run(command);
                effects.extend(self.meeting_wanted());
                effects
            }
            Action::MeetingRead(meeting) => {
                self.meeting_read(*meeting);
                Vec::new()
            }
            Action::Type(key) => {
                self.type_key(key);
                Vec::new()
            }
            Action::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
            Action::Resize(_, height) => {
                self.page = usize::from(height.saturating_sub(8)).max(1);
                Vec::new()
            }
            Action::Loaded(workspace) => {
                let errors = workspace
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .count();
                // A newer aims's workspace is left exactly as it is.
                let clean_up = !workspace.is_read_only() && !workspace.leftovers().is_empty();
                self.workspace = Some(*workspace);
                self.records_changed();
                if errors > 0 {
                    self.warn(format!(
                        "{errors} problem{} in the files; those files are left untouched (run `aims check`)",
                        if errors == 1 { "" } else { "s" }
                    ));
                }
                if let Some(draft) = self.draft_found.take() {
                    self.popups.push(Popup::Recovery {
                        draft: Box::new(draft),
                        armed: false,
                    });
                }
                if clean_up {
                    vec![Effect::RemoveLeftovers]
                } else {
                    Vec::new()
                }
            }
            Action::LeftoversRemoved(cleanup) => {
                if let Some(said) = Notice::after_cleanup(&cleanup) {
                    // The load's own warning (files with errors) stays first.
                    self.notice = Some(match self.notice.take() {
                        Some(first) => first.and(said),
                        None => said,
                    });
                }
                Vec::new()
            }
            Action::HistoryRead { path, outcome } => {
                self.popups.push(Popup::History {
                    path,
                    outcome: outcome.map_err(|why| why.to_string()),
                    scroll: 0,
                });
                Vec::new()
            }
            Action::LoadFailed(message) => {
                self.load_error = Some(message);
                Vec::new()
            }
            Action::FilesChanged(paths) => {
                // My version of a file whose write failed is only in
                // memory; a reload would replace it unseen, so it is kept
                // aside to be shown against theirs.
                for path in paths.iter().filter(|p| self.unsaved.contains(*p)) {
                    if let Some(mine) = self.record_at(path) {
                        self.unwritten.push(mine);
                    }
                }
                paths.into_iter().map(Effect::Reload).collect()
            }
            // Quitting keeps what is open or unwritten, once.
            Action::Hangup => vec![Effect::Quit],
            Action::Written {
                path,
                replaced,
                dropped,
            } => {
                if let Some(text) = replaced {
                    self.history.replaced(&path, text);
                }
                self.unsaved.remove(&path);
                if let Some(first) = dropped.first() {
                    let more = match dropped.len() {
                        1 => String::new(),
                        n => format!(" and {} more", n - 1),
                    };
                    self.warn(format!("saved {path}; dropped its comment {first}{more}"));
                }
                // What the edit itself said (a new status, a review stamp)
                // matters more than the routine "saved".
                if self.notice.is_none() {
                    self.notify(format!("saved {path}"));
                }
                Vec::new()
            }
            Action::WriteConflict { record, disk } => {
                self.popups.push(Popup::Conflict {
                    record,
                    disk,
                    scroll: 0,
                    armed: false,
                });
                Vec::new()
            }
            Action::Settled => {
                self.arm_popups();
                Vec::new()
            }
            Action::Resolved { path, outcome } => {
                self.resolved(path, outcome);
                Vec::new()
            }
            Action::Idle => {
                self.work_ahead();
                Vec::new()
            }
            Action::WriteFailed(path, message) => {
                self.unsaved.insert(path);
                self.warn(message);
                Vec::new()
            }
            Action::Reloaded(path, outcome) => {
                let mine = self
                    .unwritten
                    .iter()
                    .position(|r| r.path() == path)
                    .map(|i| self.unwritten.remove(i));
                if let Some(mine) = mine.filter(|_| outcome != Reloaded::Unchanged) {
                    let disk = self
                        .workspace
                        .as_ref()
                        .and_then(|w| w.reloaded_text(&path))
                        .filter(|_| outcome != Reloaded::Removed)
                        .map(str::to_string);
                    self.unsaved.remove(&path);
                    self.popups.push(Popup::Conflict {
                        record: Box::new(mine),
                        disk,
                        scroll: 0,
                        armed: false,
                    });
                }
                if matches!(
                    outcome,
                    Reloaded::Updated | Reloaded::Removed | Reloaded::Broken
                ) {
                    // Undoing an edit made before their change would write
                    // over it, so those edits are forgotten.
                    self.history.forget(&path);
                }
                match outcome {
                    Reloaded::Updated => self.notify(format!("reloaded {path}: it changed on disk")),
                    Reloaded::Removed => self.notify(format!("{path} was removed on disk")),
                    Reloaded::Broken => self.warn(format!(
                        "{path} changed on disk and now has errors; kept the last good version (run `aims check`)"
                    )),
                    Reloaded::Unchanged | Reloaded::Ignored => {}
                }
                self.records_changed_at(Some(&path));
                Vec::new()
            }
        }
    }

    fn run(&mut self, command: Command) -> Vec<Effect> {
        if self.popups.is_empty() {
            self.run_in_pane(command)
        } else {
            self.run_in_popup(command)
        }
    }

    fn run_in_pane(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Quit => {
                if !self.unsaved.is_empty() {
                    self.popups.push(Popup::ConfirmQuit);
                    return Vec::new();
                }
                return vec![Effect::Quit];
            }
            Command::ToggleHelp => self.popups.push(Popup::Help { scroll: 0 }),
            Command::ShowGuide => self.popups.push(Popup::Guide { scroll: 0 }),
            Command::ShowOwners => {
                if let Some(workspace) = &self.workspace {
                    let loads =
                        crate::model::by_owner(&workspace.catalogs, &workspace.records, self.today);
                    self.popups.push(Popup::Owners { loads, scroll: 0 });
                }
            }
            Command::ShowHistory => {
                let path = match self.tab {
                    Tab::Controls => self.selected_control().map(|c| soa_path(&c.id)),
                    Tab::Inventory => self.selected_system_id().map(system_path),
                    _ => None,
                };
                // git runs in the loop, not here: `update` does no I/O.
                if let Some(path) = path {
                    return vec![Effect::ReadHistory(path)];
                }
            }
            Command::ShowCrosswalk(framework) => self.popups.push(Popup::Crosswalk {
                framework,
                scroll: 0,
            }),
            Command::ShowBroken => {
                if self
                    .workspace
                    .as_ref()
                    .is_some_and(|w| !w.broken_files().is_empty())
                {
                    self.popups.push(Popup::Broken { selected: 0 });
                } else {
                    self.notify("no file has errors");
                }
            }
            Command::ShowInventory => self.show(Tab::Inventory),
            Command::ShowControls => self.show(Tab::Controls),
            Command::ShowProgress => self.show(Tab::Progress),
            Command::ShowGaps => self.show(Tab::Gaps),
            Command::ShowRisks => self.show(Tab::Risks),
            Command::EditRoles => return self.open_roles(),
            Command::NextPane | Command::PrevPane => self.switch_pane(command),
            Command::Undo => return self.undo(),
            Command::Redo => return self.redo(),
            Command::SelectNext
            | Command::SelectPrev
            | Command::SelectFirst
            | Command::SelectLast
            | Command::PageDown
            | Command::PageUp => self.move_selection(command),
            Command::StartFilter => {
                self.focus = Focus::List;
                if let Some(filter) = self.filter_mut() {
                    filter.editing = true;
                }
            }
            Command::AcceptFilter => {
                if let Some(filter) = self.filter_mut() {
                    filter.editing = false;
                }
                return self.open_single_match();
            }
            Command::Back if self.tab == Tab::Gaps => return self.gaps_command(command),
            Command::Back => {
                if let Some(filter) = self.filter_mut() {
                    *filter = Filter::default();
                }
                self.filter_changed();
            }
            Command::Open => self.focus = Focus::Detail,
            _ if self.tab == Tab::Controls => return self.edit_control(command),
            _ if self.tab == Tab::Inventory => return self.inventory_command(command),
            _ if self.tab == Tab::Risks => return self.risk_command(command),
            _ if self.tab == Tab::Gaps => return self.gaps_command(command),
            _ => {}
        }
        Vec::new()
    }

    /// A filter that leaves one match opens it with the same Enter.
    fn open_single_match(&mut self) -> Vec<Effect> {
        match self.tab {
            Tab::Controls => {
                let controls = self
                    .controls
                    .rows
                    .iter()
                    .filter(|r| matches!(r, ControlRow::Control { .. }))
                    .count();
                if controls == 1 && !self.controls.filter.query.is_empty() {
                    self.focus = Focus::Detail;
                }
                Vec::new()
            }
            Tab::Inventory
                if self.systems.rows.len() == 1 && !self.systems.filter.query.is_empty() =>
            {
                self.inventory_command(Command::EditSystem)
            }
            _ => Vec::new(),
        }
    }

    fn show(&mut self, tab: Tab) {
        self.tab = tab;
        if tab == Tab::Gaps {
            self.ensure_gaps();
        }
        if tab == Tab::Progress {
            self.ensure_owners();
        }
        self.focus = Focus::List;
        self.detail_scroll = 0;
    }

    fn switch_pane(&mut self, command: Command) {
        let has_panes = matches!(self.tab, Tab::Controls | Tab::Inventory);
        if has_panes && self.focus == Focus::List && command == Command::NextPane {
            self.focus = Focus::Detail;
        } else if has_panes && self.focus == Focus::Detail && command == Command::PrevPane {
            self.focus = Focus::List;
        } else {
            let index = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
            let next = if command == Command::NextPane {
                (index + 1) % Tab::ALL.len()
            } else {
                (index + Tab::ALL.len() - 1) % Tab::ALL.len()
            };
            self.show(Tab::ALL[next]);
            if command == Command::PrevPane && matches!(self.tab, Tab::Controls | Tab::Inventory) {
                self.focus = Focus::Detail;
            }
        }
    }

    fn move_selection(&mut self, command: Command) {
        if self.tab == Tab::Gaps {
            self.step_gaps(command);
            return;
        }
        if self.focus == Focus::Detail || self.tab == Tab::Progress {
            self.detail_scroll = match command {
                Command::SelectNext => self.detail_scroll.saturating_add(1),
                Command::SelectPrev => self.detail_scroll.saturating_sub(1),
                Command::PageDown => self.detail_scroll.saturating_add(self.page as u16),
                Command::PageUp => self.detail_scroll.saturating_sub(self.page as u16),
                Command::SelectFirst => 0,
                Command::SelectLast => u16::MAX,
                _ => self.detail_scroll,
            }
            .min(self.detail_max.get());
            return;
        }
        let page = self.page;
        match self.tab {
            Tab::Controls => self.controls.step(command, page),
            Tab::Inventory => self.systems.step(command, page),
            Tab::Risks => self.risks.step(command, page),
            Tab::Progress | Tab::Gaps => {}
        }
        self.detail_scroll = 0;
    }

    fn filter_mut(&mut self) -> Option<&mut Filter> {
        match self.tab {
            Tab::Controls => Some(&mut self.controls.filter),
            Tab::Inventory => Some(&mut self.systems.filter),
            Tab::Risks => Some(&mut self.risks.filter),
            Tab::Progress | Tab::Gaps => None,
        }
    }

    fn type_key(&mut self, key: KeyEvent) {
        match self.popups.last_mut() {
            Some(Popup::Text(text)) => {
                text.error = None;
                text.picked = None;
                text.area.input(key);
            }
            Some(Popup::Select(select)) => {
                if edit_query(&mut select.filter.query, key) {
                    select.selected = 0;
                }
            }
            _ => {
                let Some(filter) = self.filter_mut() else {
                    return;
                };
                if edit_query(&mut filter.query, key) {
                    self.filter_changed();
                }
            }
        }
    }

    fn paste(&mut self, text: &str) {
        match self.popups.last_mut() {
            Some(Popup::Text(popup)) => popup.paste(text),
            Some(_) => {}
            None => {
                let editing = self.filter_mut().is_some_and(|f| f.editing);
                if editing && let Some(filter) = self.filter_mut() {
                    filter.query.push_str(&text.replace(['\r', '\n'], " "));
                    self.filter_changed();
                }
            }
        }
    }
}

/// `path` with the home folder written `~`, to keep the header short.
fn path_label(path: &std::path::Path) -> String {
    let path = path.display().to_string();
    match std::env::var("HOME") {
        Ok(home) if !home.is_empty() && home != "/" && path.starts_with(&home) => {
            format!("~{}", &path[home.len()..])
        }
        _ => path,
    }
}

/// Applies a key to a one-line query; true when the query changed.
fn edit_query(query: &mut String, key: KeyEvent) -> bool {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        if key.code == KeyCode::Char('u') || key.code == KeyCode::Char('w') {
            query.clear();
            return true;
        }
        return false;
    }
    match key.code {
        KeyCode::Char(c) => {
            query.push(c);
            true
        }
        KeyCode::Backspace => query.pop().is_some(),
        _ => false,
    }
}
