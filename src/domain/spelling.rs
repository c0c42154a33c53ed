//! Near misses in what people type by hand: a mistyped group address suggests the one meant.

/// The Levenshtein distance: how many characters to insert, delete or replace to turn `a` into `b`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let replace = previous[j] + usize::from(ca != *cb);
            current[j + 1] = replace.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Longer than any slug: such input is no typo of one, and is not compared.
const LONGEST_TYPED: usize = 100;

/// The item whose `key` is nearest to `typed` (ignoring case), when near enough to be what was
/// meant: one edit for a short word, up to a quarter of its length (three at most) for a longer
/// one. An exact match is no suggestion; among equally near items the first wins.
pub fn closest<'a, T>(typed: &str, items: &'a [T], key: impl Fn(&T) -> &str) -> Option<&'a T> {
    let typed = typed.to_lowercase();
    let length = typed.chars().count();
    if length == 0 || length > LONGEST_TYPED {
        return None;
    }
    let allowed = (length / 4).clamp(1, 3);
    items
        .iter()
        .map(|item| (edit_distance(&typed, &key(item).to_lowercase()), item))
        .filter(|(distance, _)| (1..=allowed).contains(distance))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, item)| item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_single_edits() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("djangauvergne", "djangoauvergne"), 1);
        assert_eq!(edit_distance("djangauvergne", "djangauvergen"), 2);
        assert_eq!(edit_distance("zoë", "zoe"), 1, "characters, not bytes");
    }

    #[test]
    fn a_near_slug_is_suggested_and_a_far_one_is_not() {
        let slugs = ["djangauvergne", "python-lyon", "rust-paris"];
        let near = |typed| closest(typed, &slugs, |s| s).copied();
        assert_eq!(near("djangoauvergne"), Some("djangauvergne"));
        assert_eq!(near("DjangAuvergn"), Some("djangauvergne"));
        assert_eq!(near("pyhton-lyon"), Some("python-lyon"));
        assert_eq!(near("rust-pari"), Some("rust-paris"));
        assert_eq!(
            near("djangauvergne"),
            None,
            "the same slug is no suggestion"
        );
        assert_eq!(near("ruby-lille"), None);
        assert_eq!(near("abc"), None);
        assert_eq!(near(""), None);
        assert_eq!(near(&"x".repeat(10_000)), None);
    }

    #[test]
    fn the_nearest_wins_then_the_first() {
        let slugs = ["rust-lyon", "rust-lille", "rust-lyons"];
        assert_eq!(closest("rust-lyo", &slugs, |s| s), Some(&"rust-lyon"));
        let short = ["ab", "ac"];
        assert_eq!(closest("aa", &short, |s| s), Some(&"ab"));
    }
}
