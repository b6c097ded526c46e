//! The live API: mutations editors record matches with, and subscriptions that stream each
//! change. Resolvers check the caller's key, then hand over to `record` through `store::apply`.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use async_graphql::futures_util::stream::{self, Stream};
use async_graphql::{Context, InputObject, Object, Result, Subscription, ID};
use chrono::TimeZone;
use tokio::sync::broadcast::{error::RecvError, Receiver};

use super::fixture::{self, NewFixture};
use super::hub::LiveHub;
use super::record::{self, At, EventKind, GoalInput, LineupPlayer};
use super::rules::MatchPhase;
use super::store::{self, Applied, MatchUpdate, Retry, UpdateKind};
use crate::auth::{self, ApiKey, Role};
use crate::db::{self, DbConnection, Pool};
use crate::error::AppError;
use crate::graphql::id;
use crate::graphql::loader::{load_list, load_required};
use crate::graphql::scalars::DateTime;
use crate::matches::{
    Card, CardKind, Goal, KickOutcome, Match, MatchCards, MatchGoals, MatchId, MatchKicks,
    MatchSubstitutions, ScoreLine, ShootoutKick, Substitution,
};
use crate::schema::matches;
use crate::stats::graphql::TimelineEvent;

/// One change to a match recorded live, with the match's score after it: what a mutation
/// returns and what subscriptions stream.
#[Object]
impl MatchUpdate {
    /// The change's number within its match: 1, 2, 3, ... with no gaps. Pass the last one
    /// seen as `after` to `matchEvents` to continue without gaps or repeats.
    async fn sequence(&self) -> i32 {
        self.sequence
    }

    /// What changed.
    async fn kind(&self) -> UpdateKind {
        self.update_kind()
    }

    /// The match.
    #[graphql(name = "match")]
    async fn match_(&self, ctx: &Context<'_>) -> Result<Match> {
        load_required(ctx, MatchId(self.match_id)).await
    }

    /// The goal, card, substitution or shootout kick recorded; null for phase and line-up
    /// changes, for deletions, and for an event deleted since.
    async fn event(&self, ctx: &Context<'_>) -> Result<Option<TimelineEvent>> {
        let (Some(event), m) = (self.event_id, self.match_id) else {
            return Ok(None);
        };
        Ok(match self.update_kind() {
            UpdateKind::Goal => load_list::<_, Goal>(ctx, MatchGoals(m))
                .await?
                .into_iter()
                .find(|g| g.id == event)
                .map(TimelineEvent::Goal),
            UpdateKind::Card => load_list::<_, Card>(ctx, MatchCards(m))
                .await?
                .into_iter()
                .find(|c| c.id == event)
                .map(TimelineEvent::Card),
            UpdateKind::Substitution => load_list::<_, Substitution>(ctx, MatchSubstitutions(m))
                .await?
                .into_iter()
                .find(|s| s.id == event)
                .map(TimelineEvent::Substitution),
            UpdateKind::ShootoutKick => load_list::<_, ShootoutKick>(ctx, MatchKicks(m))
                .await?
                .into_iter()
                .find(|k| k.id == event)
                .map(TimelineEvent::ShootoutKick),
            _ => None,
        })
    }

    /// For a deletion: the global ID the deleted event had.
    async fn deleted_event_id(&self) -> Option<ID> {
        let type_name = match self.update_kind() {
            UpdateKind::GoalDeleted => "Goal",
            UpdateKind::CardDeleted => "Card",
            UpdateKind::SubstitutionDeleted => "Substitution",
            UpdateKind::ShootoutKickDeleted => "ShootoutKick",
            _ => return None,
        };
        self.event_id.map(|e| id::encode(type_name, e))
    }

    /// Where the match stands after the change.
    async fn phase(&self) -> Option<MatchPhase> {
        self.phase
    }

    /// Goals after the change (extra time included, the shootout not).
    async fn score(&self) -> ScoreLine {
        ScoreLine {
            home: self.home_score,
            away: self.away_score,
        }
    }

    /// Shootout kicks scored after the change; null before a shootout.
    async fn penalties(&self) -> Option<ScoreLine> {
        Some(ScoreLine {
            home: self.home_kicks?,
            away: self.away_kicks?,
        })
    }

    /// When the change was recorded (UTC).
    async fn recorded_at(&self) -> DateTime {
        DateTime(
            chrono::Utc
                .from_utc_datetime(&self.recorded_at)
                .fixed_offset(),
        )
    }
}

/// Most characters of an idempotency key.
const MAX_KEY_CHARS: usize = 200;

/// A write's idempotency key with a fingerprint of what the write asks.
fn retry(
    key: Option<String>,
    operation: &str,
    asked: impl std::fmt::Debug,
) -> Result<Option<Retry>> {
    let Some(key) = key else { return Ok(None) };
    if key.is_empty() || key.chars().count() > MAX_KEY_CHARS {
        return Err(AppError::bad_input("idempotencyKey", "1 to 200 characters").into());
    }
    let fingerprint = crate::digest::sha256_hex(&format!("{operation}:{asked:?}"));
    Ok(Some(Retry { key, fingerprint }))
}

/// Runs one live write for an editor (`writer`, checked before anything else): applies the change in its transaction,
/// then tells this instance's subscribers.
async fn write<F>(
    ctx: &Context<'_>,
    writer: ApiKey,
    match_id: &ID,
    retry: Option<Retry>,
    change: F,
) -> Result<MatchUpdate>
where
    F: FnOnce(&mut DbConnection, &Match, &super::MatchState) -> Result<store::Written, AppError>
        + Send
        + 'static,
{
    let row = id::decode(match_id, "Match", "matchId")?;
    let pool = ctx.data::<Pool>()?.clone();
    let applied = db::run(&pool, move |c| {
        store::apply(c, row, retry.as_ref().map(|r| (&writer, r)), change)
    })
    .await?;
    if let Applied::New(update) = &applied {
        ctx.data::<LiveHub>()?.publish(update.clone());
    }
    Ok(applied.update().clone())
}

/// After a write that is not a live change (an edit, a new fixture): this instance's response
/// cache drops everything now, and on PostgreSQL every other instance's on notification. A
/// failed notification does not undo the write: the others' answers then expire by age.
pub async fn announce_edit(ctx: &Context<'_>) {
    let (Ok(hub), Ok(pool)) = (ctx.data::<LiveHub>(), ctx.data::<Pool>()) else {
        return;
    };
    hub.everything_changed();
    let origin = hub.origin().to_owned();
    if let Err(e) = db::run(pool, move |c| store::notify_everything_changed(c, &origin)).await {
        tracing::warn!(error = %e.message(), "other instances were not told of an edit");
    }
}

fn person(value: &ID, argument: &str) -> Result<i32, AppError> {
    id::decode(value, "Person", argument)
}

fn team(value: &ID, argument: &str) -> Result<i32, AppError> {
    id::decode(value, "Team", argument)
}

/// When an event happened.
#[derive(InputObject, Debug, Clone, Copy)]
struct MinuteInput {
    /// The minute (1-120), as the football convention counts it: 45+2 is minute 45.
    minute: i32,
    /// Stoppage time added to minute 45, 90, 105 or 120 (none when omitted).
    offset: Option<i32>,
}

impl From<MinuteInput> for At {
    fn from(m: MinuteInput) -> Self {
        At {
            minute: m.minute,
            offset: m.offset.unwrap_or(0),
        }
    }
}

/// A new fixture.
#[derive(InputObject, Debug)]
struct CreateMatchInput {
    /// The stage it belongs to (`Stage.id`); its tournament is the stage's.
    stage_id: ID,
    /// The group, for group matches (`Group.id`).
    group_id: Option<ID>,
    /// The home (first-named) team.
    home_team_id: ID,
    /// The away (second-named) team.
    away_team_id: ID,
    /// Kick-off, with the venue's UTC offset.
    kickoff: Option<DateTime>,
    /// Where it is played (`Venue.id`).
    venue_id: Option<ID>,
}

/// A player of a line-up.
#[derive(InputObject, Debug, Clone)]
struct LineupPlayerInput {
    /// The player (`Person.id`).
    person_id: ID,
    /// Shirt number.
    shirt_number: Option<i32>,
    /// In the starting eleven (else on the bench).
    starter: bool,
    /// The captain (one starter at most); false when omitted.
    captain: Option<bool>,
}

/// A team's line-up for a match, before kick-off: 11 starters and up to 15 substitutes.
#[derive(InputObject, Debug)]
struct SetLineupInput {
    /// The match (`Match.id`).
    match_id: ID,
    /// One of the two teams.
    team_id: ID,
    /// Starters and substitutes; replaces any line-up set before.
    players: Vec<LineupPlayerInput>,
    /// Send the same key again to retry safely: the write is applied once.
    idempotency_key: Option<String>,
}

/// Moves a match on: kick-off (FIRST_HALF), HALF_TIME, SECOND_HALF, extra time, a shootout,
/// FULL_TIME.
#[derive(InputObject, Debug)]
struct ChangePhaseInput {
    /// The match (`Match.id`).
    match_id: ID,
    /// The phase it moves to; only the next one the Laws allow.
    phase: MatchPhase,
    /// Send the same key again to retry safely: the write is applied once.
    idempotency_key: Option<String>,
}

/// A goal.
#[derive(InputObject, Debug)]
struct RecordGoalInput {
    /// The match (`Match.id`).
    match_id: ID,
    /// The team credited with the goal (for an own goal, the scorer's opponents).
    team_id: ID,
    /// The scorer, on the pitch (for an own goal, a player of the other team).
    scorer_id: ID,
    /// When.
    at: MinuteInput,
    /// Scored from a penalty kick; false when omitted.
    penalty: Option<bool>,
    /// Put into his own net by a player of the other team; false when omitted.
    own_goal: Option<bool>,
    /// A goal added after full time, correcting the record; false when omitted.
    correction: Option<bool>,
    /// Send the same key again to retry safely: the write is applied once.
    idempotency_key: Option<String>,
}

/// A card.
#[derive(InputObject, Debug)]
struct RecordCardInput {
    /// The match (`Match.id`).
    match_id: ID,
    /// The player's team.
    team_id: ID,
    /// The player booked or sent off.
    person_id: ID,
    /// YELLOW or RED; a yellow to a player already booked is stored as SECOND_YELLOW.
    kind: CardKind,
    /// When.
    at: MinuteInput,
    /// A card added after full time, correcting the record; false when omitted.
    correction: Option<bool>,
    /// Send the same key again to retry safely: the write is applied once.
    idempotency_key: Option<String>,
}

/// A substitution.
#[derive(InputObject, Debug)]
struct RecordSubstitutionInput {
    /// The match (`Match.id`).
    match_id: ID,
    /// The team making it.
    team_id: ID,
    /// The substitute coming on, from the bench.
    player_on_id: ID,
    /// The player going off, from the pitch.
    player_off_id: ID,
    /// An additional permanent concussion substitute (IFAB protocol): outside the limit of
    /// 5 (and 1 more in extra time), at most 2 per team; false when omitted.
    concussion: Option<bool>,
    /// When.
    at: MinuteInput,
    /// A substitution added after full time, correcting the record; false when omitted.
    correction: Option<bool>,
    /// Send the same key again to retry safely: the write is applied once.
    idempotency_key: Option<String>,
}

/// A penalty shootout kick, in the order taken.
#[derive(InputObject, Debug)]
struct RecordShootoutKickInput {
    /// The match (`Match.id`).
    match_id: ID,
    /// The kicking team; the teams alternate.
    team_id: ID,
    /// The taker, on the pitch at the end of extra time.
    taker_id: ID,
    /// What came of it.
    outcome: KickOutcome,
    /// Send the same key again to retry safely: the write is applied once.
    idempotency_key: Option<String>,
}

/// Deletes a wrong goal, card, substitution or shootout kick (the last one only).
#[derive(InputObject, Debug)]
struct DeleteEventInput {
    /// The match (`Match.id`).
    match_id: ID,
    /// The event's global ID (`Goal.id`, `Card.id`, `Substitution.id`, `ShootoutKick.id`).
    event_id: ID,
    /// Required after full time: the deletion corrects the record.
    correction: Option<bool>,
    /// Send the same key again to retry safely: the write is applied once.
    idempotency_key: Option<String>,
}

/// Deletes a match an editor created.
#[derive(InputObject, Debug)]
struct DeleteMatchInput {
    /// The match (`Match.id`): a fixture made with `createMatch`, or a playback.
    match_id: ID,
    /// Send the same key again to retry safely: the write is applied once.
    idempotency_key: Option<String>,
}

#[derive(Default)]
pub struct LiveMutation;

/// Writes need an API key with the EDITOR role (`Authorization: Bearer <token>`). Each runs in
/// one transaction, is checked against the match as it stands and the Laws of the Game, and
/// derives the score from the events; subscribers receive the change it returns.
#[Object]
impl LiveMutation {
    /// Creates a fixture to be played, SCHEDULED. Needs an EDITOR key.
    async fn create_match(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The fixture.")] input: CreateMatchInput,
    ) -> Result<Match> {
        auth::require(ctx, Role::Editor).await?;
        let optional = |value: &Option<ID>, kind: &str, arg: &str| {
            value.as_ref().map(|v| id::decode(v, kind, arg)).transpose()
        };
        let fixture = NewFixture {
            stage_id: id::decode(&input.stage_id, "Stage", "stageId")?,
            group_id: optional(&input.group_id, "Group", "groupId")?,
            home_team_id: team(&input.home_team_id, "homeTeamId")?,
            away_team_id: team(&input.away_team_id, "awayTeamId")?,
            kickoff_utc: input.kickoff.map(|k| k.0.naive_utc()),
            utc_offset_minutes: input.kickoff.map(|k| k.0.offset().local_minus_utc() / 60),
            venue_id: optional(&input.venue_id, "Venue", "venueId")?,
            playback_of: None,
        };
        let pool = ctx.data::<Pool>()?.clone();
        let row = db::run(&pool, move |c| fixture::create(c, &fixture)).await?;
        announce_edit(ctx).await;
        load_required(ctx, MatchId(row)).await
    }

    /// Sets a team's line-up before kick-off. Needs an EDITOR key.
    async fn set_lineup(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The team and its players.")] input: SetLineupInput,
    ) -> Result<MatchUpdate> {
        let writer = auth::require(ctx, Role::Editor).await?;
        let team_id = team(&input.team_id, "teamId")?;
        let players = input
            .players
            .iter()
            .map(|p| {
                Ok(LineupPlayer {
                    person_id: person(&p.person_id, "players")?,
                    shirt_number: p.shirt_number,
                    starter: p.starter,
                    captain: p.captain.unwrap_or(false),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let retry = retry(input.idempotency_key.clone(), "setLineup", &input)?;
        write(ctx, writer, &input.match_id, retry, move |c, m, s| {
            record::set_lineup(c, m, s, team_id, &players)
        })
        .await
    }

    /// Moves the match to its next phase: kick-off, half time, full time, extra time, a
    /// shootout. Needs an EDITOR key.
    async fn change_phase(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The match and the phase it moves to.")] input: ChangePhaseInput,
    ) -> Result<MatchUpdate> {
        let writer = auth::require(ctx, Role::Editor).await?;
        let retry = retry(input.idempotency_key.clone(), "changePhase", &input)?;
        let to = input.phase;
        write(ctx, writer, &input.match_id, retry, move |c, m, s| {
            record::change_phase(c, m, s, to)
        })
        .await
    }

    /// Records a goal. Needs an EDITOR key.
    async fn record_goal(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The goal.")] input: RecordGoalInput,
    ) -> Result<MatchUpdate> {
        let writer = auth::require(ctx, Role::Editor).await?;
        let goal = GoalInput {
            team_id: team(&input.team_id, "teamId")?,
            scorer_id: person(&input.scorer_id, "scorerId")?,
            at: input.at.into(),
            penalty: input.penalty.unwrap_or(false),
            own_goal: input.own_goal.unwrap_or(false),
            correction: input.correction.unwrap_or(false),
        };
        let retry = retry(input.idempotency_key.clone(), "recordGoal", &input)?;
        write(ctx, writer, &input.match_id, retry, move |c, m, s| {
            record::record_goal(c, m, s, &goal)
        })
        .await
    }

    /// Records a card. Needs an EDITOR key.
    async fn record_card(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The card.")] input: RecordCardInput,
    ) -> Result<MatchUpdate> {
        let writer = auth::require(ctx, Role::Editor).await?;
        let team_id = team(&input.team_id, "teamId")?;
        let person_id = person(&input.person_id, "personId")?;
        let (kind, at, correction) = (
            input.kind,
            input.at.into(),
            input.correction.unwrap_or(false),
        );
        let retry = retry(input.idempotency_key.clone(), "recordCard", &input)?;
        write(ctx, writer, &input.match_id, retry, move |c, m, s| {
            record::record_card(c, m, s, team_id, person_id, kind, at, correction)
        })
        .await
    }

    /// Records a substitution. Needs an EDITOR key.
    async fn record_substitution(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The substitution.")] input: RecordSubstitutionInput,
    ) -> Result<MatchUpdate> {
        let writer = auth::require(ctx, Role::Editor).await?;
        let team_id = team(&input.team_id, "teamId")?;
        let on = person(&input.player_on_id, "playerOnId")?;
        let off = person(&input.player_off_id, "playerOffId")?;
        let (at, correction) = (input.at.into(), input.correction.unwrap_or(false));
        let concussion = input.concussion.unwrap_or(false);
        let retry = retry(input.idempotency_key.clone(), "recordSubstitution", &input)?;
        write(ctx, writer, &input.match_id, retry, move |c, m, s| {
            record::record_substitution(c, m, s, team_id, on, off, concussion, at, correction)
        })
        .await
    }

    /// Records the next penalty shootout kick. Needs an EDITOR key.
    async fn record_shootout_kick(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The kick.")] input: RecordShootoutKickInput,
    ) -> Result<MatchUpdate> {
        let writer = auth::require(ctx, Role::Editor).await?;
        let team_id = team(&input.team_id, "teamId")?;
        let taker = person(&input.taker_id, "takerId")?;
        let outcome = input.outcome;
        let retry = retry(input.idempotency_key.clone(), "recordShootoutKick", &input)?;
        write(ctx, writer, &input.match_id, retry, move |c, m, s| {
            record::record_kick(c, m, s, team_id, taker, outcome)
        })
        .await
    }

    /// Deletes a match an editor created (with `createMatch`, or a playback) and its events:
    /// no read shows it afterwards, and whoever follows it receives MATCH_DELETED, the last
    /// change. A match read from a source is part of the record and is refused
    /// (RULE_VIOLATION `RECORDED_MATCH`): correct its events instead. Needs an EDITOR key.
    async fn delete_match(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The match to delete.")] input: DeleteMatchInput,
    ) -> Result<MatchUpdate> {
        let writer = auth::require(ctx, Role::Editor).await?;
        let retry = retry(input.idempotency_key.clone(), "deleteMatch", &input)?;
        let update = write(ctx, writer, &input.match_id, retry, |c, m, _| {
            fixture::delete(c, m)
        })
        .await?;
        // Lists, tables and counts that held the match: dropped at once, here and elsewhere.
        announce_edit(ctx).await;
        Ok(update)
    }

    /// Deletes a wrong event; the score is derived again. Needs an EDITOR key.
    async fn delete_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event to delete.")] input: DeleteEventInput,
    ) -> Result<MatchUpdate> {
        let writer = auth::require(ctx, Role::Editor).await?;
        let (kind, row) = id::decode_any(&input.event_id, "eventId")?;
        let kind = match kind.as_str() {
            "Goal" => EventKind::Goal,
            "Card" => EventKind::Card,
            "Substitution" => EventKind::Substitution,
            "ShootoutKick" => EventKind::ShootoutKick,
            _ => {
                return Err(AppError::bad_input(
                    "eventId",
                    "give the ID of a goal, card, substitution or shootout kick",
                )
                .into())
            }
        };
        let correction = input.correction.unwrap_or(false);
        let retry = retry(input.idempotency_key.clone(), "deleteEvent", &input)?;
        write(ctx, writer, &input.match_id, retry, move |c, m, s| {
            record::delete_event(c, m, s, kind, row, correction)
        })
        .await
    }
}

#[derive(Default)]
pub struct LiveSubscription;

/// Live updates over WebSocket (`/graphql`, protocols graphql-transport-ws and the older
/// graphql-ws of subscriptions-transport-ws).
#[Subscription]
impl LiveSubscription {
    /// Every change to one match as it is recorded, with the score after it. With `after`,
    /// first the changes already made after that sequence number (0: all of them), then live:
    /// no gaps, no repeats. Without it, only what happens from now on.
    async fn match_events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The match (`Match.id`).")] match_id: ID,
        #[graphql(desc = "The last `sequence` already seen; 0 replays the whole match.")]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = MatchUpdate>> {
        if after.is_some_and(|a| a < 0) {
            return Err(AppError::bad_input("after", "must be 0 or more").into());
        }
        let row = id::decode(&match_id, "Match", "matchId")?;
        let pool = ctx.data::<Pool>()?.clone();
        // Subscribe before reading what is stored, so nothing falls between the two.
        let receiver = ctx.data::<LiveHub>()?.subscribe();
        let (last, backlog) = db::run(&pool, move |c| {
            use diesel::prelude::*;
            let version: i32 = matches::table
                .find(row)
                .select(matches::version)
                .first(c)
                .optional()?
                .ok_or_else(|| AppError::NotFound(format!("no match with id {row}")))?;
            match after {
                Some(after) => Ok((after, MatchUpdate::after(c, row, after)?)),
                None => Ok((version, Vec::new())),
            }
        })
        .await?;
        Ok(follow(Follow {
            match_id: row,
            pool,
            receiver,
            backlog: backlog.into(),
            last,
        }))
    }

    /// Score changes of every match being played: goals (and their deletion), shootout kicks
    /// and phase changes (kick-off, half time, full time, ...).
    async fn live_scores(&self, ctx: &Context<'_>) -> Result<impl Stream<Item = MatchUpdate>> {
        let receiver = ctx.data::<LiveHub>()?.subscribe();
        let seen: HashMap<i32, i32> = HashMap::new();
        Ok(stream::unfold(
            (receiver, seen),
            |(mut receiver, mut seen)| async move {
                loop {
                    match receiver.recv().await {
                        Ok(update) => {
                            let last = seen.entry(update.match_id).or_insert(0);
                            if update.sequence <= *last || !update.update_kind().changes_score() {
                                continue;
                            }
                            *last = update.sequence;
                            return Some(((*update).clone(), (receiver, seen)));
                        }
                        // A score feed may skip: the next update carries the score as it stands.
                        Err(RecvError::Lagged(_)) => continue,
                        Err(RecvError::Closed) => return None,
                    }
                }
            },
        ))
    }
}

/// One subscriber following one match.
struct Follow {
    match_id: i32,
    pool: Pool,
    receiver: Receiver<Arc<MatchUpdate>>,
    backlog: VecDeque<MatchUpdate>,
    last: i32,
}

impl Follow {
    /// Reads what this subscriber missed from the update log.
    async fn catch_up(&mut self) -> bool {
        let (m, last) = (self.match_id, self.last);
        match db::run(&self.pool, move |c| Ok(MatchUpdate::after(c, m, last)?)).await {
            Ok(missed) => {
                self.backlog.extend(missed);
                true
            }
            Err(e) => {
                tracing::warn!(error = %e.message(), "a subscriber could not catch up");
                false
            }
        }
    }
}

/// The changes of one match in sequence: first the backlog, then live ones; a gap (a change
/// relayed late, or a subscriber too slow for the broadcast) is filled from the update log.
fn follow(state: Follow) -> impl Stream<Item = MatchUpdate> {
    stream::unfold(state, |mut s| async move {
        loop {
            if let Some(update) = s.backlog.pop_front() {
                if update.sequence > s.last {
                    s.last = update.sequence;
                    return Some((update, s));
                }
                continue;
            }
            match s.receiver.recv().await {
                Ok(update) if update.match_id != s.match_id || update.sequence <= s.last => {}
                Ok(update) if update.sequence == s.last + 1 => {
                    s.last = update.sequence;
                    return Some(((*update).clone(), s));
                }
                Ok(_) | Err(RecvError::Lagged(_)) => {
                    if !s.catch_up().await {
                        return None;
                    }
                }
                Err(RecvError::Closed) => return None,
            }
        }
    })
}
