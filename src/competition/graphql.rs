use crate::error::AppError;
use crate::graphql::partial::null_on_error;
use async_graphql::{Context, Object, Result, ID};

use super::{Competition, CompetitionId, CompetitionKind};
use crate::graphql::id;
use crate::graphql::loader::{load_all, load_list};
use crate::tournament::model::CompetitionEditions;
use crate::tournament::Tournament;

#[derive(Default)]
pub struct CompetitionQuery;

#[Object]
impl CompetitionQuery {
    /// Every competition goalline has matches of (the FIFA World Cup, the UEFA European
    /// Championship, friendlies, each qualification, ...), by name.
    async fn competitions(&self, ctx: &Context<'_>) -> Result<Vec<Competition>> {
        load_all::<CompetitionId>(ctx).await
    }

    /// A competition by its slug, e.g. "world-cup", "euro", "friendly".
    async fn competition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The competition's slug, e.g. \"euro\".")] slug: String,
    ) -> Option<Competition> {
        let found = load_all::<CompetitionId>(ctx).await.and_then(|all| {
            match all.into_iter().find(|c| c.slug == slug) {
                Some(c) => Ok(Some(c)),
                None => {
                    Err(AppError::NotFound(format!("no competition with slug `{slug}`")).into())
                }
            }
        });
        null_on_error(ctx, found)
    }
}

/// A competition national teams play in: a final tournament played in editions, its
/// qualification, a league, or friendlies. Its matches: `matches(filter: {competition: slug})`.
#[Object]
impl Competition {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        id::encode("Competition", self.id)
    }

    /// Stable, readable key, e.g. "world-cup", "euro-qualification", "friendly".
    async fn slug(&self) -> &str {
        &self.slug
    }

    /// Official name, e.g. "UEFA European Championship".
    async fn name(&self) -> &str {
        &self.name
    }

    /// How it is played.
    async fn kind(&self) -> CompetitionKind {
        self.kind
    }

    /// The confederation that runs it (FIFA, UEFA, CONMEBOL, ...), where one does.
    async fn confederation(&self) -> Option<&str> {
        self.confederation.as_deref()
    }

    /// Its editions, oldest first (none for friendlies and most qualifiers).
    async fn editions(&self, ctx: &Context<'_>) -> Result<Vec<Tournament>> {
        load_list(ctx, CompetitionEditions(self.id)).await
    }
}
