//! How well a folded name answers a folded query, from 0 (not at all) to 1 (exactly).

/// Below this a name is not an answer.
pub const THRESHOLD: f64 = 0.84;

/// Each query word is matched to the name word it fits best; the score is the weakest of
/// those fits, so every word asked for must be there (or nearly).
pub fn score(query: &str, name: &str) -> f64 {
    if query.is_empty() || name.is_empty() {
        return 0.0;
    }
    if query == name {
        return 1.0;
    }
    let words: Vec<Vec<char>> = name.split(' ').map(|w| w.chars().collect()).collect();
    let asked: Vec<Vec<char>> = query.split(' ').map(|q| q.chars().collect()).collect();
    let mut weakest: f64 = 1.0;
    for q in &asked {
        let best = words.iter().map(|w| word_fit(q, w)).fold(0.0_f64, f64::max);
        weakest = weakest.min(best);
    }
    combine(weakest, words.len(), asked.len())
}

/// The score of a name from the weakest fit of the query's words, and the word counts: a
/// whole-name match ranks above the same words inside a longer name.
pub fn combine(weakest: f64, name_words: usize, query_words: usize) -> f64 {
    weakest * 0.98
        + if name_words == query_words {
            0.0
        } else {
            -0.01
        }
}

/// The weakest fit of a query word a name can have and still reach [`THRESHOLD`] (by
/// `combine`, at best `weakest * 0.98`): a word fitting less cannot make a name an answer.
pub fn least_useful_fit() -> f64 {
    THRESHOLD / 0.98 - 1e-9
}

/// The letters of a word, counted (digits apart, anything else together): enough to bound its
/// fit with another word without comparing them.
#[derive(Debug, Clone, Copy)]
pub struct Letters {
    counts: [u8; 37],
    len: usize,
}

impl Letters {
    pub fn of(word: &[char]) -> Self {
        let mut counts = [0u8; 37];
        for c in word {
            let bucket = match c {
                'a'..='z' => *c as usize - 'a' as usize,
                '0'..='9' => 26 + (*c as usize - '0' as usize),
                _ => 36,
            };
            counts[bucket] = counts[bucket].saturating_add(1);
        }
        Self {
            counts,
            len: word.len(),
        }
    }
}

/// The most [`word_fit`] of two words can be, from their letters alone: Jaro's matches are
/// at most the letters they have in common, and Winkler's prefix adds at most 0.4 of the rest.
pub fn fit_bound(q: &Letters, w: &Letters) -> f64 {
    if q.len > 128 || w.len > 128 {
        return 1.0;
    }
    let common: usize = q
        .counts
        .iter()
        .zip(&w.counts)
        .map(|(a, b)| usize::from(*a.min(b)))
        .sum();
    if common >= q.len {
        // `q` may be `w` itself or its beginning.
        return 1.0;
    }
    if common == 0 {
        return 0.0;
    }
    let (c, a, b) = (common as f64, q.len as f64, w.len as f64);
    let jaro = (c / a + c / b + 1.0) / 3.0;
    jaro + 0.4 * (1.0 - jaro)
}

/// How well query word `q` fits name word `w`, from 0 to 1.
pub fn word_fit(q: &[char], w: &[char]) -> f64 {
    if q == w {
        1.0
    } else if w.starts_with(q) && q.len() >= 3 {
        0.95
    } else {
        jaro_winkler(q, w)
    }
}

/// Jaro-Winkler similarity of two words (of their first 128 characters: no name has longer
/// words, and bit sets of that size keep this free of allocations, as the search index needs).
fn jaro_winkler(a: &[char], b: &[char]) -> f64 {
    let (a, b) = (&a[..a.len().min(128)], &b[..b.len().min(128)]);
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let (mut b_used, mut a_matched) = (0u128, 0u128);
    let mut m = 0usize;
    for (i, ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        if let Some(j) = (lo..hi).find(|&j| b_used & (1 << j) == 0 && b[j] == *ca) {
            b_used |= 1 << j;
            a_matched |= 1 << i;
            m += 1;
        }
    }
    if m == 0 {
        return 0.0;
    }
    // Matched characters of each word, in order, that differ pairwise.
    let mut unequal = 0usize;
    let mut j = 0;
    for (i, ca) in a.iter().enumerate() {
        if a_matched & (1 << i) != 0 {
            while b_used & (1 << j) == 0 {
                j += 1;
            }
            if *ca != b[j] {
                unequal += 1;
            }
            j += 1;
        }
    }
    let transpositions = unequal as f64 / 2.0;
    let m = m as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions) / m) / 3.0;
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_still_find_the_name() {
        assert!(score("mbape", "kylian mbappe") > THRESHOLD);
        assert!(score("benzma", "karim benzema") > THRESHOLD);
        assert!(score("lusail", "lusail stadium") > THRESHOLD);
        assert!(score("messi", "lionel messi") > score("messi", "lionel messina"));
        assert!(score("argentina", "argentina") > score("argentina", "argentinos juniors"));
        assert!(score("zidane", "kylian mbappe") < THRESHOLD);
        assert_eq!(score("", "x"), 0.0);
        // Known values of the similarity (martha/marhta: 0.961, dwayne/duane: 0.84).
        let jw = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            (jaro_winkler(&a, &b) * 1000.0).round() / 1000.0
        };
        assert_eq!(jw("martha", "marhta"), 0.961);
        assert_eq!(jw("dwayne", "duane"), 0.84);
        assert_eq!(jw("abc", "xyz"), 0.0);
    }

    #[test]
    fn the_bound_of_a_fit_is_never_below_it() {
        let words = [
            "mbape",
            "mbappe",
            "kylian",
            "benzma",
            "benzema",
            "karim",
            "lusail",
            "stadium",
            "messi",
            "messina",
            "lionel",
            "argentina",
            "argentinos",
            "juniors",
            "müller",
            "o'neill",
            "1860",
            "martha",
            "marhta",
            "dwayne",
            "duane",
            "a",
            "ab",
            "ba",
            "zz",
            "abcdefghij",
        ];
        for q in words {
            for w in words {
                let (q, w): (Vec<char>, Vec<char>) = (q.chars().collect(), w.chars().collect());
                let (fit, bound) = (
                    word_fit(&q, &w),
                    fit_bound(&Letters::of(&q), &Letters::of(&w)),
                );
                assert!(bound >= fit, "{q:?} {w:?}: {bound} < {fit}");
            }
        }
        // Words with little in common are told apart without comparing them.
        let (q, w): (Vec<char>, Vec<char>) =
            ("mbape".chars().collect(), "lionel".chars().collect());
        assert!(fit_bound(&Letters::of(&q), &Letters::of(&w)) < least_useful_fit());
    }
}
