use async_graphql::{Context, Object, Result, ID};

use super::{Venue, VenueId};
use crate::graphql::id;
use crate::graphql::loader::{load_all, load_each};
use crate::matches::{Match, VenueMatches};

#[derive(Default)]
pub struct VenueQuery;

#[Object]
impl VenueQuery {
    /// Every venue, by name.
    async fn venues(&self, ctx: &Context<'_>) -> Result<Vec<Venue>> {
        load_all::<VenueId>(ctx).await
    }
}

/// A stadium.
#[Object]
impl Venue {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        id::encode("Venue", self.id)
    }

    /// The stadium's name, e.g. "Lusail Stadium".
    async fn name(&self) -> &str {
        &self.name
    }

    /// The city (or municipality) it stands in.
    async fn city(&self) -> &str {
        &self.city
    }

    /// The country it stands in.
    async fn country(&self) -> &str {
        &self.country
    }

    /// Seats, as given for the tournament.
    async fn capacity(&self) -> Option<i32> {
        self.capacity
    }

    /// Matches played here, in order of kick-off.
    async fn matches(&self, ctx: &Context<'_>) -> Result<Vec<Match>> {
        load_each(ctx, VenueMatches(self.id)).await
    }
}
