//! Merges a football.json tournament into one already in the database (from a full report or
//! the built-in data). Matches are found by their two teams and date, goals by team and
//! minute, scorers among the team's squad: nothing is duplicated. What is missing is added;
//! a score that disagrees keeps the database's value with a warning naming the file and line;
//! the file's goals become its claims, reconciled with every other source's
//! (`import::reconcile`).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;

mod score;
mod scorers;

use super::football_json::JsonTournament;
use super::format::MatchSeed;
use super::reconcile;
use super::summary::Changes;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::matches::claims::{GoalClaimRow, Witness};
use crate::matches::{Match, MatchStatus, NewMatch};
use crate::schema::{
    goals, matches, people, person_aliases, squad_members, stages, tournament_groups,
};
use crate::team::Team;
use crate::tournament::StageKind;
use crate::venue::Venue;
use score::{bump_version, ScoreUpdate};

type Pair = Option<[i32; 2]>;

/// A match as stored: what the merge compares.
#[derive(Queryable)]
struct Stored {
    id: i32,
    home: i32,
    away: i32,
    kickoff: Option<NaiveDateTime>,
    venue: Option<i32>,
    ht: (Option<i32>, Option<i32>),
    ft: (Option<i32>, Option<i32>),
    et: (Option<i32>, Option<i32>),
    pen: (Option<i32>, Option<i32>),
}

/// A recorded goal as the half-time check needs it.
#[derive(Queryable)]
struct StoredGoal {
    team: i32,
    minute: Option<i32>,
}

pub struct Merger<'a> {
    file: &'a JsonTournament,
    /// `path` as shown in warnings.
    shown: &'a str,
    tournament_id: i32,
    source_id: i32,
    team_ids: HashMap<String, i32>,
    /// Each team's squad at this tournament: folded names (and aliases) to person.
    squads: HashMap<i32, HashMap<String, i32>>,
    /// Every spelling (as written) of the people met, to tell a new spelling from a known one.
    spellings: HashMap<i32, BTreeSet<String>>,
    taken: BTreeSet<i32>,
    /// What the file says about the goals of the matches it lists goals for.
    claims: Vec<GoalClaimRow>,
    claimed_matches: Vec<i32>,
    pub changes: Changes,
}

fn pair((a, b): (Option<i32>, Option<i32>)) -> Pair {
    Some([a?, b?])
}

impl<'a> Merger<'a> {
    pub fn new(
        file: &'a JsonTournament,
        shown: &'a str,
        tournament_id: i32,
        source_id: i32,
    ) -> Self {
        Self {
            file,
            shown,
            tournament_id,
            source_id,
            team_ids: HashMap::new(),
            squads: HashMap::new(),
            spellings: HashMap::new(),
            taken: BTreeSet::new(),
            claims: Vec::new(),
            claimed_matches: Vec::new(),
            changes: Changes::default(),
        }
    }

    fn warn(&mut self, line: usize, text: String) {
        self.changes
            .warnings
            .push(format!("{}:{line}: {text}", self.shown));
    }

    pub fn merge(mut self, conn: &mut DbConnection) -> Result<Changes, AppError> {
        for team in &self.file.teams {
            let code = Some(team.code.as_str()).filter(|c| super::teams::is_code(c));
            let (id, _) = Team::national(conn, code, &team.name)?;
            self.team_ids.insert(team.code.clone(), id);
        }
        self.load_squads(conn)?;
        let stored: Vec<Stored> = matches::table
            .filter(matches::tournament_id.eq(self.tournament_id))
            .select((
                matches::id,
                matches::home_team_id,
                matches::away_team_id,
                matches::kickoff_utc,
                matches::venue_id,
                (matches::ht_home, matches::ht_away),
                (matches::ft_home, matches::ft_away),
                (matches::et_home, matches::et_away),
                (matches::pen_home, matches::pen_away),
            ))
            .load(conn)?;
        for (m, line) in self.file.matches.iter().zip(&self.file.lines) {
            let found = self.find(&stored, m);
            match found {
                Some(s) => self.merge_match(conn, s, m, *line)?,
                None => self.add_match(conn, m, *line)?,
            }
        }
        let witness = Witness::of_path(self.shown);
        let claims = std::mem::take(&mut self.claims);
        let done = reconcile::replace_claims(conn, witness, &self.claimed_matches, claims)?;
        self.changes.goals.created += done.goals;
        self.changes.warnings.extend(done.warnings);
        let changed = self.changes.matches.created
            + self.changes.matches.updated
            + self.changes.goals.created
            + self.changes.people.created
            + self.changes.people.updated
            + self.changes.venues.created;
        if changed > 0 {
            self.changes.tournaments.updated += 1;
        } else {
            self.changes.tournaments.unchanged += 1;
        }
        Ok(self.changes)
    }

    fn team(&self, code: &str) -> i32 {
        self.team_ids[code]
    }

    /// The stored match between the same two teams nearest in date (within two days: files
    /// disagree on dates around midnight and time zones). Replays are told apart by date.
    fn find<'s>(&mut self, stored: &'s [Stored], m: &MatchSeed) -> Option<&'s Stored> {
        let teams = BTreeSet::from([self.team(&m.home), self.team(&m.away)]);
        let same_teams: Vec<&Stored> = stored
            .iter()
            .filter(|s| !self.taken.contains(&s.id) && BTreeSet::from([s.home, s.away]) == teams)
            .collect();
        let by_date = m.kickoff.and_then(|k| {
            let day = k.naive_utc();
            same_teams
                .iter()
                .filter_map(|s| Some(((s.kickoff? - day).num_hours().abs(), *s)))
                .filter(|(hours, _)| *hours <= 48)
                .min_by_key(|(hours, _)| *hours)
                .map(|(_, s)| s)
        });
        // Without a date on one side, only a pairing that cannot be another match will do.
        let best = by_date.or(match same_teams.as_slice() {
            [one] if one.kickoff.is_none() || m.kickoff.is_none() => Some(*one),
            _ => None,
        })?;
        self.taken.insert(best.id);
        Some(best)
    }

    fn load_squads(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        let rows: Vec<(i32, i32, String, String)> = squad_members::table
            .inner_join(people::table)
            .filter(squad_members::tournament_id.eq(self.tournament_id))
            .select((
                squad_members::team_id,
                people::id,
                people::search_name,
                people::full_name,
            ))
            .load(conn)?;
        let ids: Vec<i32> = rows.iter().map(|r| r.1).collect();
        let mut aliases: Vec<(i32, String, String)> = Vec::new();
        for chunk in ids.chunks(500) {
            aliases.extend(
                person_aliases::table
                    .filter(person_aliases::person_id.eq_any(chunk))
                    .select((
                        person_aliases::person_id,
                        person_aliases::search_name,
                        person_aliases::alias,
                    ))
                    .load::<(i32, String, String)>(conn)?,
            );
        }
        let team_of: HashMap<i32, i32> = rows.iter().map(|(t, p, _, _)| (*p, *t)).collect();
        for (team, person, key, name) in rows {
            self.squads.entry(team).or_default().insert(key, person);
            self.spellings.entry(person).or_default().insert(name);
        }
        for (person, key, alias) in aliases {
            self.squads
                .entry(team_of[&person])
                .or_default()
                .insert(key, person);
            self.spellings.entry(person).or_default().insert(alias);
        }
        Ok(())
    }

    fn merge_match(
        &mut self,
        conn: &mut DbConnection,
        s: &Stored,
        m: &MatchSeed,
        line: usize,
    ) -> Result<(), AppError> {
        let label = format!("{} v {}", m.home, m.away);
        // The file may list the teams the other way round; compare from the stored side.
        let swapped = self.team(&m.home) != s.home;
        let turn = |p: Pair| if swapped { p.map(|[a, b]| [b, a]) } else { p };
        let stored_goals: Vec<StoredGoal> = goals::table
            .filter(goals::match_id.eq(s.id))
            .select((goals::team_id, goals::minute))
            .order(goals::id)
            .load(conn)?;
        let counted = |until: i32| {
            let mut score = [0, 0];
            for g in stored_goals
                .iter()
                .filter(|g| g.minute.is_some_and(|m| m <= until))
            {
                score[usize::from(g.team != s.home)] += 1;
            }
            score
        };
        let mut update = ScoreUpdate::new(s);
        for (label_part, stored, theirs, slot) in [
            ("half-time", pair(s.ht), turn(m.score.ht), 0),
            ("full-time", pair(s.ft), turn(m.score.ft), 1),
            ("extra-time", pair(s.et), turn(m.score.et), 2),
            ("shootout", pair(s.pen), turn(m.score.pen), 3),
        ] {
            match (stored, theirs) {
                (Some(a), Some(b)) if a != b => self.warn(
                    line,
                    format!("{label}: {label_part} score {b:?} disagrees with the recorded {a:?}; kept {a:?}"),
                ),
                // Only a score the recorded goals bear out is added (half time: the goals up
                // to minute 45, stoppage included).
                (None, Some(b)) if slot == 0 && !stored_goals.is_empty() && counted(45) != b => {
                    self.warn(line, format!("{label}: half-time score {b:?} disagrees with the recorded goals; not added"))
                }
                (None, Some(b)) => update.set(slot, b),
                _ => {}
            }
        }
        let mut changed = false;
        if update.any() {
            update.write(conn, s.id, pair(s.ft).is_none())?;
            changed = true;
        }
        if s.venue.is_none() {
            if let Some(v) = &m.venue {
                let id = self.venue(conn, v)?;
                diesel::update(matches::table.find(s.id))
                    .set(matches::venue_id.eq(id))
                    .execute(conn)?;
                changed = true;
            }
        }
        if !m.goals.is_empty() {
            let [_, ft, et, _] = update.scores;
            let final_score = et.or(ft).unwrap_or([0, 0]);
            self.claim_goals(conn, s.id, s.home, final_score, m, line)?;
        }
        if changed {
            self.changes.matches.updated += 1;
            bump_version(conn, s.id)?;
        } else {
            self.changes.matches.unchanged += 1;
        }
        Ok(())
    }

    /// The competition the tournament merged into is an edition of.
    fn competition_id(&self, conn: &mut DbConnection) -> Result<i32, AppError> {
        use crate::schema::tournaments;
        Ok(tournaments::table
            .find(self.tournament_id)
            .select(tournaments::competition_id)
            .first(conn)?)
    }

    fn venue(&mut self, conn: &mut DbConnection, key: &str) -> Result<i32, AppError> {
        let Some(v) = self.file.venues.iter().find(|v| v.key == key) else {
            return Err(AppError::Data(format!("unknown venue {key}")));
        };
        let (id, new) = Venue::find_or_insert(conn, &super::write::new_venue(v))?;
        match new {
            true => self.changes.venues.created += 1,
            false => self.changes.venues.unchanged += 1,
        }
        Ok(id)
    }

    /// A match the database lacks: added to the stage of the same kind (and group by name).
    fn add_match(
        &mut self,
        conn: &mut DbConnection,
        m: &MatchSeed,
        line: usize,
    ) -> Result<(), AppError> {
        let label = format!("{} v {}", m.home, m.away);
        let kind = self
            .file
            .stages
            .iter()
            .find(|s| s.key == m.stage)
            .map(|s| s.kind);
        let candidates: Vec<(i32, Option<i32>)> = match kind {
            Some(kind) => stages::table
                .left_join(tournament_groups::table)
                .filter(
                    stages::tournament_id
                        .eq(self.tournament_id)
                        .and(stages::kind.eq(kind)),
                )
                .filter(
                    tournament_groups::name
                        .nullable()
                        .eq(m.group.clone())
                        .or(tournament_groups::id.nullable().is_null()),
                )
                .select((stages::id, tournament_groups::id.nullable()))
                .load(conn)?,
            None => Vec::new(),
        };
        let kind = kind.map_or("", StageKind::as_str);
        let Some((stage_id, group_id)) = candidates.first().copied() else {
            self.warn(
                line,
                format!(
                    "{label}: no {kind} stage{} recorded for this match; not added",
                    m.group
                        .as_deref()
                        .map(|g| format!(" with {g}"))
                        .unwrap_or_default()
                ),
            );
            return Ok(());
        };
        let number: Option<i32> = matches::table
            .filter(matches::tournament_id.eq(self.tournament_id))
            .select(diesel::dsl::max(matches::number))
            .first(conn)?;
        let venue_id = match &m.venue {
            Some(v) => Some(self.venue(conn, v)?),
            None => None,
        };
        let s = &m.score;
        let competition_id = self.competition_id(conn)?;
        let new_id = Match::new_id(conn)?;
        let id = Match::insert(
            conn,
            &NewMatch {
                id: new_id,
                competition_id,
                tournament_id: Some(self.tournament_id),
                stage_id: Some(stage_id),
                group_id,
                number: Some(number.unwrap_or(0) + 1),
                played_on: m.kickoff.map(|k| k.date_naive()),
                city: None,
                country: None,
                neutral: None,
                final_only: false,
                shootout_winner_id: None,
                playback_of: None,
                home_team_id: self.team(&m.home),
                away_team_id: self.team(&m.away),
                kickoff_utc: m.kickoff.map(|k| k.naive_utc()),
                utc_offset_minutes: m.kickoff.map(|k| k.offset().local_minus_utc() / 60),
                venue_id,
                attendance: None,
                status: if s.ft.is_some() {
                    MatchStatus::Finished
                } else {
                    MatchStatus::Scheduled
                },
                ht_home: s.ht.map(|x| x[0]),
                ht_away: s.ht.map(|x| x[1]),
                ft_home: s.ft.map(|x| x[0]),
                ft_away: s.ft.map(|x| x[1]),
                et_home: s.et.map(|x| x[0]),
                et_away: s.et.map(|x| x[1]),
                pen_home: s.pen.map(|x| x[0]),
                pen_away: s.pen.map(|x| x[1]),
                source_id: Some(self.source_id),
            },
        )?;
        self.changes.matches.created += 1;
        self.taken.insert(id);
        if !m.goals.is_empty() {
            let final_score = s.et.or(s.ft).unwrap_or([0, 0]);
            let home = self.team(&m.home);
            self.claim_goals(conn, id, home, final_score, m, line)?;
        }
        Ok(())
    }
}
