//! What a cell's value means: yes and no in their usual spellings, the
//! wordings of an implementation status or a lifecycle, dates written
//! day-first, month-first or year-first. Each cell becomes the text the
//! record's declared field takes (`true`, `partial`, `2027-03-31`), so that
//! the field's own setter, the one the forms and `set` use, checks it.

use std::fmt;

use chrono::NaiveDate;

use super::sheet::Cell;
use crate::model::{FieldKind, FieldSpec, Target};

/// The order of day, month and year in a date written with numbers only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

impl fmt::Display for DateOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
            DateOrder::Ymd => "ymd",
        })
    }
}

/// Lower case, with every run of punctuation and spaces made one space:
/// "Applicable? (Y/N)" and "applicable y n" are the same words.
pub fn words(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Yes or no, as people write them in a spreadsheet.
pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim() {
        "✓" | "✔" | "☑" => return Some(true),
        "✗" | "✘" | "☐" => return Some(false),
        _ => {}
    }
    match words(text).as_str() {
        "y" | "yes" | "true" | "1" | "x" | "on" => Some(true),
        "n" | "no" | "false" | "0" | "off" => Some(false),
        _ => None,
    }
}

/// An applicability decision: yes and no, and the words of an SoA
/// ("Included", "Excluded", "N/A" for a control that does not apply).
pub fn applicability(text: &str) -> Option<bool> {
    yes_no(text).or(match words(text).as_str() {
        "included" | "include" | "applicable" | "applies" | "in scope" | "in" | "mandatory" => {
            Some(true)
        }
        "excluded" | "exclude" | "n a" | "na" | "not applicable" | "out of scope" | "out" => {
            Some(false)
        }
        _ => None,
    })
}

/// An implementation status (`None` inside: "N/A", no status at all).
pub fn status(text: &str) -> Option<Option<&'static str>> {
    let status = match words(text).as_str() {
        "not started" | "not yet started" | "to do" | "todo" | "open" | "none" | "no" => {
            "not_started"
        }
        "planned" | "scheduled" | "plan" => "planned",
        "in progress"
        | "partial"
        | "partially implemented"
        | "partly implemented"
        | "ongoing"
        | "started"
        | "wip"
        | "in place partially" => "partial",
        "done" | "implemented" | "complete" | "completed" | "in place" | "fully implemented"
        | "yes" => "implemented",
        "n a" | "na" | "not applicable" => return Some(None),
        other => {
            return the_word(other, &["not_started", "planned", "partial", "implemented"])
                .map(Some);
        }
    };
    Some(Some(status))
}

/// How a system is sourced: made in-house, bought, or inside another tool.
fn sourcing(text: &str) -> Option<&'static str> {
    Some(match words(text).as_str() {
        "built" | "build" | "in house" | "inhouse" | "internal" | "developed" | "own" => "built",
        "bought" | "buy" | "purchased" | "vendor" | "third party" | "external" | "saas"
        | "licensed" | "commercial" => "bought",
        "embedded" | "feature" | "built in" | "add on" | "plugin" => "embedded",
        _ => return None,
    })
}

/// Where a system is in its life, in the wordings of registers.
fn lifecycle(text: &str) -> Option<&'static str> {
    Some(match words(text).as_str() {
        "idea" | "concept" | "proposed" | "proposal" => "concept",
        "procurement" | "procuring" | "buying" | "tender" => "procurement",
        "development" | "in development" | "build" | "building" | "pilot" | "poc"
        | "proof of concept" | "testing" => "development",
        "deployment" | "deploying" | "rollout" | "roll out" => "deployment",
        "operation" | "operational" | "live" | "production" | "in production" | "in use"
        | "in service" | "active" => "operation",
        "monitoring" | "monitored" => "monitoring",
        "decommissioned" | "retired" | "withdrawn" | "sunset" | "inactive" => "decommissioned",
        _ => return None,
    })
}

/// One of `allowed` written with spaces, dashes or capitals
/// ("Third parties" for `third_parties`).
fn the_word(words_: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let word = words_.replace(' ', "_");
    allowed.iter().copied().find(|a| *a == word)
}

/// A date written with numbers only, split into its three numbers, or an
/// ISO date (year first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// Year first, four digits: unambiguous.
    Iso(u32, u32, u32),
    /// Two numbers then the year: day-first or month-first.
    Other(u32, u32, i32),
}

pub fn written_date(text: &str) -> Option<Written> {
    let text = text.trim();
    // "2027-03-31 00:00:00", as some exports write a date with its time.
    let text = text.split([' ', 'T']).next().unwrap_or(text);
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts[0].len() == 4 {
        return Some(Written::Iso(n[0], n[1], n[2]));
    }
    let year = match parts[2].len() {
        4 => n[2] as i32,
        2 => 2000 + n[2] as i32,
        _ => return None,
    };
    (parts[0].len() <= 2 && parts[1].len() <= 2).then_some(Written::Other(n[0], n[1], year))
}

/// What the dates written in a file say about their order: `Some` when a
/// day above 12 settles it, `None` when none does.
#[derive(Debug, Default)]
pub struct DateEvidence {
    /// A date only day-first reads (its first number is above 12).
    pub day_first: Option<String>,
    /// A date only month-first reads.
    pub month_first: Option<String>,
    /// A date that reads both ways, as different days.
    pub ambiguous: Option<String>,
}

impl DateEvidence {
    /// Notes one cell's text (with where it is, for messages).
    pub fn note(&mut self, text: &str, place: impl FnOnce() -> String) {
        let Some(Written::Other(a, b, _)) = written_date(text) else {
            return;
        };
        let slot = if a > 12 && b <= 12 {
            &mut self.day_first
        } else if b > 12 && a <= 12 {
            &mut self.month_first
        } else if a != b && a <= 12 && b <= 12 {
            &mut self.ambiguous
        } else {
            return;
        };
        if slot.is_none() {
            *slot = Some(format!("`{}` ({})", text.trim(), place()));
        }
    }
}

/// The date a cell holds: a real date cell as it is; text in ISO form, or
/// in `order` (which the caller settled from the whole file).
pub fn date(cell: &Cell, order: Option<DateOrder>) -> Result<NaiveDate, String> {
    let text = match cell {
        Cell::Date(date) => return Ok(*date),
        Cell::Text(text) => text.trim(),
        other => return Err(format!("`{}` is not a date", other.text())),
    };
    let not_a_date = || format!("`{text}` is not a date; write it as YYYY-MM-DD");
    let (year, month, day) = match (written_date(text).ok_or_else(not_a_date)?, order) {
        (Written::Iso(y, m, d), _) => (y as i32, m, d),
        (Written::Other(a, b, y), Some(DateOrder::Dmy) | None) => (y, b, a),
        (Written::Other(a, b, y), Some(DateOrder::Mdy)) => (y, a, b),
        (Written::Other(..), Some(DateOrder::Ymd)) => {
            return Err(format!(
                "`{text}` is not year-first as --date-format ymd says; write it as YYYY-MM-DD"
            ));
        }
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| match order {
        Some(order) => format!("`{text}` is no real date read as {order}"),
        None => format!("`{text}` is no real date"),
    })
}

/// The text the field `spec` takes for `cell`, or why there is none; an
/// empty result means the cell says nothing ("N/A" for a status).
pub fn field_text(
    spec: &FieldSpec,
    cell: &Cell,
    order: Option<DateOrder>,
) -> Result<String, String> {
    let text = cell.text();
    let shown = text.trim();
    match spec.kind {
        FieldKind::Date => date(cell, order).map(|d| d.to_string()),
        // Not decided yet says nothing, like an empty cell.
        FieldKind::Bool
            if spec.key == "applicable"
                && matches!(
                    words(&text).as_str(),
                    "undecided" | "tbd" | "to be decided" | "not decided" | "open"
                ) =>
        {
            Ok(String::new())
        }
        FieldKind::Bool => {
            let value = match cell {
                Cell::Bool(b) => Some(*b),
                _ if spec.key == "applicable" => applicability(&text),
                _ => yes_no(&text),
            };
            let what = if spec.key == "applicable" {
                "a decision: use Yes/No, Y/N, Included/Excluded or N/A"
            } else {
                "yes or no"
            };
            value
                .map(|b| b.to_string())
                .ok_or_else(|| format!("`{shown}` is not {what}"))
        }
        FieldKind::Choice(allowed) => {
            let word = match spec.key {
                "status" => status(&text).map(|s| s.unwrap_or("")),
                "sourcing" => sourcing(&text).or_else(|| the_word(&words(&text), allowed)),
                "lifecycle" => lifecycle(&text).or_else(|| the_word(&words(&text), allowed)),
                _ => the_word(&words(&text), allowed),
            };
            word.map(str::to_string).ok_or_else(|| {
                let extra = if spec.key == "status" {
                    " (or Not started, In progress, Done, N/A)"
                } else {
                    ""
                };
                format!("`{shown}` is not one of {}{extra}", allowed.join(", "))
            })
        }
        FieldKind::Choices(allowed) => shown
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(|w| {
                the_word(&words(w), allowed)
                    .ok_or_else(|| format!("`{w}` is not one of {}", allowed.join(", ")))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|w| w.join(",")),
        // "All systems in scope" is what an absent list means.
        FieldKind::References(Target::Systems) if words(&text).starts_with("all") => {
            Ok(String::new())
        }
        // Lists in a cell are separated by commas, semicolons or lines; an
        // item may be named with its id after it, as the exports write
        // systems: "CV screening (cv-screening)".
        FieldKind::List | FieldKind::References(_) => Ok(shown
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(|w| {
                w.strip_suffix(')')
                    .and_then(|w| w.rsplit_once('('))
                    .map_or(w, |(_, id)| id.trim())
            })
            .collect::<Vec<_>>()
            .join(",")),
        _ => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AiSystem, Fields, SoaEntry};

    fn spec<R: Fields>(key: &str) -> FieldSpec {
        R::field(key).expect("a declared field").spec
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn yes_and_no_in_their_usual_spellings() {
        for yes in ["Y", "yes", "YES ", "True", "1", "x", "X", "✓"] {
            assert_eq!(yes_no(yes), Some(true), "{yes}");
        }
        for no in ["N", "No", "false", "0"] {
            assert_eq!(yes_no(no), Some(false), "{no}");
        }
        assert_eq!(yes_no("maybe"), None);
        for excluded in ["N/A", "n/a", "NA", "Excluded", "Not applicable"] {
            assert_eq!(applicability(excluded), Some(false), "{excluded}");
        }
        assert_eq!(applicability("Included"), Some(true));
        assert_eq!(applicability("Applicable? (Y)"), None);
    }

    #[test]
    fn statuses_in_the_wordings_of_spreadsheets() {
        for (said, meant) in [
            ("In progress", Some("partial")),
            ("Partially implemented", Some("partial")),
            ("Partial", Some("partial")),
            ("Not started", Some("not_started")),
            ("not_started", Some("not_started")),
            ("Planned", Some("planned")),
            ("Done", Some("implemented")),
            ("Implemented", Some("implemented")),
            ("Complete", Some("implemented")),
            ("N/A", None),
        ] {
            assert_eq!(status(said), Some(meant), "{said}");
        }
        assert_eq!(status("Sort of"), None);
    }

    #[test]
    fn cells_become_the_text_each_field_takes() {
        let order = Some(DateOrder::Dmy);
        let soa = |key: &str, cell: Cell| field_text(&spec::<SoaEntry>(key), &cell, order);
        assert_eq!(soa("applicable", text("Y")), Ok("true".into()));
        assert_eq!(soa("applicable", text("N/A")), Ok("false".into()));
        assert_eq!(soa("status", text("In progress")), Ok("partial".into()));
        assert_eq!(soa("status", text("N/A")), Ok(String::new()));
        // The words of aims's own exports read back.
        assert_eq!(soa("applicable", text("undecided")), Ok(String::new()));
        assert_eq!(soa("applicable", text("mandatory")), Ok("true".into()));
        assert_eq!(
            soa("basis", text("business; best practice")),
            Ok("business,best_practice".into())
        );
        assert_eq!(
            soa("systems", text("all systems in scope")),
            Ok(String::new())
        );
        assert_eq!(
            soa(
                "systems",
                text("CV screening (cv-screening); Chatbot (website-chatbot)")
            ),
            Ok("cv-screening,website-chatbot".into())
        );
        assert_eq!(soa("due", text("31/03/2027")), Ok("2027-03-31".into()));
        let date = NaiveDate::from_ymd_opt(2027, 1, 2).expect("a date");
        assert_eq!(soa("due", Cell::Date(date)), Ok("2027-01-02".into()));
        let error = soa("status", text("Sort of")).expect_err("unmapped");
        assert!(error.contains("`Sort of` is not one of"), "{error}");
        let error = soa("applicable", text("Maybe")).expect_err("unmapped");
        assert!(error.contains("Yes/No"), "{error}");
        let system = |key: &str, cell: Cell| field_text(&spec::<AiSystem>(key), &cell, order);
        assert_eq!(system("sourcing", text("In-house")), Ok("built".into()));
        assert_eq!(system("sourcing", text("SaaS")), Ok("bought".into()));
        assert_eq!(system("lifecycle", text("Live")), Ok("operation".into()));
        assert_eq!(
            system("affected", text("Customers; Third parties")),
            Ok("customers,third_parties".into())
        );
        assert_eq!(
            system("personal_data", Cell::Number(1.0)),
            Ok("true".into())
        );
    }

    #[test]
    fn dates_day_first_month_first_or_iso() {
        let d = |s: &str, o| date(&text(s), o);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        assert_eq!(d("2027-03-31", None), Ok(day(2027, 3, 31)));
        assert_eq!(d("31/03/2027", Some(DateOrder::Dmy)), Ok(day(2027, 3, 31)));
        assert_eq!(d("03/31/2027", Some(DateOrder::Mdy)), Ok(day(2027, 3, 31)));
        assert_eq!(d("1.2.27", Some(DateOrder::Dmy)), Ok(day(2027, 2, 1)));
        assert!(d("31/02/2027", Some(DateOrder::Dmy)).is_err());
        assert!(d("03/04/2027", Some(DateOrder::Ymd)).is_err());
        assert!(d("soon", None).expect_err("no date").contains("YYYY-MM-DD"));

        let mut evidence = DateEvidence::default();
        evidence.note("05/05/2027", || "row 2".into());
        evidence.note("2027-03-04", || "row 3".into());
        assert!(evidence.ambiguous.is_none() && evidence.day_first.is_none());
        evidence.note("03/04/2027", || "row 4".into());
        assert_eq!(evidence.ambiguous.as_deref(), Some("`03/04/2027` (row 4)"));
        evidence.note("31/03/2027", || "row 5".into());
        assert_eq!(evidence.day_first.as_deref(), Some("`31/03/2027` (row 5)"));
        assert!(evidence.month_first.is_none());
    }
}
