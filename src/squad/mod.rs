//! Who a team registered for a tournament: players (with shirt number, position and status)
//! and coaches.

mod graphql;
mod model;

pub use graphql::Squad;
pub use model::{
    CoachRole, NewSquadMember, NewTeamCoach, PersonCoaching, PersonSquads, Position, SquadMember,
    SquadStatus, TeamCoach, TeamCoaches, TeamSquad,
};
