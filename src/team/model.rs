use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{team_lineage, team_names, teams};

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
    pub kind: TeamKind,
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

    /// The national team a source names: by FIFA code where one is known, else by any of
    /// its names (its current name, or one recorded in `team_names` without dates); created
    /// (named `name`, with the code) when neither finds it. The flag says whether it was
    /// created. National teams are shared by every tournament.
    pub fn national(
        conn: &mut DbConnection,
        code: Option<&str>,
        name: &str,
    ) -> QueryResult<(i32, bool)> {
        if let Some(existing) = code.map(|c| Self::by_code(conn, c)).transpose()?.flatten() {
            return Ok((existing.id, false));
        }
        if let Some(id) = Self::national_by_name(conn, name)? {
            return Ok((id, false));
        }
        let id = Self::insert(
            conn,
            &NewTeam {
                name,
                kind: TeamKind::National.as_str(),
                fifa_code: code,
                country: Some(name),
                search_name: crate::person::search_key(name),
            },
        )?;
        Ok((id, true))
    }

    /// A national team by its name or an undated alias, ignoring case and accents.
    pub fn national_by_name(conn: &mut DbConnection, name: &str) -> QueryResult<Option<i32>> {
        let key = crate::person::search_key(name);
        let by_name = teams::table
            .filter(teams::search_name.eq(&key))
            .filter(teams::kind.eq(TeamKind::National.as_str()))
            .select(teams::id)
            .first(conn)
            .optional()?;
        if by_name.is_some() {
            return Ok(by_name);
        }
        team_names::table
            .filter(team_names::search_name.eq(&key))
            .filter(team_names::valid_from.is_null())
            .select(team_names::team_id)
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

crate::row_relation!(TeamId => Team, Team::by_ids, teams);

/// `teams` lists them by name.
impl crate::read_model::Listed for Team {
    fn listing_order(&self, other: &Self) -> std::cmp::Ordering {
        (&self.name, self.id).cmp(&(&other.name, other.id))
    }
}

/// One national team succeeding another (West Germany by Germany): linked, not merged.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = team_lineage)]
pub struct TeamSuccession {
    pub predecessor_id: i32,
    pub successor_id: i32,
    pub since_year: i32,
    pub note: String,
}

impl TeamSuccession {
    pub fn of_successors(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<TeamSuccession>> {
        team_lineage::table
            .filter(team_lineage::successor_id.eq_any(ids))
            .select(TeamSuccession::as_select())
            .order(team_lineage::since_year)
            .load(conn)
    }

    pub fn of_predecessors(
        conn: &mut DbConnection,
        ids: &[i32],
    ) -> QueryResult<Vec<TeamSuccession>> {
        team_lineage::table
            .filter(team_lineage::predecessor_id.eq_any(ids))
            .select(TeamSuccession::as_select())
            .order(team_lineage::since_year)
            .load(conn)
    }

    /// Records the link unless it is there; true when added.
    pub fn insert_new(conn: &mut DbConnection, link: &TeamSuccession) -> QueryResult<bool> {
        let exists = team_lineage::table
            .filter(team_lineage::predecessor_id.eq(link.predecessor_id))
            .filter(team_lineage::successor_id.eq(link.successor_id))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !exists {
            diesel::insert_into(team_lineage::table)
                .values((
                    team_lineage::predecessor_id.eq(link.predecessor_id),
                    team_lineage::successor_id.eq(link.successor_id),
                    team_lineage::since_year.eq(link.since_year),
                    team_lineage::note.eq(&link.note),
                ))
                .execute(conn)?;
        }
        Ok(!exists)
    }
}

/// Key: the teams a team succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TeamPredecessors(pub i32);
/// Key: the teams that succeeded a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TeamSuccessors(pub i32);

crate::list_relation!(TeamPredecessors => TeamSuccession, TeamSuccession::of_successors, |l| l.successor_id, teams);
crate::list_relation!(TeamSuccessors => TeamSuccession, TeamSuccession::of_predecessors, |l| l.predecessor_id, teams);
crate::read_scope!(Fixed: TeamId, TeamPredecessors, TeamSuccessors);

/// Key: a national team by its FIFA code, in capitals ("ARG").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TeamCode(pub String);

impl TeamCode {
    /// The key of a code given in any case.
    pub fn of(code: &str) -> Self {
        Self(code.to_ascii_uppercase())
    }
}

impl crate::read_model::Relation for TeamCode {
    type Value = Team;

    fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(Self, Team)>> {
        let teams = teams::table
            .filter(teams::fifa_code.is_not_null())
            .select(Team::as_select())
            .order(teams::id)
            .load(conn)?;
        Ok(by_code(teams))
    }

    fn load_keys(conn: &mut DbConnection, keys: &[Self]) -> QueryResult<Vec<(Self, Team)>> {
        let teams = teams::table
            .filter(teams::fifa_code.eq_any(keys.iter().map(|k| k.0.as_str())))
            .select(Team::as_select())
            .order(teams::id)
            .load(conn)?;
        Ok(by_code(teams))
    }
}

/// Teams under their code; of two with one code, the first recorded (as `Team::by_code`).
fn by_code(teams: Vec<Team>) -> Vec<(TeamCode, Team)> {
    let mut seen = std::collections::HashSet::new();
    teams
        .into_iter()
        .filter_map(|t| Some((TeamCode(t.fifa_code.clone()?), t)))
        .filter(|(code, _)| seen.insert(code.clone()))
        .collect()
}
crate::read_scope!(Fixed: TeamCode);
