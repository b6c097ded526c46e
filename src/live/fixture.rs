//! New fixtures: a match to be played, which editors then record live; and taking back a
//! match an editor created. Recorded history is not added to: a stage that holds one match (a
//! final, a third-place match) takes no second, and a tournament whose final has been played
//! takes no new fixture (a playback goes to its own competition, `replay.rs`).

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::store::{UpdateKind, Written};
use crate::competition::CompetitionKind;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::matches::{Match, MatchStatus, NewMatch};
use crate::schema::{competitions, matches, stages, teams, tournament_groups, tournaments, venues};
use crate::tournament::StageKind;

#[derive(Debug, Clone)]
pub struct NewFixture {
    pub stage_id: i32,
    pub group_id: Option<i32>,
    pub home_team_id: i32,
    pub away_team_id: i32,
    pub kickoff_utc: Option<NaiveDateTime>,
    pub utc_offset_minutes: Option<i32>,
    pub venue_id: Option<i32>,
    /// The recorded match this one plays back (`goalline replay`).
    pub playback_of: Option<i32>,
}

/// Creates the fixture in its stage's tournament, numbered after the tournament's last match.
pub fn create(conn: &mut DbConnection, fixture: &NewFixture) -> Result<i32, AppError> {
    conn.transaction(|c| {
        let (tournament_id, kind): (i32, StageKind) = stages::table
            .find(fixture.stage_id)
            .select((stages::tournament_id, stages::kind))
            .first(c)
            .optional()?
            .ok_or_else(|| AppError::NotFound("no such stage".into()))?;
        keep_history(c, tournament_id, fixture.stage_id, kind)?;
        if let Some(group) = fixture.group_id {
            let stage: Option<i32> = tournament_groups::table
                .find(group)
                .select(tournament_groups::stage_id)
                .first(c)
                .optional()?;
            if stage != Some(fixture.stage_id) {
                return Err(AppError::bad_input(
                    "groupId",
                    "that group is not in the stage",
                ));
            }
        }
        if fixture.home_team_id == fixture.away_team_id {
            return Err(AppError::bad_input(
                "awayTeamId",
                "a team does not play itself",
            ));
        }
        let known: i64 = teams::table
            .filter(teams::id.eq_any([fixture.home_team_id, fixture.away_team_id]))
            .count()
            .get_result(c)?;
        if known != 2 {
            return Err(AppError::NotFound("no such team".into()));
        }
        if let Some(venue) = fixture.venue_id {
            let exists: i64 = venues::table.find(venue).count().get_result(c)?;
            if exists == 0 {
                return Err(AppError::NotFound("no such venue".into()));
            }
        }
        if let Some(offset) = fixture.utc_offset_minutes {
            if !(-720..=840).contains(&offset) {
                return Err(AppError::bad_input(
                    "kickoff",
                    "UTC offsets run from -12:00 to +14:00",
                ));
            }
        }
        let last: Option<i32> = matches::table
            .filter(matches::tournament_id.eq(tournament_id))
            .select(diesel::dsl::max(matches::number))
            .first(c)?;
        let competition_id: i32 = tournaments::table
            .find(tournament_id)
            .select(tournaments::competition_id)
            .first(c)?;
        let id = crate::matches::Match::new_id(c)?;
        Ok(crate::matches::Match::insert(
            c,
            &NewMatch {
                id,
                competition_id,
                tournament_id: Some(tournament_id),
                stage_id: Some(fixture.stage_id),
                group_id: fixture.group_id,
                number: Some(last.unwrap_or(0) + 1),
                played_on: fixture.kickoff_utc.map(|k| {
                    (k + chrono::Duration::minutes(fixture.utc_offset_minutes.unwrap_or(0).into()))
                        .date()
                }),
                city: None,
                country: None,
                neutral: None,
                final_only: false,
                shootout_winner_id: None,
                playback_of: fixture.playback_of,
                home_team_id: fixture.home_team_id,
                away_team_id: fixture.away_team_id,
                kickoff_utc: fixture.kickoff_utc,
                utc_offset_minutes: fixture.utc_offset_minutes,
                venue_id: fixture.venue_id,
                attendance: None,
                status: MatchStatus::Scheduled,
                ht_home: None,
                ht_away: None,
                ft_home: None,
                ft_away: None,
                et_home: None,
                et_away: None,
                pen_home: None,
                pen_away: None,
                source_id: None,
            },
        )?)
    })
}

/// Refuses a fixture that would add to what is recorded: a second match in a stage of one
/// match, or any match in a tournament whose final has been played (outside playbacks, which
/// hold a final per stage).
fn keep_history(
    conn: &mut DbConnection,
    tournament_id: i32,
    stage_id: i32,
    kind: StageKind,
) -> Result<(), AppError> {
    if matches!(kind, StageKind::Final | StageKind::ThirdPlace) {
        let in_stage: i64 = matches::table
            .filter(matches::stage_id.eq(stage_id))
            .filter(matches::deleted_at.is_null())
            .count()
            .get_result(conn)?;
        if in_stage > 0 {
            return Err(AppError::rule(
                "STAGE_HAS_ITS_MATCH",
                format!("a {kind} stage holds one match, and this one has it"),
            ));
        }
    }
    let competition: CompetitionKind = tournaments::table
        .inner_join(competitions::table)
        .filter(tournaments::id.eq(tournament_id))
        .select(competitions::kind)
        .first(conn)?;
    let final_played: i64 = matches::table
        .inner_join(stages::table)
        .filter(matches::tournament_id.eq(tournament_id))
        .filter(stages::kind.eq(StageKind::Final))
        .filter(matches::status.eq(MatchStatus::Finished))
        .filter(matches::deleted_at.is_null())
        .count()
        .get_result(conn)?;
    if competition != CompetitionKind::Playback && final_played > 0 {
        return Err(AppError::rule(
            "TOURNAMENT_DECIDED",
            "this tournament's final has been played: its matches are corrected, not added to",
        ));
    }
    Ok(())
}

/// Deletes a match an editor created (soft: it and its events disappear from every read; its
/// update log ends with MATCH_DELETED). A match read from a source is part of the record and
/// is corrected event by event instead. Runs inside `store::apply`, which locks the match.
pub fn delete(conn: &mut DbConnection, m: &Match) -> Result<Written, AppError> {
    if m.source_id.is_some() {
        return Err(AppError::rule(
            "RECORDED_MATCH",
            "this match was read from a source and is part of the record: correct its events instead",
        ));
    }
    diesel::update(matches::table.find(m.id))
        .set(matches::deleted_at.eq(Utc::now().naive_utc()))
        .execute(conn)?;
    Ok(Written {
        kind: UpdateKind::MatchDeleted,
        event_id: None,
    })
}
