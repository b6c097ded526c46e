//! Live matches: editors record a match as it happens (`record`, checked by `rules`, applied
//! by `store`), and subscribers receive each change (`hub`, `graphql`), on this instance and,
//! through PostgreSQL's LISTEN/NOTIFY, on every other. `replay` plays a finished match back.

mod fixture;
mod graphql;
mod hub;
mod record;
pub mod replay;
mod rules;
mod store;

pub use graphql::{LiveMutation, LiveSubscription};
pub use hub::LiveHub;
pub use rules::{MatchPhase, MatchState};
pub use store::{MatchUpdate, UpdateKind};
