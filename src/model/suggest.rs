//! Applicability suggestions: the catalogue's rules evaluated against the
//! current systems of the inventory (all but decommissioned ones). A suggestion is a hint with its reason;
//! nothing here changes a record.

use crate::catalog::{Condition, Control, Quantifier, Suggestion, SystemField};
use crate::yaml::Choice;

use super::{AiSystem, Records};

/// True when `system` has every field of the condition in its listed values.
fn system_matches(system: &AiSystem, condition: &Condition) -> bool {
    condition.fields.iter().all(|(field, values)| {
        let has = |word: &str| values.iter().any(|v| v == word);
        match field {
            SystemField::Sourcing => system.sourcing.is_some_and(|s| has(s.as_str())),
            SystemField::Risk => system.eu_risk.is_some_and(|r| has(r.as_str())),
            SystemField::Role => system.eu_role.is_some_and(|r| has(r.as_str())),
            SystemField::PersonalData => system
                .personal_data
                .is_some_and(|p| has(if p { "true" } else { "false" })),
            SystemField::Gpai => system
                .gpai
                .is_some_and(|g| has(if g { "true" } else { "false" })),
            SystemField::Affected => system.affected.iter().any(|a| has(a.as_str())),
        }
    })
}

/// Whether the rule's condition holds for the workspace's current systems.
pub fn condition_holds(condition: &Condition, records: &Records) -> bool {
    let mut current = records.current_systems();
    match condition.quantifier {
        Quantifier::Any => current.any(|s| system_matches(s, condition)),
        Quantifier::None => !current.any(|s| system_matches(s, condition)),
    }
}

/// The suggestions of `control` that hold now, with the systems behind each
/// (for `any` rules) so the user can see why.
pub fn suggestions<'c>(
    control: &'c Control,
    records: &Records,
) -> Vec<(&'c Suggestion, Vec<String>)> {
    control
        .suggestions
        .iter()
        .filter(|s| condition_holds(&s.when, records))
        .map(|s| {
            let systems = if s.when.quantifier == Quantifier::Any {
                records
                    .current_systems()
                    .filter(|sys| system_matches(sys, &s.when))
                    .map(|sys| sys.id.clone())
                    .collect()
            } else {
                Vec::new()
            };
            (s, systems)
        })
        .collect()
}
