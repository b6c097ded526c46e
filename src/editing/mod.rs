//! Editors' writes to the reference data: teams, people, tournaments (with their stages and
//! groups) and squads. `graphql` checks the caller's key and decodes IDs; each entity's file
//! validates and writes in one transaction, refusing with the argument named.

mod checks;
mod graphql;
mod inputs;
mod person;
mod squad;
mod team;
pub(crate) mod tournament;

pub use graphql::EditingMutation;
