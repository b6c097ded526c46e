//! People: players, coaches and referees.

mod graphql;
mod listing;
pub(crate) mod model;

pub use graphql::PersonQuery;
pub use listing::{PersonFilter, PersonOrder};
pub use model::{search_key, NewPerson, Person, PersonId};
