use async_graphql::{Context, Object, Result, ID};

use super::claims::{GoalClaimRow, GoalClaims, Witness};
use super::events::{CardKind, MatchCards, MatchGoals, MatchSubstitutions};
use super::lineup::{MatchLineups, MatchOfficials, OfficialRole};
use super::listing::{MatchFilter, MatchOrder};
use super::model::{DecidedBy, MatchId, MatchStatus, Period, ScoreLine};
use super::shootout::{KickOutcome, MatchKicks};
use super::{Card, Goal, LineupEntry, Match, MatchOfficial, ShootoutKick, Substitution};
use crate::competition::{Competition, CompetitionId};
use crate::error::AppError;
use crate::graphql::id;
use crate::graphql::loader::{load_each, load_list, load_one, load_required};
use crate::graphql::pagination::{load_page, window, Page, PageArgs};
use crate::graphql::partial::null_on_error;
use crate::graphql::scalars::{Date, DateTime};
use crate::person::{Person, PersonId};
use crate::stats::graphql::TimelineEvent;
use crate::team::{Team, TeamId};
use crate::tournament::{Group, GroupId, Stage, StageId, StageKind, Tournament, TournamentId};
use crate::venue::{Venue, VenueId};

#[derive(Default)]
pub struct MatchQuery;

#[Object]
impl MatchQuery {
    /// Matches across every tournament, filtered and ordered, as a Relay connection (pages of
    /// 1-100, 20 by default).
    #[allow(clippy::too_many_arguments)]
    async fn matches(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which matches (every condition must hold).")] filter: Option<MatchFilter>,
        #[graphql(desc = "Their order (oldest kick-off first when not given).")] order_by: Option<
            MatchOrder,
        >,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (1-100).")] first: Option<i32>,
        #[graphql(desc = "The last n items (1-100).")] last: Option<i32>,
    ) -> Result<Page<Match>> {
        let args = PageArgs {
            after,
            before,
            first,
            last,
        };
        let filter = filter.unwrap_or_default();
        let order = order_by.unwrap_or_default();
        load_page(ctx, args, move |c, args| {
            super::listing::list(c, &filter, order, |total| window(args, total))
        })
        .await
    }

    /// A match by its ID.
    #[graphql(name = "match")]
    async fn match_(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The match's ID (`Match.id`).")] id: ID,
    ) -> Option<Match> {
        let found = async {
            let row = id::decode(&id, "Match", "id")?;
            match load_one(ctx, MatchId(row)).await? {
                Some(m) => Ok(Some(m)),
                None => Err(AppError::NotFound(format!("no match with id `{}`", id.0)).into()),
            }
        };
        null_on_error(ctx, found.await)
    }
}

/// A football match. The first-named team is the home team, as in official fixtures, even at a
/// neutral venue.
#[Object]
impl Match {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        id::encode("Match", self.id)
    }

    /// The match's number within its edition, in order of kick-off (1 is the opening match);
    /// null for a match outside an edition (a friendly, most qualifiers).
    async fn number(&self) -> Option<i32> {
        self.number
    }

    /// The recorded match this one plays back (`goalline replay`, in the competition
    /// `playbacks`); null for a match on the record. Records, tables, head-to-head and
    /// people's matches leave playbacks out.
    async fn playback_of(&self, ctx: &Context<'_>) -> Result<Option<Match>> {
        match self.playback_of {
            Some(id) => load_one(ctx, MatchId(id)).await,
            None => Ok(None),
        }
    }

    /// The competition it was played in (the FIFA World Cup, a friendly, a qualification).
    async fn competition(&self, ctx: &Context<'_>) -> Result<Competition> {
        load_required(ctx, CompetitionId(self.competition_id)).await
    }

    /// The local date it was played on.
    async fn date(&self) -> Option<Date> {
        self.played_on.map(Date)
    }

    /// The city it was played in, where the sources name one.
    async fn city(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        if self.city.is_some() {
            return Ok(self.city.clone());
        }
        let Some(venue) = self.venue_id else {
            return Ok(None);
        };
        Ok(load_one(ctx, VenueId(venue)).await?.map(|v| v.city))
    }

    /// Whether it was played on neutral ground, where a source says.
    async fn neutral(&self) -> Option<bool> {
        self.neutral
    }

    /// Kick-off in the venue's local time, with its UTC offset (ISO 8601).
    async fn kickoff(&self) -> Option<DateTime> {
        self.local_kickoff().map(DateTime)
    }

    /// Whether the match is scheduled, under way or finished.
    async fn status(&self) -> MatchStatus {
        self.status
    }

    /// While the match is played live: where it stands (first half, half time, ...); also
    /// FULL_TIME for a match recorded live to its end; null otherwise.
    async fn phase(&self) -> Option<super::MatchPhase> {
        self.phase
    }

    /// Goals so far for each team, counting extra time but not a shootout: for a live match,
    /// counted from its goals as recorded; for a finished one, its final score; null before
    /// kick-off.
    async fn current_score(&self, ctx: &Context<'_>) -> Result<Option<ScoreLine>> {
        match self.status {
            MatchStatus::Scheduled => Ok(None),
            MatchStatus::Finished => Ok(self.extra_time().or(self.full_time())),
            MatchStatus::Live => {
                let goals: Vec<Goal> = load_list(ctx, MatchGoals(self.id)).await?;
                let home = goals
                    .iter()
                    .filter(|g| g.team_id == self.home_team_id)
                    .count();
                Ok(Some(ScoreLine {
                    home: home as i32,
                    away: (goals.len() - home) as i32,
                }))
            }
        }
    }

    /// Spectators in the stadium, as officially reported.
    async fn attendance(&self) -> Option<i32> {
        self.attendance
    }

    /// The edition the match belongs to; null for a friendly or a qualifier played outside
    /// an edition goalline knows.
    async fn tournament(&self, ctx: &Context<'_>) -> Result<Option<Tournament>> {
        match self.tournament_id {
            Some(id) => load_one(ctx, TournamentId(id)).await,
            None => Ok(None),
        }
    }

    /// The stage (round) of the edition, where the sources say.
    async fn stage(&self, ctx: &Context<'_>) -> Result<Option<Stage>> {
        match self.stage_id {
            Some(id) => load_one(ctx, StageId(id)).await,
            None => Ok(None),
        }
    }

    /// The group, for group-stage matches.
    async fn group(&self, ctx: &Context<'_>) -> Result<Option<Group>> {
        match self.group_id {
            Some(g) => load_one(ctx, GroupId(g)).await,
            None => Ok(None),
        }
    }

    /// Where the match was played.
    async fn venue(&self, ctx: &Context<'_>) -> Result<Option<Venue>> {
        match self.venue_id {
            Some(v) => load_one(ctx, VenueId(v)).await,
            None => Ok(None),
        }
    }

    /// The first-named team.
    async fn home_team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.home_team_id)).await
    }

    /// The second-named team.
    async fn away_team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.away_team_id)).await
    }

    /// The score at each point of the match, each counted on its own so none can be misread.
    async fn score(&self) -> MatchScore {
        MatchScore {
            result: self.result(),
            half_time: self.half_time(),
            full_time: self.full_time(),
            extra_time: self.extra_time(),
            penalties: self.penalties(),
        }
    }

    /// The team that won, by goals or on penalties; null for a draw or an unfinished match.
    async fn winner(&self, ctx: &Context<'_>) -> Result<Option<Team>> {
        match self.winner_id() {
            Some(t) => load_one(ctx, TeamId(t)).await,
            None => Ok(None),
        }
    }

    /// How the result was reached; null until the match is finished, and null for a match
    /// the sources leave incomplete (`incomplete`).
    async fn decided_by(&self, ctx: &Context<'_>) -> Result<Option<DecidedBy>> {
        if self.is_incomplete(ctx).await? {
            return Ok(None);
        }
        Ok(self.decision())
    }

    /// A knockout match the sources leave level with no winner: its shootout (or replay) is
    /// missing from the files. It is not a draw: `winner` and `decidedBy` stay null.
    async fn incomplete(&self, ctx: &Context<'_>) -> Result<bool> {
        self.is_incomplete(ctx).await
    }

    /// Goals in the order they were scored, own goals included.
    async fn goals(&self, ctx: &Context<'_>) -> Result<Vec<Goal>> {
        load_list(ctx, MatchGoals(self.id)).await
    }

    /// Yellow and red cards in the order they were shown.
    async fn cards(&self, ctx: &Context<'_>) -> Result<Vec<Card>> {
        load_list(ctx, MatchCards(self.id)).await
    }

    /// Substitutions in the order they were made.
    async fn substitutions(&self, ctx: &Context<'_>) -> Result<Vec<Substitution>> {
        load_list(ctx, MatchSubstitutions(self.id)).await
    }

    /// Both line-ups: the starting eleven and every substitute who came on.
    async fn lineups(&self, ctx: &Context<'_>) -> Result<MatchLineupPair> {
        let all: Vec<LineupEntry> = load_list(ctx, MatchLineups(self.id)).await?;
        let (home, away) = all
            .into_iter()
            .partition(|entry| entry.team_id == self.home_team_id);
        Ok(MatchLineupPair { home, away })
    }

    /// The referee and assistants.
    async fn officials(&self, ctx: &Context<'_>) -> Result<Vec<MatchOfficial>> {
        load_list(ctx, MatchOfficials(self.id)).await
    }

    /// The referee.
    async fn referee(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        let officials: Vec<MatchOfficial> = load_list(ctx, MatchOfficials(self.id)).await?;
        match officials.iter().find(|o| o.role == OfficialRole::Referee) {
            Some(o) => load_one(ctx, PersonId(o.person_id)).await,
            None => Ok(None),
        }
    }

    /// Goals, cards, substitutions and shootout kicks merged in the order they happened, each
    /// typed, ready to render.
    async fn timeline(&self, ctx: &Context<'_>) -> Result<Vec<TimelineEvent>> {
        let goals: Vec<Goal> = load_list(ctx, MatchGoals(self.id)).await?;
        let cards: Vec<Card> = load_list(ctx, MatchCards(self.id)).await?;
        let subs: Vec<Substitution> = load_list(ctx, MatchSubstitutions(self.id)).await?;
        let kicks: Vec<ShootoutKick> = load_list(ctx, MatchKicks(self.id)).await?;
        // (minute, offset, order within a minute: goals, then cards, then substitutions).
        // Goals no source times come after the other events, before the shootout.
        let mut events: Vec<((i32, i32, i32, i32), TimelineEvent)> = Vec::new();
        events.extend(goals.into_iter().map(|g| {
            let minute = g.minute.unwrap_or(i32::MAX - 1);
            ((minute, g.offset, 0, g.id), TimelineEvent::Goal(g))
        }));
        events.extend(
            cards
                .into_iter()
                .map(|c| ((c.minute, c.offset, 1, c.id), TimelineEvent::Card(c))),
        );
        events.extend(subs.into_iter().map(|s| {
            (
                (s.minute, s.offset, 2, s.id),
                TimelineEvent::Substitution(s),
            )
        }));
        // The shootout comes after everything else.
        events.extend(
            kicks
                .into_iter()
                .map(|k| ((i32::MAX, 0, 3, k.ordinal), TimelineEvent::ShootoutKick(k))),
        );
        events.sort_by_key(|(key, _)| *key);
        Ok(events.into_iter().map(|(_, e)| e).collect())
    }

    /// The penalty shootout, kick by kick; null when there was none.
    async fn penalty_shootout(&self, ctx: &Context<'_>) -> Result<Option<PenaltyShootout>> {
        let Some(score) = self.penalties() else {
            return Ok(None);
        };
        let kicks = load_list(ctx, MatchKicks(self.id)).await?;
        let winner_id = if score.home > score.away {
            self.home_team_id
        } else {
            self.away_team_id
        };
        Ok(Some(PenaltyShootout {
            score,
            winner_id,
            kicks,
        }))
    }

    /// Where this record came from, and when it was loaded.
    async fn provenance(&self, ctx: &Context<'_>) -> Result<Option<crate::source::Source>> {
        crate::source::provenance(ctx, self.source_id).await
    }

    /// Facts goalline corrected or added to what the files say (a referee, a sending-off, a
    /// goal's time in seconds, the attendance), each with its reference.
    async fn corrections(&self, ctx: &Context<'_>) -> Result<Vec<super::MatchCorrection>> {
        load_list(ctx, super::MatchCorrections(self.id)).await
    }
}

pub struct MatchScore {
    result: Option<ScoreLine>,
    half_time: Option<ScoreLine>,
    full_time: Option<ScoreLine>,
    extra_time: Option<ScoreLine>,
    penalties: Option<ScoreLine>,
}

/// The score after each part of a match. Each is the running total at that point, not the
/// goals of that part alone.
#[Object]
impl MatchScore {
    /// The result: after extra time where it was played, else after 90 minutes (without the
    /// shootout). Some sources give only this; the periods are then null.
    async fn result(&self) -> Option<ScoreLine> {
        self.result
    }

    /// At half time.
    async fn half_time(&self) -> Option<ScoreLine> {
        self.half_time
    }

    /// After 90 minutes and stoppage time, before any extra time.
    async fn full_time(&self) -> Option<ScoreLine> {
        self.full_time
    }

    /// After 120 minutes; null when no extra time was played.
    async fn extra_time(&self) -> Option<ScoreLine> {
        self.extra_time
    }

    /// The shootout tally (kicks scored); null when there was no shootout.
    async fn penalties(&self) -> Option<ScoreLine> {
        self.penalties
    }
}

/// A pair of numbers for the home and the away team.
#[Object]
impl ScoreLine {
    /// The home (first-named) team's number.
    async fn home(&self) -> i32 {
        self.home
    }

    /// The away (second-named) team's number.
    async fn away(&self) -> i32 {
        self.away
    }
}

pub struct PenaltyShootout {
    score: ScoreLine,
    winner_id: i32,
    kicks: Vec<ShootoutKick>,
}

/// A penalty shootout.
#[Object]
impl PenaltyShootout {
    /// Kicks scored by each team.
    async fn score(&self) -> ScoreLine {
        self.score
    }

    /// The team that won the shootout.
    async fn winner(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.winner_id)).await
    }

    /// Every kick in the order taken.
    async fn kicks(&self) -> &[ShootoutKick] {
        &self.kicks
    }
}

/// One kick of a penalty shootout.
#[Object]
impl ShootoutKick {
    /// Opaque global ID; corrections (`deleteEvent`) name the event by it.
    pub async fn id(&self) -> ID {
        id::encode("ShootoutKick", self.id)
    }

    /// Position in the shootout, from 1.
    async fn order(&self) -> i32 {
        self.ordinal
    }

    /// The taker's team.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// Who took the kick.
    async fn taker(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        match self.taker_id {
            Some(p) => load_one(ctx, PersonId(p)).await,
            None => Ok(None),
        }
    }

    /// Scored, saved or missed.
    async fn outcome(&self) -> Result<KickOutcome> {
        Ok(self.outcome)
    }

    /// The home team's shootout tally after this kick.
    async fn home_score(&self) -> i32 {
        self.home_score
    }

    /// The away team's shootout tally after this kick.
    async fn away_score(&self) -> i32 {
        self.away_score
    }

    /// The match whose shootout it was (for a player's kicks, `Person.shootoutKicks`).
    #[graphql(name = "match")]
    async fn match_(&self, ctx: &Context<'_>) -> Result<Match> {
        load_required(ctx, MatchId(self.match_id)).await
    }
}

/// A goal.
#[Object]
impl Goal {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        id::encode("Goal", self.id)
    }

    /// The minute of play, from 1 to 120; stoppage time is in `offset`. Null where no
    /// source gives it (254 goals of internationals from 1960 to 1997): the goal counts, its
    /// time is unknown.
    async fn minute(&self) -> Option<i32> {
        self.minute
    }

    /// Minutes into stoppage time: 3 for a goal at 90+3, otherwise 0.
    async fn offset(&self) -> i32 {
        self.offset
    }

    /// The part of the match the goal was scored in; null where its minute is unknown.
    async fn period(&self) -> Option<Period> {
        self.minute.map(Period::of_minute)
    }

    /// Scored from a penalty kick during play (not in a shootout).
    async fn penalty(&self) -> bool {
        self.penalty
    }

    /// Put into their own net by a player of the other team.
    async fn own_goal(&self) -> bool {
        self.own_goal
    }

    /// Seconds from kick-off, where a reviewed source gives them (Hakan Şükür's goal in
    /// 2002: 11); null where only the minute is known.
    async fn seconds(&self) -> Option<i32> {
        self.elapsed_seconds
    }

    /// What each source says of this goal, the values shown included: where they disagree,
    /// the goal shows what most of them give, else what the source trusted for that field
    /// gives (docs/sources.md). Empty for goals recorded live or by an editor.
    async fn claims(&self, ctx: &Context<'_>) -> Result<Vec<GoalClaimRow>> {
        load_list(ctx, GoalClaims(self.id)).await
    }

    /// Whether the sources disagree on any of this goal's facts (see `claims`).
    async fn disputed(&self, ctx: &Context<'_>) -> Result<bool> {
        let claims: Vec<GoalClaimRow> = load_list(ctx, GoalClaims(self.id)).await?;
        Ok(claims.iter().any(|c| !agrees(c, self)))
    }

    /// The player who scored it (for an own goal, a player of the other team).
    async fn scorer(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        match self.scorer_id {
            Some(p) => load_one(ctx, PersonId(p)).await,
            None => Ok(None),
        }
    }

    /// The team the goal counts for.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// The match it was scored in.
    #[graphql(name = "match")]
    async fn match_(&self, ctx: &Context<'_>) -> Result<Match> {
        load_required(ctx, MatchId(self.match_id)).await
    }
}

impl Match {
    async fn is_incomplete(&self, ctx: &Context<'_>) -> Result<bool> {
        let level = self.result().is_some_and(|r| r.home == r.away);
        if !level || self.winner_id().is_some() || self.status != MatchStatus::Finished {
            return Ok(false);
        }
        let (Some(stage), Some(tournament)) = (self.stage_id, self.tournament_id) else {
            return Ok(false);
        };
        let stage: Option<Stage> = load_one(ctx, StageId(stage)).await?;
        let knockout = stage.is_some_and(|s| {
            !matches!(
                s.kind,
                StageKind::Group | StageKind::FinalRound | StageKind::Replay
            )
        });
        if !knockout {
            return Ok(false);
        }
        // A drawn tie replayed later (1934, 1938) is complete.
        let all: Vec<Match> = load_each(ctx, super::TournamentMatches(tournament)).await?;
        let pair = |m: &Match| {
            let (a, b) = (m.home_team_id, m.away_team_id);
            (a.min(b), a.max(b))
        };
        let replayed = all
            .iter()
            .any(|m| m.id != self.id && pair(m) == pair(self) && m.kickoff_utc > self.kickoff_utc);
        Ok(!replayed)
    }
}

/// Whether a claim says what the goal shows.
fn agrees(c: &GoalClaimRow, g: &Goal) -> bool {
    c.minute.is_none_or(|m| Some(m) == g.minute)
        && c.stoppage.is_none_or(|s| s == g.offset)
        && c.penalty == g.penalty
        && c.own_goal == g.own_goal
        && (c.scorer_id.is_none() || c.scorer_id == g.scorer_id)
}

/// One source's account of a goal.
#[Object(name = "GoalClaim")]
impl GoalClaimRow {
    /// The kind of source, which decides how its word counts.
    async fn witness(&self) -> Result<Witness> {
        Ok(self.witness)
    }

    /// The file it was read from.
    async fn provenance(&self, ctx: &Context<'_>) -> Result<Option<crate::source::Source>> {
        crate::source::provenance(ctx, Some(self.source_id)).await
    }

    /// The line of the file, where known.
    async fn line(&self) -> Option<i32> {
        self.line
    }

    /// The scorer as the source writes the name.
    async fn scorer_name(&self) -> Option<&str> {
        self.scorer_name.as_deref()
    }

    /// The minute the source gives; null where it gives none.
    async fn minute(&self) -> Option<i32> {
        self.minute
    }

    /// Minutes into stoppage time; null where the source does not write stoppage time.
    async fn offset(&self) -> Option<i32> {
        self.stoppage
    }

    /// Whether the source calls it a penalty.
    async fn penalty(&self) -> bool {
        self.penalty
    }

    /// Whether the source calls it an own goal.
    async fn own_goal(&self) -> bool {
        self.own_goal
    }
}

/// A yellow or red card.
#[Object]
impl Card {
    /// Opaque global ID; corrections (`deleteEvent`) name the event by it.
    pub async fn id(&self) -> ID {
        id::encode("Card", self.id)
    }

    /// The minute of play; stoppage time is in `offset`. Above 120 for cards shown during a
    /// shootout.
    async fn minute(&self) -> i32 {
        self.minute
    }

    /// Minutes into stoppage time.
    async fn offset(&self) -> i32 {
        self.offset
    }

    /// The part of the match the card was shown in.
    async fn period(&self) -> Period {
        Period::of_minute(self.minute)
    }

    /// Yellow, second yellow or red.
    async fn kind(&self) -> Result<CardKind> {
        Ok(self.kind)
    }

    /// Who was shown the card.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        load_required(ctx, PersonId(self.person_id)).await
    }

    /// The person's team.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// The match.
    #[graphql(name = "match")]
    async fn match_(&self, ctx: &Context<'_>) -> Result<Match> {
        load_required(ctx, MatchId(self.match_id)).await
    }
}

/// A substitution: one player on, one off.
#[Object]
impl Substitution {
    /// Opaque global ID; corrections (`deleteEvent`) name the event by it.
    pub async fn id(&self) -> ID {
        id::encode("Substitution", self.id)
    }

    /// An additional permanent concussion substitute, outside the substitution limit.
    async fn concussion(&self) -> bool {
        self.concussion
    }

    /// The minute of play; stoppage time is in `offset`.
    async fn minute(&self) -> i32 {
        self.minute
    }

    /// Minutes into stoppage time.
    async fn offset(&self) -> i32 {
        self.offset
    }

    /// The part of the match the substitution was made in.
    async fn period(&self) -> Period {
        Period::of_minute(self.minute)
    }

    /// The team making the change.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// The player coming on.
    async fn player_on(&self, ctx: &Context<'_>) -> Result<Person> {
        load_required(ctx, PersonId(self.player_on_id)).await
    }

    /// The player going off.
    async fn player_off(&self, ctx: &Context<'_>) -> Result<Person> {
        load_required(ctx, PersonId(self.player_off_id)).await
    }
}

pub struct MatchLineupPair {
    home: Vec<LineupEntry>,
    away: Vec<LineupEntry>,
}

/// The two line-ups of a match.
#[Object]
impl MatchLineupPair {
    /// The home team's players: starters first, then substitutes who came on.
    async fn home(&self) -> &[LineupEntry] {
        &self.home
    }

    /// The away team's players: starters first, then substitutes who came on.
    async fn away(&self) -> &[LineupEntry] {
        &self.away
    }
}

/// A player's place in a match's line-up.
#[Object]
impl LineupEntry {
    /// The player.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        load_required(ctx, PersonId(self.person_id)).await
    }

    /// The player's team.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// Shirt number worn.
    async fn shirt_number(&self) -> Option<i32> {
        self.shirt_number
    }

    /// In the starting eleven (false: came on as a substitute).
    async fn starter(&self) -> bool {
        self.starter
    }

    /// Captained the team at kick-off.
    async fn captain(&self) -> bool {
        self.captain
    }

    /// Minutes on the pitch, from kick-off or coming on until going off, a red card or the end
    /// (90 minutes, or 120 with extra time); stoppage time not counted. Null until the match
    /// is finished.
    async fn minutes_played(&self, ctx: &Context<'_>) -> Result<Option<i32>> {
        let m: Match = load_required(ctx, MatchId(self.match_id)).await?;
        if m.status != MatchStatus::Finished {
            return Ok(None);
        }
        let subs: Vec<Substitution> = load_list(ctx, MatchSubstitutions(self.match_id)).await?;
        let cards: Vec<Card> = load_list(ctx, MatchCards(self.match_id)).await?;
        let full = if m.extra_time().is_some() { 120 } else { 90 };
        let start = if self.starter {
            0
        } else {
            match subs.iter().find(|s| s.player_on_id == self.person_id) {
                Some(s) => s.minute,
                None => return Ok(None),
            }
        };
        let off = subs
            .iter()
            .find(|s| s.player_off_id == self.person_id)
            .map(|s| s.minute);
        let sent_off = cards
            .iter()
            .filter(|c| c.person_id == self.person_id && c.kind != CardKind::Yellow)
            .map(|c| c.minute)
            .min();
        let end = [off, sent_off]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(full)
            .min(full);
        Ok(Some((end - start).max(0)))
    }

    /// The player's age in whole years on the day of the match.
    async fn age_at_kickoff(&self, ctx: &Context<'_>) -> Result<Option<i32>> {
        let m: Match = load_required(ctx, MatchId(self.match_id)).await?;
        let p: Person = load_required(ctx, PersonId(self.person_id)).await?;
        Ok(match (p.birth_date, m.local_kickoff()) {
            (Some(born), Some(kickoff)) => kickoff.date_naive().years_since(born).map(|y| y as i32),
            _ => None,
        })
    }

    /// The match.
    #[graphql(name = "match")]
    async fn match_(&self, ctx: &Context<'_>) -> Result<Match> {
        load_required(ctx, MatchId(self.match_id)).await
    }
}

/// A match official.
#[Object]
impl MatchOfficial {
    /// The official.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        load_required(ctx, PersonId(self.person_id)).await
    }

    /// Referee, assistant, fourth official or video assistant.
    async fn role(&self) -> Result<OfficialRole> {
        Ok(self.role)
    }
}
