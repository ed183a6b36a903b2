//! The GDPR (and UK GDPR) articles aims relates to the inventory, each with
//! the ISO/IEC 42001 controls that support it, shipped as data in
//! `catalog/gdpr.yaml` so that the choice of controls can be corrected
//! without a change of code. Indicative, not legal advice.

use std::sync::OnceLock;

use super::data_file::read_data_file;
use crate::yaml::{Findings, MapReader, Node};

#[derive(Clone, Debug, PartialEq)]
pub struct Gdpr {
    pub title: String,
    pub source: String,
    /// How far to trust the view: indicative, not legal advice.
    pub note: String,
    pub articles: Vec<GdprArticle>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GdprArticle {
    pub id: String,
    pub title: String,
    /// What the article asks, in our words, and why these controls help.
    pub text: String,
    /// The ISO controls that support it, by id.
    pub controls: Vec<String>,
}

impl Gdpr {
    /// The articles as shipped in `catalog/`.
    pub fn builtin() -> &'static Gdpr {
        static GDPR: OnceLock<Gdpr> = OnceLock::new();
        GDPR.get_or_init(|| {
            parse_gdpr(include_str!("../../catalog/gdpr.yaml"))
                .expect("the built-in GDPR articles are checked by tests")
        })
    }
}

/// Reads the GDPR file; every problem is returned with its position.
pub fn parse_gdpr(text: &str) -> Result<Gdpr, Findings> {
    read_data_file(text, "the GDPR file is empty", |node, findings| {
        let mut map = MapReader::new(node, "the GDPR articles", findings)?;
        let title = map.required_text("title");
        let source = map.text("source").unwrap_or_default();
        let note = map.text("note").unwrap_or_default();
        let articles = map.list("articles", read_article).unwrap_or_default();
        map.finish(&["title", "source", "note", "articles"]);
        Some(Gdpr {
            title: title?,
            source,
            note,
            articles,
        })
    })
}

fn read_article(node: Node, findings: &mut Findings) -> Option<GdprArticle> {
    let mut map = MapReader::new(node, "an article", findings)?;
    let id = map.required_text("id");
    let title = map.required_text("title");
    let text = map.text("text").unwrap_or_default();
    let controls = map.text_list("controls");
    map.finish(&["id", "title", "text", "controls"]);
    Some(GdprArticle {
        id: id?,
        title: title?,
        text: text.trim_end().to_string(),
        controls,
    })
}
