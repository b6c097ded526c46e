//! National teams and clubs.

mod graphql;
mod model;
mod names;

pub use graphql::TeamQuery;
pub use model::{NewTeam, Team, TeamId, TeamKind, TeamSuccession};
pub use names::{TeamName, TeamNames};
