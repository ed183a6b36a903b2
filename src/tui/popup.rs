//! The popups: what needs an answer or a text before the work goes on.
//! Each holds only its own state; `App` decides what a confirmed popup does.

use ratatui_textarea::{TextArea, WrapMode};

use super::filter::{Filter, FuzzyQuery};
use crate::model::{
    AiSystem, FieldKind, FieldSpec, Fields, ImpactAssessment, ImpactEntry, Level, Risk, Roles,
};
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
    /// A field of the form on the popup stack, by row.
    FormField(usize, &'static str),
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
            TextTarget::FormField(..) => "",
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
            TextTarget::FormField(_, label) => label.to_string(),
        }
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self, TextTarget::Justification(_) | TextTarget::Notes(_))
    }
}

pub struct TextPopup {
    pub target: TextTarget,
    /// Several lines allowed (justification, notes, long form fields).
    pub multiline: bool,
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
            multiline: target.is_multiline(),
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
        if self.multiline && trimmed.contains('\n') {
            format!("{trimmed}\n")
        } else {
            trimmed.to_string()
        }
    }

    /// Inserts pasted text in one piece, with any line ends made `\n`.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if self.multiline {
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
    /// A choice field of the form on the popup stack, by row.
    FormField(usize, &'static str),
}

/// The value of the item meaning "every system in scope".
pub const ALL_SYSTEMS: &str = "*";

pub struct SelectPopup {
    pub target: SelectTarget,
    pub items: Vec<SelectItem>,
    /// Index into `visible()`.
    pub selected: usize,
    pub filter: Filter,
    /// One choice only: ticking one unticks the others, Enter picks.
    pub single: bool,
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
        if self.single {
            for item in &mut self.items {
                item.checked = false;
            }
        }
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
    /// For a field of a form: the record the form edits and the field's key,
    /// so the form can be opened again around the text.
    pub form: Option<(FormTarget, String)>,
}

/// Which record a form edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormTarget {
    NewSystem,
    System(String),
    Roles,
    /// The header of `impact/<system>.yaml`.
    Assessment(String),
    /// An affected group of a system's assessment; `None` adds one.
    ImpactEntry(String, Option<usize>),
    /// A risk of a system's assessment; `None` adds one.
    Risk(String, Option<usize>),
}

/// The record a form holds while it is open. Only one form is ever open
/// and it lives in a box on the popup stack, so the variants' sizes differ
/// at no cost.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum FormRecord {
    System(AiSystem),
    Roles(Roles),
    Assessment(ImpactAssessment),
    Entry(ImpactEntry),
    Risk(Risk),
}

impl FormRecord {
    pub fn fields(&self) -> &'static [FieldSpec] {
        match self {
            FormRecord::System(_) => AiSystem::FIELDS,
            FormRecord::Roles(_) => Roles::FIELDS,
            FormRecord::Assessment(_) => ImpactAssessment::FIELDS,
            FormRecord::Entry(_) => ImpactEntry::FIELDS,
            FormRecord::Risk(_) => Risk::FIELDS,
        }
    }

    pub fn get(&self, key: &str) -> String {
        match self {
            FormRecord::System(r) => r.get(key),
            FormRecord::Roles(r) => r.get(key),
            FormRecord::Assessment(r) => r.get(key),
            FormRecord::Entry(r) => r.get(key),
            FormRecord::Risk(r) => r.get(key),
        }
    }

    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match self {
            FormRecord::System(r) => r.set(key, value),
            FormRecord::Roles(r) => r.set(key, value),
            FormRecord::Assessment(r) => r.set(key, value),
            FormRecord::Entry(r) => r.set(key, value),
            FormRecord::Risk(r) => r.set(key, value),
        }
    }
}

pub struct FormPopup {
    pub target: FormTarget,
    pub record: FormRecord,
    /// The record as the form opened, to tell whether anything was entered.
    pub initial: FormRecord,
    /// The rows: the record's fields, and for a new system its id.
    pub rows: Vec<FieldSpec>,
    pub selected: usize,
    pub error: Option<String>,
    /// A new system's id: derived from the name until typed by hand.
    pub id: String,
    pub id_typed: bool,
}

/// The id row of a new system's form.
pub const ID_ROW: FieldSpec = FieldSpec {
    key: "id",
    label: "Id (file name)",
    kind: FieldKind::Text,
    required: true,
};

impl FormPopup {
    pub fn new(target: FormTarget, record: FormRecord) -> FormPopup {
        let mut rows: Vec<FieldSpec> = record.fields().to_vec();
        if target == FormTarget::NewSystem {
            rows.insert(1, ID_ROW);
        }
        FormPopup {
            target,
            initial: record.clone(),
            record,
            rows,
            selected: 0,
            error: None,
            id: String::new(),
            id_typed: false,
        }
    }

    pub fn value(&self, row: usize) -> String {
        match self.rows.get(row) {
            Some(spec) if spec.key == "id" && self.target == FormTarget::NewSystem => {
                self.id.clone()
            }
            Some(spec) => self.record.get(spec.key),
            None => String::new(),
        }
    }

    pub fn title(&self) -> String {
        match &self.target {
            FormTarget::NewSystem => "New AI system".into(),
            FormTarget::System(id) => format!("AI system {id}"),
            FormTarget::Roles => "Accountability: who decides what".into(),
            FormTarget::Assessment(id) => format!("Impact assessment of {id}"),
            FormTarget::ImpactEntry(id, None) => format!("New affected group for {id}"),
            FormTarget::ImpactEntry(id, Some(_)) => format!("Affected group of {id}"),
            FormTarget::Risk(id, None) => format!("New risk of {id}"),
            FormTarget::Risk(_, Some(_)) => match &self.record {
                FormRecord::Risk(risk) => format!("Risk {}", risk.id),
                _ => "Risk".into(),
            },
        }
    }

    /// Whether the form creates its record when it closes.
    pub fn is_new(&self) -> bool {
        matches!(
            self.target,
            FormTarget::NewSystem | FormTarget::ImpactEntry(_, None) | FormTarget::Risk(_, None)
        )
    }
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
        /// How far the comparison is scrolled.
        scroll: u16,
    },
    ConfirmQuit,
    Recovery(Draft),
    Form(Box<FormPopup>),
    /// The impact assessment of a system: its header, groups and risks.
    Impact {
        system: String,
        selected: usize,
    },
    /// The assessment implies another overall impact than the inventory says.
    ConfirmImpact {
        system: String,
        implied: Level,
    },
}
