//! `aims catalog`: the controls of the catalogues in use.

use std::path::Path;

use serde_json::json;

use super::args::CatalogFormat;
use super::{EXIT_OK, Failure, Output, open_workspace};
use crate::catalog::{Catalogs, Guide};
use crate::text::visible;
use crate::yaml::Choice;

pub fn run(dir: Option<&Path>, format: CatalogFormat, out: &mut Output) -> Result<u8, Failure> {
    // Outside a workspace the built-in catalogues are the ones "in use".
    let catalogs = match (dir, crate::workspace::discover(None)) {
        (None, Err(_)) if std::env::var_os("AIMS_WORKSPACE").is_none() => Catalogs::builtin(),
        _ => {
            let workspace = open_workspace(dir)?;
            for d in workspace
                .diagnostics
                .iter()
                .filter(|d| d.path.starts_with("catalog") || d.path == "aims.yaml")
            {
                out.diagnostic(d);
            }
            workspace.catalogs
        }
    };
    match format {
        CatalogFormat::Table => out.data(&table(&catalogs)),
        CatalogFormat::Json => out.json(&as_json(&catalogs)),
    }
    Ok(EXIT_OK)
}

/// The certification-readiness guide, the same in or out of a workspace.
pub fn readiness(format: CatalogFormat, out: &mut Output) -> Result<u8, Failure> {
    let guide = Guide::builtin();
    match format {
        CatalogFormat::Table => out.document(&guide.to_markdown()),
        CatalogFormat::Json => out.json(&json!({
            "title": guide.title,
            "summary": guide.summary,
            "sections": guide.sections.iter().map(|s| json!({
                "id": s.id,
                "title": s.title,
                "text": s.text,
                "items": s.items.iter().map(|i| json!({
                    "name": i.name,
                    "clauses": i.clauses,
                    "articles": i.articles,
                    "text": i.text,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })),
    }
    Ok(EXIT_OK)
}

fn table(catalogs: &Catalogs) -> String {
    let mut text = String::new();
    for catalog in &catalogs.catalogs {
        text.push_str(&format!(
            "{} ({}, {})\n",
            visible(&catalog.title, false),
            catalog.id,
            catalog.kind.as_str()
        ));
        for group in &catalog.groups {
            text.push_str(&format!(
                "  {:<8} {}\n",
                visible(&group.id, false),
                visible(&group.title, false)
            ));
            for control in &group.controls {
                text.push_str(&format!(
                    "    {:<10} {}\n",
                    visible(&control.id, false),
                    visible(&control.full_title(), false)
                ));
            }
        }
        text.push('\n');
    }
    text
}

fn as_json(catalogs: &Catalogs) -> serde_json::Value {
    let list: Vec<_> = catalogs
        .catalogs
        .iter()
        .map(|catalog| {
            json!({
                "id": catalog.id,
                "title": catalog.title,
                "kind": catalog.kind.as_str(),
                "source": catalog.source,
                "eu_ai_act_note": catalog.note,
                "groups": catalog.groups.iter().map(|g| json!({
                    "id": g.id,
                    "title": g.title,
                    "objective": g.objective,
                    "controls": g.controls.iter().map(|c| json!({
                        "id": c.id,
                        "title": c.title,
                        "subgroup": c.subgroup,
                        "parent_title": c.parent_title,
                        "guidance": c.guidance,
                        "audit": c.audit,
                        "deployer": c.deployer,
                        "provider": c.provider,
                        "exclusion": c.exclusion,
                        "example": c.example,
                        "evidence": c.evidence,
                        "nist_ai_rmf": c.nist_ai_rmf,
                        "eu_ai_act": c.eu_ai_act,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "catalogs": list })
}
