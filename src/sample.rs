//! A generator of large, valid, deterministic workspaces, for benchmarks
//! and tests (`cargo run --release --example gen_workspace -- DIR 10000`).
//!
//! DIR gets an aims.yaml, `count` systems, an SoA entry for every control of
//! the built-in catalogues and an impact assessment for every tenth system.

use std::path::Path;

use crate::catalog::Catalogs;
use crate::model::{
    AffectedGroup, AiSystem, Approval, EuRisk, EuRole, Evidence, ImpactAssessment, ImpactEntry,
    ImpactRating, Level, Lifecycle, Manifest, Risk, RiskStatus, SoaEntry, Sourcing, Status,
    Treatment,
};
use crate::workspace::{Record, write_atomically};
use crate::yaml::{Choice, parse_date};

fn pick<T: Choice>(n: usize) -> T {
    T::ALL[n % T::ALL.len()]
}

fn system(i: usize) -> AiSystem {
    let sourcing: Sourcing = pick(i);
    AiSystem {
        id: format!("system-{i:05}"),
        name: format!("Generated system {i}"),
        description: Some(format!(
            "A generated AI system, number {i}, used to measure how aims copes\nwith a large inventory. It drafts, scores or summarises documents.\n"
        )),
        sourcing: Some(sourcing),
        vendor: (sourcing != Sourcing::Built).then(|| format!("Vendor {}", i % 97)),
        owner: (!i.is_multiple_of(13)).then(|| format!("Owner {}", i % 211)),
        business_unit: Some(["Operations", "People", "Finance", "Sales"][i % 4].to_string()),
        model: Some(format!("model-{}.{}", i % 7, i % 3)),
        lifecycle: Some(pick::<Lifecycle>(i / 3)),
        approval: Some(pick::<Approval>(i / 5)),
        eu_role: Some(pick::<EuRole>(i / 7)),
        eu_risk: Some(pick::<EuRisk>(i / 11 + 1)),
        affected: vec![pick::<AffectedGroup>(i), pick::<AffectedGroup>(i + 2)],
        personal_data: Some(i.is_multiple_of(2)),
        dpia: (i.is_multiple_of(2)).then(|| format!("privacy/dpia-{i:05}.pdf")),
        impact: Some(pick::<ImpactRating>(i / 2)),
        data: Some("Internal documents, classified confidential".to_string()),
        human_oversight: Some("A named reviewer approves every output before use.".to_string()),
        reviewed: parse_date("2026-03-01"),
        next_review: parse_date(if i.is_multiple_of(17) {
            "2026-01-01"
        } else {
            "2027-03-01"
        }),
        tags: vec!["generated".to_string(), format!("batch-{}", i % 10)],
        ..AiSystem::default()
    }
}

fn assessment(i: usize) -> ImpactAssessment {
    let id = format!("system-{i:05}");
    ImpactAssessment {
        system: id.clone(),
        assessed_by: Some(format!("Assessor {}", i % 5)),
        assessed_on: parse_date("2026-06-01"),
        next_review: parse_date("2027-06-01"),
        impacts: vec![ImpactEntry {
            group: pick(i),
            description: Some(
                "Could mislead the people it serves.\nA reviewer checks outputs.\n".into(),
            ),
            severity: Some(pick::<Level>(i)),
            likelihood: Some(pick::<Level>(i / 3)),
            mitigations: Some("Every output is read by a person before it is used.".into()),
            residual: Some(Level::Low),
            ..Default::default()
        }],
        risks: (0..2)
            .map(|r| Risk {
                id: format!("{id}-{r}"),
                title: format!("Generated risk {r} of system {i}"),
                severity: Some(pick::<Level>(i + r)),
                likelihood: Some(pick::<Level>(i / 2 + r)),
                treatment: Some(pick::<Treatment>(i + r)),
                owner: Some(format!("Owner {}", i % 211)),
                controls: vec!["A.6.2.6".into(), "A.9.4".into()],
                status: Some(pick::<RiskStatus>(i + r)),
                ..Default::default()
            })
            .collect(),
        ..ImpactAssessment::default()
    }
}

fn soa(i: usize, control: &str, requirement: bool) -> SoaEntry {
    SoaEntry {
        applicable: (!requirement && i % 4 != 3).then_some(!i.is_multiple_of(5)),
        justification: (!requirement && i % 4 != 3).then(|| {
            "Generated justification: the inventory holds systems this control\ngoverns, and the risk assessment calls for it.\n".to_string()
        }),
        status: Some(pick::<Status>(i)),
        owner: Some(format!("Owner {}", i % 211)),
        evidence: vec![Evidence {
            reference: format!("evidence/{control}.pdf"),
            note: Some("What the evidence shows".into()),
            ..Default::default()
        }],
        ..SoaEntry::new(control)
    }
}

/// Writes a workspace of `count` systems into `dir` (created if missing).
pub fn generate(dir: &Path, count: usize) -> std::io::Result<()> {
    for folder in ["inventory", "soa", "impact"] {
        std::fs::create_dir_all(dir.join(folder))?;
    }
    let write =
        |record: Record| write_atomically(&dir.join(record.path()), record.to_text().as_bytes());
    write(Record::Manifest(Manifest::new("Generated Benchmark Ltd")))?;
    for i in 0..count {
        write(Record::System(system(i)))?;
        if i % 10 == 0 {
            write(Record::Impact(assessment(i)))?;
        }
    }
    for (i, control) in Catalogs::builtin().controls().enumerate() {
        write(Record::Soa(soa(i, &control.id, control.is_requirement())))?;
    }
    Ok(())
}
