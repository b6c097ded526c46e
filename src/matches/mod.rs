//! Matches and what happened in them: goals, cards, substitutions, line-ups, officials and
//! penalty shootouts.

pub mod claims;
mod corrections;
mod events;
mod graphql;
mod lineup;
mod listing;
mod model;
mod shootout;

pub use corrections::{CorrectionFact, MatchCorrection, MatchCorrections};
pub use events::{
    Card, CardKind, Goal, GoalId, MatchCards, MatchGoals, MatchSubstitutions, NewCard, NewGoal,
    NewSubstitution, PersonCards, PersonGoals, Substitution,
};
pub use graphql::MatchQuery;
pub use lineup::{
    LineupEntry, MatchOfficial, NewLineupEntry, NewMatchOfficial, OfficialRole, PersonAppearances,
};
pub use listing::{MatchFilter, MatchOrder};
pub use model::{
    DecidedBy, GroupMatches, Match, MatchId, MatchStatus, NewMatch, NewMatchWithId, Period,
    ScoreLine, StageMatches, TeamMatches, TournamentMatches, VenueMatches,
};
pub use shootout::{KickOutcome, MatchKicks, NewShootoutKick, PersonKicks, ShootoutKick};
