//! The popups: what needs an answer or a text before the work goes on.
//! Each holds only its own state; `App` decides what a confirmed popup does.
//!
//! Every editor edits one field of one record, named by a [`FieldRef`]: a
//! [`RecordRef`] (which record, and where it lives) and the field's
//! declared key. Text editors, pick lists, forms and recovery all use it,
//! so the SoA, the inventory and the impact assessments share one path.

use ratatui_textarea::{TextArea, WrapMode};
use serde_json::{Value, json};

use super::filter::{Filter, FuzzyQuery};
use crate::model::{
    AiSystem, Evidence, FieldError, FieldSpec, Fields, ImpactAssessment, ImpactEntry, Level,
    Manifest, Risk, SoaEntry, impact_path, soa_path, system_path,
};
use crate::workspace::{Base, Merge, Record, Which};

/// A record an editor works on, and where it lives in the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordRef {
    /// A system not yet created: it lives in its form until then.
    NewSystem,
    System(String),
    /// The manifest: organisation, scope, roles and document control.
    Manifest,
    /// The header of `impact/<system>.yaml`.
    Assessment(String),
    /// An affected group of a system's assessment; `None` adds one.
    ImpactEntry(String, Option<usize>),
    /// A risk of a system's assessment; `None` adds one.
    Risk(String, Option<usize>),
    /// The SoA entry of a control.
    Soa(String),
    /// A piece of evidence of a control's entry; `None` adds one.
    Evidence(String, Option<usize>),
}

impl RecordRef {
    /// The file that holds the record (`None` for a system not yet created).
    pub fn path(&self) -> Option<String> {
        Some(match self {
            RecordRef::NewSystem => return None,
            RecordRef::System(id) => system_path(id),
            RecordRef::Manifest => crate::model::MANIFEST_PATH.to_string(),
            RecordRef::Assessment(system)
            | RecordRef::ImpactEntry(system, _)
            | RecordRef::Risk(system, _) => impact_path(system),
            RecordRef::Soa(control) | RecordRef::Evidence(control, _) => soa_path(control),
        })
    }

    /// The position of an entry of a list (a risk, a group, evidence).
    pub fn index(&self) -> Option<usize> {
        match self {
            RecordRef::ImpactEntry(_, index)
            | RecordRef::Risk(_, index)
            | RecordRef::Evidence(_, index) => *index,
            _ => None,
        }
    }

    /// The same list's entry at `index`.
    pub fn at(&self, index: usize) -> RecordRef {
        match self {
            RecordRef::ImpactEntry(system, _) => {
                RecordRef::ImpactEntry(system.clone(), Some(index))
            }
            RecordRef::Risk(system, _) => RecordRef::Risk(system.clone(), Some(index)),
            RecordRef::Evidence(control, _) => RecordRef::Evidence(control.clone(), Some(index)),
            other => other.clone(),
        }
    }

    /// Whether the record is created when its form closes.
    pub fn is_new(&self) -> bool {
        matches!(
            self,
            RecordRef::NewSystem
                | RecordRef::ImpactEntry(_, None)
                | RecordRef::Risk(_, None)
                | RecordRef::Evidence(_, None)
        )
    }

    /// The record a form for this starts from when there is none yet.
    pub fn blank(&self) -> FormRecord {
        match self {
            RecordRef::NewSystem | RecordRef::System(_) => FormRecord::System(AiSystem::default()),
            RecordRef::Manifest => FormRecord::Manifest(Manifest::default()),
            RecordRef::Assessment(system) => FormRecord::Assessment(ImpactAssessment {
                system: system.clone(),
                ..ImpactAssessment::default()
            }),
            RecordRef::ImpactEntry(..) => FormRecord::Entry(ImpactEntry::default()),
            RecordRef::Risk(..) => FormRecord::Risk(Risk::default()),
            RecordRef::Soa(control) => FormRecord::Soa(SoaEntry::new(control)),
            RecordRef::Evidence(..) => FormRecord::Evidence(Evidence::default()),
        }
    }

    /// The fields a form of this record shows, in order.
    pub fn rows(&self) -> Vec<FieldSpec> {
        let specs = self.blank().specs();
        let mut rows: Vec<FieldSpec> = specs
            .iter()
            .filter(|s| s.is_editable())
            // Catalogues are read at start: they change in aims.yaml.
            .filter(|s| !(*self == RecordRef::Manifest && s.key == "catalogs"))
            .copied()
            .collect();
        if *self == RecordRef::NewSystem
            && let Some(id) = specs.iter().find(|s| s.key == "id")
        {
            // A new system's id is typed (or made from the name) once.
            rows.insert(1.min(rows.len()), *id);
        }
        rows
    }

    pub fn title(&self, record: &FormRecord) -> String {
        match self {
            RecordRef::NewSystem => "New AI system".into(),
            RecordRef::System(id) => format!("AI system {id}"),
            RecordRef::Manifest => {
                "The workspace: organisation, scope, who decides what, document control".into()
            }
            RecordRef::Assessment(id) => format!("Impact assessment of {id}"),
            RecordRef::ImpactEntry(id, None) => format!("New affected group for {id}"),
            RecordRef::ImpactEntry(id, Some(_)) => format!("Affected group of {id}"),
            RecordRef::Risk(id, None) => format!("New risk of {id}"),
            RecordRef::Risk(..) => match record {
                FormRecord::Risk(risk) => format!("Risk {}", risk.id),
                _ => "Risk".into(),
            },
            RecordRef::Soa(control) => format!("Statement of Applicability: {control}"),
            RecordRef::Evidence(control, None) => format!("New evidence for {control}"),
            RecordRef::Evidence(control, Some(_)) => format!("Evidence for {control}"),
        }
    }

    pub fn to_json(&self) -> Value {
        let (kind, id, index) = match self {
            RecordRef::NewSystem => ("new_system", "", None),
            RecordRef::System(id) => ("system", id.as_str(), None),
            RecordRef::Manifest => ("manifest", "", None),
            RecordRef::Assessment(id) => ("assessment", id.as_str(), None),
            RecordRef::ImpactEntry(id, i) => ("impact_entry", id.as_str(), *i),
            RecordRef::Risk(id, i) => ("risk", id.as_str(), *i),
            RecordRef::Soa(id) => ("soa", id.as_str(), None),
            RecordRef::Evidence(id, i) => ("evidence", id.as_str(), *i),
        };
        json!({ "kind": kind, "id": id, "index": index })
    }

    pub fn from_json(value: &Value) -> Option<RecordRef> {
        let id = value.get("id")?.as_str()?.to_string();
        let index = value
            .get("index")
            .and_then(Value::as_u64)
            .and_then(|i| usize::try_from(i).ok());
        Some(match value.get("kind")?.as_str()? {
            "new_system" => RecordRef::NewSystem,
            "system" => RecordRef::System(id),
            "manifest" => RecordRef::Manifest,
            "assessment" => RecordRef::Assessment(id),
            "impact_entry" => RecordRef::ImpactEntry(id, index),
            "risk" => RecordRef::Risk(id, index),
            "soa" => RecordRef::Soa(id),
            "evidence" => RecordRef::Evidence(id, index),
            _ => return None,
        })
    }
}

/// One field of one record: what a text editor or a pick list changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRef {
    pub record: RecordRef,
    pub spec: FieldSpec,
}

impl FieldRef {
    /// The field `key` of `record`; `None` when no such field is declared.
    pub fn new(record: RecordRef, key: &str) -> Option<FieldRef> {
        let spec = record.blank().specs().into_iter().find(|s| s.key == key)?;
        Some(FieldRef { record, spec })
    }

    pub fn key(&self) -> &'static str {
        self.spec.key
    }

    /// The editor's title: the field and the record it belongs to.
    pub fn title(&self) -> String {
        let of = match &self.record {
            RecordRef::NewSystem => "the new system".to_string(),
            RecordRef::System(id) => id.clone(),
            RecordRef::Manifest => "the workspace".to_string(),
            RecordRef::Assessment(id) => format!("the assessment of {id}"),
            RecordRef::ImpactEntry(id, _) => format!("a group affected by {id}"),
            RecordRef::Risk(id, _) => format!("a risk of {id}"),
            RecordRef::Soa(control) | RecordRef::Evidence(control, _) => control.clone(),
        };
        let hint = match self.spec.kind {
            crate::model::FieldKind::Date => " (YYYY-MM-DD, empty for none)",
            _ => "",
        };
        format!("{} of {of}{hint}", self.spec.label)
    }
}

/// The record a form holds while it is open. Only one form is ever open
/// and it lives in a box on the popup stack, so the variants' sizes differ
/// at no cost.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum FormRecord {
    System(AiSystem),
    Manifest(Manifest),
    Assessment(ImpactAssessment),
    Entry(ImpactEntry),
    Risk(Risk),
    Soa(SoaEntry),
    Evidence(Evidence),
}

/// Runs `$body` with `$r` bound to the record inside any variant.
macro_rules! each_record {
    ($value:expr, $r:ident => $body:expr) => {
        match $value {
            FormRecord::System($r) => $body,
            FormRecord::Manifest($r) => $body,
            FormRecord::Assessment($r) => $body,
            FormRecord::Entry($r) => $body,
            FormRecord::Risk($r) => $body,
            FormRecord::Soa($r) => $body,
            FormRecord::Evidence($r) => $body,
        }
    };
}

fn specs_of<R: Fields>(_: &R) -> Vec<FieldSpec> {
    R::specs().copied().collect()
}

impl FormRecord {
    pub fn specs(&self) -> Vec<FieldSpec> {
        each_record!(self, r => specs_of(r))
    }

    pub fn get(&self, key: &str) -> Result<String, FieldError> {
        each_record!(self, r => r.get(key))
    }

    pub fn set(&mut self, key: &str, value: &str) -> Result<(), FieldError> {
        each_record!(self, r => r.set(key, value))
    }

    pub fn clear(&mut self, key: &str) -> Result<(), FieldError> {
        each_record!(self, r => r.clear(key))
    }

    /// The editable fields that hold something, as text: what recovery
    /// keeps of a record that is not on disk yet.
    pub fn to_json(&self) -> Value {
        let values: serde_json::Map<String, Value> = self
            .specs()
            .iter()
            .filter(|s| s.is_editable())
            .filter_map(|s| {
                let value = self.get(s.key).ok()?;
                (!value.is_empty()).then(|| (s.key.to_string(), Value::String(value)))
            })
            .collect();
        Value::Object(values)
    }

    /// Sets each kept field again; values a field no longer takes are skipped.
    pub fn fill_from_json(&mut self, values: &Value) {
        for (key, value) in values.as_object().into_iter().flatten() {
            if let Some(text) = value.as_str() {
                let _ = self.set(key, text);
            }
        }
    }
}

pub struct TextPopup {
    pub field: FieldRef,
    /// Several lines allowed (justification, notes, long form fields).
    pub multiline: bool,
    pub area: TextArea<'static>,
    /// The field's value when the popup opened, to notice a change on disk
    /// made while the user was typing.
    pub original: String,
    pub error: Option<String>,
    /// For a person's name: the names already used in the workspace.
    pub people: Vec<String>,
    /// The suggestion picked with the arrow keys, if any.
    pub picked: Option<usize>,
    /// For a control's text: its guidance, shown beside the editor.
    pub guidance: Option<String>,
    /// Whether the guidance shows on a terminal too narrow for both.
    pub show_guidance: bool,
}

/// How many suggested names show under a name being typed.
pub const SUGGESTIONS: usize = 5;

impl TextPopup {
    pub fn new(field: FieldRef, text: &str) -> TextPopup {
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
            multiline: field.spec.kind.is_multiline(),
            field,
            area,
            original: text.to_string(),
            error: None,
            people: Vec::new(),
            picked: None,
            guidance: None,
            show_guidance: false,
        }
    }

    /// The names already used that match what is typed, best first.
    pub fn suggestions(&self) -> Vec<&str> {
        let typed = self.area.lines().join(" ");
        let typed = typed.trim();
        let mut query = FuzzyQuery::new(typed);
        let mut scored: Vec<(u32, &str)> = self
            .people
            .iter()
            .filter(|name| name.as_str() != typed)
            .filter_map(|name| Some((query.score(name)?, name.as_str())))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(SUGGESTIONS)
            .map(|(_, name)| name)
            .collect()
    }

    /// The value to store: the picked suggestion, else the text typed.
    pub fn value(&self) -> String {
        self.picked
            .and_then(|i| self.suggestions().get(i).map(|s| s.to_string()))
            .unwrap_or_else(|| self.text())
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

/// A list of choices with check boxes (basis, systems, a choice field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectItem {
    pub label: String,
    pub value: String,
    pub checked: bool,
}

/// The value of the item meaning "every system in scope".
pub const ALL_SYSTEMS: &str = "*";

pub struct SelectPopup {
    pub field: FieldRef,
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
        if checked && self.items.iter().any(|i| i.value == ALL_SYSTEMS) {
            let all = self.items[index].value == ALL_SYSTEMS;
            for item in &mut self.items {
                if (item.value == ALL_SYSTEMS) != all {
                    item.checked = false;
                }
            }
        }
    }

    pub fn checked_values(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.checked)
            .map(|i| i.value.clone())
            .collect()
    }

    /// The value the list stands for: the highlighted item of a one-choice
    /// list, else the ticked ones, comma-separated.
    pub fn value(&self) -> String {
        if self.single {
            self.visible()
                .get(self.selected)
                .map(|&i| self.items[i].value.clone())
                .unwrap_or_default()
        } else {
            self.checked_values().join(", ")
        }
    }
}

pub struct FormPopup {
    pub target: RecordRef,
    pub record: FormRecord,
    /// The record as the form opened, to tell whether anything was entered.
    pub initial: FormRecord,
    /// The rows: the record's editable fields, and for a new system its id.
    pub rows: Vec<FieldSpec>,
    pub selected: usize,
    pub error: Option<String>,
    /// A new system's id: made from the name until typed by hand.
    pub id_typed: bool,
}

impl FormPopup {
    pub fn new(target: RecordRef, record: FormRecord) -> FormPopup {
        FormPopup {
            rows: target.rows(),
            target,
            initial: record.clone(),
            record,
            selected: 0,
            error: None,
            id_typed: false,
        }
    }

    pub fn value(&self, row: usize) -> String {
        self.rows
            .get(row)
            .and_then(|spec| self.record.get(spec.key).ok())
            .unwrap_or_default()
    }

    pub fn title(&self) -> String {
        self.target.title(&self.record)
    }

    /// Whether the form creates its record when it closes.
    pub fn is_new(&self) -> bool {
        self.target.is_new()
    }

    /// The row of the field `key`, if the form shows it.
    pub fn row_of(&self, key: &str) -> Option<usize> {
        self.rows.iter().position(|s| s.key == key)
    }
}

/// What was open or unwritten when aims had to stop, kept to be offered
/// back on the next start.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The form that was open, with its record as it stood (for a new
    /// record, the only copy of what was typed), and the row selected.
    pub form: Option<(RecordRef, FormRecord, usize)>,
    /// The field editor that was open: the field, its text, and the value
    /// it opened with (to notice a change made on disk meanwhile).
    pub field: Option<(FieldRef, String, String)>,
    /// Records not written: their write failed (a read-only folder, a full
    /// disk), or a conflict about them was still open. Each with what its
    /// file held when this session read it, so that a later session writes
    /// it only over that, and otherwise shows both.
    pub unsaved: Vec<(Record, Base)>,
    pub saved_at: String,
}

impl Draft {
    pub fn is_empty(&self) -> bool {
        self.form.is_none() && self.field.is_none() && self.unsaved.is_empty()
    }

    /// What the draft holds, in words, for the question that offers it.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some((target, record, _)) = &self.form {
            parts.push(format!("the form \"{}\"", target.title(record)));
        }
        if let Some((field, text, _)) = &self.field {
            parts.push(format!("the editor of {}:\n\n{text}", field.title()));
        }
        if !self.unsaved.is_empty() {
            let paths: Vec<String> = self.unsaved.iter().map(|(r, _)| r.path()).collect();
            parts.push(format!(
                "edits that could not be written to {}",
                paths.join(", ")
            ));
        }
        parts.join("; ")
    }
}

/// The keys the two sides of a conflicted file disagree on, and the side
/// chosen for each (ours until changed).
pub struct MergePopup {
    pub merge: Merge,
    pub choices: Vec<Which>,
    pub selected: usize,
    /// False until the keys queued when it appeared have gone by, so that
    /// a typed-ahead Enter cannot write the file.
    pub armed: bool,
    /// Why the last attempt to write was refused.
    pub error: Option<String>,
}

impl MergePopup {
    pub fn new(merge: Merge) -> MergePopup {
        // One choice per row; a file whose sides do not both read has none
        // and is taken whole, ours first (or theirs, if only theirs reads).
        let first = if merge.ours.read.is_err() && merge.theirs.read.is_ok() {
            Which::Theirs
        } else {
            Which::Ours
        };
        let choices = vec![first; merge.rows.len().max(1)];
        MergePopup {
            merge,
            choices,
            selected: 0,
            armed: false,
            error: None,
        }
    }

    /// Chooses `which` for the selected key (or the whole file).
    pub fn pick(&mut self, which: Which) {
        if let Some(choice) = self.choices.get_mut(self.selected) {
            *choice = which;
        }
        self.error = None;
    }

    /// Chooses `which` for every key.
    pub fn pick_all(&mut self, which: Which) {
        self.choices.iter_mut().for_each(|c| *c = which);
        self.error = None;
    }
}

pub enum Popup {
    Help {
        scroll: u16,
    },
    /// The certification-readiness guide.
    Guide {
        scroll: u16,
    },
    /// Who owes what: each person's open items, overdue first, worked out
    /// when it opened.
    Owners {
        loads: Vec<crate::model::OwnerLoad>,
        scroll: u16,
    },
    /// The crosswalk to another framework.
    Crosswalk {
        framework: crate::catalog::FrameworkId,
        scroll: u16,
    },
    /// The git history of one record's file, newest first, or why there is
    /// none.
    History {
        path: String,
        outcome: Result<Vec<crate::workspace::Revision>, String>,
        scroll: u16,
    },
    /// The files that failed to load, and what each leaves out; the one
    /// selected, to resolve its merge conflict.
    Broken {
        selected: usize,
    },
    /// A file with git's conflict markers, side by side, key by key.
    Merge(Box<MergePopup>),
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
        /// False until the keys that were already queued when it appeared
        /// have gone by: only keys pressed after it was drawn can answer it.
        armed: bool,
    },
    ConfirmQuit,
    /// Close the editor below without saving its text?
    ConfirmDrop,
    /// Work kept from a session that had to stop. It appears when the
    /// workspace has loaded, so keys typed before it (`armed` false) must
    /// not answer it: `n` would drop the work.
    Recovery {
        draft: Box<Draft>,
        armed: bool,
    },
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
