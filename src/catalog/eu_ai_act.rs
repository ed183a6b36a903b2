//! References to Regulation (EU) 2024/1689, the AI Act, as the catalogue
//! writes them: "Art. 26", "Art. 26(5)", "Arts. 53/55", "Arts. 22-25",
//! "Arts. 9 to 15 and 17", "Annex III"; and the points of Annex III, as an
//! inventory records a high-risk use case: "4(a)".

use std::fmt;

/// The Act's last article.
pub const LAST_ARTICLE: u32 = 113;

/// Annexes I to XIII, as written.
const ANNEXES: [&str; 13] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
];

/// The articles one item of an `eu_ai_act` list names (a range names every
/// article in it); `None` when it is not a reference to the Act at all, or
/// names an article the Act does not have. An annex names no article.
pub fn list_item_articles(item: &str) -> Option<Vec<u32>> {
    if let Some(annex) = item.strip_prefix("Annex ") {
        return ANNEXES.contains(&annex.trim()).then(Vec::new);
    }
    let rest = item
        .strip_prefix("Arts. ")
        .or_else(|| item.strip_prefix("Art. "))?;
    let (articles, unread) = read_numbers(rest, true);
    let valid = unread.trim().is_empty()
        && !articles.is_empty()
        && articles.iter().all(|n| (1..=LAST_ARTICLE).contains(n));
    valid.then_some(articles)
}

/// Every article that running text names ("Art. 50(3)", "Arts. 43 and
/// 49", "Article 4"); a range names its first and last article only, as
/// a reader takes "Arts. 9 to 15" for the span rather than each article.
pub fn articles_named(text: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for marker in ["Arts. ", "Art. ", "Articles ", "Article "] {
        let mut rest = text;
        while let Some(at) = rest.find(marker) {
            let starts_word = at == 0 || !rest[..at].ends_with(|c: char| c.is_alphanumeric());
            let after = &rest[at + marker.len()..];
            if starts_word {
                found.extend(read_numbers(after, false).0);
            }
            rest = after;
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// How many lettered points each area of Annex III has, areas 1 to 8
/// (area 2, critical infrastructure, is a single point).
const ANNEX_III_POINTS: [u8; 8] = [3, 0, 4, 2, 4, 5, 4, 2];

/// An area of Annex III ("5"), or one of its points ("5(b)").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnnexIiiPoint {
    pub area: u8,
    pub point: Option<char>,
}

impl AnnexIiiPoint {
    /// Reads "4(a)", "4 (a)", "4a", "point 4(a)" or "Annex III 4(a)"; `None`
    /// for anything that is not an area or point the Annex has.
    pub fn parse(text: &str) -> Option<AnnexIiiPoint> {
        let mut rest = text.trim();
        for prefix in ["annex iii", "point"] {
            if rest.len() >= prefix.len()
                && rest.is_char_boundary(prefix.len())
                && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
            {
                rest = rest[prefix.len()..].trim_start();
            }
        }
        let compact: String = rest
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
            .collect();
        let mut chars = compact.chars();
        let area = chars.next()?.to_digit(10)?;
        let letters = *ANNEX_III_POINTS.get(usize::try_from(area).ok()?.checked_sub(1)?)?;
        let point = match (chars.next(), chars.next()) {
            (None, _) => None,
            (Some(letter), None) => {
                let letter = letter.to_ascii_lowercase();
                let index = u32::from(letter).checked_sub(u32::from('a'))?;
                if index >= u32::from(letters) {
                    return None;
                }
                Some(letter)
            }
            _ => return None,
        };
        Some(AnnexIiiPoint {
            area: u8::try_from(area).ok()?,
            point,
        })
    }

    /// Whether `other` is this point, or one of the points of this area.
    pub fn covers(self, other: AnnexIiiPoint) -> bool {
        self.area == other.area && (self.point.is_none() || self.point == other.point)
    }
}

impl fmt::Display for AnnexIiiPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.point {
            Some(letter) => write!(f, "{}({letter})", self.area),
            None => write!(f, "{}", self.area),
        }
    }
}

/// Reads "26(5), 27 and 43-49" from the start of `text`: the numbers, and
/// what follows them. With `expand`, a range gives every number in it.
fn read_numbers(text: &str, expand: bool) -> (Vec<u32>, &str) {
    let mut numbers = Vec::new();
    let mut rest = text;
    let mut range_from: Option<u32> = None;
    loop {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let Ok(n) = rest[..digits].parse::<u32>() else {
            break;
        };
        rest = &rest[digits..];
        // Paragraphs and points: "(5)", "(1)(a)".
        while let Some(inner) = rest.strip_prefix('(') {
            match inner.find(')') {
                Some(close) => rest = &inner[close + 1..],
                None => break,
            }
        }
        match range_from.take() {
            Some(from) if expand && from <= n => numbers.extend(from..=n),
            Some(from) => numbers.extend([from, n]),
            None => numbers.push(n),
        }
        let separators = [
            ("-", true),
            ("–", true),
            (" to ", true),
            (", ", false),
            ("/", false),
            (" and ", false),
            (" or ", false),
        ];
        let Some((sep, is_range)) = separators.iter().find(|(s, _)| {
            rest.strip_prefix(*s)
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        }) else {
            break;
        };
        rest = &rest[sep.len()..];
        if *is_range {
            range_from = numbers.pop();
        }
    }
    (numbers, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_name_real_articles_or_annexes() {
        assert_eq!(list_item_articles("Art. 26"), Some(vec![26]));
        assert_eq!(list_item_articles("Art. 26(5)"), Some(vec![26]));
        assert_eq!(list_item_articles("Arts. 53/55"), Some(vec![53, 55]));
        assert_eq!(
            list_item_articles("Arts. 22-25"),
            Some(vec![22, 23, 24, 25])
        );
        assert_eq!(list_item_articles("Annex III"), Some(vec![]));
        assert_eq!(list_item_articles("Art. 114"), None);
        assert_eq!(list_item_articles("Annex XIV"), None);
        assert_eq!(list_item_articles("GDPR Art. 22"), None);
        assert_eq!(list_item_articles("Art. 9 and then"), None);
    }

    #[test]
    fn annex_iii_points_are_read_in_the_usual_forms_and_checked() {
        let point = |area, letter| AnnexIiiPoint {
            area,
            point: Some(letter),
        };
        assert_eq!(AnnexIiiPoint::parse("4(a)"), Some(point(4, 'a')));
        assert_eq!(
            AnnexIiiPoint::parse(" Annex III 5 (B) "),
            Some(point(5, 'b'))
        );
        assert_eq!(AnnexIiiPoint::parse("point 6e"), Some(point(6, 'e')));
        let area = AnnexIiiPoint::parse("2").expect("area 2 is a point of its own");
        assert_eq!(area.to_string(), "2");
        assert!(area.covers(AnnexIiiPoint {
            area: 2,
            point: None
        }));
        assert!(!point(5, 'b').covers(point(5, 'c')));
        for wrong in ["2(a)", "4(c)", "9", "0", "", "none", "4(a)(i)", "Art. 6"] {
            assert_eq!(AnnexIiiPoint::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn text_names_articles_in_every_usual_form() {
        assert_eq!(
            articles_named(
                "the deployer's duties are Art. 50(3) and 50(4); Arts. 43 and 49 apply, and Article 4 too"
            ),
            vec![4, 43, 49, 50]
        );
        assert_eq!(articles_named("Arts. 9 to 15, 17"), vec![9, 15, 17]);
        assert_eq!(articles_named("see Arts. 53/55 and Annex XI"), vec![53, 55]);
        assert_eq!(articles_named("Partial. Smart. 4"), Vec::<u32>::new());
    }
}
