//! What the Progress tab shows a review board from git, on a wide screen:
//! the trend of each domain and what moved in the last weeks. Read once
//! the tab is first shown (git runs in the loop, not in `update`), and the
//! changes worked out again when the records change, since uncommitted
//! edits count too.

use chrono::{Days, NaiveDate};

use super::action::Action;
use super::app::{App, Effect, Tab};
use crate::model::{Change, changes};
use crate::workspace::{Past, Trend, Workspace, past, trend};

/// How far back "since the last meeting" looks: a monthly board.
pub const MEETING_DAYS: u64 = 30;

/// What git said, or why it could not say it.
#[derive(Debug)]
pub struct Meeting {
    pub since: NaiveDate,
    pub trend: Result<Trend, String>,
    /// The records at `since`, and who changed each file after.
    pub past: Result<Past, String>,
    /// What moved from `past` to the records now.
    pub changes: Vec<Change>,
}

/// Reads the trend and the workspace as it was `MEETING_DAYS` ago.
pub fn read(workspace: &Workspace, today: NaiveDate) -> Action {
    let since = today
        .checked_sub_days(Days::new(MEETING_DAYS))
        .unwrap_or(today);
    let records = &workspace.records;
    Action::MeetingRead(Box::new(Meeting {
        since,
        trend: trend(&workspace.root, &workspace.catalogs, &records.manifest)
            .map_err(|e| e.to_string()),
        past: past(&workspace.root, &since.to_string()),
        changes: Vec::new(),
    }))
}

impl App {
    /// The effect that reads the meeting's figures, the first time the
    /// Progress tab is shown.
    pub(crate) fn meeting_wanted(&mut self) -> Option<Effect> {
        if self.tab != Tab::Progress || self.meeting_asked || self.workspace.is_none() {
            return None;
        }
        self.meeting_asked = true;
        Some(Effect::ReadMeeting)
    }

    pub(crate) fn meeting_read(&mut self, mut meeting: Meeting) {
        meeting.changes = self.changes_from(&meeting);
        self.meeting = Some(meeting);
    }

    /// The changes again, after the records changed.
    pub(crate) fn refresh_meeting(&mut self) {
        if let Some(meeting) = self.meeting.take() {
            let changes = self.changes_from(&meeting);
            self.meeting = Some(Meeting { changes, ..meeting });
        }
    }

    fn changes_from(&self, meeting: &Meeting) -> Vec<Change> {
        match (&self.workspace, &meeting.past) {
            (Some(workspace), Ok(past)) => {
                changes(&workspace.catalogs, &past.records, &workspace.records)
            }
            _ => Vec::new(),
        }
    }
}
