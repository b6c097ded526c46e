//! Curated knowledge (`goalline-curated/1`): club spells, awards, international careers,
//! squad status changes, players left out of squads and team lineage, each citing its source. Applied after the match
//! data it refers to; a fact whose person or team is not in the database yet is left for a
//! later run, and a fact already recorded is not recorded twice.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::career::{
    Award, ClubSpell, InternationalCareer, NewAward, NewClubSpell, NewInternationalCareer,
};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::person::{search_key, Person};
use crate::schema::{people, teams};
use crate::squad::{NewSquadOmission, NewSquadStatusChange, SquadOmission, SquadStatusChange};
use crate::team::{NewTeam, Team, TeamKind, TeamSuccession};
use crate::tournament::Tournament;

pub const FORMAT: &str = "goalline-curated/1";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedFile {
    pub format: String,
    pub about: String,
    /// National teams the facts name, created if no import has brought them yet.
    #[serde(default)]
    pub national_teams: Vec<NationalTeam>,
    pub clubs: Vec<Club>,
    pub people: Vec<CuratedPerson>,
    pub team_lineage: Vec<Lineage>,
    /// Names as their owners write them, where the open files have only an ASCII form.
    #[serde(default)]
    pub spellings: Vec<Spelling>,
}

/// A person's name with its diacritics ("Emiliano Martínez"), found by its ASCII form and
/// birth date; the ASCII form stays an alias.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spelling {
    pub name: String,
    pub birth_date: NaiveDate,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalTeam {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Club {
    pub name: String,
    pub country: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedPerson {
    pub name: String,
    pub birth_date: NaiveDate,
    #[serde(default)]
    pub club_spells: Vec<Spell>,
    #[serde(default)]
    pub awards: Vec<AwardFact>,
    #[serde(default)]
    pub international_careers: Vec<Career>,
    #[serde(default)]
    pub squad_status_changes: Vec<StatusChange>,
    #[serde(default)]
    pub squad_omissions: Vec<Omission>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spell {
    pub club: String,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardFact {
    pub name: String,
    pub season: String,
    pub awarded_on: Option<NaiveDate>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Career {
    pub team: String,
    pub caps: Option<i32>,
    pub goals: Option<i32>,
    pub debut_on: Option<NaiveDate>,
    pub debut_opponent: Option<String>,
    pub retired_on: Option<NaiveDate>,
    pub totals_as_of: Option<NaiveDate>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub tournament: String,
    pub team: String,
    pub status: String,
    pub on: NaiveDate,
    pub reason: String,
    pub source: String,
}

/// A player a team left out of its squad for a tournament.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Omission {
    pub tournament: String,
    pub team: String,
    pub announced_on: Option<NaiveDate>,
    pub reason: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lineage {
    pub predecessor: String,
    pub successor: String,
    pub since: i32,
    pub note: String,
}

/// How many facts were recorded now, and how many wait for data not yet loaded.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CuratedCounts {
    pub recorded: usize,
    pub waiting: usize,
}

/// Applies a curated file in one transaction.
pub fn apply(conn: &mut DbConnection, file: &CuratedFile) -> Result<CuratedCounts, AppError> {
    if file.format != FORMAT {
        return Err(AppError::Data(format!(
            "curated data: format `{}` is not `{FORMAT}`",
            file.format
        )));
    }
    conn.transaction(|conn| {
        let mut counts = CuratedCounts::default();
        let mut tally = |added: bool| {
            if added {
                counts.recorded += 1;
            }
        };
        for team in &file.national_teams {
            tally(Team::national(conn, Some(&team.code), &team.name)?.1);
        }
        for club in &file.clubs {
            if club_id(conn, &club.name)?.is_none() {
                Team::insert(
                    conn,
                    &NewTeam {
                        name: &club.name,
                        kind: TeamKind::Club.as_str(),
                        fifa_code: None,
                        country: Some(&club.country),
                        search_name: search_key(&club.name),
                    },
                )?;
                tally(true);
            }
        }
        let mut waiting = 0;
        for spelling in &file.spellings {
            match respell(conn, spelling)? {
                Some(renamed) => tally(renamed),
                None => waiting += 1,
            }
        }
        for p in &file.people {
            let Some(person_id) = person_id(conn, &p.name, p.birth_date)? else {
                waiting += 1;
                continue;
            };
            for s in &p.club_spells {
                let team_id = club_id(conn, &s.club)?.ok_or_else(|| {
                    AppError::Data(format!("curated data: unknown club `{}`", s.club))
                })?;
                tally(ClubSpell::insert_new(
                    conn,
                    &NewClubSpell {
                        person_id,
                        team_id,
                        start_date: s.from,
                        end_date: s.until,
                        source: &s.source,
                    },
                )?);
            }
            for a in &p.awards {
                tally(Award::insert_new(
                    conn,
                    &NewAward {
                        person_id,
                        name: &a.name,
                        season: &a.season,
                        awarded_on: a.awarded_on,
                        source: &a.source,
                    },
                )?);
            }
            for c in &p.international_careers {
                let (Some(team), opponent) = (
                    Team::by_code(conn, &c.team)?,
                    match &c.debut_opponent {
                        Some(code) => Team::by_code(conn, code)?,
                        None => None,
                    },
                ) else {
                    waiting += 1;
                    continue;
                };
                tally(InternationalCareer::insert_new(
                    conn,
                    &NewInternationalCareer {
                        person_id,
                        team_id: team.id,
                        caps: c.caps,
                        goals: c.goals,
                        debut_on: c.debut_on,
                        debut_opponent_id: opponent.map(|t| t.id),
                        retired_on: c.retired_on,
                        totals_as_of: c.totals_as_of,
                        source: &c.source,
                    },
                )?);
            }
            for s in &p.squad_status_changes {
                let member = match (
                    Tournament::by_slug(conn, &s.tournament)?,
                    Team::by_code(conn, &s.team)?,
                ) {
                    (Some(t), Some(team)) => {
                        SquadStatusChange::member_id(conn, t.id, team.id, person_id)?
                    }
                    _ => None,
                };
                let Some(squad_member_id) = member else {
                    waiting += 1;
                    continue;
                };
                tally(SquadStatusChange::insert_new(
                    conn,
                    &NewSquadStatusChange {
                        squad_member_id,
                        status: &s.status,
                        changed_on: s.on,
                        reason: &s.reason,
                        source: &s.source,
                    },
                )?);
            }
            for o in &p.squad_omissions {
                let (Some(tournament), Some(team)) = (
                    Tournament::by_slug(conn, &o.tournament)?,
                    Team::by_code(conn, &o.team)?,
                ) else {
                    waiting += 1;
                    continue;
                };
                tally(SquadOmission::insert_new(
                    conn,
                    &NewSquadOmission {
                        person_id,
                        team_id: team.id,
                        tournament_id: tournament.id,
                        announced_on: o.announced_on,
                        reason: &o.reason,
                        source: &o.source,
                    },
                )?);
            }
        }
        for l in &file.team_lineage {
            match (
                Team::by_code(conn, &l.predecessor)?,
                Team::by_code(conn, &l.successor)?,
            ) {
                (Some(p), Some(s)) => tally(TeamSuccession::insert_new(
                    conn,
                    &TeamSuccession {
                        predecessor_id: p.id,
                        successor_id: s.id,
                        since_year: l.since,
                        note: l.note.clone(),
                    },
                )?),
                _ => waiting += 1,
            }
        }
        counts.waiting = waiting;
        Ok(counts)
    })
}

fn club_id(conn: &mut DbConnection, name: &str) -> QueryResult<Option<i32>> {
    teams::table
        .filter(teams::kind.eq(TeamKind::Club.as_str()))
        .filter(teams::name.eq(name))
        .select(teams::id)
        .first(conn)
        .optional()
}

/// Shows the spelling for the one person born that day whose name has the same words, in any
/// order and ignoring case and accents ("RODRIGUEZ GUIDO" is "Guido Rodríguez"); `None` when
/// no such person is loaded, else whether the name changed.
fn respell(conn: &mut DbConnection, spelling: &Spelling) -> QueryResult<Option<bool>> {
    let words = |name: &str| {
        let mut words: Vec<String> = search_key(name)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        words.sort();
        words
    };
    let wanted = words(&spelling.name);
    let born: Vec<(i32, String)> = people::table
        .filter(people::birth_date.eq(spelling.birth_date))
        .select((people::id, people::full_name))
        .load(conn)?;
    let mut same = born.into_iter().filter(|(_, name)| words(name) == wanted);
    let (Some((id, shown)), None) = (same.next(), same.next()) else {
        return Ok(None);
    };
    if shown == spelling.name {
        return Ok(Some(false));
    }
    Person::rename(conn, id, &shown, &spelling.name, None)?;
    Ok(Some(true))
}

/// The one person with this name (ignoring case and accents) and birth date.
fn person_id(conn: &mut DbConnection, name: &str, birth: NaiveDate) -> QueryResult<Option<i32>> {
    people::table
        .filter(people::search_name.eq(search_key(name)))
        .filter(people::birth_date.eq(birth))
        .select(people::id)
        .first(conn)
        .optional()
}
