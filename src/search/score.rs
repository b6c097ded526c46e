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
}
