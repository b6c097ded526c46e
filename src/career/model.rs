use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{awards, club_spells, international_careers};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = club_spells)]
pub struct ClubSpell {
    pub id: i32,
    pub person_id: i32,
    pub team_id: i32,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub source: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = club_spells, treat_none_as_default_value = false)]
pub struct NewClubSpell<'a> {
    pub person_id: i32,
    pub team_id: i32,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub source: &'a str,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = awards)]
pub struct Award {
    pub id: i32,
    pub person_id: i32,
    pub name: String,
    pub season: String,
    pub awarded_on: Option<NaiveDate>,
    pub source: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = awards, treat_none_as_default_value = false)]
pub struct NewAward<'a> {
    pub person_id: i32,
    pub name: &'a str,
    pub season: &'a str,
    pub awarded_on: Option<NaiveDate>,
    pub source: &'a str,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = international_careers)]
pub struct InternationalCareer {
    pub id: i32,
    pub person_id: i32,
    pub team_id: i32,
    pub caps: Option<i32>,
    pub goals: Option<i32>,
    pub debut_on: Option<NaiveDate>,
    pub debut_opponent_id: Option<i32>,
    pub retired_on: Option<NaiveDate>,
    pub totals_as_of: Option<NaiveDate>,
    pub source: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = international_careers, treat_none_as_default_value = false)]
pub struct NewInternationalCareer<'a> {
    pub person_id: i32,
    pub team_id: i32,
    pub caps: Option<i32>,
    pub goals: Option<i32>,
    pub debut_on: Option<NaiveDate>,
    pub debut_opponent_id: Option<i32>,
    pub retired_on: Option<NaiveDate>,
    pub totals_as_of: Option<NaiveDate>,
    pub source: &'a str,
}

impl ClubSpell {
    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<ClubSpell>> {
        club_spells::table
            .filter(club_spells::person_id.eq_any(ids))
            .select(ClubSpell::as_select())
            .order((club_spells::person_id, club_spells::start_date))
            .load(conn)
    }

    /// Adds the spell unless it is already recorded; true when added.
    pub fn insert_new(conn: &mut DbConnection, new: &NewClubSpell<'_>) -> QueryResult<bool> {
        let exists = club_spells::table
            .filter(club_spells::person_id.eq(new.person_id))
            .filter(club_spells::team_id.eq(new.team_id))
            .filter(club_spells::start_date.eq(new.start_date))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !exists {
            diesel::insert_into(club_spells::table)
                .values(new)
                .execute(conn)?;
        }
        Ok(!exists)
    }
}

impl Award {
    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Award>> {
        awards::table
            .filter(awards::person_id.eq_any(ids))
            .select(Award::as_select())
            .order((awards::person_id, awards::season, awards::name))
            .load(conn)
    }

    /// Adds the award unless it is already recorded; true when added.
    pub fn insert_new(conn: &mut DbConnection, new: &NewAward<'_>) -> QueryResult<bool> {
        let exists = awards::table
            .filter(awards::person_id.eq(new.person_id))
            .filter(awards::name.eq(new.name))
            .filter(awards::season.eq(new.season))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !exists {
            diesel::insert_into(awards::table)
                .values(new)
                .execute(conn)?;
        }
        Ok(!exists)
    }
}

impl InternationalCareer {
    pub fn of_people(
        conn: &mut DbConnection,
        ids: &[i32],
    ) -> QueryResult<Vec<InternationalCareer>> {
        international_careers::table
            .filter(international_careers::person_id.eq_any(ids))
            .select(InternationalCareer::as_select())
            .order((international_careers::person_id, international_careers::id))
            .load(conn)
    }

    /// Adds the career unless one for this person and team is recorded; true when added.
    pub fn insert_new(
        conn: &mut DbConnection,
        new: &NewInternationalCareer<'_>,
    ) -> QueryResult<bool> {
        let exists = international_careers::table
            .filter(international_careers::person_id.eq(new.person_id))
            .filter(international_careers::team_id.eq(new.team_id))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !exists {
            diesel::insert_into(international_careers::table)
                .values(new)
                .execute(conn)?;
        }
        Ok(!exists)
    }
}

/// Key: a person's club spells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonClubSpells(pub i32);
/// Key: a person's awards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonAwards(pub i32);
/// Key: a person's international careers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonCareers(pub i32);

crate::list_relation!(PersonClubSpells => ClubSpell, ClubSpell::of_people, |s| s.person_id, people);
crate::list_relation!(PersonAwards => Award, Award::of_people, |a| a.person_id, people);
crate::list_relation!(PersonCareers => InternationalCareer, InternationalCareer::of_people, |c| c.person_id, people);
crate::read_scope!(Fixed: PersonClubSpells, PersonAwards, PersonCareers);
