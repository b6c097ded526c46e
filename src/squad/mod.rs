//! Who a team registered for a tournament: players (with shirt number, position and status)
//! and coaches; and who it left out (`omission`).

mod graphql;
mod model;
mod omission;

pub use graphql::Squad;
pub use model::{
    CoachRole, MemberStatusChanges, NewSquadMember, NewSquadStatusChange, NewTeamCoach,
    PersonCoaching, PersonSquads, Position, SquadMember, SquadStatus, SquadStatusChange, TeamCoach,
    TeamCoaches, TeamSquad,
};
pub use omission::{NewSquadOmission, PersonLeftOut, SquadLeftOut, SquadOmission};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[
    crate::read_model::part::<model::TeamSquad>(),
    crate::read_model::part::<model::TeamCoaches>(),
    crate::read_model::part::<model::PersonSquads>(),
    crate::read_model::part::<model::PersonCoaching>(),
    crate::read_model::part::<model::MemberStatusChanges>(),
    crate::read_model::part::<omission::SquadLeftOut>(),
    crate::read_model::part::<omission::PersonLeftOut>(),
];
