//! Named fields of records, read and written as text: the one place where a
//! value typed by a person (in a form of the interface, or as
//! `FIELD=VALUE` on the command line) is checked and stored, with the same
//! messages as the loader gives for the same mistake in a file.

use super::{
    AffectedGroup, AiSystem, Approval, EuRisk, EuRole, ImpactAssessment, ImpactEntry, ImpactRating,
    Level, Lifecycle, Risk, RiskStatus, Roles, Sourcing, Treatment,
};
use crate::yaml::{Choice, parse_date};

/// How a field is edited and checked.
#[derive(Clone, Copy, Debug)]
pub enum FieldKind {
    Text,
    /// Several lines (description, mitigations).
    LongText,
    /// One word out of a fixed set.
    Choice(fn() -> Vec<&'static str>),
    /// Several words out of a fixed set, comma-separated as text.
    Choices(fn() -> Vec<&'static str>),
    Bool,
    Date,
    /// Free words, comma-separated as text.
    List,
}

#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
}

const fn spec(key: &'static str, label: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind,
        required: false,
    }
}

const fn required(key: &'static str, label: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind,
        required: true,
    }
}

/// The words of a [`Choice`] enum, for pick lists.
pub fn words<T: Choice>() -> Vec<&'static str> {
    T::ALL.iter().map(|c| c.as_str()).collect()
}

/// A record whose fields can be read and set by name.
pub trait Fields {
    const FIELDS: &'static [FieldSpec];
    /// The value as text: what a form shows and `set` accepts back.
    fn get(&self, key: &str) -> String;
    fn set(&mut self, key: &str, value: &str) -> Result<(), String>;
}

/// The spec of `key` in `fields`, or an error naming the known keys.
pub fn find_field(fields: &'static [FieldSpec], key: &str) -> Result<&'static FieldSpec, String> {
    fields.iter().find(|f| f.key == key).ok_or_else(|| {
        let known: Vec<&str> = fields.iter().map(|f| f.key).collect();
        format!("unknown field `{key}`; the fields are {}", known.join(", "))
    })
}

fn text(value: &str) -> Option<String> {
    let value = value.trim_end_matches(['\n', ' ']).trim_start_matches(' ');
    (!value.is_empty()).then(|| value.to_string())
}

fn required_text(key: &str, value: &str) -> Result<String, String> {
    text(value).ok_or_else(|| format!("`{key}` must not be empty"))
}

fn choice<T: Choice>(key: &str, value: &str) -> Result<Option<T>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    T::from_word(value)
        .map(Some)
        .ok_or_else(|| format!("`{key}` must be one of {}, found `{value}`", T::allowed()))
}

fn choices<T: Choice>(key: &str, value: &str) -> Result<Vec<T>, String> {
    split_list(value)
        .into_iter()
        .map(|word| choice::<T>(key, &word).map(|c| c.expect("split_list drops empty words")))
        .collect()
}

fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn boolean(key: &str, value: &str) -> Result<Option<bool>, String> {
    match value.trim() {
        "" => Ok(None),
        "true" | "True" | "TRUE" => Ok(Some(true)),
        "false" | "False" | "FALSE" => Ok(Some(false)),
        other => Err(format!(
            "`{key}` must be `true` or `false`, found `{other}`"
        )),
    }
}

fn date(key: &str, value: &str) -> Result<Option<chrono::NaiveDate>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse_date(value)
        .map(Some)
        .ok_or_else(|| format!("`{key}` must be a real date written YYYY-MM-DD, found `{value}`"))
}

fn show<T: Choice>(value: Option<T>) -> String {
    value.map(|v| v.as_str().to_string()).unwrap_or_default()
}

fn show_all<T: Choice>(values: &[T]) -> String {
    values
        .iter()
        .map(|v| v.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn show_bool(value: Option<bool>) -> String {
    value.map(|b| b.to_string()).unwrap_or_default()
}

fn show_date(value: Option<chrono::NaiveDate>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

impl Fields for AiSystem {
    const FIELDS: &'static [FieldSpec] = &[
        required("name", "Name", FieldKind::Text),
        spec("description", "Description", FieldKind::LongText),
        spec("sourcing", "Sourcing", FieldKind::Choice(words::<Sourcing>)),
        spec("vendor", "Vendor", FieldKind::Text),
        spec("owner", "Owner", FieldKind::Text),
        spec("business_unit", "Business unit", FieldKind::Text),
        spec("model", "Model", FieldKind::Text),
        spec(
            "lifecycle",
            "Lifecycle",
            FieldKind::Choice(words::<Lifecycle>),
        ),
        spec("approval", "Approval", FieldKind::Choice(words::<Approval>)),
        spec(
            "eu_ai_act.role",
            "EU AI Act role",
            FieldKind::Choice(words::<EuRole>),
        ),
        spec(
            "eu_ai_act.risk",
            "EU AI Act risk",
            FieldKind::Choice(words::<EuRisk>),
        ),
        spec("eu_ai_act.annex_iii", "Annex III point", FieldKind::Text),
        spec("eu_ai_act.gpai", "GPAI-based", FieldKind::Bool),
        spec(
            "affected",
            "Affected",
            FieldKind::Choices(words::<AffectedGroup>),
        ),
        spec("personal_data", "Personal data", FieldKind::Bool),
        spec("dpia", "DPIA", FieldKind::Text),
        spec("impact", "Impact", FieldKind::Choice(words::<ImpactRating>)),
        spec("data", "Data", FieldKind::LongText),
        spec("human_oversight", "Human oversight", FieldKind::LongText),
        spec("limitations", "Limitations", FieldKind::LongText),
        spec("reviewed", "Reviewed", FieldKind::Date),
        spec("next_review", "Next review", FieldKind::Date),
        spec("tags", "Tags", FieldKind::List),
    ];

    fn get(&self, key: &str) -> String {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        match key {
            "id" => self.id.clone(),
            "name" => self.name.clone(),
            "description" => opt(&self.description),
            "sourcing" => show(self.sourcing),
            "vendor" => opt(&self.vendor),
            "owner" => opt(&self.owner),
            "business_unit" => opt(&self.business_unit),
            "model" => opt(&self.model),
            "lifecycle" => show(self.lifecycle),
            "approval" => show(self.approval),
            "eu_ai_act.role" => show(self.eu_ai_act.role),
            "eu_ai_act.risk" => show(self.eu_ai_act.risk),
            "eu_ai_act.annex_iii" => opt(&self.eu_ai_act.annex_iii),
            "eu_ai_act.gpai" => show_bool(self.eu_ai_act.gpai),
            "affected" => show_all(&self.affected),
            "personal_data" => show_bool(self.personal_data),
            "dpia" => opt(&self.dpia),
            "impact" => show(self.impact),
            "data" => opt(&self.data),
            "human_oversight" => opt(&self.human_oversight),
            "limitations" => opt(&self.limitations),
            "reviewed" => show_date(self.reviewed),
            "next_review" => show_date(self.next_review),
            "tags" => self.tags.join(", "),
            _ => String::new(),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "id" => {
                return Err(
                    "the id names the file and cannot be changed here; add a new system and decommission this one".into(),
                );
            }
            "name" => self.name = required_text(key, value)?,
            "description" => self.description = text(value),
            "sourcing" => self.sourcing = choice(key, value)?,
            "vendor" => self.vendor = text(value),
            "owner" => self.owner = text(value),
            "business_unit" => self.business_unit = text(value),
            "model" => self.model = text(value),
            "lifecycle" => self.lifecycle = choice(key, value)?,
            "approval" => self.approval = choice(key, value)?,
            "eu_ai_act.role" => self.eu_ai_act.role = choice(key, value)?,
            "eu_ai_act.risk" => self.eu_ai_act.risk = choice(key, value)?,
            "eu_ai_act.annex_iii" => self.eu_ai_act.annex_iii = text(value),
            "eu_ai_act.gpai" => self.eu_ai_act.gpai = boolean(key, value)?,
            "affected" => self.affected = choices(key, value)?,
            "personal_data" => self.personal_data = boolean(key, value)?,
            "dpia" => self.dpia = text(value),
            "impact" => self.impact = choice(key, value)?,
            "data" => self.data = text(value),
            "human_oversight" => self.human_oversight = text(value),
            "limitations" => self.limitations = text(value),
            "reviewed" => self.reviewed = date(key, value)?,
            "next_review" => self.next_review = date(key, value)?,
            "tags" => self.tags = split_list(value),
            _ => return Err(find_field(Self::FIELDS, key).err().unwrap_or_default()),
        }
        Ok(())
    }
}

impl Fields for Roles {
    const FIELDS: &'static [FieldSpec] = &[
        spec("governance_lead", "AI governance lead", FieldKind::Text),
        spec(
            "risk_classification",
            "Risk classification",
            FieldKind::Text,
        ),
        spec("vendor_selection", "Vendor selection", FieldKind::Text),
        spec(
            "deployment_approval",
            "Deployment approval",
            FieldKind::Text,
        ),
    ];

    fn get(&self, key: &str) -> String {
        self.named()
            .iter()
            .find(|(k, _, _)| *k == key)
            .and_then(|(_, _, v)| v.map(str::to_string))
            .unwrap_or_default()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let value = text(value);
        match key {
            "governance_lead" => self.governance_lead = value,
            "risk_classification" => self.risk_classification = value,
            "vendor_selection" => self.vendor_selection = value,
            "deployment_approval" => self.deployment_approval = value,
            _ => return Err(find_field(Self::FIELDS, key).err().unwrap_or_default()),
        }
        Ok(())
    }
}

impl Fields for ImpactAssessment {
    const FIELDS: &'static [FieldSpec] = &[
        spec("assessed_by", "Assessed by", FieldKind::Text),
        spec("assessed_on", "Assessed on", FieldKind::Date),
        spec("next_review", "Next review", FieldKind::Date),
    ];

    fn get(&self, key: &str) -> String {
        match key {
            "assessed_by" => self.assessed_by.clone().unwrap_or_default(),
            "assessed_on" => show_date(self.assessed_on),
            "next_review" => show_date(self.next_review),
            _ => String::new(),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "assessed_by" => self.assessed_by = text(value),
            "assessed_on" => self.assessed_on = date(key, value)?,
            "next_review" => self.next_review = date(key, value)?,
            _ => return Err(find_field(Self::FIELDS, key).err().unwrap_or_default()),
        }
        Ok(())
    }
}

impl Fields for ImpactEntry {
    const FIELDS: &'static [FieldSpec] = &[
        required(
            "group",
            "Affected group",
            FieldKind::Choice(words::<AffectedGroup>),
        ),
        spec("description", "Impact", FieldKind::LongText),
        spec("severity", "Severity", FieldKind::Choice(words::<Level>)),
        spec(
            "likelihood",
            "Likelihood",
            FieldKind::Choice(words::<Level>),
        ),
        spec("mitigations", "Mitigations", FieldKind::LongText),
        spec("residual", "Residual", FieldKind::Choice(words::<Level>)),
    ];

    fn get(&self, key: &str) -> String {
        match key {
            "group" => self.group.as_str().to_string(),
            "description" => self.description.clone().unwrap_or_default(),
            "severity" => show(self.severity),
            "likelihood" => show(self.likelihood),
            "mitigations" => self.mitigations.clone().unwrap_or_default(),
            "residual" => show(self.residual),
            _ => String::new(),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "group" => {
                self.group =
                    choice(key, value)?.ok_or_else(|| format!("`{key}` must not be empty"))?
            }
            "description" => self.description = text(value),
            "severity" => self.severity = choice(key, value)?,
            "likelihood" => self.likelihood = choice(key, value)?,
            "mitigations" => self.mitigations = text(value),
            "residual" => self.residual = choice(key, value)?,
            _ => return Err(find_field(Self::FIELDS, key).err().unwrap_or_default()),
        }
        Ok(())
    }
}

impl Fields for Risk {
    const FIELDS: &'static [FieldSpec] = &[
        required("title", "Title", FieldKind::Text),
        spec("severity", "Severity", FieldKind::Choice(words::<Level>)),
        spec(
            "likelihood",
            "Likelihood",
            FieldKind::Choice(words::<Level>),
        ),
        spec(
            "treatment",
            "Treatment",
            FieldKind::Choice(words::<Treatment>),
        ),
        spec("owner", "Owner", FieldKind::Text),
        spec("controls", "Treated by controls", FieldKind::List),
        spec("status", "Status", FieldKind::Choice(words::<RiskStatus>)),
    ];

    fn get(&self, key: &str) -> String {
        match key {
            "id" => self.id.clone(),
            "title" => self.title.clone(),
            "severity" => show(self.severity),
            "likelihood" => show(self.likelihood),
            "treatment" => show(self.treatment),
            "owner" => self.owner.clone().unwrap_or_default(),
            "controls" => self.controls.join(", "),
            "status" => show(self.status),
            _ => String::new(),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "title" => self.title = required_text(key, value)?,
            "severity" => self.severity = choice(key, value)?,
            "likelihood" => self.likelihood = choice(key, value)?,
            "treatment" => self.treatment = choice(key, value)?,
            "owner" => self.owner = text(value),
            "controls" => self.controls = split_list(value),
            "status" => self.status = choice(key, value)?,
            _ => return Err(find_field(Self::FIELDS, key).err().unwrap_or_default()),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_get_the_loader_messages() {
        let mut system = AiSystem::default();
        assert_eq!(
            system.set("sourcing", "rented").unwrap_err(),
            "`sourcing` must be one of `built`, `bought` or `embedded`, found `rented`"
        );
        assert!(
            system
                .set("next_review", "2026-02-30")
                .unwrap_err()
                .contains("real date")
        );
        assert!(
            system
                .set("personal_data", "yes")
                .unwrap_err()
                .contains("`true` or `false`")
        );
        assert!(
            system
                .set("name", "  ")
                .unwrap_err()
                .contains("must not be empty")
        );
        assert!(
            system
                .set("colour", "red")
                .unwrap_err()
                .contains("unknown field `colour`")
        );
        assert!(
            system
                .set("affected", "users, aliens")
                .unwrap_err()
                .contains("aliens")
        );
    }

    #[test]
    fn values_round_trip_through_text() {
        let mut system = AiSystem::default();
        for (key, value) in [
            ("sourcing", "bought"),
            ("affected", "users, employees"),
            ("eu_ai_act.gpai", "true"),
            ("next_review", "2027-01-31"),
            ("tags", "hr, recruitment"),
        ] {
            system.set(key, value).unwrap();
            assert_eq!(system.get(key), value);
        }
        system.set("vendor", "").unwrap();
        assert_eq!(system.vendor, None);
    }
}
