//! The people a results file's scorers are: in a match of a tournament with squad lists, the
//! squad member of the scoring team with that name or a close spelling ("Gerd Müller" is the
//! squad's "Gerd Mueller"), who then keeps the spelling with diacritics as the name shown.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::AppError;
use crate::import::identity::unique_close_match;
use crate::person::{search_key, Person, PersonAlias};
use crate::schema::{matches, people, person_aliases, squad_members};

#[derive(Default)]
pub struct Squads {
    tournament_of: HashMap<i32, i32>,
    /// By (tournament, team): folded names and aliases to person.
    names: HashMap<(i32, i32), HashMap<String, i32>>,
    full_names: HashMap<i32, String>,
    /// (person, folded spelling) already seen.
    checked: HashSet<(i32, String)>,
}

impl Squads {
    pub fn load(conn: &mut DbConnection) -> Result<Self, AppError> {
        let tournament_of: HashMap<i32, i32> = matches::table
            .filter(matches::tournament_id.is_not_null())
            .select((matches::id, matches::tournament_id.assume_not_null()))
            .load::<(i32, i32)>(conn)?
            .into_iter()
            .collect();
        let rows: Vec<(i32, i32, i32, String, String)> = squad_members::table
            .inner_join(people::table)
            .select((
                squad_members::tournament_id,
                squad_members::team_id,
                people::id,
                people::search_name,
                people::full_name,
            ))
            .load(conn)?;
        let aliases: Vec<(i32, String)> = person_aliases::table
            .select((person_aliases::person_id, person_aliases::search_name))
            .load(conn)?;
        let mut squads = Squads {
            tournament_of,
            ..Squads::default()
        };
        let mut spellings: HashMap<i32, Vec<String>> = HashMap::new();
        for (person, key) in aliases {
            spellings.entry(person).or_default().push(key);
        }
        for (tournament, team, person, key, full) in rows {
            let names = squads.names.entry((tournament, team)).or_default();
            names.insert(key, person);
            for alias in spellings.get(&person).into_iter().flatten() {
                names.insert(alias.clone(), person);
            }
            squads.full_names.insert(person, full);
        }
        Ok(squads)
    }

    /// The squad member of `team` named `name` in the tournament of `match_id`, if one is.
    pub fn find(&self, match_id: i32, team: i32, name: &str) -> Option<i32> {
        let tournament = self.tournament_of.get(&match_id)?;
        let names = self.names.get(&(*tournament, team))?;
        let key = search_key(name);
        names
            .get(&key)
            .copied()
            .or_else(|| unique_close_match(&key, names))
    }

    /// Records `name` as a spelling of `person`; a spelling that restores the diacritics of
    /// the name shown becomes the name shown, the old one an alias.
    pub fn spelled(
        &mut self,
        conn: &mut DbConnection,
        person: i32,
        name: &str,
        source_id: i32,
    ) -> Result<(), AppError> {
        let key = search_key(name);
        if !self.checked.insert((person, key.clone())) {
            return Ok(());
        }
        let Some(shown) = self.full_names.get(&person).cloned() else {
            return Ok(());
        };
        if Person::restore_diacritics(conn, person, &shown, name, Some(source_id))? {
            self.full_names.insert(person, name.to_owned());
        } else if key != search_key(&shown) {
            PersonAlias::add(conn, person, name, Some(source_id))?;
        }
        Ok(())
    }
}
