//! Reading typed fields out of a mapping node, collecting every problem
//! with its position instead of stopping at the first.

use chrono::NaiveDate;

use super::{Key, Node, Pos, ScalarKind, Value};

/// What kind of problem a reader found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not YAML that can be parsed.
    Syntax,
    /// Git's conflict markers: a merge left for a person to finish.
    MergeConflict,
    /// Not text that can be read as a record at all.
    Unreadable,
    /// The key that names the record does not match where it is.
    Id,
    /// A value of the wrong kind, or not one of the allowed words.
    Value,
    /// A required key is not there.
    MissingKey,
    /// A key nobody asked for that looks like a typo of one somebody did.
    UnknownKey,
}

/// A problem found while reading a record, at a position in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub pos: Pos,
    pub message: String,
    pub is_warning: bool,
    pub problem: Problem,
}

/// Collects findings while one record is read.
#[derive(Default, Debug)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    /// A problem of another kind than a bad value.
    pub fn problem(&mut self, problem: Problem, pos: Pos, message: impl Into<String>) {
        self.0.push(Finding {
            pos,
            message: message.into(),
            is_warning: false,
            problem,
        });
    }

    /// A value that cannot be read.
    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.0.push(Finding {
            pos,
            message: message.into(),
            is_warning: false,
            problem: Problem::Value,
        });
    }

    /// A required key that is not there.
    pub fn missing(&mut self, pos: Pos, message: impl Into<String>) {
        self.0.push(Finding {
            pos,
            message: message.into(),
            is_warning: false,
            problem: Problem::MissingKey,
        });
    }

    /// A key that looks like a typo.
    pub fn warning(&mut self, pos: Pos, message: impl Into<String>) {
        self.0.push(Finding {
            pos,
            message: message.into(),
            is_warning: true,
            problem: Problem::UnknownKey,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|f| !f.is_warning)
    }
}

/// An enum that is written in files as one of a fixed set of words.
pub trait Choice: Sized + Copy + 'static {
    const ALL: &'static [Self];
    /// The words of [`Choice::ALL`], in the same order, for pick lists.
    const WORDS: &'static [&'static str];
    fn as_str(self) -> &'static str;

    fn from_word(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == word)
    }

    /// "`a`, `b` or `c`", for messages.
    fn allowed() -> String {
        let words: Vec<String> = Self::ALL
            .iter()
            .map(|c| format!("`{}`", c.as_str()))
            .collect();
        match words.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {}", rest.join(", "), last),
            _ => words.join(""),
        }
    }
}

/// Defines a [`Choice`] enum with the word each variant is written as.
#[macro_export]
macro_rules! choice_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $crate::yaml::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const WORDS: &'static [&'static str] = &[$($word),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        /// The first word, for a member that must always hold one.
        impl Default for $name {
            fn default() -> Self {
                [$($name::$variant),+][0]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::yaml::Choice::as_str(*self))
            }
        }
    };
}

/// Keys a record does not know, kept in their order to be written back:
/// those of the record's own mapping, and those inside a block the record
/// knows (`eu_ai_act:`, `roles:`), by the block's key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extra {
    pub entries: Vec<(Key, Node)>,
    pub groups: Vec<(&'static str, Vec<(Key, Node)>)>,
}

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.groups.is_empty()
    }

    /// Appends the kept keys of the record's own mapping to entries being written.
    pub fn write_into(&self, entries: &mut Vec<(String, Node)>) {
        entries.extend(
            self.entries
                .iter()
                .map(|(k, v)| (k.text.clone(), v.clone())),
        );
    }

    /// Appends the kept keys of the block `group` to its entries being written.
    pub fn write_group_into(&self, group: &str, entries: &mut Vec<(String, Node)>) {
        for (_, kept) in self.groups.iter().filter(|(g, _)| *g == group) {
            entries.extend(kept.iter().map(|(k, v)| (k.text.clone(), v.clone())));
        }
    }
}

/// Where the keys and some list items of a record were written, by path
/// (`owner`, `systems.2`, `risks.0.controls.1`), so that checks made after
/// reading can still point at a line.
///
/// Paths are kept in one string, a line each, because a large workspace
/// holds hundreds of thousands of them and one allocation per path would
/// dominate its memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Positions {
    paths: String,
    places: Vec<Pos>,
}

impl Positions {
    pub fn get(&self, path: &str) -> Option<Pos> {
        self.paths
            .split_terminator('\n')
            .position(|p| p == path)
            .map(|i| self.places[i])
    }

    /// The position of `path`, or of the record's first line when unknown.
    pub fn at(&self, path: &str) -> Pos {
        self.get(path).unwrap_or(Pos::START)
    }

    /// Drops spare capacity once the record is read.
    pub fn shrink(&mut self) {
        self.paths.shrink_to_fit();
        self.places.shrink_to_fit();
    }

    pub fn push(&mut self, path: &str, pos: Pos) {
        self.push_parts(&[path], pos);
    }

    /// Notes where the path made of `parts` joined by dots was written,
    /// without building the path first.
    pub fn push_parts(&mut self, parts: &[&str], pos: Pos) {
        if pos == Pos::default() || parts.iter().any(|part| part.bytes().any(|b| b == b'\n')) {
            return;
        }
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.paths.push('.');
            }
            self.paths.push_str(part);
        }
        self.paths.push('\n');
        self.places.push(pos);
    }
}

/// Reads the fields of one mapping. Every `take_*` call removes its key;
/// [`MapReader::finish`] returns what no call asked for.
pub struct MapReader<'f> {
    entries: Vec<Option<(Key, Node)>>,
    /// For each entry, the block it came from (see [`MapReader::open_group`]).
    groups: Vec<Option<&'static str>>,
    pub pos: Pos,
    pub findings: &'f mut Findings,
}

impl<'f> MapReader<'f> {
    /// `what` names the expected thing for the message when `node` is not a mapping.
    pub fn new(node: Node, what: &str, findings: &'f mut Findings) -> Option<MapReader<'f>> {
        match node.value {
            Value::Map(entries) => Some(MapReader {
                groups: vec![None; entries.len()],
                entries: entries.into_iter().map(Some).collect(),
                pos: node.pos,
                findings,
            }),
            _ => {
                findings.error(
                    node.pos,
                    format!(
                        "expected {what} (a mapping of keys), found {}",
                        node.describe()
                    ),
                );
                None
            }
        }
    }

    /// Makes the keys of the block `group` (a mapping under that key, like
    /// `eu_ai_act:`) readable as `group.key`, so that a record reads the
    /// fields of its blocks like its own.
    pub fn open_group(&mut self, group: &'static str) {
        let Some(node) = self.take(group) else {
            return;
        };
        match node.value {
            Value::Map(entries) => {
                self.groups
                    .extend(std::iter::repeat_n(Some(group), entries.len()));
                self.entries.extend(entries.into_iter().map(Some));
            }
            _ => self.findings.error(
                node.pos,
                format!(
                    "`{group}` must be a mapping of keys, found {}",
                    node.describe()
                ),
            ),
        }
    }

    /// The entry of `key`; `group.key` names a key of an opened block.
    fn find(&self, key: &str) -> Option<usize> {
        let (group, name) = match key.bytes().position(|b| b == b'.') {
            Some(dot) => (Some(&key[..dot]), &key[dot + 1..]),
            None => (None, key),
        };
        self.entries
            .iter()
            .zip(&self.groups)
            .position(|(e, g)| *g == group && e.as_ref().is_some_and(|(k, _)| k.text == name))
    }

    /// Where every key of this mapping was written.
    pub fn positions(&self) -> Positions {
        let mut positions = Positions::default();
        // Room for every key and a block's name before it, so the text
        // is not grown key by key.
        let room = self
            .entries
            .iter()
            .flatten()
            .map(|(key, _)| key.text.len() + 16);
        positions.paths.reserve(room.sum());
        positions.places.reserve(self.entries.len());
        for ((key, _), group) in self
            .entries
            .iter()
            .zip(&self.groups)
            .filter_map(|(e, g)| e.as_ref().map(|e| (e, g)))
        {
            match group {
                Some(group) => positions.push_parts(&[group, &key.text], key.pos),
                None => positions.push(&key.text, key.pos),
            }
        }
        positions
    }

    /// Adds where the keys of the opened blocks were written, as `group.key`.
    pub fn group_positions(&self, positions: &mut Positions) {
        for ((key, _), group) in self
            .entries
            .iter()
            .zip(&self.groups)
            .filter_map(|(e, g)| e.as_ref().zip(*g))
        {
            positions.push_parts(&[group, &key.text], key.pos);
        }
    }

    /// Where `key` was written, if it was.
    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        let index = self.find(key)?;
        self.entries[index].as_ref().map(|(k, _)| k.pos)
    }

    /// Removes `key`; an explicit null counts as absent.
    pub fn take(&mut self, key: &str) -> Option<Node> {
        let index = self.find(key)?;
        let (_, node) = self.entries[index].take()?;
        (!node.is_null()).then_some(node)
    }

    pub fn text(&mut self, key: &str) -> Option<String> {
        let node = self.take(key)?;
        scalar_text(node, key, self.findings)
    }

    pub fn required_text(&mut self, key: &str) -> Option<String> {
        let Some(pos) = self.key_pos(key) else {
            self.findings
                .missing(self.pos, format!("missing required key `{key}`"));
            return None;
        };
        let before = self.findings.0.len();
        match self.text(key) {
            Some(text) if !text.trim().is_empty() => Some(text),
            _ => {
                if self.findings.0.len() == before {
                    self.findings
                        .error(pos, format!("`{key}` must not be empty"));
                }
                None
            }
        }
    }

    pub fn choice<T: Choice>(&mut self, key: &str) -> Option<T> {
        let node = self.take(key)?;
        read_choice(node, key, self.findings)
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let node = self.take(key)?;
        let pos = node.pos;
        match &node.value {
            Value::Scalar {
                text,
                kind: ScalarKind::Plain,
            } => match text.as_str() {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => {
                    self.findings.error(
                        pos,
                        format!("`{key}` must be `true` or `false`, found `{text}`"),
                    );
                    None
                }
            },
            _ => {
                self.findings.error(
                    pos,
                    format!(
                        "`{key}` must be `true` or `false`, found {}",
                        node.describe()
                    ),
                );
                None
            }
        }
    }

    pub fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let node = self.take(key)?;
        let pos = node.pos;
        let text = scalar_text(node, key, self.findings)?;
        match parse_date(&text) {
            Some(date) => Some(date),
            None => {
                self.findings.error(
                    pos,
                    format!("`{key}` must be a real date written YYYY-MM-DD, found `{text}`"),
                );
                None
            }
        }
    }

    /// A list; a single value is accepted as a list of one, because people
    /// write `tags: hr` and mean `tags: [hr]`.
    pub fn list<T>(
        &mut self,
        key: &str,
        mut item: impl FnMut(Node, &mut Findings) -> Option<T>,
    ) -> Option<Vec<T>> {
        let node = self.take(key)?;
        let nodes = match node.value {
            Value::Seq(items) => items,
            Value::Map(_) => {
                self.findings
                    .error(node.pos, format!("`{key}` must be a list, found a mapping"));
                return None;
            }
            Value::Scalar { .. } => vec![node],
        };
        Some(
            nodes
                .into_iter()
                .filter_map(|n| item(n, self.findings))
                .collect(),
        )
    }

    pub fn text_list(&mut self, key: &str) -> Vec<String> {
        let key_name = key.to_string();
        self.list(key, |node, findings| scalar_text(node, &key_name, findings))
            .unwrap_or_default()
    }

    pub fn choice_list<T: Choice>(&mut self, key: &str) -> Vec<T> {
        let key_name = key.to_string();
        self.list(key, |node, findings| read_choice(node, &key_name, findings))
            .unwrap_or_default()
    }

    /// The keys nobody asked for. Those that look like a typo of a known
    /// key get a warning, since they would otherwise be silently kept.
    pub fn finish(self, known: &[&str]) -> Extra {
        self.finish_with(known.iter().copied())
    }

    /// Like [`MapReader::finish`]; `known` holds the keys of the record,
    /// those of its blocks as `group.key`.
    pub fn finish_with<'k>(self, known: impl Iterator<Item = &'k str> + Clone) -> Extra {
        let mut extra = Extra::default();
        for (entry, group) in self.entries.into_iter().zip(self.groups) {
            let Some((key, node)) = entry else {
                continue;
            };
            let in_scope = |k: &'k str| -> Option<&'k str> {
                match (group, k.split_once('.')) {
                    (None, None) => Some(k),
                    (Some(g), Some((kg, name))) if g == kg => Some(name),
                    _ => None,
                }
            };
            let mut names = known.clone().filter_map(in_scope);
            if names.clone().any(|k| k == key.text) {
                // A known key that failed to read was already reported.
                continue;
            }
            if let Some(near) = names.find(|k| is_near(k, &key.text)) {
                self.findings.warning(
                    key.pos,
                    format!(
                        "unknown key `{}` (kept as written); did you mean `{near}`?",
                        key.text
                    ),
                );
            }
            match group {
                None => extra.entries.push((key, node)),
                Some(group) => match extra.groups.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, kept)) => kept.push((key, node)),
                    None => extra.groups.push((group, vec![(key, node)])),
                },
            }
        }
        extra
    }
}

/// A real date written exactly YYYY-MM-DD.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes.get(range)?.iter().try_fold(0, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// The text of a scalar; lists and mappings are reported.
pub fn scalar_text(node: Node, key: &str, findings: &mut Findings) -> Option<String> {
    match node.value {
        // Kept for as long as the workspace is open, so without the spare
        // capacity the parser's buffer grew with.
        Value::Scalar { mut text, .. } => {
            text.shrink_to_fit();
            Some(text)
        }
        _ => {
            findings.error(
                node.pos,
                format!("`{key}` must be a single value, found {}", node.describe()),
            );
            None
        }
    }
}

pub fn read_choice<T: Choice>(node: Node, key: &str, findings: &mut Findings) -> Option<T> {
    let pos = node.pos;
    let described = node.describe();
    let Value::Scalar { text, .. } = node.value else {
        findings.error(
            pos,
            format!("`{key}` must be one of {}, found {described}", T::allowed()),
        );
        return None;
    };
    let found = T::from_word(&text);
    if found.is_none() {
        findings.error(
            pos,
            format!("`{key}` must be one of {}, found `{text}`", T::allowed()),
        );
    }
    found
}

/// Edit distance of at most one, or the same letters in another case.
fn is_near(known: &str, typed: &str) -> bool {
    if known.eq_ignore_ascii_case(typed) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (known.chars().collect(), typed.chars().collect());
    if a.len().abs_diff(b.len()) > 1 || a.len() < 4 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row.push((prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1));
        }
        prev = row;
    }
    prev[b.len()] <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_keys_are_typos() {
        assert!(is_near("owner", "ower"));
        assert!(is_near("owner", "Owner"));
        assert!(!is_near("owner", "vendor"));
        assert!(!is_near("id", "ix"));
    }

    #[test]
    fn dates_must_be_real() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-3").is_none());
        assert!(parse_date("2026-2-031").is_none());
        assert!(parse_date("+2026-2-03").is_none());
        assert!(parse_date("2026-02-3x").is_none());
    }
}
