//! Who a team registered for a tournament: players (with shirt number, position and status)
//! and coaches; and who it left out (`omission`).

mod graphql;
mod model;
mod omission;

pub use graphql::Squad;
pub use model::{
    CoachRole, NewSquadMember, NewSquadStatusChange, NewTeamCoach, PersonCoaching, PersonSquads,
    Position, SquadMember, SquadStatus, SquadStatusChange, TeamCoach, TeamCoaches, TeamSquad,
};
pub use omission::{NewSquadOmission, PersonLeftOut, SquadLeftOut, SquadOmission};
