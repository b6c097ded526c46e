//! `people(filter:, orderBy:)`: every person, filtered and ordered in SQL, one page at a time.

use async_graphql::{Enum, InputObject};
use chrono::NaiveDate;
use diesel::prelude::*;

use super::model::{search_key, Person};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::graphql::scalars::Date;
use crate::schema::{lineups, matches, people, person_aliases, squad_members};
use crate::squad::Position;
use crate::team::Team;
use crate::tournament::Tournament;

/// Which people to list; every condition given must hold.
#[derive(InputObject, Default, Clone)]
pub struct PersonFilter {
    /// Only people whose name, or any spelling of it the sources used, contains this text,
    /// ignoring case and accents ("mbappe" finds Kylian Mbappé); at least 2 characters.
    pub name: Option<String>,
    /// Only players who were in this team's squad or line-up (FIFA code, e.g. "FRA").
    pub team: Option<String>,
    /// Only players in a squad or line-up at this tournament (its slug, e.g.
    /// "world-cup-2022"); with `team`, in that team's at that tournament.
    pub tournament: Option<String>,
    /// Only players registered in a squad at this position (with `team` and `tournament`,
    /// in that squad).
    pub position: Option<Position>,
    /// Only people born on or after this day.
    pub born_from: Option<Date>,
    /// Only people born on or before this day.
    pub born_to: Option<Date>,
}

/// The order of a list of people; people in the same place are ordered by ID.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
pub enum PersonOrder {
    /// By full name, A to Z, ignoring case and accents.
    #[default]
    NameAsc,
    /// By full name, Z to A, ignoring case and accents.
    NameDesc,
    /// Oldest first (unknown birth dates last).
    BirthDateAsc,
    /// Youngest first (unknown birth dates last).
    BirthDateDesc,
}

type Backend = <DbConnection as diesel::Connection>::Backend;

/// The filter with its names looked up, so that the count and the page share one lookup.
struct Resolved {
    pattern: Option<String>,
    team: Option<i32>,
    tournament: Option<i32>,
    position: Option<Position>,
    born_from: Option<NaiveDate>,
    born_to: Option<NaiveDate>,
}

fn resolve(conn: &mut DbConnection, filter: &PersonFilter) -> Result<Resolved, AppError> {
    let pattern = match &filter.name {
        Some(name) if name.trim().chars().count() < 2 => {
            return Err(AppError::bad_input(
                "filter.name",
                "give at least 2 characters",
            ))
        }
        Some(name) => Some(format!("%{}%", escape_like(&search_key(name)))),
        None => None,
    };
    let team = match &filter.team {
        Some(code) => Some(
            Team::by_code(conn, code)?
                .ok_or_else(|| {
                    AppError::bad_input("filter.team", format!("no team with code `{code}`"))
                })?
                .id,
        ),
        None => None,
    };
    let tournament = match &filter.tournament {
        Some(slug) => Some(
            Tournament::by_slug(conn, slug)?
                .ok_or_else(|| {
                    AppError::bad_input("filter.tournament", format!("no tournament `{slug}`"))
                })?
                .id,
        ),
        None => None,
    };
    Ok(Resolved {
        pattern,
        team,
        tournament,
        position: filter.position,
        born_from: filter.born_from.map(|d| d.0),
        born_to: filter.born_to.map(|d| d.0),
    })
}

fn filtered(f: &Resolved) -> people::BoxedQuery<'static, Backend> {
    let mut q = people::table.into_boxed::<Backend>();
    if let Some(pattern) = &f.pattern {
        let by_alias = person_aliases::table
            .filter(
                person_aliases::search_name
                    .like(pattern.clone())
                    .escape('\\'),
            )
            .select(person_aliases::person_id);
        q = q.filter(
            people::search_name
                .like(pattern.clone())
                .escape('\\')
                .or(people::id.eq_any(by_alias)),
        );
    }
    if f.team.is_some() || f.tournament.is_some() || f.position.is_some() {
        // One squad entry (or one line-up) must meet every condition, so that France's 2022
        // players are those of its 2022 squad, not France's players who were at some
        // tournament in 2022 with another team.
        let (team_lo, team_hi) = id_range(f.team);
        let (cup_lo, cup_hi) = id_range(f.tournament);
        let squads = squad_members::table
            .filter(squad_members::team_id.between(team_lo, team_hi))
            .filter(squad_members::tournament_id.between(cup_lo, cup_hi));
        q = match f.position {
            // Line-ups do not record positions: only squads can answer.
            Some(position) => q.filter(
                people::id.eq_any(
                    squads
                        .filter(squad_members::position.eq(position.as_str()))
                        .select(squad_members::person_id),
                ),
            ),
            None => {
                let its_matches = matches::table
                    .filter(matches::tournament_id.between(cup_lo, cup_hi))
                    .select(matches::id);
                let played = lineups::table
                    .filter(lineups::team_id.between(team_lo, team_hi))
                    .filter(lineups::match_id.eq_any(its_matches))
                    .select(lineups::person_id);
                q.filter(
                    people::id
                        .eq_any(squads.select(squad_members::person_id))
                        .or(people::id.eq_any(played)),
                )
            }
        };
    }
    if let Some(from) = f.born_from {
        q = q.filter(people::birth_date.ge(from));
    }
    if let Some(to) = f.born_to {
        q = q.filter(people::birth_date.le(to));
    }
    q
}

/// The number of people the filter selects, and the page at `offset`.
pub fn list(
    conn: &mut DbConnection,
    filter: &PersonFilter,
    order: PersonOrder,
    offset: impl FnOnce(usize) -> Result<(usize, usize), AppError>,
) -> Result<(usize, usize, Vec<Person>), AppError> {
    let resolved = resolve(conn, filter)?;
    let total: i64 = filtered(&resolved).count().get_result(conn)?;
    let (start, count) = offset(total as usize)?;
    let q = filtered(&resolved).select(Person::as_select());
    // `search_name` is the full name folded to lower-case ASCII, so both backends sort alike.
    let q = match order {
        PersonOrder::NameAsc => q.order((people::search_name.asc(), people::id.asc())),
        PersonOrder::NameDesc => q.order((people::search_name.desc(), people::id.desc())),
        // SQLite puts NULLs first and PostgreSQL last: say where they go.
        PersonOrder::BirthDateAsc => q.order((
            people::birth_date.is_null(),
            people::birth_date.asc(),
            people::id.asc(),
        )),
        PersonOrder::BirthDateDesc => q.order((
            people::birth_date.is_null(),
            people::birth_date.desc(),
            people::id.desc(),
        )),
    };
    let rows = q.offset(start as i64).limit(count as i64).load(conn)?;
    Ok((total as usize, start, rows))
}

/// The ids `BETWEEN lo AND hi` matches: the one given, or all. One query shape serves both,
/// because the MultiConnection backend cannot nest a boxed subquery in a boxed query.
fn id_range(id: Option<i32>) -> (i32, i32) {
    id.map_or((i32::MIN, i32::MAX), |id| (id, id))
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
