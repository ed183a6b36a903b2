//! The popups: what needs an answer or a text before the work goes on.
//! Each holds only its own state; `App` decides what a confirmed popup does.

use ratatui_textarea::{TextArea, WrapMode};

use super::filter::{Filter, FuzzyQuery};
use crate::workspace::Record;

/// Which field of which record a text popup edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextTarget {
    Justification(String),
    Notes(String),
    Owner(String),
    Due(String),
    /// A new (`None`) or existing evidence entry's reference.
    EvidenceRef(String, Option<usize>),
    EvidenceNote(String, usize),
}

impl TextTarget {
    pub fn control(&self) -> &str {
        match self {
            TextTarget::Justification(c)
            | TextTarget::Notes(c)
            | TextTarget::Owner(c)
            | TextTarget::Due(c)
            | TextTarget::EvidenceRef(c, _)
            | TextTarget::EvidenceNote(c, _) => c,
        }
    }

    pub fn title(&self) -> String {
        match self {
            TextTarget::Justification(c) => format!("Justification for {c}"),
            TextTarget::Notes(c) => format!("Notes on {c}"),
            TextTarget::Owner(c) => format!("Owner of {c}"),
            TextTarget::Due(c) => format!("Due date of {c} (YYYY-MM-DD, empty for none)"),
            TextTarget::EvidenceRef(c, _) => {
                format!("Evidence for {c}: a path in the workspace or a URL")
            }
            TextTarget::EvidenceNote(c, _) => format!("Evidence for {c}: what it shows"),
        }
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self, TextTarget::Justification(_) | TextTarget::Notes(_))
    }
}

pub struct TextPopup {
    pub target: TextTarget,
    pub area: TextArea<'static>,
    /// The field's value when the popup opened, to notice a change on disk
    /// made while the user was typing.
    pub original: String,
    pub error: Option<String>,
}

impl TextPopup {
    pub fn new(target: TextTarget, text: &str) -> TextPopup {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.trim_end_matches('\n')
                .split('\n')
                .map(str::to_string)
                .collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::default());
        // Start at the end, where people continue writing.
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        TextPopup {
            target,
            area,
            original: text.to_string(),
            error: None,
        }
    }

    /// The text as it will be stored: lines joined, trailing blank lines
    /// dropped, and a final newline for multi-line text.
    pub fn text(&self) -> String {
        let joined = self.area.lines().join("\n");
        let trimmed = joined.trim_end();
        if self.target.is_multiline() && trimmed.contains('\n') {
            format!("{trimmed}\n")
        } else {
            trimmed.to_string()
        }
    }

    /// Inserts pasted text in one piece, with any line ends made `\n`.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if self.target.is_multiline() {
            text
        } else {
            text.replace('\n', " ")
        };
        self.area.insert_str(text);
    }
}

/// A list of choices with check boxes (basis, systems).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectItem {
    pub label: String,
    pub value: String,
    pub checked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectTarget {
    Basis(String),
    Systems(String),
}

/// The value of the item meaning "every system in scope".
pub const ALL_SYSTEMS: &str = "*";

pub struct SelectPopup {
    pub target: SelectTarget,
    pub items: Vec<SelectItem>,
    /// Index into `visible()`.
    pub selected: usize,
    pub filter: Filter,
}

impl SelectPopup {
    /// Indices of the items the filter lets through.
    pub fn visible(&self) -> Vec<usize> {
        if self.filter.query.is_empty() {
            return (0..self.items.len()).collect();
        }
        let mut fuzzy = FuzzyQuery::new(&self.filter.query);
        (0..self.items.len())
            .filter(|&i| fuzzy.score(&self.items[i].label).is_some())
            .collect()
    }

    pub fn toggle(&mut self) {
        let Some(&index) = self.visible().get(self.selected) else {
            return;
        };
        let checked = !self.items[index].checked;
        self.items[index].checked = checked;
        // "All systems" and a list of systems exclude each other.
        if checked && self.target_is_systems() {
            let all = self.items[index].value == ALL_SYSTEMS;
            for item in &mut self.items {
                if (item.value == ALL_SYSTEMS) != all {
                    item.checked = false;
                }
            }
        }
    }

    fn target_is_systems(&self) -> bool {
        matches!(self.target, SelectTarget::Systems(_))
    }

    pub fn checked_values(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.checked)
            .map(|i| i.value.clone())
            .collect()
    }
}

/// Text kept from an editor that was open when aims had to stop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub target: TextTarget,
    pub text: String,
    pub saved_at: String,
}

pub enum Popup {
    Help {
        scroll: u16,
    },
    Text(Box<TextPopup>),
    Select(Box<SelectPopup>),
    Evidence {
        control: String,
        selected: usize,
    },
    /// Writing `record` found the file changed on disk (`disk`: its text now).
    Conflict {
        record: Box<Record>,
        disk: Option<String>,
    },
    ConfirmQuit,
    Recovery(Draft),
}
