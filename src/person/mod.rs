//! People: players, coaches and referees.

mod graphql;
mod listing;
pub(crate) mod model;
mod names;

pub use graphql::PersonQuery;
pub use listing::{PersonFilter, PersonOrder};
pub use model::{
    of_playing_age, search_key, NewPerson, NewPersonWithId, Person, PersonAlias, PersonAliases,
    PersonId,
};
pub use names::{
    names_close, names_of_one_born_together, restores_diacritics, surnames_close,
    transliteration_key, umlaut_key,
};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[
    crate::read_model::part::<model::PersonId>(),
    crate::read_model::part::<model::PersonAliases>(),
    crate::read_model::part::<model::PersonName>(),
];
