//! Goals and scorers in a merge: the file's goals become its claims about the match (the goals
//! shown are reconciled from every source's claims); scorers are found among the team's
//! squad, a new spelling kept as an alias.

use diesel::prelude::*;

use super::Merger;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::import::format::{MatchSeed, PlayerRef};
use crate::import::identity::unique_close_match;
use crate::matches::claims::{GoalClaimRow, Witness};
use crate::person::{search_key, NewPerson, Person};
use crate::schema::{people, person_aliases};

impl Merger<'_> {
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
            let scorer = self.scorer(conn, scorer_team, &g.scorer, line)?;
            self.claims.push(GoalClaimRow {
                match_id,
                source_id: self.source_id,
                witness: witness.as_str().to_owned(),
                ordinal: i as i32 + 1,
                team_id: self.team(&g.team),
                scorer_id: Some(scorer),
                scorer_name: Some(g.scorer.to_string()),
                minute: g.minute,
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
