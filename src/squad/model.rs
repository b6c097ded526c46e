use diesel::prelude::*;

use crate::db::DbConnection;
use crate::read_model::{group, Relation};
use crate::schema::{squad_members, squad_status_changes, team_coaches, tournaments};

crate::text_enum! {
    /// A player's position as registered in the squad list.
    Position {
        /// Goalkeeper.
        Goalkeeper => "GK",
        /// Defender.
        Defender => "DF",
        /// Midfielder.
        Midfielder => "MF",
        /// Forward.
        Forward => "FW",
    }
}

crate::text_enum! {
    /// Where a player stands with the squad.
    SquadStatus {
        /// Registered and available.
        Selected => "SELECTED",
        /// Injured before or during the tournament and unable to play, yet kept on the squad list.
        RuledOutInjured => "RULED_OUT_INJURED",
        /// Removed from the squad because of injury (and usually replaced).
        WithdrawnInjured => "WITHDRAWN_INJURED",
        /// Removed from the squad for another reason.
        Withdrawn => "WITHDRAWN",
    }
}

crate::text_enum! {
    /// A coach's role in a team's staff.
    CoachRole {
        /// The head coach (manager).
        HeadCoach => "HEAD_COACH",
        /// An assistant coach.
        AssistantCoach => "ASSISTANT_COACH",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = squad_members)]
pub struct SquadMember {
    pub id: i32,
    pub tournament_id: i32,
    pub team_id: i32,
    pub person_id: i32,
    pub shirt_number: Option<i32>,
    pub position: Option<Position>,
    pub status: SquadStatus,
    pub status_note: Option<String>,
    pub source_id: Option<i32>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = squad_members, treat_none_as_default_value = false)]
pub struct NewSquadMember<'a> {
    pub tournament_id: i32,
    pub team_id: i32,
    pub person_id: i32,
    pub shirt_number: Option<i32>,
    pub position: Option<&'a str>,
    pub status: &'a str,
    pub status_note: Option<&'a str>,
    pub source_id: Option<i32>,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = team_coaches)]
pub struct TeamCoach {
    pub id: i32,
    pub tournament_id: i32,
    pub team_id: i32,
    pub person_id: i32,
    pub role: CoachRole,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = team_coaches, treat_none_as_default_value = false)]
pub struct NewTeamCoach<'a> {
    pub tournament_id: i32,
    pub team_id: i32,
    pub person_id: i32,
    pub role: &'a str,
}

impl SquadMember {
    /// Squads of the given (team, tournament) pairs, by shirt number.
    pub fn of_teams(conn: &mut DbConnection, keys: &[TeamSquad]) -> QueryResult<Vec<SquadMember>> {
        let teams: Vec<i32> = keys.iter().map(|k| k.team_id).collect();
        let tournaments: Vec<i32> = keys.iter().map(|k| k.tournament_id).collect();
        squad_members::table
            .filter(squad_members::team_id.eq_any(teams))
            .filter(squad_members::tournament_id.eq_any(tournaments))
            .select(SquadMember::as_select())
            .order((squad_members::shirt_number, squad_members::id))
            .load(conn)
    }

    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<SquadMember>> {
        // By year: tournament ids follow the order of loading, not of play.
        squad_members::table
            .inner_join(tournaments::table)
            .filter(squad_members::person_id.eq_any(ids))
            .select(SquadMember::as_select())
            .order((tournaments::year, squad_members::id))
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[NewSquadMember<'_>]) -> QueryResult<usize> {
        crate::insert_batch!(conn, squad_members::table, rows)
    }
}

impl TeamCoach {
    pub fn of_teams(conn: &mut DbConnection, keys: &[TeamCoaches]) -> QueryResult<Vec<TeamCoach>> {
        let teams: Vec<i32> = keys.iter().map(|k| k.team_id).collect();
        let tournaments: Vec<i32> = keys.iter().map(|k| k.tournament_id).collect();
        team_coaches::table
            .filter(team_coaches::team_id.eq_any(teams))
            .filter(team_coaches::tournament_id.eq_any(tournaments))
            .select(TeamCoach::as_select())
            .order(team_coaches::id)
            .load(conn)
    }

    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<TeamCoach>> {
        team_coaches::table
            .inner_join(tournaments::table)
            .filter(team_coaches::person_id.eq_any(ids))
            .select(TeamCoach::as_select())
            .order((tournaments::year, team_coaches::id))
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[NewTeamCoach<'_>]) -> QueryResult<usize> {
        crate::insert_batch!(conn, team_coaches::table, rows)
    }
}

/// Key: a team's squad at a tournament.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TeamSquad {
    pub team_id: i32,
    pub tournament_id: i32,
}

/// Key: a team's coaches at a tournament.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TeamCoaches {
    pub team_id: i32,
    pub tournament_id: i32,
}

/// Key: every squad a person belonged to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonSquads(pub i32);

/// Key: every team a person coached at a tournament.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonCoaching(pub i32);

impl TeamSquad {
    fn of(member: &SquadMember) -> Self {
        Self {
            team_id: member.team_id,
            tournament_id: member.tournament_id,
        }
    }
}

impl Relation for TeamSquad {
    type Value = Vec<SquadMember>;

    fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(Self, Self::Value)>> {
        let rows = squad_members::table
            .select(SquadMember::as_select())
            .order((squad_members::shirt_number, squad_members::id))
            .load(conn)?;
        Ok(group(rows, Self::of))
    }

    fn load_keys(conn: &mut DbConnection, keys: &[Self]) -> QueryResult<Vec<(Self, Self::Value)>> {
        Ok(group(SquadMember::of_teams(conn, keys)?, Self::of))
    }
}

impl TeamCoaches {
    fn of(coach: &TeamCoach) -> Self {
        Self {
            team_id: coach.team_id,
            tournament_id: coach.tournament_id,
        }
    }
}

impl Relation for TeamCoaches {
    type Value = Vec<TeamCoach>;

    fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(Self, Self::Value)>> {
        let rows = team_coaches::table
            .select(TeamCoach::as_select())
            .order(team_coaches::id)
            .load(conn)?;
        Ok(group(rows, Self::of))
    }

    fn load_keys(conn: &mut DbConnection, keys: &[Self]) -> QueryResult<Vec<(Self, Self::Value)>> {
        Ok(group(TeamCoach::of_teams(conn, keys)?, Self::of))
    }
}

crate::list_relation!(PersonSquads => SquadMember, SquadMember::of_people, |m| m.person_id, people);

crate::list_relation!(PersonCoaching => TeamCoach, TeamCoach::of_people, |m| m.person_id, people);

/// A change of a squad member's status, with the reason and its source.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = squad_status_changes)]
pub struct SquadStatusChange {
    pub id: i32,
    pub squad_member_id: i32,
    pub status: SquadStatus,
    pub changed_on: chrono::NaiveDate,
    pub reason: String,
    pub source: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = squad_status_changes)]
pub struct NewSquadStatusChange<'a> {
    pub squad_member_id: i32,
    pub status: &'a str,
    pub changed_on: chrono::NaiveDate,
    pub reason: &'a str,
    pub source: &'a str,
}

impl SquadStatusChange {
    pub fn of_members(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<SquadStatusChange>> {
        squad_status_changes::table
            .filter(squad_status_changes::squad_member_id.eq_any(ids))
            .select(SquadStatusChange::as_select())
            .order((
                squad_status_changes::squad_member_id,
                squad_status_changes::changed_on,
            ))
            .load(conn)
    }

    /// Records the change (and makes it the member's status, its reason the status note)
    /// unless already recorded; true when added.
    pub fn insert_new(
        conn: &mut DbConnection,
        new: &NewSquadStatusChange<'_>,
    ) -> QueryResult<bool> {
        let exists = squad_status_changes::table
            .filter(squad_status_changes::squad_member_id.eq(new.squad_member_id))
            .filter(squad_status_changes::changed_on.eq(new.changed_on))
            .filter(squad_status_changes::status.eq(new.status))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !exists {
            diesel::insert_into(squad_status_changes::table)
                .values(new)
                .execute(conn)?;
            diesel::update(squad_members::table.find(new.squad_member_id))
                .set((
                    squad_members::status.eq(new.status),
                    squad_members::status_note.eq(new.reason),
                ))
                .execute(conn)?;
        }
        Ok(!exists)
    }

    /// The squad member of a person in a team's squad at a tournament.
    pub fn member_id(
        conn: &mut DbConnection,
        tournament_id: i32,
        team_id: i32,
        person_id: i32,
    ) -> QueryResult<Option<i32>> {
        squad_members::table
            .filter(squad_members::tournament_id.eq(tournament_id))
            .filter(squad_members::team_id.eq(team_id))
            .filter(squad_members::person_id.eq(person_id))
            .select(squad_members::id)
            .first(conn)
            .optional()
    }
}

/// Key: the status changes of a squad member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemberStatusChanges(pub i32);

crate::list_relation!(MemberStatusChanges => SquadStatusChange, SquadStatusChange::of_members, |c| c.squad_member_id, squad_members);
crate::read_scope!(Fixed: TeamSquad, TeamCoaches, PersonSquads, PersonCoaching, MemberStatusChanges);
