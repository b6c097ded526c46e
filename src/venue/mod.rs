//! Stadiums.

mod graphql;
mod model;

pub use graphql::VenueQuery;
pub use model::{NewVenue, Venue, VenueId};
