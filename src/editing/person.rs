//! Creating and correcting people, with the names they are found by.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::checks;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::person::{search_key, NewPerson, Person};
use crate::schema::{people, person_aliases};

pub struct PersonFields {
    pub full_name: String,
    pub known_as: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub nationality: Option<String>,
}

/// Fields to change: `None` leaves one as it is, `Some(None)` clears it.
pub struct PersonChanges {
    pub full_name: Option<String>,
    pub known_as: Option<Option<String>>,
    pub birth_date: Option<Option<NaiveDate>>,
    pub nationality: Option<Option<String>>,
}

/// The fields as stored, or the refusal of the first invalid one.
fn checked(fields: &PersonFields) -> Result<PersonFields, AppError> {
    Ok(PersonFields {
        full_name: checks::text("fullName", &fields.full_name)?,
        known_as: fields
            .known_as
            .as_deref()
            .map(|k| checks::text("knownAs", k))
            .transpose()?,
        birth_date: fields
            .birth_date
            .map(|d| checks::not_in_future("birthDate", d))
            .transpose()?,
        nationality: fields
            .nationality
            .as_deref()
            .map(|n| checks::fifa_code("nationality", n))
            .transpose()?,
    })
}

impl PersonFields {
    /// The names the person is found by.
    fn names(&self) -> Vec<&str> {
        std::iter::once(self.full_name.as_str())
            .chain(self.known_as.as_deref())
            .collect()
    }
}

pub fn create(conn: &mut DbConnection, fields: &PersonFields) -> Result<i32, AppError> {
    conn.transaction(|c| {
        let fields = checked(fields)?;
        // As the importer writes people: the search key of the full name, and every name as
        // an alias (which is how `people(filter: {name:})` and `search` find a known-as name).
        let id = Person::insert(
            c,
            &NewPerson {
                full_name: &fields.full_name,
                known_as: fields.known_as.as_deref(),
                birth_date: fields.birth_date,
                nationality: fields.nationality.as_deref(),
                search_name: search_key(&fields.full_name),
                source_id: None,
            },
        )?;
        replace_aliases(c, id, &[], &fields.names())?;
        Ok(id)
    })
}

pub fn update(conn: &mut DbConnection, id: i32, changes: PersonChanges) -> Result<(), AppError> {
    conn.transaction(|c| {
        let current = Person::by_ids(c, &[id])?
            .pop()
            .ok_or_else(|| AppError::NotFound("no such person".into()))?;
        let before = PersonFields {
            full_name: current.full_name,
            known_as: current.known_as,
            birth_date: current.birth_date,
            nationality: current.nationality,
        };
        let after = checked(&PersonFields {
            full_name: changes.full_name.unwrap_or(before.full_name.clone()),
            known_as: changes.known_as.unwrap_or(before.known_as.clone()),
            birth_date: changes.birth_date.unwrap_or(before.birth_date),
            nationality: changes.nationality.unwrap_or(before.nationality.clone()),
        })?;
        diesel::update(people::table.find(id))
            .set((
                people::full_name.eq(&after.full_name),
                people::known_as.eq(&after.known_as),
                people::birth_date.eq(after.birth_date),
                people::nationality.eq(&after.nationality),
                people::search_name.eq(search_key(&after.full_name)),
            ))
            .execute(c)?;
        replace_aliases(c, id, &before.names(), &after.names())
    })
}

/// Makes `new` names aliases of the person, and drops the `old` ones that editors gave and
/// are no longer used (a corrected typo should stop matching); spellings a source used stay.
fn replace_aliases(
    conn: &mut DbConnection,
    id: i32,
    old: &[&str],
    new: &[&str],
) -> Result<(), AppError> {
    let dropped: Vec<&str> = old.iter().filter(|n| !new.contains(n)).copied().collect();
    diesel::delete(
        person_aliases::table
            .filter(person_aliases::person_id.eq(id))
            .filter(person_aliases::alias.eq_any(dropped))
            .filter(person_aliases::source_id.is_null()),
    )
    .execute(conn)?;
    let existing: Vec<String> = person_aliases::table
        .filter(person_aliases::person_id.eq(id))
        .select(person_aliases::alias)
        .load(conn)?;
    let mut added: Vec<&str> = Vec::new();
    for name in new {
        if !existing.iter().any(|e| e == name) && !added.contains(name) {
            diesel::insert_into(person_aliases::table)
                .values((
                    person_aliases::person_id.eq(id),
                    person_aliases::alias.eq(*name),
                    person_aliases::search_name.eq(search_key(name)),
                    person_aliases::source_id.eq(None::<i32>),
                ))
                .execute(conn)?;
            added.push(name);
        }
    }
    Ok(())
}
