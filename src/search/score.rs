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
    let words: Vec<&str> = name.split(' ').collect();
    let mut weakest: f64 = 1.0;
    for q in query.split(' ') {
        let best = words.iter().map(|w| word_fit(q, w)).fold(0.0_f64, f64::max);
        weakest = weakest.min(best);
    }
    // A whole-name match ranks above the same words inside a longer name.
    weakest * 0.98
        + if words.len() == query.split(' ').count() {
            0.0
        } else {
            -0.01
        }
}

fn word_fit(q: &str, w: &str) -> f64 {
    if q == w {
        1.0
    } else if w.starts_with(q) && q.chars().count() >= 3 {
        0.95
    } else {
        jaro_winkler(q, w)
    }
}

/// Jaro-Winkler similarity of two words.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used = vec![false; b.len()];
    let mut a_matches = Vec::new();
    for (i, ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        if let Some(j) = (lo..hi).find(|&j| !b_used[j] && b[j] == *ca) {
            b_used[j] = true;
            a_matches.push(*ca);
        }
    }
    if a_matches.is_empty() {
        return 0.0;
    }
    let b_matches: Vec<char> = b
        .iter()
        .zip(&b_used)
        .filter(|(_, u)| **u)
        .map(|(c, _)| *c)
        .collect();
    let transpositions = a_matches
        .iter()
        .zip(&b_matches)
        .filter(|(x, y)| x != y)
        .count() as f64
        / 2.0;
    let m = a_matches.len() as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions) / m) / 3.0;
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count() as f64;
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
    }
}
