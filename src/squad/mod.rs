//! Who a team registered for a tournament: players (with shirt number, position and status)
//! and coaches.

mod graphql;
mod model;

pub use graphql::Squad;
pub use model::{
    CoachRole, NewSquadMember, NewSquadStatusChange, NewTeamCoach, PersonCoaching, PersonSquads,
    Position, SquadMember, SquadStatus, SquadStatusChange, TeamCoach, TeamCoaches, TeamSquad,
};
