//! `goalline replay`: plays a finished match back as a new fixture recorded live, event by
//! event, through the same checked writes an editor makes; subscribers see it as if it were
//! being played. Doubles as a check of the rules against real matches.
//!
//! A playback never touches the record: it goes to a stage of its own (of the original's kind,
//! so that the same rules apply) in the edition `playbacks` of a competition of kind PLAYBACK,
//! and names the match it plays back (`Match.playbackOf`). Records, tables, head-to-head and
//! people's matches leave it out.

use std::time::Duration;

use chrono::{Datelike, Utc};
use diesel::Connection;

use super::fixture::{self, NewFixture};
use super::record::{self, At, GoalInput, LineupPlayer};
use super::rules::MatchPhase;
use super::store::{self, MatchUpdate, Written};
use super::MatchState;
use crate::competition::catalogue::Entry;
use crate::competition::{Competition, CompetitionKind};
use crate::db::DbConnection;
use crate::editing::tournament::StageFields;
use crate::error::AppError;
use crate::matches::{CardKind, KickOutcome, Match};
use crate::tournament::{NewTournament, Stage, Tournament};

/// Match minutes a break takes in a replay (a real half time lasts 15).
const BREAK_MINUTES: f64 = 1.0;
/// Match minutes between two shootout kicks.
const KICK_MINUTES: f64 = 0.5;

/// How fast to play: `speed` match minutes per real minute (60: a 90-minute match in 90 s).
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    pub speed: f64,
}

impl Pace {
    fn wait(self, match_minutes: f64) -> Duration {
        if self.speed <= 0.0 || !self.speed.is_finite() {
            return Duration::ZERO;
        }
        Duration::from_secs_f64((match_minutes * 60.0 / self.speed).max(0.0))
    }
}

/// What a replay did.
#[derive(Debug, Default)]
pub struct Summary {
    pub match_id: i32,
    pub updates: usize,
    /// Events of the original that the rules refused, with why (none expected).
    pub refused: Vec<String>,
    /// What the replay had to infer that the source does not say.
    pub notes: Vec<String>,
}

enum Step {
    Goal(GoalInput),
    Card(i32, i32, CardKind, At),
    Sub(i32, i32, i32, bool, At),
    Kick(i32, i32, KickOutcome),
}

/// Match time of an event, in minutes from the start of its period.
fn clock(at: At) -> f64 {
    let start = match at.minute {
        ..=45 => 0,
        46..=90 => 45,
        91..=105 => 90,
        _ => 105,
    };
    f64::from(at.minute - start) + f64::from(at.offset)
}

fn period_of(minute: i32) -> usize {
    match minute {
        ..=45 => 0,
        46..=90 => 1,
        91..=105 => 2,
        _ => 3,
    }
}

/// Plays `source` back. `wait` is called with each pause (the command sleeps; tests do not),
/// `published` with each change written.
pub fn replay(
    conn: &mut DbConnection,
    source: i32,
    pace: Pace,
    mut wait: impl FnMut(Duration),
    mut published: impl FnMut(&MatchUpdate),
) -> Result<Summary, AppError> {
    let (original, state) = store::load_state(conn, source)?;
    if original.status != crate::matches::MatchStatus::Finished {
        return Err(AppError::bad_input(
            "match",
            "only a finished match can be replayed",
        ));
    }
    let stage_id = playback_stage(conn, &original)?;
    let copy = fixture::create(
        conn,
        &NewFixture {
            stage_id,
            group_id: None,
            home_team_id: original.home_team_id,
            away_team_id: original.away_team_id,
            kickoff_utc: Some(Utc::now().naive_utc()),
            utc_offset_minutes: original.utc_offset_minutes,
            venue_id: original.venue_id,
            playback_of: Some(original.id),
        },
    )?;
    let mut summary = Summary {
        match_id: copy,
        ..Summary::default()
    };
    let mut apply =
        |conn: &mut DbConnection,
         summary: &mut Summary,
         what: String,
         change: &dyn Fn(&mut DbConnection, &Match, &MatchState) -> Result<Written, AppError>|
         -> Result<bool, AppError> {
            match store::apply(conn, copy, None, |c, m, s| change(c, m, s)) {
                Ok(applied) => {
                    summary.updates += 1;
                    published(applied.update());
                    Ok(true)
                }
                Err(AppError::RuleViolation { rule, message }) => {
                    summary.refused.push(format!("{what}: {rule}: {message}"));
                    Ok(false)
                }
                Err(e) => Err(e),
            }
        };

    for team in [original.home_team_id, original.away_team_id] {
        let players: Vec<LineupPlayer> = state
            .lineups
            .iter()
            .filter(|l| l.team_id == team)
            .map(|l| LineupPlayer {
                person_id: l.person_id,
                shirt_number: l.shirt_number,
                starter: l.starter,
                captain: l.captain,
            })
            .collect();
        apply(
            conn,
            &mut summary,
            format!("line-up of team {team}"),
            &|c, m, s| record::set_lineup(c, m, s, team, &players),
        )?;
    }

    // The events of each period, in the order they happened.
    let mut periods: [Vec<(At, u8, Step)>; 4] = Default::default();
    for g in &state.goals {
        let Some(minute) = g.minute else {
            summary.refused.push("goal at an unknown minute".to_owned());
            continue;
        };
        let at = At {
            minute,
            offset: g.offset,
        };
        let Some(scorer) = g.scorer_id else {
            summary
                .refused
                .push(format!("goal at {minute}': scorer unknown"));
            continue;
        };
        periods[period_of(minute)].push((
            at,
            0,
            Step::Goal(GoalInput {
                team_id: g.team_id,
                scorer_id: scorer,
                at,
                penalty: g.penalty,
                own_goal: g.own_goal,
                correction: false,
            }),
        ));
    }
    for c in &state.cards {
        let at = At {
            minute: c.minute.clamp(1, 120),
            offset: c.offset,
        };
        let kind = c.kind;
        periods[period_of(at.minute)].push((at, 1, Step::Card(c.team_id, c.person_id, kind, at)));
    }
    for s in &state.substitutions {
        let at = At {
            minute: s.minute,
            offset: s.offset,
        };
        periods[period_of(s.minute)].push((
            at,
            2,
            Step::Sub(s.team_id, s.player_on_id, s.player_off_id, s.concussion, at),
        ));
    }
    for events in &mut periods {
        events.sort_by_key(|(at, order, _)| (at.minute, at.offset, *order));
    }

    let extra_time = original.extra_time().is_some();
    let shootout = original.penalties().is_some();
    let plan: Vec<(MatchPhase, Option<usize>)> = {
        use MatchPhase::*;
        let mut plan = vec![
            (FirstHalf, Some(0)),
            (HalfTime, None),
            (SecondHalf, Some(1)),
        ];
        if extra_time {
            plan.extend([
                (BeforeExtraTime, None),
                (ExtraTimeFirstHalf, Some(2)),
                (ExtraTimeHalfTime, None),
                (ExtraTimeSecondHalf, Some(3)),
            ]);
        }
        if shootout {
            plan.push((PenaltyShootout, None));
        }
        plan.push((FullTime, None));
        plan
    };

    for (phase, events) in plan {
        apply(
            conn,
            &mut summary,
            format!("phase {}", phase.as_str()),
            &|c, m, s| record::change_phase(c, m, s, phase),
        )?;
        if phase == MatchPhase::PenaltyShootout {
            for k in &state.kicks {
                wait(pace.wait(KICK_MINUTES));
                let outcome = k.outcome;
                let Some(taker) = k.taker_id else {
                    summary
                        .refused
                        .push(format!("kick {}: taker unknown", k.ordinal));
                    continue;
                };
                let step = Step::Kick(k.team_id, taker, outcome);
                run_step(conn, &mut summary, &mut apply, &step)?;
            }
            continue;
        }
        let Some(index) = events else {
            wait(pace.wait(BREAK_MINUTES));
            continue;
        };
        let mut now = 0.0;
        // A refused event is retried once after the next one of the same minute: within a
        // minute the source does not say whether a substitute came on before or after a goal.
        let mut pending: Vec<(At, Step)> = Vec::new();
        for (at, _, step) in std::mem::take(&mut periods[index]) {
            let t = clock(at);
            wait(pace.wait(t - now));
            now = now.max(t);
            if !run_step(conn, &mut summary, &mut apply, &step)? {
                summary.refused.pop();
                pending.push((at, step));
                continue;
            }
            pending.retain(|(earlier, step)| {
                if (earlier.minute, earlier.offset) != (at.minute, at.offset) {
                    return true;
                }
                match run_step(conn, &mut summary, &mut apply, step) {
                    Ok(true) => false,
                    _ => {
                        summary.refused.pop();
                        true
                    }
                }
            });
        }
        for (_, step) in pending {
            run_step(conn, &mut summary, &mut apply, &step)?;
        }
    }
    Ok(summary)
}

/// The slug of the competition, and of its one edition, that playbacks go to.
pub const PLAYBACKS: &str = "playbacks";

/// A new stage for a playback of `original`, of its stage's kind, in the edition `playbacks`
/// (created with its competition the first time). Instances learn of both with the playback's
/// first change: a match they do not hold comes with its editions and stages read again.
fn playback_stage(conn: &mut DbConnection, original: &Match) -> Result<i32, AppError> {
    let (Some(tournament_id), Some(stage_id)) = (original.tournament_id, original.stage_id) else {
        return Err(AppError::bad_input(
            "match",
            "only a match of a tournament's stage can be replayed",
        ));
    };
    conn.transaction(|c| {
        let tournament = Tournament::by_ids(c, &[tournament_id])?.remove(0);
        let stage = Stage::by_ids(c, &[stage_id])?.remove(0);
        let edition = playbacks_edition(c)?;
        let n = Stage::of_tournaments(c, &[edition])?.len() + 1;
        let id = crate::editing::tournament::add_stage(
            c,
            &StageFields {
                tournament_id: edition,
                kind: stage.kind,
                name: format!("{}: {}, playback {n}", tournament.name, stage.name),
                order: None,
            },
        )?;
        Ok(id)
    })
}

/// The edition playbacks go to, created with its competition the first time.
fn playbacks_edition(conn: &mut DbConnection) -> Result<i32, AppError> {
    if let Some(found) = Tournament::by_slug(conn, PLAYBACKS)? {
        return Ok(found.id);
    }
    let competition_id = Competition::ensure(
        conn,
        &Entry {
            slug: PLAYBACKS.into(),
            name: "Playbacks".into(),
            kind: CompetitionKind::Playback,
            confederation: None,
            has_editions: true,
        },
    )?;
    Ok(Tournament::insert(
        conn,
        &NewTournament {
            slug: PLAYBACKS,
            name: "Playbacks (goalline replay)",
            competition_id,
            year: Utc::now().year(),
            host: "none: recorded matches played back",
            start_date: None,
            end_date: None,
            source_id: None,
        },
    )?)
}

type Apply<'a> = dyn FnMut(
        &mut DbConnection,
        &mut Summary,
        String,
        &dyn Fn(&mut DbConnection, &Match, &MatchState) -> Result<Written, AppError>,
    ) -> Result<bool, AppError>
    + 'a;

fn run_step(
    conn: &mut DbConnection,
    summary: &mut Summary,
    apply: &mut Apply<'_>,
    step: &Step,
) -> Result<bool, AppError> {
    match step {
        Step::Goal(goal) => apply(
            conn,
            summary,
            format!("goal at {}'", goal.at.minute),
            &|c, m, s| record::record_goal(c, m, s, goal),
        ),
        Step::Card(team, person, kind, at) => {
            let (team, person, kind, at) = (*team, *person, *kind, *at);
            apply(
                conn,
                summary,
                format!("card at {}'", at.minute),
                &|c, m, s| record::record_card(c, m, s, team, person, kind, at, false),
            )
        }
        Step::Sub(team, on, off, concussion, at) => {
            let (team, on, off, at) = (*team, *on, *off, *at);
            let what = format!("substitution at {}'+{}", at.minute, at.offset);
            let done = apply(conn, summary, what.clone(), &|c, m, s| {
                record::record_substitution(c, m, s, team, on, off, *concussion, at, false)
            })?;
            let over_limit = summary
                .refused
                .last()
                .is_some_and(|r| r.starts_with(&what) && r.contains("SUBSTITUTIONS_USED_UP"));
            if done || *concussion || !over_limit {
                return Ok(done);
            }
            // Sources list substitutions without saying which were concussion substitutes:
            // one beyond the limit can only have been one, and is recorded so, with a note.
            summary.refused.pop();
            let done = apply(conn, summary, what.clone(), &|c, m, s| {
                record::record_substitution(c, m, s, team, on, off, true, at, false)
            })?;
            if done {
                summary.notes.push(format!(
                    "{what}: beyond the limit, recorded as a concussion substitute"
                ));
            }
            Ok(done)
        }
        Step::Kick(team, taker, outcome) => {
            let (team, taker, outcome) = (*team, *taker, *outcome);
            apply(conn, summary, "shootout kick".into(), &|c, m, s| {
                record::record_kick(c, m, s, team, taker, outcome)
            })
        }
    }
}

/// The match a command names: a global ID, a row number, or `2022-final` (the headline case).
pub fn find_match(conn: &mut DbConnection, reference: &str) -> Result<i32, AppError> {
    use crate::schema::{matches, stages, tournaments};
    use diesel::prelude::*;
    if let Ok(row) = reference.parse::<i32>() {
        return Ok(row);
    }
    if let Ok(row) = crate::graphql::id::decode(&reference.into(), "Match", "match") {
        return Ok(row);
    }
    if let Some(year) = reference.strip_suffix("-final") {
        let slug = format!("world-cup-{year}");
        let found: Option<i32> = matches::table
            .inner_join(tournaments::table)
            .inner_join(stages::table)
            .filter(tournaments::slug.eq(&slug))
            .filter(stages::kind.eq(crate::tournament::StageKind::Final))
            .select(matches::id)
            .first(conn)
            .optional()?;
        return found.ok_or_else(|| AppError::NotFound(format!("no final of {slug}")));
    }
    Err(AppError::bad_input(
        "match",
        "give a match ID, a row number or e.g. `2022-final`",
    ))
}
