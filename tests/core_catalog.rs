//! The built-in catalogues against the reference facts
//! (`iso42001-facts.md`): ids and titles transcribed here by hand, the AI RMF
//! crosswalk, and the text every control must carry; then catalogues a
//! workspace brings under `catalog/`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use aims::catalog::{Catalog, CatalogKind, Catalogs};
use common::{Dir, assert_has, good_system, rendered};

/// Section 1.2: Annex A control ids and exact titles.
const ANNEX_A: &[(&str, &str)] = &[
    ("A.2.2", "AI policy"),
    ("A.2.3", "Alignment with other organizational policies"),
    ("A.2.4", "Review of the AI policy"),
    ("A.3.2", "AI roles and responsibilities"),
    ("A.3.3", "Reporting of concerns"),
    ("A.4.2", "Resource documentation"),
    ("A.4.3", "Data resources"),
    ("A.4.4", "Tooling resources"),
    ("A.4.5", "System and computing resources"),
    ("A.4.6", "Human resources"),
    ("A.5.2", "AI system impact assessment process"),
    ("A.5.3", "Documentation of AI system impact assessments"),
    (
        "A.5.4",
        "Assessing AI system impact on individuals or groups of individuals",
    ),
    ("A.5.5", "Assessing societal impacts of AI systems"),
    (
        "A.6.1.2",
        "Objectives for responsible development of AI system",
    ),
    (
        "A.6.1.3",
        "Processes for responsible AI system design and development",
    ),
    ("A.6.2.2", "AI system requirements and specification"),
    (
        "A.6.2.3",
        "Documentation of AI system design and development",
    ),
    ("A.6.2.4", "AI system verification and validation"),
    ("A.6.2.5", "AI system deployment"),
    ("A.6.2.6", "AI system operation and monitoring"),
    ("A.6.2.7", "AI system technical documentation"),
    ("A.6.2.8", "AI system recording of event logs"),
    ("A.7.2", "Data for development and enhancement of AI system"),
    ("A.7.3", "Acquisition of data"),
    ("A.7.4", "Quality of data for AI systems"),
    ("A.7.5", "Data provenance"),
    ("A.7.6", "Data preparation"),
    ("A.8.2", "System documentation and information for users"),
    ("A.8.3", "External reporting"),
    ("A.8.4", "Communication of incidents"),
    ("A.8.5", "Information for interested parties"),
    ("A.9.2", "Processes for responsible use of AI systems"),
    ("A.9.3", "Objectives for responsible use of AI system"),
    ("A.9.4", "Intended use of the AI system"),
    ("A.10.2", "Allocating responsibilities"),
    ("A.10.3", "Suppliers"),
    ("A.10.4", "Customers"),
];

/// Section 1.1: groups, exact titles and how many controls each holds.
const ANNEX_A_GROUPS: &[(&str, &str, usize)] = &[
    ("A.2", "Policies related to AI", 3),
    ("A.3", "Internal organization", 2),
    ("A.4", "Resources for AI systems", 5),
    ("A.5", "Assessing impacts of AI systems", 4),
    ("A.6", "AI system life cycle", 9),
    ("A.7", "Data for AI systems", 5),
    ("A.8", "Information for interested parties of AI systems", 4),
    ("A.9", "Use of AI systems", 3),
    ("A.10", "Third-party and customer relationships", 3),
];

/// Section 2: the 32 leaf requirements of clauses 4-10, exact titles.
const CLAUSES: &[(&str, &str)] = &[
    ("4.1", "Understanding the organization and its context"),
    (
        "4.2",
        "Understanding the needs and expectations of interested parties",
    ),
    ("4.3", "Determining the scope of the AI management system"),
    ("4.4", "AI management system"),
    ("5.1", "Leadership and commitment"),
    ("5.2", "AI policy"),
    ("5.3", "Roles, responsibilities and authorities"),
    ("6.1.1", "General"),
    ("6.1.2", "AI risk assessment"),
    ("6.1.3", "AI risk treatment"),
    ("6.1.4", "AI system impact assessment"),
    ("6.2", "AI objectives and planning to achieve them"),
    ("6.3", "Planning of changes"),
    ("7.1", "Resources"),
    ("7.2", "Competence"),
    ("7.3", "Awareness"),
    ("7.4", "Communication"),
    ("7.5.1", "General"),
    ("7.5.2", "Creating and updating documented information"),
    ("7.5.3", "Control of documented information"),
    ("8.1", "Operational planning and control"),
    ("8.2", "AI risk assessment"),
    ("8.3", "AI risk treatment"),
    ("8.4", "AI system impact assessment"),
    ("9.1", "Monitoring, measurement, analysis and evaluation"),
    ("9.2.1", "General"),
    ("9.2.2", "Internal audit programme"),
    ("9.3.1", "General"),
    ("9.3.2", "Management review inputs"),
    ("9.3.3", "Management review results"),
    ("10.1", "Continual improvement"),
    ("10.2", "Nonconformity and corrective action"),
];

/// Section 2: the parents of third-level requirements, whose titles the
/// catalogue carries as `parent_title` (so "General" says which one).
const CLAUSE_PARENTS: &[(&str, &str)] = &[
    ("6.1", "Actions to address risks and opportunities"),
    ("7.5", "Documented information"),
    ("9.2", "Internal audit"),
    ("9.3", "Management review"),
];

/// Section 2: the seven top-level clauses.
const CLAUSE_GROUPS: &[(&str, &str)] = &[
    ("4", "Context of the organization"),
    ("5", "Leadership"),
    ("6", "Planning"),
    ("7", "Support"),
    ("8", "Operation"),
    ("9", "Performance evaluation"),
    ("10", "Improvement"),
];

/// Section 4.1b: ISO/IEC 42001 id -> AI RMF subcategories. Ids not listed
/// map to none.
const RMF_BY_CONTROL: &[(&str, &str)] = &[
    ("4.1", "GOVERN 1.1, MAP 1.3, MAP 1.4, MAP 4.1"),
    ("4.3", "MAP 3.3"),
    ("4.4", "GOVERN 1.2, MEASURE 3.1"),
    ("5.1", "GOVERN 2.3, MAP 1.4"),
    ("5.2", "GOVERN 1.2, GOVERN 2.3, MAP 1.3"),
    ("5.3", "GOVERN 2.1"),
    (
        "6.1.1",
        "GOVERN 1.3, MAP 1.5, MEASURE 1.1, MANAGE 1.3, MANAGE 2.3",
    ),
    (
        "6.1.2",
        "GOVERN 1.3, GOVERN 1.4, MAP 5.1, MEASURE 1.1, MEASURE 1.3, MEASURE 2.8, MANAGE 1.2, MANAGE 1.3, MANAGE 2.3",
    ),
    (
        "6.1.3",
        "GOVERN 1.3, GOVERN 1.4, MANAGE 1.2, MANAGE 1.3, MANAGE 2.3",
    ),
    ("6.1.4", "GOVERN 4.2, MAP 1.1, MANAGE 1.2, MANAGE 1.3"),
    ("6.2", "GOVERN 1.1, MAP 1.3"),
    ("7.1", "GOVERN 2.1, MANAGE 2.1, MANAGE 2.2"),
    (
        "7.2",
        "GOVERN 2.1, GOVERN 2.2, GOVERN 3.2, MAP 1.2, MAP 3.4",
    ),
    ("7.3", "GOVERN 2.1, MAP 1.3"),
    ("7.4", "GOVERN 2.1, GOVERN 4.2, MAP 1.3"),
    ("7.5.3", "MAP 1.3"),
    ("8.2", "GOVERN 1.5, MAP 3.2, MEASURE 2.6, MEASURE 3.1"),
    ("8.3", "GOVERN 1.4, GOVERN 1.5, MAP 3.2"),
    ("8.4", "GOVERN 1.5, MAP 3.2, MEASURE 3.1"),
    ("9.1", "GOVERN 2.1, MEASURE 2.4, MEASURE 4.1, MEASURE 4.2"),
    ("9.2.1", "MEASURE 4.2, MANAGE 4.1"),
    ("9.2.2", "MEASURE 1.3"),
    ("9.3.1", "GOVERN 2.3, MEASURE 4.3"),
    ("9.3.2", "GOVERN 2.3, MANAGE 4.3"),
    ("9.3.3", "GOVERN 2.3, MANAGE 1.2, MANAGE 4.2"),
    ("10.1", "MEASURE 3.2, MANAGE 2.2"),
    ("10.2", "MANAGE 2.3"),
    ("A.2.2", "GOVERN 1.1, GOVERN 1.2, MAP 1.4, MAP 4.1"),
    ("A.2.3", "MEASURE 2.7, MEASURE 2.10"),
    ("A.2.4", "GOVERN 1.1"),
    ("A.3.2", "GOVERN 2.1, GOVERN 3.2, MEASURE 2.7"),
    ("A.3.3", "MANAGE 2.2"),
    ("A.4.2", "GOVERN 1.6, MAP 2.1, MEASURE 2.1, MANAGE 2.1"),
    ("A.4.3", "GOVERN 1.6, MAP 2.1"),
    ("A.4.4", "GOVERN 1.6, MAP 2.1, MANAGE 3.2"),
    ("A.4.5", "GOVERN 1.6, MAP 2.1, MEASURE 2.12"),
    (
        "A.4.6",
        "GOVERN 1.6, GOVERN 3.1, GOVERN 3.2, MAP 1.2, MAP 2.1, MAP 3.4",
    ),
    (
        "A.5.2",
        "GOVERN 4.1, MAP 1.1, MAP 1.4, MAP 3.1, MAP 3.2, MAP 3.3, MAP 5.1, MEASURE 1.2, MEASURE 1.3, MEASURE 2.7, MEASURE 2.10",
    ),
    (
        "A.5.3",
        "GOVERN 3.2, GOVERN 5.1, MAP 1.1, MAP 3.1, MAP 3.2, MAP 3.3, MANAGE 1.4",
    ),
    (
        "A.5.4",
        "GOVERN 3.1, GOVERN 4.1, GOVERN 4.2, GOVERN 5.1, GOVERN 5.2, MAP 1.1, MAP 1.6, MAP 3.1, MAP 3.2, MAP 3.3, MEASURE 1.2, MEASURE 1.3, MEASURE 2.8, MEASURE 2.11, MEASURE 4.1, MANAGE 1.4",
    ),
    (
        "A.5.5",
        "GOVERN 4.2, GOVERN 5.2, MAP 1.1, MAP 1.6, MAP 3.1, MAP 3.2, MAP 3.3, MEASURE 1.2, MEASURE 1.3, MEASURE 2.8, MEASURE 2.11, MEASURE 2.12, MEASURE 4.1",
    ),
    (
        "A.6.1.2",
        "GOVERN 1.2, GOVERN 4.1, GOVERN 4.3, MEASURE 2.7, MEASURE 2.8, MANAGE 2.2",
    ),
    (
        "A.6.1.3",
        "GOVERN 1.2, GOVERN 3.2, GOVERN 4.1, GOVERN 4.3, GOVERN 5.2, MAP 2.3, MAP 3.5, MAP 5.2, MANAGE 1.1, MANAGE 2.2, MANAGE 2.4",
    ),
    ("A.6.2.2", "MAP 1.4, MAP 1.6"),
    ("A.6.2.3", "MAP 2.1, MEASURE 2.7"),
    (
        "A.6.2.4",
        "GOVERN 4.3, MAP 2.3, MEASURE 1.2, MEASURE 2.1, MEASURE 2.2, MEASURE 2.5, MEASURE 2.6, MEASURE 2.13, MEASURE 4.1, MANAGE 1.1, MANAGE 2.2, MANAGE 4.2",
    ),
    ("A.6.2.5", "MEASURE 2.5, MEASURE 2.9"),
    (
        "A.6.2.6",
        "GOVERN 1.7, GOVERN 4.3, GOVERN 5.2, MAP 5.2, MEASURE 2.3, MEASURE 2.4, MEASURE 2.6, MEASURE 2.13, MEASURE 3.2, MEASURE 4.3, MANAGE 2.2, MANAGE 3.2, MANAGE 4.1, MANAGE 4.2, MANAGE 4.3",
    ),
    (
        "A.6.2.7",
        "GOVERN 4.3, MAP 2.2, MAP 2.3, MAP 3.5, MAP 4.2, MEASURE 2.1, MEASURE 2.5, MEASURE 2.9, MEASURE 4.3, MANAGE 1.4, MANAGE 2.4",
    ),
    ("A.6.2.8", "MEASURE 2.4, MEASURE 2.6, MEASURE 3.2"),
    (
        "A.7.2",
        "MAP 2.3, MEASURE 2.7, MEASURE 2.8, MEASURE 2.10, MANAGE 2.2",
    ),
    ("A.7.3", "MAP 2.3, MEASURE 2.10"),
    ("A.7.4", "MAP 2.3, MEASURE 2.3"),
    ("A.7.5", "MAP 2.3, MEASURE 2.9"),
    ("A.7.6", "MAP 2.3"),
    (
        "A.8.2",
        "GOVERN 4.3, MAP 2.2, MAP 3.5, MAP 4.2, MEASURE 2.5, MEASURE 2.9, MEASURE 3.3, MEASURE 4.2, MANAGE 1.4, MANAGE 2.4",
    ),
    (
        "A.8.3",
        "GOVERN 4.3, GOVERN 5.1, GOVERN 5.2, MAP 5.2, MEASURE 3.3, MEASURE 4.2, MANAGE 4.1",
    ),
    ("A.8.4", "GOVERN 4.3, MEASURE 2.1, MEASURE 3.3"),
    ("A.8.5", "GOVERN 4.2, GOVERN 4.3, MANAGE 4.3"),
    ("A.9.2", "GOVERN 4.1, MAP 4.1, MANAGE 1.1"),
    (
        "A.9.3",
        "GOVERN 1.2, GOVERN 3.2, GOVERN 4.1, MAP 2.2, MEASURE 2.7, MEASURE 2.8, MANAGE 1.1",
    ),
    ("A.9.4", "MAP 1.4, MAP 4.1, MANAGE 1.1, MANAGE 2.4"),
    ("A.10.2", "GOVERN 6.1, GOVERN 6.2, MANAGE 3.1"),
    (
        "A.10.3",
        "GOVERN 1.2, GOVERN 4.1, GOVERN 6.1, GOVERN 6.2, MAP 4.2, MANAGE 3.1",
    ),
    ("A.10.4", "GOVERN 5.1, GOVERN 5.2, MANAGE 4.1"),
];

/// Section 6: subcategories per AI RMF category, in order.
const RMF_CATEGORIES: &[(&str, &[usize])] = &[
    ("GOVERN", &[7, 3, 2, 3, 2, 2]),
    ("MAP", &[6, 3, 5, 2, 2]),
    ("MEASURE", &[3, 13, 3, 3]),
    ("MANAGE", &[4, 4, 2, 3]),
];

fn rmf_subcategories() -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for (function, counts) in RMF_CATEGORIES {
        for (category, count) in counts.iter().enumerate() {
            for sub in 1..=*count {
                all.insert(format!("{function} {}.{sub}", category + 1));
            }
        }
    }
    all
}

fn catalogue<'a>(catalogs: &'a Catalogs, id: &str) -> &'a Catalog {
    catalogs
        .catalogs
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no catalogue {id}"))
}

#[test]
fn builtin_catalogues_are_annex_a_then_the_clauses() {
    let catalogs = Catalogs::builtin();
    let ids: Vec<&str> = catalogs.catalogs.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["iso42001-annex-a", "iso42001-clauses"]);
    assert_eq!(catalogs.len(), 38 + 32);
    assert_eq!(catalogs.controls().count(), 38 + 32);
}

#[test]
fn annex_a_has_38_controls_in_9_groups_with_the_reference_ids_and_titles() {
    let catalogs = Catalogs::builtin();
    let annex = catalogue(&catalogs, "iso42001-annex-a");
    assert_eq!(annex.kind, CatalogKind::Controls);
    assert_eq!(ANNEX_A.len(), 38, "the transcribed table");
    let groups: Vec<(&str, &str, usize)> = annex
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.title.as_str(), g.controls.len()))
        .collect();
    assert_eq!(groups, ANNEX_A_GROUPS);
    let controls: Vec<(&str, &str)> = annex
        .controls()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(controls, ANNEX_A);
    for control in annex.controls() {
        let group: String = control.id.split('.').take(2).collect::<Vec<_>>().join(".");
        assert_eq!(control.group, group, "{}", control.id);
        assert!(!control.is_requirement());
    }
}

#[test]
fn clauses_have_32_requirements_with_the_reference_ids_and_titles() {
    let catalogs = Catalogs::builtin();
    let clauses = catalogue(&catalogs, "iso42001-clauses");
    assert_eq!(clauses.kind, CatalogKind::Requirements);
    assert_eq!(CLAUSES.len(), 32, "the transcribed table");
    let groups: Vec<(&str, &str)> = clauses
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.title.as_str()))
        .collect();
    assert_eq!(groups, CLAUSE_GROUPS);
    let controls: Vec<(&str, &str)> = clauses
        .controls()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(controls, CLAUSES);
    for control in clauses.controls() {
        assert!(control.is_requirement(), "{}", control.id);
        let top = control.id.split('.').next().expect("an id");
        assert_eq!(control.group, top, "{}", control.id);
        let parent = CLAUSE_PARENTS
            .iter()
            .find(|(p, _)| control.id.starts_with(&format!("{p}.")))
            .map(|(_, title)| *title);
        assert_eq!(control.parent_title.as_deref(), parent, "{}", control.id);
    }
    let general = catalogs.control("9.2.1").expect("9.2.1");
    assert_eq!(general.full_title(), "General (Internal audit)");
}

#[test]
fn every_ai_rmf_reference_is_one_of_the_72_subcategories() {
    let all = rmf_subcategories();
    assert_eq!(all.len(), 72);
    for (function, total) in [
        ("GOVERN ", 19),
        ("MAP ", 18),
        ("MEASURE ", 22),
        ("MANAGE ", 13),
    ] {
        assert_eq!(
            all.iter().filter(|s| s.starts_with(function)).count(),
            total
        );
    }
    for control in Catalogs::builtin().controls() {
        for sub in &control.nist_ai_rmf {
            assert!(
                all.contains(sub),
                "{}: `{sub}` is not an AI RMF subcategory",
                control.id
            );
        }
    }
}

#[test]
fn ai_rmf_lists_equal_the_reverse_crosswalk() {
    assert_eq!(RMF_BY_CONTROL.len(), 65, "the transcribed table");
    let expected: BTreeMap<&str, Vec<&str>> = RMF_BY_CONTROL
        .iter()
        .map(|(id, subs)| (*id, subs.split(", ").collect()))
        .collect();
    let catalogs = Catalogs::builtin();
    for id in expected.keys() {
        assert!(
            catalogs.control(id).is_some(),
            "the crosswalk names {id}, which is not in the catalogue"
        );
    }
    for control in catalogs.controls() {
        let want = expected
            .get(control.id.as_str())
            .cloned()
            .unwrap_or_default();
        assert_eq!(control.nist_ai_rmf, want, "{}", control.id);
    }
}

#[test]
fn every_control_carries_guidance_audit_and_evidence() {
    for control in Catalogs::builtin().controls() {
        assert!(
            !control.guidance.trim().is_empty(),
            "{} has no guidance",
            control.id
        );
        assert!(
            !control.audit.trim().is_empty(),
            "{} has no audit notes",
            control.id
        );
        assert!(
            !control.evidence.is_empty(),
            "{} has no evidence examples",
            control.id
        );
        assert!(
            control.evidence.iter().all(|e| !e.trim().is_empty()),
            "{} has an empty evidence line",
            control.id
        );
        assert!(
            !control.deployer.trim().is_empty(),
            "{} has no deployer notes",
            control.id
        );
        assert!(
            !control.provider.trim().is_empty(),
            "{} has no provider notes",
            control.id
        );
        if !control.is_requirement() {
            assert!(
                !control.exclusion.trim().is_empty(),
                "{} does not say whether excluding it is credible",
                control.id
            );
            assert!(
                !control.example.trim().is_empty(),
                "{} has no example to copy",
                control.id
            );
        }
    }
}

/// Every item of an `eu_ai_act` list is an article (1 to 113) or annex the
/// Act has, and every article an entry's text names is in its list: a
/// reader who follows the text to the list finds it there.
#[test]
fn every_eu_ai_act_article_named_is_real_and_listed() {
    use aims::catalog::eu_ai_act::{articles_named, list_item_articles};
    let mut problems = Vec::new();
    for control in Catalogs::builtin().controls() {
        let mut listed = BTreeSet::new();
        for item in &control.eu_ai_act {
            match list_item_articles(item) {
                Some(articles) => listed.extend(articles),
                None => problems.push(format!(
                    "{}: `{item}` is not an article of the Act",
                    control.id
                )),
            }
        }
        let texts = [
            &control.guidance,
            &control.audit,
            &control.deployer,
            &control.provider,
            &control.exclusion,
            &control.example,
        ];
        let named: BTreeSet<u32> = texts
            .into_iter()
            .chain(&control.evidence)
            .flat_map(|text| articles_named(text))
            .collect();
        for article in named.difference(&listed) {
            problems.push(format!(
                "{}: the text names Art. {article}, which its eu_ai_act list lacks",
                control.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_group_states_its_objective() {
    for (catalog, group) in Catalogs::builtin().groups() {
        assert!(
            !group.objective.trim().is_empty(),
            "{} {}",
            catalog.id,
            group.id
        );
    }
}

#[test]
fn catalog_command_outside_a_workspace_lists_every_builtin_control() {
    let dir = Dir::empty();
    let run = dir.cmd(["catalog", "--format", "json"]).run();
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    let json = run.json();
    let ids: Vec<&str> = json["catalogs"]
        .as_array()
        .expect("a list")
        .iter()
        .flat_map(|c| c["groups"].as_array().expect("groups").iter())
        .flat_map(|g| g["controls"].as_array().expect("controls").iter())
        .map(|c| c["id"].as_str().expect("an id"))
        .collect();
    let expected: Vec<&str> = ANNEX_A.iter().chain(CLAUSES).map(|(id, _)| *id).collect();
    assert_eq!(ids, expected);
}

const LOCAL_CATALOGUE: &str = "\
catalog: house-rules
title: House rules
groups:
  - id: H
    title: Our own rules
    controls:
      - id: H.1
        title: No AI in payroll
        guidance: Payroll stays manual.
";

const WITH_HOUSE_RULES: &str =
    "aims: 1\norganisation: O\ncatalogs: [iso42001-annex-a, iso42001-clauses, house-rules]\n";

#[test]
fn workspace_catalogue_adds_its_controls() {
    let dir = Dir::with_manifest(WITH_HOUSE_RULES);
    dir.write("catalog/house-rules.yaml", LOCAL_CATALOGUE);
    dir.write(
        "soa/H.1.yaml",
        "control: H.1\napplicable: true\njustification: Our rule.\nstatus: implemented\nowner: A\n",
    );
    let ws = dir.load();
    assert!(ws.diagnostics.is_empty(), "{:#?}", rendered(&ws));
    assert_eq!(ws.catalogs.len(), 38 + 32 + 1);
    assert_eq!(
        ws.catalogs.control("H.1").expect("H.1").title,
        "No AI in payroll"
    );
    assert!(ws.records.soa.contains_key("H.1"));
}

#[test]
fn workspace_catalogue_reusing_a_builtin_control_id_is_an_error() {
    let dir = Dir::with_manifest(WITH_HOUSE_RULES);
    dir.write(
        "catalog/house-rules.yaml",
        &format!("{LOCAL_CATALOGUE}      - id: A.2.2\n        title: Our AI policy\n"),
    );
    let ws = dir.load();
    assert_has(
        &rendered(&ws),
        "aims.yaml:3:1: error: control id `A.2.2` is defined by both `iso42001-annex-a` and `house-rules`; give one of them another id",
    );
    // The built-in control wins; the catalogue's other controls are still there.
    assert_eq!(
        ws.catalogs.control("A.2.2").expect("A.2.2").title,
        "AI policy"
    );
    assert!(ws.catalogs.control("H.1").is_some());
}

#[test]
fn malformed_workspace_catalogue_gives_file_line_column_errors() {
    let dir = Dir::with_manifest(
        "aims: 1\norganisation: O\ncatalogs: [iso42001-annex-a, iso42001-clauses, broken, unparsable]\n",
    );
    dir.write(
        "catalog/broken.yaml",
        "catalog: broken\ntitle: Broken\nkind: sometimes\ngroups:\n  - id: Y\n    title: Y group\n    controls:\n      - id: ../y\n        title: Climbs out\n      - title: No id\n",
    );
    dir.write(
        "catalog/unparsable.yaml",
        "catalog: unparsable\ntitle: [oops\n",
    );
    dir.write("inventory/good.yaml", &good_system("good"));
    let ws = dir.load();
    let lines = rendered(&ws);
    assert_has(
        &lines,
        "catalog/broken.yaml:3:7: error: `kind` must be one of `controls` or `requirements`, found `sometimes`",
    );
    assert_has(
        &lines,
        "catalog/broken.yaml:8:9: error: control id `../y` is not valid: use letters, digits, `.`, `-` and `_`, starting with a letter or digit",
    );
    assert_has(
        &lines,
        "catalog/broken.yaml:10:9: error: missing required key `id`",
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("catalog/unparsable.yaml:3:1: error: YAML syntax error:")),
        "{lines:#?}"
    );
    // The built-in catalogues and the records still load.
    assert_eq!(ws.catalogs.len(), 38 + 32);
    assert!(ws.records.systems.contains_key("good"));
}

#[test]
fn unknown_catalogue_in_the_manifest_is_an_error() {
    let dir =
        Dir::with_manifest("aims: 1\norganisation: O\ncatalogs: [iso42001-annex-a, nist-csf]\n");
    let ws = dir.load();
    assert_has(
        &rendered(&ws),
        "aims.yaml:3:1: error: unknown catalogue `nist-csf`: it is not built in (iso42001-annex-a, iso42001-clauses) and there is no catalog/nist-csf.yaml",
    );
    assert_eq!(ws.catalogs.len(), 38);
}

#[test]
fn catalogue_file_not_in_use_is_a_warning() {
    let dir = Dir::new();
    dir.write("catalog/house-rules.yaml", LOCAL_CATALOGUE);
    let ws = dir.load();
    assert_eq!(
        rendered(&ws),
        [
            "catalog/house-rules.yaml:1:1: warning: this catalogue is not in use: add `house-rules` to `catalogs:` in aims.yaml"
        ]
    );
}

/// Regression: a group id was not checked, so escape sequences in it
/// reached the terminal through `aims catalog` and `aims progress`.
#[test]
fn workspace_catalogue_group_ids_are_checked() {
    let dir = Dir::with_manifest(WITH_HOUSE_RULES);
    dir.write(
        "catalog/house-rules.yaml",
        &LOCAL_CATALOGUE.replacen("id: H", "id: \"H\\e]0;pwned\\a\"", 1),
    );
    let ws = dir.load();
    let rendered = rendered(&ws);
    assert!(
        rendered
            .iter()
            .any(|d| d.contains("group id") && d.contains("not valid")),
        "{rendered:#?}"
    );
    // `progress` refuses a workspace with errors; both keep escapes out.
    for (command, code) in [(["catalog"], 0), (["progress"], 1)] {
        let run = dir.cmd(command).run();
        run.expect_code(code);
        for text in [&run.stdout, &run.stderr] {
            assert!(!text.contains('\u{1b}'), "{text}");
            assert!(!text.contains('\u{7}'), "{text}");
        }
    }
}

/// The certification-readiness guide: every clause it cites exists, every
/// article its text names is listed with the item and is real, and it
/// covers what the issue asks of it.
#[test]
fn the_readiness_guide_cites_real_clauses_and_articles_and_covers_the_audits() {
    use aims::catalog::Guide;
    use aims::catalog::eu_ai_act::{articles_named, list_item_articles};
    let guide = Guide::builtin();
    let catalogs = Catalogs::builtin();
    let mut problems = Vec::new();
    for section in &guide.sections {
        for item in &section.items {
            for clause in &item.clauses {
                if catalogs.control(clause).is_none_or(|c| !c.is_requirement()) {
                    problems.push(format!("{}: no clause {clause}", item.name));
                }
            }
            let mut listed = BTreeSet::new();
            for article in &item.articles {
                match list_item_articles(article) {
                    Some(found) => listed.extend(found),
                    None => problems.push(format!("{}: `{article}` is not an article", item.name)),
                }
            }
            for article in articles_named(&item.text) {
                if !listed.contains(&article) {
                    problems.push(format!(
                        "{}: names Art. {article} without listing it",
                        item.name
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let ids: Vec<&str> = guide.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "documented-information",
            "stage-1",
            "stage-2",
            "eu-ai-act",
            "small-firms"
        ]
    );
    // The documented information names the clause that asks for each.
    let documented: BTreeSet<&str> = guide.sections[0]
        .items
        .iter()
        .flat_map(|i| i.clauses.iter().map(String::as_str))
        .collect();
    for clause in [
        "4.3", "5.2", "6.1.2", "6.1.3", "6.1.4", "6.2", "7.2", "8.2", "8.3", "8.4", "9.1", "9.2.2",
        "9.3.3", "10.2",
    ] {
        assert!(
            documented.contains(clause),
            "no documented information for {clause}"
        );
    }
    let all = guide.to_markdown();
    for needed in [
        "internal audit",
        "management review",
        "presumption of conformity",
        "Art. 11",
        "Art. 62",
        "Art. 63",
    ] {
        assert!(all.contains(needed), "the guide does not mention {needed}");
    }
}

/// A suggestion rests on every system not decommissioned, which includes
/// ideas and tools still being bought: no reason may call them "live".
#[test]
fn no_suggestion_calls_the_systems_it_rests_on_live() {
    for control in Catalogs::builtin().controls() {
        for suggestion in &control.suggestions {
            assert!(
                !suggestion.reason.contains("live system"),
                "{}: {}",
                control.id,
                suggestion.reason
            );
        }
    }
}
