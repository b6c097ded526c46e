//! Goals and scorers in a merge: the file's goals become its claims about the match (the goals
//! shown are reconciled from every source's claims); scorers are found among the team's
//! squad, a new spelling kept as an alias.

use diesel::prelude::*;

use super::Merger;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::import::format::{MatchSeed, PlayerRef};
use crate::import::identity::{unique_close_match, unique_where};
use crate::matches::claims::{GoalClaimRow, Witness};
use crate::person::{search_key, surnames_close, NewPerson, Person, PersonAlias};
use crate::schema::{goal_claims, people};

/// A goal of a file, as other sources' claims about the same match would record it.
struct SameGoal {
    match_id: i32,
    /// The team credited.
    team_id: i32,
    minute: i32,
    own_goal: bool,
}

impl SameGoal {
    /// The scorer other sources give for this goal (same match, team, minute and kind), when
    /// there is one and their surname is spelt with the same letters as `key`'s: "Hakim
    /// Zyiech" is the report's "Hakim Ziyech", "Wout Werghost" its "Wout Weghorst", and "Bamba
    /// Dieng" its "Cheikh Dieng" (whose squad has two Diengs, so the surname alone is not
    /// enough).
    fn scorer_named_alike(
        &self,
        conn: &mut DbConnection,
        source_id: i32,
        key: &str,
    ) -> QueryResult<Option<i32>> {
        let mut named: Vec<(i32, String)> = goal_claims::table
            .inner_join(people::table.on(people::id.nullable().eq(goal_claims::scorer_id)))
            .filter(goal_claims::match_id.eq(self.match_id))
            .filter(goal_claims::team_id.eq(self.team_id))
            .filter(goal_claims::minute.eq(self.minute))
            .filter(goal_claims::own_goal.eq(self.own_goal))
            .filter(goal_claims::source_id.ne(source_id))
            .select((people::id, people::search_name))
            .load(conn)?;
        named.retain(|(_, listed)| same_surname_letters(listed, key));
        named.dedup_by_key(|(id, _)| *id);
        Ok(match named.as_slice() {
            [(id, _)] => Some(*id),
            _ => None,
        })
    }
}

/// Whether two folded names end in surnames of the same letters, in any order (a slip of
/// the keyboard: "zyiech" and "ziyech").
fn same_surname_letters(a: &str, b: &str) -> bool {
    let letters = |s: &str| {
        let mut l: Vec<char> = s.rsplit([' ', '-']).next().unwrap_or("").chars().collect();
        l.sort_unstable();
        l
    };
    let (x, y) = (letters(a), letters(b));
    x.len() >= 3 && x == y
}

impl Merger<'_> {
    /// Records `name` as a spelling of `person`; a spelling that restores the diacritics of
    /// the name shown ("Kylian Mbappé") becomes the name shown, the old one an alias.
    pub(super) fn add_alias(
        &mut self,
        conn: &mut DbConnection,
        person: i32,
        name: &str,
    ) -> Result<(), AppError> {
        let shown: String = people::table
            .find(person)
            .select(people::full_name)
            .first(conn)?;
        let source = Some(self.source_id);
        let changed = Person::restore_diacritics(conn, person, &shown, name, source)?
            || PersonAlias::add(conn, person, name, source)?;
        self.spellings
            .entry(person)
            .or_default()
            .insert(name.to_owned());
        if changed {
            self.changes.people.updated += 1;
        }
        Ok(())
    }

    /// Records the file's goals for a match as its claims, if they do not exceed its score
    /// (`final_score`: after extra time if played, from the side of `home`).
    pub(super) fn claim_goals(
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
        if listed[0] > final_score[0] || listed[1] > final_score[1] {
            self.warn(line, format!("{} v {}: the goals listed make {listed:?}, more than the recorded score {final_score:?}; goals not read", m.home, m.away));
            return Ok(());
        }
        self.claimed_matches.push(match_id);
        let witness = Witness::of_path(self.shown);
        for (i, g) in m.goals.iter().enumerate() {
            let scorer_team = if g.own_goal {
                if g.team == m.home {
                    &m.away
                } else {
                    &m.home
                }
            } else {
                &g.team
            };
            let same_goal = SameGoal {
                match_id,
                team_id: self.team(&g.team),
                minute: g.minute,
                own_goal: g.own_goal,
            };
            let scorer = self.scorer(conn, scorer_team, &g.scorer, &same_goal, line)?;
            self.claims.push(GoalClaimRow {
                match_id,
                source_id: self.source_id,
                witness,
                ordinal: i as i32 + 1,
                team_id: self.team(&g.team),
                scorer_id: Some(scorer),
                scorer_name: Some(g.scorer.to_string()),
                minute: Some(g.minute),
                stoppage: (g.offset > 0).then_some(g.offset),
                seconds: None,
                penalty: g.penalty,
                own_goal: g.own_goal,
                line: Some(line as i32),
                goal_id: None,
            });
        }
        Ok(())
    }

    /// A scorer of `team`: one of its squad by a close name, else the one person known by this
    /// name and nationality, else the scorer another source gives for the same goal when the
    /// surnames are spelt alike, else a new person (with a warning).
    fn scorer(
        &mut self,
        conn: &mut DbConnection,
        team: &str,
        who: &PlayerRef,
        goal: &SameGoal,
        line: usize,
    ) -> Result<i32, AppError> {
        let name = who.to_string();
        let key = search_key(&name);
        let team_id = self.team(team);
        let squad = self.squads.entry(team_id).or_default();
        // The exact name, else a close spelling, else the one player of the squad with that
        // surname ("Timothy Weah" is the squad's "Tim Weah").
        let found = squad
            .get(&key)
            .copied()
            .or_else(|| unique_close_match(&key, squad))
            .or_else(|| unique_where(squad, |listed| surnames_close(listed, &key)));
        if let Some(id) = found {
            let known = self.spellings.entry(id).or_default();
            if known.contains(&name) {
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
        // Several records of one name and nationality: the first, never one more.
        if let Some(first) = same.iter().min() {
            self.changes.people.unchanged += 1;
            self.squads.entry(team_id).or_default().insert(key, *first);
            return Ok(*first);
        }
        if let Some(id) = goal.scorer_named_alike(conn, self.source_id, &key)? {
            self.add_alias(conn, id, &name)?;
            self.squads.entry(team_id).or_default().insert(key, id);
            return Ok(id);
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
