//! The GraphQL schema: the root query assembled from the domain modules, built once at start.

pub mod gateway;
pub mod id;
pub mod limits;
pub mod list_sizes;
pub mod loader;
pub mod node;
pub mod order;
pub mod pagination;
pub mod partial;
pub mod scalars;
pub mod writes;

use std::sync::Arc;

use async_graphql::registry::Registry;
use async_graphql::{MergedObject, MergedSubscription, OutputType, Schema, SubscriptionType};

use crate::competition::CompetitionQuery;
use crate::db::Pool;
use crate::editing::EditingMutation;
use crate::live::{LiveHub, LiveMutation, LiveSubscription};
use crate::matches::MatchQuery;
use crate::person::PersonQuery;
use crate::read_model::{ReadModel, Touched};
use crate::search::{SearchIndex, SearchQuery};
use crate::stats::StatsQuery;
use crate::team::TeamQuery;
use crate::tournament::TournamentQuery;
use crate::venue::VenueQuery;

pub use gateway::Gateway;
pub use limits::QueryLimits;

/// Everything that can be asked.
#[derive(MergedObject, Default)]
pub struct Query(
    CompetitionQuery,
    TournamentQuery,
    MatchQuery,
    TeamQuery,
    PersonQuery,
    VenueQuery,
    StatsQuery,
    SearchQuery,
    node::NodeQuery,
);

/// Everything that can be written (with an API key).
#[derive(MergedObject, Default)]
pub struct Mutation(LiveMutation, EditingMutation);

/// Everything that can be followed live, over WebSocket.
#[derive(MergedSubscription, Default)]
pub struct Subscription(LiveSubscription);

pub type GoallineSchema = Schema<Query, Mutation, Subscription>;

/// What a request may ask (`limits`), and whether introspection is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaOptions {
    pub limits: QueryLimits,
    pub introspection: bool,
    /// Longest the read model and the search index are kept without a change to invalidate
    /// them (another process importing into a SQLite file sends none).
    pub read_lifetime: std::time::Duration,
}

impl Default for SchemaOptions {
    fn default() -> Self {
        Self {
            limits: QueryLimits::DEFAULT,
            introspection: true,
            read_lifetime: std::time::Duration::from_secs(300),
        }
    }
}

/// The read model of every relation resolvers look up, told of every change the hub hears.
pub fn read_model(pool: Pool, hub: &LiveHub, lifetime: std::time::Duration) -> Arc<ReadModel> {
    let model = Arc::new(ReadModel::new(pool, loader::relations(), lifetime));
    let told = Arc::clone(&model);
    hub.observe(move |change| match change {
        crate::live::HubChange::Everything => told.everything_changed(),
        // A change to a match the model does not hold yet may come with rows made for it that
        // no match patch reads (a playback's stage and edition, written by another process).
        crate::live::HubChange::Match(update) if !holds(&told, update.match_id) => {
            told.match_changed(update.match_id, Touched::New)
        }
        crate::live::HubChange::Match(update) => {
            told.match_changed(update.match_id, update.kind.rows_written())
        }
    });
    model
}

/// Whether the model's last snapshot holds match `id` (none made yet: nothing to patch).
fn holds(model: &ReadModel, id: i32) -> bool {
    model.latest().is_none_or(|snapshot| {
        snapshot
            .get(&crate::matches::MatchId(id))
            .is_ok_and(|m| m.is_some())
    })
}

/// The schema with its shared data (the pool, the read model, the live hub), behind the
/// gateway that applies its limits.
pub fn build_schema(
    pool: Pool,
    model: Arc<ReadModel>,
    hub: LiveHub,
    options: SchemaOptions,
) -> Gateway {
    let limits = options.limits;
    let index = Arc::new(SearchIndex::new(options.read_lifetime));
    let observed = Arc::clone(&index);
    hub.observe(move |change| {
        if matches!(change, crate::live::HubChange::Everything) {
            observed.invalidate();
        }
    });
    let build = || {
        let mut builder = schema_builder()
            // async-graphql's own guards, behind the checks of `Limits`.
            .limit_recursive_depth(limits.nesting_limit())
            .limit_directives(limits.max_directives)
            .data(Arc::clone(&model))
            .data(hub.clone())
            .data(Arc::clone(&index))
            .data(pool.clone());
        if !options.introspection {
            builder = builder.disable_introspection();
        }
        builder
    };
    // Reads have no extension: async-graphql would wrap every field's resolver in it (see
    // `gateway`). Writes need an editor's key.
    let schemas = gateway::Schemas {
        reads: build().finish(),
        validated_reads: build()
            .validation_mode(async_graphql::ValidationMode::Fast)
            .finish(),
        writes: build().extension(writes::WritesNeedAKey).finish(),
    };
    let limits = limits::Limits::new(limits, options.introspection, Arc::new(registry()));
    Gateway::new(schemas, model, limits)
}

fn schema_builder() -> async_graphql::SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
}

/// The schema's types, as `limits` measures a document against them (async-graphql keeps the
/// registry of a built schema to itself).
fn registry() -> Registry {
    let mut registry = Registry {
        types: Default::default(),
        directives: Default::default(),
        implements: Default::default(),
        query_type: <Query as OutputType>::type_name().into_owned(),
        mutation_type: Some(<Mutation as OutputType>::type_name().into_owned()),
        subscription_type: Some(<Subscription as SubscriptionType>::type_name().into_owned()),
        introspection_mode: async_graphql::IntrospectionMode::Enabled,
        enable_federation: false,
        federation_subscription: false,
        ignore_name_conflicts: Default::default(),
        enable_suggestions: true,
    };
    <Query as OutputType>::create_type_info(&mut registry);
    <Mutation as OutputType>::create_type_info(&mut registry);
    <Subscription as SubscriptionType>::create_type_info(&mut registry);
    registry
}

/// The schema in SDL, as checked in at `schema.graphql`.
pub fn sdl() -> String {
    schema_builder().finish().sdl()
}
