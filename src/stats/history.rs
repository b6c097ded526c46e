//! Across tournaments: who finished where, a nation's record, head-to-head, and trivia.

use std::collections::HashMap;

use super::standings::{final_goals, standings};
use crate::matches::{Match, MatchStatus};
use crate::tournament::{Stage, StageKind, Tournament};

crate::text_enum! {
    /// How far a team went in a tournament.
    Finish {
        /// Won the tournament.
        Champion => "CHAMPION",
        /// Lost the final (or finished second in a final round).
        RunnerUp => "RUNNER_UP",
        /// Third place.
        Third => "THIRD",
        /// Fourth place.
        Fourth => "FOURTH",
        /// Lost a semi-final where no third-place match was played.
        SemiFinal => "SEMI_FINAL",
        /// Went out in the quarter-finals.
        QuarterFinal => "QUARTER_FINAL",
        /// Went out in a second group stage.
        SecondGroupStage => "SECOND_GROUP_STAGE",
        /// Went out in the round of 16.
        RoundOf16 => "ROUND_OF_16",
        /// Went out in the round of 32.
        RoundOf32 => "ROUND_OF_32",
        /// Went out in the (first) group stage.
        GroupStage => "GROUP_STAGE",
    }
}

impl Finish {
    /// Lower is better.
    fn rank(self) -> u8 {
        self as u8
    }
}

/// The top four of a tournament, where known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Podium {
    pub winner: Option<i32>,
    pub runner_up: Option<i32>,
    pub third: Option<i32>,
    pub fourth: Option<i32>,
}

fn stage_matches<'m>(stage: &Stage, matches: &'m [Match]) -> Vec<&'m Match> {
    let mut ms: Vec<&Match> = matches
        .iter()
        .filter(|m| m.stage_id == Some(stage.id))
        .collect();
    ms.sort_by_key(|m| m.number);
    ms
}

fn decided(m: &Match) -> (Option<i32>, Option<i32>) {
    (m.winner_id(), m.loser_id())
}

/// Whether every match is over: a tournament still being played has no podium or finishes.
fn all_finished(matches: &[Match]) -> bool {
    matches.iter().all(|m| m.status == MatchStatus::Finished)
}

/// Winner and runner-up from the final, or from the final round's table (1950); third and
/// fourth from the third-place match or that table. Empty until every match is finished.
pub fn podium(year: i32, stages: &[Stage], matches: &[Match]) -> Podium {
    let mut podium = Podium::default();
    if !all_finished(matches) {
        return podium;
    }
    let find = |kind: StageKind| stages.iter().find(|s| s.kind == kind);
    if let Some(last) = find(StageKind::Final).and_then(|s| stage_matches(s, matches).pop()) {
        (podium.winner, podium.runner_up) = decided(last);
    } else if let Some(stage) = find(StageKind::FinalRound) {
        let ms: Vec<Match> = stage_matches(stage, matches).into_iter().cloned().collect();
        // A final round is a World Cup's (1950): its tie-breakers.
        let table = standings(&ms, super::standings::Rules::of("world-cup", year));
        let at = |i: usize| table.get(i).map(|r| r.team_id);
        podium = Podium {
            winner: at(0),
            runner_up: at(1),
            third: at(2),
            fourth: at(3),
        };
    }
    if let Some(last) = find(StageKind::ThirdPlace).and_then(|s| stage_matches(s, matches).pop()) {
        (podium.third, podium.fourth) = decided(last);
    }
    podium
}

/// Where `team` finished in a tournament it played in.
pub fn finish(team: i32, year: i32, stages: &[Stage], matches: &[Match]) -> Option<Finish> {
    if !all_finished(matches) {
        return None;
    }
    let p = podium(year, stages, matches);
    let place = [
        (p.winner, Finish::Champion),
        (p.runner_up, Finish::RunnerUp),
        (p.third, Finish::Third),
        (p.fourth, Finish::Fourth),
    ];
    if let Some((_, finish)) = place.iter().find(|(t, _)| *t == Some(team)) {
        return Some(*finish);
    }
    // Otherwise: the furthest stage the team played in.
    let mut ordered: Vec<&Stage> = stages.iter().collect();
    ordered.sort_by_key(|s| s.ordinal);
    let first_group = ordered.iter().position(|s| s.kind == StageKind::Group);
    let furthest = ordered.iter().enumerate().rev().find(|(_, s)| {
        matches
            .iter()
            .any(|m| m.stage_id == Some(s.id) && (m.home_team_id == team || m.away_team_id == team))
    })?;
    let (index, stage) = furthest;
    Some(match stage.kind {
        StageKind::Group if Some(index) != first_group => Finish::SecondGroupStage,
        StageKind::Group => Finish::GroupStage,
        StageKind::RoundOf32 => Finish::RoundOf32,
        StageKind::RoundOf16 | StageKind::Replay => Finish::RoundOf16,
        StageKind::QuarterFinal => Finish::QuarterFinal,
        StageKind::SemiFinal | StageKind::ThirdPlace => Finish::SemiFinal,
        StageKind::Final | StageKind::FinalRound => Finish::RunnerUp,
    })
}

/// A nation's record over the matches given (a shootout counts as a draw, as FIFA counts it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamRecord {
    pub tournaments: i32,
    pub played: i32,
    pub won: i32,
    pub drawn: i32,
    pub lost: i32,
    pub goals_for: i32,
    pub goals_against: i32,
    pub titles: i32,
    pub best_finish: Option<Finish>,
}

pub fn team_record(
    team: i32,
    tournaments: &[Tournament],
    stages: &[Stage],
    matches: &[Match],
) -> TeamRecord {
    let mut record = TeamRecord::default();
    for t in tournaments {
        let t_matches: Vec<Match> = matches
            .iter()
            .filter(|m| m.tournament_id == Some(t.id))
            .cloned()
            .collect();
        let played_here: Vec<&Match> = t_matches
            .iter()
            .filter(|m| m.home_team_id == team || m.away_team_id == team)
            .collect();
        if played_here.is_empty() {
            continue;
        }
        record.tournaments += 1;
        for m in &played_here {
            let Some((home, away)) = final_goals(m) else {
                continue;
            };
            let (scored, conceded) = if m.home_team_id == team {
                (home, away)
            } else {
                (away, home)
            };
            record.played += 1;
            record.goals_for += scored;
            record.goals_against += conceded;
            match scored.cmp(&conceded) {
                std::cmp::Ordering::Greater => record.won += 1,
                std::cmp::Ordering::Equal => record.drawn += 1,
                std::cmp::Ordering::Less => record.lost += 1,
            }
        }
        let t_stages: Vec<Stage> = stages
            .iter()
            .filter(|s| s.tournament_id == t.id)
            .cloned()
            .collect();
        if let Some(f) = finish(team, t.year, &t_stages, &t_matches) {
            record.titles += i32::from(f == Finish::Champion);
            if record.best_finish.is_none_or(|b| f.rank() < b.rank()) {
                record.best_finish = Some(f);
            }
        }
    }
    record
}

/// Every meeting of two teams, and the totals with shootouts told apart from draws.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadToHead {
    pub match_ids: Vec<i32>,
    pub wins_a: i32,
    pub wins_b: i32,
    /// Level after extra time and not decided by a shootout.
    pub draws: i32,
    pub shootout_wins_a: i32,
    pub shootout_wins_b: i32,
    pub goals_a: i32,
    pub goals_b: i32,
}

pub fn head_to_head(a: i32, b: i32, matches: &[Match]) -> HeadToHead {
    let mut h = HeadToHead::default();
    let mut meetings: Vec<&Match> = matches
        .iter()
        .filter(|m| {
            (m.home_team_id == a && m.away_team_id == b)
                || (m.home_team_id == b && m.away_team_id == a)
        })
        .collect();
    meetings.sort_by_key(|m| (m.kickoff_utc, m.id));
    for m in meetings {
        h.match_ids.push(m.id);
        let Some((home, away)) = final_goals(m) else {
            continue;
        };
        let (ga, gb) = if m.home_team_id == a {
            (home, away)
        } else {
            (away, home)
        };
        h.goals_a += ga;
        h.goals_b += gb;
        match (ga.cmp(&gb), m.penalties().is_some()) {
            (std::cmp::Ordering::Greater, _) => h.wins_a += 1,
            (std::cmp::Ordering::Less, _) => h.wins_b += 1,
            (std::cmp::Ordering::Equal, true) if m.winner_id() == Some(a) => h.shootout_wins_a += 1,
            (std::cmp::Ordering::Equal, true) => h.shootout_wins_b += 1,
            (std::cmp::Ordering::Equal, false) => h.draws += 1,
        }
    }
    h
}

/// Teams by the number of penalty shootouts they took part in, most first.
pub fn most_shootouts(matches: &[Match], limit: usize) -> Vec<(i32, i32)> {
    let mut counts: HashMap<i32, i32> = HashMap::new();
    for m in matches.iter().filter(|m| m.penalties().is_some()) {
        *counts.entry(m.home_team_id).or_default() += 1;
        *counts.entry(m.away_team_id).or_default() += 1;
    }
    let mut list: Vec<(i32, i32)> = counts.into_iter().collect();
    list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    list.truncate(limit);
    list
}
