//! Creating tournaments, their stages and the groups of a group stage.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use super::checks;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::schema::{group_teams, teams, tournament_groups, tournaments};
use crate::tournament::{NewGroup, NewStage, NewTournament, Stage, StageKind, Tournament};

pub struct TournamentFields {
    pub name: String,
    pub slug: String,
    pub competition: String,
    pub year: i32,
    pub host: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

pub struct StageFields {
    pub tournament_id: i32,
    pub kind: StageKind,
    pub name: String,
    pub order: Option<i32>,
}

pub struct GroupFields {
    pub stage_id: i32,
    pub name: String,
    pub team_ids: Vec<i32>,
}

pub fn create(conn: &mut DbConnection, f: &TournamentFields) -> Result<i32, AppError> {
    conn.transaction(|c| {
        let name = checks::text("name", &f.name)?;
        let slug = checks::slug("slug", &f.slug)?;
        let competition = checks::text("competition", &f.competition)?;
        let host = checks::text("host", &f.host)?;
        // The tournaments table's CHECK constraint.
        if !(1850..=2100).contains(&f.year) {
            return Err(AppError::bad_input("year", "must be from 1850 to 2100"));
        }
        if f.start_date.is_some_and(|d| d.year() != f.year) {
            return Err(AppError::bad_input(
                "startDate",
                "a tournament's year is the year it starts",
            ));
        }
        if let (Some(start), Some(end)) = (f.start_date, f.end_date) {
            if end < start {
                return Err(AppError::bad_input("endDate", "is before the start date"));
            }
        }
        if Tournament::by_slug(c, &slug)?.is_some() {
            return Err(AppError::bad_input(
                "slug",
                format!("a tournament has the slug `{slug}` already"),
            ));
        }
        let competition_id = crate::competition::Competition::ensure(
            c,
            &crate::competition::catalogue::lookup(&competition),
        )?;
        Tournament::insert(
            c,
            &NewTournament {
                slug: &slug,
                name: &name,
                competition_id,
                year: f.year,
                host: &host,
                start_date: f.start_date,
                end_date: f.end_date,
                source_id: None,
            },
        )
        .map_err(|e| checks::taken(e, &[("slug", "slug")]))
    })
}

/// Adds a stage, by default after the tournament's last one.
pub fn add_stage(conn: &mut DbConnection, f: &StageFields) -> Result<i32, AppError> {
    conn.transaction(|c| {
        let name = checks::text("name", &f.name)?;
        let known: i64 = tournaments::table
            .find(f.tournament_id)
            .count()
            .get_result(c)?;
        if known == 0 {
            return Err(AppError::NotFound("no such tournament".into()));
        }
        let existing = Stage::of_tournaments(c, &[f.tournament_id])?;
        if existing.iter().any(|s| s.name == name) {
            return Err(AppError::bad_input(
                "name",
                format!("the tournament has a stage named {name} already"),
            ));
        }
        let order = match f.order {
            Some(n) if n < 1 => return Err(AppError::bad_input("order", "must be 1 or more")),
            Some(n) if existing.iter().any(|s| s.ordinal == n) => {
                return Err(AppError::bad_input(
                    "order",
                    format!("the tournament has a stage in place {n} already"),
                ))
            }
            Some(n) => n,
            None => existing.iter().map(|s| s.ordinal).max().unwrap_or(0) + 1,
        };
        Stage::insert(
            c,
            &NewStage {
                tournament_id: f.tournament_id,
                name: &name,
                kind: f.kind,
                ordinal: order,
            },
        )
        .map_err(|e| checks::taken(e, &[("ordinal", "order"), ("name", "name")]))
    })
}

/// Adds a group to a group stage, with the teams drawn into it.
pub fn add_group(conn: &mut DbConnection, f: &GroupFields) -> Result<i32, AppError> {
    conn.transaction(|c| {
        let name = checks::text("name", &f.name)?;
        let stage = Stage::by_ids(c, &[f.stage_id])?
            .pop()
            .ok_or_else(|| AppError::NotFound("no such stage".into()))?;
        if stage.kind != StageKind::Group {
            return Err(AppError::bad_input(
                "stageId",
                "only a stage of kind GROUP has groups",
            ));
        }
        let same_name: i64 = tournament_groups::table
            .filter(tournament_groups::stage_id.eq(stage.id))
            .filter(tournament_groups::name.eq(&name))
            .count()
            .get_result(c)?;
        if same_name > 0 {
            return Err(AppError::bad_input(
                "name",
                format!("the stage has a group named {name} already"),
            ));
        }
        let mut team_ids = f.team_ids.clone();
        team_ids.sort_unstable();
        if team_ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(AppError::bad_input("teamIds", "a team is listed twice"));
        }
        let known: i64 = teams::table
            .filter(teams::id.eq_any(&team_ids))
            .count()
            .get_result(c)?;
        if known != team_ids.len() as i64 {
            return Err(AppError::NotFound("no such team".into()));
        }
        let drawn: Vec<String> = group_teams::table
            .inner_join(tournament_groups::table)
            .inner_join(teams::table)
            .filter(tournament_groups::stage_id.eq(stage.id))
            .filter(group_teams::team_id.eq_any(&team_ids))
            .select(teams::name)
            .load(c)?;
        if let Some(team) = drawn.first() {
            return Err(AppError::bad_input(
                "teamIds",
                format!("{team} is in another group of the stage"),
            ));
        }
        Ok(crate::tournament::Group::insert(
            c,
            &NewGroup {
                stage_id: stage.id,
                name: &name,
            },
            &f.team_ids,
        )?)
    })
}
