//! How a live write is applied: one transaction that locks the match, checks the change
//! against everything recorded so far (`rules`), writes it, re-derives the stored score from
//! the events, and appends the change to the match's update log, the record subscribers read.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::{Deserialize, Serialize};

use super::rules::{MatchPhase, MatchState};
use crate::auth::ApiKey;
use crate::db::DbConnection;
use crate::error::AppError;
use std::any::TypeId;

use crate::matches::claims::GoalClaimRow;
use crate::matches::{Card, Goal, LineupEntry, Match, ScoreLine, ShootoutKick, Substitution};
use crate::read_model::Touched;
use crate::schema::{idempotency_keys, match_updates, matches, stages};
use crate::tournament::StageKind;

/// The PostgreSQL channel on which every instance hears of every change.
pub const CHANNEL: &str = "goalline_live";
/// The payload on `CHANNEL` that says anything may have changed (an edit, an import), so
/// that other instances drop their cached answers; followed by the sending instance's origin
/// (see `LiveHub::origin`), empty for other programs.
pub const EVERYTHING_CHANGED: &str = "*";

crate::text_enum! {
    /// What a change to a live match was.
    UpdateKind {
        /// The match moved to another phase (kick-off, half time, full time, ...).
        Phase => "PHASE",
        /// A team's line-up was set.
        Lineup => "LINEUP",
        /// A goal was recorded.
        Goal => "GOAL",
        /// A card was recorded.
        Card => "CARD",
        /// A substitution was recorded.
        Substitution => "SUBSTITUTION",
        /// A penalty shootout kick was recorded.
        ShootoutKick => "SHOOTOUT_KICK",
        /// A goal was deleted (a correction).
        GoalDeleted => "GOAL_DELETED",
        /// A card was deleted (a correction).
        CardDeleted => "CARD_DELETED",
        /// A substitution was deleted (a correction).
        SubstitutionDeleted => "SUBSTITUTION_DELETED",
        /// A shootout kick was deleted (a correction).
        ShootoutKickDeleted => "SHOOTOUT_KICK_DELETED",
        /// The match was deleted by an editor (one it had created): nothing follows.
        MatchDeleted => "MATCH_DELETED",
    }
}

/// One entry of a match's update log: the change, and the match's score after it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize, Deserialize)]
#[diesel(table_name = match_updates)]
pub struct MatchUpdate {
    pub id: i32,
    pub match_id: i32,
    pub sequence: i32,
    pub kind: UpdateKind,
    pub event_id: Option<i32>,
    pub phase: Option<MatchPhase>,
    pub home_score: i32,
    pub away_score: i32,
    pub home_kicks: Option<i32>,
    pub away_kicks: Option<i32>,
    pub recorded_at: NaiveDateTime,
}

impl UpdateKind {
    /// Whether the change can change the score or where the match stands (what `liveScores`
    /// streams).
    pub fn changes_score(self) -> bool {
        matches!(
            self,
            Self::Phase
                | Self::Goal
                | Self::GoalDeleted
                | Self::ShootoutKick
                | Self::ShootoutKickDeleted
                | Self::MatchDeleted
        )
    }
}

impl UpdateKind {
    /// The kinds of rows a change of this kind writes (the match's own row always: its score
    /// and version), so that the read model patches only the relations made of them.
    pub fn rows_written(self) -> Touched {
        let also = match self {
            Self::Phase => vec![],
            Self::Lineup => vec![TypeId::of::<LineupEntry>()],
            Self::Goal | Self::GoalDeleted => {
                vec![TypeId::of::<Goal>(), TypeId::of::<GoalClaimRow>()]
            }
            Self::Card | Self::CardDeleted => vec![TypeId::of::<Card>()],
            Self::Substitution | Self::SubstitutionDeleted => vec![TypeId::of::<Substitution>()],
            Self::ShootoutKick | Self::ShootoutKickDeleted => vec![TypeId::of::<ShootoutKick>()],
            Self::MatchDeleted => return Touched::Anything,
        };
        Touched::Rows([TypeId::of::<Match>()].into_iter().chain(also).collect())
    }
}

impl MatchUpdate {
    pub fn update_kind(&self) -> UpdateKind {
        self.kind
    }

    /// Where the match stands after this change (none before kick-off).
    pub fn match_phase(&self) -> Option<MatchPhase> {
        self.phase
    }

    /// The entries of a match after `sequence`, in order.
    pub fn after(
        conn: &mut DbConnection,
        match_id: i32,
        sequence: i32,
    ) -> QueryResult<Vec<MatchUpdate>> {
        match_updates::table
            .filter(match_updates::match_id.eq(match_id))
            .filter(match_updates::sequence.gt(sequence))
            .order(match_updates::sequence)
            .select(MatchUpdate::as_select())
            .load(conn)
    }

    /// Entries of any match after the log entry `id`, in the order written: how an instance
    /// without notifications (SQLite) learns of another process's writes.
    pub fn since_id(conn: &mut DbConnection, id: i32, limit: i64) -> QueryResult<Vec<MatchUpdate>> {
        match_updates::table
            .filter(match_updates::id.gt(id))
            .order(match_updates::id)
            .limit(limit)
            .select(MatchUpdate::as_select())
            .load(conn)
    }

    pub fn last_id(conn: &mut DbConnection) -> QueryResult<i32> {
        match_updates::table
            .select(diesel::dsl::max(match_updates::id))
            .first::<Option<i32>>(conn)
            .map(Option::unwrap_or_default)
    }
}

/// What a change wrote: its kind and the event row it concerns.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub kind: UpdateKind,
    pub event_id: Option<i32>,
}

/// A client's key for a write it may retry, and what the write asked (so that reusing the key
/// for another write is refused rather than answered with the wrong change).
#[derive(Debug, Clone)]
pub struct Retry {
    pub key: String,
    pub fingerprint: String,
}

/// The outcome of a write: a new change, or the one an earlier try with the same key made.
#[derive(Debug, Clone)]
pub enum Applied {
    New(MatchUpdate),
    Replayed(MatchUpdate),
}

impl Applied {
    pub fn update(&self) -> &MatchUpdate {
        match self {
            Self::New(u) | Self::Replayed(u) => u,
        }
    }
}

/// The match and everything the rules need to know about it.
pub fn load_state(conn: &mut DbConnection, match_id: i32) -> Result<(Match, MatchState), AppError> {
    let m = load_match(conn, match_id)?;
    let stage_kind: Option<StageKind> = match m.stage_id {
        Some(stage) => Some(stages::table.find(stage).select(stages::kind).first(conn)?),
        None => None,
    };
    let ids = [match_id];
    let state = MatchState {
        status: m.status,
        phase: m.phase,
        knockout: stage_kind.is_some_and(|k| k != StageKind::Group),
        home: m.home_team_id,
        away: m.away_team_id,
        lineups: LineupEntry::of_matches(conn, &ids)?,
        goals: Goal::of_matches(conn, &ids)?,
        cards: Card::of_matches(conn, &ids)?,
        substitutions: Substitution::of_matches(conn, &ids)?,
        kicks: ShootoutKick::of_matches(conn, &ids)?,
    };
    Ok((m, state))
}

fn load_match(conn: &mut DbConnection, match_id: i32) -> Result<Match, AppError> {
    matches::table
        .find(match_id)
        .select(Match::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound(format!("no match with id {match_id}")))
}

/// The stored scores of the periods already over, as the events give them.
fn derived_scores(m: &Match, state: &MatchState) -> [Option<ScoreLine>; 4] {
    [
        m.half_time().map(|_| state.score_until(45)),
        m.full_time().map(|_| state.score_until(90)),
        m.extra_time().map(|_| state.score()),
        m.penalties().map(|_| state.kicks_scored()),
    ]
}

fn stored_scores(m: &Match) -> [Option<ScoreLine>; 4] {
    [m.half_time(), m.full_time(), m.extra_time(), m.penalties()]
}

fn store_scores(
    conn: &mut DbConnection,
    match_id: i32,
    [ht, ft, et, pen]: [Option<ScoreLine>; 4],
) -> Result<(), AppError> {
    let home = |s: Option<ScoreLine>| s.map(|s| s.home);
    let away = |s: Option<ScoreLine>| s.map(|s| s.away);
    let result = diesel::update(matches::table.find(match_id))
        .set((
            matches::ht_home.eq(home(ht)),
            matches::ht_away.eq(away(ht)),
            matches::ft_home.eq(home(ft)),
            matches::ft_away.eq(away(ft)),
            matches::et_home.eq(home(et)),
            matches::et_away.eq(away(et)),
            matches::pen_home.eq(home(pen)),
            matches::pen_away.eq(away(pen)),
        ))
        .execute(conn);
    match result {
        Ok(_) => Ok(()),
        Err(DieselError::DatabaseError(DatabaseErrorKind::CheckViolation, _)) => Err(
            AppError::rule(
                "SCORE_INCONSISTENT",
                "after this change the score would contradict how the match ended (e.g. a shootout after a match that was not level)",
            ),
        ),
        Err(e) => Err(e.into()),
    }
}

/// Applies one change to a match, as described at the top of this module. `change` sees the
/// match as it stands once locked; it checks and writes, or refuses.
pub fn apply(
    conn: &mut DbConnection,
    match_id: i32,
    retry: Option<(&ApiKey, &Retry)>,
    change: impl FnOnce(&mut DbConnection, &Match, &MatchState) -> Result<Written, AppError>,
) -> Result<Applied, AppError> {
    conn.transaction(|c| {
        // A no-op update takes the match's row lock (PostgreSQL) or the write lock (SQLite)
        // first, so that concurrent writers to one match queue up and each sees the last.
        let not_found = || AppError::NotFound(format!("no match with id {match_id}"));
        let deleted: Option<NaiveDateTime> = diesel::update(matches::table.find(match_id))
            .set(matches::version.eq(matches::version))
            .returning(matches::deleted_at)
            .get_result(c)
            .optional()?
            .ok_or_else(not_found)?;
        // A retry is answered even for a match deleted since (its deletion retried included).
        if let Some((writer, retry)) = retry {
            if let Some(done) = replayed(c, writer, retry)? {
                return Ok(Applied::Replayed(done));
            }
        }
        if deleted.is_some() {
            return Err(not_found());
        }
        let (before, mut state) = load_state(c, match_id)?;
        let was_derived = derived_scores(&before, &state) == stored_scores(&before);
        let written = change(c, &before, &state)?;
        // What the score depends on, as the change left it: the match row, goals and kicks.
        let after = load_match(c, match_id)?;
        state.goals = Goal::of_matches(c, &[match_id])?;
        state.kicks = ShootoutKick::of_matches(c, &[match_id])?;
        let derived = derived_scores(&after, &state);
        if derived != stored_scores(&after) {
            if !was_derived {
                return Err(AppError::rule(
                    "SCORE_NOT_FROM_EVENTS",
                    "this match's recorded goals do not account for its score, so it cannot be corrected event by event",
                ));
            }
            store_scores(c, match_id, derived)?;
        }
        let sequence = after.version + 1;
        diesel::update(matches::table.find(match_id))
            .set(matches::version.eq(sequence))
            .execute(c)?;
        let score = state.score();
        let kicks = (!state.kicks.is_empty()).then(|| state.kicks_scored());
        let update = diesel::insert_into(match_updates::table)
            .values((
                match_updates::match_id.eq(match_id),
                match_updates::sequence.eq(sequence),
                match_updates::kind.eq(written.kind.as_str()),
                match_updates::event_id.eq(written.event_id),
                match_updates::phase.eq(after.phase),
                match_updates::home_score.eq(score.home),
                match_updates::away_score.eq(score.away),
                match_updates::home_kicks.eq(kicks.map(|k| k.home)),
                match_updates::away_kicks.eq(kicks.map(|k| k.away)),
                match_updates::recorded_at.eq(Utc::now().naive_utc()),
            ))
            .returning(match_updates::id)
            .get_result::<i32>(c)?;
        let update = match_updates::table
            .find(update)
            .select(MatchUpdate::as_select())
            .first(c)?;
        if let Some((writer, retry)) = retry {
            diesel::insert_into(idempotency_keys::table)
                .values((
                    idempotency_keys::api_key_id.eq(writer.id),
                    idempotency_keys::key.eq(&retry.key),
                    idempotency_keys::fingerprint.eq(&retry.fingerprint),
                    idempotency_keys::match_id.eq(match_id),
                    idempotency_keys::sequence.eq(sequence),
                    idempotency_keys::created_at.eq(Utc::now().naive_utc()),
                ))
                .execute(c)?;
        }
        notify(c, &update)?;
        Ok(Applied::New(update))
    })
}

/// The change an earlier write with the same idempotency key made, if any.
fn replayed(
    conn: &mut DbConnection,
    writer: &ApiKey,
    retry: &Retry,
) -> Result<Option<MatchUpdate>, AppError> {
    let earlier: Option<(String, i32, i32)> = idempotency_keys::table
        .find((writer.id, &retry.key))
        .select((
            idempotency_keys::fingerprint,
            idempotency_keys::match_id,
            idempotency_keys::sequence,
        ))
        .first(conn)
        .optional()?;
    let Some((fingerprint, match_id, sequence)) = earlier else {
        return Ok(None);
    };
    if fingerprint != retry.fingerprint {
        return Err(AppError::bad_input(
            "idempotencyKey",
            "this key was already used for a different write",
        ));
    }
    Ok(match_updates::table
        .filter(match_updates::match_id.eq(match_id))
        .filter(match_updates::sequence.eq(sequence))
        .select(MatchUpdate::as_select())
        .first(conn)
        .optional()?)
}

/// Matches being played now: kicked off and not over.
pub fn in_play(conn: &mut DbConnection) -> QueryResult<Vec<i32>> {
    matches::table
        .filter(matches::phase.is_not_null())
        .filter(matches::phase.ne(MatchPhase::FullTime))
        .select(matches::id)
        .load(conn)
}

/// On PostgreSQL, tells every instance listening that anything may have changed (after an
/// edit or an import); `origin` names the instance sending it, which skips its own. Nothing to
/// do on SQLite, whose cached answers expire by age.
pub fn notify_everything_changed(conn: &mut DbConnection, origin: &str) -> Result<(), AppError> {
    if let DbConnection::Postgres(pg) = conn {
        diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<diesel::sql_types::Text, _>(CHANNEL)
            .bind::<diesel::sql_types::Text, _>(format!("{EVERYTHING_CHANGED}{origin}"))
            .execute(pg)?;
    }
    Ok(())
}

/// On PostgreSQL, tells every instance listening (this one included) of the change when the
/// transaction commits; nothing is sent if it rolls back.
fn notify(conn: &mut DbConnection, update: &MatchUpdate) -> Result<(), AppError> {
    if let DbConnection::Postgres(pg) = conn {
        let payload = serde_json::to_string(update)
            .map_err(|e| AppError::Internal(format!("cannot encode a live update: {e}")))?;
        diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<diesel::sql_types::Text, _>(CHANNEL)
            .bind::<diesel::sql_types::Text, _>(payload)
            .execute(pg)?;
    }
    Ok(())
}
