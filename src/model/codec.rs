//! How each kind of field is read from a file, written in canonical form,
//! shown as text and set from text. A field's declaration names its codec
//! (see `record!`); the codec and the member's type
//! together decide the code, so a member of the wrong type for its kind
//! does not compile.
//!
//! Messages for a bad value are the same whether the value came from a
//! file, a form or the command line.

use chrono::NaiveDate;

use super::field::{FieldError, FieldKind, FieldReader, FieldSpec, Fields, Target};
use super::{Entries, FORMAT_VERSION};
use crate::yaml::{Choice, Node, parse_date, scalar_text};

/// Reads, writes, shows and parses values of type `T` for one kind of field.
pub trait Codec<T> {
    const KIND: FieldKind;
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> T;
    fn write(value: &T, entries: &mut Entries, key: &'static str);
    fn show(value: &T) -> String;
    fn parse(text: &str, spec: &FieldSpec) -> Result<T, FieldError>;
    /// The items of a list, one by one (`None`: not a list).
    fn items(_value: &T) -> Option<Vec<String>> {
        None
    }
}

/// One line of text.
pub struct Text;
/// Several lines of text.
pub struct LongText;
/// A person's name.
pub struct Person;
pub struct Date;
pub struct Bool;
/// One word of a [`Choice`] enum.
pub struct Choose;
/// Several words of a [`Choice`] enum.
pub struct ChooseMany;
/// Free words.
pub struct List;
/// Ids of systems; absent means every system in scope.
pub struct Systems;
/// Ids of controls.
pub struct Controls;
/// Ids of risks.
pub struct Risks;
/// Entries that are records of their own (evidence, impacts, risks).
pub struct Entry;
/// The manifest's format version.
pub struct Version;
/// The manifest's catalogues; absent means the built-in ones.
pub struct Catalogs;

fn invalid(message: String) -> FieldError {
    FieldError::Invalid(message)
}

/// Text as a person typed it: trailing blank lines and spaces dropped.
fn trimmed(value: &str) -> Option<String> {
    let value = value.trim_end_matches(['\n', ' ']).trim_start_matches(' ');
    (!value.is_empty()).then(|| value.to_string())
}

/// Text of several lines as it is written: trailing blank lines dropped,
/// and a final line end when there are several lines, so that it is
/// written as a `|` block like a hand-written one.
fn paragraphs(value: &str) -> Option<String> {
    let text = trimmed(value)?;
    Some(if text.contains('\n') {
        format!("{text}\n")
    } else {
        text
    })
}

fn required_text(value: &str, key: &str) -> Result<String, FieldError> {
    trimmed(value).ok_or_else(|| invalid(format!("`{key}` must not be empty")))
}

/// Comma-separated words, empty ones dropped.
pub fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_choice<T: Choice>(value: &str, key: &str) -> Result<Option<T>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    T::from_word(value).map(Some).ok_or_else(|| {
        invalid(format!(
            "`{key}` must be one of {}, found `{value}`",
            T::allowed()
        ))
    })
}

/// Reads an optional text member; `required` reports a missing one.
fn read_text(reader: &mut FieldReader, spec: &FieldSpec) -> Option<String> {
    if spec.required {
        reader.map.required_text(spec.key)
    } else {
        reader.map.text(spec.key)
    }
}

macro_rules! optional_text_codec {
    ($codec:ident, $kind:expr, $clean:ident) => {
        impl Codec<Option<String>> for $codec {
            const KIND: FieldKind = $kind;
            fn read(reader: &mut FieldReader, spec: &FieldSpec) -> Option<String> {
                read_text(reader, spec)
            }
            fn write(value: &Option<String>, entries: &mut Entries, key: &'static str) {
                entries.text(key, value);
            }
            fn show(value: &Option<String>) -> String {
                value.clone().unwrap_or_default()
            }
            fn parse(text: &str, spec: &FieldSpec) -> Result<Option<String>, FieldError> {
                match $clean(text) {
                    None if spec.required => {
                        Err(invalid(format!("`{}` must not be empty", spec.key)))
                    }
                    value => Ok(value),
                }
            }
        }
    };
}

optional_text_codec!(Text, FieldKind::Text, trimmed);
optional_text_codec!(LongText, FieldKind::LongText, paragraphs);
optional_text_codec!(Person, FieldKind::Person, trimmed);

impl Codec<String> for Text {
    const KIND: FieldKind = FieldKind::Text;
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> String {
        read_text(reader, spec).unwrap_or_default()
    }
    fn write(value: &String, entries: &mut Entries, key: &'static str) {
        entries.text(key, &Some(value.clone()));
    }
    fn show(value: &String) -> String {
        value.clone()
    }
    fn parse(text: &str, spec: &FieldSpec) -> Result<String, FieldError> {
        required_text(text, spec.key)
    }
}

impl Codec<Option<NaiveDate>> for Date {
    const KIND: FieldKind = FieldKind::Date;
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> Option<NaiveDate> {
        reader.map.date(spec.key)
    }
    fn write(value: &Option<NaiveDate>, entries: &mut Entries, key: &'static str) {
        entries.plain(key, *value);
    }
    fn show(value: &Option<NaiveDate>) -> String {
        value.map(|d| d.to_string()).unwrap_or_default()
    }
    fn parse(text: &str, spec: &FieldSpec) -> Result<Option<NaiveDate>, FieldError> {
        let value = text.trim();
        if value.is_empty() {
            return Ok(None);
        }
        parse_date(value).map(Some).ok_or_else(|| {
            invalid(format!(
                "`{}` must be a real date written YYYY-MM-DD, found `{value}`",
                spec.key
            ))
        })
    }
}

impl Codec<Option<bool>> for Bool {
    const KIND: FieldKind = FieldKind::Bool;
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> Option<bool> {
        reader.map.bool(spec.key)
    }
    fn write(value: &Option<bool>, entries: &mut Entries, key: &'static str) {
        entries.plain(key, *value);
    }
    fn show(value: &Option<bool>) -> String {
        value.map(|b| b.to_string()).unwrap_or_default()
    }
    fn parse(text: &str, spec: &FieldSpec) -> Result<Option<bool>, FieldError> {
        match text.trim() {
            "" => Ok(None),
            "true" | "True" | "TRUE" => Ok(Some(true)),
            "false" | "False" | "FALSE" => Ok(Some(false)),
            other => Err(invalid(format!(
                "`{}` must be `true` or `false`, found `{other}`",
                spec.key
            ))),
        }
    }
}

impl<T: Choice> Codec<Option<T>> for Choose {
    const KIND: FieldKind = FieldKind::Choice(T::WORDS);
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> Option<T> {
        let value = reader.map.choice(spec.key);
        if spec.required && value.is_none() && reader.map.key_pos(spec.key).is_none() {
            let pos = reader.map.pos;
            reader
                .map
                .findings
                .missing(pos, format!("missing required key `{}`", spec.key));
        }
        value
    }
    fn write(value: &Option<T>, entries: &mut Entries, key: &'static str) {
        entries.word(key, *value);
    }
    fn show(value: &Option<T>) -> String {
        value.map(|v| v.as_str().to_string()).unwrap_or_default()
    }
    fn parse(text: &str, spec: &FieldSpec) -> Result<Option<T>, FieldError> {
        let value = parse_choice(text, spec.key)?;
        if spec.required && value.is_none() {
            return Err(invalid(format!("`{}` must not be empty", spec.key)));
        }
        Ok(value)
    }
}

/// A required word: the member always holds one (the first word until read).
impl<T: Choice + Default> Codec<T> for Choose {
    const KIND: FieldKind = FieldKind::Choice(T::WORDS);
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> T {
        <Choose as Codec<Option<T>>>::read(reader, spec).unwrap_or_default()
    }
    fn write(value: &T, entries: &mut Entries, key: &'static str) {
        entries.word(key, Some(*value));
    }
    fn show(value: &T) -> String {
        value.as_str().to_string()
    }
    fn parse(text: &str, spec: &FieldSpec) -> Result<T, FieldError> {
        parse_choice(text, spec.key)?
            .ok_or_else(|| invalid(format!("`{}` must not be empty", spec.key)))
    }
}

impl<T: Choice> Codec<Vec<T>> for ChooseMany {
    const KIND: FieldKind = FieldKind::Choices(T::WORDS);
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> Vec<T> {
        reader.map.choice_list(spec.key)
    }
    fn write(value: &Vec<T>, entries: &mut Entries, key: &'static str) {
        entries.words(key, value);
    }
    fn show(value: &Vec<T>) -> String {
        value
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn items(value: &Vec<T>) -> Option<Vec<String>> {
        Some(value.iter().map(|v| v.as_str().to_string()).collect())
    }
    fn parse(text: &str, spec: &FieldSpec) -> Result<Vec<T>, FieldError> {
        split_list(text)
            .iter()
            .map(|word| {
                parse_choice::<T>(word, spec.key).map(|c| c.expect("split_list drops empty words"))
            })
            .collect()
    }
}

/// Reads a list of ids, noting where each item was written (`key.N`), so
/// that a check of the references can point at the line of a bad one.
fn read_ids(reader: &mut FieldReader, key: &'static str) -> Option<Vec<String>> {
    let FieldReader { map, positions } = reader;
    let mut n = 0;
    map.list(key, |node, findings| {
        positions.push_parts(&[key, &n.to_string()], node.pos);
        n += 1;
        scalar_text(node, key, findings)
    })
}

macro_rules! id_list_codec {
    ($codec:ident, $kind:expr) => {
        impl Codec<Vec<String>> for $codec {
            const KIND: FieldKind = $kind;
            fn read(reader: &mut FieldReader, spec: &FieldSpec) -> Vec<String> {
                read_ids(reader, spec.key).unwrap_or_default()
            }
            fn write(value: &Vec<String>, entries: &mut Entries, key: &'static str) {
                entries.texts(key, value);
            }
            fn show(value: &Vec<String>) -> String {
                value.join(", ")
            }
            fn items(value: &Vec<String>) -> Option<Vec<String>> {
                Some(value.clone())
            }
            fn parse(text: &str, _: &FieldSpec) -> Result<Vec<String>, FieldError> {
                Ok(split_list(text))
            }
        }
    };
}

id_list_codec!(List, FieldKind::List);
id_list_codec!(Controls, FieldKind::References(Target::Controls));
id_list_codec!(Risks, FieldKind::References(Target::Risks));

/// The value of a systems list that names no system at all (an empty list
/// in the file), as opposed to an empty value: every system in scope.
pub const NO_SYSTEM: &str = "(none)";

impl Codec<Option<Vec<String>>> for Systems {
    const KIND: FieldKind = FieldKind::References(Target::Systems);
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> Option<Vec<String>> {
        read_ids(reader, spec.key)
    }
    fn write(value: &Option<Vec<String>>, entries: &mut Entries, key: &'static str) {
        if let Some(ids) = value {
            // An explicit empty list is kept: it says "no system", which is
            // not the same as leaving the key out ("every system").
            let items = ids.iter().cloned().map(Node::string).collect();
            entries.0.push((key.into(), Node::seq(items)));
        }
    }
    fn show(value: &Option<Vec<String>>) -> String {
        match value {
            Some(ids) if ids.is_empty() => NO_SYSTEM.to_string(),
            Some(ids) => ids.join(", "),
            None => String::new(),
        }
    }
    fn parse(text: &str, _: &FieldSpec) -> Result<Option<Vec<String>>, FieldError> {
        if text.trim() == NO_SYSTEM {
            return Ok(Some(Vec::new()));
        }
        let ids = split_list(text);
        Ok((!ids.is_empty()).then_some(ids))
    }
    fn items(value: &Option<Vec<String>>) -> Option<Vec<String>> {
        Some(value.clone().unwrap_or_default())
    }
}

impl<R: Fields> Codec<Vec<R>> for Entry {
    const KIND: FieldKind = FieldKind::Entries;
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> Vec<R> {
        reader
            .map
            .list(spec.key, |node, findings| R::read(node, findings))
            .unwrap_or_default()
    }
    fn write(value: &Vec<R>, entries: &mut Entries, key: &'static str) {
        entries.nodes(key, value.iter().map(R::to_node).collect());
    }
    /// The first field of each entry (a reference, a group, a risk id).
    fn show(value: &Vec<R>) -> String {
        let first = &R::FIELDS[0];
        value
            .iter()
            .map(|entry| (first.get)(entry))
            .collect::<Vec<_>>()
            .join("; ")
    }
    fn parse(_: &str, spec: &FieldSpec) -> Result<Vec<R>, FieldError> {
        Err(FieldError::NotAValue { key: spec.key })
    }
    fn items(value: &Vec<R>) -> Option<Vec<String>> {
        let first = &R::FIELDS[0];
        Some(value.iter().map(|entry| (first.get)(entry)).collect())
    }
}

impl Codec<u32> for Version {
    const KIND: FieldKind = FieldKind::Number;
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> u32 {
        let pos = reader.map.key_pos(spec.key).unwrap_or(reader.map.pos);
        let Some(text) = reader.map.required_text(spec.key) else {
            return 0;
        };
        match text.parse::<u32>() {
            // A newer format reads as its number; the loader stops writes.
            Ok(v) if v >= 1 => v,
            _ => {
                reader.map.findings.error(
                    pos,
                    format!(
                        "`aims` is the format version and must be {FORMAT_VERSION}, found `{text}`"
                    ),
                );
                0
            }
        }
    }
    fn write(value: &u32, entries: &mut Entries, key: &'static str) {
        entries.plain(key, Some(value));
    }
    fn show(value: &u32) -> String {
        value.to_string()
    }
    fn parse(_: &str, spec: &FieldSpec) -> Result<u32, FieldError> {
        Err(FieldError::Fixed { key: spec.key })
    }
}

impl Codec<Option<Vec<String>>> for Catalogs {
    const KIND: FieldKind = FieldKind::List;
    fn read(reader: &mut FieldReader, spec: &FieldSpec) -> Option<Vec<String>> {
        reader
            .map
            .key_pos(spec.key)
            .map(|_| reader.map.text_list(spec.key))
    }
    fn write(value: &Option<Vec<String>>, entries: &mut Entries, key: &'static str) {
        if let Some(ids) = value {
            let items = ids.iter().cloned().map(Node::string).collect();
            entries.0.push((key.into(), Node::seq(items)));
        }
    }
    fn show(value: &Option<Vec<String>>) -> String {
        value.as_ref().map(|ids| ids.join(", ")).unwrap_or_default()
    }
    fn parse(text: &str, _: &FieldSpec) -> Result<Option<Vec<String>>, FieldError> {
        let ids = split_list(text);
        Ok((!ids.is_empty()).then_some(ids))
    }
}
