//! A person's career beyond World Cup matches, curated from cited sources: club spells,
//! awards, and international careers with their totals, debut and retirement.

mod graphql;
mod model;

pub use model::{
    Award, ClubSpell, InternationalCareer, NewAward, NewClubSpell, NewInternationalCareer,
    PersonAwards, PersonCareers, PersonClubSpells,
};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[
    crate::read_model::part::<model::PersonClubSpells>(),
    crate::read_model::part::<model::PersonAwards>(),
    crate::read_model::part::<model::PersonCareers>(),
];
