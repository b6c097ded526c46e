use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::teams;

crate::text_enum! {
    /// Whether a team represents a country or is a club.
    TeamKind {
        /// A national team, selected by a football association.
        National => "NATIONAL",
        /// A club.
        Club => "CLUB",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = teams)]
pub struct Team {
    pub id: i32,
    pub name: String,
    pub kind: String,
    pub fifa_code: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = teams, treat_none_as_default_value = false)]
pub struct NewTeam<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub fifa_code: Option<&'a str>,
    pub country: Option<&'a str>,
    pub search_name: String,
}

impl Team {
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Team>> {
        teams::table
            .select(Team::as_select())
            .order(teams::name)
            .load(conn)
    }

    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Team>> {
        teams::table
            .filter(teams::id.eq_any(ids))
            .select(Team::as_select())
            .load(conn)
    }

    /// Looks a team up by its FIFA code, in any letter case.
    pub fn by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Team>> {
        teams::table
            .filter(teams::fifa_code.eq(code.to_ascii_uppercase()))
            .select(Team::as_select())
            .first(conn)
            .optional()
    }

    pub fn insert(conn: &mut DbConnection, new: &NewTeam<'_>) -> QueryResult<i32> {
        diesel::insert_into(teams::table)
            .values(new)
            .returning(teams::id)
            .get_result(conn)
    }
}

/// Key for loading a team by its row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TeamId(pub i32);

crate::row_loader!(TeamId => Team, Team::by_ids);
