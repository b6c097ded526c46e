//! Group tables with the tie-breakers of the edition: points (two for a win until 1990, three
//! from 1994), then goal average (1958-1966) or goal difference, goals scored, and then the
//! results between the tied teams. Ties those leave (fair play, drawing of lots) are marked.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::matches::Match;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandingRow {
    pub team_id: i32,
    pub played: i32,
    pub won: i32,
    pub drawn: i32,
    pub lost: i32,
    pub goals_for: i32,
    pub goals_against: i32,
    pub points: i32,
    /// Still level with a neighbour after every tie-breaker computed here.
    pub tied: bool,
}

impl StandingRow {
    pub fn difference(&self) -> i32 {
        self.goals_for - self.goals_against
    }
}

/// Points for a win in the edition of `year`.
pub fn points_for_win(year: i32) -> i32 {
    if year >= 1994 {
        3
    } else {
        2
    }
}

/// Goals each side scored in a finished match: after extra time when it was played.
pub fn final_goals(m: &Match) -> Option<(i32, i32)> {
    let s = m.extra_time().or(m.full_time())?;
    Some((s.home, s.away))
}

fn table(matches: &[&Match], year: i32) -> HashMap<i32, StandingRow> {
    let win = points_for_win(year);
    let mut rows: HashMap<i32, StandingRow> = HashMap::new();
    for m in matches {
        for team in [m.home_team_id, m.away_team_id] {
            rows.entry(team).or_insert_with(|| StandingRow {
                team_id: team,
                ..StandingRow::default()
            });
        }
        let Some((home, away)) = final_goals(m) else {
            continue;
        };
        for (team, scored, conceded) in [(m.home_team_id, home, away), (m.away_team_id, away, home)]
        {
            let row = rows.get_mut(&team).expect("inserted above");
            row.played += 1;
            row.goals_for += scored;
            row.goals_against += conceded;
            match scored.cmp(&conceded) {
                Ordering::Greater => {
                    row.won += 1;
                    row.points += win;
                }
                Ordering::Equal => {
                    row.drawn += 1;
                    row.points += 1;
                }
                Ordering::Less => row.lost += 1,
            }
        }
    }
    rows
}

/// The table of a group (or final round) from its matches, best first.
pub fn standings(matches: &[Match], year: i32) -> Vec<StandingRow> {
    let all: Vec<&Match> = matches.iter().collect();
    let rows = table(&all, year);
    let goal_average = (1958..=1966).contains(&year);
    let overall = |a: &StandingRow, b: &StandingRow| -> Ordering {
        b.points.cmp(&a.points).then_with(|| {
            if goal_average {
                // a.gf / a.ga > b.gf / b.ga, compared without division (0 conceded is best).
                (i64::from(b.goals_for) * i64::from(a.goals_against))
                    .cmp(&(i64::from(a.goals_for) * i64::from(b.goals_against)))
            } else {
                b.difference().cmp(&a.difference())
            }
            .then(b.goals_for.cmp(&a.goals_for))
        })
    };
    let mut ordered: Vec<StandingRow> = rows.into_values().collect();
    ordered.sort_by(|a, b| overall(a, b).then(a.team_id.cmp(&b.team_id)));

    // Teams level on all of that are ordered by the matches between them.
    let mut i = 0;
    while i < ordered.len() {
        let mut j = i + 1;
        while j < ordered.len() && overall(&ordered[i], &ordered[j]) == Ordering::Equal {
            j += 1;
        }
        if j - i > 1 {
            let ids: Vec<i32> = ordered[i..j].iter().map(|r| r.team_id).collect();
            let between: Vec<&Match> = matches
                .iter()
                .filter(|m| ids.contains(&m.home_team_id) && ids.contains(&m.away_team_id))
                .collect();
            let mini = table(&between, year);
            let key = |r: &StandingRow| {
                let m = &mini[&r.team_id];
                (m.points, m.difference(), m.goals_for)
            };
            ordered[i..j].sort_by(|a, b| key(b).cmp(&key(a)).then(a.team_id.cmp(&b.team_id)));
            for k in i..j {
                let level_before = k > i && key(&ordered[k]) == key(&ordered[k - 1]);
                let level_after = k + 1 < j && key(&ordered[k]) == key(&ordered[k + 1]);
                ordered[k].tied = level_before || level_after;
            }
        }
        i = j;
    }
    ordered
}
