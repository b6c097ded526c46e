//! What an answer was made from, recorded while its query runs, so that the cache knows which
//! changes make it stale.
//!
//! Every look-up through the batching loader names a key, and every key type says what its rows
//! can be changed by ([`ReadScope`], declared beside the key with [`read_scope!`]): the compiler
//! refuses a key without one. Root queries that compute across matches (standings, totals,
//! listings) record "every match" themselves, through `graphql::loader::query`.

use std::sync::{Arc, Mutex};

use async_graphql::Context;

/// What a key's rows can be changed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only editing or importing (teams, people, tournaments, squads...).
    Fixed,
    /// Live writes to this one match (its row, events, line-ups, kicks).
    Match(i32),
    /// Live writes to any match (a person's goals, a team's matches...).
    EveryMatch,
}

/// Implemented by every loader key: see [`read_scope!`].
pub trait ReadScope {
    fn read_scope(&self) -> Scope;
}

/// Declares what the rows behind loader keys can be changed by:
/// `read_scope!(Fixed: TeamId, TeamSquad)`, `read_scope!(Match: MatchGoals)` (the key's field
/// is the match's id), `read_scope!(EveryMatch: PersonGoals)`.
#[macro_export]
macro_rules! read_scope {
    (Fixed: $($key:ty),+ $(,)?) => {
        $(impl $crate::response_cache::reads::ReadScope for $key {
            fn read_scope(&self) -> $crate::response_cache::reads::Scope {
                $crate::response_cache::reads::Scope::Fixed
            }
        })+
    };
    (Match: $($key:ty),+ $(,)?) => {
        $(impl $crate::response_cache::reads::ReadScope for $key {
            fn read_scope(&self) -> $crate::response_cache::reads::Scope {
                $crate::response_cache::reads::Scope::Match(self.0)
            }
        })+
    };
    (EveryMatch: $($key:ty),+ $(,)?) => {
        $(impl $crate::response_cache::reads::ReadScope for $key {
            fn read_scope(&self) -> $crate::response_cache::reads::Scope {
                $crate::response_cache::reads::Scope::EveryMatch
            }
        })+
    };
}

/// What one answer depends on.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dependencies {
    /// Sorted, each once.
    matches: Vec<i32>,
    every_match: bool,
}

impl Dependencies {
    pub fn matches(&self) -> &[i32] {
        &self.matches
    }

    pub fn every_match(&self) -> bool {
        self.every_match
    }
}

/// The record of one request, in its data: resolvers running at once add to it, and the HTTP
/// handler keeps a clone to read it after.
#[derive(Default, Clone)]
pub struct Reads(Arc<Mutex<Dependencies>>);

impl Reads {
    fn with(&self, f: impl FnOnce(&mut Dependencies)) {
        f(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()));
    }

    pub fn note_match(&self, id: i32) {
        self.with(|d| {
            if !d.every_match {
                if let Err(at) = d.matches.binary_search(&id) {
                    d.matches.insert(at, id);
                }
            }
        });
    }

    pub fn note_every_match(&self) {
        self.with(|d| {
            d.every_match = true;
            // Implied by `every_match`.
            d.matches = Vec::new();
        });
    }

    pub fn note(&self, scope: Scope) {
        match scope {
            Scope::Fixed => {}
            Scope::Match(id) => self.note_match(id),
            Scope::EveryMatch => self.note_every_match(),
        }
    }

    /// What was recorded.
    pub fn take(&self) -> Dependencies {
        std::mem::take(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Records a look-up in the request's record, when it has one (HTTP queries do; subscriptions
/// and tests calling the schema directly need not).
pub fn note(ctx: &Context<'_>, scope: Scope) {
    if let Some(reads) = ctx.data_opt::<Reads>() {
        reads.note(scope);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_keeps_each_match_once_until_every_match_is_read() {
        let reads = Reads::default();
        for scope in [
            Scope::Match(9),
            Scope::Fixed,
            Scope::Match(3),
            Scope::Match(9),
        ] {
            reads.note(scope);
        }
        let d = reads.take();
        assert_eq!((d.matches(), d.every_match()), (&[3, 9][..], false));
        assert_eq!(reads.take(), Dependencies::default(), "taken");
        reads.note(Scope::Match(1));
        reads.note(Scope::EveryMatch);
        reads.note(Scope::Match(2));
        let d = reads.take();
        assert!(d.every_match() && d.matches().is_empty());
    }
}
