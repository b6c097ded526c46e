//! `search`: one box for people, teams, tournaments and venues, forgiving case, accents and
//! typos, best match first.
//!
//! Names are folded (`person::search_key`) and compared word by word: an exact word beats a
//! word that starts with the query, which beats a close spelling (Jaro-Winkler). The names
//! are held in memory (`index`) and read again after an edit or an import.

mod graphql;
mod index;
mod score;

pub use graphql::{SearchQuery, SearchResult};
pub use index::SearchIndex;
pub use score::score;
