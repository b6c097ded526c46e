//! Registering players in a team's squad for a tournament, and changing their status.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::checks;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::schema::{people, squad_members, squad_status_changes, teams, tournaments};
use crate::squad::{
    NewSquadMember, NewSquadStatusChange, Position, SquadMember, SquadStatus, SquadStatusChange,
};

/// A player in a team's squad for a tournament.
pub struct SquadPlace {
    pub tournament_id: i32,
    pub team_id: i32,
    pub person_id: i32,
}

pub struct MemberFields {
    pub place: SquadPlace,
    pub shirt_number: Option<i32>,
    pub position: Option<Position>,
}

pub struct StatusFields {
    pub place: SquadPlace,
    pub status: SquadStatus,
    pub on: NaiveDate,
    pub reason: String,
    pub source: String,
}

/// Registers the player, SELECTED.
pub fn add_member(conn: &mut DbConnection, f: &MemberFields) -> Result<SquadMember, AppError> {
    let p = &f.place;
    conn.transaction(|c| {
        let found = |n: i64, what: &str| match n {
            0 => Err(AppError::NotFound(format!("no such {what}"))),
            _ => Ok(()),
        };
        found(
            tournaments::table
                .find(p.tournament_id)
                .count()
                .get_result(c)?,
            "tournament",
        )?;
        found(teams::table.find(p.team_id).count().get_result(c)?, "team")?;
        found(
            people::table.find(p.person_id).count().get_result(c)?,
            "person",
        )?;
        // A player is registered by one team per tournament.
        let registered: Option<String> = squad_members::table
            .inner_join(teams::table)
            .filter(squad_members::tournament_id.eq(p.tournament_id))
            .filter(squad_members::person_id.eq(p.person_id))
            .select(teams::name)
            .first(c)
            .optional()?;
        if let Some(team) = registered {
            return Err(AppError::bad_input(
                "personId",
                format!("already in {team}'s squad for the tournament"),
            ));
        }
        if let Some(shirt) = f.shirt_number {
            // The squad_members table's CHECK constraint.
            if !(1..=99).contains(&shirt) {
                return Err(AppError::bad_input("shirtNumber", "must be from 1 to 99"));
            }
            let worn: i64 = squad_members::table
                .filter(squad_members::tournament_id.eq(p.tournament_id))
                .filter(squad_members::team_id.eq(p.team_id))
                .filter(squad_members::shirt_number.eq(shirt))
                .count()
                .get_result(c)?;
            if worn > 0 {
                return Err(AppError::bad_input(
                    "shirtNumber",
                    format!("another player of the squad wears {shirt}"),
                ));
            }
        }
        let id: i32 = diesel::insert_into(squad_members::table)
            .values(&NewSquadMember {
                tournament_id: p.tournament_id,
                team_id: p.team_id,
                person_id: p.person_id,
                shirt_number: f.shirt_number,
                position: f.position.map(Position::as_str),
                status: SquadStatus::Selected.as_str(),
                status_note: None,
                source_id: None,
            })
            .returning(squad_members::id)
            .get_result(c)
            .map_err(|e| {
                checks::taken(
                    e,
                    &[("shirt_number", "shirtNumber"), ("person_id", "personId")],
                )
            })?;
        Ok(member(c, id)?)
    })
}

/// Records a change of a player's status from a day on, with its reason and source, as the
/// curated data records them; the member's status becomes the new one.
pub fn change_status(conn: &mut DbConnection, f: &StatusFields) -> Result<SquadMember, AppError> {
    conn.transaction(|c| {
        let reason = checks::text("reason", &f.reason)?;
        let source = checks::text("source", &f.source)?;
        let on = checks::not_in_future("on", f.on)?;
        let p = &f.place;
        let id = SquadStatusChange::member_id(c, p.tournament_id, p.team_id, p.person_id)?
            .ok_or_else(|| AppError::NotFound("the person is not in that squad".into()))?;
        let current = member(c, id)?;
        if current.status == f.status {
            return Err(AppError::bad_input(
                "status",
                format!("the player is {} already", current.status),
            ));
        }
        // The status is the latest change's, so changes are recorded in order of their day.
        let latest: Option<NaiveDate> = squad_status_changes::table
            .filter(squad_status_changes::squad_member_id.eq(id))
            .select(diesel::dsl::max(squad_status_changes::changed_on))
            .first(c)?;
        if let Some(latest) = latest.filter(|l| on < *l) {
            return Err(AppError::bad_input(
                "on",
                format!("a later change ({latest}) is recorded"),
            ));
        }
        SquadStatusChange::insert_new(
            c,
            &NewSquadStatusChange {
                squad_member_id: id,
                status: f.status.as_str(),
                changed_on: on,
                reason: &reason,
                source: &source,
            },
        )?;
        Ok(member(c, id)?)
    })
}

fn member(conn: &mut DbConnection, id: i32) -> QueryResult<SquadMember> {
    squad_members::table
        .find(id)
        .select(SquadMember::as_select())
        .first(conn)
}
