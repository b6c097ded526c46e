//! Matches and what happened in them: goals, cards, substitutions, line-ups, officials and
//! penalty shootouts.

pub mod claims;
mod corrections;
mod events;
mod graphql;
mod lineup;
mod listing;
mod lists;
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
pub use lists::{GroupMatches, StageMatches, TeamMatches, TournamentMatches, VenueMatches};
pub use model::{
    DecidedBy, Match, MatchId, MatchPhase, MatchPlace, MatchStatus, NewMatch, Period, ScoreLine,
};
pub use shootout::{
    KickOutcome, MatchKicks, NewShootoutKick, PersonKicks, ShootoutKick, ShootoutKickId,
};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[
    crate::read_model::part::<model::MatchId>(),
    crate::read_model::part::<lists::TournamentMatches>(),
    crate::read_model::part::<lists::StageMatches>(),
    crate::read_model::part::<lists::GroupMatches>(),
    crate::read_model::part::<lists::VenueMatches>(),
    crate::read_model::part::<lists::TeamMatches>(),
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
