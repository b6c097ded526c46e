//! `search`: one box for people, teams, tournaments and venues, forgiving case, accents and
//! typos, best match first.
//!
//! Names are folded (`person::search_key`) and compared word by word: an exact word beats a
//! word that starts with the query, which beats a close spelling (Jaro-Winkler). Candidates
//! are read from the database for each search, so new data is found at once.

mod graphql;
mod score;

pub use graphql::{SearchQuery, SearchResult};
pub use score::score;
