//! The changes an editor makes to a live match, each a `change` for `store::apply`: it checks
//! the rules against the match as it stands, then writes.

use diesel::prelude::*;

use super::rules::{MatchPhase, MatchState};
use super::store::{UpdateKind, Written};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::matches::{CardKind, KickOutcome, Match, MatchStatus};
use crate::schema::{cards, goals, lineups, matches, people, shootout_kicks, substitutions};

/// Most substitutes a line-up may name (26-player squads: 11 starters and 15 on the bench).
pub const MAX_SUBSTITUTES: usize = 15;

/// When something happened: minute and stoppage time.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub minute: i32,
    pub offset: i32,
}

pub fn change_phase(
    conn: &mut DbConnection,
    m: &Match,
    state: &MatchState,
    to: MatchPhase,
) -> Result<Written, AppError> {
    state.check_phase(to)?;
    let score = state.score();
    let (home, away) = (Some(score.home), Some(score.away));
    let leaving = state.phase;
    let status = if to == MatchPhase::FullTime {
        MatchStatus::Finished
    } else {
        MatchStatus::Live
    };
    // Each break records the score of the part just played; the rest stays as stored.
    let (mut ht, mut ft, mut et, mut pen) = (
        (m.ht_home, m.ht_away),
        (m.ft_home, m.ft_away),
        (m.et_home, m.et_away),
        (m.pen_home, m.pen_away),
    );
    match (leaving, to) {
        (Some(MatchPhase::FirstHalf), MatchPhase::HalfTime) => ht = (home, away),
        (Some(MatchPhase::SecondHalf), _) => ft = (home, away),
        (Some(MatchPhase::ExtraTimeSecondHalf), _) => et = (home, away),
        (Some(MatchPhase::PenaltyShootout), _) => {
            et = (home, away);
            let kicks = state.kicks_scored();
            pen = (Some(kicks.home), Some(kicks.away));
        }
        _ => {}
    }
    // Extra time and the shootout are stored once the match is over (the table keeps those
    // scores for finished matches only); until then they are derived from the events.
    let (et_stored, pen_stored) = if status == MatchStatus::Finished {
        (et, pen)
    } else {
        ((None, None), (None, None))
    };
    diesel::update(matches::table.find(m.id))
        .set((
            matches::status.eq(status.as_str()),
            matches::phase.eq(Some(to)),
            matches::ht_home.eq(ht.0),
            matches::ht_away.eq(ht.1),
            matches::ft_home.eq(ft.0),
            matches::ft_away.eq(ft.1),
            matches::et_home.eq(et_stored.0),
            matches::et_away.eq(et_stored.1),
            matches::pen_home.eq(pen_stored.0),
            matches::pen_away.eq(pen_stored.1),
        ))
        .execute(conn)?;
    Ok(Written {
        kind: UpdateKind::Phase,
        event_id: None,
    })
}

/// One player of a line-up.
#[derive(Debug, Clone)]
pub struct LineupPlayer {
    pub person_id: i32,
    pub shirt_number: Option<i32>,
    pub starter: bool,
    pub captain: bool,
}

/// Sets (or replaces) a team's line-up before kick-off.
pub fn set_lineup(
    conn: &mut DbConnection,
    m: &Match,
    state: &MatchState,
    team: i32,
    players: &[LineupPlayer],
) -> Result<Written, AppError> {
    state.check_team(team, "teamId")?;
    if state.status != MatchStatus::Scheduled {
        return Err(AppError::rule(
            "LINEUP_LOCKED",
            "line-ups are set before kick-off; after it, use substitutions",
        ));
    }
    let starters = players.iter().filter(|p| p.starter).count();
    if starters != 11 {
        return Err(AppError::bad_input(
            "players",
            format!("a line-up has 11 starters, not {starters}"),
        ));
    }
    if players.len() - starters > MAX_SUBSTITUTES {
        return Err(AppError::bad_input(
            "players",
            format!("at most {MAX_SUBSTITUTES} substitutes"),
        ));
    }
    if players.iter().filter(|p| p.captain).count() > 1
        || players.iter().any(|p| p.captain && !p.starter)
    {
        return Err(AppError::bad_input(
            "players",
            "one captain at most, among the starters",
        ));
    }
    let mut ids: Vec<i32> = players.iter().map(|p| p.person_id).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != players.len() {
        return Err(AppError::bad_input("players", "a player is listed twice"));
    }
    let opponents = state.opponent(team);
    if state
        .lineups
        .iter()
        .any(|l| l.team_id == opponents && ids.contains(&l.person_id))
    {
        return Err(AppError::bad_input(
            "players",
            "a player is already in the other team's line-up",
        ));
    }
    let known: i64 = people::table
        .filter(people::id.eq_any(&ids))
        .count()
        .get_result(conn)?;
    if known != ids.len() as i64 {
        return Err(AppError::NotFound(
            "a player of the line-up is not a known person".into(),
        ));
    }
    diesel::delete(
        lineups::table
            .filter(lineups::match_id.eq(m.id))
            .filter(lineups::team_id.eq(team)),
    )
    .execute(conn)?;
    let rows: Vec<_> = players
        .iter()
        .enumerate()
        .map(|(i, p)| crate::matches::NewLineupEntry {
            match_id: m.id,
            team_id: team,
            person_id: p.person_id,
            shirt_number: p.shirt_number,
            starter: p.starter,
            captain: p.captain,
            ordinal: i as i32 + 1,
        })
        .collect();
    crate::matches::LineupEntry::insert_all(conn, &rows)?;
    Ok(Written {
        kind: UpdateKind::Lineup,
        event_id: None,
    })
}

/// A goal as an editor records it.
#[derive(Debug, Clone)]
pub struct GoalInput {
    pub team_id: i32,
    pub scorer_id: i32,
    pub at: At,
    pub penalty: bool,
    pub own_goal: bool,
    pub correction: bool,
}

pub fn record_goal(
    conn: &mut DbConnection,
    m: &Match,
    state: &MatchState,
    goal: &GoalInput,
) -> Result<Written, AppError> {
    state.check_open(goal.correction)?;
    if goal.penalty && goal.own_goal {
        return Err(AppError::bad_input(
            "ownGoal",
            "a penalty is not an own goal",
        ));
    }
    state.check_minute(goal.at.minute, goal.at.offset, false)?;
    state.check_goal(goal.team_id, goal.scorer_id, goal.own_goal)?;
    let id = diesel::insert_into(goals::table)
        .values(crate::matches::NewGoal {
            match_id: m.id,
            team_id: goal.team_id,
            scorer_id: Some(goal.scorer_id),
            minute: Some(goal.at.minute),
            offset: goal.at.offset,
            penalty: goal.penalty,
            own_goal: goal.own_goal,
        })
        .returning(goals::id)
        .get_result(conn)?;
    Ok(Written {
        kind: UpdateKind::Goal,
        event_id: Some(id),
    })
}

#[allow(clippy::too_many_arguments)]
pub fn record_card(
    conn: &mut DbConnection,
    m: &Match,
    state: &MatchState,
    team: i32,
    person: i32,
    kind: CardKind,
    at: At,
    correction: bool,
) -> Result<Written, AppError> {
    state.check_open(correction)?;
    state.check_minute(at.minute, at.offset, true)?;
    let kind = state.card_kind(team, person, kind)?;
    let id = diesel::insert_into(cards::table)
        .values(crate::matches::NewCard {
            match_id: m.id,
            team_id: team,
            person_id: person,
            minute: at.minute,
            offset: at.offset,
            kind: kind.as_str(),
        })
        .returning(cards::id)
        .get_result(conn)?;
    Ok(Written {
        kind: UpdateKind::Card,
        event_id: Some(id),
    })
}

#[allow(clippy::too_many_arguments)]
pub fn record_substitution(
    conn: &mut DbConnection,
    m: &Match,
    state: &MatchState,
    team: i32,
    on: i32,
    off: i32,
    concussion: bool,
    at: At,
    correction: bool,
) -> Result<Written, AppError> {
    state.check_open(correction)?;
    state.check_minute(at.minute, at.offset, true)?;
    state.check_substitution(team, on, off, concussion)?;
    let id = diesel::insert_into(substitutions::table)
        .values(crate::matches::NewSubstitution {
            match_id: m.id,
            team_id: team,
            player_on_id: on,
            player_off_id: off,
            minute: at.minute,
            offset: at.offset,
        })
        .returning(substitutions::id)
        .get_result(conn)?;
    if concussion {
        diesel::update(substitutions::table.find(id))
            .set(substitutions::concussion.eq(true))
            .execute(conn)?;
    }
    Ok(Written {
        kind: UpdateKind::Substitution,
        event_id: Some(id),
    })
}

pub fn record_kick(
    conn: &mut DbConnection,
    m: &Match,
    state: &MatchState,
    team: i32,
    taker: i32,
    outcome: KickOutcome,
) -> Result<Written, AppError> {
    if state.status != MatchStatus::Live {
        return Err(AppError::rule(
            "NOT_IN_SHOOTOUT",
            "shootout kicks are recorded live, in the PENALTY_SHOOTOUT phase",
        ));
    }
    state.check_kick(team, taker)?;
    let mut tally = state.kicks_scored();
    if outcome == KickOutcome::Scored {
        if team == state.home {
            tally.home += 1;
        } else {
            tally.away += 1;
        }
    }
    let id = diesel::insert_into(shootout_kicks::table)
        .values(crate::matches::NewShootoutKick {
            match_id: m.id,
            ordinal: state.kicks.len() as i32 + 1,
            team_id: team,
            taker_id: Some(taker),
            outcome: outcome.as_str(),
            home_score: tally.home,
            away_score: tally.away,
        })
        .returning(shootout_kicks::id)
        .get_result(conn)?;
    Ok(Written {
        kind: UpdateKind::ShootoutKick,
        event_id: Some(id),
    })
}

/// Which kind of event a deletion is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Goal,
    Card,
    Substitution,
    ShootoutKick,
}

pub fn delete_event(
    conn: &mut DbConnection,
    m: &Match,
    state: &MatchState,
    kind: EventKind,
    id: i32,
    correction: bool,
) -> Result<Written, AppError> {
    state.check_open(correction)?;
    let missing = || AppError::NotFound("this match has no such event".into());
    let deleted = match kind {
        EventKind::Goal => diesel::delete(
            goals::table
                .filter(goals::id.eq(id))
                .filter(goals::match_id.eq(m.id)),
        )
        .execute(conn)?,
        EventKind::Card => diesel::delete(
            cards::table
                .filter(cards::id.eq(id))
                .filter(cards::match_id.eq(m.id)),
        )
        .execute(conn)?,
        EventKind::Substitution => {
            let sub = state
                .substitutions
                .iter()
                .find(|s| s.id == id)
                .ok_or_else(missing)?;
            // Whoever came on must not have done anything since, or the record would not hold.
            let active = state
                .goals
                .iter()
                .any(|g| g.scorer_id == Some(sub.player_on_id))
                || state.cards.iter().any(|c| c.person_id == sub.player_on_id)
                || state
                    .substitutions
                    .iter()
                    .any(|s| s.player_off_id == sub.player_on_id)
                || state
                    .kicks
                    .iter()
                    .any(|k| k.taker_id == Some(sub.player_on_id));
            if active {
                return Err(AppError::rule(
                    "EVENT_IN_USE",
                    "the substitute has goals, cards or kicks recorded; delete those first",
                ));
            }
            diesel::delete(substitutions::table.filter(substitutions::id.eq(id))).execute(conn)?
        }
        EventKind::ShootoutKick => {
            // Each kick stores the running tally: only the last can go without rewriting others.
            if state.kicks.last().map(|k| k.id) != Some(id) {
                return Err(if state.kicks.iter().any(|k| k.id == id) {
                    AppError::rule(
                        "ONLY_LAST_KICK",
                        "only the last shootout kick can be deleted",
                    )
                } else {
                    missing()
                });
            }
            diesel::delete(shootout_kicks::table.filter(shootout_kicks::id.eq(id))).execute(conn)?
        }
    };
    if deleted == 0 {
        return Err(missing());
    }
    Ok(Written {
        kind: match kind {
            EventKind::Goal => UpdateKind::GoalDeleted,
            EventKind::Card => UpdateKind::CardDeleted,
            EventKind::Substitution => UpdateKind::SubstitutionDeleted,
            EventKind::ShootoutKick => UpdateKind::ShootoutKickDeleted,
        },
        event_id: Some(id),
    })
}
