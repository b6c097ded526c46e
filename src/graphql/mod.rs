//! The GraphQL schema: the root query assembled from the domain modules, built once at start.

pub mod error_codes;
pub mod id;
pub mod loader;
pub mod scalars;
pub mod text_enum;

use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema};

use crate::db::Pool;
use crate::matches::MatchQuery;
use crate::person::PersonQuery;
use crate::team::TeamQuery;
use crate::tournament::TournamentQuery;
use crate::venue::VenueQuery;

/// Everything that can be asked.
#[derive(MergedObject, Default)]
pub struct Query(
    TournamentQuery,
    MatchQuery,
    TeamQuery,
    PersonQuery,
    VenueQuery,
);

pub type GoallineSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// The schema with its shared data (the pool and the batching loader).
pub fn build_schema(pool: Pool) -> GoallineSchema {
    schema_builder()
        .data(loader::loaders(pool.clone()))
        .data(pool)
        .finish()
}

fn schema_builder() -> async_graphql::SchemaBuilder<Query, EmptyMutation, EmptySubscription> {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .extension(error_codes::ErrorCodes)
}

/// The schema in SDL, as checked in at `schema.graphql`.
pub fn sdl() -> String {
    schema_builder().finish().sdl()
}
