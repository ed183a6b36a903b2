//! A page of text in a bordered pane (a control's entry, a system's
//! details, the progress report): wrapped, scrolled, and never scrolled past
//! its last line, which takes knowing how many rows its wrapped lines fill.

use std::collections::VecDeque;

use ratatui::Frame;
use ratatui::buffer::CellWidth;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::app::App;

/// Draws a bordered page of text, wrapped and scrolled as far as the app
/// asks but never past its last line, and notes for the app the furthest it
/// can go: paging down stops at the end instead of scrolling into blank space.
pub fn draw_page(
    frame: &mut Frame,
    app: &App,
    lines: Vec<Line<'static>>,
    block: Block<'static>,
    area: Rect,
) {
    let total = page_length(&lines, &block, area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(2));
    let max = u16::try_from(total.saturating_sub(rows)).unwrap_or(u16::MAX);
    app.detail_max.set(max);
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.detail_scroll.min(max), 0));
    frame.render_widget(paragraph, area);
}

/// The rows the page fills at `width`, its block's borders included.
fn page_length(lines: &[Line], block: &Block, width: u16) -> usize {
    let borders = Paragraph::new(Text::default())
        .block(block.clone())
        .line_count(width);
    borders
        + lines
            .iter()
            .map(|line| wrapped_rows(line, width))
            .sum::<usize>()
}

/// The rows `line` fills when ratatui wraps it at `width` columns (on
/// words, spaces kept), without the allocations of ratatui's own wrapper:
/// counting a page of thousands of lines that way took longer than a
/// frame. The same steps as ratatui's `WordWrapper`, on the same graphemes
/// and widths; `the_rows_counted_are_the_rows_ratatui_wraps` holds it to
/// that.
fn wrapped_rows(line: &Line, width: u16) -> usize {
    let mut rows = RowCounter::new(width);
    for span in &line.spans {
        each_grapheme(&span.content, |is_space, width| rows.push(is_space, width));
    }
    rows.count()
}

/// Calls `f` with each grapheme of `text` that ratatui draws (it drops
/// control characters): whether it is whitespace, and its width. Only
/// stretches holding non-ASCII characters are split into graphemes, the
/// slow part: two ASCII characters side by side are always two graphemes
/// (but CR LF, dropped either way), so plain text is taken a byte at a time.
fn each_grapheme(text: &str, mut f: impl FnMut(bool, u16)) {
    let bytes = text.as_bytes();
    // Whether the byte at `i` is an ASCII character followed by another or
    // by the end: no grapheme joins it to what follows.
    let ends_plain = |i: usize| bytes[i].is_ascii() && bytes.get(i + 1).is_none_or(u8::is_ascii);
    let mut at = 0;
    while at < bytes.len() {
        if ends_plain(at) {
            if !bytes[at].is_ascii_control() {
                f(bytes[at] == b' ', 1);
            }
            at += 1;
            continue;
        }
        let start = at;
        at += 1;
        while at < bytes.len() && !ends_plain(at) {
            at += 1;
        }
        // The ASCII character that ends the stretch may belong to the
        // grapheme before it, so it is split with the stretch.
        at = (at + 1).min(bytes.len());
        for grapheme in Span::raw(&text[start..at]).styled_graphemes(Style::default()) {
            f(grapheme.is_whitespace(), grapheme.symbol.cell_width());
        }
    }
}

/// Counts the rows of one line as ratatui's `WordWrapper::process_input`
/// wraps it without trimming: the same steps, keeping widths and counts
/// where it keeps graphemes.
struct RowCounter {
    max: u16,
    rows: usize,
    /// The row being filled.
    line_symbols: usize,
    line_width: u16,
    /// The word being read.
    word_symbols: usize,
    word_width: u16,
    /// The whitespace before the word, each one's width, since at a break
    /// they are dropped one by one while they fit.
    spaces: VecDeque<u16>,
    space_width: u16,
    after_word: bool,
}

impl RowCounter {
    fn new(max: u16) -> RowCounter {
        RowCounter {
            max,
            rows: 0,
            line_symbols: 0,
            line_width: 0,
            word_symbols: 0,
            word_width: 0,
            spaces: VecDeque::new(),
            space_width: 0,
            after_word: false,
        }
    }

    fn push(&mut self, is_space: bool, width: u16) {
        let max = self.max;
        if width > max {
            return;
        }
        let word_ends = self.after_word && is_space;
        let word_overflows =
            self.line_symbols == 0 && self.word_width + self.space_width + width > max;
        if word_ends || word_overflows {
            self.line_symbols += self.spaces.len() + self.word_symbols;
            self.line_width += self.space_width + self.word_width;
            self.spaces.clear();
            self.space_width = 0;
            self.word_symbols = 0;
            self.word_width = 0;
        }
        let line_full = self.line_width >= max;
        let word_too_long =
            width > 0 && self.line_width + self.space_width + self.word_width >= max;
        if line_full || word_too_long {
            let mut room = max.saturating_sub(self.line_width);
            self.rows += 1;
            self.line_symbols = 0;
            self.line_width = 0;
            while let Some(&space) = self.spaces.front() {
                if space > room {
                    break;
                }
                self.space_width -= space;
                room -= space;
                self.spaces.pop_front();
            }
            if is_space && self.spaces.is_empty() {
                return;
            }
        }
        if is_space {
            self.space_width += width;
            self.spaces.push_back(width);
        } else {
            self.word_width += width;
            self.word_symbols += 1;
        }
        self.after_word = !is_space;
    }

    /// The rows, the last one included; an empty line still takes one.
    fn count(self) -> usize {
        if self.max == 0 {
            return 0;
        }
        let held = self.line_symbols + self.spaces.len() + self.word_symbols;
        (self.rows + usize::from(held > 0)).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text mixing what wrapping treats differently: words, spaces, wide
    /// and combining characters, no-break and zero-width spaces, tabs and
    /// other control characters.
    fn text() -> impl Strategy<Value = String> {
        let symbol = prop::sample::select(vec![
            "a",
            "b",
            "word",
            " ",
            "  ",
            "\u{a0}",
            "\u{200b}",
            "漢",
            "e\u{301}",
            "\u{301}",
            "—",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "\u{1b}",
            "🙂",
            "\u{1f1eb}\u{1f1f7}",
            "\u{600}",
            "x",
        ]);
        prop::collection::vec(symbol, 0..40).prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn the_rows_counted_are_the_rows_ratatui_wraps(
            lines in prop::collection::vec(prop::collection::vec(text(), 1..3), 0..6),
            width in 0u16..30,
        ) {
            let lines: Vec<Line> = lines.into_iter().map(|spans| Line::from(
                spans.into_iter().map(ratatui::text::Span::raw).collect::<Vec<_>>(),
            )).collect();
            let expected = Paragraph::new(Text::from(lines.clone()))
                .wrap(Wrap { trim: false })
                .line_count(width);
            let counted: usize = lines.iter().map(|line| wrapped_rows(line, width)).sum();
            prop_assert_eq!(counted, expected);
        }
    }
}
