//! Which column holds which field: headers matched by their words,
//! forgiving of case, punctuation and the usual wordings ("Applicable?
//! (Y/N)", "Justification for inclusion / exclusion", "Supplier"), with
//! `--map 'Header=field'` for the rest and `--map 'Header='` to leave a
//! column out.

use super::values::words;
use super::{ImportError, Kind, Sheet};

/// A column the import reads, and the field it fills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub header: String,
    pub field: &'static str,
}

impl Column {
    /// "column C `Status`", for messages.
    pub fn place(&self) -> String {
        format!("column {} `{}`", letter(self.index), self.header.trim())
    }
}

/// The header row and what each of its columns is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// The position of the header row in the sheet's rows.
    pub header_row: usize,
    pub mapped: Vec<Column>,
    /// Headers no field was found for: left out, and said so.
    pub ignored: Vec<String>,
}

impl Columns {
    pub fn of(&self, field: &str) -> Option<&Column> {
        self.mapped.iter().find(|c| c.field == field)
    }
}

/// A column's letter, as spreadsheets name it: A ... Z, AA ...
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// The headers people write for each field of an SoA entry, as words.
const SOA: &[(&str, &[&str])] = &[
    (
        "control",
        &[
            "control id",
            "control",
            "ref",
            "reference",
            "control ref",
            "control reference",
            "control no",
            "control number",
            "annex a control",
            "annex a ref",
            "clause",
            "id",
        ],
    ),
    (
        "applicable",
        &[
            "applicable",
            "applicable y n",
            "applicability",
            "included",
            "include",
            "in scope",
            "applies",
            "selected",
            "decision",
        ],
    ),
    (
        "justification",
        &[
            "justification",
            "justification for inclusion exclusion",
            "justification for inclusion",
            "justification for exclusion",
            "rationale",
            "reason",
            "reasons",
        ],
    ),
    (
        "status",
        &["implementation status", "status", "implementation", "state"],
    ),
    (
        "owner",
        &["control owner", "owner", "responsible", "accountable"],
    ),
    (
        "due",
        &[
            "target date",
            "due date",
            "due",
            "deadline",
            "target",
            "target completion",
        ],
    ),
    ("notes", &["notes", "comments", "comment", "remarks"]),
    ("reviewed_by", &["reviewed by", "reviewer"]),
    (
        "reviewed_on",
        &["reviewed on", "review date", "last reviewed"],
    ),
    ("systems", &["systems", "ai systems", "applies to"]),
    ("risks", &["risks", "risks it treats", "risks treated"]),
    ("basis", &["basis", "decision basis"]),
];

/// The headers people write for each field of an AI system, as words.
const INVENTORY: &[(&str, &[&str])] = &[
    ("id", &["id", "system id", "identifier"]),
    (
        "name",
        &[
            "system name",
            "name",
            "ai system",
            "system",
            "tool",
            "ai system name",
        ],
    ),
    (
        "vendor",
        &["vendor", "supplier", "provider name", "vendor supplier"],
    ),
    (
        "sourcing",
        &[
            "type",
            "sourcing",
            "source",
            "build or buy",
            "built bought embedded",
        ],
    ),
    (
        "description",
        &["description", "purpose", "use case", "what it does"],
    ),
    (
        "lifecycle",
        &["lifecycle", "stage", "lifecycle stage", "lifecycle status"],
    ),
    (
        "business_unit",
        &["business unit", "department", "team", "bu", "business area"],
    ),
    (
        "owner",
        &[
            "owner",
            "system owner",
            "business owner",
            "accountable owner",
        ],
    ),
    ("model", &["model", "model version", "product version"]),
    ("approval", &["approval", "approval status"]),
    ("eu_ai_act.role", &["eu ai act role", "ai act role", "role"]),
    (
        "eu_ai_act.risk",
        &[
            "eu ai act risk",
            "ai act risk",
            "risk tier",
            "risk category",
            "risk level",
        ],
    ),
    (
        "personal_data",
        &["personal data", "processes personal data", "pii"],
    ),
    (
        "affected",
        &["affected", "affected groups", "who is affected"],
    ),
    ("impact", &["impact", "impact rating"]),
    (
        "reviewed",
        &["reviewed", "last reviewed", "last review", "review date"],
    ),
    (
        "next_review",
        &["next review", "next review date", "review due"],
    ),
    ("tags", &["tags", "labels"]),
    ("human_oversight", &["human oversight", "oversight"]),
    ("limitations", &["limitations", "known limitations"]),
];

/// Headers that start with these words mean the field whatever follows
/// ("Justification for excluding this control"), where a longer header
/// could mean nothing else.
const PREFIXES: &[(&str, &str)] = &[
    ("justification", "justification"),
    ("rationale", "justification"),
    ("applicable", "applicable"),
    ("applicability", "applicable"),
];

/// The field a header names, if any: the usual wordings, then the field's
/// own key or label.
pub fn field_for(kind: Kind, header: &str) -> Option<&'static str> {
    let said = words(header);
    if said.is_empty() {
        return None;
    }
    let table = match kind {
        Kind::Soa => SOA,
        Kind::Inventory => INVENTORY,
    };
    if let Some((field, _)) = table
        .iter()
        .find(|(_, names)| names.contains(&said.as_str()))
    {
        return Some(field);
    }
    if let Some(field) = kind
        .fields()
        .into_iter()
        .find(|spec| words(spec.key) == said || words(spec.label) == said)
    {
        return Some(field.key);
    }
    if kind == Kind::Soa {
        return PREFIXES
            .iter()
            .find(|(prefix, _)| said.starts_with(&format!("{prefix} ")))
            .map(|(_, field)| *field);
    }
    None
}

/// What one `--map` gives: the field, or `None` to leave the column out.
fn mapped_field(kind: Kind, field: &str) -> Result<Option<&'static str>, ImportError> {
    let field = field.trim();
    if field.is_empty() || field == "-" {
        return Ok(None);
    }
    kind.fields()
        .into_iter()
        .find(|spec| spec.key == field)
        .map(|spec| Some(spec.key))
        .ok_or_else(|| ImportError::UnknownMapField {
            field: field.to_string(),
            known: kind
                .fields()
                .iter()
                .map(|s| s.key)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The field of the header `text`, by `--map` first.
fn column_field(
    kind: Kind,
    text: &str,
    maps: &[(String, Option<&'static str>)],
) -> Option<&'static str> {
    match maps.iter().find(|(header, _)| words(header) == words(text)) {
        Some((_, field)) => *field,
        None => field_for(kind, text),
    }
}

/// Finds the header row (the first of the first ten non-blank rows that
/// names two fields, else the first non-blank row) and what each column
/// holds. Every problem here is the user's to fix before anything can be
/// read, so each is an error, not a skipped row.
pub fn match_columns(
    kind: Kind,
    sheet: &Sheet,
    maps: &[(String, String)],
) -> Result<Columns, ImportError> {
    let maps = maps
        .iter()
        .map(|(header, field)| Ok((header.clone(), mapped_field(kind, field)?)))
        .collect::<Result<Vec<_>, ImportError>>()?;
    let candidates: Vec<usize> = (0..sheet.rows.len())
        .filter(|&i| !sheet.rows[i].is_blank())
        .take(10)
        .collect();
    let names = |i: usize| {
        sheet.rows[i]
            .cells
            .iter()
            .filter(|c| column_field(kind, &c.text(), &maps).is_some())
            .count()
    };
    let header_row = candidates
        .iter()
        .copied()
        .find(|&i| names(i) >= 2)
        .or_else(|| candidates.first().copied())
        .ok_or(ImportError::NoRows)?;
    let header = &sheet.rows[header_row];

    for (wanted, _) in &maps {
        if !header
            .cells
            .iter()
            .any(|c| words(&c.text()) == words(wanted))
        {
            return Err(ImportError::MapHeaderNotFound {
                header: wanted.clone(),
                row: header.number,
                found: header_texts(header),
            });
        }
    }
    let mut columns = Columns {
        header_row,
        mapped: Vec::new(),
        ignored: Vec::new(),
    };
    for (index, cell) in header.cells.iter().enumerate() {
        let text = cell.text();
        if text.trim().is_empty() {
            continue;
        }
        match column_field(kind, &text, &maps) {
            Some(field) => {
                if let Some(first) = columns.of(field) {
                    // "Ref | Control | ..." is common: the ids are in one
                    // column and the titles in the other; the ids win.
                    if field == "control" {
                        let ids = |i: usize| ids_in(sheet, header_row, i);
                        let (kept, other) = (ids(first.index), ids(index));
                        if kept != other {
                            let keep_first = kept > other;
                            let dropped = if keep_first {
                                text.trim().to_string()
                            } else {
                                let dropped = first.header.trim().to_string();
                                let at = columns.mapped.iter().position(|c| c.field == field);
                                let at = at.expect("found above");
                                columns.mapped[at] = Column {
                                    index,
                                    header: text.clone(),
                                    field,
                                };
                                dropped
                            };
                            columns.ignored.push(dropped);
                            continue;
                        }
                    }
                    return Err(ImportError::DuplicateColumn {
                        field,
                        first: first.place(),
                        second: format!("column {} `{}`", letter(index), text.trim()),
                        header: text.trim().to_string(),
                    });
                }
                columns.mapped.push(Column {
                    index,
                    header: text,
                    field,
                });
            }
            None => columns.ignored.push(text.trim().to_string()),
        }
    }
    let needed: &[&str] = match kind {
        Kind::Soa => &["control"],
        Kind::Inventory => &["name", "id"],
    };
    if !needed.iter().any(|f| columns.of(f).is_some()) {
        return Err(ImportError::MissingColumn {
            kind,
            row: header.number,
            found: header_texts(header),
        });
    }
    Ok(columns)
}

/// How many cells under the header of column `index` look like control
/// ids (`A.6.2.4`, `9.2`, perhaps followed by a title).
fn ids_in(sheet: &Sheet, header_row: usize, index: usize) -> usize {
    sheet.rows[header_row + 1..]
        .iter()
        .filter(|row| {
            let text = row.cell(index).text();
            let first = text.split_whitespace().next().unwrap_or("");
            let first = first.strip_prefix("A.").unwrap_or(first);
            first.contains('.')
                && first
                    .split('.')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        })
        .count()
}

fn header_texts(row: &super::sheet::Row) -> Vec<String> {
    row.cells
        .iter()
        .map(|c| c.text().trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::sheet::{Cell, Row};
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i + 1,
                    cells: cells
                        .iter()
                        .map(|c| {
                            if c.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(c.to_string())
                            }
                        })
                        .collect(),
                })
                .collect(),
            sheets: Vec::new(),
        }
    }

    #[test]
    fn soa_headers_in_their_common_wordings() {
        for (header, field) in [
            ("Control ID", "control"),
            ("control", "control"),
            ("Ref.", "control"),
            ("Applicable? (Y/N)", "applicable"),
            ("Applicability", "applicable"),
            ("Included", "applicable"),
            ("Justification for inclusion / exclusion", "justification"),
            ("Justification for excluding it", "justification"),
            ("Rationale", "justification"),
            ("Implementation status", "status"),
            ("STATUS", "status"),
            ("Control owner", "owner"),
            ("Owner", "owner"),
            ("Target date", "due"),
            ("Due date", "due"),
            ("Reviewed on", "reviewed_on"),
        ] {
            assert_eq!(field_for(Kind::Soa, header), Some(field), "{header}");
        }
        assert_eq!(field_for(Kind::Soa, "Control title"), None);
        assert_eq!(field_for(Kind::Soa, ""), None);
    }

    #[test]
    fn inventory_headers_in_their_common_wordings() {
        for (header, field) in [
            ("System name", "name"),
            ("Name", "name"),
            ("Vendor", "vendor"),
            ("Supplier", "vendor"),
            ("Type", "sourcing"),
            ("Sourcing", "sourcing"),
            ("Description", "description"),
            ("Lifecycle", "lifecycle"),
            ("Stage", "lifecycle"),
            ("Business unit", "business_unit"),
            ("Id", "id"),
            ("EU AI Act risk", "eu_ai_act.risk"),
            ("Next review", "next_review"),
        ] {
            assert_eq!(field_for(Kind::Inventory, header), Some(field), "{header}");
        }
    }

    #[test]
    fn the_header_row_may_sit_under_a_title() {
        let s = sheet(&[
            &["Statement of Applicability, draft 2"],
            &[],
            &["Control ID", "Title", "Applicable? (Y/N)", "Status"],
            &["A.2.2", "AI policy", "Y", "Done"],
        ]);
        let columns = match_columns(Kind::Soa, &s, &[]).expect("matched");
        assert_eq!(columns.header_row, 2);
        let fields: Vec<&str> = columns.mapped.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["control", "applicable", "status"]);
        assert_eq!(columns.ignored, ["Title"]);
        assert_eq!(columns.mapped[1].place(), "column C `Applicable? (Y/N)`");
    }

    #[test]
    fn map_names_a_field_or_leaves_a_column_out() {
        let s = sheet(&[
            &["Ctl", "Decision", "Status", "Stato"],
            &["A.2.2", "Y", "", ""],
        ]);
        let maps = [
            ("ctl".to_string(), "control".to_string()),
            ("Decision".to_string(), "applicable".to_string()),
            ("Stato".to_string(), String::new()),
        ];
        let columns = match_columns(Kind::Soa, &s, &maps).expect("matched");
        let fields: Vec<&str> = columns.mapped.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["control", "applicable", "status"]);

        let bad = [("Decision".to_string(), "decision".to_string())];
        let error = match_columns(Kind::Soa, &s, &bad).expect_err("unknown field");
        assert!(matches!(error, ImportError::UnknownMapField { .. }));
        assert!(error.to_string().contains("applicable"), "{error}");
        let missing = [("Nope".to_string(), "owner".to_string())];
        assert!(matches!(
            match_columns(Kind::Soa, &s, &missing),
            Err(ImportError::MapHeaderNotFound { .. })
        ));
    }

    #[test]
    fn of_two_control_columns_the_one_holding_ids_is_read() {
        let s = sheet(&[
            &["Control", "Ref", "Status"],
            &["AI policy", "A.2.2", "Done"],
            &["Internal audit", "9.2", "Done"],
        ]);
        let columns = match_columns(Kind::Soa, &s, &[]).expect("matched");
        assert_eq!(columns.of("control").map(|c| c.index), Some(1));
        assert_eq!(columns.ignored, ["Control"]);
    }

    #[test]
    fn two_columns_for_one_field_or_none_for_the_key_are_refused() {
        let s = sheet(&[
            &["Control ID", "Ref", "Status"],
            &["A.2.2", "A.2.2", "Done"],
        ]);
        let error = match_columns(Kind::Soa, &s, &[]).expect_err("two control columns");
        assert!(error.to_string().contains("--map 'Ref='"), "{error}");
        let s = sheet(&[&["Title", "Status"], &["AI policy", "Done"]]);
        assert!(matches!(
            match_columns(Kind::Soa, &s, &[]),
            Err(ImportError::MissingColumn { .. })
        ));
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
    }
}
