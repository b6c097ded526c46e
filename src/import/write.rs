//! Writes a seed file into the database in one transaction: all of it, or nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::format::{MatchSeed, PersonSeed, SeedFile, FORMAT};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::matches::{
    Card, Goal, LineupEntry, Match, MatchOfficial, MatchStatus, NewCard, NewGoal, NewLineupEntry,
    NewMatch, NewMatchOfficial, NewShootoutKick, NewSubstitution, ShootoutKick, Substitution,
};
use crate::person::{search_key, NewPerson, Person};
use crate::schema::people;
use crate::squad::{NewSquadMember, NewTeamCoach, SquadMember, TeamCoach};
use crate::team::{NewTeam, Team, TeamKind};
use crate::tournament::{Group, NewGroup, NewStage, NewTournament, Stage, Tournament};
use crate::venue::{NewVenue, Venue};

/// What seeding did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The tournament was written.
    Loaded { matches: usize, people: usize },
    /// The tournament was already there; nothing was written.
    AlreadyPresent,
}

/// Loads the built-in 2022 World Cup unless it is already there.
pub fn seed_builtin(conn: &mut DbConnection) -> Result<SeedOutcome, AppError> {
    let file: SeedFile = serde_json::from_str(super::WORLD_CUP_2022)
        .map_err(|e| AppError::Seed(format!("world-cup-2022.json: {e}")))?;
    load(conn, &file)
}

/// Loads one seed file in a single transaction.
pub fn load(conn: &mut DbConnection, file: &SeedFile) -> Result<SeedOutcome, AppError> {
    if file.format != FORMAT {
        return Err(AppError::Seed(format!(
            "format `{}` is not `{FORMAT}`",
            file.format
        )));
    }
    let result = conn.transaction(|conn| {
        if Tournament::by_slug(conn, &file.tournament.slug)?.is_some() {
            return Ok(SeedOutcome::AlreadyPresent);
        }
        Writer::new(file).write(conn)
    });
    match result {
        // Another instance seeding the same database at the same moment won the race.
        Err(AppError::Database(DieselError::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            _,
        ))) if Tournament::by_slug(conn, &file.tournament.slug)?.is_some() => {
            Ok(SeedOutcome::AlreadyPresent)
        }
        other => other,
    }
}

/// Holds the ids given to what was written so far, to resolve the file's references.
struct Writer<'f> {
    file: &'f SeedFile,
    team_ids: HashMap<&'f str, i32>,
    venue_ids: HashMap<&'f str, i32>,
    stage_ids: HashMap<&'f str, i32>,
    group_ids: HashMap<&'f str, i32>,
    /// (team code, shirt number) -> person id.
    players: HashMap<(&'f str, i32), i32>,
    /// Known people by (search name, birth date, nationality), to reuse rather than duplicate.
    people: HashMap<(String, Option<NaiveDate>, Option<String>), i32>,
    people_created: usize,
}

fn seed_error(context: &str, detail: impl std::fmt::Display) -> AppError {
    AppError::Seed(format!("{context}: {detail}"))
}

impl<'f> Writer<'f> {
    fn new(file: &'f SeedFile) -> Self {
        Self {
            file,
            team_ids: HashMap::new(),
            venue_ids: HashMap::new(),
            stage_ids: HashMap::new(),
            group_ids: HashMap::new(),
            players: HashMap::new(),
            people: HashMap::new(),
            people_created: 0,
        }
    }

    fn write(mut self, conn: &mut DbConnection) -> Result<SeedOutcome, AppError> {
        let t = &self.file.tournament;
        let tournament_id = Tournament::insert(
            conn,
            &NewTournament {
                slug: &t.slug,
                name: &t.name,
                competition: &t.competition,
                year: t.year,
                host: &t.host,
                start_date: Some(t.start_date),
                end_date: Some(t.end_date),
            },
        )?;
        self.write_teams(conn)?;
        self.write_venues(conn)?;
        self.write_stages(conn, tournament_id)?;
        self.load_known_people(conn)?;
        self.write_squads(conn, tournament_id)?;
        for m in &self.file.matches {
            self.write_match(conn, tournament_id, m)
                .map_err(|e| seed_error(&format!("match {}", m.number), e.message()))?;
        }
        Ok(SeedOutcome::Loaded {
            matches: self.file.matches.len(),
            people: self.people_created,
        })
    }

    /// National teams are shared across tournaments: reuse one with the same FIFA code.
    fn write_teams(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        for team in &self.file.teams {
            let id = match Team::by_code(conn, &team.code)? {
                Some(existing) => existing.id,
                None => Team::insert(
                    conn,
                    &NewTeam {
                        name: &team.name,
                        kind: TeamKind::National.as_str(),
                        fifa_code: Some(&team.code),
                        country: Some(&team.name),
                        search_name: search_key(&team.name),
                    },
                )?,
            };
            self.team_ids.insert(&team.code, id);
        }
        Ok(())
    }

    fn write_venues(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        use crate::schema::venues;
        for v in &self.file.venues {
            let existing: Option<i32> = venues::table
                .filter(venues::name.eq(&v.name).and(venues::city.eq(&v.city)))
                .select(venues::id)
                .first(conn)
                .optional()?;
            let id = match existing {
                Some(id) => id,
                None => Venue::insert(
                    conn,
                    &NewVenue {
                        name: &v.name,
                        city: &v.city,
                        country: &v.country,
                        capacity: v.capacity,
                    },
                )?,
            };
            self.venue_ids.insert(&v.key, id);
        }
        Ok(())
    }

    fn write_stages(
        &mut self,
        conn: &mut DbConnection,
        tournament_id: i32,
    ) -> Result<(), AppError> {
        for (i, stage) in self.file.stages.iter().enumerate() {
            let stage_id = Stage::insert(
                conn,
                &NewStage {
                    tournament_id,
                    name: &stage.name,
                    kind: &stage.kind,
                    ordinal: i as i32 + 1,
                },
            )?;
            self.stage_ids.insert(&stage.key, stage_id);
            for group in &stage.groups {
                let team_ids = group
                    .teams
                    .iter()
                    .map(|code| self.team(code))
                    .collect::<Result<Vec<_>, _>>()?;
                let group_id = Group::insert(
                    conn,
                    &NewGroup {
                        stage_id,
                        name: &group.name,
                    },
                    &team_ids,
                )?;
                self.group_ids.insert(&group.name, group_id);
            }
        }
        Ok(())
    }

    /// One query for every person the file names who may already be in the database.
    fn load_known_people(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        let mut names: Vec<String> = Vec::new();
        for squad in &self.file.squads {
            names.extend(squad.players.iter().map(|p| search_key(&p.name)));
            names.extend(squad.coach.iter().map(|c| search_key(&c.name)));
        }
        for m in &self.file.matches {
            names.extend(m.officials.iter().map(|o| search_key(&o.name)));
        }
        names.sort();
        names.dedup();
        for chunk in names.chunks(500) {
            let rows: Vec<(i32, String, Option<NaiveDate>, Option<String>)> = people::table
                .filter(people::search_name.eq_any(chunk))
                .select((
                    people::id,
                    people::search_name,
                    people::birth_date,
                    people::nationality,
                ))
                .load(conn)?;
            for (id, name, birth, nationality) in rows {
                self.people.entry((name, birth, nationality)).or_insert(id);
            }
        }
        Ok(())
    }

    /// The id of the person with this name, birth date and nationality, created if new.
    fn person(
        &mut self,
        conn: &mut DbConnection,
        name: &str,
        known_as: Option<&str>,
        birth_date: Option<NaiveDate>,
        nationality: Option<&str>,
    ) -> Result<i32, AppError> {
        let key = (search_key(name), birth_date, nationality.map(str::to_owned));
        if let Some(id) = self.people.get(&key) {
            return Ok(*id);
        }
        let id = Person::insert(
            conn,
            &NewPerson {
                full_name: name,
                known_as,
                birth_date,
                nationality,
                search_name: key.0.clone(),
            },
        )?;
        self.people_created += 1;
        self.people.insert(key, id);
        Ok(id)
    }

    fn write_squads(
        &mut self,
        conn: &mut DbConnection,
        tournament_id: i32,
    ) -> Result<(), AppError> {
        for squad in &self.file.squads {
            let team_id = self.team(&squad.team)?;
            if let Some(PersonSeed {
                name,
                birth_date,
                nationality,
            }) = &squad.coach
            {
                let person_id =
                    self.person(conn, name, None, *birth_date, nationality.as_deref())?;
                TeamCoach::insert(
                    conn,
                    &NewTeamCoach {
                        tournament_id,
                        team_id,
                        person_id,
                        role: "HEAD_COACH",
                    },
                )?;
            }
            let mut rows = Vec::with_capacity(squad.players.len());
            for p in &squad.players {
                let person_id = self.person(
                    conn,
                    &p.name,
                    p.known_as.as_deref(),
                    p.birth_date,
                    Some(&squad.team),
                )?;
                self.players.insert((&squad.team, p.shirt), person_id);
                rows.push(NewSquadMember {
                    tournament_id,
                    team_id,
                    person_id,
                    shirt_number: Some(p.shirt),
                    position: Some(&p.position),
                    status: &p.status,
                    status_note: p.status_note.as_deref(),
                });
            }
            SquadMember::insert_all(conn, &rows)?;
        }
        Ok(())
    }

    fn team(&self, code: &str) -> Result<i32, AppError> {
        self.team_ids
            .get(code)
            .copied()
            .ok_or_else(|| seed_error("unknown team code", code))
    }

    fn player(&self, team: &str, shirt: i32) -> Result<i32, AppError> {
        self.players
            .get(&(team, shirt))
            .copied()
            .ok_or_else(|| seed_error("no squad player", format!("{team} #{shirt}")))
    }

    fn write_match(
        &mut self,
        conn: &mut DbConnection,
        tournament_id: i32,
        m: &MatchSeed,
    ) -> Result<(), AppError> {
        check_score(m)?;
        let home = self.team(&m.home)?;
        let away = self.team(&m.away)?;
        let stage_id = *self
            .stage_ids
            .get(m.stage.as_str())
            .ok_or_else(|| seed_error("unknown stage", &m.stage))?;
        let group_id = match &m.group {
            Some(g) => Some(
                *self
                    .group_ids
                    .get(g.as_str())
                    .ok_or_else(|| seed_error("unknown group", g))?,
            ),
            None => None,
        };
        let venue_id = *self
            .venue_ids
            .get(m.venue.as_str())
            .ok_or_else(|| seed_error("unknown venue", &m.venue))?;
        let [ft_home, ft_away] = m.score.ft;
        let match_id = Match::insert(
            conn,
            &NewMatch {
                tournament_id,
                stage_id,
                group_id,
                number: m.number,
                home_team_id: home,
                away_team_id: away,
                kickoff_utc: Some(m.kickoff.naive_utc()),
                utc_offset_minutes: Some(m.kickoff.offset().local_minus_utc() / 60),
                venue_id: Some(venue_id),
                attendance: m.attendance,
                status: MatchStatus::Finished.as_str(),
                ht_home: m.score.ht.map(|s| s[0]),
                ht_away: m.score.ht.map(|s| s[1]),
                ft_home: Some(ft_home),
                ft_away: Some(ft_away),
                et_home: m.score.et.map(|s| s[0]),
                et_away: m.score.et.map(|s| s[1]),
                pen_home: m.score.pen.map(|s| s[0]),
                pen_away: m.score.pen.map(|s| s[1]),
            },
        )?;

        let mut officials = Vec::new();
        for o in &m.officials {
            let person_id = self.person(conn, &o.name, None, None, o.nationality.as_deref())?;
            officials.push(NewMatchOfficial {
                match_id,
                person_id,
                role: &o.role,
            });
        }
        MatchOfficial::insert_all(conn, &officials)?;

        let mut lineups = Vec::new();
        for (code, entries) in [(&m.home, &m.lineups.home), (&m.away, &m.lineups.away)] {
            let team_id = self.team(code)?;
            for (i, e) in entries.iter().enumerate() {
                lineups.push(NewLineupEntry {
                    match_id,
                    team_id,
                    person_id: self.player(code, e.shirt)?,
                    shirt_number: Some(e.shirt),
                    starter: e.starter,
                    captain: e.captain,
                    ordinal: i as i32 + 1,
                });
            }
        }
        LineupEntry::insert_all(conn, &lineups)?;

        let goals = m
            .goals
            .iter()
            .map(|g| {
                // An own goal's scorer is in the squad of the team not credited.
                let scorer_team = if g.own_goal {
                    self.opponent(m, &g.team)?
                } else {
                    g.team.as_str()
                };
                Ok(NewGoal {
                    match_id,
                    team_id: self.team(&g.team)?,
                    scorer_id: Some(self.player(scorer_team, g.scorer)?),
                    minute: g.minute,
                    offset: g.offset,
                    penalty: g.penalty,
                    own_goal: g.own_goal,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Goal::insert_all(conn, &goals)?;

        let cards = m
            .cards
            .iter()
            .map(|c| {
                Ok(NewCard {
                    match_id,
                    team_id: self.team(&c.team)?,
                    person_id: self.player(&c.team, c.player)?,
                    minute: c.minute,
                    offset: c.offset,
                    kind: &c.kind,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Card::insert_all(conn, &cards)?;

        let subs = m
            .substitutions
            .iter()
            .map(|s| {
                Ok(NewSubstitution {
                    match_id,
                    team_id: self.team(&s.team)?,
                    player_on_id: self.player(&s.team, s.on)?,
                    player_off_id: self.player(&s.team, s.off)?,
                    minute: s.minute,
                    offset: s.offset,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Substitution::insert_all(conn, &subs)?;

        if let Some(kicks) = &m.shootout {
            let (mut home_score, mut away_score) = (0, 0);
            let mut rows = Vec::with_capacity(kicks.len());
            for (i, k) in kicks.iter().enumerate() {
                if k.outcome == "SCORED" {
                    if k.team == m.home {
                        home_score += 1;
                    } else {
                        away_score += 1;
                    }
                }
                rows.push(NewShootoutKick {
                    match_id,
                    ordinal: i as i32 + 1,
                    team_id: self.team(&k.team)?,
                    taker_id: Some(self.player(&k.team, k.taker)?),
                    outcome: &k.outcome,
                    home_score,
                    away_score,
                });
            }
            if m.score.pen != Some([home_score, away_score]) {
                return Err(seed_error(
                    "shootout kicks do not add up to the shootout score",
                    format!("{home_score}-{away_score}"),
                ));
            }
            ShootoutKick::insert_all(conn, &rows)?;
        }
        Ok(())
    }

    fn opponent<'m>(&self, m: &'m MatchSeed, team: &str) -> Result<&'m str, AppError> {
        if team == m.home {
            Ok(&m.away)
        } else if team == m.away {
            Ok(&m.home)
        } else {
            Err(seed_error("team not in match", team))
        }
    }
}

/// The stored scores must agree with the listed goals.
fn check_score(m: &MatchSeed) -> Result<(), AppError> {
    let count = |until: i32| {
        let mut score = [0, 0];
        for g in m.goals.iter().filter(|g| g.minute <= until) {
            score[usize::from(g.team != m.home)] += 1;
        }
        score
    };
    let mut expected = vec![("full time", Some(m.score.ft), count(90))];
    if let Some(ht) = m.score.ht {
        expected.push(("half time", Some(ht), count(45)));
    }
    if m.extra_time || m.score.et.is_some() {
        expected.push(("extra time", m.score.et, count(120)));
    }
    for (label, stored, counted) in expected {
        if stored != Some(counted) {
            return Err(seed_error(
                &format!("{label} score {stored:?} disagrees with the goals listed"),
                format!("{counted:?}"),
            ));
        }
    }
    Ok(())
}
