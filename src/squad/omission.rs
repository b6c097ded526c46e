//! Players a team left out of its squad for a tournament: not selected, as reported at the
//! time, with the reason and its source. A squad's list of members cannot say who is missing
//! from it, and "left out" is often the story (Benzema and France's 2018 squad).

use async_graphql::{Context, Object, Result};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::graphql::loader::load_required;
use crate::graphql::scalars::Date;
use crate::person::{Person, PersonId};
use crate::read_model::{group, Relation};
use crate::schema::squad_omissions;
use crate::team::{Team, TeamId};
use crate::tournament::{Tournament, TournamentId};

/// A player left out of a team's squad for a tournament.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = squad_omissions)]
pub struct SquadOmission {
    pub id: i32,
    pub person_id: i32,
    pub team_id: i32,
    pub tournament_id: i32,
    pub announced_on: Option<chrono::NaiveDate>,
    pub reason: String,
    pub source: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = squad_omissions)]
pub struct NewSquadOmission<'a> {
    pub person_id: i32,
    pub team_id: i32,
    pub tournament_id: i32,
    pub announced_on: Option<chrono::NaiveDate>,
    pub reason: &'a str,
    pub source: &'a str,
}

impl SquadOmission {
    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<SquadOmission>> {
        squad_omissions::table
            .filter(squad_omissions::person_id.eq_any(ids))
            .order((squad_omissions::person_id, squad_omissions::tournament_id))
            .select(SquadOmission::as_select())
            .load(conn)
    }

    fn of_squads(
        conn: &mut DbConnection,
        keys: &[SquadLeftOut],
    ) -> QueryResult<Vec<SquadOmission>> {
        let teams: Vec<i32> = keys.iter().map(|k| k.team_id).collect();
        let tournaments: Vec<i32> = keys.iter().map(|k| k.tournament_id).collect();
        squad_omissions::table
            .filter(squad_omissions::team_id.eq_any(teams))
            .filter(squad_omissions::tournament_id.eq_any(tournaments))
            .order(squad_omissions::id)
            .select(SquadOmission::as_select())
            .load(conn)
    }

    /// Records the omission unless already recorded; true when added.
    pub fn insert_new(conn: &mut DbConnection, new: &NewSquadOmission<'_>) -> QueryResult<bool> {
        let exists = squad_omissions::table
            .filter(squad_omissions::person_id.eq(new.person_id))
            .filter(squad_omissions::team_id.eq(new.team_id))
            .filter(squad_omissions::tournament_id.eq(new.tournament_id))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !exists {
            diesel::insert_into(squad_omissions::table)
                .values(new)
                .execute(conn)?;
        }
        Ok(!exists)
    }
}

/// Key: the players a team left out of its squad at a tournament.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SquadLeftOut {
    pub team_id: i32,
    pub tournament_id: i32,
}

/// Key: every squad a person was left out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonLeftOut(pub i32);

impl SquadLeftOut {
    fn of(omission: &SquadOmission) -> Self {
        Self {
            team_id: omission.team_id,
            tournament_id: omission.tournament_id,
        }
    }
}

impl Relation for SquadLeftOut {
    type Value = Vec<SquadOmission>;

    fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(Self, Self::Value)>> {
        let rows = squad_omissions::table
            .order(squad_omissions::id)
            .select(SquadOmission::as_select())
            .load(conn)?;
        Ok(group(rows, Self::of))
    }

    fn load_keys(conn: &mut DbConnection, keys: &[Self]) -> QueryResult<Vec<(Self, Self::Value)>> {
        Ok(group(SquadOmission::of_squads(conn, keys)?, Self::of))
    }
}

crate::list_relation!(PersonLeftOut => SquadOmission, SquadOmission::of_people, |o| o.person_id, people);
crate::read_scope!(Fixed: SquadLeftOut, PersonLeftOut);

/// A player a team left out of its squad for a tournament, as reported when the squad was
/// announced.
#[Object]
impl SquadOmission {
    /// The player left out.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        load_required(ctx, PersonId(self.person_id)).await
    }

    /// The team whose squad it was.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// The tournament.
    async fn tournament(&self, ctx: &Context<'_>) -> Result<Tournament> {
        load_required(ctx, TournamentId(self.tournament_id)).await
    }

    /// The day the squad was announced, when known.
    async fn announced_on(&self) -> Option<Date> {
        self.announced_on.map(Date)
    }

    /// Why the player was left out, as reported.
    async fn reason(&self) -> &str {
        &self.reason
    }

    /// Where this fact comes from.
    async fn source(&self) -> &str {
        &self.source
    }
}
