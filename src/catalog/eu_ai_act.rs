//! References to Regulation (EU) 2024/1689, the AI Act, as the catalogue
//! writes them: "Art. 26", "Art. 26(5)", "Arts. 53/55", "Arts. 22-25",
//! "Arts. 9 to 15 and 17", "Annex III".

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
