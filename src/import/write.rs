//! Writes one tournament (from the built-in seed or an importer) in one transaction: all of it,
//! or nothing. People are matched against those already known so that one person has one
//! record across tournaments and files.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::format::{MatchSeed, PersonSeed, PlayerRef, SeedFile, VenueSeed, FORMAT};
use super::identity::{KnownPeople, PersonKey};
use super::reconcile;
use crate::competition::{catalogue, Competition};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::id_pool::IdPool;
use crate::matches::claims::{GoalClaimRow, Witness};
use crate::matches::{
    Card, LineupEntry, Match, MatchOfficial, MatchStatus, NewCard, NewLineupEntry, NewMatch,
    NewMatchOfficial, NewShootoutKick, NewSubstitution, ShootoutKick, Substitution,
};
use crate::person::{search_key, NewPersonWithId, Person};
use crate::schema::person_aliases;
use crate::source::{NewSource, Source, SourceKind};
use crate::squad::{NewSquadMember, NewTeamCoach, SquadMember, TeamCoach};
use crate::team::Team;
use crate::tournament::{Group, NewGroup, NewStage, NewTournament, Stage, Tournament};
use crate::venue::{NewVenue, Venue};

/// What writing a tournament did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    /// The tournament was written.
    Created(WriteCounts),
    /// A tournament with the same slug was already there; nothing was written.
    AlreadyPresent,
}

/// Rows written, and what was noticed on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteCounts {
    pub matches: usize,
    pub people_created: usize,
    pub people_matched: usize,
    pub goals: usize,
    pub kicks: usize,
    pub venues_created: usize,
    /// Venues already known (from another tournament) and used again.
    pub venues_reused: usize,
    pub warnings: Vec<String>,
}

/// Where a file being written comes from: recorded as the provenance of what it adds.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file or dataset, as shown in provenance and errors.
    pub name: String,
    pub kind: SourceKind,
    /// The version of its content (`source::content_version`).
    pub version: String,
}

/// Writes a tournament unless one with its slug exists.
pub fn write_tournament(
    conn: &mut DbConnection,
    file: &SeedFile,
    source: &Origin,
) -> Result<WriteOutcome, AppError> {
    let origin = source.name.as_str();
    if file.format != FORMAT {
        return Err(AppError::Data(format!(
            "{origin}: format `{}` is not `{FORMAT}`",
            file.format
        )));
    }
    let result = conn.transaction(|conn| {
        if Tournament::by_slug(conn, &file.tournament.slug)?.is_some() {
            return Ok(WriteOutcome::AlreadyPresent);
        }
        let source_id = Source::record(
            conn,
            &NewSource {
                name: &source.name,
                kind: source.kind.as_str(),
                version: &source.version,
                imported_at: chrono::Utc::now().naive_utc(),
            },
        )?;
        Writer::new(file, source_id, Witness::of_path(&source.name))
            .write(conn)
            .map(WriteOutcome::Created)
    });
    match result {
        // Another instance writing the same tournament at the same moment won the race.
        Err(AppError::Database(DieselError::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            _,
        ))) if Tournament::by_slug(conn, &file.tournament.slug)?.is_some() => {
            Ok(WriteOutcome::AlreadyPresent)
        }
        Err(AppError::Data(message)) => Err(AppError::Data(format!("{origin}: {message}"))),
        Err(AppError::Database(e)) => Err(AppError::Data(format!(
            "{origin}: database refused it: {e}"
        ))),
        other => other,
    }
}

/// A squad as written: who is in it, found by shirt number or by name.
#[derive(Default)]
struct SquadIndex {
    by_shirt: HashMap<i32, i32>,
    by_name: HashMap<String, i32>,
    shirts: HashMap<i32, i32>,
}

/// The rows of a tournament's people, squads and matches, with their ids taken ahead
/// (`IdPool`), written many to a statement once the whole file has been read.
#[derive(Default)]
struct Pending<'f> {
    people: Vec<NewPersonWithId>,
    squad_members: Vec<NewSquadMember<'f>>,
    coaches: Vec<NewTeamCoach<'f>>,
    matches: Vec<NewMatch<'f>>,
    officials: Vec<NewMatchOfficial<'f>>,
    lineups: Vec<NewLineupEntry>,
    cards: Vec<NewCard<'f>>,
    substitutions: Vec<NewSubstitution>,
    kicks: Vec<NewShootoutKick<'f>>,
}

impl Pending<'_> {
    /// Writes every row, those referred to first.
    fn write(&self, conn: &mut DbConnection) -> QueryResult<()> {
        Person::insert_all(conn, &self.people)?;
        SquadMember::insert_all(conn, &self.squad_members)?;
        TeamCoach::insert_all(conn, &self.coaches)?;
        Match::insert_all(conn, &self.matches)?;
        MatchOfficial::insert_all(conn, &self.officials)?;
        LineupEntry::insert_all(conn, &self.lineups)?;
        Card::insert_all(conn, &self.cards)?;
        Substitution::insert_all(conn, &self.substitutions)?;
        ShootoutKick::insert_all(conn, &self.kicks)?;
        Ok(())
    }
}

/// Holds the ids given to what was written so far, to resolve the file's references.
struct Writer<'f> {
    file: &'f SeedFile,
    team_ids: HashMap<&'f str, i32>,
    venue_ids: HashMap<&'f str, i32>,
    stage_ids: HashMap<&'f str, i32>,
    group_ids: HashMap<(&'f str, &'f str), i32>,
    squads: HashMap<&'f str, SquadIndex>,
    people: KnownPeople,
    /// Every spelling each person was named by in this file.
    aliases: BTreeSet<(i32, String)>,
    source_id: i32,
    /// The kind of source the file is: how its goals count in the reconciliation.
    witness: Witness,
    /// What the file says about each match's goals, written as claims.
    claims: Vec<GoalClaimRow>,
    claimed_matches: Vec<i32>,
    /// The competition the tournament is an edition of.
    competition_id: i32,
    person_ids: IdPool,
    match_ids: IdPool,
    pending: Pending<'f>,
    counts: WriteCounts,
}

/// A venue of a file as the venues table takes it.
pub(super) fn new_venue(v: &VenueSeed) -> NewVenue<'_> {
    NewVenue {
        name: &v.name,
        city: &v.city,
        country: &v.country,
        capacity: v.capacity,
    }
}

fn seed_error(context: &str, detail: impl std::fmt::Display) -> AppError {
    AppError::Data(format!("{context}: {detail}"))
}

impl<'f> Writer<'f> {
    fn new(file: &'f SeedFile, source_id: i32, witness: Witness) -> Self {
        Self {
            file,
            team_ids: HashMap::new(),
            venue_ids: HashMap::new(),
            stage_ids: HashMap::new(),
            group_ids: HashMap::new(),
            squads: HashMap::new(),
            people: KnownPeople::default(),
            aliases: BTreeSet::new(),
            source_id,
            witness,
            claims: Vec::new(),
            claimed_matches: Vec::new(),
            competition_id: 0,
            person_ids: IdPool::new("people"),
            match_ids: IdPool::new("matches"),
            pending: Pending::default(),
            counts: WriteCounts::default(),
        }
    }

    fn write(mut self, conn: &mut DbConnection) -> Result<WriteCounts, AppError> {
        let t = &self.file.tournament;
        self.competition_id = Competition::ensure(conn, &catalogue::lookup(&t.competition))?;
        let tournament_id = Tournament::insert(
            conn,
            &NewTournament {
                slug: &t.slug,
                name: &t.name,
                competition_id: self.competition_id,
                year: t.year,
                host: &t.host,
                start_date: Some(t.start_date),
                end_date: Some(t.end_date),
                source_id: Some(self.source_id),
            },
        )?;
        self.write_teams(conn)?;
        self.write_venues(conn)?;
        self.write_stages(conn, tournament_id)?;
        self.people.load(conn, self.file)?;
        self.write_squads(conn, tournament_id)?;
        for m in &self.file.matches {
            self.write_match(conn, tournament_id, m)
                .map_err(|e| seed_error(&format!("match {}", m.number), e.message()))?;
        }
        self.counts.matches = self.file.matches.len();
        std::mem::take(&mut self.pending).write(conn)?;
        self.write_goals(conn)?;
        self.write_aliases(conn)?;
        Ok(self.counts)
    }

    /// The file's goals, as its claims, reconciled with what other sources say.
    fn write_goals(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        let claims = std::mem::take(&mut self.claims);
        let done = reconcile::replace_claims(conn, self.witness, &self.claimed_matches, claims)?;
        self.counts.goals = done.goals;
        self.counts.warnings.extend(done.warnings);
        Ok(())
    }

    /// Records the spellings not yet known, so that a search by any of them finds the person.
    fn write_aliases(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        let ids: Vec<i32> = self.aliases.iter().map(|(id, _)| *id).collect();
        let mut known = BTreeSet::new();
        for chunk in ids.chunks(500) {
            let rows: Vec<(i32, String)> = person_aliases::table
                .filter(person_aliases::person_id.eq_any(chunk))
                .select((person_aliases::person_id, person_aliases::alias))
                .load(conn)?;
            known.extend(rows);
        }
        let new: Vec<_> = self
            .aliases
            .difference(&known)
            .map(|(person_id, alias)| {
                (
                    person_aliases::person_id.eq(*person_id),
                    person_aliases::alias.eq(alias.clone()),
                    person_aliases::search_name.eq(search_key(alias)),
                    person_aliases::source_id.eq(Some(self.source_id)),
                )
            })
            .collect();
        crate::insert_batch!(conn, person_aliases::table, &new)?;
        Ok(())
    }

    /// National teams are shared across tournaments: reuse one with the same FIFA code.
    fn write_teams(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        for team in &self.file.teams {
            let code = Some(team.code.as_str()).filter(|c| super::teams::is_code(c));
            let (id, _) = Team::national(conn, code, &team.name)?;
            self.team_ids.insert(&team.code, id);
        }
        Ok(())
    }

    fn write_venues(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        for v in &self.file.venues {
            let (id, new) = Venue::find_or_insert(conn, &new_venue(v))?;
            match new {
                true => self.counts.venues_created += 1,
                false => self.counts.venues_reused += 1,
            }
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
                    kind: stage.kind,
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
                self.group_ids.insert((&stage.key, &group.name), group_id);
            }
        }
        Ok(())
    }

    /// The id of this person: one already known (same name and birth date, or a close
    /// spelling with the same birth date), or a new record.
    fn person(
        &mut self,
        conn: &mut DbConnection,
        name: &str,
        known_as: Option<&str>,
        birth_date: Option<NaiveDate>,
        nationality: Option<&str>,
    ) -> Result<i32, AppError> {
        let key = PersonKey::new(name, birth_date, nationality);
        if let Some(id) = self.people.find(&key) {
            self.counts.people_matched += 1;
            self.aliases.insert((id, name.to_owned()));
            return Ok(id);
        }
        let id = self.person_ids.take(conn)?;
        self.pending.people.push(NewPersonWithId {
            id,
            full_name: name.to_owned(),
            known_as: known_as.map(str::to_owned),
            birth_date,
            // A team known only by name (no FIFA code) gives no nationality to store.
            nationality: nationality
                .filter(|n| super::teams::is_code(n))
                .map(str::to_owned),
            search_name: key.search_name.clone(),
            source_id: Some(self.source_id),
        });
        self.aliases.insert((id, name.to_owned()));
        self.counts.people_created += 1;
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
                self.pending.coaches.push(NewTeamCoach {
                    tournament_id,
                    team_id,
                    person_id,
                    role: "HEAD_COACH",
                });
            }
            let mut rows: Vec<NewSquadMember<'f>> = Vec::with_capacity(squad.players.len());
            let mut index = SquadIndex::default();
            for p in &squad.players {
                let person_id = self.person(
                    conn,
                    &p.name,
                    p.known_as.as_deref(),
                    p.birth_date,
                    Some(&squad.team),
                )?;
                if let Some(shirt) = p.shirt {
                    // Two players listed with one number: the first was replaced in the squad
                    // (Seaman by Beasant, 1990). The later player keeps the number.
                    if let Some(earlier) = rows.iter_mut().find(|r| r.shirt_number == Some(shirt)) {
                        earlier.shirt_number = None;
                        earlier.status = "WITHDRAWN";
                        self.counts.warnings.push(format!(
                            "{}: shirt {shirt} listed twice; the first player is recorded as withdrawn and replaced by {}",
                            squad.team, p.name
                        ));
                        index.shirts.retain(|_, s| *s != shirt);
                    }
                    index.by_shirt.insert(shirt, person_id);
                    index.shirts.insert(person_id, shirt);
                }
                index.by_name.insert(search_key(&p.name), person_id);
                rows.push(NewSquadMember {
                    tournament_id,
                    team_id,
                    person_id,
                    shirt_number: p.shirt,
                    position: p.position.as_deref(),
                    status: &p.status,
                    status_note: p.status_note.as_deref(),
                    source_id: Some(self.source_id),
                });
            }
            self.pending.squad_members.extend(rows);
            self.squads.insert(&squad.team, index);
        }
        Ok(())
    }

    fn team(&self, code: &str) -> Result<i32, AppError> {
        self.team_ids
            .get(code)
            .copied()
            .ok_or_else(|| seed_error("unknown team code", code))
    }

    /// A player of `team`'s squad. A name the squad does not list is matched by a close
    /// spelling, then by surname; a player still not found is recorded as a new person, with a
    /// warning.
    fn player(
        &mut self,
        conn: &mut DbConnection,
        team: &'f str,
        player: &PlayerRef,
    ) -> Result<i32, AppError> {
        let squad = self.squads.entry(team).or_default();
        let name = match player {
            PlayerRef::Shirt(n) => {
                return squad
                    .by_shirt
                    .get(n)
                    .copied()
                    .ok_or_else(|| seed_error("no squad player", format!("{team} #{n}")))
            }
            PlayerRef::Name(name) => name,
        };
        let key = search_key(name);
        let found = match squad.by_name.get(&key) {
            Some(id) => Some(*id),
            None => super::identity::unique_close_match(&key, &squad.by_name),
        };
        // A name the squad does not list: the one squad player with that surname, or one
        // spelt nearly alike ("Jock AIRD" is the squad's "John AIRD").
        let listed = !self.file.squads.is_empty();
        let found = found.or_else(|| {
            if !listed {
                return None;
            }
            super::identity::unique_where(&squad.by_name, |listed| {
                crate::person::surnames_close(listed, &key)
            })
        });
        if let Some(id) = found {
            squad.by_name.insert(key, id);
            self.aliases.insert((id, name.clone()));
            return Ok(id);
        }
        if let Some(id) = self.people.find_born(&key, team) {
            self.counts.people_matched += 1;
            self.aliases.insert((id, name.clone()));
            self.squads.entry(team).or_default().by_name.insert(key, id);
            return Ok(id);
        }
        // A file with no squad lists at all (football.json) names everyone this way: only a
        // name missing from lists the file has is worth a warning.
        if !self.file.squads.is_empty() {
            self.counts.warnings.push(format!(
                "{team}: `{name}` is not in the squad list; recorded as a new person"
            ));
        }
        let id = self.person(conn, &super::display_name(name), None, None, Some(team))?;
        self.squads.entry(team).or_default().by_name.insert(key, id);
        Ok(id)
    }

    fn shirt_of(&self, team: &str, person_id: i32) -> Option<i32> {
        self.squads.get(team)?.shirts.get(&person_id).copied()
    }

    fn write_match(
        &mut self,
        conn: &mut DbConnection,
        tournament_id: i32,
        m: &'f MatchSeed,
    ) -> Result<(), AppError> {
        let goals_agree = check_score(m)?;
        if !goals_agree {
            self.counts.warnings.push(format!(
                "match {} ({} v {}): its goals do not add up to its score; the goals were left out",
                m.number, m.home, m.away
            ));
        }
        let home = self.team(&m.home)?;
        let away = self.team(&m.away)?;
        let score = StoredScore::of(&m.score);
        if score.final_only {
            self.counts.warnings.push(format!(
                "match {} ({} v {}): extra time without the score after 90 minutes; only the \
                 result is kept",
                m.number, m.home, m.away
            ));
        }
        let stage_id = *self
            .stage_ids
            .get(m.stage.as_str())
            .ok_or_else(|| seed_error("unknown stage", &m.stage))?;
        let group_id = match &m.group {
            Some(g) => Some(
                *self
                    .group_ids
                    .get(&(m.stage.as_str(), g.as_str()))
                    .ok_or_else(|| seed_error("unknown group", g))?,
            ),
            None => None,
        };
        let venue_id = match &m.venue {
            Some(v) => Some(
                *self
                    .venue_ids
                    .get(v.as_str())
                    .ok_or_else(|| seed_error("unknown venue", v))?,
            ),
            None => None,
        };
        let match_id = self.match_ids.take(conn)?;
        self.pending.matches.push(NewMatch {
            id: match_id,
            competition_id: self.competition_id,
            tournament_id: Some(tournament_id),
            stage_id: Some(stage_id),
            group_id,
            number: Some(m.number),
            played_on: m.kickoff.map(|k| k.date_naive()),
            city: None,
            country: None,
            neutral: None,
            final_only: score.final_only,
            shootout_winner_id: score
                .shootout_won_by_home
                .map(|h| if h { home } else { away }),
            home_team_id: home,
            away_team_id: away,
            playback_of: None,
            kickoff_utc: m.kickoff.map(|k| k.naive_utc()),
            utc_offset_minutes: m.kickoff.map(|k| k.offset().local_minus_utc() / 60),
            venue_id,
            attendance: m.attendance,
            status: if score.ft.is_some() {
                MatchStatus::Finished
            } else {
                MatchStatus::Scheduled
            },
            ht_home: score.ht.map(|s| s[0]),
            ht_away: score.ht.map(|s| s[1]),
            ft_home: score.ft.map(|s| s[0]),
            ft_away: score.ft.map(|s| s[1]),
            et_home: score.et.map(|s| s[0]),
            et_away: score.et.map(|s| s[1]),
            pen_home: score.pen.map(|s| s[0]),
            pen_away: score.pen.map(|s| s[1]),
            source_id: Some(self.source_id),
        });

        let mut officials = Vec::new();
        for o in &m.officials {
            let person_id = self.person(conn, &o.name, None, None, o.nationality.as_deref())?;
            // The same official listed twice (a source's slip) would break the unique key.
            if officials
                .iter()
                .all(|x: &NewMatchOfficial| x.person_id != person_id)
            {
                officials.push(NewMatchOfficial {
                    match_id,
                    person_id,
                    role: &o.role,
                });
            }
        }
        self.pending.officials.extend(officials);

        let mut lineups = Vec::new();
        for (code, entries) in [(&m.home, &m.lineups.home), (&m.away, &m.lineups.away)] {
            let team_id = self.team(code)?;
            for e in entries {
                let person_id = self.player(conn, code, &e.player)?;
                if lineups
                    .iter()
                    .any(|l: &NewLineupEntry| l.person_id == person_id)
                {
                    self.counts.warnings.push(format!(
                        "match {}: {} listed twice in the line-ups",
                        m.number, e.player
                    ));
                    continue;
                }
                lineups.push(NewLineupEntry {
                    match_id,
                    team_id,
                    person_id,
                    shirt_number: self.shirt_of(code, person_id),
                    starter: e.starter,
                    captain: e.captain,
                    ordinal: lineups.iter().filter(|l| l.team_id == team_id).count() as i32 + 1,
                });
            }
        }
        self.pending.lineups.extend(lineups);

        let listed = if goals_agree { &m.goals[..] } else { &[] };
        self.claimed_matches.push(match_id);
        for (i, g) in listed.iter().enumerate() {
            // An own goal's scorer is in the squad of the team not credited.
            let scorer_team = if g.own_goal {
                opponent(m, &g.team)?
            } else {
                g.team.as_str()
            };
            let scorer_id = Some(self.player(conn, scorer_team, &g.scorer)?);
            let team_id = self.team(&g.team)?;
            self.claims.push(GoalClaimRow {
                match_id,
                source_id: self.source_id,
                witness: self.witness,
                ordinal: i as i32 + 1,
                team_id,
                scorer_id,
                scorer_name: Some(g.scorer.to_string()),
                minute: Some(g.minute),
                stoppage: (g.offset > 0).then_some(g.offset),
                seconds: None,
                penalty: g.penalty,
                own_goal: g.own_goal,
                line: None,
                goal_id: None,
            });
        }

        let mut cards = Vec::with_capacity(m.cards.len());
        for c in &m.cards {
            cards.push(NewCard {
                match_id,
                team_id: self.team(&c.team)?,
                person_id: self.player(conn, &c.team, &c.player)?,
                minute: c.minute,
                offset: c.offset,
                kind: &c.kind,
            });
        }
        self.pending.cards.extend(cards);

        let mut subs = Vec::with_capacity(m.substitutions.len());
        for s in &m.substitutions {
            subs.push(NewSubstitution {
                match_id,
                team_id: self.team(&s.team)?,
                player_on_id: self.player(conn, &s.team, &s.on)?,
                player_off_id: self.player(conn, &s.team, &s.off)?,
                minute: s.minute,
                offset: s.offset,
            });
        }
        self.pending.substitutions.extend(subs);

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
                    taker_id: Some(self.player(conn, &k.team, &k.taker)?),
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
            self.counts.kicks += rows.len();
            self.pending.kicks.extend(rows);
        }
        Ok(())
    }
}

fn opponent<'m>(m: &'m MatchSeed, team: &str) -> Result<&'m str, AppError> {
    if team == m.home {
        Ok(&m.away)
    } else if team == m.away {
        Ok(&m.home)
    } else {
        Err(seed_error("team not in match", team))
    }
}

/// The score columns as stored: each period where the source gives it; where it gives extra
/// time but not the score after 90 minutes, only the result, with the shootout's winner.
struct StoredScore {
    ht: Option<[i32; 2]>,
    ft: Option<[i32; 2]>,
    et: Option<[i32; 2]>,
    pen: Option<[i32; 2]>,
    final_only: bool,
    shootout_won_by_home: Option<bool>,
}

impl StoredScore {
    fn of(s: &super::format::ScoreSeed) -> Self {
        match (s.ft, s.et) {
            (None, Some(result)) => Self {
                ht: None,
                ft: Some(result),
                et: None,
                pen: None,
                final_only: true,
                shootout_won_by_home: s.pen.map(|p| p[0] > p[1]),
            },
            _ => Self {
                ht: s.ht,
                ft: s.ft,
                et: s.et,
                pen: s.pen,
                final_only: false,
                shootout_won_by_home: None,
            },
        }
    }
}

/// Whether the listed goals agree with the scores (a match may list none: its scorers are
/// unknown); goals that do not are left out by the caller. A match not played may list none.
fn check_score(m: &MatchSeed) -> Result<bool, AppError> {
    let count = |until: i32| {
        let mut score = [0, 0];
        for g in m.goals.iter().filter(|g| g.minute <= until) {
            score[usize::from(g.team != m.home)] += 1;
        }
        score
    };
    let Some(ft) = m.score.ft else {
        // Not played: nothing may be recorded yet.
        if m.score.et.is_some() {
            return Ok(m.goals.is_empty());
        }
        return match m.goals.is_empty() && m.score.pen.is_none() {
            true => Ok(true),
            false => Err(seed_error(
                "a match without a score",
                "has goals or a shootout",
            )),
        };
    };
    if m.goals.is_empty() {
        return Ok(true);
    }
    let mut expected = vec![(Some(ft), count(90))];
    if let Some(ht) = m.score.ht {
        expected.push((Some(ht), count(45)));
    }
    if m.extra_time || m.score.et.is_some() {
        expected.push((m.score.et, count(120)));
    }
    Ok(expected
        .into_iter()
        .all(|(stored, counted)| stored == Some(counted)))
}
