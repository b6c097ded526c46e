use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::{people, person_aliases};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = people)]
pub struct Person {
    pub id: i32,
    pub full_name: String,
    pub known_as: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub nationality: Option<String>,
    pub source_id: Option<i32>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = people, treat_none_as_default_value = false)]
pub struct NewPerson<'a> {
    pub full_name: &'a str,
    pub known_as: Option<&'a str>,
    pub birth_date: Option<NaiveDate>,
    pub nationality: Option<&'a str>,
    pub search_name: String,
    pub source_id: Option<i32>,
}

/// A new person with its id already taken (`IdPool`), for writing many at once.
#[derive(Debug, Insertable)]
#[diesel(table_name = people, treat_none_as_default_value = false)]
pub struct NewPersonWithId {
    pub id: i32,
    pub full_name: String,
    pub known_as: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub nationality: Option<String>,
    pub search_name: String,
    pub source_id: Option<i32>,
}

/// Lower-case ASCII form of a name, so that `mbappe` finds `Mbappé`.
pub fn search_key(name: &str) -> String {
    deunicode::deunicode(name)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Person {
    /// The name people use: the known-as name (e.g. "Neymar") or the full name.
    pub fn display_name(&self) -> &str {
        self.known_as.as_deref().unwrap_or(&self.full_name)
    }

    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Person>> {
        people::table
            .filter(people::id.eq_any(ids))
            .select(Person::as_select())
            .load(conn)
    }

    /// People whose name is exactly `name`, ignoring case and accents.
    /// The people with this name or a spelling of it, ignoring case and accents; a name
    /// written with umlauts also finds its ASCII spelling ("Müller" finds "Mueller").
    pub fn insert(conn: &mut DbConnection, new: &NewPerson<'_>) -> QueryResult<i32> {
        diesel::insert_into(people::table)
            .values(new)
            .returning(people::id)
            .get_result(conn)
    }

    /// Writes people whose ids were taken beforehand, many to a statement.
    pub fn insert_all(conn: &mut DbConnection, rows: &[NewPersonWithId]) -> QueryResult<()> {
        crate::insert_batch!(conn, people::table, rows).map(|_| ())
    }

    /// Shows `written` as the name of `person` when it is the name shown (`shown`) with its
    /// diacritics restored ("Kylian Mbappé" for "Kylian Mbappe"); the old spelling stays an
    /// alias. Whether it did.
    pub fn restore_diacritics(
        conn: &mut DbConnection,
        person: i32,
        shown: &str,
        written: &str,
        source_id: Option<i32>,
    ) -> QueryResult<bool> {
        if !super::restores_diacritics(shown, written) {
            return Ok(false);
        }
        Self::rename(conn, person, shown, written, source_id)?;
        Ok(true)
    }

    /// Shows `name` for `person` instead of `shown`, which stays an alias.
    pub fn rename(
        conn: &mut DbConnection,
        person: i32,
        shown: &str,
        name: &str,
        source_id: Option<i32>,
    ) -> QueryResult<()> {
        diesel::update(people::table.find(person))
            .set((
                people::full_name.eq(name),
                people::search_name.eq(search_key(name)),
            ))
            .execute(conn)?;
        PersonAlias::add(conn, person, shown, source_id)?;
        Ok(())
    }
}

/// Key for loading a person by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonId(pub i32);

crate::row_relation!(PersonId => Person, Person::by_ids, people);

/// A spelling of a person's name that a source used.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = person_aliases)]
pub struct PersonAlias {
    pub person_id: i32,
    pub alias: String,
}

impl PersonAlias {
    /// Records `alias` as a spelling of `person` unless it is already one; whether it was new.
    pub fn add(
        conn: &mut DbConnection,
        person: i32,
        alias: &str,
        source_id: Option<i32>,
    ) -> QueryResult<bool> {
        let known: i64 = person_aliases::table
            .filter(person_aliases::person_id.eq(person))
            .filter(person_aliases::alias.eq(alias))
            .count()
            .get_result(conn)?;
        if known == 0 {
            diesel::insert_into(person_aliases::table)
                .values((
                    person_aliases::person_id.eq(person),
                    person_aliases::alias.eq(alias),
                    person_aliases::search_name.eq(search_key(alias)),
                    person_aliases::source_id.eq(source_id),
                ))
                .execute(conn)?;
        }
        Ok(known == 0)
    }

    pub fn of_people(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<PersonAlias>> {
        person_aliases::table
            .filter(person_aliases::person_id.eq_any(ids))
            .select(PersonAlias::as_select())
            .order((person_aliases::person_id, person_aliases::alias))
            .load(conn)
    }
}

/// Key: the spellings of a person's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonAliases(pub i32);

crate::list_relation!(PersonAliases => PersonAlias, PersonAlias::of_people, |a| a.person_id, people);
crate::read_scope!(Fixed: PersonId, PersonAliases, PersonName);

#[cfg(test)]
mod tests {
    use super::search_key;

    #[test]
    fn search_key_folds_case_accents_and_spaces() {
        assert_eq!(search_key("Kylian Mbappé"), "kylian mbappe");
        assert_eq!(search_key("  Ángel  Di María "), "angel di maria");
        assert_eq!(search_key("Aurélien Tchouaméni"), "aurelien tchouameni");
    }
}

/// Key: the people known by a folded name (`search_key`): their own or one of their aliases.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName(pub String);

impl crate::read_model::Relation for PersonName {
    type Value = Vec<Person>;

    fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(Self, Vec<Person>)>> {
        let people = people::table
            .select(Person::as_select())
            .order(people::id)
            .load(conn)?;
        let mut names: Vec<(String, i32)> = people::table
            .select((people::search_name, people::id))
            .load(conn)?;
        names.extend(
            person_aliases::table
                .select((person_aliases::search_name, person_aliases::person_id))
                .load::<(String, i32)>(conn)?,
        );
        Ok(by_name(people, names))
    }

    fn load_keys(conn: &mut DbConnection, keys: &[Self]) -> QueryResult<Vec<(Self, Vec<Person>)>> {
        let keys: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
        let mut names: Vec<(String, i32)> = people::table
            .filter(people::search_name.eq_any(&keys))
            .select((people::search_name, people::id))
            .load(conn)?;
        names.extend(
            person_aliases::table
                .filter(person_aliases::search_name.eq_any(&keys))
                .select((person_aliases::search_name, person_aliases::person_id))
                .load::<(String, i32)>(conn)?,
        );
        let ids: Vec<i32> = names.iter().map(|(_, id)| *id).collect();
        Ok(by_name(Person::by_ids(conn, &ids)?, names))
    }
}

/// Each name with the people known by it, by id.
fn by_name(people: Vec<Person>, names: Vec<(String, i32)>) -> Vec<(PersonName, Vec<Person>)> {
    let by_id: std::collections::HashMap<i32, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let mut ids: std::collections::HashMap<String, std::collections::BTreeSet<i32>> =
        std::collections::HashMap::new();
    for (name, id) in names {
        ids.entry(name).or_default().insert(id);
    }
    ids.into_iter()
        .map(|(name, ids)| {
            let found = ids.iter().filter_map(|id| by_id.get(id).copied().cloned());
            (PersonName(name), found.collect())
        })
        .collect()
}

/// Whether someone born on `born` was of an age to play international football on `day`
/// (15 to 45): how the importers tell apart namesakes of different eras.
pub fn of_playing_age(born: chrono::NaiveDate, day: chrono::NaiveDate) -> bool {
    (15..=45).contains(&day.years_since(born).unwrap_or(0))
}
