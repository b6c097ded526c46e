//! goalline: football knowledge served as one GraphQL API.
//!
//! Reading order: `startup` (how the server is put together), then one domain module such as
//! `matches`, then its tests in `tests/api/`.

pub mod auth;
pub mod bulk_load;
pub mod config;
pub mod csv_line;
pub mod db;
pub mod digest;
pub mod error;
pub mod graphql;
pub mod http;
pub mod id_pool;
pub mod import;
pub mod read_model;
pub mod response_cache;
pub mod schema;
pub mod seed;
pub mod startup;
pub mod telemetry;
pub mod text_enum;

pub mod career;
pub mod competition;
pub mod editing;
pub mod live;
pub mod matches;
pub mod person;
pub mod search;
pub mod source;
pub mod squad;
pub mod stats;
pub mod team;
pub mod tournament;
pub mod venue;

#[cfg(test)]
mod layers;
