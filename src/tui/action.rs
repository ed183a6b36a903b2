//! Every change of state is an [`Action`]. Keys become [`Command`]s through
//! the keymap; everything else that happens (a paste, a resize, the
//! workspace finishing loading, a file changing on disk) arrives as an
//! action of its own, and `App::update` is the one place that applies them.

use ratatui::crossterm::event::KeyEvent;

use crate::workspace::Workspace;

/// What a key can ask for. Named as verbs; the keymap gives each its keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    ToggleHelp,
    ShowInventory,
    ShowControls,
    ShowProgress,
    ShowGaps,
    ShowRisks,
    NextPane,
    PrevPane,
    Undo,
    Redo,
    SelectNext,
    SelectPrev,
    SelectFirst,
    SelectLast,
    PageDown,
    PageUp,
    StartFilter,
    Open,
    Back,
    AcceptFilter,
    MarkApplicable,
    MarkExcluded,
    ClearDecision,
    CycleStatus,
    EditJustification,
    EditOwner,
    EditBasis,
    EditSystems,
    EditEvidence,
    EditDue,
    EditNotes,
    EditSoa,
    ShowBroken,
    DropText,
    ToggleGuidance,
    StampReview,
    AcceptSuggestion,
    NewSystem,
    EditSystem,
    Decommission,
    EditImpact,
    SortNext,
    SortReverse,
    EditRoles,
    JumpToSystem,
    JumpToControl,
    /// Go to the record that closes the selected gap.
    OpenGap,
    /// Show the next owner's gaps.
    NextGapOwner,
    AddRisk,
    /// Popups: confirm, toggle an item, add, remove.
    Confirm,
    Toggle,
    AddItem,
    RemoveItem,
    KeepMine,
    TakeTheirs,
    Discard,
    /// The certification-readiness guide.
    ShowGuide,
    /// Each person's open items, overdue first.
    ShowOwners,
    /// The crosswalk to another framework, with coverage.
    ShowCrosswalk(crate::catalog::FrameworkId),
    /// The commits that changed the selected control's entry or system (git).
    ShowHistory,
    /// In a merge: this key from our side, or from theirs.
    PickOurs,
    PickTheirs,
}

#[derive(Debug)]
pub enum Action {
    Run(Command),
    /// A key typed into a text field or filter.
    Type(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    Loaded(Box<Workspace>),
    LoadFailed(String),
    /// Files that changed on disk behind our back, relative to the root.
    FilesChanged(Vec<String>),
    /// The connection dropped or we were told to stop: keep open text, exit.
    Hangup,
    /// Outcomes of effects the loop performed.
    /// A file was written; the text it replaced, for an edit's undo, and
    /// the comments of that text that had no place in the new one.
    Written {
        path: String,
        replaced: Option<String>,
        dropped: Vec<crate::yaml::DroppedComment>,
    },
    /// A conflicted file was written clean from the sides chosen (with
    /// the comments that had no place), or why it was not.
    Resolved {
        path: String,
        outcome: Result<Vec<crate::yaml::DroppedComment>, String>,
    },
    WriteConflict {
        record: Box<crate::workspace::Record>,
        disk: Option<String>,
    },
    /// A write of the file at the path failed, with the message.
    WriteFailed(String, String),
    Reloaded(String, crate::workspace::Reloaded),
    /// The trend and recent changes the Progress tab shows, read from git.
    MeetingRead(Box<super::meeting::Meeting>),
    /// The history of the file at the path, read from git (or why not).
    HistoryRead {
        path: String,
        outcome: Result<Vec<crate::workspace::Revision>, crate::workspace::HistoryError>,
    },
    /// What removing the leftover temporary files at start did.
    LeftoversRemoved(crate::workspace::Cleanup),
    /// Every event queued so far was handled and the screen drawn: popups
    /// that appeared meanwhile may now take answers.
    Settled,
    /// No event is waiting: do a piece of the work that a later key would
    /// otherwise wait for (see `App::has_work_ahead`).
    Idle,
}
