//! The EU AI Act duties derived for a system, for every role and risk tier
//! the inventory can record (a table the rules are checked against), what
//! the inventory cannot tell, and the built-in rules themselves: every
//! article real, every ISO control known to the catalogues, every date a
//! date.

use aims::catalog::{Catalogs, DutyRules};
use aims::model::obligations::{ControlState, Coverage, obligations};
use aims::model::{AiSystem, EuRisk, EuRole, Manifest, Records, SoaEntry, Status};
use aims::yaml::Choice;

/// The system, alone in a workspace whose organisation is recorded as no
/// public body, so only what the system records decides.
fn records(system: &AiSystem, public_service: Option<bool>) -> Records {
    let mut manifest = Manifest::new("Test Org");
    manifest.public_service = public_service;
    let mut records = Records::new(manifest);
    records.systems.insert(system.id.clone(), system.clone());
    records
}

fn system(role: EuRole, risk: EuRisk, annex_iii: Option<&str>, gpai: bool) -> AiSystem {
    AiSystem {
        id: "s".into(),
        name: "S".into(),
        eu_role: Some(role),
        eu_risk: Some(risk),
        annex_iii: annex_iii.map(String::from),
        gpai: Some(gpai),
        ..AiSystem::default()
    }
}

/// The articles of the system's duties, a `?` after those that apply only
/// if something the inventory cannot tell holds.
fn duties(system: &AiSystem, public_service: Option<bool>) -> String {
    let records = records(system, public_service);
    let catalogs = Catalogs::builtin();
    let found = obligations(DutyRules::builtin(), &catalogs, &records, system);
    let words: Vec<String> = found
        .duties
        .iter()
        .map(|duty| {
            let marker = if duty.conditions.is_empty() { "" } else { "?" };
            format!(
                "{}{marker}",
                duty.articles().replace("Art. ", "").replace("Arts. ", "")
            )
        })
        .collect();
    words.join(" ")
}

/// A high-risk provider's duties (an Annex III system's, so with Art. 49).
const HIGH_PROVIDER: &str = "4 9 10 11 12 13 14 15 16 17 18/19 20 43 47 48 49 50(1)? 72 73";

/// A product manufacturer counts as the provider (Art. 25(3)); it does not
/// register in the EU database, which Art. 49 asks of Annex III providers.
const HIGH_MANUFACTURER: &str = "4 9 10 11 12 13 14 15 16 17 18/19 20 25(3) 43 47 48 50(1)? 72 73";

#[test]
fn every_role_and_tier_has_its_duties() {
    use EuRisk::*;
    // (tier as written in the inventory, Annex III point)
    let tiers: [(EuRisk, Option<&str>, &str); 7] = [
        (Prohibited, None, "prohibited"),
        (High, Some("4(a)"), "high 4(a)"),
        (High, Some("5(b)"), "high 5(b)"),
        (High, Some("none"), "high Annex I"),
        (Limited, None, "limited"),
        (Minimal, None, "minimal"),
        (Unassessed, None, "unassessed"),
    ];
    let mut actual = Vec::new();
    for role in EuRole::ALL {
        for (risk, point, tier) in tiers {
            let found = duties(&system(*role, risk, point, false), Some(false));
            let line = format!("{:<25} {tier:<12} {found}", role.as_str());
            actual.push(line.trim_end().to_string());
        }
    }
    let expected = format!(
        "\
provider                  prohibited   4 5
provider                  high 4(a)    {HIGH_PROVIDER}
provider                  high 5(b)    {HIGH_PROVIDER}
provider                  high Annex I 4 9 10 11 12 13 14 15 16 17 18/19 20 43 47 48 50(1)? 72 73
provider                  limited      4 50(1)? 50(2)?
provider                  minimal      4
provider                  unassessed   4
deployer                  prohibited   4 5
deployer                  high 4(a)    4 25(1)? 26 86?
deployer                  high 5(b)    4 25(1)? 26 27 86?
deployer                  high Annex I 4 25(1)? 26
deployer                  limited      4 50(3)? 50(4)?
deployer                  minimal      4
deployer                  unassessed   4
importer                  prohibited   5
importer                  high 4(a)    23 25(1)?
importer                  high 5(b)    23 25(1)?
importer                  high Annex I 23 25(1)?
importer                  limited
importer                  minimal
importer                  unassessed
distributor               prohibited   5
distributor               high 4(a)    24 25(1)?
distributor               high 5(b)    24 25(1)?
distributor               high Annex I 24 25(1)?
distributor               limited
distributor               minimal
distributor               unassessed
authorised_representative prohibited   5
authorised_representative high 4(a)    22
authorised_representative high 5(b)    22
authorised_representative high Annex I 22
authorised_representative limited
authorised_representative minimal
authorised_representative unassessed
product_manufacturer      prohibited   4 5
product_manufacturer      high 4(a)    {HIGH_MANUFACTURER}
product_manufacturer      high 5(b)    {HIGH_MANUFACTURER}
product_manufacturer      high Annex I {HIGH_MANUFACTURER}
product_manufacturer      limited      4 50(1)? 50(2)?
product_manufacturer      minimal      4
product_manufacturer      unassessed   4
none                      prohibited
none                      high 4(a)
none                      high 5(b)
none                      high Annex I
none                      limited
none                      minimal
none                      unassessed"
    );
    assert_eq!(actual.join("\n"), expected);
}

#[test]
fn gpai_use_adds_the_generative_and_model_duties_as_things_to_check() {
    let gpai = |role, risk| duties(&system(role, risk, None, true), Some(false));
    assert_eq!(gpai(EuRole::Provider, EuRisk::Minimal), "4 50(2)? 53? 55?");
    assert_eq!(gpai(EuRole::Deployer, EuRisk::Minimal), "4 25(1)? 50(4)?");
    assert_eq!(
        gpai(EuRole::Deployer, EuRisk::Limited),
        "4 25(1)? 50(3)? 50(4)?"
    );
    assert_eq!(
        gpai(EuRole::AuthorisedRepresentative, EuRisk::Minimal),
        "54?"
    );
    // A deployer of a high-risk system is not told it may repurpose it
    // into one: Art. 25(1) already stands, as rebranding or modifying.
    // With no Annex III point it counts as an Annex III use (and a doubt
    // says so), so Art. 86 is there.
    assert_eq!(
        gpai(EuRole::Deployer, EuRisk::High),
        "4 25(1)? 26 50(4)? 86?"
    );
}

#[test]
fn a_fact_the_workspace_does_not_record_makes_the_duty_conditional_and_says_what_to_record() {
    let hr = system(EuRole::Deployer, EuRisk::High, Some("4(a)"), false);
    assert_eq!(duties(&hr, None), "4 25(1)? 26 27? 86?");
    assert_eq!(duties(&hr, Some(true)), "4 25(1)? 26 27 86?");
    // Critical infrastructure (Annex III point 2) needs no FRIA and gives
    // no right to an explanation, whoever the deployer is.
    let grid = system(EuRole::Deployer, EuRisk::High, Some("2"), false);
    assert_eq!(duties(&grid, Some(true)), "4 25(1)? 26");

    let records = records(&hr, None);
    let catalogs = Catalogs::builtin();
    let found = obligations(DutyRules::builtin(), &catalogs, &records, &hr);
    let fria = found
        .duties
        .iter()
        .find(|d| d.rule.id == "fundamental-rights-impact-assessment")
        .expect("Art. 27 is listed");
    assert_eq!(
        fria.conditions,
        [
            "the organisation is a body governed by public law or a private entity providing public services (`eu_ai_act.public_service` is not recorded in aims.yaml)"
        ]
    );

    let mut unknown = system(EuRole::Provider, EuRisk::Minimal, None, false);
    unknown.gpai = None;
    assert_eq!(duties(&unknown, Some(false)), "4 50(2)? 53? 55?");
    let records = self::records(&unknown, Some(false));
    let found = obligations(DutyRules::builtin(), &catalogs, &records, &unknown);
    assert!(
        found.duties[1].conditions[1].ends_with("(`eu_ai_act.gpai` is not recorded)"),
        "{:?}",
        found.duties[1].conditions
    );
}

#[test]
fn what_keeps_duties_from_being_derived_is_said() {
    let catalogs = Catalogs::builtin();
    let missing = |system: &AiSystem| {
        let records = records(system, Some(false));
        obligations(DutyRules::builtin(), &catalogs, &records, system).missing
    };
    let mut no_role = system(EuRole::Deployer, EuRisk::High, Some("4(a)"), false);
    no_role.eu_role = None;
    assert_eq!(
        missing(&no_role),
        ["no EU AI Act role is recorded (`eu_ai_act.role`), so no duty can be derived"]
    );
    assert_eq!(duties(&no_role, Some(false)), "");
    let unassessed = system(EuRole::Deployer, EuRisk::Unassessed, None, false);
    assert_eq!(
        missing(&unassessed),
        [
            "its risk tier is not assessed (`eu_ai_act.risk`): only the duties of every tier are listed; classify it (Art. 6, Annex III) for the rest"
        ]
    );
}

#[test]
fn an_annex_i_product_has_the_later_dates() {
    let product = system(EuRole::ProductManufacturer, EuRisk::High, None, false);
    let records = records(&product, Some(false));
    let catalogs = Catalogs::builtin();
    let found = obligations(DutyRules::builtin(), &catalogs, &records, &product);
    let dates = |id: &str| {
        let duty = found
            .duties
            .iter()
            .find(|d| d.rule.id == id)
            .unwrap_or_else(|| panic!("{id} is listed"));
        let pending = duty.date.pending.as_ref().map(|p| p.from.to_string());
        (duty.date.from.to_string(), pending)
    };
    assert_eq!(
        dates("risk-management"),
        ("2027-08-02".to_string(), Some("2028-08-02".to_string()))
    );
    assert_eq!(dates("ai-literacy"), ("2025-02-02".to_string(), None));
    assert!(found.doubts.is_empty(), "{:?}", found.doubts);
}

#[test]
fn coverage_shows_how_far_the_soa_has_got_for_this_system() {
    let hr = system(EuRole::Deployer, EuRisk::High, Some("4(a)"), false);
    let mut records = records(&hr, Some(false));
    let entry = |applicable, status, systems: Option<&[&str]>| SoaEntry {
        applicable,
        status,
        systems: systems.map(|ids| ids.iter().map(|s| s.to_string()).collect()),
        ..SoaEntry::default()
    };
    records.soa.insert(
        "A.8.5".into(),
        entry(Some(true), Some(Status::Implemented), None),
    );
    let catalogs = Catalogs::builtin();
    let coverage = |records: &Records, id: &str| {
        let found = obligations(DutyRules::builtin(), &catalogs, records, &hr);
        let duty = found
            .duties
            .iter()
            .find(|d| d.rule.id == id)
            .expect("listed");
        (
            duty.coverage(),
            duty.controls.iter().map(|c| c.state).collect::<Vec<_>>(),
        )
    };
    // Art. 86 rests on A.8.5 alone.
    assert_eq!(
        coverage(&records, "explanation-of-decisions"),
        (
            Coverage::Implemented,
            vec![ControlState::Applies(Some(Status::Implemented))]
        )
    );
    records.soa.insert(
        "A.8.5".into(),
        entry(Some(true), Some(Status::Partial), None),
    );
    assert_eq!(
        coverage(&records, "explanation-of-decisions").0,
        Coverage::InProgress
    );
    records.soa.insert(
        "A.8.5".into(),
        entry(Some(true), Some(Status::Implemented), Some(&["other"])),
    );
    assert_eq!(
        coverage(&records, "explanation-of-decisions"),
        (Coverage::Gap, vec![ControlState::OtherSystems])
    );
    records
        .soa
        .insert("A.8.5".into(), entry(Some(false), None, None));
    assert_eq!(
        coverage(&records, "explanation-of-decisions"),
        (Coverage::Gap, vec![ControlState::Excluded])
    );
    records.soa.remove("A.8.5");
    assert_eq!(
        coverage(&records, "explanation-of-decisions"),
        (Coverage::Gap, vec![ControlState::Undecided])
    );
    // A clause is mandatory: never undecided, only without a status.
    let literacy = coverage(&records, "ai-literacy").1;
    assert_eq!(literacy[1], ControlState::Applies(None));
    // A workspace that uses only Annex A cannot track the clauses.
    let annex_a = Catalogs::new(vec![Catalogs::builtin().catalogs[0].clone()]).0;
    let found = obligations(DutyRules::builtin(), &annex_a, &records, &hr);
    assert_eq!(found.duties[0].controls[1].state, ControlState::NotInUse);
    // A provider's CE marking has no ISO counterpart.
    let provider = system(EuRole::Provider, EuRisk::High, Some("4(a)"), false);
    let records = self::records(&provider, Some(false));
    let found = obligations(DutyRules::builtin(), &catalogs, &records, &provider);
    let ce = found
        .duties
        .iter()
        .find(|d| d.rule.id == "ce-marking")
        .expect("listed");
    assert_eq!(ce.coverage(), Coverage::NoIsoControl);
}

// --- The built-in rules --------------------------------------------------

#[test]
fn every_rule_names_real_articles_and_known_controls_that_the_catalogues_agree_with() {
    use aims::catalog::eu_ai_act::list_item_articles;
    let catalogs = Catalogs::builtin();
    let mut problems = Vec::new();
    for rule in &DutyRules::builtin().rules {
        let mut articles = Vec::new();
        for item in &rule.articles {
            match list_item_articles(item) {
                Some(found) if !found.is_empty() => articles.extend(found),
                _ => problems.push(format!("{}: `{item}` is not an article", rule.id)),
            }
        }
        for id in &rule.iso_controls {
            let Some(control) = catalogs.control(id) else {
                problems.push(format!(
                    "{}: no built-in catalogue has control `{id}`",
                    rule.id
                ));
                continue;
            };
            // The catalogue's own list of the articles a control helps
            // with must name one of the rule's, so the two never disagree.
            let listed: Vec<u32> = control
                .eu_ai_act
                .iter()
                .filter_map(|item| list_item_articles(item))
                .flatten()
                .collect();
            if !articles.iter().any(|a| listed.contains(a)) {
                problems.push(format!(
                    "{}: {id}'s eu_ai_act list ({}) names none of {}",
                    rule.id,
                    control.eu_ai_act.join(", "),
                    rule.articles.join(", ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_date_is_real_and_a_pending_one_later() {
    let rules = DutyRules::builtin();
    for rule in &rules.rules {
        for date in std::iter::once(&rule.applies_from).chain(&rule.annex_i_from) {
            assert!(date.from.to_string().starts_with("202"), "{}", rule.id);
            if let Some(pending) = &date.pending {
                assert!(pending.from > date.from, "{}: {}", rule.id, date.id);
            }
        }
    }
    let from = |id: &str| {
        rules
            .rules
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.applies_from.from.to_string())
    };
    // Art. 113 as published.
    assert_eq!(from("ai-literacy").as_deref(), Some("2025-02-02"));
    assert_eq!(from("prohibited-practice").as_deref(), Some("2025-02-02"));
    assert_eq!(from("gpai-model-provider").as_deref(), Some("2025-08-02"));
    assert_eq!(from("deployer-obligations").as_deref(), Some("2026-08-02"));
    assert_eq!(from("disclose-interaction").as_deref(), Some("2026-08-02"));
}

#[test]
fn every_role_but_none_has_a_duty_somewhere() {
    let rules = DutyRules::builtin();
    for role in EuRole::ALL.iter().filter(|r| **r != EuRole::None) {
        assert!(
            rules.rules.iter().any(|r| r.who.contains(role)),
            "no rule falls on {role}"
        );
    }
}
