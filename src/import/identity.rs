//! One person, one record: matching the people a file names against those already known.
//!
//! Sources spell the same player differently ("Kylian MBAPPE", "Kylian Mbappé", accents
//! missing, surnames first). A birth date is the strongest evidence: the same folded name and
//! birth date is the same person, and so is a close spelling with the same birth date. Without
//! a birth date (referees, some early players, the EURO squad lists) the same folded name and
//! nationality match, and failing that the one player of that nationality with a close spelling
//! ("Niclas Füllkrug", the World Cup report's "Niclas FUELLKRUG") who was of an age to play
//! when the file's tournament began. Two different people who share a name are told apart by
//! their birth dates.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::format::{PlayerRef, SeedFile};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::person::{names_close, names_of_one_born_together, search_key, umlaut_key};
use crate::schema::people;

/// What identifies a person in a source.
#[derive(Debug, Clone)]
pub struct PersonKey {
    pub search_name: String,
    pub birth_date: Option<NaiveDate>,
    pub nationality: Option<String>,
}

impl PersonKey {
    pub fn new(name: &str, birth_date: Option<NaiveDate>, nationality: Option<&str>) -> Self {
        Self {
            search_name: search_key(name),
            birth_date,
            nationality: nationality.map(str::to_owned),
        }
    }
}

/// People known so far: loaded from the database, plus those written by this import.
#[derive(Default)]
pub struct KnownPeople {
    by_name_and_birth: HashMap<(String, NaiveDate), i32>,
    /// People with a birth date by that date: folded name, nationality, id.
    by_birth: HashMap<NaiveDate, Vec<(String, Option<String>, i32)>>,
    by_name_and_nationality: HashMap<(String, Option<String>), i32>,
    /// People with a birth date, by name and nationality: to find a player a source names
    /// without one.
    born_by_name_and_nationality: HashMap<(String, Option<String>), Vec<i32>>,
    /// People with a birth date, by nationality: for a player named without one and spelt
    /// otherwise.
    born_by_nationality: HashMap<String, Vec<(String, i32)>>,
    births: HashMap<i32, NaiveDate>,
    /// The first day of the file's tournament: who is named without a birth date played then.
    on: Option<NaiveDate>,
}

type PersonRow = (i32, String, Option<NaiveDate>, Option<String>);

impl KnownPeople {
    /// Loads everyone who shares a name or a birth date with someone the file names.
    pub fn load(&mut self, conn: &mut DbConnection, file: &SeedFile) -> Result<(), AppError> {
        let mut names: Vec<String> = Vec::new();
        let mut births: Vec<NaiveDate> = Vec::new();
        for squad in &file.squads {
            for p in &squad.players {
                names.push(search_key(&p.name));
                births.extend(p.birth_date);
            }
            if let Some(c) = &squad.coach {
                names.push(search_key(&c.name));
                births.extend(c.birth_date);
            }
        }
        for m in &file.matches {
            names.extend(m.officials.iter().map(|o| search_key(&o.name)));
            // Sources without squad lists (football.json) name scorers in the match only.
            names.extend(m.goals.iter().filter_map(|g| match &g.scorer {
                PlayerRef::Name(n) => Some(search_key(n)),
                PlayerRef::Shirt(_) => None,
            }));
        }
        names.sort();
        names.dedup();
        births.sort();
        births.dedup();
        self.on = Some(file.tournament.start_date);
        // Teams whose list gives a player without a birth date: their players who have one.
        let mut nationalities: Vec<&str> = file
            .squads
            .iter()
            .filter(|s| s.players.iter().any(|p| p.birth_date.is_none()))
            .map(|s| s.team.as_str())
            .collect();
        nationalities.dedup();
        let select = (
            people::id,
            people::search_name,
            people::birth_date,
            people::nationality,
        );
        // Chunks keep each statement's parameter count well inside both backends' limits.
        for chunk in names.chunks(500) {
            let rows: Vec<PersonRow> = people::table
                .filter(people::search_name.eq_any(chunk))
                .select(select)
                .load(conn)?;
            rows.into_iter().for_each(|r| self.remember(r));
        }
        for chunk in births.chunks(500) {
            let chunk: Vec<Option<NaiveDate>> = chunk.iter().copied().map(Some).collect();
            let rows: Vec<PersonRow> = people::table
                .filter(people::birth_date.eq_any(chunk))
                .select(select)
                .load(conn)?;
            rows.into_iter().for_each(|r| self.remember(r));
        }
        if !nationalities.is_empty() {
            let rows: Vec<PersonRow> = people::table
                .filter(people::nationality.eq_any(nationalities))
                .filter(people::birth_date.is_not_null())
                .select(select)
                .load(conn)?;
            rows.into_iter().for_each(|r| self.remember(r));
        }
        Ok(())
    }

    fn remember(&mut self, (id, name, birth, nationality): PersonRow) {
        let key = PersonKey {
            search_name: name,
            birth_date: birth,
            nationality,
        };
        if self.find_exact(&key).is_none() {
            self.insert(key, id);
        }
    }

    fn find_exact(&self, key: &PersonKey) -> Option<i32> {
        match key.birth_date {
            Some(birth) => self
                .by_name_and_birth
                .get(&(key.search_name.clone(), birth))
                .copied(),
            None => self
                .by_name_and_nationality
                .get(&(key.search_name.clone(), key.nationality.clone()))
                .copied(),
        }
    }

    /// The known person this key names, if any.
    pub fn find(&self, key: &PersonKey) -> Option<i32> {
        if let Some(id) = self.find_exact(key) {
            return Some(id);
        }
        let Some(birth) = key.birth_date else {
            // Without a birth date: the one person of that name and nationality who has one,
            // else the one of that nationality with a close spelling.
            let nationality = key.nationality.as_deref()?;
            return self
                .find_born(&key.search_name, nationality)
                .or_else(|| self.find_born_close(&key.search_name, nationality));
        };
        let born_that_day = self.by_birth.get(&birth)?;
        let mut close = born_that_day
            .iter()
            .filter(|(name, _, _)| names_close(name, &key.search_name));
        match (close.next(), close.next()) {
            (Some((_, _, id)), None) => Some(*id),
            (Some(_), Some(_)) => None,
            _ => Self::born_together(born_that_day, key),
        }
    }

    /// The one person born the same day for the same country under a name that may be the
    /// key's ("Tim Weah" and "Timothy Weah", but never twins: see `names_of_one_born_together`).
    fn born_together(
        born_that_day: &[(String, Option<String>, i32)],
        key: &PersonKey,
    ) -> Option<i32> {
        key.nationality.as_ref()?;
        let mut alike = born_that_day.iter().filter(|(name, nationality, _)| {
            *nationality == key.nationality && names_of_one_born_together(name, &key.search_name)
        });
        match (alike.next(), alike.next()) {
            (Some((_, _, id)), None) => Some(*id),
            _ => None,
        }
    }

    /// The one person with a birth date known by this folded name and nationality (a team
    /// code for players). None when there are several: two people who share a name are
    /// never guessed between.
    /// Of those, only people of an age to play when the file's tournament began count.
    pub fn find_born(&self, search_name: &str, nationality: &str) -> Option<i32> {
        let ids = self
            .born_by_name_and_nationality
            .get(&(search_name.to_owned(), Some(nationality.to_owned())))?;
        let of_age: Vec<i32> = ids.iter().copied().filter(|id| self.of_age(*id)).collect();
        match of_age.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The one person of this nationality with a birth date, a name spelt alike and an age to
    /// play when the tournament began.
    fn find_born_close(&self, search_name: &str, nationality: &str) -> Option<i32> {
        let mut ids: Vec<i32> = self
            .born_by_nationality
            .get(nationality)?
            .iter()
            .filter(|(name, id)| spelled_alike(name, search_name) && self.of_age(*id))
            .map(|(_, id)| *id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        match ids.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Between 15 and 45 when the tournament began (true where either date is unknown).
    fn of_age(&self, id: i32) -> bool {
        match (self.on, self.births.get(&id)) {
            (Some(on), Some(born)) => crate::person::of_playing_age(*born, on),
            _ => true,
        }
    }

    pub fn insert(&mut self, key: PersonKey, id: i32) {
        match key.birth_date {
            Some(birth) => {
                self.births.insert(id, birth);
                if let Some(nationality) = &key.nationality {
                    self.born_by_nationality
                        .entry(nationality.clone())
                        .or_default()
                        .push((key.search_name.clone(), id));
                }
                self.born_by_name_and_nationality
                    .entry((key.search_name.clone(), key.nationality.clone()))
                    .or_default()
                    .push(id);
                self.by_name_and_birth
                    .insert((key.search_name.clone(), birth), id);
                self.by_birth.entry(birth).or_default().push((
                    key.search_name,
                    key.nationality,
                    id,
                ));
            }
            None => {
                self.by_name_and_nationality
                    .insert((key.search_name, key.nationality), id);
            }
        }
    }
}

/// Two folded names of one person as sources spell them: the same once German umlauts written
/// out are folded ("thomas mueller", "thomas muller"), or every word of a name of two words or
/// more within the other ("yussuf poulsen", "yussuf yurary poulsen"; "vanja milinkovic",
/// "vanja milinkovic-savic"). Stricter than `names_close`, which also pairs "mathias jensen"
/// with "mathias jorgensen": this matches people without a birth date to tell them apart.
fn spelled_alike(a: &str, b: &str) -> bool {
    let fold = umlaut_key;
    if fold(a) == fold(b) {
        return true;
    }
    let words = |s: &str| -> Vec<String> {
        s.split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    short.len() >= 2 && short.iter().all(|w| long.contains(w))
}

/// The one name in `names` close to `name` (same surname, or nearly the same spelling).
pub fn unique_close_match(name: &str, names: &HashMap<String, i32>) -> Option<i32> {
    unique_where(names, |candidate| names_close(candidate, name))
}

/// The one person among `names` whose name passes `test` (several spellings of one person
/// count once); none if nobody or several people do.
pub fn unique_where(names: &HashMap<String, i32>, test: impl Fn(&str) -> bool) -> Option<i32> {
    let mut ids: Vec<i32> = names
        .iter()
        .filter(|(candidate, _)| test(candidate))
        .map(|(_, id)| *id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    match ids.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_name_different_birth_dates_are_different_people() {
        let mut known = KnownPeople::default();
        let d1 = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        let d2 = NaiveDate::from_ymd_opt(1995, 5, 5).unwrap();
        known.insert(PersonKey::new("Juan Pérez", Some(d1), Some("URU")), 1);
        assert_eq!(
            known.find(&PersonKey::new("JUAN PEREZ", Some(d1), Some("ARG"))),
            Some(1)
        );
        assert_eq!(
            known.find(&PersonKey::new("Juan Perez", Some(d2), Some("URU"))),
            None
        );
        // A close spelling with the same birth date is the same person.
        assert_eq!(
            known.find(&PersonKey::new("Juan Peres", Some(d1), None)),
            Some(1)
        );
    }

    #[test]
    fn a_name_without_birth_date_finds_the_one_player_of_that_team() {
        let mut known = KnownPeople::default();
        let d1 = NaiveDate::from_ymd_opt(1987, 6, 24).unwrap();
        let d2 = NaiveDate::from_ymd_opt(1990, 2, 2).unwrap();
        known.insert(PersonKey::new("Lionel Messi", Some(d1), Some("ARG")), 1);
        assert_eq!(known.find_born("lionel messi", "ARG"), Some(1));
        assert_eq!(known.find_born("lionel messi", "URU"), None);
        // A second Lionel Messi of Argentina, born another day: no guessing.
        known.insert(PersonKey::new("Lionel Messi", Some(d2), Some("ARG")), 2);
        assert_eq!(known.find_born("lionel messi", "ARG"), None);
    }

    #[test]
    fn a_name_without_birth_date_finds_a_close_spelling_of_an_age_to_play() {
        let mut known = KnownPeople {
            on: NaiveDate::from_ymd_opt(2024, 6, 14),
            ..KnownPeople::default()
        };
        let born = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        known.insert(
            PersonKey::new("Niclas FUELLKRUG", born(1993, 2, 9), Some("GER")),
            1,
        );
        known.insert(PersonKey::new("Rodri", born(1934, 3, 8), Some("ESP")), 2);
        known.insert(PersonKey::new("Rodri", born(1996, 6, 22), Some("ESP")), 3);
        let find =
            |known: &KnownPeople, name, team| known.find(&PersonKey::new(name, None, Some(team)));
        assert_eq!(find(&known, "Niclas Füllkrug", "GER"), Some(1));
        assert_eq!(find(&known, "Niclas Füllkrug", "AUT"), None);
        assert_eq!(find(&known, "Rodri", "ESP"), Some(3));
        // Nobody of that nationality and age has a name spelt alike: a new person.
        assert_eq!(find(&known, "Maximilian Beier", "GER"), None);
        known.insert(
            PersonKey::new("Mathias Jensen", born(1996, 1, 1), Some("DEN")),
            4,
        );
        assert_eq!(
            find(&known, "Mathias Jorgensen", "DEN"),
            None,
            "another Dane"
        );
        known.insert(
            PersonKey::new("Yussuf Yurary Poulsen", born(1994, 6, 15), Some("DEN")),
            5,
        );
        assert_eq!(find(&known, "Yussuf Poulsen", "DEN"), Some(5));
    }

    #[test]
    fn without_a_birth_date_nationality_must_agree() {
        let mut known = KnownPeople::default();
        known.insert(PersonKey::new("Jean Langenus", None, Some("BEL")), 7);
        assert_eq!(
            known.find(&PersonKey::new("Jean LANGENUS", None, Some("BEL"))),
            Some(7)
        );
        assert_eq!(
            known.find(&PersonKey::new("Jean Langenus", None, Some("FRA"))),
            None
        );
    }
}
