//! End-to-end tests: each starts goalline on a fresh database and asks it over HTTP.
//! One test binary, one file per feature.

mod data;
mod helpers;

mod batching;
mod caching;
mod careers;
mod database;
mod editing;
mod final_2022;
mod fuzz;
mod http;
mod import;
mod import_cli;
mod import_url;
mod internationals;
mod limits;
mod listing;
mod live;
mod matches_2022;
mod metrics;
mod people;
mod persisted;
mod playback;
mod questions_2022;
mod questions_history;
mod rate_limit;
mod read_model;
mod reconciliation;
mod response_cache;
mod restart;
mod schema;
mod search;
mod seed;
mod squads_2022;
mod writes;
