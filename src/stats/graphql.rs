use std::collections::HashSet;
use std::sync::Arc;

use async_graphql::{Context, Object, Result, Union};

use super::bracket::BracketNode;
use super::history::{self, Finish, HeadToHead, TeamRecord};
use super::scorers::ScorerLine;
use super::standings::StandingRow;
use crate::competition::{CompetitionId, CompetitionKind};
use crate::error::AppError;
use crate::graphql::loader::{load_many, load_one, load_required, snapshot};
use crate::matches::{Card, Goal, GoalId, Match, MatchId, ShootoutKick, Substitution};
use crate::person::{Person, PersonId};
use crate::read_model::{Derived, Entries, Relation, Snapshot};
use crate::response_cache::reads::{self, Scope};
use crate::team::{Team, TeamCode, TeamId};
use crate::tournament::{Stage, StageId, Tournament, TournamentId};

/// Everything the cross-tournament questions need: every tournament on the record (by year),
/// their stages and their matches, from the read model. Playbacks are not on the record.
pub struct History {
    pub tournaments: Vec<Tournament>,
    pub stages: Vec<Stage>,
    pub matches: Vec<Match>,
}

impl Derived for History {
    fn derive(snapshot: &Snapshot) -> Result<Self, AppError> {
        let competitions = snapshot.every::<CompetitionId>()?;
        let on_record = |t: &Tournament| {
            competitions
                .get(&CompetitionId(t.competition_id))
                .is_none_or(|c| c.kind != CompetitionKind::Playback)
        };
        let mut tournaments: Vec<Tournament> = values(snapshot.every::<TournamentId>()?);
        tournaments.retain(on_record);
        tournaments.sort_by(|a, b| (a.year, &a.slug).cmp(&(b.year, &b.slug)));
        let kept: HashSet<i32> = tournaments.iter().map(|t| t.id).collect();
        let mut stages: Vec<Stage> = values(snapshot.every::<StageId>()?);
        stages.retain(|s| kept.contains(&s.tournament_id));
        stages.sort_by_key(|s| (s.tournament_id, s.ordinal, s.id));
        let mut matches: Vec<Match> = values(snapshot.every::<MatchId>()?);
        matches.retain(|m| m.is_on_record() && m.tournament_id.is_some_and(|t| kept.contains(&t)));
        matches.sort_by_key(|m| (m.tournament_id, m.number, m.id));
        Ok(Self {
            tournaments,
            stages,
            matches,
        })
    }
}

/// Every goal of a match on the record, by id: the all-time scorers and the fastest goals are
/// counted over these.
pub struct EveryGoal(Vec<Goal>);

impl Derived for EveryGoal {
    fn derive(snapshot: &Snapshot) -> Result<Self, AppError> {
        let matches = snapshot.every::<MatchId>()?;
        let mut goals: Vec<Goal> = values(snapshot.every::<GoalId>()?);
        goals.retain(|g| {
            matches
                .get(&MatchId(g.match_id))
                .is_some_and(Match::is_on_record)
        });
        goals.sort_by_key(|g| g.id);
        Ok(Self(goals))
    }
}

/// Every scorer of every goal, best first: ranked once per snapshot, not per request.
pub struct AllTimeScorers(Vec<ScorerLine>);

impl Derived for AllTimeScorers {
    fn derive(snapshot: &Snapshot) -> Result<Self, AppError> {
        let every = snapshot.derived::<EveryGoal>()?;
        Ok(Self(super::scorers::top_scorers(&every.0, usize::MAX)))
    }
}

/// The goals of the matches the records are taken over (`History`), by id: worked out once per
/// snapshot, not per request.
pub struct HistoryGoals(Vec<Goal>);

impl Derived for HistoryGoals {
    fn derive(snapshot: &Snapshot) -> Result<Self, AppError> {
        let history = snapshot.derived::<History>()?;
        let in_history: HashSet<i32> = history.matches.iter().map(|m| m.id).collect();
        let every = snapshot.derived::<EveryGoal>()?;
        let goals = every.0.iter().filter(|g| in_history.contains(&g.match_id));
        Ok(Self(goals.cloned().collect()))
    }
}

fn values<K: Relation>(entries: &Entries<K>) -> Vec<K::Value> {
    entries.values().cloned().collect()
}

pub async fn load_history(ctx: &Context<'_>) -> Result<Arc<History>> {
    reads::note(ctx, Scope::EveryMatch);
    Ok(snapshot(ctx).await?.derived::<History>()?)
}

impl History {
    fn podium(&self, t: &Tournament) -> history::Podium {
        let stages: Vec<Stage> = self
            .stages
            .iter()
            .filter(|s| s.tournament_id == t.id)
            .cloned()
            .collect();
        let matches: Vec<Match> = self
            .matches
            .iter()
            .filter(|m| m.tournament_id == Some(t.id))
            .cloned()
            .collect();
        history::podium(t.year, &stages, &matches)
    }
}

#[derive(Default)]
pub struct StatsQuery;

#[Object]
impl StatsQuery {
    /// The champion of every finished tournament, oldest first.
    async fn champions(&self, ctx: &Context<'_>) -> Result<Vec<Champion>> {
        let h = load_history(ctx).await?;
        Ok(h.tournaments
            .iter()
            .filter_map(|t| {
                Some(Champion {
                    tournament_id: t.id,
                    team_id: h.podium(t).winner?,
                })
            })
            .collect())
    }

    /// The leading scorers over every tournament in the database, most goals first, with
    /// penalties counted apart.
    async fn all_time_top_scorers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many scorers (1-50).", default = 10)] first: i32,
    ) -> Result<Vec<ScorerLine>> {
        if !(1..=50).contains(&first) {
            return Err(AppError::bad_input("first", "must be from 1 to 50").into());
        }
        reads::note(ctx, Scope::EveryMatch);
        let ranked = snapshot(ctx).await?.derived::<AllTimeScorers>()?;
        Ok(ranked.0.iter().take(first as usize).cloned().collect())
    }

    /// Nations that won a tournament and the next edition of the same competition.
    async fn back_to_back_champions(&self, ctx: &Context<'_>) -> Result<Vec<BackToBack>> {
        let h = load_history(ctx).await?;
        let winners: Vec<(&Tournament, Option<i32>)> = h
            .tournaments
            .iter()
            .map(|t| (t, h.podium(t).winner))
            .collect();
        let mut runs = Vec::new();
        for pair in winners.windows(2) {
            let ((a, wa), (b, wb)) = (pair[0], pair[1]);
            if a.competition_id == b.competition_id && wa.is_some() && wa == wb {
                runs.push(BackToBack {
                    team_id: wa.unwrap_or_default(),
                    tournament_ids: vec![a.id, b.id],
                });
            }
        }
        Ok(runs)
    }

    /// Every meeting of two national teams, with totals; shootout results are counted apart
    /// from draws.
    async fn head_to_head(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "FIFA code of the first team, e.g. \"ARG\".")] team_a: String,
        #[graphql(desc = "FIFA code of the second team, e.g. \"FRA\".")] team_b: String,
    ) -> Result<HeadToHeadView> {
        let ta = load_one(ctx, TeamCode::of(&team_a)).await?;
        let tb = load_one(ctx, TeamCode::of(&team_b)).await?;
        let ta = ta
            .ok_or_else(|| AppError::bad_input("teamA", format!("no team with code `{team_a}`")))?;
        let tb = tb
            .ok_or_else(|| AppError::bad_input("teamB", format!("no team with code `{team_b}`")))?;
        let h = load_history(ctx).await?;
        Ok(HeadToHeadView {
            team_a: ta.clone(),
            team_b: tb.clone(),
            totals: history::head_to_head(ta.id, tb.id, &h.matches),
        })
    }

    /// Records that answer trivia questions, over every match in the database.
    async fn records(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many entries each list holds (1-50).", default = 5)] first: i32,
    ) -> Result<Records> {
        if !(1..=50).contains(&first) {
            return Err(AppError::bad_input("first", "must be from 1 to 50").into());
        }
        let h = load_history(ctx).await?;
        Ok(Records {
            history: h,
            first: first as usize,
        })
    }
}

pub struct Champion {
    tournament_id: i32,
    team_id: i32,
}

/// A tournament and its champion.
#[Object]
impl Champion {
    /// The tournament.
    async fn tournament(&self, ctx: &Context<'_>) -> Result<Tournament> {
        load_required(ctx, TournamentId(self.tournament_id)).await
    }

    /// The team that won it.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }
}

pub struct BackToBack {
    team_id: i32,
    tournament_ids: Vec<i32>,
}

/// Consecutive titles won by one team.
#[Object]
impl BackToBack {
    /// The team.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// The tournaments won in a row, in order.
    async fn tournaments(&self, ctx: &Context<'_>) -> Result<Vec<Tournament>> {
        load_many(
            ctx,
            self.tournament_ids
                .iter()
                .map(|t| TournamentId(*t))
                .collect(),
        )
        .await
    }
}

pub struct HeadToHeadView {
    team_a: Team,
    team_b: Team,
    totals: HeadToHead,
}

/// Two teams' meetings.
#[Object]
impl HeadToHeadView {
    /// The first team asked for.
    async fn team_a(&self) -> &Team {
        &self.team_a
    }

    /// The second team asked for.
    async fn team_b(&self) -> &Team {
        &self.team_b
    }

    /// Every meeting, oldest first.
    async fn matches(&self, ctx: &Context<'_>) -> Result<Vec<Match>> {
        load_many(
            ctx,
            self.totals.match_ids.iter().map(|m| MatchId(*m)).collect(),
        )
        .await
    }

    /// Meetings played.
    async fn played(&self) -> i32 {
        self.totals.match_ids.len() as i32
    }

    /// Won by team A in 90 or 120 minutes.
    async fn wins_a(&self) -> i32 {
        self.totals.wins_a
    }

    /// Won by team B in 90 or 120 minutes.
    async fn wins_b(&self) -> i32 {
        self.totals.wins_b
    }

    /// Level at the end and not decided by a shootout.
    async fn draws(&self) -> i32 {
        self.totals.draws
    }

    /// Level after extra time, won by team A on penalties.
    async fn shootout_wins_a(&self) -> i32 {
        self.totals.shootout_wins_a
    }

    /// Level after extra time, won by team B on penalties.
    async fn shootout_wins_b(&self) -> i32 {
        self.totals.shootout_wins_b
    }

    /// Goals by team A (shootouts not counted).
    async fn goals_a(&self) -> i32 {
        self.totals.goals_a
    }

    /// Goals by team B (shootouts not counted).
    async fn goals_b(&self) -> i32 {
        self.totals.goals_b
    }
}

pub struct Records {
    history: Arc<History>,
    first: usize,
}

fn top<T: Clone, K: Ord>(items: &[T], first: usize, key: impl Fn(&T) -> Option<K>) -> Vec<T> {
    let mut keyed: Vec<(K, &T)> = items.iter().filter_map(|i| Some((key(i)?, i))).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed
        .into_iter()
        .take(first)
        .map(|(_, i)| i.clone())
        .collect()
}

/// Trivia over every match.
#[Object]
impl Records {
    /// Matches with the most goals (extra time included, shootouts not), most first.
    async fn most_goals_in_a_match(&self) -> Vec<Match> {
        top(&self.history.matches, self.first, |m| {
            super::standings::final_goals(m)
                .map(|(h, a)| (std::cmp::Reverse(h + a), m.kickoff_utc, m.id))
        })
    }

    /// How many matches these records are taken over.
    async fn matches_considered(&self) -> i32 {
        self.history.matches.len() as i32
    }

    /// Of those, how many have a known attendance: `highestAttendances` ranks only these.
    async fn attendance_known(&self) -> i32 {
        self.history
            .matches
            .iter()
            .filter(|m| m.attendance.is_some())
            .count() as i32
    }

    /// Matches with the highest attendance, highest first, among those whose attendance is
    /// known (`attendanceKnown`).
    async fn highest_attendances(&self) -> Vec<Match> {
        top(&self.history.matches, self.first, |m| {
            m.attendance
                .map(|a| (std::cmp::Reverse(a), m.kickoff_utc, m.id))
        })
    }

    /// The fastest goals from kick-off, fastest first: by minute, and within a minute those
    /// timed to the second (`Goal.seconds`) first, by their seconds. Goals whose minute is
    /// unknown are left out.
    async fn fastest_goals(&self, ctx: &Context<'_>) -> Result<Vec<Goal>> {
        reads::note(ctx, Scope::EveryMatch);
        let goals = snapshot(ctx).await?.derived::<HistoryGoals>()?;
        Ok(top(&goals.0, self.first, |g| {
            let seconds = g.elapsed_seconds.unwrap_or(i32::MAX);
            // A goal no source times has no place in this list.
            Some((g.minute?, g.offset, seconds, g.match_id, g.id))
        }))
    }

    /// Teams that took part in the most penalty shootouts.
    async fn most_shootouts(&self) -> Vec<TeamCount> {
        history::most_shootouts(&self.history.matches, self.first)
            .into_iter()
            .map(|(team_id, count)| TeamCount { team_id, count })
            .collect()
    }
}

pub struct TeamCount {
    team_id: i32,
    count: i32,
}

/// A team and a number.
#[Object]
impl TeamCount {
    /// The team.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// How many.
    async fn count(&self) -> i32 {
        self.count
    }
}

/// One line of a group table.
#[Object]
impl StandingRow {
    /// The team.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// Matches played.
    async fn played(&self) -> i32 {
        self.played
    }

    /// Matches won.
    async fn won(&self) -> i32 {
        self.won
    }

    /// Matches drawn.
    async fn drawn(&self) -> i32 {
        self.drawn
    }

    /// Matches lost.
    async fn lost(&self) -> i32 {
        self.lost
    }

    /// Goals scored.
    async fn goals_for(&self) -> i32 {
        self.goals_for
    }

    /// Goals conceded.
    async fn goals_against(&self) -> i32 {
        self.goals_against
    }

    /// Goals scored less goals conceded.
    async fn goal_difference(&self) -> i32 {
        self.difference()
    }

    /// Points, at that edition's rate for a win (2 until 1990, 3 from 1994).
    async fn points(&self) -> i32 {
        self.points
    }

    /// Still level with a neighbour after the tie-breakers goalline computes (points, goal
    /// difference or average, goals, matches between them): the edition then used fair play
    /// or drawing lots.
    async fn tied(&self) -> bool {
        self.tied
    }
}

/// A knockout match and the matches that sent its teams there.
#[Object]
impl BracketNode {
    /// The match.
    #[graphql(name = "match")]
    async fn match_(&self, ctx: &Context<'_>) -> Result<Match> {
        load_required(ctx, MatchId(self.match_id)).await
    }

    /// The previous-round match the home team won to get here; null in the first knockout
    /// round.
    async fn home_from(&self) -> Option<&BracketNode> {
        self.home_from.as_deref()
    }

    /// The previous-round match the away team won to get here.
    async fn away_from(&self) -> Option<&BracketNode> {
        self.away_from.as_deref()
    }
}

/// A scorer's goals in a tournament.
#[Object]
impl ScorerLine {
    /// The scorer.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        load_required(ctx, PersonId(self.person_id)).await
    }

    /// The scorer's team.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// Goals scored (own goals not counted).
    async fn goals(&self) -> i32 {
        self.goals
    }

    /// How many of them were penalties (in play, not in shootouts).
    async fn penalties(&self) -> i32 {
        self.penalties
    }
}

/// A nation's record at the tournaments in the database.
#[Object]
impl TeamRecord {
    /// Tournaments played in.
    async fn tournaments(&self) -> i32 {
        self.tournaments
    }

    /// Matches played.
    async fn played(&self) -> i32 {
        self.played
    }

    /// Matches won in 90 or 120 minutes.
    async fn won(&self) -> i32 {
        self.won
    }

    /// Matches drawn, including those then decided on penalties (as FIFA counts them).
    async fn drawn(&self) -> i32 {
        self.drawn
    }

    /// Matches lost in 90 or 120 minutes.
    async fn lost(&self) -> i32 {
        self.lost
    }

    /// Goals scored.
    async fn goals_for(&self) -> i32 {
        self.goals_for
    }

    /// Goals conceded.
    async fn goals_against(&self) -> i32 {
        self.goals_against
    }

    /// Tournaments won.
    async fn titles(&self) -> i32 {
        self.titles
    }

    /// The best finish.
    async fn best_finish(&self) -> Option<Finish> {
        self.best_finish
    }
}

/// Something that happened in a match, for a timeline.
#[derive(Union)]
pub enum TimelineEvent {
    Goal(Goal),
    Card(Card),
    Substitution(Substitution),
    ShootoutKick(ShootoutKick),
}
