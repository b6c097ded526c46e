use crate::graphql::partial::null_on_error;
use async_graphql::{Context, Object, Result, ID};

use super::model::{GroupTeams, StageGroups, TournamentStages};
use super::{Group, Stage, StageKind, Tournament, TournamentId, TournamentSlug};
use crate::competition::{Competition, CompetitionId};
use crate::error::AppError;
use crate::graphql::id;
use crate::graphql::loader::{load_all, load_each, load_list, load_many, load_one, load_required};
use crate::graphql::scalars::Date;
use crate::matches::{Goal, GroupMatches, Match, MatchGoals, StageMatches, TournamentMatches};
use crate::squad::Squad;
use crate::stats::bracket::{self, BracketNode};
use crate::stats::history;
use crate::stats::scorers::{self, ScorerLine};
use crate::stats::standings::{self, StandingRow};
use crate::team::{Team, TeamId};

#[derive(Default)]
pub struct TournamentQuery;

#[Object]
impl TournamentQuery {
    /// Every tournament, oldest first.
    async fn tournaments(&self, ctx: &Context<'_>) -> Result<Vec<Tournament>> {
        load_all::<TournamentId>(ctx).await
    }

    /// A tournament by its slug, e.g. "world-cup-2022".
    async fn tournament(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tournament's slug, e.g. \"world-cup-2022\".")] slug: String,
    ) -> Option<Tournament> {
        let found = TournamentSlug::require(ctx, slug).await.map(Some);
        null_on_error(ctx, found)
    }
}

async fn optional_team(ctx: &Context<'_>, team: Option<i32>) -> Result<Option<Team>> {
    match team {
        Some(t) => load_one(ctx, TeamId(t)).await,
        None => Ok(None),
    }
}

impl Tournament {
    /// The top four, once every match is finished.
    async fn podium(&self, ctx: &Context<'_>) -> Result<history::Podium> {
        let stages: Vec<Stage> = load_list(ctx, TournamentStages(self.id)).await?;
        let matches: Vec<Match> = load_each(ctx, TournamentMatches(self.id)).await?;
        Ok(history::podium(self.year, &stages, &matches))
    }

    /// The final: the last match of the stage of kind FINAL.
    async fn final_match(&self, ctx: &Context<'_>) -> Result<Option<Match>> {
        let stages: Vec<Stage> = load_list(ctx, TournamentStages(self.id)).await?;
        let Some(stage) = stages.iter().find(|s| s.kind == StageKind::Final) else {
            return Ok(None);
        };
        let mut matches: Vec<Match> = load_each(ctx, StageMatches(stage.id)).await?;
        Ok(matches.pop())
    }

    /// Teams that played in the tournament, by name.
    async fn team_list(&self, ctx: &Context<'_>) -> Result<Vec<Team>> {
        let matches: Vec<Match> = load_each(ctx, TournamentMatches(self.id)).await?;
        let mut ids: Vec<TeamId> = matches
            .iter()
            .flat_map(|m| [TeamId(m.home_team_id), TeamId(m.away_team_id)])
            .collect();
        ids.sort_by_key(|t| t.0);
        ids.dedup();
        let mut teams = load_many(ctx, ids).await?;
        teams.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(teams)
    }
}

/// One edition of a competition, such as the 2022 World Cup.
#[Object]
impl Tournament {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        id::encode("Tournament", self.id)
    }

    /// Stable, readable key for URLs and queries, e.g. "world-cup-2022".
    async fn slug(&self) -> &str {
        &self.slug
    }

    /// Official name, e.g. "FIFA World Cup Qatar 2022".
    async fn name(&self) -> &str {
        &self.name
    }

    /// The competition this is an edition of, e.g. the FIFA World Cup.
    async fn competition(&self, ctx: &Context<'_>) -> Result<Competition> {
        load_required(ctx, CompetitionId(self.competition_id)).await
    }

    /// The year it was played (the year it started).
    async fn year(&self) -> i32 {
        self.year
    }

    /// Host country or countries, e.g. "Qatar".
    async fn host(&self) -> &str {
        &self.host
    }

    /// Date of the first match.
    async fn start_date(&self) -> Option<Date> {
        self.start_date.map(Date)
    }

    /// Date of the last match.
    async fn end_date(&self) -> Option<Date> {
        self.end_date.map(Date)
    }

    /// Stages in the order played: group stage first, final last.
    async fn stages(&self, ctx: &Context<'_>) -> Result<Vec<Stage>> {
        load_list(ctx, TournamentStages(self.id)).await
    }

    /// Every group of every group stage.
    async fn groups(&self, ctx: &Context<'_>) -> Result<Vec<Group>> {
        let stages: Vec<Stage> = load_list(ctx, TournamentStages(self.id)).await?;
        let mut groups = Vec::new();
        for stage in stages {
            groups.extend(load_list(ctx, StageGroups(stage.id)).await?);
        }
        Ok(groups)
    }

    /// Every match, in order of kick-off.
    async fn matches(&self, ctx: &Context<'_>) -> Result<Vec<Match>> {
        load_each(ctx, TournamentMatches(self.id)).await
    }

    /// Teams that played in the tournament, by name.
    async fn teams(&self, ctx: &Context<'_>) -> Result<Vec<Team>> {
        self.team_list(ctx).await
    }

    /// Each team's squad: players, shirt numbers, positions, status, and coach.
    async fn squads(&self, ctx: &Context<'_>) -> Result<Vec<Squad>> {
        Ok(self
            .team_list(ctx)
            .await?
            .into_iter()
            .map(|team| Squad {
                tournament_id: self.id,
                team,
            })
            .collect())
    }

    /// The final; null if the tournament had none (or it is not yet known).
    #[graphql(name = "final")]
    async fn final_(&self, ctx: &Context<'_>) -> Result<Option<Match>> {
        self.final_match(ctx).await
    }

    /// The champion: winner of the final (or top of the final round, as in 1950); null until
    /// the tournament is over.
    async fn winner(&self, ctx: &Context<'_>) -> Result<Option<Team>> {
        let team = self.podium(ctx).await?.winner;
        optional_team(ctx, team).await
    }

    /// The runner-up.
    async fn runner_up(&self, ctx: &Context<'_>) -> Result<Option<Team>> {
        let team = self.podium(ctx).await?.runner_up;
        optional_team(ctx, team).await
    }

    /// Third place (winner of the third-place match); null where none was played.
    async fn third_place(&self, ctx: &Context<'_>) -> Result<Option<Team>> {
        let team = self.podium(ctx).await?.third;
        optional_team(ctx, team).await
    }

    /// Fourth place.
    async fn fourth_place(&self, ctx: &Context<'_>) -> Result<Option<Team>> {
        let team = self.podium(ctx).await?.fourth;
        optional_team(ctx, team).await
    }

    /// The knockout bracket as a tree from the final back to the first knockout round; null
    /// for a tournament without a final match.
    async fn bracket(&self, ctx: &Context<'_>) -> Result<Option<BracketNode>> {
        let stages: Vec<Stage> = load_list(ctx, TournamentStages(self.id)).await?;
        let matches: Vec<Match> = load_each(ctx, TournamentMatches(self.id)).await?;
        Ok(bracket::bracket(&stages, &matches))
    }

    /// The leading scorers, most goals first, with penalties counted apart.
    async fn top_scorers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many scorers (1-50).", default = 10)] first: i32,
    ) -> Result<Vec<ScorerLine>> {
        if !(1..=50).contains(&first) {
            return Err(AppError::bad_input("first", "must be from 1 to 50").into());
        }
        let matches: Vec<Match> = load_each(ctx, TournamentMatches(self.id)).await?;
        let keys: Vec<MatchGoals> = matches.iter().map(|m| MatchGoals(m.id)).collect();
        let goals: Vec<Goal> = load_many(ctx, keys).await?.into_iter().flatten().collect();
        Ok(scorers::top_scorers(&goals, first as usize))
    }

    /// Where this record came from, and when it was loaded.
    async fn provenance(&self, ctx: &Context<'_>) -> Result<Option<crate::source::Source>> {
        crate::source::provenance(ctx, self.source_id).await
    }
}

/// A stage of a tournament: the group stage or a knockout round.
#[Object]
impl Stage {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        id::encode("Stage", self.id)
    }

    /// Name as the tournament used it, e.g. "Round of 16".
    async fn name(&self) -> &str {
        &self.name
    }

    /// What kind of round this is.
    async fn kind(&self) -> Result<StageKind> {
        Ok(self.kind)
    }

    /// Position in the tournament, from 1.
    async fn order(&self) -> i32 {
        self.ordinal
    }

    /// The tournament.
    async fn tournament(&self, ctx: &Context<'_>) -> Result<Tournament> {
        load_required(ctx, TournamentId(self.tournament_id)).await
    }

    /// Groups of this stage, by name; empty for knockout rounds.
    async fn groups(&self, ctx: &Context<'_>) -> Result<Vec<Group>> {
        load_list(ctx, StageGroups(self.id)).await
    }

    /// Matches of this stage, in order of kick-off.
    async fn matches(&self, ctx: &Context<'_>) -> Result<Vec<Match>> {
        load_each(ctx, StageMatches(self.id)).await
    }

    /// For a stage played as one table without groups (the 1950 final round): its standings.
    /// Empty for knockout rounds; group stages have theirs on each group.
    async fn standings(&self, ctx: &Context<'_>) -> Result<Vec<StandingRow>> {
        if self.kind != StageKind::FinalRound {
            return Ok(Vec::new());
        }
        let matches: Vec<Match> = load_each(ctx, StageMatches(self.id)).await?;
        let rules = rules_of(ctx, self.tournament_id).await?;
        Ok(standings::standings(&matches, rules))
    }
}

/// The tie-breakers of a tournament's group tables.
async fn rules_of(ctx: &Context<'_>, tournament_id: i32) -> Result<standings::Rules> {
    let tournament: Tournament = load_required(ctx, TournamentId(tournament_id)).await?;
    let competition: crate::competition::Competition = load_required(
        ctx,
        crate::competition::CompetitionId(tournament.competition_id),
    )
    .await?;
    Ok(standings::Rules::of(&competition.slug, tournament.year))
}

/// A group of a group stage.
#[Object]
impl Group {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        id::encode("Group", self.id)
    }

    /// Name, e.g. "Group C".
    async fn name(&self) -> &str {
        &self.name
    }

    /// The stage it belongs to.
    async fn stage(&self, ctx: &Context<'_>) -> Result<Stage> {
        load_required(ctx, super::StageId(self.stage_id)).await
    }

    /// Teams drawn into the group, by name.
    async fn teams(&self, ctx: &Context<'_>) -> Result<Vec<Team>> {
        load_list(ctx, GroupTeams(self.id)).await
    }

    /// The group's matches, in order of kick-off.
    async fn matches(&self, ctx: &Context<'_>) -> Result<Vec<Match>> {
        load_each(ctx, GroupMatches(self.id)).await
    }

    /// The group table, best first, with the edition's points and tie-breakers.
    async fn standings(&self, ctx: &Context<'_>) -> Result<Vec<StandingRow>> {
        let matches: Vec<Match> = load_each(ctx, GroupMatches(self.id)).await?;
        let stage: Stage = load_required(ctx, super::StageId(self.stage_id)).await?;
        let rules = rules_of(ctx, stage.tournament_id).await?;
        Ok(standings::standings(&matches, rules))
    }

    /// Play-offs and replays played within the group (1954, 1958): not counted in its table;
    /// a play-off's winner ranks above the team it beat.
    async fn play_offs(&self, ctx: &Context<'_>) -> Result<Vec<Match>> {
        let matches: Vec<Match> = load_each(ctx, GroupMatches(self.id)).await?;
        let extra = standings::play_offs(&matches);
        Ok(extra.into_iter().map(|i| matches[i].clone()).collect())
    }
}

impl TournamentSlug {
    /// The tournament with this slug, or a NOT_FOUND error naming it.
    pub async fn require(ctx: &Context<'_>, slug: String) -> Result<Tournament> {
        let shown = slug.clone();
        load_one(ctx, TournamentSlug(slug))
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no tournament with slug `{shown}`")).into())
    }
}
