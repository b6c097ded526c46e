use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::AppError;
use crate::read_model::{group, load_in_chunks, Relation};
use crate::schema::{group_teams, stages, teams, tournament_groups, tournaments};
use crate::team::Team;

crate::text_enum! {
    /// What kind of round a stage is.
    StageKind {
        /// Teams play in groups, each against each.
        Group => "GROUP",
        /// Knockout round of 32 teams.
        RoundOf32 => "ROUND_OF_32",
        /// Knockout round of 16 teams.
        RoundOf16 => "ROUND_OF_16",
        /// Quarter-finals.
        QuarterFinal => "QUARTER_FINAL",
        /// Semi-finals.
        SemiFinal => "SEMI_FINAL",
        /// Match for third place.
        ThirdPlace => "THIRD_PLACE",
        /// The final.
        Final => "FINAL",
        /// A final group decided the title (1950).
        FinalRound => "FINAL_ROUND",
        /// Replays of drawn matches (early tournaments).
        Replay => "REPLAY",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = tournaments)]
pub struct Tournament {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub competition_id: i32,
    pub year: i32,
    pub host: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub source_id: Option<i32>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = tournaments, treat_none_as_default_value = false)]
pub struct NewTournament<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub competition_id: i32,
    pub year: i32,
    pub host: &'a str,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub source_id: Option<i32>,
}

impl Tournament {
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Tournament>> {
        tournaments::table
            .select(Tournament::as_select())
            .order((tournaments::year, tournaments::slug))
            .load(conn)
    }

    pub fn by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Tournament>> {
        tournaments::table
            .filter(tournaments::slug.eq(slug))
            .select(Tournament::as_select())
            .first(conn)
            .optional()
    }

    /// Like `by_slug`, but an unknown slug is a NOT_FOUND error.
    pub fn require_slug(conn: &mut DbConnection, slug: &str) -> Result<Tournament, AppError> {
        Self::by_slug(conn, slug)?
            .ok_or_else(|| AppError::NotFound(format!("no tournament with slug `{slug}`")))
    }

    /// The editions of these competitions, oldest first.
    pub fn of_competitions(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Tournament>> {
        tournaments::table
            .filter(tournaments::competition_id.eq_any(ids))
            .select(Tournament::as_select())
            .order((tournaments::year, tournaments::slug))
            .load(conn)
    }

    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Tournament>> {
        tournaments::table
            .filter(tournaments::id.eq_any(ids))
            .select(Tournament::as_select())
            .load(conn)
    }

    pub fn insert(conn: &mut DbConnection, new: &NewTournament<'_>) -> QueryResult<i32> {
        diesel::insert_into(tournaments::table)
            .values(new)
            .returning(tournaments::id)
            .get_result(conn)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = stages)]
pub struct Stage {
    pub id: i32,
    pub tournament_id: i32,
    pub name: String,
    pub kind: StageKind,
    pub ordinal: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = stages)]
pub struct NewStage<'a> {
    pub tournament_id: i32,
    pub name: &'a str,
    pub kind: StageKind,
    pub ordinal: i32,
}

impl Stage {
    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Stage>> {
        stages::table
            .filter(stages::id.eq_any(ids))
            .select(Stage::as_select())
            .load(conn)
    }

    pub fn of_tournaments(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Stage>> {
        stages::table
            .filter(stages::tournament_id.eq_any(ids))
            .select(Stage::as_select())
            .order((stages::tournament_id, stages::ordinal))
            .load(conn)
    }

    pub fn insert(conn: &mut DbConnection, new: &NewStage<'_>) -> QueryResult<i32> {
        diesel::insert_into(stages::table)
            .values(new)
            .returning(stages::id)
            .get_result(conn)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = tournament_groups)]
pub struct Group {
    pub id: i32,
    pub stage_id: i32,
    pub name: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = tournament_groups)]
pub struct NewGroup<'a> {
    pub stage_id: i32,
    pub name: &'a str,
}

impl Group {
    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Group>> {
        tournament_groups::table
            .filter(tournament_groups::id.eq_any(ids))
            .select(Group::as_select())
            .load(conn)
    }

    pub fn of_stages(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Group>> {
        tournament_groups::table
            .filter(tournament_groups::stage_id.eq_any(ids))
            .select(Group::as_select())
            .order((tournament_groups::stage_id, tournament_groups::name))
            .load(conn)
    }

    /// The teams drawn into each group, by name.
    pub fn teams_of(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<(i32, Team)>> {
        group_teams::table
            .inner_join(teams::table)
            .filter(group_teams::group_id.eq_any(ids))
            .select((group_teams::group_id, Team::as_select()))
            .order((group_teams::group_id, teams::name))
            .load(conn)
    }

    pub fn insert(
        conn: &mut DbConnection,
        new: &NewGroup<'_>,
        team_ids: &[i32],
    ) -> QueryResult<i32> {
        let id = diesel::insert_into(tournament_groups::table)
            .values(new)
            .returning(tournament_groups::id)
            .get_result(conn)?;
        let rows: Vec<_> = team_ids
            .iter()
            .map(|t| (group_teams::group_id.eq(id), group_teams::team_id.eq(*t)))
            .collect();
        crate::insert_batch!(conn, group_teams::table, rows)?;
        Ok(id)
    }
}

/// Key: a tournament by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TournamentId(pub i32);
/// Key: a stage by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StageId(pub i32);
/// Key: a group by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupId(pub i32);
/// Key: the editions of a competition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CompetitionEditions(pub i32);
/// Key: the stages of a tournament.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TournamentStages(pub i32);
/// Key: the groups of a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StageGroups(pub i32);
/// Key: the teams of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupTeams(pub i32);

fn ids<K: Copy>(keys: &[K], id: impl Fn(K) -> i32) -> Vec<i32> {
    keys.iter().map(|k| id(*k)).collect()
}

crate::row_relation!(TournamentId => Tournament, Tournament::by_ids, tournaments);

/// `tournaments` lists them oldest first (as `Tournament::all` reads them).
impl crate::read_model::Listed for Tournament {
    fn listing_order(&self, other: &Self) -> std::cmp::Ordering {
        (self.year, &self.slug).cmp(&(other.year, &other.slug))
    }
}

crate::row_relation!(StageId => Stage, Stage::by_ids, stages);

crate::row_relation!(GroupId => Group, Group::by_ids, tournament_groups);

crate::list_relation!(CompetitionEditions => Tournament, Tournament::of_competitions, |t| t.competition_id, competitions);

crate::list_relation!(TournamentStages => Stage, Stage::of_tournaments, |s| s.tournament_id, tournaments);

crate::list_relation!(StageGroups => Group, Group::of_stages, |g| g.stage_id, stages);
crate::read_scope!(Fixed: TournamentId, CompetitionEditions, StageId, GroupId, TournamentStages, StageGroups, GroupTeams, TournamentSlug);

impl Relation for GroupTeams {
    type Value = Vec<Team>;

    fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(Self, Self::Value)>> {
        let ids: Vec<i32> = tournament_groups::table
            .select(tournament_groups::id)
            .load(conn)?;
        let rows = load_in_chunks(conn, &ids, Group::teams_of)?;
        Ok(teams_by_group(rows))
    }

    fn load_keys(conn: &mut DbConnection, keys: &[Self]) -> QueryResult<Vec<(Self, Self::Value)>> {
        let rows = Group::teams_of(conn, &ids(keys, |k| k.0))?;
        Ok(teams_by_group(rows))
    }
}

fn teams_by_group(rows: Vec<(i32, Team)>) -> Vec<(GroupTeams, Vec<Team>)> {
    group(rows, |(g, _)| GroupTeams(*g))
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().map(|(_, t)| t).collect()))
        .collect()
}

/// Key: a tournament by slug, so that arguments like `squad(tournament: "world-cup-2022")` on
/// many teams cost one query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TournamentSlug(pub String);

impl Relation for TournamentSlug {
    type Value = Tournament;

    fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(Self, Self::Value)>> {
        let rows = tournaments::table
            .select(Tournament::as_select())
            .load(conn)?;
        Ok(by_slug(rows))
    }

    fn load_keys(conn: &mut DbConnection, keys: &[Self]) -> QueryResult<Vec<(Self, Self::Value)>> {
        let rows = tournaments::table
            .filter(tournaments::slug.eq_any(keys.iter().map(|k| k.0.as_str())))
            .select(Tournament::as_select())
            .load(conn)?;
        Ok(by_slug(rows))
    }
}

fn by_slug(rows: Vec<Tournament>) -> Vec<(TournamentSlug, Tournament)> {
    rows.into_iter()
        .map(|t| (TournamentSlug(t.slug.clone()), t))
        .collect()
}
