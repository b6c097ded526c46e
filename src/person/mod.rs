//! People: players, coaches and referees.

mod graphql;
pub(crate) mod model;

pub use graphql::PersonQuery;
pub use model::{search_key, NewPerson, Person, PersonId};
