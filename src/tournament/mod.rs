//! Tournament editions, their stages (group stage, knockout rounds) and groups.

mod graphql;
pub(crate) mod model;

pub use graphql::TournamentQuery;
pub use model::{
    CompetitionEditions, Group, GroupId, GroupTeams, NewGroup, NewStage, NewTournament, Stage,
    StageGroups, StageId, StageKind, Tournament, TournamentId, TournamentSlug, TournamentStages,
};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[
    crate::read_model::reread_for_new_matches::<model::TournamentId>(),
    crate::read_model::reread_for_new_matches::<model::StageId>(),
    crate::read_model::reread_for_new_matches::<model::GroupId>(),
    crate::read_model::reread_for_new_matches::<model::CompetitionEditions>(),
    crate::read_model::reread_for_new_matches::<model::TournamentStages>(),
    crate::read_model::reread_for_new_matches::<model::StageGroups>(),
    crate::read_model::part::<model::GroupTeams>(),
    crate::read_model::reread_for_new_matches::<model::TournamentSlug>(),
];
