//! What the screens show about the whole workspace: progress per domain,
//! readiness, the number of risks and which risks each control treats. Each
//! takes a pass over every record, which on 10,000 systems costs more than
//! a frame can spare, so they are worked out once when the records change
//! and never while drawing.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalog::Catalogs;
use crate::model::{CatalogProgress, Readiness, Records, Risk, progress, readiness};

#[derive(Debug, Default)]
pub struct Summary {
    pub progress: Vec<CatalogProgress>,
    pub readiness: Readiness,
    pub risks: usize,

    /// For each control, the risks that name it or that its entry names:
    /// the key of the assessment holding each and its position there, in
    /// the order of the register's files.
    treating: HashMap<String, Vec<(String, usize)>>,
}

impl Summary {
    pub fn new(catalogs: &Catalogs, records: &Records, today: NaiveDate) -> Summary {
        let mut treating: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        let mut with_id: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
        let mut risks = 0;
        for (key, assessment) in &records.impacts {
            for (index, risk) in assessment.risks.iter().enumerate() {
                risks += 1;
                with_id.entry(&risk.id).or_default().push((key, index));
                for control in &risk.controls {
                    let at = (key.clone(), index);
                    treating.entry(control.clone()).or_default().push(at);
                }
            }
        }
        for (control, entry) in &records.soa {
            for id in &entry.risks {
                for (key, index) in with_id.get(id.as_str()).into_iter().flatten() {
                    let at = (key.to_string(), *index);
                    treating.entry(control.clone()).or_default().push(at);
                }
            }
        }
        for found in treating.values_mut() {
            found.sort_unstable();
            found.dedup();
        }
        Summary {
            progress: progress(catalogs, records),
            readiness: readiness(records, today),
            risks,
            treating,
        }
    }

    /// The risks that `control` treats, with the system whose assessment
    /// holds each, in the order of the register's files.
    pub fn risks_treated_by<'r>(
        &self,
        control: &str,
        records: &'r Records,
    ) -> impl Iterator<Item = (&'r str, &'r Risk)> {
        self.treating
            .get(control)
            .into_iter()
            .flatten()
            .filter_map(|(key, index)| {
                let assessment = records.impacts.get(key)?;
                Some((assessment.system.as_str(), assessment.risks.get(*index)?))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ImpactAssessment, Manifest, SoaEntry};

    fn risk(id: &str, controls: &[&str]) -> Risk {
        Risk {
            id: id.into(),
            controls: controls.iter().map(|c| c.to_string()).collect(),
            ..Risk::default()
        }
    }

    /// A risk that names a control and that the control's entry also names
    /// is listed once, in the order of the register's files.
    #[test]
    fn a_control_treats_the_risks_it_is_named_by_and_names_once_each() {
        let mut records = Records::new(Manifest::new("Test Ltd"));
        for (system, risks) in [
            ("a", vec![risk("a-1", &["A.5.2"]), risk("a-2", &[])]),
            ("b", vec![risk("b-1", &["A.5.2", "A.6.1.2"])]),
        ] {
            let assessment = ImpactAssessment {
                system: system.into(),
                risks,
                ..ImpactAssessment::default()
            };
            records.impacts.insert(system.into(), assessment);
        }
        let entry = SoaEntry {
            risks: vec!["b-1".into(), "a-2".into()],
            ..SoaEntry::new("A.5.2")
        };
        records.soa.insert("A.5.2".into(), entry);
        let summary = Summary::new(&Catalogs::builtin(), &records, NaiveDate::MIN);
        let treated = |control: &str| -> Vec<(String, String)> {
            summary
                .risks_treated_by(control, &records)
                .map(|(system, risk)| (system.to_string(), risk.id.clone()))
                .collect()
        };
        let pair = |s: &str, r: &str| (s.to_string(), r.to_string());
        assert_eq!(
            treated("A.5.2"),
            [pair("a", "a-1"), pair("a", "a-2"), pair("b", "b-1")]
        );
        assert_eq!(treated("A.6.1.2"), [pair("b", "b-1")]);
        assert_eq!(treated("A.9.4"), []);
        assert_eq!(summary.risks, 3);
    }
}
