//! The EU AI Act duty rules shipped in `catalog/eu-ai-act-duties.yaml`:
//! which duty falls on which role for which risk tier, from when, and the
//! ISO/IEC 42001 controls that help meet it. This module reads and checks
//! the rules; applying them to a system is `model::obligations`.

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::data_file::read_data_file;
use super::eu_ai_act::{AnnexIiiPoint, list_item_articles};
use crate::choice_enum;
use crate::model::{EuRole, is_valid_slug};
use crate::yaml::{Findings, MapReader, Node, Value, scalar_text};

const SOURCE: &str = include_str!("../../catalog/eu-ai-act-duties.yaml");

choice_enum! {
    /// A risk tier as a rule names it. `high` takes in both routes into the
    /// high-risk tier: a product under Annex I (Art. 6(1)) and a use case
    /// of Annex III (Art. 6(2)).
    pub enum RuleTier {
        Prohibited = "prohibited",
        High = "high",
        HighAnnexI = "high_annex_i",
        HighAnnexIii = "high_annex_iii",
        Limited = "limited",
        Minimal = "minimal",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DutyRules {
    pub title: String,
    pub regulation: String,
    /// When the rules were last checked against their sources.
    pub checked: NaiveDate,
    /// That the duties are indicative and not legal advice, in a paragraph.
    pub notice: String,
    /// Where the dates come from and what may still move them.
    pub dates_note: String,
    pub rules: Vec<DutyRule>,
}

/// The date from which a set of duties applies, with the later date an
/// amendment not yet in force would set.
#[derive(Clone, Debug, PartialEq)]
pub struct ApplicationDate {
    pub id: String,
    pub from: NaiveDate,
    pub pending: Option<PendingDate>,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PendingDate {
    pub from: NaiveDate,
    /// The amendment that would set it ("the Digital Omnibus on AI").
    pub by: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DutyRule {
    pub id: String,
    /// As written in the file: "Art. 26", "Arts. 18/19", "Art. 50(1)".
    pub articles: Vec<String>,
    pub title: String,
    pub duty: String,
    pub who: Vec<EuRole>,
    /// Alternatives of which one must hold; empty holds for every system.
    pub when: Vec<DutyCondition>,
    /// What the inventory cannot tell, for the reader to check.
    pub only_if: Option<String>,
    pub applies_from: ApplicationDate,
    /// Instead of `applies_from`, for a system high-risk under Annex I.
    pub annex_i_from: Option<ApplicationDate>,
    pub iso_controls: Vec<String>,
    pub source: String,
}

/// Every condition given must hold; one left out holds for any system.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DutyCondition {
    pub tiers: Vec<RuleTier>,
    pub annex_iii: Vec<AnnexIiiPoint>,
    pub annex_iii_except: Vec<AnnexIiiPoint>,
    pub gpai: Option<bool>,
    pub public_service: Option<bool>,
}

impl DutyRules {
    /// The rules built into aims.
    pub fn builtin() -> &'static DutyRules {
        static RULES: OnceLock<DutyRules> = OnceLock::new();
        RULES.get_or_init(|| {
            parse_duty_rules(SOURCE).expect("the built-in duty rules are checked by tests")
        })
    }
}

/// Reads the rules' YAML; every problem is returned with its position.
pub fn parse_duty_rules(text: &str) -> Result<DutyRules, Findings> {
    read_data_file(text, "the duty rules file is empty", read_rules)
}

fn read_rules(node: Node, findings: &mut Findings) -> Option<DutyRules> {
    let mut map = MapReader::new(node, "the duty rules", findings)?;
    map.text("duties");
    let title = map.required_text("title");
    let regulation = map.required_text("regulation");
    let checked_pos = map.key_pos("checked").unwrap_or(map.pos);
    let checked = map.date("checked");
    let notice = map.required_text("notice");
    let dates_note = map.text("dates_note").unwrap_or_default();
    let dates = map.list("dates", read_date).unwrap_or_default();
    let rules_pos = map.key_pos("rules").unwrap_or(map.pos);
    let rules = map
        .list("rules", |node, findings| read_rule(node, &dates, findings))
        .unwrap_or_default();
    let unknown = map.finish(&[
        "duties",
        "title",
        "regulation",
        "checked",
        "notice",
        "dates_note",
        "dates",
        "rules",
    ]);
    report_unknown(&unknown, findings);
    if checked.is_none() && !findings.has_errors() {
        findings.error(
            checked_pos,
            "`checked` needs the date the rules were last checked",
        );
    }
    if rules.is_empty() && !findings.has_errors() {
        findings.error(rules_pos, "the file needs at least one rule under `rules`");
    }
    let mut seen = HashSet::new();
    for rule in &rules {
        if !seen.insert(rule.id.as_str()) {
            findings.error(rules_pos, format!("rule id `{}` appears twice", rule.id));
        }
    }
    Some(DutyRules {
        title: title?,
        regulation: regulation?,
        checked: checked?,
        notice: notice?.trim_end().to_string(),
        dates_note: dates_note.trim_end().to_string(),
        rules,
    })
}

/// Keys nobody asked for are errors here, not kept: a misspelt key in the
/// rules would otherwise change what they say without a word.
fn report_unknown(unknown: &crate::yaml::Extra, findings: &mut Findings) {
    for (key, _) in &unknown.entries {
        findings.error(key.pos, format!("unknown key `{}`", key.text));
    }
}

fn read_date(node: Node, findings: &mut Findings) -> Option<ApplicationDate> {
    let mut map = MapReader::new(node, "a date of application", findings)?;
    let pos = map.pos;
    let id = map.required_text("id");
    let from = map.date("from");
    let pending_from = map.date("pending");
    let pending_by = map.text("pending_by");
    let source = map.required_text("source");
    let unknown = map.finish(&["id", "from", "pending", "pending_by", "source"]);
    report_unknown(&unknown, findings);
    let Some(from) = from else {
        findings.error(pos, "a date of application needs `from: YYYY-MM-DD`");
        return None;
    };
    let pending = match (pending_from, pending_by) {
        (Some(from), Some(by)) => Some(PendingDate { from, by }),
        (None, None) => None,
        _ => {
            findings.error(
                pos,
                "`pending` and `pending_by` go together: the later date and the amendment that would set it",
            );
            None
        }
    };
    Some(ApplicationDate {
        id: id?,
        from,
        pending,
        source: source?,
    })
}

const RULE_KEYS: &[&str] = &[
    "id",
    "articles",
    "title",
    "duty",
    "who",
    "when",
    "only_if",
    "applies_from",
    "annex_i_from",
    "iso_controls",
    "source",
];

fn read_rule(node: Node, dates: &[ApplicationDate], findings: &mut Findings) -> Option<DutyRule> {
    let mut map = MapReader::new(node, "a rule", findings)?;
    let pos = map.pos;
    let id_pos = map.key_pos("id").unwrap_or(pos);
    let id = map.required_text("id");
    let articles_pos = map.key_pos("articles").unwrap_or(pos);
    let articles = map
        .list("articles", |node, findings| {
            let pos = node.pos;
            let article = scalar_text(node, "articles", findings)?;
            if list_item_articles(&article).is_none_or(|a| a.is_empty()) {
                findings.error(
                    pos,
                    format!("`{article}` is not an article of the Act (write \"Art. 26\" or \"Arts. 18/19\")"),
                );
            }
            Some(article)
        })
        .unwrap_or_default();
    let title = map.required_text("title");
    let duty = map.required_text("duty");
    let who_pos = map.key_pos("who").unwrap_or(pos);
    let who: Vec<EuRole> = map.choice_list("who");
    let when = map
        .take("when")
        .map(|node| read_alternatives(node, map.findings))
        .unwrap_or_default();
    let only_if = map.text("only_if").map(|t| t.trim_end().to_string());
    let date = |map: &mut MapReader, key: &str| {
        let at = map.key_pos(key)?;
        let name = map.text(key)?;
        let found = dates.iter().find(|d| d.id == name).cloned();
        if found.is_none() {
            let known: Vec<&str> = dates.iter().map(|d| d.id.as_str()).collect();
            map.findings.error(
                at,
                format!(
                    "`{key}: {name}` names no entry of `dates` (they are {})",
                    known.join(", ")
                ),
            );
        }
        found
    };
    let applies_from = date(&mut map, "applies_from");
    let annex_i_from = date(&mut map, "annex_i_from");
    let iso_controls = map.text_list("iso_controls");
    let source = map.required_text("source");
    let unknown = map.finish(RULE_KEYS);
    report_unknown(&unknown, findings);
    if let Some(id) = &id
        && !is_valid_slug(id)
    {
        findings.error(
            id_pos,
            format!("rule id `{id}` must be lower-case letters, digits and dashes"),
        );
    }
    if articles.is_empty() {
        findings.error(articles_pos, "a rule needs the articles it rests on");
    }
    if who.is_empty() || who.contains(&EuRole::None) {
        findings.error(
            who_pos,
            "`who` needs the roles the duty falls on (`none` is no role)",
        );
    }
    if applies_from.is_none() && !findings.has_errors() {
        findings.error(pos, "a rule needs `applies_from`, the id of one of `dates`");
    }
    Some(DutyRule {
        id: id?,
        articles,
        title: title?,
        duty: duty?.trim_end().to_string(),
        who,
        when,
        only_if,
        applies_from: applies_from?,
        annex_i_from,
        iso_controls,
        source: source?.trim_end().to_string(),
    })
}

/// One condition, or a list of alternatives.
fn read_alternatives(node: Node, findings: &mut Findings) -> Vec<DutyCondition> {
    match node.value {
        Value::Seq(items) => items
            .into_iter()
            .filter_map(|item| read_condition(item, findings))
            .collect(),
        _ => read_condition(node, findings).into_iter().collect(),
    }
}

fn read_condition(node: Node, findings: &mut Findings) -> Option<DutyCondition> {
    let mut map = MapReader::new(node, "a condition", findings)?;
    let tiers = map.choice_list("tier");
    let annex_iii = read_points(&mut map, "annex_iii");
    let annex_iii_except = read_points(&mut map, "annex_iii_except");
    let gpai = map.bool("gpai");
    let public_service = map.bool("public_service");
    let unknown = map.finish(&[
        "tier",
        "annex_iii",
        "annex_iii_except",
        "gpai",
        "public_service",
    ]);
    report_unknown(&unknown, findings);
    Some(DutyCondition {
        tiers,
        annex_iii,
        annex_iii_except,
        gpai,
        public_service,
    })
}

fn read_points(map: &mut MapReader, key: &str) -> Vec<AnnexIiiPoint> {
    map.list(key, |node, findings| {
        let pos = node.pos;
        let text = scalar_text(node, key, findings)?;
        let point = AnnexIiiPoint::parse(&text);
        if point.is_none() {
            findings.error(
                pos,
                format!("`{text}` is not a point of Annex III (areas 1 to 8, e.g. 5(b))"),
            );
        }
        point
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match parse_duty_rules(text) {
            Ok(_) => Vec::new(),
            Err(findings) => findings
                .0
                .iter()
                .filter(|f| !f.is_warning)
                .map(|f| format!("{}:{}: {}", f.pos.line, f.pos.col, f.message))
                .collect(),
        }
    }

    const HEAD: &str = "\
title: T
regulation: R
checked: 2026-12-02
notice: N
dates:
  - {id: general, from: 2026-08-02, source: Art. 113}
rules:
";

    #[test]
    fn the_builtin_rules_read_without_a_finding() {
        if let Err(findings) = parse_duty_rules(SOURCE) {
            panic!("{:?}", findings.0);
        }
    }

    #[test]
    fn a_wrong_rule_is_reported_at_its_position_with_what_to_write() {
        let text = format!(
            "{HEAD}  - id: x
    articles: [Art. 114]
    title: X
    duty: D
    who: [provider, ruler]
    when: {{tier: [high], annex_iii: [\"9(z)\"], gpia: true}}
    applies_from: later
    iso_controls: []
    source: S
"
        );
        assert_eq!(
            errors(&text),
            [
                "9:16: `Art. 114` is not an article of the Act (write \"Art. 26\" or \"Arts. 18/19\")",
                "12:21: `who` must be one of `provider`, `deployer`, `importer`, `distributor`, `authorised_representative`, `product_manufacturer` or `none`, found `ruler`",
                "13:38: `9(z)` is not a point of Annex III (areas 1 to 8, e.g. 5(b))",
                "13:47: unknown key `gpia`",
                "14:5: `applies_from: later` names no entry of `dates` (they are general)",
            ]
        );
    }

    #[test]
    fn a_date_must_be_a_real_date() {
        let text = HEAD.replace("from: 2026-08-02", "from: 2026-02-30");
        let found = errors(&format!("{text}  - id: x\n"));
        assert!(
            found[0].contains("`from` must be a real date written YYYY-MM-DD, found `2026-02-30`"),
            "{found:?}"
        );
    }
}
