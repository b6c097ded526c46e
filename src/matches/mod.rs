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
    Card, CardId, CardKind, Goal, GoalId, MatchCards, MatchGoals, MatchSubstitutions, NewCard,
    NewGoal, NewSubstitution, PersonCards, PersonGoals, Substitution, SubstitutionId,
};
pub use graphql::MatchQuery;
pub use lineup::{
    LineupEntry, MatchLineups, MatchOfficial, MatchOfficials, NewLineupEntry, NewMatchOfficial,
    OfficialRole, PersonAppearances,
};
pub use listing::{MatchFilter, MatchOrder};
pub use model::{
    DecidedBy, GroupMatches, Match, MatchId, MatchPhase, MatchPlace, MatchStatus, NewMatch, Period,
    ScoreLine, StageMatches, TeamMatches, TournamentMatches, VenueMatches,
};
pub use shootout::{
    KickOutcome, MatchKicks, NewShootoutKick, PersonKicks, ShootoutKick, ShootoutKickId,
};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[
    crate::read_model::part::<model::MatchId>(),
    crate::read_model::part::<model::TournamentMatches>(),
    crate::read_model::part::<model::StageMatches>(),
    crate::read_model::part::<model::GroupMatches>(),
    crate::read_model::part::<model::VenueMatches>(),
    crate::read_model::part::<model::TeamMatches>(),
    crate::read_model::part::<events::GoalId>(),
    crate::read_model::part::<events::CardId>(),
    crate::read_model::part::<events::SubstitutionId>(),
    crate::read_model::part::<shootout::ShootoutKickId>(),
    crate::read_model::part::<events::MatchGoals>(),
    crate::read_model::part::<events::PersonGoals>(),
    crate::read_model::part::<events::MatchCards>(),
    crate::read_model::part::<events::PersonCards>(),
    crate::read_model::part::<events::MatchSubstitutions>(),
    crate::read_model::part::<lineup::MatchLineups>(),
    crate::read_model::part::<lineup::PersonAppearances>(),
    crate::read_model::part::<lineup::MatchOfficials>(),
    crate::read_model::part::<shootout::MatchKicks>(),
    crate::read_model::part::<shootout::PersonKicks>(),
    crate::read_model::part::<claims::GoalClaims>(),
    crate::read_model::part::<corrections::MatchCorrections>(),
];
