//! One system's impact assessment (`impact/<system-id>.yaml`, ISO 42001
//! A.5) and the risks it records; the risk register is their union.

use chrono::NaiveDate;

use super::{AffectedGroup, Entries, Level, RiskStatus, Treatment};
use crate::yaml::{Extra, Findings, MapReader, Node, Positions, scalar_text};

#[derive(Clone, Debug, PartialEq)]
pub struct ImpactEntry {
    pub group: AffectedGroup,
    pub description: Option<String>,
    pub severity: Option<Level>,
    pub likelihood: Option<Level>,
    pub mitigations: Option<String>,
    pub residual: Option<Level>,
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub severity: Option<Level>,
    pub likelihood: Option<Level>,
    pub treatment: Option<Treatment>,
    pub owner: Option<String>,
    pub controls: Vec<String>,
    pub status: Option<RiskStatus>,
    pub extra: Extra,
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

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImpactAssessment {
    pub system: String,
    pub assessed_by: Option<String>,
    pub assessed_on: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub impacts: Vec<ImpactEntry>,
    pub risks: Vec<Risk>,
    pub extra: Extra,
    pub positions: Positions,
}

const IMPACT_KEYS: &[&str] = &[
    "system",
    "assessed_by",
    "assessed_on",
    "next_review",
    "impacts",
    "risks",
];
const ENTRY_KEYS: &[&str] = &[
    "group",
    "description",
    "severity",
    "likelihood",
    "mitigations",
    "residual",
];
const RISK_KEYS: &[&str] = &[
    "id",
    "title",
    "severity",
    "likelihood",
    "treatment",
    "owner",
    "controls",
    "status",
];

impl ImpactAssessment {
    /// The overall impact the assessment implies: the worst consequence for
    /// any affected group, that is the highest severity before mitigation.
    /// The rating says how much harm the system could do to people; how
    /// likely that is and how well it is handled belong to its risks.
    pub fn implied_rating(&self) -> Option<Level> {
        self.impacts.iter().filter_map(|i| i.severity).max()
    }

    pub fn read(node: Node, findings: &mut Findings) -> Option<ImpactAssessment> {
        let mut map = MapReader::new(node, "an impact assessment", findings)?;
        let mut positions = map.positions();
        let system = map.required_text("system");
        let mut assessment = ImpactAssessment {
            assessed_by: map.text("assessed_by"),
            assessed_on: map.date("assessed_on"),
            next_review: map.date("next_review"),
            ..ImpactAssessment::default()
        };
        assessment.impacts = map.list("impacts", read_entry).unwrap_or_default();
        let mut n = 0;
        assessment.risks = map
            .list("risks", |node, findings| {
                let risk = read_risk(node, n, &mut positions, findings);
                n += 1;
                risk
            })
            .unwrap_or_default();
        assessment.extra = map.finish(IMPACT_KEYS);
        assessment.system = system?;
        assessment.positions = positions;
        assessment.positions.shrink();
        Some(assessment)
    }

    pub fn to_node(&self) -> Node {
        let mut e = Entries::default();
        e.text("system", &Some(self.system.clone()));
        e.text("assessed_by", &self.assessed_by);
        e.plain("assessed_on", self.assessed_on);
        e.plain("next_review", self.next_review);
        let impacts = self
            .impacts
            .iter()
            .map(|i| {
                let mut item = Entries::default();
                item.word("group", Some(i.group));
                item.text("description", &i.description);
                item.word("severity", i.severity);
                item.word("likelihood", i.likelihood);
                item.text("mitigations", &i.mitigations);
                item.word("residual", i.residual);
                item.finish(&i.extra)
            })
            .collect();
        e.nodes("impacts", impacts);
        let risks = self
            .risks
            .iter()
            .map(|r| {
                let mut item = Entries::default();
                item.text("id", &Some(r.id.clone()));
                item.text("title", &Some(r.title.clone()));
                item.word("severity", r.severity);
                item.word("likelihood", r.likelihood);
                item.word("treatment", r.treatment);
                item.text("owner", &r.owner);
                item.texts("controls", &r.controls);
                item.word("status", r.status);
                item.finish(&r.extra)
            })
            .collect();
        e.nodes("risks", risks);
        e.finish(&self.extra)
    }
}

fn read_entry(node: Node, findings: &mut Findings) -> Option<ImpactEntry> {
    let mut map = MapReader::new(node, "an impact entry", findings)?;
    let pos = map.pos;
    let group = map.choice("group");
    if group.is_none() && map.key_pos("group").is_none() {
        map.findings
            .error(pos, "missing required key `group` in this impact entry");
    }
    let entry = ImpactEntry {
        group: group.unwrap_or(AffectedGroup::Users),
        description: map.text("description"),
        severity: map.choice("severity"),
        likelihood: map.choice("likelihood"),
        mitigations: map.text("mitigations"),
        residual: map.choice("residual"),
        extra: Extra::default(),
    };
    let extra = map.finish(ENTRY_KEYS);
    group.map(|_| ImpactEntry { extra, ..entry })
}

fn read_risk(
    node: Node,
    index: usize,
    positions: &mut Positions,
    findings: &mut Findings,
) -> Option<Risk> {
    let mut map = MapReader::new(node, "a risk", findings)?;
    positions.push(
        &format!("risks.{index}"),
        map.key_pos("id").unwrap_or(map.pos),
    );
    let id = map.required_text("id");
    let title = map.required_text("title");
    let severity = map.choice("severity");
    let likelihood = map.choice("likelihood");
    let treatment = map.choice("treatment");
    let owner = map.text("owner");
    let mut n = 0;
    let controls = map
        .list("controls", |node, findings| {
            positions.push(&format!("risks.{index}.controls.{n}"), node.pos);
            n += 1;
            scalar_text(node, "controls", findings)
        })
        .unwrap_or_default();
    let status = map.choice("status");
    let extra = map.finish(RISK_KEYS);
    Some(Risk {
        id: id?,
        title: title?,
        severity,
        likelihood,
        treatment,
        owner,
        controls,
        status,
        extra,
    })
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
