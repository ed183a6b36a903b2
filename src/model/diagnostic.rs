//! Findings about files, in the form every compiler user knows:
//! `path:line:column: error|warning: message`.

use std::fmt;

use crate::yaml::Pos;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What a finding is about, so that what follows from it (a read-only
/// workspace, a gap's priority) is decided by type, never by wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Not YAML aims can parse: syntax, duplicate keys, aliases, nesting.
    Syntax,
    /// Git's conflict markers: a merge someone has to finish.
    MergeConflict,
    /// Not readable as a record: too large, not UTF-8, empty, a symlink out.
    Unreadable,
    /// A value of the wrong kind, or not one of the allowed words.
    InvalidValue,
    MissingKey,
    /// A key aims does not know that looks like a typo of one it does.
    UnknownKey,
    /// An id that does not match its file's name, or a name that is no id.
    BadId,
    /// A reference to a control, system or risk that does not exist.
    UnknownReference,
    DuplicateId,
    /// The workspace is from a newer aims: nothing is written.
    NewerFormat,
    /// A catalogue that is unknown, unused or clashes with another.
    Catalogue,
    /// A file aims does not read (`.yml`).
    IgnoredFile,
    /// A temporary file of a write that was stopped before it finished.
    LeftoverTempFile,
    /// A decided control with no justification.
    NoJustification,
    /// A value the file holds that has no effect (a status on an excluded control).
    IgnoredValue,
    /// A control in force with no status.
    NoStatus,
    /// A control, system or risk with nobody accountable.
    NoOwner,
    /// A review or due date gone by.
    Overdue,
    /// Personal data processed with no DPIA named.
    NoDpia,
    /// A high-risk system with no impact assessment.
    HighRiskUnassessed,
    /// The inventory's impact rating differs from its assessment.
    ImpactMismatch,
    /// An EU AI Act role or risk tier that does not fit the rest of the
    /// system's entry (built in-house yet a deployer).
    DoubtfulClassification,
}

impl Kind {
    /// The kind as `aims check --format json` names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Syntax => "syntax",
            Kind::MergeConflict => "merge_conflict",
            Kind::Unreadable => "unreadable",
            Kind::InvalidValue => "invalid_value",
            Kind::MissingKey => "missing_key",
            Kind::UnknownKey => "unknown_key",
            Kind::BadId => "bad_id",
            Kind::UnknownReference => "unknown_reference",
            Kind::DuplicateId => "duplicate_id",
            Kind::NewerFormat => "newer_format",
            Kind::Catalogue => "catalogue",
            Kind::IgnoredFile => "ignored_file",
            Kind::LeftoverTempFile => "leftover_temp_file",
            Kind::NoJustification => "no_justification",
            Kind::IgnoredValue => "ignored_value",
            Kind::NoStatus => "no_status",
            Kind::NoOwner => "no_owner",
            Kind::Overdue => "overdue",
            Kind::NoDpia => "no_dpia",
            Kind::HighRiskUnassessed => "high_risk_unassessed",
            Kind::ImpactMismatch => "impact_mismatch",
            Kind::DoubtfulClassification => "doubtful_classification",
        }
    }
}

impl From<crate::yaml::Problem> for Kind {
    fn from(problem: crate::yaml::Problem) -> Kind {
        match problem {
            crate::yaml::Problem::Syntax => Kind::Syntax,
            crate::yaml::Problem::MergeConflict => Kind::MergeConflict,
            crate::yaml::Problem::Unreadable => Kind::Unreadable,
            crate::yaml::Problem::Id => Kind::BadId,
            crate::yaml::Problem::Value => Kind::InvalidValue,
            crate::yaml::Problem::MissingKey => Kind::MissingKey,
            crate::yaml::Problem::UnknownKey => Kind::UnknownKey,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Relative to the workspace root, with `/` separators.
    pub path: String,
    pub pos: Pos,
    pub severity: Severity,
    pub kind: Kind,
    pub message: String,
}

impl Diagnostic {
    pub fn error(kind: Kind, path: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_string(),
            pos,
            severity: Severity::Error,
            kind,
            message: message.into(),
        }
    }

    pub fn warning(kind: Kind, path: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(kind, path, pos, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path,
            self.pos.line,
            self.pos.col,
            self.severity.as_str(),
            self.message
        )
    }
}

/// Sorts by file, then position, so output is stable whatever order the
/// parallel load finished in.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message))
    });
}
