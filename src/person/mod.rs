//! People: players, coaches and referees.

mod graphql;
mod listing;
pub(crate) mod model;
mod names;

pub use graphql::PersonQuery;
pub use listing::{PersonFilter, PersonOrder};
pub use model::{search_key, NewPerson, NewPersonWithId, Person, PersonAlias, PersonId};
pub use names::{names_close, restores_diacritics, surnames_close, transliteration_key};
