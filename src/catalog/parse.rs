//! Reading a catalogue file into a checked [`Catalog`].

use std::collections::HashSet;

use crate::yaml::{Choice, Findings, MapReader, Node, Value, read_choice, scalar_text};

use super::data_file::read_data_file;
use super::{Catalog, is_valid_control_id};
use super::{
    CatalogKind, Condition, Control, Group, Quantifier, SuggestedDecision, Suggestion, SystemField,
};

/// Reads catalogue `text`; `origin` names it in messages. Every problem is
/// returned, each with its position.
pub fn parse_catalog(text: &str, origin: &str) -> Result<Catalog, Findings> {
    read_data_file(
        text,
        &format!("{origin}: the catalogue file is empty"),
        read_catalog,
    )
}

fn read_catalog(node: Node, findings: &mut Findings) -> Option<Catalog> {
    let mut map = MapReader::new(node, "a catalogue", findings)?;
    let id_pos = map.key_pos("catalog").unwrap_or(map.pos);
    let id = map.required_text("catalog");
    let title = map.required_text("title");
    let kind = map
        .choice::<CatalogKind>("kind")
        .unwrap_or(CatalogKind::Controls);
    let source = map.text("source").unwrap_or_default();
    let note = map.text("eu_ai_act_note").unwrap_or_default();
    let groups_pos = map.key_pos("groups").unwrap_or(map.pos);
    let catalog_id = id.clone().unwrap_or_default();
    let groups = map
        .list("groups", |node, findings| {
            read_group(node, &catalog_id, kind, findings)
        })
        .unwrap_or_default();
    map.finish(&[
        "catalog",
        "title",
        "kind",
        "source",
        "eu_ai_act_note",
        "groups",
    ]);
    if let Some(id) = &id
        && !crate::model::is_valid_slug(id)
    {
        findings.error(
            id_pos,
            format!("catalogue id `{id}` must be lower-case letters, digits and dashes"),
        );
    }
    if groups.is_empty() {
        findings.error(
            groups_pos,
            "a catalogue needs at least one group of controls",
        );
    }
    let mut seen = HashSet::new();
    for control in groups.iter().flat_map(|g| &g.controls) {
        if !seen.insert(control.id.as_str()) {
            findings.error(
                groups_pos,
                format!(
                    "control id `{}` appears twice in this catalogue",
                    control.id
                ),
            );
        }
    }
    Some(Catalog {
        id: id?,
        title: title?,
        kind,
        source,
        note,
        groups,
    })
}

fn read_group(
    node: Node,
    catalog: &str,
    kind: CatalogKind,
    findings: &mut Findings,
) -> Option<Group> {
    let mut map = MapReader::new(node, "a group", findings)?;
    let pos = map.key_pos("id").unwrap_or(map.pos);
    let id = map.required_text("id");
    let title = map.required_text("title");
    let objective = map.text("objective").unwrap_or_default();
    let subgroups = map
        .list("subgroups", |node, findings| {
            let mut sub = MapReader::new(node, "a subgroup", findings)?;
            let pair = (sub.required_text("id")?, sub.required_text("title")?);
            sub.finish(&["id", "title"]);
            Some(pair)
        })
        .unwrap_or_default();
    let group_id = id.clone().unwrap_or_default();
    let controls = map
        .list("controls", |node, findings| {
            read_control(node, catalog, &group_id, kind, findings)
        })
        .unwrap_or_default();
    map.finish(&["id", "title", "objective", "subgroups", "controls"]);
    if let Some(id) = &id
        && !is_valid_control_id(id)
    {
        findings.error(
            pos,
            format!("group id `{id}` is not valid: use letters, digits, `.`, `-` and `_`"),
        );
        return None;
    }
    Some(Group {
        id: id?,
        title: title?,
        objective: objective.trim_end().to_string(),
        subgroups,
        controls,
    })
}

const CONTROL_KEYS: &[&str] = &[
    "id",
    "title",
    "subgroup",
    "parent",
    "parent_title",
    "guidance",
    "audit",
    "deployer",
    "provider",
    "exclusion",
    "example",
    "evidence",
    "nist_ai_rmf",
    "eu_ai_act",
    "suggestions",
];

fn read_control(
    node: Node,
    catalog: &str,
    group: &str,
    kind: CatalogKind,
    findings: &mut Findings,
) -> Option<Control> {
    let mut map = MapReader::new(node, "a control", findings)?;
    let id_pos = map.key_pos("id").unwrap_or(map.pos);
    let id = map.required_text("id");
    let title = map.required_text("title");
    let subgroup = map.text("subgroup");
    map.text("parent");
    let parent_title = map.text("parent_title");
    let text = |map: &mut MapReader, key| {
        map.text(key)
            .map(|t: String| t.trim_end().to_string())
            .unwrap_or_default()
    };
    let guidance = text(&mut map, "guidance");
    let audit = text(&mut map, "audit");
    let deployer = text(&mut map, "deployer");
    let provider = text(&mut map, "provider");
    let exclusion = text(&mut map, "exclusion");
    let example = text(&mut map, "example");
    let evidence = map.text_list("evidence");
    let nist_ai_rmf = map.text_list("nist_ai_rmf");
    let eu_ai_act = map.text_list("eu_ai_act");
    let suggestions = map.list("suggestions", read_suggestion).unwrap_or_default();
    map.finish(CONTROL_KEYS);
    let id = id?;
    if !is_valid_control_id(&id) {
        findings.error(
            id_pos,
            format!(
                "control id `{id}` is not valid: use letters, digits, `.`, `-` and `_`, starting with a letter or digit"
            ),
        );
        return None;
    }
    Some(Control {
        id,
        title: title?,
        kind,
        catalog: catalog.to_string(),
        group: group.to_string(),
        subgroup,
        parent_title,
        guidance,
        audit,
        deployer,
        provider,
        exclusion,
        example,
        evidence,
        nist_ai_rmf,
        eu_ai_act,
        suggestions,
    })
}

fn read_suggestion(node: Node, findings: &mut Findings) -> Option<Suggestion> {
    let mut map = MapReader::new(node, "a suggestion", findings)?;
    let pos = map.pos;
    let when = map
        .take("when")
        .and_then(|node| read_condition(node, map.findings));
    let suggest = map.choice::<SuggestedDecision>("suggest");
    let reason = map.required_text("reason");
    map.finish(&["when", "suggest", "reason"]);
    if when.is_none() && !findings.has_errors() {
        findings.error(pos, "a suggestion needs `when:` with `any:` or `none:`");
    }
    Some(Suggestion {
        when: when?,
        suggest: suggest?,
        reason: reason?.trim_end().to_string(),
    })
}

fn read_condition(node: Node, findings: &mut Findings) -> Option<Condition> {
    let pos = node.pos;
    let mut map = MapReader::new(node, "a condition (`any:` or `none:`)", findings)?;
    let (quantifier, body) = match (map.take("any"), map.take("none")) {
        (Some(body), None) => (Quantifier::Any, body),
        (None, Some(body)) => (Quantifier::None, body),
        _ => {
            map.findings
                .error(pos, "a condition takes exactly one of `any:` or `none:`");
            return None;
        }
    };
    map.finish(&["any", "none"]);
    let Value::Map(entries) = body.value else {
        findings.error(
            body.pos,
            "`any:`/`none:` takes a mapping of field: [values]",
        );
        return None;
    };
    let mut fields = Vec::new();
    for (key, value) in entries {
        let key_node = Node {
            value: Value::Scalar {
                text: key.text.clone(),
                kind: crate::yaml::ScalarKind::Plain,
            },
            pos: key.pos,
        };
        let field = read_choice::<SystemField>(key_node, "field", findings)?;
        let items = match value.value {
            Value::Seq(items) => items,
            _ => vec![value],
        };
        let mut words = Vec::new();
        for item in items {
            let item_pos = item.pos;
            let word = scalar_text(item, key.text.as_str(), findings)?;
            if !field_allows(field, &word) {
                findings.error(
                    item_pos,
                    format!("`{word}` is not a value of `{}`", field.as_str()),
                );
                return None;
            }
            words.push(word);
        }
        fields.push((field, words));
    }
    Some(Condition { quantifier, fields })
}

fn field_allows(field: SystemField, word: &str) -> bool {
    use crate::model::{AffectedGroup, EuRisk, EuRole, Sourcing};
    match field {
        SystemField::Sourcing => Sourcing::from_word(word).is_some(),
        SystemField::Risk => EuRisk::from_word(word).is_some(),
        SystemField::Role => EuRole::from_word(word).is_some(),
        SystemField::PersonalData | SystemField::Gpai => matches!(word, "true" | "false"),
        SystemField::Affected => AffectedGroup::from_word(word).is_some(),
    }
}
