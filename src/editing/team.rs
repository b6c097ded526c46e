//! Creating and renaming teams.

use diesel::prelude::*;

use super::checks;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::person::search_key;
use crate::schema::teams;
use crate::team::{NewTeam, Team, TeamKind};

pub struct TeamFields {
    pub name: String,
    pub code: Option<String>,
    pub kind: TeamKind,
}

/// Fields to change; `None` leaves one as it is.
pub struct TeamChanges {
    pub name: Option<String>,
    pub code: Option<String>,
}

/// Constraints of the teams table, with the input field each is about.
const UNIQUE: &[(&str, &str)] = &[("fifa_code", "code"), ("name", "name")];

pub fn create(conn: &mut DbConnection, fields: &TeamFields) -> Result<i32, AppError> {
    conn.transaction(|c| {
        let name = checks::text("name", &fields.name)?;
        let code = fields
            .code
            .as_deref()
            .map(|code| checks::fifa_code("code", code))
            .transpose()?;
        if fields.kind == TeamKind::National && code.is_none() {
            return Err(AppError::bad_input(
                "code",
                "a national team needs its FIFA code",
            ));
        }
        free(c, code.as_deref(), fields.kind, &name, None)?;
        let national = fields.kind == TeamKind::National;
        Team::insert(
            c,
            &NewTeam {
                name: &name,
                kind: fields.kind.as_str(),
                fifa_code: code.as_deref(),
                // As the importer does: a national team's country is its name.
                country: national.then_some(name.as_str()),
                search_name: search_key(&name),
            },
        )
        .map_err(|e| checks::taken(e, UNIQUE))
    })
}

pub fn update(conn: &mut DbConnection, id: i32, changes: &TeamChanges) -> Result<(), AppError> {
    conn.transaction(|c| {
        let team = Team::by_ids(c, &[id])?
            .pop()
            .ok_or_else(|| AppError::NotFound("no such team".into()))?;
        let kind = team.kind;
        let name = match &changes.name {
            Some(name) => checks::text("name", name)?,
            None => team.name.clone(),
        };
        let code = match &changes.code {
            Some(code) => Some(checks::fifa_code("code", code)?),
            None => team.fifa_code.clone(),
        };
        free(c, code.as_deref(), kind, &name, Some(id))?;
        let country = match kind {
            TeamKind::National => Some(name.clone()),
            TeamKind::Club => team.country.clone(),
        };
        diesel::update(teams::table.find(id))
            .set((
                teams::name.eq(&name),
                teams::fifa_code.eq(&code),
                teams::country.eq(country),
                teams::search_name.eq(search_key(&name)),
            ))
            .execute(c)
            .map_err(|e| checks::taken(e, UNIQUE))?;
        Ok(())
    })
}

/// Refuses a FIFA code another team has, or the name of another team of the same kind.
fn free(
    conn: &mut DbConnection,
    code: Option<&str>,
    kind: TeamKind,
    name: &str,
    except: Option<i32>,
) -> Result<(), AppError> {
    let other = except.unwrap_or(0);
    if let Some(code) = code {
        let holder: Option<String> = teams::table
            .filter(teams::fifa_code.eq(code))
            .filter(teams::id.ne(other))
            .select(teams::name)
            .first(conn)
            .optional()?;
        if let Some(holder) = holder {
            return Err(AppError::bad_input(
                "code",
                format!("{holder} has the code {code}"),
            ));
        }
    }
    let same_name: i64 = teams::table
        .filter(teams::kind.eq(kind.as_str()))
        .filter(teams::name.eq(name))
        .filter(teams::id.ne(other))
        .count()
        .get_result(conn)?;
    if same_name > 0 {
        return Err(AppError::bad_input(
            "name",
            format!("there is a team named {name} already"),
        ));
    }
    Ok(())
}
