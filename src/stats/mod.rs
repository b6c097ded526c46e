//! Answers computed from match data: group standings, knockout brackets, scorers, a nation's
//! record, head-to-head, champions and trivia. Plain functions over rows; the GraphQL types in
//! `graphql.rs` load the rows (batched) and call them.

pub mod bracket;
pub mod graphql;
pub mod history;
pub mod scorers;
pub mod standings;

pub use graphql::StatsQuery;
