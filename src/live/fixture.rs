//! New fixtures: a match to be played, which editors then record live.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::AppError;
use crate::matches::{MatchStatus, NewMatch};
use crate::schema::{matches, stages, teams, tournament_groups, venues};

#[derive(Debug, Clone)]
pub struct NewFixture {
    pub stage_id: i32,
    pub group_id: Option<i32>,
    pub home_team_id: i32,
    pub away_team_id: i32,
    pub kickoff_utc: Option<NaiveDateTime>,
    pub utc_offset_minutes: Option<i32>,
    pub venue_id: Option<i32>,
}

/// Creates the fixture in its stage's tournament, numbered after the tournament's last match.
pub fn create(conn: &mut DbConnection, fixture: &NewFixture) -> Result<i32, AppError> {
    conn.transaction(|c| {
        let tournament_id: i32 = stages::table
            .find(fixture.stage_id)
            .select(stages::tournament_id)
            .first(c)
            .optional()?
            .ok_or_else(|| AppError::NotFound("no such stage".into()))?;
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
        let competition_id: i32 = crate::schema::tournaments::table
            .find(tournament_id)
            .select(crate::schema::tournaments::competition_id)
            .first(c)?;
        Ok(crate::matches::Match::insert(
            c,
            &NewMatch {
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
