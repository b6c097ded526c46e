use async_graphql::{Context, Object, Result, ID};

use super::model::{TeamPredecessors, TeamSuccessors};
use super::{Team, TeamCode, TeamId, TeamKind, TeamSuccession};
use crate::error::AppError;
use crate::graphql::id;
use crate::graphql::loader::{load_all, load_each, load_list, load_one};
use crate::graphql::partial::null_on_error;
use crate::matches::{Match, TeamMatches};
use crate::person::{Person, PersonId};
use crate::squad::{SquadMember, TeamCoaches, TeamSquad};
use crate::tournament::TournamentSlug;

#[derive(Default)]
pub struct TeamQuery;

#[Object]
impl TeamQuery {
    /// Every team, by name.
    async fn teams(&self, ctx: &Context<'_>) -> Result<Vec<Team>> {
        load_all::<TeamId>(ctx).await
    }

    /// A team by its ID or its FIFA code (e.g. "ARG"); give exactly one.
    async fn team(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The team's ID (`Team.id`).")] id: Option<ID>,
        #[graphql(desc = "FIFA's three-letter code, in any case, e.g. \"ARG\".")] code: Option<
            String,
        >,
    ) -> Option<Team> {
        let found: Result<Option<Team>> = async {
            let found = match (id, code) {
                (Some(id), None) => {
                    let row = id::decode(&id, "Team", "id")?;
                    load_one(ctx, TeamId(row)).await?
                }
                (None, Some(code)) => load_one(ctx, TeamCode::of(&code)).await?,
                _ => {
                    return Err(
                        AppError::bad_input("id", "give exactly one of `id` and `code`").into(),
                    )
                }
            };
            found
                .map(Some)
                .ok_or_else(|| AppError::NotFound("no such team".into()).into())
        }
        .await;
        null_on_error(ctx, found)
    }
}

/// A national team or a club.
#[Object]
impl Team {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        id::encode("Team", self.id)
    }

    /// The name in common English use, e.g. "Argentina".
    async fn name(&self) -> &str {
        &self.name
    }

    /// FIFA's three-letter code, e.g. "ARG"; null where there is none.
    async fn code(&self) -> Option<&str> {
        self.fifa_code.as_deref()
    }

    /// National team or club.
    async fn kind(&self) -> Result<TeamKind> {
        Ok(self.kind)
    }

    /// The players the team registered for a tournament, by shirt number.
    async fn squad(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tournament's slug, e.g. \"world-cup-2022\".")] tournament: String,
    ) -> Result<Vec<SquadMember>> {
        let tournament = TournamentSlug::require(ctx, tournament).await?;
        load_list(
            ctx,
            TeamSquad {
                team_id: self.id,
                tournament_id: tournament.id,
            },
        )
        .await
    }

    /// The team's head coach at a tournament.
    async fn coach(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tournament's slug, e.g. \"world-cup-2022\".")] tournament: String,
    ) -> Result<Option<Person>> {
        let tournament = TournamentSlug::require(ctx, tournament).await?;
        let coaches: Vec<crate::squad::TeamCoach> = load_list(
            ctx,
            TeamCoaches {
                team_id: self.id,
                tournament_id: tournament.id,
            },
        )
        .await?;
        match coaches.first() {
            Some(c) => load_one(ctx, PersonId(c.person_id)).await,
            None => Ok(None),
        }
    }

    /// Matches the team played, in order of kick-off; optionally only those of one tournament.
    async fn matches(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this tournament's matches (its slug).")] tournament: Option<String>,
    ) -> Result<Vec<Match>> {
        let all: Vec<Match> = load_each(ctx, TeamMatches(self.id)).await?;
        match tournament {
            None => Ok(all),
            Some(slug) => {
                let t = TournamentSlug::require(ctx, slug).await?;
                Ok(all
                    .into_iter()
                    .filter(|m| m.tournament_id == Some(t.id))
                    .collect())
            }
        }
    }

    /// The team's record at the tournaments in the database: matches, results, goals, titles
    /// and best finish. Predecessors' records are their own.
    async fn record(&self, ctx: &Context<'_>) -> Result<crate::stats::history::TeamRecord> {
        let h = crate::stats::graphql::load_history(ctx).await?;
        Ok(crate::stats::history::team_record(
            self.id,
            &h.tournaments,
            &h.stages,
            &h.matches,
        ))
    }

    /// Other names the sources give the team: former names with the dates they were used
    /// (earliest first), then spellings without dates.
    async fn names(&self, ctx: &Context<'_>) -> Result<Vec<super::TeamName>> {
        load_list(ctx, super::TeamNames(self.id)).await
    }

    /// Teams this one succeeded, e.g. West Germany for Germany. Their records stay their own.
    async fn predecessors(&self, ctx: &Context<'_>) -> Result<Vec<Lineage>> {
        let links: Vec<TeamSuccession> = load_list(ctx, TeamPredecessors(self.id)).await?;
        Ok(links
            .into_iter()
            .map(|l| Lineage {
                team_id: l.predecessor_id,
                link: l,
            })
            .collect())
    }

    /// Teams that succeeded this one, e.g. Germany for West Germany.
    async fn successors(&self, ctx: &Context<'_>) -> Result<Vec<Lineage>> {
        let links: Vec<TeamSuccession> = load_list(ctx, TeamSuccessors(self.id)).await?;
        Ok(links
            .into_iter()
            .map(|l| Lineage {
                team_id: l.successor_id,
                link: l,
            })
            .collect())
    }
}

pub struct Lineage {
    team_id: i32,
    link: TeamSuccession,
}

/// A link between a national team and the one that succeeded it.
#[Object]
impl Lineage {
    /// The team at the other end of the link.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        crate::graphql::loader::load_required(ctx, TeamId(self.team_id)).await
    }

    /// The year the successor first played under its own name.
    async fn since_year(&self) -> i32 {
        self.link.since_year
    }

    /// What happened.
    async fn note(&self) -> &str {
        &self.link.note
    }
}
