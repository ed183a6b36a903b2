//! The Markdown report: the Statement of Applicability, inventory and risk
//! register as one document an auditor or procurement team can read as
//! plain text or rendered (GitHub-flavoured tables).
//!
//! Every piece of text from the files has the characters Markdown would act
//! on escaped, so a justification can neither break a table nor smuggle in
//! HTML or links; otherwise it is as typed, right-to-left marks and joiners
//! included.

use rayon::prelude::*;

use super::control::DocumentControl;
use super::document::{Block, Report, RowKind, Table, build};
use crate::catalog::Catalogs;
use crate::model::Records;
use crate::text::{controls_visible, is_bidi_control};

pub fn export_markdown(
    control: &DocumentControl,
    catalogs: &Catalogs,
    records: &Records,
) -> String {
    let report = build(control, catalogs, records);
    let text = render(&report);
    super::free_in_background(report);
    text
}

pub(super) fn render(report: &Report) -> String {
    let mut out = format!("# {}\n", inline(&report.title));
    if !report.draft.is_empty() {
        out.push_str("\n> **DRAFT**, because:\n");
        for reason in &report.draft {
            out.push_str(&format!(">\n> - {}\n", inline(reason)));
        }
    }
    for section in &report.sections {
        out.push_str(&format!("\n## {}\n", inline(&section.heading)));
        // A chart's figures are in the table after it, as text. Blocks are
        // rendered on every thread: a large inventory has thousands.
        let blocks: Vec<String> = section
            .blocks
            .par_iter()
            .filter(|b| !matches!(b, Block::Chart(_)))
            .map(render_block)
            .collect();
        super::append_all(&mut out, blocks);
    }
    out
}

fn render_block(block: &Block) -> String {
    match block {
        Block::Paragraph(text) => format!("\n{}\n", paragraph(text)),
        Block::Note(text) => format!("\n*{}*\n", inline(text)),
        Block::Subheading(text) => format!("\n### {}\n", inline(text)),
        Block::Table(table) => format!("\n{}", render_table(table)),
        Block::Chart(_) => String::new(),
    }
}

fn render_table(table: &Table) -> String {
    // Made at its full size, each cell escaped straight into it: a large
    // inventory's tables are tens of megabytes of text.
    let cells = table.rows.iter().flat_map(|row| &row.cells);
    let mut out = String::with_capacity(cells.map(|cell| cell.len() + 8).sum::<usize>() + 512);
    out.push_str(&format!("| {} |\n", table.header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(table.header.len())));
    for row in &table.rows {
        out.push_str("| ");
        for (i, cell) in row.cells.iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            let bold = row.kind == RowKind::Total && i == 0 && !cell.is_empty();
            if bold {
                out.push_str("**");
            }
            push_inline(&mut out, cell);
            if bold {
                out.push_str("**");
            }
        }
        out.push_str(" |\n");
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

/// Text for one line or table cell: the characters with a meaning in
/// Markdown (and `|`, which ends a cell) escaped with a backslash, and line
/// breaks as `<br>`, the one way a table cell can hold them. `&` stays as
/// it is: an entity can only ever spell text, and "Harrow \\& Vale" would
/// read badly as plain text. As in HTML, bidirectional controls are written
/// as character references (rendered, the same character; as source, they
/// cannot reorder the row) and control characters are shown as `^[`: a
/// Markdown file is read as plain text as often as rendered, and a carriage
/// return would end a table row.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_inline(&mut out, text);
    out
}

/// Appends `text` to `out` as [`inline`] writes it, copying the text
/// between escapes a run at a time.
fn push_inline(out: &mut String, text: &str) {
    let text = controls_visible(text);
    let mut copied = 0;
    for (at, c) in text.char_indices() {
        let escaped = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|');
        let bidi = !c.is_ascii() && is_bidi_control(c);
        if !escaped && !bidi && c != '\n' {
            continue;
        }
        out.push_str(&text[copied..at]);
        copied = at + c.len_utf8();
        if escaped {
            out.push('\\');
            out.push(c);
        } else if bidi {
            out.push_str(&super::html::reference(c));
        } else {
            out.push_str("<br>");
        }
    }
    out.push_str(&text[copied..]);
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
    fn legitimate_unicode_is_kept_as_typed() {
        let name = "\u{200f}\u{645}\u{631}\u{62d}\u{628}\u{627} \u{1f469}\u{200d}\u{1f4bb} Ops";
        assert_eq!(inline(name), name);
        assert_eq!(inline("a\u{202e}b\rc"), "a&#x202E;b^Mc");
    }

    #[test]
    fn paragraphs_do_not_turn_into_headings_or_lists() {
        assert_eq!(paragraph("# not a heading"), "\\# not a heading");
        assert_eq!(paragraph("- not a list"), "\\- not a list");
        assert_eq!(paragraph("12. not a list"), "12\\. not a list");
        assert_eq!(paragraph("Plain words."), "Plain words.");
    }
}
