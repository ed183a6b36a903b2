//! Fuzzy filtering of lists with nucleo (fzf's scoring): the query, and for
//! each item whether it matches, its score and which characters matched.

use std::cell::RefCell;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

thread_local! {
    /// The matcher's work space, zeroed memory the size of its largest
    /// problem (over 100 KB): made once per thread rather than per query,
    /// since a view makes a query on every frame.
    static MATCHER: RefCell<Matcher> = RefCell::new(Matcher::new(Config::DEFAULT));
}

/// A compiled query, reused across the items of one list.
pub struct FuzzyQuery {
    pattern: Pattern,
    buffer: Vec<char>,
}

impl FuzzyQuery {
    pub fn new(query: &str) -> FuzzyQuery {
        FuzzyQuery {
            pattern: Pattern::parse(query, CaseMatching::Smart, Normalization::Smart),
            buffer: Vec::new(),
        }
    }

    /// The score of `text`, if it matches.
    pub fn score(&mut self, text: &str) -> Option<u32> {
        let text = Utf32Str::new(text, &mut self.buffer);
        MATCHER.with_borrow_mut(|matcher| self.pattern.score(text, matcher))
    }

    /// Char positions of `text` that the query matched, sorted.
    pub fn indices(&mut self, text: &str) -> Vec<usize> {
        let mut indices = Vec::new();
        let text = Utf32Str::new(text, &mut self.buffer);
        MATCHER.with_borrow_mut(|matcher| self.pattern.indices(text, matcher, &mut indices));
        indices.sort_unstable();
        indices.dedup();
        indices.into_iter().map(|i| i as usize).collect()
    }
}

/// The filter of one list: what was typed and whether it is being typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub query: String,
    pub editing: bool,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_fuzzy_and_accent_blind() {
        let mut q = FuzzyQuery::new("prov");
        assert!(q.score("Data provenance").is_some());
        assert!(q.score("Suppliers").is_none());
        let mut q = FuzzyQuery::new("ulf");
        assert!(q.score("Ülf Fjörd").is_some());
        let mut q = FuzzyQuery::new("dpr");
        assert_eq!(q.indices("Data provenance"), vec![0, 5, 6]);
    }
}
