//! The findings that need judgement rather than parsing: gaps in decisions,
//! missing owners, dates gone by. Warnings by default; `--strict` makes
//! them errors. Pure: the date of today is passed in.

use chrono::NaiveDate;

use crate::catalog::Catalogs;

use rayon::prelude::*;

use super::{
    AiSystem, Diagnostic, EuRisk, ImpactAssessment, ImpactRating, Kind, Level, Records, SoaEntry,
    impact_path, soa_path, system_path,
};

pub fn review(catalogs: &Catalogs, records: &Records, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for entry in records.soa.values() {
        review_entry(catalogs, entry, today, &mut out);
    }
    // Systems are by far the most numerous records, and each is reviewed on
    // its own: on a large inventory this is worth the threads.
    let systems: Vec<&AiSystem> = records.current_systems().collect();
    out.par_extend(
        systems
            .par_iter()
            .flat_map_iter(|system| review_system(records, system, today)),
    );
    for assessment in records.impacts.values() {
        review_assessment(assessment, today, &mut out);
    }
    out
}

fn review_entry(
    catalogs: &Catalogs,
    entry: &SoaEntry,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    let Some(control) = catalogs.control(&entry.control) else {
        return;
    };
    let path = soa_path(&entry.control);
    let at = |key: &str| entry.positions.at(key);
    if control.is_requirement() {
        if entry.applicable.is_some() {
            out.push(Diagnostic::warning(
                    Kind::IgnoredValue,
                    &path,
                    at("applicable"),
                    format!(
                        "{} is a mandatory requirement and cannot be excluded; `applicable` is ignored, remove it",
                        entry.control
                    ),
                ));
        }
    } else {
        if let Some(applicable) = entry.applicable
            && !entry.has_justification()
        {
            let decision = if applicable { "applicable" } else { "excluded" };
            out.push(Diagnostic::warning(
                    Kind::NoJustification,
                    &path,
                    at("applicable"),
                    format!(
                        "{} is {decision} but has no justification; the Statement of Applicability needs one either way",
                        entry.control
                    ),
                ));
        }
        if entry.applicable == Some(false) && entry.status.is_some() {
            out.push(Diagnostic::warning(
                Kind::IgnoredValue,
                &path,
                at("status"),
                format!("{} is excluded, so its status is ignored", entry.control),
            ));
        }
    }
    let in_force = control.is_requirement() || entry.applicable == Some(true);
    if in_force && entry.status.is_none() {
        out.push(Diagnostic::warning(
            Kind::NoStatus,
            &path,
            at("control"),
            format!(
                "{} applies but has no status (not_started, planned, partial or implemented)",
                entry.control
            ),
        ));
    }
    if in_force && entry.owner.as_deref().is_none_or(str::is_empty) {
        out.push(Diagnostic::warning(
            Kind::NoOwner,
            &path,
            at("control"),
            format!("{} applies but has no owner", entry.control),
        ));
    }
    if in_force
        && !entry.is_implemented()
        && let Some(due) = entry.due.filter(|due| *due < today)
    {
        out.push(Diagnostic::warning(
            Kind::Overdue,
            &path,
            at("due"),
            format!("{} was due on {due} and is not implemented", entry.control),
        ));
    }
}

fn review_system(records: &Records, system: &AiSystem, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let path = system_path(&system.id);
    let at = |key: &str| system.positions.at(key);
    if system.owner.as_deref().is_none_or(str::is_empty) {
        out.push(Diagnostic::warning(
            Kind::NoOwner,
            &path,
            at("id"),
            format!(
                "system `{}` has no owner; name the accountable person",
                system.id
            ),
        ));
    }
    if let Some(date) = system.next_review.filter(|d| *d < today) {
        out.push(Diagnostic::warning(
            Kind::Overdue,
            &path,
            at("next_review"),
            format!("the review of `{}` was due on {date}", system.id),
        ));
    }
    if system.personal_data == Some(true) && system.dpia.is_none() {
        out.push(Diagnostic::warning(
            Kind::NoDpia,
            &path,
            at("personal_data"),
            format!(
                "`{}` processes personal data but names no DPIA (`dpia:`)",
                system.id
            ),
        ));
    }
    for doubt in super::classification::doubts(system) {
        out.push(Diagnostic::warning(
            Kind::DoubtfulClassification,
            &path,
            at(doubt.key),
            doubt.message,
        ));
    }
    let assessment = records.impacts.get(&system.id);
    if system.eu_risk == Some(EuRisk::High) && assessment.is_none() {
        out.push(Diagnostic::warning(
                Kind::HighRiskUnassessed,
                &path,
                at("eu_ai_act"),
                format!(
                    "`{}` is high-risk under the EU AI Act but has no impact assessment (impact/{}.yaml)",
                    system.id, system.id
                ),
            ));
    }
    if let (Some(assessment), Some(rating)) = (assessment, system.impact)
        && let Some(implied) = assessment.implied_rating()
        && rating != rating_of(implied)
    {
        out.push(Diagnostic::warning(
            Kind::ImpactMismatch,
            &path,
            at("impact"),
            format!(
                "`impact: {rating}` differs from its impact assessment, which implies `{implied}`",
            ),
        ));
    }
    out
}

fn review_assessment(assessment: &ImpactAssessment, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let path = impact_path(&assessment.system);
    if let Some(date) = assessment.next_review.filter(|d| *d < today) {
        out.push(Diagnostic::warning(
            Kind::Overdue,
            &path,
            assessment.positions.at("next_review"),
            format!("this impact assessment was due for review on {date}"),
        ));
    }
    for risk in &assessment.risks {
        if risk.owner.as_deref().is_none_or(str::is_empty) {
            out.push(Diagnostic::warning(
                Kind::NoOwner,
                &path,
                risk.positions.at("id"),
                format!("risk `{}` has no owner", risk.id),
            ));
        }
    }
}

/// The inventory rating that an assessed level corresponds to.
pub fn rating_of(level: Level) -> ImpactRating {
    match level {
        Level::Low => ImpactRating::Low,
        Level::Medium => ImpactRating::Medium,
        Level::High => ImpactRating::High,
    }
}
