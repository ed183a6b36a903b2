//! The HTML report: the same content as the Markdown one on a single
//! standalone page (inline CSS, no scripts, nothing fetched from elsewhere),
//! to open in a browser, attach to an email or print.
//!
//! Written by hand rather than with a templating crate because the page is
//! a handful of fixed elements; what makes it safe is that every piece of
//! text goes through [`text`], which escapes `& < > " '`.

use rayon::prelude::*;

use super::control::DocumentControl;
use super::document::{Bar, Block, Report, RowKind, Table, build};
use crate::catalog::Catalogs;
use crate::model::Records;

pub fn export_html(control: &DocumentControl, catalogs: &Catalogs, records: &Records) -> String {
    let report = build(control, catalogs, records);
    let text = render(&report);
    super::free_in_background(report);
    text
}

/// Screen and print styles. Printed, table rows never split across pages,
/// headers repeat on each page and a heading stays with what follows it.
const STYLE: &str = "\
body { font: 15px/1.45 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 80rem; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 2px solid #444; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.6rem; }
div.draft { border: 3px solid #b00; padding: 0.3rem 0.8rem; margin: 0.8rem 0; }
div.watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 7rem; font-weight: bold; color: rgba(176, 0, 0, 0.12); transform: rotate(-20deg); pointer-events: none; z-index: 1; }
svg.chart text { font-size: 11px; fill: #1a1a1a; }
p.note { font-style: italic; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
tr.total td { font-weight: bold; background: #f6f6f6; }
tr.attention td { background: #fff4e0; }
td.id { white-space: nowrap; }
@page { size: landscape; margin: 12mm; }
@media print {
  body { font-size: 10pt; margin: 0; max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  th, tr.total td, tr.attention td, div.watermark, svg.chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

fn render(report: &Report) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", text(&report.title)));
    out.push_str(&format!("<style>\n{STYLE}</style>\n</head>\n<body>\n"));
    if !report.draft.is_empty() {
        // Fixed, so that a printed draft says so on every page.
        out.push_str("<div class=\"watermark\" aria-hidden=\"true\">DRAFT</div>\n");
    }
    out.push_str(&format!("<h1>{}</h1>\n", text(&report.title)));
    if !report.draft.is_empty() {
        out.push_str("<div class=\"draft\"><p><strong>DRAFT</strong>, because:</p>\n<ul>\n");
        for reason in &report.draft {
            out.push_str(&format!("<li>{}</li>\n", text(reason)));
        }
        out.push_str("</ul>\n</div>\n");
    }
    for section in &report.sections {
        out.push_str(&format!("<section>\n<h2>{}</h2>\n", text(&section.heading)));
        // On every thread: a large inventory has thousands of blocks.
        let blocks: Vec<String> = section.blocks.par_iter().map(render_block).collect();
        super::append_all(&mut out, blocks);
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn render_block(block: &Block) -> String {
    match block {
        Block::Paragraph(t) => format!("<p>{}</p>\n", text(t)),
        Block::Note(t) => format!("<p class=\"note\">{}</p>\n", text(t)),
        Block::Subheading(t) => format!("<h3>{}</h3>\n", text(t)),
        Block::Table(table) => render_table(table),
        Block::Chart(bars) => chart(bars),
    }
}

/// Decided and implemented shares as inline SVG bars: two per row, labels
/// beside them, percentages at their ends.
fn chart(bars: &[Bar]) -> String {
    const ROW: usize = 30;
    const LABEL: usize = 330;
    const WIDTH: usize = 300;
    let height = bars.len() * ROW + 10;
    let mut out = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"Decided and implemented, per group\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        LABEL + WIDTH + 60,
        LABEL + WIDTH + 60
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW + 5;
        out.push_str(&format!(
            "<text x=\"0\" y=\"{}\">{}</text>\n",
            y + 16,
            text(&bar.label)
        ));
        for (j, (share, colour)) in [(bar.decided, "#7a9cc6"), (bar.implemented, "#4c8c4a")]
            .into_iter()
            .enumerate()
        {
            let width = share.map_or(0.0, |p| p / 100.0 * WIDTH as f64);
            let top = y + j * 12;
            out.push_str(&format!(
                "<rect x=\"{LABEL}\" y=\"{top}\" width=\"{WIDTH}\" height=\"10\" fill=\"#eee\"/><rect x=\"{LABEL}\" y=\"{top}\" width=\"{width:.0}\" height=\"10\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
                LABEL + WIDTH + 6,
                top + 9,
                share.map_or("—".to_string(), |p| format!("{p:.0}%"))
            ));
        }
    }
    out.push_str("</svg>\n<p class=\"note\">Upper bar: decided; lower bar: implemented (of applicable).</p>\n");
    out
}

fn render_table(table: &Table) -> String {
    // Made at its full size, each cell escaped straight into it: a large
    // inventory's tables are tens of megabytes of text.
    let cells = table.rows.iter().flat_map(|row| &row.cells);
    let mut out = String::with_capacity(cells.map(|cell| cell.len() + 20).sum::<usize>() + 512);
    out.push_str("<table>\n<thead><tr>");
    for heading in &table.header {
        out.push_str("<th>");
        push_text(&mut out, heading);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str(match row.kind {
            RowKind::Plain => "<tr>",
            RowKind::Total => "<tr class=\"total\">",
            RowKind::Attention => "<tr class=\"attention\">",
        });
        for (i, cell) in row.cells.iter().enumerate() {
            // The first column is an id or a short label; keep it whole.
            out.push_str(if i == 0 { "<td class=\"id\">" } else { "<td>" });
            push_text(&mut out, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Text from the files as HTML, every character as typed (right-to-left
/// marks, joiners, any script) except: the five characters with a meaning
/// in HTML escaped; line breaks as `<br>`; bidirectional controls as
/// character references, which the browser shows as the very character
/// while the page's source cannot be reordered by them; and control
/// characters shown as `^[`, because HTML cannot carry them at all (raw
/// they are parse errors, and a reference to a C1 control reads as a
/// Windows-1252 letter).
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    push_text(&mut out, text);
    out
}

/// Appends `text` to `out` as [`text`] writes it.
fn push_text(out: &mut String, text: &str) {
    let text = crate::text::controls_visible(text);
    // The text between the characters that are replaced is copied a run at
    // a time: a large inventory's page is tens of megabytes.
    let mut copied = 0;
    for (at, c) in text.char_indices() {
        let bidi;
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            '\n' => "<br>",
            c if !c.is_ascii() && crate::text::is_bidi_control(c) => {
                bidi = reference(c);
                &bidi
            }
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        copied = at + c.len_utf8();
    }
    out.push_str(&text[copied..]);
}

/// A numeric character reference, which HTML and Markdown read as `c`.
pub(super) fn reference(c: char) -> String {
    format!("&#x{:X};", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legitimate_unicode_is_kept_and_bidi_controls_are_references() {
        let name = "\u{200f}\u{645}\u{631}\u{62d}\u{628}\u{627} \u{1f469}\u{200d}\u{1f4bb} Ops";
        assert_eq!(text(name), name);
        assert_eq!(text("a\u{202e}b\u{2069}"), "a&#x202E;b&#x2069;");
        assert_eq!(text("\u{9b}2J\u{7f}"), "&lt;U+009B&gt;2J^?");
    }

    #[test]
    fn text_is_escaped_and_control_characters_shown() {
        assert_eq!(
            text("<script>alert('x' & \"y\")</script>\u{1b}[31m\nnext"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;^[[31m<br>next"
        );
    }
}
