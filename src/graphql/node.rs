//! Relay's object identification: every entity with a global ID is a `Node`, and any of them
//! can be fetched back by that ID alone.

use async_graphql::{Context, Interface, Object, Result, ID};

use super::id;
use super::loader::load_one;
use crate::competition::{Competition, CompetitionId};
use crate::error::AppError;
use crate::graphql::partial::null_on_error;
use crate::matches::{
    Card, CardId, Goal, Match, MatchId, ShootoutKick, ShootoutKickId, Substitution, SubstitutionId,
};
use crate::person::{Person, PersonId};
use crate::team::{Team, TeamId};
use crate::tournament::{Group, GroupId, Stage, StageId, Tournament, TournamentId};
use crate::venue::{Venue, VenueId};

/// Most IDs one `nodes` call takes.
const MAX_NODES: usize = 100;

/// An object with a global ID.
#[derive(Interface)]
#[graphql(field(
    name = "id",
    ty = "ID",
    desc = "Opaque global ID, unique across all types."
))]
pub enum Node {
    Competition(Competition),
    Tournament(Tournament),
    Stage(Stage),
    Group(Group),
    Match(Match),
    Goal(Goal),
    Card(Card),
    Substitution(Substitution),
    ShootoutKick(ShootoutKick),
    Team(Team),
    Person(Person),
    Venue(Venue),
}

async fn fetch(ctx: &Context<'_>, global: &ID, argument: &str) -> Result<Option<Node>> {
    let (kind, row) = id::decode_any(global, argument)?;
    Ok(match kind.as_str() {
        "Competition" => load_one(ctx, CompetitionId(row))
            .await?
            .map(Node::Competition),
        "Tournament" => load_one(ctx, TournamentId(row))
            .await?
            .map(Node::Tournament),
        "Stage" => load_one(ctx, StageId(row)).await?.map(Node::Stage),
        "Group" => load_one(ctx, GroupId(row)).await?.map(Node::Group),
        "Match" => load_one(ctx, MatchId(row)).await?.map(Node::Match),
        "Goal" => load_one(ctx, crate::matches::GoalId(row))
            .await?
            .map(Node::Goal),
        "Card" => load_one(ctx, CardId(row)).await?.map(Node::Card),
        "Substitution" => load_one(ctx, SubstitutionId(row))
            .await?
            .map(Node::Substitution),
        "ShootoutKick" => load_one(ctx, ShootoutKickId(row))
            .await?
            .map(Node::ShootoutKick),
        "Team" => load_one(ctx, TeamId(row)).await?.map(Node::Team),
        "Person" => load_one(ctx, PersonId(row)).await?.map(Node::Person),
        "Venue" => load_one(ctx, VenueId(row)).await?.map(Node::Venue),
        _ => {
            return Err(
                AppError::bad_input(argument, format!("`{}` is not an ID", global.0)).into(),
            )
        }
    })
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global ID.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global ID, as any object's `id` gives it.")] id: ID,
    ) -> Option<Node> {
        let found: Result<Option<Node>> = async {
            match fetch(ctx, &id, "id").await? {
                Some(node) => Ok(Some(node)),
                None => Err(AppError::NotFound(format!("nothing has id `{}`", id.0)).into()),
            }
        }
        .await;
        null_on_error(ctx, found)
    }

    /// Several objects by global ID, in the order asked; null for an ID that names nothing.
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global IDs (at most 100).")] ids: Vec<ID>,
    ) -> Result<Vec<Option<Node>>> {
        if ids.len() > MAX_NODES {
            return Err(AppError::bad_input("ids", "at most 100 IDs").into());
        }
        let mut found = Vec::with_capacity(ids.len());
        for id in &ids {
            found.push(fetch(ctx, id, "ids").await?);
        }
        Ok(found)
    }
}
