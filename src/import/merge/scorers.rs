//! Goals and scorers in a merge: the file's goals paired with those recorded, or added to a
//! match that has none; scorers found among the team's squad, a new spelling kept as an alias.

use diesel::prelude::*;

use super::{Merger, StoredGoal};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::import::format::{GoalSeed, MatchSeed, PlayerRef};
use crate::import::identity::{names_close, unique_close_match};
use crate::matches::{Goal, NewGoal};
use crate::person::{search_key, NewPerson, Person};
use crate::schema::{people, person_aliases};

impl Merger<'_> {
    /// Pairs the file's goals with the recorded ones by team and minute; a scorer named
    /// differently but close is the same person (the spelling becomes an alias).
    pub(super) fn compare_goals(
        &mut self,
        conn: &mut DbConnection,
        stored: &[StoredGoal],
        m: &MatchSeed,
        label: &str,
        line: usize,
    ) -> Result<(), AppError> {
        let mut used = vec![false; stored.len()];
        let mut unpaired = Vec::new();
        for g in &m.goals {
            let team = self.team(&g.team);
            let exact = (0..stored.len()).find(|&i| {
                !used[i]
                    && stored[i].team == team
                    && (stored[i].minute, stored[i].offset) == (g.minute, g.offset)
            });
            let Some(i) = exact.or_else(|| {
                (0..stored.len())
                    .find(|&i| !used[i] && stored[i].team == team && stored[i].minute == g.minute)
            }) else {
                unpaired.push(g);
                continue;
            };
            used[i] = true;
            self.changes.goals.unchanged += 1;
            let s = &stored[i];
            if (s.penalty, s.own_goal) != (g.penalty, g.own_goal) {
                self.warn(line, format!("{label}: the goal at {}' is recorded as penalty {} / own goal {}; the file says {} / {}; kept", g.minute, s.penalty, s.own_goal, g.penalty, g.own_goal));
            }
            if let (Some(person), PlayerRef::Name(name)) = (s.scorer, &g.scorer) {
                self.same_scorer(conn, person, name, label, g, line)?;
            }
        }
        for g in unpaired {
            let team = self.team(&g.team);
            let taken = (0..stored.len())
                .filter(|&i| !used[i] && stored[i].team == team)
                .min_by_key(|&i| (stored[i].minute - g.minute).abs());
            match taken {
                Some(i) => {
                    used[i] = true;
                    self.changes.goals.unchanged += 1;
                    self.warn(
                        line,
                        format!(
                            "{label}: {}'s goal at {}' is recorded at {}'; kept",
                            g.scorer, g.minute, stored[i].minute
                        ),
                    );
                }
                None => self.warn(
                    line,
                    format!(
                        "{label}: {}'s goal at {}' is not in the recorded score; not added",
                        g.scorer, g.minute
                    ),
                ),
            }
        }
        Ok(())
    }

    pub(super) fn same_scorer(
        &mut self,
        conn: &mut DbConnection,
        person: i32,
        name: &str,
        label: &str,
        g: &GoalSeed,
        line: usize,
    ) -> Result<(), AppError> {
        let key = search_key(name);
        let known = self.spellings.entry(person).or_default();
        if known.contains(&key) {
            self.changes.people.unchanged += 1;
            return Ok(());
        }
        if known.iter().any(|k| names_close(k, &key)) {
            self.add_alias(conn, person, name)?;
            return Ok(());
        }
        let recorded: String = people::table
            .find(person)
            .select(people::full_name)
            .first(conn)?;
        if names_close(&search_key(&recorded), &key) {
            self.add_alias(conn, person, name)?;
        } else {
            self.warn(line, format!("{label}: the goal at {}' is recorded for {recorded}; the file names {name}; kept", g.minute));
        }
        Ok(())
    }

    pub(super) fn add_alias(
        &mut self,
        conn: &mut DbConnection,
        person: i32,
        name: &str,
    ) -> Result<(), AppError> {
        let key = search_key(name);
        // A scorer outside every squad was not loaded with its spellings: it may have this one.
        let known: i64 = person_aliases::table
            .filter(person_aliases::person_id.eq(person))
            .filter(person_aliases::alias.eq(name))
            .count()
            .get_result(conn)?;
        if known > 0 {
            self.spellings.entry(person).or_default().insert(key);
            return Ok(());
        }
        diesel::insert_into(person_aliases::table)
            .values((
                person_aliases::person_id.eq(person),
                person_aliases::alias.eq(name),
                person_aliases::search_name.eq(&key),
                person_aliases::source_id.eq(Some(self.source_id)),
            ))
            .execute(conn)?;
        self.spellings.entry(person).or_default().insert(key);
        self.changes.people.updated += 1;
        Ok(())
    }

    /// Adds the file's goals to a match that has none recorded, if they add up to its score
    /// (`final_score`: after extra time if played, from the side of `home`).
    pub(super) fn add_goals(
        &mut self,
        conn: &mut DbConnection,
        match_id: i32,
        home: i32,
        final_score: [i32; 2],
        m: &MatchSeed,
        line: usize,
    ) -> Result<(), AppError> {
        let mut listed = [0, 0];
        for g in &m.goals {
            listed[usize::from(self.team(&g.team) != home)] += 1;
        }
        if listed != final_score {
            self.warn(line, format!("{} v {}: the goals listed make {listed:?}, the recorded score is {final_score:?}; goals not added", m.home, m.away));
            return Ok(());
        }
        let mut rows = Vec::with_capacity(m.goals.len());
        for g in &m.goals {
            let scorer_team = if g.own_goal {
                if g.team == m.home {
                    &m.away
                } else {
                    &m.home
                }
            } else {
                &g.team
            };
            let scorer = self.scorer(conn, scorer_team, &g.scorer, line)?;
            rows.push(NewGoal {
                match_id,
                team_id: self.team(&g.team),
                scorer_id: Some(scorer),
                minute: g.minute,
                offset: g.offset,
                penalty: g.penalty,
                own_goal: g.own_goal,
            });
        }
        Goal::insert_all(conn, &rows)?;
        self.changes.goals.created += rows.len();
        Ok(())
    }

    /// A scorer of `team`: one of its squad by a close name, else the one person known by this
    /// name and nationality, else a new person (with a warning).
    pub(super) fn scorer(
        &mut self,
        conn: &mut DbConnection,
        team: &str,
        who: &PlayerRef,
        line: usize,
    ) -> Result<i32, AppError> {
        let name = who.to_string();
        let key = search_key(&name);
        let team_id = self.team(team);
        let squad = self.squads.entry(team_id).or_default();
        let found = squad
            .get(&key)
            .copied()
            .or_else(|| unique_close_match(&key, squad));
        if let Some(id) = found {
            let known = self.spellings.entry(id).or_default();
            if known.contains(&key) {
                self.changes.people.unchanged += 1;
            } else {
                self.add_alias(conn, id, &name)?;
            }
            return Ok(id);
        }
        let same: Vec<i32> = people::table
            .filter(
                people::search_name
                    .eq(&key)
                    .and(people::nationality.eq(team)),
            )
            .select(people::id)
            .load(conn)?;
        if let [one] = same.as_slice() {
            self.changes.people.unchanged += 1;
            self.squads.entry(team_id).or_default().insert(key, *one);
            return Ok(*one);
        }
        self.warn(
            line,
            format!("{team}: `{name}` is not in the squad list; recorded as a new person"),
        );
        let id = Person::insert(
            conn,
            &NewPerson {
                full_name: &name,
                known_as: None,
                birth_date: None,
                nationality: Some(team),
                search_name: key.clone(),
                source_id: Some(self.source_id),
            },
        )?;
        self.add_alias(conn, id, &name)?;
        // The alias is part of the new record, not an update of it.
        self.changes.people.updated -= 1;
        self.changes.people.created += 1;
        self.squads.entry(team_id).or_default().insert(key, id);
        Ok(id)
    }
}
