//! Penalty shootouts, kick by kick.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{matches, shootout_kicks};

crate::text_enum! {
    /// What became of a shootout kick.
    KickOutcome {
        /// The kick went in.
        Scored => "SCORED",
        /// The goalkeeper stopped it.
        Saved => "SAVED",
        /// It went wide or over, or hit the woodwork and stayed out.
        Missed => "MISSED",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = shootout_kicks)]
pub struct ShootoutKick {
    pub id: i32,
    pub match_id: i32,
    pub ordinal: i32,
    pub team_id: i32,
    pub taker_id: Option<i32>,
    pub outcome: KickOutcome,
    pub home_score: i32,
    pub away_score: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = shootout_kicks, treat_none_as_default_value = false)]
pub struct NewShootoutKick<'a> {
    pub match_id: i32,
    pub ordinal: i32,
    pub team_id: i32,
    pub taker_id: Option<i32>,
    pub outcome: &'a str,
    pub home_score: i32,
    pub away_score: i32,
}

impl ShootoutKick {
    pub fn of_matches(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<ShootoutKick>> {
        shootout_kicks::table
            .filter(shootout_kicks::match_id.eq_any(ids))
            .select(ShootoutKick::as_select())
            .order((shootout_kicks::match_id, shootout_kicks::ordinal))
            .load(conn)
    }

    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<ShootoutKick>> {
        // By day and kick-off (most matches of the results have no kick-off time): match ids
        // follow the order of loading, not of play.
        shootout_kicks::table
            .inner_join(matches::table)
            .filter(
                shootout_kicks::taker_id.eq_any(ids.iter().map(|i| Some(*i)).collect::<Vec<_>>()),
            )
            .filter(super::model::on_record())
            .select(ShootoutKick::as_select())
            .order((
                matches::played_on,
                matches::kickoff_utc,
                matches::id,
                shootout_kicks::ordinal,
            ))
            .load(conn)
    }

    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<ShootoutKick>> {
        // Those of a deleted match are gone with it.
        shootout_kicks::table
            .inner_join(matches::table)
            .filter(shootout_kicks::id.eq_any(ids))
            .filter(matches::deleted_at.is_null())
            .select(ShootoutKick::as_select())
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[NewShootoutKick<'_>]) -> QueryResult<usize> {
        crate::insert_batch!(conn, shootout_kicks::table, rows)
    }
}

/// Key: a shootout kick by row id (`node(id:)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShootoutKickId(pub i32);
/// Key: the shootout kicks of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchKicks(pub i32);
/// Key: the shootout kicks a person took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonKicks(pub i32);

crate::row_relation!(ShootoutKickId => ShootoutKick, ShootoutKick::by_ids, shootout_kicks, match |k| k.match_id, ShootoutKick::of_matches);
crate::list_relation!(MatchKicks => ShootoutKick, ShootoutKick::of_matches, |k| k.match_id, matches, match |k| k.match_id, ShootoutKick::of_matches);
crate::list_relation!(PersonKicks => ShootoutKick, ShootoutKick::of_people, |k| k.taker_id.unwrap_or_default(), people, match |k| k.match_id, ShootoutKick::of_matches);
crate::read_scope!(Match: MatchKicks);
crate::read_scope!(EveryMatch: PersonKicks, ShootoutKickId);
