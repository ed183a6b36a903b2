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

/// The suggestions of `control` that hold now, with the systems behind each
/// (for `any` rules) so the user can see why. One pass over the systems per
/// rule, because the controls pane asks on every frame.
pub fn suggestions<'c, 'r>(
    control: &'c Control,
    records: &'r Records,
) -> Vec<(&'c Suggestion, Vec<&'r str>)> {
    control
        .suggestions
        .iter()
        .filter_map(|s| {
            let mut matching = records
                .current_systems()
                .filter(|system| system_matches(system, &s.when));
            match s.when.quantifier {
                Quantifier::Any => {
                    let systems: Vec<&str> = matching.map(|system| system.id.as_str()).collect();
                    (!systems.is_empty()).then_some((s, systems))
                }
                Quantifier::None => matching.next().is_none().then(|| (s, Vec::new())),
            }
        })
        .collect()
}
