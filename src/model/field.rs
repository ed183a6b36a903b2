//! Fields declared once. Every record type (a system, an SoA entry, an
//! evidence item, an impact assessment and its groups and risks, the
//! manifest) is declared with `record!`: each field's key,
//! label, kind, whether it is required, and its help, next to the struct
//! member that holds it. Reading, the canonical writer, the interface's
//! forms, the command line's `set` and its `--help`, CSV columns and the
//! recovery of open editors are all derived from that one declaration.
//!
//! Keys with a dot (`eu_ai_act.role`, `roles.governance_lead`) are fields of
//! a block of the record: written nested under the part before the dot.

use std::fmt;

use super::Entries;
use crate::yaml::{Extra, Findings, MapReader, Node, Positions};

/// What a field's values refer to, for reference fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Systems,
    Controls,
    Risks,
}

/// How a field is edited and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// Several lines (a description, a justification).
    LongText,
    /// A person's name: free text, with the names already in use offered.
    Person,
    /// A real date, written YYYY-MM-DD.
    Date,
    Bool,
    /// One word out of a fixed set.
    Choice(&'static [&'static str]),
    /// Several words out of a fixed set, comma-separated as text.
    Choices(&'static [&'static str]),
    /// Free words, comma-separated as text.
    List,
    /// Ids of other records, comma-separated as text.
    References(Target),
    /// Entries with fields of their own (evidence, impacts, risks), edited
    /// in a screen of their own rather than as one value.
    Entries,
    /// A number, such as the format version.
    Number,
}

impl FieldKind {
    /// What a value of this kind looks like, for `--help` and messages.
    pub fn describe(self) -> String {
        match self {
            FieldKind::Text | FieldKind::Person => "text".to_string(),
            FieldKind::LongText => "text (several lines allowed)".to_string(),
            FieldKind::Date => "a date, YYYY-MM-DD".to_string(),
            FieldKind::Bool => "true | false".to_string(),
            FieldKind::Choice(words) => words.join(" | "),
            FieldKind::Choices(words) => format!("comma-separated: {}", words.join(", ")),
            FieldKind::List => "comma-separated words".to_string(),
            FieldKind::References(Target::Systems) => {
                "comma-separated system ids; empty for every system in scope".to_string()
            }
            FieldKind::References(Target::Controls) => "comma-separated control ids".to_string(),
            FieldKind::References(Target::Risks) => "comma-separated risk ids".to_string(),
            FieldKind::Entries => "a list of entries (edit them in the interface)".to_string(),
            FieldKind::Number => "a number".to_string(),
        }
    }

    /// Whether the value is edited in a multi-line editor.
    pub fn is_multiline(self) -> bool {
        self == FieldKind::LongText
    }
}

/// The declaration of one field, without the code that reaches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// The field names the record's file (an id): shown, never set.
    pub fixed: bool,
    pub help: &'static str,
}

impl FieldSpec {
    /// The defaults a declaration starts from.
    pub const BASE: FieldSpec = FieldSpec {
        key: "",
        label: "",
        kind: FieldKind::Text,
        required: false,
        fixed: false,
        help: "",
    };

    /// Whether a person edits it as one value (in a form row or with `set`).
    pub fn is_editable(&self) -> bool {
        !self.fixed && self.kind != FieldKind::Entries && self.kind != FieldKind::Number
    }

    /// The block a dotted key belongs to (`eu_ai_act` of `eu_ai_act.role`).
    pub fn group(&self) -> Option<&'static str> {
        self.key.split_once('.').map(|(group, _)| group)
    }
}

/// Why a value could not be set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// No field has this key.
    Unknown { key: String, known: String },
    /// The field names the file and is never set.
    Fixed { key: &'static str },
    /// The field holds entries that are edited one by one.
    NotAValue { key: &'static str },
    /// The value is not one the field takes; the message says why.
    Invalid(String),
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldError::Unknown { key, known } => {
                write!(f, "unknown field `{key}`; the fields are {known}")
            }
            FieldError::Fixed { key } => write!(
                f,
                "`{key}` names the file and cannot be changed here; add a new record and retire this one"
            ),
            FieldError::NotAValue { key } => write!(
                f,
                "`{key}` holds a list of entries, which is not set as one value; edit it in the interface or the file"
            ),
            FieldError::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for FieldError {}

impl From<FieldError> for String {
    fn from(error: FieldError) -> String {
        error.to_string()
    }
}

/// Reads the fields of one record's mapping, noting where each was written.
pub struct FieldReader<'f> {
    pub map: MapReader<'f>,
    pub positions: Positions,
}

/// One declared field of the record type `R`: its declaration and the
/// code, generated by `record!`, that reaches its member.
pub struct Field<R: 'static> {
    pub spec: FieldSpec,
    pub(crate) read: fn(&mut R, &mut FieldReader, &FieldSpec),
    pub(crate) write: fn(&R, &mut Entries, &'static str),
    pub(crate) get: fn(&R) -> String,
    pub(crate) items: fn(&R) -> Option<Vec<String>>,
    pub(crate) clear: fn(&mut R),
    pub(crate) set: fn(&mut R, &str, &FieldSpec) -> Result<(), FieldError>,
}

/// A record whose fields are declared with `record!`.
pub trait Fields: Default + Sized + 'static {
    /// What the record is, for messages ("an AI system").
    const WHAT: &'static str;
    const FIELDS: &'static [Field<Self>];

    fn extra(&self) -> &Extra;
    fn extra_mut(&mut self) -> &mut Extra;
    fn positions(&self) -> &Positions;
    fn positions_mut(&mut self) -> &mut Positions;

    /// The declarations, in the order the fields are written.
    fn specs() -> impl Iterator<Item = &'static FieldSpec> {
        Self::FIELDS.iter().map(|f| &f.spec)
    }

    /// The field with `key`, or an error naming the fields there are.
    fn field(key: &str) -> Result<&'static Field<Self>, FieldError> {
        Self::FIELDS
            .iter()
            .find(|f| f.spec.key == key)
            .ok_or_else(|| FieldError::Unknown {
                key: key.to_string(),
                known: Self::specs()
                    .filter(|s| s.is_editable())
                    .map(|s| s.key)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The value of `key` as text: what a form shows and `set` takes back.
    fn get(&self, key: &str) -> Result<String, FieldError> {
        Self::field(key).map(|field| (field.get)(self))
    }

    /// The items of a list field one by one; other fields give their value.
    fn items(&self, key: &str) -> Result<Vec<String>, FieldError> {
        let field = Self::field(key)?;
        Ok((field.items)(self).unwrap_or_else(|| vec![(field.get)(self)]))
    }

    /// Checks `value` and stores it in the field `key`, with the messages
    /// the loader gives for the same mistake in a file.
    fn set(&mut self, key: &str, value: &str) -> Result<(), FieldError> {
        let field = Self::field(key)?;
        if field.spec.fixed {
            return Err(FieldError::Fixed {
                key: field.spec.key,
            });
        }
        if field.spec.kind == FieldKind::Entries {
            return Err(FieldError::NotAValue {
                key: field.spec.key,
            });
        }
        (field.set)(self, value, &field.spec)
    }

    /// Empties the field `key`, required or not: for a record still being
    /// written in a form, which checks its required fields when it closes.
    fn clear(&mut self, key: &str) -> Result<(), FieldError> {
        let field = Self::field(key)?;
        (field.clear)(self);
        Ok(())
    }

    /// Reads a record from its mapping, reporting every problem; `None`
    /// when the node is not a mapping or a required field is missing.
    fn read(node: Node, findings: &mut Findings) -> Option<Self> {
        let mut map = MapReader::new(node, Self::WHAT, findings)?;
        let mut positions = map.positions();
        let mut opened = Vec::new();
        for group in Self::specs().filter_map(FieldSpec::group) {
            if !opened.contains(&group) {
                map.open_group(group);
                opened.push(group);
            }
        }
        map.group_positions(&mut positions);
        let mut reader = FieldReader { positions, map };
        let mut record = Self::default();
        for field in Self::FIELDS {
            (field.read)(&mut record, &mut reader, &field.spec);
        }
        let FieldReader { map, mut positions } = reader;
        let keys = Self::FIELDS.iter().map(|f| f.spec.key);
        let groups = Self::FIELDS.iter().filter_map(|f| f.spec.group());
        *record.extra_mut() = map.finish_with(keys.chain(groups));
        positions.shrink();
        *record.positions_mut() = positions;
        let complete = Self::FIELDS
            .iter()
            .filter(|f| f.spec.required)
            .all(|f| !(f.get)(&record).trim().is_empty());
        complete.then_some(record)
    }

    /// The record as a mapping in canonical key order, kept keys last.
    fn to_node(&self) -> Node {
        let mut entries = Entries::default();
        let mut groups: Vec<(&'static str, Entries)> = Vec::new();
        for field in Self::FIELDS {
            match field.spec.key.split_once('.') {
                None => (field.write)(self, &mut entries, field.spec.key),
                Some((group, _)) => {
                    if !groups.iter().any(|(g, _)| *g == group) {
                        // A place for the block, where its first field is.
                        entries.0.push((group.to_string(), Node::map(Vec::new())));
                        groups.push((group, Entries::default()));
                    }
                    let (_, block) = groups
                        .iter_mut()
                        .find(|(g, _)| *g == group)
                        .expect("pushed above");
                    let key = &field.spec.key[group.len() + 1..];
                    (field.write)(self, block, key);
                }
            }
        }
        for (group, mut block) in groups {
            self.extra().write_group_into(group, &mut block.0);
            let at = entries
                .0
                .iter()
                .position(|(k, _)| k == group)
                .expect("placed above");
            if block.0.is_empty() {
                entries.0.remove(at);
            } else {
                entries.0[at].1 = Node::map(block.0);
            }
        }
        entries.finish(self.extra())
    }
}

/// Declares a record type: the struct, and each field's key, label, kind,
/// whether it is required, and its help, once.
///
/// A declaration reads like the struct it makes, each member with its
/// codec and declaration:
///
/// ```text
/// record! {
///     /// One risk of a register.
///     #[derive(Clone, Debug, Default, PartialEq)]
///     pub struct Risk as "a risk" {
///         id: String = Text { key: "id", label: "Id", help: "unique", required: true, fixed: true },
///         owner: Option<String> = Person { key: "owner", label: "Owner", help: "who is accountable" },
///     }
/// }
/// ```
///
/// The codec (`Text`, `Person`, `Choose`, ...) says how the member is
/// read, written and set; see `model::codec`.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident as $what:literal {
            $(
                $(#[doc = $doc:literal])*
                $member:ident: $ty:ty = $codec:ident {
                    key: $key:literal,
                    label: $label:literal,
                    help: $help:literal
                    $(, $opt:ident: $val:expr)* $(,)?
                }
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[doc = $doc])* pub $member: $ty, )*
            /// Keys aims does not know, kept to be written back.
            pub extra: $crate::yaml::Extra,
            /// Where each key was written, for findings made after reading.
            pub positions: $crate::yaml::Positions,
        }

        impl $crate::model::Fields for $name {
            const WHAT: &'static str = $what;
            // A declaration that gives every option leaves the base unused.
            #[allow(clippy::needless_update)]
            const FIELDS: &'static [$crate::model::Field<Self>] = &[$(
                $crate::model::Field {
                    spec: $crate::model::FieldSpec {
                        key: $key,
                        label: $label,
                        help: $help,
                        kind: <$crate::model::codec::$codec as $crate::model::codec::Codec<$ty>>::KIND,
                        $($opt: $val,)*
                        ..$crate::model::FieldSpec::BASE
                    },
                    read: |record, reader, spec| {
                        record.$member =
                            <$crate::model::codec::$codec as $crate::model::codec::Codec<$ty>>::read(reader, spec)
                    },
                    write: |record, entries, key| {
                        <$crate::model::codec::$codec as $crate::model::codec::Codec<$ty>>::write(&record.$member, entries, key)
                    },
                    get: |record| {
                        <$crate::model::codec::$codec as $crate::model::codec::Codec<$ty>>::show(&record.$member)
                    },
                    clear: |record| record.$member = Default::default(),
                    items: |record| {
                        <$crate::model::codec::$codec as $crate::model::codec::Codec<$ty>>::items(&record.$member)
                    },
                    set: |record, text, spec| {
                        record.$member =
                            <$crate::model::codec::$codec as $crate::model::codec::Codec<$ty>>::parse(text, spec)?;
                        Ok(())
                    },
                }
            ),*];

            fn extra(&self) -> &$crate::yaml::Extra {
                &self.extra
            }
            fn extra_mut(&mut self) -> &mut $crate::yaml::Extra {
                &mut self.extra
            }
            fn positions(&self) -> &$crate::yaml::Positions {
                &self.positions
            }
            fn positions_mut(&mut self) -> &mut $crate::yaml::Positions {
                &mut self.positions
            }
        }
    };
}

pub(crate) use record;

#[cfg(test)]
mod tests {
    use super::*;

    record! {
        /// A record for the tests of the declaration itself.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Sample as "a sample" {
            id: String = Text { key: "id", label: "Id", help: "unique", required: true, fixed: true },
            owner: Option<String> = Person { key: "owner", label: "Owner", help: "who is accountable" },
            role: Option<String> = Text { key: "block.role", label: "Role", help: "in a block" },
        }
    }

    #[test]
    fn a_declaration_reads_writes_gets_and_sets_its_fields() {
        let mut sample = Sample {
            id: "s-1".into(),
            ..Sample::default()
        };
        sample.set("owner", "Priya Shah").unwrap();
        sample.set("block.role", "Lead").unwrap();
        assert_eq!(sample.get("owner").unwrap(), "Priya Shah");
        assert!(matches!(
            sample.set("id", "s-2"),
            Err(FieldError::Fixed { key: "id" })
        ));
        assert!(matches!(
            sample.get("colour"),
            Err(FieldError::Unknown { .. })
        ));
        assert_eq!(Sample::field("owner").unwrap().spec.kind, FieldKind::Person);
        let text = crate::yaml::emit_document(&sample.to_node());
        assert_eq!(text, "id: s-1\nowner: Priya Shah\nblock:\n  role: Lead\n");
        let node = crate::yaml::parse_document(&text, crate::yaml::Limits::default())
            .unwrap()
            .unwrap();
        let mut findings = crate::yaml::Findings::default();
        let back = Sample::read(node, &mut findings).expect("reads back");
        assert!(findings.0.is_empty(), "{findings:?}");
        assert_eq!(back.get("block.role").unwrap(), "Lead");
        assert_eq!(back.positions.at("block.role").line, 4);
    }

    #[test]
    fn unknown_keys_in_a_block_stay_in_the_block() {
        let text = "id: s-1\nblock:\n  role: Lead\n  extra: kept\nother: too\n";
        let node = crate::yaml::parse_document(text, crate::yaml::Limits::default())
            .unwrap()
            .unwrap();
        let mut findings = crate::yaml::Findings::default();
        let sample = Sample::read(node, &mut findings).expect("reads");
        assert_eq!(crate::yaml::emit_document(&sample.to_node()), text);
    }
}
