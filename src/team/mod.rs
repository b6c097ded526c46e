//! National teams and clubs.

mod graphql;
mod model;
mod names;

pub use graphql::TeamQuery;
pub use model::{
    NewTeam, Team, TeamCode, TeamId, TeamKind, TeamPredecessors, TeamSuccession, TeamSuccessors,
};
pub use names::{TeamName, TeamNames};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[
    crate::read_model::part::<model::TeamId>(),
    crate::read_model::part::<model::TeamCode>(),
    crate::read_model::part::<model::TeamPredecessors>(),
    crate::read_model::part::<model::TeamSuccessors>(),
    crate::read_model::part::<names::TeamNames>(),
];
