//! Competitions: the FIFA World Cup, the UEFA European Championship, friendlies, each
//! qualification. Every match belongs to one; an edition (`tournament`) belongs to one too.
//! Which competition a source's name means is in `catalogue`, read from `competitions.csv`.

pub mod catalogue;
mod graphql;
mod model;

pub use graphql::CompetitionQuery;
pub use model::{Competition, CompetitionId, CompetitionKind, NewCompetition};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[crate::read_model::reread_for_new_matches::<
    model::CompetitionId,
>()];
