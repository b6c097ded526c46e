//! Goals, cards and substitutions: the timed events of a match.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{cards, goals, matches, substitutions};

crate::text_enum! {
    /// The colour of a card, and whether it was a second yellow.
    CardKind {
        /// A caution.
        Yellow => "YELLOW",
        /// A second caution in the same match, which sends the player off.
        SecondYellow => "SECOND_YELLOW",
        /// A straight sending-off.
        Red => "RED",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = goals)]
pub struct Goal {
    pub id: i32,
    pub match_id: i32,
    pub team_id: i32,
    pub scorer_id: Option<i32>,
    /// `None`: no source gives the minute (some older internationals).
    pub minute: Option<i32>,
    pub offset: i32,
    pub penalty: bool,
    pub own_goal: bool,
    pub elapsed_seconds: Option<i32>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = goals, treat_none_as_default_value = false)]
pub struct NewGoal {
    pub match_id: i32,
    pub team_id: i32,
    pub scorer_id: Option<i32>,
    /// `None`: no source gives the minute (some older internationals).
    pub minute: Option<i32>,
    pub offset: i32,
    pub penalty: bool,
    pub own_goal: bool,
}

impl Goal {
    pub fn of_matches(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Goal>> {
        goals::table
            .filter(goals::match_id.eq_any(ids))
            .select(Goal::as_select())
            .order((
                goals::match_id,
                goals::minute.is_null(),
                goals::minute,
                goals::offset,
                goals::id,
            ))
            .load(conn)
    }

    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Goal>> {
        // By day and kick-off (most matches of the results have no kick-off time): match ids
        // follow the order of loading, not of play.
        goals::table
            .inner_join(matches::table)
            .filter(goals::scorer_id.eq_any(ids.iter().map(|i| Some(*i)).collect::<Vec<_>>()))
            .filter(super::model::on_record())
            .select(Goal::as_select())
            .order((
                matches::played_on,
                matches::kickoff_utc,
                matches::id,
                goals::minute.is_null(),
                goals::minute,
                goals::offset,
                goals::id,
            ))
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[NewGoal]) -> QueryResult<usize> {
        crate::insert_batch!(conn, goals::table, rows)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = cards)]
pub struct Card {
    pub id: i32,
    pub match_id: i32,
    pub team_id: i32,
    pub person_id: i32,
    pub minute: i32,
    pub offset: i32,
    pub kind: CardKind,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = cards, treat_none_as_default_value = false)]
pub struct NewCard<'a> {
    pub match_id: i32,
    pub team_id: i32,
    pub person_id: i32,
    pub minute: i32,
    pub offset: i32,
    pub kind: &'a str,
}

impl Card {
    pub fn of_matches(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Card>> {
        cards::table
            .filter(cards::match_id.eq_any(ids))
            .select(Card::as_select())
            .order((cards::match_id, cards::minute, cards::offset, cards::id))
            .load(conn)
    }

    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Card>> {
        cards::table
            .inner_join(matches::table)
            .filter(cards::person_id.eq_any(ids))
            .filter(super::model::on_record())
            .select(Card::as_select())
            .order((
                matches::played_on,
                matches::kickoff_utc,
                matches::id,
                cards::minute,
                cards::offset,
                cards::id,
            ))
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[NewCard<'_>]) -> QueryResult<usize> {
        crate::insert_batch!(conn, cards::table, rows)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = substitutions)]
pub struct Substitution {
    pub id: i32,
    pub match_id: i32,
    pub team_id: i32,
    pub player_on_id: i32,
    pub player_off_id: i32,
    pub minute: i32,
    pub offset: i32,
    /// An additional permanent concussion substitute, outside the limit.
    pub concussion: bool,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = substitutions, treat_none_as_default_value = false)]
pub struct NewSubstitution {
    pub match_id: i32,
    pub team_id: i32,
    pub player_on_id: i32,
    pub player_off_id: i32,
    pub minute: i32,
    pub offset: i32,
}

impl Substitution {
    pub fn of_matches(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Substitution>> {
        substitutions::table
            .filter(substitutions::match_id.eq_any(ids))
            .select(Substitution::as_select())
            .order((
                substitutions::match_id,
                substitutions::minute,
                substitutions::offset,
                substitutions::id,
            ))
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[NewSubstitution]) -> QueryResult<usize> {
        crate::insert_batch!(conn, substitutions::table, rows)
    }
}

impl Goal {
    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Goal>> {
        // Those of a deleted match are gone with it.
        goals::table
            .inner_join(matches::table)
            .filter(goals::id.eq_any(ids))
            .filter(matches::deleted_at.is_null())
            .select(Goal::as_select())
            .load(conn)
    }
}

impl Card {
    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Card>> {
        // Those of a deleted match are gone with it.
        cards::table
            .inner_join(matches::table)
            .filter(cards::id.eq_any(ids))
            .filter(matches::deleted_at.is_null())
            .select(Card::as_select())
            .load(conn)
    }
}

impl Substitution {
    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Substitution>> {
        // Those of a deleted match are gone with it.
        substitutions::table
            .inner_join(matches::table)
            .filter(substitutions::id.eq_any(ids))
            .filter(matches::deleted_at.is_null())
            .select(Substitution::as_select())
            .load(conn)
    }
}

/// Key: a goal by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GoalId(pub i32);

crate::row_relation!(GoalId => Goal, Goal::by_ids, goals, match |g| g.match_id, Goal::of_matches);

/// Key: a card by row id (`node(id:)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CardId(pub i32);
/// Key: a substitution by row id (`node(id:)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SubstitutionId(pub i32);

crate::row_relation!(CardId => Card, Card::by_ids, cards, match |c| c.match_id, Card::of_matches);
crate::row_relation!(SubstitutionId => Substitution, Substitution::by_ids, substitutions, match |s| s.match_id, Substitution::of_matches);

/// Key: the goals of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchGoals(pub i32);
/// Key: the goals a person scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonGoals(pub i32);
/// Key: the cards of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchCards(pub i32);
/// Key: the cards a person received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonCards(pub i32);
/// Key: the substitutions of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchSubstitutions(pub i32);

crate::list_relation!(MatchGoals => Goal, Goal::of_matches, |g| g.match_id, matches, match |g| g.match_id, Goal::of_matches);
crate::list_relation!(PersonGoals => Goal, Goal::of_people, |g| g.scorer_id.unwrap_or_default(), people, match |g| g.match_id, Goal::of_matches);
crate::list_relation!(MatchCards => Card, Card::of_matches, |c| c.match_id, matches, match |c| c.match_id, Card::of_matches);
crate::list_relation!(PersonCards => Card, Card::of_people, |c| c.person_id, people, match |c| c.match_id, Card::of_matches);
crate::list_relation!(MatchSubstitutions => Substitution, Substitution::of_matches, |s| s.match_id, matches, match |s| s.match_id, Substitution::of_matches);
// A goal by its ID may be deleted by a correction to any match.
crate::read_scope!(Match: MatchGoals, MatchCards, MatchSubstitutions);
crate::read_scope!(EveryMatch: GoalId, CardId, SubstitutionId, PersonGoals, PersonCards);
