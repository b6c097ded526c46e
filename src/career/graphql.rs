use async_graphql::{Context, Object, Result};

use super::{Award, ClubSpell, InternationalCareer};
use crate::graphql::loader::{load_list, load_one, load_required};
use crate::graphql::scalars::Date;
use crate::matches::{Goal, LineupEntry, PersonAppearances, PersonGoals};
use crate::team::{Team, TeamId};

/// A period a person spent at a club.
#[Object]
impl ClubSpell {
    /// The club.
    async fn club(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// When the spell began.
    async fn from(&self) -> Date {
        Date(self.start_date)
    }

    /// When it ended; null while it lasts (or where the source does not say).
    async fn until(&self) -> Option<Date> {
        self.end_date.map(Date)
    }

    /// Where this fact comes from.
    async fn source(&self) -> &str {
        &self.source
    }
}

/// An individual award, such as the Ballon d'Or.
#[Object]
impl Award {
    /// The award's name, e.g. "Ballon d'Or".
    async fn name(&self) -> &str {
        &self.name
    }

    /// The season or year it rewards, e.g. "2022".
    async fn season(&self) -> &str {
        &self.season
    }

    /// The day it was presented.
    async fn awarded_on(&self) -> Option<Date> {
        self.awarded_on.map(Date)
    }

    /// Where this fact comes from.
    async fn source(&self) -> &str {
        &self.source
    }
}

/// A player's career with a national team: totals from a cited source, next to what
/// goalline's own match data (World Cup matches) shows.
#[Object]
impl InternationalCareer {
    /// The national team.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// Date of the first cap.
    async fn debut_on(&self) -> Option<Date> {
        self.debut_on.map(Date)
    }

    /// The opponent in the first cap.
    async fn debut_opponent(&self, ctx: &Context<'_>) -> Result<Option<Team>> {
        match self.debut_opponent_id {
            Some(t) => load_one(ctx, TeamId(t)).await,
            None => Ok(None),
        }
    }

    /// The day the player retired from the national team; null if still available.
    async fn retired_on(&self) -> Option<Date> {
        self.retired_on.map(Date)
    }

    /// Caps and goals in all international matches, as the cited source counts them.
    async fn curated_totals(&self) -> CuratedTotals<'_> {
        CuratedTotals(self)
    }

    /// Appearances and goals for this team in the matches goalline holds, computed from
    /// line-ups (World Cups, EURO squads) and goals (every international since 1872 whose
    /// scorers the files name), with how much of the curated goal total they cover.
    async fn match_data_totals(&self, ctx: &Context<'_>) -> Result<MatchDataTotals> {
        let appearances: Vec<LineupEntry> =
            load_list(ctx, PersonAppearances(self.person_id)).await?;
        let goals: Vec<Goal> = load_list(ctx, PersonGoals(self.person_id)).await?;
        let scored: Vec<&Goal> = goals
            .iter()
            .filter(|g| g.team_id == self.team_id && !g.own_goal)
            .collect();
        let mut scoring_matches: Vec<i32> = scored.iter().map(|g| g.match_id).collect();
        scoring_matches.sort_unstable();
        scoring_matches.dedup();
        Ok(MatchDataTotals {
            appearances: appearances
                .iter()
                .filter(|a| a.team_id == self.team_id)
                .count() as i32,
            goals: scored.len() as i32,
            scoring_matches: scoring_matches.len() as i32,
            curated_goals: self.goals,
        })
    }
}

pub struct CuratedTotals<'a>(&'a InternationalCareer);

/// International totals as a source reports them.
#[Object]
impl CuratedTotals<'_> {
    /// Matches played for the team (caps).
    async fn caps(&self) -> Option<i32> {
        self.0.caps
    }

    /// Goals scored for the team.
    async fn goals(&self) -> Option<i32> {
        self.0.goals
    }

    /// The day the totals were true (final once the player has retired).
    async fn as_of(&self) -> Option<Date> {
        self.0.totals_as_of.map(Date)
    }

    /// Where these totals come from.
    async fn source(&self) -> &str {
        &self.0.source
    }
}

pub struct MatchDataTotals {
    appearances: i32,
    goals: i32,
    scoring_matches: i32,
    curated_goals: Option<i32>,
}

/// Totals computed from the matches in goalline's database.
#[Object]
impl MatchDataTotals {
    /// Matches in which the player started or came on.
    async fn appearances(&self) -> i32 {
        self.appearances
    }

    /// Goals scored for the team (own goals not counted).
    async fn goals(&self) -> i32 {
        self.goals
    }

    /// Matches in which the player scored for the team.
    async fn scoring_matches(&self) -> i32 {
        self.scoring_matches
    }

    /// The share of the curated goal total that the match data records (0 to 1); null
    /// without a curated total. Below 1 where the files lack a match or its scorers.
    async fn goal_coverage(&self) -> Option<f64> {
        let curated = self.curated_goals.filter(|g| *g > 0)?;
        Some((f64::from(self.goals) / f64::from(curated)).min(1.0))
    }
}
