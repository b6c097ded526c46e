//! National teams and clubs.

mod graphql;
mod model;

pub use graphql::TeamQuery;
pub use model::{NewTeam, Team, TeamId, TeamKind, TeamSuccession};
