//! One system's impact assessment (`impact/<system-id>.yaml`, ISO 42001
//! A.5) and the risks it records; the risk register is their union.

use chrono::NaiveDate;

use super::field::record;
use super::{AffectedGroup, Level, RiskStatus, Treatment};

record! {
    /// What a system could do to one group of people, and what limits it.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ImpactEntry as "an impact entry" {
        group: AffectedGroup = Choose {
            key: "group", label: "Affected group", help: "who is affected", required: true,
        },
        description: Option<String> = LongText {
            key: "description", label: "Impact", help: "what could happen to them",
        },
        severity: Option<Level> = Choose {
            key: "severity", label: "Severity", help: "how bad it would be, before mitigation",
        },
        likelihood: Option<Level> = Choose {
            key: "likelihood", label: "Likelihood", help: "how likely it is, before mitigation",
        },
        mitigations: Option<String> = LongText {
            key: "mitigations", label: "Mitigations", help: "what reduces it",
        },
        residual: Option<Level> = Choose {
            key: "residual", label: "Residual", help: "the level that remains after mitigation",
        },
    }
}

record! {
    /// One risk of the register, recorded in a system's impact assessment.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Risk as "a risk" {
        id: String = Text {
            key: "id", label: "Id", help: "unique in the workspace", required: true, fixed: true,
        },
        title: String = Text {
            key: "title", label: "Title", help: "the risk in a few words", required: true,
        },
        severity: Option<Level> = Choose {
            key: "severity", label: "Severity", help: "how bad it would be",
        },
        likelihood: Option<Level> = Choose {
            key: "likelihood", label: "Likelihood", help: "how likely it is",
        },
        treatment: Option<Treatment> = Choose {
            key: "treatment", label: "Treatment", help: "how the risk is handled",
        },
        owner: Option<String> = Person {
            key: "owner", label: "Owner", help: "the person accountable for the risk",
        },
        controls: Vec<String> = Controls {
            key: "controls", label: "Treated by controls", help: "the controls that treat it",
        },
        status: Option<RiskStatus> = Choose {
            key: "status", label: "Status", help: "where its treatment stands",
        },
    }
}

impl Risk {
    /// The level from the 3x3 matrix, once severity and likelihood are set.
    pub fn level(&self) -> Option<Level> {
        Some(risk_level(self.severity?, self.likelihood?))
    }
}

/// The fixed 3x3 matrix: the level of a risk from severity and likelihood.
///
/// ```
/// use aims::model::{Level, risk_level};
///
/// assert_eq!(risk_level(Level::High, Level::Low), Level::Medium);
/// assert_eq!(risk_level(Level::Medium, Level::High), Level::High);
/// ```
///
/// | severity \ likelihood | low    | medium | high   |
/// |-----------------------|--------|--------|--------|
/// | high                  | medium | high   | high   |
/// | medium                | low    | medium | high   |
/// | low                   | low    | low    | medium |
pub fn risk_level(severity: Level, likelihood: Level) -> Level {
    use Level::*;
    match (severity, likelihood) {
        (High, High) | (High, Medium) | (Medium, High) => High,
        (High, Low) | (Medium, Medium) | (Low, High) => Medium,
        _ => Low,
    }
}

record! {
    /// A system's impact assessment (ISO 42001 A.5) and the risks it records.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ImpactAssessment as "an impact assessment" {
        system: String = Text {
            key: "system", label: "System",
            help: "the system assessed; names the file impact/<system>.yaml",
            required: true, fixed: true,
        },
        assessed_by: Option<String> = Person {
            key: "assessed_by", label: "Assessed by", help: "who made the assessment",
        },
        assessed_on: Option<NaiveDate> = Date {
            key: "assessed_on", label: "Assessed on", help: "when it was made",
        },
        next_review: Option<NaiveDate> = Date {
            key: "next_review", label: "Next review", help: "when it is due for review",
        },
        impacts: Vec<ImpactEntry> = Entry {
            key: "impacts", label: "Impacts", help: "one entry per affected group",
        },
        risks: Vec<Risk> = Entry {
            key: "risks", label: "Risks", help: "the risks the assessment found",
        },
    }
}

impl ImpactAssessment {
    /// The overall impact the assessment implies: the worst consequence for
    /// any affected group, that is the highest severity before mitigation.
    /// The rating says how much harm the system could do to people; how
    /// likely that is and how well it is handled belong to its risks.
    pub fn implied_rating(&self) -> Option<Level> {
        self.impacts.iter().filter_map(|i| i.severity).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rank of a level, spelled out here rather than taken from the
    /// enum's `Ord`, so that the test does not lean on declaration order.
    fn rank(level: Level) -> u8 {
        match level {
            Level::Low => 0,
            Level::Medium => 1,
            Level::High => 2,
        }
    }

    #[test]
    fn matrix_is_symmetric_and_monotone() {
        use Level::*;
        let levels = [Low, Medium, High];
        for a in levels {
            for b in levels {
                assert_eq!(risk_level(a, b), risk_level(b, a), "({a:?}, {b:?})");
            }
        }
        // Raising severity or likelihood (or both) never lowers the level:
        // every pair (s1, l1) <= (s2, l2) component-wise.
        for s1 in levels {
            for l1 in levels {
                for s2 in levels.into_iter().filter(|s| rank(*s) >= rank(s1)) {
                    for l2 in levels.into_iter().filter(|l| rank(*l) >= rank(l1)) {
                        assert!(
                            rank(risk_level(s2, l2)) >= rank(risk_level(s1, l1)),
                            "({s2:?}, {l2:?}) gives {:?}, below ({s1:?}, {l1:?}) at {:?}",
                            risk_level(s2, l2),
                            risk_level(s1, l1),
                        );
                    }
                }
            }
        }
    }

    /// The exact table of the doc comment and the README, row by row
    /// (severity), column by column (likelihood low, medium, high).
    #[test]
    fn matrix_is_the_documented_table() {
        use Level::*;
        let table = [
            (High, [Medium, High, High]),
            (Medium, [Low, Medium, High]),
            (Low, [Low, Low, Medium]),
        ];
        for (severity, row) in table {
            for (likelihood, want) in [Low, Medium, High].into_iter().zip(row) {
                assert_eq!(
                    risk_level(severity, likelihood),
                    want,
                    "severity {severity:?}, likelihood {likelihood:?}"
                );
            }
        }
    }
}
