//! goalline's reviewed corrections (`src/seed/corrections.json`): facts the open files get
//! wrong or lack, each with the reference that establishes it. Applied after every import, to
//! whatever matches are loaded, idempotently: a referee the files miss, a sending-off they do
//! not show, a goal's time in seconds (a claim that beats every file in the reconciliation),
//! an attendance. Each applied correction is recorded on its match (`Match.corrections`).

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use super::reconcile;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::matches::claims::{GoalClaimRow, Witness};
use crate::matches::{CardKind, KickOutcome, OfficialRole};
use crate::person::{names_close, search_key, surnames_close, NewPerson, Person};
use crate::schema::{
    cards, goal_claims, goals, lineups, match_corrections, match_officials, matches, people,
    shootout_kicks, squad_members,
};
use crate::source::{content_version, NewSource, Source, SourceKind};
use crate::team::Team;

pub const FORMAT: &str = "goalline-corrections/1";

#[derive(Debug, Deserialize)]
pub struct CorrectionsFile {
    pub format: String,
    pub corrections: Vec<Correction>,
}

#[derive(Debug, Deserialize)]
pub struct Correction {
    #[serde(rename = "match")]
    pub at: MatchRef,
    #[serde(flatten)]
    pub fact: Fact,
    /// The reference that establishes the fact.
    pub source: String,
    pub note: Option<String>,
}

/// A match as the World Cup files name it.
#[derive(Debug, Deserialize)]
pub struct MatchRef {
    pub date: NaiveDate,
    pub home: String,
    pub away: String,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum Fact {
    Referee {
        value: String,
        nationality: Option<String>,
    },
    Dismissal {
        team: String,
        player: String,
        minute: i32,
        offset: i32,
        card: String,
    },
    GoalTime {
        team: String,
        player: String,
        minute: i32,
        seconds: i32,
    },
    Attendance {
        value: i32,
    },
    /// How a failed shootout kick failed (the reports write "missed" for every one).
    KickOutcome {
        team: String,
        player: String,
        value: String,
    },
}

/// What applying the corrections did.
#[derive(Debug, Default)]
pub struct Applied {
    /// Corrections newly applied.
    pub applied: usize,
    /// Corrections already in place.
    pub unchanged: usize,
    /// Corrections whose match is not loaded (e.g. only the 2022 World Cup is).
    pub not_loaded: usize,
    pub warnings: Vec<String>,
}

pub fn parse(text: &str) -> Result<CorrectionsFile, AppError> {
    let file: CorrectionsFile =
        serde_json::from_str(text).map_err(|e| AppError::Data(format!("corrections.json: {e}")))?;
    if file.format != FORMAT {
        return Err(AppError::Data(format!(
            "corrections.json: format `{}` is not `{FORMAT}`",
            file.format
        )));
    }
    Ok(file)
}

/// Applies every correction whose match is loaded, in one transaction.
pub fn apply(conn: &mut DbConnection, text: &str) -> Result<Applied, AppError> {
    let file = parse(text)?;
    conn.transaction(|conn| {
        let source_id = Source::record(
            conn,
            &NewSource {
                name: "goalline corrections (src/seed/corrections.json)",
                kind: SourceKind::BuiltIn.as_str(),
                version: &content_version(&[text]),
                imported_at: chrono::Utc::now().naive_utc(),
            },
        )?;
        let mut out = Applied::default();
        for c in &file.corrections {
            let Some(match_id) = find_match(conn, &c.at)? else {
                out.not_loaded += 1;
                continue;
            };
            let (fact, value) = c.fact.label();
            let known: i64 = match_corrections::table
                .filter(match_corrections::match_id.eq(match_id))
                .filter(match_corrections::fact.eq(fact))
                .filter(match_corrections::value.eq(&value))
                .count()
                .get_result(conn)?;
            if known > 0 {
                out.unchanged += 1;
                continue;
            }
            match c.fact.apply(conn, match_id, source_id)? {
                Ok(()) => {
                    diesel::insert_into(match_corrections::table)
                        .values((
                            match_corrections::match_id.eq(match_id),
                            match_corrections::fact.eq(fact),
                            match_corrections::value.eq(&value),
                            match_corrections::reference.eq(&c.source),
                            match_corrections::note.eq(&c.note),
                        ))
                        .execute(conn)?;
                    out.applied += 1;
                }
                Err(why) => out.warnings.push(format!(
                    "corrections.json: {} v {} on {}: {value}: {why}; not applied",
                    c.at.home, c.at.away, c.at.date
                )),
            }
        }
        Ok(out)
    })
}

/// The match of that date between the two teams named (either way round).
fn find_match(conn: &mut DbConnection, at: &MatchRef) -> Result<Option<i32>, AppError> {
    let (Some(home), Some(away)) = (
        Team::national_by_name(conn, &at.home)?,
        Team::national_by_name(conn, &at.away)?,
    ) else {
        return Ok(None);
    };
    Ok(matches::table
        .filter(matches::played_on.eq(at.date))
        .filter(
            (matches::home_team_id
                .eq(home)
                .and(matches::away_team_id.eq(away)))
            .or(matches::home_team_id
                .eq(away)
                .and(matches::away_team_id.eq(home))),
        )
        .select(matches::id)
        .first(conn)
        .optional()?)
}

/// The player of `team` with a close name: in the match's line-ups, among its scorers, or
/// in the team's squad for the tournament (a substitute sent off from the bench); with the
/// team's id.
fn player_in_match(
    conn: &mut DbConnection,
    match_id: i32,
    team: &str,
    name: &str,
) -> Result<Option<(i32, i32)>, AppError> {
    let Some(team_id) = Team::national_by_name(conn, team)? else {
        return Ok(None);
    };
    let mut candidates: Vec<(i32, String)> = lineups::table
        .inner_join(people::table)
        .filter(lineups::match_id.eq(match_id))
        .filter(lineups::team_id.eq(team_id))
        .select((people::id, people::search_name))
        .load(conn)?;
    candidates.extend(
        goals::table
            .inner_join(people::table)
            .filter(goals::match_id.eq(match_id))
            .filter(goals::team_id.eq(team_id))
            .select((people::id, people::search_name))
            .load::<(i32, String)>(conn)?,
    );
    let tournament: Option<i32> = matches::table
        .find(match_id)
        .select(matches::tournament_id)
        .first(conn)?;
    if let Some(t) = tournament {
        candidates.extend(
            squad_members::table
                .inner_join(people::table)
                .filter(squad_members::tournament_id.eq(t))
                .filter(squad_members::team_id.eq(team_id))
                .select((people::id, people::search_name))
                .load::<(i32, String)>(conn)?,
        );
    }
    let key = search_key(name);
    let unique = |close: &dyn Fn(&str) -> bool| {
        let mut found: Vec<i32> = candidates
            .iter()
            .filter(|(_, n)| close(n))
            .map(|(id, _)| *id)
            .collect();
        found.sort_unstable();
        found.dedup();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    };
    // A close spelling, else the one player of that surname ("Ziad"/"Zied Jaziri").
    let person = unique(&|n| names_close(n, &key)).or_else(|| unique(&|n| surnames_close(n, &key)));
    Ok(person.map(|p| (p, team_id)))
}

impl Fact {
    /// The fact's kind as stored, and its value in words.
    fn label(&self) -> (&'static str, String) {
        match self {
            Fact::Referee { value, .. } => ("REFEREE", value.clone()),
            Fact::Dismissal {
                player,
                minute,
                offset,
                card,
                ..
            } => {
                let at = match offset {
                    0 => format!("{minute}'"),
                    o => format!("{minute}+{o}'"),
                };
                ("DISMISSAL", format!("{player} {card} {at}"))
            }
            Fact::GoalTime {
                player, seconds, ..
            } => ("GOAL_TIME", format!("{player} {seconds} s")),
            Fact::Attendance { value } => ("ATTENDANCE", value.to_string()),
            Fact::KickOutcome { player, value, .. } => {
                ("KICK_OUTCOME", format!("{player} {}", value.to_lowercase()))
            }
        }
    }

    /// Sets the fact on the match; `Ok(Err(why))` when the match does not allow it.
    fn apply(
        &self,
        conn: &mut DbConnection,
        match_id: i32,
        source_id: i32,
    ) -> Result<Result<(), String>, AppError> {
        match self {
            Fact::Attendance { value } => {
                diesel::update(matches::table.find(match_id))
                    .set(matches::attendance.eq(value))
                    .execute(conn)?;
                Ok(Ok(()))
            }
            Fact::Referee { value, nationality } => {
                referee(conn, match_id, value, nationality.as_deref(), source_id)
            }
            Fact::Dismissal {
                team,
                player,
                minute,
                offset,
                card,
            } => {
                let Some(who) = player_in_match(conn, match_id, team, player)? else {
                    return Ok(Err(format!("no {player} of {team} in the match")));
                };
                let kind = CardKind::from_db(card)?;
                dismissal(conn, match_id, who, (*minute, *offset), kind)
            }
            Fact::GoalTime {
                team,
                player,
                minute,
                seconds,
            } => goal_time(conn, match_id, (team, player), *minute, *seconds, source_id),
            Fact::KickOutcome {
                team,
                player,
                value,
            } => {
                let outcome = KickOutcome::from_db(value)?;
                kick_outcome(conn, match_id, (team, player), outcome)
            }
        }
    }
}

/// The named referee refereed the match; whoever the files gave as referee assisted.
fn referee(
    conn: &mut DbConnection,
    match_id: i32,
    name: &str,
    nationality: Option<&str>,
    source_id: i32,
) -> Result<Result<(), String>, AppError> {
    let key = search_key(name);
    let known: Vec<(i32, Option<String>)> = people::table
        .filter(people::search_name.eq(&key))
        .select((people::id, people::nationality))
        .load(conn)?;
    let person = match known
        .iter()
        .find(|(_, n)| n.as_deref() == nationality || nationality.is_none())
    {
        Some((id, _)) => *id,
        None => Person::insert(
            conn,
            &NewPerson {
                full_name: name,
                known_as: None,
                birth_date: None,
                nationality,
                search_name: key,
                source_id: Some(source_id),
            },
        )?,
    };
    diesel::update(
        match_officials::table
            .filter(match_officials::match_id.eq(match_id))
            .filter(match_officials::role.eq(OfficialRole::Referee.as_str()))
            .filter(match_officials::person_id.ne(person)),
    )
    .set(match_officials::role.eq(OfficialRole::Assistant.as_str()))
    .execute(conn)?;
    let present: i64 = match_officials::table
        .filter(match_officials::match_id.eq(match_id))
        .filter(match_officials::person_id.eq(person))
        .count()
        .get_result(conn)?;
    if present > 0 {
        diesel::update(
            match_officials::table
                .filter(match_officials::match_id.eq(match_id))
                .filter(match_officials::person_id.eq(person)),
        )
        .set(match_officials::role.eq(OfficialRole::Referee.as_str()))
        .execute(conn)?;
    } else {
        diesel::insert_into(match_officials::table)
            .values((
                match_officials::match_id.eq(match_id),
                match_officials::person_id.eq(person),
                match_officials::role.eq(OfficialRole::Referee.as_str()),
            ))
            .execute(conn)?;
    }
    Ok(Ok(()))
}

/// The player was sent off: a caution the files give at that minute was the second one;
/// otherwise the card is added.
fn dismissal(
    conn: &mut DbConnection,
    match_id: i32,
    (person, team): (i32, i32),
    (minute, offset): (i32, i32),
    kind: CardKind,
) -> Result<Result<(), String>, AppError> {
    let theirs = cards::table
        .filter(cards::match_id.eq(match_id))
        .filter(cards::person_id.eq(person));
    let sent_off: i64 = theirs
        .filter(cards::kind.ne(CardKind::Yellow.as_str()))
        .count()
        .get_result(conn)?;
    if sent_off > 0 {
        return Ok(Ok(()));
    }
    let same_time: Option<i32> = theirs
        .filter(cards::minute.eq(minute))
        .filter(cards::offset.eq(offset))
        .select(cards::id)
        .first(conn)
        .optional()?;
    match same_time {
        Some(id) if kind == CardKind::SecondYellow => {
            diesel::update(cards::table.find(id))
                .set(cards::kind.eq(kind.as_str()))
                .execute(conn)?;
        }
        _ => {
            diesel::insert_into(cards::table)
                .values((
                    cards::match_id.eq(match_id),
                    cards::team_id.eq(team),
                    cards::person_id.eq(person),
                    cards::minute.eq(minute),
                    cards::offset.eq(offset),
                    cards::kind.eq(kind.as_str()),
                ))
                .execute(conn)?;
        }
    }
    Ok(Ok(()))
}

/// The goal's time in seconds, as a correction's claim about the goal the files give.
fn goal_time(
    conn: &mut DbConnection,
    match_id: i32,
    (team, player): (&str, &str),
    minute: i32,
    seconds: i32,
    source_id: i32,
) -> Result<Result<(), String>, AppError> {
    let Some((scorer, team_id)) = player_in_match(conn, match_id, team, player)? else {
        return Ok(Err(format!("no goal by {player} of {team} in the match")));
    };
    let ordinal: i64 = goal_claims::table
        .filter(goal_claims::match_id.eq(match_id))
        .filter(goal_claims::witness.eq(Witness::Correction.as_str()))
        .count()
        .get_result(conn)?;
    let claim = GoalClaimRow {
        match_id,
        source_id,
        witness: Witness::Correction,
        ordinal: ordinal as i32 + 1,
        team_id,
        scorer_id: Some(scorer),
        scorer_name: Some(player.to_owned()),
        minute: Some(minute),
        stoppage: None,
        seconds: Some(seconds),
        penalty: false,
        own_goal: false,
        line: None,
        goal_id: None,
    };
    crate::insert_batch!(conn, goal_claims::table, &[claim])?;
    reconcile::goals(conn, &[match_id])?;
    Ok(Ok(()))
}

/// The player's failed shootout kick failed this way (saved, or missed the target).
fn kick_outcome(
    conn: &mut DbConnection,
    match_id: i32,
    (team, player): (&str, &str),
    outcome: KickOutcome,
) -> Result<Result<(), String>, AppError> {
    if outcome == KickOutcome::Scored {
        return Ok(Err(
            "a correction says how a kick failed, not that it scored".into(),
        ));
    }
    let Some((taker, _)) = player_in_match(conn, match_id, team, player)? else {
        return Ok(Err(format!("no {player} of {team} in the match")));
    };
    let changed = diesel::update(
        shootout_kicks::table
            .filter(shootout_kicks::match_id.eq(match_id))
            .filter(shootout_kicks::taker_id.eq(taker))
            .filter(shootout_kicks::outcome.ne(KickOutcome::Scored.as_str())),
    )
    .set(shootout_kicks::outcome.eq(outcome.as_str()))
    .execute(conn)?;
    match changed {
        0 => Ok(Err(format!("no failed kick by {player} in the shootout"))),
        _ => Ok(Ok(())),
    }
}
