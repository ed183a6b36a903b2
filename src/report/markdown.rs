//! The Markdown report: the Statement of Applicability, inventory and risk
//! register as one document an auditor or procurement team can read as
//! plain text or rendered (GitHub-flavoured tables).
//!
//! Every piece of text from the files has its control characters made
//! visible and the characters Markdown would act on escaped, so a
//! justification can neither break a table nor smuggle in HTML or links.

use chrono::NaiveDate;

use super::document::{Block, Report, RowKind, Table, build};
use crate::catalog::Catalogs;
use crate::model::Records;
use crate::text::visible;

pub fn export_markdown(catalogs: &Catalogs, records: &Records, today: NaiveDate) -> String {
    render(&build(catalogs, records, today))
}

fn render(report: &Report) -> String {
    let mut out = format!(
        "# {}\n\n{}\n",
        inline(&report.title),
        inline(&report.generated)
    );
    for section in &report.sections {
        out.push_str(&format!("\n## {}\n", inline(&section.heading)));
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Paragraph(text) => out.push_str(&format!("{}\n", paragraph(text))),
                Block::Note(text) => out.push_str(&format!("*{}*\n", inline(text))),
                Block::Subheading(text) => out.push_str(&format!("### {}\n", inline(text))),
                Block::Table(table) => out.push_str(&render_table(table)),
            }
        }
    }
    out
}

fn render_table(table: &Table) -> String {
    let mut out = format!("| {} |\n", table.header.join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(table.header.len())));
    for row in &table.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let text = inline(text);
                if row.kind == RowKind::Total && i == 0 && !text.is_empty() {
                    format!("**{text}**")
                } else {
                    text
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// A paragraph of running text: inline escaping, plus a backslash before
/// anything at its start that Markdown would read as a heading, list or
/// rule.
fn paragraph(text: &str) -> String {
    let text = inline(text);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(text[digits..].chars().next(), Some('.' | ')'));
    if text.starts_with(['#', '-', '+', '=']) {
        format!("\\{text}")
    } else if numbered {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else {
        text
    }
}

/// Text for one line or table cell: control characters made visible, the
/// characters with a meaning in Markdown (and `|`, which ends a cell)
/// escaped with a backslash, and line breaks as `<br>`, the one way a
/// table cell can hold them. `&` stays as it is: an entity can only ever
/// spell text, and "Harrow \\& Vale" would read badly as plain text.
fn inline(text: &str) -> String {
    let text = visible(text, true);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table_or_carry_html() {
        assert_eq!(
            inline("a | b\n<script>\u{1b}[31m"),
            "a \\| b<br>\\<script\\>^\\[\\[31m"
        );
    }

    #[test]
    fn paragraphs_do_not_turn_into_headings_or_lists() {
        assert_eq!(paragraph("# not a heading"), "\\# not a heading");
        assert_eq!(paragraph("- not a list"), "\\- not a list");
        assert_eq!(paragraph("12. not a list"), "12\\. not a list");
        assert_eq!(paragraph("Plain words."), "Plain words.");
    }
}
