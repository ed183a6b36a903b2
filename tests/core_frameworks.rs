//! The framework data shipped in `catalog/`: the NIST AI RMF subcategories
//! have the structure of NIST AI 100-1, every EU AI Act article the
//! catalogues cite has its title and no other is listed, and every control
//! the GDPR view names exists.

use std::collections::BTreeSet;

use aims::catalog::{
    Catalogs, Framework, FrameworkId, Gdpr, eu_ai_act::LAST_ARTICLE, parse_framework,
};

/// NIST AI 100-1's categories and how many subcategories each has.
const NIST_CATEGORIES: [(&str, usize); 19] = [
    ("GOVERN 1", 7),
    ("GOVERN 2", 3),
    ("GOVERN 3", 2),
    ("GOVERN 4", 3),
    ("GOVERN 5", 2),
    ("GOVERN 6", 2),
    ("MAP 1", 6),
    ("MAP 2", 3),
    ("MAP 3", 5),
    ("MAP 4", 2),
    ("MAP 5", 2),
    ("MEASURE 1", 3),
    ("MEASURE 2", 13),
    ("MEASURE 3", 3),
    ("MEASURE 4", 3),
    ("MANAGE 1", 4),
    ("MANAGE 2", 4),
    ("MANAGE 3", 2),
    ("MANAGE 4", 3),
];

/// The items of a framework the built-in catalogues cite.
fn cited(framework: FrameworkId) -> BTreeSet<String> {
    Catalogs::builtin()
        .controls()
        .flat_map(|c| framework.items_cited_by(c))
        .collect()
}

#[test]
fn the_nist_ai_rmf_has_its_72_subcategories_in_19_categories() {
    let nist = Framework::builtin(FrameworkId::NistAiRmf);
    let structure: Vec<(&str, usize)> = nist
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.items.len()))
        .collect();
    assert_eq!(structure, NIST_CATEGORIES);
    for group in &nist.groups {
        let ids: Vec<&str> = group.items.iter().map(|i| i.id.as_str()).collect();
        let expected: Vec<String> = (1..=group.items.len())
            .map(|n| format!("{}.{n}", group.id))
            .collect();
        assert_eq!(ids, expected, "{}", group.id);
        assert!(!group.title.trim().is_empty());
    }
    assert_eq!(nist.items().count(), 72);
    let by_function = |function: &str| {
        nist.items()
            .filter(|i| i.id.starts_with(&format!("{function} ")))
            .count()
    };
    assert_eq!(
        ["GOVERN", "MAP", "MEASURE", "MANAGE"].map(by_function),
        [19, 18, 22, 13]
    );
    assert!(nist.items().all(|i| !i.title.trim().is_empty()));
}

#[test]
fn every_subcategory_is_cited_and_every_citation_is_a_subcategory() {
    let nist = Framework::builtin(FrameworkId::NistAiRmf);
    let listed: BTreeSet<String> = nist.items().map(|i| i.id.clone()).collect();
    // NIST's crosswalk maps all 72 subcategories to ISO/IEC 42001.
    assert_eq!(cited(FrameworkId::NistAiRmf), listed);
}

#[test]
fn every_cited_article_has_its_title_and_only_cited_articles_are_listed() {
    let eu = Framework::builtin(FrameworkId::EuAiAct);
    let listed: BTreeSet<String> = eu.items().map(|i| i.id.clone()).collect();
    assert_eq!(cited(FrameworkId::EuAiAct), listed);
    for item in eu.items() {
        let number: u32 = item
            .id
            .strip_prefix("Art. ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("`{}` is not `Art. N`", item.id));
        assert!((1..=LAST_ARTICLE).contains(&number), "{}", item.id);
        assert!(!item.title.trim().is_empty(), "{}", item.id);
    }
    let title = |id: &str| {
        eu.items()
            .find(|i| i.id == id)
            .map(|i| i.title.as_str())
            .unwrap_or_else(|| panic!("{id} is listed"))
    };
    // Titles as the Regulation gives them.
    assert_eq!(title("Art. 4"), "AI literacy");
    assert_eq!(title("Art. 9"), "Risk management system");
    assert_eq!(
        title("Art. 26"),
        "Obligations of deployers of high-risk AI systems"
    );
    assert_eq!(
        title("Art. 27"),
        "Fundamental rights impact assessment for high-risk AI systems"
    );
    assert_eq!(title("Art. 73"), "Reporting of serious incidents");
}

#[test]
fn every_control_the_gdpr_view_names_exists_and_it_says_it_is_no_legal_advice() {
    let gdpr = Gdpr::builtin();
    let catalogs = Catalogs::builtin();
    let ids: Vec<&str> = gdpr.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["Art. 35", "Art. 22"]);
    for article in &gdpr.articles {
        assert!(!article.controls.is_empty(), "{}", article.id);
        for control in &article.controls {
            assert!(
                catalogs.control(control).is_some(),
                "{} names {control}, which no built-in catalogue has",
                article.id
            );
        }
    }
    assert!(gdpr.note.contains("not legal advice"));
}

#[test]
fn a_broken_framework_file_is_refused_with_every_problem() {
    let findings = parse_framework(
        "title: X\ngroups:\n  - id: G\n    title: G\n    items:\n      - id: A\n        title: a\n      - id: A\n        title: again\n",
    )
    .expect_err("no framework id, and an item twice");
    let messages: Vec<&str> = findings.0.iter().map(|f| f.message.as_str()).collect();
    assert!(
        messages.contains(&"missing required key `framework`"),
        "{messages:?}"
    );
    assert!(messages.contains(&"item `A` appears twice"), "{messages:?}");
    let findings = parse_framework("framework: iso-9001\ntitle: X\ngroups: []\n")
        .expect_err("an unknown framework and no items");
    assert!(
        findings.0.iter().any(|f| f.message.contains("nist-ai-rmf")),
        "{:?}",
        findings.0
    );
}
