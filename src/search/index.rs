//! The names `search` looks through, held in memory: read from the database once, then kept
//! until an edit or an import changes them (the live hub says so) or they are older than the
//! response cache's lifetime (another process may have imported into a SQLite file).
//!
//! Each distinct word is compared with the query's words once per search, not once per name
//! it appears in, and only when their letters allow a fit that could make a name an answer
//! (`score::fit_bound`); a name's score is then made of look-ups.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use super::score::{combine, fit_bound, least_useful_fit, word_fit, Letters, THRESHOLD};

/// What a name belongs to. The order ranks ties: teams first, then tournaments, venues, people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Team,
    Tournament,
    Venue,
    Person,
}

struct Name {
    kind: Kind,
    id: i32,
    folded: Box<str>,
    /// Indexes into `Index::words`, in the name's order.
    words: Box<[u32]>,
}

/// Every searchable name, folded, with its words.
pub struct Index {
    words: Vec<Box<[char]>>,
    /// The letters of each of `words`.
    letters: Vec<Letters>,
    names: Vec<Name>,
}

impl Index {
    /// From (kind, id, folded name) triples.
    pub fn build(candidates: Vec<(Kind, i32, String)>) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut words: Vec<Box<[char]>> = Vec::new();
        let names = candidates
            .into_iter()
            .map(|(kind, id, folded)| {
                let name_words = folded
                    .split(' ')
                    .map(|w| {
                        *ids.entry(w.to_owned()).or_insert_with(|| {
                            words.push(w.chars().collect());
                            (words.len() - 1) as u32
                        })
                    })
                    .collect();
                Name {
                    kind,
                    id,
                    folded: folded.into_boxed_str(),
                    words: name_words,
                }
            })
            .collect();
        let letters = words.iter().map(|w| Letters::of(w)).collect();
        Self {
            words,
            letters,
            names,
        }
    }

    /// Every name answering `wanted` (folded) well enough, with its score, in no order; as
    /// `score::score` would score them one by one.
    pub fn find(&self, wanted: &str) -> Vec<(f64, Kind, i32)> {
        let asked: Vec<Vec<char>> = wanted.split(' ').map(|q| q.chars().collect()).collect();
        let least = least_useful_fit();
        let fits: Vec<Vec<f64>> = asked
            .iter()
            .map(|q| {
                let q_letters = Letters::of(q);
                let fit = |w: &[char], letters: &Letters| {
                    if fit_bound(&q_letters, letters) < least {
                        0.0
                    } else {
                        word_fit(q, w)
                    }
                };
                let pairs = self.words.iter().zip(&self.letters);
                pairs.map(|(w, letters)| fit(w, letters)).collect()
            })
            .collect();
        self.names
            .iter()
            .filter_map(|name| {
                let score = if &*name.folded == wanted {
                    1.0
                } else {
                    let weakest = fits
                        .iter()
                        .map(|fit| {
                            name.words
                                .iter()
                                .map(|&w| fit[w as usize])
                                .fold(0.0_f64, f64::max)
                        })
                        .fold(1.0_f64, f64::min);
                    combine(weakest, name.words.len(), asked.len())
                };
                (score >= THRESHOLD).then_some((score, name.kind, name.id))
            })
            .collect()
    }
}

/// The index of one server, shared by its requests.
pub struct SearchIndex {
    built: RwLock<Option<(Instant, Arc<Index>)>>,
    lifetime: Duration,
}

impl SearchIndex {
    pub fn new(lifetime: Duration) -> Self {
        Self {
            built: RwLock::new(None),
            lifetime,
        }
    }

    /// The index, if one was built and is still current.
    pub fn current(&self) -> Option<Arc<Index>> {
        let built = self.built.read().unwrap_or_else(|e| e.into_inner());
        built
            .as_ref()
            .filter(|(at, _)| at.elapsed() < self.lifetime)
            .map(|(_, index)| Arc::clone(index))
    }

    pub fn keep(&self, index: Arc<Index>) {
        *self.built.write().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), index));
    }

    /// Names may have changed: the next search reads them again.
    pub fn invalidate(&self) {
        *self.built.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::score;

    #[test]
    fn the_index_scores_as_names_are_scored_one_by_one() {
        let names = [
            "kylian mbappe",
            "lionel messi",
            "lionel messina",
            "argentina",
            "argentinos juniors",
            "karim benzema",
            "lusail stadium lusail",
            "messi",
        ];
        let index = Index::build(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (Kind::Person, i as i32, (*n).to_owned()))
                .collect(),
        );
        for wanted in [
            "mbape",
            "messi",
            "lionel messi",
            "benzma",
            "argentina",
            "lusail",
        ] {
            let mut expected: Vec<(f64, Kind, i32)> = names
                .iter()
                .enumerate()
                .map(|(i, n)| (score(wanted, n), Kind::Person, i as i32))
                .filter(|(s, _, _)| *s >= THRESHOLD)
                .collect();
            let mut found = index.find(wanted);
            expected.sort_by_key(|e| e.2);
            found.sort_by_key(|e| e.2);
            assert_eq!(found, expected, "{wanted}");
            assert!(!found.is_empty(), "{wanted}");
        }
    }

    #[test]
    fn an_index_is_current_until_invalidated_or_old() {
        let index = SearchIndex::new(Duration::from_secs(60));
        assert!(index.current().is_none());
        index.keep(Arc::new(Index::build(vec![])));
        assert!(index.current().is_some());
        index.invalidate();
        assert!(index.current().is_none());
        let brief = SearchIndex::new(Duration::ZERO);
        brief.keep(Arc::new(Index::build(vec![])));
        assert!(brief.current().is_none());
    }
}
