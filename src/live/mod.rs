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

pub use graphql::{announce_edit, LiveMutation, LiveSubscription};
pub use hub::{HubChange, LiveHub};
pub use rules::{MatchPhase, MatchState};
pub use store::{in_play, notify_everything_changed, MatchUpdate, UpdateKind};
