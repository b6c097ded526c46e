//! Tournament editions, their stages (group stage, knockout rounds) and groups.

mod graphql;
pub(crate) mod model;

pub use graphql::TournamentQuery;
pub use model::{
    Group, GroupId, NewGroup, NewStage, NewTournament, Stage, StageId, StageKind, Tournament,
    TournamentId, TournamentSlug,
};
