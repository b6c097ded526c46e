//! The lists of matches the read model keeps: of a tournament, a stage, a group, a venue and a
//! team. They hold match ids (the rows themselves are `MatchId`'s entries), so they are read
//! as ids with the columns that place and order them, not as whole rows: decoding the whole
//! history's 49,520 rows again for each list took most of a second of the model's build.

use diesel::prelude::*;

use super::model::{on_record, MatchId};
use crate::db::DbConnection;
use crate::schema::matches;

/// A match as its lists need it: its id and what it is listed under.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = matches)]
pub struct ListedMatch {
    pub id: i32,
    pub tournament_id: Option<i32>,
    pub stage_id: Option<i32>,
    pub group_id: Option<i32>,
    pub venue_id: Option<i32>,
    pub home_team_id: i32,
    pub away_team_id: i32,
}

impl From<&ListedMatch> for MatchId {
    fn from(m: &ListedMatch) -> Self {
        Self(m.id)
    }
}

impl ListedMatch {
    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Self>> {
        matches::table
            .filter(matches::id.eq_any(ids))
            .filter(matches::deleted_at.is_null())
            .select(Self::as_select())
            .load(conn)
    }

    pub fn of_tournaments(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Self>> {
        matches::table
            .filter(matches::tournament_id.eq_any(ids))
            .filter(matches::deleted_at.is_null())
            .select(Self::as_select())
            .order((matches::tournament_id, matches::number))
            .load(conn)
    }

    pub fn of_stages(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Self>> {
        matches::table
            .filter(matches::stage_id.eq_any(ids))
            .filter(matches::deleted_at.is_null())
            .select(Self::as_select())
            .order((matches::stage_id, matches::number))
            .load(conn)
    }

    pub fn of_groups(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Self>> {
        matches::table
            .filter(matches::group_id.eq_any(ids.iter().map(|i| Some(*i)).collect::<Vec<_>>()))
            .filter(matches::deleted_at.is_null())
            .select(Self::as_select())
            .order((matches::group_id, matches::number))
            .load(conn)
    }

    pub fn of_venues(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Self>> {
        matches::table
            .filter(matches::venue_id.eq_any(ids.iter().map(|i| Some(*i)).collect::<Vec<_>>()))
            .filter(on_record())
            .select(Self::as_select())
            .order((matches::played_on, matches::kickoff_utc, matches::id))
            .load(conn)
    }

    /// Every match on the record, by day and kick-off.
    fn on_record(conn: &mut DbConnection) -> QueryResult<Vec<Self>> {
        matches::table
            .filter(on_record())
            .select(Self::as_select())
            .order((matches::played_on, matches::kickoff_utc, matches::id))
            .load(conn)
    }

    /// The matches on the record in which any of the teams played, by day and kick-off.
    fn of_teams(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Self>> {
        matches::table
            .filter(
                matches::home_team_id
                    .eq_any(ids)
                    .or(matches::away_team_id.eq_any(ids)),
            )
            .filter(on_record())
            .select(Self::as_select())
            .order((matches::played_on, matches::kickoff_utc, matches::id))
            .load(conn)
    }
}

/// Key: the matches of a tournament.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TournamentMatches(pub i32);
/// Key: the matches of a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StageMatches(pub i32);
/// Key: the matches of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupMatches(pub i32);
/// Key: the matches played at a venue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VenueMatches(pub i32);

crate::list_relation!(TournamentMatches => ListedMatch as MatchId, ListedMatch::of_tournaments, |m| m.tournament_id.unwrap_or_default(), tournaments, match |m| m.0, ListedMatch::by_ids);
crate::list_relation!(StageMatches => ListedMatch as MatchId, ListedMatch::of_stages, |m| m.stage_id.unwrap_or_default(), stages, match |m| m.0, ListedMatch::by_ids);
crate::list_relation!(GroupMatches => ListedMatch as MatchId, ListedMatch::of_groups, |m| m.group_id.unwrap_or_default(), tournament_groups, match |m| m.0, ListedMatch::by_ids);
crate::list_relation!(VenueMatches => ListedMatch as MatchId, ListedMatch::of_venues, |m| m.venue_id.unwrap_or_default(), venues, match |m| m.0, ListedMatch::by_ids);
// Lists of matches show their scores, which live writes change.
crate::read_scope!(EveryMatch: TournamentMatches, StageMatches, GroupMatches, VenueMatches, TeamMatches);

/// Key: every match a team played (in any tournament).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TeamMatches(pub i32);

impl crate::read_model::Relation for TeamMatches {
    type Value = Vec<MatchId>;

    /// Its lists hold keys, which change only with the matches themselves (new or deleted,
    /// which rebuild the model).
    fn match_rows() -> Option<std::any::TypeId> {
        Some(std::any::TypeId::of::<Self>())
    }

    fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(Self, Self::Value)>> {
        let ids: Vec<i32> = crate::schema::teams::table
            .select(crate::schema::teams::id)
            .load(conn)?;
        let rows = ListedMatch::on_record(conn)?;
        Ok(by_team(&ids, rows))
    }

    fn load_keys(conn: &mut DbConnection, keys: &[Self]) -> QueryResult<Vec<(Self, Self::Value)>> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let rows = ListedMatch::of_teams(conn, &ids)?;
        Ok(by_team(&ids, rows))
    }

    fn touched_by_match(
        conn: &mut DbConnection,
        old: &crate::read_model::Entries<Self>,
        id: i32,
    ) -> QueryResult<Vec<Self>> {
        let mut keys =
            crate::read_model::keys_where(old, |list: &Vec<MatchId>| list.contains(&MatchId(id)));
        for m in ListedMatch::by_ids(conn, &[id])? {
            keys.extend([TeamMatches(m.home_team_id), TeamMatches(m.away_team_id)]);
        }
        Ok(keys)
    }
}

/// The matches of each of `teams` (a match belongs to both of its teams), in the order given.
fn by_team(teams: &[i32], rows: Vec<ListedMatch>) -> Vec<(TeamMatches, Vec<MatchId>)> {
    let asked: std::collections::HashSet<i32> = teams.iter().copied().collect();
    let mut map: std::collections::HashMap<i32, Vec<MatchId>> = std::collections::HashMap::new();
    for m in rows {
        for team in [m.home_team_id, m.away_team_id] {
            if asked.contains(&team) {
                map.entry(team).or_default().push(MatchId(m.id));
            }
        }
    }
    map.into_iter().map(|(t, v)| (TeamMatches(t), v)).collect()
}
