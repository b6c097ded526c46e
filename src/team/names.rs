//! The names a team is known by in the sources: former names with the dates they were used
//! (the "Ireland" of 1882-1921 is Northern Ireland's; Zaire is DR Congo's), and other
//! spellings without dates.

use async_graphql::{ComplexObject, SimpleObject};
use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::graphql::scalars::Date;
use crate::schema::team_names;

/// A name a team was known by.
#[derive(Debug, Clone, Queryable, Selectable, SimpleObject)]
#[diesel(table_name = team_names)]
#[graphql(complex)]
pub struct TeamName {
    #[graphql(skip)]
    pub team_id: i32,
    /// The name as the source writes it.
    pub name: String,
    #[graphql(skip)]
    pub valid_from: Option<NaiveDate>,
    #[graphql(skip)]
    pub valid_until: Option<NaiveDate>,
    /// The file that gives it.
    pub source: String,
}

#[ComplexObject]
impl TeamName {
    /// The first day the team played under this name; null for a spelling with no dates.
    async fn from(&self) -> Option<Date> {
        self.valid_from.map(Date)
    }

    /// The last day the team played under this name; null while current or without dates.
    async fn until(&self) -> Option<Date> {
        self.valid_until.map(Date)
    }
}

impl TeamName {
    pub fn of_teams(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<TeamName>> {
        team_names::table
            .filter(team_names::team_id.eq_any(ids))
            .order((
                team_names::team_id,
                team_names::valid_from.is_null(),
                team_names::valid_from,
                team_names::name,
            ))
            .select(TeamName::as_select())
            .load(conn)
    }
}

/// Key: the names of a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TeamNames(pub i32);

crate::list_relation!(TeamNames => TeamName, TeamName::of_teams, |n| n.team_id, teams);
crate::read_scope!(Fixed: TeamNames);
