//! Stadiums.

mod graphql;
mod model;

pub use graphql::VenueQuery;
pub use model::{NewVenue, Venue, VenueId};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[crate::read_model::part::<model::VenueId>()];
