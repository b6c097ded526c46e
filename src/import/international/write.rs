//! Writing the international results into the database: teams resolved by name and date,
//! matches found or created, editions planned from the dates, shootout winners added where
//! nothing is known yet, goals recorded as this source's claims. Runs inside the caller's
//! transaction.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;

use super::read::{ResultRow, ScorerRow, ShootoutRow};
use super::scorers::Squads;
use super::teams::TeamResolver;
use super::Dataset;
use crate::competition::catalogue::{self, Entry};
use crate::competition::Competition;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::id_pool::IdPool;
use crate::import::reconcile;
use crate::import::summary::Changes;
use crate::matches::claims::{GoalClaimRow, Witness};
use crate::matches::{Match, MatchPlace, MatchStatus, NewMatch};
use crate::person::{search_key, umlaut_key, NewPersonWithId, Person};
use crate::schema::{matches, people, person_aliases, team_names, tournaments};
use crate::tournament::{NewTournament, Tournament};

/// Where the files are, for warnings: `dir/results.csv:LINE`.
pub struct Shown<'a> {
    pub dir: &'a str,
}

impl Shown<'_> {
    fn at(&self, file: &str, line: usize) -> String {
        format!("{}/{file}:{line}", self.dir.trim_end_matches('/'))
    }
}

/// A match as the other files name it: date, home and away as written.
type RowKey = (NaiveDate, String, String);

/// What the goal and shootout files need to know of a match written or found.
#[derive(Clone, Copy)]
struct Placed {
    id: i32,
    home: i32,
    away: i32,
    /// The result, oriented as the row names the teams.
    result: Option<(i32, i32)>,
}

/// A person a scorer's folded name may mean.
#[derive(Clone)]
struct Namesake {
    id: i32,
    nationality: Option<String>,
    born: Option<NaiveDate>,
}

impl Namesake {
    /// Old enough and young enough to score for a national team on `day`.
    fn plays_on(&self, day: NaiveDate) -> Option<bool> {
        Some(crate::person::of_playing_age(self.born?, day))
    }
}

/// A match already in the database.
#[derive(Clone, Copy)]
struct Known {
    id: i32,
    home: i32,
    result: Option<(i32, i32)>,
    city_known: bool,
    shootout_known: bool,
    /// Its source gave a kick-off time.
    timed: bool,
    /// Its source gave its date (EURO 1984's and 1992's group matches in Football.TXT do not).
    dated: bool,
}

pub fn write(
    conn: &mut DbConnection,
    data: &Dataset,
    source_id: i32,
    shown: &Shown<'_>,
) -> Result<Changes, AppError> {
    let mut w = Writer::load(conn, data, source_id)?;
    let shootouts = index_shootouts(&data.shootouts);
    let mut new_matches = Vec::new();
    for row in &data.results {
        let shootout = shootouts.get(&key(row)).copied();
        if let Some(new) = w.result(conn, row, shootout, shown)? {
            new_matches.push(new);
        }
    }
    Match::insert_all(conn, &new_matches)?;
    Match::set_places(conn, &w.places)?;
    // The goals below look matches and people up by the thousand in tables this
    // transaction has just filled.
    crate::db::refresh_statistics(conn)?;
    w.goals(conn, &data.scorers, shown)?;
    w.team_names(conn)?;
    w.changes.people.created += w.people_created;
    Ok(w.changes)
}

/// A folded name as the results' scorers are looked up by: umlauts written out folded too
/// ("moeller", "moller") and its words in alphabetical order, as some sources write the
/// surname first ("Rodriguez Guido" is "Guido Rodríguez"). Nationality and age tell apart
/// the people who share one.
fn name_key(search_name: &str) -> String {
    let folded = umlaut_key(search_name);
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.join(" ")
}

fn key(row: &ResultRow) -> RowKey {
    (row.date, row.home.clone(), row.away.clone())
}

fn index_shootouts(rows: &[ShootoutRow]) -> HashMap<RowKey, &ShootoutRow> {
    rows.iter()
        .map(|s| ((s.date, s.home.clone(), s.away.clone()), s))
        .collect()
}

struct Writer {
    teams: TeamResolver,
    /// Matches by day and teams (both ways round): teams have met twice on one day.
    known: HashMap<(NaiveDate, i32, i32), Vec<Known>>,
    /// Matches without a date by edition and teams (both ways round).
    undated: HashMap<(i32, i32, i32), Vec<Known>>,
    /// Matches a row of this file has been given: each is one row's.
    claimed: HashSet<i32>,
    squads: Squads,
    competitions: HashMap<String, (Entry, i32)>,
    /// By competition slug and official year.
    edition_plans: HashMap<(String, i32), EditionPlan>,
    editions: HashMap<String, i32>,
    next_number: HashMap<i32, i32>,
    placed: HashMap<RowKey, Placed>,
    /// People by `name_key`, aliases included.
    people: HashMap<String, Vec<Namesake>>,
    people_created: usize,
    /// Ids for the matches and people this file adds, written many to a statement.
    match_ids: IdPool,
    person_ids: IdPool,
    /// People made for scorers, not written yet.
    new_people: Vec<NewPersonWithId>,
    /// Where known matches were played, recorded with the new matches after the last row.
    places: Vec<MatchPlace>,
    source_id: i32,
    changes: Changes,
}

type KnownRow = (
    (i32, Option<i32>),
    Option<NaiveDate>,
    i32,
    i32,
    (Option<i32>, Option<i32>, Option<i32>, Option<i32>),
    Option<String>,
    (Option<i32>, Option<i32>),
    bool,
);

impl Writer {
    fn load(conn: &mut DbConnection, data: &Dataset, source_id: i32) -> Result<Self, AppError> {
        let teams = TeamResolver::load(conn, &data.former_names)?;
        let rows: Vec<KnownRow> = matches::table
            .select((
                (matches::id, matches::tournament_id),
                matches::played_on,
                matches::home_team_id,
                matches::away_team_id,
                (
                    matches::ft_home,
                    matches::ft_away,
                    matches::et_home,
                    matches::et_away,
                ),
                matches::city,
                (matches::pen_home, matches::shootout_winner_id),
                matches::kickoff_utc.is_not_null(),
            ))
            .load(conn)?;
        let mut known = HashMap::new();
        let mut undated: HashMap<(i32, i32, i32), Vec<Known>> = HashMap::new();
        for ((id, edition), day, home, away, (fh, fa, eh, ea), city, (pen, winner), timed) in rows {
            let result = match (eh.or(fh), ea.or(fa)) {
                (Some(h), Some(a)) => Some((h, a)),
                _ => None,
            };
            let k = Known {
                id,
                home,
                result,
                city_known: city.is_some(),
                shootout_known: pen.is_some() || winner.is_some(),
                timed,
                dated: day.is_some(),
            };
            match (day, edition) {
                (Some(day), _) => remember(&mut known, day, k, away),
                (None, Some(edition)) => {
                    undated.entry((edition, home, away)).or_default().push(k);
                    undated.entry((edition, away, home)).or_default().push(k);
                }
                (None, None) => {}
            }
        }
        let mut writer = Self {
            teams,
            known,
            undated,
            claimed: HashSet::new(),
            squads: Squads::load(conn)?,
            competitions: HashMap::new(),
            edition_plans: plan_editions(&data.results),
            // Every edition and its last match number, read once: a thousand editions are
            // looked up and numbered while the results are written.
            editions: tournaments::table
                .select((tournaments::slug, tournaments::id))
                .load(conn)?
                .into_iter()
                .collect(),
            next_number: matches::table
                .filter(matches::tournament_id.is_not_null())
                .group_by(matches::tournament_id)
                .select((matches::tournament_id, diesel::dsl::max(matches::number)))
                .load::<(Option<i32>, Option<i32>)>(conn)?
                .into_iter()
                .filter_map(|(t, last)| Some((t?, last.unwrap_or(0) + 1)))
                .collect(),
            placed: HashMap::new(),
            people: HashMap::new(),
            people_created: 0,
            match_ids: IdPool::new("matches"),
            person_ids: IdPool::new("people"),
            new_people: Vec::new(),
            places: Vec::new(),
            source_id,
            changes: Changes::default(),
        };
        writer.load_people(conn)?;
        Ok(writer)
    }

    fn load_people(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        let rows: Vec<(i32, String, Option<String>, Option<NaiveDate>)> = people::table
            .select((
                people::id,
                people::search_name,
                people::nationality,
                people::birth_date,
            ))
            .load(conn)?;
        let aliases: Vec<(i32, String)> = person_aliases::table
            .select((person_aliases::person_id, person_aliases::search_name))
            .load(conn)?;
        let mut by_id: HashMap<i32, Namesake> = HashMap::new();
        for (id, name, nationality, born) in rows {
            let person = Namesake {
                id,
                nationality,
                born,
            };
            by_id.insert(id, person.clone());
            self.people.entry(name_key(&name)).or_default().push(person);
        }
        for (id, name) in aliases {
            let list = self.people.entry(name_key(&name)).or_default();
            if let Some(person) = by_id.get(&id).filter(|_| list.iter().all(|p| p.id != id)) {
                list.push(person.clone());
            }
        }
        Ok(())
    }

    /// A warning about a match as the files name it: `FILE:LINE: HOME v AWAY on DATE: what`.
    fn warn(&mut self, at: String, (home, away, date): (&str, &str, NaiveDate), what: &str) {
        self.changes
            .warnings
            .push(format!("{at}: {home} v {away} on {date}: {what}"));
    }

    fn competition(
        &mut self,
        conn: &mut DbConnection,
        name: &str,
    ) -> Result<(Entry, i32), AppError> {
        if let Some(found) = self.competitions.get(name) {
            return Ok(found.clone());
        }
        let entry = catalogue::lookup(name);
        let id = Competition::ensure(conn, &entry)?;
        self.competitions
            .insert(name.to_owned(), (entry.clone(), id));
        Ok((entry, id))
    }

    /// The match already known for these teams on this day. A match whose source gave a
    /// kick-off time may be dated a day apart (its local and UTC dates differ); one with a date
    /// alone, as this file writes them, never is (teams do meet on consecutive days).
    /// Each known match is one row's: a second meeting on the same day is another match.
    fn find(&mut self, day: NaiveDate, home: i32, away: i32) -> Option<Known> {
        let found = [0, -1, 1].iter().find_map(|d| {
            let day = day.checked_add_signed(chrono::Duration::days(*d))?;
            self.known
                .get(&(day, home, away))?
                .iter()
                .find(|k| (*d == 0 || k.timed) && !self.claimed.contains(&k.id))
                .copied()
        })?;
        self.claimed.insert(found.id);
        Some(found)
    }

    /// The match of the row's edition between these teams that its source left undated, when
    /// no dated one is known and no other undated one could be meant (as `merge` pairs them):
    /// the file's date is the one fact it lacked.
    fn find_undated(
        &mut self,
        conn: &mut DbConnection,
        row: &ResultRow,
        home: i32,
        away: i32,
    ) -> Result<Option<Known>, AppError> {
        if self.undated.is_empty() {
            return Ok(None);
        }
        let (entry, _) = self.competition(conn, &row.tournament)?;
        if !entry.has_editions {
            return Ok(None);
        }
        let year = catalogue::official_year(&entry.slug, row.date);
        let Some(&edition) = self.editions.get(&format!("{}-{year}", entry.slug)) else {
            return Ok(None);
        };
        let open: Vec<Known> = self
            .undated
            .get(&(edition, home, away))
            .into_iter()
            .flatten()
            .filter(|k| !self.claimed.contains(&k.id))
            .copied()
            .collect();
        let found = match open.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        if let Some(k) = found {
            self.claimed.insert(k.id);
        }
        Ok(found)
    }

    /// Places a row on the match it describes: one known (updated where it adds facts) or a
    /// new one, returned to be written.
    fn result<'r>(
        &mut self,
        conn: &mut DbConnection,
        row: &'r ResultRow,
        shootout: Option<&ShootoutRow>,
        shown: &Shown<'_>,
    ) -> Result<Option<NewMatch<'r>>, AppError> {
        let home = self.teams.resolve(conn, &row.home, row.date)?;
        let away = self.teams.resolve(conn, &row.away, row.date)?;
        if home == away {
            self.warn(
                shown.at("results.csv", row.line),
                (&row.home, &row.away, row.date),
                "both name the same team; left out",
            );
            return Ok(None);
        }
        let winner = match shootout {
            Some(s) => Some(self.teams.resolve(conn, &s.winner, s.date)?),
            None => None,
        };
        let found = match self.find(row.date, home, away) {
            Some(known) => Some(known),
            None => self.find_undated(conn, row, home, away)?,
        };
        let (placed, new) = match found {
            Some(known) => (
                self.update_known(conn, known, row, home, away, winner, shown)?,
                None,
            ),
            None => {
                let new = self.create(conn, row, home, away, winner, shown)?;
                let placed = Placed {
                    id: new.id,
                    home,
                    away,
                    result: row.score,
                };
                (placed, Some(new))
            }
        };
        self.placed.insert(key(row), placed);
        Ok(new)
    }

    #[allow(clippy::too_many_arguments)]
    fn update_known(
        &mut self,
        conn: &mut DbConnection,
        known: Known,
        row: &ResultRow,
        home: i32,
        away: i32,
        winner: Option<i32>,
        shown: &Shown<'_>,
    ) -> Result<Placed, AppError> {
        let stored = known
            .result
            .map(|(h, a)| if known.home == home { (h, a) } else { (a, h) });
        if row.score.is_some() && stored.is_some() && row.score != stored {
            let (h, a) = row.score.unwrap_or_default();
            let (sh, sa) = stored.unwrap_or_default();
            self.warn(
                shown.at("results.csv", row.line),
                (&row.home, &row.away, row.date),
                &format!(
                    "the result here is {h}-{a}, another source says {sh}-{sa}; that one is kept"
                ),
            );
        }
        let mut updated = false;
        if !known.dated {
            diesel::update(matches::table.find(known.id))
                .set(matches::played_on.eq(row.date))
                .execute(conn)?;
            updated = true;
        }
        if !known.city_known && !row.city.is_empty() {
            self.places.push(MatchPlace {
                id: known.id,
                city: row.city.clone(),
                country: row.country.clone(),
                neutral: row.neutral,
            });
            updated = true;
        }
        if let (Some(w), false) = (winner, known.shootout_known) {
            diesel::update(matches::table.find(known.id))
                .set(matches::shootout_winner_id.eq(w))
                .execute(conn)?;
            updated = true;
        }
        match updated {
            true => self.changes.matches.updated += 1,
            false => self.changes.matches.unchanged += 1,
        }
        Ok(Placed {
            id: known.id,
            home,
            away,
            result: stored.or(row.score),
        })
    }

    /// A new match for the row, its id taken; written with the others after the last row.
    fn create<'r>(
        &mut self,
        conn: &mut DbConnection,
        row: &'r ResultRow,
        home: i32,
        away: i32,
        winner: Option<i32>,
        shown: &Shown<'_>,
    ) -> Result<NewMatch<'r>, AppError> {
        let (entry, competition_id) = self.competition(conn, &row.tournament)?;
        let tournament_id = match entry.has_editions {
            true => Some(self.edition(conn, &entry, competition_id, row.date)?),
            false => None,
        };
        let number = tournament_id.map(|t| self.next_number(t));
        // A shootout may follow a match that was not level: the second leg of a tie decided
        // on aggregate.
        let shootout_winner_id = match winner {
            Some(w) if w == home || w == away => Some(w),
            Some(_) => {
                self.warn(
                    shown.at("results.csv", row.line),
                    (&row.home, &row.away, row.date),
                    "shootouts.csv names a winner that did not play; left out",
                );
                None
            }
            None => None,
        };
        let id = self.match_ids.take(conn)?;
        let new = NewMatch {
            id,
            competition_id,
            tournament_id,
            stage_id: None,
            group_id: None,
            number,
            home_team_id: home,
            away_team_id: away,
            played_on: Some(row.date),
            kickoff_utc: None,
            utc_offset_minutes: None,
            venue_id: None,
            city: Some(&row.city)
                .filter(|c| !c.is_empty())
                .map(String::as_str),
            country: Some(&row.country)
                .filter(|c| !c.is_empty())
                .map(String::as_str),
            neutral: Some(row.neutral),
            attendance: None,
            status: match row.score {
                Some(_) => MatchStatus::Finished,
                None => MatchStatus::Scheduled,
            },
            final_only: row.score.is_some(),
            shootout_winner_id,
            playback_of: None,
            ht_home: None,
            ht_away: None,
            ft_home: row.score.map(|s| s.0),
            ft_away: row.score.map(|s| s.1),
            et_home: None,
            et_away: None,
            pen_home: None,
            pen_away: None,
            source_id: Some(self.source_id),
        };
        self.changes.matches.created += 1;
        let known = Known {
            id,
            home,
            result: row.score,
            city_known: true,
            shootout_known: shootout_winner_id.is_some(),
            timed: false,
            dated: true,
        };
        remember(&mut self.known, row.date, known, away);
        self.claimed.insert(id);
        Ok(new)
    }

    /// The edition of a competition a match on `day` belongs to, created when new.
    fn edition(
        &mut self,
        conn: &mut DbConnection,
        entry: &Entry,
        competition_id: i32,
        day: NaiveDate,
    ) -> Result<i32, AppError> {
        let year = catalogue::official_year(&entry.slug, day);
        let slug = format!("{}-{year}", entry.slug);
        if let Some(id) = self.editions.get(&slug) {
            return Ok(*id);
        }
        // Not among the editions read at the start, nor made since: a new one.
        let EditionPlan { first, last, host } = self
            .edition_plans
            .get(&(entry.slug.clone(), year))
            .cloned()
            .unwrap_or(EditionPlan {
                first: day,
                last: day,
                host: String::new(),
            });
        self.changes.tournaments.created += 1;
        let id = Tournament::insert(
            conn,
            &NewTournament {
                slug: &slug,
                name: &format!("{} {year}", entry.name),
                competition_id,
                year,
                host: &host,
                start_date: Some(first),
                end_date: Some(last),
                source_id: Some(self.source_id),
            },
        )?;
        self.editions.insert(slug, id);
        Ok(id)
    }

    /// The next match number of an edition (editions with matches were read at the start;
    /// any other has none yet).
    fn next_number(&mut self, tournament_id: i32) -> i32 {
        let next = self.next_number.get(&tournament_id).copied().unwrap_or(1);
        self.next_number.insert(tournament_id, next + 1);
        next
    }

    fn goals(
        &mut self,
        conn: &mut DbConnection,
        rows: &[ScorerRow],
        shown: &Shown<'_>,
    ) -> Result<(), AppError> {
        let mut by_match: BTreeMap<usize, (Placed, Vec<&ScorerRow>)> = BTreeMap::new();
        for row in rows {
            let k = (row.date, row.home.clone(), row.away.clone());
            let Some(placed) = self.placed.get(&k).copied() else {
                self.warn(
                    shown.at("goalscorers.csv", row.line),
                    (&row.home, &row.away, row.date),
                    "a goal of a match results.csv does not list; left out",
                );
                continue;
            };
            by_match
                .entry(placed.id as usize)
                .or_insert_with(|| (placed, Vec::new()))
                .1
                .push(row);
        }
        let mut claims = Vec::new();
        let mut claimed = Vec::new();
        for (placed, list) in by_match.into_values() {
            if let Some(why) = self.contradiction(&placed, &list) {
                let first = list[0];
                self.warn(
                    shown.at("goalscorers.csv", first.line),
                    (&first.home, &first.away, first.date),
                    &format!("the goals {why}; they were left out"),
                );
                continue;
            }
            claimed.push(placed.id);
            for (i, row) in list.into_iter().enumerate() {
                claims.push(self.claim(conn, &placed, row, i as i32 + 1)?);
            }
        }
        Person::insert_all(conn, &std::mem::take(&mut self.new_people))?;
        let done = reconcile::replace_claims(conn, Witness::Results, &claimed, claims)?;
        self.changes.goals.created += done.goals;
        self.changes.warnings.extend(done.warnings);
        Ok(())
    }

    /// Why a match's goal list cannot be true: more goals for a side than its result.
    fn contradiction(&mut self, placed: &Placed, list: &[&ScorerRow]) -> Option<String> {
        let (h, a) = placed.result?;
        let first = list[0];
        let for_home = list.iter().filter(|g| g.team == first.home).count() as i32;
        let for_away = list.iter().filter(|g| g.team == first.away).count() as i32;
        let strangers = list.len() as i32 - for_home - for_away;
        if strangers > 0 {
            return Some(format!("credit {strangers} to a team that did not play"));
        }
        (for_home > h || for_away > a)
            .then(|| format!("add up to {for_home}-{for_away}, more than the result {h}-{a}"))
    }

    /// What a row of goalscorers.csv says of a goal.
    fn claim(
        &mut self,
        conn: &mut DbConnection,
        placed: &Placed,
        row: &ScorerRow,
        ordinal: i32,
    ) -> Result<GoalClaimRow, AppError> {
        let team_id = if row.team == row.home {
            placed.home
        } else {
            placed.away
        };
        let scorer_team = match (row.own_goal, team_id == placed.home) {
            (false, _) => team_id,
            (true, true) => placed.away,
            (true, false) => placed.home,
        };
        let scorer_id = match &row.scorer {
            Some(name) => Some(self.scorer(conn, placed.id, row.date, name, scorer_team)?),
            None => None,
        };
        // Minutes past 120 are stoppage time of extra time (the file writes 120+2 as 122);
        // `NA` (no minute) stays unknown.
        let (minute, stoppage) = match row.minute {
            Some(written @ 121..) => (Some(120), Some(written - 120)),
            written => (written, None),
        };
        Ok(GoalClaimRow {
            match_id: placed.id,
            source_id: self.source_id,
            witness: Witness::Results,
            ordinal,
            team_id,
            scorer_id,
            scorer_name: row.scorer.clone(),
            minute,
            stoppage,
            seconds: None,
            penalty: row.penalty,
            own_goal: row.own_goal,
            line: Some(row.line as i32),
            goal_id: None,
        })
    }

    /// A scorer: the squad member of that name where the match's tournament has squads,
    /// else the person of that name who plays for the team.
    fn scorer(
        &mut self,
        conn: &mut DbConnection,
        match_id: i32,
        day: NaiveDate,
        name: &str,
        team: i32,
    ) -> Result<i32, AppError> {
        match self.squads.find(match_id, team, name) {
            Some(id) => {
                self.squads.spelled(conn, id, name, self.source_id)?;
                let code = self.teams.code_of(team);
                let known = self.people.entry(name_key(&search_key(name))).or_default();
                if known.iter().all(|p| p.id != id) {
                    known.push(Namesake {
                        id,
                        nationality: code,
                        born: None,
                    });
                }
                Ok(id)
            }
            None => self.person(conn, name, team, day),
        }
    }

    /// The person a scorer's name means on `day`: of the people of that name who play for the
    /// team (by nationality), one of an age to play then (the nearest to 27 where two are),
    /// else the first recorded of unknown age; else the only one of that name; else a new
    /// person. Two Javier Hernándezes played for Mexico, born 1961 and 1988: a goal of 2010
    /// is the younger's.
    fn person(
        &mut self,
        conn: &mut DbConnection,
        name: &str,
        team: i32,
        day: NaiveDate,
    ) -> Result<i32, AppError> {
        let key = search_key(name);
        let code = self.teams.code_of(team);
        let candidates = self
            .people
            .get(&name_key(&key))
            .cloned()
            .unwrap_or_default();
        let same_team: Vec<&Namesake> = candidates
            .iter()
            .filter(|p| match (&p.nationality, &code) {
                (Some(theirs), Some(team)) => self.teams.one_nation(theirs, team),
                _ => false,
            })
            .collect();
        let of_age = same_team
            .iter()
            .filter(|p| p.plays_on(day) == Some(true))
            .min_by_key(|p| {
                let age = p.born.and_then(|b| day.years_since(b)).unwrap_or(0);
                ((age as i32) - 27).abs()
            });
        // Several of that name and of unknown age play for the team (one person under two
        // records): the first recorded, rather than one more record per goal.
        let ageless = same_team
            .iter()
            .filter(|p| p.plays_on(day).is_none())
            .map(|p| p.id)
            .min();
        let found = match (of_age, ageless, candidates.as_slice()) {
            (Some(p), _, _) => Some(p.id),
            (None, Some(id), _) => Some(id),
            (None, None, [only]) if only.nationality.is_none() => Some(only.id),
            _ => None,
        };
        if let Some(id) = found {
            // "Rudi Völler" for the squad list's "Rudi VOELLER": the spelling is kept.
            self.squads.spelled(conn, id, name, self.source_id)?;
            return Ok(id);
        }
        let id = self.person_ids.take(conn)?;
        self.new_people.push(NewPersonWithId {
            id,
            full_name: name.to_owned(),
            known_as: None,
            birth_date: None,
            nationality: code.clone(),
            search_name: key.clone(),
            source_id: Some(self.source_id),
        });
        self.people_created += 1;
        self.people
            .entry(name_key(&key))
            .or_default()
            .push(Namesake {
                id,
                nationality: code,
                born: None,
            });
        Ok(id)
    }

    /// Records former names (with their dates) and the names teams were found by.
    fn team_names(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        let existing: HashSet<(i32, String)> = team_names::table
            .select((team_names::team_id, team_names::name))
            .load::<(i32, String)>(conn)?
            .into_iter()
            .collect();
        let former = self.teams.same_team_former_names(conn)?;
        let source = "international results, former_names.csv";
        let mut rows = Vec::new();
        let mut seen = existing;
        for (team, f) in former {
            if seen.insert((team, f.former.clone())) {
                rows.push((
                    team_names::team_id.eq(team),
                    team_names::name.eq(f.former.clone()),
                    team_names::search_name.eq(search_key(&f.former)),
                    team_names::valid_from.eq(Some(f.from)),
                    team_names::valid_until.eq(Some(f.until)),
                    team_names::source.eq(source),
                ));
            }
        }
        for (team, name) in std::mem::take(&mut self.teams.aliases) {
            if seen.insert((team, name.clone())) {
                rows.push((
                    team_names::team_id.eq(team),
                    team_names::name.eq(name.clone()),
                    team_names::search_name.eq(search_key(&name)),
                    team_names::valid_from.eq(None),
                    team_names::valid_until.eq(None),
                    team_names::source.eq("international results, results.csv"),
                ));
            }
        }
        crate::insert_batch!(conn, team_names::table, &rows)?;
        Ok(())
    }
}

fn remember(
    known: &mut HashMap<(NaiveDate, i32, i32), Vec<Known>>,
    day: NaiveDate,
    k: Known,
    away: i32,
) {
    known.entry((day, k.home, away)).or_default().push(k);
    known.entry((day, away, k.home)).or_default().push(k);
}

/// An edition's first and last day and the country most of its matches were played in.
#[derive(Clone)]
struct EditionPlan {
    first: NaiveDate,
    last: NaiveDate,
    host: String,
}

/// The matches played in each country, for an edition's host.
type Countries<'r> = HashMap<&'r str, usize>;

/// Plans every edition the results name, from the dates and places of its matches.
fn plan_editions(rows: &[ResultRow]) -> HashMap<(String, i32), EditionPlan> {
    let mut plans: HashMap<(String, i32), (EditionPlan, Countries)> = HashMap::new();
    let mut entries: HashMap<&str, Entry> = HashMap::new();
    for row in rows {
        let entry = entries
            .entry(row.tournament.as_str())
            .or_insert_with(|| catalogue::lookup(&row.tournament))
            .clone();
        if !entry.has_editions {
            continue;
        }
        let year = catalogue::official_year(&entry.slug, row.date);
        let (plan, countries) = plans.entry((entry.slug, year)).or_insert_with(|| {
            let plan = EditionPlan {
                first: row.date,
                last: row.date,
                host: String::new(),
            };
            (plan, HashMap::new())
        });
        plan.first = plan.first.min(row.date);
        plan.last = plan.last.max(row.date);
        *countries.entry(row.country.as_str()).or_default() += 1;
    }
    plans
        .into_iter()
        .map(|(k, (mut plan, countries))| {
            plan.host = countries
                .into_iter()
                .max_by_key(|(c, n)| (*n, std::cmp::Reverse(*c)))
                .map(|(c, _)| c.to_owned())
                .unwrap_or_default();
            (k, plan)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn a_scorer_is_looked_up_whatever_the_order_of_the_names_or_the_umlauts() {
        assert_eq!(name_key("rodriguez guido"), name_key("guido rodriguez"));
        assert_eq!(name_key("andreas moeller"), name_key("andreas moller"));
        assert_ne!(name_key("guido rodriguez"), name_key("guido pizarro"));
    }
}
