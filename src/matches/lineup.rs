//! Who played (line-ups) and who refereed (officials).

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{lineups, match_officials, matches};

crate::text_enum! {
    /// An official's job in a match.
    OfficialRole {
        /// The referee.
        Referee => "REFEREE",
        /// An assistant referee.
        Assistant => "ASSISTANT",
        /// The fourth official.
        FourthOfficial => "FOURTH_OFFICIAL",
        /// The video assistant referee.
        VideoAssistant => "VIDEO_ASSISTANT",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = lineups)]
pub struct LineupEntry {
    pub id: i32,
    pub match_id: i32,
    pub team_id: i32,
    pub person_id: i32,
    pub shirt_number: Option<i32>,
    pub starter: bool,
    pub captain: bool,
    pub ordinal: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = lineups, treat_none_as_default_value = false)]
pub struct NewLineupEntry {
    pub match_id: i32,
    pub team_id: i32,
    pub person_id: i32,
    pub shirt_number: Option<i32>,
    pub starter: bool,
    pub captain: bool,
    pub ordinal: i32,
}

impl LineupEntry {
    pub fn of_matches(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<LineupEntry>> {
        lineups::table
            .filter(lineups::match_id.eq_any(ids))
            .select(LineupEntry::as_select())
            .order((lineups::match_id, lineups::team_id, lineups::ordinal))
            .load(conn)
    }

    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<LineupEntry>> {
        // By day and kick-off (most matches of the results have no kick-off time): match ids
        // follow the order of loading, not of play.
        lineups::table
            .inner_join(matches::table)
            .filter(lineups::person_id.eq_any(ids))
            .filter(super::model::on_record())
            .select(LineupEntry::as_select())
            .order((
                matches::played_on,
                matches::kickoff_utc,
                matches::id,
                lineups::id,
            ))
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[NewLineupEntry]) -> QueryResult<usize> {
        crate::insert_batch!(conn, lineups::table, rows)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = match_officials)]
pub struct MatchOfficial {
    pub id: i32,
    pub match_id: i32,
    pub person_id: i32,
    pub role: OfficialRole,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = match_officials, treat_none_as_default_value = false)]
pub struct NewMatchOfficial<'a> {
    pub match_id: i32,
    pub person_id: i32,
    pub role: &'a str,
}

impl MatchOfficial {
    pub fn of_matches(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<MatchOfficial>> {
        match_officials::table
            .filter(match_officials::match_id.eq_any(ids))
            .select(MatchOfficial::as_select())
            .order((match_officials::match_id, match_officials::id))
            .load(conn)
    }

    pub fn insert_all(
        conn: &mut DbConnection,
        rows: &[NewMatchOfficial<'_>],
    ) -> QueryResult<usize> {
        crate::insert_batch!(conn, match_officials::table, rows)
    }
}

/// Key: both line-ups of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchLineups(pub i32);
/// Key: every match a person was in a line-up for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonAppearances(pub i32);
/// Key: the officials of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchOfficials(pub i32);

crate::list_relation!(MatchLineups => LineupEntry, LineupEntry::of_matches, |l| l.match_id, matches, match |l| l.match_id, LineupEntry::of_matches);
crate::list_relation!(PersonAppearances => LineupEntry, LineupEntry::of_people, |l| l.person_id, people, match |l| l.match_id, LineupEntry::of_matches);
crate::list_relation!(MatchOfficials => MatchOfficial, MatchOfficial::of_matches, |o| o.match_id, matches, match |o| o.match_id, MatchOfficial::of_matches);
crate::read_scope!(Match: MatchLineups, MatchOfficials);
crate::read_scope!(EveryMatch: PersonAppearances);
