//! A terminal backend that sends fewer bytes over slow links.
//!
//! ratatui sends only the cells that changed, but when two changed cells
//! are a few columns apart it moves the cursor (`ESC[row;colH`, up to 8
//! bytes) over the unchanged ones. When text reflows, that happens between
//! almost every word. This wrapper keeps a copy of the screen and, for gaps
//! of a few cells in the same style, sends the unchanged cells again
//! instead: one byte each, so a cursor jump over a single space becomes one
//! space. Moving the selection then stays well under 2 KB.

use std::io::Write;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

/// Only one-byte symbols are resent, so wide characters (and the
/// placeholder cells after them) are never split.
/// Gaps up to this many cells are filled rather than jumped.
const MAX_GAP: u16 = 7;

pub struct CompactBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal shows now, as far as this backend has drawn it.
    screen: Buffer,
}

impl<W: Write> CompactBackend<W> {
    pub fn new(inner: CrosstermBackend<W>) -> CompactBackend<W> {
        CompactBackend {
            inner,
            screen: Buffer::empty(Rect::ZERO),
        }
    }

    pub fn inner_mut(&mut self) -> &mut CrosstermBackend<W> {
        &mut self.inner
    }
}

fn same_style(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
}

impl<W: Write> Backend for CompactBackend<W> {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changed: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        // The copy grows to whatever is drawn; a resize clears it (ratatui
        // clears the terminal on every resize).
        let (width, height) = changed.iter().fold(
            (self.screen.area.width, self.screen.area.height),
            |(w, h), (x, y, _)| (w.max(x + 1), h.max(y + 1)),
        );
        if (width, height) != (self.screen.area.width, self.screen.area.height) {
            // `Buffer::resize` keeps the cells in order, not in place, so the
            // copy is rebuilt cell by cell at the new width.
            let mut grown = Buffer::empty(Rect::new(0, 0, width, height));
            let old = &self.screen.area;
            for y in 0..old.height {
                for x in 0..old.width {
                    grown[(x, y)] = self.screen[(x, y)].clone();
                }
            }
            self.screen = grown;
        }
        for (x, y, cell) in &changed {
            self.screen[(*x, *y)] = cell.clone();
        }
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(changed.len());
        let mut end: Option<(u16, u16, Cell)> = None;
        for (x, y, cell) in changed {
            if let Some((ex, ey, last)) = &end
                && *ey == y
                && x > *ex
                && x - *ex <= MAX_GAP
            {
                let gap: Vec<Cell> = (*ex..x).map(|gx| self.screen[(gx, y)].clone()).collect();
                let plain = gap
                    .iter()
                    .all(|c| c.symbol().len() == 1 && same_style(c, last));
                if plain {
                    for (i, c) in gap.into_iter().enumerate() {
                        out.push((*ex + i as u16, y, c));
                    }
                }
            }
            let width = u16::try_from(unicode_width::UnicodeWidthStr::width(cell.symbol()))
                .unwrap_or(1)
                .max(1);
            end = Some((x + width, y, cell.clone()));
            out.push((x, y, cell));
        }
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> std::io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> std::io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> std::io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> std::io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> std::io::Result<()> {
        self.screen = Buffer::empty(self.screen.area);
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> std::io::Result<()> {
        // What a partial clear leaves is not tracked; forget the copy so no
        // gap is filled from stale cells.
        self.screen = Buffer::empty(Rect::ZERO);
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> std::io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: growing the copy of the screen once shifted every row,
    /// so gaps were filled with characters from other places.
    #[test]
    fn a_growing_screen_keeps_every_cell_in_place() {
        let mut backend = CompactBackend::new(CrosstermBackend::new(Vec::new()));
        let cell = |c: &str| {
            let mut cell = Cell::default();
            cell.set_symbol(c);
            cell
        };
        let (a, b) = (cell("a"), cell("b"));
        backend.draw([(2u16, 1u16, &a)].into_iter()).unwrap();
        backend.draw([(9u16, 3u16, &b)].into_iter()).unwrap();
        assert_eq!(backend.screen[(2, 1)].symbol(), "a");
        assert_eq!(backend.screen[(9, 3)].symbol(), "b");
        assert_eq!(backend.screen[(5, 0)].symbol(), " ");
    }
}
