//! The rules an edit must keep beyond a field's own values: references
//! that name records which exist, and the SoA's rules (a mandatory
//! requirement has no decision; only an applicable control has a status).
//! The interface and the command line both ask here, so they refuse the
//! same edits with the same words.

use super::{FieldKind, FieldSpec, Records, SoaEntry, Target};
use crate::catalog::Catalogs;

/// Checks that each id a reference field names exists.
pub fn check_references(
    spec: &FieldSpec,
    ids: &[String],
    catalogs: &Catalogs,
    records: &Records,
) -> Result<(), String> {
    let FieldKind::References(target) = spec.kind else {
        return Ok(());
    };
    for id in ids {
        let known = match target {
            Target::Systems => records.systems.contains_key(id),
            Target::Controls => catalogs.control(id).is_some(),
            Target::Risks => records.risks().any(|(_, r)| r.id == *id),
        };
        if !known {
            return Err(match target {
                Target::Systems => format!(
                    "unknown system `{id}`: there is no inventory/{id}.yaml (see `aims inventory list`)"
                ),
                Target::Controls => {
                    format!(
                        "unknown control id `{id}`: no catalogue in use defines it (see `aims catalog`)"
                    )
                }
                Target::Risks => format!(
                    "unknown risk `{id}`: no impact assessment records it (see the risk register)"
                ),
            });
        }
    }
    Ok(())
}

/// Checks an SoA entry after its field `key` was changed. `requirement`:
/// the entry is of a mandatory clause requirement.
pub fn check_soa_edit(entry: &SoaEntry, key: &str, requirement: bool) -> Result<(), String> {
    let id = &entry.control;
    let decision =
        "is a mandatory requirement: it always applies and takes no decision; set its status";
    match key {
        "applicable" if requirement && entry.applicable.is_some() => {
            Err(format!("{id} {decision}"))
        }
        "basis" if requirement && !entry.basis.is_empty() => Err(format!("{id} {decision}")),
        "justification" if requirement && entry.has_justification() => Err(format!(
            "{id} is a mandatory requirement and needs no justification; write in its notes instead"
        )),
        "status" if !requirement && entry.status.is_some() && entry.applicable != Some(true) => {
            let state = if entry.applicable == Some(false) {
                "excluded"
            } else {
                "undecided"
            };
            Err(format!(
                "{id} is {state}; only an applicable control has a status: mark it applicable first"
            ))
        }
        _ => Ok(()),
    }
}
